//! The input files' shape: every parse-level problem of a file in one run,
//! and JSON Schemas an editor can check deals and catalogs with.

use crate::common;
use common::{dealcheck, repo, schema_validator};
use predicates::prelude::*;

/// A catalog with four typos of four kinds: an unknown key, a wrong type,
/// an unknown status, a misspelled table key.
const FOUR_TYPOS: &str = "[catalog]\nname = \"C\"\ntimezon = \"UTC\"\n\n\
    [[feature]]\nid = \"sso\"\nstatus = \"gaa\"\n\n\
    [[team]]\nid = \"platform\"\npeople = \"four\"\n\n\
    [[tier]]\nname = \"standard\"\navailabilty = \"99.5%\"\n";

#[test]
fn every_parse_level_problem_of_a_catalog_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("catalog.toml"), FOUR_TYPOS).unwrap();
    let out = dealcheck()
        .current_dir(dir.path())
        .args(["catalog", "lint"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("catalog.toml:3:1"))
        .stderr(predicate::str::contains("did you mean \"timezone\"?"))
        .stderr(predicate::str::contains("catalog.toml:7:10"))
        .stderr(predicate::str::contains("did you mean \"ga\"?"))
        .stderr(predicate::str::contains("catalog.toml:11:10"))
        .stderr(predicate::str::contains(
            "`team.people` must be a whole number, found text",
        ))
        .stderr(predicate::str::contains("catalog.toml:15:1"))
        .stderr(predicate::str::contains("did you mean \"availability\"?"))
        .get_output()
        .stderr
        .clone();
    let text = String::from_utf8(out).unwrap();
    // The tier's `availability` is missing, but the typo already says so.
    assert!(!text.contains("missing key"), "{text}");
    assert_eq!(text.matches("error:").count(), 4, "{text}");
}

/// What `check` says on standard error of `deal` (as `d.toml` beside the
/// test catalog), which it cannot judge (exit 2).
fn deal_errors(deal: &str) -> String {
    let dir = repo(&[("d.toml", deal)]);
    let out = dealcheck()
        .current_dir(dir.path())
        .args(["check", "d.toml"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_deal_reports_every_parse_level_problem_and_internal_names_never_leak() {
    let deal = "[deal]\nid = \"X\"\ndeadlin = 2027-01-01\nfeatures = \"sso\"\nstatus = \"won\"\n[availabilty]\ntarget = 1\n";
    let text = deal_errors(deal);
    for expected in [
        "d.toml:3:1",
        "did you mean \"deadline\"?",
        "d.toml:4:12",
        "`deal.features` must be a list of texts",
        "d.toml:5:10",
        "use one of: proposed, signed",
        "d.toml:6:2",
        "did you mean \"availability\"?",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    for internal in ["DealHeader", "struct", "S<", "Spanned"] {
        assert!(!text.contains(internal), "{internal} leaked: {text}");
    }
}

#[test]
fn a_syntax_error_and_a_key_problem_come_together() {
    let deal = "[deal]\nid = \"X\"\ndeadline = 2027-01-01\ncustomer = Globex\nbogus = 1\n";
    let text = deal_errors(deal);
    assert!(text.contains("d.toml:4:12"), "{text}");
    assert!(text.contains("unknown key `bogus` in `deal`"), "{text}");
}

/// TOML as the JSON an editor validates: dates become their text.
fn to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => s.clone().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.iter().map(to_json).collect(),
        toml::Value::Table(t) => t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect(),
    }
}

fn file(path: &str) -> serde_json::Value {
    to_json(&toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
}

#[test]
fn the_shipped_examples_validate_against_their_schemas() {
    let catalog = schema_validator(&["catalog"]);
    assert!(catalog.is_valid(&file("examples/catalog.toml")));
    let plain = schema_validator(&["deal"]);
    let aware = schema_validator(&["deal", "--catalog", "examples/catalog.toml"]);
    for deal in ["acme-standard", "initech-automation"] {
        let d = file(&format!("examples/deals/{deal}.toml"));
        assert!(plain.is_valid(&d), "{deal}");
        assert!(aware.is_valid(&d), "{deal}");
    }
    // The infeasible example lists a mistyped id and a region not offered:
    // the catalog-aware schema flags what the plain one cannot.
    let globex = file("examples/deals/globex-global.toml");
    assert!(plain.is_valid(&globex));
    let errors: Vec<String> = aware
        .iter_errors(&globex)
        .map(|e| e.instance_path().to_string())
        .collect();
    assert!(
        errors.iter().any(|p| p.contains("/deal/features/1")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|p| p.contains("/requirements/regions")),
        "{errors:?}"
    );
    // A key no file has is rejected by both.
    let mut bogus = file("examples/deals/acme-standard.toml");
    bogus["deal"]["bogus"] = 1.into();
    assert!(!plain.is_valid(&bogus));
}

#[test]
fn init_writes_schema_directives_that_resolve() {
    let dir = tempfile::tempdir().unwrap();
    dealcheck()
        .current_dir(dir.path())
        .args(["init", "."])
        .assert()
        .code(0);
    let catalog = std::fs::read_to_string(dir.path().join("catalog.toml")).unwrap();
    let deal = std::fs::read_to_string(dir.path().join("deals/example.toml")).unwrap();
    assert!(
        catalog.starts_with("#:schema ./schemas/catalog.schema.json\n"),
        "{catalog}"
    );
    assert!(
        deal.starts_with("#:schema ../schemas/deal.schema.json\n"),
        "{deal}"
    );
    for (name, text) in [("catalog", &catalog), ("deal", &deal)] {
        let path = dir.path().join(format!("schemas/{name}.schema.json"));
        let s: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let v = jsonschema::validator_for(&s).unwrap();
        assert!(
            v.is_valid(&to_json(&toml::from_str(text).unwrap())),
            "{name}"
        );
    }
}
