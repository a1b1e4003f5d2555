//! `dealcheck forecast`: what the pipeline will cost operations, team by
//! team and period by period, before the deals close (docs/reference.md,
//! "The forecast").
//!
//! Each outcome wins each proposed deal with its probability, draws the
//! three-point efforts as `check`'s Monte Carlo does, and books the signed
//! deals and the won ones forward in deadline order on the catalog's bare
//! capacity ([`pipeline`]); [`tally`] turns the outcomes into figures.
//!
//! - **Exact where it can be.** With every effort fixed and at most
//!   [`MAX_EXACT_DEALS`] proposed deals, every win combination is booked
//!   once and weighed by its probability: `exact: true`.
//! - **Sampled otherwise**, in stratified blocks ([`draws`]: block `b`
//!   draws from its own generator seeded from `(seed, b)`), so the answer
//!   depends on the seed and the cap only, never on the number of threads.
//!   The run looks after 512 trials, then every ×1.5, and stops once every
//!   figure is known to ±0.02 (probabilities, a quantile's level) or one
//!   working day of the team (loads, shortfalls, overtime) within 98%
//!   intervals ([`settle`]); `--trials` caps it.

mod draws;
mod gather;
mod html;
mod period;
mod pipeline;
pub mod render;
mod report;
mod settle;
mod tally;

pub use gather::pipelines;
pub use period::By;
pub use report::{DealForecast, Forecast, PeriodForecast, Shortfall, TeamForecast};
pub use settle::PROBABILITY_TOLERANCE;
pub use tally::PERSON_DAY_TOLERANCE;

use crate::check::Prepared;
use crate::model::Deal;
use crate::report::Tool;
use chrono::NaiveDate;
use draws::{BLOCK, stratified};
use period::Periods;
use pipeline::{CatalogDeals, Trial, catalog_deals, run_trial};
use rayon::prelude::*;
use tally::{DealInfo, TeamInfo, tally};

/// Proposed deals up to which, with fixed efforts, every win combination
/// is enumerated (2¹² = 4,096 bookings of the pipeline).
pub const MAX_EXACT_DEALS: usize = 12;
/// The default cap on trials.
pub const DEFAULT_TRIALS: u32 = 10_000;
/// The first look of the stopping rule.
const FIRST_LOOK: u32 = 512;
/// Trials grow in whole multiples of this between looks.
const STEP: u32 = 128;

/// How a forecast is run.
#[derive(Debug, Clone, Copy)]
pub struct ForecastOptions {
    pub as_of: NaiveDate,
    pub by: By,
    pub seed: u64,
    /// The cap on sampled trials (at least 1).
    pub trials: u32,
}

/// One catalog's pipeline: its signed deals and the run's proposed ones.
pub struct Pipeline<'a> {
    pub catalog: &'a Prepared,
    pub signed: Vec<Deal>,
    pub proposed: Vec<Deal>,
}

/// Forecasts every catalog's pipeline together (one outcome wins or loses
/// every proposed deal of every catalog).
pub fn forecast(pipelines: &[Pipeline], options: &ForecastOptions) -> Forecast {
    let periods = Periods::new(options.by, options.as_of);
    let (books, teams, deals) = prepare(pipelines, options, &periods);
    let probabilities: Vec<f64> = deals.iter().map(|d| d.probability).collect();
    let uncertain = books.iter().flat_map(|b| &b.deals).any(|d| d.uncertain());
    let exact = !uncertain && deals.len() <= MAX_EXACT_DEALS;
    let (trials, capped, figures) = if exact {
        let trials = enumerate(&books, &periods, &probabilities);
        let figures = tally(&trials, &teams, &deals, &periods, false);
        (trials.len() as u32, false, figures)
    } else {
        sample(&books, &periods, &probabilities, &teams, &deals, options)
    };
    Forecast {
        schema_version: 1,
        tool: Tool::default(),
        as_of: options.as_of,
        by: options.by.to_string(),
        trials,
        exact,
        capped,
        seed: options.seed,
        signed: pipelines.iter().map(|p| p.signed.len()).sum(),
        teams: figures.teams,
        deals: figures.deals,
        shortfalls: figures.shortfalls,
    }
}

