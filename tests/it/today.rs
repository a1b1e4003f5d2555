//! "Today" respected: work never starts in the past, and a deadline that has
//! gone by is S006, for signed deals too.

use crate::common;
use common::{as_of, catalog, check_text};
use dealcheck::gap::GapCode::*;

fn deal(start: Option<&str>, deadline: &str, status: &str) -> String {
    let start = start.map_or(String::new(), |s| format!("start = {s}\n"));
    format!(
        "[deal]\nid = \"T-1\"\nstatus = \"{status}\"\n{start}deadline = {deadline}\nfeatures = [\"core\"]\n\
         [[custom]]\nname = \"job\"\nteam = \"platform\"\ndays = 4\n"
    )
}

#[test]
fn a_past_start_is_scheduled_from_today() {
    // 2026-11-27 is a Friday; 4 person-days with 2 people take two working
    // days from today: Fri 27 and Mon 30.
    let r = check_text(
        &catalog(),
        &deal(Some("2026-06-01"), "2026-12-18", "proposed"),
    );
    assert_eq!(r.start, as_of());
    let s = r.schedule.as_ref().unwrap();
    assert_eq!(s.start, as_of());
    assert_eq!(s.delivery.unwrap().to_string(), "2026-11-30");
    assert!(r.gaps.iter().all(|g| g.code() != S006));
    // A future start is kept.
    let r = check_text(
        &catalog(),
        &deal(Some("2026-12-07"), "2026-12-18", "proposed"),
    );
    assert_eq!(r.start.to_string(), "2026-12-07");
}

#[test]
fn s006_a_passed_deadline_is_an_error_and_the_only_schedule_gap() {
    for status in ["proposed", "signed"] {
        let r = check_text(&catalog(), &deal(Some("2023-01-02"), "2023-06-30", status));
        let codes: Vec<_> = r.gaps.iter().map(|g| g.code()).collect();
        assert_eq!(codes, [S006], "{status}");
        assert_eq!(r.verdict, dealcheck::gap::Verdict::Infeasible);
        let g = &r.gaps[0];
        assert_eq!(g.data()["deadline"], "2023-06-30");
        assert_eq!(g.data()["as_of"], "2026-11-27");
        assert_eq!(g.location.as_ref().unwrap().line, 5);
        assert!(
            g.message().contains("has already passed"),
            "{}",
            g.message()
        );
    }
}

#[test]
fn s006_absent_when_the_deadline_is_today() {
    let r = check_text(&catalog(), &deal(None, "2026-11-27", "proposed"));
    let codes: Vec<_> = r.gaps.iter().map(|g| g.code()).collect();
    assert!(!codes.contains(&S006), "{codes:?}");
    // Only today is left: 2 of the 4 person-days are open at the deadline.
    assert!(codes.contains(&S001), "{codes:?}");
}
