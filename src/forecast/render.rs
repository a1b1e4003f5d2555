//! The forecast written: human (per team a strip of periods, then the
//! drivers and what to do), `json` (`dealcheck schema forecast`) and `csv`
//! (one row per team and period, for a spreadsheet).

use super::{Forecast, TeamForecast};
use crate::figures::amount;
use crate::report::csv::period_cells;
use schemars::Schema;
use std::fmt::Write as _;
use std::io::{self, Write};

crate::choice::choice! {
    /// The forecast's output formats.
    pub enum ForecastFormat {
        Human = "human" => "Per team its periods with P(overtime), then the deals that drive it",
        Json = "json" => "One JSON document (schema: `dealcheck schema forecast`)",
        Csv = "csv" => "One row per team and period, with a header, for a spreadsheet",
        Html = "html" => "One self-contained page: P(overtime) and the load per team and period, the drivers",
    }
}

impl Forecast {
    /// The highest P(overtime) of any team in any period (0 when none).
    pub fn worst_risk(&self) -> f64 {
        self.teams
            .iter()
            .flat_map(|t| &t.periods)
            .map(|p| p.p_overtime)
            .fold(0.0, f64::max)
    }

    /// Writes the forecast in `format`.
    pub fn render(&self, format: ForecastFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            ForecastFormat::Human => out.write_all(human(self).as_bytes()),
            ForecastFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, self)?;
                out.write_all(b"\n")
            }
            ForecastFormat::Csv => csv(self, out),
            ForecastFormat::Html => super::html::page(self, out),
        }
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 11] = [
    "catalog",
    "team",
    "period",
    "from",
    "to",
    "available",
    "expected_load",
    "p_overtime",
    "expected_overtime_hours",
    "p85_overtime_hours",
    "add_person_days",
];

fn csv(forecast: &Forecast, out: &mut dyn Write) -> io::Result<()> {
    let rows = forecast.teams.iter().flat_map(|team| {
        team.periods.iter().map(move |p| {
            let mut row = period_cells(&team.catalog, &team.team, &p.period, p.from, p.to);
            row.extend([
                amount(p.available).to_string(),
                amount(p.expected_load).to_string(),
                crate::figures::probability(p.p_overtime).to_string(),
                amount(p.expected_overtime_hours).to_string(),
                amount(p.p85_overtime_hours).to_string(),
                amount(p.add_person_days).to_string(),
            ]);
            row
        })
    });
    crate::report::csv::write(out, &CSV_HEADER, rows)
}

/// A share as a whole percentage.
fn pct(p: f64) -> String {
    format!("{:.0}%", p * 100.0 + 0.0)
}

/// The human forecast.
pub fn human(f: &Forecast) -> String {
    let mut s = String::new();
    let how = if f.exact {
        format!("exact over {} win combinations", f.trials)
    } else if f.capped {
        format!(
            "{} trials (the cap: some figures are not known to ±0.02 yet)",
            f.trials
        )
    } else {
        format!("{} trials, every figure known to ±0.02", f.trials)
    };
    let _ = writeln!(
        s,
        "Forecast as of {}, by {}: {} proposed and {} signed deals, {how}",
        f.as_of,
        f.by,
        f.deals.len(),
        f.signed
    );
    if f.deals.is_empty() {
        let _ = writeln!(s, "No proposed deal: the forecast is the signed book.");
    }
    for team in &f.teams {
        team_strip(&mut s, team);
    }
    drivers(&mut s, f);
    actions(&mut s, f);
    s
}

fn team_strip(s: &mut String, team: &TeamForecast) {
    let _ = writeln!(s, "\n{} ({})", team.team, team.catalog);
    let _ = writeln!(
        s,
        "  {:<9} {:>9} {:>8} {:>7} {:>10} {:>9} {:>8}",
        "period", "available", "load", "P(ot)", "overtime h", "P85 h", "add pd"
    );
    for p in &team.periods {
        let _ = writeln!(
            s,
            "  {:<9} {:>9} {:>8} {:>7} {:>10} {:>9} {:>8}",
            p.period,
            amount(p.available),
            amount(p.expected_load),
            pct(p.p_overtime),
            amount(p.expected_overtime_hours),
            amount(p.p85_overtime_hours),
            amount(p.add_person_days),
        );
    }
}

fn drivers(s: &mut String, f: &Forecast) {
    if f.deals.is_empty() {
        return;
    }
    let _ = writeln!(s, "\nDeals, those that drive overtime first");
    let opt = |p: Option<f64>| p.map_or("-".to_string(), pct);
    for d in &f.deals {
        let _ = writeln!(
            s,
            "  {}  won {}: on time if won {}, overtime somewhere if won {} / if lost {}",
            d.id,
            pct(d.probability),
            opt(d.p_on_time_if_won),
            opt(d.p_overtime_if_won),
            opt(d.p_overtime_if_lost),
        );
    }
}

/// One line per team short somewhere: what a person can act on.
fn actions(s: &mut String, f: &Forecast) {
    if f.shortfalls.is_empty() {
        let _ = writeln!(s, "\nNo team is short in any outcome.");
        return;
    }
    let _ = writeln!(s);
    for short in &f.shortfalls {
        let driver = match &short.driver {
            Some(id) => format!("{id} drives it"),
            None => "the signed deals alone make it short".to_string(),
        };
        let _ = write!(
            s,
            "{} is short {} person-days in {} in {} of outcomes; {driver}",
            short.team,
            amount(short.short_person_days),
            short.period,
            pct(short.p_overtime),
        );
        if short.add_person_days > 0.0 {
            let _ = write!(
                s,
                " (add {} person-days to keep it within the catalog's confidence)",
                amount(short.add_person_days)
            );
        }
        let _ = writeln!(s);
    }
}

/// The JSON Schema of `forecast --format json` (`dealcheck schema forecast`).
pub fn schema() -> Schema {
    crate::report::json::document_schema::<Forecast>("dealcheck forecast output")
}
