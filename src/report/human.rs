//! `--format human`: the verdict first, then gaps grouped by area, in words
//! a salesperson can repeat.

use super::{CheckRun, DealReport, FileError, Renderer, RunEnd, RunHeader, Summary, Verdict};
use super::{book_lines, counts, plural, portfolio_lines};
use crate::check::availability::AvailabilitySection;
use crate::check::schedule::ScheduleSection;
use crate::figures::{format_duration_minutes, format_percent};
use crate::gap::{Area, Gap, Severity};
use crate::text::escape_control;
use std::io::{self, Write};

/// Terminal styles; empty strings when colour is off. `offer`'s human
/// output paints with the same styles.
pub(crate) struct Style {
    pub(crate) on: bool,
}

impl Style {
    pub(crate) fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub(crate) fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    pub(crate) fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
    pub(crate) fn severity(&self, s: Severity, t: &str) -> String {
        self.paint(
            match s {
                Severity::Error => "31",
                Severity::Warning => "33",
                Severity::Info => "36",
            },
            t,
        )
    }
    pub(crate) fn verdict(&self, v: Verdict, t: &str) -> String {
        self.paint(
            match v {
                Verdict::Feasible => "1;32",
                Verdict::AtRisk => "1;33",
                Verdict::Infeasible => "1;31",
            },
            t,
        )
    }
}

/// Writes each deal's report as it comes; then the files that could not be
/// judged, the portfolio, and a one-line summary when there are several.
pub struct Human {
    style: Style,
    deals: usize,
    unjudged: Vec<FileError>,
}

impl Human {
    pub fn new(color: bool) -> Human {
        Human {
            style: Style { on: color },
            deals: 0,
            unjudged: Vec::new(),
        }
    }
}

impl Renderer<CheckRun> for Human {
    fn begin(&mut self, _: &RunHeader, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn item(&mut self, deal: &DealReport, out: &mut dyn Write) -> io::Result<()> {
        if self.deals > 0 {
            writeln!(out)?;
        }
        self.deals += 1;
        render_deal(deal, &self.style, out)
    }

    fn unjudged(&mut self, file: &FileError, _: &mut dyn Write) -> io::Result<()> {
        self.unjudged.push(file.clone());
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd, out: &mut dyn Write) -> io::Result<()> {
        let style = &self.style;
        // The problems themselves went to standard error with their lines.
        for error in &self.unjudged {
            if self.deals > 0 {
                writeln!(out)?;
            }
            let what = format!("✗ NOT CHECKED  {}", escape_control(&error.path));
            writeln!(out, "{}", style.verdict(Verdict::Infeasible, &what))?;
            writeln!(
                out,
                "  {}",
                style.dim(&plural(error.problems.len(), "input problem"))
            )?;
            // Said here too, not only on standard error: a report written
            // with --output must say why the file was not checked.
            for problem in &error.problems {
                writeln!(out, "    {}", escape_control(problem))?;
            }
        }
        for b in &end.book {
            let lines = book_lines(b);
            if !lines.is_empty() {
                writeln!(out)?;
            }
            for line in lines {
                writeln!(out, "{}", escape_control(&line))?;
            }
        }
        if end.summary.deals == 0 && end.summary.errors == 0 && end.summary.skipped > 0 {
            writeln!(
                out,
                "Nothing to judge: every deal found is delivered or lost."
            )?;
        }
        for p in &end.portfolio {
            writeln!(out)?;
            for line in portfolio_lines(p) {
                writeln!(out, "{}", escape_control(&line))?;
            }
        }
        if end.summary.deals + end.summary.errors + end.summary.skipped > 1 {
            writeln!(out)?;
            writeln!(out, "{}", summary_line(&end.summary, style))?;
        }
        Ok(())
    }
}

fn summary_line(s: &Summary, style: &Style) -> String {
    let mut parts = vec![
        style.verdict(Verdict::Feasible, &format!("{} feasible", s.feasible)),
        style.verdict(Verdict::AtRisk, &format!("{} at risk", s.at_risk)),
        style.verdict(Verdict::Infeasible, &format!("{} infeasible", s.infeasible)),
    ];
    if s.errors > 0 {
        parts.push(style.severity(Severity::Error, &format!("{} not checked", s.errors)));
    }
    if s.skipped > 0 {
        parts.push(format!("{} skipped (delivered or lost)", s.skipped));
    }
    format!(
        "{} {}: {}",
        style.bold("Summary:"),
        plural(s.deals, "deal"),
        parts.join(", ")
    )
}

fn render_deal(deal: &DealReport, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let (mark, word) = match deal.verdict {
        Verdict::Feasible => ("✓", "FEASIBLE"),
        Verdict::AtRisk => ("!", "AT RISK"),
        Verdict::Infeasible => ("✗", "INFEASIBLE"),
    };
    let who = if deal.customer.is_empty() {
        escape_control(&deal.id)
    } else {
        format!(
            "{} · {}",
            escape_control(&deal.id),
            escape_control(&deal.customer)
        )
    };
    writeln!(
        out,
        "{}  {}",
        style.verdict(deal.verdict, &format!("{mark} {word}")),
        style.bold(&who)
    )?;
    writeln!(
        out,
        "  {}",
        style.dim(&format!(
            "{} · {} · deadline {} · {}",
            escape_control(&deal.path),
            deal.status.as_str(),
            deal.deadline,
            counts(deal)
        ))
    )?;
    for area in [
        Area::Features,
        Area::Schedule,
        Area::Availability,
        Area::Limits,
    ] {
        let gaps: Vec<&Gap> = deal
            .gaps
            .iter()
            .filter(|g| g.code().area() == area)
            .collect();
        let extra = section_lines(deal, area);
        if gaps.is_empty() && extra.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "  {}", style.bold(area.title()))?;
        for line in extra {
            writeln!(out, "    {}", escape_control(&line))?;
        }
        for gap in gaps {
            render_gap(gap, style, out)?;
        }
    }
    Ok(())
}

