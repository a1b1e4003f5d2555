//! The slot simulator behind [`super::schedule`] and the Monte Carlo: a plan
//! turned into capacity tables once, then run as a tight loop that skips
//! ahead over days on which nothing can finish.

use super::grid::{CapacityGrid, CapacityGrids};
use super::table::daily_cap;
use super::{HORIZON_DAYS, ItemOutcome, Plan, Usage};
use chrono::{Days, NaiveDate};
use std::sync::Arc;

mod own;
mod steady;

/// An item is done once its remaining effort is within this share of its
/// effort, so float residue (0.7 + 0.3 ≠ 1.0) does not cost an extra day.
const FINISH_TOLERANCE: f64 = 1e-9;

/// What is left of a team's day within this share of its capacity is
/// float residue (days taken in bulk are differences of sums over years of
/// capacity, exact to about 1e-11 person-days), not capacity for the next
/// item: it must not make that item start a day early.
const LEFTOVER: f64 = 1e-9;

/// How much a run records: everything for the report, or just the delivery
/// for a Monte Carlo trial (which may then stop as soon as the outcome is
/// known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Report,
    Trial,
}

/// Finish slot meaning "not finished".
const NOT_DONE: usize = usize::MAX;

/// A plan turned into tables for fast repeated runs.
///
/// Time is measured in *slots*: slot 0 is "before start", slot `k + 1` is the
/// end of day `k`, the k-th day within the horizon on which some team has
/// capacity. Only those days can change anything, so the others are not
/// simulated at all.
///
/// The capacity of those days is borrowed from a [`CapacityGrid`], shared by
/// every plan of a catalog (a private copy when the plan has bookings). Its
/// tables have one *column* per catalog team plus a last, capacity-less
/// column standing in for items naming a team that does not exist.
pub(crate) struct Engine {
    /// The plan's first day: the date of slot 0.
    start: NaiveDate,
    /// Capacity per column and day (bookings already taken off); day `k` of
    /// this engine is row `first_row + k`.
    grid: Arc<CapacityGrid>,
    first_row: usize,
    /// Days within the horizon with capacity for some team.
    days: usize,
    /// Columns per row of the grid: the number of teams plus one.
    columns: usize,
    /// The columns some item uses, ascending: the only ones simulated.
    used: Vec<usize>,
    /// Per column: the grid's suffix sums of its capacity (empty for an
    /// unused column), shared with every plan over the grid; what column c
    /// can still give from day k to the horizon is
    /// `sums[c][first_row + k] - sum_end[c]` (0 at `days`).
    sums: Vec<Arc<[f64]>>,
    /// Per column: its suffix sum at the horizon.
    sum_end: Vec<f64>,
    /// Per column: its index among the used columns (unused: none).
    from_block: Vec<usize>,
    /// Per column: at least its largest capacity on any day of this horizon
    /// (exact where an item is capped below the grid's peak, else that peak).
    column_peak: Vec<f64>,
    /// Per item: the column (team) whose capacity it uses.
    item_column: Vec<usize>,
    /// Per item: the most it may take a day (`max_people × focus`, else
    /// unbounded).
    item_daily_cap: Vec<f64>,
    /// Per item: its number of predecessor edges (duplicates count; an edge
    /// to a missing item is counted but never satisfied).
    predecessors: Vec<u32>,
    /// Per item: the items that name it in `after`.
    successors: Vec<Vec<usize>>,
    /// Slots up to this one end on or before the deadline.
    deadline_slot: usize,
    /// Step every day instead of skipping ahead (tests compare the two).
    pub(super) step_every_day: bool,
    /// Trials only: each team's steady stretches, to skip days while its
    /// first item is capped (see `steady.rs`).
    stretches: Option<steady::Stretches>,
}

