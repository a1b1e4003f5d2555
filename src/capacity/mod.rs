//! `dealcheck capacity`: each team's load over time, the book as operations
//! would work it (docs/reference.md, "Capacity").
//!
//! The signed deals of the book and the proposed deals of the run (all
//! assumed won) are booked forward in deadline order (then signed first,
//! then path), each in what the earlier ones left; per team and period the
//! person-days split into committed, signed, proposed and free, which add up
//! to what is available, and the overtime the deadlines of the period need.

mod gather;
mod html;
mod period;
pub mod render;

pub use period::By;

use crate::book::{Book, BookSummary, book_forward};
use crate::calendar::{TeamCalendar, WorkCalendar};
use crate::check::{Booking, CheckOptions, Prepared};
use crate::model::{Deal, DealStatus};
use crate::report::{SCHEMA_VERSION, Tool};
use crate::scheduler::CapacityGrids;
use chrono::NaiveDate;
use gather::Gathered;
use period::Period;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// What `capacity` is asked.
#[derive(Debug, Clone)]
pub struct CapacityOptions {
    pub check: CheckOptions,
    pub by: By,
    /// The last day shown; by default the last day any deal works or is due.
    pub until: Option<NaiveDate>,
    /// Only these teams (ids); all when empty.
    pub teams: Vec<String>,
}

/// The `capacity --format json` document.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CapacityReport {
    pub schema_version: u32,
    pub tool: Tool,
    #[serde(serialize_with = "crate::figures::ser_date")]
    #[schemars(with = "NaiveDate")]
    pub as_of: NaiveDate,
    pub by: By,
    pub book: Vec<BookSummary>,
    pub teams: Vec<TeamLoad>,
}

/// One team's periods.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TeamLoad {
    pub catalog: String,
    pub team: String,
    pub people: u32,
    pub periods: Vec<PeriodLoad>,
}

/// One team's load in one period, in person-days:
/// `available = committed + signed + proposed + free`, exactly (hundredths).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PeriodLoad {
    /// `2027-W06` or `2027-02`.
    pub period: String,
    #[serde(serialize_with = "crate::figures::ser_date")]
    #[schemars(with = "NaiveDate")]
    pub from: NaiveDate,
    #[serde(serialize_with = "crate::figures::ser_date")]
    #[schemars(with = "NaiveDate")]
    pub to: NaiveDate,
    pub available: f64,
    pub committed: f64,
    pub signed: f64,
    pub proposed: f64,
    pub free: f64,
    /// Work still open at the deadlines that fall in the period, in hours.
    pub overtime_hours: f64,
    /// The deals behind `signed` and `proposed`, most first.
    pub deals: Vec<DealLoad>,
    /// The deals behind `overtime_hours`.
    pub overtime: Vec<DealOvertime>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DealLoad {
    pub id: String,
    pub status: DealStatus,
    pub person_days: f64,
}

#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DealOvertime {
    pub id: String,
    pub hours: f64,
}

/// One catalog's part of the run: its book and the run's proposed deals.
pub struct CatalogDeals<'a> {
    pub path: &'a std::path::Path,
    pub catalog: &'a Prepared,
    pub book: Option<&'a Book>,
    pub proposed: Vec<Deal>,
    pub skipped: Vec<String>,
}

/// Works out the report: per catalog, the book and the proposed deals
/// booked forward, then summed per team and period.
pub fn capacity(catalogs: Vec<CatalogDeals<'_>>, options: &CapacityOptions) -> CapacityReport {
    let mut teams = Vec::new();
    let mut book = Vec::new();
    for c in catalogs {
        if let Some(b) = c.book {
            book.push(b.summary(c.skipped.clone()));
        }
        teams.extend(catalog_load(&c, options));
    }
    CapacityReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool::default(),
        as_of: options.check.as_of,
        by: options.by,
        book,
        teams,
    }
}

/// The teams of one catalog, period by period.
fn catalog_load(c: &CatalogDeals<'_>, options: &CapacityOptions) -> Vec<TeamLoad> {
    let signed = c.book.map_or(&[][..], |b| &b.signed[..]);
    // The book was read for `capacity` (BookUse::Rebook): every signed deal
    // is kept whole.
    let mut order: Vec<&Deal> = signed.iter().filter_map(|s| s.deal.as_deref()).collect();
    order.extend(c.proposed.iter());
    // Deadline order, then signed first, then path.
    order.sort_by_key(|d| (d.deadline, d.status != DealStatus::Signed, d.path.clone()));
    let bare = CapacityGrids::default();
    let forward = book_forward(c.catalog, &bare, &order, &options.check);
    let bookings: Vec<(&Deal, &Booking)> = order
        .iter()
        .copied()
        .zip(forward.deals.iter().map(|p| &p.booking))
        .collect();
    let last = options
        .until
        .unwrap_or_else(|| last_day(&bookings, options.check.as_of));
    let periods = Period::between(options.check.as_of, last, options.by);
    team_loads(c, options, &periods, &bookings)
}

