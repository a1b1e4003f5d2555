//! `check --format html`: the page head when the run begins, one section
//! per deal as it is judged (verdict, plain-language figures, gaps, the
//! timeline, the availability week), and at the end the files that could
//! not be judged, the portfolio and the summary. Only the unjudged files
//! are held until the end (as `human` does); a deal's section is written
//! and dropped, so memory stays flat however many deals there are.

use super::chart::timeline::{self, Marker, MarkerKind, Row, Timeline};
use super::{Text, chart, foot, head, not_checked, verdict, write};
use crate::check::schedule::ScheduleSection;
use crate::gap::{Area, Severity};
use crate::report::{
    CheckRun, DealReport, FileError, Renderer, RunEnd, RunHeader, book_lines, counts, human,
    plural, portfolio_lines,
};
use maud::{Markup, html};
use std::io::{self, Write};

/// The page of a `check` run.
#[derive(Default)]
pub struct Page {
    unjudged: Vec<FileError>,
}

impl Renderer<CheckRun> for Page {
    fn begin(&mut self, header: &RunHeader, out: &mut dyn Write) -> io::Result<()> {
        let against = match &header.catalog {
            Some(c) => format!(" against {} ({})", c.name, c.path),
            None => String::new(),
        };
        let subtitle = format!(
            "{}{against}, as of {}",
            plural(header.deals, "deal file"),
            header.as_of
        );
        write(head("dealcheck check", &subtitle), out)
    }

    fn item(&mut self, deal: &DealReport, out: &mut dyn Write) -> io::Result<()> {
        write(section(deal), out)
    }

    fn unjudged(&mut self, file: &FileError, _: &mut dyn Write) -> io::Result<()> {
        self.unjudged.push(file.clone());
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd, out: &mut dyn Write) -> io::Result<()> {
        for file in &self.unjudged {
            write(not_checked(file), out)?;
        }
        for b in &end.book {
            let lines = book_lines(b);
            if lines.is_empty() {
                continue;
            }
            write(
                html! {
                    section class="book" {
                        h2 { "Book" }
                        ul class="lines" { @for l in &lines { li { (Text(l)) } } }
                    }
                },
                out,
            )?;
        }
        for p in &end.portfolio {
            write(
                html! {
                    section class="portfolio" {
                        h2 { "Portfolio" }
                        ul class="lines" { @for l in portfolio_lines(p) { li { (Text(&l)) } } }
                    }
                },
                out,
            )?;
        }
        write(foot(summary(end)), out)
    }
}

fn summary(end: &RunEnd) -> Markup {
    let s = &end.summary;
    html! {
        h2 { "Summary" }
        p {
            (plural(s.deals, "deal")) " checked: "
            strong { (s.feasible) " feasible" } ", "
            strong { (s.at_risk) " at risk" } ", "
            strong { (s.infeasible) " infeasible" }
            @if s.errors > 0 { ", " strong { (plural(s.errors, "file")) " not checked" } }
            @if s.skipped > 0 { ", " (s.skipped) " skipped (delivered or lost)" }
            "."
        }
        @if s.deals == 0 && s.errors == 0 && s.skipped > 0 {
            p { "Nothing to judge: every deal found is delivered or lost." }
        } @else if s.deals == 0 && s.errors == 0 { p { "No deal files were found." } }
    }
}

/// One deal: who and what, the verdict, the figures in words, the gaps and
/// the two pictures.
fn section(deal: &DealReport) -> Markup {
    let lines: Vec<String> = [Area::Schedule, Area::Availability]
        .into_iter()
        .flat_map(|a| human::section_lines(deal, a))
        .collect();
    html! {
        section class="deal" {
            h2 {
                (verdict(deal.verdict)) (Text(&deal.id))
                @if !deal.customer.is_empty() { " · " (Text(&deal.customer)) }
            }
            p class="muted" {
                (Text(&deal.path)) " · " (deal.status.as_str()) " · deadline " (deal.deadline)
                " · " (counts(deal))
            }
            @if !lines.is_empty() {
                ul class="lines" { @for l in &lines { li { (Text(l)) } } }
            }
            (gaps(deal))
            @if let Some(s) = deal.schedule.as_ref().filter(|s| !s.items.is_empty()) {
                (timeline::render(&deal_timeline(deal, s, &timeline_title(deal))))
            }
            (week(deal))
        }
    }
}

