//! Test support: the small builders unit tests of several modules share
//! (calendar, scheduler, Monte Carlo, offer), in one place so that no
//! module's tests borrow another module's.

use crate::calendar::{TeamCalendar, WorkCalendar};
use crate::scheduler::{Plan, WorkItem};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

/// A team with no holidays or commitments, 8-hour days.
pub(crate) fn team(people: u32, focus: f64) -> TeamCalendar {
    TeamCalendar {
        people,
        focus,
        hours_per_day: 8.0,
        holidays: BTreeSet::new(),
        commitments: Vec::new(),
    }
}

/// A plan starting Monday 2027-01-04, with nothing booked.
pub(crate) fn plan<'a>(
    cal: &'a WorkCalendar,
    teams: &'a [TeamCalendar],
    items: &'a [WorkItem],
    deadline: NaiveDate,
) -> Plan<'a> {
    Plan {
        calendar: cal,
        teams,
        items,
        start: d(2027, 1, 4),
        deadline,
        booked: None,
        grids: None,
    }
}

/// An item without `max_people`.
pub(crate) fn item(team: usize, effort: f64, after: &[usize]) -> WorkItem {
    WorkItem {
        team,
        effort,
        max_people: None,
        after: after.to_vec(),
    }
}

/// Every `.rs` file under the crate's folder `dir` (e.g. `"src"`), with
/// its text: for the tests that hold the code to its shape.
pub(crate) fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).expect("a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}
