//! The offer is made in what the book of signed deals leaves: the capacity
//! a signed deal holds is not offered again, what it leaves free is.

use crate::common;
use common::{dealcheck, repo};

/// Team "platform" has 2 people (2 person-days a working day). The signed
/// deal needs 20 person-days from 2026-11-30 (ten working days), due
/// 2026-12-11: exactly the ten working days to its deadline; the proposed
/// one 10, due 2026-12-04.
const SIGNED: &str = "[deal]\nid = \"SIGNED-1\"\nstatus = \"signed\"\nstart = 2026-11-30\ndeadline = 2026-12-11\nfeatures = [\"core\"]\n\
    [[custom]]\nname = \"big\"\nteam = \"platform\"\ndays = 20\n";
const PROPOSED: &str = "[deal]\nid = \"NEW-1\"\nstart = 2026-11-30\ndeadline = 2026-12-04\nfeatures = [\"core\"]\n\
    [[custom]]\nname = \"small\"\nteam = \"platform\"\ndays = 10\n";

/// `dealcheck offer TARGET --format json` in `dir`, as of 2026-11-27.
fn offer_json(dir: &std::path::Path, target: &str) -> assert_cmd::Command {
    let mut cmd = dealcheck();
    cmd.current_dir(dir)
        .args(["offer", target, "--as-of", "2026-11-27"])
        .args(["--trials", "0", "--format", "json"]);
    cmd
}

fn complete_deadline(dir: &std::path::Path, flag: Option<&str>) -> String {
    let out = offer_json(dir, "deals").args(flag).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let new = v["offers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "NEW-1")
        .unwrap()
        .clone();
    new["complete"]["deadline"].as_str().unwrap().to_string()
}

#[test]
fn the_offer_waits_for_a_signed_deal_that_holds_the_team() {
    let dir = repo(&[
        ("deals/a-signed.toml", SIGNED),
        ("deals/b-new.toml", PROPOSED),
    ]);
    // The signed deal holds both people until Fri 12-11, its deadline: the
    // proposed work runs Mon 12-14 to Fri 12-18, with or without the
    // other file named (one file gives the folder's answer).
    assert_eq!(complete_deadline(dir.path(), None), "2026-12-18");
    assert_eq!(
        complete_deadline(dir.path(), Some("--portfolio")),
        "2026-12-18"
    );
    let out = offer_json(dir.path(), "deals/b-new.toml").output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["offers"][0]["complete"]["deadline"], "2026-12-18");
    // Against the bare catalog: Mon 11-30 to Fri 12-04, on time.
    assert_eq!(complete_deadline(dir.path(), Some("--alone")), "2026-12-04");
}

#[test]
fn a_signed_deal_due_later_leaves_the_time_before_its_work_free() {
    // Due 2027-03-01 instead: its 20 person-days are reserved in the ten
    // working days before March, so the proposed deal fits in December.
    let later = SIGNED.replace("deadline = 2026-12-11", "deadline = 2027-03-01");
    let dir = repo(&[
        ("deals/a-signed.toml", &later),
        ("deals/b-new.toml", PROPOSED),
    ]);
    assert_eq!(complete_deadline(dir.path(), None), "2026-12-04");
}

#[test]
fn a_proposed_deal_does_not_hold_capacity_for_another() {
    let other = PROPOSED.replace("NEW-1", "NEW-0").replace("small", "other");
    let dir = repo(&[
        ("deals/a-other.toml", &other),
        ("deals/b-new.toml", PROPOSED),
    ]);
    assert_eq!(complete_deadline(dir.path(), None), "2026-12-04");
    // Booked together, NEW-0 (same deadline, earlier path) goes first.
    assert_eq!(
        complete_deadline(dir.path(), Some("--portfolio")),
        "2026-12-11"
    );
}
