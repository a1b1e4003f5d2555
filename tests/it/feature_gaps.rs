//! F001–F009: each feature gap triggered, and absent where it should be.

use crate::common;
use common::*;
use dealcheck::gap::GapCode::*;

const LATE: &str = "2027-03-01";

#[test]
fn a_plain_ga_deal_has_no_feature_gaps() {
    assert!(codes(&["core"], LATE, "").is_empty());
}

#[test]
fn f001_unknown_feature_suggests_the_nearest_id() {
    let report = check_text(&catalog(), &deal_text(&["core", "sos"], LATE, ""));
    let gap = &report.gaps[0];
    assert_eq!(gap.code(), F001);
    assert_eq!(gap.suggestion(), Some("did you mean \"sso\"?"));
    let loc = gap.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (6, 21));
    assert!(!codes(&["sso"], LATE, "").contains(&F001));
}

#[test]
fn f002_unplanned_listed_or_implied() {
    assert!(codes(&["onprem"], LATE, "").contains(&F002));
    let implied = codes(&["needs-onprem"], LATE, "");
    assert!(
        implied.contains(&F002) && implied.contains(&F008),
        "{implied:?}"
    );
    assert!(!codes(&["core"], LATE, "").contains(&F002));
}

#[test]
fn f003_retired() {
    assert_eq!(codes(&["fax"], LATE, ""), vec![F003]);
    assert!(!codes(&["core"], LATE, "").contains(&F003));
}

#[test]
fn f004_roadmap_too_late_suggests_the_eta() {
    let report = check_text(&catalog(), &deal_text(&["byok"], "2027-01-15", ""));
    let gap = report.gaps.iter().find(|g| g.code() == F004).expect("F004");
    assert!(gap.suggestion().unwrap().contains("2027-02-01"));
    assert!(!codes(&["byok"], "2027-03-01", "").contains(&F004));
}

#[test]
fn f005_pulled_forward_when_work_exists() {
    assert!(codes(&["residency"], "2027-03-01", "").contains(&F005));
    assert!(!codes(&["residency"], "2027-06-01", "").contains(&F005));
    assert!(!codes(&["byok"], "2027-01-15", "").contains(&F005));
}

#[test]
fn f006_roadmap_dependency_on_or_before_the_deadline() {
    assert!(
        codes(&["byok"], "2027-02-01", "").contains(&F006),
        "the eta on the deadline day counts"
    );
    assert!(!codes(&["byok"], "2027-01-31", "").contains(&F006));
}

#[test]
fn f007_beta() {
    assert_eq!(codes(&["ldap"], LATE, ""), vec![F007]);
    assert!(!codes(&["core"], LATE, "").contains(&F007));
}

#[test]
fn f008_implied_but_not_when_listed() {
    assert_eq!(codes(&["sso"], LATE, ""), vec![F008]);
    assert!(codes(&["sso", "dir"], LATE, "").is_empty());
}

#[test]
fn f009_conflicts_reported_once_per_pair() {
    let found = codes(&["sso", "ldap"], LATE, "");
    assert_eq!(found.iter().filter(|c| **c == F009).count(), 1, "{found:?}");
    assert!(!codes(&["sso", "core"], LATE, "").contains(&F009));
}

#[test]
fn implied_features_come_right_after_the_feature_that_implies_them() {
    let cat = catalog();
    let deal = dealcheck::load::parse_deal(
        &source("d.toml", &deal_text(&["sso", "core"], LATE, "")),
        &cat,
    )
    .unwrap();
    let scope = dealcheck::check::scope::resolve(&cat, &deal);
    let ids: Vec<&str> = scope
        .iter()
        .map(|e| cat.feature_at(e.feature).id.as_str())
        .collect();
    assert_eq!(ids, ["sso", "dir", "core"]);
}
