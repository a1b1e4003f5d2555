//! The checks: pure functions from a validated catalog and deal to gaps.
//!
//! One module per area; each returns its gaps (and, for schedule and
//! availability, the section it computed). They check against a
//! [`Prepared`] catalog: the catalog's data with what a run works out from
//! it once (calendars, capacity grids, coverage answers, did-you-mean). The result is a [`DealCheck`]:
//! the checks know nothing of reports or formats, and nothing here prints.

pub mod availability;
pub mod features;
pub mod limits;
pub mod prepared;
pub mod schedule;
pub mod scope;

pub use prepared::{Calendars, Prepared};

use crate::gap::{Gap, Verdict, suppress};
use crate::model::Deal;
use crate::scheduler::{Booked, CapacityGrids, Holdings, Plan, Schedule, Usage, WorkItem};
use availability::AvailabilitySection;
use chrono::NaiveDate;
use schedule::ScheduleSection;
use scope::ScopeEntry;

/// How a check run is set up.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// "Today": the start of work for deals that name none.
    pub as_of: NaiveDate,
    /// Monte Carlo trials for three-point estimates; 0 = deterministic only.
    pub trials: u32,
    pub seed: u64,
}

/// The default seed, fixed so CI runs are reproducible.
pub const DEFAULT_SEED: u64 = 20_261_127;
/// The default number of Monte Carlo trials.
pub const DEFAULT_TRIALS: u32 = 10_000;

impl CheckOptions {
    pub fn new(as_of: NaiveDate) -> CheckOptions {
        CheckOptions {
            as_of,
            trials: DEFAULT_TRIALS,
            seed: DEFAULT_SEED,
        }
    }

    /// The same run without the Monte Carlo: for bookings and trial
    /// schedules, where only the deterministic schedule matters.
    pub fn deterministic(&self) -> CheckOptions {
        CheckOptions {
            trials: 0,
            ..self.clone()
        }
    }
}

/// What the checks found about one deal.
#[derive(Debug, Clone)]
pub struct DealCheck {
    /// The first day work may happen.
    pub start: NaiveDate,
    pub verdict: Verdict,
    /// Every gap, grouped by area and in file order within an area.
    pub gaps: Vec<Gap>,
    pub schedule: Option<ScheduleSection>,
    pub availability: Option<AvailabilitySection>,
}

/// The first day work may happen: the deal's `start`, but never before
/// "today" — work is not scheduled in the past.
pub fn work_start(deal: &Deal, as_of: NaiveDate) -> NaiveDate {
    deal.start.map_or(as_of, |s| s.max(as_of))
}

/// The capacity a deal is checked against: the grids of what is left (the
/// catalog's, less what the book of signed deals reserves; or a sequence's,
/// less the deals booked before), anything booked on top of them (negative
/// amounts give capacity back), and who holds the capacity taken off.
#[derive(Debug, Clone, Copy)]
pub struct Capacity<'a> {
    pub grids: &'a CapacityGrids,
    pub booked: Option<&'a Booked>,
    /// The deals behind what the grids hold, named when a deal is late.
    pub holdings: Option<&'a Holdings>,
    /// A deal's schedule already worked out in this capacity: the same
    /// plan is not scheduled again.
    pub judged: Option<&'a Judged>,
}

impl<'a> Capacity<'a> {
    /// What the catalog's own grids leave (the book's reservations taken
    /// off once the run has read the book).
    pub fn of(catalog: &'a Prepared) -> Capacity<'a> {
        Capacity {
            grids: catalog.grids(),
            booked: None,
            holdings: catalog.holdings(),
            judged: None,
        }
    }
}

/// A deal's deterministic schedule as a sequence booked it (a signed deal
/// of the book, a proposed deal of `--portfolio`). The deal is judged in
/// the sequence's grids with its own plan given back, where the same plan
/// gets the same schedule: each day it got what it asked or all there was,
/// and the deals booked after it took nothing of that. So the check reuses
/// it instead of scheduling the plan again.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// The plan's items by their fingerprint ([`items_fingerprint`]), not
    /// a copy: the book keeps one of these per signed deal.
    items: (usize, u64),
    start: NaiveDate,
    deadline: NaiveDate,
    /// Without its usage (the booking keeps that).
    schedule: Schedule,
}

impl Judged {
    /// `plan`'s `schedule`, kept for a later check of the same plan.
    pub(crate) fn new(plan: &Plan, schedule: Schedule) -> Judged {
        Judged {
            items: items_fingerprint(plan.items),
            start: plan.start,
            deadline: plan.deadline,
            schedule: Schedule {
                usage: Vec::new(),
                ..schedule
            },
        }
    }

    /// The schedule of `plan`, if `plan` is the one judged here (an offer's
    /// variant of the deal is not).
    pub(crate) fn schedule_of(&self, plan: &Plan) -> Option<&Schedule> {
        (self.start == plan.start
            && self.deadline == plan.deadline
            && self.items == items_fingerprint(plan.items))
        .then_some(&self.schedule)
    }
}

/// How many items, and a 64-bit hash of every field of each (efforts by
/// their bits): two different item lists agree on both with a chance of
/// about one in 2^64, while a copy of the items would cost the book about
/// half a kilobyte per signed deal.
fn items_fingerprint(items: &[WorkItem]) -> (usize, u64) {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    for item in items {
        item.team.hash(&mut hasher);
        item.effort.to_bits().hash(&mut hasher);
        item.max_people.hash(&mut hasher);
        item.after.hash(&mut hasher);
    }
    (items.len(), hasher.finish())
}

