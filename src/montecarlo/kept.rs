//! Trials kept across deadlines: what one plan's trials delivered, reused
//! by later runs of the same plan within one scope ([`keeping`]).
//!
//! An offer asks the Monte Carlo about one plan at several deadlines: the
//! `complete` date is read off the deliverable scope at the asked
//! deadline, the `complete` variant is that scope at the date found, and
//! scopes that differ only in features without work are the same plan.
//! Block `b`'s draws depend on the seed and `b` only, and a trial's
//! delivery on the plan and its draws, never on the deadline: the deadline
//! only decides which deliveries are on time, where the stopping rule
//! stops, and how far the first, short engine looks (a horizon from the
//! deadline). So a later run takes each trial an earlier one ran as that
//! run's engines would have found it ([`Known::recall`]), runs only the
//! trials it has not seen, and gives the very answer a fresh run gives.
//! The floor (the delivery of the items no draw moves) is the same at
//! every deadline too, and the same plan at the same deadline and cap is
//! answered from memory.
//!
//! Kept per thread for one scope (one offer): the offer's checks go
//! through `check`'s schedule rule, whose signature stays as it is; a
//! thread that picks up another offer while waiting for its trials opens
//! that offer's own scope and closes it before it returns.

use super::{Estimate, Simulation, UNRESOLVED};
use crate::scheduler::Plan;
use chrono::{Datelike, NaiveDate};
use std::cell::RefCell;
use std::collections::HashMap;

/// What an earlier run of the same plan learnt about one trial: the
/// delivery key of the part of the plan that varies (before the floor).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Known {
    /// Delivered on this key (days from start; `NEVER` beyond 10 years).
    Key(i64),
    /// Not delivered within the first this many days (a short horizon).
    Beyond(u64),
}

impl Known {
    /// The key a run whose short engine covers `short_days` days (and
    /// that has its 10-year engine when `full`) gives this trial, `None`
    /// when that needs the trial run again. A short engine finds exactly
    /// the deliveries within its days (the engine's promise: a finished
    /// run is the same as over the full horizon); the others are
    /// [`UNRESOLVED`] until the 10-year engine runs them.
    pub(super) fn recall(self, short_days: u64, full: bool) -> Option<i64> {
        let within = |key: i64| u64::try_from(key).is_ok_and(|k| k < short_days);
        match self {
            Known::Key(key) if full || within(key) => Some(key),
            Known::Key(_) => Some(UNRESOLVED),
            Known::Beyond(days) if days >= short_days && !full => Some(UNRESOLVED),
            Known::Beyond(_) => None,
        }
    }

    /// What a run over `short_days` learnt from the part key it gave.
    pub(super) fn learnt(key: i64, short_days: u64) -> Known {
        if key == UNRESOLVED {
            Known::Beyond(short_days)
        } else {
            Known::Key(key)
        }
    }

    /// The more informative of two facts about one trial.
    fn merge(self, other: Known) -> Known {
        match (self, other) {
            (Known::Key(k), _) | (Known::Beyond(_), Known::Key(k)) => Known::Key(k),
            (Known::Beyond(a), Known::Beyond(b)) => Known::Beyond(a.max(b)),
        }
    }
}

/// Per block of 64 trials, what is known of each (a last, partial block
/// has fewer; blocks never run are empty).
pub(super) type Blocks = Vec<Vec<Known>>;

/// Adds what a run learnt (`fresh`, same layout) to `kept`: per trial the
/// more informative fact; a block of another size (a cap that cut it
/// short) is replaced.
pub(super) fn merge(kept: &mut Blocks, fresh: Blocks) {
    if kept.len() < fresh.len() {
        kept.resize(fresh.len(), Vec::new());
    }
    for (old, new) in kept.iter_mut().zip(fresh) {
        if new.is_empty() {
            continue;
        }
        if old.len() == new.len() {
            old.iter_mut().zip(new).for_each(|(o, n)| *o = o.merge(n));
        } else {
            *old = new;
        }
    }
}

