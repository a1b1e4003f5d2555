//! Available to promise: a signed deal's work reserved as *late* as its
//! deadline and the order of its items allow, so the capacity before it
//! stays free for new deals (the rule ERP systems call available-to-promise).
//!
//! The same day-by-day rule as the forward engine, run backward: from the
//! deadline towards the start, each team gives its capacity to the items
//! whose followers are all placed (last item first), at most `max_people ×
//! focus` a day; an item's predecessors get only days before the day it
//! first worked. What does not fit between start and deadline is reserved
//! after the deadline, forward, as early as it can go.

use super::grid::CapacityGrid;
use super::table::daily_cap;
use super::{CapacityGrids, HORIZON_DAYS, Plan, Usage};
use chrono::{Days, NaiveDate};

/// A share of an item's effort small enough to count as done.
const DONE: f64 = 1e-9;

impl CapacityGrids {
    /// Reserves `plan`'s work backward from its deadline in these grids
    /// (what deals reserved before it left) and holds it: later plans see
    /// only what is left. Returns what was reserved, per team and day.
    pub fn reserve_backward(&mut self, plan: &Plan) -> Vec<Usage> {
        let last = plan
            .deadline
            .checked_add_days(Days::new(HORIZON_DAYS))
            .unwrap_or(NaiveDate::MAX);
        let mine = Plan {
            grids: Some(self),
            booked: None,
            ..*plan
        };
        let grid = CapacityGrids::covering(&mine, plan.start.min(plan.deadline), last);
        let mut work = Work::new(plan);
        let before = grid.rows(plan.start, plan.deadline);
        let mut usage = Vec::new();
        // Only rows on which a team with a ready item has capacity change
        // anything: the others are skipped by a search over the sums.
        let mut below = before.end;
        while work.open > 0 {
            let next = work
                .ready_teams()
                .filter_map(|t| grid.last_with_capacity(t, before.start, below));
            let Some(row) = next.max() else { break };
            work.day(&grid, row, Direction::Backward, &mut usage);
            below = row;
        }
        if work.open > 0 {
            work.turn_forward();
            let after = grid.rows(plan.deadline.succ_opt().unwrap_or(last), last);
            let mut from = after.start;
            while work.open > 0 && from < after.end {
                let next = work
                    .ready_teams()
                    .filter_map(|t| grid.first_with_capacity(t, from, after.end));
                let Some(row) = next.min() else { break };
                work.day(&grid, row, Direction::Forward, &mut usage);
                from = row + 1;
            }
        }
        drop(grid);
        usage.sort_by_key(|u| (u.day, u.team));
        self.book(&usage);
        usage
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Backward,
    Forward,
}

/// The items of one plan being placed.
struct Work {
    cap: Vec<f64>,
    remaining: Vec<f64>,
    /// Per item: the items it waits for in the current direction (its
    /// followers backward, its predecessors forward) not placed yet.
    waiting: Vec<usize>,
    /// Per item: the items that wait for it in the current direction.
    released: Vec<Vec<usize>>,
    predecessors: Vec<Vec<usize>>,
    /// Items with work left.
    open: usize,
    /// Per team with work: its items, in deal order.
    by_team: Vec<(usize, Vec<usize>)>,
    /// Items that finished on the day being placed (reused).
    finished: Vec<usize>,
}

impl Work {
    fn new(plan: &Plan) -> Work {
        let n = plan.items.len();
        let mut followers = vec![Vec::new(); n];
        let mut predecessors = vec![Vec::new(); n];
        for (i, item) in plan.items.iter().enumerate() {
            for &p in item.after.iter().filter(|&&p| p < n) {
                followers[p].push(i);
                predecessors[i].push(p);
            }
        }
        let remaining: Vec<f64> = plan
            .items
            .iter()
            .map(|i| {
                // Work that can never be placed (no such team, no size)
                // reserves nothing.
                if i.team < plan.teams.len() && i.effort.is_finite() {
                    i.effort.max(0.0)
                } else {
                    0.0
                }
            })
            .collect();
        let mut by_team: Vec<(usize, Vec<usize>)> = Vec::new();
        for (i, item) in plan.items.iter().enumerate() {
            if remaining[i] <= 0.0 {
                continue;
            }
            match by_team.iter_mut().find(|(t, _)| *t == item.team) {
                Some((_, items)) => items.push(i),
                None => by_team.push((item.team, vec![i])),
            }
        }
        let mut work = Work {
            cap: plan.items.iter().map(|i| daily_cap(plan, i)).collect(),
            open: remaining.iter().filter(|r| **r > 0.0).count(),
            remaining,
            waiting: followers.iter().map(Vec::len).collect(),
            released: predecessors.clone(),
            predecessors,
            by_team,
            finished: Vec::new(),
        };
        // Zero-effort items are placed at once, in a chain if need be.
        let mut ready: Vec<usize> = (0..n).filter(|&i| work.waiting[i] == 0).collect();
        work.settle(&mut ready);
        work
    }

    /// Releases what waits for the items in `done` that have no work left,
    /// and so on through items with none (placed the moment they are ready).
    fn settle(&mut self, done: &mut Vec<usize>) {
        done.retain(|&i| self.remaining[i] <= 0.0);
        while let Some(i) = done.pop() {
            for k in 0..self.released[i].len() {
                let next = self.released[i][k];
                self.waiting[next] = self.waiting[next].saturating_sub(1);
                if self.waiting[next] == 0 && self.remaining[next] <= 0.0 {
                    done.push(next);
                }
            }
        }
    }