/// Per-run state, reused across Monte Carlo trials to avoid allocation.
pub(crate) struct Run {
    /// Per item: person-days still to do.
    remaining: Vec<f64>,
    /// Per item: the residue of `remaining` that counts as done
    /// ([`FINISH_TOLERANCE`] of its effort).
    tolerance: Vec<f64>,
    /// Per item: predecessors not finished yet; it is ready at 0.
    waiting_for: Vec<u32>,
    /// Per item: the slot it finished at, or `NOT_DONE`.
    pub(super) finish_slot: Vec<usize>,
    /// Per item: the day (its index `k`) it first got capacity, or
    /// `NOT_DONE`.
    first_day: Vec<usize>,
    /// Per column: ready unfinished items, in item (= priority) order.
    ready: Vec<Vec<usize>>,
    /// Number of items in all `ready` queues.
    ready_count: usize,
    /// Per column: remaining effort minus finishing tolerance of unfinished
    /// items, the work still needed.
    work_left: Vec<f64>,
    /// Per column: items with effort not finished yet. Once 0, `work_left`
    /// holds only float residue (±1e-16), which is no work at all.
    open_items: Vec<u32>,
    /// Items not finished yet.
    unfinished: usize,
    /// Items that finished on the day being simulated, not yet released to
    /// their successors.
    finished_today: Vec<usize>,
    /// Finished items whose successors are being released (see
    /// [`Engine::settle`]).
    to_release: Vec<usize>,
    /// Open person-days per column at the end of the deadline day.
    pub(super) open_at_deadline: Vec<f64>,
    /// Whether `open_at_deadline` has been recorded in this run.
    open_recorded: bool,
    /// Capacity used per team and day (report mode only).
    pub(super) usage: Vec<Usage>,
    /// Whether report runs record `usage` (a deal that is booked needs it,
    /// a deal that is only judged does not).
    pub(super) record_usage: bool,
    /// Days simulated one by one in this run (skipped days not counted):
    /// tests assert on this count instead of on elapsed time.
    simulated_days: usize,
}

impl Run {
    /// The slot item `i` finished at in the last run, `None` if it did not.
    pub(crate) fn finish_slot(&self, i: usize) -> Option<usize> {
        self.finish_slot.get(i).copied().filter(|s| *s != NOT_DONE)
    }

    /// Days the last run simulated one by one; days skipped in bulk do not
    /// count.
    #[cfg(test)]
    pub(crate) fn simulated_days(&self) -> usize {
        self.simulated_days
    }
}

impl Engine {
    pub(crate) fn new(plan: &Plan) -> Engine {
        Engine::with_horizon(plan, HORIZON_DAYS)
    }

    /// An engine that simulates only the first `horizon` days: a cheap first
    /// try, valid whenever all work finishes inside it (the simulation never
    /// looks ahead, so a finished run is the same as over the full horizon).
    pub(crate) fn with_horizon(plan: &Plan, horizon: u64) -> Engine {
        let columns = plan.teams.len() + 1;
        let last = plan
            .start
            .checked_add_days(Days::new(horizon.clamp(1, HORIZON_DAYS) - 1))
            .unwrap_or(NaiveDate::MAX);
        let item_column: Vec<usize> = plan.items.iter().map(|i| i.team.min(columns - 1)).collect();
        let mut used = item_column.clone();
        used.sort_unstable();
        used.dedup();
        let shared = CapacityGrids::covering(plan, plan.start, last);
        let rows = shared.rows(plan.start, last);
        let (grid, first_row) = match plan.booked {
            Some(booked) => (own::without_booked(&shared, rows.clone(), booked, &used), 0),
            None => (shared, rows.start),
        };
        let days = rows.len();
        let mut from_block = vec![NOT_DONE; columns];
        for (block, &c) in used.iter().enumerate() {
            from_block[c] = block;
        }
        let empty: Arc<[f64]> = Arc::new([]);
        let sums: Vec<Arc<[f64]>> = (0..columns)
            .map(|c| match from_block[c] {
                NOT_DONE => Arc::clone(&empty),
                _ => Arc::clone(grid.suffix(c)),
            })
            .collect();
        let sum_end = sums
            .iter()
            .map(|s| s.get(first_row + days).copied().unwrap_or(0.0))
            .collect();
        let item_daily_cap: Vec<f64> = plan.items.iter().map(|i| daily_cap(plan, i)).collect();
        let column_peak = column_peaks(
            &grid,
            first_row..first_row + days,
            &item_column,
            &item_daily_cap,
        );
        let n = plan.items.len();
        let mut successors = vec![Vec::new(); n];
        for (i, item) in plan.items.iter().enumerate() {
            for &p in item.after.iter().filter(|p| **p < n) {
                successors[p].push(i);
            }
        }
        let predecessors = plan
            .items
            .iter()
            .map(|i| saturating_u32(i.after.len()))
            .collect();
        let deadline_slot =
            grid.days[first_row..first_row + days].partition_point(|d| *d <= plan.deadline);
        Engine {
            start: plan.start,
            grid,
            first_row,
            days,
            columns,
            used,
            sums,
            sum_end,
            from_block,
            column_peak,
            item_column,
            item_daily_cap,
            predecessors,
            successors,
            deadline_slot,
            step_every_day: false,
            stretches: None,
        }
    }

