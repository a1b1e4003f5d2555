//! The pipeline as the trials book it: per catalog, the signed deals and
//! the proposed ones in booking order (deadline, then signed first, then
//! path), each with its work items and how their efforts are drawn.
//!
//! One trial starts from the catalog's bare grids (a fresh
//! [`CapacityGrids`]: no reservation, nothing held) and books each deal it
//! includes forward in that order, each in what the earlier ones left, as
//! `capacity` does: the signed deals always, a proposed deal when the trial
//! won it.

use super::period::Periods;
use crate::check::schedule::work_estimates;
use crate::check::{Prepared, work_start};
use crate::model::{Deal, DealStatus};
use crate::montecarlo::EffortDraw;
use crate::scheduler::{CapacityGrids, Plan, Schedule, WorkItem, schedule};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Open person-days below this at a deadline are float residue, not overtime.
pub(crate) const SHORT_EPSILON: f64 = 1e-6;

/// One catalog's deals, ready to book.
pub(crate) struct CatalogDeals<'a> {
    pub(crate) catalog: &'a Prepared,
    /// Index of the catalog's first team among every catalog's teams.
    pub(crate) team_offset: usize,
    pub(crate) deals: Vec<ToBook>,
}

/// A deal as the trials book it.
pub(crate) struct ToBook {
    /// Its index among the proposed deals; `None` for a signed deal.
    pub(crate) proposed: Option<usize>,
    items: Vec<WorkItem>,
    draws: Vec<EffortDraw>,
    /// How many of `draws` are random: the uniforms a trial gives it.
    random: usize,
    start: NaiveDate,
    deadline: NaiveDate,
    /// The period of its deadline, where its overtime counts.
    period: u32,
    /// With fixed efforts: its schedule on the bare capacity, which an
    /// outcome reuses when every cell it used is still free there (then
    /// the deal is scheduled exactly the same: see `book::book_forward`).
    alone: Option<Schedule>,
}

/// What one trial booked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Trial {
    /// Its share of all outcomes: 1 for a sampled trial, the win
    /// combination's probability when every combination is enumerated.
    pub(crate) weight: f64,
    /// Per proposed deal: won in this trial.
    pub(crate) won: Vec<bool>,
    /// Per proposed deal booked or probed in this trial: delivered by its
    /// deadline (`None` when lost and not probed).
    pub(crate) on_time: Vec<Option<bool>>,
    /// Per (team, period) with work booked or open at a deadline: the
    /// person-days booked and the person-days open at the deadlines in it.
    pub(crate) cells: Vec<Cell>,
    /// Booked only as far as its probed deals: it tells their deliveries,
    /// and its cells (and overtime) count for nothing.
    pub(crate) partial: bool,
}

/// A team's period in one trial.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cell {
    /// Index among every catalog's teams.
    pub(crate) team: u32,
    pub(crate) period: u32,
    pub(crate) load: f64,
    /// Person-days open at the deadlines that fall in the period.
    pub(crate) short: f64,
}

impl Trial {
    /// Overtime in some team's period.
    pub(crate) fn overtime_anywhere(&self) -> bool {
        self.cells.iter().any(|c| c.short > SHORT_EPSILON)
    }
}

/// Sorts one catalog's deals into booking order and prepares each.
pub(crate) fn catalog_deals<'a>(
    catalog: &'a Prepared,
    team_offset: usize,
    signed: &[Deal],
    proposed: &[(usize, &Deal)],
    as_of: NaiveDate,
    periods: &Periods,
) -> CatalogDeals<'a> {
    let mut order: Vec<(Option<usize>, &Deal)> = signed.iter().map(|d| (None, d)).collect();
    order.extend(proposed.iter().map(|(i, d)| (Some(*i), *d)));
    // Deadline, then signed first, then path.
    order.sort_by(|a, b| {
        let key = |(_, d): &(Option<usize>, &Deal)| {
            (d.deadline, d.status != DealStatus::Signed, d.path.clone())
        };
        key(a).cmp(&key(b))
    });
    let deals = order
        .into_iter()
        .map(|(proposed, deal)| {
            let (items, estimates) = work_estimates(catalog, deal);
            let draws: Vec<EffortDraw> = estimates.into_iter().map(EffortDraw::new).collect();
            ToBook {
                proposed,
                random: draws.iter().filter(|d| d.is_random()).count(),
                items,
                draws,
                start: work_start(deal, as_of),
                deadline: deal.deadline,
                period: periods.of(deal.deadline),
                alone: None,
            }
        })
        .collect();
    let mut book = CatalogDeals {
        catalog,
        team_offset,
        deals,
    };
    let bare = CapacityGrids::default();
    let alone: Vec<Option<Schedule>> = book
        .deals
        .par_iter()
        .map(|deal| {
            let efforts: Vec<f64> = deal.items.iter().map(|i| i.effort).collect();
            let result = (!deal.uncertain()).then(|| schedule_on(&book, deal, &efforts, &bare));
            result.filter(|r| r.delivery.is_some())
        })
        .collect();
    for (deal, alone) in book.deals.iter_mut().zip(alone) {
        deal.alone = alone;
    }
    book
}

