//! `--format sarif`: SARIF 2.1.0, for code-scanning dashboards.
//!
//! Rules come from the gap table (one per code, in table order, so
//! `ruleIndex` is the code's position in [`GapCode::ALL`]); results are the
//! gaps. A gap without a line still names its deal file as the location,
//! with no region: code-scanning services reject results without any
//! location. Files that could not be judged are tool execution
//! notifications, and make `executionSuccessful` false.

use super::{DealReport, FileError, Report};
use crate::gap::{Gap, GapCode, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

/// The schema the document declares (the OASIS errata 01 copy).
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Writes the report as one pretty-printed SARIF log.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report))?;
    writeln!(out)
}

/// The SARIF log as a JSON value.
fn log(report: &Report) -> Value {
    let results: Vec<Value> = report
        .deals
        .iter()
        .flat_map(|d| d.gaps.iter().map(move |g| result(d, g)))
        .collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver(report) },
            "invocations": [invocation(&report.errors)],
            "results": results,
            "properties": {
                "asOf": report.as_of.to_string(),
                "catalog": report.catalog,
                "summary": report.summary,
            },
        }],
    })
}

fn driver(report: &Report) -> Value {
    let rules: Vec<Value> = GapCode::ALL.iter().map(|c| rule(*c)).collect();
    json!({
        "name": report.tool.name,
        "version": report.tool.version,
        "rules": rules,
    })
}

fn rule(code: GapCode) -> Value {
    let e = code.explanation();
    json!({
        "id": code.code(),
        "name": code.name(),
        "shortDescription": { "text": e.what },
        "fullDescription": { "text": format!("{} {}", e.why, e.fix) },
        "help": { "text": format!("{}\n\nHow to fix: {}", e.why, e.fix) },
        "defaultConfiguration": { "level": level(code.severity()) },
        "properties": { "tags": [code.area().as_str()] },
    })
}

fn result(deal: &DealReport, gap: &Gap) -> Value {
    let mut text = gap.message().to_string();
    if let Some(s) = gap.suggestion() {
        text.push_str(&format!(" → {s}"));
    }
    let physical = match &gap.location {
        Some(l) => json!({
            "artifactLocation": { "uri": uri(&l.path) },
            "region": { "startLine": l.line.max(1), "startColumn": l.column.max(1) },
        }),
        None => json!({ "artifactLocation": { "uri": uri(&deal.path) } }),
    };
    json!({
        "ruleId": gap.code().code(),
        "ruleIndex": rule_index(gap.code()),
        "level": level(gap.severity()),
        "message": { "text": text },
        "locations": [{ "physicalLocation": physical }],
        "properties": {
            "dealId": deal.id,
            "customer": deal.customer,
            "verdict": deal.verdict,
            "subject": gap.subject(),
        },
    })
}

fn invocation(errors: &[FileError]) -> Value {
    let notifications: Vec<Value> = errors.iter().flat_map(notifications).collect();
    json!({
        "executionSuccessful": errors.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

/// One notification per problem of an unjudged file (at least one a file).
fn notifications(error: &FileError) -> Vec<Value> {
    let fallback = ["the file could not be judged".to_string()];
    let problems = if error.problems.is_empty() {
        &fallback[..]
    } else {
        &error.problems[..]
    };
    problems
        .iter()
        .map(|p| {
            json!({
                "level": "error",
                "message": { "text": p },
                "locations": [{
                    "physicalLocation": { "artifactLocation": { "uri": uri(&error.path) } }
                }],
            })
        })
        .collect()
}

fn rule_index(code: GapCode) -> usize {
    GapCode::ALL
        .iter()
        .position(|c| *c == code)
        .expect("every code is in GapCode::ALL")
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: forward slashes, percent-encoded, relative
/// when the path is; an absolute path becomes a `file://` URI.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let b = path.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        format!("file:///{}:{}", &path[..1], percent_encode(&path[2..]))
    } else if path.starts_with('/') {
        format!("file://{}", percent_encode(&path))
    } else {
        percent_encode(&path)
    }
}

/// Keeps unreserved characters and `/`; encodes every other byte, so a
/// space, `#`, `?` or a `:` in the first segment cannot change the meaning.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("deals/a.toml"), "deals/a.toml");
        assert_eq!(uri("deals\\my deal#1.toml"), "deals/my%20deal%231.toml");
        assert_eq!(uri("/tmp/x.toml"), "file:///tmp/x.toml");
        assert_eq!(uri("C:\\x\\y.toml"), "file:///C:/x/y.toml");
        assert_eq!(uri("dé.toml"), "d%C3%A9.toml");
    }
}
