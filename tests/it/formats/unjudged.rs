//! What could not be judged — a broken catalog, a missing path — in every
//! format, read by the format's real consumer, beside the deals that could
//! be judged (issue 19): exit 2, and `--output` writes the document.

use super::junit::assert_valid_junit;
use super::markdown::github_html;
use super::sarif::assert_valid_sarif;
use crate::common::{self, schema_errors, schema_validator};
use serde_json::Value;
use std::path::Path;

const DEAL: &str = "[deal]\nid = \"GOOD-1\"\ndeadline = 2027-03-01\nfeatures = [\"core\"]\n";
/// Judged, with a gap (an unknown feature): a SARIF result.
const GAPPY: &str = "[deal]\nid = \"GAPPY-1\"\ndeadline = 2027-03-01\nfeatures = [\"nope\"]\n";
/// Broken on line 3: an unknown time zone.
const BROKEN_CATALOG: &str = "[catalog]\nname = \"Broken\"\ntimezone = \"Europe/Berlim\"\n";

/// `good/` checks, `bad/` has a broken catalog, `nope` is not there.
fn repo() -> tempfile::TempDir {
    common::folder(&[
        ("good/catalog.toml", common::CATALOG),
        ("good/deal.toml", DEAL),
        ("good/gappy.toml", GAPPY),
        ("bad/catalog.toml", BROKEN_CATALOG),
        ("bad/deal.toml", &DEAL.replace("GOOD", "BAD")),
    ])
}

fn run(dir: &Path, format: &str, more: &[&str]) -> (i32, String) {
    let out = common::dealcheck()
        .current_dir(dir)
        .args(["check", "good", "bad", "nope", "--as-of", "2026-11-27"])
        .args(["--trials", "0", "--format", format])
        .args(more)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Europe/Berlim"),
        "still said on stderr: {stderr}"
    );
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn json_and_jsonl_list_the_catalog_and_the_path_as_errors() {
    let dir = repo();
    let (code, text) = run(dir.path(), "json", &[]);
    assert_eq!(code, 2);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema_errors(&schema_validator(&[]), &doc),
        Vec::<String>::new()
    );
    assert_eq!(doc["summary"]["deals"], 2, "the good deals are judged");
    assert_eq!(doc["summary"]["errors"], 2);
    let paths: Vec<&str> = doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["nope", "bad/catalog.toml"]);
    assert_eq!(doc["errors"][1]["diagnostics"][0]["line"], 3);

    let (code, text) = run(dir.path(), "jsonl", &[]);
    assert_eq!(code, 2);
    let validator = schema_validator(&[]);
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{text}");
    for line in &lines {
        assert_eq!(
            schema_errors(&validator, line),
            Vec::<String>::new(),
            "{line}"
        );
    }
}

#[test]
fn sarif_has_a_located_notification_and_the_judged_deals_results() {
    let dir = repo();
    let (code, text) = run(dir.path(), "sarif", &[]);
    assert_eq!(code, 2);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_valid_sarif(&doc);
    let run = &doc["runs"][0];
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    let catalog = notes
        .iter()
        .find(|n| {
            n["message"]["text"]
                .as_str()
                .unwrap()
                .contains("Europe/Berlim")
        })
        .expect("a notification for the catalog");
    let place = &catalog["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "bad/catalog.toml");
    assert_eq!(place["region"]["startLine"], 3);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let results = run["results"].as_array().unwrap();
    assert!(
        results.iter().any(
            |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "good/gappy.toml"
        ),
        "the judged deal's gaps are results: {results:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n["message"]["text"].as_str().unwrap().starts_with("nope"))
    );
}

#[test]
fn github_annotates_the_catalogs_line() {
    let (code, text) = run(repo().path(), "github", &[]);
    assert_eq!(code, 2);
    assert!(
        text.contains("::error file=bad/catalog.toml,line=3,col=12,"),
        "{text}"
    );
    assert!(text.contains("::error file=nope,"), "{text}");
}

#[test]
fn junit_has_an_error_per_file_and_stays_valid() {
    let (code, text) = run(repo().path(), "junit", &[]);
    assert_eq!(code, 2);
    assert_valid_junit(&text);
    assert!(text.contains("errors=\"2\""), "{text}");
    assert!(text.contains("name=\"GAPPY-1\""), "{text}");
    assert!(text.contains("classname=\"bad/catalog.toml\""), "{text}");
}

#[test]
fn markdown_has_a_not_checked_section() {
    let (code, text) = run(repo().path(), "markdown", &[]);
    assert_eq!(code, 2);
    let html = github_html(&text);
    assert!(html.contains("<h3>Not checked</h3>"), "{html}");
    assert!(html.contains("bad/catalog.toml:3:12"), "{html}");
}

#[test]
fn output_writes_the_document_of_a_broken_run() {
    let dir = repo();
    let (code, text) = run(dir.path(), "sarif", &["--output", "out.sarif"]);
    assert_eq!((code, text.as_str()), (2, ""));
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_valid_sarif(&doc);
}

#[test]
fn a_run_with_only_a_missing_path_still_writes_a_valid_document() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing but a path and a catalog that are not there: exit 2, a document.
    let document = |format: &str| -> Value {
        let out = common::dealcheck()
            .current_dir(dir.path())
            .args(["check", "nope", "--format", format])
            .args(["--catalog", "nope.toml"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_valid_sarif(&document("sarif"));
    let doc = document("json");
    assert_eq!(
        schema_errors(&schema_validator(&[]), &doc),
        Vec::<String>::new()
    );
    assert_eq!(doc["catalog"], Value::Null);
    assert_eq!(doc["summary"]["errors"], 1);
}

#[test]
fn a_clean_run_has_no_error_entries() {
    let dir = repo();
    let out = common::dealcheck()
        .current_dir(dir.path())
        .args(["check", "good", "--as-of", "2026-11-27", "--trials", "0"])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the gappy deal fails, nothing is unjudged"
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        doc.get("errors")
            .is_none_or(|e| e.as_array().unwrap().is_empty())
    );
}

fn lint(dir: &Path, format: &str) -> (i32, String) {
    let out = common::dealcheck()
        .current_dir(dir)
        .args(["catalog", "lint", "bad/catalog.toml", "--format", format])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn catalog_lint_of_a_broken_catalog_is_reported_by_every_machine_format() {
    let dir = repo();
    let (code, text) = lint(dir.path(), "json");
    assert_eq!(code, 2);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["errors"][0]["diagnostics"][0]["line"], 3);

    let (code, text) = lint(dir.path(), "github");
    assert_eq!(code, 2);
    assert!(
        text.starts_with("::error file=bad/catalog.toml,line=3,col=12,"),
        "{text}"
    );

    let (code, text) = lint(dir.path(), "sarif");
    assert_eq!(code, 2);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_valid_sarif(&doc);
    let note = &doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(
        note["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );

    let (code, text) = lint(dir.path(), "markdown");
    assert_eq!(code, 2);
    assert!(
        github_html(&text).contains("bad/catalog.toml:3:12"),
        "{text}"
    );
}

#[test]
fn catalog_lint_of_a_sound_catalog_has_no_errors_key() {
    let dir = repo();
    let out = common::dealcheck()
        .current_dir(dir.path())
        .args(["catalog", "lint", "good/catalog.toml", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc.get("errors").is_none(), "{doc}");
}
