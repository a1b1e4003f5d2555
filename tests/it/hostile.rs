//! Hostile files and inputs (issue 13), through the binary: what is read,
//! what is written, what is escaped, and that nothing is silently checked as
//! nothing.
#![cfg(unix)]

use crate::common;
use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::time::Duration;

const DEAL: &str = "[deal]\nid = \"OK-1\"\ncustomer = \"Fine Ltd\"\ndeadline = 2027-03-01\nfeatures = [\"core\"]\n";

fn dealcheck(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("dealcheck").unwrap();
    cmd.env_remove("DEALCHECK_CATALOG")
        .current_dir(dir)
        // Only a guard against a hang (a FIFO read would block forever): no
        // test asserts how long anything takes.
        .timeout(Duration::from_secs(120))
        .args(["check", "--as-of", "2026-11-27", "--trials", "0"]);
    cmd
}

/// A folder with the test catalog and `deal.toml`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("catalog.toml"), common::CATALOG).unwrap();
    fs::write(dir.path().join("deal.toml"), DEAL).unwrap();
    dir
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status();
    assert!(status.unwrap().success(), "mkfifo {path:?}");
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stderr.clone()).unwrap()
}

/// No character a terminal would act on, in any text we print.
fn assert_no_raw_controls(text: &str) {
    let bad = text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    });
    assert!(bad.is_none(), "raw {bad:?} in {text:?}");
}

// ---- Output ----

#[test]
fn output_replaces_an_existing_file_keeping_mode_and_owner() {
    let dir = repo();
    let out = dir.path().join("report.json");
    fs::write(&out, "old").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
    let before = fs::metadata(&out).unwrap();
    dealcheck(dir.path())
        .args(["deal.toml", "--format", "json", "--output", "report.json"])
        .assert()
        .code(0)
        .stdout("");
    let after = fs::metadata(&out).unwrap();
    assert_eq!(after.permissions().mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert!(fs::read_to_string(&out).unwrap().contains("\"verdict\""));
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 3, "no temporary file left: {names:?}");
}

#[test]
fn output_to_a_new_path_gets_the_umask_mode() {
    let dir = repo();
    let plain = dir.path().join("plain");
    fs::File::create(&plain).unwrap();
    dealcheck(dir.path())
        .args(["deal.toml", "--output", "new.txt"])
        .assert()
        .code(0);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&dir.path().join("new.txt")), mode(&plain));
}

#[test]
fn output_through_a_symlink_writes_its_target() {
    let dir = repo();
    fs::create_dir(dir.path().join("reports")).unwrap();
    fs::write(dir.path().join("reports/latest.md"), "old").unwrap();
    symlink("reports/latest.md", dir.path().join("link.md")).unwrap();
    dealcheck(dir.path())
        .args(["deal.toml", "--format", "markdown", "--output", "link.md"])
        .assert()
        .code(0);
    let link = fs::symlink_metadata(dir.path().join("link.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    let text = fs::read_to_string(dir.path().join("reports/latest.md")).unwrap();
    assert!(text.contains("OK-1"), "{text}");
}

#[test]
fn output_to_a_fifo_or_device_writes_to_it_directly() {
    let dir = repo();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    dealcheck(dir.path())
        .args(["deal.toml", "--format", "jsonl", "--output", "pipe"])
        .assert()
        .code(0);
    let got = reader.join().unwrap();
    assert!(got.contains("\"OK-1\""), "{got}");
    assert!(!fs::metadata(&fifo).unwrap().is_file(), "still a FIFO");
    dealcheck(dir.path())
        .args(["deal.toml", "--output", "/dev/null"])
        .assert()
        .code(0)
        .stdout("");
    assert!(!fs::metadata("/dev/null").unwrap().is_file());
}

#[test]
fn output_that_is_an_input_is_refused_before_anything_is_written() {
    let dir = repo();
    symlink("catalog.toml", dir.path().join("alias.toml")).unwrap();
    for out in [
        "deal.toml",
        "catalog.toml",
        "./alias.toml",
        "sub/../deal.toml",
    ] {
        fs::create_dir_all(dir.path().join("sub")).unwrap();
        let a = dealcheck(dir.path())
            .args(["deal.toml", "--output", out])
            .assert()
            .code(2);
        assert!(stderr(&a).contains("an input of this run"), "{out}");
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("deal.toml")).unwrap(),
        DEAL
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("catalog.toml")).unwrap(),
        common::CATALOG
    );
    // A folder of deals: each deal in it is an input too.
    fs::create_dir(dir.path().join("deals")).unwrap();
    fs::write(dir.path().join("deals/a.toml"), DEAL).unwrap();
    dealcheck(dir.path())
        .args(["deals", "--output", "deals/a.toml"])
        .assert()
        .code(2);
    assert_eq!(
        fs::read_to_string(dir.path().join("deals/a.toml")).unwrap(),
        DEAL
    );
}