    /// An engine for Monte Carlo trials over `horizon` days: in
    /// [`Mode::Trial`] it also skips days while a team's first item is
    /// capped below the team's capacity, which report runs step one by one.
    pub(crate) fn for_trials(plan: &Plan, horizon: u64) -> Engine {
        let mut engine = Engine::with_horizon(plan, horizon);
        let capped = (engine.item_column.iter().zip(&engine.item_daily_cap))
            .any(|(&c, &cap)| cap < engine.column_peak[c]);
        if capped {
            engine.stretches = Some(steady::Stretches::new(&engine));
        }
        engine
    }

    /// Fresh per-run state sized for this plan.
    pub(crate) fn scratch(&self) -> Run {
        let n = self.item_column.len();
        Run {
            remaining: vec![0.0; n],
            tolerance: vec![0.0; n],
            waiting_for: vec![0; n],
            finish_slot: vec![NOT_DONE; n],
            first_day: vec![NOT_DONE; n],
            ready: vec![Vec::new(); self.columns],
            ready_count: 0,
            work_left: vec![0.0; self.columns],
            open_items: vec![0; self.columns],
            unfinished: 0,
            finished_today: Vec::new(),
            to_release: Vec::new(),
            open_at_deadline: vec![0.0; self.columns],
            open_recorded: false,
            usage: Vec::new(),
            record_usage: true,
            simulated_days: 0,
        }
    }

    /// The date a slot stands for; `None` only for an invalid slot.
    pub(crate) fn slot_date(&self, slot: usize) -> Option<NaiveDate> {
        match slot {
            0 => Some(self.start),
            s => self.day(s - 1),
        }
    }

    /// The date of day `k`, if within the horizon.
    fn day(&self, k: usize) -> Option<NaiveDate> {
        (k < self.days).then(|| self.grid.days[self.first_row + k])
    }

    /// What column `c` can give on day `k`.
    fn capacity(&self, k: usize, c: usize) -> f64 {
        self.grid.at(self.first_row + k, c)
    }

    /// What used column `c` can give from day `k` (at most `days`) on.
    fn capacity_from(&self, k: usize, c: usize) -> f64 {
        self.sums[c][self.first_row + k] - self.sum_end[c]
    }

