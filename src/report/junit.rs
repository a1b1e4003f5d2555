//! `--format junit`: JUnit XML, which every CI server can display.
//!
//! One `<testcase>` per deal (classname = its file, name = its id), one
//! `<failure>` per error gap, warnings and notes in `<system-out>`; a file
//! that could not be judged is a testcase with an `<error>`. The `failures`
//! and `errors` attributes count testcases, as JUnit readers expect
//! (`tests - failures - errors` passed), so an infeasible deal with three
//! error gaps counts once. At-risk deals pass, as with the default
//! `--fail-on`.
//!
//! Written by hand: the format is small, and [`esc`] is the one place that
//! makes text safe for XML.

use super::{DealReport, FileError, Report};
use crate::gap::{Gap, Severity};
use crate::text::escape_control;
use std::io::{self, Write};

/// Writes the report as one JUnit XML document.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let tests = report.deals.len() + report.errors.len();
    let failures = report
        .deals
        .iter()
        .filter(|d| d.count(Severity::Error) > 0)
        .count();
    let errors = report.errors.len();
    let counts = format!(r#"tests="{tests}" failures="{failures}" errors="{errors}""#);
    let suite = report
        .catalog
        .as_ref()
        .map_or("dealcheck", |c| c.name.as_str());
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="dealcheck" {counts}>"#)?;
    writeln!(
        out,
        r#"  <testsuite name="{}" {counts} skipped="0">"#,
        esc(suite)
    )?;
    properties(report, out)?;
    for deal in &report.deals {
        deal_case(deal, out)?;
    }
    for error in &report.errors {
        error_case(error, out)?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

fn properties(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "    <properties>")?;
    let mut props = vec![
        ("as_of", report.as_of.to_string()),
        ("version", report.tool.version.clone()),
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

fn deal_case(deal: &DealReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        r#"    <testcase classname="{}" name="{}">"#,
        esc(&deal.path),
        esc(&deal.id)
    )?;
    for gap in deal.gaps.iter().filter(|g| g.severity() == Severity::Error) {
        writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            gap.code().code(),
            esc(&format!("{}: {}", gap.code().name(), gap.message())),
            gap_body(gap)
        )?;
    }
    let others: Vec<String> = deal
        .gaps
        .iter()
        .filter(|g| g.severity() != Severity::Error)
        .map(|g| format!("{}: {}", g.severity().as_str(), gap_body(g)))
        .collect();
    if !others.is_empty() {
        writeln!(
            out,
            "      <system-out>{}</system-out>",
            others.join("\n\n")
        )?;
    }
    writeln!(out, "    </testcase>")
}

/// Code, name, location, message and suggestion, one a line, escaped.
fn gap_body(gap: &Gap) -> String {
    let mut lines = vec![format!("{} {}", gap.code().code(), gap.code().name())];
    if let Some(l) = &gap.location {
        lines.push(format!("at {}", esc(&l.to_string())));
    }
    lines.push(esc(gap.message()));
    if let Some(s) = gap.suggestion() {
        lines.push(format!("suggestion: {}", esc(s)));
    }
    lines.join("\n")
}

fn error_case(error: &FileError, out: &mut dyn Write) -> io::Result<()> {
    let path = esc(&error.path);
    let body: Vec<String> = error.problems.iter().map(|p| esc(p)).collect();
    writeln!(out, r#"    <testcase classname="{path}" name="{path}">"#)?;
    writeln!(
        out,
        r#"      <error type="input" message="the file could not be judged">{}</error>"#,
        body.join("\n")
    )?;
    writeln!(out, "    </testcase>")
}

/// Makes a value safe in XML text and attributes alike: control characters
/// (which XML 1.0 mostly forbids, and which would otherwise be normalized
/// away in attributes) become visible escapes, then markup is escaped.
fn esc(s: &str) -> String {
    let s = escape_control(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if legal_xml(c) => out.push(c),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out
}

/// XML 1.0 `Char`, less the whitespace controls `escape_control` already
/// turned into text.
fn legal_xml(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn values_are_safe_xml() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(esc("a\x01b\nc"), "a\\u{1}b\\nc");
        assert_eq!(esc("x\u{FFFE}"), "x\\u{fffe}");
    }
}
