//! The portfolio ledger: capacity signed deals already hold.

use super::Usage;
use crate::calendar::{TeamCalendar, WorkCalendar, team_capacity};
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;

thread_local! {
    /// Per owner of a [`Holdings`]: person-days summed by [`Holdings::most`].
    static OWNER_SUMS: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
}

/// Capacity booked on top of a plan's grids, in person-days per team and
/// day: a signed deal's own plan given back (negative) when it is judged in
/// what the book leaves, or other deals' work (positive).
///
/// Keyed by the team's index in the catalog's team list: callers always pass
/// all catalog teams in catalog order as [`Plan::teams`](super::Plan::teams),
/// so the same index means the same team in every deal. Kept sorted by
/// team and day, one entry per cell (16 bytes): the book keeps one per
/// signed deal, and a window is a binary search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Booked {
    days: Vec<(u32, NaiveDate, f64)>,
}

/// A team index as the ledgers store it (catalogs have a handful of teams).
fn team_key(team: usize) -> u32 {
    u32::try_from(team).unwrap_or(u32::MAX)
}

impl Booked {
    /// Booked by hand, cell by cell (tests: a run only ever gives a plan
    /// back, [`Booked::given_back`]).
    #[cfg(test)]
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Books `person_days` more on `team` and `day`; non-positive or
    /// non-finite amounts are ignored. (Tests only: one insertion each.)
    #[cfg(test)]
    pub(crate) fn add(&mut self, team: usize, day: NaiveDate, person_days: f64) {
        if person_days.is_finite() && person_days > 0.0 {
            let key = (team_key(team), day);
            match self.days.binary_search_by(|e| (e.0, e.1).cmp(&key)) {
                Ok(at) => self.days[at].2 += person_days,
                Err(at) => self.days.insert(at, (key.0, key.1, 0.0 + person_days)),
            }
        }
    }

    /// Books what a schedule consumed (tests only).
    #[cfg(test)]
    pub(crate) fn add_usage(&mut self, usage: &[Usage]) {
        for u in usage {
            self.add(u.team, u.day, u.person_days);
        }
    }

    /// Every booking: team, day, person-days.
    pub fn all(&self) -> impl Iterator<Item = (usize, NaiveDate, f64)> + '_ {
        self.days
            .iter()
            .map(|&(team, day, pd)| (team as usize, day, pd))
    }

    /// What `usage` held, given back: booked on top of grids that hold it,
    /// this leaves the capacity as if the plan that used it were not there.
    /// A cell used twice is given back in the order used.
    pub fn given_back(usage: &[Usage]) -> Booked {
        let mut cells: Vec<(u32, NaiveDate, f64)> = usage
            .iter()
            .filter(|u| u.person_days.is_finite())
            .map(|u| (team_key(u.team), u.day, u.person_days))
            .collect();
        cells.sort_by_key(|c| (c.0, c.1));
        let mut days: Vec<(u32, NaiveDate, f64)> = Vec::with_capacity(cells.len());
        for (team, day, pd) in cells {
            match days.last_mut() {
                Some(last) if (last.0, last.1) == (team, day) => last.2 -= pd,
                _ => days.push((team, day, 0.0 - pd)),
            }
        }
        days.shrink_to_fit();
        Booked { days }
    }

    /// Person-days booked on `team` and `day` (0 when nothing is).
    pub fn get(&self, team: usize, day: NaiveDate) -> f64 {
        let key = (team_key(team), day);
        self.days
            .binary_search_by(|e| (e.0, e.1).cmp(&key))
            .map_or(0.0, |at| self.days[at].2)
    }

    /// Each day of `from..=through` on which `team` has person-days booked.
    pub(super) fn team_days(
        &self,
        team: usize,
        from: NaiveDate,
        through: NaiveDate,
    ) -> impl Iterator<Item = (NaiveDate, f64)> + '_ {
        self.window(team, from, through)
            .iter()
            .map(|&(_, day, person_days)| (day, person_days))
    }

    /// The entries of `team` over `from..=through`.
    fn window(&self, team: usize, from: NaiveDate, through: NaiveDate) -> &[(u32, NaiveDate, f64)] {
        if through < from {
            return &[];
        }
        let team = team_key(team);
        let lo = self.days.partition_point(|e| (e.0, e.1) < (team, from));
        let hi = self.days.partition_point(|e| (e.0, e.1) <= (team, through));
        &self.days[lo..hi.max(lo)]
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
        self.window(team_index, from, through)
            .iter()
            .map(|&(_, day, pd)| pd.min(team_capacity(cal, team, day)))
            .sum()
    }
}

