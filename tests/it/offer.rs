//! `dealcheck offer` from the command line: the README's example, the JSON
//! document against its schema, `--format toml` checked by `check`, exits.

use crate::common::{dealcheck, on_examples, schema_errors, schema_validator};

fn offer(args: &[&str]) -> std::process::Output {
    on_examples("offer")
        .env_remove("COLUMNS")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_readme_shows_the_real_offer() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("## When the answer is no").unwrap();
    let block = &readme[start..];
    let text = &block[block.find("```text\n").unwrap() + 8..];
    let shown = &text[..text.find("```").unwrap()];
    let out = offer(&["examples/deals/globex-global.toml"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), shown);
}

#[test]
fn the_json_offer_validates_against_its_schema() {
    let validator = schema_validator(&["offer"]);
    let out = offer(&["examples/deals", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = schema_errors(&validator, &v);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(v["offers"].as_array().unwrap().len(), 3);
    let globex = &v["offers"][1];
    assert_eq!(globex["id"], "GLOBEX-2027-01");
    assert_eq!(globex["asked_verdict"], "infeasible");
    assert_eq!(globex["on_date"]["deadline"], "2027-01-08");
    assert_eq!(globex["on_date"]["availability"]["target"], 99.9);
    assert_eq!(globex["on_date"]["availability"]["support_response"], "4h");
    assert_eq!(globex["on_date"]["requirements"]["seats"], 20000);
    assert_eq!(globex["cost_of_yes"]["overtime_hours"], 4.8);
    assert_eq!(globex["cost_of_yes"]["teams"][0]["team"], "platform");
    let mut broken = v.clone();
    broken["offers"][0]["asked_verdict"] = serde_json::json!("maybe");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn every_variant_written_as_toml_checks_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    for deal in std::fs::read_dir("examples/deals").unwrap() {
        let deal = deal.unwrap().path();
        for variant in ["on-date", "complete"] {
            let out = offer(&[
                deal.to_str().unwrap(),
                "--format",
                "toml",
                "--variant",
                variant,
            ]);
            assert_eq!(out.status.code(), Some(0), "{deal:?} {variant}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.starts_with("# Offer by dealcheck as of 2026-11-27"));
            let file = dir.path().join("variant.toml");
            std::fs::write(&file, &text).unwrap();
            let check = on_examples("check")
                .args(["--format", "json"])
                .arg(&file)
                .output()
                .unwrap();
            let v: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
            assert_ne!(
                v["deals"][0]["verdict"], "infeasible",
                "{deal:?} {variant}\n{text}"
            );
            assert_eq!(check.status.code(), Some(0));
        }
    }
    // The globex variant keeps the original's comment.
    let out = offer(&["examples/deals/globex-global.toml", "--format", "toml"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("# What a big deal looks like when sales promises everything at once."));
    assert!(text.contains("features = [\"sso\"]"), "{text}");
}

#[test]
fn toml_needs_exactly_one_deal() {
    let out = offer(&["examples/deals", "--format", "toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--format toml writes one deal file"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn no_deal_found_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = offer(&[dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_explains_the_variants_and_the_cost_of_yes() {
    let out = dealcheck().args(["offer", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for word in ["on-date", "complete", "cost of yes", "Exit codes", "toml"] {
        assert!(text.contains(word), "{word} missing from\n{text}");
    }
}
