//! The validated catalog and deal: what the checks work on.
//!
//! Everything the catalog holds has passed range and reference checks in
//! `load`: a [`FeatureId`], [`TeamId`] or [`ComponentId`] always names an
//! entry, and no number is NaN. A deal's ids are as sales wrote them (a
//! mistyped one is a gap, not an input error). Items keep the [`Location`] of
//! what a gap about them should point at. The model owns its types; `load`
//! builds them and nothing here knows about files or TOML.
//!
//! The model is data: values that can be cloned and compared, with no
//! caches, locks or run-time indexes beyond the id look-ups. What a run
//! works out from a catalog (calendars, capacity grids, coverage answers,
//! did-you-mean) lives in `check::Prepared`.

use crate::source::Location;
use crate::window::Window;
use chrono::NaiveDate;
use chrono_tz::Tz;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// An enum of the words a file may write for a key, declared once: the
/// variants, `ALL` (every one, in order) and each one's word, which serde
/// reads and writes, `as_str` returns and the input shape (`load::shape`)
/// offers in its checks, messages and JSON Schema.
macro_rules! words {
    ($(#[$meta:meta])* pub enum $name:ident {
        $( $(#[$vmeta:meta])* $variant:ident = $word:literal, )*
    }) => {
        $(#[$meta])*
        pub enum $name { $( $(#[$vmeta])* #[serde(rename = $word)] $variant, )* }

        impl $name {
            /// Every value, in the order the docs list them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];

            /// The word as files and reports write it.
            pub const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $word, )* }
            }
        }
    };
}

words! {
    /// Where a feature stands on the roadmap; decides its feature gap.
    #[derive(
        serde::Deserialize, serde::Serialize, schemars::JsonSchema, Clone, Copy, Debug, PartialEq, Eq,
    )]
    pub enum FeatureStatus {
        Ga = "ga",
        Beta = "beta",
        Planned = "planned",
        Unplanned = "unplanned",
        Retired = "retired",
    }
}

words! {
    /// Where a deal stands: a signed deal holds capacity in the book; a
    /// proposed one is checked against what the book leaves; delivered and
    /// lost deals hold nothing and are not judged (a repo keeps its history).
    #[derive(
        serde::Deserialize, serde::Serialize, schemars::JsonSchema, Clone, Copy, Debug, PartialEq, Eq,
    )]
    pub enum DealStatus {
        Proposed = "proposed",
        Signed = "signed",
        Delivered = "delivered",
        Lost = "lost",
    }
}

impl DealStatus {
    /// A deal that does not say is proposed.
    pub const DEFAULT: DealStatus = DealStatus::Proposed;

    /// Delivered and lost deals are history: not judged, holding nothing.
    pub fn is_closed(self) -> bool {
        matches!(self, DealStatus::Delivered | DealStatus::Lost)
    }
}

impl Default for DealStatus {
    fn default() -> Self {
        Self::DEFAULT
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(usize);

        impl $name {
            /// Its position in the catalog's list.
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl From<usize> for $name {
            fn from(i: usize) -> $name {
                $name(i)
            }
        }
    };
}

id_type!(
    /// A feature of the catalog.
    FeatureId
);

/// A map keyed by catalog ids, hashed with FxHash (`rustc-hash`): the ids
/// are positions dealcheck assigns, not text an attacker picks, so SipHash's
/// protection buys nothing and costs a deal's checks dozens of hashes. Maps
/// keyed by text from input files keep the standard library's keyed hash.
pub type IdMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// A set of catalog ids (see [`IdMap`]).
pub type IdSet<K> = rustc_hash::FxHashSet<K>;

id_type!(
    /// A team of the catalog.
    TeamId
);
id_type!(
    /// A component of the catalog.
    ComponentId
);

/// What operations can deliver: data only. What a run works out from it
/// (calendars, capacity grids, coverage answers, did-you-mean indexes) is
/// kept beside it in `check::Prepared`, which a run builds once per catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub path: PathBuf,
    pub name: String,
    pub timezone: Tz,
    pub business_hours: Window,
    pub holidays: BTreeSet<NaiveDate>,
    /// On-time probability below this is at risk (S003).
    pub confidence: f64,
    /// The chance of winning a proposed deal that names none (a fraction).
    pub default_probability: f64,
    pub features: Vec<Feature>,
    pub teams: Vec<Team>,
    pub components: Vec<Component>,
    pub tiers: Vec<Tier>,
    pub limits: Vec<Limit>,
    /// Feature and team ids to their positions, for `feature()` and `team()`.
    pub(crate) feature_index: HashMap<String, usize>,
    pub(crate) team_index: HashMap<String, usize>,
}

