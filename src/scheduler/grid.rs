//! Capacity grids: every team's person-days on every day some team can work,
//! over a span of dates.
//!
//! A grid depends only on the catalog's calendars, so the deals of a catalog
//! share one per span ([`CapacityGrids`]) instead of each rebuilding the days
//! of its horizon from holidays and commitments: a plan's engine borrows the
//! rows between its start and its horizon and adds only its own suffix sums.
//! A signed deal's bookings are taken off a private copy of those rows.

use super::nonzero::NonZero;
use super::{Booked, HORIZON_DAYS, Ledger, Plan, Usage};
use crate::calendar::{TeamCalendar, WorkCalendar};
use chrono::{Datelike, Days, NaiveDate};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

/// The slot of a column a grid leaves out.
const DROPPED: usize = usize::MAX;

/// Shared grids kept at most: a run whose plans start in more distinct years
/// than this builds the rest privately, as if nothing were shared.
const MAX_SHARED: usize = 16;

/// Person-days per team and day over `first..=last`, only for days on which
/// some team has capacity; one column per team plus a last, always-zero
/// column for items naming a team that does not exist.
#[derive(Debug)]
pub(crate) struct CapacityGrid {
    first: NaiveDate,
    last: NaiveDate,
    /// Days with capacity for some team, ascending.
    pub(super) days: Vec<NaiveDate>,
    /// `capacity[row * width + slot[column]]`.
    capacity: Vec<f64>,
    pub(super) columns: usize,
    /// Per column: where its cells sit in a row ([`DROPPED`] for a column a
    /// private grid leaves out: it gives nothing).
    slot: Vec<usize>,
    /// Cells per row: `columns` for a grid built from the calendars, fewer
    /// for a plan's private grid, which keeps only the columns it uses.
    width: usize,
    /// Per column: its largest capacity on any day of the grid, at least
    /// that of any range of its rows (bookings only lower capacity).
    pub(super) peaks: Vec<f64>,
    /// Which cells give anything, kept with them.
    nonzero: NonZero,
    /// Per column, worked out when an engine first asks: its suffix sums
    /// ([`CapacityGrid::suffix`]), shared by every plan over this grid so a
    /// plan's set-up does not grow with its horizon.
    sums: Vec<OnceLock<Arc<[f64]>>>,
}

impl CapacityGrid {
    /// Capacity of every team on every catalog working day of `first..=last`:
    /// `focus × free people`, 0 on the team's own holidays.
    pub(super) fn build(
        calendar: &WorkCalendar,
        teams: &[TeamCalendar],
        first: NaiveDate,
        last: NaiveDate,
    ) -> CapacityGrid {
        let columns = teams.len() + 1;
        let span = usize::try_from((last - first).num_days() + 1).unwrap_or(0);
        let committed: Vec<Vec<u32>> = teams.iter().map(|t| committed(t, first, span)).collect();
        let mut days = Vec::new();
        let mut capacity = Vec::new();
        let mut row = vec![0.0; columns];
        for (offset, day) in first.iter_days().take(span).enumerate() {
            if !calendar.is_working_day(day) {
                continue;
            }
            for (t, team) in teams.iter().enumerate() {
                row[t] = if team.holidays.contains(&day) {
                    0.0
                } else {
                    let free = team.people.saturating_sub(committed[t][offset]);
                    sane_capacity(team.effective_focus() * f64::from(free))
                };
            }
            if row.iter().any(|c| *c > 0.0) {
                days.push(day);
                capacity.extend_from_slice(&row);
            }
        }
        let mut peaks = vec![0.0f64; columns];
        for row in capacity.chunks_exact(columns) {
            for (peak, x) in peaks.iter_mut().zip(row) {
                *peak = peak.max(*x);
            }
        }
        CapacityGrid {
            first,
            last,
            days,
            nonzero: NonZero::of(&capacity, columns),
            capacity,
            columns,
            slot: (0..columns).collect(),
            width: columns,
            peaks,
            sums: (0..columns).map(|_| OnceLock::new()).collect(),
        }
    }

