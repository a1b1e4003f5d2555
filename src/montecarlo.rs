//! Seeded Monte Carlo over three-point estimates: how likely the deal is on
//! time, and the P50/P85/P95 delivery dates.
//!
//! Each trial draws every item's effort (PERT, shape 4) and runs the same
//! simulation as [`crate::scheduler::schedule`] over capacity tables built once
//! for all trials. Trial `i` uses its own generator seeded from `(seed, i)`,
//! so the result depends on the seed only, not on the number of threads.

use crate::scheduler::{Engine, Mode, Plan, first_try_horizon};
use chrono::NaiveDate;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand_distr::{Distribution, Pert};
use rayon::prelude::*;

/// An item's effort in person-days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Estimate {
    Fixed(f64),
    ThreePoint { low: f64, likely: f64, high: f64 },
}

impl Estimate {
    /// The effort the deterministic schedule uses (`likely` for three points).
    pub fn likely(&self) -> f64 {
        match *self {
            Estimate::Fixed(x) => x,
            Estimate::ThreePoint { likely, .. } => likely,
        }
    }
}

/// What the trials say about the delivery date.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
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

/// Runs `trials` seeded trials of `plan`, drawing item `i`'s effort from
/// `estimates[i]` (items without an estimate keep their fixed `effort`);
/// `confidence` (a fraction) chooses the quantile of `at_confidence`.
pub fn simulate(
    plan: &Plan,
    estimates: &[Estimate],
    trials: u32,
    seed: u64,
    confidence: f64,
) -> Simulation {
    // A short horizon first; only if some trial does not finish inside it is
    // the whole simulation run again over the full 10 years (same seeds, so
    // the result is exactly what the full horizon gives).
    let short = Engine::with_horizon(plan, first_try_horizon(plan, 366));
    let first = run_trials(&short, plan, estimates, trials, seed);
    if first.iter().all(|s| *s != usize::MAX) {
        return summarize(&short, plan, first, trials, confidence);
    }
    let full = Engine::new(plan);
    let slots = run_trials(&full, plan, estimates, trials, seed);
    summarize(&full, plan, slots, trials, confidence)
}

/// The delivery slot of every trial, `usize::MAX` when not within the horizon.
fn run_trials(
    engine: &Engine,
    plan: &Plan,
    estimates: &[Estimate],
    trials: u32,
    seed: u64,
) -> Vec<usize> {
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
    (0..trials)
        .into_par_iter()
        .map_init(
            || (engine.scratch(), vec![0.0; samplers.len()]),
            |(run, efforts), trial| {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(trial_seed(seed, trial));
                for (effort, sampler) in efforts.iter_mut().zip(&samplers) {
                    *effort = sampler.sample(&mut rng);
                }
                engine.run(efforts, run, Mode::Trial).unwrap_or(usize::MAX)
            },
        )
        .collect()
}

fn summarize(
    engine: &Engine,
    plan: &Plan,
    mut slots: Vec<usize>,
    trials: u32,
    confidence: f64,
) -> Simulation {
    slots.sort_unstable();
    let date = |slot: usize| engine.slot_date(slot);
    let on_time = slots
        .iter()
        .filter(|s| date(**s).is_some_and(|d| d <= plan.deadline))
        .count();
    let percentile = |p: usize| nearest_rank(&slots, p).and_then(date);
    Simulation {
        trials,
        on_time_probability: if trials == 0 {
            0.0
        } else {
            on_time as f64 / f64::from(trials)
        },
        p50: percentile(50),
        p85: percentile(85),
        p95: percentile(95),
        at_confidence: confidence_rank(slots.len(), confidence)
            .and_then(|rank| slots.get(rank - 1).copied())
            .and_then(date),
    }
}

/// The 1-based nearest rank `ceil(confidence × n)`, at least 1 and at most
/// `n`; `None` without values. The product is rounded to 9 decimals first,
/// so 0.85 × 10000 is rank 8500, not 8501 through a floating-point artefact.
fn confidence_rank(n: usize, confidence: f64) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let c = if confidence.is_finite() {
        confidence.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let product = ((c * n as f64) * 1e9).round() / 1e9;
    Some((product.ceil() as usize).clamp(1, n))
}

/// The value at nearest rank `ceil(p% × n)` of sorted `values`.
fn nearest_rank(values: &[usize], percent: usize) -> Option<usize> {
    let rank = (percent * values.len()).div_ceil(100).max(1);
    values.get(rank - 1).copied()
}

