//! The figures of a forecast from its trials (each weighed: 1 when
//! sampled, its probability when every win combination is enumerated), and
//! whether sampled trials know every figure to the reported precision.

use super::period::Periods;
use super::pipeline::{SHORT_EPSILON, Trial};
use super::report::{DealForecast, PeriodForecast, Shortfall, TeamForecast};
use crate::calendar::{TeamCalendar, WorkCalendar, free_capacity};
use crate::figures::TOLERANCE;
use std::collections::BTreeMap;

/// How far a reported probability may be from the exact one.
pub const PROBABILITY_TOLERANCE: f64 = 0.02;
/// How far a reported load, shortfall or overtime may be from the exact
/// one, at least: a person's working day (its `hours_per_day` for hours).
/// A team's own tolerance is one of its working days (`people × focus`
/// person-days), as a date is known to one working day.
pub const PERSON_DAY_TOLERANCE: f64 = 1.0;
/// Two-sided 98% normal quantile (1% on each side).
const Z: f64 = 2.326;
const ALPHA_PER_SIDE: f64 = 0.01;
/// The P85 of overtime hours.
const P85: f64 = 0.85;

/// A team as the figures need it.
pub(crate) struct TeamInfo<'a> {
    pub(crate) catalog: String,
    pub(crate) team: String,
    pub(crate) hours_per_day: f64,
    /// One working day of the team in person-days (`people × focus`, at
    /// least [`PERSON_DAY_TOLERANCE`]): how well its figures are known.
    pub(crate) day: f64,
    /// Its catalog's `confidence`: what `add_person_days` is sized for.
    pub(crate) confidence: f64,
    pub(crate) calendar: &'a WorkCalendar,
    pub(crate) team_calendar: &'a TeamCalendar,
}

/// A proposed deal as the figures need it.
pub(crate) struct DealInfo {
    pub(crate) path: String,
    pub(crate) id: String,
    pub(crate) probability: f64,
}

/// Every figure, and whether the trials settle them.
pub(crate) struct Tallied {
    pub(crate) teams: Vec<TeamForecast>,
    pub(crate) deals: Vec<DealForecast>,
    pub(crate) shortfalls: Vec<Shortfall>,
    pub(crate) settled: bool,
}

/// One team's period over every trial: the trials with something in it.
#[derive(Default)]
struct CellValues {
    /// (person-days open at its deadlines, load, weight), one per trial
    /// that booked or left open anything in it.
    seen: Vec<(f64, f64, f64)>,
}

impl CellValues {
    /// The shortfalls in order, with the weight of the trials not seen
    /// (which are 0).
    fn sorted_shorts(&self, total: f64) -> (f64, Vec<(f64, f64)>) {
        let mut shorts: Vec<(f64, f64)> = self.seen.iter().map(|&(s, _, w)| (s, w)).collect();
        shorts.sort_by(|a, b| a.0.total_cmp(&b.0));
        let seen: f64 = shorts.iter().map(|s| s.1).sum();
        ((total - seen).max(0.0), shorts)
    }
}

/// The smallest value whose cumulative weight reaches `q` of `total`
/// (nearest rank for unit weights), given the weight of zeros first.
fn quantile(zeros: f64, sorted: &[(f64, f64)], total: f64, q: f64) -> f64 {
    let target = q * total * (1.0 - TOLERANCE);
    let mut cumulative = zeros;
    if cumulative >= target {
        return 0.0;
    }
    for &(value, weight) in sorted {
        cumulative += weight;
        if cumulative >= target {
            return value.max(0.0);
        }
    }
    sorted.last().map_or(0.0, |s| s.0.max(0.0))
}

