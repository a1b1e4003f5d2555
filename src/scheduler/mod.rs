//! The deterministic schedule: when each work item finishes, when the deal is
//! delivered, and how late it is (design.md, "Schedule semantics").
//!
//! The day-by-day simulation lives in [`Engine`], which the Monte Carlo reuses
//! with sampled efforts: capacity is precomputed once per plan as a table over
//! the 10-year horizon (only days where some team can work), and one run is a
//! tight loop over that table without allocation per day.
//!
//! Decisions beyond the design:
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

use crate::calendar::{TeamCalendar, WorkCalendar, team_capacity};
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// Days simulated from the start date before work counts as "not within 10 years".
pub const HORIZON_DAYS: u64 = 3653;

/// An item is done once its remaining effort is within this share of its
/// effort, so float residue (0.7 + 0.3 ≠ 1.0) does not cost an extra day.
const FINISH_TOLERANCE: f64 = 1e-9;

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

/// Capacity already booked by other (signed) deals, in person-days per team
/// and day, for portfolio mode.
///
/// Keyed by the team's index in the catalog's team list: callers always pass
/// all catalog teams in catalog order as [`Plan::teams`], so the same index
/// means the same team in every deal. A `BTreeMap` keeps iteration and
/// therefore any report built from it deterministic.
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
    /// Delivery after the deadline, or no delivery at all.
    pub late: bool,
    /// Catalog working days between delivery and deadline, negative when late;
    /// `None` without a delivery date.
    pub slack_working_days: Option<i64>,
    /// Person-days still open at the end of the deadline day.
    pub open_person_days: f64,
    /// Open person-days of each team × that team's `hours_per_day`, summed.
    pub overtime_hours: f64,
    /// Capacity this plan consumes per team and day (ordered by day, then
    /// team), to be added to [`Booked`] when the deal is signed.
    pub usage: Vec<Usage>,
}

