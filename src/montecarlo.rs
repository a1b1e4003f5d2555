//! Seeded Monte Carlo over three-point estimates: how likely the deal is on
//! time, and the P50/P85/P95 delivery dates, each to the precision the
//! report gives them (see `docs/montecarlo.md`).
//!
//! - **Only what varies is simulated.** Items whose schedule cannot depend on
//!   a drawn effort (no uncertain item among their predecessors or among the
//!   higher-priority items of their team, transitively) finish on the same
//!   day in every trial: they run once. Trials run only the items that can
//!   vary plus what can influence them, a smaller plan with the same
//!   schedule for those items; delivery is the later of the two.
//! - **Exact where no draw can change the answer.** Nothing varies: one run.
//!   No trial delivers before the date the least efforts allow (module
//!   `direct`): after the deadline, P = 0 in any plan.
//!   A monotone plan whose corners (every draw at `low`, every draw at
//!   `high`) are both on time or both late knows its probability exactly,
//!   and if they also deliver within a working day of each other, its dates.
//! - **Stratified draws.** Trials come in blocks of 64; within a block every
//!   uncertain item's effort is a Latin-hypercube sample of its PERT
//!   quantiles (one draw in each 1/64 of its distribution), drawn through
//!   the tabulated inverse CDF (module `pert`).
//! - **Cheap trials.** Trial engines take a capped item's days in bulk over
//!   steady stretches of its team's capacity, and items alone on their team
//!   (or in a queue that waits for nothing) are worked out after the event
//!   loop (module `direct`): the same days as the whole plan, less work.
//! - **Sequential stop.** After 512 trials (192 when the probability is
//!   known), and then every ×1.5, the run stops once a 98% confidence
//!   interval of the on-time probability lies within ±0.01 of the estimate
//!   and those of the P50/P85/P95 dates within one catalog working day of
//!   theirs. `trials` is the cap; [`Simulation::trials`] says how many ran.
//!
//! Block `b` uses its own generator seeded from `(seed, b)` and the stopping
//! points are fixed, so the result depends on the seed and the cap only, not
//! on the number of threads.

mod direct;
mod kept;
mod part;
mod pert;
mod stop;

#[cfg(test)]
use crate::scheduler::WorkItem;
use crate::scheduler::{Engine, HORIZON_DAYS, Mode, Plan, first_try_horizon};
use chrono::{Days, NaiveDate};
use direct::{Runner, direct_items};
pub use kept::keeping;
use kept::{Blocks, Known, Memory, PlanKey};
use part::{Direction, Part, closure, monotone};
use pert::Sampler;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, RngExt, SeedableRng};
use rayon::prelude::*;
use stop::{blocks_settle_probability, probability_settled, rank_interval};
pub(crate) use stop::{share_settled, student_t};

/// How far the reported on-time probability may be from the exact one.
pub const PROBABILITY_TOLERANCE: f64 = 0.01;
/// How far (catalog working days) a reported P50/P85/P95 date may be from
/// the exact one.
pub const DATE_TOLERANCE_WORKING_DAYS: i64 = 1;
/// Trials per stratified block: 64, so that the between-block interval
/// may settle the probability from 1,024 trials (16 blocks) on.
pub const BLOCK: u32 = 64;
/// The first point at which the run may stop.
pub const FIRST_LOOK: u32 = 512;
/// The first look when the probability is known and only the dates are
/// open: the fewest whole blocks whose 98% rank interval of the P95 is
/// bounded on both sides (at 128 it is not).
pub const KNOWN_FIRST_LOOK: u32 = 192;
/// Two-sided 98% normal quantile for the intervals (1% on each side).
const Z: f64 = 2.326;
const ALPHA_PER_SIDE: f64 = 0.01;
/// The reported quantiles, in parts per million: P50, P85, P95.
const QUANTILES_PPM: [u32; 3] = [500_000, 850_000, 950_000];

/// Trial outcome keys: days from the plan's start; these two sort after
/// every date.
const NEVER: i64 = i64::MAX;
/// Not finished within the short first horizon: later, exactly when unknown.
const UNRESOLVED: i64 = i64::MAX - 1;