/// Computes the figures of `trials`; `sampled` asks whether they settle.
pub(crate) fn tally(
    trials: &[Trial],
    teams: &[TeamInfo],
    deals: &[DealInfo],
    periods: &Periods,
    sampled: bool,
) -> Tallied {
    let total: f64 = trials.iter().map(|t| t.weight).sum();
    let mut cells: BTreeMap<(u32, u32), CellValues> = BTreeMap::new();
    let mut last = 0;
    for trial in trials {
        for c in &trial.cells {
            last = last.max(c.period);
            cells
                .entry((c.team, c.period))
                .or_default()
                .seen
                .push((c.short, c.load, trial.weight));
        }
    }
    let mut settled = true;
    let mut out_teams = Vec::with_capacity(teams.len());
    for (t, info) in teams.iter().enumerate() {
        let mut out = Vec::new();
        for p in 0..=last {
            let values = cells.get(&(t as u32, p));
            let (figures, ok) = period(info, periods, p, values, total, sampled);
            settled &= ok;
            out.push(figures);
        }
        out_teams.push(TeamForecast {
            catalog: info.catalog.clone(),
            team: info.team.clone(),
            periods: out,
        });
    }
    let (out_deals, deals_settled) = deal_figures(trials, deals, sampled);
    settled &= deals_settled;
    let shortfalls = shortfalls(trials, &out_teams, deals, &cells);
    Tallied {
        teams: out_teams,
        deals: out_deals,
        shortfalls,
        settled: settled || !sampled,
    }
}

/// One team's period, and whether its figures are settled.
fn period(
    info: &TeamInfo,
    periods: &Periods,
    p: u32,
    values: Option<&CellValues>,
    total: f64,
    sampled: bool,
) -> (PeriodForecast, bool) {
    let (from, to) = periods.range(p);
    let empty = CellValues::default();
    let values = values.unwrap_or(&empty);
    let (zeros, shorts) = values.sorted_shorts(total);
    let mean = |f: &dyn Fn(&(f64, f64, f64)) -> f64| {
        values.seen.iter().fold(0.0, |sum, v| sum + f(v) * v.2) / total
    };
    let load = mean(&|v| v.1);
    let short = mean(&|v| v.0);
    let p_overtime = mean(&|v| f64::from(u8::from(v.0 > SHORT_EPSILON)));
    let p85 = quantile(zeros, &shorts, total, P85);
    let mut loads: Vec<(f64, f64)> = values.seen.iter().map(|&(_, l, w)| (l, w)).collect();
    loads.sort_by(|a, b| a.0.total_cmp(&b.0));
    let p85_load = quantile(zeros, &loads, total, P85);
    let at_confidence = quantile(zeros, &shorts, total, info.confidence);
    let figures = PeriodForecast {
        period: periods.label(p),
        from,
        to,
        available: free_capacity(info.calendar, info.team_calendar, from, to),
        expected_load: load,
        p85_load,
        p_overtime,
        expected_overtime_hours: short * info.hours_per_day,
        p85_overtime_hours: p85 * info.hours_per_day,
        add_person_days: at_confidence,
    };
    if !sampled {
        return (figures, true);
    }
    let n = total.round() as usize;
    let short_count = values.seen.iter().filter(|v| v.0 > SHORT_EPSILON).count();
    let day = info.day;
    let ok = probability_settled(short_count, n)
        && mean_settled(values.seen.iter().map(|v| v.1), n, day)
        && mean_settled(values.seen.iter().map(|v| v.0), n, day)
        && quantile_settled(zeros, &shorts, P85, day)
        && quantile_settled(zeros, &loads, P85, day)
        && quantile_settled(zeros, &shorts, info.confidence, day);
    (figures, ok)
}

