//! The small things of issue 19: a target of 1 or less, numbers and
//! durations in messages, dates, the starter, piped deals, and odd corners.

use crate::common::{
    CATALOG, ONE_PERSON, catalog, catalog_from, check_text, deal_error, deal_text, dealcheck,
    repo_with,
};
use predicates::prelude::*;
use predicates::str::contains;

fn with_target(target: &str) -> String {
    deal_text(
        &["core"],
        "2027-03-01",
        &format!("[availability]\ntarget = {target}\nwindow = \"24x7\"\n"),
    )
}

#[test]
fn a_target_of_one_or_less_is_refused_with_the_fix() {
    let message = deal_error(&catalog(), &with_target("0.999"));
    assert!(
        message.contains("0.999 means 0.999%; write 99.9 or \"99.9%\""),
        "{message}"
    );
    assert!(message.contains("deal.toml:8:10"), "{message}");
    let message = deal_error(&catalog(), &with_target("\"0.95%\""));
    assert!(message.contains("write 95 or \"95%\""), "{message}");
    let message = deal_error(&catalog(), &with_target("1"));
    assert!(message.contains("write 100 or \"100%\""), "{message}");
}

#[test]
fn a_target_above_one_percent_passes_as_before() {
    for target in ["99.9", "\"99.9%\"", "1.5", "100"] {
        check_text(&catalog(), &with_target(target));
    }
}

#[test]
fn the_catalogs_tiers_and_components_refuse_fractions_too() {
    let text = format!(
        "{CATALOG}\n[[tier]]\nname = \"gold\"\navailability = 0.999\nmeasured = \"0.99%\"\n[[component]]\nid = \"db\"\navailability = 0.9995\n"
    );
    let Err(errors) = catalog_from(&text) else {
        panic!("the catalog is refused")
    };
    let message = errors.render(false);
    assert!(message.contains("0.999 means 0.999%"), "{message}");
    assert!(message.contains("0.99 means 0.99%"), "{message}");
    assert!(
        message.contains("0.9995 means 0.9995%; write 99.95"),
        "{message}"
    );
    let fine = format!("{CATALOG}\n[[tier]]\nname = \"gold\"\navailability = 99.9\n");
    assert!(catalog_from(&fine).is_ok());
}

#[test]
fn huge_numbers_are_written_short() {
    let message = deal_error(&catalog(), &with_target("1e300"));
    assert!(message.contains("found 1e300"), "{message}");
    assert!(message.len() < 400, "{message}");
    let report = check_text(
        &catalog(),
        &deal_text(&["core"], "2027-03-01", "[requirements]\nseats = 1e300\n"),
    );
    let text = format!(
        "{:?}",
        report.gaps.iter().map(|g| g.message()).collect::<Vec<_>>()
    );
    assert!(
        text.contains("seats = 1e300 is above the limit of 100"),
        "{text}"
    );
    let report = check_text(
        &catalog(),
        &deal_text(&["core"], "2027-03-01", "[requirements]\nseats = 250\n"),
    );
    let text = format!(
        "{:?}",
        report.gaps.iter().map(|g| g.message()).collect::<Vec<_>>()
    );
    assert!(
        text.contains("seats = 250 is above the limit of 100"),
        "{text}"
    );
}

#[test]
fn durations_state_a_human_limit() {
    let text = deal_text(
        &["core"],
        "2027-03-01",
        "[availability]\ntarget = 99\nsupport_response = \"9999999999m\"\n",
    );
    let message = deal_error(&catalog(), &text);
    assert!(message.contains("at most 365d"), "{message}");
    assert!(!message.contains("4294967295"), "{message}");
    let text = deal_text(
        &["core"],
        "2027-03-01",
        "[availability]\ntarget = 99\nsupport_response = \"365d\"\n",
    );
    check_text(&catalog(), &text);
}

// ---- init: the starter's dates follow today --------------------------------

