//! The deterministic schedule: when each work item finishes, when the deal is
//! delivered, and how late it is (docs/reference.md, "Schedule").
//!
//! The day-by-day simulation lives in [`Engine`], which the Monte Carlo reuses
//! with sampled efforts: capacity is precomputed once per catalog as a grid
//! over the 10-year horizon (only days where some team can work), each plan
//! adds the suffix sums of the teams it uses, and one run is a tight loop
//! over that table without allocation per day.
//!
//! Decisions beyond the reference:
//! - Zero-effort items take no day: they finish the moment they become ready,
//!   on the latest finish day of their predecessors, and never delay anyone.
//!   With no predecessors they are done before start; they are reported with
//!   `start == finish ==` the plan's start date, and followers of such an item
//!   can start on the start day itself.
//! - Negative effort counts as 0; NaN or infinite effort never finishes.
//! - An item naming a team or predecessor index that does not exist never
//!   finishes (the caller validates; this only keeps bad input from panicking).
//! - The horizon is 3653 days (10 years) from start, clamped to chrono's last
//!   date. Work not done by then has no delivery date (`None`), which counts as
//!   late. When the deadline lies past the horizon, open person-days are those
//!   still open at the end of the horizon.
//!
//! One job per file: the simulator in `engine.rs`, the capacity grids it
//! runs over in `grid.rs` (shared per catalog), its per-plan bounds in
//! `table.rs`, what booked deals hold ([`Booked`], [`Ledger`], [`Holdings`])
//! in `ledger.rs`, which cells give anything in `nonzero.rs`, the
//! reservation in `reserve.rs`.

use crate::calendar::{TeamCalendar, WorkCalendar};
use chrono::NaiveDate;

mod engine;
mod grid;
mod ledger;
mod nonzero;
mod reserve;
mod table;

pub(crate) use engine::{Engine, Mode};
pub use grid::{CapacityGrids, free_before_deadline};
pub use ledger::{Booked, Holdings, Ledger};
pub(crate) use table::first_try_horizon;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

/// Days simulated from the start date before work counts as "not within 10 years".
pub const HORIZON_DAYS: u64 = 3653;

/// One piece of work in deal order (the order is the priority).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkItem {
    /// Index into [`Plan::teams`].
    pub team: usize,
    /// Person-days.
    pub effort: f64,
    /// At most `max_people × focus` person-days a day go to this item.
    pub max_people: Option<u32>,
    /// Indices of items that must finish on an earlier day before this starts.
    pub after: Vec<usize>,
}

/// Person-days one day of a team spent on a plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    /// Index into the catalog's team list.
    pub team: usize,
    pub day: NaiveDate,
    pub person_days: f64,
}

/// Everything the schedule depends on. Pure data: the same plan always gives
/// the same schedule.
#[derive(Debug, Clone, Copy)]
pub struct Plan<'a> {
    pub calendar: &'a WorkCalendar,
    /// All catalog teams in catalog order (see [`Booked`]).
    pub teams: &'a [TeamCalendar],
    /// In deal order.
    pub items: &'a [WorkItem],
    /// First day work may happen (inclusive).
    pub start: NaiveDate,
    /// Work is due by the end of this day.
    pub deadline: NaiveDate,
    /// Capacity other deals already hold, if any.
    pub booked: Option<&'a Booked>,
    /// Capacity grids shared by every plan over exactly these `calendar`
    /// and `teams` (a catalog's); `None` builds the plan's own.
    pub grids: Option<&'a CapacityGrids>,
}

/// When one item ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemOutcome {
    /// First day the item got capacity (zero-effort items: same as `finish`).
    pub start: Option<NaiveDate>,
    /// Day its remaining effort reached 0; `None` when not within the horizon.
    pub finish: Option<NaiveDate>,
}

/// The deterministic schedule of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// One per [`Plan::items`], same order.
    pub items: Vec<ItemOutcome>,
    /// Day the last item finishes; the start day when there is no work;
    /// `None` when not within 10 years of start.
    pub delivery: Option<NaiveDate>,
    /// Catalog working days between delivery and deadline, negative when late;
    /// `None` without a delivery date.
    pub slack_working_days: Option<i64>,
    /// Person-days still open at the end of the deadline day.
    pub open_person_days: f64,
    /// Open person-days of each team × that team's `hours_per_day`, summed.
    pub overtime_hours: f64,
    /// Person-days still open at the end of the deadline day, per catalog
    /// team (by index; teams without open work left out).
    pub open_by_team: Vec<(usize, f64)>,
    /// Capacity this plan consumes per team and day (ordered by day, then
    /// team): what booking the deal holds ([`Ledger`]), or gives back
    /// ([`Booked::given_back`]) when it is judged in what a book leaves.
    pub usage: Vec<Usage>,
}

/// Schedules `plan` day by day (see the module docs and docs/reference.md),
/// with the capacity it takes per team and day: what booking it needs.
pub fn schedule(plan: &Plan) -> Schedule {
    schedule_recording(plan, true)
}

/// The same schedule without [`Schedule::usage`] (left empty): for a deal
/// that is judged, not booked, whose usage over a late plan's years would
/// cost more than the rest of its schedule.
pub fn schedule_to_judge(plan: &Plan) -> Schedule {
    schedule_recording(plan, false)
}

fn schedule_recording(plan: &Plan, record_usage: bool) -> Schedule {
    let efforts: Vec<f64> = plan.items.iter().map(|i| i.effort).collect();
    // Over a shared grid an engine costs the same for any horizon. Else it
    // costs its horizon, and most deals finish within a quarter of their
    // deadline: try that first.
    let horizon = match (plan.booked, plan.grids) {
        (None, Some(_)) => HORIZON_DAYS,
        _ => first_try_horizon(plan, 0),
    };
    let mut engine = Engine::with_horizon(plan, horizon);
    let mut run = engine.scratch();
    run.record_usage = record_usage;
    let mut delivery_slot = engine.run(&efforts, &mut run, Mode::Report);
    if delivery_slot.is_none() && horizon < HORIZON_DAYS {
        engine = Engine::new(plan);
        run = engine.scratch();
        run.record_usage = record_usage;
        delivery_slot = engine.run(&efforts, &mut run, Mode::Report);
    }
    let delivery = delivery_slot.and_then(|s| engine.slot_date(s));
    let open_by_team = &run.open_at_deadline;
    let overtime_hours = plan
        .teams
        .iter()
        .zip(open_by_team)
        .map(|(t, open)| open * t.hours_per_day)
        .sum();
    Schedule {
        items: engine.outcomes(&run),
        delivery,
        slack_working_days: delivery.map(|d| slack(plan.calendar, d, plan.deadline)),
        open_person_days: open_by_team.iter().sum(),
        open_by_team: open_by_team
            .iter()
            .take(plan.teams.len())
            .enumerate()
            .filter(|(_, open)| **open > 0.0)
            .map(|(t, open)| (t, *open))
            .collect(),
        overtime_hours,
        usage: std::mem::take(&mut run.usage),
    }
}

/// Catalog working days from delivery to deadline: positive when early, 0 on
/// the deadline day itself, negative by the working days overrun.
pub fn slack(cal: &WorkCalendar, delivery: NaiveDate, deadline: NaiveDate) -> i64 {
    if delivery <= deadline {
        cal.working_days_between(delivery, deadline)
    } else {
        -cal.working_days_between(deadline, delivery)
    }
}