    /// What column `c` gives on the day of `row`.
    pub(super) fn at(&self, row: usize, c: usize) -> f64 {
        match self.slot[c] {
            DROPPED => 0.0,
            slot => self.capacity[row * self.width + slot],
        }
    }

    /// Column `c`'s suffix sums: entry `r` is what it gives from row `r` to
    /// the grid's last row (0 at `days.len()`), so what it gives over rows
    /// `a..b` is `suffix[a] - suffix[b]`. Worked out once per column.
    pub(super) fn suffix(&self, c: usize) -> &Arc<[f64]> {
        self.sums[c].get_or_init(|| {
            let rows = self.days.len();
            let mut sums = vec![0.0; rows + 1];
            let mut total = 0.0;
            for r in (0..rows).rev() {
                total += self.at(r, c);
                sums[r] = total;
            }
            sums.into()
        })
    }

    /// Takes `(team, day, person_days)` off the grid's cells, in place.
    /// What is left within a billionth of a person-day is nothing: float
    /// residue must not count as a working day.
    pub(super) fn take_off(&mut self, held: impl IntoIterator<Item = (usize, NaiveDate, f64)>) {
        // Per column, the last row changed: its sums after it still hold.
        let mut changed: Vec<Option<usize>> = vec![None; self.columns];
        for (team, day, person_days) in held {
            if team + 1 >= self.columns {
                continue;
            }
            if let (Ok(row), slot) = (self.days.binary_search(&day), self.slot[team])
                && slot != DROPPED
            {
                changed[team] = changed[team].max(Some(row));
                let cell = &mut self.capacity[row * self.width + slot];
                let left = *cell - person_days;
                *cell = if left <= 1e-9 {
                    0.0
                } else {
                    sane_capacity(left)
                };
                self.nonzero.set(slot, row, *cell > 0.0);
            }
        }
        for (c, last) in changed.into_iter().enumerate() {
            if let Some(last) = last {
                self.refresh_sums(c, last);
            }
        }
    }

    /// Column `c`'s suffix sums after its cells up to `last` changed: the
    /// sums of the rows after `last` still hold, so the rows up to it are
    /// worked out again from there, as [`CapacityGrid::suffix`] would (the
    /// same additions in the same order). Sums an engine still shares are
    /// dropped instead, to be worked out when next asked for.
    fn refresh_sums(&mut self, c: usize, last: usize) {
        let Some(sums) = self.sums[c].get_mut().and_then(Arc::get_mut) else {
            self.sums[c].take();
            return;
        };
        let slot = self.slot[c];
        let mut total = sums[last + 1];
        for r in (0..=last).rev() {
            total += self.capacity[r * self.width + slot];
            sums[r] = total;
        }
    }

    /// Calls `f` with every row of `rows`, ascending, on which some of
    /// `columns` gives anything (exactly: a cell above 0).
    pub(super) fn each_row_with_capacity(
        &self,
        columns: impl Iterator<Item = usize> + Clone,
        rows: Range<usize>,
        f: impl FnMut(usize),
    ) {
        let slots = columns
            .map(|c| self.slot[c])
            .filter(|&slot| slot != DROPPED);
        self.nonzero.each_row(slots, rows, f);
    }

    /// What `team` can give on the day of `row`.
    pub(super) fn capacity_at(&self, row: usize, team: usize) -> f64 {
        self.at(row, team)
    }

    /// The day of `row`.
    pub(super) fn day_at(&self, row: usize) -> NaiveDate {
        self.days[row]
    }

    /// What `team` can give on `day` (0 on a day no team works; `None`
    /// outside the grid or for a team it does not have).
    pub(super) fn cell(&self, team: usize, day: NaiveDate) -> Option<f64> {
        if team + 1 >= self.columns || day < self.first || day > self.last {
            return None;
        }
        Some(match self.days.binary_search(&day) {
            Ok(row) => self.at(row, team),
            Err(_) => 0.0,
        })
    }

