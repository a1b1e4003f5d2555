//! What `offer` renders: the [`OfferRun`] stream (one deal's offer per
//! item, rendered as the deal is judged) and its formats: `human` (the two
//! variants side by side, in a salesperson's words), `json` (the
//! `offers[]` document, its head written before the first offer) and
//! `toml` (one variant as the deal file, edited from the text the deal was
//! loaded from); and the offer's JSON Schema. They only read the [`Offer`]
//! values and the deal as loaded.

mod html;
pub mod human;

use super::{Offer, OfferReport};
use crate::choice::Choice;
use crate::model::Deal;
use crate::report::json::{close_array, element, split_at_array};
use crate::report::{FileError, Refused, Renderer, RunHeader, SCHEMA_VERSION, Stream, Tool};
use crate::source::Source;
use crate::text::escape_control as esc;
use chrono::NaiveDate;
use schemars::Schema;
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

impl Offered {
    /// True when operations can sign the deal as asked: its `on_date`
    /// variant is the deal unchanged (what `offer -q` exits 0 for).
    pub fn signable_as_asked(&self) -> bool {
        self.offer
            .on_date
            .as_ref()
            .is_some_and(|v| v.edits.is_identity(&self.deal))
    }
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
        Html = "html" => "One self-contained HTML page: the variants side by side, phase 2 on a timeline",
    }
}

crate::choice::choice! {
    /// Which variant `offer --format toml` writes.
    pub enum VariantChoice {
        OnDate = "on-date" => "Keep the deadline, phase out what cannot be done by then",
        Complete = "complete" => "Keep everything deliverable, move the deadline",
    }
}

/// How an offer is rendered, besides its format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OfferRenderOptions {
    /// The variant `toml` writes (on-date when not given) and the only one
    /// `human` and `html` show (both when not given); `json` always has both.
    pub variant: Option<VariantChoice>,
    /// Paint `human` output (the styles of `check`'s).
    pub color: bool,
    /// The columns `human` output fits in (never fewer than
    /// [`human::MIN_WIDTH`]); `None`: as wide as its lines are.
    pub width: Option<usize>,
}

impl OfferFormat {
    /// The renderer of this format.
    pub fn renderer(self, options: OfferRenderOptions) -> Box<dyn Renderer<OfferRun>> {
        match self {
            OfferFormat::Human => Box::new(human::Human::new(options)),
            OfferFormat::Json => Box::new(Document::default()),
            OfferFormat::Toml => Box::new(DealFile {
                variant: options.variant.unwrap_or(VariantChoice::OnDate),
                as_of: None,
            }),
            OfferFormat::Html => Box::new(html::Page::new(options.variant)),
        }
    }
}

/// The offers as one JSON document (all at once).
pub fn json(report: &OfferReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
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
    crate::report::json::document_schema::<OfferReport>("dealcheck offer output")
}
