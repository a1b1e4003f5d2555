//! The figures of a forecast from its trials (each weighed: 1 when
//! sampled, its probability when every win combination is enumerated), and
//! whether sampled trials know every figure to the reported precision.

use super::draws::BLOCK;
use super::period::Periods;
use super::pipeline::{SHORT_EPSILON, Trial};
use super::report::{DealForecast, PeriodForecast, Shortfall, TeamForecast};
use super::settle::{
    PROBABILITY_TOLERANCE, blocks_settled, mean_settled, probability_settled, quantile_settled,
    ratio_settled,
};
use crate::calendar::{TeamCalendar, WorkCalendar, free_capacity};
use crate::figures::TOLERANCE;
use std::collections::BTreeMap;

/// How far a reported load, shortfall or overtime may be from the exact
/// one, at least: a person's working day (its `hours_per_day` for hours).
/// A team's own tolerance is one of its working days (`people × focus`
/// person-days), as a date is known to one working day.
pub const PERSON_DAY_TOLERANCE: f64 = 1.0;
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
    /// Per proposed deal (in the run's order): its P(on time | won) is not
    /// settled yet.
    pub(crate) on_time_open: Vec<bool>,
    /// Every figure but some P(on time | won) is settled.
    pub(crate) only_on_time_open: bool,
}

