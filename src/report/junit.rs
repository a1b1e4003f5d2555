//! `--format junit`: JUnit XML, which every CI server can display.
//!
//! Shaped for the way JUnit readers (Jenkins, GitLab, junit2html,
//! junitparser, the Jenkins `junit-10.xsd`) read it:
//!
//! - one `<testcase>` per deal (classname = its file, name = its id) and one
//!   per file that could not be judged, with an `<error>`;
//! - a deal's test case fails exactly when the deal fails `--fail-on`, with
//!   **one** `<failure>`: readers show a single failure per test case and
//!   count elements, so eight gaps must not be eight failures. Its `message`
//!   is the most severe gap, its body lists every gap, most severe first;
//! - a passing deal's gaps (at-risk ones under the default `--fail-on`,
//!   notes) go to `<system-out>`;
//! - `tests`, `failures` and `errors` count test cases, so
//!   `tests - failures - errors` passed; `skipped` is 0;
//! - `time` is there for readers that require it, and is 0: dealcheck does
//!   not time its checks (the output of a run is reproducible).
//!
//! Written by hand: the format is small, and [`crate::text::xml`] is the one
//! place that makes text safe for XML.

use super::{DealReport, FileError, Report};
use crate::exit::FailOn;
use crate::gap::Gap;
use crate::text::xml as esc;
use std::io::{self, Write};

/// Every `time` attribute: dealcheck does not time its checks.
const NO_TIME: &str = "0";

/// Writes the report as one JUnit XML document; a deal's test case fails
/// when `fail_on` fails its verdict.
pub fn render(report: &Report, fail_on: FailOn, out: &mut dyn Write) -> io::Result<()> {
    let tests = report.deals.len() + report.errors.len();
    let failures = report
        .deals
        .iter()
        .filter(|d| fail_on.fails(d.verdict))
        .count();
    let errors = report.errors.len();
    let counts = format!(r#"tests="{tests}" failures="{failures}" errors="{errors}""#);
    let suite = report
        .catalog
        .as_ref()
        .map_or("dealcheck", |c| c.name.as_str());
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="dealcheck" {counts} time="{NO_TIME}">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="{}" {counts} skipped="0" time="{NO_TIME}">"#,
        esc(suite)
    )?;
    properties(report, fail_on, out)?;
    for deal in &report.deals {
        deal_case(deal, fail_on, out)?;
    }
    for error in &report.errors {
        error_case(error, out)?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

fn properties(report: &Report, fail_on: FailOn, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "    <properties>")?;
    let mut props = vec![
        ("as_of", report.as_of.to_string()),
        ("version", report.tool.version.clone()),
        ("fail_on", fail_on.to_string()),
    ];
    if let Some(c) = &report.catalog {
        props.push(("catalog", c.path.clone()));
    }
    for (name, value) in props {
        writeln!(
            out,
            r#"      <property name="{name}" value="{}"/>"#,
            esc(&value)
        )?;
    }
    writeln!(out, "    </properties>")
}

fn deal_case(deal: &DealReport, fail_on: FailOn, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        r#"    <testcase classname="{}" name="{}" time="{NO_TIME}">"#,
        esc(&deal.path),
        esc(&deal.id)
    )?;
    let gaps = most_severe_first(&deal.gaps);
    let body: Vec<String> = gaps.iter().map(|g| gap_body(g)).collect();
    match gaps.first() {
        Some(first) if fail_on.fails(deal.verdict) => writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            deal.verdict.as_str(),
            esc(&format!(
                "{} {}: {}",
                first.code().code(),
                first.code().name(),
                first.message()
            )),
            body.join("\n\n")
        )?,
        _ if !body.is_empty() => {
            writeln!(out, "      <system-out>{}</system-out>", body.join("\n\n"))?
        }
        _ => {}
    }
    writeln!(out, "    </testcase>")
}

/// Errors, then warnings, then notes; in report order within a severity.
fn most_severe_first(gaps: &[Gap]) -> Vec<&Gap> {
    let mut sorted: Vec<&Gap> = gaps.iter().collect();
    sorted.sort_by_key(|g| std::cmp::Reverse(g.severity()));
    sorted
}

/// Severity, code, name and place; message; suggestion; one a line, escaped.
fn gap_body(gap: &Gap) -> String {
    let mut head = format!(
        "{}: {} {}",
        gap.severity().as_str(),
        gap.code().code(),
        gap.code().name()
    );
    if let Some(l) = &gap.location {
        head.push_str(&format!(" at {}", esc(&l.to_string())));
    }
    let mut lines = vec![head, format!("  {}", esc(gap.message()))];
    if let Some(s) = gap.suggestion() {
        lines.push(format!("  suggestion: {}", esc(s)));
    }
    lines.join("\n")
}

fn error_case(error: &FileError, out: &mut dyn Write) -> io::Result<()> {
    let path = esc(&error.path);
    let body: Vec<String> = error.problems.iter().map(|p| esc(p)).collect();
    let message = error
        .problems
        .first()
        .map_or("the file could not be judged", String::as_str);
    writeln!(
        out,
        r#"    <testcase classname="{path}" name="{path}" time="{NO_TIME}">"#
    )?;
    writeln!(
        out,
        r#"      <error type="input-error" message="{}">{}</error>"#,
        esc(message),
        body.join("\n")
    )?;
    writeln!(out, "    </testcase>")
}
