//! The report value every output format renders, and the verdict.
//!
//! Renderers (one module per `--format`) only read this value; they never
//! compute a figure the checks did not.

pub mod csv;
mod format;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod lint;
pub mod markdown;
pub mod sarif;
pub mod stream;

pub use format::{
    CheckRun, Format, RenderOptions, RunEnd, RunHeader, Tally, recycle, render_report,
};
pub use stream::{Gathered, Refused, Renderer, Stream};

use crate::check::DealCheck;
use crate::check::availability::AvailabilitySection;
use crate::check::schedule::ScheduleSection;
use crate::gap::{Gap, Severity};
use crate::model::Deal;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

pub(crate) use crate::text::plural;

pub use crate::gap::Verdict;

/// The version of the JSON output; bumped only for incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// The report of one deal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DealReport {
    pub path: String,
    pub id: String,
    pub customer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    pub status: crate::model::DealStatus,
    /// The first day work may happen (the deal's `start`, else `--as-of`).
    #[serde(serialize_with = "crate::figures::ser_date")]
    pub start: NaiveDate,
    #[serde(serialize_with = "crate::figures::ser_date")]
    pub deadline: NaiveDate,
    pub verdict: Verdict,
    pub gaps: Vec<Gap>,
    pub schedule: Option<ScheduleSection>,
    pub availability: Option<AvailabilitySection>,
}

impl DealReport {
    /// The report of a deal from what the checks found.
    pub fn new(deal: &Deal, check: DealCheck) -> DealReport {
        DealReport {
            path: deal.path.display().to_string(),
            id: deal.id.clone(),
            customer: deal.customer.clone(),
            owner: deal.owner.clone(),
            status: deal.status,
            start: check.start,
            deadline: deal.deadline,
            verdict: check.verdict,
            gaps: check.gaps,
            schedule: check.schedule,
            availability: check.availability,
        }
    }

    /// How many gaps of a severity the deal has.
    pub fn count(&self, severity: Severity) -> usize {
        self.gaps
            .iter()
            .filter(|g| g.severity() == severity)
            .count()
    }
}

/// A file that could not be judged (exit 2 for it), reported beside the rest:
/// an element of the JSON report's `errors`, and a line of `jsonl`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FileError {
    pub path: String,
    /// Every problem, one `path:line:column: message` line each.
    pub problems: Vec<String>,
    /// The same problems, one object each, in the same order.
    pub diagnostics: Vec<Diagnostic>,
}

/// One problem of a file that could not be judged, located where possible.
/// Text is printed with control characters escaped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// The file the problem is in (a deal's catalog, for a broken catalog).
    pub path: String,
    /// 1-based line; `null` for a problem with the file as a whole.
    pub line: Option<usize>,
    /// 1-based column in characters (Unicode code points); `null` with `line`.
    pub column: Option<usize>,
    pub message: String,
    /// How to fix it, when known.
    pub help: Option<String>,
}

impl Diagnostic {
    /// `path:line:column: message` (or `path: message`), like `problems`.
    pub fn headline(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}: {}", self.path, self.message),
            _ => format!("{}: {}", self.path, self.message),
        }
    }
}

impl FileError {
    /// The report entry of a file whose problems are `errors`.
    pub fn new(errors: &crate::source::InputErrors) -> FileError {
        use crate::text::escape_control;
        let diagnostics: Vec<Diagnostic> = errors
            .problems
            .iter()
            .map(|p| Diagnostic {
                path: p
                    .location
                    .as_ref()
                    .map_or_else(|| p.path.display().to_string(), |l| l.path.to_string()),
                line: p.location.as_ref().map(|l| l.line),
                column: p.location.as_ref().map(|l| l.column),
                message: escape_control(&p.message),
                help: p.help.as_deref().map(escape_control),
            })
            .collect();
        FileError {
            path: errors
                .problems
                .first()
                .map(|p| p.path.display().to_string())
                .unwrap_or_default(),
            problems: errors.problems.iter().map(|p| p.headline()).collect(),
            diagnostics,
        }
    }
}

