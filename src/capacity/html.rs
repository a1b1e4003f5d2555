//! `capacity --format html`: one self-contained page (the head, policy,
//! style and foot every page shares, `report::html`) with the summary and
//! the book first, then per team a stacked chart of its periods —
//! committed, signed, proposed, free, the overtime its deadlines need
//! flagged above the bar — and the same figures, with the deals behind
//! them, in a table beside it.
//!
//! The report is worked out whole before it is drawn (its periods need
//! every deal), so the page is written at once, not streamed.

use super::{CapacityReport, DealLoad, PeriodLoad, TeamLoad};
use crate::book::BookSummary;
use crate::choice::Choice;
use crate::model::DealStatus;
use crate::report::html::chart::bars::{self, Fill, Flag, Flags, Period, Series, Stacked};
use crate::report::html::chart::number;
use crate::report::html::{Text, foot, head, write};
use crate::text::plural;
use maud::{Markup, html};
use std::io::{self, Write};

/// The series of every team's chart, in stacking order, as `human` names
/// them; free is dotted, so no colour stands alone.
const SERIES: [Series; 4] = [
    Series {
        label: "committed",
        fill: Fill::Colour(2),
    },
    Series {
        label: "signed",
        fill: Fill::Colour(0),
    },
    Series {
        label: "proposed",
        fill: Fill::Colour(1),
    },
    Series {
        label: "free",
        fill: Fill::Free,
    },
];

/// The chart's flag column and legend entry.
const OVERTIME: &str = "Overtime at deadlines";

/// Writes the page of `report`.
pub fn page(report: &CapacityReport, out: &mut dyn Write) -> io::Result<()> {
    write(head("dealcheck capacity", &subtitle(report)), out)?;
    for b in &report.book {
        write(book(b), out)?;
    }
    for team in &report.teams {
        write(team_section(report, team), out)?;
    }
    write(foot(summary(report)), out)
}

fn subtitle(report: &CapacityReport) -> String {
    let span = match (first_day(report), last_day(report)) {
        (Some(from), Some(to)) => format!(" from {from} to {to}"),
        _ => String::new(),
    };
    format!(
        "Each team's load by {}{span}, in person-days: the signed deals of the book and the proposed deals of the run, all assumed won, booked forward in deadline order (as of {})",
        report.by.as_str(),
        report.as_of
    )
}

fn first_day(report: &CapacityReport) -> Option<chrono::NaiveDate> {
    report
        .teams
        .iter()
        .flat_map(|t| t.periods.first())
        .map(|p| p.from)
        .min()
}

fn last_day(report: &CapacityReport) -> Option<chrono::NaiveDate> {
    report
        .teams
        .iter()
        .flat_map(|t| t.periods.last())
        .map(|p| p.to)
        .max()
}

/// The totals, shown first (the style puts the summary at the top).
fn summary(report: &CapacityReport) -> Markup {
    let overtime: Vec<(&TeamLoad, &PeriodLoad)> = report
        .teams
        .iter()
        .flat_map(|t| t.periods.iter().map(move |p| (t, p)))
        .filter(|(_, p)| p.overtime_hours > 0.0)
        .collect();
    let hours: f64 = overtime.iter().map(|(_, p)| p.overtime_hours).sum();
    let signed: usize = report.book.iter().map(|b| b.signed.len()).sum();
    let late: usize = report.book.iter().map(|b| b.signed_late.len()).sum();
    let skipped: usize = report.book.iter().map(|b| b.skipped.len()).sum();
    let unreadable: usize = report.book.iter().map(|b| b.unreadable.len()).sum();
    html! {
        h2 { "Summary" }
        p {
            (plural(report.teams.len(), "team")) ", "
            (plural(signed, "signed deal")) " in the book"
            @if late > 0 { ", " strong { (late) " late in their own plan" } }
            @if skipped > 0 { ", " (skipped) " skipped (delivered or lost)" }
            @if unreadable > 0 { ", " strong { (plural(unreadable, "file")) " of the book unreadable" } }
            "."
        }
        @if overtime.is_empty() {
            p { "No overtime: every deadline is met in the periods shown." }
        } @else {
            p {
                strong { "⚠ " (number(hours)) " hours of overtime" }
                " at the deadlines of " (plural(overtime.len(), "period")) ":"
            }
            ul class="lines" {
                @for (t, p) in &overtime {
                    li { (Text(&t.team)) " " (p.period) ": " (number(p.overtime_hours)) " h (" (Text(&overtime_note(p))) ")" }
                }
            }
        }
        @if report.teams.is_empty() { p { "No team to show." } }
    }
}

