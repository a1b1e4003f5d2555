use super::*;

// ---------------------------------------------------------------- S001

#[test]
fn the_basic_case_delivers_on_friday() {
    // 2 people × focus 0.5 = 1 person-day a day; 5 person-days from
    // Mon 2027-01-04: Mon, Tue, Wed, Thu, Fri → done Fri 2027-01-08.
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let r = core_from_monday(&c, "2027-01-15", &custom("job", "ops", "5"));
    let s = sched(&r);
    assert_eq!(s.start, d(2027, 1, 4));
    assert_eq!(s.delivery, Some(d(2027, 1, 8)));
    assert_eq!(start_of(s, "custom: job"), Some(d(2027, 1, 4)));
    assert_eq!(finish_of(s, "custom: job"), Some(d(2027, 1, 8)));
    // Slack: working days in (Fri 01-08, Fri 01-15] = Mon..Fri = 5.
    assert_eq!(s.slack_working_days, Some(5));
    assert_eq!(s.shortfall_person_days, 0.0);
    assert_eq!(s.overtime_hours, 0.0);
    assert!(!gap_codes(&r).contains(&S001), "{:?}", gap_codes(&r));
    // Team load: needed 5; free Mon 01-04..Fri 01-15 = 10 working days × 1.
    assert_eq!(s.teams.len(), 1);
    assert_eq!(s.teams[0].team, "ops");
    assert!(close(s.teams[0].needed_person_days, 5.0));
    assert!(close(s.teams[0].free_person_days, 10.0));
}

#[test]
fn s001_late_reports_shortfall_and_overtime() {
    // Same work, deadline Wed 2027-01-06: by the end of Wednesday 3 of the 5
    // person-days are done → shortfall 2 person-days; hours_per_day = 7.5 →
    // overtime 2 × 7.5 = 15 hours. Delivery stays Fri 2027-01-08, two
    // working days (Thu, Fri) after the deadline → slack −2.
    let team = "[[team]]\nid = \"ops\"\npeople = 2\nfocus = 0.5\nhours_per_day = 7.5\n";
    let c = cat(&format!("{CORE}{team}"));
    let r = core_from_monday(&c, "2027-01-06", &custom("job", "ops", "5"));
    let s = sched(&r);
    assert_eq!(s.delivery, Some(d(2027, 1, 8)));
    assert_eq!(s.slack_working_days, Some(-2));
    assert!(
        close(s.shortfall_person_days, 2.0),
        "{}",
        s.shortfall_person_days
    );
    assert!(close(s.overtime_hours, 15.0), "{}", s.overtime_hours);
    let gap = r.gaps.iter().find(|g| g.code() == S001).expect("S001");
    assert_eq!(gap.data()["delivery"], "2027-01-08");
    assert_eq!(gap.data()["deadline"], "2027-01-06");
    assert_eq!(gap.data()["shortfall_person_days"], 2.0);
    assert_eq!(gap.data()["overtime_hours"], 15.0);
    assert!(gap.suggestion().unwrap().contains("2027-01-08"));
    // The deadline location points at the deal's `deadline` value (line 5).
    assert_eq!(gap.location.as_ref().unwrap().line, 5);
    assert_eq!(r.verdict, dealcheck::report::Verdict::Infeasible);
}

#[test]
fn s001_absent_when_delivery_is_on_the_deadline_day() {
    // Delivery Fri 2027-01-08 with deadline Fri 2027-01-08: on time, slack 0.
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let r = core_from_monday(&c, "2027-01-08", &custom("job", "ops", "5"));
    let s = sched(&r);
    assert_eq!(s.delivery, Some(d(2027, 1, 8)));
    assert_eq!(s.slack_working_days, Some(0));
    assert_eq!(s.shortfall_person_days, 0.0);
    assert!(gap_codes(&r).is_empty(), "{:?}", gap_codes(&r));
    // One day earlier (Thu) it is late by exactly one working day and 1 pd.
    let r = core_from_monday(&c, "2027-01-07", &custom("job", "ops", "5"));
    assert_eq!(gap_codes(&r), vec![S001]);
    assert_eq!(sched(&r).slack_working_days, Some(-1));
    assert!(close(sched(&r).shortfall_person_days, 1.0));
    assert!(close(sched(&r).overtime_hours, 8.0)); // default 8 hours a day
}

