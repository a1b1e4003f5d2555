//! A trial without the event loop for the items that need none.
//!
//! An item alone on its team gets each day's capacity all to itself (up to
//! its daily cap) from the day it is ready: its finish is one look-up in
//! its team's suffix sums ([`Engine::lone_finish`]), not a stream of
//! events every other team pays for too. The trials hand the engine only
//! the other items, and work out the lone ones after it, in order, from
//! their predecessors' finishes — which is why a lone item goes this way
//! only when everything that waits for it does too (nothing the engine
//! runs may wait for it). Same days as the whole plan run by the engine.

use super::part::Part;
use crate::scheduler::{Engine, Mode, Plan};
use chrono::NaiveDate;

/// Which items of a plan are worked out directly: alone on an existing
/// team, every predecessor an existing earlier item, and every follower
/// worked out directly too.
pub(super) fn direct_items(plan: &Plan) -> Vec<bool> {
    let n = plan.items.len();
    let mut on_team = vec![0u32; plan.teams.len()];
    for item in plan.items {
        if let Some(count) = on_team.get_mut(item.team) {
            *count += 1;
        }
    }
    let mut followers = vec![Vec::new(); n];
    for (i, item) in plan.items.iter().enumerate() {
        for &p in item.after.iter().filter(|p| **p < n) {
            followers[p].push(i);
        }
    }
    let mut direct = vec![false; n];
    // Followers of a candidate come later (its predecessors are earlier),
    // so one sweep from the end decides.
    for i in (0..n).rev() {
        let item = &plan.items[i];
        direct[i] = on_team.get(item.team) == Some(&1)
            && item.after.iter().all(|&p| p < i)
            && followers[i].iter().all(|&f| direct[f]);
    }
    direct
}

/// Where a lone item's predecessor finishes.
#[derive(Clone, Copy)]
enum Before {
    /// Item of the engine's part.
    Engine(usize),
    /// An earlier lone item.
    Lone(usize),
}

/// The engines one trial runs over one horizon: the event loop over the
/// items that need it, and the lone items after it.
pub(super) struct Runner {
    engine: Engine,
    /// Per engine item: its index in the plan.
    engine_items: Vec<usize>,
    /// The lone items' own engine (their teams' capacity), if any.
    lone: Option<Engine>,
    /// Per lone item: its index in the plan and its predecessors.
    lone_items: Vec<(usize, Vec<Before>)>,
}

impl Runner {
    /// `plan`'s trials over `horizon` days, its items in `direct` worked
    /// out after the engine's.
    pub(super) fn new(plan: &Plan, direct: &[bool], horizon: u64) -> Runner {
        let engine_part = Part::new(plan, &direct.iter().map(|d| !d).collect::<Vec<_>>());
        let engine = Engine::for_trials(&engine_part.plan(plan), horizon);
        let mut lone = None;
        let mut lone_items = Vec::new();
        if direct.contains(&true) {
            let lone_part = Part::new(plan, direct);
            lone = Some(Engine::for_trials(&lone_part.plan(plan), horizon));
            let position = |i: usize, index: &[usize]| index.binary_search(&i).ok();
            for &i in &lone_part.index {
                let before = plan.items[i]
                    .after
                    .iter()
                    .filter_map(|&p| match position(p, &lone_part.index) {
                        Some(l) => Some(Before::Lone(l)),
                        None => position(p, &engine_part.index).map(Before::Engine),
                    })
                    .collect();
                lone_items.push((i, before));
            }
        }
        Runner {
            engine,
            engine_items: engine_part.index,
            lone,
            lone_items,
        }
    }

    /// One trial after another: the delivery date with the given efforts
    /// (one per plan item), `None` when not all work finishes within the
    /// horizon. The closure keeps the engine's per-run state between
    /// trials.
    pub(super) fn trials(&self) -> impl FnMut(&[f64]) -> Option<NaiveDate> + '_ {
        let mut run = self.engine.scratch();
        let mut efforts = vec![0.0; self.engine_items.len()];
        let mut finish = vec![0; self.lone_items.len()];
        move |all: &[f64]| {
            for (e, &i) in efforts.iter_mut().zip(&self.engine_items) {
                *e = all[i];
            }
            let slot = self.engine.run(&efforts, &mut run, Mode::Trial)?;
            let delivery = self.engine.slot_date(slot)?;
            let Some(lone) = &self.lone else {
                return Some(delivery);
            };
            // The first day of the lone items' engine after an engine
            // item's finish (before start: day 0, the start day itself).
            let ready_after = |e: usize| match run.finish_slot(e)? {
                0 => Some(0),
                slot => Some(lone.first_day_after(self.engine.slot_date(slot)?)),
            };
            self.lone_delivery(lone, all, ready_after, &mut finish, delivery)
        }
    }

    /// The later of `delivery` and every lone item's finish, worked out in
    /// order from its predecessors' finishes (slots of `lone`, which are
    /// also the first days its followers may work); `None` when one does
    /// not finish within the horizon.
    fn lone_delivery(
        &self,
        lone: &Engine,
        efforts: &[f64],
        ready_after: impl Fn(usize) -> Option<usize>,
        finish: &mut [usize],
        delivery: NaiveDate,
    ) -> Option<NaiveDate> {
        let mut last = 0;
        for (l, (i, before)) in self.lone_items.iter().enumerate() {
            let mut ready = 0;
            for b in before {
                ready = ready.max(match *b {
                    Before::Engine(e) => ready_after(e)?,
                    Before::Lone(k) => finish[k],
                });
            }
            finish[l] = lone.lone_finish(l, ready, efforts[*i])?;
            last = last.max(finish[l]);
        }
        Some(delivery.max(lone.slot_date(last)?))
    }
}
