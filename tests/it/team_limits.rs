//! The team line of `check` names what limits the team: commitments by
//! name, `max_people` only when it binds, focus when the team is short.

use crate::common::dealcheck;

const CATALOG: &str = r#"
[catalog]
name = "Teams"
timezone = "UTC"

[[feature]]
id = "core"
status = "ga"

[[team]]
id = "platform"
people = 3
focus = 0.8
[[team.commitment]]
what = "Datacenter migration"
from = 2027-01-01
until = 2027-12-31
people = 1

[[team]]
id = "calm"
people = 2
"#;

fn team_lines(custom: &str) -> (Vec<String>, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("catalog.toml"), CATALOG).unwrap();
    let deal = format!(
        "[deal]\nid = \"T-1\"\nstart = 2027-01-04\ndeadline = 2027-01-29\nfeatures = [\"core\"]\n{custom}"
    );
    std::fs::write(dir.path().join("deal.toml"), deal).unwrap();
    let run = |format: &str| {
        dealcheck()
            .current_dir(dir.path())
            .args([
                "check",
                "deal.toml",
                "--as-of",
                "2026-11-27",
                "--format",
                format,
            ])
            .output()
            .unwrap()
            .stdout
    };
    let text = String::from_utf8(run("human")).unwrap();
    let lines = text
        .lines()
        .filter(|l| l.trim_start().starts_with("Team "))
        .map(|l| l.trim().to_string())
        .collect();
    let json: serde_json::Value = serde_json::from_slice(&run("json")).unwrap();
    (lines, json["deals"][0]["schedule"]["teams"].clone())
}

#[test]
fn the_team_line_names_the_commitment_and_only_a_cap_that_binds() {
    let (lines, teams) = team_lines(
        "[[custom]]\nname = \"big\"\nteam = \"platform\"\ndays = 60\nmax_people = 3\n\n[[custom]]\nname = \"small\"\nteam = \"calm\"\ndays = 2\n",
    );
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].ends_with("(2 of 3 free: Datacenter migration holds 1; at 80% focus)."),
        "{}",
        lines[0]
    );
    assert!(
        !lines[0].contains("at most"),
        "a cap of 3 with 2 free does not bind"
    );
    // Nothing limits a team with time to spare and nobody held.
    assert!(
        lines[1].ends_with("free before the deadline."),
        "{}",
        lines[1]
    );
    assert_eq!(teams[0]["limits"][0]["kind"], "commitment");
    assert_eq!(teams[0]["limits"][0]["what"], "Datacenter migration");
    assert!(teams[1].get("limits").is_none());
}

#[test]
fn a_cap_below_the_free_people_is_named() {
    let (lines, _) =
        team_lines("[[custom]]\nname = \"big\"\nteam = \"platform\"\ndays = 60\nmax_people = 1\n");
    assert!(
        lines[0].contains("at most 1 person at once on \"custom: big\""),
        "{}",
        lines[0]
    );
}