/// The teams asked for, each period's figures from the deals' bookings
/// gathered once (`Gathered`).
fn team_loads(
    c: &CatalogDeals<'_>,
    options: &CapacityOptions,
    periods: &[Period],
    bookings: &[(&Deal, &Booking)],
) -> Vec<TeamLoad> {
    let wanted: Vec<bool> = c
        .catalog
        .teams
        .iter()
        .map(|t| options.teams.is_empty() || options.teams.contains(&t.id))
        .collect();
    let dated: Vec<(NaiveDate, &Booking)> =
        bookings.iter().map(|(d, b)| (d.deadline, *b)).collect();
    let gathered = Gathered::of(periods, &wanted, &dated);
    let deals: Vec<&Deal> = bookings.iter().map(|(d, _)| *d).collect();
    let calendars = c.catalog.calendars();
    let team_periods = |index: usize| -> Vec<PeriodLoad> {
        let cal = &calendars.teams[index];
        periods
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let behind = Behind {
                    deals: &deals,
                    used: &gathered.used[index][k],
                    open: &gathered.open[index][k],
                };
                period_load(p, &calendars.work, cal, &behind)
            })
            .collect()
    };
    c.catalog
        .teams
        .iter()
        .enumerate()
        .filter(|(index, _)| wanted[*index])
        .map(|(index, team)| TeamLoad {
            catalog: c.path.display().to_string(),
            team: team.id.clone(),
            people: team.people,
            periods: team_periods(index),
        })
        .collect()
}

/// The last day any deal works or is due (today at least).
fn last_day(bookings: &[(&Deal, &Booking)], today: NaiveDate) -> NaiveDate {
    bookings
        .iter()
        .flat_map(|(d, b)| b.usage.iter().map(|u| u.day).chain([d.deadline]))
        .fold(today, NaiveDate::max)
}

/// Hundredths of a person-day: the figures add up exactly in them.
fn hundredths(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

fn from_hundredths(h: i64) -> f64 {
    h as f64 / 100.0
}

/// The deals behind one team's figures in one period (`Gathered`).
struct Behind<'a> {
    /// The deals in booking order: `used` and `open` index them.
    deals: &'a [&'a Deal],
    used: &'a [(usize, f64)],
    open: &'a [(usize, f64)],
}

/// One team's figures in one period.
fn period_load(
    p: &Period,
    work: &WorkCalendar,
    team: &TeamCalendar,
    behind: &Behind<'_>,
) -> PeriodLoad {
    let (available, committed) = team_days(work, team, p.from, p.to);
    let mut per_deal: BTreeMap<(&str, bool), f64> = BTreeMap::new();
    for &(i, used) in behind.used {
        let deal = behind.deals[i];
        if used > 0.0 {
            *per_deal
                .entry((&deal.id, deal.status == DealStatus::Signed))
                .or_insert(0.0) += used;
        }
    }
    let overtime: Vec<DealOvertime> = behind
        .open
        .iter()
        .map(|&(i, open)| (behind.deals[i], hundredths(open * team.hours_per_day)))
        .filter(|(_, hours)| *hours > 0)
        .map(|(deal, hours)| DealOvertime {
            id: deal.id.clone(),
            hours: from_hundredths(hours),
        })
        .collect();
    let mut deals: Vec<DealLoad> = per_deal
        .into_iter()
        .map(|((id, signed), pd)| DealLoad {
            id: id.to_string(),
            status: if signed {
                DealStatus::Signed
            } else {
                DealStatus::Proposed
            },
            person_days: from_hundredths(hundredths(pd)),
        })
        .filter(|d| d.person_days > 0.0)
        .collect();
    deals.sort_by(|a, b| {
        b.person_days
            .total_cmp(&a.person_days)
            .then(a.id.cmp(&b.id))
    });
    let sum = |signed: bool| -> i64 {
        deals
            .iter()
            .filter(|d| (d.status == DealStatus::Signed) == signed)
            .map(|d| hundredths(d.person_days))
            .sum()
    };
    let (available, committed) = (hundredths(available), hundredths(committed));
    let (signed, proposed) = (sum(true), sum(false));
    PeriodLoad {
        period: p.name.clone(),
        from: p.from,
        to: p.to,
        available: from_hundredths(available),
        committed: from_hundredths(committed),
        signed: from_hundredths(signed),
        proposed: from_hundredths(proposed),
        free: from_hundredths((available - committed - signed - proposed).max(0)),
        overtime_hours: from_hundredths(overtime.iter().map(|o| hundredths(o.hours)).sum()),
        deals,
        overtime,
    }
}

/// Person-days a team has over `from..=to` (focus × people on the catalog's
/// working days that are not the team's holidays) and how many of them its
/// commitments hold.
fn team_days(
    work: &WorkCalendar,
    team: &TeamCalendar,
    from: NaiveDate,
    to: NaiveDate,
) -> (f64, f64) {
    let focus = team.effective_focus();
    let (mut available, mut committed) = (0.0, 0.0);
    for day in from.iter_days().take_while(|d| *d <= to) {
        if !work.is_working_day(day) || team.holidays.contains(&day) {
            continue;
        }
        let held: u32 = team
            .commitments
            .iter()
            .filter(|c| c.from <= day && day <= c.until)
            .map(|c| c.people)
            .fold(0, u32::saturating_add);
        available += focus * f64::from(team.people);
        committed += focus * f64::from(held.min(team.people));
    }
    (available, committed)
}