fn gaps(deal: &DealReport) -> Markup {
    html! {
        @if deal.gaps.is_empty() {
            p { "No gaps." }
        } @else {
            h3 { "Gaps" }
            table class="gaps" {
                thead {
                    tr {
                        th scope="col" { "Code" } th scope="col" { "Severity" }
                        th scope="col" { "Where" } th scope="col" { "What" }
                        th scope="col" { "What to do" }
                    }
                }
                tbody {
                    @for g in &deal.gaps {
                        tr {
                            th scope="row" { (g.code().code()) br; small { (g.code().name()) } }
                            td class={"sev-" (g.severity().as_str())} { (severity(g.severity())) }
                            td {
                                code { (Text(g.subject())) }
                                @if let Some(l) = &g.location { br; small { (Text(&l.to_string())) } }
                            }
                            td { (Text(g.message())) }
                            td { @if let Some(s) = g.suggestion() { (Text(s)) } }
                        }
                    }
                }
            }
        }
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✗ error",
        Severity::Warning => "! warning",
        Severity::Info => "· note",
    }
}

fn timeline_title(deal: &DealReport) -> String {
    format!(
        "Timeline of {}: each work item by team, against the deadline {}",
        deal.id, deal.deadline
    )
}

/// The deal's schedule as a timeline: a bar per item (coloured by team, in
/// the order the teams first come), the deadline, and the Monte Carlo's
/// P50/P85/P95 when trials ran.
pub(crate) fn deal_timeline<'a>(
    deal: &DealReport,
    s: &ScheduleSection,
    title: &'a str,
) -> Timeline<'a> {
    let mut teams: Vec<&str> = Vec::new();
    let rows = s
        .items
        .iter()
        .map(|item| {
            let colour = teams
                .iter()
                .position(|t| *t == item.team)
                .unwrap_or_else(|| {
                    teams.push(&item.team);
                    teams.len() - 1
                });
            Row {
                label: item.name.clone(),
                group: item.team.clone(),
                colour,
                span: item.start.zip(item.finish),
            }
        })
        .collect();
    let mut markers = vec![Marker {
        label: "Deadline".to_string(),
        date: deal.deadline,
        kind: MarkerKind::Deadline,
    }];
    if s.trials > 0 {
        for (label, date) in [("P50", s.p50), ("P85", s.p85), ("P95", s.p95)] {
            if let Some(date) = date {
                markers.push(Marker {
                    label: format!("{label} delivery"),
                    date,
                    kind: MarkerKind::Estimate,
                });
            }
        }
    }
    Timeline {
        title,
        row_heading: "Work item",
        group_heading: "Team",
        rows,
        markers,
        late_after: Some(deal.deadline),
    }
}

/// The availability week, when the deal promises availability: the
/// promised hours against the chosen tier's (none when no tier covers them).
fn week(deal: &DealReport) -> Markup {
    let Some(a) = &deal.availability else {
        return html! {};
    };
    let Some(w) = super::week::of(a, deal.deadline) else {
        return html! {};
    };
    let when = match w.zone {
        Some(zone) => format!("in {} (week of {})", zone.name(), w.monday),
        None => "around the clock, in any time zone".to_string(),
    };
    let first = format!("Promised: {}", a.promised.window);
    let (title, second) = match &a.offered {
        Some(o) => (
            format!(
                "Availability week of {}: promised hours against tier \"{}\", {when}",
                deal.id, o.tier
            ),
            format!("Tier \"{}\": {}", o.tier, o.window),
        ),
        None => (
            format!(
                "Availability week of {}: promised hours, no tier covers them, {when}",
                deal.id
            ),
            "No tier covers these hours".to_string(),
        ),
    };
    chart::week::render(&w.grid(&title, &first, &second))
}
