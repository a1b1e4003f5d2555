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

/// Which items of a plan are worked out directly: those of a team that is
/// worked out directly as a whole — one item, or a queue of items that wait
/// for nothing and take any number of people — each with only existing
/// earlier predecessors and only followers worked out directly too.
pub(super) fn direct_items(plan: &Plan) -> Vec<bool> {
    let (n, teams) = (plan.items.len(), plan.teams.len());
    let mut on_team = vec![0u32; teams];
    let mut free = vec![true; teams];
    for item in plan.items.iter().filter(|i| i.team < teams) {
        on_team[item.team] += 1;
        free[item.team] &= item.after.is_empty() && item.max_people.is_none();
    }
    let mut whole: Vec<bool> = (0..teams)
        .map(|t| on_team[t] == 1 || (on_team[t] > 1 && free[t]))
        .collect();
    let mut followers = vec![Vec::new(); n];
    for (i, item) in plan.items.iter().enumerate() {
        for &p in item.after.iter().filter(|p| **p < n) {
            followers[p].push(i);
        }
    }
    loop {
        let mut direct = vec![false; n];
        // Followers of a candidate come later (its predecessors are
        // earlier), so one sweep from the end decides.
        for i in (0..n).rev() {
            let item = &plan.items[i];
            direct[i] = whole.get(item.team) == Some(&true)
                && item.after.iter().all(|&p| p < i)
                && followers[i].iter().all(|&f| direct[f]);
        }
        // A team's capacity goes to the engine or to the direct items,
        // never to both: one item left to the engine takes its team along.
        let mut settled = true;
        for (i, item) in plan.items.iter().enumerate() {
            if !direct[i] && whole.get(item.team) == Some(&true) {
                whole[item.team] = false;
                settled = false;
            }
        }
        if settled {
            return direct;
        }
    }
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
    /// Per lone item: its index in the plan, its predecessors and, in a
    /// queue of its team's items, the queue's number.
    lone_items: Vec<(usize, Vec<Before>, Option<usize>)>,
    /// Queues of direct items.
    queues: usize,
}

impl Runner {
    /// `plan`'s trials over `horizon` days, its items in `direct` worked
    /// out after the engine's.
    pub(super) fn new(plan: &Plan, direct: &[bool], horizon: u64) -> Runner {
        let engine_part = Part::new(plan, &direct.iter().map(|d| !d).collect::<Vec<_>>());
        let engine = Engine::for_trials(&engine_part.plan(plan), horizon);
        let mut lone = None;
        let mut lone_items = Vec::new();
        let mut queue_of = vec![None; plan.teams.len()];
        let mut queues = 0;
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
                let team = plan.items[i].team;
                let queue = (plan.items.iter().filter(|j| j.team == team).count() > 1).then(|| {
                    *queue_of[team].get_or_insert_with(|| {
                        queues += 1;
                        queues - 1
                    })
                });
                lone_items.push((i, before, queue));
            }
        }
        Runner {
            engine,
            engine_items: engine_part.index,
            lone,
            lone_items,
            queues,
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
        let mut queued = vec![0.0; self.queues];
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
            queued.iter_mut().for_each(|q| *q = 0.0);
            let scratch = (&mut finish[..], &mut queued[..]);
            self.lone_delivery(lone, all, ready_after, scratch, delivery)
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
        (finish, queued): (&mut [usize], &mut [f64]),
        delivery: NaiveDate,
    ) -> Option<NaiveDate> {
        let mut last = 0;
        for (l, (i, before, queue)) in self.lone_items.iter().enumerate() {
            let mut ready = 0;
            for b in before {
                ready = ready.max(match *b {
                    Before::Engine(e) => ready_after(e)?,
                    Before::Lone(k) => finish[k],
                });
            }
            // In a queue, what the items before it in the queue take first.
            let ahead = queue.map_or(0.0, |q| queued[q]);
            finish[l] = lone.lone_finish(l, ready, ahead, efforts[*i])?;
            if let Some(q) = *queue {
                queued[q] += efforts[*i].max(0.0);
            }
            last = last.max(finish[l]);
        }
        Some(delivery.max(lone.slot_date(last)?))
    }
}

/// Below an item's least effort by far more than float residue, so that a
/// bound worked out along other sums than a run's is never above the run.
const SLACK: f64 = 1e-7;

impl Runner {
    /// A date no trial with every effort at least `least` (one per plan
    /// item) delivers before: each item done alone on its team, from when
    /// its predecessors could be done at the earliest, and each team giving
    /// all the work of its items that can start only from some day on from
    /// that day. `Some(None)`: no trial delivers within the horizon; `None`:
    /// no bound (items waiting in a cycle, or for an item that is not there).
    pub(super) fn earliest_delivery(
        &self,
        plan: &Plan,
        least: &[f64],
    ) -> Option<Option<NaiveDate>> {
        let order = in_order(plan)?;
        let lone = self.lone.as_ref();
        // Per plan item: in the lone engine?, its index there.
        let mut place = vec![(false, 0); plan.items.len()];
        for (l, &i) in self.engine_items.iter().enumerate() {
            place[i] = (false, l);
        }
        for (l, (i, _, _)) in self.lone_items.iter().enumerate() {
            place[*i] = (true, l);
        }
        let engine_of = |is_lone: bool| match (is_lone, lone) {
            (true, Some(lone)) => lone,
            _ => &self.engine,
        };
        let mut ready = [
            vec![0; self.engine_items.len()],
            vec![0; self.lone_items.len()],
        ];
        let mut need = [
            vec![0.0; self.engine_items.len()],
            vec![0.0; self.lone_items.len()],
        ];
        let mut finish = vec![0; plan.items.len()];
        let mut last = self.engine.slot_date(0);
        for i in order {
            let (is_lone, l) = place[i];
            let engine = engine_of(is_lone);
            let mut day = 0;
            for &p in &plan.items[i].after {
                let (p_lone, _) = place[p];
                day = day.max(match (finish[p], p_lone == is_lone) {
                    (0, _) => 0,
                    (slot, true) => slot,
                    (slot, false) => engine.first_day_after(engine_of(p_lone).slot_date(slot)?),
                });
            }
            let least = least[i].max(0.0) * (1.0 - SLACK);
            let Some(slot) = engine.lone_finish(l, day, 0.0, least) else {
                return Some(None);
            };
            finish[i] = slot;
            ready[usize::from(is_lone)][l] = day;
            need[usize::from(is_lone)][l] = least;
            last = last.max(engine.slot_date(slot));
        }
        for (k, engine) in [Some(&self.engine), lone].into_iter().enumerate() {
            let Some(engine) = engine else { continue };
            let Some(slot) = engine.team_bound(&ready[k], &need[k]) else {
                return Some(None);
            };
            last = last.max(engine.slot_date(slot));
        }
        Some(last)
    }
}

/// The plan's items, each after its predecessors; `None` when some wait in
/// a cycle or for an item that is not there (they are never done).
fn in_order(plan: &Plan) -> Option<Vec<usize>> {
    let n = plan.items.len();
    let mut waiting: Vec<usize> = plan.items.iter().map(|i| i.after.len()).collect();
    let mut followers = vec![Vec::new(); n];
    for (i, item) in plan.items.iter().enumerate() {
        for &p in &item.after {
            followers.get_mut(p)?.push(i);
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut next = 0;
    while let Some(&i) = order.get(next) {
        next += 1;
        for &f in &followers[i] {
            waiting[f] -= 1;
            if waiting[f] == 0 {
                order.push(f);
            }
        }
    }
    (order.len() == n).then_some(order)
}