    /// Simulates with the given efforts (one per item) and returns the
    /// delivery slot, `None` when not all work finishes within the horizon.
    pub(crate) fn run(&self, efforts: &[f64], run: &mut Run, mode: Mode) -> Option<usize> {
        self.reset(efforts, run);
        for i in 0..self.item_column.len() {
            if run.waiting_for[i] == 0 {
                self.become_ready(i, 0, run);
            }
        }
        self.settle(0, run);
        if self.deadline_slot == 0 {
            self.take_open(run);
        }
        let mut k = 0;
        let mut events = 0u32;
        while k < self.days && run.unfinished > 0 && run.ready_count > 0 {
            // (Nothing ready but work left: stuck for good on a cycle.)
            // A trial asks at the start and then every 8th event: stopping
            // early only saves time, a hopeless run delivers nothing anyway.
            let ask = match mode {
                Mode::Trial => events % 8 == 0,
                Mode::Report => run.open_recorded,
            };
            events = events.wrapping_add(1);
            if ask && self.hopeless(k, run) {
                break;
            }
            let event = self.next_event(k, run, mode);
            self.fast_forward(k, event, run, mode);
            if event == self.days {
                break;
            }
            self.work_day(event, run, mode);
            run.simulated_days += 1;
            if !run.finished_today.is_empty() {
                self.settle(event + 1, run);
            }
            if mode == Mode::Report && event + 1 == self.deadline_slot {
                self.take_open(run);
            }
            k = event + 1;
        }
        if mode == Mode::Report && !run.open_recorded {
            self.take_open(run); // stopped at a fixed point or the horizon
        }
        (run.unfinished == 0).then(|| run.finish_slot.iter().copied().max().unwrap_or(0))
    }

    fn reset(&self, efforts: &[f64], run: &mut Run) {
        run.simulated_days = 0;
        run.work_left.iter_mut().for_each(|x| *x = 0.0);
        run.open_items.iter_mut().for_each(|x| *x = 0);
        run.ready.iter_mut().for_each(Vec::clear);
        run.ready_count = 0;
        run.unfinished = self.item_column.len();
        run.open_recorded = false;
        run.usage.clear();
        for i in 0..self.item_column.len() {
            let effort = sanitize_effort(efforts.get(i).copied().unwrap_or(0.0));
            run.remaining[i] = effort;
            run.tolerance[i] = if effort.is_finite() {
                effort * FINISH_TOLERANCE
            } else {
                0.0
            };
            run.waiting_for[i] = self.predecessors[i];
            run.finish_slot[i] = NOT_DONE;
            run.first_day[i] = NOT_DONE;
            run.work_left[self.item_column[i]] += effort - run.tolerance[i];
            if effort > 0.0 {
                run.open_items[self.item_column[i]] += 1;
            }
        }
    }

    /// Item `i` has all predecessors done as of `slot`: zero-effort items
    /// finish right there, others join their team's queue.
    fn become_ready(&self, i: usize, slot: usize, run: &mut Run) {
        if run.remaining[i] > 0.0 {
            let queue = &mut run.ready[self.item_column[i]];
            let pos = queue.partition_point(|&x| x < i);
            queue.insert(pos, i);
            run.ready_count += 1;
        } else {
            run.finish_slot[i] = slot;
            run.unfinished -= 1;
            run.to_release.push(i);
        }
    }

    /// Releases the followers of everything that finished at `slot`,
    /// including chains of zero-effort items finishing at the same slot.
    fn settle(&self, slot: usize, run: &mut Run) {
        run.to_release.append(&mut run.finished_today);
        while let Some(i) = run.to_release.pop() {
            for &s in &self.successors[i] {
                run.waiting_for[s] -= 1;
                if run.waiting_for[s] == 0 {
                    self.become_ready(s, slot, run);
                }
            }
        }
    }

    /// True when some team's remaining work exceeds all the capacity it has
    /// left within the horizon, or some item can never get capacity: no
    /// delivery is possible, so a trial need not simulate on.
    fn hopeless(&self, k: usize, run: &Run) -> bool {
        let team_short = self.used.iter().any(|&c| {
            let need = run.work_left[c];
            run.open_items[c] > 0 && need > 0.0 && need > self.capacity_from(k, c) * (1.0 + 1e-9)
        });
        team_short || (k == 0 && self.some_item_starved(run))
    }

    /// An item with work left whose daily cap is 0 (`max_people = 0`, or a
    /// team without focus).
    fn some_item_starved(&self, run: &Run) -> bool {
        (0..self.item_column.len()).any(|i| run.remaining[i] > 0.0 && self.item_daily_cap[i] <= 0.0)
    }

