//! Per-plan bounds of the engine's tables: how far a first try looks, and
//! how much an item can take a day.

use super::{HORIZON_DAYS, Plan, WorkItem};

/// Days from start to the deadline plus `extra` days (at least a quarter),
/// within the full horizon: enough for almost every real deal.
pub(crate) fn first_try_horizon(plan: &Plan, extra: u64) -> u64 {
    let span = u64::try_from((plan.deadline - plan.start).num_days()).unwrap_or(0);
    span.saturating_add(extra.max(92)).min(HORIZON_DAYS)
}

/// The most an item can take a day: `max_people × focus`, unbounded without
/// `max_people`.
pub(super) fn daily_cap(plan: &Plan, item: &WorkItem) -> f64 {
    match (item.max_people, plan.teams.get(item.team)) {
        (Some(m), Some(team)) => f64::from(m) * team.effective_focus(),
        (Some(_), None) => 0.0,
        (None, _) => f64::INFINITY,
    }
}