impl Catalog {
    pub fn feature(&self, id: &str) -> Option<FeatureId> {
        self.feature_index.get(id).map(|&i| FeatureId(i))
    }

    pub fn team(&self, id: &str) -> Option<TeamId> {
        self.team_index.get(id).map(|&i| TeamId(i))
    }

    pub fn feature_at(&self, id: FeatureId) -> &Feature {
        &self.features[id.0]
    }

    pub fn team_at(&self, id: TeamId) -> &Team {
        &self.teams[id.0]
    }

    pub fn component_at(&self, id: ComponentId) -> &Component {
        &self.components[id.0]
    }

    /// Walks what `from` requires, transitively, depth first in `requires`
    /// order, each feature once across every walk that shares `seen`: the
    /// walk scope and lint (through [`Catalog::requires_closure`]) build on.
    /// `step` decides per feature whether to take it and go on through what
    /// it requires. (The schedule orders a deal's features with what they
    /// require first, a post-order it builds in `check::schedule`.)
    pub fn walk_requires(
        &self,
        from: FeatureId,
        seen: &mut [bool],
        mut step: impl FnMut(FeatureId) -> Step,
    ) {
        let mut stack: Vec<FeatureId> = self
            .feature_at(from)
            .requires
            .iter()
            .rev()
            .copied()
            .collect();
        while let Some(f) = stack.pop() {
            if seen[f.0] {
                continue;
            }
            match step(f) {
                Step::Skip => continue,
                Step::Descend => {
                    seen[f.0] = true;
                    stack.extend(self.feature_at(f).requires.iter().rev());
                }
            }
        }
    }

    /// Every feature `id` requires, directly or through others.
    pub fn requires_closure(&self, id: FeatureId) -> Vec<FeatureId> {
        let mut seen = vec![false; self.features.len()];
        seen[id.0] = true;
        let mut out = Vec::new();
        self.walk_requires(id, &mut seen, |f| {
            out.push(f);
            Step::Descend
        });
        out
    }

    /// The one conflict rule: two different features conflict when either
    /// lists the other under `conflicts`.
    pub fn in_conflict(&self, a: FeatureId, b: FeatureId) -> bool {
        a != b
            && (self.feature_at(a).conflicts.contains(&b)
                || self.feature_at(b).conflicts.contains(&a))
    }

    pub fn limit(&self, key: &str) -> Option<&Limit> {
        self.limits.iter().find(|l| l.key == key)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub id: String,
    pub name: String,
    pub status: FeatureStatus,
    /// Roadmap date of a planned feature.
    pub eta: Option<NaiveDate>,
    pub requires: Vec<FeatureId>,
    pub conflicts: Vec<FeatureId>,
    pub components: Vec<ComponentId>,
    /// Per-deal work, even when GA.
    pub setup: Option<Effort>,
    /// Work that would pull a planned feature forward.
    pub work: Option<Effort>,
    pub location: Location,
}

/// What a `requires` walk does with the feature it reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Not this one, and not marked as seen (another walk may take it).
    Skip,
    /// Take it and go on through what it requires.
    Descend,
}

/// Where a planned feature stands against a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roadmap {
    /// Its `eta` is on or before the deadline (F006).
    OnTime,
    /// No `eta` by the deadline, but `work` that can be scheduled (F005).
    PulledForward,
    /// No `eta` by the deadline and no `work` (F004).
    TooLate,
}

impl Feature {
    /// The one rule for a planned feature against a deadline.
    pub fn roadmap(&self, deadline: NaiveDate) -> Roadmap {
        match (self.eta, &self.work) {
            (Some(eta), _) if eta <= deadline => Roadmap::OnTime,
            (_, Some(_)) => Roadmap::PulledForward,
            _ => Roadmap::TooLate,
        }
    }

