//! The report of `catalog lint`: the catalog's coded findings (C001–C006),
//! in the formats a CI job reads them in.

use super::{CatalogRef, SCHEMA_VERSION, Tool, github};
use crate::gap::Gap;
use crate::text::{escape_control, markdown as text, plural};
use serde::Serialize;
use std::io::{self, Write};

/// What `catalog lint` found about a catalog that loads.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LintReport {
    pub schema_version: u32,
    pub tool: Tool,
    pub catalog: CatalogRef,
    /// How many features, teams, components, tiers and limits it has.
    pub counts: CatalogCounts,
    pub findings: Vec<Gap>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CatalogCounts {
    pub features: usize,
    pub teams: usize,
    pub components: usize,
    pub tiers: usize,
    pub limits: usize,
}

impl LintReport {
    pub fn new(catalog: &crate::model::Catalog, findings: Vec<Gap>) -> LintReport {
        LintReport {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            catalog: CatalogRef {
                path: catalog.path.display().to_string(),
                name: catalog.name.clone(),
            },
            counts: CatalogCounts {
                features: catalog.features.len(),
                teams: catalog.teams.len(),
                components: catalog.components.len(),
                tiers: catalog.tiers.len(),
                limits: catalog.limits.len(),
            },
            findings,
        }
    }
}

crate::choice::choice! {
    /// The output formats of `catalog lint`.
    pub enum LintFormat {
        Human = "human" => "One line per finding, then the catalog's counts",
        Json = "json" => "One JSON document with the findings",
        Github = "github" => "GitHub Actions annotations on the catalog's lines",
        Sarif = "sarif" => "SARIF 2.1.0, for code-scanning dashboards",
        Markdown = "markdown" => "A Markdown summary to post as a pull-request comment",
    }
}

/// One line per finding (`path:line:col: warning: C001 planned-without-date: …`)
/// and a closing count.
pub fn human(report: &LintReport, out: &mut dyn Write) -> io::Result<()> {
    for g in &report.findings {
        let place = g
            .location
            .as_ref()
            .map_or_else(|| report.catalog.path.clone(), |l| l.to_string());
        writeln!(
            out,
            "{}: {}: {} {}: {}",
            escape_control(&place),
            g.severity().as_str(),
            g.code().code(),
            g.code().name(),
            escape_control(g.message())
        )?;
        if let Some(s) = g.suggestion() {
            writeln!(out, "  → {}", escape_control(s))?;
        }
    }
    let c = &report.counts;
    let n = report.findings.len();
    writeln!(
        out,
        "{}: {}, {}, {}, {}, {}; {}",
        escape_control(&report.catalog.path),
        plural(c.features, "feature"),
        plural(c.teams, "team"),
        plural(c.components, "component"),
        plural(c.tiers, "tier"),
        plural(c.limits, "limit"),
        plural(n, "warning")
    )
}

/// The report as one JSON document.
pub fn json(report: &LintReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// One annotation per finding on the catalog's lines.
pub fn github(report: &LintReport, out: &mut dyn Write) -> io::Result<()> {
    for g in &report.findings {
        writeln!(out, "{}", github::gap_command(&report.catalog.path, g))?;
    }
    Ok(())
}

/// The findings as SARIF results on the catalog's lines.
pub fn sarif(report: &LintReport, out: &mut dyn Write) -> io::Result<()> {
    super::sarif::render_lint(report, out)
}

/// A Markdown comment: one line per finding, every catalog text escaped.
pub fn markdown(report: &LintReport, out: &mut dyn Write) -> io::Result<()> {
    let n = report.findings.len();
    writeln!(
        out,
        "## dealcheck catalog lint: {}\n",
        if n == 0 {
            "clean".to_string()
        } else {
            plural(n, "warning")
        }
    )?;
    let c = &report.counts;
    writeln!(
        out,
        "**{}** ({}): {} features, {} teams, {} components, {} tiers, {} limits.\n",
        text(&report.catalog.name),
        text(&report.catalog.path),
        c.features,
        c.teams,
        c.components,
        c.tiers,
        c.limits
    )?;
    for g in &report.findings {
        let mut line = format!(
            "- ⚠️ **{}** {} — {}",
            g.code().code(),
            g.code().name(),
            text(g.message())
        );
        if let Some(l) = &g.location {
            line.push_str(&format!(" ({}:{})", text(&l.path), l.line));
        }
        if let Some(s) = g.suggestion() {
            line.push_str(&format!(" → {}", text(s)));
        }
        writeln!(out, "{line}")?;
    }
    if n > 0 {
        writeln!(out)?;
    }
    writeln!(
        out,
        "<sub>{} {}</sub>",
        text(&report.tool.name),
        text(&report.tool.version)
    )
}
