//! SARIF: valid against the official schema (offline), paths relative to
//! the repository, rules with help, stable fingerprints, inert messages.

use super::{LINKY, all_gaps, common, report};
use dealcheck::gap::GapCode;
use dealcheck::report::Report;
use dealcheck::report::lint::LintReport;
use dealcheck::report::sarif::{self, SourceRoot};
use serde_json::Value;
use std::path::Path;

/// Fails, never skips, when the schema is missing: a skipped validation
/// would pass silently. The official schema ships in tests/data/.
fn sarif_schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the official SARIF schema is needed at {} ({e}); see tests/data/README.md",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("the SARIF schema is JSON")
}

pub fn assert_valid_sarif(doc: &Value) {
    let schema = sarif_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .with_retriever(common::Offline)
        .build(&schema)
        .expect("the SARIF schema compiles offline");
    let errors = common::schema_errors(&validator, doc);
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    assert_uri_references(doc);
}

/// Draft 4 does not know `uri-reference`, the format of `artifactLocation.uri`:
/// check those with a Draft 7 validator.
fn assert_uri_references(doc: &Value) {
    let check = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&serde_json::json!({ "type": "string", "format": "uri-reference" }))
        .unwrap();
    for place in artifact_locations(doc) {
        assert!(
            check.is_valid(&place["uri"]),
            "not a URI reference: {place}"
        );
    }
}

/// Every `artifactLocation` in the log.
fn artifact_locations(v: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    collect(v, &mut out);
    out
}

