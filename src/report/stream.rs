//! One interface every output format implements, fed one deal at a time.
//!
//! The run calls `begin`, then `deal` or `unjudged` for each file in path
//! order, then `finish`. Formats that can write as they go (human, jsonl,
//! json, github) do; a format whose document needs the whole run first
//! (markdown's summary table, SARIF, JUnit's counts) gathers the reports in
//! [`Gathered`] and writes at `finish`. Adding a format is one module with a
//! `Renderer` and one line in [`Format::renderer`].

use super::{
    CatalogRef, DealReport, FileError, Report, SCHEMA_VERSION, Summary, Tool, Verdict, github,
    human, json, junit, markdown, sarif,
};
use crate::check::portfolio::PortfolioSummary;
use crate::exit::FailOn;
use chrono::NaiveDate;
use std::io::{self, Write};

/// What is known before the first deal.
#[derive(Debug, Clone)]
pub struct RunHeader {
    pub as_of: NaiveDate,
    /// The catalog of the first deal, if any deal was found.
    pub catalog: Option<CatalogRef>,
}

/// What is known after the last deal.
#[derive(Debug, Clone, Default)]
pub struct RunEnd {
    pub summary: Summary,
    /// With `--portfolio`: capacity across signed and proposed deals.
    pub portfolio: Vec<PortfolioSummary>,
}

/// An output format, written as the run goes.
pub trait Renderer {
    fn begin(&mut self, run: &RunHeader, out: &mut dyn Write) -> io::Result<()>;
    fn deal(&mut self, deal: &DealReport, out: &mut dyn Write) -> io::Result<()>;
    /// A deal this format rendered on its own ([`Format::prepare`]): the
    /// bytes only need writing, in order.
    fn prepared(&mut self, bytes: &[u8], out: &mut dyn Write) -> io::Result<()> {
        out.write_all(bytes)
    }
    /// A file that could not be judged (its problems went to standard error).
    fn unjudged(&mut self, file: &FileError, out: &mut dyn Write) -> io::Result<()>;
    fn finish(&mut self, end: &RunEnd, out: &mut dyn Write) -> io::Result<()>;
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
    pub fn renderer(self, options: RenderOptions) -> Box<dyn Renderer> {
        match self {
            Format::Human => Box::new(human::Human::new(options.color)),
            Format::Json => Box::new(json::Document::default()),
            Format::Jsonl => Box::new(json::Lines::default()),
            Format::Github => Box::new(github::Annotations::default()),
            Format::Markdown => Box::new(Gathered::new(markdown::render)),
            Format::Sarif => Box::new(Gathered::new(sarif::render)),
            Format::Junit => Box::new(Gathered::new(move |report, out| {
                junit::render(report, options.fail_on, out)
            })),
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

type WholeReport = Box<dyn Fn(&Report, &mut dyn Write) -> io::Result<()>>;

/// A format that needs the whole run: keeps every report, writes at finish.
pub struct Gathered {
    write: WholeReport,
    header: Option<RunHeader>,
    deals: Vec<DealReport>,
    errors: Vec<FileError>,
}

impl Gathered {
    pub fn new(write: impl Fn(&Report, &mut dyn Write) -> io::Result<()> + 'static) -> Gathered {
        Gathered {
            write: Box::new(write),
            header: None,
            deals: Vec::new(),
            errors: Vec::new(),
        }
    }
}

impl Renderer for Gathered {
    fn begin(&mut self, run: &RunHeader, _: &mut dyn Write) -> io::Result<()> {
        self.header = Some(run.clone());
        Ok(())
    }
    fn deal(&mut self, deal: &DealReport, _: &mut dyn Write) -> io::Result<()> {
        self.deals.push(deal.clone());
        Ok(())
    }
    fn unjudged(&mut self, file: &FileError, _: &mut dyn Write) -> io::Result<()> {
        self.errors.push(file.clone());
        Ok(())
    }
    fn finish(&mut self, end: &RunEnd, out: &mut dyn Write) -> io::Result<()> {
        let header = self.header.take().unwrap_or(RunHeader {
            as_of: NaiveDate::default(),
            catalog: None,
        });
        let report = Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            as_of: header.as_of,
            catalog: header.catalog,
            summary: end.summary.clone(),
            deals: std::mem::take(&mut self.deals),
            errors: std::mem::take(&mut self.errors),
            portfolio: end.portfolio.clone(),
        };
        (self.write)(&report, out)
    }
}

/// Renders a whole report through a renderer: for tests and for callers
/// that already hold every deal.
pub fn render_report(
    report: &Report,
    renderer: &mut dyn Renderer,
    out: &mut dyn Write,
) -> io::Result<()> {
    let header = RunHeader {
        as_of: report.as_of,
        catalog: report.catalog.clone(),
    };
    renderer.begin(&header, out)?;
    for deal in &report.deals {
        renderer.deal(deal, out)?;
    }
    for error in &report.errors {
        renderer.unjudged(error, out)?;
    }
    renderer.finish(
        &RunEnd {
            summary: report.summary.clone(),
            portfolio: report.portfolio.clone(),
        },
        out,
    )
}
