//! Trial runs over *steady stretches*: days in bulk while a team's first
//! ready item is capped below the team's capacity.
//!
//! The plain engine skips days only while every team's first item takes all
//! of its team's capacity (a sum over a range is a subtraction of suffix
//! sums); a capped first item leaves the rest to the items behind it, so
//! those days were stepped one by one — most of the Monte Carlo's days. But
//! a team's capacity is mostly the same number day after day (it changes
//! with a commitment, and is 0 on a holiday). Over a stretch of days on
//! which a team gives either 0 or one value `v`, every working day hands its
//! queue the same shares until some item finishes, so the day that happens
//! is a count of working days, found by the same suffix sums. Only Monte
//! Carlo engines ([`Engine::for_trials`]) carry the stretches, and only
//! trials use them: the deterministic schedule is stepped exactly as before.

use super::LEFTOVER;
use super::{Engine, Run};

/// Per used column and day `k`: where the steady stretch holding `k` ends
/// and the capacity of its working days.
pub(super) struct Stretches {
    /// `end[block * days + k]`: the first day after `k`'s stretch.
    end: Vec<u32>,
    /// `value[block * days + k]`: the capacity of its working days (0 when
    /// the column gives nothing from `k` to the horizon).
    value: Vec<f64>,
}

impl Stretches {
    /// The stretches of every used column of `engine`, walked once from the
    /// horizon back: a day joins the stretch after it when it gives nothing
    /// or the stretch's value.
    pub(super) fn new(engine: &Engine) -> Stretches {
        let days = engine.days;
        let mut end = vec![0u32; engine.used.len() * days];
        let mut value = vec![0.0; engine.used.len() * days];
        for (block, &c) in engine.used.iter().enumerate() {
            let at = block * days;
            let (mut stretch_end, mut stretch_value) = (days, 0.0);
            for k in (0..days).rev() {
                let capacity = engine.capacity(k, c);
                if capacity > 0.0 && capacity != stretch_value {
                    if stretch_value > 0.0 {
                        stretch_end = k + 1;
                    }
                    stretch_value = capacity;
                }
                end[at + k] = u32::try_from(stretch_end).unwrap_or(u32::MAX);
                value[at + k] = stretch_value;
            }
        }
        Stretches { end, value }
    }
}

impl Engine {
    /// Column `c`'s stretch holding day `k < days`: its end and value.
    fn stretch(&self, stretches: &Stretches, c: usize, k: usize) -> (usize, f64) {
        let at = self.from_block[c] * self.days + k;
        (stretches.end[at] as usize, stretches.value[at])
    }

    /// The first day from `k` on that column `c` must be stepped on its
    /// own: the working day on which some item of its queue may finish, or
    /// the end of its stretch; `None` without stretches (step every day).
    pub(super) fn steady_event(&self, c: usize, k: usize, run: &Run) -> Option<usize> {
        let stretches = self.stretches.as_ref()?;
        let (end, v) = self.stretch(stretches, c, k);
        if v <= 0.0 {
            return Some(end); // no capacity left within the horizon
        }
        let mut event = end;
        let mut left = v;
        // What each queued item takes on a working day on which none of
        // them finishes, in queue order (as `give` hands it out).
        for &i in &run.ready[c] {
            if left <= v * LEFTOVER {
                break;
            }
            let take = self.item_daily_cap[i].min(left);
            if take > 0.0 {
                left -= take;
                // Working days until it may finish, counted a hair early: a
                // day stepped too soon costs a step, one too late a wrong
                // date.
                let days = ((run.remaining[i] - run.tolerance[i]) / take - 1e-9).ceil();
                if days.is_finite() {
                    let nth = days.max(1.0);
                    event = event.min(self.finish_day(c, k, (nth - 0.5) * v));
                }
            }
        }
        Some(event)
    }

    /// Gives column `c`'s days `k..event` (within one stretch, no item
    /// finishing) to its queue in the shares [`Engine::steady_event`]
    /// worked out.
    pub(super) fn steady_forward(&self, c: usize, k: usize, event: usize, run: &mut Run) {
        let Some(stretches) = self.stretches.as_ref() else {
            return;
        };
        let (end, v) = self.stretch(stretches, c, k);
        debug_assert!(event <= end, "a bulk step stays within its stretch");
        if v <= 0.0 {
            return;
        }
        let working = ((self.capacity_from(k, c) - self.capacity_from(event, c)) / v).round();
        if working < 1.0 {
            return;
        }
        let mut left = v;
        for &i in &run.ready[c] {
            if left <= v * LEFTOVER {
                break;
            }
            let take = self.item_daily_cap[i].min(left);
            if take > 0.0 {
                run.remaining[i] -= take * working;
                run.work_left[c] -= take * working;
                left -= take;
            }
        }
    }
}

