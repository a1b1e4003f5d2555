//! `dealcheck forecast`: a pipeline worked out by hand (exact over the win
//! combinations, and sampled), reproducibility, `--max-risk`, a folder
//! without a proposed deal, the JSON document against its schema, CSV.

use crate::common::{dealcheck, folder, schema_errors, schema_validator};
use serde_json::Value;
use std::path::Path;

/// One person, 1 person-day a working day, 8 hours a day.
const SOLO: &str = r#"
[catalog]
name = "Solo"
timezone = "UTC"
business_hours = "mon-fri 09:00-17:00"
confidence = 0.85

[[feature]]
id = "core"
status = "ga"

[[team]]
id = "solo"
people = 1
"#;

fn deal(id: &str, status: &str, probability: Option<u32>, deadline: &str, days: &str) -> String {
    let probability = probability.map_or(String::new(), |p| format!("probability = {p}\n"));
    format!(
        "[deal]\nid = \"{id}\"\nstatus = \"{status}\"\n{probability}start = 2027-03-01\ndeadline = {deadline}\nfeatures = [\"core\"]\n\n[[custom]]\nname = \"work\"\nteam = \"solo\"\n{days}\n"
    )
}

/// The hand-worked pipeline, all starting Mon 2027-03-01:
/// - SIGNED, 3 days due Fri 03-05: Mon–Wed.
/// - A (50%), 4 days due Fri 03-05, booked after SIGNED (same deadline,
///   signed first): Thu, Fri, then 2 person-days open at its deadline.
/// - B (60%), 5 days due Fri 03-12: after A (when won) it gets Wed–Fri
///   of the second week, 2 open; without A it is done Wed 03-10.
///
/// Outcomes: neither (0.2) short 0; A only (0.2) short 2; B only (0.3)
/// short 0; both (0.3) short 2 + 2 = 4, all in 2027-03.
fn pipeline(a_days: &str) -> tempfile::TempDir {
    folder(&[
        ("catalog.toml", SOLO.to_string()),
        (
            "deals/signed.toml",
            deal("SIGNED", "signed", None, "2027-03-05", "days = 3"),
        ),
        (
            "deals/a.toml",
            deal("A", "proposed", Some(50), "2027-03-05", a_days),
        ),
        (
            "deals/b.toml",
            deal("B", "proposed", Some(60), "2027-03-12", "days = 5"),
        ),
    ])
}