/// The deals in booking order per catalog, every team, every proposed deal.
fn prepare<'a>(
    pipelines: &[Pipeline<'a>],
    options: &ForecastOptions,
    periods: &Periods,
) -> (Vec<CatalogDeals<'a>>, Vec<TeamInfo<'a>>, Vec<DealInfo>) {
    let mut books = Vec::new();
    let mut teams = Vec::new();
    let mut deals = Vec::new();
    for p in pipelines {
        let catalog = p.catalog;
        let first = deals.len();
        deals.extend(p.proposed.iter().map(|d| {
            DealInfo {
                path: d.path.display().to_string(),
                id: d.id.clone(),
                probability: d
                    .probability
                    .unwrap_or(catalog.default_probability)
                    .clamp(0.0, 1.0),
            }
        }));
        let proposed: Vec<(usize, &Deal)> = p
            .proposed
            .iter()
            .enumerate()
            .map(|(i, d)| (first + i, d))
            .collect();
        books.push(catalog_deals(
            catalog,
            teams.len(),
            &p.signed,
            &proposed,
            options.as_of,
            periods,
        ));
        let calendars = catalog.calendars();
        for (team, calendar) in catalog.teams.iter().zip(&calendars.teams) {
            teams.push(TeamInfo {
                catalog: catalog.path.display().to_string(),
                team: team.id.clone(),
                hours_per_day: team.hours_per_day,
                day: (f64::from(team.people) * calendar.effective_focus())
                    .max(PERSON_DAY_TOLERANCE),
                confidence: catalog.confidence,
                calendar: &calendars.work,
                team_calendar: calendar,
            });
        }
    }
    (books, teams, deals)
}

/// Every win combination, weighed by its probability.
fn enumerate(books: &[CatalogDeals], periods: &Periods, probabilities: &[f64]) -> Vec<Trial> {
    let n = probabilities.len();
    (0..1u64 << n)
        .into_par_iter()
        .map(|mask| {
            let won: Vec<bool> = (0..n).map(|j| mask >> j & 1 == 1).collect();
            let weight = won
                .iter()
                .zip(probabilities)
                .map(|(&w, &p)| if w { p } else { 1.0 - p })
                .product();
            run_trial(books, periods, won, (&[], false), weight, || 0.5)
        })
        .collect()
}

/// Sampled trials, in stratified blocks, until every figure is settled or
/// the cap: the trials run, whether the cap stopped them, and the figures.
/// From a look on, the deals whose P(on time | won) is not yet settled are
/// probed in the outcomes that lose them too (see [`run_trial`]), so every
/// outcome, not only the winning ones, tells how such a deal would fare;
/// once those are all that is open, outcomes are booked only as far as the
/// last of them (the deals after it cannot change its delivery).
fn sample(
    books: &[CatalogDeals],
    periods: &Periods,
    probabilities: &[f64],
    teams: &[TeamInfo],
    deals: &[DealInfo],
    options: &ForecastOptions,
) -> (u32, bool, tally::Tallied) {
    let cap = options.trials.max(1) as usize;
    let draws: usize = books
        .iter()
        .flat_map(|b| &b.deals)
        .map(|d| d.random_draws())
        .sum();
    let dims = probabilities.len() + draws;
    let mut trials: Vec<Trial> = Vec::new();
    let mut probe = vec![false; probabilities.len()];
    let mut partial = false;
    for look in looks(cap as u32) {
        let look = look as usize;
        let blocks: Vec<Vec<Trial>> = (trials.len() / BLOCK..look.div_ceil(BLOCK))
            .into_par_iter()
            .map(|b| {
                let size = BLOCK.min(cap - b * BLOCK);
                let uniforms = stratified(options.seed, b as u64, size, dims);
                uniforms
                    .par_chunks(dims.max(1))
                    .take(size)
                    .map(|row| sampled_trial(books, periods, probabilities, row, (&probe, partial)))
                    .collect()
            })
            .collect();
        trials.extend(blocks.into_iter().flatten());
        let figures = tally(&trials, teams, deals, periods, true);
        if figures.settled || look == cap {
            return (look as u32, !figures.settled, figures);
        }
        probe = figures.on_time_open.clone();
        partial = figures.only_on_time_open;
    }
    unreachable!("the last look is the cap")
}

/// One outcome from its row of uniforms: the wins first, then every
/// random effort in booking order.
fn sampled_trial(
    books: &[CatalogDeals],
    periods: &Periods,
    probabilities: &[f64],
    row: &[f64],
    probe: (&[bool], bool),
) -> Trial {
    let (wins, efforts) = row.split_at(probabilities.len().min(row.len()));
    let won: Vec<bool> = probabilities
        .iter()
        .zip(wins)
        .map(|(&p, &u)| u < p)
        .collect();
    let mut efforts = efforts.iter();
    let uniform = move || efforts.next().copied().unwrap_or(0.5);
    run_trial(books, periods, won, probe, 1.0, uniform)
}

/// The trial counts at which the stopping rule looks: 512, then about
/// ×1.5 in whole steps, and always the cap.
fn looks(cap: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut n = FIRST_LOOK;
    while n < cap {
        out.push(n);
        n = (n + n / 2).div_ceil(STEP) * STEP;
    }
    out.push(cap);
    out
}
