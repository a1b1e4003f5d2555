//! Rule 2: the `complete` deadline, from the same function `check` uses
//! for the dates S001 and S003 suggest.

use super::checks::{Checks, Mode};
use super::edit::Edits;
use super::scope::Deliverable;
use crate::check::work_start;
use crate::gap::GapKind;

use chrono::NaiveDate;

/// The latest of the asked deadline (never before work can start), the
/// deterministic delivery of the deliverable scope, the `eta` of every
/// planned feature without `work`, and the Monte Carlo's confidence
/// quantile: read from the typed S001 / S003 / F004 facts of checking the
/// deliverable scope, which [`crate::check::schedule::complete_deadline`]
/// fills in.
pub fn complete(checks: &Checks, deliverable: &Deliverable) -> NaiveDate {
    let deal = checks.deal;
    let base = deal.deadline.max(work_start(deal, checks.options.as_of));
    let edits = Edits {
        deadline: base,
        features: deliverable.features.clone(),
        custom: deliverable.custom.clone(),
        ..Edits::none(deal)
    };
    let scheduled = checks.scheduled(&edits, None, Mode::Simulated);
    later_of(base, scheduled.gaps().iter().map(|g| g.kind()))
}

/// `date`, moved to the latest date the schedule facts ask for.
pub fn later_of<'a>(date: NaiveDate, kinds: impl Iterator<Item = &'a GapKind>) -> NaiveDate {
    kinds
        .filter_map(super::decisions::later_date)
        .fold(date, NaiveDate::max)
}
