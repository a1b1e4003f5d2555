//! The typed facts of each gap code and the words derived from them.
//!
//! One variant per code. A payload's serialised fields are the gap's JSON
//! `data` (and its schema); fields marked `skip` are only used for the words.
//! Producers build a payload; nothing else formats a gap's text.

mod availability;
mod catalog;
mod features;
mod limits;
mod schedule;

pub use availability::*;
pub use catalog::*;
pub use features::*;
pub use limits::*;
pub use schedule::*;

use super::GapCode;

/// The words of a gap, derived from its facts.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::gap) struct Text {
    pub subject: String,
    pub message: String,
    pub suggestion: Option<String>,
}

pub(super) fn text(
    subject: impl Into<String>,
    message: impl Into<String>,
    suggestion: Option<String>,
) -> Text {
    Text {
        subject: subject.into(),
        message: message.into(),
        suggestion,
    }
}

/// "did you mean "x"?" when there is a near id, else the fallback advice.
pub(super) fn nearest_or(nearest: &Option<String>, fallback: impl Into<String>) -> Option<String> {
    Some(match nearest {
        Some(n) => crate::suggest::meant(n),
        None => fallback.into(),
    })
}

macro_rules! gap_kinds {
    ($( $variant:ident($payload:ty) = $code:ident; )*) => {
        /// What a gap is, with its typed facts: one variant per code.
        #[derive(Debug, Clone, PartialEq)]
        pub enum GapKind { $( $variant($payload), )* }

        impl GapKind {
            pub fn code(&self) -> GapCode {
                match self { $( GapKind::$variant(_) => GapCode::$code, )* }
            }
            /// Serialises the facts straight into a report (the gap's `data`).
            pub(in crate::gap) fn serialize_data<S: serde::Serializer>(
                &self,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                match self { $( GapKind::$variant(p) => serde::Serialize::serialize(p, s), )* }
            }
            /// The facts as JSON (the gap's `data`).
            pub fn data(&self) -> serde_json::Value {
                match self {
                    $( GapKind::$variant(p) => serde_json::to_value(p).unwrap_or_default(), )*
                }
            }
            pub(in crate::gap) fn text(&self) -> Text {
                match self { $( GapKind::$variant(p) => p.text(GapCode::$code), )* }
            }
        }

        /// The schema of `data` for every code, in table order.
        pub(in crate::gap) fn data_schemas(
            generator: &mut schemars::SchemaGenerator,
        ) -> Vec<(GapCode, schemars::Schema)> {
            vec![ $( (GapCode::$code, generator.subschema_for::<$payload>()), )* ]
        }
    };
}

gap_kinds! {
    UnknownFeature(UnknownFeature) = F001;
    UnplannedFeature(FeatureState) = F002;
    RetiredFeature(FeatureState) = F003;
    RoadmapTooLate(FeatureState) = F004;
    RoadmapPulledForward(FeatureState) = F005;
    RoadmapDependency(FeatureState) = F006;
    BetaFeature(FeatureState) = F007;
    ImpliedFeature(Implied) = F008;
    ConflictingFeatures(Conflict) = F009;
    LateDelivery(Late) = S001;
    DeadlineBeforeStart(StartAndDeadline) = S002;
    LowConfidence(LowConfidence) = S003;
    UnknownTeam(UnknownTeam) = S004;
    UnknownDependency(UnknownDependency) = S005;
    DeadlinePassed(DeadlinePassed) = S006;
    AvailabilityOverPromise(OverPromise) = A001;
    PerfectAvailability(Target) = A002;
    WindowNotCovered(NotCovered) = A003;
    TierNeedsFeatures(NeedsFeatures) = A004;
    AboveTrackRecord(TrackRecord) = A005;
    ArchitectureLimit(Architecture) = A006;
    SupportTooFast(Support) = A007;
    OverLimit(OverLimit) = L001;
    NotOffered(NotOffered) = L002;
    UnknownRequirement(UnknownRequirement) = L003;
    PlannedWithoutDate(CatalogFeature) = C001;
    WorkNeverScheduled(CatalogFeature) = C002;
    EtaIgnored(CatalogFeature) = C003;
    RequiresConflict(RequiresConflict) = C004;
    TeamWithoutPeople(CatalogTeam) = C005;
    OvercommittedTeam(Overcommitted) = C006;
}
