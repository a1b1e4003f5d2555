//! The binary end to end: exit codes, formats, discovery, input errors.

use crate::common;
use common::{AT_RISK, FEASIBLE, INFEASIBLE, check, dealcheck, json, repo};
use predicates::prelude::*;
use std::fs;

#[test]
fn exit_codes_follow_fail_on() {
    let dir = repo(&[
        ("ok.toml", FEASIBLE),
        ("risk.toml", AT_RISK),
        ("bad.toml", INFEASIBLE),
    ]);
    let d = dir.path();
    check(d, &["ok.toml"]).code(0);
    check(d, &["risk.toml"]).code(0);
    check(d, &["risk.toml", "--fail-on", "at-risk"]).code(1);
    check(d, &["ok.toml", "--fail-on", "at-risk"]).code(0);
    check(d, &["bad.toml"]).code(1);
    check(d, &["bad.toml", "--fail-on", "never"]).code(0);
}

#[test]
fn json_has_the_design_envelope() {
    let dir = repo(&[("bad.toml", INFEASIBLE)]);
    let v = json(dir.path(), &["bad.toml"]);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["tool"]["name"], "dealcheck");
    assert_eq!(v["as_of"], "2026-11-27");
    assert_eq!(v["catalog"]["name"], "Test Cloud");
    assert_eq!(v["summary"]["infeasible"], 1);
    let deal = &v["deals"][0];
    assert_eq!(deal["id"], "BAD-1");
    assert_eq!(deal["verdict"], "infeasible");
    let gap = &deal["gaps"][0];
    assert_eq!(gap["code"], "F003");
    assert_eq!(gap["name"], "retired-feature");
    assert_eq!(gap["severity"], "error");
    assert_eq!(gap["area"], "features");
    assert_eq!(gap["location"]["line"], 4);
    assert_eq!(gap["location"]["column"], 13);
}

