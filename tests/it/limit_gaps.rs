//! L001–L003: requirements against the catalog's limits.

use crate::common;
use common::*;
use dealcheck::gap::GapCode::*;

fn req(body: &str) -> Vec<dealcheck::gap::GapCode> {
    codes(
        &["core"],
        "2027-03-01",
        &format!("[requirements]\n{body}\n"),
    )
}

#[test]
fn l001_over_a_numeric_limit() {
    assert_eq!(req("seats = 101"), vec![L001]);
    assert!(req("seats = 100").is_empty(), "the limit itself is allowed");
    assert_eq!(
        req("seats = \"lots\""),
        vec![L001],
        "a text against a maximum cannot be judged below it"
    );
}

#[test]
fn l002_not_offered_lists_the_offered_values() {
    let report = check_text(
        &catalog(),
        &deal_text(
            &["core"],
            "2027-03-01",
            "[requirements]\nregions = [\"eu\", \"apac\"]\n",
        ),
    );
    let gap = &report.gaps[0];
    assert_eq!(gap.code(), L002);
    assert_eq!(gap.data()["not_offered"], serde_json::json!(["apac"]));
    assert!(gap.suggestion().unwrap().contains("\"eu\", \"us\""));
    assert!(req("regions = [\"eu\", \"us\"]").is_empty());
    assert!(
        req("regions = \"us\"").is_empty(),
        "a single value works like a list of one"
    );
}

#[test]
fn l003_unknown_requirement_is_a_warning() {
    let report = check_text(
        &catalog(),
        &deal_text(&["core"], "2027-03-01", "[requirements]\nseat = 5\n"),
    );
    assert_eq!(report.gaps[0].code(), L003);
    assert_eq!(report.gaps[0].suggestion(), Some("did you mean \"seats\"?"));
    assert_eq!(report.verdict, dealcheck::report::Verdict::AtRisk);
    assert!(req("seats = 5").is_empty());
}