impl ToBook {
    /// True when some effort is drawn.
    pub(crate) fn uncertain(&self) -> bool {
        self.random > 0
    }

    /// How many uniforms a trial gives it (one per drawn effort).
    pub(crate) fn random_draws(&self) -> usize {
        self.random
    }
}

/// Books every catalog's deals once: the signed ones, and the proposed ones
/// `won` says were won, drawing each random effort from `uniform` (called
/// for every deal, won or not, so one deal's draws never shift another's).
/// A lost deal that `probe` names is scheduled in what the deals before it
/// left without being booked: its delivery is the one it would have had if
/// won, as the deals before it book alike either way. A `partial` trial
/// stops after each catalog's last probed deal.
pub(crate) fn run_trial(
    books: &[CatalogDeals],
    periods: &Periods,
    won: Vec<bool>,
    (probe, partial): (&[bool], bool),
    weight: f64,
    mut uniform: impl FnMut() -> f64,
) -> Trial {
    let mut cells: BTreeMap<(u32, u32), (f64, f64)> = BTreeMap::new();
    let mut on_time = vec![None; won.len()];
    let probed = |deal: &ToBook| deal.proposed.is_some_and(|i| probe.get(i) == Some(&true));
    for book in books {
        let mut grids = CapacityGrids::default();
        let needed = match partial {
            true => book
                .deals
                .iter()
                .rposition(probed)
                .map_or(0, |last| last + 1),
            false => book.deals.len(),
        };
        for deal in &book.deals[..needed] {
            let efforts: Vec<f64> = deal
                .draws
                .iter()
                .map(|d| {
                    if d.is_random() {
                        d.at(uniform())
                    } else {
                        d.at(0.0)
                    }
                })
                .collect();
            let lost = deal.proposed.is_some_and(|i| !won[i]);
            if lost && !probed(deal) {
                continue;
            }
            let result = match &deal.alone {
                Some(alone) if grids.still_free(&alone.usage) => Cow::Borrowed(alone),
                _ => Cow::Owned(schedule_on(book, deal, &efforts, &grids)),
            };
            if let Some(i) = deal.proposed {
                on_time[i] = Some(result.delivery.is_some_and(|d| d <= deal.deadline));
            }
            if lost {
                continue;
            }
            grids.book(&result.usage);
            let team = |t: usize| (book.team_offset + t) as u32;
            let teams = book.catalog.calendars().teams.len();
            for u in result.usage.iter().filter(|u| u.team < teams) {
                cells
                    .entry((team(u.team), periods.of(u.day)))
                    .or_default()
                    .0 += u.person_days;
            }
            for &(t, open) in result.open_by_team.iter().filter(|(t, _)| *t < teams) {
                cells.entry((team(t), deal.period)).or_default().1 += open;
            }
        }
    }
    Trial {
        weight,
        won,
        on_time,
        cells: cells
            .into_iter()
            .map(|((team, period), (load, short))| Cell {
                team,
                period,
                load,
                short,
            })
            .collect(),
        partial,
    }
}

/// Schedules one deal with `efforts` in what `grids` leave.
fn schedule_on(
    book: &CatalogDeals,
    deal: &ToBook,
    efforts: &[f64],
    grids: &CapacityGrids,
) -> Schedule {
    let items: Vec<WorkItem> = deal
        .items
        .iter()
        .zip(efforts)
        .map(|(item, &effort)| WorkItem {
            effort,
            ..item.clone()
        })
        .collect();
    let calendars = book.catalog.calendars();
    schedule(&Plan {
        calendar: &calendars.work,
        teams: &calendars.teams,
        items: &items,
        start: deal.start,
        deadline: deal.deadline,
        booked: None,
        grids: Some(grids),
    })
}