    fn spans(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.first <= first && last <= self.last
    }

    /// The rows whose days lie in `from..=through`.
    pub(super) fn rows(&self, from: NaiveDate, through: NaiveDate) -> Range<usize> {
        let lo = self.days.partition_point(|d| *d < from);
        let hi = self.days.partition_point(|d| *d <= through);
        lo..hi.max(lo)
    }

    /// The last row of `floor..below` on which column `c` gives anything,
    /// from the cells' bits: no suffix sums are worked out, so a grid a
    /// reservation books into again and again never refreshes them.
    pub(super) fn last_with_capacity(&self, c: usize, floor: usize, below: usize) -> Option<usize> {
        match self.slot[c] {
            DROPPED => None,
            slot => self.nonzero.last_in(slot, floor..below),
        }
    }

    /// The first row of `from..end` on which column `c` gives anything.
    pub(super) fn first_with_capacity(&self, c: usize, from: usize, end: usize) -> Option<usize> {
        match self.slot[c] {
            DROPPED => None,
            slot => self.nonzero.first_in(slot, from..end),
        }
    }

    /// Rows `rows` of the columns `kept` with what `booked` holds taken
    /// off, as a grid of their own (the other columns give nothing there).
    pub(super) fn without_booked(
        &self,
        rows: Range<usize>,
        booked: &Booked,
        kept: &[usize],
    ) -> CapacityGrid {
        let days = self.days[rows.clone()].to_vec();
        let mut slot = vec![DROPPED; self.columns];
        for (i, &c) in kept.iter().enumerate() {
            slot[c] = i;
        }
        let width = kept.len();
        let mut capacity = Vec::with_capacity(days.len() * width);
        for row in rows {
            capacity.extend(kept.iter().map(|&c| self.at(row, c)));
        }
        if let (Some(&first), Some(&last)) = (days.first(), days.last()) {
            for (i, &team) in kept
                .iter()
                .enumerate()
                .filter(|(_, t)| **t + 1 < self.columns)
            {
                for (day, person_days) in booked.team_days(team, first, last) {
                    if let Ok(row) = days.binary_search(&day) {
                        let cell = &mut capacity[row * width + i];
                        *cell = sane_capacity(*cell - person_days);
                    }
                }
            }
        }
        CapacityGrid {
            first: self.first,
            last: self.last,
            days,
            nonzero: NonZero::of(&capacity, width),
            capacity,
            columns: self.columns,
            slot,
            width,
            peaks: self.peaks.clone(),
            sums: (0..self.columns).map(|_| OnceLock::new()).collect(),
        }
    }
}

/// People of `team` committed on each of the `span` days from `first`:
/// overlapping commitments add up (saturating), counted with one pass over
/// the commitments and one over the days.
pub(super) fn committed(team: &TeamCalendar, first: NaiveDate, span: usize) -> Vec<u32> {
    let mut change = vec![0i64; span + 1];
    let offset = |d: NaiveDate| (d - first).num_days().clamp(0, span as i64) as usize;
    for c in &team.commitments {
        let (from, to) = (offset(c.from), c.until.succ_opt().map_or(span, offset));
        if from < to {
            change[from] += i64::from(c.people);
            change[to] -= i64::from(c.people);
        }
    }
    let mut now = 0i64;
    change
        .iter()
        .take(span)
        .map(|delta| {
            now += delta;
            u32::try_from(now).unwrap_or(u32::MAX)
        })
        .collect()
}

/// Capacity clamped to a finite, non-negative number.
pub(super) fn sane_capacity(x: f64) -> f64 {
    if x > 0.0 { x.min(f64::MAX) } else { 0.0 }
}

/// The grids the plans of one catalog share, one per span of start years.
/// Not `Clone`: it is shared (a [`crate::check::Prepared`] holds one per
/// catalog), never copied.
#[derive(Debug, Default)]
pub struct CapacityGrids {
    shared: Mutex<Vec<Arc<CapacityGrid>>>,
    /// Capacity held by deals already booked (signed deals' reservations,
    /// or the deals before this one in a sequence): taken off every grid
    /// built here, so a plan sees only what is left.
    held: Ledger,
}