/// An item's effort in person-days as the trials draw it: the Monte
/// Carlo's own type (a pure module does not reach up into the model; the
/// check converts a deal's `Amount` into it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Estimate {
    /// The same effort in every trial.
    Fixed(f64),
    /// Drawn from PERT(low, likely, high).
    ThreePoint { low: f64, likely: f64, high: f64 },
}

/// An effort ready to draw, as the trials of [`simulate`] draw it (PERT by
/// its tabulated inverse CDF): for other simulations over the same
/// estimates, e.g. the forecast's, so both draw alike.
pub struct EffortDraw(Sampler);

impl EffortDraw {
    pub fn new(estimate: Estimate) -> EffortDraw {
        EffortDraw(Sampler::new(estimate))
    }

    /// True when draws differ (a three-point estimate with a spread).
    pub fn is_random(&self) -> bool {
        self.0.is_random()
    }

    /// The effort at quantile `u` of `[0, 1]` (any `u` for a fixed effort).
    pub fn at(&self, u: f64) -> f64 {
        self.0.at(u)
    }
}

/// What the trials say about the delivery date.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    /// Trials actually run: at most the cap, fewer when the answer was known
    /// to the reported precision earlier; 1 when every trial is the same.
    pub trials: u32,
    /// Share of trials delivered on or before the deadline (0 without trials).
    pub on_time_probability: f64,
    /// Nearest-rank percentiles of the delivery date; `None` when that share
    /// of trials is not delivered within 10 years (or there are no trials).
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    pub p95: Option<NaiveDate>,
    /// Nearest rank `ceil(confidence × n)` of the trial delivery dates: the
    /// earliest date that meets the catalog's `confidence`; `None` as above.
    pub at_confidence: Option<NaiveDate>,
}

/// Runs up to `trials` seeded trials of `plan`, drawing item `i`'s effort
/// from `estimates[i]` (items without an estimate keep their fixed `effort`),
/// and stops as soon as the answer is known to the reported precision.
///
/// `confidence` (a fraction) chooses the quantile of `at_confidence`, which
/// the stopping rule settles to a working day like the others.
///
/// Within [`keeping`], a plan simulated before in the scope reuses that
/// run's trials (module `kept`): the same answer, fewer trials run.
pub fn simulate(
    plan: &Plan,
    estimates: &[Estimate],
    trials: u32,
    seed: u64,
    confidence: f64,
) -> Simulation {
    let key = || PlanKey::new(plan, estimates, seed, confidence);
    kept::remembered(key, plan.deadline, trials, |memory| {
        simulate_keeping(plan, estimates, trials, seed, confidence, memory)
    })
}

/// [`simulate`], with what earlier runs of the plan found (`memory`), to
/// which this run adds.
fn simulate_keeping(
    plan: &Plan,
    estimates: &[Estimate],
    trials: u32,
    seed: u64,
    confidence: f64,
    memory: &mut Memory,
) -> Simulation {
    let confidence = to_ppm(confidence);
    let outcome = Outcome { plan, confidence };
    if trials == 0 {
        return outcome.summarize(&mut [], 0);
    }
    let samplers: Vec<Sampler> = plan
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            Sampler::new(
                estimates
                    .get(i)
                    .copied()
                    .unwrap_or(Estimate::Fixed(item.effort)),
            )
        })
        .collect();
    let random: Vec<bool> = samplers.iter().map(Sampler::is_random).collect();
    let varies = closure(plan.items, random, Direction::Forward);
    let needed = closure(plan.items, varies.clone(), Direction::Backward);
    // The items outside `needed` finish the same day in every trial: run them
    // (with what influences them) once.
    let rest = closure(
        plan.items,
        needed.iter().map(|n| !n).collect(),
        Direction::Backward,
    );
    // Delivery is the start day when there is no work at all. The floor
    // is exact (over 10 years when the short horizon is not enough), so
    // the same at any deadline.
    let floor = match (rest.contains(&true), memory.floor) {
        (false, _) => 0,
        (true, Some(kept)) => kept,
        (true, None) => {
            let part = Part::new(plan, &rest);
            let efforts: Vec<f64> = part.index.iter().map(|&i| samplers[i].at(0.0)).collect();
            outcome.run_once(&part.plan(plan), &efforts)
        }
    };
    memory.floor = Some(floor);
    if floor == NEVER || !varies.contains(&true) {
        // Every trial gives the same answer: one run is exact.
        return outcome.summarize(&mut [floor], 1);
    }
    let part = Part::new(plan, &needed);
    let sub = part.plan(plan);
    let drawn: Vec<&Sampler> = part.index.iter().map(|&i| &samplers[i]).collect();
    let part_varies: Vec<bool> = part.index.iter().map(|&i| varies[i]).collect();
    let mut run = Trials::new(&sub, drawn, part_varies, floor, seed, confidence);
    run.kept = std::mem::take(&mut memory.blocks);
    let sim = run.run(trials);
    memory.blocks = run.kept;
    sim
}