impl Engine {
    /// The first day (index) after `date`: where an item that becomes
    /// ready as `date` ends starts (`days` when beyond the horizon).
    pub(crate) fn first_day_after(&self, date: chrono::NaiveDate) -> usize {
        self.grid.days[self.first_row..self.first_row + self.days].partition_point(|d| *d <= date)
    }

    /// The slot at which item `i`, alone on its team, finishes `effort`
    /// when ready from day `ready` on, as a run would schedule it (a day's
    /// capacity all its own, up to its daily cap); `None` when not within
    /// the horizon. Zero effort finishes as it becomes ready, at `ready`.
    ///
    /// In a queue of items that all wait for nothing and take any number of
    /// people, the team's capacity goes to `ahead` person-days of the items
    /// before it first (a run hands a day's rest to the next item).
    pub(crate) fn lone_finish(
        &self,
        i: usize,
        ready: usize,
        ahead: f64,
        effort: f64,
    ) -> Option<usize> {
        let effort = super::sanitize_effort(effort);
        if effort <= 0.0 {
            return Some(ready);
        }
        let tolerance = if effort.is_finite() {
            effort * super::FINISH_TOLERANCE
        } else {
            0.0
        };
        let (c, cap) = (self.item_column[i], self.item_daily_cap[i]);
        if !(cap > 0.0 && effort.is_finite()) {
            return None; // starved, or work that never ends
        }
        if cap >= self.column_peak[c] {
            let need = ahead + effort - tolerance;
            let day = self.finish_day(c, ready.min(self.days), need);
            return (day < self.days).then_some(day + 1);
        }
        debug_assert!(ahead == 0.0, "a capped item is alone on its team");
        self.capped_lone_finish(c, cap, ready, effort, tolerance)
    }

    /// [`Engine::lone_finish`] for an item capped below its team's peak:
    /// stretch by stretch, `min(cap, v)` a working day.
    fn capped_lone_finish(
        &self,
        c: usize,
        cap: f64,
        ready: usize,
        effort: f64,
        tolerance: f64,
    ) -> Option<usize> {
        let stretches = self.stretches.as_ref()?;
        let (mut k, mut remaining) = (ready, effort);
        while k < self.days {
            let (end, v) = self.stretch(stretches, c, k);
            if v <= 0.0 {
                return None;
            }
            let take = cap.min(v);
            let days = ((remaining - tolerance) / take - 1e-9).ceil().max(1.0);
            let day = self.finish_day(c, k, (days - 0.5) * v);
            if day < end {
                // `days - 1` working days in bulk, then the day itself.
                remaining -= take * (days - 1.0);
                remaining -= remaining.min(take);
                if remaining <= tolerance {
                    return Some(day + 1);
                }
                k = day + 1;
            } else {
                let working = ((self.capacity_from(k, c) - self.capacity_from(end, c)) / v).round();
                remaining -= take * working;
                k = end;
            }
        }
        None
    }
}

impl Engine {
    /// A slot no run of this engine delivers before, when item `i` can
    /// start no sooner than day `ready[i]` and needs at least `need[i]`
    /// person-days: whatever the order, a team's items that can start only
    /// from day `t` on need all their work from its days from `t` on.
    /// `None` when that is beyond the horizon (a trial never delivers
    /// within it). Daily caps are ignored: they only make it later.
    pub(crate) fn team_bound(&self, ready: &[usize], need: &[f64]) -> Option<usize> {
        let mut order: Vec<usize> = (0..self.item_column.len())
            .filter(|&i| need[i] > 0.0)
            .collect();
        // By team, the latest start first: each prefix is "from day t on".
        order.sort_unstable_by_key(|&i| (self.item_column[i], std::cmp::Reverse(ready[i])));
        let (mut bound, mut column, mut work) = (0, usize::MAX, 0.0);
        for i in order {
            let c = self.item_column[i];
            if c != column {
                (column, work) = (c, 0.0);
            }
            work += need[i];
            if c >= self.sums.len() || self.sums[c].is_empty() || !work.is_finite() {
                return None; // a team without capacity, or endless work
            }
            let day = self.finish_day(c, ready[i].min(self.days), work);
            if day >= self.days {
                return None;
            }
            bound = bound.max(day + 1);
        }
        Some(bound)
    }
}