impl CapacityGrids {
    /// Grids that leave out what `held` holds.
    pub fn holding(held: Ledger) -> CapacityGrids {
        CapacityGrids {
            shared: Mutex::default(),
            held,
        }
    }

    /// What the deals booked here hold (taken off every grid).
    pub fn held(&self) -> &Ledger {
        &self.held
    }

    /// Books `usage` (what a plan scheduled on these grids used): the grids
    /// built so far lose it in place, later ones are built without it.
    pub fn book(&mut self, usage: &[Usage]) {
        self.held.add_usage(usage);
        let shared = self.shared.get_mut().unwrap_or_else(|p| p.into_inner());
        // A grid an engine still borrows cannot change: it is dropped and
        // built again, with what is held, when next asked for.
        shared.retain_mut(|grid| match Arc::get_mut(grid) {
            Some(grid) => {
                grid.take_off(usage.iter().map(|u| (u.team, u.day, u.person_days)));
                true
            }
            None => false,
        });
    }

    /// Whether every cell of `usage` is still free here: then a plan that
    /// used it on grids with at least as much capacity everywhere is
    /// scheduled the same here (each day it got what it asked or all there
    /// was, and all there was is still there).
    pub fn still_free(&self, usage: &[Usage]) -> bool {
        let shared = match self.shared.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        usage.iter().all(|u| {
            let Some(grid) = shared.iter().find(|g| g.first <= u.day && u.day <= g.last) else {
                return false;
            };
            grid.cell(u.team, u.day)
                .is_some_and(|free| free >= u.person_days * (1.0 - 1e-9))
        })
    }

    /// How many grids are shared so far (each spans a range of start years).
    pub fn len(&self) -> usize {
        match self.shared.lock() {
            Ok(guard) => guard.len(),
            Err(poisoned) => poisoned.into_inner().len(),
        }
    }

    /// Whether no plan has asked for a grid yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A grid holding `first..=last` for `plan`'s calendars: shared when
    /// the plan has `grids`, spanning the start year to eleven years on, so
    /// that every plan starting that year finds its whole horizon in it.
    pub(super) fn covering(plan: &Plan, first: NaiveDate, last: NaiveDate) -> Arc<CapacityGrid> {
        let Some(grids) = plan.grids else {
            return Arc::new(CapacityGrid::build(plan.calendar, plan.teams, first, last));
        };
        let mut shared = match grids.shared.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(grid) = shared.iter().find(|g| g.spans(first, last)) {
            return Arc::clone(grid);
        }
        let (span_first, span_last) = year_span(first, last);
        let mut grid = CapacityGrid::build(plan.calendar, plan.teams, span_first, span_last);
        grid.take_off(grids.held.all());
        let grid = Arc::new(grid);
        if shared.len() < MAX_SHARED {
            shared.push(Arc::clone(&grid));
        }
        grid
    }
}

/// What `team` can still give over `plan.start..=plan.deadline` in the
/// capacity `plan`'s grids leave (what `plan.booked` holds not counted): a
/// subtraction of the grid's suffix sums.
pub fn free_before_deadline(plan: &Plan, team: usize) -> f64 {
    if plan.deadline < plan.start || team >= plan.teams.len() {
        return 0.0;
    }
    let grid = CapacityGrids::covering(plan, plan.start, plan.deadline);
    let rows = grid.rows(plan.start, plan.deadline);
    let sums = grid.suffix(team);
    sums[rows.start] - sums[rows.end]
}