/// One catalog's book: its signed deals, the late ones, the skipped and
/// the unreadable files (left out of it).
fn book(b: &BookSummary) -> Markup {
    html! {
        section class="book" {
            h2 { "Book of " (Text(&b.catalog)) }
            @if b.signed.is_empty() {
                p { "No signed deal: nothing is held before the proposed deals." }
            } @else {
                p { (plural(b.signed.len(), "signed deal")) ", in deadline order:" }
                ul class="lines" { @for s in &b.signed { li { (Text(s)) } } }
            }
            @if !b.signed_late.is_empty() {
                p { strong { "Late in their own plan:" } }
                ul class="lines" { @for s in &b.signed_late { li { (Text(s)) } } }
            }
            @if !b.skipped.is_empty() {
                p { "Skipped (delivered or lost, not judged):" }
                ul class="lines" { @for s in &b.skipped { li { (Text(s)) } } }
            }
            @if !b.unreadable.is_empty() {
                p { strong { "Left out of the book (could not be read):" } }
                ul class="lines" {
                    @for u in &b.unreadable {
                        li {
                            code { (Text(&located(&u.path, u.line, u.column))) }
                            " — " (Text(&u.message))
                        }
                    }
                }
            }
        }
    }
}

fn located(path: &str, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{path}:{l}:{c}"),
        (Some(l), None) => format!("{path}:{l}"),
        _ => path.to_string(),
    }
}

/// A team: who, then its chart with the table beside it.
fn team_section(report: &CapacityReport, team: &TeamLoad) -> Markup {
    let title = format!(
        "Load of {} ({}) by {}, in person-days: committed, signed, proposed, free",
        team.team,
        team.catalog,
        report.by.as_str()
    );
    let chart = Stacked {
        title: &title,
        unit: "person-days",
        series: &SERIES,
        periods: team.periods.iter().map(period).collect(),
    };
    let flags = Flags {
        heading: OVERTIME,
        periods: team.periods.iter().map(flag).collect(),
    };
    html! {
        section class="team" {
            h2 { (Text(&team.team)) }
            p class="muted" {
                (Text(&team.catalog)) " · " (people(team.people))
                " · " (plural(team.periods.len(), report.by.as_str()))
            }
            (bars::flagged(&chart, &flags))
        }
    }
}

fn people(n: u32) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}

/// A period's bar: the four figures, the deals behind signed and proposed.
fn period(p: &PeriodLoad) -> Period {
    Period {
        label: p.period.clone(),
        values: vec![p.committed, p.signed, p.proposed, p.free],
        notes: vec![
            String::new(),
            deals_note(&p.deals, DealStatus::Signed),
            deals_note(&p.deals, DealStatus::Proposed),
            String::new(),
        ],
        limit: None,
    }
}

/// "ID person-days" of the deals of one status, most first.
fn deals_note(deals: &[DealLoad], status: DealStatus) -> String {
    deals
        .iter()
        .filter(|d| d.status == status)
        .map(|d| format!("{} {}", d.id, number(d.person_days)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn flag(p: &PeriodLoad) -> Option<Flag> {
    (p.overtime_hours > 0.0).then(|| Flag {
        label: format!("⚠ {} h", number(p.overtime_hours)),
        note: overtime_note(p),
    })
}

/// "ID hours h" of the deals whose deadlines need the period's overtime.
fn overtime_note(p: &PeriodLoad) -> String {
    p.overtime
        .iter()
        .map(|o| format!("{} {} h", o.id, number(o.hours)))
        .collect::<Vec<_>>()
        .join(", ")
}
