//! The book of signed deals: read from the catalog's folder whatever the
//! run names, reserved as late as its deadlines allow, statuses that skip,
//! the probability, bad input; and `dealcheck capacity` over it.

use crate::common::{ONE_PERSON, deal, dealcheck, held_out_deals, one_person_repo as repo};
use serde_json::Value;
use std::fs;
use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = dealcheck();
    cmd.current_dir(dir).args(&args[..1]);
    if args[0] != "schema" {
        cmd.args(["--as-of", "2027-01-04", "--trials", "0"]);
    }
    cmd.args(&args[1..]).output().unwrap()
}

fn check_json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = dealcheck()
        .current_dir(dir)
        .args(&all)
        .args(["--as-of", "2027-01-04", "--trials", "0"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn deal_of<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap()
}

/// The repo, worked by hand: SIGNED needs 10 person-days by Friday
/// 2027-01-29, reserved in its last ten working days (Mon 18th – Fri 29th).
/// EARLY (5 days, due Fri 15th) fits before that reservation; INSIDE (3
/// days, due Wed 20th) has Mon 4th – Fri 15th free, but EARLY is not booked
/// (it is only proposed), so it fits too; LATE (8 days, due Fri 22nd) has
/// ten free days before the 18th and needs 8: fits. TIGHT (5 days, due Tue
/// 19th, start Thu 14th) has Thu 14th and Fri 15th free: 3 days short.
fn held_out() -> tempfile::TempDir {
    repo(&held_out_deals())
}

#[test]
fn a_proposed_deal_before_the_signed_reservation_fits_one_inside_it_does_not() {
    let dir = held_out();
    let v = check_json(dir.path(), &["deals"]);
    assert_eq!(deal_of(&v, "EARLY")["verdict"], "feasible");
    let tight = deal_of(&v, "TIGHT");
    assert_eq!(tight["verdict"], "infeasible");
    let late = &tight["gaps"][0];
    assert_eq!(late["code"], "S001");
    // Thu 14, Fri 15 free; Mon 18, Tue 19 held: 3 person-days open, 24 h.
    assert_eq!(late["data"]["shortfall_person_days"], 3.0);
    assert_eq!(late["data"]["overtime_hours"], 24.0);
    assert_eq!(late["data"]["held_by"][0]["id"], "SIGNED");
    assert_eq!(late["data"]["held_by"][0]["person_days"], 2.0);
    assert!(
        late["message"]
            .as_str()
            .unwrap()
            .contains("signed deals hold the capacity before the deadline: SIGNED (2 person-days)"),
        "{}",
        late["message"]
    );
    // The signed deal itself is on time in its own plan.
    assert_eq!(deal_of(&v, "SIGNED")["verdict"], "feasible");
    assert_eq!(
        v["book"][0]["signed"],
        serde_json::json!(["deals/signed.toml"])
    );
    assert_eq!(v["book"][0]["signed_late"], serde_json::json!([]));
}

#[test]
fn one_file_gets_the_verdict_of_its_folder_and_alone_opts_out() {
    let dir = held_out();
    let one = check_json(dir.path(), &["deals/tight.toml"]);
    assert_eq!(deal_of(&one, "TIGHT")["verdict"], "infeasible");
    assert_eq!(
        one["book"][0]["signed"],
        serde_json::json!(["deals/signed.toml"])
    );
    // Against the bare catalog TIGHT has Thu 14 – Tue 19: four days of five.
    let alone = check_json(dir.path(), &["--alone", "deals/tight.toml"]);
    let gap = &deal_of(&alone, "TIGHT")["gaps"][0];
    assert_eq!(gap["data"]["shortfall_person_days"], 1.0);
    assert!(gap["data"].get("held_by").is_none());
    assert!(alone.get("book").is_none());
}

#[test]
fn delivered_and_lost_deals_are_skipped_not_judged() {
    let dir = held_out();
    let v = check_json(dir.path(), &["deals"]);
    assert_eq!(v["summary"]["skipped"], 2);
    assert_eq!(v["summary"]["deals"], 3);
    assert_eq!(
        v["book"][0]["skipped"],
        serde_json::json!(["deals/done.toml", "deals/gone.toml"])
    );
    assert!(
        v["deals"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["id"] != "DONE")
    );
    // Only history: nothing to judge, exit 0, said.
    let out = run(dir.path(), &["check", "deals/done.toml", "deals/gone.toml"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Nothing to judge: every deal found is delivered or lost."),
        "{text}"
    );
    // A proposed deal whose deadline passed is still judged (S006).
    let past = repo(&[("deals/old.toml", deal("OLD", "proposed", "2026-06-01", 1))]);
    assert_eq!(run(past.path(), &["check", "deals"]).status.code(), Some(1));
}

#[test]
fn a_signed_deal_named_and_found_in_the_folder_is_one_deal() {
    let dir = held_out();
    let v = check_json(
        dir.path(),
        &["deals/signed.toml", "deals", "./deals/signed.toml"],
    );
    assert_eq!(v["book"][0]["signed"].as_array().unwrap().len(), 1);
    assert!(v["book"][0].get("unreadable").is_none());
}

#[test]
fn a_folder_with_its_own_catalog_holds_another_book() {
    let dir = repo(&[
        (
            "deals/early.toml",
            deal("EARLY", "proposed", "2027-01-08", 5),
        ),
        ("other/catalog.toml", ONE_PERSON.to_string()),
        (
            "other/signed.toml",
            deal("THEIRS", "signed", "2027-01-08", 5),
        ),
    ]);
    let v = check_json(dir.path(), &["deals"]);
    assert_eq!(deal_of(&v, "EARLY")["verdict"], "feasible");
    assert_eq!(v["book"][0]["signed"], serde_json::json!([]));
    // Hidden folders are not walked either.
    fs::create_dir_all(dir.path().join(".old")).unwrap();
    fs::write(
        dir.path().join(".old/s.toml"),
        deal("HIDDEN", "signed", "2027-01-08", 5),
    )
    .unwrap();
    let v = check_json(dir.path(), &["deals"]);
    assert_eq!(deal_of(&v, "EARLY")["verdict"], "feasible");
}

#[test]
fn a_broken_file_of_the_book_is_named_and_left_out() {
    let dir = held_out();
    fs::write(
        dir.path().join("deals/broken.toml"),
        "[deal]\nid = \"B\"\nstatus = \"signed\"\ndeadline = 2027-13-01\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["check", "--format", "json", "deals/early.toml"],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(deal_of(&v, "EARLY")["verdict"], "feasible");
    let unreadable = &v["book"][0]["unreadable"][0];
    assert_eq!(unreadable["path"], "deals/broken.toml");
    assert!(
        unreadable["message"]
            .as_str()
            .unwrap()
            .contains("month between 01 and 12")
    );
    assert_eq!(
        (unreadable["line"].as_u64(), unreadable["column"].as_u64()),
        (Some(4), Some(12))
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: left out of the book"), "{stderr}");
    assert!(stderr.contains("broken.toml:4"), "{stderr}");
    let human = String::from_utf8_lossy(&run(dir.path(), &["check", "deals/early.toml"]).stdout)
        .to_string();
    assert!(
        human.contains("Warning: deals/broken.toml:4:12 is left out of the book"),
        "{human}"
    );
    // Named in the run, it is the run's to report (exit 2), said once.
    let out = run(dir.path(), &["check", "deals"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("left out of the book"), "{stderr}");
    assert_eq!(
        stderr.matches("month between 01 and 12").count(),
        1,
        "{stderr}"
    );
    // A text that cannot say "signed" is not part of the book at all.
    fs::write(
        dir.path().join("deals/broken.toml"),
        "[deal]\nid = \"B\"\ndeadline = 2027-13-01\n",
    )
    .unwrap();
    let v = check_json(dir.path(), &["deals/early.toml"]);
    assert!(v["book"][0].get("unreadable").is_none());
}

#[test]
fn a_late_signed_deal_is_listed_and_keeps_its_gap() {
    let dir = repo(&[
        ("deals/a.toml", deal("S1", "signed", "2027-01-06", 3)),
        ("deals/b.toml", deal("S2", "signed", "2027-01-07", 3)),
    ]);
    let v = check_json(dir.path(), &["deals"]);
    assert_eq!(
        v["book"][0]["signed_late"],
        serde_json::json!(["deals/b.toml"])
    );
    assert_eq!(deal_of(&v, "S2")["gaps"][0]["code"], "S001");
    assert_eq!(deal_of(&v, "S1")["verdict"], "feasible");
}

#[test]
fn probability_and_status_are_checked_where_written() {
    let with = |extra: &str| {
        let text = deal("P", "proposed", "2027-01-29", 1)
            .replace("[[custom]]", &format!("{extra}\n[[custom]]"));
        let dir = repo(&[("deals/p.toml", text)]);
        let out = run(dir.path(), &["check", "deals"]);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    assert_eq!(with("probability = \"60%\"").0, Some(0));
    assert_eq!(with("probability = 60").0, Some(0));
    assert_eq!(with("probability = 0").0, Some(0));
    let (code, err) = with("probability = 150");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("`deal.probability` must be a percentage from 0 to 100, found 150"),
        "{err}"
    );
    assert!(err.contains("p.toml:6"), "{err}");
    let (code, err) = with("probability = 0.6");
    assert_eq!(code, Some(2));
    assert!(err.contains("write \"60%\""), "{err}");
    let typo = repo(&[("deals/p.toml", deal("P", "signd", "2027-01-29", 1))]);
    let out = run(typo.path(), &["check", "deals"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("signed"), "{err}");
    // The catalog's default is checked the same way.
    let dir = repo(&[("deals/p.toml", deal("P", "proposed", "2027-01-29", 1))]);
    fs::write(
        dir.path().join("catalog.toml"),
        ONE_PERSON.replace("timezone", "default_probability = \"101%\"\ntimezone"),
    )
    .unwrap();
    let out = run(dir.path(), &["check", "deals"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`catalog.default_probability`"));
}

fn capacity(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["capacity"];
    all.extend_from_slice(args);
    run(dir, &all)
}

/// Every period of every team adds up: available = committed + signed +
/// proposed + free, in hundredths.
fn assert_adds_up(v: &Value) {
    for team in v["teams"].as_array().unwrap() {
        for p in team["periods"].as_array().unwrap() {
            let f = |k: &str| (p[k].as_f64().unwrap() * 100.0).round() as i64;
            assert_eq!(
                f("available"),
                f("committed") + f("signed") + f("proposed") + f("free"),
                "{p}"
            );
        }
    }
}

#[test]
fn capacity_shows_each_week_worked_forward_in_deadline_order() {
    // Forward in deadline order: EARLY Mon 4 – Fri 8 (proposed); TIGHT from
    // Thu 14: Thu 14 – Wed 20 (5 days, 1 open at its deadline Tue 19: 8 h);
    // SIGNED in what is left: Mon 11 – Wed 13, Thu 21 – Fri 22, Mon 25 –
    // Fri 29: its 10 days by its deadline.
    let dir = held_out();
    let out = capacity(dir.path(), &["--format", "json", "deals"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_adds_up(&v);
    let periods = v["teams"][0]["periods"].as_array().unwrap();
    let names: Vec<&str> = periods
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["2027-W01", "2027-W02", "2027-W03", "2027-W04"]);
    let figures = |i: usize| {
        let p = &periods[i];
        [
            p["available"].as_f64().unwrap(),
            p["signed"].as_f64().unwrap(),
            p["proposed"].as_f64().unwrap(),
            p["free"].as_f64().unwrap(),
            p["overtime_hours"].as_f64().unwrap(),
        ]
    };
    assert_eq!(figures(0), [5.0, 0.0, 5.0, 0.0, 0.0]);
    assert_eq!(figures(1), [5.0, 3.0, 2.0, 0.0, 0.0]);
    // W03: TIGHT Mon–Wed (3), its deadline Tue 19th: 1 day open, 8 h.
    assert_eq!(figures(2), [5.0, 2.0, 3.0, 0.0, 8.0]);
    assert_eq!(
        periods[2]["overtime"],
        serde_json::json!([{"id": "TIGHT", "hours": 8.0}])
    );
    assert_eq!(figures(3), [5.0, 5.0, 0.0, 0.0, 0.0]);
    assert_eq!(periods[3]["to"], "2027-01-31");
    assert_eq!(
        periods[1]["deals"],
        serde_json::json!([{"id": "SIGNED", "status": "signed", "person_days": 3.0}, {"id": "TIGHT", "status": "proposed", "person_days": 2.0}])
    );
    // The JSON validates against `dealcheck schema capacity`.
    let schema: Value =
        serde_json::from_slice(&run(dir.path(), &["schema", "capacity"]).stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&v));
}

#[test]
fn capacity_by_month_csv_and_filters() {
    let dir = held_out();
    let out = capacity(dir.path(), &["--format", "csv", "--by", "month", "deals"]);
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header[..6],
        ["catalog", "team", "period", "from", "to", "available"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][2], "2027-01");
    // January: 20 working days from the 4th, all booked; TIGHT's 8 h.
    assert_eq!(&rows[0][5], "20");
    assert_eq!(&rows[0][9], "0");
    assert_eq!(&rows[0][10], "8");
    // --until cuts, --team filters, an unknown team is refused with a hint.
    let v: Value = serde_json::from_slice(
        &capacity(
            dir.path(),
            &[
                "--format",
                "json",
                "--until",
                "2027-01-10",
                "--team",
                "eng",
                "deals",
            ],
        )
        .stdout,
    )
    .unwrap();
    assert_eq!(v["teams"][0]["periods"].as_array().unwrap().len(), 1);
    let bad = capacity(dir.path(), &["--team", "eg", "deals"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean \"eng\""));
    // Human: a bar per period, overtime marked with the deals behind it.
    let human = String::from_utf8_lossy(&capacity(dir.path(), &["deals"]).stdout).to_string();
    assert!(human.contains("2027-W03"), "{human}");
    assert!(human.contains("⚠ 8 h overtime (TIGHT)"), "{human}");
    assert!(human.contains("eng (catalog.toml, 1 person)"), "{human}");
}