/// Schedules `plan` day by day (see the module docs and design.md).
pub fn schedule(plan: &Plan) -> Schedule {
    let efforts: Vec<f64> = plan.items.iter().map(|i| i.effort).collect();
    // Most deals finish within a quarter of their deadline: try that first.
    let mut engine = Engine::with_horizon(plan, first_try_horizon(plan, 0));
    let mut run = engine.scratch();
    let mut delivery_slot = engine.run(&efforts, &mut run, Mode::Report);
    if delivery_slot.is_none() {
        engine = Engine::new(plan);
        run = engine.scratch();
        delivery_slot = engine.run(&efforts, &mut run, Mode::Report);
    }
    let delivery = delivery_slot.and_then(|s| engine.slot_date(s));
    let late = delivery.is_none_or(|d| d > plan.deadline);
    let open_by_team = &run.open;
    let overtime_hours = plan
        .teams
        .iter()
        .zip(open_by_team)
        .map(|(t, open)| open * t.hours_per_day)
        .sum();
    Schedule {
        items: engine.outcomes(&run),
        delivery,
        late,
        slack_working_days: delivery.map(|d| slack(plan.calendar, d, plan.deadline)),
        open_person_days: open_by_team.iter().sum(),
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
/// end of `days[k]`, the k-th day on which some team has capacity. Only those
/// days can change anything, so the others are not simulated at all.
pub(crate) struct Engine {
    start: NaiveDate,
    /// Days with capacity, ascending, within the horizon.
    days: Vec<NaiveDate>,
    /// Capacity table: `cap[k * cols + c]`. Column `teams.len()` is a
    /// capacity-less stand-in for items naming a team that does not exist.
    cap: Vec<f64>,
    /// `suffix[k * cols + c]`: capacity of column c from day k to the horizon.
    suffix: Vec<f64>,
    cols: usize,
    /// Per column: the largest capacity of any day.
    col_max: Vec<f64>,
    /// Per item: its column and the most it may take a day.
    col: Vec<usize>,
    daily_cap: Vec<f64>,
    /// Number of predecessor edges (duplicates count; an edge to a missing
    /// item is counted but never satisfied).
    preds: Vec<u32>,
    succ: Vec<Vec<usize>>,
    /// Slots up to this one end on or before the deadline.
    deadline_slot: usize,
    /// Step every day instead of skipping ahead (tests compare the two).
    daily: bool,
}

/// Per-run state, reused across Monte Carlo trials to avoid allocation.
pub(crate) struct Run {
    rem: Vec<f64>,
    eps: Vec<f64>,
    pending: Vec<u32>,
    finish: Vec<usize>,
    /// Index into `days` of the first day with capacity given, or NOT_DONE.
    first_day: Vec<usize>,
    /// Ready unfinished items per column, in item (= priority) order.
    active: Vec<Vec<usize>>,
    active_count: usize,
    /// Per column: remaining effort minus finishing tolerance of unfinished
    /// items, the work still needed.
    need: Vec<f64>,
    unfinished: usize,
    done_today: Vec<usize>,
    stack: Vec<usize>,
    /// Open person-days per column at the end of the deadline day.
    open: Vec<f64>,
    open_taken: bool,
    usage: Vec<Usage>,
}

impl Engine {
    pub(crate) fn new(plan: &Plan) -> Engine {
        Engine::with_horizon(plan, HORIZON_DAYS)
    }

    /// An engine that simulates only the first `horizon` days: a cheap first
    /// try, valid whenever all work finishes inside it (the simulation never
    /// looks ahead, so a finished run is the same as over the full horizon).
    pub(crate) fn with_horizon(plan: &Plan, horizon: u64) -> Engine {
        let teams = plan.teams.len();
        let cols = teams + 1;
        let (days, cap) = capacity_table(plan, cols, horizon.clamp(1, HORIZON_DAYS));
        let suffix = suffix_sums(&cap, cols);
        let col_max = (0..cols)
            .map(|c| {
                cap.iter()
                    .skip(c)
                    .step_by(cols)
                    .fold(0.0, |m: f64, x| m.max(*x))
            })
            .collect();
        let col = plan.items.iter().map(|i| i.team.min(teams)).collect();
        let daily_cap = plan.items.iter().map(|i| item_daily_cap(plan, i)).collect();
        let n = plan.items.len();
        let mut succ = vec![Vec::new(); n];
        for (i, item) in plan.items.iter().enumerate() {
            for &p in item.after.iter().filter(|p| **p < n) {
                succ[p].push(i);
            }
        }
        let preds = plan
            .items
            .iter()
            .map(|i| saturating_u32(i.after.len()))
            .collect();
        let deadline_slot = days.partition_point(|d| *d <= plan.deadline);
        Engine {
            start: plan.start,
            days,
            cap,
            suffix,
            cols,
            col_max,
            col,
            daily_cap,
            preds,
            succ,
            deadline_slot,
            daily: false,
        }
    }

    /// Fresh per-run state sized for this plan.
    pub(crate) fn scratch(&self) -> Run {
        let n = self.col.len();
        Run {
            rem: vec![0.0; n],
            eps: vec![0.0; n],
            pending: vec![0; n],
            finish: vec![NOT_DONE; n],
            first_day: vec![NOT_DONE; n],
            active: vec![Vec::new(); self.cols],
            active_count: 0,
            need: vec![0.0; self.cols],
            unfinished: 0,
            done_today: Vec::new(),
            stack: Vec::new(),
            open: vec![0.0; self.cols],
            open_taken: false,
            usage: Vec::new(),
        }
    }

    /// The date a slot stands for; `None` only for an invalid slot.
    pub(crate) fn slot_date(&self, slot: usize) -> Option<NaiveDate> {
        match slot {
            0 => Some(self.start),
            s => self.days.get(s - 1).copied(),
        }
    }

    /// Simulates with the given efforts (one per item) and returns the
    /// delivery slot, `None` when not all work finishes within the horizon.
    pub(crate) fn run(&self, efforts: &[f64], run: &mut Run, mode: Mode) -> Option<usize> {
        self.reset(efforts, run);
        for i in 0..self.col.len() {
            if run.pending[i] == 0 {
                self.become_ready(i, 0, run);
            }
        }
        self.settle(0, run);
        if self.deadline_slot == 0 {
            self.take_open(run);
        }
        let mut k = 0;
        while k < self.days.len() && run.unfinished > 0 && run.active_count > 0 {
            // (Nothing active but work left: stuck for good on a cycle.)
            if (mode == Mode::Trial || run.open_taken) && self.hopeless(k, run) {
                break;
            }
            let event = self.next_event(k, run, mode);
            self.fast_forward(k, event, run, mode);
            if event == self.days.len() {
                break;
            }
            self.work_day(event, run, mode);
            self.settle(event + 1, run);
            if mode == Mode::Report && event + 1 == self.deadline_slot {
                self.take_open(run);
            }
            k = event + 1;
        }
        if mode == Mode::Report && !run.open_taken {
            self.take_open(run); // stopped at a fixed point or the horizon
        }
        (run.unfinished == 0).then(|| run.finish.iter().copied().max().unwrap_or(0))
    }

    fn reset(&self, efforts: &[f64], run: &mut Run) {
        run.need.iter_mut().for_each(|x| *x = 0.0);
        run.active.iter_mut().for_each(Vec::clear);
        run.active_count = 0;
        run.unfinished = self.col.len();
        run.open_taken = false;
        run.usage.clear();
        for i in 0..self.col.len() {
            let effort = sanitize_effort(efforts.get(i).copied().unwrap_or(0.0));
            run.rem[i] = effort;
            run.eps[i] = if effort.is_finite() {
                effort * FINISH_TOLERANCE
            } else {
                0.0
            };
            run.pending[i] = self.preds[i];
            run.finish[i] = NOT_DONE;
            run.first_day[i] = NOT_DONE;
            run.need[self.col[i]] += effort - run.eps[i];
        }
    }

    /// Item `i` has all predecessors done as of `slot`: zero-effort items
    /// finish right there, others join their team's queue.
    fn become_ready(&self, i: usize, slot: usize, run: &mut Run) {
        if run.rem[i] > 0.0 {
            let queue = &mut run.active[self.col[i]];
            let pos = queue.partition_point(|&x| x < i);
            queue.insert(pos, i);
            run.active_count += 1;
        } else {
            run.finish[i] = slot;
            run.unfinished -= 1;
            run.stack.push(i);
        }
    }

    /// Releases the followers of everything that finished at `slot`,
    /// including chains of zero-effort items finishing at the same slot.
    fn settle(&self, slot: usize, run: &mut Run) {
        run.stack.append(&mut run.done_today);
        while let Some(i) = run.stack.pop() {
            for &s in &self.succ[i] {
                run.pending[s] -= 1;
                if run.pending[s] == 0 {
                    self.become_ready(s, slot, run);
                }
            }
        }
    }

    /// True when some team's remaining work exceeds all the capacity it has
    /// left within the horizon, or some item can never get capacity: no
    /// delivery is possible, so a trial need not simulate on.
    fn hopeless(&self, k: usize, run: &Run) -> bool {
        let left = &self.suffix[k * self.cols..(k + 1) * self.cols];
        let team_short = run
            .need
            .iter()
            .zip(left)
            .any(|(need, left)| *need > 0.0 && *need > left * (1.0 + 1e-9));
        team_short || (k == 0 && self.some_item_starved(run))
    }

    /// An item with work left whose daily cap is 0 (`max_people = 0`, or a
    /// team without focus).
    fn some_item_starved(&self, run: &Run) -> bool {
        (0..self.col.len()).any(|i| run.rem[i] > 0.0 && self.daily_cap[i] <= 0.0)
    }

    /// The first day from `k` on that must be simulated on its own: the day
    /// some item may finish (or the deadline day, whose end is reported).
    /// Until then every team's first ready item takes all its capacity, so
    /// those days can be skipped in bulk ([`Engine::fast_forward`]). A team
    /// whose first item is capped below the team's capacity is stepped
    /// day by day. `days.len()` means no finish within the horizon.
    fn next_event(&self, k: usize, run: &Run, mode: Mode) -> usize {
        if self.daily {
            return k;
        }
        let mut event = self.days.len();
        if mode == Mode::Report && k < self.deadline_slot {
            event = self.deadline_slot - 1;
        }
        for c in 0..self.cols {
            let Some(&head) = run.active[c].first() else {
                continue;
            };
            if self.daily_cap[head] < self.col_max[c] {
                return k;
            }
            event = event.min(self.finish_day(c, k, run.rem[head] - run.eps[head]));
        }
        event
    }

    /// First day `j >= k` by which column `c` has given `need` person-days
    /// counting from day `k`, by galloping over the suffix sums.
    fn finish_day(&self, c: usize, k: usize, need: f64) -> usize {
        let len = self.days.len();
        let base = self.suffix[k * self.cols + c];
        let reached = |j: usize| base - self.suffix[(j + 1) * self.cols + c] >= need;
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
        for c in 0..self.cols {
            let Some(&head) = run.active[c].first() else {
                continue;
            };
            let got = self.suffix[k * self.cols + c] - self.suffix[event * self.cols + c];
            if got <= 0.0 {
                continue;
            }
            if run.first_day[head] == NOT_DONE {
                run.first_day[head] = (k..event)
                    .find(|&j| self.cap[j * self.cols + c] > 0.0)
                    .unwrap_or(k);
            }
            run.rem[head] -= got;
            run.need[c] -= got;
        }
        if mode == Mode::Report {
            self.record_bulk_usage(k, event, run);
        }
    }

    /// Usage of the skipped days `k..event`, day by day, for the report.
    fn record_bulk_usage(&self, k: usize, event: usize, run: &mut Run) {
        for j in k..event {
            for c in 0..self.cols - 1 {
                let capacity = self.cap[j * self.cols + c];
                if capacity > 0.0 && !run.active[c].is_empty() {
                    run.usage.push(Usage {
                        team: c,
                        day: self.days[j],
                        person_days: capacity,
                    });
                }
            }
        }
    }

    /// One day: each team hands its capacity to its ready items in order.
    fn work_day(&self, k: usize, run: &mut Run, mode: Mode) {
        for c in 0..self.cols {
            let capacity = self.cap[k * self.cols + c];
            if capacity <= 0.0 || run.active[c].is_empty() {
                continue;
            }
            let left = self.give(k, c, capacity, run);
            if mode == Mode::Report && c + 1 < self.cols && left < capacity {
                run.usage.push(Usage {
                    team: c,
                    day: self.days[k],
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
        while j < run.active[c].len() && left > capacity * 1e-12 {
            let i = run.active[c][j];
            let take = run.rem[i].min(self.daily_cap[i]).min(left);
            if take > 0.0 {
                if run.first_day[i] == NOT_DONE {
                    run.first_day[i] = k;
                }
                run.rem[i] -= take;
                run.need[c] -= take;
                left -= take;
            }
            if run.rem[i] <= run.eps[i] {
                run.need[c] -= run.rem[i] - run.eps[i];
                run.rem[i] = 0.0;
                run.finish[i] = k + 1;
                run.unfinished -= 1;
                run.active_count -= 1;
                run.done_today.push(i);
                run.active[c].remove(j);
            } else {
                j += 1;
            }
        }
        left
    }

    /// Records the open person-days per column as of now.
    fn take_open(&self, run: &mut Run) {
        run.open.iter_mut().for_each(|x| *x = 0.0);
        for i in 0..self.col.len() {
            if run.finish[i] == NOT_DONE {
                run.open[self.col[i]] += run.rem[i];
            }
        }
        run.open_taken = true;
    }

    /// Start and finish dates per item from a finished run.
    fn outcomes(&self, run: &Run) -> Vec<ItemOutcome> {
        (0..self.col.len())
            .map(|i| {
                let finish = match run.finish[i] {
                    NOT_DONE => None,
                    slot => self.slot_date(slot),
                };
                let start = match run.first_day[i] {
                    NOT_DONE => finish, // zero effort: starts as it finishes
                    k => self.days.get(k).copied(),
                };
                ItemOutcome { start, finish }
            })
            .collect()
    }
}

/// Days within the horizon on which some team has capacity, and the
/// capacity table (`cols` per day, the last column always 0).
fn capacity_table(plan: &Plan, cols: usize, horizon: u64) -> (Vec<NaiveDate>, Vec<f64>) {
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
    let mut row = vec![0.0; cols];
    for day in plan.start.iter_days().take_while(|d| *d <= last) {
        if !plan.calendar.is_working_day(day) {
            continue;
        }
        for (t, team) in plan.teams.iter().enumerate().filter(|(t, _)| used[*t]) {
            let booked = plan.booked.map_or(0.0, |b| b.get(t, day));
            row[t] = sane_capacity(team_capacity(plan.calendar, team, day) - booked);
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
fn suffix_sums(cap: &[f64], cols: usize) -> Vec<f64> {
    let rows = cap.len() / cols;
    let mut suffix = vec![0.0; (rows + 1) * cols];
    for k in (0..rows).rev() {
        for c in 0..cols {
            suffix[k * cols + c] = suffix[(k + 1) * cols + c] + cap[k * cols + c];
        }
    }
    suffix
}

/// The most an item can take a day: `max_people × focus`, unbounded without
/// `max_people`.
fn item_daily_cap(plan: &Plan, item: &WorkItem) -> f64 {
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

/// Small builders shared by the unit tests of the calendar, schedule and
/// Monte Carlo modules.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::{Plan, WorkItem};
    use crate::calendar::{TeamCalendar, WorkCalendar};
    use chrono::NaiveDate;
    use std::collections::BTreeSet;

    pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// A team with no holidays or commitments, 8-hour days.
    pub(crate) fn team(people: u32, focus: f64) -> TeamCalendar {
        TeamCalendar {
            people,
            focus,
            hours_per_day: 8.0,
            holidays: BTreeSet::new(),
            commitments: Vec::new(),
        }
    }

    /// A plan starting Monday 2027-01-04, with nothing booked.
    pub(crate) fn plan<'a>(
        cal: &'a WorkCalendar,
        teams: &'a [TeamCalendar],
        items: &'a [WorkItem],
        deadline: NaiveDate,
    ) -> Plan<'a> {
        Plan {
            calendar: cal,
            teams,
            items,
            start: d(2027, 1, 4),
            deadline,
            booked: None,
        }
    }

    /// An item without `max_people`.
    pub(crate) fn item(team: usize, effort: f64, after: &[usize]) -> WorkItem {
        WorkItem {
            team,
            effort,
            max_people: None,
            after: after.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{d, item, plan, team};
    use super::*;
    use crate::calendar::Commitment;
    use std::time::{Duration, Instant};

    /// Monday 2027-01-04: every worked example starts here.
    fn mon() -> NaiveDate {
        d(2027, 1, 4)
    }

    fn run(teams: &[TeamCalendar], items: &[WorkItem]) -> Schedule {
        let cal = WorkCalendar::mon_fri();
        schedule(&plan(&cal, teams, items, d(2027, 12, 31)))
    }

    fn finishes(s: &Schedule) -> Vec<Option<NaiveDate>> {
        s.items.iter().map(|o| o.finish).collect()
    }

    #[test]
    fn weekends_are_skipped() {
        // 1 person × focus 1 = 1 pd/day; 7 pd: Mon–Fri (5), Mon 11, Tue 12.
        let s = run(&[team(1, 1.0)], &[item(0, 7.0, &[])]);
        assert_eq!(s.delivery, Some(d(2027, 1, 12)));
        assert_eq!(s.items[0].start, Some(mon()));
    }

    #[test]
    fn catalog_and_team_holidays_are_skipped() {
        // 3 pd at 1/day: Mon 4, Tue 5, (Wed 6 catalog holiday, Thu 7 team
        // holiday), Fri 8.
        let mut cal = WorkCalendar::mon_fri();
        cal.holidays.insert(d(2027, 1, 6));
        let mut t = team(1, 1.0);
        t.holidays.insert(d(2027, 1, 7));
        let items = [item(0, 3.0, &[])];
        let teams = [t];
        let s = schedule(&plan(&cal, &teams, &items, d(2027, 12, 31)));
        assert_eq!(s.delivery, Some(d(2027, 1, 8)));
    }

    #[test]
    fn commitments_take_people_away() {
        // 3 people, 2 committed Mon–Tue: Mon 1, Tue 1, Wed 3 ≥ the last 2.
        let mut t = team(3, 1.0);
        t.commitments.push(Commitment {
            from: mon(),
            until: d(2027, 1, 5),
            people: 2,
        });
        let s = run(&[t], &[item(0, 4.0, &[])]);
        assert_eq!(s.delivery, Some(d(2027, 1, 6)));
    }

    #[test]
    fn focus_scales_capacity_without_float_residue_days() {
        // 2 × 0.5 = 1 pd/day: 2.5 pd end Wed (0.5 of it).
        let s = run(&[team(2, 0.5)], &[item(0, 2.5, &[])]);
        assert_eq!(s.delivery, Some(d(2027, 1, 6)));
        // 0.7 × 3 = 2.1 exactly on paper; float residue must not add Thursday.
        let s = run(&[team(1, 0.7)], &[item(0, 2.1, &[])]);
        assert_eq!(s.delivery, Some(d(2027, 1, 6)));
    }

    #[test]
    fn max_people_caps_an_item_and_the_rest_flows_on() {
        // 4 people: item 0 capped at 1 pd/day needs Mon–Wed; item 1 gets the
        // other 3 pd/day: 6 pd by Tue.
        let mut capped = item(0, 3.0, &[]);
        capped.max_people = Some(1);
        let s = run(&[team(4, 1.0)], &[capped, item(0, 6.0, &[])]);
        assert_eq!(finishes(&s), [Some(d(2027, 1, 6)), Some(d(2027, 1, 5))]);
    }

    #[test]
    fn max_people_is_scaled_by_focus() {
        // max 2 people × focus 0.5 = 1 pd/day: 3 pd → Wed.
        let mut capped = item(0, 3.0, &[]);
        capped.max_people = Some(2);
        let s = run(&[team(10, 0.5)], &[capped]);
        assert_eq!(s.delivery, Some(d(2027, 1, 6)));
    }

    #[test]
    fn follower_starts_the_working_day_after_its_predecessor() {
        // Team 0: 5 pd Mon–Fri 8. Team 1 follows: starts Mon 11, 1 pd done then.
        let s = run(
            &[team(1, 1.0), team(1, 1.0)],
            &[item(0, 5.0, &[]), item(1, 1.0, &[0])],
        );
        assert_eq!(s.items[1].start, Some(d(2027, 1, 11)));
        assert_eq!(finishes(&s), [Some(d(2027, 1, 8)), Some(d(2027, 1, 11))]);
        // Even with capacity left on the finishing day, the follower waits.
        let s = run(&[team(2, 1.0)], &[item(0, 0.5, &[]), item(0, 1.0, &[0])]);
        assert_eq!(s.items[1].start, Some(d(2027, 1, 5)));
    }

    #[test]
    fn deal_order_is_priority_within_a_team() {
        // 1 pd/day. Item 0 (1.5 pd): Mon 1, Tue 0.5 → Tue. Item 1 (1 pd):
        // Tue 0.5, Wed 0.5 → Wed.
        let s = run(&[team(1, 1.0)], &[item(0, 1.5, &[]), item(0, 1.0, &[])]);
        assert_eq!(finishes(&s), [Some(d(2027, 1, 5)), Some(d(2027, 1, 6))]);
        assert_eq!(s.items[1].start, Some(d(2027, 1, 5)));
        // Swapped: the 1 pd item takes all of Mon; the other Tue 1, Wed 0.5.
        let s = run(&[team(1, 1.0)], &[item(0, 1.0, &[]), item(0, 1.5, &[])]);
        assert_eq!(finishes(&s), [Some(mon()), Some(d(2027, 1, 6))]);
    }

    #[test]
    fn zero_effort_items_take_no_day() {
        // Item 1 (0 pd) finishes with item 0 on Tue; item 2 starts Wed as if
        // it followed item 0. Item 3 has nothing to wait for: done at start.
        let s = run(
            &[team(1, 1.0)],
            &[
                item(0, 2.0, &[]),
                item(0, 0.0, &[0]),
                item(0, 1.0, &[1]),
                item(0, 0.0, &[]),
            ],
        );
        let tue = d(2027, 1, 5);
        assert_eq!(
            s.items[1],
            ItemOutcome {
                start: Some(tue),
                finish: Some(tue)
            }
        );
        assert_eq!(s.items[2].finish, Some(d(2027, 1, 6)));
        assert_eq!(
            s.items[3],
            ItemOutcome {
                start: Some(mon()),
                finish: Some(mon())
            }
        );
    }

    #[test]
    fn no_work_is_delivered_on_the_start_day() {
        let s = run(&[team(1, 1.0)], &[]);
        assert_eq!(s.delivery, Some(mon()));
        let s = run(&[], &[item(0, 0.0, &[]), item(0, -3.0, &[0])]);
        assert_eq!(s.delivery, Some(mon()));
        assert!(!s.late);
    }

    #[test]
    fn zero_capacity_forever_is_none_quickly() {
        let mut t = team(2, 1.0);
        t.commitments.push(Commitment {
            from: NaiveDate::MIN,
            until: NaiveDate::MAX,
            people: 2,
        });
        let began = Instant::now();
        let s = run(&[t], &[item(0, 1.0, &[])]);
        assert_eq!(s.delivery, None);
        assert!(s.late);
        assert_eq!(s.slack_working_days, None);
        assert_eq!(s.open_person_days, 1.0);
        assert!(began.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn absurd_inputs_stay_fast_and_do_not_panic() {
        let began = Instant::now();
        let cal = WorkCalendar::mon_fri();
        let teams = [team(5, 1.0)];
        let items = [item(0, 1.0, &[]), item(0, 1e300, &[])];
        let mut p = plan(&cal, &teams, &items, d(9999, 12, 31));
        let s = schedule(&p);
        assert_eq!(s.delivery, None);
        assert_eq!(s.items[0].finish, Some(mon())); // the rest is still scheduled
        assert!(s.open_person_days >= 1e300);
        for start in [d(262_000, 1, 1), NaiveDate::MAX, NaiveDate::MIN] {
            p.start = start;
            let s = schedule(&p);
            assert_eq!(s.delivery, None);
        }
        assert!(began.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn nan_infinite_and_negative_efforts_do_not_panic() {
        let s = run(&[team(1, 1.0)], &[item(0, f64::NAN, &[])]);
        assert_eq!(s.delivery, None);
        let s = run(&[team(1, 1.0)], &[item(0, f64::INFINITY, &[])]);
        assert_eq!(s.delivery, None);
        let s = run(&[team(1, 1.0)], &[item(0, -5.0, &[]), item(0, 1.0, &[0])]);
        assert_eq!(s.delivery, Some(mon()));
    }

    #[test]
    fn bad_indices_and_cycles_never_finish_but_never_hang() {
        let s = run(&[team(1, 1.0)], &[item(3, 1.0, &[])]);
        assert_eq!(s.delivery, None);
        let s = run(&[team(1, 1.0)], &[item(0, 1.0, &[7])]);
        assert_eq!(s.delivery, None);
        let s = run(
            &[team(1, 1.0)],
            &[item(0, 1.0, &[1]), item(0, 0.0, &[0]), item(0, 2.0, &[])],
        );
        assert_eq!(s.delivery, None);
        assert_eq!(finishes(&s), [None, None, Some(d(2027, 1, 5))]);
        let mut no_people = item(0, 1.0, &[]);
        no_people.max_people = Some(0);
        assert_eq!(run(&[team(1, 1.0)], &[no_people]).delivery, None);
    }

    #[test]
    fn late_delivery_reports_open_work_and_overtime() {
        // Team 0: 2 × 0.5 = 1 pd/day, 6 h/day, 10 pd: 5 done by Fri 8, open 5,
        // done Fri 15. Team 1: 1 pd/day, 8 h/day, 7 pd: open 2, done Tue 12.
        // Overtime = 5 × 6 + 2 × 8 = 46 h. Slack: Mon 11 … Fri 15 = −5.
        let mut t0 = team(2, 0.5);
        t0.hours_per_day = 6.0;
        let teams = [t0, team(1, 1.0)];
        let items = [item(0, 10.0, &[]), item(1, 7.0, &[])];
        let cal = WorkCalendar::mon_fri();
        let s = schedule(&plan(&cal, &teams, &items, d(2027, 1, 8)));
        assert_eq!(s.delivery, Some(d(2027, 1, 15)));
        assert!(s.late);
        assert_eq!(s.open_person_days, 7.0);
        assert_eq!(s.overtime_hours, 46.0);
        assert_eq!(s.slack_working_days, Some(-5));
    }

    #[test]
    fn deadline_before_start_leaves_everything_open() {
        let teams = [team(1, 1.0)];
        let items = [item(0, 2.0, &[]), item(0, 0.0, &[])];
        let cal = WorkCalendar::mon_fri();
        let s = schedule(&plan(&cal, &teams, &items, d(2027, 1, 1)));
        assert!(s.late);
        assert_eq!(s.open_person_days, 2.0);
        assert_eq!(s.overtime_hours, 16.0);
        // Fri 1 → Tue 5: Mon, Tue.
        assert_eq!(s.slack_working_days, Some(-2));
    }

    #[test]
    fn slack_counts_catalog_working_days() {
        // Done Tue 5; deadline Fri 8: Wed, Thu, Fri = 3. A team holiday does
        // not count against slack; a catalog holiday does.
        let mut t = team(1, 1.0);
        t.holidays.insert(d(2027, 1, 7));
        let teams = [t];
        let items = [item(0, 2.0, &[])];
        let mut cal = WorkCalendar::mon_fri();
        let s = schedule(&plan(&cal, &teams, &items, d(2027, 1, 8)));
        assert_eq!((s.late, s.slack_working_days), (false, Some(3)));
        assert_eq!(s.open_person_days, 0.0);
        cal.holidays.insert(d(2027, 1, 6));
        let s = schedule(&plan(&cal, &teams, &items, d(2027, 1, 8)));
        assert_eq!(s.slack_working_days, Some(2));
        let s = schedule(&plan(&cal, &teams, &items, d(2027, 1, 5)));
        assert_eq!((s.late, s.slack_working_days), (false, Some(0)));
    }

    #[test]
    fn booked_capacity_is_not_available() {
        // 2 pd/day; 1.5 booked Mon leaves 0.5, 5 booked Tue leaves 0:
        // 2.5 pd = Mon 0.5 + Wed 2.
        let mut booked = Booked::new();
        booked.add(0, mon(), 1.5);
        booked.add(0, d(2027, 1, 5), 5.0);
        booked.add(1, d(2027, 1, 6), 9.0); // another team: no effect
        let teams = [team(2, 1.0), team(1, 1.0)];
        let items = [item(0, 2.5, &[])];
        let cal = WorkCalendar::mon_fri();
        let mut p = plan(&cal, &teams, &items, d(2027, 1, 29));
        p.booked = Some(&booked);
        let s = schedule(&p);
        assert_eq!(s.delivery, Some(d(2027, 1, 6)));
        let expected = [
            Usage {
                team: 0,
                day: mon(),
                person_days: 0.5,
            },
            Usage {
                team: 0,
                day: d(2027, 1, 6),
                person_days: 2.0,
            },
        ];
        assert_eq!(s.usage, expected);
        // Booking what this deal used leaves nothing for a copy of it on Mon
        // and Wed: Thu 2 + Fri 0.5.
        let mut more = booked.clone();
        more.add_usage(&s.usage);
        p.booked = Some(&more);
        let again = schedule(&p);
        assert_eq!(again.delivery, Some(d(2027, 1, 8)));
        let used = more.used_capacity(&cal, 0, &teams[0], mon(), d(2027, 1, 6));
        assert_eq!(used, 2.0 + 2.0 + 2.0); // capped at what each day offers
    }

    /// Not a bug but the contract's priority rule (a list-scheduling
    /// anomaly): more people on one team can make the deal later. Team Y
    /// finishing item 0 sooner lets item 1 grab team X before item 2, which
    /// item 3 (team Z, long) waits for.
    #[test]
    fn more_capacity_can_make_delivery_later_with_dependencies() {
        let items = [
            item(1, 2.0, &[]),
            item(0, 5.0, &[0]),
            item(0, 2.0, &[]),
            item(2, 10.0, &[2]),
        ];
        // Y = 1: item 2 Mon–Tue, item 3 Wed 6 … Tue 19.
        let slow = run(&[team(1, 1.0), team(1, 1.0), team(1, 1.0)], &items);
        assert_eq!(slow.delivery, Some(d(2027, 1, 19)));
        // Y = 2: item 0 done Mon, so item 2 gets X on Mon only; item 1 takes
        // X Tue 5 – Mon 11; item 2 ends Tue 12; item 3 Wed 13 … Tue 26.
        let fast = run(&[team(1, 1.0), team(2, 1.0), team(1, 1.0)], &items);
        assert_eq!(fast.delivery, Some(d(2027, 1, 26)));
    }
}

/// Monotonicity properties. They hold for items without dependencies and for
/// a single chain; with general dependencies the priority rule can invert
/// them (see `more_capacity_can_make_delivery_later_with_dependencies`), so
/// only "a later deadline changes nothing" is checked on arbitrary graphs.
#[cfg(test)]
mod props {
    use super::*;
    use crate::calendar::Commitment;
    use proptest::prelude::*;
    use proptest::sample::Index;
    use std::collections::BTreeSet;

    fn day(offset: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, 4).expect("valid date") + Days::new(offset)
    }

    /// Runs an engine and keeps what a run decides.
    fn outcome(engine: &Engine, c: &Case, mode: Mode) -> (Option<usize>, Vec<usize>, Vec<f64>) {
        let efforts: Vec<f64> = c.items.iter().map(|i| i.effort).collect();
        let mut run = engine.scratch();
        let delivery = engine.run(&efforts, &mut run, mode);
        let open = if mode == Mode::Report {
            run.open.clone()
        } else {
            Vec::new()
        };
        (delivery, run.finish.clone(), open)
    }

    #[derive(Debug, Clone)]
    struct Case {
        cal: WorkCalendar,
        teams: Vec<TeamCalendar>,
        items: Vec<WorkItem>,
        deadline: u64,
    }

    impl Case {
        fn run(&self) -> Schedule {
            self.run_with(None)
        }

        fn run_with(&self, booked: Option<&Booked>) -> Schedule {
            schedule(&Plan {
                calendar: &self.cal,
                teams: &self.teams,
                items: &self.items,
                start: day(0),
                deadline: day(self.deadline),
                booked,
            })
        }
    }

    /// `None` (not within the horizon) sorts after every date.
    fn rank(s: &Schedule) -> (bool, Option<NaiveDate>) {
        (s.delivery.is_none(), s.delivery)
    }

    fn team() -> impl Strategy<Value = TeamCalendar> {
        let commitment = (0u64..40, 0u64..20, 1u32..3).prop_map(|(from, len, people)| Commitment {
            from: day(from),
            until: day(from + len),
            people,
        });
        (
            0u32..4,
            1u32..=4,
            prop::collection::btree_set((0u64..40).prop_map(day), 0..3),
            prop::collection::vec(commitment, 0..3),
        )
            .prop_map(|(people, quarters, holidays, commitments)| TeamCalendar {
                people,
                focus: f64::from(quarters) / 4.0,
                hours_per_day: 8.0,
                holidays,
                commitments,
            })
    }

    fn effort() -> impl Strategy<Value = f64> {
        prop_oneof![1 => Just(0.0), 4 => 0.0f64..12.0]
    }

    /// Items with no dependencies, or (`chain`) each after the one before.
    fn case_with(chain: impl Strategy<Value = bool>) -> impl Strategy<Value = Case> {
        let item = (0usize..3, effort(), prop::option::of(0u32..3));
        (
            prop::collection::vec(team(), 1..4),
            prop::collection::vec(item, 0..6),
            chain,
            prop::collection::btree_set((0u64..40).prop_map(day), 0..3),
            0u64..60,
        )
            .prop_map(|(teams, raw, chain, holidays, deadline)| {
                let items = raw
                    .into_iter()
                    .enumerate()
                    .map(|(i, (team, effort, max_people))| WorkItem {
                        team: team % teams.len(),
                        effort,
                        max_people,
                        after: if chain && i > 0 { vec![i - 1] } else { vec![] },
                    })
                    .collect();
                let weekdays = [true, true, true, true, true, false, false];
                let cal = WorkCalendar { weekdays, holidays };
                Case {
                    cal,
                    teams,
                    items,
                    deadline,
                }
            })
    }

    fn case() -> impl Strategy<Value = Case> {
        case_with(any::<bool>())
    }

    /// Any backward dependencies, i.e. an arbitrary acyclic graph.
    fn dag_case() -> impl Strategy<Value = Case> {
        (
            case_with(Just(false)),
            prop::collection::vec(any::<(Index, Index)>(), 0..6),
        )
            .prop_map(|(mut c, edges)| {
                let n = c.items.len();
                for (a, b) in edges.into_iter().filter(|_| n > 1) {
                    let (a, b) = (a.index(n), b.index(n));
                    if a < b {
                        c.items[b].after.push(a);
                    }
                }
                c
            })
    }

    proptest! {
        #[test]
        fn later_deadline_never_makes_delivery_later(c in dag_case(), extra in 0u64..400) {
            let early = c.run();
            let later = Case { deadline: c.deadline + extra, ..c }.run();
            prop_assert_eq!(early.delivery, later.delivery);
            prop_assert!(later.open_person_days <= early.open_person_days + 1e-9);
            prop_assert!(!later.late || early.late);
        }

        #[test]
        fn skipping_ahead_matches_stepping_every_day(c in dag_case()) {
            let plan = Plan {
                calendar: &c.cal,
                teams: &c.teams,
                items: &c.items,
                start: day(0),
                deadline: day(c.deadline),
                booked: None,
            };
            let fast = Engine::new(&plan);
            let mut slow = Engine::new(&plan);
            slow.daily = true;
            let (delivery, finish, open) = outcome(&fast, &c, Mode::Report);
            let (d2, f2, o2) = outcome(&slow, &c, Mode::Report);
            prop_assert_eq!(delivery, d2);
            prop_assert_eq!(finish, f2);
            for (a, b) in open.iter().zip(&o2) {
                prop_assert!((a - b).abs() <= 1e-9 * (1.0 + b.abs()));
            }
            prop_assert_eq!(outcome(&fast, &c, Mode::Trial).0, delivery);
        }

        #[test]
        fn more_people_never_makes_delivery_later(c in case(), t in any::<Index>()) {
            let mut more = c.clone();
            more.teams[t.index(c.teams.len())].people += 1;
            prop_assert!(rank(&more.run()) <= rank(&c.run()));
        }

        #[test]
        fn more_focus_never_makes_delivery_later(c in case(), t in any::<Index>()) {
            let mut more = c.clone();
            let team = &mut more.teams[t.index(c.teams.len())];
            team.focus = (team.focus + 0.25).min(1.0);
            prop_assert!(rank(&more.run()) <= rank(&c.run()));
        }

        #[test]
        fn fewer_commitments_never_make_delivery_later(c in case(), t in any::<Index>(), j in any::<Index>()) {
            let mut fewer = c.clone();
            let team = &mut fewer.teams[t.index(c.teams.len())];
            if !team.commitments.is_empty() {
                team.commitments.remove(j.index(team.commitments.len()));
            }
            prop_assert!(rank(&fewer.run()) <= rank(&c.run()));
        }

        #[test]
        fn less_effort_never_makes_delivery_later(c in case(), i in any::<Index>(), share in 0.0f64..1.0) {
            prop_assume!(!c.items.is_empty());
            let mut less = c.clone();
            less.items[i.index(c.items.len())].effort *= share;
            prop_assert!(rank(&less.run()) <= rank(&c.run()));
        }

        #[test]
        fn a_holiday_never_makes_delivery_earlier(c in case(), t in any::<Index>(), off in 0u64..60, catalog in any::<bool>()) {
            let mut more = c.clone();
            if catalog {
                more.cal.holidays.insert(day(off));
            } else {
                more.teams[t.index(c.teams.len())].holidays.insert(day(off));
            }
            prop_assert!(rank(&more.run()) >= rank(&c.run()));
        }

        #[test]
        fn booked_capacity_never_makes_delivery_earlier(c in case(), t in any::<Index>(), off in 0u64..60, pd in 0.0f64..3.0) {
            let mut booked = Booked::new();
            booked.add(t.index(c.teams.len()), day(off), pd);
            prop_assert!(rank(&c.run_with(Some(&booked))) >= rank(&c.run()));
        }

        #[test]
        fn usage_adds_up_to_the_work_done(c in dag_case()) {
            let s = c.run();
            let used: f64 = s.usage.iter().map(|u| u.person_days).sum();
            let effort: f64 = c.items.iter().map(|i| i.effort).sum();
            if s.delivery.is_some() {
                prop_assert!((used - effort).abs() <= 1e-6 * (1.0 + effort));
            }
            let days: BTreeSet<_> = s.usage.iter().map(|u| (u.team, u.day)).collect();
            prop_assert_eq!(days.len(), s.usage.len());
        }
    }
}