#[test]
fn overtime_uses_each_teams_hours_per_day() {
    // Team a: 1 pd/day, 8 h; team b: 1 pd/day, 6 h. Deadline Mon 2027-01-04
    // (one working day): a has 3 − 1 = 2 open, b has 2 − 1 = 1 open.
    // Shortfall 3 person-days; overtime 2 × 8 + 1 × 6 = 22 hours.
    let teams =
        "[[team]]\nid = \"a\"\npeople = 1\n[[team]]\nid = \"b\"\npeople = 1\nhours_per_day = 6\n";
    let c = cat(&format!("{CORE}{teams}"));
    let extra = format!("{}{}", custom("x", "a", "3"), custom("y", "b", "2"));
    let r = core_from_monday(&c, "2027-01-04", &extra);
    let s = sched(&r);
    assert!(
        close(s.shortfall_person_days, 3.0),
        "{}",
        s.shortfall_person_days
    );
    assert!(close(s.overtime_hours, 22.0), "{}", s.overtime_hours);
    // a finishes Wed 01-06, b Tue 01-05: delivery Wed, 2 working days late.
    assert_eq!(s.delivery, Some(d(2027, 1, 6)));
    assert_eq!(s.slack_working_days, Some(-2));
    assert!(gap_codes(&r).contains(&S001));
}

#[test]
fn weekends_are_skipped() {
    // 7 person-days at 1 a day from Mon 2027-01-04: Mon–Fri (5), the weekend
    // 01-09/01-10 gives nothing, Mon 01-11 (6), Tue 01-12 (7).
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let r = core_from_monday(&c, "2027-01-29", &custom("job", "ops", "7"));
    assert_eq!(sched(&r).delivery, Some(d(2027, 1, 12)));
    // Work starting on a Saturday begins on the Monday.
    let r = check_text(
        &c,
        &deal(
            "2027-01-09",
            "2027-01-29",
            &["core"],
            &custom("job", "ops", "1"),
        ),
    );
    assert_eq!(start_of(sched(&r), "custom: job"), Some(d(2027, 1, 11)));
    assert_eq!(sched(&r).delivery, Some(d(2027, 1, 11)));
}

#[test]
fn catalog_holidays_are_skipped() {
    // Catalog holiday Wed 2027-01-06: 5 person-days run Mon, Tue, Thu, Fri,
    // Mon 2027-01-11.
    let c = cat_with("holidays = [2027-01-06]", &format!("{CORE}{ONE_PD_A_DAY}"));
    let r = core_from_monday(&c, "2027-01-29", &custom("job", "ops", "5"));
    let s = sched(&r);
    assert_eq!(s.delivery, Some(d(2027, 1, 11)));
    // Slack counts catalog working days in (Mon 01-11, Fri 01-29] = 14.
    assert_eq!(s.slack_working_days, Some(14));
    // Free capacity 01-04..01-29: 20 weekdays − 1 holiday = 19.
    assert!(close(s.teams[0].free_person_days, 19.0));
}

#[test]
fn team_holidays_are_skipped_too() {
    // Catalog holiday Wed 01-06 plus the team's own holiday Thu 01-07:
    // 5 person-days run Mon, Tue, Fri, Mon 01-11, Tue 01-12.
    let team = "[[team]]\nid = \"ops\"\npeople = 2\nfocus = 0.5\nholidays = [2027-01-07]\n";
    let c = cat_with("holidays = [2027-01-06]", &format!("{CORE}{team}"));
    let r = core_from_monday(&c, "2027-01-29", &custom("job", "ops", "5"));
    assert_eq!(sched(&r).delivery, Some(d(2027, 1, 12)));
    // Another team without that holiday is not affected by it.
    let other = "[[team]]\nid = \"other\"\npeople = 2\nfocus = 0.5\n";
    let c = cat_with("holidays = [2027-01-06]", &format!("{CORE}{team}{other}"));
    let r = core_from_monday(&c, "2027-01-29", &custom("job", "other", "5"));
    assert_eq!(sched(&r).delivery, Some(d(2027, 1, 11)));
}