/// Days per block of a [`Ledger`].
const BLOCK: i32 = 32;

/// Capacity held by deals already booked on a set of grids (a book's
/// reservations, or the deals before this one in a sequence), in
/// person-days per team and day: taken off every grid built later.
///
/// Added to once per booked deal and read whole, so it is kept per team in
/// blocks of [`BLOCK`] days (8 bytes a day where work is, nothing where
/// none is): a tenth of a map's memory for a book of thousands of deals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ledger {
    teams: Vec<BTreeMap<i32, Box<[f64; BLOCK as usize]>>>,
}

impl Ledger {
    /// Holds `person_days` more on `team` and `day`; non-positive or
    /// non-finite amounts are ignored (so a held cell is never 0).
    pub fn add(&mut self, team: usize, day: NaiveDate, person_days: f64) {
        if !(person_days.is_finite() && person_days > 0.0) {
            return;
        }
        if self.teams.len() <= team {
            self.teams.resize_with(team + 1, BTreeMap::new);
        }
        let n = day.num_days_from_ce();
        let block = self.teams[team]
            .entry(n.div_euclid(BLOCK))
            .or_insert_with(|| Box::new([0.0; BLOCK as usize]));
        block[n.rem_euclid(BLOCK) as usize] += person_days;
    }

    /// Holds what a schedule consumed.
    pub fn add_usage(&mut self, usage: &[Usage]) {
        for u in usage {
            self.add(u.team, u.day, u.person_days);
        }
    }

    /// Everything held: team, day, person-days, by team then day.
    pub fn all(&self) -> impl Iterator<Item = (usize, NaiveDate, f64)> + '_ {
        self.teams.iter().enumerate().flat_map(|(team, blocks)| {
            blocks.iter().flat_map(move |(&block, days)| {
                (0..BLOCK).filter_map(move |i| {
                    let held = days[i as usize];
                    let day = NaiveDate::from_num_days_from_ce_opt(block * BLOCK + i)?;
                    (held != 0.0).then_some((team, day, held))
                })
            })
        })
    }

    /// Person-days held on `team` and `day` (0 when nothing is).
    pub fn get(&self, team: usize, day: NaiveDate) -> f64 {
        let n = day.num_days_from_ce();
        self.teams
            .get(team)
            .and_then(|blocks| blocks.get(&n.div_euclid(BLOCK)))
            .map_or(0.0, |days| days[n.rem_euclid(BLOCK) as usize])
    }
}

/// Each team's holdings ordered by day, then owner (stable).
fn sort_by_day(held: &mut [Vec<(NaiveDate, u32, f64)>]) {
    for team in held {
        team.sort_by_key(|e| (e.0, e.1));
    }
}

/// Who holds the capacity a book reserved: per team and day, each holding
/// deal's person-days, so a late deal can be told whose work is in its way.
#[derive(Debug, Default)]
pub struct Holdings {
    owners: Vec<String>,
    /// Per team: (day, owner, person-days), in the order added until
    /// [`Holdings::sort_by_day`], then ordered by day: a window is then a
    /// binary search.
    held: Vec<Vec<(NaiveDate, u32, f64)>>,
    sorted: bool,
}

impl Holdings {
    /// Records that deal `owner` holds `usage`.
    pub fn add(&mut self, owner: &str, usage: &[Usage]) {
        let at = u32::try_from(self.owners.len()).unwrap_or(u32::MAX);
        self.owners.push(owner.to_string());
        self.sorted = false;
        for u in usage.iter().filter(|u| u.person_days > 0.0) {
            if self.held.len() <= u.team {
                self.held.resize_with(u.team + 1, Vec::new);
            }
            self.held[u.team].push((u.day, at, u.person_days));
        }
    }