/// Plain-language figures of the schedule and availability sections.
pub(crate) fn section_lines(deal: &DealReport, area: Area) -> Vec<String> {
    match area {
        Area::Schedule => deal
            .schedule
            .as_ref()
            .map(|s| schedule_lines(s, deal.deadline))
            .unwrap_or_default(),
        Area::Availability => deal
            .availability
            .as_ref()
            .map(availability_lines)
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn render_gap(gap: &Gap, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let sev = gap.severity();
    let mark = match sev {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "·",
    };
    let head = format!("{mark} {} {}", gap.code().code(), gap.code().name());
    let place = gap
        .location
        .as_ref()
        .map(|l| escape_control(&l.to_string()))
        .unwrap_or_default();
    writeln!(
        out,
        "    {}  {}",
        style.severity(sev, &head),
        style.dim(&place)
    )?;
    writeln!(out, "      {}", escape_control(gap.message()))?;
    if let Some(s) = gap.suggestion() {
        writeln!(out, "      → {}", escape_control(s))?;
    }
    Ok(())
}

/// The schedule in a few plain lines: when it is done, the odds, and who is short.
fn schedule_lines(s: &ScheduleSection, deadline: chrono::NaiveDate) -> Vec<String> {
    let mut lines = Vec::new();
    if s.items.is_empty() {
        return lines;
    }
    if let Some(asked) = s.start_passed {
        lines.push(format!(
            "Work starts {} (today), not on the deal's start {asked}: that day has passed.",
            s.start
        ));
    }
    lines.push(match (s.delivery, s.slack_working_days) {
        (Some(d), Some(slack)) if !s.is_late(deadline) => {
            format!(
                "Delivery {d}: {} to spare before the deadline {deadline}.",
                plural(slack.max(0) as usize, "working day")
            )
        }
        (Some(d), slack) => format!(
            "Delivery {d}: {} late; {} open at the deadline ({} of overtime).",
            plural(slack.unwrap_or(0).unsigned_abs() as usize, "working day"),
            person_days(s.shortfall_person_days),
            hours(s.overtime_hours)
        ),
        (None, _) => "Not delivered within 10 years with the teams' capacity.".to_string(),
    });
    if let Some(p) = s.on_time_probability {
        let dates = |d: Option<chrono::NaiveDate>| {
            d.map_or("after 10 years".to_string(), |d| d.to_string())
        };
        // Only an answer known before the cap is settled by the simulations.
        let settled = match s.trials < s.trials_cap || s.trials == 1 {
            true => format!("{} simulations settle it", s.trials),
            false => format!(
                "{} simulations, the --trials cap: more would be surer",
                s.trials
            ),
        };
        lines.push(format!(
            "Chance of finishing on time: {:.0}% ({settled}); 50% done by {}, 85% by {}, 95% by {}.",
            p * 100.0,
            dates(s.p50),
            dates(s.p85),
            dates(s.p95)
        ));
    }
    for t in &s.teams {
        lines.push(format!(
            "Team {}: needs {}, has {} free before the deadline{}.",
            t.team,
            person_days(t.needed_person_days),
            t.free_person_days,
            capped(s, &t.team)
        ));
    }
    lines
}

/// What limits a team, from the check's data: " (2 of 3 free: Datacenter
/// migration holds 1; at most 1 person at once on "x"; at 80% focus)".
fn capped(s: &ScheduleSection, team: &str) -> String {
    use crate::check::schedule::TeamLimit;
    let Some(t) = s.teams.iter().find(|t| t.team == team) else {
        return String::new();
    };
    let people = |n: u32| {
        if n == 1 {
            "1 person".to_string()
        } else {
            format!("{n} people")
        }
    };
    let held: Vec<String> = t
        .limits
        .iter()
        .filter_map(|l| match l {
            TeamLimit::Commitment { what, people } => Some(format!("{what} holds {people}")),
            _ => None,
        })
        .collect();
    let held_people: u32 = t
        .limits
        .iter()
        .map(|l| match l {
            TeamLimit::Commitment { people, .. } => *people,
            _ => 0,
        })
        .sum();
    let mut parts = Vec::new();
    if !held.is_empty() {
        parts.push(format!(
            "{} of {} free: {}",
            t.people.saturating_sub(held_people),
            t.people,
            held.join(", ")
        ));
    }
    for l in &t.limits {
        match l {
            TeamLimit::MaxPeople { item, people: n } => {
                parts.push(format!("at most {} at once on \"{item}\"", people(*n)));
            }
            TeamLimit::Focus { focus } => {
                parts.push(format!(
                    "at {}% focus",
                    crate::figures::number_text(focus * 100.0)
                ));
            }
            TeamLimit::Commitment { .. } => {}
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

fn person_days(x: f64) -> String {
    if x == 1.0 {
        "1 person-day".to_string()
    } else {
        format!("{x} person-days")
    }
}

fn hours(x: f64) -> String {
    if x == 1.0 {
        "1 hour".to_string()
    } else {
        format!("{x} hours")
    }
}

/// The promise and the offer in words a salesperson can repeat; where the
/// promised hours are narrower than a figure's own window, it says that all
/// allowed downtime may fall in those hours.
fn availability_lines(a: &AvailabilitySection) -> Vec<String> {
    let p = &a.promised;
    let mut lines = vec![format!(
        "You promised {} over {}: at most {} of downtime a month.",
        format_percent(p.target),
        p.window,
        format_duration_minutes(a.downtime_per_month_minutes.promised)
    )];
    match (&a.offered, a.downtime_per_month_minutes.offered) {
        (Some(o), Some(down)) if o.weekly_minutes == p.weekly_minutes => lines.push(format!(
            "Tier \"{}\" guarantees {} over {}: operations can stand behind at most {} ({} of downtime a month).",
            o.tier,
            format_percent(o.availability),
            o.window,
            format_percent(o.guaranteed_in_promised_window),
            format_duration_minutes(down)
        )),
        (Some(o), Some(down)) => lines.push(format!(
            "Tier \"{}\" guarantees {} over {}; in the worst case all its allowed downtime falls in your hours, so operations can stand behind at most {} in them ({} of downtime a month).",
            o.tier,
            format_percent(o.availability),
            o.window,
            format_percent(o.guaranteed_in_promised_window),
            format_duration_minutes(down)
        )),
        _ => lines.push("No tier covers those hours.".to_string()),
    }
    if let (Some(c), Some(c24)) = (a.composite_availability, a.composite_24x7) {
        let names = a.components.join(", ");
        lines.push(if p.weekly_minutes >= crate::window::MINUTES_PER_WEEK {
            format!(
                "The components it runs on ({names}) reach {} together.",
                format_percent(c)
            )
        } else {
            format!(
                "The components it runs on ({names}) reach {} together around the clock; in the worst case all their downtime falls in your hours: {} in them.",
                format_percent(c24),
                format_percent(c)
            )
        });
    }
    lines
}