/// At dates years apart, the starter `init --as-of D` writes checks cleanly
/// at D: feasible, no gap at all, and its catalog lints clean.
#[test]
fn the_starter_checks_cleanly_years_apart() {
    for today in ["2026-11-27", "2027-04-01", "2031-06-15", "2040-12-28"] {
        let dir = tempfile::tempdir().unwrap();
        dealcheck()
            .current_dir(dir.path())
            .args(["init", "--as-of", today])
            .assert()
            .code(0);
        let out = dealcheck()
            .current_dir(dir.path())
            .args(["check", "deals", "--as-of", today, "--fail-on", "at-risk"])
            .args(["--format", "json"])
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(report["deals"][0]["verdict"], "feasible", "{today}");
        assert_eq!(report["deals"][0]["gaps"], serde_json::json!([]), "{today}");
        let start = report["deals"][0]["start"].as_str().unwrap();
        assert!(start > today, "{today}: the deal starts at {start}");
        dealcheck()
            .current_dir(dir.path())
            .args(["catalog", "lint"])
            .assert()
            .code(0);
    }
}

/// The old starter (fixed dates in early 2027) fails a check made later; the
/// one written on that day does not.
#[test]
fn the_starter_written_today_is_not_the_2027_one() {
    let dir = tempfile::tempdir().unwrap();
    dealcheck()
        .current_dir(dir.path())
        .args(["init", "--as-of", "2031-06-15"])
        .assert()
        .code(0);
    let deal = std::fs::read_to_string(dir.path().join("deals/example.toml")).unwrap();
    assert!(!deal.contains("2027-03-31"), "{deal}");
    assert!(deal.contains("deadline = 2031-10-15"), "{deal}");
    let catalog = std::fs::read_to_string(dir.path().join("catalog.toml")).unwrap();
    assert!(catalog.contains("holidays = [2031-12-24, 2031-12-25, 2032-01-01]"));
}

// ---- small things of the command line --------------------------------------