    /// The first day from `k` on that must be simulated on its own: the day
    /// some item may finish (or the deadline day, whose end is reported).
    /// Until then every team's first ready item takes all its capacity, so
    /// those days can be skipped in bulk ([`Engine::fast_forward`]). A team
    /// whose first item is capped below the team's capacity is stepped
    /// day by day. `days` means no finish within the horizon.
    fn next_event(&self, k: usize, run: &Run, mode: Mode) -> usize {
        if self.step_every_day {
            return k;
        }
        let mut event = self.days;
        if mode == Mode::Report && k < self.deadline_slot {
            event = self.deadline_slot - 1;
        }
        for &c in &self.used {
            let Some(&head) = run.ready[c].first() else {
                continue;
            };
            // At or above the peak, the head takes all the team's capacity
            // every day.
            if self.item_daily_cap[head] < self.column_peak[c] {
                // Trials skip over steady stretches; reports step the days
                // on which the team has capacity.
                let steady = match mode {
                    Mode::Trial => self.steady_event(c, k, run),
                    Mode::Report => None,
                };
                match steady {
                    Some(steady) => event = event.min(steady),
                    None => match self.next_capacity_day(c, k) {
                        j if j == k => return k,
                        j => event = event.min(j),
                    },
                }
                continue;
            }
            event = event.min(self.finish_day(c, k, run.remaining[head] - run.tolerance[head]));
        }
        event
    }

    /// The first day from `k` on with capacity for column `c` (`days` when
    /// none): days without any change nothing for its queue.
    fn next_capacity_day(&self, c: usize, k: usize) -> usize {
        self.finish_day(c, k, f64::MIN_POSITIVE)
    }

