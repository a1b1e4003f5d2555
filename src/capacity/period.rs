//! The periods `capacity` and the forecast count in: ISO weeks or calendar
//! months, the first starting today.

use chrono::{Datelike, Days, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

crate::choice::choice! {
    /// How `capacity` cuts time.
    pub enum By {
        Week = "week" => "ISO weeks, Monday to Sunday (2027-W06)",
        Month = "month" => "Calendar months (2027-02)",
    }
}

impl Serialize for By {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(crate::choice::Choice::as_str(*self))
    }
}

impl JsonSchema for By {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "By".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "enum": ["week", "month"]})
    }
}

/// One period: its name and its days (the first is cut to start today).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Periods are cut at most this many: 10 years of weeks.
const MOST: usize = 530;

impl Period {
    /// The periods from `first` through `last` (at least the one holding
    /// `first`).
    pub fn between(first: NaiveDate, last: NaiveDate, by: By) -> Vec<Period> {
        let mut out = Vec::new();
        let mut from = first;
        while out.len() < MOST {
            let end = match by {
                By::Week => week_end(from),
                By::Month => month_end(from),
            };
            out.push(Period {
                name: name(from, by),
                from,
                to: end,
            });
            match end.succ_opt() {
                Some(next) if end < last => from = next,
                _ => break,
            }
        }
        out
    }
}

fn name(day: NaiveDate, by: By) -> String {
    match by {
        By::Week => {
            let w = day.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        By::Month => format!("{}-{:02}", day.year(), day.month()),
    }
}

/// The Sunday ending `day`'s ISO week.
fn week_end(day: NaiveDate) -> NaiveDate {
    let to_sunday = 6 - u64::from(day.weekday().num_days_from_monday());
    day.checked_add_days(Days::new(to_sunday)).unwrap_or(day)
}

/// The last day of `day`'s month.
fn month_end(day: NaiveDate) -> NaiveDate {
    let (y, m) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weeks_start_today_then_run_monday_to_sunday() {
        let p = Period::between(d(2027, 2, 10), d(2027, 2, 16), By::Week);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name, "2027-W06");
        assert_eq!((p[0].from, p[0].to), (d(2027, 2, 10), d(2027, 2, 14)));
        assert_eq!((p[1].from, p[1].to), (d(2027, 2, 15), d(2027, 2, 21)));
        // The ISO year of a late-December Monday can be the next one.
        assert_eq!(
            Period::between(d(2024, 12, 30), d(2024, 12, 30), By::Week)[0].name,
            "2025-W01"
        );
    }

    #[test]
    fn months_end_on_their_last_day() {
        let p = Period::between(d(2027, 12, 5), d(2028, 2, 1), By::Month);
        let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["2027-12", "2028-01", "2028-02"]);
        assert_eq!(p[0].from, d(2027, 12, 5));
        assert_eq!(p[2].to, d(2028, 2, 29));
    }

    #[test]
    fn a_far_last_day_is_cut() {
        assert_eq!(
            Period::between(d(2027, 1, 1), NaiveDate::MAX, By::Week).len(),
            MOST
        );
    }
}
