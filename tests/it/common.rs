//! Shared fixtures: a small catalog written for the tests, and helpers that
//! check deal text against it through the library.
#![allow(dead_code)]

use chrono::NaiveDate;
use dealcheck::check::DealCheck;
use dealcheck::check::Prepared;
use dealcheck::check::{CheckOptions, check_deal};
use dealcheck::gap::GapCode;
use dealcheck::load::{InputErrors, SourceFile, parse_catalog, parse_deal};
use std::fs;
use std::path::{Path, PathBuf};

/// A catalog with one feature of every kind the checks care about.
pub const CATALOG: &str = r#"
[catalog]
name = "Test Cloud"
timezone = "UTC"
business_hours = "mon-fri 09:00-17:00"
confidence = 0.85

[[feature]]
id = "core"
status = "ga"

[[feature]]
id = "dir"
status = "ga"

[[feature]]
id = "sso"
status = "ga"
requires = ["dir"]
conflicts = ["ldap"]

[[feature]]
id = "ldap"
status = "beta"

[[feature]]
id = "onprem"
status = "unplanned"

[[feature]]
id = "fax"
status = "retired"

[[feature]]
id = "residency"
status = "planned"
eta = 2027-05-01
work = { team = "platform", days = 10 }

[[feature]]
id = "byok"
status = "planned"
eta = 2027-02-01

[[feature]]
id = "needs-onprem"
status = "ga"
requires = ["onprem"]

[[team]]
id = "platform"
people = 2

[limits]
seats = 100
regions = ["eu", "us"]
"#;

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

pub fn source(name: &str, text: &str) -> SourceFile {
    SourceFile {
        path: PathBuf::from(name),
        text: text.to_string(),
    }
}

pub fn catalog_from(text: &str) -> Result<Prepared, InputErrors> {
    parse_catalog(&source("catalog.toml", text)).map(Prepared::new)
}

pub fn catalog() -> Prepared {
    catalog_from(CATALOG).expect("the test catalog loads")
}

/// A deal with the given features and extra TOML after the `[deal]` table.
pub fn deal_text(features: &[&str], deadline: &str, extra: &str) -> String {
    let list: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
    format!(
        "[deal]\nid = \"T-1\"\ncustomer = \"Test\"\nstart = 2026-12-01\ndeadline = {deadline}\nfeatures = [{}]\n{extra}",
        list.join(", ")
    )
}

pub fn check_text(catalog: &Prepared, text: &str) -> DealCheck {
    let deal = parse_deal(&source("deal.toml", text), catalog).expect("the deal loads");
    let mut options = CheckOptions::new(as_of());
    options.trials = 0;
    check_deal(catalog, &deal, &options)
}

/// The gap codes of a deal with these features and extra TOML.
pub fn codes(features: &[&str], deadline: &str, extra: &str) -> Vec<GapCode> {
    let report = check_text(&catalog(), &deal_text(features, deadline, extra));
    report.gaps.iter().map(|g| g.code()).collect()
}

pub fn deal_error(catalog: &Prepared, text: &str) -> String {
    match parse_deal(&source("deal.toml", text), catalog) {
        Ok(_) => panic!("expected the deal to be rejected"),
        Err(e) => e.render(false),
    }
}

// ---- The binary ----------------------------------------------------------

pub fn dealcheck() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("dealcheck").unwrap();
    cmd.env_remove("DEALCHECK_CATALOG");
    cmd
}