/// What a deal's schedule takes: the capacity it uses per team and day,
/// and the person-days of each team still open at its deadline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Booking {
    pub usage: Vec<Usage>,
    /// Per catalog team index, person-days open at the end of the deadline day.
    pub open: Vec<(usize, f64)>,
}

/// Checks one deal against the catalog (and the book the run reserved).
pub fn check_deal(catalog: &Prepared, deal: &Deal, options: &CheckOptions) -> DealCheck {
    check_deal_with(catalog, deal, options, Capacity::of(catalog)).0
}

/// Checks one deal against `capacity`; also returns the person-days each
/// team (by catalog index) still has open at its deadline.
pub fn check_deal_with(
    catalog: &Prepared,
    deal: &Deal,
    options: &CheckOptions,
    capacity: Capacity<'_>,
) -> (DealCheck, Vec<(usize, f64)>) {
    let scope = scope::resolve(catalog, deal);
    let (gaps, schedule, open) = check_schedule(catalog, deal, &scope, options, capacity);
    (
        finish_check(catalog, deal, &scope, options, gaps, schedule),
        open,
    )
}

/// The part of a check that depends on the schedule: the features' and the
/// schedule's gaps (not yet suppressed), the schedule section, and each
/// team's person-days open at the deadline. An offer reuses it for every
/// version of a deal that keeps the same scope and deadline.
pub fn check_schedule(
    catalog: &Prepared,
    deal: &Deal,
    scope: &[ScopeEntry],
    options: &CheckOptions,
    capacity: Capacity<'_>,
) -> (Vec<Gap>, Option<ScheduleSection>, Vec<(usize, f64)>) {
    let mut gaps = features::check(catalog, deal, scope);
    let (schedule_gaps, schedule, open) = schedule::check(catalog, deal, scope, options, capacity);
    gaps.extend(schedule_gaps);
    (gaps, schedule, open)
}

/// The rest of a check once [`check_schedule`] is known: the availability
/// and limits gaps added, hidden gaps dropped, in the check's order.
pub fn finish_check(
    catalog: &Prepared,
    deal: &Deal,
    scope: &[ScopeEntry],
    options: &CheckOptions,
    mut gaps: Vec<Gap>,
    schedule: Option<ScheduleSection>,
) -> DealCheck {
    let (availability_gaps, availability) = availability::check(catalog, deal, scope);
    gaps.extend(availability_gaps);
    gaps.extend(limits::check(catalog, deal));
    suppress(&mut gaps);
    sort_gaps(&mut gaps);
    DealCheck {
        start: work_start(deal, options.as_of),
        verdict: Verdict::of(&gaps),
        gaps,
        schedule,
        availability,
    }
}

/// The check's order of gaps: by area, then by place in the file.
pub fn sort_gaps(gaps: &mut [Gap]) {
    gaps.sort_by(|a, b| (a.code().area(), &a.location).cmp(&(b.code().area(), &b.location)));
}

#[cfg(test)]
mod tests {
    use super::Judged;
    use crate::calendar::WorkCalendar;
    use crate::scheduler::{Plan, schedule};
    use crate::testing::{d, item, plan, team};

    /// A kept schedule answers for its own plan only: an offer's variant
    /// (other items, another start or deadline) is scheduled afresh.
    #[test]
    fn a_judged_schedule_is_reused_for_its_own_plan_only() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(2, 1.0)];
        let items = [item(0, 4.0, &[])];
        let own = plan(&cal, &teams, &items, d(2027, 1, 8));
        let judged = Judged::new(&own, schedule(&own));
        let kept = judged.schedule_of(&own).expect("its own plan");
        assert_eq!(kept.delivery, Some(d(2027, 1, 5)));
        assert!(kept.usage.is_empty(), "the booking keeps the usage");
        let copy = items.to_vec();
        assert!(
            judged
                .schedule_of(&plan(&cal, &teams, &copy, d(2027, 1, 8)))
                .is_some(),
            "the same items, another copy"
        );
        let mut capped = items.to_vec();
        capped[0].max_people = Some(1);
        let mut other_team = items.to_vec();
        other_team[0].team = 1;
        for other in [&capped[..], &other_team, &[]] {
            assert!(
                judged
                    .schedule_of(&plan(&cal, &teams, other, d(2027, 1, 8)))
                    .is_none(),
                "{other:?}"
            );
        }
        let side_by_side = [item(0, 2.0, &[]), item(0, 2.0, &[])];
        let one_after = [item(0, 2.0, &[]), item(0, 2.0, &[0])];
        let two = plan(&cal, &teams, &side_by_side, d(2027, 1, 8));
        let judged_two = Judged::new(&two, schedule(&two));
        assert!(judged_two.schedule_of(&two).is_some());
        let ordered = plan(&cal, &teams, &one_after, d(2027, 1, 8));
        assert!(judged_two.schedule_of(&ordered).is_none(), "another order");
        let more = [item(0, 6.0, &[])];
        let later = Plan {
            start: d(2027, 1, 5),
            ..own
        };
        let due_later = Plan {
            deadline: d(2027, 1, 15),
            ..own
        };
        assert!(
            judged
                .schedule_of(&plan(&cal, &teams, &more, d(2027, 1, 8)))
                .is_none()
        );
        assert!(judged.schedule_of(&later).is_none());
        assert!(judged.schedule_of(&due_later).is_none());
    }
}