    /// True when the deal must schedule this feature's `work` itself.
    pub fn pulled_forward(&self, deadline: NaiveDate) -> bool {
        self.status == FeatureStatus::Planned && self.roadmap(deadline) == Roadmap::PulledForward
    }

    /// The roadmap date a deal due on `deadline` waits for: a planned
    /// feature too late for it ([`Roadmap::TooLate`]) that has an `eta`.
    /// The schedule's promise and the offer's `complete` date move to it.
    pub fn roadmap_wait(&self, deadline: NaiveDate) -> Option<NaiveDate> {
        (self.status == FeatureStatus::Planned && self.roadmap(deadline) == Roadmap::TooLate)
            .then_some(self.eta)
            .flatten()
    }

    /// Why no deadline, however late, can have this feature; `None` when
    /// some can. The offer drops such features, lint flags the undated.
    pub fn undeliverable(&self) -> Option<Undeliverable> {
        match self.status {
            FeatureStatus::Unplanned => Some(Undeliverable::Unplanned),
            FeatureStatus::Retired => Some(Undeliverable::Retired),
            // Too late even for the last representable day: no date, no work.
            FeatureStatus::Planned if self.roadmap(NaiveDate::MAX) == Roadmap::TooLate => {
                Some(Undeliverable::Undated)
            }
            FeatureStatus::Planned | FeatureStatus::Ga | FeatureStatus::Beta => None,
        }
    }

    /// Some deadline can have this feature.
    pub fn deliverable(&self) -> bool {
        self.undeliverable().is_none()
    }
}

/// Why a feature can never be delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undeliverable {
    /// Not offered and not on the roadmap (F002).
    Unplanned,
    /// Retired (F003).
    Retired,
    /// Planned with neither a roadmap date nor work that could pull it
    /// forward (F004 for any deadline; C001 in the catalog).
    Undated,
}

/// Work for one team.
#[derive(Debug, Clone, PartialEq)]
pub struct Effort {
    pub team: TeamId,
    pub amount: Amount,
    /// More people than this do not make the item go faster.
    pub max_people: Option<u32>,
}

/// Person-days: a fixed number or a three-point estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    Fixed(f64),
    ThreePoint { low: f64, likely: f64, high: f64 },
}

impl Amount {
    /// The figure the deterministic schedule uses.
    pub fn likely(self) -> f64 {
        match self {
            Amount::Fixed(d) => d,
            Amount::ThreePoint { likely, .. } => likely,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub people: u32,
    /// Share of a working day free for deal work, (0, 1].
    pub focus: f64,
    pub hours_per_day: f64,
    pub holidays: BTreeSet<NaiveDate>,
    pub commitments: Vec<Commitment>,
    pub location: Location,
}

/// People already spoken for over an inclusive date range.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub what: String,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub people: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub id: String,
    pub name: String,
    /// A 24x7 fraction in (0, 1].
    pub availability: f64,
}

/// An availability level operations offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    pub name: String,
    pub availability: f64,
    pub window: Window,
    /// Minutes.
    pub support_response: Option<u32>,
    /// Features a deal must include to be sold this tier.
    pub requires: Vec<FeatureId>,
    /// Trailing-12-month record.
    pub measured: Option<f64>,
    pub location: Location,
}

/// A limit under `[limits]`: a number is a maximum, a list is the set offered.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    pub key: String,
    pub kind: LimitKind,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LimitKind {
    Max(f64),
    OneOf(Vec<Scalar>),
}

/// A text or number value of a limit set or a requirement.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Text(String),
    Number(f64),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::Text(s) => f.write_str(s),
            Scalar::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A proposed deal, as sales wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    pub path: PathBuf,
    pub id: String,
    pub customer: String,
    pub owner: Option<String>,
    pub status: DealStatus,
    /// The chance of winning it (a fraction), as the deal says; `None`
    /// means the catalog's `default_probability`.
    pub probability: Option<f64>,
    /// Earliest day work may start; `None` means "as of today".
    pub start: Option<NaiveDate>,
    pub deadline: NaiveDate,
    pub features: Vec<Named>,
    pub availability: Option<AvailabilityPromise>,
    pub requirements: Vec<Requirement>,
    pub custom: Vec<CustomWork>,
    pub location: Location,
    pub id_location: Location,
    pub start_location: Option<Location>,
    pub deadline_location: Location,
}

