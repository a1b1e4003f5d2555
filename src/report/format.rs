//! What `check` renders: the [`CheckRun`] stream (a deal's report per item)
//! and its output formats, [`Format`]. Adding a format is one module with a
//! `Renderer<CheckRun>` and one line in [`Format`] and [`Format::renderer`].

use super::stream::{Gathered, Renderer, Stream};
use super::{
    CatalogRef, DealReport, FileError, Report, SCHEMA_VERSION, Summary, Tool, Verdict, github,
    html, human, json, junit, markdown, sarif,
};
use crate::book::PortfolioSummary;
use crate::exit::FailOn;
use chrono::NaiveDate;
use std::io::{self, Write};

/// A `check` run: one [`DealReport`] per deal, in path order.
pub enum CheckRun {}

impl Stream for CheckRun {
    type Head = RunHeader;
    type Item = DealReport;
    type End = RunEnd;
    type Whole = Report;

    fn whole(
        head: RunHeader,
        deals: Vec<DealReport>,
        errors: Vec<FileError>,
        end: &RunEnd,
    ) -> Report {
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            as_of: head.as_of,
            catalog: head.catalog,
            summary: end.summary.clone(),
            deals,
            errors,
            book: end.book.clone(),
            portfolio: end.portfolio.clone(),
        }
    }
}

/// What is known before the first deal.
#[derive(Debug, Clone)]
pub struct RunHeader {
    pub as_of: NaiveDate,
    /// The catalog of the first deal, if any deal was found.
    pub catalog: Option<CatalogRef>,
    /// How many deal files the run judges (a format may need exactly one).
    pub deals: usize,
}

/// What is known after the last deal.
#[derive(Debug, Clone, Default)]
pub struct RunEnd {
    pub summary: Summary,
    /// Per catalog, its book of signed deals.
    pub book: Vec<crate::book::BookSummary>,
    /// With `--portfolio`: capacity across signed and proposed deals.
    pub portfolio: Vec<PortfolioSummary>,
}

crate::choice::choice! {
    /// The output formats of `check`.
    pub enum Format {
        Human = "human" => "Plain language for people, coloured on a terminal",
        Json = "json" => "One JSON document (schema_version 1)",
        Jsonl = "jsonl" => "One JSON object per deal, one per line",
        Markdown = "markdown" => "A Markdown summary to post as a pull-request comment",
        Github = "github" => "GitHub Actions annotations on the deal files' lines",
        Sarif = "sarif" => "SARIF 2.1.0, for code-scanning dashboards",
        Junit = "junit" => "JUnit XML: one test case per deal, for any CI server's test view",
        Html = "html" => "One self-contained HTML page with a timeline and availability week per deal",
    }
}

/// What a renderer needs to know about the run besides the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Colour (only `human` uses it).
    pub color: bool,
    /// The verdict from which a deal fails the run: JUnit fails exactly
    /// those test cases.
    pub fail_on: FailOn,
}

impl Default for RenderOptions {
    /// No colour, `--fail-on infeasible` (the command line's default).
    fn default() -> RenderOptions {
        RenderOptions {
            color: false,
            fail_on: FailOn::Infeasible,
        }
    }
}

/// Written buffers of [`Format::prepare`], emptied, for the next deals.
static BUFFERS: std::sync::Mutex<Vec<Vec<u8>>> = std::sync::Mutex::new(Vec::new());

/// Buffers kept for reuse at most: the deals in flight at once (two chunks
/// of a run), so memory stays what the run needs at its busiest.
const POOLED: usize = 512;

/// Hands the bytes of [`Format::prepare`] back once written.
pub fn recycle(mut bytes: Vec<u8>) {
    bytes.clear();
    if let Ok(mut pool) = BUFFERS.lock()
        && pool.len() < POOLED
    {
        pool.push(bytes);
    }
}

impl Format {
    /// A deal's output when it depends on that deal alone (one jsonl line),
    /// so the run can work it out on the worker threads; `None` for formats
    /// whose output of a deal depends on the rest of the run.
    ///
    /// The bytes come from a pool that [`recycle`] refills once they are
    /// written: a run of thousands of deals reuses a few hundred buffers
    /// instead of allocating (and growing) one per deal.
    pub fn prepare(self, deal: &DealReport) -> Option<Vec<u8>> {
        match self {
            Format::Jsonl => {
                let mut line = BUFFERS
                    .lock()
                    .ok()
                    .and_then(|mut pool| pool.pop())
                    .unwrap_or_else(|| Vec::with_capacity(16 * 1024));
                json::deal_line(deal, &mut line).ok()?;
                Some(line)
            }
            _ => None,
        }
    }

    /// The renderer of this format.
    pub fn renderer(self, options: RenderOptions) -> Box<dyn Renderer<CheckRun>> {
        match self {
            Format::Human => Box::new(human::Human::new(options.color)),
            Format::Json => Box::new(json::Document::default()),
            Format::Jsonl => Box::new(json::Lines::default()),
            Format::Github => Box::new(github::Annotations::default()),
            Format::Markdown => Box::new(Gathered::<CheckRun>::new(markdown::render)),
            Format::Sarif => Box::new(Gathered::<CheckRun>::new(sarif::render)),
            Format::Junit => Box::new(Gathered::<CheckRun>::new(move |report, out| {
                junit::render(report, options.fail_on, out)
            })),
            Format::Html => Box::new(html::Page::default()),
        }
    }
}

/// Counts verdicts and unjudged files as they pass, for the summary and the
/// exit code, without keeping the reports.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub summary: Summary,
    pub worst: Option<Verdict>,
}

impl Tally {
    pub fn deal(&mut self, verdict: Verdict) {
        let s = &mut self.summary;
        s.deals += 1;
        match verdict {
            Verdict::Feasible => s.feasible += 1,
            Verdict::AtRisk => s.at_risk += 1,
            Verdict::Infeasible => s.infeasible += 1,
        }
        self.worst = self.worst.max(Some(verdict));
    }

    pub fn unjudged(&mut self) {
        self.summary.errors += 1;
    }
}

/// Renders a whole report through a renderer: for tests and for callers
/// that already hold every deal.
pub fn render_report(
    report: &Report,
    renderer: &mut dyn Renderer<CheckRun>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let header = RunHeader {
        as_of: report.as_of,
        catalog: report.catalog.clone(),
        deals: report.deals.len() + report.errors.len(),
    };
    let end = RunEnd {
        summary: report.summary.clone(),
        book: report.book.clone(),
        portfolio: report.portfolio.clone(),
    };
    super::stream::render_all(renderer, &header, &report.deals, &report.errors, &end, out)
}
