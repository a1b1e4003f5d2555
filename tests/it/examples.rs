//! The shipped examples: what the README promises they print, and that the
//! real JSON output validates against `dealcheck schema`.

use crate::common::{on_examples, schema_errors, schema_validator};

fn run(args: &[&str]) -> std::process::Output {
    on_examples("check").args(args).output().unwrap()
}

fn report(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_slice(&run(&all).stdout).unwrap()
}

#[test]
fn the_examples_are_feasible_at_risk_and_infeasible() {
    let v = report(&["examples/deals"]);
    let verdicts: Vec<(&str, &str)> = v["deals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("ACME-2027-02", "feasible"),
            ("GLOBEX-2027-01", "infeasible"),
            ("INITECH-2027-07", "at-risk")
        ]
    );
    assert_eq!(
        v["summary"],
        serde_json::json!({"deals": 3, "feasible": 1, "at_risk": 1, "infeasible": 1, "errors": 0, "skipped": 0})
    );
    assert_eq!(run(&["examples/deals"]).status.code(), Some(1));
    assert_eq!(
        run(&[
            "examples/deals/acme-standard.toml",
            "examples/deals/initech-automation.toml"
        ])
        .status
        .code(),
        Some(0)
    );
}

#[test]
fn the_infeasible_example_shows_every_area() {
    let v = report(&["examples/deals/globex-global.toml"]);
    let codes: Vec<&str> = v["deals"][0]["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["code"].as_str().unwrap())
        .collect();
    for code in [
        "F001", "F002", "F005", "S001", "A001", "A006", "A007", "L001", "L002", "L003",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn real_output_validates_against_the_published_schema() {
    let validator = schema_validator(&[]);
    let instance = report(&["examples/deals"]);
    let errors = schema_errors(&validator, &instance);
    assert!(errors.is_empty(), "{errors:#?}");
    // A broken instance is caught, so the check above can fail.
    let mut broken = instance.clone();
    broken["deals"][0]["verdict"] = serde_json::json!("maybe");
    assert!(!validator.is_valid(&broken));
}

/// The README shows the feasible example's output: it must be what the tool
/// prints, word for word.
#[test]
fn the_readme_shows_the_real_output() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("**A feasible deal**").unwrap();
    let block = &readme[start..];
    let text = &block[block.find("```text\n").unwrap() + 8..];
    let shown = &text[..text.find("```").unwrap()];
    let out = run(&["examples/deals/acme-standard.toml", "--color", "never"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), shown);
}