#[test]
fn output_dash_means_standard_output() {
    let dir = repo();
    dealcheck(dir.path())
        .args(["deal.toml", "--format", "json", "--output", "-"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"OK-1\""));
    assert!(!dir.path().join("-").exists());
}

// ---- Reading ----

#[test]
fn a_fifo_or_device_as_catalog_is_refused_at_once() {
    let dir = repo();
    mkfifo(&dir.path().join("fifo.toml"));
    for catalog in ["fifo.toml", "/dev/zero", "/dev/null"] {
        let a = dealcheck(dir.path())
            .args(["deal.toml", "--catalog", catalog])
            .assert()
            .code(2);
        assert!(stderr(&a).contains("not a regular file"), "{catalog}");
    }
}

#[test]
fn a_fifo_or_dev_null_as_deal_is_not_a_regular_file() {
    let dir = repo();
    mkfifo(&dir.path().join("fifo.toml"));
    for deal in ["fifo.toml", "/dev/null"] {
        let a = dealcheck(dir.path())
            .args([deal, "--catalog", "catalog.toml"])
            .assert()
            .code(2);
        let err = stderr(&a);
        assert!(err.contains("not a regular file"), "{err}");
        assert!(!err.contains("no such file"), "{err}");
    }
}

#[test]
fn a_file_over_the_size_cap_is_refused_with_the_limit() {
    let dir = repo();
    let big = fs::File::create(dir.path().join("big.toml")).unwrap();
    big.set_len(64 * 1024 * 1024 + 1).unwrap(); // sparse: no 64 MiB written
    let a = dealcheck(dir.path()).arg("big.toml").assert().code(2);
    let err = stderr(&a);
    assert!(err.contains("too big") && err.contains("64 MiB"), "{err}");
}

#[test]
fn invalid_utf8_is_located_with_the_line_shown() {
    let dir = repo();
    fs::write(
        dir.path().join("bad.toml"),
        b"[deal]\nid = \"OK-1\"\ncustomer = \"Caf\xe9 \x1b Ltd\"\n",
    )
    .unwrap();
    let a = dealcheck(dir.path()).arg("bad.toml").assert().code(2);
    let err = stderr(&a);
    assert!(err.contains("bad.toml:3:16"), "{err}");
    assert!(err.contains("invalid byte 0xE9"), "{err}");
    assert!(
        err.contains("customer = \"Caf\u{FFFD} \\u{1b} Ltd\""),
        "{err}"
    );
    assert_no_raw_controls(&err);
}

// ---- Escaping ----

