use super::*;

// ---------------------------------------------------------------- S002

#[test]
fn s002_deadline_before_start() {
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let r = core_from_monday(&c, "2027-01-03", &custom("job", "ops", "1"));
    assert_eq!(gap_codes(&r), vec![S002]);
    assert!(r.schedule.is_none(), "no schedule without a time span");
    let gap = &r.gaps[0];
    assert_eq!(gap.data()["start"], "2027-01-04");
    assert_eq!(gap.data()["deadline"], "2027-01-03");
    assert!(!gap_codes(&r).contains(&S001), "one root cause, one gap");
    // Without a `start`, --as-of (2026-11-27) is the start; a deadline
    // before it has passed, which is its own root cause (S006).
    let text = "[deal]\nid = \"S-2\"\ndeadline = 2026-11-26\nfeatures = [\"core\"]\n";
    assert_eq!(gap_codes(&check_text(&c, text)), vec![S006]);
}

#[test]
fn s002_absent_when_deadline_is_the_start_day() {
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    // 1 pd on Mon 01-04 with the deadline that same day: on time.
    let r = core_from_monday(&c, "2027-01-04", &custom("job", "ops", "1"));
    assert!(gap_codes(&r).is_empty(), "{:?}", gap_codes(&r));
    assert_eq!(sched(&r).delivery, Some(d(2027, 1, 4)));
    let text = "[deal]\nid = \"S-2\"\ndeadline = 2026-11-27\nfeatures = [\"core\"]\n";
    let r = check_text(&c, text);
    assert!(!gap_codes(&r).contains(&S002));
    assert_eq!(sched(&r).start, as_of());
}

// ---------------------------------------------------------------- S003

/// 1 pd a day from Mon 01-04; an item estimated low 4, likely 5, high 15.
/// Deterministic (likely = 5): done Fri 01-08.
fn uncertain_deal(deadline: &str) -> String {
    deal(
        "2027-01-04",
        deadline,
        &["core"],
        "[[custom]]\nname = \"job\"\nteam = \"ops\"\nestimate = { low = 4, likely = 5, high = 15 }\n",
    )
}

#[test]
fn s003_on_time_with_likely_but_not_confident() {
    // PERT(4, 5, 15): α = 1 + 4·(5−4)/11 ≈ 1.36, β = 1 + 4·(15−5)/11 ≈ 4.64;
    // P(effort ≤ 5) = P(Beta ≤ 1/11), about 0.1 — far below 0.85.
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let r = check_with_trials(&c, &uncertain_deal("2027-01-08"), 2000);
    let s = sched(&r);
    assert_eq!(s.delivery, Some(d(2027, 1, 8)), "on time with `likely`");
    // One stratified item: the blocks agree before the cap.
    assert!(s.trials >= 512 && s.trials <= 2000, "{}", s.trials);
    let p = s.on_time_probability.expect("simulated");
    assert!(p < 0.85 && p > 0.0, "{p}");
    assert!(p < 0.3, "P(effort ≤ 5) is about 0.1, got {p}");
    assert_eq!(gap_codes(&r), vec![S003]);
    let gap = &r.gaps[0];
    assert_eq!(gap.data()["confidence"], 0.85);
    assert_eq!(r.verdict, dealcheck::report::Verdict::AtRisk);
    // The percentiles are ordered and P85 (the suggestion) is after the deadline.
    let (p50, p85, p95) = (s.p50.unwrap(), s.p85.unwrap(), s.p95.unwrap());
    assert!(p50 <= p85 && p85 <= p95);
    assert!(p85 > d(2027, 1, 8));
    assert!(p95 <= d(2027, 1, 22), "15 pd at most: done by Fri 01-22");
    assert!(gap.suggestion().unwrap().contains(&p85.to_string()));
}

