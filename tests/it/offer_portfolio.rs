//! `offer --portfolio`: the capacity signed deals hold is not offered again.

use crate::common;
use common::{dealcheck, repo};

/// Team "platform" has 2 people (2 person-days a working day). The signed
/// deal needs 20 person-days from 2026-11-30 (ten working days); the proposed
/// one 10, due 2026-12-04.
const SIGNED: &str = "[deal]\nid = \"SIGNED-1\"\nstatus = \"signed\"\nstart = 2026-11-30\ndeadline = 2027-03-01\nfeatures = [\"core\"]\n\
    [[custom]]\nname = \"big\"\nteam = \"platform\"\ndays = 20\n";
const PROPOSED: &str = "[deal]\nid = \"NEW-1\"\nstart = 2026-11-30\ndeadline = 2026-12-04\nfeatures = [\"core\"]\n\
    [[custom]]\nname = \"small\"\nteam = \"platform\"\ndays = 10\n";

fn complete_deadline(dir: &std::path::Path, portfolio: bool) -> String {
    let mut cmd = dealcheck();
    cmd.current_dir(dir).args([
        "offer",
        "deals",
        "--as-of",
        "2026-11-27",
        "--trials",
        "0",
        "--format",
        "json",
    ]);
    if portfolio {
        cmd.arg("--portfolio");
    }
    let out = cmd.output().unwrap();
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
fn a_portfolio_offer_waits_for_the_signed_deal() {
    let dir = repo(&[
        ("deals/a-signed.toml", SIGNED),
        ("deals/b-new.toml", PROPOSED),
    ]);
    // Alone: 10 person-days at 2 a day, Mon 11-30 to Fri 12-04: on time.
    assert_eq!(complete_deadline(dir.path(), false), "2026-12-04");
    // Behind the signed deal, which takes both people until Fri 12-11:
    // the proposed work runs Mon 12-14 to Fri 12-18.
    assert_eq!(complete_deadline(dir.path(), true), "2026-12-18");
}

#[test]
fn a_proposed_deal_does_not_hold_capacity_for_another() {
    let other = PROPOSED.replace("NEW-1", "NEW-0").replace("small", "other");
    let dir = repo(&[
        ("deals/a-other.toml", &other),
        ("deals/b-new.toml", PROPOSED),
    ]);
    assert_eq!(complete_deadline(dir.path(), true), "2026-12-04");
}