/// A fraction in parts per million, within (0, 1].
fn to_ppm(fraction: f64) -> u32 {
    let ppm = (fraction * 1e6).round();
    if ppm.is_finite() {
        ppm.clamp(1.0, 1e6) as u32
    } else {
        1_000_000
    }
}

/// Converts between dates and outcome keys, and summarises keys.
struct Outcome<'p, 'a> {
    plan: &'p Plan<'a>,
    /// The catalog's confidence in parts per million.
    confidence: u32,
}

impl Outcome<'_, '_> {
    fn key(&self, date: Option<NaiveDate>) -> i64 {
        date.map_or(NEVER, |d| (d - self.plan.start).num_days())
    }

    fn date(&self, key: i64) -> Option<NaiveDate> {
        let days = u64::try_from(key).ok().filter(|_| key < UNRESOLVED)?;
        self.plan.start.checked_add_days(Days::new(days))
    }

    fn deadline_key(&self) -> i64 {
        (self.plan.deadline - self.plan.start).num_days()
    }

    /// One run of `plan` (same calendar and start) with fixed efforts,
    /// over the short horizon first, then the full one if needed. A plain
    /// engine: a trial engine's steady stretches cost a walk over every
    /// day of the horizon, more than one run saves with them, and give
    /// the same days (`trial_tests::shortcuts_change_no_trial`).
    fn run_once(&self, plan: &Plan, efforts: &[f64]) -> i64 {
        let short = Engine::with_horizon(plan, first_try_horizon(plan, 0));
        if let Some(slot) = short.run(efforts, &mut short.scratch(), Mode::Trial) {
            return self.key(short.slot_date(slot));
        }
        let full = Engine::with_horizon(plan, HORIZON_DAYS);
        let slot = full.run(efforts, &mut full.scratch(), Mode::Trial);
        self.key(slot.and_then(|s| full.slot_date(s)))
    }

    fn summarize(&self, keys: &mut [i64], trials: u32) -> Simulation {
        keys.sort_unstable();
        let deadline = self.deadline_key();
        let on_time = keys.iter().filter(|k| **k <= deadline).count();
        let percentile = |ppm: u32| nearest_rank(keys, ppm).and_then(|k| self.date(k));
        Simulation {
            trials,
            on_time_probability: if trials == 0 {
                0.0
            } else {
                on_time as f64 / keys.len() as f64
            },
            p50: percentile(QUANTILES_PPM[0]),
            p85: percentile(QUANTILES_PPM[1]),
            p95: percentile(QUANTILES_PPM[2]),
            at_confidence: percentile(self.confidence),
        }
    }
}

/// The trials of the part of a plan that varies.
struct Trials<'p, 'a> {
    plan: &'p Plan<'a>,
    samplers: Vec<&'p Sampler>,
    /// Positions of the random samplers: the stratified dimensions.
    random: Vec<usize>,
    /// The delivery key of the part that does not vary (0 when none).
    floor: i64,
    seed: u64,
    /// Per item: worked out after the event loop (module `direct`)?
    direct: Vec<bool>,
    short: Runner,
    /// Days the short engine covers.
    short_days: u64,
    /// The 10-year engines, built once some trial needs them.
    full: Option<Runner>,
    /// What earlier runs of the plan found, per trial (module `kept`);
    /// this run's trials are added when it ends.
    kept: Blocks,
    /// Per item: can its schedule differ between trials?
    varies: Vec<bool>,
    /// Known exactly (0 or 1) from the corners of a monotone plan.
    probability_known: bool,
    /// The catalog's confidence in parts per million.
    confidence: u32,
}

