//! What a new user runs into first: bare file names, a path named twice,
//! duplicate deal ids, an empty folder, a closed pipe, standard input,
//! `--output -` and `--quiet`.

use crate::common;
use common::{FEASIBLE, INFEASIBLE, check, check_cmd, repo};
use predicates::prelude::*;
use std::io::Read;
use std::process::Stdio;

#[test]
fn a_bare_file_name_finds_the_catalog_walking_up() {
    let dir = repo(&[("deals/ok.toml", FEASIBLE)]);
    check(&dir.path().join("deals"), &["ok.toml"]).code(0);
    check(&dir.path().join("deals"), &["./ok.toml"]).code(0);
}

#[test]
fn a_path_named_twice_is_checked_once() {
    let dir = repo(&[("deals/bad.toml", INFEASIBLE)]);
    let v = common::json(
        dir.path(),
        &["deals", "deals/bad.toml", "./deals/../deals/bad.toml"],
    );
    assert_eq!(v["summary"]["deals"], 1);
    assert_eq!(v["deals"].as_array().unwrap().len(), 1);
}

/// One folder named once, reaching a deal twice through links inside it:
/// a linked file and a linked folder are still one deal each.
#[cfg(unix)]
#[test]
fn a_deal_reached_twice_through_links_in_one_folder_is_checked_once() {
    use std::os::unix::fs::symlink;
    let dir = repo(&[("deals/real/bad.toml", INFEASIBLE)]);
    let deals = dir.path().join("deals");
    symlink("real", deals.join("linked")).unwrap();
    symlink("real/bad.toml", deals.join("alias.toml")).unwrap();
    let v = common::json(dir.path(), &["deals"]);
    assert_eq!(v["summary"]["deals"], 1, "{v}");
    assert_eq!(v["summary"]["errors"], 0, "no duplicate-id error: {v}");
}

#[test]
fn a_signed_deal_named_twice_is_booked_once() {
    let signed = "[deal]\nid = \"SIGNED-1\"\nstatus = \"signed\"\ndeadline = 2027-03-01\nfeatures = [\"core\"]\n\
        [[custom]]\nname = \"big\"\nteam = \"platform\"\ndays = 40\n";
    let proposed = "[deal]\nid = \"NEW-1\"\ndeadline = 2027-01-29\nfeatures = [\"core\"]\n\
        [[custom]]\nname = \"small\"\nteam = \"platform\"\ndays = 20\n";
    let dir = repo(&[
        ("deals/a-signed.toml", signed),
        ("deals/b-new.toml", proposed),
    ]);
    let once = common::json(dir.path(), &["--portfolio", "deals"]);
    let twice = common::json(dir.path(), &["--portfolio", "deals", "deals/a-signed.toml"]);
    assert_eq!(once["deals"], twice["deals"]);
    assert_eq!(twice["summary"]["deals"], 2);
}

#[test]
fn duplicate_deal_ids_make_the_later_file_unjudged_naming_both() {
    let dir = repo(&[("deals/a.toml", FEASIBLE), ("deals/b.toml", FEASIBLE)]);
    check(dir.path(), &["deals"])
        .code(2)
        .stderr(predicate::str::contains("deals/b.toml"))
        .stderr(predicate::str::contains(
            "deal id \"OK-1\" is already used by deals/a.toml",
        ));
    let v = common::json(dir.path(), &["deals"]);
    assert_eq!(v["summary"]["deals"], 1);
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["errors"][0]["path"], "deals/b.toml");
}

#[test]
fn no_deal_file_found_is_an_input_error() {
    let dir = repo(&[]);
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    check(dir.path(), &["empty"])
        .code(2)
        .stderr(predicate::str::contains("no deal files found under empty"));
}

#[test]
fn a_closed_pipe_still_exits_with_every_verdict() {
    let mut deals = Vec::new();
    for i in 0..300 {
        let text = INFEASIBLE.replace("BAD-1", &format!("BAD-{i}"));
        deals.push((format!("deals/d{i:03}.toml"), text));
    }
    let refs: Vec<(&str, &str)> = deals
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = repo(&refs);
    let bin = assert_cmd::cargo::cargo_bin("dealcheck");
    let mut child = std::process::Command::new(bin)
        .current_dir(dir.path())
        .env_remove("DEALCHECK_CATALOG")
        .args(["check", "deals", "--as-of", "2026-11-27", "--trials", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe, as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "infeasible deals still fail the run"
    );
}

#[test]
fn a_deal_from_standard_input() {
    let dir = repo(&[]);
    check_cmd(dir.path())
        .args(["-", "--format", "json"])
        .write_stdin(INFEASIBLE)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"path\": \"<stdin>\""))
        .stdout(predicate::str::contains("\"id\": \"BAD-1\""));
    check_cmd(dir.path())
        .arg("-")
        .write_stdin("[deal]\nid = 1\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>:2:"));
}

#[test]
fn output_dash_is_standard_output_and_quiet_prints_nothing() {
    let dir = repo(&[("ok.toml", FEASIBLE)]);
    check(dir.path(), &["ok.toml", "--output", "-"])
        .code(0)
        .stdout(predicate::str::contains("FEASIBLE"));
    assert!(!dir.path().join("-").exists());
    check(dir.path(), &["ok.toml", "-q"]).code(0).stdout("");
    let bad = repo(&[("bad.toml", INFEASIBLE)]);
    check(bad.path(), &["bad.toml", "--quiet"])
        .code(1)
        .stdout("");
}

#[test]
fn a_report_file_says_why_a_file_was_not_checked() {
    let dir = repo(&[("ok.toml", FEASIBLE), ("broken.toml", "[deal]\nid = 1\n")]);
    check(
        dir.path(),
        &["ok.toml", "broken.toml", "--output", "report.txt"],
    )
    .code(2);
    let text = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(text.contains("✗ NOT CHECKED  broken.toml"), "{text}");
    assert!(text.contains("    broken.toml:2:6: "), "{text}");
}

#[test]
fn standard_input_named_twice_is_one_deal() {
    let dir = repo(&[]);
    let out = check_cmd(dir.path())
        .args(["-", "-", "--format", "json"])
        .write_stdin(FEASIBLE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["deals"], 1);
}

/// Two proposal folders with their own catalogs in one portfolio run: each
/// catalog books and counts only its own deals.
#[test]
fn a_portfolio_keeps_each_catalog_to_its_own_deals() {
    let dir = tempfile::tempdir().unwrap();
    for (team, deals) in [("north", 2), ("south", 1)] {
        let root = dir.path().join(team);
        std::fs::create_dir_all(root.join("deals")).unwrap();
        std::fs::write(root.join("catalog.toml"), common::CATALOG).unwrap();
        for i in 0..deals {
            let text = FEASIBLE.replace("OK-1", &format!("{team}-{i}"));
            std::fs::write(root.join(format!("deals/d{i}.toml")), text).unwrap();
        }
    }
    std::fs::write(
        dir.path().join("south/deals/broken.toml"),
        "[deal]\nid = 1\n",
    )
    .unwrap();
    let v = common::json(dir.path(), &["--portfolio", "north", "south"]);
    let proposed: Vec<u64> = v["portfolio"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["proposed"].as_u64().unwrap())
        .collect();
    assert_eq!(proposed, [2, 1]);
    assert_eq!(v["summary"]["errors"], 1);
}