#[test]
fn s003_absent_with_a_generous_deadline_or_without_trials() {
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    // At most 15 pd → done by Fri 01-22 in every trial.
    let r = check_with_trials(&c, &uncertain_deal("2027-01-22"), 2000);
    assert_eq!(sched(&r).on_time_probability, Some(1.0));
    assert!(gap_codes(&r).is_empty(), "{:?}", gap_codes(&r));
    // Without trials there is no probability and no S003.
    let r = check_text(&c, &uncertain_deal("2027-01-08"));
    assert_eq!(sched(&r).on_time_probability, None);
    assert_eq!(sched(&r).trials, 0);
    assert!(gap_codes(&r).is_empty(), "{:?}", gap_codes(&r));
    // Fixed efforts are not simulated even with trials.
    let text = deal(
        "2027-01-04",
        "2027-01-08",
        &["core"],
        &custom("job", "ops", "5"),
    );
    let r = check_with_trials(&c, &text, 2000);
    assert_eq!(sched(&r).on_time_probability, None);
    assert!(gap_codes(&r).is_empty());
}

#[test]
fn s003_is_not_added_to_a_late_deal() {
    // Deadline Thu 01-07: late with likely (S001), so no S003 beside it.
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let r = check_with_trials(&c, &uncertain_deal("2027-01-07"), 2000);
    assert_eq!(gap_codes(&r), vec![S001]);
}

#[test]
fn monte_carlo_is_reproducible_with_the_same_seed() {
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let a = check_with_trials(&c, &uncertain_deal("2027-01-08"), 2000);
    let b = check_with_trials(&c, &uncertain_deal("2027-01-08"), 2000);
    assert_eq!(sched(&a).on_time_probability, sched(&b).on_time_probability);
    assert_eq!(sched(&a).p85, sched(&b).p85);
}

// ---------------------------------------------------------------- S004

#[test]
fn s004_unknown_team_suggests_the_nearest() {
    let c = cat(&format!("{CORE}[[team]]\nid = \"platform\"\npeople = 2\n"));
    let r = core_from_monday(&c, "2027-01-29", &custom("job", "platfrom", "1"));
    assert_eq!(gap_codes(&r), vec![S004]);
    let gap = &r.gaps[0];
    assert_eq!(gap.suggestion(), Some("did you mean \"platform\"?"));
    assert_eq!(gap.data()["team"], "platfrom");
    assert_eq!(gap.subject(), "custom.job.team");
    // [[custom]] starts on line 7; `team` is on line 9, its value at col 8.
    let loc = gap.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (9, 8));
    // The item is left out of the schedule, not scheduled against nobody.
    assert!(sched(&r).items.is_empty());
}

#[test]
fn s004_absent_for_a_known_team() {
    let c = cat(&format!("{CORE}[[team]]\nid = \"platform\"\npeople = 2\n"));
    let r = core_from_monday(&c, "2027-01-29", &custom("job", "platform", "1"));
    assert!(gap_codes(&r).is_empty(), "{:?}", gap_codes(&r));
    assert_eq!(sched(&r).items.len(), 1);
}

// ---------------------------------------------------------------- S005

#[test]
fn s005_unknown_dependency() {
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let extra = "[[custom]]\nname = \"job\"\nteam = \"ops\"\ndays = 1\nafter = [\"croe\"]\n";
    let r = core_from_monday(&c, "2027-01-29", extra);
    assert_eq!(gap_codes(&r), vec![S005]);
    let gap = &r.gaps[0];
    assert_eq!(gap.data()["after"], "croe");
    assert_eq!(gap.suggestion(), Some("did you mean \"core\"?"));
    // A catalog feature that is not in the deal is not something to wait for.
    let body = format!("{CORE}{ONE_PD_A_DAY}[[feature]]\nid = \"extra\"\nstatus = \"ga\"\n");
    let c = cat(&body);
    let extra = "[[custom]]\nname = \"job\"\nteam = \"ops\"\ndays = 1\nafter = [\"extra\"]\n";
    let r = core_from_monday(&c, "2027-01-29", extra);
    assert_eq!(gap_codes(&r), vec![S005]);
}