/// What the stopping rule says at a look.
#[derive(Debug, PartialEq)]
enum Judgement {
    Stop,
    Continue,
    /// A date it needs lies beyond the short horizon.
    Resolve,
}

impl<'p, 'a> Trials<'p, 'a> {
    fn new(
        plan: &'p Plan<'a>,
        samplers: Vec<&'p Sampler>,
        varies: Vec<bool>,
        floor: i64,
        seed: u64,
        confidence: u32,
    ) -> Self {
        let random = (0..samplers.len())
            .filter(|&i| samplers[i].is_random())
            .collect();
        let direct = direct_items(plan);
        let short_days = first_try_horizon(plan, 0).clamp(1, HORIZON_DAYS);
        Trials {
            plan,
            samplers,
            random,
            floor,
            seed,
            short: Runner::new(plan, &direct, short_days),
            short_days,
            direct,
            full: None,
            kept: Vec::new(),
            varies,
            probability_known: false,
            confidence,
        }
    }

    fn outcome(&self) -> Outcome<'p, 'a> {
        Outcome {
            plan: self.plan,
            confidence: self.confidence,
        }
    }

    fn run(&mut self, cap: u32) -> Simulation {
        let outcome = self.outcome();
        // No trial delivers before the earliest date the least efforts
        // allow, in any plan: beyond the short horizon, every trial needs
        // the full one; after the deadline, none is on time.
        let earliest = self.earliest();
        if earliest == UNRESOLVED {
            self.full = Some(Runner::new(self.plan, &self.direct, HORIZON_DAYS));
        }
        self.probability_known = earliest > outcome.deadline_key();
        // Where delivery can only move later with more effort, the two
        // corners of the effort box bound every trial.
        if monotone(self.plan.items, &self.varies) && cap >= 2 {
            let (mut low, mut high) = (self.corner(0.0), self.corner(1.0));
            if low == UNRESOLVED {
                // Every trial ends beyond the short horizon: go to 10 years.
                self.full = Some(Runner::new(self.plan, &self.direct, HORIZON_DAYS));
                (low, high) = (self.corner(0.0), self.corner(1.0));
            }
            let deadline = outcome.deadline_key();
            self.probability_known |= high <= deadline || low > deadline;
            if self.probability_known && self.within_a_working_day(low, high) {
                // Every trial delivers between the two: on time in all or in
                // none, every percentile within a working day of `high`.
                return outcome.summarize(&mut [high, high], 2);
            }
        }
        let first_look = if self.probability_known {
            KNOWN_FIRST_LOOK
        } else {
            FIRST_LOOK
        };
        // Per trial, the delivery key of the part that varies, and the
        // trial's key (the later of it and the floor).
        let mut parts: Vec<i64> = Vec::new();
        let mut keys: Vec<i64> = Vec::new();
        let mut sorted: Vec<i64> = Vec::new();
        let answer = 'looks: {
            for look in looks(cap, first_look) {
                let first = keys.len() as u32 / BLOCK;
                let blocks: Vec<Vec<i64>> = (first..look.div_ceil(BLOCK))
                    .into_par_iter()
                    .map(|b| self.block(b, cap, None))
                    .collect();
                parts.extend(blocks.into_iter().flatten());
                keys.extend(parts[keys.len()..].iter().map(|&p| p.max(self.floor)));
                loop {
                    sorted.clone_from(&keys);
                    sorted.sort_unstable();
                    match self.judge(&keys, &sorted) {
                        Judgement::Resolve => self.resolve(&mut parts, &mut keys, cap),
                        Judgement::Stop => break 'looks outcome.summarize(&mut sorted, look),
                        Judgement::Continue => break,
                    }
                }
            }
            outcome.summarize(&mut sorted, cap)
        };
        self.learn(&parts, cap);
        answer
    }

    /// Adds what this run's trials delivered (`parts`, in trial order) to
    /// what is kept of the plan.
    fn learn(&mut self, parts: &[i64], cap: u32) {
        let fresh: Blocks = parts
            .chunks(BLOCK as usize)
            .map(|c| {
                c.iter()
                    .map(|&p| Known::learnt(p, self.short_days))
                    .collect()
            })
            .collect();
        debug_assert!(
            fresh
                .iter()
                .enumerate()
                .all(|(b, c)| c.len() == self.block_size(b as u32, cap))
        );
        kept::merge(&mut self.kept, fresh);
    }

    /// Trials in block `b` under a cap of `cap`.
    fn block_size(&self, b: u32, cap: u32) -> usize {
        BLOCK.min(cap - b * BLOCK) as usize
    }

    /// A key no trial's is below ([`UNRESOLVED`]: none delivers within the
    /// short horizon), at least the floor; the floor alone without a bound
    /// (module `direct`, [`Runner::earliest_delivery`]).
    fn earliest(&self) -> i64 {
        let least: Vec<f64> = self.samplers.iter().map(|s| s.at(0.0)).collect();
        let key = match self.short.earliest_delivery(self.plan, &least) {
            Some(Some(date)) => self.outcome().key(Some(date)),
            Some(None) => UNRESOLVED,
            None => 0,
        };
        key.max(self.floor)
    }

    /// The outcome key with every drawn effort at quantile `u` (0: all at
    /// `low`, 1: all at `high`), [`UNRESOLVED`] beyond the short horizon.
    fn corner(&self, u: f64) -> i64 {
        let efforts: Vec<f64> = self.samplers.iter().map(|s| s.at(u)).collect();
        let outcome = self.outcome();
        let key = match ((self.short.trials())(&efforts), &self.full) {
            (Some(date), _) => outcome.key(Some(date)),
            (None, Some(full)) => outcome.key((full.trials())(&efforts)),
            (None, None) => UNRESOLVED,
        };
        key.max(self.floor)
    }

    /// The delivery keys of the part that varies in block `b`'s trials
    /// ([`UNRESOLVED`] beyond the short horizon while there is no 10-year
    /// engine). Trials are run only when neither `only` (this run's keys
    /// of the block, when not [`UNRESOLVED`]) nor what is kept of the plan
    /// tells their key.
    fn block(&self, b: u32, cap: u32, only: Option<&[i64]>) -> Vec<i64> {
        let size = self.block_size(b, cap);
        let kept = self.kept.get(b as usize).filter(|k| k.len() == size);
        let full_built = self.full.is_some();
        let known = |t: usize| {
            let own = only.map(|keys| keys[t]).filter(|k| *k != UNRESOLVED);
            own.or_else(|| kept.and_then(|k| k[t].recall(self.short_days, full_built)))
        };
        let told: Vec<Option<i64>> = (0..size).map(known).collect();
        if told.iter().all(Option::is_some) {
            return told.into_iter().flatten().collect();
        }
        let dims = self.random.len();
        let u = stratified(self.seed, u64::from(b), size, dims);
        let mut efforts: Vec<f64> = self.samplers.iter().map(|s| s.at(0.0)).collect();
        let mut short = self.short.trials();
        let mut full = self.full.as_ref().map(Runner::trials);
        let outcome = self.outcome();
        (0..size)
            .map(|t| {
                if let Some(key) = told[t] {
                    return key;
                }
                for (d, &i) in self.random.iter().enumerate() {
                    efforts[i] = self.samplers[i].at(u[t * dims + d]);
                }
                let mut key = match short(&efforts) {
                    Some(date) => outcome.key(Some(date)),
                    None => UNRESOLVED,
                };
                if let (UNRESOLVED, Some(full)) = (key, &mut full) {
                    key = outcome.key(full(&efforts));
                }
                key
            })
            .collect()
    }

    /// Builds the 10-year engine and reruns every trial that did not finish
    /// within the short horizon (same draws, so the same result a 10-year
    /// run would have given in the first place).
    fn resolve(&mut self, parts: &mut [i64], keys: &mut [i64], cap: u32) {
        self.full = Some(Runner::new(self.plan, &self.direct, HORIZON_DAYS));
        let this = &*self;
        let chunks: Vec<(usize, Vec<i64>)> = parts
            .chunks(BLOCK as usize)
            .enumerate()
            .filter(|(_, c)| c.contains(&UNRESOLVED))
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(b, c)| (b, this.block(b as u32, cap, Some(c))))
            .collect();
        for (b, fresh) in chunks {
            let at = b * BLOCK as usize;
            parts[at..at + fresh.len()].copy_from_slice(&fresh);
            for (key, &part) in keys[at..].iter_mut().zip(&fresh) {
                *key = part.max(self.floor);
            }
        }
    }

    /// The stopping rule on the keys of the trials so far, in trial order
    /// and sorted.
    fn judge(&self, keys: &[i64], sorted: &[i64]) -> Judgement {
        let n = sorted.len();
        let mut settled = true;
        for ppm in QUANTILES_PPM.into_iter().chain([self.confidence]) {
            let (lo, at, hi) = rank_interval(n, ppm);
            let at_key = sorted[at - 1];
            let (lo_key, hi_key) = (sorted[lo.max(1) - 1], sorted[hi.min(n) - 1]);
            if [lo_key, at_key, hi_key].contains(&UNRESOLVED) && self.full.is_none() {
                return Judgement::Resolve;
            }
            settled &= lo >= 1
                && hi <= n
                && self.within_a_working_day(lo_key, at_key)
                && self.within_a_working_day(at_key, hi_key);
        }
        let deadline = self.outcome().deadline_key();
        let on_time = sorted.partition_point(|k| *k <= deadline);
        let known = self.probability_known
            || probability_settled(on_time, n)
            || blocks_settle_probability(keys, deadline);
        if settled && known {
            Judgement::Stop
        } else {
            Judgement::Continue
        }
    }

    /// Keys `a ≤ b` at most one catalog working day apart (two "never"s are
    /// the same answer).
    fn within_a_working_day(&self, a: i64, b: i64) -> bool {
        let outcome = self.outcome();
        match (outcome.date(a), outcome.date(b)) {
            (Some(a), Some(b)) => {
                self.plan.calendar.working_days_between(a, b) <= DATE_TOLERANCE_WORKING_DAYS
            }
            _ => a == b && a == NEVER,
        }
    }
}