fn collect<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(m) => {
            if let Some(a) = m.get("artifactLocation") {
                out.push(a);
            }
            m.values().for_each(|x| collect(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

/// A repository root that is the same on every machine.
fn root() -> SourceRoot {
    SourceRoot::new(Path::new("/srv/proposals"), None)
}

fn sarif(report: &Report) -> Value {
    serde_json::to_value(sarif::log(report, &root())).expect("SARIF is JSON")
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let r = report();
    let doc = sarif(&r);
    assert_valid_sarif(&doc);
    assert!(artifact_locations(&doc).len() > all_gaps(&r));
    let run = &doc["runs"][0];
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(run["results"].as_array().unwrap().len(), all_gaps(&r));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), GapCode::ALL.len());
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_paths_are_relative_to_the_repository_root() {
    let doc = sarif(&report());
    let run = &doc["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///srv/proposals/"
    );
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    for place in artifact_locations(&doc) {
        assert_eq!(place["uriBaseId"], "%SRCROOT%", "{place}");
        let uri = place["uri"].as_str().unwrap();
        assert!(uri.starts_with("deals/"), "{uri}");
    }
}

#[test]
fn sarif_gaps_keep_their_place_or_name_only_the_file() {
    let doc = sarif(&report());
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let located = results.iter().find(|r| r["ruleId"] == "F003").unwrap();
    let place = &located["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "deals/evil%20deal.toml");
    assert!(place["region"]["startLine"].as_u64().unwrap() >= 1);
    assert!(place["region"]["startColumn"].as_u64().unwrap() >= 1);
    assert_eq!(located["properties"]["dealId"], "EVIL-1");
    assert_eq!(located["properties"]["verdict"], "infeasible");
    let unlocated = results.iter().find(|r| r["ruleId"] == "S004").unwrap();
    let place = &unlocated["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "deals/late.toml");
    assert!(place.get("region").is_none());
}

#[test]
fn sarif_reports_unjudged_files_as_failed_execution_at_their_lines() {
    let doc = sarif(&report());
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), report().errors[0].diagnostics.len());
    assert_eq!(notes[0]["level"], "error");
    let text = notes[0]["message"]["text"].as_str().unwrap();
    assert!(text.contains("deals/broken.toml:3:12"), "{text}");
    let place = &notes[0]["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "deals/broken.toml");
    assert_eq!(place["region"]["startLine"], 3);
    assert_eq!(place["region"]["startColumn"], 12);
}

#[test]
fn sarif_rules_carry_their_help() {
    let doc = sarif(&report());
    let driver = &doc["runs"][0]["tool"]["driver"];
    assert_eq!(
        driver["informationUri"],
        "https://github.com/dealcheck/dealcheck"
    );
    for (rule, code) in driver["rules"].as_array().unwrap().iter().zip(GapCode::ALL) {
        let uri = rule["helpUri"].as_str().unwrap();
        assert!(
            uri.starts_with("https://github.com/dealcheck/dealcheck/blob/main/docs/reference.md#"),
            "{uri}"
        );
        let markdown = rule["help"]["markdown"].as_str().unwrap();
        let e = code.explanation();
        for part in [e.what, e.why, e.fix] {
            assert!(markdown.contains(part), "{markdown}");
        }
        assert!(rule["help"]["text"].as_str().unwrap().contains(e.fix));
    }
}

fn fingerprints(doc: &Value) -> Vec<String> {
    doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"]["dealcheckGap/v1"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn sarif_fingerprints_survive_moved_lines_and_tell_results_apart() {
    let r = report();
    let before = fingerprints(&sarif(&r));
    assert_eq!(
        before,
        fingerprints(&sarif(&report())),
        "stable across runs"
    );
    let mut moved = r.clone();
    for gap in moved.deals.iter_mut().flat_map(|d| d.gaps.iter_mut()) {
        if let Some(l) = &mut gap.location {
            l.line += 5;
            l.column += 2;
        }
    }
    assert_eq!(before, fingerprints(&sarif(&moved)), "lines are not hashed");
    let mut unique = before.clone();
    unique.sort();
    unique.dedup();
    // Two S004 gaps on one deal differ by their subject.
    assert_eq!(unique.len(), before.len(), "{before:#?}");
    let mut renamed = r.clone();
    renamed.deals[3].path = "deals/other.toml".into();
    assert_ne!(before, fingerprints(&sarif(&renamed)), "the file is hashed");
}

#[test]
fn sarif_messages_cannot_link_or_mention() {
    let mut r = report();
    r.deals[3].gaps.retain(|g| g.subject().contains("click"));
    r.deals = vec![r.deals[3].clone()];
    let doc = sarif(&r);
    let text = doc["runs"][0]["results"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(text.contains("\\[click\\]"), "{text}");
    assert!(!text.contains("://"), "{text}");
    assert!(!text.contains("www."), "{text}");
    assert!(!text.contains("@d") && !text.contains("@e"), "{text}");
    assert!(!text.contains("#12"), "{text}");
    assert!(LINKY.contains("://") && LINKY.contains("[click]"));
    // Control characters (TRICKY's newline) arrive escaped, as text.
    let doc = sarif(&report());
    let tricky = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap())
        .find(|t| t.contains("booked"))
        .unwrap();
    assert!(tricky.contains("short\\\\nsecond line"), "{tricky}");
}

/// Guards against a validator that accepts anything.
#[test]
fn the_sarif_check_rejects_a_broken_log() {
    let mut doc = sarif(&report());
    doc["runs"][0]["results"][0]["level"] = "fatal".into();
    let result = std::panic::catch_unwind(|| assert_valid_sarif(&doc));
    assert!(result.is_err(), "a level outside the enum must fail");
    let mut doc = sarif(&report());
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "deals/a b.toml".into();
    let result = std::panic::catch_unwind(|| assert_valid_sarif(&doc));
    assert!(
        result.is_err(),
        "a path with a space is not a URI reference"
    );
}

#[test]
fn sarif_of_an_empty_run_is_valid_too() {
    let empty = Report::new(common::as_of(), None, Vec::new(), Vec::new());
    let doc = sarif(&empty);
    assert_valid_sarif(&doc);
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

#[test]
fn sarif_of_catalog_lint_findings() {
    let text = "[catalog]\nname = \"C\"\n[[feature]]\nid = \"x\"\nstatus = \"planned\"\n\
                [[team]]\nid = \"t\"\npeople = 0\n";
    let catalog = common::catalog_from(text).unwrap();
    let report = LintReport::new(&catalog, dealcheck::lint::lint(&catalog));
    let doc = serde_json::to_value(sarif::lint_log(&report, &root())).unwrap();
    assert_valid_sarif(&doc);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let codes: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["C001", "C005"]);
    let place = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "catalog.toml");
    assert_eq!(place["region"]["startLine"], 4);
    assert_eq!(results[0]["level"], "warning");
}

/// `./deals/x.toml`, `deals/../deals/x.toml`, an absolute path and a run
/// from a subfolder all name the file the same way: relative to the git
/// work tree.
#[test]
fn sarif_paths_through_the_cli_are_normalised() {
    let dir = super::repo_on_disk();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let absolute = dir.path().join("deals/broken.toml");
    let uris = |cwd: &Path, paths: &[&str]| -> Vec<String> {
        let out = assert_cmd::Command::cargo_bin("dealcheck")
            .unwrap()
            .env_remove("DEALCHECK_CATALOG")
            .current_dir(cwd)
            .args([
                "check",
                "--as-of",
                "2026-11-27",
                "--trials",
                "0",
                "--format",
                "sarif",
            ])
            .args(paths)
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        assert_valid_sarif(&doc);
        let mut uris: Vec<String> = artifact_locations(&doc)
            .iter()
            .map(|a| a["uri"].as_str().unwrap().to_string())
            .collect();
        uris.sort();
        uris.dedup();
        uris
    };
    let all = [
        "deals/broken.toml".to_string(),
        "deals/evil%20deal.toml".to_string(),
        "deals/risky.toml".to_string(),
    ];
    let from_root = uris(
        dir.path(),
        &[
            "./deals/risky.toml",
            "deals/../deals/evil deal.toml",
            absolute.to_str().unwrap(),
        ],
    );
    assert_eq!(from_root, all);
    let from_deals = uris(
        &dir.path().join("deals"),
        &[
            "./evil deal.toml",
            "../deals/risky.toml",
            "./../deals/broken.toml",
        ],
    );
    assert_eq!(from_deals, all);
}

#[test]
fn sarif_snapshot() {
    let text = serde_json::to_string_pretty(&sarif(&report())).unwrap();
    insta::assert_snapshot!(text.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

/// `catalog lint --format sarif` through the binary.
#[test]
fn catalog_lint_prints_sarif() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[catalog]\nname = \"C\"\n[[feature]]\nid = \"x\"\nstatus = \"planned\"\n";
    std::fs::write(dir.path().join("catalog.toml"), text).unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let out = assert_cmd::Command::cargo_bin("dealcheck")
        .unwrap()
        .env_remove("DEALCHECK_CATALOG")
        .current_dir(dir.path())
        .args(["catalog", "lint", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a warning");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid_sarif(&doc);
    let result = &doc["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "C001");
    let place = &result["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "catalog.toml");
    assert_eq!(place["region"]["startLine"], 4);
}
