//! The offer's renderers: `human` (the two variants side by side, in a
//! salesperson's words) and `json` (the `offers[]` document), and the
//! offer's JSON Schema. They only read the [`Offer`] values.

use super::{Offer, OfferReport, Variant};
use crate::text::escape_control as esc;
use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use std::io::{self, Write};

crate::choice::choice! {
    /// The output formats of `offer`.
    pub enum OfferFormat {
        Human = "human" => "The two variants side by side, what changed and why, the cost of yes",
        Json = "json" => "One JSON document with `offers[]`",
        Toml = "toml" => "The chosen variant as a deal file (exactly one deal)",
    }
}

crate::choice::choice! {
    /// Which variant `offer --format toml` writes.
    pub enum VariantChoice {
        OnDate = "on-date" => "Keep the deadline, phase out what cannot be done by then",
        Complete = "complete" => "Keep everything deliverable, move the deadline",
    }
}

/// The offers as one JSON document.
pub fn json(report: &OfferReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// The JSON Schema of `offer --format json` (`dealcheck schema offer`).
pub fn schema() -> Schema {
    let mut generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(crate::report::json::close_objects))
        .into_generator();
    let mut root = generator.root_schema_for::<OfferReport>();
    root.insert("title".into(), "dealcheck offer output".into());
    crate::report::json::close_objects(&mut root);
    root
}

/// One offer for a person: the two variants side by side, what changed
/// and why, what was dropped, and the cost of saying yes.
pub fn human(offer: &Offer, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "OFFER  {} · {}  (as asked: {})",
        esc(&offer.id),
        esc(&offer.customer),
        offer.asked_verdict.as_str()
    )?;
    writeln!(out, "  {}", esc(&offer.path))?;
    writeln!(out)?;
    let on = offer.on_date.as_ref();
    let c = &offer.complete;
    let rows: Vec<(&str, String, String)> = vec![
        (
            "Deadline",
            on.map_or("-".into(), |v| v.deadline.to_string()),
            c.deadline.to_string(),
        ),
        (
            "Features",
            cell(on, |v| list(&v.features)),
            list(&c.features),
        ),
        (
            "Custom work",
            cell(on, |v| list(&v.custom)),
            list(&c.custom),
        ),
        ("Availability", cell(on, availability), availability(c)),
        ("Requirements", cell(on, requirements), requirements(c)),
        (
            "Verdict",
            cell(on, |v| v.verdict.as_str().to_string()),
            c.verdict.as_str().to_string(),
        ),
    ];
    let width = rows
        .iter()
        .map(|r| r.1.chars().count())
        .chain(["Keep the date".len()])
        .max()
        .unwrap_or(0);
    let (keep, all) = ("Keep the date", "Deliver everything");
    writeln!(out, "  {:<14}{keep:<width$}   {all}", "")?;
    for (label, a, b) in &rows {
        writeln!(out, "  {label:<14}{a:<width$}   {b}")?;
    }
    match on {
        None => writeln!(
            out,
            "\n  The deadline is before work can start: only a new date can be offered."
        )?,
        Some(v) if !v.phase_2.is_empty() => {
            writeln!(out, "\n  Phase 2 (keeping the date, these follow later)")?;
            for p in &v.phase_2 {
                writeln!(
                    out,
                    "    · {} by {}: {} ({})",
                    esc(&p.id),
                    p.date,
                    esc(&p.why),
                    p.code
                )?;
            }
        }
        _ => {}
    }
    if !offer.changes.is_empty() {
        writeln!(out, "\n  What changed and why")?;
        for ch in &offer.changes {
            let offered = ch.offered.as_deref().map_or("removed".to_string(), esc);
            let only = ch
                .variant
                .as_deref()
                .map_or(String::new(), |v| format!(" [{}]", v.replace('_', "-")));
            writeln!(
                out,
                "    · {}: {} → {}{only}: {} ({})",
                esc(&ch.subject),
                esc(&ch.asked),
                offered,
                esc(&ch.why),
                ch.code
            )?;
        }
    }
    if !offer.dropped.is_empty() {
        writeln!(out, "\n  Left out of both (cannot be delivered)")?;
        for d in &offer.dropped {
            writeln!(
                out,
                "    ✗ {}: {} ({})",
                esc(&d.subject),
                esc(&d.why),
                d.code
            )?;
        }
    }
    if !offer.alternatives.is_empty() {
        writeln!(out, "\n  Better availability with more features")?;
        for a in &offer.alternatives {
            writeln!(
                out,
                "    · add {}: {}% over {}{} (tier \"{}\")",
                esc(&a.add_features.join(", ")),
                a.target,
                esc(&a.window),
                a.support_response
                    .as_deref()
                    .map_or(String::new(), |s| format!(", support {}", esc(s))),
                esc(&a.tier)
            )?;
        }
    }
    let cost = &offer.cost_of_yes;
    writeln!(out, "\n  The cost of yes (signing as asked)")?;
    if cost.overtime_hours > 0.0 || cost.shortfall_person_days > 0.0 {
        let teams: Vec<String> = cost
            .teams
            .iter()
            .map(|t| {
                format!(
                    "{} {} person-days ({} hours)",
                    esc(&t.team),
                    t.shortfall_person_days,
                    t.overtime_hours
                )
            })
            .collect();
        writeln!(
            out,
            "    {} hours of overtime: {} person-days still open at the deadline{}.",
            cost.overtime_hours,
            cost.shortfall_person_days,
            if teams.is_empty() {
                String::new()
            } else {
                format!(" ({})", teams.join("; "))
            }
        )?;
    } else {
        writeln!(
            out,
            "    No overtime: the teams finish the work by the deadline."
        )?;
    }
    if !cost.impossible.is_empty() {
        writeln!(
            out,
            "    No amount of overtime buys: {}.",
            esc(&cost.impossible.join(", "))
        )?;
    }
    Ok(())
}

fn cell(v: Option<&Variant>, f: impl Fn(&Variant) -> String) -> String {
    v.map_or("-".to_string(), f)
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        esc(&items.join(", "))
    }
}

fn availability(v: &Variant) -> String {
    match &v.availability {
        None => "no promise".to_string(),
        Some(a) => format!(
            "{}% over {}{}",
            a.target,
            esc(&a.window),
            a.support_response
                .as_deref()
                .map_or(String::new(), |s| format!(", support {}", esc(s)))
        ),
    }
}

fn requirements(v: &Variant) -> String {
    if v.requirements.is_empty() {
        return "none".to_string();
    }
    let parts: Vec<String> = v
        .requirements
        .iter()
        .map(|(k, val)| format!("{} {}", esc(k), esc(&val.to_string())))
        .collect();
    parts.join(", ")
}