#[test]
fn a_folder_checks_every_deal_in_path_order_and_skips_the_catalog() {
    let dir = repo(&[
        ("b/risk.toml", AT_RISK),
        ("a/ok.toml", FEASIBLE),
        ("c/bad.toml", INFEASIBLE),
    ]);
    let v = json(dir.path(), &["."]);
    let ids: Vec<&str> = v["deals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["OK-1", "RISK-1", "BAD-1"]);
    assert_eq!(v["summary"]["deals"], 3);
}

#[test]
fn jsonl_is_one_deal_per_line() {
    let dir = repo(&[("ok.toml", FEASIBLE), ("bad.toml", INFEASIBLE)]);
    let out = check(dir.path(), &["--format", "jsonl", "ok.toml", "bad.toml"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["verdict"], "infeasible");
}

#[test]
fn the_catalog_is_found_walking_up_or_from_the_environment() {
    let dir = repo(&[("deals/nested/ok.toml", FEASIBLE)]);
    check(dir.path(), &["deals/nested/ok.toml"]).code(0);
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("ok.toml"), FEASIBLE).unwrap();
    check(elsewhere.path(), &["ok.toml"])
        .code(2)
        .stderr(predicate::str::contains("no catalog found"));
    dealcheck()
        .current_dir(elsewhere.path())
        .env("DEALCHECK_CATALOG", dir.path().join("catalog.toml"))
        .args(["check", "ok.toml", "--trials", "0"])
        .assert()
        .code(0);
}

#[test]
fn unknown_keys_exit_2_with_line_column_and_did_you_mean() {
    let dir = repo(&[("typo.toml", "[deal]\nid = \"X\"\ndeadlin = 2027-01-01\n")]);
    check(dir.path(), &["typo.toml"])
        .code(2)
        .stderr(predicate::str::contains("typo.toml:3:1"))
        .stderr(predicate::str::contains("deadlin = 2027-01-01"))
        .stderr(predicate::str::contains("did you mean \"deadline\"?"));
}

#[test]
fn bad_values_exit_2_each_pointing_at_its_line() {
    let cases = [
        ("deadline = 2027-02-30", "3:12"),
        ("deadline = \"2027-13-01\"", "3:12"),
        (
            "deadline = 2027-01-01\n[availability]\ntarget = \"101%\"",
            "5:10",
        ),
        (
            "deadline = 2027-01-01\n[availability]\ntarget = nan",
            "5:10",
        ),
        (
            "deadline = 2027-01-01\n[availability]\ntarget = 99.9\nsupport_response = \"soon\"",
            "6:20",
        ),
        (
            "deadline = 2027-01-01\n[[custom]]\nname = \"x\"\nteam = \"platform\"\ndays = -2",
            "7:8",
        ),
        (
            "deadline = 2027-01-01\n[[custom]]\nname = \"x\"\nteam = \"platform\"\nestimate = { low = 5, likely = 2, high = 9 }",
            "7:12",
        ),
        ("deadline = [1]", "3:12"),
        (
            "deadline = 2027-01-01\n[availability]\ntarget = 99.9\nwindow = \"mnday 08:00-18:00\"",
            "6:11",
        ),
        (
            "deadline = 2027-01-01\n[availability]\ntarget = 99.9\nwindow = \"mon-fri 08:00-18:00 Mars/Base\"",
            "6:31",
        ),
        ("deadline = 2027-01-01\nfeatures = \"sso\"", "4:12"),
    ];
    for (body, at) in cases {
        let text = format!("[deal]\nid = \"X\"\n{body}\n");
        let dir = repo(&[("d.toml", &text)]);
        check(dir.path(), &["d.toml"])
            .code(2)
            .stderr(predicate::str::contains(format!("d.toml:{at}")));
    }
}

#[test]
fn a_broken_catalog_lists_every_problem() {
    let catalog = "[catalog]\nname = \"Broken\"\ntimezone = \"Europe/Berln\"\n\n[[feature]]\nid = \"a\"\nstatus = \"ga\"\nrequires = [\"b\"]\n\n[[feature]]\nid = \"b\"\nstatus = \"ga\"\nrequires = [\"a\", \"zz\"]\n\n[[feature]]\nid = \"a\"\nstatus = \"beta\"\nsetup = { team = \"nobody\", days = 1 }\n\n[[team]]\nid = \"t\"\npeople = 1\nfocus = 1.5\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("catalog.toml"), catalog).unwrap();
    fs::write(dir.path().join("d.toml"), FEASIBLE).unwrap();
    let out = check(dir.path(), &["d.toml"])
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    for needle in [
        "catalog.toml:3:12",
        "Europe/Berlin", // unknown zone, with suggestion
        "catalog.toml:13:18",
        "\"zz\"", // dangling requires
        "catalog.toml:16:6",
        "duplicate feature", // duplicate id
        "catalog.toml:18:18",
        "\"nobody\"", // setup.team naming nothing
        "catalog.toml:23:9",
        "focus", // out of range
        "cycle", // a → b → a
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
}

#[test]
fn catalog_typos_in_status_get_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("catalog.toml"),
        "[catalog]\nname = \"C\"\n[[feature]]\nid = \"a\"\nstatus = \"plannd\"\n",
    )
    .unwrap();
    fs::write(dir.path().join("d.toml"), FEASIBLE).unwrap();
    check(dir.path(), &["d.toml"])
        .code(2)
        .stderr(predicate::str::contains("catalog.toml:5:10"))
        .stderr(predicate::str::contains("did you mean \"planned\"?"));
}

#[test]
fn unreadable_and_missing_files_exit_2() {
    let dir = repo(&[]);
    check(dir.path(), &["missing.toml"])
        .code(2)
        .stderr(predicate::str::contains("missing.toml"));
    fs::write(dir.path().join("bin.toml"), [0xff, 0xfe, 0x00]).unwrap();
    check(dir.path(), &["bin.toml"])
        .code(2)
        .stderr(predicate::str::contains("not UTF-8"));
}

#[test]
fn one_bad_file_does_not_hide_the_others() {
    let dir = repo(&[
        ("a.toml", FEASIBLE),
        ("b.toml", "[deal]\nid = 1\n"),
        ("c.toml", INFEASIBLE),
    ]);
    let out = check(dir.path(), &["--format", "json", "."])
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["summary"]["deals"], 2);
    assert_eq!(v["summary"]["errors"], 1);
    assert!(
        v["errors"][0]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_str().unwrap().starts_with("./b.toml:2:6")),
        "{v}"
    );
}

