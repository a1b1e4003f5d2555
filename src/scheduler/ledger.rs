//! The portfolio ledger: capacity signed deals already hold.

use super::Usage;
use crate::calendar::{TeamCalendar, WorkCalendar, team_capacity};
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::OnceLock;

thread_local! {
    /// Per owner of a [`Holdings`]: person-days summed by [`Holdings::most`].
    static OWNER_SUMS: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
}

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

    /// Every booking: team, day, person-days.
    pub fn all(&self) -> impl Iterator<Item = (usize, NaiveDate, f64)> + '_ {
        self.days.iter().map(|(&(team, day), &pd)| (team, day, pd))
    }

    /// What `usage` held, given back: booked on top of grids that hold it,
    /// this leaves the capacity as if the plan that used it were not there.
    pub fn given_back(usage: &[Usage]) -> Booked {
        let mut back = Booked::new();
        for u in usage.iter().filter(|u| u.person_days.is_finite()) {
            *back.days.entry((u.team, u.day)).or_insert(0.0) -= u.person_days;
        }
        back
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

/// Who holds the capacity a book reserved: per team and day, each holding
/// deal's person-days, so a late deal can be told whose work is in its way.
#[derive(Debug, Default)]
pub struct Holdings {
    owners: Vec<String>,
    /// Per team: (day, owner, person-days), in the order added.
    added: Vec<Vec<(NaiveDate, u32, f64)>>,
    /// The same, ordered by day: a window is then a binary search. Sorted
    /// once, when first asked, by whichever thread asks first.
    by_day: OnceLock<Vec<Vec<(NaiveDate, u32, f64)>>>,
}

impl Holdings {
    /// Records that deal `owner` holds `usage`.
    pub fn add(&mut self, owner: &str, usage: &[Usage]) {
        let at = u32::try_from(self.owners.len()).unwrap_or(u32::MAX);
        self.owners.push(owner.to_string());
        self.by_day.take();
        for u in usage.iter().filter(|u| u.person_days > 0.0) {
            if self.added.len() <= u.team {
                self.added.resize_with(u.team + 1, Vec::new);
            }
            self.added[u.team].push((u.day, at, u.person_days));
        }
    }

    /// The `n` deals holding most of `teams` over `from..=through`, most
    /// first (ties by id), with their person-days.
    pub fn most(
        &self,
        teams: &[usize],
        from: NaiveDate,
        through: NaiveDate,
        n: usize,
    ) -> Vec<(String, f64)> {
        let by_day = self.by_day.get_or_init(|| {
            let mut by_day = self.added.clone();
            by_day
                .iter_mut()
                .for_each(|t| t.sort_by_key(|e| (e.0, e.1)));
            by_day
        });
        // Each owner's person-days, summed in team then day order, in a
        // per-thread table (a window holds thousands of entries).
        let mut by_owner = OWNER_SUMS.with_borrow_mut(|sums| {
            sums.resize(self.owners.len(), 0.0);
            let mut owners: Vec<u32> = Vec::new();
            if from <= through {
                for held_on_team in teams.iter().filter_map(|&t| by_day.get(t)) {
                    let lo = held_on_team.partition_point(|e| e.0 < from);
                    let hi = held_on_team.partition_point(|e| e.0 <= through);
                    for &(_, owner, pd) in &held_on_team[lo..hi] {
                        let sum = &mut sums[owner as usize];
                        if *sum == 0.0 {
                            owners.push(owner);
                        }
                        *sum += pd;
                    }
                }
            }
            owners
                .iter()
                .map(|&o| (o, std::mem::take(&mut sums[o as usize])))
                .collect::<Vec<(u32, f64)>>()
        });
        let id = |o: u32| &self.owners[o as usize];
        let most =
            |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then_with(|| id(a.0).cmp(id(b.0)));
        if n < by_owner.len() {
            by_owner.select_nth_unstable_by(n, most);
            by_owner.truncate(n);
        }
        by_owner.sort_by(most);
        by_owner
            .into_iter()
            .map(|(o, pd)| (id(o).clone(), pd))
            .collect()
    }
}

#[cfg(test)]
mod holdings_tests {
    use super::*;
    use crate::testing::d;

    fn usage(team: usize, day: NaiveDate, person_days: f64) -> Usage {
        Usage {
            team,
            day,
            person_days,
        }
    }

    /// The holders of a window: summed over its days and the teams asked
    /// for, most first, ties by id, at most `n`; days and teams outside the
    /// window do not count.
    #[test]
    fn the_deals_holding_most_of_a_window_come_first() {
        let mut h = Holdings::default();
        h.add(
            "B",
            &[usage(0, d(2027, 1, 4), 1.0), usage(1, d(2027, 1, 5), 1.0)],
        );
        h.add(
            "A",
            &[usage(0, d(2027, 1, 5), 2.0), usage(0, d(2027, 1, 11), 9.0)],
        );
        h.add(
            "C",
            &[usage(0, d(2027, 1, 6), 0.5), usage(2, d(2027, 1, 6), 9.0)],
        );
        h.add(
            "D",
            &[usage(0, d(2027, 1, 3), 9.0), usage(0, d(2027, 1, 7), 0.0)],
        );
        let (mon, fri) = (d(2027, 1, 4), d(2027, 1, 8));
        let most = h.most(&[0, 1], mon, fri, 5);
        assert_eq!(
            most,
            vec![("A".into(), 2.0), ("B".into(), 2.0), ("C".into(), 0.5)]
        );
        assert_eq!(h.most(&[0, 1], mon, fri, 1), vec![("A".into(), 2.0)]);
        assert_eq!(h.most(&[1], mon, fri, 5), vec![("B".into(), 1.0)]);
        assert!(h.most(&[0], fri, mon, 5).is_empty(), "an empty window");
        assert!(h.most(&[7], mon, fri, 5).is_empty(), "no such team");
        // Asked again, from another thread's table: the same answer.
        let again = std::thread::scope(|s| s.spawn(|| h.most(&[0, 1], mon, fri, 5)).join());
        assert_eq!(again.ok(), Some(most));
    }
}