/// Independent, well-mixed seed per trial (SplitMix64 finaliser).
fn trial_seed(seed: u64, trial: u32) -> u64 {
    let mut z = seed ^ mix(u64::from(trial).wrapping_add(0x9E37_79B9_7F4A_7C15));
    z = mix(z);
    z
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A ready-to-draw estimate.
enum Sampler {
    Const(f64),
    Pert(Pert<f64>),
}

impl Sampler {
    /// Degenerate or odd estimates become constants rather than errors: equal
    /// bounds give that value, a `likely` outside the bounds is clamped,
    /// reversed bounds are swapped, NaN stays NaN (never finishes) and
    /// infinite bounds give the larger bound.
    fn new(estimate: Estimate) -> Sampler {
        let (low, likely, high) = match estimate {
            Estimate::Fixed(x) => return Sampler::Const(x),
            Estimate::ThreePoint { low, likely, high } => (low, likely, high),
        };
        if low.is_nan() || likely.is_nan() || high.is_nan() {
            return Sampler::Const(f64::NAN);
        }
        let (low, high) = (low.min(high), low.max(high));
        if !(low.is_finite() && high.is_finite() && likely.is_finite()) {
            return Sampler::Const(high.max(likely));
        }
        let mode = likely.clamp(low, high);
        if high <= low {
            return Sampler::Const(low);
        }
        match Pert::new(low, high).with_mode(mode) {
            Ok(pert) => Sampler::Pert(pert),
            Err(_) => Sampler::Const(mode),
        }
    }

    fn sample(&self, rng: &mut Xoshiro256PlusPlus) -> f64 {
        match self {
            Sampler::Const(x) => *x,
            Sampler::Pert(pert) => pert.sample(rng),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WorkCalendar;
    use crate::scheduler::fixtures::{d, item, plan, team};
    use crate::scheduler::schedule;

    fn three(low: f64, likely: f64, high: f64) -> Estimate {
        Estimate::ThreePoint { low, likely, high }
    }

    /// Regularised incomplete beta I_x(a, b) by Simpson's rule on the pdf.
    fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
        let pdf = |t: f64| t.powf(a - 1.0) * (1.0 - t).powf(b - 1.0);
        let integrate = |hi: f64| {
            let n = 10_000;
            let h = hi / f64::from(n);
            let inner: f64 = (1..n)
                .map(|i| pdf(f64::from(i) * h) * if i % 2 == 1 { 4.0 } else { 2.0 })
                .sum();
            (pdf(0.0) + inner + pdf(hi)) * h / 3.0
        };
        integrate(x) / integrate(1.0)
    }

    #[test]
    fn on_time_probability_matches_the_exact_pert_cdf() {
        // 1 pd/day from Monday: done within N working days iff effort ≤ N.
        // PERT(10, 15, 30) = 10 + 20 · Beta(α = 1 + 4·5/20 = 2, β = 1 + 4·15/20 = 4).
        let cal = WorkCalendar::mon_fri();
        let teams = [team(1, 1.0)];
        let items = [item(0, 15.0, &[])];
        let estimates = [three(10.0, 15.0, 30.0)];
        for (n, deadline) in [
            (12, d(2027, 1, 19)),
            (15, d(2027, 1, 22)),
            (20, d(2027, 1, 29)),
        ] {
            let sim = simulate(
                &plan(&cal, &teams, &items, deadline),
                &estimates,
                10_000,
                7,
                0.85,
            );
            let exact = beta_cdf((f64::from(n) - 10.0) / 20.0, 2.0, 4.0);
            let diff = (sim.on_time_probability - exact).abs();
            assert!(
                diff < 0.015,
                "N = {n}: {} vs exact {exact}",
                sim.on_time_probability
            );
        }
    }

    #[test]
    fn same_seed_same_result_whatever_the_thread_count() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(2, 0.8), team(1, 1.0)];
        let items = [item(0, 10.0, &[]), item(1, 5.0, &[0]), item(0, 3.0, &[])];
        let estimates = [
            three(5.0, 10.0, 20.0),
            three(2.0, 5.0, 9.0),
            Estimate::Fixed(3.0),
        ];
        let p = plan(&cal, &teams, &items, d(2027, 1, 19));
        let a = simulate(&p, &estimates, 2_000, 42, 0.85);
        assert!(
            a.on_time_probability > 0.05 && a.on_time_probability < 0.95,
            "{a:?}"
        );
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool");
        let b = pool.install(|| simulate(&p, &estimates, 2_000, 42, 0.85));
        assert_eq!(a, b);
        let c = simulate(&p, &estimates, 2_000, 43, 0.85);
        assert_ne!(a.on_time_probability, c.on_time_probability);
        assert!(a.p50 <= a.p85 && a.p85 <= a.p95);
        assert_eq!(a.at_confidence, a.p85, "confidence 0.85 is the P85");
        let sure = simulate(&p, &estimates, 2_000, 42, 1.0);
        assert!(sure.at_confidence >= a.p95);
    }

    #[test]
    fn fixed_estimates_give_the_deterministic_schedule() {
        // 7 pd at 1/day from Monday → Tue 12.
        let cal = WorkCalendar::mon_fri();
        let teams = [team(1, 1.0)];
        let items = [item(0, 7.0, &[])];
        let p = plan(&cal, &teams, &items, d(2027, 1, 12));
        let sim = simulate(&p, &[Estimate::Fixed(7.0)], 100, 1, 0.85);
        assert_eq!(schedule(&p).delivery, Some(d(2027, 1, 12)));
        assert_eq!(sim.on_time_probability, 1.0);
        assert_eq!(
            (sim.p50, sim.p95),
            (Some(d(2027, 1, 12)), Some(d(2027, 1, 12)))
        );
        // Missing estimates fall back to the item's effort; equal bounds are
        // a constant.
        assert_eq!(simulate(&p, &[], 100, 1, 0.85), sim);
        assert_eq!(simulate(&p, &[three(7.0, 7.0, 7.0)], 100, 1, 0.85), sim);
        let late = plan(&cal, &teams, &items, d(2027, 1, 11));
        assert_eq!(simulate(&late, &[], 10, 1, 0.85).on_time_probability, 0.0);
    }

    #[test]
    fn skewed_and_odd_estimates_work() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(1, 1.0)];
        let items = [item(0, 1.0, &[])];
        let p = plan(&cal, &teams, &items, d(2027, 12, 31));
        for e in [
            three(1.0, 1.0, 5.0),
            three(1.0, 5.0, 5.0),
            three(5.0, 3.0, 1.0),    // reversed bounds
            three(1.0, 9.0, 5.0),    // likely outside
            three(-3.0, -2.0, -1.0), // negative → no work
        ] {
            let sim = simulate(&p, &[e], 500, 3, 0.85);
            assert_eq!(sim.on_time_probability, 1.0, "{e:?}");
        }
        for e in [three(f64::NAN, 1.0, 2.0), three(1.0, 2.0, f64::INFINITY)] {
            let sim = simulate(&p, &[e], 500, 3, 0.85);
            assert_eq!((sim.on_time_probability, sim.p50), (0.0, None), "{e:?}");
        }
    }

    /// Counted, not timed: every trial gives up before simulating a day
    /// (wall-clock speed is measured by `bench/montecarlo.sh`).
    #[test]
    fn impossible_work_gives_up_without_simulating_a_day() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(3, 1.0)];
        let items = [item(0, 1.0, &[]), item(0, 1.0, &[0])];
        let estimates = [Estimate::Fixed(2.0), three(1e299, 1e300, 2e300)];
        let p = plan(&cal, &teams, &items, d(9999, 1, 1));
        let sim = simulate(&p, &estimates, 10_000, 1, 0.85);
        assert_eq!(
            (sim.on_time_probability, sim.p50, sim.p95),
            (0.0, None, None)
        );
        // Even the smallest draw, 1e299 person-days, cannot fit in 10 years.
        let engine = Engine::new(&p);
        let mut scratch = engine.scratch();
        assert_eq!(engine.run(&[2.0, 1e299], &mut scratch, Mode::Trial), None);
        assert_eq!(scratch.simulated_days(), 0);
    }

    #[test]
    fn no_trials_no_answer() {
        let cal = WorkCalendar::mon_fri();
        let p = plan(&cal, &[], &[], d(2027, 1, 4));
        let sim = simulate(&p, &[], 0, 1, 0.85);
        assert_eq!(
            (sim.trials, sim.on_time_probability, sim.p50),
            (0, 0.0, None)
        );
    }

    #[test]
    fn the_confidence_quantile_is_a_nearest_rank() {
        assert_eq!(confidence_rank(10_000, 0.85), Some(8500));
        assert_eq!(confidence_rank(20, 0.85), Some(17));
        // 0.7 × 10 is 7.000000000000001 in binary floating point: still rank 7.
        assert_eq!(confidence_rank(10, 0.7), Some(7));
        assert_eq!(confidence_rank(10, 0.71), Some(8));
        assert_eq!(confidence_rank(3, 0.0), Some(1));
        assert_eq!(confidence_rank(3, 1.0), Some(3));
        assert_eq!(confidence_rank(0, 0.5), None);
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<usize> = (1..=20).collect();
        assert_eq!(nearest_rank(&v, 50), Some(10)); // ceil(0.5 · 20) = 10th
        assert_eq!(nearest_rank(&v, 85), Some(17));
        assert_eq!(nearest_rank(&v, 95), Some(19));
        assert_eq!(nearest_rank(&[4], 95), Some(4));
        assert_eq!(nearest_rank(&[], 50), None);
    }
}
