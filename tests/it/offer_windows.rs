//! Offers for promises in another time zone, worked out by hand.
//!
//! The catalog (tests/data/offer-tz) is in Europe/Berlin: tier "standard"
//! is 99.5% over its business hours (08:00–18:00 Berlin, 07:00–17:00 UTC in
//! winter), tier "extended" 99.9% over mon–fri 06:00–22:00 UTC (4,800 minutes
//! a week).

use crate::common;
use common::dealcheck;

fn offer(deal: &str, extra: &[&str]) -> std::process::Output {
    dealcheck()
        .current_dir("tests/data/offer-tz")
        .args(["offer", deal, "--as-of", "2026-11-27"])
        .args(extra)
        .output()
        .unwrap()
}

fn json(deal: &str) -> serde_json::Value {
    let out = offer(deal, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["offers"][0].clone()
}

/// The gap codes of an offer's changes, in order.
fn change_codes(o: &serde_json::Value) -> Vec<&str> {
    o["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect()
}

/// New York office hours, 09:00–17:00 (14:00–22:00 UTC in winter, 13:00–21:00
/// in summer: inside "extended", never inside "standard"). 2,400 minutes a
/// week: at worst "extended" guarantees 1 − 0.001 × 4800 / 2400 = 99.8%.
#[test]
fn a_new_york_promise_gets_the_worst_case_of_the_covering_tier() {
    let o = json("ny.toml");
    let a = &o["on_date"]["availability"];
    assert_eq!(a["tier"], "extended");
    assert_eq!(a["target"], 99.8);
    assert_eq!(a["window"], "mon-fri 09:00-17:00 America/New_York");
    assert_eq!(a["support_response"], "4h");
    assert_eq!(o["on_date"]["verdict"], "feasible");
    let codes = change_codes(&o);
    assert_eq!(codes, ["A001", "A007"]);
}

/// 24x7 is covered by no tier: the window becomes that of the eligible tier
/// with the highest availability ("extended"), whose own figure holds there.
#[test]
fn an_uncovered_promise_moves_to_the_best_tiers_window() {
    let o = json("all.toml");
    let a = &o["on_date"]["availability"];
    assert_eq!(a["window"], "mon-fri 06:00-22:00 UTC");
    assert_eq!(a["target"], 99.9);
    assert_eq!(a["tier"], "extended");
    let codes = change_codes(&o);
    assert!(codes.contains(&"A003"), "{codes:?}");
}

/// Both variants, written as deal files, check without an error gap and keep
/// the deal's comment.
#[test]
fn the_variants_check_clean_and_keep_comments() {
    for deal in ["ny.toml", "all.toml"] {
        for variant in ["on-date", "complete"] {
            let out = offer(deal, &["--format", "toml", "--variant", variant]);
            assert_eq!(out.status.code(), Some(0), "{deal} {variant}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(
                text.contains("# New York office hours, promised high."),
                "{text}"
            );
            let dir = tempfile::tempdir().unwrap();
            std::fs::copy(
                "tests/data/offer-tz/catalog.toml",
                dir.path().join("catalog.toml"),
            )
            .unwrap();
            std::fs::write(dir.path().join("variant.toml"), &text).unwrap();
            dealcheck()
                .current_dir(dir.path())
                .args([
                    "check",
                    "variant.toml",
                    "--as-of",
                    "2026-11-27",
                    "--format",
                    "json",
                ])
                .assert()
                .code(0);
        }
    }
}