/// Everything a trial's delivery depends on, but the deadline: the plan's
/// items and estimates, start, calendars, bookings and grids (the last by
/// address: they live as long as the scope), the seed and the confidence.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct PlanKey(Vec<u64>);

impl PlanKey {
    pub(super) fn new(plan: &Plan, estimates: &[Estimate], seed: u64, confidence: f64) -> Self {
        let address = |p: Option<*const u8>| p.map_or(0, |p| p as usize as u64);
        let mut w = vec![
            plan.start.num_days_from_ce() as u64,
            address(Some(plan.calendar as *const _ as *const u8)),
            address(Some(plan.teams.as_ptr() as *const u8)),
            plan.teams.len() as u64,
            address(plan.booked.map(|b| b as *const _ as *const u8)),
            address(plan.grids.map(|g| g as *const _ as *const u8)),
            seed,
            confidence.to_bits(),
            plan.items.len() as u64,
        ];
        for item in plan.items {
            w.extend([item.team as u64, item.effort.to_bits()]);
            w.push(item.max_people.map_or(u64::MAX, u64::from));
            w.push(item.after.len() as u64);
            w.extend(item.after.iter().map(|&p| p as u64));
        }
        w.push(estimates.len() as u64);
        for e in estimates {
            match *e {
                Estimate::Fixed(v) => w.extend([0, v.to_bits()]),
                Estimate::ThreePoint { low, likely, high } => {
                    w.extend([1, low.to_bits(), likely.to_bits(), high.to_bits()]);
                }
            }
        }
        PlanKey(w)
    }
}

/// What later runs of a plan take from the earlier ones: the trials,
/// and the floor's key once worked out.
#[derive(Default)]
pub(super) struct Memory {
    pub(super) blocks: Blocks,
    pub(super) floor: Option<i64>,
}

/// One plan's memory and its answers so far (deadline, cap).
#[derive(Default)]
struct Kept {
    memory: Memory,
    answers: Vec<(NaiveDate, u32, Simulation)>,
}

thread_local! {
    /// The open scope's plans; `None` outside [`keeping`].
    static SCOPE: RefCell<Option<HashMap<PlanKey, Kept>>> = const { RefCell::new(None) };
}

/// Restores the scope that was open before, also when `f` panics.
struct Restore(Option<HashMap<PlanKey, Kept>>);

impl Drop for Restore {
    fn drop(&mut self) {
        let outer = self.0.take();
        SCOPE.with(|s| *s.borrow_mut() = outer);
    }
}

/// Runs `f` with its own scope of kept trials on this thread: every
/// [`super::simulate`] within it, of a plan run before in it, reuses that
/// run's trials. The scope is dropped when `f` returns.
pub fn keeping<R>(f: impl FnOnce() -> R) -> R {
    let outer = SCOPE.with(|s| s.borrow_mut().replace(HashMap::new()));
    let _restore = Restore(outer);
    f()
}

/// `run` (given the plan's memory to use and extend) within an open
/// scope, its answer remembered per deadline and cap; `run` with nothing
/// kept outside one.
pub(super) fn remembered(
    key: impl FnOnce() -> PlanKey,
    deadline: NaiveDate,
    cap: u32,
    run: impl FnOnce(&mut Memory) -> Simulation,
) -> Simulation {
    if SCOPE.with(|s| s.borrow().is_none()) {
        return run(&mut Memory::default());
    }
    let key = key();
    // Taken out while it runs: no borrow is held across the trials.
    let mut kept = SCOPE
        .with(|s| s.borrow_mut().as_mut().and_then(|m| m.remove(&key)))
        .unwrap_or_default();
    let known = kept
        .answers
        .iter()
        .find(|(d, c, _)| *d == deadline && *c == cap);
    let answer = match known {
        Some((_, _, sim)) => sim.clone(),
        None => {
            let sim = run(&mut kept.memory);
            kept.answers.push((deadline, cap, sim.clone()));
            sim
        }
    };
    SCOPE.with(|s| {
        if let Some(map) = s.borrow_mut().as_mut() {
            map.insert(key, kept);
        }
    });
    answer
}
