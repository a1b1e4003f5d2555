use super::*;

// ---------------------------------------------------------------- A001

#[test]
fn a001_above_every_tier() {
    // Premium (99.95%, with multi-region) is the best: 99.99% is above it.
    let r = check(
        &main_cat(),
        &["core", "multi-region"],
        "\"99.99%\"",
        Some("24x7"),
        None,
    );
    assert_eq!(a_codes(&r), vec![A001]);
    let g = gap(&r, A001);
    assert_eq!(g.data()["best_tier"], "premium");
    assert!(approx(
        g.data()["best_guarantee"].as_f64().unwrap(),
        0.9995,
        1e-12
    ));
    assert_eq!(g.suggestion(), Some("promise at most 99.95%"));
    assert_eq!(section(&r).offered.as_ref().unwrap().tier, "premium");
    // Without multi-region, the best eligible tier is business (99.9%).
    let r = check(&main_cat(), &["core"], "\"99.99%\"", Some("24x7"), None);
    assert_eq!(a_codes(&r), vec![A001]);
    assert_eq!(gap(&r, A001).data()["best_tier"], "business");
}

#[test]
fn a001_absent_when_a_tier_guarantees_it() {
    // Business 99.9% over 24x7 guarantees 99.8% (and its record 99.85% too).
    let r = check(&main_cat(), &["core"], "\"99.8%\"", Some("24x7"), None);
    assert!(a_codes(&r).is_empty(), "{:?}", a_codes(&r));
    let offered = section(&r).offered.as_ref().unwrap();
    assert_eq!(offered.tier, "business");
    assert!(approx(offered.guaranteed_in_promised_window, 0.999, 1e-12));
    assert_eq!(r.verdict, dealcheck::report::Verdict::Feasible);
    // The window defaults to 24x7.
    let r = check(&main_cat(), &["core"], "99.8", None, None);
    assert!(a_codes(&r).is_empty(), "{:?}", a_codes(&r));
    assert_eq!(section(&r).promised.weekly_minutes, 10_080);
}

// ---------------------------------------------------------------- A002

#[test]
fn a002_perfect_availability_and_no_a001_beside_it() {
    for target in ["\"100%\"", "100", "100.0"] {
        let r = check(&main_cat(), &["core"], target, Some("24x7"), None);
        assert_eq!(a_codes(&r), vec![A002], "{target}");
        assert_eq!(section(&r).promised.target, 1.0);
        assert_eq!(section(&r).downtime_per_month_minutes.promised, 0.0);
    }
    // Not even an architecture limit beside it: one root cause, one gap.
    let r = check(&main_cat(), &["twin"], "\"100%\"", Some("24x7"), None);
    assert_eq!(a_codes(&r), vec![A002]);
}

#[test]
fn a002_absent_below_100() {
    let r = check(&main_cat(), &["core"], "\"99.999%\"", Some("24x7"), None);
    assert!(!a_codes(&r).contains(&A002), "{:?}", a_codes(&r));
    assert!(a_codes(&r).contains(&A001));
}

// ---------------------------------------------------------------- A003

#[test]
fn a003_24x7_promised_business_hours_offered() {
    let cat = cat_from_tiers(STANDARD);
    let r = check(&cat, &["core"], "\"99%\"", Some("24x7"), None);
    assert_eq!(a_codes(&r), vec![A003]);
    assert!(section(&r).offered.is_none());
    let g = gap(&r, A003);
    assert_eq!(g.data()["tiers"][0]["tier"], "standard");
    assert!(g.suggestion().unwrap().contains("standard"));
    // No tiers at all: nothing covers.
    let r = check(&cat_from_tiers(""), &["core"], "\"99%\"", None, None);
    assert_eq!(a_codes(&r), vec![A003]);
}

#[test]
fn a003_absent_when_the_promise_is_inside_the_tier() {
    let cat = cat_from_tiers(STANDARD);
    // 97%: standard guarantees 99.5% over business hours, and
    // 1 − 0.005 × 2400 / 600 = 98% over mon-fri 10:00-12:00.
    for window in [
        "business-hours",
        "mon-fri 09:00-17:00",
        "mon-fri 10:00-12:00 UTC",
    ] {
        let r = check(&cat, &["core"], "\"97%\"", Some(window), None);
        assert!(a_codes(&r).is_empty(), "{window}: {:?}", a_codes(&r));
        assert_eq!(section(&r).offered.as_ref().unwrap().tier, "standard");
    }
    // 08:00-18:00 is wider than standard's hours but inside business' 24x7.
    let r = check(
        &main_cat(),
        &["core"],
        "\"99%\"",
        Some("mon-fri 08:00-18:00"),
        None,
    );
    assert!(!a_codes(&r).contains(&A003));
    assert_eq!(section(&r).offered.as_ref().unwrap().tier, "business");
}

const BERLIN: &str = "[catalog]\nname = \"Berlin\"\ntimezone = \"Europe/Berlin\"\nbusiness_hours = \"mon-fri 08:00-18:00\"\n[[feature]]\nid = \"core\"\nstatus = \"ga\"\n[[tier]]\nname = \"office\"\navailability = \"99.5%\"\nwindow = \"mon-fri 08:00-18:00\"\n";