fn forecast(dir: &Path, args: &[&str]) -> std::process::Output {
    dealcheck()
        .current_dir(dir)
        .args(["forecast", "deals", "--as-of", "2026-11-27"])
        .args(args)
        .output()
        .unwrap()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = forecast(dir, &[&["--format", "json"], args].concat());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn march(v: &Value) -> &Value {
    let periods = v["teams"][0]["periods"].as_array().unwrap();
    periods.iter().find(|p| p["period"] == "2027-03").unwrap()
}

fn close(v: &Value, expected: f64, what: &str) {
    let got = v.as_f64().unwrap_or_else(|| panic!("{what}: {v}"));
    assert!(
        (got - expected).abs() <= 0.02 * expected.abs().max(1.0),
        "{what}: {got}, by hand {expected}"
    );
}

/// The figures worked out by hand (see [`pipeline`]).
fn assert_hand_worked(v: &Value) {
    let m = march(v);
    close(&m["available"], 23.0, "available: 23 working days");
    close(&m["expected_load"], 3.0 + 0.5 * 4.0 + 0.6 * 5.0, "load");
    close(&m["p_overtime"], 0.5, "P(overtime)");
    close(
        &m["expected_overtime_hours"],
        (0.2 * 2.0 + 0.3 * 4.0) * 8.0,
        "expected overtime",
    );
    close(&m["p85_overtime_hours"], 32.0, "P85: 4 person-days");
    close(&m["add_person_days"], 4.0, "to add at confidence 0.85");
    let deals = v["deals"].as_array().unwrap();
    assert_eq!(deals[0]["id"], "A", "A drives the risk");
    close(&deals[0]["probability"], 0.5, "A's probability");
    close(&deals[0]["p_on_time_if_won"], 0.0, "A is late whenever won");
    close(&deals[0]["p_overtime_if_won"], 1.0, "A won");
    close(&deals[0]["p_overtime_if_lost"], 0.0, "A lost");
    assert_eq!(deals[1]["id"], "B");
    close(&deals[1]["p_on_time_if_won"], 0.5, "B late only with A");
    close(&deals[1]["p_overtime_if_won"], 0.5, "B won");
    close(&deals[1]["p_overtime_if_lost"], 0.5, "B lost");
    let short = &v["shortfalls"][0];
    assert_eq!(short["team"], "solo");
    assert_eq!(short["period"], "2027-03");
    assert_eq!(short["driver"], "A");
    close(
        &short["short_person_days"],
        (0.2 * 2.0 + 0.3 * 4.0) / 0.5,
        "when short",
    );
}

#[test]
fn a_hand_worked_pipeline_is_exact() {
    let dir = pipeline("days = 4");
    let v = json(dir.path(), &[]);
    assert_eq!(v["exact"], true);
    assert_eq!(v["trials"], 4, "every win combination once");
    assert_eq!(v["signed"], 1);
    assert_hand_worked(&v);
    // The other months: nothing booked, nothing short.
    let first = &v["teams"][0]["periods"][0];
    assert_eq!(first["period"], "2026-11");
    assert_eq!(first["from"], "2026-11-27", "the first period starts today");
    assert_eq!(first["p_overtime"], 0.0);
    let out = forecast(dir.path(), &[]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("solo is short 3.2 person-days in 2027-03 in 50% of outcomes; A drives it"),
        "{text}"
    );
}

#[test]
fn sampling_agrees_with_the_exact_answer() {
    // A's effort drawn between 3.999 and 4.001: the same pipeline, sampled.
    let dir = pipeline("estimate = { low = 3.999, likely = 4, high = 4.001 }");
    let v = json(dir.path(), &[]);
    assert_eq!(v["exact"], false);
    assert_eq!(v["capped"], false, "settled before the cap");
    assert!(v["trials"].as_u64().unwrap() >= 512);
    assert_hand_worked(&v);
}

#[test]
fn a_seed_gives_the_same_forecast_on_any_number_of_threads() {
    let dir = pipeline("estimate = { low = 2, likely = 4, high = 7 }");
    let run = |threads: &str, seed: &str| {
        let out = dealcheck()
            .current_dir(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .args(["forecast", "deals", "--as-of", "2026-11-27", "-f", "json"])
            .args(["--seed", seed, "--trials", "1000"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        out.stdout
    };
    let one = run("1", "7");
    assert_eq!(one, run("2", "7"));
    assert_eq!(one, run("1", "7"));
    assert_ne!(one, run("2", "8"), "another seed, other draws");
}

#[test]
fn max_risk_fails_only_above_the_line() {
    let dir = pipeline("days = 4");
    // P(overtime) in 2027-03 is 0.5.
    assert_eq!(
        forecast(dir.path(), &["--max-risk", "0.4", "-q"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        forecast(dir.path(), &["--max-risk", "40%", "-q"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        forecast(dir.path(), &["--max-risk", "0.5", "-q"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        forecast(dir.path(), &["--max-risk", "0.6"]).status.code(),
        Some(0)
    );
    assert_eq!(
        forecast(dir.path(), &[]).status.code(),
        Some(0),
        "no line, no failure"
    );
    let out = forecast(dir.path(), &["--max-risk", "1.5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a risk from 0 to 1"));
}

#[test]
fn without_a_proposed_deal_the_forecast_is_the_signed_book() {
    let dir = pipeline("days = 4");
    std::fs::remove_file(dir.path().join("deals/a.toml")).unwrap();
    std::fs::remove_file(dir.path().join("deals/b.toml")).unwrap();
    let out = forecast(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("No proposed deal: the forecast is the signed book."),
        "{text}"
    );
    assert!(text.contains("No team is short in any outcome."), "{text}");
    let out = forecast(dir.path(), &["-f", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the forecast is the signed book"));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["deals"].as_array().unwrap().len(), 0);
    close(&march(&v)["expected_load"], 3.0, "the signed deal's load");
    // With proposed deals, no such note.
    let dir = pipeline("days = 4");
    let out = forecast(dir.path(), &["-f", "json"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("signed book"));
}

#[test]
fn bad_input_is_located_every_problem_at_once() {
    let dir = pipeline("days = 4");
    std::fs::write(
        dir.path().join("deals/a.toml"),
        "[deal]\nid = \"A\"\ndeadline = 2027-13-01\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("deals/b.toml"),
        "[deal]\nid = \"B\"\nstaus = \"signed\"\n",
    )
    .unwrap();
    let out = forecast(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a.toml:3"), "{err}");
    assert!(err.contains("b.toml:3"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn the_json_forecast_validates_against_its_schema() {
    let validator = schema_validator(&["forecast"]);
    for dir in [
        pipeline("days = 4"),
        pipeline("estimate = { low = 2, likely = 4, high = 7 }"),
    ] {
        let v = json(dir.path(), &["--by", "week"]);
        let errors = schema_errors(&validator, &v);
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["by"], "week");
        assert_eq!(v["teams"][0]["periods"][0]["period"], "2026-W48");
        let mut broken = v.clone();
        broken["teams"][0]["periods"][0]["p_overtime"] = Value::from("high");
        assert!(!validator.is_valid(&broken));
    }
}

#[test]
fn csv_has_a_header_and_one_row_per_team_and_period() {
    let dir = pipeline("days = 4");
    let out = forecast(dir.path(), &["-f", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..3], ["catalog", "team", "period"]);
    assert!(header.contains(&"p_overtime".to_string()));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5, "2026-11 to 2027-03 for the one team");
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let march = rows.iter().find(|r| &r[2] == "2027-03").unwrap();
    let p = header.iter().position(|h| h == "p_overtime").unwrap();
    assert_eq!(&march[p], "0.5");
}

/// The catalog and team cells of the CSV forecast of `dir`, row by row.
fn csv_names(dir: &Path) -> Vec<(String, String)> {
    let out = forecast(dir, &["-f", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string())
        })
        .collect()
}

/// In every file of `dir`'s pipeline, `from` becomes `to`.
fn rename(dir: &Path, from: &str, to: &str) {
    for name in [
        "catalog.toml",
        "deals/signed.toml",
        "deals/a.toml",
        "deals/b.toml",
    ] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, text.replace(from, to)).unwrap();
    }
}

#[test]
fn csv_names_a_spreadsheet_would_run_as_formulas_stay_text() {
    let dir = pipeline("days = 4");
    rename(dir.path(), "\"solo\"", "\"=HYPERLINK(\\\"x\\\")\"");
    let names = csv_names(dir.path());
    assert_eq!(names.len(), 5);
    for (catalog, team) in names {
        assert_eq!(team, "'=HYPERLINK(\"x\")");
        assert_eq!(catalog, "catalog.toml");
    }
    for (from, to, cell) in [
        ("solo", "+1", "'+1"),
        ("solo", "-1", "'-1"),
        ("solo", "@x", "'@x"),
        // A leading tab or CR is trimmed from the id; the `=` left is quoted.
        ("solo", "\\t=x", "'=x"),
        ("solo", "\\r=x", "'=x"),
    ] {
        let dir = pipeline("days = 4");
        rename(dir.path(), &format!("\"{from}\""), &format!("\"{to}\""));
        assert_eq!(csv_names(dir.path())[0].1, cell);
    }
}

#[test]
fn csv_names_that_are_plain_text_are_written_as_they_are() {
    let dir = pipeline("days = 4");
    rename(dir.path(), "\"solo\"", "\"a-b=c @d\"");
    for (catalog, team) in csv_names(dir.path()) {
        assert_eq!(catalog, "catalog.toml");
        assert_eq!(team, "a-b=c @d");
    }
}

#[test]
fn signed_deals_alone_can_make_a_team_short() {
    let dir = pipeline("days = 4");
    for name in ["deals/a.toml", "deals/b.toml"] {
        std::fs::remove_file(dir.path().join(name)).unwrap();
    }
    // 7 days of work in the 5 working days to Fri 03-05: 2 open.
    std::fs::write(
        dir.path().join("deals/signed.toml"),
        deal("SIGNED", "signed", None, "2027-03-05", "days = 7"),
    )
    .unwrap();
    let out = forecast(dir.path(), &[]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("solo is short 2 person-days in 2027-03 in 100% of outcomes; the signed deals alone make it short"),
        "{text}"
    );
    let v = json(dir.path(), &[]);
    assert_eq!(v["shortfalls"][0]["driver"], Value::Null);
    assert_eq!(v["exact"], true);
    assert_eq!(v["trials"], 1, "one outcome: the signed book");
}

/// Two signed deals are two deals of the book, both counted; a file of
/// the book with an id already taken is counted once and named in a
/// warning.
#[test]
fn every_signed_deal_counts_once_by_its_id() {
    let dir = pipeline("days = 4");
    for name in ["deals/a.toml", "deals/b.toml"] {
        std::fs::remove_file(dir.path().join(name)).unwrap();
    }
    let other = deal("OTHER", "signed", None, "2027-03-12", "days = 2");
    std::fs::write(dir.path().join("deals/other.toml"), &other).unwrap();
    let v = json(dir.path(), &[]);
    assert_eq!(v["signed"], 2);
    close(&march(&v)["expected_load"], 3.0 + 2.0, "both signed deals");
    // The same id again, in a file of the book the run does not name.
    std::fs::write(dir.path().join("deals/zz-copy.toml"), &other).unwrap();
    let out = dealcheck()
        .current_dir(dir.path())
        .args(["forecast", "deals/signed.toml", "deals/other.toml"])
        .args(["--as-of", "2026-11-27", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["signed"], 2, "the copy is not a third deal");
    close(
        &march(&v)["expected_load"],
        3.0 + 2.0,
        "the copy not counted",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("signed deal id \"OTHER\" is already used by deals/other.toml")
            && stderr.contains("deals/zz-copy.toml"),
        "{stderr}"
    );
}

#[test]
fn the_cap_is_said_when_it_stops_the_trials() {
    let dir = pipeline("estimate = { low = 2, likely = 4, high = 7 }");
    let v = json(dir.path(), &["--trials", "100"]);
    assert_eq!(v["trials"], 100);
    assert_eq!(v["capped"], true);
    let text = String::from_utf8(forecast(dir.path(), &["--trials", "100"]).stdout).unwrap();
    assert!(text.contains("100 trials (the cap"), "{text}");
}

/// `--format html`: the hand-worked pipeline's page is self-contained, each
/// team has its two charts titled with a table, the figures are the JSON's,
/// and rendered by Chromium it shows the charts and the deals, asks for
/// nothing and is not blank.
#[test]
fn the_forecast_page_shows_the_risk_per_period_and_the_drivers() {
    use crate::html::{assert_charts_titled, assert_rendered, assert_self_contained, chromium};
    let dir = pipeline("days = 4");
    let out = forecast(dir.path(), &["--format", "html"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    assert_self_contained(&page);
    assert_eq!(assert_charts_titled(&page), 2, "P(overtime) and the load");
    // Both won: 0.3; A won: 0.2 → P(overtime) of solo in 2027-03 is 50%.
    let v = json(dir.path(), &[]);
    let march = v["teams"][0]["periods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["period"] == "2027-03")
        .unwrap()
        .clone();
    assert_eq!(march["p_overtime"], 0.5);
    // Loads 3 (neither, 0.2), 7 (A, 0.2), 8 (B, 0.3), 12 (both, 0.3):
    // expected 8, and 85% of outcomes stay within 12.
    assert_eq!(march["expected_load"], 8.0);
    assert_eq!(march["p85_load"], 12.0);
    assert!(page.contains("<td>50%</td>"), "the table holds P(overtime)");
    assert!(
        page.contains("<td>8</td><td>12</td>"),
        "the load band in the table"
    );
    assert!(
        page.contains("solo</strong> is short"),
        "the line to act on"
    );
    for id in ["A", "B", "deals/a.toml", "deals/b.toml"] {
        assert!(page.contains(id), "{id}");
    }
    let Some(browser) = chromium() else { return };
    let r = assert_rendered(&browser, &page, "forecast.png");
    assert_eq!(r.dom.matches("<figure").count(), 2);
    assert!(r.dom.contains("drives it"));
}

/// Twelve proposed deals of one day each (50%), all due Fri 2027-03-05 on
/// the one-person team, and a signed deal that is always short in
/// February (so there is overtime somewhere in every outcome). `first` is
/// the first deal's effort line. Deal `k` (by path) is on time when at
/// most 4 of the deals before it are won; March is short when more than 5
/// are won: P = 1 − 1,586/4,096 ≈ 0.613, which independent outcomes need
/// about 3,200 of to know within ±0.02.
fn twelve_deals(first: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![
        ("catalog.toml".to_string(), SOLO.to_string()),
        (
            "deals/late.toml".to_string(),
            deal("LATE", "signed", None, "2027-02-05", "days = 10")
                .replace("start = 2027-03-01", "start = 2027-02-01"),
        ),
    ];
    for k in 1..=12 {
        let days = if k == 1 { first } else { "days = 1" };
        let text = deal(
            &format!("P{k:02}"),
            "proposed",
            Some(50),
            "2027-03-05",
            days,
        );
        files.push((format!("deals/p{k:02}.toml"), text));
    }
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Stratified blocks, the between-block intervals, quantiles settled in
/// level, and the deals probed while lost (then booked only as far as they
/// need) let the sampled forecast stop well before the ~3,200 outcomes
/// independent sampling needs (the old rule's first look past that was
/// 4,032), and every figure is still within 0.02 (one person-day, 8 hours)
/// of the enumeration of all 4,096 win combinations.
#[test]
fn stratified_sampling_stops_early_within_the_tolerance_of_the_exact_answer() {
    let exact = json(twelve_deals("days = 1").path(), &[]);
    assert_eq!(exact["exact"], true);
    assert_eq!(exact["trials"], 4096);
    close(
        &march(&exact)["p_overtime"],
        1.0 - 1586.0 / 4096.0,
        "by hand",
    );
    // Drawn between 0.998 and 1 day: the same days, sampled.
    let first = "estimate = { low = 0.998, likely = 0.999, high = 1 }";
    let sampled = json(twelve_deals(first).path(), &[]);
    assert_eq!(sampled["exact"], false);
    assert_eq!(sampled["capped"], false, "settled before the cap");
    let trials = sampled["trials"].as_u64().unwrap();
    assert!(trials <= 2688, "stopped at {trials} trials");
    let periods = |v: &Value| v["teams"][0]["periods"].as_array().unwrap().clone();
    for (s, e) in periods(&sampled).iter().zip(&periods(&exact)) {
        assert_eq!(s["period"], e["period"]);
        let what = |f: &str| format!("{} {f}", e["period"]);
        for (field, tolerance) in [
            ("p_overtime", 0.02),
            ("expected_load", 1.0),
            ("p85_load", 1.0),
            ("expected_overtime_hours", 8.0),
            ("p85_overtime_hours", 8.0),
            ("add_person_days", 1.0),
        ] {
            let (got, want) = (s[field].as_f64().unwrap(), e[field].as_f64().unwrap());
            assert!(
                (got - want).abs() <= tolerance,
                "{}: {got}, exact {want}",
                what(field)
            );
        }
    }
    let by_id = |v: &Value| {
        let mut deals = v["deals"].as_array().unwrap().clone();
        deals.sort_by_key(|d| d["id"].as_str().unwrap().to_string());
        deals
    };
    for (s, e) in by_id(&sampled).iter().zip(&by_id(&exact)) {
        assert_eq!(s["id"], e["id"]);
        for field in [
            "p_on_time_if_won",
            "p_overtime_if_won",
            "p_overtime_if_lost",
        ] {
            let (got, want) = (s[field].as_f64().unwrap(), e[field].as_f64().unwrap());
            assert!(
                (got - want).abs() <= 0.02,
                "{} {field}: {got}, exact {want}",
                e["id"]
            );
        }
    }
}