/// One team's period over every trial: the trials with something in it.
#[derive(Default)]
struct CellValues {
    /// (person-days open at its deadlines, load, weight), one per trial
    /// that booked or left open anything in it.
    seen: Vec<(f64, f64, f64)>,
    /// The index of the trial of each of `seen`.
    trial: Vec<usize>,
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

impl CellValues {
    /// Per whole block of the first `blocks` (sampled trials, unit
    /// weights): the share of its trials short here, their mean load and
    /// their mean shortfall.
    fn block_means(&self, blocks: usize) -> [Vec<f64>; 3] {
        let mut sums = [vec![0.0; blocks], vec![0.0; blocks], vec![0.0; blocks]];
        for (&(short, load, _), &i) in self.seen.iter().zip(&self.trial) {
            let b = i / BLOCK;
            if b < blocks {
                sums[0][b] += f64::from(u8::from(short > SHORT_EPSILON));
                sums[1][b] += load;
                sums[2][b] += short;
            }
        }
        sums.map(|s| s.into_iter().map(|x| x / BLOCK as f64).collect())
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
    // Partial trials (the last ones, if any) tell only deliveries.
    let all = trials;
    let trials = &all[..all.iter().take_while(|t| !t.partial).count()];
    let total: f64 = trials.iter().map(|t| t.weight).sum();
    let mut cells: BTreeMap<(u32, u32), CellValues> = BTreeMap::new();
    let mut last = 0;
    for (i, trial) in trials.iter().enumerate() {
        for c in &trial.cells {
            last = last.max(c.period);
            let values = cells.entry((c.team, c.period)).or_default();
            values.seen.push((c.short, c.load, trial.weight));
            values.trial.push(i);
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
    let (out_deals, on_time_open, deals_settled) = deal_figures(all, deals, sampled);
    let only_on_time_open = settled && deals_settled.1 && !deals_settled.0;
    settled &= deals_settled.0 && deals_settled.1;
    let shortfalls = shortfalls(trials, &out_teams, deals, &cells);
    Tallied {
        teams: out_teams,
        deals: out_deals,
        shortfalls,
        settled: settled || !sampled,
        on_time_open,
        only_on_time_open: only_on_time_open && sampled,
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
    let [short_share, load_mean, short_mean] = values.block_means(n / BLOCK);
    let ok = (probability_settled(short_count, n)
        || blocks_settled(&short_share, PROBABILITY_TOLERANCE))
        && (mean_settled(values.seen.iter().map(|v| v.1), n, day)
            || blocks_settled(&load_mean, day))
        && (mean_settled(values.seen.iter().map(|v| v.0), n, day)
            || blocks_settled(&short_mean, day))
        && quantile_settled(zeros, &shorts, P85, day)
        && quantile_settled(zeros, &loads, P85, day)
        && quantile_settled(zeros, &shorts, info.confidence, day);
    (figures, ok)
}

/// Per proposed deal its conditional figures, ranked by how much winning
/// it raises the chance of overtime; per deal (in the run's order) whether
/// its P(on time | won) is still open; and whether those are all settled,
/// and whether the others are.
///
/// P(on time | won) counts the trials that booked the deal and those that
/// probed it while losing it (the same delivery: the deals before it book
/// alike whether it is won or not), partial ones too; the others count
/// only the trials booked in full.
fn deal_figures(
    trials: &[Trial],
    deals: &[DealInfo],
    sampled: bool,
) -> (Vec<DealForecast>, Vec<bool>, (bool, bool)) {
    let overtime: Vec<bool> = trials.iter().map(Trial::overtime_anywhere).collect();
    let blocks = if sampled { trials.len() / BLOCK } else { 0 };
    let (mut on_time_settled, mut settled) = (true, true);
    let mut on_time_open = vec![false; deals.len()];
    let mut out: Vec<DealForecast> = deals
        .iter()
        .enumerate()
        .map(|(j, info)| {
            // (weight, count, per whole block) of: on time among the trials
            // that know, those that know, won with overtime, won, lost with
            // overtime, lost.
            let mut sums = [(); 6].map(|()| (0.0, 0usize, vec![0.0; blocks]));
            for (i, (trial, &ot)) in trials.iter().zip(&overtime).enumerate() {
                let won = trial.won[j] && !trial.partial;
                let lost = !trial.won[j] && !trial.partial;
                let known = trial.on_time[j];
                let hits = [
                    known == Some(true),
                    known.is_some(),
                    won && ot,
                    won,
                    lost && ot,
                    lost,
                ];
                for (sum, hit) in sums.iter_mut().zip(hits) {
                    if hit {
                        sum.0 += trial.weight;
                        sum.1 += 1;
                        if let Some(b) = sum.2.get_mut(i / BLOCK) {
                            *b += 1.0;
                        }
                    }
                }
            }
            let share =
                |part: usize, of: usize| (sums[of].0 > 0.0).then(|| sums[part].0 / sums[of].0);
            if sampled {
                let known = |part: usize, of: usize, possible: bool| {
                    let blocks: Vec<(f64, f64)> = sums[part]
                        .2
                        .iter()
                        .copied()
                        .zip(sums[of].2.iter().copied())
                        .collect();
                    !possible
                        || probability_settled(sums[part].1, sums[of].1)
                        || ratio_settled(&blocks)
                };
                let (can_win, can_lose) = (info.probability > 0.0, info.probability < 1.0);
                let on_time = known(0, 1, can_win);
                on_time_open[j] = !on_time;
                on_time_settled &= on_time;
                settled &= known(2, 3, can_win) && known(4, 5, can_lose);
            }
            DealForecast {
                path: info.path.clone(),
                id: info.id.clone(),
                probability: info.probability,
                p_on_time_if_won: share(0, 1),
                p_overtime_if_won: share(2, 3),
                p_overtime_if_lost: share(4, 5),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.drive()
            .total_cmp(&a.drive())
            .then_with(|| a.id.cmp(&b.id))
    });
    (out, on_time_open, (on_time_settled, settled))
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

    /// A partial trial (booked only as far as a probed deal) counts for that
    /// deal's P(on time | won) and for nothing else; a probed loss counts
    /// there too, an unprobed one does not.
    #[test]
    fn partial_and_probed_trials_count_only_for_deliveries() {
        use super::super::period::By;
        use super::super::pipeline::Cell;
        use crate::calendar::WorkCalendar;
        use crate::testing::{d, team};
        let (calendar, team_calendar) = (WorkCalendar::mon_fri(), team(1, 1.0));
        let teams = [TeamInfo {
            catalog: "catalog.toml".into(),
            team: "solo".into(),
            hours_per_day: 8.0,
            day: 1.0,
            confidence: 0.85,
            calendar: &calendar,
            team_calendar: &team_calendar,
        }];
        let deals = [DealInfo {
            path: "a.toml".into(),
            id: "A".into(),
            probability: 0.5,
        }];
        let trial = |won: bool, on_time: Option<bool>, short: f64, partial: bool| Trial {
            weight: 1.0,
            won: vec![won],
            on_time: vec![on_time],
            cells: vec![Cell {
                team: 0,
                period: 0,
                load: 1.0,
                short,
            }],
            partial,
        };
        let periods = Periods::new(By::Month, d(2027, 3, 1));
        let trials = [
            trial(true, Some(true), 0.0, false),
            trial(false, None, 2.0, false),
            trial(false, Some(false), 0.0, false),
            trial(false, Some(false), 9.0, true),
        ];
        let t = tally(&trials, &teams, &deals, &periods, true);
        let p = &t.teams[0].periods[0];
        assert_eq!(
            p.p_overtime,
            1.0 / 3.0,
            "the partial trial's cell is left out"
        );
        assert_eq!(p.expected_overtime_hours, 2.0 / 3.0 * 8.0);
        assert_eq!(
            t.deals[0].p_on_time_if_won,
            Some(1.0 / 3.0),
            "won, probed, partial"
        );
        assert_eq!(t.deals[0].p_overtime_if_lost, Some(0.5), "full losses only");
        assert!(!t.settled && t.on_time_open[0]);
    }
}