#[test]
fn a003_across_time_zones() {
    // Berlin 08:00-18:00 vs New York 08:00-18:00: New York's 08:00 is Berlin's
    // 13:00 or 14:00, so the New York afternoon lies after Berlin's 18:00.
    let cat = catalog_from(BERLIN).unwrap();
    let r = check(
        &cat,
        &["core"],
        "\"97%\"",
        Some("mon-fri 08:00-18:00 America/New_York"),
        None,
    );
    assert_eq!(a_codes(&r), vec![A003]);
}

#[test]
fn catalog_time_zone_in_any_case_is_the_canonical_zone() {
    // `europe/berlin` is accepted in the catalog as it is at the end of a
    // window, and means Europe/Berlin: the same A003 as with BERLIN.
    let lower = BERLIN.replace("\"Europe/Berlin\"", "\"europe/berlin\"");
    let cat = catalog_from(&lower).unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert_eq!(cat.timezone, chrono_tz::Europe::Berlin);
    assert_eq!(cat.timezone.name(), "Europe/Berlin");
    let r = check(
        &cat,
        &["core"],
        "\"97%\"",
        Some("mon-fri 08:00-18:00 America/New_York"),
        None,
    );
    assert_eq!(a_codes(&r), vec![A003]);
    // A misspelt zone is still refused, suggested the way every name is.
    let typo = BERLIN.replace("\"Europe/Berlin\"", "\"Europe/Berln\"");
    let err = catalog_from(&typo).unwrap_err().render(false);
    assert!(err.contains("did you mean \"Europe/Berlin\"?"), "{err}");
}

#[test]
fn a003_absent_across_time_zones_when_inside() {
    // New York 09:00-11:00 is Berlin 15:00-17:00 (14:00-16:00 in the weeks
    // where only one side is on summer time): always inside 08:00-18:00.
    // Guarantee: 1 − 0.005 × 3000 / 600 = 0.975 ≥ 0.97.
    let cat = catalog_from(BERLIN).unwrap();
    let r = check(
        &cat,
        &["core"],
        "\"97%\"",
        Some("mon-fri 09:00-11:00 America/New_York"),
        None,
    );
    assert!(a_codes(&r).is_empty(), "{:?}", a_codes(&r));
    let offered = section(&r).offered.as_ref().unwrap();
    assert_eq!(offered.tier, "office");
    assert_eq!(offered.weekly_minutes, 3000);
    assert_eq!(section(&r).promised.weekly_minutes, 600);
    assert!(approx(offered.guaranteed_in_promised_window, 0.975, 1e-12));
    // 98% is above that worst case.
    let r = check(
        &cat,
        &["core"],
        "\"98%\"",
        Some("mon-fri 09:00-11:00 America/New_York"),
        None,
    );
    assert_eq!(a_codes(&r), vec![A001]);
}

#[test]
fn a003_summer_time_counts() {
    // Tier mon-fri 14:00-23:00 UTC. New York 09:00-17:00 is 14:00-22:00 UTC
    // in winter (UTC−5) but 13:00-21:00 in summer (UTC−4): the year after
    // the deadline 2027-03-01 has summer weeks, so it is not covered.
    // New York 10:00-17:00 is 15:00-22:00 / 14:00-21:00: always covered.
    let cat = cat_from_tiers(
        "[[tier]]\nname = \"late\"\navailability = \"99.5%\"\nwindow = \"mon-fri 14:00-23:00\"\n",
    );
    let r = check(
        &cat,
        &["core"],
        "\"90%\"",
        Some("mon-fri 09:00-17:00 America/New_York"),
        None,
    );
    assert_eq!(a_codes(&r), vec![A003]);
    let r = check(
        &cat,
        &["core"],
        "\"90%\"",
        Some("mon-fri 10:00-17:00 America/New_York"),
        None,
    );
    assert!(a_codes(&r).is_empty(), "{:?}", a_codes(&r));
}

// ---------------------------------------------------------------- A004

#[test]
fn a004_names_the_missing_feature() {
    // 99.95% over 24x7: only premium guarantees it, and it needs multi-region.
    let r = check(&main_cat(), &["core"], "\"99.95%\"", Some("24x7"), None);
    assert_eq!(a_codes(&r), vec![A004]);
    let g = gap(&r, A004);
    assert_eq!(g.data()["tier"], "premium");
    assert_eq!(
        g.data()["missing_features"],
        serde_json::json!(["multi-region"])
    );
    assert!(g.message().contains("\"multi-region\""), "{}", g.message());
    assert!(g.suggestion().unwrap().contains("multi-region"));
}

#[test]
fn a004_absent_once_the_feature_is_in_the_deal() {
    let r = check(
        &main_cat(),
        &["core", "multi-region"],
        "\"99.95%\"",
        Some("24x7"),
        None,
    );
    assert!(a_codes(&r).is_empty(), "{:?}", a_codes(&r));
    assert_eq!(section(&r).offered.as_ref().unwrap().tier, "premium");
    // A feature implied by `requires` counts too.
    let cat = catalog_from(&format!(
        "{HEADER}{FEATURES}[[feature]]\nid = \"geo\"\nstatus = \"ga\"\nrequires = [\"multi-region\"]\n{STANDARD}{BUSINESS}{PREMIUM}"
    ))
    .unwrap();
    let r = check(&cat, &["geo"], "\"99.95%\"", Some("24x7"), None);
    assert!(a_codes(&r).is_empty(), "{:?}", a_codes(&r));
}
