//! What `offer` renders: the [`OfferRun`] stream (one deal's offer per
//! item, rendered as the deal is judged) and its formats: `human` (the two
//! variants side by side, in a salesperson's words), `json` (the
//! `offers[]` document, its head written before the first offer) and
//! `toml` (one variant as the deal file, edited from the text the deal was
//! loaded from); and the offer's JSON Schema. They only read the [`Offer`]
//! values and the deal as loaded.

use super::{Offer, OfferReport, Variant};
use crate::choice::Choice;
use crate::model::Deal;
use crate::report::json::{close_array, element, split_at_array};
use crate::report::{FileError, Refused, Renderer, RunHeader, SCHEMA_VERSION, Stream, Tool};
use crate::source::Source;
use crate::text::escape_control as esc;
use chrono::NaiveDate;
use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use std::io::{self, Write};
use std::sync::Arc;

/// An `offer` run: one [`Offered`] deal per item, in path order.
pub enum OfferRun {}

/// One deal's offer, with the deal as loaded: what `--format toml` edits.
#[derive(Debug, Clone)]
pub struct Offered {
    pub offer: Offer,
    pub deal: Deal,
    /// The file the deal was loaded from (or standard input).
    pub source: Arc<Source>,
}

impl Stream for OfferRun {
    type Head = RunHeader;
    type Item = Offered;
    type End = ();
    type Whole = OfferReport;

    fn whole(head: RunHeader, items: Vec<Offered>, errors: Vec<FileError>, _: &()) -> OfferReport {
        OfferReport {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            as_of: head.as_of,
            catalog: head.catalog,
            offers: items.into_iter().map(|i| i.offer).collect(),
            errors,
        }
    }
}

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

impl OfferFormat {
    /// The renderer of this format; `variant` is the one `toml` writes.
    pub fn renderer(self, variant: VariantChoice) -> Box<dyn Renderer<OfferRun>> {
        match self {
            OfferFormat::Human => Box::new(Human::default()),
            OfferFormat::Json => Box::new(Document::default()),
            OfferFormat::Toml => Box::new(DealFile {
                variant,
                as_of: None,
            }),
        }
    }
}

/// The offers as one JSON document (all at once).
pub fn json(report: &OfferReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// Each offer for a person as it comes, a blank line between two.
#[derive(Default)]
struct Human {
    offers: usize,
}

impl Renderer<OfferRun> for Human {
    fn begin(&mut self, _: &RunHeader, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn item(&mut self, item: &Offered, out: &mut dyn Write) -> io::Result<()> {
        if self.offers > 0 {
            writeln!(out)?;
        }
        self.offers += 1;
        human(&item.offer, out)
    }

    /// The problems went to standard error; the offers say nothing of it.
    fn unjudged(&mut self, _: &FileError, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _: &(), _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// The `offers` document, byte for byte what [`json`] writes of the whole
/// run: its head before the first offer, each offer as it comes, the files
/// that could not be judged (which follow the offers) at the end.
#[derive(Default)]
struct Document {
    header: Option<RunHeader>,
    offers: usize,
    errors: Vec<FileError>,
}

impl Document {
    /// The document without offers, pretty-printed.
    fn skeleton(&self, header: &RunHeader) -> io::Result<String> {
        let report = OfferRun::whole(header.clone(), Vec::new(), self.errors.clone(), &());
        Ok(serde_json::to_string_pretty(&report)?)
    }
}

impl Renderer<OfferRun> for Document {
    fn begin(&mut self, header: &RunHeader, out: &mut dyn Write) -> io::Result<()> {
        let text = self.skeleton(header)?;
        out.write_all(split_at_array(&text, "offers").0.as_bytes())?;
        self.header = Some(header.clone());
        Ok(())
    }

    fn item(&mut self, item: &Offered, out: &mut dyn Write) -> io::Result<()> {
        element(&item.offer, self.offers, out)?;
        self.offers += 1;
        Ok(())
    }

    fn unjudged(&mut self, file: &FileError, _: &mut dyn Write) -> io::Result<()> {
        self.errors.push(file.clone());
        Ok(())
    }

    fn finish(&mut self, _: &(), out: &mut dyn Write) -> io::Result<()> {
        let header = self
            .header
            .take()
            .ok_or_else(crate::report::stream::not_begun)?;
        let text = self.skeleton(&header)?;
        close_array(split_at_array(&text, "offers").1, self.offers, out)
    }
}

/// One variant as the deal file: exactly one deal, edited in place from the
/// text it was loaded from. Anything else is refused before a byte is
/// written.
struct DealFile {
    variant: VariantChoice,
    as_of: Option<NaiveDate>,
}

impl Renderer<OfferRun> for DealFile {
    fn begin(&mut self, header: &RunHeader, _: &mut dyn Write) -> io::Result<()> {
        if header.deals != 1 {
            return Err(Refused::because(format!(
                "--format toml writes one deal file, but {} deals were found: name exactly one deal file",
                header.deals
            )));
        }
        self.as_of = Some(header.as_of);
        Ok(())
    }

    fn item(&mut self, item: &Offered, out: &mut dyn Write) -> io::Result<()> {
        let as_of = self.as_of.ok_or_else(crate::report::stream::not_begun)?;
        let offer = &item.offer;
        let variant = match self.variant {
            VariantChoice::OnDate => offer.on_date.as_ref(),
            VariantChoice::Complete => Some(&offer.complete),
        };
        let Some(variant) = variant else {
            return Err(Refused::because(format!(
                "{} has no on-date variant (its deadline is before work can start): use --variant complete",
                esc(&offer.path)
            )));
        };
        let name = self.variant.as_str();
        let text =
            super::toml::rewrite(item.source.text(), &item.deal, &variant.edits, name, as_of)
                .map_err(|e| {
                    io::Error::other(format!("cannot edit {}: {e}", item.deal.path.display()))
                })?;
        out.write_all(text.as_bytes())
    }

    /// The one deal could not be judged (its problems already said): no
    /// deal file.
    fn unjudged(&mut self, _: &FileError, _: &mut dyn Write) -> io::Result<()> {
        Err(Refused::silently())
    }

    fn finish(&mut self, _: &(), _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
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
    } else if cost.impossible.iter().any(|s| s == "deal.deadline") {
        // S002 / S006: the date, not the work, is the problem.
        writeln!(
            out,
            "    No overtime helps: work cannot start before the deadline."
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