    /// From now on, items are placed forward after the deadline: an item
    /// waits for its predecessors that still have work.
    fn turn_forward(&mut self) {
        self.waiting = self
            .predecessors
            .iter()
            .map(|p| p.iter().filter(|&&q| self.remaining[q] > 0.0).count())
            .collect();
        let mut followers = vec![Vec::new(); self.remaining.len()];
        for (i, p) in self.predecessors.iter().enumerate() {
            for &q in p {
                followers[q].push(i);
            }
        }
        self.released = followers;
    }

    /// Teams with an item that can take capacity now (ready, work left).
    fn ready_teams(&self) -> impl Iterator<Item = usize> + '_ {
        self.by_team
            .iter()
            .filter(|(_, items)| {
                items
                    .iter()
                    .any(|&i| self.waiting[i] == 0 && self.remaining[i] > 0.0)
            })
            .map(|(team, _)| *team)
    }

    /// One day (grid row): each team gives what it has left to its ready
    /// items, last first going backward, first first going forward.
    fn day(&mut self, grid: &CapacityGrid, row: usize, way: Direction, usage: &mut Vec<Usage>) {
        let mut finished = std::mem::take(&mut self.finished);
        for (team, items) in &self.by_team {
            let before = grid.capacity_at(row, *team);
            if before <= 0.0 {
                continue;
            }
            let mut left = before;
            let mut give = |i: usize| {
                if left <= 0.0 || self.waiting[i] > 0 || self.remaining[i] <= 0.0 {
                    return;
                }
                let take = self.remaining[i].min(self.cap[i]).min(left);
                self.remaining[i] -= take;
                left -= take;
                if self.remaining[i] <= DONE * take.max(1.0) {
                    self.remaining[i] = 0.0;
                    self.open -= 1;
                    finished.push(i);
                }
            };
            match way {
                Direction::Backward => items.iter().rev().for_each(|&i| give(i)),
                Direction::Forward => items.iter().for_each(|&i| give(i)),
            }
            if left < before {
                usage.push(Usage {
                    team: *team,
                    day: grid.day_at(row),
                    person_days: before - left,
                });
            }
        }
        // What finished today releases the items waiting for it from the
        // next day on.
        self.settle(&mut finished);
        self.finished = finished;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WorkCalendar;
    use crate::testing::{d, item, plan, team};

    fn reserve(items: &[crate::scheduler::WorkItem], deadline: NaiveDate) -> Vec<Usage> {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(2, 1.0), team(1, 1.0)];
        let mut grids = CapacityGrids::default();
        grids.reserve_backward(&plan(&cal, &teams, items, deadline))
    }

    fn days(usage: &[Usage]) -> Vec<(NaiveDate, f64)> {
        usage.iter().map(|u| (u.day, u.person_days)).collect()
    }

    /// 4 person-days for a team of 2, due Friday: Thursday and Friday.
    #[test]
    fn work_is_reserved_as_late_as_the_deadline_allows() {
        let usage = reserve(&[item(0, 4.0, &[])], d(2027, 1, 8));
        assert_eq!(
            days(&usage),
            vec![(d(2027, 1, 7), 2.0), (d(2027, 1, 8), 2.0)]
        );
    }

    /// An item's predecessor is placed on days before the item's first day.
    #[test]
    fn a_predecessor_goes_before_its_follower() {
        let usage = reserve(&[item(0, 2.0, &[]), item(0, 2.0, &[0])], d(2027, 1, 8));
        assert_eq!(
            days(&usage),
            vec![(d(2027, 1, 7), 2.0), (d(2027, 1, 8), 2.0)]
        );
        // Two independent items of 1 each share Friday instead.
        let usage = reserve(&[item(0, 1.0, &[]), item(0, 1.0, &[])], d(2027, 1, 8));
        assert_eq!(days(&usage), vec![(d(2027, 1, 8), 2.0)]);
    }

    /// What does not fit between start (Monday 4th) and the deadline is
    /// reserved after it, as early as it can go.
    #[test]
    fn what_does_not_fit_is_reserved_after_the_deadline() {
        let usage = reserve(&[item(1, 3.0, &[])], d(2027, 1, 5));
        assert_eq!(
            days(&usage),
            vec![
                (d(2027, 1, 4), 1.0),
                (d(2027, 1, 5), 1.0),
                (d(2027, 1, 6), 1.0)
            ]
        );
    }

    /// A second plan sees what the first reserved taken off.
    #[test]
    fn reservations_add_up() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(2, 1.0)];
        let mut grids = CapacityGrids::default();
        let items = [item(0, 2.0, &[])];
        let first = grids.reserve_backward(&plan(&cal, &teams, &items, d(2027, 1, 8)));
        let second = grids.reserve_backward(&plan(&cal, &teams, &items, d(2027, 1, 8)));
        assert_eq!(days(&first), vec![(d(2027, 1, 8), 2.0)]);
        assert_eq!(days(&second), vec![(d(2027, 1, 7), 2.0)]);
        assert_eq!(grids.held().get(0, d(2027, 1, 8)), 2.0);
        assert_eq!(grids.held().get(0, d(2027, 1, 7)), 2.0);
    }

    /// `max_people` caps a day's reservation as it caps a day's work.
    #[test]
    fn max_people_caps_a_day() {
        let mut capped = item(0, 2.0, &[]);
        capped.max_people = Some(1);
        let usage = reserve(&[capped], d(2027, 1, 8));
        assert_eq!(
            days(&usage),
            vec![(d(2027, 1, 7), 1.0), (d(2027, 1, 8), 1.0)]
        );
    }
}