#[test]
fn a_commitment_reduces_the_people_available() {
    // 3 people, focus 1; 2 of them committed Mon 01-04..Wed 01-06 (inclusive):
    // capacity 1, 1, 1 then 3 from Thu. 6 person-days: 3 by Wed, 6 by Thu.
    let team = "[[team]]\nid = \"ops\"\npeople = 3\n[[team.commitment]]\nwhat = \"Migration\"\nfrom = 2027-01-04\nuntil = 2027-01-06\npeople = 2\n";
    let c = cat(&format!("{CORE}{team}"));
    let text = deal(
        "2027-01-04",
        "2027-01-08",
        &["core"],
        &custom("job", "ops", "6"),
    );
    let s = sched(&check_text(&c, &text)).clone();
    assert_eq!(s.delivery, Some(d(2027, 1, 7)));
    // Free before the deadline Fri 01-08: 1 + 1 + 1 + 3 + 3 = 9.
    assert!(close(s.teams[0].free_person_days, 9.0));
    assert!(close(s.teams[0].needed_person_days, 6.0));
    // Without the commitment: 3 a day → done Tue 01-05.
    let c = cat(&format!("{CORE}[[team]]\nid = \"ops\"\npeople = 3\n"));
    assert_eq!(sched(&check_text(&c, &text)).delivery, Some(d(2027, 1, 5)));
    // A commitment of more people than the team has leaves 0, not less:
    // 5 committed Mon–Wed → nothing until Thu, 3 + 3 = 6 by Fri 01-08.
    let team = "[[team]]\nid = \"ops\"\npeople = 3\n[[team.commitment]]\nfrom = 2027-01-04\nuntil = 2027-01-06\npeople = 5\n";
    let c = cat(&format!("{CORE}{team}"));
    assert_eq!(sched(&check_text(&c, &text)).delivery, Some(d(2027, 1, 8)));
}

#[test]
fn max_people_caps_an_item_and_the_rest_goes_to_the_next() {
    // 4 people × focus 0.5 = 2 pd a day. "capped" (max_people 1) takes at
    // most 1 × 0.5 = 0.5 a day: 2 pd → Mon, Tue, Wed, Thu (4 × 0.5).
    // "rest" gets the other 1.5 a day: 3 pd → Mon 1.5, Tue 3.0 → done Tue.
    // Delivery is Thu 2027-01-07.
    let team = "[[team]]\nid = \"ops\"\npeople = 4\nfocus = 0.5\n";
    let c = cat(&format!("{CORE}{team}"));
    let extra = format!(
        "[[custom]]\nname = \"capped\"\nteam = \"ops\"\ndays = 2\nmax_people = 1\n{}",
        custom("rest", "ops", "3")
    );
    let r = core_from_monday(&c, "2027-01-29", &extra);
    let s = sched(&r);
    assert_eq!(finish_of(s, "custom: capped"), Some(d(2027, 1, 7)));
    assert_eq!(finish_of(s, "custom: rest"), Some(d(2027, 1, 5)));
    assert_eq!(s.delivery, Some(d(2027, 1, 7)));
    // Uncapped, the first item takes all 2 a day: done Mon; "rest" gets
    // nothing Mon, then 2 Tue, 1 Wed → done Wed.
    let extra = format!(
        "{}{}",
        custom("capped", "ops", "2"),
        custom("rest", "ops", "3")
    );
    let r = core_from_monday(&c, "2027-01-29", &extra);
    let s = sched(&r);
    assert_eq!(finish_of(s, "custom: capped"), Some(d(2027, 1, 4)));
    assert_eq!(start_of(s, "custom: rest"), Some(d(2027, 1, 5)));
    assert_eq!(finish_of(s, "custom: rest"), Some(d(2027, 1, 6)));
}

#[test]
fn a_cross_team_follower_starts_the_next_working_day() {
    // Team a (1 pd/day) does "first", 2 pd: Mon, Tue → done Tue 01-05.
    // Team b's "second" waits for it and may start only on a later day:
    // Wed 01-06, 1 pd → done Wed.
    let teams = "[[team]]\nid = \"a\"\npeople = 1\n[[team]]\nid = \"b\"\npeople = 1\n";
    let c = cat(&format!("{CORE}{teams}"));
    let extra = format!(
        "{}[[custom]]\nname = \"second\"\nteam = \"b\"\ndays = 1\nafter = [\"first\"]\n",
        custom("first", "a", "2")
    );
    let r = core_from_monday(&c, "2027-01-29", &extra);
    let s = sched(&r);
    assert_eq!(finish_of(s, "custom: first"), Some(d(2027, 1, 5)));
    assert_eq!(start_of(s, "custom: second"), Some(d(2027, 1, 6)));
    assert_eq!(s.delivery, Some(d(2027, 1, 6)));
    assert!(gap_codes(&r).is_empty(), "{:?}", gap_codes(&r));
    // Finishing on a Friday: the follower starts on the Monday.
    let extra = format!(
        "{}[[custom]]\nname = \"second\"\nteam = \"b\"\ndays = 1\nafter = [\"first\"]\n",
        custom("first", "a", "5")
    );
    let r = core_from_monday(&c, "2027-01-29", &extra);
    let s = sched(&r);
    assert_eq!(finish_of(s, "custom: first"), Some(d(2027, 1, 8)));
    assert_eq!(start_of(s, "custom: second"), Some(d(2027, 1, 11)));
    assert_eq!(s.delivery, Some(d(2027, 1, 11)));
}