#[test]
fn excerpts_escape_every_kind_of_control_and_keep_the_caret_under_the_value() {
    let dir = repo();
    for c in [
        '\x07', '\x1b', '\x7f', '\u{9b}', '\u{85}', '\u{202e}', '\u{2067}',
    ] {
        // C0 and DEL are already a TOML error at the character; C1 and bidi
        // controls are allowed in strings, so the date check rejects them.
        let line = format!("deadline = \"{c}{c}\"");
        fs::write(
            dir.path().join("evil.toml"),
            format!("[deal]\nid = \"X\"\n{line}\n"),
        )
        .unwrap();
        let a = dealcheck(dir.path()).arg("evil.toml").assert().code(2);
        let err = stderr(&a);
        assert_no_raw_controls(&err);
        let column: usize = err
            .split("--> evil.toml:3:")
            .nth(1)
            .and_then(|rest| rest.split(|ch: char| !ch.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no location on line 3: {err}"));
        let escaped = format!("\\u{{{:x}}}", c as u32);
        let lines: Vec<&str> = err.lines().collect();
        let code = lines.iter().position(|l| l.starts_with("3 |")).unwrap();
        assert!(
            lines[code].contains(&format!("\"{escaped}{escaped}\"")),
            "{err}"
        );
        // The caret stands under the escaped form of the located character.
        let before: String = line.chars().take(column - 1).collect();
        let expected = "3 | ".len() + dealcheck::text::escape_control(&before).len();
        assert_eq!(lines[code + 1].find('^'), Some(expected), "{err}");
    }
}

#[test]
fn paths_and_messages_are_escaped_in_headlines_and_arrows() {
    let dir = repo();
    let name = "evil\x1b[2J\u{9b}\u{202e}.toml";
    fs::write(dir.path().join(name), "[deal]\nid = 3\n").unwrap();
    let a = dealcheck(dir.path())
        .args([name, "--format", "json"])
        .assert()
        .code(2);
    let err = stderr(&a);
    assert_no_raw_controls(&err);
    assert!(
        err.contains("--> evil\\u{1b}[2J\\u{9b}\\u{202e}.toml:2:6"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let problems = json["errors"][0]["problems"].as_array().unwrap();
    assert!(
        problems.iter().any(|p| p
            .as_str()
            .unwrap()
            .starts_with("evil\\u{1b}[2J\\u{9b}\\u{202e}.toml:2:6: ")),
        "{problems:?}"
    );
    // A catalog message quoting a bad value.
    fs::write(
        dir.path().join("catalog.toml"),
        "[catalog]\nname = \"x\"\ntimezone = \"Mars\u{9b}\x07\"\n",
    )
    .unwrap();
    let a = dealcheck(dir.path()).arg("deal.toml").assert().code(2);
    let err = stderr(&a);
    assert_no_raw_controls(&err);
    assert!(err.contains("Mars\\u{9b}\\u{7}"), "{err}");
}

// ---- Nothing silently checked as nothing ----

#[test]
fn toml_entries_that_are_not_readable_files_are_reported() {
    let dir = repo();
    let deals = dir.path().join("deals");
    fs::create_dir_all(deals.join("folder.toml")).unwrap();
    fs::write(deals.join("good.toml"), DEAL).unwrap();
    symlink("missing.toml", deals.join("dangling.toml")).unwrap();
    symlink("loop.toml", deals.join("loop.toml")).unwrap();
    mkfifo(&deals.join("pipe.toml"));
    // A link back to a folder being walked is no error: it is walked once.
    fs::create_dir(deals.join("sub")).unwrap();
    symlink("..", deals.join("sub/back")).unwrap();
    let a = dealcheck(dir.path())
        .args(["deals", "--format", "json"])
        .assert()
        .code(2);
    let err = stderr(&a);
    assert!(err.contains("is a folder"), "{err}");
    assert!(err.contains("dangling symbolic link"), "{err}");
    assert!(err.contains("cannot be followed"), "{err}");
    assert!(err.contains("not a regular file"), "{err}");
    let json: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(json["summary"]["deals"], 1, "the good deal is still judged");
    assert_eq!(json["summary"]["errors"], 4);
}

#[test]
fn a_folder_without_deal_files_is_an_error() {
    let dir = repo();
    fs::create_dir_all(dir.path().join("empty/sub")).unwrap();
    fs::write(dir.path().join("empty/notes.txt"), "no deals").unwrap();
    fs::create_dir(dir.path().join("x.toml")).unwrap();
    for path in ["empty", "x.toml"] {
        let a = dealcheck(dir.path()).arg(path).assert().code(2);
        assert!(
            stderr(&a).contains(&format!("no deal files found under {path}")),
            "{}",
            stderr(&a)
        );
    }
}

// ---- Ranges and volume ----

#[test]
fn range_errors_state_the_accepted_range() {
    let dir = repo();
    let text = format!("{DEAL}[[custom]]\nname = \"w\"\nteam = \"platform\"\ndays = 1e15\n");
    fs::write(dir.path().join("deal.toml"), text).unwrap();
    dealcheck(dir.path())
        .arg("deal.toml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "must be a number from 0 to 1000000000, found 1000000000000000",
        ));
}

#[test]
fn after_a_hundred_problems_in_a_file_the_rest_are_counted() {
    let dir = repo();
    let mut text = DEAL.to_string();
    for i in 0..250 {
        text.push_str(&format!(
            "[[custom]]\nname = \"w{i}\"\nteam = \"platform\"\ndays = -1\n"
        ));
    }
    fs::write(dir.path().join("deal.toml"), text).unwrap();
    let a = dealcheck(dir.path()).arg("deal.toml").assert().code(2);
    let err = stderr(&a);
    assert_eq!(err.matches("error: ").count(), 100, "{err}");
    assert!(
        err.contains("… and 150 more problems in deal.toml"),
        "{err}"
    );
    assert!(err.contains("250 problems found"), "{err}");
}