/// Writes these files below `dir`, their folders made as needed.
pub fn write_files<T: AsRef<[u8]>>(dir: &Path, files: &[(&str, T)]) {
    for (name, text) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// A fresh folder holding these files.
pub fn folder<T: AsRef<[u8]>>(files: &[(&str, T)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    dir
}

/// A folder with `catalog` as its `catalog.toml`, then the given files.
pub fn repo_with<T: AsRef<[u8]>>(catalog: &str, files: &[(&str, T)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("catalog.toml"), catalog).unwrap();
    write_files(dir.path(), files);
    dir
}

/// `dealcheck COMMAND` on the shipped examples' catalog as of 2026-11-27,
/// the day the examples are written for.
pub fn on_examples(command: &str) -> assert_cmd::Command {
    let mut cmd = dealcheck();
    cmd.args([command, "--catalog", "examples/catalog.toml"])
        .args(["--as-of", "2026-11-27"]);
    cmd
}

/// A folder with the test catalog and the given deal files.
pub fn repo(deals: &[(&str, &str)]) -> tempfile::TempDir {
    repo_with(CATALOG, deals)
}

// ---- One person: the book, capacity and portfolio tests -------------------

/// One person, Monday to Friday, 8 hours a day: a person-day a working day,
/// so a book's dates can be worked out by hand.
pub const ONE_PERSON: &str = "[catalog]\nname = \"P\"\ntimezone = \"UTC\"\nbusiness_hours = \"mon-fri 09:00-17:00\"\n[[team]]\nid = \"eng\"\npeople = 1\n";

/// A folder with the one-person catalog and the given files.
pub fn one_person_repo(files: &[(&str, String)]) -> tempfile::TempDir {
    repo_with(ONE_PERSON, files)
}

/// A deal of `days` person-days of custom work for `eng`, starting Monday
/// 2027-01-04.
pub fn deal(id: &str, status: &str, deadline: &str, days: u32) -> String {
    format!(
        "[deal]\nid = \"{id}\"\nstatus = \"{status}\"\nstart = 2027-01-04\ndeadline = {deadline}\n[[custom]]\nname = \"w\"\nteam = \"eng\"\ndays = {days}\n"
    )
}

/// The book worked by hand in `book.rs` (`held_out`): SIGNED, EARLY and
/// TIGHT for `eng`, with DONE and GONE, which the book skips.
pub fn held_out_deals() -> Vec<(&'static str, String)> {
    let tight = deal("TIGHT", "proposed", "2027-01-19", 5)
        .replace("start = 2027-01-04", "start = 2027-01-14");
    vec![
        (
            "deals/signed.toml",
            deal("SIGNED", "signed", "2027-01-29", 10),
        ),
        (
            "deals/early.toml",
            deal("EARLY", "proposed", "2027-01-15", 5),
        ),
        ("deals/tight.toml", tight),
        (
            "deals/done.toml",
            deal("DONE", "delivered", "2026-06-01", 5),
        ),
        ("deals/gone.toml", deal("GONE", "lost", "2026-06-01", 5)),
    ]
}

/// `dealcheck check` in `dir` as of 2026-11-27 without a simulation: the
/// command, for what has to be set before it runs (standard input).
pub fn check_cmd(dir: &Path) -> assert_cmd::Command {
    let mut cmd = dealcheck();
    cmd.current_dir(dir)
        .args(["check", "--as-of", "2026-11-27", "--trials", "0"]);
    cmd
}

pub fn check(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    check_cmd(dir).args(args).assert()
}

pub fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = check(dir, &all).get_output().stdout.clone();
    serde_json::from_slice(&out).expect("valid JSON on stdout")
}

// ---- JSON Schemas ----------------------------------------------------------

/// `dealcheck schema ARGS…`: a published JSON Schema.
pub fn schema(args: &[&str]) -> serde_json::Value {
    let out = dealcheck().arg("schema").args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("the schema is JSON")
}

/// The validator of `dealcheck schema ARGS…`.
pub fn schema_validator(args: &[&str]) -> jsonschema::Validator {
    jsonschema::validator_for(&schema(args)).expect("the schema itself is valid")
}

/// Refuses every fetch, so validation never depends on the network.
pub struct Offline;

impl jsonschema::Retrieve for Offline {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
        Err(format!("offline: refusing to fetch {uri}").into())
    }
}

/// Each way `doc` breaks the schema, with where: empty when it is valid.
pub fn schema_errors(validator: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

pub const FEASIBLE: &str = "[deal]\nid = \"OK-1\"\ncustomer = \"Fine Ltd\"\ndeadline = 2027-03-01\nfeatures = [\"core\"]\n";
pub const AT_RISK: &str = "[deal]\nid = \"RISK-1\"\ndeadline = 2027-03-01\nfeatures = [\"ldap\"]\n";
pub const INFEASIBLE: &str =
    "[deal]\nid = \"BAD-1\"\ndeadline = 2027-03-01\nfeatures = [\"fax\"]\n";