/// Counts over all deals of a run.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Summary {
    pub deals: usize,
    pub feasible: usize,
    pub at_risk: usize,
    pub infeasible: usize,
    /// Files that could not be judged.
    pub errors: usize,
    /// Deals marked delivered or lost: history, not judged.
    #[serde(default)]
    pub skipped: usize,
}

/// Which catalog the deals were checked against.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CatalogRef {
    pub path: String,
    pub name: String,
}

/// The tool and version that wrote a report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Default for Tool {
    fn default() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// The whole run: what every format renders.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub as_of: NaiveDate,
    pub catalog: Option<CatalogRef>,
    pub summary: Summary,
    pub deals: Vec<DealReport>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FileError>,
    /// Per catalog, its book of signed deals (left out with `--alone`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub book: Vec<crate::book::BookSummary>,
    /// With `--portfolio`: capacity across signed and proposed deals, per catalog.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub portfolio: Vec<crate::book::PortfolioSummary>,
}

impl Report {
    pub fn new(
        as_of: NaiveDate,
        catalog: Option<CatalogRef>,
        deals: Vec<DealReport>,
        errors: Vec<FileError>,
    ) -> Report {
        let summary = Summary {
            deals: deals.len(),
            feasible: deals
                .iter()
                .filter(|d| d.verdict == Verdict::Feasible)
                .count(),
            at_risk: deals
                .iter()
                .filter(|d| d.verdict == Verdict::AtRisk)
                .count(),
            infeasible: deals
                .iter()
                .filter(|d| d.verdict == Verdict::Infeasible)
                .count(),
            errors: errors.len(),
            skipped: 0,
        };
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            as_of,
            catalog,
            summary,
            deals,
            errors,
            book: Vec::new(),
            portfolio: Vec::new(),
        }
    }
}

/// "2 errors, 1 warning" for a deal, or "no gaps": shared by the text formats.
pub(crate) fn counts(deal: &DealReport) -> String {
    let parts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "note"),
    ]
    .into_iter()
    .filter(|(s, _)| deal.count(*s) > 0)
    .map(|(s, word)| plural(deal.count(s), word))
    .collect();
    if parts.is_empty() {
        "no gaps".to_string()
    } else {
        parts.join(", ")
    }
}

/// What a book says when there is something to say: the signed deals
/// that hold capacity (and the late ones), the skipped deals, the files
/// left out.
pub(crate) fn book_lines(b: &crate::book::BookSummary) -> Vec<String> {
    let mut lines = Vec::new();
    if !b.signed.is_empty() {
        let late = if b.signed_late.is_empty() {
            String::new()
        } else {
            format!("; late in their own plan: {}", b.signed_late.join(", "))
        };
        lines.push(format!(
            "Book ({}): {} hold{} capacity before anything proposed{late}.",
            b.catalog,
            plural(b.signed.len(), "signed deal"),
            if b.signed.len() == 1 { "s" } else { "" },
        ));
    }
    if !b.skipped.is_empty() {
        lines.push(format!(
            "Skipped (delivered or lost, not judged): {}.",
            b.skipped.join(", ")
        ));
    }
    for u in &b.unreadable {
        let at = match (u.line, u.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", u.path),
            _ => u.path.clone(),
        };
        lines.push(format!(
            "Warning: {at} is left out of the book: {}",
            u.message
        ));
    }
    lines
}

/// The portfolio outcome: booked signed deals, and whether the proposed fit.
pub(crate) fn portfolio_lines(p: &crate::book::PortfolioSummary) -> Vec<String> {
    let mut lines = vec![format!(
        "Portfolio ({}): {} signed deal{} booked first, {} proposed.",
        p.catalog,
        p.signed.len(),
        if p.signed.len() == 1 { "" } else { "s" },
        p.proposed
    )];
    if !p.signed_late.is_empty() {
        lines.push(format!(
            "Signed deals already late: {}.",
            p.signed_late.join(", ")
        ));
    }
    lines.push(match &p.first_breaking {
        None => "All proposed deals fit together in the capacity that is left.".to_string(),
        Some(id) => format!("Proposed deals do not all fit: {id} is the first to run late once the deals before it are booked."),
    });
    lines
}
