//! What the offer does about each gap code `check` can find.
//!
//! Every match here names every code (or every gap kind): no `_` arm. A new
//! code does not compile until someone decides what the offer does about
//! it, instead of the offer silently ignoring it.

use crate::gap::{Area, Gap, GapCode, GapKind, Severity};
use crate::model::Undeliverable;
use chrono::NaiveDate;

/// What the offer does about a gap of the deal as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// The feature or custom item goes from both variants, with this code
    /// as the reason (rule 1, [`super::scope`]).
    Drop,
    /// The date is the problem: `complete` moves the deadline (rule 2,
    /// [`super::deadline`]); `on_date` keeps it and moves what misses it to
    /// phase 2 (rule 3, [`super::phasing`]).
    Deadline(Cause),
    /// The promise becomes what a tier can back (rule 4, [`super::availability`]).
    Availability,
    /// The requirement is clamped to the limit or removed (rule 5,
    /// [`super::requirements`]).
    Requirement,
    /// Nothing to change: the variants carry it as a warning or note
    /// `check` still gives.
    Keep,
    /// About a catalog, never a deal: the offer never meets it.
    NotADeal,
}

/// Why the deadline moves, most pressing first: the order in which the
/// `complete` variant's change names its code, and `on_date` its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// The deadline has passed (S006).
    Passed,
    /// The deadline is before work can start (S002).
    BeforeStart,
    /// The teams do not finish by the deadline (S001).
    Late,
    /// A planned feature's roadmap date is after the deadline (F004).
    Roadmap,
    /// On time with likely efforts, but not with the catalog's confidence (S003).
    Uncertain,
}

/// The one table: what the offer does about `code`.
pub fn response(code: GapCode) -> Response {
    use GapCode::*;
    match code {
        F001 | F002 | F003 | F009 | S004 | S005 => Response::Drop,
        // An F004 feature with no roadmap date at all can never be
        // delivered: rule 1 drops it ([`undeliverable`]).
        F004 => Response::Deadline(Cause::Roadmap),
        // Work not done within the horizon is dropped by rule 1 too.
        S001 => Response::Deadline(Cause::Late),
        S002 => Response::Deadline(Cause::BeforeStart),
        S003 => Response::Deadline(Cause::Uncertain),
        S006 => Response::Deadline(Cause::Passed),
        A001 | A002 | A003 | A004 | A005 | A006 | A007 => Response::Availability,
        L001 | L002 | L003 => Response::Requirement,
        F005 | F006 | F007 | F008 => Response::Keep,
        C001 | C002 | C003 | C004 | C005 | C006 => Response::NotADeal,
    }
}

impl Cause {
    /// The cause of a gap with `code`, if the date is its problem.
    pub fn of(code: GapCode) -> Option<Cause> {
        match response(code) {
            Response::Deadline(cause) => Some(cause),
            Response::Drop
            | Response::Availability
            | Response::Requirement
            | Response::Keep
            | Response::NotADeal => None,
        }
    }

    /// The most pressing cause among `codes`.
    pub fn first(codes: impl IntoIterator<Item = GapCode>) -> Option<Cause> {
        codes.into_iter().filter_map(Cause::of).min()
    }

    pub fn code(self) -> GapCode {
        match self {
            Cause::Passed => GapCode::S006,
            Cause::BeforeStart => GapCode::S002,
            Cause::Late => GapCode::S001,
            Cause::Roadmap => GapCode::F004,
            Cause::Uncertain => GapCode::S003,
        }
    }

    /// No overtime can keep the date: only a new one helps.
    pub fn needs_new_date(self) -> bool {
        match self {
            Cause::Passed | Cause::BeforeStart => true,
            Cause::Late | Cause::Roadmap | Cause::Uncertain => false,
        }
    }

    /// Why an item the `on_date` variant cannot keep moves to phase 2.
    pub fn phase_2_why(self, deadline: NaiveDate) -> String {
        match self {
            Cause::Roadmap => {
                format!("waits for the roadmap, which delivers it after the deadline {deadline}")
            }
            Cause::Uncertain => "would make the deadline too uncertain to promise".to_string(),
            Cause::Late | Cause::Passed | Cause::BeforeStart => {
                format!("the teams cannot also finish it by the deadline {deadline}")
            }
        }
    }
}