#[test]
fn colour_is_off_when_piped_and_for_no_color_and_on_when_forced() {
    let dir = repo(&[("bad.toml", INFEASIBLE)]);
    check(dir.path(), &["bad.toml"]).stdout(predicate::str::contains("\x1b[").not());
    check(dir.path(), &["bad.toml", "--color", "always"])
        .stdout(predicate::str::contains("\x1b[31m"));
    check(dir.path(), &["bad.toml", "--color", "never"])
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn control_characters_from_deal_files_are_escaped() {
    let text = "[deal]\nid = \"EVIL\\u001b[2J\"\ncustomer = \"Bad\\u0007Co\"\ndeadline = 2027-03-01\nfeatures = [\"fa\\u001bx\"]\n";
    let dir = repo(&[("evil.toml", text)]);
    let out = check(dir.path(), &["evil.toml"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text}");
    assert!(text.contains("EVIL\\u{1b}[2J"), "{text}");
}

#[test]
fn human_output_puts_the_verdict_first_and_groups_by_area() {
    let text = "[deal]\nid = \"MIX\"\ndeadline = 2027-03-01\nfeatures = [\"ldap\", \"fax\"]\n[requirements]\nseats = 500\n";
    let dir = repo(&[("mix.toml", text)]);
    let out = check(dir.path(), &["mix.toml"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("✗ INFEASIBLE  MIX"), "{text}");
    let features = text.find("Features").unwrap();
    let limits = text.find("Limits").unwrap();
    assert!(features < text.find("F003").unwrap() && text.find("F003").unwrap() < limits);
    assert!(text.find("L001").unwrap() > limits);
}

#[test]
fn output_file_is_written_whole() {
    let dir = repo(&[("ok.toml", FEASIBLE)]);
    check(
        dir.path(),
        &["ok.toml", "--format", "json", "--output", "out/report.json"],
    )
    .code(2);
    fs::create_dir(dir.path().join("out")).unwrap();
    check(
        dir.path(),
        &["ok.toml", "--format", "json", "--output", "out/report.json"],
    )
    .code(0)
    .stdout("");
    let v: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("out/report.json")).unwrap()).unwrap();
    assert_eq!(v["deals"][0]["verdict"], "feasible");
}

#[test]
fn explain_knows_every_code_and_name() {
    for code in dealcheck::gap::GapCode::ALL {
        dealcheck()
            .args(["explain", code.code()])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(code.name()));
        dealcheck()
            .args(["explain", code.name()])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("How to fix it"));
    }
    dealcheck()
        .args(["explain", "over-limt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean \"over-limit\"?"));
    dealcheck()
        .arg("explain")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("L003"));
}