#[test]
fn custom_work_after_a_feature_waits_for_its_setup() {
    // "sso" setup: team a, 2 pd → Mon, Tue. The custom item after ["sso"]
    // (team b, 1 pd) starts Wed 01-06.
    let body = "[[feature]]\nid = \"sso\"\nstatus = \"ga\"\nsetup = { team = \"a\", days = 2 }\n[[team]]\nid = \"a\"\npeople = 1\n[[team]]\nid = \"b\"\npeople = 1\n";
    let c = cat(body);
    let extra = "[[custom]]\nname = \"export\"\nteam = \"b\"\ndays = 1\nafter = [\"sso\"]\n";
    let r = check_text(&c, &deal("2027-01-04", "2027-01-29", &["sso"], extra));
    let s = sched(&r);
    assert_eq!(finish_of(s, "setup of sso"), Some(d(2027, 1, 5)));
    assert_eq!(start_of(s, "custom: export"), Some(d(2027, 1, 6)));
    assert_eq!(s.delivery, Some(d(2027, 1, 6)));
}

#[test]
fn setup_follows_the_setup_of_required_features() {
    // "sso" requires "dir". dir setup: team a, 2 pd → Mon, Tue. sso setup
    // (team b, 1 pd) follows it → Wed 01-06, although team b is free on Mon.
    let body = "[[feature]]\nid = \"dir\"\nstatus = \"ga\"\nsetup = { team = \"a\", days = 2 }\n[[feature]]\nid = \"sso\"\nstatus = \"ga\"\nrequires = [\"dir\"]\nsetup = { team = \"b\", days = 1 }\n[[team]]\nid = \"a\"\npeople = 1\n[[team]]\nid = \"b\"\npeople = 1\n";
    let c = cat(body);
    let r = check_text(&c, &deal("2027-01-04", "2027-01-29", &["sso"], ""));
    let s = sched(&r);
    // Deal order: the listed feature, then the one it implies.
    let names: Vec<&str> = s.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["setup of sso", "setup of dir"]);
    assert_eq!(item(s, "setup of sso").kind, ItemKind::Setup);
    assert_eq!(item(s, "setup of sso").team, "b");
    assert_eq!(finish_of(s, "setup of dir"), Some(d(2027, 1, 5)));
    assert_eq!(start_of(s, "setup of sso"), Some(d(2027, 1, 6)));
    assert_eq!(s.delivery, Some(d(2027, 1, 6)));
    // dir is implied (F008, info) and nothing in the schedule is a gap.
    assert_eq!(gap_codes(&r), vec![F008]);
}

#[test]
fn setup_follows_requires_through_a_feature_without_work() {
    // sso → mid → dir; mid has no setup, so sso's setup follows dir's.
    // dir: team a, 3 pd → Mon..Wed; sso: team b, 1 pd → Thu 01-07.
    let body = "[[feature]]\nid = \"dir\"\nstatus = \"ga\"\nsetup = { team = \"a\", days = 3 }\n[[feature]]\nid = \"mid\"\nstatus = \"ga\"\nrequires = [\"dir\"]\n[[feature]]\nid = \"sso\"\nstatus = \"ga\"\nrequires = [\"mid\"]\nsetup = { team = \"b\", days = 1 }\n[[team]]\nid = \"a\"\npeople = 1\n[[team]]\nid = \"b\"\npeople = 1\n";
    let c = cat(body);
    let r = check_text(&c, &deal("2027-01-04", "2027-01-29", &["sso"], ""));
    let s = sched(&r);
    assert_eq!(start_of(s, "setup of sso"), Some(d(2027, 1, 7)));
    assert_eq!(s.delivery, Some(d(2027, 1, 7)));
}