/// The trial counts at which the stopping rule looks: `first`, then about
/// ×1.5 in whole blocks, and always the cap (fewer trials: just the cap).
fn looks(cap: u32, first: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut n = first;
    while n < cap {
        out.push(n);
        n = (n + n / 2).div_ceil(BLOCK) * BLOCK;
    }
    out.push(cap);
    out
}

/// A Latin-hypercube block: `size` rows of `dims` uniforms in `[0, 1]`,
/// row-major; in each column exactly one value falls in each `1/size`.
/// Block `block` draws from its own generator seeded from `(seed, block)`
/// (the forecast's outcomes draw from the same blocks).
pub(crate) fn stratified(seed: u64, block: u64, size: usize, dims: usize) -> Vec<f64> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed_of(seed, block));
    let mut u = vec![0.0; size * dims];
    let mut perm: Vec<u32> = (0..size as u32).collect();
    for d in 0..dims {
        for i in (1..size).rev() {
            perm.swap(i, rng.random_range(0..=i));
        }
        for (row, &stratum) in perm.iter().enumerate() {
            let jitter = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            u[row * dims + d] = (f64::from(stratum) + jitter) / size as f64;
        }
    }
    u
}

/// The value at nearest rank `ceil(q × n)` of sorted `values`, for the
/// quantile `q` given in parts per million (exact integer arithmetic: 0.85 of
/// 10,000 is rank 8,500).
fn nearest_rank(values: &[i64], ppm: u32) -> Option<i64> {
    values
        .get(nearest_rank_index(values.len(), ppm) - 1)
        .copied()
}

/// `ceil(ppm × n / 10⁶)`, at least 1.
fn nearest_rank_index(n: usize, ppm: u32) -> usize {
    let rank = (u64::from(ppm) * n as u64).div_ceil(1_000_000);
    usize::try_from(rank).unwrap_or(usize::MAX).max(1)
}

/// Independent, well-mixed seed for unit `index` (a block, a trial) of a
/// run seeded with `seed`: each unit draws alike on any number of threads.
pub(crate) fn seed_of(seed: u64, index: u64) -> u64 {
    mix(seed ^ mix(index.wrapping_add(0x9E37_79B9_7F4A_7C15)))
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod accuracy;
#[cfg(test)]
mod kept_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod trial_tests;
