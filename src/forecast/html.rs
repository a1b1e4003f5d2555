//! `forecast --format html`: one self-contained page (the head, policy,
//! style and foot every page shares, `report::html`) with the lines a
//! person can act on first, then per team two charts — P(overtime) per
//! period, and the expected load with its band up to what the team has —
//! each with its figures in a table beside it, then the deals that drive
//! the risk.

use super::report::{Forecast, PeriodForecast, TeamForecast};
use crate::report::html::chart::bars::{self, Point, Values};
use crate::report::html::chart::number;
use crate::report::html::{Text, foot, head, write};
use crate::text::plural;
use maud::{Markup, html};
use std::io::{self, Write};

/// Writes the page of `forecast`.
pub fn page(f: &Forecast, out: &mut dyn Write) -> io::Result<()> {
    let how = if f.exact {
        "exact: every win combination weighed".to_string()
    } else {
        format!("{} seeded outcomes (seed {})", f.trials, f.seed)
    };
    let subtitle = format!(
        "What the pipeline will cost each team by {}, if sales wins what it expects ({how}; as of {})",
        f.by, f.as_of
    );
    write(head("dealcheck forecast", &subtitle), out)?;
    for team in &f.teams {
        write(team_section(f, team), out)?;
    }
    write(deals(f), out)?;
    write(foot(summary(f)), out)
}

fn pct(p: f64) -> String {
    format!("{}%", number(p * 100.0))
}

/// The lines a person can act on, shown first.
fn summary(f: &Forecast) -> Markup {
    html! {
        h2 { "Summary" }
        p {
            (plural(f.teams.len(), "team")) ", " (plural(f.deals.len(), "proposed deal"))
            ", " (plural(f.signed, "signed deal")) " in the book."
            @if f.capped { " " strong { "The trials cap stopped the simulation before every figure was settled." } }
        }
        @if f.shortfalls.is_empty() {
            p { "No team is short in any outcome." }
        } @else {
            ul class="lines" {
                @for s in &f.shortfalls {
                    li {
                        strong { (Text(&s.team)) } " is short " (number(s.short_person_days))
                        " person-days in " (s.period) " in " (pct(s.p_overtime)) " of outcomes; "
                        @match &s.driver {
                            Some(id) => { (Text(id)) " drives it" }
                            None => { "the signed deals alone make it short" }
                        }
                        @if s.add_person_days > 0.0 {
                            " (add " (number(s.add_person_days)) " person-days)"
                        }
                    }
                }
            }
        }
    }
}

/// A team: P(overtime) per period, then its load band against what it has.
fn team_section(f: &Forecast, team: &TeamForecast) -> Markup {
    let risk_title = format!(
        "P(overtime) of {} ({}) by {}",
        team.team, team.catalog, f.by
    );
    let risk = chart(&risk_title, "P(overtime)", "probability", team, |p| {
        (p.p_overtime, None)
    });
    let load_title = format!(
        "Load of {} ({}) by {}, in person-days: expected, and the band up to what 85% of outcomes stay within",
        team.team, team.catalog, f.by
    );
    let load = chart(&load_title, "expected load", "person-days", team, |p| {
        let band = (p.expected_load, p.p85_load.max(p.expected_load));
        (p.expected_load, Some(band))
    });
    html! {
        section class="team" {
            h2 { (Text(&team.team)) }
            p class="muted" { (Text(&team.catalog)) " · " (plural(team.periods.len(), &f.by)) }
            (bars::values(&risk))
            (bars::values(&load))
            table {
                caption { "Overtime of " (Text(&team.team)) " per period" }
                thead { tr { th { "period" } th { "available" } th { "expected load" } th { "P85 load" } th { "P(overtime)" } th { "expected overtime (h)" } th { "P85 overtime (h)" } th { "person-days to add" } } }
                tbody {
                    @for p in &team.periods {
                        tr {
                            td { (p.period) } td { (number(p.available)) } td { (number(p.expected_load)) }
                            td { (number(p.p85_load)) } td { (pct(p.p_overtime)) } td { (number(p.expected_overtime_hours)) }
                            td { (number(p.p85_overtime_hours)) } td { (number(p.add_person_days)) }
                        }
                    }
                }
            }
        }
    }
}

/// A chart of one figure per period of `team`: `of` gives a period's value
/// and its band. A probability is shown as a percentage on a scale up to 1;
/// other figures as numbers up to the largest.
fn chart<'a>(
    title: &'a str,
    name: &'a str,
    unit: &'a str,
    team: &TeamForecast,
    of: impl Fn(&PeriodForecast) -> (f64, Option<(f64, f64)>),
) -> Values<'a> {
    let probability = unit == "probability";
    Values {
        title,
        name,
        unit,
        percent: probability,
        max: probability.then_some(1.0),
        points: team
            .periods
            .iter()
            .map(|p| {
                let (value, band) = of(p);
                Point {
                    label: p.period.clone(),
                    value,
                    band,
                }
            })
            .collect(),
    }
}

/// The deals, those that drive the risk first.
fn deals(f: &Forecast) -> Markup {
    let opt = |p: Option<f64>| p.map_or("—".to_string(), pct);
    html! {
        section class="deals" {
            h2 { "The deals that drive the risk" }
            @if f.deals.is_empty() {
                p { "No proposed deal: the forecast is the signed book." }
            } @else {
                table {
                    caption { "Per proposed deal: overtime somewhere if it is won against if it is lost" }
                    thead { tr { th { "deal" } th { "probability" } th { "on time if won" } th { "overtime if won" } th { "overtime if lost" } } }
                    tbody {
                        @for d in &f.deals {
                            tr {
                                td { (Text(&d.id)) br; span class="muted" { (Text(&d.path)) } }
                                td { (pct(d.probability)) } td { (opt(d.p_on_time_if_won)) }
                                td { (opt(d.p_overtime_if_won)) } td { (opt(d.p_overtime_if_lost)) }
                            }
                        }
                    }
                }
            }
        }
    }
}