/// The date a gap asks the deal to move to, if it names one: the date
/// that delivers the scope on time (S001, S003), the roadmap date waited
/// for (F004).
pub fn later_date(kind: &GapKind) -> Option<NaiveDate> {
    use GapKind::*;
    match kind {
        LateDelivery(l) => l.promise,
        LowConfidence(l) => l.promise,
        RoadmapTooLate(f) => f.eta,
        // S002 and S006 name no date: rule 2 starts from the day work can start.
        DeadlineBeforeStart(_) | DeadlinePassed(_) => None,
        UnknownFeature(_)
        | UnplannedFeature(_)
        | RetiredFeature(_)
        | RoadmapPulledForward(_)
        | RoadmapDependency(_)
        | BetaFeature(_)
        | ImpliedFeature(_)
        | ConflictingFeatures(_)
        | UnknownTeam(_)
        | UnknownDependency(_) => None,
        AvailabilityOverPromise(_)
        | PerfectAvailability(_)
        | WindowNotCovered(_)
        | TierNeedsFeatures(_)
        | AboveTrackRecord(_)
        | ArchitectureLimit(_)
        | SupportTooFast(_) => None,
        OverLimit(_) | NotOffered(_) | UnknownRequirement(_) => None,
        PlannedWithoutDate(_)
        | WorkNeverScheduled(_)
        | EtaIgnored(_)
        | RequiresConflict(_)
        | TeamWithoutPeople(_)
        | OvercommittedTeam(_) => None,
    }
}

/// The code and words of a feature the offer drops because no deadline
/// can have it.
pub fn undeliverable(why: Undeliverable) -> (GapCode, &'static str) {
    match why {
        Undeliverable::Unplanned => (GapCode::F002, "is not offered and not on the roadmap"),
        Undeliverable::Retired => (GapCode::F003, "is retired"),
        Undeliverable::Undated => (
            GapCode::F004,
            "is planned with neither a roadmap date nor work that could pull it forward",
        ),
    }
}

/// The gaps `check` finds on a variant's scope before its promise is
/// changed: each change carries the code `check` gives its subject there.
#[derive(Debug, Clone, Copy)]
pub struct Before<'a>(pub &'a [Gap]);

impl Before<'_> {
    /// The code for a change of `subject` the offer would name `own`:
    /// `own` when `check` reports it, else what `check` reports about that
    /// subject (errors first), else `own`. A window `check` blames on a
    /// tier needing features (A004) is not called uncovered (A003).
    pub fn code(&self, subject: &str, own: GapCode) -> GapCode {
        let availability = || {
            self.0
                .iter()
                .filter(|g| g.code().area() == Area::Availability)
        };
        if availability().map(Gap::code).any(|c| c == own) {
            return own;
        }
        let on = |severity: Severity| {
            availability()
                .filter(|g| g.severity() == severity)
                .find(|g| g.subject() == subject || subject == "availability")
                .map(Gap::code)
        };
        let window_cause = || {
            (subject == "availability.window")
                .then(|| {
                    availability()
                        .find(|g| g.severity() == Severity::Error)
                        .map(Gap::code)
                })
                .flatten()
        };
        on(Severity::Error)
            .or_else(window_cause)
            .or_else(|| on(Severity::Warning))
            .unwrap_or(own)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gap::{Area, Severity};

    /// The table agrees with the code table: catalog codes never reach an
    /// offer, and what the offer keeps is never an error.
    #[test]
    fn every_code_has_a_response_that_fits_its_kind() {
        for &code in GapCode::ALL {
            let r = response(code);
            assert_eq!(
                r == Response::NotADeal,
                code.area() == Area::Catalog,
                "{code:?}"
            );
            if r == Response::Keep {
                assert_ne!(code.severity(), Severity::Error, "{code:?} is kept");
            }
            if let Some(cause) = Cause::of(code) {
                assert_eq!(cause.code(), code, "one cause per code");
            }
        }
    }

    /// The order the offer has always named a moved deadline's code in.
    #[test]
    fn the_most_pressing_cause_comes_first() {
        use GapCode::*;
        let order = [S006, S002, S001, F004, S003];
        for (i, &code) in order.iter().enumerate() {
            let with_later = order[i..].iter().copied().rev();
            assert_eq!(Cause::first(with_later).map(Cause::code), Some(code));
        }
        assert_eq!(Cause::first([F007, A001, L001]), None);
        assert!(Cause::Passed.needs_new_date() && Cause::BeforeStart.needs_new_date());
        assert!(!Cause::Late.needs_new_date());
    }
}
