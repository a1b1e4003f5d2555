//! S001–S005 and the schedule section: each schedule gap triggered and absent
//! where it should be, plus hand-computed schedules (the arithmetic is in the
//! comments) asserted through the report's `schedule` section.
//!
//! Calendar used throughout: 2027-01-01 is a Friday, so Monday 2027-01-04 …
//! Friday 2027-01-08 is the first full working week of 2027, and
//! Monday 2027-01-11 … Friday 2027-01-15 the second.

use crate::common;
use chrono::NaiveDate;
use common::*;
use dealcheck::check::DealCheck;
use dealcheck::check::Prepared;
use dealcheck::check::schedule::{ItemKind, ScheduleSection};
use dealcheck::check::{CheckOptions, check_deal};
use dealcheck::gap::GapCode::{self, *};
use dealcheck::load::parse_deal;

const HEADER: &str = "[catalog]\nname = \"Schedule Test\"\ntimezone = \"UTC\"\nbusiness_hours = \"mon-fri 09:00-17:00\"\nconfidence = 0.85\n";

/// A catalog with extra `[catalog]` keys (e.g. holidays) and a body of
/// features and teams.
fn cat_with(header_extra: &str, body: &str) -> Prepared {
    let text = format!("{HEADER}{header_extra}\n{body}");
    catalog_from(&text).unwrap_or_else(|e| panic!("catalog loads: {}", e.render(false)))
}

fn cat(body: &str) -> Prepared {
    cat_with("", body)
}

/// One team of 2 people at focus 0.5: 1 person-day per working day.
const ONE_PD_A_DAY: &str = "[[team]]\nid = \"ops\"\npeople = 2\nfocus = 0.5\n";

/// A feature without any work, so a deal can be about custom work only.
const CORE: &str = "[[feature]]\nid = \"core\"\nstatus = \"ga\"\n";

fn deal(start: &str, deadline: &str, features: &[&str], extra: &str) -> String {
    let list: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
    format!(
        "[deal]\nid = \"S-1\"\ncustomer = \"Test\"\nstart = {start}\ndeadline = {deadline}\nfeatures = [{}]\n{extra}",
        list.join(", ")
    )
}

/// The check of a deal for `core` from Monday 2027-01-04 to `deadline`,
/// with `extra` TOML (its work).
fn core_from_monday(c: &Prepared, deadline: &str, extra: &str) -> DealCheck {
    check_text(c, &deal("2027-01-04", deadline, &["core"], extra))
}

/// `[[custom]]` work for `team` with `days` person-days.
fn custom(name: &str, team: &str, days: &str) -> String {
    format!("[[custom]]\nname = \"{name}\"\nteam = \"{team}\"\ndays = {days}\n")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn sched(report: &DealCheck) -> &ScheduleSection {
    report
        .schedule
        .as_ref()
        .expect("the deal has a schedule section")
}

fn gap_codes(report: &DealCheck) -> Vec<GapCode> {
    report.gaps.iter().map(|g| g.code()).collect()
}

fn finish_of(s: &ScheduleSection, name: &str) -> Option<NaiveDate> {
    item(s, name).finish
}

fn start_of(s: &ScheduleSection, name: &str) -> Option<NaiveDate> {
    item(s, name).start
}

fn item<'a>(s: &'a ScheduleSection, name: &str) -> &'a dealcheck::check::schedule::ScheduledItem {
    s.items
        .iter()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("no item {name:?} in {:?}", s.items))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Checks with Monte Carlo trials (common::check_text runs none).
fn check_with_trials(catalog: &Prepared, text: &str, trials: u32) -> DealCheck {
    let deal = parse_deal(&source("deal.toml", text), catalog).expect("the deal loads");
    let mut options = CheckOptions::new(as_of());
    options.trials = trials;
    check_deal(catalog, &deal, &options)
}

mod late;
mod others;