#[test]
fn s005_absent_for_features_implied_features_and_custom_items() {
    let body = "[[feature]]\nid = \"dir\"\nstatus = \"ga\"\n[[feature]]\nid = \"sso\"\nstatus = \"ga\"\nrequires = [\"dir\"]\n[[team]]\nid = \"ops\"\npeople = 1\n";
    let c = cat(body);
    for after in ["sso", "dir", "first"] {
        let extra = format!(
            "{}[[custom]]\nname = \"job\"\nteam = \"ops\"\ndays = 1\nafter = [\"{after}\"]\n",
            custom("first", "ops", "1")
        );
        let r = check_text(&c, &deal("2027-01-04", "2027-01-29", &["sso"], &extra));
        assert!(
            !gap_codes(&r).contains(&S005),
            "{after}: {:?}",
            gap_codes(&r)
        );
    }
}

// ---------------------------------------------------------------- binary

#[test]
fn json_through_the_binary_has_the_schedule_figures() {
    // The S001 case: 5 pd at 1 a day from Mon 2027-01-04, deadline Wed
    // 01-06 → delivery Fri 01-08, 2 person-days short, 2 × 8 = 16 hours.
    let dir = tempfile::tempdir().unwrap();
    let catalog = format!("{HEADER}\n{CORE}{ONE_PD_A_DAY}");
    std::fs::write(dir.path().join("catalog.toml"), catalog).unwrap();
    let text = deal(
        "2027-01-04",
        "2027-01-06",
        &["core"],
        &custom("job", "ops", "5"),
    );
    std::fs::write(dir.path().join("deal.toml"), text).unwrap();
    let out = assert_cmd::Command::cargo_bin("dealcheck")
        .unwrap()
        .env_remove("DEALCHECK_CATALOG")
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--as-of",
            "2026-11-27",
            "deal.toml",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON on stdout");
    let deal = &v["deals"][0];
    assert_eq!(deal["verdict"], "infeasible");
    assert_eq!(deal["gaps"][0]["code"], "S001");
    assert_eq!(deal["gaps"][0]["name"], "late-delivery");
    let s = &deal["schedule"];
    assert_eq!(s["delivery"], "2027-01-08");
    assert_eq!(s["slack_working_days"], -2);
    assert_eq!(s["shortfall_person_days"].as_f64(), Some(2.0));
    assert_eq!(s["overtime_hours"].as_f64(), Some(16.0));
    assert_eq!(s["items"][0]["finish"], "2027-01-08");
}

#[test]
fn work_far_past_the_deadline_is_dated_exactly() {
    // 300 person-days at 1 a day from Monday 2027-01-04, deadline that same
    // day: the schedule first tries a short horizon, then the full 10 years;
    // the answer must be the 300th weekday either way.
    let catalog = cat(ONE_PD_A_DAY);
    let text = deal(
        "2027-01-04",
        "2027-01-04",
        &[],
        &custom("long", "ops", "300"),
    );
    let report = check_text(&catalog, &text);
    let weekdays = d(2027, 1, 4)
        .iter_days()
        .filter(|day| chrono::Datelike::weekday(day).number_from_monday() <= 5);
    let expected = weekdays.take(300).last();
    assert_eq!(sched(&report).delivery, expected);
    assert!(close(sched(&report).shortfall_person_days, 299.0));
    let mut options = dealcheck::check::CheckOptions::new(d(2026, 11, 27));
    options.trials = 200;
    let deal = dealcheck::load::parse_deal(
        &source(
            "d.toml",
            &text.replace(
                "days = 300",
                "estimate = { low = 250, likely = 300, high = 400 }",
            ),
        ),
        &catalog,
    )
    .unwrap();
    let mc = dealcheck::check::check_deal(&catalog, &deal, &options);
    let p95 = sched(&mc).p95.expect("delivered within 10 years");
    assert!(
        p95 > expected.unwrap(),
        "the slow trials are dated past the short horizon too"
    );
}