#[test]
fn catalog_lint_reports_warnings_and_broken_catalogs() {
    let dir = tempfile::tempdir().unwrap();
    let warn = "[catalog]\nname = \"C\"\n[[feature]]\nid = \"x\"\nstatus = \"planned\"\n[[team]]\nid = \"t\"\npeople = 0\n";
    fs::write(dir.path().join("catalog.toml"), warn).unwrap();
    dealcheck()
        .current_dir(dir.path())
        .args(["catalog", "lint"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "catalog.toml:4:6: warning: C001 planned-without-date: planned feature \"x\" has neither an `eta` nor a `work` estimate",
        ))
        .stdout(predicate::str::contains("C005 team-without-people: team \"t\" has no people"));
    // The same findings reach the machine formats, with their codes and places.
    let json = dealcheck()
        .current_dir(dir.path())
        .args(["catalog", "lint", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["C001", "C005"]);
    assert_eq!(v["findings"][0]["location"]["line"], 4);
    dealcheck()
        .current_dir(dir.path())
        .args(["catalog", "lint", "--format", "github"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "::warning file=catalog.toml,line=4,col=6,title=C001 planned-without-date::",
        ));
    // Planned with `work` but no `eta` can be dated: deals pull the work forward.
    let dated = "[catalog]\nname = \"C\"\n[[feature]]\nid = \"x\"\nstatus = \"planned\"\nwork = { team = \"t\", days = 3 }\n[[team]]\nid = \"t\"\npeople = 2\n";
    fs::write(dir.path().join("dated.toml"), dated).unwrap();
    dealcheck()
        .current_dir(dir.path())
        .args(["catalog", "lint", "dated.toml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 warnings"));
    dealcheck()
        .args(["catalog", "lint", "examples/catalog.toml"])
        .assert()
        .code(0);
    fs::write(
        dir.path().join("broken.toml"),
        "[catalog]\nname = \"C\"\n[[feature]]\nid = \"x\"\nstatus = \"ga\"\nrequires = [\"x\"]\n",
    )
    .unwrap();
    dealcheck()
        .current_dir(dir.path())
        .args(["catalog", "lint", "broken.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.toml:6:13"));
}

#[test]
fn bad_calls_exit_2() {
    dealcheck()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    dealcheck()
        .args(["check", "--as-of", "2026-02-30"])
        .assert()
        .code(2);
}

#[test]
fn init_writes_a_starter_that_checks_cleanly_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    dealcheck()
        .current_dir(dir.path())
        .args(["init"])
        .assert()
        .code(0);
    dealcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "deals",
            "--as-of",
            "2026-11-27",
            "--fail-on",
            "at-risk",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("FEASIBLE"));
    dealcheck()
        .current_dir(dir.path())
        .args(["catalog", "lint"])
        .assert()
        .code(0);
    dealcheck()
        .current_dir(dir.path())
        .args(["init"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn completions_and_man_page_are_generated() {
    dealcheck()
        .args(["completions", "bash"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("dealcheck"));
    dealcheck()
        .args(["completions", "zsh"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("#compdef dealcheck"));
    dealcheck()
        .arg("man")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH DEALCHECK 1"));
}

#[test]
fn portfolio_books_signed_deals_first_and_finds_the_first_that_breaks() {
    // Signed S1 takes Mon 4 – Fri 8 Jan (5 days). P1 (5 days) alone then runs
    // 11–15 Jan, on time for 15 Jan; P2 (3 days, deadline 20 Jan) alone runs
    // 11–13 Jan. Booked together in deadline order P1 goes first (11–15) and
    // P2 runs 18–20 Jan: still on time. A third, P3 (2 days, deadline 19 Jan),
    // comes between them in deadline order: P1 11–15, P3 18–19, P2 20–22 → late.
    let dir = common::one_person_repo(&[
        (
            "deals/s1.toml",
            common::deal("S1", "signed", "2027-01-08", 5),
        ),
        (
            "deals/p1.toml",
            common::deal("P1", "proposed", "2027-01-15", 5),
        ),
        (
            "deals/p2.toml",
            common::deal("P2", "proposed", "2027-01-20", 3),
        ),
    ]);
    let v = json(dir.path(), &["--portfolio", "deals"]);
    let p = &v["portfolio"][0];
    assert_eq!(p["signed"], serde_json::json!(["S1"]));
    assert_eq!(p["proposed_fit_together"], true);
    let p1 = v["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "P1")
        .unwrap();
    assert_eq!(p1["schedule"]["delivery"], "2027-01-15");

    fs::write(
        dir.path().join("deals/p3.toml"),
        common::deal("P3", "proposed", "2027-01-19", 2),
    )
    .unwrap();
    let v = json(dir.path(), &["--portfolio", "deals"]);
    assert_eq!(v["portfolio"][0]["proposed_fit_together"], false);
    assert_eq!(v["portfolio"][0]["first_breaking"], "P2");

    // Without --portfolio the book still holds S1's days: P1 alone
    // finishes 15 Jan; with --alone nothing is booked: 8 Jan.
    let delivery = |args: &[&str]| {
        let v = json(dir.path(), args);
        assert!(v.get("portfolio").is_none());
        let p1 = v["deals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == "P1")
            .unwrap()
            .clone();
        p1["schedule"]["delivery"].clone()
    };
    assert_eq!(delivery(&["deals"]), "2027-01-15");
    assert_eq!(delivery(&["deals/p1.toml"]), "2027-01-15");
    assert_eq!(delivery(&["--alone", "deals"]), "2027-01-08");
}

#[test]
fn a_late_signed_deal_is_reported() {
    let dir = common::one_person_repo(&[
        (
            "deals/a.toml",
            common::deal("S1", "signed", "2027-01-06", 3),
        ),
        (
            "deals/b.toml",
            common::deal("S2", "signed", "2027-01-07", 3),
        ),
    ]);
    let v = json(dir.path(), &["--portfolio", "deals"]);
    assert_eq!(v["portfolio"][0]["signed_late"], serde_json::json!(["S2"]));
    let s2 = v["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "S2")
        .unwrap();
    assert_eq!(s2["gaps"][0]["code"], "S001");
}

#[test]
fn streamed_jsonl_matches_the_json_document() {
    let dir = repo(&[
        ("a.toml", FEASIBLE),
        ("b.toml", "[deal]\nid = 1\n"),
        ("c.toml", INFEASIBLE),
    ]);
    let out = check(dir.path(), &["--format", "jsonl", "."])
        .code(2)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let doc = json(dir.path(), &["."]);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], doc["deals"][0]);
    let problems = lines[1]["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.as_str().unwrap().contains("b.toml:2:6"))
    );
    assert_eq!(lines[2], doc["deals"][1]);
}

/// The hook checks what is about to be committed: the staged copy of each
/// deal and of the catalog, not the working copies, whatever the file names.
#[test]
fn the_pre_commit_hook_checks_the_staged_deals_not_the_working_copies() {
    let dir = repo(&[]);
    let d = dir.path();
    let bin = assert_cmd::cargo::cargo_bin("dealcheck");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let hook = std::path::absolute("examples/ci/pre-commit").unwrap();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(args)
            .current_dir(d)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    let run_hook = || {
        std::process::Command::new("bash")
            .arg(&hook)
            .current_dir(d)
            .env("PATH", &path)
            .env_remove("DEALCHECK_CATALOG")
            .output()
            .unwrap()
            .status
            .code()
    };
    // Far deadlines, so the verdicts do not depend on the day the test runs.
    let feasible = FEASIBLE.replace("2027-03-01", "2099-03-01");
    let infeasible = INFEASIBLE.replace("2027-03-01", "2099-03-01");
    git(&["init", "-q"]);
    fs::create_dir(d.join("deals")).unwrap();
    assert_eq!(run_hook(), Some(0), "nothing staged");

    // A file name with a space, staged feasible.
    fs::write(d.join("deals/ok deal.toml"), &feasible).unwrap();
    git(&["add", "deals/ok deal.toml"]);
    assert_eq!(run_hook(), Some(0), "a feasible staged deal passes");

    // Staged infeasible, then fixed in the working copy only: still refused.
    let bad = d.join("deals/bad deal.toml");
    fs::write(&bad, &infeasible).unwrap();
    git(&["add", "deals/bad deal.toml"]);
    fs::write(&bad, &feasible).unwrap();
    assert_eq!(run_hook(), Some(1), "the staged copy is infeasible");

    // Staging the fix lets the commit through.
    git(&["add", "deals/bad deal.toml"]);
    assert_eq!(run_hook(), Some(0), "the fix is staged");

    // A working copy broken after staging does not matter either.
    fs::write(&bad, &infeasible).unwrap();
    assert_eq!(run_hook(), Some(0), "only the staged copy counts");
    fs::write(&bad, &feasible).unwrap();

    // A staged catalog that retires `core` breaks every deal in the index,
    // even with the working copy of the catalog left as it was.
    let catalog = d.join("catalog.toml");
    let retired = common::CATALOG.replace(
        "id = \"core\"\nstatus = \"ga\"",
        "id = \"core\"\nstatus = \"retired\"",
    );
    assert_ne!(retired, common::CATALOG);
    fs::write(&catalog, &retired).unwrap();
    git(&["add", "catalog.toml"]);
    fs::write(&catalog, common::CATALOG).unwrap();
    assert_eq!(run_hook(), Some(1), "the staged catalog is used");
}