#[test]
fn catalog_lint_takes_the_catalog_flag_its_message_names() {
    let dir = crate::common::repo(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    let sub = elsewhere.path();
    let catalog = dir.path().join("catalog.toml");
    let catalog = catalog.to_str().unwrap();
    dealcheck()
        .current_dir(sub)
        .args(["catalog", "lint"])
        .assert()
        .code(2)
        .stderr(contains("pass --catalog PATH"));
    dealcheck()
        .current_dir(sub)
        .args(["catalog", "lint", "--catalog", catalog])
        .assert()
        .code(0);
    dealcheck()
        .current_dir(sub)
        .args(["catalog", "lint", catalog])
        .assert()
        .code(0);
}

#[test]
fn a_missing_catalog_named_by_the_variable_names_the_variable() {
    let dir = crate::common::repo(&[("deals/a.toml", crate::common::FEASIBLE)]);
    dealcheck()
        .current_dir(dir.path())
        .env("DEALCHECK_CATALOG", "nope.toml")
        .args(["check", "deals"])
        .assert()
        .code(2)
        .stderr(contains("nope.toml is named by DEALCHECK_CATALOG"));
    dealcheck()
        .current_dir(dir.path())
        .args(["check", "deals", "--catalog", "nope.toml"])
        .assert()
        .code(2)
        .stderr(contains("DEALCHECK_CATALOG").not());
    dealcheck()
        .current_dir(dir.path())
        .env("DEALCHECK_CATALOG", "catalog.toml")
        .args(["check", "deals", "--as-of", "2026-11-27"])
        .assert()
        .code(0)
        .stderr(contains("DEALCHECK_CATALOG").not());
}

#[test]
fn a_day_the_month_lacks_is_named() {
    dealcheck()
        .args(["check", "--as-of", "2027-02-30"])
        .assert()
        .code(2)
        .stderr(contains("February 2027 has 28 days"));
    dealcheck()
        .args(["check", "--as-of", "2027-2-x"])
        .assert()
        .code(2)
        .stderr(contains("not a date like 2026-11-27"));
    let text = deal_text(&["core"], "\"2027-02-30\"", "");
    let message = deal_error(&catalog(), &text);
    assert!(
        message.contains("2027-02-30 (February 2027 has 28 days)"),
        "{message}"
    );
}

// ---- --stdin-filename ------------------------------------------------------

const OVER_LIMIT: &str = "[deal]\nid = \"P-1\"\ndeadline = 2099-03-01\nfeatures = [\"core\"]\n[requirements]\nseats = 500\n";

fn piped(dir: &std::path::Path, text: &str, format: &str, name: Option<&str>) -> String {
    let mut cmd = dealcheck();
    cmd.current_dir(dir)
        .args(["check", "-", "--as-of", "2026-11-27", "--trials", "0"])
        .args(["--format", format]);
    if let Some(name) = name {
        cmd.args(["--stdin-filename", name]);
    }
    let out = cmd.write_stdin(text).output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The name given is in every location of every format, for a gap and for
/// an input problem alike; `<stdin>` is nowhere.
#[test]
fn a_piped_deal_is_named_in_every_format() {
    let dir = crate::common::repo(&[]);
    let broken = "[deal]\nid = \"P-2\"\ndeadline = \"soon\"\n";
    for format in [
        "human", "json", "jsonl", "github", "sarif", "junit", "markdown", "html",
    ] {
        for (text, line) in [(OVER_LIMIT, 6), (broken, 3)] {
            let out = piped(dir.path(), text, format, Some("deals/my deal.toml"));
            let named = if format == "sarif" {
                "deals/my%20deal.toml"
            } else {
                "deals/my deal.toml"
            };
            assert!(out.contains(named), "{format}: {out}");
            assert!(!out.contains("<stdin>"), "{format}: {out}");
            let located = [
                format!("deals/my deal.toml:{line}"),
                format!("\"line\":{line}"),
                format!("\"line\": {line}"),
                format!("line={line}"),
                format!("\"startLine\": {line}"),
            ];
            assert!(
                located.iter().any(|l| out.contains(l.as_str())),
                "{format}: {out}"
            );
        }
    }
}

#[test]
fn without_the_flag_a_piped_deal_is_still_stdin() {
    let dir = crate::common::repo(&[]);
    let out = piped(dir.path(), OVER_LIMIT, "human", None);
    assert!(out.contains("<stdin>:6:1"), "{out}");
}

/// Its catalog is found from the named file's folder, as for a file there.
#[test]
fn a_piped_deals_catalog_is_found_from_its_name() {
    let dir = crate::common::repo(&[]);
    let outside = tempfile::tempdir().unwrap();
    let name = dir.path().join("deals/p.toml");
    let out = piped(
        outside.path(),
        OVER_LIMIT,
        "human",
        Some(name.to_str().unwrap()),
    );
    assert!(
        out.contains("seats = 500 is above the limit of 100"),
        "{out}"
    );
    let out = piped(outside.path(), OVER_LIMIT, "human", None);
    assert!(out.contains("no catalog found"), "{out}");
}

/// The pre-commit hook names each staged deal by its path.
#[test]
fn the_pre_commit_hook_names_the_staged_file() {
    let dir = crate::common::repo(&[]);
    let d = dir.path();
    let bin = assert_cmd::cargo::cargo_bin("dealcheck");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(d)
            .output()
            .unwrap()
            .status;
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    std::fs::create_dir(d.join("deals")).unwrap();
    std::fs::write(d.join("deals/big deal.toml"), OVER_LIMIT).unwrap();
    git(&["add", "catalog.toml", "deals/big deal.toml"]);
    let out = std::process::Command::new("bash")
        .arg(std::path::absolute("examples/ci/pre-commit").unwrap())
        .current_dir(d)
        .env("PATH", &path)
        .env_remove("DEALCHECK_CATALOG")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("deals/big deal.toml:6:1"), "{text}");
    assert!(!text.contains("<stdin>"), "{text}");
}

// ---- messages that said too little or too much ------------------------------

#[test]
fn an_empty_file_says_so_plainly() {
    for text in ["", "\n\n", "# just a comment\n"] {
        let message = deal_error(&catalog(), text);
        assert!(
            message.contains(
                "the file is empty: a deal needs a [deal] table with `id` and `deadline`"
            ),
            "{message}"
        );
        assert!(!message.contains("The deal itself"), "{message}");
    }
    let message = deal_error(&catalog(), "[deal]\nid = \"X\"\n");
    assert!(!message.contains("the file is empty"), "{message}");
    assert!(message.contains("deadline"), "{message}");
}

fn lint_messages(text: &str) -> Vec<String> {
    let Ok(catalog) = catalog_from(text) else {
        panic!("the catalog loads")
    };
    dealcheck::lint::lint(&catalog)
        .iter()
        .map(|g| g.message().to_string())
        .collect()
}

#[test]
fn c006_names_a_commitment_without_what() {
    let head = "[catalog]\nname = \"L\"\n[[team]]\nid = \"t\"\npeople = 2\n[[team.commitment]]\nfrom = 2027-01-01\nuntil = 2027-02-01\npeople = 5\n";
    let messages = lint_messages(head);
    assert_eq!(
        messages,
        ["team \"t\" commits 5 people to a commitment with no `what` but has only 2"]
    );
    let named = head.replace(
        "[[team.commitment]]\n",
        "[[team.commitment]]\nwhat = \"Move\"\n",
    );
    assert_eq!(
        lint_messages(&named),
        ["team \"t\" commits 5 people to \"Move\" but has only 2"]
    );
}

fn chance_line(deal: &str, args: &[&str]) -> String {
    let dir = repo_with(ONE_PERSON, &[("d.toml", deal)]);
    let out = dealcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "d.toml",
            "--as-of",
            "2027-01-04",
            "--fail-on",
            "never",
        ])
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines()
        .filter(|l| l.contains("Chance of finishing") || l.contains("Work starts"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Near one half, no cap of 100 settles the answer; the cap is named.
const COIN_FLIP: &str = "[deal]\nid = \"C-1\"\ndeadline = 2027-01-22\n[[custom]]\nname = \"w\"\nteam = \"eng\"\nestimate = { low = 5, likely = 10, high = 15 }\n";

#[test]
fn a_run_that_hits_the_trials_cap_does_not_claim_to_be_settled() {
    let capped = chance_line(COIN_FLIP, &["--trials", "100"]);
    assert!(
        capped.contains("100 simulations, the --trials cap"),
        "{capped}"
    );
    assert!(!capped.contains("settle it"), "{capped}");
    let far = COIN_FLIP.replace("2027-01-22", "2027-06-30");
    let settled = chance_line(&far, &["--trials", "10000"]);
    assert!(settled.contains("simulations settle it"), "{settled}");
}

#[test]
fn a_start_in_the_past_is_said_not_moved_in_silence() {
    let past = COIN_FLIP.replace("[deal]\n", "[deal]\nstart = 2026-12-01\n");
    let line = chance_line(&past, &["--trials", "0"]);
    assert!(
        line.contains("Work starts 2027-01-04 (today), not on the deal's start 2026-12-01: that day has passed."),
        "{line}"
    );
    let future = COIN_FLIP.replace("[deal]\n", "[deal]\nstart = 2027-01-05\n");
    assert!(!chance_line(&future, &["--trials", "0"]).contains("Work starts"));
}

#[test]
fn the_markdown_not_checked_list_keeps_the_did_you_mean() {
    let dir = crate::common::repo(&[(
        "deals/a.toml",
        "[deal]\nid = \"A\"\nstatus = \"signd\"\ndeadline = 2027-03-01\n",
    )]);
    let out = crate::common::check(dir.path(), &["--format", "markdown", "deals"])
        .code(2)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("### Not checked"), "{text}");
    assert!(text.contains("(did you mean \"signed\"?)"), "{text}");
}

// ---- JSON Schemas: standard formats, schema_version pinned -----------------

/// A validator as strict as ajv's strict mode about formats: formats are
/// validated, and a format the specification does not define is an error.
fn strict(schema: &serde_json::Value) -> Result<jsonschema::Validator, String> {
    jsonschema::options()
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .build(schema)
        .map_err(|e| e.to_string())
}

fn schema(kind: &str) -> serde_json::Value {
    let out = dealcheck().args(["schema", kind]).output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_strict_validator_refuses_unknown_formats() {
    let old = serde_json::json!({ "type": "integer", "format": "uint32" });
    assert!(strict(&old).is_err());
    let fine = serde_json::json!({ "type": "string", "format": "date" });
    assert!(strict(&fine).is_ok());
}

#[test]
fn every_schema_builds_strictly_with_standard_formats() {
    for kind in ["report", "offer", "deal", "catalog"] {
        let s = schema(kind);
        if let Err(e) = strict(&s) {
            panic!("{kind}: {e}");
        }
        let text = s.to_string();
        for word in ["uint", "int64", "int32", "double", "float"] {
            assert!(
                !text.contains(&format!("\"format\":\"{word}")),
                "{kind}: {word}"
            );
        }
    }
}

#[test]
fn schema_version_is_pinned_and_reports_still_validate() {
    let dir = crate::common::repo(&[("deals/a.toml", crate::common::FEASIBLE)]);
    let report = crate::common::json(dir.path(), &["deals"]);
    let validator = strict(&schema("report")).unwrap();
    assert!(validator.is_valid(&report), "{report}");
    let mut other = report.clone();
    other["schema_version"] = serde_json::json!(2);
    assert!(!validator.is_valid(&other));
    let report_schema = schema("report").to_string();
    assert!(
        report_schema.contains("\"schema_version\":{\"const\":1"),
        "pinned"
    );
    let offer = schema("offer");
    assert_eq!(offer["properties"]["schema_version"]["const"], 1);
}

// ---- odd corners from the fuzz campaign ------------------------------------

const TWO_MARKS: &str = "\u{feff}\u{feff}[deal]\nid = \"B\"\ndeadline = 2099-03-01\nfeatures = [\"core\"]\n[requirements]\nseats = 500\n";

/// Two byte order marks are refused at 1:1 by check and by offer alike,
/// with the fix and no escaped line breaks; one is read as always.
#[test]
fn two_byte_order_marks_are_refused_the_same_everywhere() {
    let dir = crate::common::repo(&[("deals/b.toml", TWO_MARKS)]);
    for args in [
        vec!["check", "deals/b.toml"],
        vec!["offer", "deals/b.toml", "--format", "toml"],
        vec!["offer", "deals/b.toml"],
    ] {
        let out = dealcheck()
            .current_dir(dir.path())
            .args(&args)
            .args(["--as-of", "2026-11-27", "--trials", "0"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("deals/b.toml:1:1") && stderr.contains("two byte order marks"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("\\n"), "{args:?}: {stderr}");
    }
    let one = TWO_MARKS.replacen('\u{feff}', "", 1);
    let dir = crate::common::repo(&[("deals/b.toml", &one)]);
    dealcheck()
        .current_dir(dir.path())
        .args([
            "offer",
            "deals/b.toml",
            "--format",
            "toml",
            "--as-of",
            "2026-11-27",
        ])
        .assert()
        .code(0)
        .stdout(contains("seats = 100"));
}

#[test]
fn init_and_man_name_the_file_in_the_way() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("afile"), "").unwrap();
    for args in [
        vec!["init", "afile"],
        vec!["init", "afile/sub"],
        vec!["man", "--dir", "afile"],
    ] {
        dealcheck()
            .current_dir(dir.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains("afile is a file, not a folder"))
            .stderr(contains("os error").not());
    }
    dealcheck()
        .current_dir(dir.path())
        .args(["man", "--dir", "pages/man1"])
        .assert()
        .code(0);
    assert!(dir.path().join("pages/man1/dealcheck.1").is_file());
}

/// A FIFO nobody reads is refused after a few seconds, naming it, instead of
/// blocking forever (one with a reader is written to: hostile.rs).
#[cfg(unix)]
#[test]
fn output_to_a_fifo_nobody_reads_is_refused() {
    let dir = crate::common::repo(&[("deals/a.toml", crate::common::FEASIBLE)]);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe"))
        .status()
        .unwrap();
    assert!(made.success());
    let started = std::time::Instant::now();
    dealcheck()
        .current_dir(dir.path())
        .args([
            "check",
            "deals",
            "--as-of",
            "2026-11-27",
            "--output",
            "pipe",
        ])
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(contains("pipe"))
        .stderr(contains("named pipe (FIFO) that nobody reads"));
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