/// Per proposed deal its conditional figures, ranked by how much winning
/// it raises the chance of overtime; and whether they are settled.
fn deal_figures(trials: &[Trial], deals: &[DealInfo], sampled: bool) -> (Vec<DealForecast>, bool) {
    let overtime: Vec<bool> = trials.iter().map(Trial::overtime_anywhere).collect();
    let mut settled = true;
    let mut out: Vec<DealForecast> = deals
        .iter()
        .enumerate()
        .map(|(j, info)| {
            // (weight, count) of: won, won on time, won with overtime, lost, lost with overtime.
            let mut sums = [(0.0, 0usize); 5];
            for (trial, &ot) in trials.iter().zip(&overtime) {
                let won = trial.won[j];
                let hits = [won, won && trial.on_time[j], won && ot, !won, !won && ot];
                for (sum, hit) in sums.iter_mut().zip(hits) {
                    if hit {
                        sum.0 += trial.weight;
                        sum.1 += 1;
                    }
                }
            }
            let share = |part: (f64, usize), of: (f64, usize)| (of.0 > 0.0).then(|| part.0 / of.0);
            if sampled {
                let known = |part: (f64, usize), of: (f64, usize), possible: bool| {
                    !possible || probability_settled(part.1, of.1)
                };
                let (can_win, can_lose) = (info.probability > 0.0, info.probability < 1.0);
                settled &= known(sums[1], sums[0], can_win)
                    && known(sums[2], sums[0], can_win)
                    && known(sums[4], sums[3], can_lose);
            }
            DealForecast {
                path: info.path.clone(),
                id: info.id.clone(),
                probability: info.probability,
                p_on_time_if_won: share(sums[1], sums[0]),
                p_overtime_if_won: share(sums[2], sums[0]),
                p_overtime_if_lost: share(sums[4], sums[3]),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.drive()
            .total_cmp(&a.drive())
            .then_with(|| a.id.cmp(&b.id))
    });
    (out, settled)
}

/// Per team, its period most likely short (then with most overtime, then
/// the earliest), with the deal whose win raises that most.
fn shortfalls(
    trials: &[Trial],
    out: &[TeamForecast],
    deals: &[DealInfo],
    cells: &BTreeMap<(u32, u32), CellValues>,
) -> Vec<Shortfall> {
    let mut found = Vec::new();
    for (t, team) in out.iter().enumerate() {
        let worst = team
            .periods
            .iter()
            .enumerate()
            .filter(|(_, p)| p.p_overtime > 0.0)
            .max_by(|(i, a), (j, b)| {
                a.p_overtime
                    .total_cmp(&b.p_overtime)
                    .then(
                        a.expected_overtime_hours
                            .total_cmp(&b.expected_overtime_hours),
                    )
                    .then(j.cmp(i))
            });
        let Some((p, figures)) = worst else { continue };
        let key = (t as u32, p as u32);
        let short_weight: f64 = cells[&key]
            .seen
            .iter()
            .filter(|v| v.0 > SHORT_EPSILON)
            .map(|v| v.0 * v.2)
            .sum();
        let total: f64 = trials.iter().map(|t| t.weight).sum();
        found.push(Shortfall {
            catalog: team.catalog.clone(),
            team: team.team.clone(),
            period: figures.period.clone(),
            p_overtime: figures.p_overtime,
            short_person_days: short_weight / (figures.p_overtime * total),
            add_person_days: figures.add_person_days,
            driver: driver(trials, deals, key).map(|j| deals[j].id.clone()),
        });
    }
    found
}

/// The proposed deal whose win raises the chance that `cell` is short
/// most (none when no win raises it).
fn driver(trials: &[Trial], deals: &[DealInfo], cell: (u32, u32)) -> Option<usize> {
    let short: Vec<bool> = trials
        .iter()
        .map(|t| {
            t.cells
                .binary_search_by(|c| (c.team, c.period).cmp(&cell))
                .is_ok_and(|i| t.cells[i].short > SHORT_EPSILON)
        })
        .collect();
    let mut best: Option<(usize, f64)> = None;
    for j in 0..deals.len() {
        let mut w = [0.0f64; 4]; // won, won short, lost, lost short
        for (trial, &s) in trials.iter().zip(&short) {
            let base = if trial.won[j] { 0 } else { 2 };
            w[base] += trial.weight;
            if s {
                w[base + 1] += trial.weight;
            }
        }
        let if_won = if w[0] > 0.0 { w[1] / w[0] } else { 0.0 };
        let if_lost = if w[2] > 0.0 { w[3] / w[2] } else { 0.0 };
        let drive = if_won - if_lost;
        if drive > 1e-9 && best.is_none_or(|(_, b)| drive > b + TOLERANCE) {
            best = Some((j, drive));
        }
    }
    best.map(|(j, _)| j)
}

/// True when a 98% interval for a share of `k` in `n` lies within
/// ±[`PROBABILITY_TOLERANCE`]: the exact one-sided bound when all or none
/// are in it, the Wilson score interval otherwise.
pub(crate) fn probability_settled(k: usize, n: usize) -> bool {
    if n == 0 {
        return false;
    }
    let nf = n as f64;
    if k == 0 || k == n {
        return 1.0 - ALPHA_PER_SIDE.powf(1.0 / nf) <= PROBABILITY_TOLERANCE;
    }
    let p = k as f64 / nf;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * nf)) / (1.0 + z2 / nf);
    let half = Z / (1.0 + z2 / nf) * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    p - (centre - half) <= PROBABILITY_TOLERANCE && centre + half - p <= PROBABILITY_TOLERANCE
}

