//! The portfolio ledger: capacity signed deals already hold.

use super::Usage;
use crate::calendar::{TeamCalendar, WorkCalendar, team_capacity};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Capacity already booked by other (signed) deals, in person-days per team
/// and day, for portfolio mode.
///
/// Keyed by the team's index in the catalog's team list: callers always pass
/// all catalog teams in catalog order as [`Plan::teams`](super::Plan::teams),
/// so the same index means the same team in every deal. A `BTreeMap` keeps
/// iteration and therefore any report built from it deterministic.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Booked {
    days: BTreeMap<(usize, NaiveDate), f64>,
}

impl Booked {
    pub fn new() -> Self {
        Self::default()
    }

    /// Books `person_days` more on `team` and `day`; non-positive or
    /// non-finite amounts are ignored.
    pub fn add(&mut self, team: usize, day: NaiveDate, person_days: f64) {
        if person_days.is_finite() && person_days > 0.0 {
            *self.days.entry((team, day)).or_insert(0.0) += person_days;
        }
    }

    /// Books what a schedule consumed, e.g. once its deal is signed.
    pub fn add_usage(&mut self, usage: &[Usage]) {
        for u in usage {
            self.add(u.team, u.day, u.person_days);
        }
    }

    /// Person-days booked on `team` and `day` (0 when nothing is).
    pub fn get(&self, team: usize, day: NaiveDate) -> f64 {
        self.days.get(&(team, day)).copied().unwrap_or(0.0)
    }

    /// Each day of `from..=through` on which `team` has person-days booked.
    pub(super) fn team_days(
        &self,
        team: usize,
        from: NaiveDate,
        through: NaiveDate,
    ) -> impl Iterator<Item = (NaiveDate, f64)> + '_ {
        let range = (from <= through).then_some((team, from)..=(team, through));
        range
            .into_iter()
            .flat_map(|r| self.days.range(r))
            .map(|(&(_, day), &person_days)| (day, person_days))
    }

    /// Person-days booked on `team` over `from..=through`, capped per day at
    /// what the team could give that day: subtract it from
    /// [`crate::calendar::free_capacity`] to get what is still free.
    pub fn used_capacity(
        &self,
        cal: &WorkCalendar,
        team_index: usize,
        team: &TeamCalendar,
        from: NaiveDate,
        through: NaiveDate,
    ) -> f64 {
        if through < from {
            return 0.0;
        }
        self.days
            .range((team_index, from)..=(team_index, through))
            .map(|(&(_, day), &pd)| pd.min(team_capacity(cal, team, day)))
            .sum()
    }
}
