//! Capacity tables: the days on which some team of a plan can work and how
//! many person-days each team can give on each of them.

use super::{HORIZON_DAYS, Plan, WorkItem};
use chrono::{Days, NaiveDate};

/// Days within the horizon on which some team has capacity, and the
/// capacity table (`columns` per day, the last column always 0).
pub(super) fn capacity_table(
    plan: &Plan,
    columns: usize,
    horizon: u64,
) -> (Vec<NaiveDate>, Vec<f64>) {
    let last = plan
        .start
        .checked_add_days(Days::new(horizon - 1))
        .unwrap_or(NaiveDate::MAX);
    // Teams without items in this plan never hand out capacity: skip them.
    let mut used = vec![false; plan.teams.len()];
    for item in plan.items {
        if let Some(u) = used.get_mut(item.team) {
            *u = true;
        }
    }
    let mut days = Vec::new();
    let mut cap = Vec::new();
    let mut row = vec![0.0; columns];
    for day in plan.start.iter_days().take_while(|d| *d <= last) {
        if !plan.calendar.is_working_day(day) {
            continue;
        }
        // The catalog's working day is settled above; per team only its own
        // holidays and commitments remain (what `team_capacity` computes).
        for (t, team) in plan.teams.iter().enumerate().filter(|(t, _)| used[*t]) {
            let free = if team.holidays.contains(&day) {
                0.0
            } else {
                team.effective_focus() * f64::from(team.free_people(day))
            };
            let booked = plan.booked.map_or(0.0, |b| b.get(t, day));
            row[t] = sane_capacity(free - booked);
        }
        if row.iter().any(|c| *c > 0.0) {
            days.push(day);
            cap.extend_from_slice(&row);
        }
    }
    (days, cap)
}

/// Days from start to the deadline plus `extra` days (at least a quarter),
/// within the full horizon: enough for almost every real deal.
pub(crate) fn first_try_horizon(plan: &Plan, extra: u64) -> u64 {
    let span = u64::try_from((plan.deadline - plan.start).num_days()).unwrap_or(0);
    span.saturating_add(extra.max(92)).min(HORIZON_DAYS)
}

/// Row k of the result holds the capacity of each column from day k on; the
/// extra last row is all zeros.
pub(super) fn suffix_sums(cap: &[f64], columns: usize) -> Vec<f64> {
    let rows = cap.len() / columns;
    let mut suffix = vec![0.0; (rows + 1) * columns];
    for k in (0..rows).rev() {
        for c in 0..columns {
            suffix[k * columns + c] = suffix[(k + 1) * columns + c] + cap[k * columns + c];
        }
    }
    suffix
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

/// Capacity clamped to a finite, non-negative number.
fn sane_capacity(x: f64) -> f64 {
    if x > 0.0 { x.min(f64::MAX) } else { 0.0 }
}