const PLANNED: &str = "[[feature]]\nid = \"residency\"\nstatus = \"planned\"\neta = 2027-05-01\nwork = { team = \"ops\", days = 3 }\nsetup = { team = \"ops\", days = 1 }\n[[team]]\nid = \"ops\"\npeople = 1\n";

#[test]
fn a_pulled_forward_feature_is_scheduled_work_then_setup() {
    // eta 2027-05-01 is after the deadline and the feature has `work`: F005,
    // and its 3 pd of work run Mon..Wed, then its 1 pd setup on Thu 01-07.
    let c = cat(PLANNED);
    let r = check_text(&c, &deal("2027-01-04", "2027-01-29", &["residency"], ""));
    assert!(gap_codes(&r).contains(&F005), "{:?}", gap_codes(&r));
    let s = sched(&r);
    let names: Vec<&str> = s.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["work on residency", "setup of residency"]);
    assert_eq!(item(s, "work on residency").kind, ItemKind::Work);
    assert_eq!(
        item(s, "work on residency").feature.as_deref(),
        Some("residency")
    );
    assert_eq!(finish_of(s, "work on residency"), Some(d(2027, 1, 6)));
    assert_eq!(start_of(s, "setup of residency"), Some(d(2027, 1, 7)));
    assert_eq!(s.delivery, Some(d(2027, 1, 7)));
    assert!(close(s.teams[0].needed_person_days, 4.0));
    // Pulled forward but too much for the deadline: late by the work.
    // Deadline Tue 01-05: 2 of 4 done → shortfall 2, 16 h, S001.
    let r = check_text(&c, &deal("2027-01-04", "2027-01-05", &["residency"], ""));
    assert!(gap_codes(&r).contains(&S001), "{:?}", gap_codes(&r));
    assert!(close(sched(&r).shortfall_person_days, 2.0));
    assert!(close(sched(&r).overtime_hours, 16.0));
}

#[test]
fn a_feature_on_the_roadmap_by_the_deadline_has_only_its_setup() {
    // Deadline after the eta: the roadmap delivers (F006); only the 1 pd
    // setup is deal work → Mon 2027-01-04.
    let c = cat(PLANNED);
    let r = check_text(&c, &deal("2027-01-04", "2027-06-01", &["residency"], ""));
    assert!(gap_codes(&r).contains(&F006), "{:?}", gap_codes(&r));
    let s = sched(&r);
    let names: Vec<&str> = s.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["setup of residency"]);
    assert_eq!(s.delivery, Some(d(2027, 1, 4)));
}

#[test]
fn no_work_delivers_on_the_start_day() {
    // No items at all: delivery = start, even on a Saturday; slack counts
    // working days in (Sat 01-09, Fri 01-15] = 5.
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let r = check_text(&c, &deal("2027-01-09", "2027-01-15", &["core"], ""));
    let s = sched(&r);
    assert!(s.items.is_empty());
    assert_eq!(s.delivery, Some(d(2027, 1, 9)));
    assert_eq!(s.slack_working_days, Some(5));
    assert_eq!(s.shortfall_person_days, 0.0);
    assert_eq!(s.overtime_hours, 0.0);
    assert!(s.teams.is_empty(), "no team has work: {:?}", s.teams);
    assert!(gap_codes(&r).is_empty());
    // The same with start = deadline.
    let r = check_text(&c, &deal("2027-01-09", "2027-01-09", &["core"], ""));
    assert_eq!(sched(&r).delivery, Some(d(2027, 1, 9)));
    assert_eq!(sched(&r).slack_working_days, Some(0));
    assert!(gap_codes(&r).is_empty());
}

#[test]
fn work_due_on_a_weekend_day_is_late_by_its_whole_effort() {
    // Start = deadline = Sat 2027-01-09: no working day in between, so the
    // 1 pd is open at the deadline (8 h) and delivered Mon 01-11, one
    // working day late.
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let r = check_text(
        &c,
        &deal(
            "2027-01-09",
            "2027-01-09",
            &["core"],
            &custom("job", "ops", "1"),
        ),
    );
    let s = sched(&r);
    assert_eq!(s.delivery, Some(d(2027, 1, 11)));
    assert_eq!(s.slack_working_days, Some(-1));
    assert!(close(s.shortfall_person_days, 1.0));
    assert!(close(s.overtime_hours, 8.0));
    assert!(close(s.teams[0].free_person_days, 0.0));
    assert_eq!(gap_codes(&r), vec![S001]);
}

