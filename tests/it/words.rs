//! The words a salesperson reads: plurals, the deal's status, what caps a
//! team, the worst case inside the promised hours; and JSON numbers rounded
//! to what they mean.

use crate::common;
use common::{check, repo};

fn human(dir: &std::path::Path, args: &[&str]) -> String {
    let out = check(dir, args).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

const CAPPED: &str = "[deal]\nid = \"CAP-1\"\nstatus = \"signed\"\nstart = 2026-12-07\ndeadline = 2026-12-08\nfeatures = [\"core\"]\n\
    [[custom]]\nname = \"migration\"\nteam = \"platform\"\ndays = 3\nmax_people = 1\n";

#[test]
fn the_header_says_signed_or_proposed_and_one_day_is_singular() {
    let dir = repo(&[("capped.toml", CAPPED)]);
    let text = human(dir.path(), &["capped.toml"]);
    assert!(
        text.contains("capped.toml · signed · deadline 2026-12-08"),
        "{text}"
    );
    // 3 person-days at 1 a day from Mon 12-07: done Wed 12-09, one working day late.
    assert!(text.contains("Delivery 2026-12-09: 1 working day late; 1 person-day open at the deadline (8 hours of overtime)."), "{text}");
    assert!(
        text.contains("finishes on 2026-12-09, 1 working day after the deadline"),
        "{text}"
    );
}

#[test]
fn a_team_line_says_what_caps_its_work() {
    let dir = repo(&[("capped.toml", CAPPED)]);
    let text = human(dir.path(), &["capped.toml"]);
    assert!(
        text.contains("Team platform: needs 3 person-days, has 4 free before the deadline (at most 1 person at once on \"custom: migration\")."),
        "{text}"
    );
    let free = CAPPED.replace("max_people = 1\n", "");
    let dir = repo(&[("free.toml", &free)]);
    let text = human(dir.path(), &["free.toml"]);
    assert!(!text.contains("at once"), "{text}");
}

const CATALOG_TIERS: &str = "[catalog]\nname = \"T\"\ntimezone = \"UTC\"\nbusiness_hours = \"mon-fri 08:00-18:00\"\n\
    [[feature]]\nid = \"core\"\nstatus = \"ga\"\ncomponents = [\"api\"]\n\
    [[component]]\nid = \"api\"\navailability = \"99.95%\"\n\
    [[tier]]\nname = \"premium\"\navailability = \"99.9%\"\nwindow = \"24x7\"\n";

fn promise(window: &str) -> String {
    format!(
        "[deal]\nid = \"A-1\"\ndeadline = 2027-03-01\nfeatures = [\"core\"]\n[availability]\ntarget = \"99%\"\nwindow = \"{window}\"\n"
    )
}

#[test]
fn narrower_hours_say_the_worst_case_in_words() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("catalog.toml"), CATALOG_TIERS).unwrap();
    std::fs::write(dir.path().join("bh.toml"), promise("business-hours")).unwrap();
    std::fs::write(dir.path().join("all.toml"), promise("24x7")).unwrap();
    let text = human(dir.path(), &["bh.toml"]);
    assert!(text.contains("Tier \"premium\" guarantees 99.9% over 24x7; in the worst case all its allowed downtime falls in your hours, so operations can stand behind at most 99.664% in them"), "{text}");
    assert!(text.contains("The components it runs on (api) reach 99.95% together around the clock; in the worst case all their downtime falls in your hours: 99.832% in them."), "{text}");
    let text = human(dir.path(), &["all.toml"]);
    assert!(text.contains("Tier \"premium\" guarantees 99.9% over 24x7: operations can stand behind at most 99.9% (43m 50s of downtime a month)."), "{text}");
    assert!(
        text.contains("The components it runs on (api) reach 99.95% together."),
        "{text}"
    );
    assert!(!text.contains("worst case"), "{text}");
}

/// Every number in a JSON report is short: no `0.9990000000000001`.
#[test]
fn json_numbers_carry_no_float_noise() {
    let out = common::on_examples("check")
        .args(["examples/deals", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut numbers = Vec::new();
    collect(&v, &mut numbers);
    assert!(numbers.len() > 50);
    for n in numbers {
        let text = n.to_string();
        let decimals = text.split('.').nth(1).map_or(0, str::len);
        assert!(decimals <= 6, "{text}");
    }
}

fn collect(v: &serde_json::Value, out: &mut Vec<serde_json::Number>) {
    match v {
        serde_json::Value::Number(n) => out.push(n.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect(x, out)),
        _ => {}
    }
}
