//! jsonl and the schema: every line a real run prints validates against
//! `dealcheck schema`, an unjudged file has the shape of the JSON report's
//! `errors[]` items, and unknown keys are rejected everywhere.

use super::{Format, render_as, repo_on_disk, report, run_cli, stdout};
use crate::common::{schema, schema_errors, schema_validator};
use serde_json::{Value, json};

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn every_jsonl_line_of_a_real_run_validates_against_the_schema() {
    let dir = repo_on_disk();
    let out = run_cli(dir.path(), "jsonl", &[]);
    assert_eq!(out.status.code(), Some(2));
    let lines = lines(&stdout(&out));
    assert_eq!(lines.len(), 5, "four deals and one unjudged file");
    let validator = schema_validator(&[]);
    for line in &lines {
        assert_eq!(
            schema_errors(&validator, line),
            Vec::<String>::new(),
            "{line}"
        );
    }
    // The JSON document of the same run validates too, and its `errors[]`
    // item is the jsonl line of the unjudged file.
    let doc: Value = serde_json::from_str(&stdout(&run_cli(dir.path(), "json", &[]))).unwrap();
    assert_eq!(schema_errors(&validator, &doc), Vec::<String>::new());
    let unjudged = lines.iter().find(|l| l.get("problems").is_some()).unwrap();
    assert_eq!(*unjudged, doc["errors"][0]);
    assert_eq!(unjudged["diagnostics"][0]["line"], 3);
    assert_eq!(unjudged["diagnostics"][0]["column"], 12);
    assert_eq!(unjudged["diagnostics"][0]["path"], "deals/broken.toml");
}

/// Guards against a schema that accepts anything: unknown keys (at the top
/// of a line and deep inside), the old `error` key and wrong values fail.
#[test]
fn the_schema_rejects_unknown_keys_and_old_shapes() {
    let validator = schema_validator(&[]);
    let text = render_as(Format::Jsonl, &report());
    let lines = lines(&text);
    let deal = lines[0].clone();
    let unjudged = lines.last().unwrap().clone();
    assert!(validator.is_valid(&deal) && validator.is_valid(&unjudged));
    let mut broken = Vec::new();
    let mut extra = deal.clone();
    extra["color"] = json!("red");
    broken.push(extra);
    let mut deep = deal.clone();
    deep["gaps"][0]["data"]["extra"] = json!(1);
    broken.push(deep);
    let mut deeper = deal.clone();
    deeper["gaps"][0]["location"]["offset"] = json!(3);
    broken.push(deeper);
    broken.push(json!({ "path": "deals/broken.toml", "error": ["deals/broken.toml:3:12: x"] }));
    let mut diagnostic = unjudged.clone();
    diagnostic["diagnostics"][0]["severity"] = json!("error");
    broken.push(diagnostic);
    let mut verdict = deal.clone();
    verdict["verdict"] = json!("maybe");
    broken.push(verdict);
    for b in broken {
        assert!(!validator.is_valid(&b), "accepted: {b}");
    }
}

#[test]
fn the_schema_closes_every_object() {
    fn walk(v: &Value, path: &str) {
        match v {
            Value::Object(m) => {
                if m.contains_key("properties") {
                    assert_eq!(m.get("additionalProperties"), Some(&json!(false)), "{path}");
                }
                m.iter().for_each(|(k, x)| walk(x, &format!("{path}/{k}")));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, path)),
            _ => {}
        }
    }
    walk(&schema(&[]), "#");
}

#[test]
fn jsonl_snapshot() {
    let text = render_as(Format::Jsonl, &report());
    insta::assert_snapshot!(text);
}

/// A jsonl line rendered on its own into a buffer handed back once written
/// holds that deal alone: recycled buffers start empty, whatever came before.
#[test]
fn a_recycled_jsonl_buffer_holds_only_its_own_deal() {
    let report = report();
    let fresh: Vec<Vec<u8>> = report
        .deals
        .iter()
        .map(|d| {
            let mut line = Vec::new();
            dealcheck::report::json::deal_line(d, &mut line).unwrap();
            line
        })
        .collect();
    // Rounds of render, write, recycle: later rounds reuse earlier buffers.
    for _ in 0..3 {
        for (deal, expected) in report.deals.iter().zip(&fresh) {
            let bytes = Format::Jsonl
                .prepare(deal)
                .expect("jsonl renders a deal alone");
            assert_eq!(&bytes, expected);
            dealcheck::report::recycle(bytes);
        }
    }
}