#[test]
fn zero_effort_work_takes_no_day() {
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let r = core_from_monday(&c, "2027-01-04", &custom("nothing", "ops", "0"));
    assert_eq!(sched(&r).delivery, Some(d(2027, 1, 4)));
    assert!(gap_codes(&r).is_empty(), "{:?}", gap_codes(&r));
}

/// Asserts the answers only: how fast such deals are checked is measured by
/// the benchmarks (`bench/`), and the scheduler's unit tests count the days it
/// simulates.
#[test]
fn huge_effort_is_not_delivered_within_ten_years() {
    // 1e9 person-days (the most the loader accepts) at 1 pd a day is never
    // done within 10 years: S001 with no delivery date. By the deadline
    // Fri 01-08, 5 are done → 1e9 − 5 open.
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let text = deal(
        "2027-01-04",
        "2027-01-08",
        &["core"],
        &custom("forever", "ops", "1e9"),
    );
    let r = check_text(&c, &text);
    let s = sched(&r);
    assert_eq!(s.delivery, None);
    assert_eq!(s.slack_working_days, None);
    assert_eq!(finish_of(s, "custom: forever"), None);
    assert!(
        close(s.shortfall_person_days, 1e9 - 5.0),
        "{}",
        s.shortfall_person_days
    );
    assert!(close(s.overtime_hours, (1e9 - 5.0) * 8.0));
    let gap = r.gaps.iter().find(|g| g.code() == S001).expect("S001");
    assert!(gap.data()["delivery"].is_null());
    assert!(gap.message().contains("10 years"), "{}", gap.message());
    // With Monte Carlo too, nothing is on time.
    let text = deal(
        "2027-01-04",
        "2027-01-08",
        &["core"],
        "[[custom]]\nname = \"forever\"\nteam = \"ops\"\nestimate = { low = 1e8, likely = 5e8, high = 1e9 }\n",
    );
    let r = check_with_trials(&c, &text, 2000);
    assert_eq!(sched(&r).delivery, None);
    assert_eq!(sched(&r).on_time_probability, Some(0.0));
    assert_eq!(sched(&r).p50, None);
    assert_eq!(gap_codes(&r), vec![S001], "late, not also low-confidence");
}

#[test]
fn effort_beyond_the_loaders_range_is_an_input_error() {
    // 1e12 person-days is refused when the deal is read (the loader caps
    // efforts at 1e9), so it never reaches the schedule.
    let c = cat(&format!("{CORE}{ONE_PD_A_DAY}"));
    let err = deal_error(
        &c,
        &deal(
            "2027-01-04",
            "2027-01-08",
            &["core"],
            &custom("forever", "ops", "1e12"),
        ),
    );
    assert!(err.contains("days"), "{err}");
    // Many items adding up to 1e12 person-days are still checked: late
    // (their speed is the benchmarks' business, not a stopwatch's here).
    let extra: String = (0..1000)
        .map(|i| custom(&format!("w{i}"), "ops", "1e9"))
        .collect();
    let r = core_from_monday(&c, "2027-01-08", &extra);
    assert_eq!(sched(&r).delivery, None);
    assert!(gap_codes(&r).contains(&S001));
}

#[test]
fn zero_people_never_deliver() {
    // A team with nobody: 1 pd of work is open at the deadline and forever.
    // (The scheduler's unit tests count the days simulated for a team that
    // is never free: none.)
    let c = cat(&format!("{CORE}[[team]]\nid = \"ops\"\npeople = 0\n"));
    let text = deal(
        "2027-01-04",
        "2027-01-08",
        &["core"],
        &custom("job", "ops", "1"),
    );
    let r = check_text(&c, &text);
    let s = sched(&r);
    assert_eq!(s.delivery, None);
    assert!(close(s.shortfall_person_days, 1.0));
    assert!(close(s.overtime_hours, 8.0));
    assert!(close(s.teams[0].free_person_days, 0.0));
    assert!(gap_codes(&r).contains(&S001));
    // Everybody committed for good: the same.
    let team = "[[team]]\nid = \"ops\"\npeople = 3\n[[team.commitment]]\nfrom = 2026-01-01\nuntil = 2099-12-31\npeople = 3\n";
    let c = cat(&format!("{CORE}{team}"));
    let r = check_text(&c, &text);
    assert_eq!(sched(&r).delivery, None);
    assert!(gap_codes(&r).contains(&S001));
}