/// An id as written in a file, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub id: String,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AvailabilityPromise {
    pub target: f64,
    pub window: Window,
    /// Minutes.
    pub support_response: Option<u32>,
    pub location: Location,
    pub target_location: Location,
    pub window_location: Location,
    pub support_location: Option<Location>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    pub key: String,
    pub value: RequirementValue,
    /// Written as a list (`regions = ["eu"]`), not as one value
    /// (`region = "eu"`): the offer writes it back the same way.
    pub list: bool,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RequirementValue {
    Number(f64),
    /// One or several values, each of which must be offered.
    Values(Vec<Scalar>),
}

/// Promised work the catalog does not have.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomWork {
    pub name: String,
    pub team: Named,
    pub amount: Amount,
    pub max_people: Option<u32>,
    pub after: Vec<Named>,
    pub location: Location,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::d;

    /// The model is data: it names none of the run-time machinery (those
    /// live in `check::Prepared`), and from `window` only its value type.
    #[test]
    fn the_model_is_data() {
        let source = include_str!("model.rs");
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for word in [
            "scheduler",
            "suggest",
            "calendar::",
            "crate::check",
            "Cache",
            "Mutex",
            "RwLock",
            "OnceLock",
            "Cell<",
        ] {
            assert!(!code.contains(word), "the model names {word}");
        }
        for line in code.lines().filter(|l| l.contains("window::")) {
            assert_eq!(line.trim(), "use crate::window::Window;");
        }
    }

    fn planned(eta: Option<NaiveDate>, work: bool) -> Feature {
        Feature {
            id: "f".into(),
            name: "F".into(),
            status: FeatureStatus::Planned,
            eta,
            requires: Vec::new(),
            conflicts: Vec::new(),
            components: Vec::new(),
            setup: None,
            work: work.then(|| Effort {
                team: TeamId::from(0),
                amount: Amount::Fixed(5.0),
                max_people: None,
            }),
            location: Location {
                path: "catalog.toml".into(),
                line: 1,
                column: 1,
            },
        }
    }

    /// Deliverability, the roadmap date waited for and the roadmap rule
    /// agree for every status, date and deadline: a feature no deadline
    /// can have is too late for every one, and a deal waits for an `eta`
    /// exactly when the feature is too late for its deadline.
    #[test]
    fn deliverability_and_the_roadmap_rule_agree() {
        let deadlines = [d(2027, 1, 1), d(2027, 6, 1), d(2030, 1, 1)];
        let statuses = [
            FeatureStatus::Ga,
            FeatureStatus::Beta,
            FeatureStatus::Planned,
            FeatureStatus::Unplanned,
            FeatureStatus::Retired,
        ];
        for status in statuses {
            for eta in [None, Some(d(2027, 3, 1))] {
                for work in [false, true] {
                    let f = Feature {
                        status,
                        ..planned(eta, work)
                    };
                    let planned = status == FeatureStatus::Planned;
                    let always_late = planned
                        && deadlines
                            .iter()
                            .all(|&dl| f.roadmap(dl) == Roadmap::TooLate);
                    let expected = match status {
                        FeatureStatus::Unplanned => Some(Undeliverable::Unplanned),
                        FeatureStatus::Retired => Some(Undeliverable::Retired),
                        _ if always_late => Some(Undeliverable::Undated),
                        _ => None,
                    };
                    assert_eq!(f.undeliverable(), expected, "{status:?} {eta:?} {work}");
                    assert_eq!(f.deliverable(), expected.is_none());
                    for dl in deadlines {
                        let too_late = planned && f.roadmap(dl) == Roadmap::TooLate;
                        assert_eq!(f.roadmap_wait(dl), eta.filter(|_| too_late));
                        if let Some(e) = f.roadmap_wait(dl) {
                            assert!(e > dl && f.work.is_none());
                        }
                    }
                }
            }
        }
    }
}