    /// First day `j >= k` by which column `c` has given `need` person-days
    /// counting from day `k`, by galloping over [`Engine::capacity_from`].
    fn finish_day(&self, c: usize, k: usize, need: f64) -> usize {
        let len = self.days;
        let base = self.capacity_from(k, c);
        let reached = |j: usize| base - self.capacity_from(j + 1, c) >= need;
        if len == 0 || !reached(len - 1) {
            return len;
        }
        let (mut lo, mut hi, mut step) = (k, k, 1);
        while !reached(hi) {
            lo = hi + 1;
            hi = (hi + step).min(len - 1);
            step *= 2;
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if reached(mid) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        hi
    }

    /// Gives each team's capacity on days `k..event` to its first ready item
    /// (see [`Engine::next_event`]: none of them finishes before `event`).
    fn fast_forward(&self, k: usize, event: usize, run: &mut Run, mode: Mode) {
        if event <= k {
            return;
        }
        for &c in &self.used {
            let Some(&head) = run.ready[c].first() else {
                continue;
            };
            let got = self.capacity_from(k, c) - self.capacity_from(event, c);
            if got <= 0.0 {
                continue; // (report runs skip a capped head's days only then)
            }
            if self.item_daily_cap[head] < self.column_peak[c] {
                self.steady_forward(c, k, event, run);
                continue;
            }
            if run.first_day[head] == NOT_DONE {
                run.first_day[head] = (k..event).find(|&j| self.capacity(j, c) > 0.0).unwrap_or(k);
            }
            run.remaining[head] -= got;
            run.work_left[c] -= got;
        }
        if mode == Mode::Report && run.record_usage {
            self.record_bulk_usage(k, event, run);
        }
    }

    /// Usage of the skipped days `k..event`, day by day, for the report:
    /// only the days on which a team with a ready item gives anything are
    /// visited (a full book leaves years of empty days in between).
    fn record_bulk_usage(&self, k: usize, event: usize, run: &mut Run) {
        let teams = self
            .used
            .iter()
            .copied()
            .filter(|&c| c + 1 < self.columns && !run.ready[c].is_empty());
        let first = self.first_row;
        let usage = &mut run.usage;
        self.grid
            .each_row_with_capacity(teams.clone(), first + k..first + event, |row| {
                let j = row - first;
                for c in teams.clone() {
                    let capacity = self.capacity(j, c);
                    if let Some(day) = self.day(j).filter(|_| capacity > 0.0) {
                        usage.push(Usage {
                            team: c,
                            day,
                            person_days: capacity,
                        });
                    }
                }
            });
    }

    /// One day: each team hands its capacity to its ready items in order.
    fn work_day(&self, k: usize, run: &mut Run, mode: Mode) {
        for &c in &self.used {
            let capacity = self.capacity(k, c);
            if capacity <= 0.0 || run.ready[c].is_empty() {
                continue;
            }
            let left = self.give(k, c, capacity, run);
            if mode == Mode::Report
                && run.record_usage
                && c + 1 < self.columns
                && left < capacity
                && let Some(day) = self.day(k)
            {
                run.usage.push(Usage {
                    team: c,
                    day,
                    person_days: capacity - left,
                });
            }
        }
    }

    /// Hands `capacity` of column `c` on day `k` to its queue; returns what
    /// is left over.
    fn give(&self, k: usize, c: usize, capacity: f64, run: &mut Run) -> f64 {
        let mut left = capacity;
        let mut j = 0;
        while j < run.ready[c].len() && left > capacity * LEFTOVER {
            let i = run.ready[c][j];
            let take = run.remaining[i].min(self.item_daily_cap[i]).min(left);
            if take > 0.0 {
                if run.first_day[i] == NOT_DONE {
                    run.first_day[i] = k;
                }
                run.remaining[i] -= take;
                run.work_left[c] -= take;
                left -= take;
            }
            if run.remaining[i] <= run.tolerance[i] {
                run.work_left[c] -= run.remaining[i] - run.tolerance[i];
                run.remaining[i] = 0.0;
                run.finish_slot[i] = k + 1;
                run.unfinished -= 1;
                run.open_items[c] -= 1;
                run.ready_count -= 1;
                run.finished_today.push(i);
                run.ready[c].remove(j);
            } else {
                j += 1;
            }
        }
        left
    }

    /// Records the open person-days per column as of now.
    fn take_open(&self, run: &mut Run) {
        run.open_at_deadline.iter_mut().for_each(|x| *x = 0.0);
        for i in 0..self.item_column.len() {
            if run.finish_slot[i] == NOT_DONE {
                run.open_at_deadline[self.item_column[i]] += run.remaining[i];
            }
        }
        run.open_recorded = true;
    }

    /// Start and finish dates per item from a finished run.
    pub(super) fn outcomes(&self, run: &Run) -> Vec<ItemOutcome> {
        (0..self.item_column.len())
            .map(|i| {
                let finish = match run.finish_slot[i] {
                    NOT_DONE => None,
                    slot => self.slot_date(slot),
                };
                let start = match run.first_day[i] {
                    NOT_DONE => finish, // zero effort: starts as it finishes
                    k => self.day(k),
                };
                ItemOutcome { start, finish }
            })
            .collect()
    }
}

/// Each column's peak capacity: the grid's (an upper bound for any range of
/// its rows), worked out exactly over `rows` only for a column with an item
/// capped below it. A capped head steps day by day while its cap is below
/// the peak, so a tight peak skips more days; the answer is the same.
fn column_peaks(
    grid: &CapacityGrid,
    rows: std::ops::Range<usize>,
    item_column: &[usize],
    item_daily_cap: &[f64],
) -> Vec<f64> {
    let mut peaks = grid.peaks.clone();
    let mut exact = vec![false; peaks.len()];
    for (&c, &cap) in item_column.iter().zip(item_daily_cap) {
        if cap < peaks[c] && !exact[c] {
            exact[c] = true;
            peaks[c] = rows
                .clone()
                .fold(0.0, |peak: f64, r| peak.max(grid.at(r, c)));
        }
    }
    peaks
}

/// Negative effort is no work; NaN is work that never finishes.
fn sanitize_effort(x: f64) -> f64 {
    if x.is_nan() {
        f64::INFINITY
    } else {
        x.max(0.0)
    }
}

fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