    /// Orders what is held by day, in place (a stable sort: an owner's
    /// entries of one day stay in the order added), once every deal is
    /// added: the reservation's holdings are asked about by every late
    /// deal of the run.
    pub fn sort_by_day(&mut self) {
        sort_by_day(&mut self.held);
        // Grown one entry at a time but kept for the whole run: without
        // the growth's slack (up to half of each team's list).
        for held in &mut self.held {
            held.shrink_to_fit();
        }
        self.owners.shrink_to_fit();
        self.sorted = true;
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
        let by_day: Cow<[Vec<(NaiveDate, u32, f64)>]> = if self.sorted {
            Cow::Borrowed(&self.held)
        } else {
            let mut held = self.held.clone();
            sort_by_day(&mut held);
            Cow::Owned(held)
        };
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

/// What one day of a team gave a plan (for the tests of this file).
#[cfg(test)]
fn usage(team: usize, day: NaiveDate, person_days: f64) -> Usage {
    Usage {
        team,
        day,
        person_days,
    }
}

#[cfg(test)]
mod holdings_tests {
    use super::*;
    use crate::testing::d;

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
        // Sorted in place once every deal is added: the same answers, and
        // no growth slack kept for the rest of the run.
        h.sort_by_day();
        assert!(h.held.iter().all(|t| t.capacity() == t.len()));
        assert_eq!(h.owners.capacity(), h.owners.len());
        assert_eq!(h.most(&[0, 1], mon, fri, 5), most);
        assert_eq!(h.most(&[1], mon, fri, 5), vec![("B".into(), 1.0)]);
        assert!(h.most(&[0], fri, mon, 5).is_empty(), "an empty window");
        assert!(h.most(&[7], mon, fri, 5).is_empty(), "no such team");
        // Asked again, from another thread's table: the same answer.
        let again = std::thread::scope(|s| s.spawn(|| h.most(&[0, 1], mon, fri, 5)).join());
        assert_eq!(again.ok(), Some(most));
    }
}

#[cfg(test)]
mod ledger_tests {
    use super::*;
    use crate::testing::d;

    /// A ledger adds what is held per cell across block edges (a block is
    /// 32 days), ignores what is not a positive amount, and lists every
    /// held cell once, by team then day.
    #[test]
    fn a_ledger_holds_each_cell_and_lists_them_by_team_then_day() {
        let mut held = Ledger::default();
        let days: Vec<NaiveDate> = (0..70)
            .map(|i| d(2027, 1, 1) + chrono::Days::new(i))
            .collect();
        held.add_usage(&[
            usage(2, days[69], 1.0),
            usage(0, days[33], 0.25),
            usage(0, days[31], 1.0),
            usage(0, days[32], 2.0),
            usage(0, days[31], 0.5),
            usage(1, days[5], 0.0),
            usage(1, days[6], -1.0),
            usage(1, days[7], f64::NAN),
        ]);
        held.add(1, NaiveDate::MIN, 3.0);
        held.add(1, NaiveDate::MAX, 4.0);
        let all: Vec<(usize, NaiveDate, f64)> = held.all().collect();
        assert_eq!(
            all,
            vec![
                (0, days[31], 1.5),
                (0, days[32], 2.0),
                (0, days[33], 0.25),
                (1, NaiveDate::MIN, 3.0),
                (1, NaiveDate::MAX, 4.0),
                (2, days[69], 1.0),
            ]
        );
        assert_eq!(held.get(0, days[31]), 1.5);
        assert_eq!(held.get(0, days[30]), 0.0);
        assert_eq!(held.get(1, days[5]), 0.0);
        assert_eq!(held.get(7, days[5]), 0.0, "a team with nothing held");
    }

    /// A plan given back is one negative entry per cell, a cell used twice
    /// summed in the order used; a window of one team is exactly its days.
    #[test]
    fn a_plan_given_back_is_one_entry_per_cell() {
        let (a, b, c) = (d(2027, 1, 4), d(2027, 1, 5), d(2027, 1, 6));
        let back = Booked::given_back(&[
            usage(1, b, 1.0),
            usage(0, c, 2.0),
            usage(0, a, 0.1),
            usage(0, a, 0.2),
            usage(0, b, f64::INFINITY),
        ]);
        let all: Vec<(usize, NaiveDate, f64)> = back.all().collect();
        assert_eq!(
            all,
            vec![(0, a, 0.0 - 0.1 - 0.2), (0, c, -2.0), (1, b, -1.0)]
        );
        assert_eq!(back.get(0, c), -2.0);
        assert_eq!(back.get(0, b), 0.0);
        let window: Vec<(NaiveDate, f64)> = back.team_days(0, b, c).collect();
        assert_eq!(window, vec![(c, -2.0)]);
        assert_eq!(back.team_days(0, a, c).count(), 2);
        assert_eq!(back.team_days(0, c, a).count(), 0, "an empty window");
        assert_eq!(back.team_days(2, a, c).count(), 0);
        let mut booked = Booked::new();
        booked.add(0, b, 1.0);
        booked.add(0, a, 2.0);
        booked.add(0, b, 0.5);
        booked.add(0, c, -1.0);
        assert_eq!(
            booked.all().collect::<Vec<_>>(),
            vec![(0, a, 2.0), (0, b, 1.5)]
        );
    }
}