/// True when a 98% interval for the mean of `n` values (those not given
/// are 0) lies within ±`tolerance`.
fn mean_settled(values: impl Iterator<Item = f64>, n: usize, tolerance: f64) -> bool {
    if n < 2 {
        return false;
    }
    let (mut sum, mut squares) = (0.0, 0.0);
    for v in values {
        sum += v;
        squares += v * v;
    }
    let nf = n as f64;
    let mean = sum / nf;
    let variance = ((squares - nf * mean * mean) / (nf - 1.0)).max(0.0);
    Z * (variance / nf).sqrt() <= tolerance
}

/// True when a 98% distribution-free interval for quantile `q` of the
/// shortfalls (unit weights; `zeros` trials at 0) lies within
/// ±`tolerance` of the estimate.
fn quantile_settled(zeros: f64, sorted: &[(f64, f64)], q: f64, tolerance: f64) -> bool {
    let zeros = zeros.round() as usize;
    let n = zeros + sorted.len();
    let value = |rank: usize| {
        if rank <= zeros {
            0.0
        } else {
            sorted[rank - zeros - 1].0
        }
    };
    let nf = n as f64;
    let mean = nf * q;
    let spread = Z * (mean * (1.0 - q)).sqrt();
    let at = ((q * nf).ceil() as usize).clamp(1, n.max(1));
    let lo = ((mean - spread).floor().max(1.0) as usize).min(at);
    let hi = (mean + spread).ceil() as usize + 1;
    if n == 0 || hi > n {
        return false;
    }
    let hi = hi.max(at);
    value(hi) - value(at) <= tolerance && value(at) - value(lo) <= tolerance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weighted_quantile_is_the_nearest_rank() {
        let sorted = [(1.0, 1.0), (2.0, 1.0), (3.0, 1.0)];
        assert_eq!(quantile(1.0, &sorted, 4.0, 0.25), 0.0);
        assert_eq!(quantile(1.0, &sorted, 4.0, 0.5), 1.0);
        assert_eq!(quantile(1.0, &sorted, 4.0, 0.85), 3.0);
        assert_eq!(quantile(0.7, &[(5.0, 0.3)], 1.0, 0.7), 0.0);
        assert_eq!(quantile(0.7, &[(5.0, 0.3)], 1.0, 0.71), 5.0);
    }

    #[test]
    fn a_share_settles_to_two_hundredths() {
        assert!(!probability_settled(0, 200));
        assert!(probability_settled(0, 250));
        assert!(!probability_settled(500, 1000));
        assert!(probability_settled(1700, 3400));
    }
}
