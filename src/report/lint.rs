//! The report of `catalog lint`: the catalog's coded findings (C001–C006),
//! in the formats a CI job reads them in.

use super::stream::{Gathered, Renderer, Stream, not_begun};
use super::{CatalogRef, FileError, SCHEMA_VERSION, Tool, github};
use crate::gap::Gap;
use crate::text::{escape_control, markdown as text, plural};
use serde::Serialize;
use std::io::{self, Write};

/// A `catalog lint` run: the catalog first, then one finding per item. A
/// catalog that cannot be read or is broken is its one unjudged file (see
/// [`LintReport::unjudged`]).
pub enum LintRun {}

impl Stream for LintRun {
    type Head = LintHead;
    type Item = Gap;
    type End = ();
    type Whole = LintReport;

    fn whole(head: LintHead, findings: Vec<Gap>, errors: Vec<FileError>, _: &()) -> LintReport {
        LintReport {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            catalog: head.catalog,
            counts: head.counts,
            findings,
            errors,
        }
    }
}

/// What is known of the catalog before its findings.
#[derive(Debug, Clone)]
pub struct LintHead {
    pub catalog: CatalogRef,
    pub counts: CatalogCounts,
}

/// What `catalog lint` found about a catalog that loads.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LintReport {
    pub schema_version: u32,
    pub tool: Tool,
    pub catalog: CatalogRef,
    /// How many features, teams, components, tiers and limits it has.
    pub counts: CatalogCounts,
    pub findings: Vec<Gap>,
    /// The catalog when it could not be read or is broken: every problem,
    /// located (then there are no findings). Absent when it loads.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FileError>,
}

#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct CatalogCounts {
    pub features: usize,
    pub teams: usize,
    pub components: usize,
    pub tiers: usize,
    pub limits: usize,
}

impl LintReport {
    /// Renders the report in `format`, through its streaming renderer.
    pub fn render(&self, format: LintFormat, out: &mut dyn Write) -> io::Result<()> {
        let head = LintHead {
            catalog: self.catalog.clone(),
            counts: self.counts.clone(),
        };
        let mut renderer = format.renderer();
        super::stream::render_all(
            &mut *renderer,
            &head,
            &self.findings,
            &self.errors,
            &(),
            out,
        )
    }

    /// The report of a catalog at `path` that could not be judged: its
    /// problems, for every format to report as its consumers expect.
    pub fn unjudged(path: &str, errors: &crate::source::InputErrors) -> LintReport {
        LintReport {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            catalog: CatalogRef {
                path: path.to_string(),
                name: String::new(),
            },
            counts: CatalogCounts::default(),
            findings: Vec::new(),
            errors: vec![FileError::new(errors)],
        }
    }

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
            errors: Vec::new(),
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

impl LintFormat {
    /// The renderer of this format.
    pub fn renderer(self) -> Box<dyn Renderer<LintRun>> {
        match self {
            LintFormat::Human => Box::new(Human::default()),
            LintFormat::Json => Box::new(Gathered::<LintRun>::new(json)),
            LintFormat::Github => Box::new(Annotations::default()),
            LintFormat::Sarif => Box::new(Gathered::<LintRun>::new(sarif)),
            LintFormat::Markdown => Box::new(Gathered::<LintRun>::new(markdown)),
        }
    }
}

/// One line per finding (`path:line:col: warning: C001 planned-without-date: …`)
/// as it comes, and a closing count.
#[derive(Default)]
struct Human {
    head: Option<LintHead>,
    findings: usize,
}

impl Renderer<LintRun> for Human {
    fn begin(&mut self, head: &LintHead, _: &mut dyn Write) -> io::Result<()> {
        self.head = Some(head.clone());
        Ok(())
    }

    fn item(&mut self, g: &Gap, out: &mut dyn Write) -> io::Result<()> {
        let head = self.head.as_ref().ok_or_else(not_begun)?;
        self.findings += 1;
        let place = g
            .location
            .as_ref()
            .map_or_else(|| head.catalog.path.clone(), |l| l.to_string());
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
        Ok(())
    }

    fn unjudged(&mut self, _: &FileError, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _: &(), out: &mut dyn Write) -> io::Result<()> {
        let head = self.head.as_ref().ok_or_else(not_begun)?;
        let c = &head.counts;
        writeln!(
            out,
            "{}: {}, {}, {}, {}, {}; {}",
            escape_control(&head.catalog.path),
            plural(c.features, "feature"),
            plural(c.teams, "team"),
            plural(c.components, "component"),
            plural(c.tiers, "tier"),
            plural(c.limits, "limit"),
            plural(self.findings, "warning")
        )
    }
}

/// One annotation per finding on the catalog's lines, as it comes.
#[derive(Default)]
struct Annotations {
    catalog: Option<String>,
}

impl Renderer<LintRun> for Annotations {
    fn begin(&mut self, head: &LintHead, _: &mut dyn Write) -> io::Result<()> {
        self.catalog = Some(head.catalog.path.clone());
        Ok(())
    }

    fn item(&mut self, g: &Gap, out: &mut dyn Write) -> io::Result<()> {
        let path = self.catalog.as_deref().ok_or_else(not_begun)?;
        writeln!(out, "{}", github::gap_command(path, g))
    }

    fn unjudged(&mut self, file: &FileError, out: &mut dyn Write) -> io::Result<()> {
        for command in github::error_commands(file) {
            writeln!(out, "{command}")?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &(), _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// The report as one JSON document.
pub fn json(report: &LintReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// The findings as SARIF results on the catalog's lines.
pub fn sarif(report: &LintReport, out: &mut dyn Write) -> io::Result<()> {
    super::sarif::render_lint(report, out)
}

/// A Markdown comment: one line per finding, every catalog text escaped.
pub fn markdown(report: &LintReport, out: &mut dyn Write) -> io::Result<()> {
    if !report.errors.is_empty() {
        writeln!(out, "## dealcheck catalog lint: not checked\n")?;
        super::markdown::not_checked(&report.errors, out)?;
        return writeln!(
            out,
            "<sub>{} {}</sub>",
            text(&report.tool.name),
            text(&report.tool.version)
        );
    }
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