/// January 1 of `first`'s year to the end of the year eleven years on (at
/// least through `last`), within chrono's dates.
fn year_span(first: NaiveDate, last: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first);
    let horizon_end = start
        .checked_add_days(Days::new(HORIZON_DAYS + 2 * 366))
        .unwrap_or(NaiveDate::MAX);
    let end = NaiveDate::from_ymd_opt(horizon_end.year(), 12, 31).unwrap_or(NaiveDate::MAX);
    (start, end.max(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{d, item, plan, team};

    /// Plans whose horizons a grid spans share it (those starting in its
    /// first year, and later ones that still fit); a plan reaching past it
    /// gets one of its own, kept beside the first.
    #[test]
    fn plans_of_one_start_year_share_a_grid() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(2, 1.0)];
        let items = [item(0, 3.0, &[])];
        let grids = CapacityGrids::default();
        let grid_of = |start: NaiveDate| {
            let p = Plan {
                start,
                grids: Some(&grids),
                ..plan(&cal, &teams, &items, start)
            };
            CapacityGrids::covering(&p, start, start + Days::new(HORIZON_DAYS - 1))
        };
        let january = grid_of(d(2027, 1, 4));
        let december = grid_of(d(2027, 12, 20));
        assert!(Arc::ptr_eq(&january, &december), "one grid for 2027");
        assert!(Arc::ptr_eq(&january, &grid_of(d(2028, 3, 1))), "fits");
        let later = grid_of(d(2030, 3, 1));
        assert!(!Arc::ptr_eq(&january, &later), "reaches past 2038");
        assert!(Arc::ptr_eq(&later, &grid_of(d(2030, 6, 1))));
        let shared = grids.shared.lock().unwrap();
        assert_eq!(shared.len(), 2);
    }

    /// A grid of its own holds its span's last day too.
    #[test]
    fn a_plans_own_grid_ends_on_its_last_day() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(1, 1.0)];
        let (monday, friday) = (d(2027, 1, 4), d(2027, 1, 8));
        let grid = CapacityGrid::build(&cal, &teams, monday, friday);
        assert_eq!(grid.days.first(), Some(&monday));
        assert_eq!(grid.days.last(), Some(&friday));
        assert_eq!(grid.days.len(), 5);
        assert_eq!(grid.rows(monday, monday), 0..1);
        assert_eq!(grid.rows(friday, d(2027, 1, 10)), 4..5);
    }

    /// Free capacity before the deadline: what the grids leave (held
    /// capacity off), start and deadline days included, nothing for a
    /// deadline before the start or a team the catalog does not have.
    #[test]
    fn free_before_the_deadline_is_what_the_grids_leave() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(2, 0.5), team(3, 1.0)];
        let items = [item(0, 3.0, &[])];
        let mut held = Ledger::default();
        held.add(1, d(2027, 1, 6), 2.0);
        held.add(1, d(2027, 1, 11), 5.0); // after the deadline
        let grids = CapacityGrids::holding(held);
        let p = Plan {
            deadline: d(2027, 1, 8),
            grids: Some(&grids),
            ..plan(&cal, &teams, &items, d(2027, 1, 4))
        };
        assert_eq!(free_before_deadline(&p, 0), 5.0);
        assert_eq!(free_before_deadline(&p, 1), 13.0);
        let one_day = Plan {
            deadline: d(2027, 1, 4),
            ..p
        };
        assert_eq!(free_before_deadline(&one_day, 1), 3.0);
        let backwards = Plan {
            deadline: d(2027, 1, 1),
            ..p
        };
        assert_eq!(free_before_deadline(&backwards, 1), 0.0);
        assert_eq!(free_before_deadline(&p, 2), 0.0);
    }

    /// The searches for the next row with capacity skip emptied cells and
    /// stay within the rows asked for.
    #[test]
    fn the_nearest_row_with_capacity_skips_emptied_cells() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(1, 1.0), team(2, 1.0)];
        // Two weeks: rows 0..10, Monday 4th to Friday 15th.
        let mut grid = CapacityGrid::build(&cal, &teams, d(2027, 1, 4), d(2027, 1, 15));
        let _ = grid.suffix(0);
        // Team 0 is emptied on Tuesday 5th to Thursday 14th but Monday 11th.
        let emptied = [5, 6, 7, 8, 12, 13, 14].map(|day| (0, d(2027, 1, day), 1.0));
        grid.take_off(emptied);
        assert_eq!(grid.last_with_capacity(0, 0, 10), Some(9), "Friday 15th");
        assert_eq!(grid.last_with_capacity(0, 0, 9), Some(5), "Monday 11th");
        assert_eq!(grid.last_with_capacity(0, 0, 5), Some(0), "Monday 4th");
        assert_eq!(
            grid.last_with_capacity(0, 1, 5),
            None,
            "not below the floor"
        );
        assert_eq!(grid.last_with_capacity(0, 0, 0), None);
        assert_eq!(grid.first_with_capacity(0, 0, 10), Some(0));
        assert_eq!(grid.first_with_capacity(0, 1, 10), Some(5));
        assert_eq!(grid.first_with_capacity(0, 6, 10), Some(9));
        assert_eq!(
            grid.first_with_capacity(0, 6, 9),
            None,
            "not at or past the end"
        );
        assert_eq!(
            grid.first_with_capacity(1, 3, 10),
            Some(3),
            "team 1 is untouched"
        );
        assert_eq!(grid.last_with_capacity(1, 0, 4), Some(3));
        // A reservation's searches work no sums out (nor refresh them).
        let fresh = CapacityGrid::build(&cal, &teams, d(2027, 1, 4), d(2027, 1, 15));
        assert_eq!(fresh.first_with_capacity(1, 0, 10), Some(0));
        assert_eq!(fresh.last_with_capacity(1, 0, 10), Some(9));
        assert!(fresh.sums.iter().all(|s| s.get().is_none()));
    }

    /// Sums refreshed in place after a booking are, bit for bit, the sums
    /// worked out afresh; sums an engine still holds are left to it and
    /// worked out again for the next.
    #[test]
    fn sums_after_a_booking_are_the_sums_worked_out_afresh() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(3, 0.7), team(2, 0.9)];
        let mut grid = CapacityGrid::build(&cal, &teams, d(2027, 1, 4), d(2027, 3, 26));
        let afresh = |g: &CapacityGrid, c: usize| {
            let mut total = 0.0;
            let mut sums = vec![0.0; g.days.len() + 1];
            for r in (0..g.days.len()).rev() {
                total += g.at(r, c);
                sums[r] = total;
            }
            sums
        };
        let _ = grid.suffix(0);
        let held = Arc::clone(grid.suffix(1));
        grid.take_off([
            (0, d(2027, 1, 6), 0.3),
            (0, d(2027, 2, 9), 2.1),
            (1, d(2027, 1, 5), 1.0),
        ]);
        assert_eq!(&grid.suffix(0)[..], &afresh(&grid, 0)[..]);
        assert_eq!(grid.suffix(0)[0], afresh(&grid, 0)[0]);
        assert_eq!(&grid.suffix(1)[..], &afresh(&grid, 1)[..]);
        assert_ne!(held[0], grid.suffix(1)[0], "the engine keeps what it had");
    }

    /// A private grid keeps the columns asked for, with the bookings off;
    /// the others give nothing.
    #[test]
    fn a_private_grid_keeps_only_its_columns() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(2, 1.0), team(3, 1.0), team(4, 1.0)];
        let grid = CapacityGrid::build(&cal, &teams, d(2027, 1, 4), d(2027, 1, 8));
        let mut booked = Booked::new();
        booked.add(2, d(2027, 1, 5), 1.5);
        booked.add(0, d(2027, 1, 5), 1.0);
        let own = grid.without_booked(1..3, &booked, &[1, 2]);
        assert_eq!(own.days, vec![d(2027, 1, 5), d(2027, 1, 6)]);
        assert_eq!((own.at(0, 1), own.at(0, 2), own.at(1, 2)), (3.0, 2.5, 4.0));
        assert_eq!(own.at(0, 0), 0.0, "a column left out gives nothing");
        assert_eq!(own.suffix(2)[0], 6.5);
    }
}
