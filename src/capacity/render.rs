//! `capacity`'s formats: human (a bar per period), JSON, CSV (one row per
//! team and period, as a spreadsheet opens it), HTML (a chart per team,
//! `super::html`).

use super::{CapacityReport, PeriodLoad, TeamLoad};
use crate::report::csv::period_cells;
use crate::text::{escape_control, spreadsheet_safe};
use std::io::{self, Write};

crate::choice::choice! {
    /// The output formats of `capacity`.
    pub enum CapacityFormat {
        Human = "human" => "A bar per team and period, overtime marked",
        Json = "json" => "One JSON document (schema_version 1; `dealcheck schema capacity`)",
        Csv = "csv" => "One row per team and period, for a spreadsheet",
        Html = "html" => "One self-contained page: per team a stacked chart per period with a table",
    }
}

/// Renders `report` in `format`; `width` is the columns a human line may
/// take (`None`: no limit).
pub fn render(
    report: &CapacityReport,
    format: CapacityFormat,
    width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        CapacityFormat::Human => human(report, width, out),
        CapacityFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, report)?;
            writeln!(out)
        }
        CapacityFormat::Csv => csv(report, out),
        CapacityFormat::Html => super::html::page(report, out),
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 13] = [
    "catalog",
    "team",
    "period",
    "from",
    "to",
    "available",
    "committed",
    "signed",
    "proposed",
    "free",
    "overtime_hours",
    "deals",
    "overtime_deals",
];

fn csv(report: &CapacityReport, out: &mut dyn Write) -> io::Result<()> {
    let rows = report
        .teams
        .iter()
        .flat_map(|team| team.periods.iter().map(move |p| csv_row(team, p)));
    crate::report::csv::write(out, &CSV_HEADER, rows)
}

/// A team's row for a period: its figures, then the deals behind them.
fn csv_row(team: &TeamLoad, p: &PeriodLoad) -> Vec<String> {
    let deals: Vec<String> = p
        .deals
        .iter()
        .map(|d| format!("{} ({}) {}", d.id, d.status.as_str(), d.person_days))
        .collect();
    let overtime: Vec<String> = p
        .overtime
        .iter()
        .map(|o| format!("{} {}", o.id, o.hours))
        .collect();
    let numbers = [
        p.available,
        p.committed,
        p.signed,
        p.proposed,
        p.free,
        p.overtime_hours,
    ]
    .map(|x| x.to_string());
    let mut row = period_cells(&team.catalog, &team.team, &p.period, p.from, p.to);
    row.extend(numbers);
    row.push(spreadsheet_safe(&deals.join("; ")));
    row.push(spreadsheet_safe(&overtime.join("; ")));
    row
}

/// Widest bar drawn, in characters.
const BAR: usize = 30;

fn human(report: &CapacityReport, width: Option<usize>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Capacity from {} by {} (person-days; █ committed, ▓ signed, ▒ proposed, · free)",
        report.as_of,
        crate::choice::Choice::as_str(report.by)
    )?;
    for b in &report.book {
        for line in crate::report::book_lines(b) {
            writeln!(out, "{}", escape_control(&line))?;
        }
    }
    for team in &report.teams {
        writeln!(out)?;
        writeln!(
            out,
            "{} ({}, {})",
            escape_control(&team.team),
            escape_control(&team.catalog),
            if team.people == 1 {
                "1 person".to_string()
            } else {
                format!("{} people", team.people)
            }
        )?;
        team_lines(team, width, out)?;
    }
    Ok(())
}

fn team_lines(team: &TeamLoad, width: Option<usize>, out: &mut dyn Write) -> io::Result<()> {
    let most = team.periods.iter().map(|p| p.available).fold(0.0, f64::max);
    // "  2027-W06  " + bar + "  " + figures: the bar gives way first.
    let bar = width.map_or(BAR, |w| w.saturating_sub(70).clamp(8, BAR));
    for p in &team.periods {
        let mut line = format!("  {:<9} {}  {}", p.period, bar_of(p, most, bar), figures(p));
        if p.overtime_hours > 0.0 {
            let who: Vec<String> = p.overtime.iter().map(|o| escape_control(&o.id)).collect();
            line.push_str(&format!(
                "  ⚠ {} h overtime ({})",
                p.overtime_hours,
                who.join(", ")
            ));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn figures(p: &PeriodLoad) -> String {
    format!(
        "{} available: {} committed, {} signed, {} proposed, {} free",
        p.available, p.committed, p.signed, p.proposed, p.free
    )
}

/// The period's bar, `width` characters for the team's busiest period.
fn bar_of(p: &PeriodLoad, most: f64, width: usize) -> String {
    let scale = |x: f64| {
        if most > 0.0 {
            (x / most * width as f64).round() as usize
        } else {
            0
        }
    };
    let parts = [
        (scale(p.committed), '█'),
        (scale(p.committed + p.signed) - scale(p.committed), '▓'),
        (
            scale(p.committed + p.signed + p.proposed) - scale(p.committed + p.signed),
            '▒',
        ),
        (
            scale(p.available) - scale(p.committed + p.signed + p.proposed),
            '·',
        ),
    ];
    let mut bar: String = parts
        .iter()
        .flat_map(|(n, c)| std::iter::repeat_n(*c, *n))
        .collect();
    let drawn = bar.chars().count();
    bar.extend(std::iter::repeat_n(' ', width.saturating_sub(drawn)));
    bar
}

/// The JSON Schema of `capacity --format json`.
pub fn schema() -> schemars::Schema {
    crate::report::json::document_schema::<CapacityReport>("dealcheck capacity output")
}
