//! Periods of the forecast: calendar months or ISO weeks, counted from the
//! one holding "today" (index 0), so a day maps to its period by
//! arithmetic, not by a search.

use chrono::{Datelike, Days, Months, NaiveDate};

/// How the forecast groups days (`--by`): as `capacity` does.
pub use crate::capacity::By;

/// The periods of a forecast, from the one holding `today`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Periods {
    by: By,
    today: NaiveDate,
    /// First day of period 0 (the 1st of the month, or the week's Monday).
    first: NaiveDate,
}

impl Periods {
    pub(crate) fn new(by: By, today: NaiveDate) -> Periods {
        let first = match by {
            By::Month => today.with_day(1).unwrap_or(today),
            By::Week => today - Days::new(u64::from(today.weekday().num_days_from_monday())),
        };
        Periods { by, today, first }
    }

    /// The period `day` falls in; a day before today counts in today's
    /// (work overdue is due now).
    pub(crate) fn of(&self, day: NaiveDate) -> u32 {
        if day <= self.today {
            return 0;
        }
        let n = match self.by {
            By::Month => {
                let months = (day.year() - self.first.year()) * 12 + day.month() as i32
                    - self.first.month() as i32;
                i64::from(months)
            }
            By::Week => (day - self.first).num_days() / 7,
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// First and last day of period `n` (the first starts today).
    pub(crate) fn range(&self, n: u32) -> (NaiveDate, NaiveDate) {
        let start = self.start(n);
        let end = self.start(n + 1).pred_opt().unwrap_or(start);
        (start.max(self.today), end)
    }

    fn start(&self, n: u32) -> NaiveDate {
        match self.by {
            By::Month => self.first.checked_add_months(Months::new(n)),
            By::Week => self.first.checked_add_days(Days::new(7 * u64::from(n))),
        }
        .unwrap_or(NaiveDate::MAX)
    }

    /// How people name period `n`: `2027-03` or `2027-W09`.
    pub(crate) fn label(&self, n: u32) -> String {
        let start = self.start(n);
        match self.by {
            By::Month => format!("{:04}-{:02}", start.year(), start.month()),
            By::Week => {
                let week = start.iso_week();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_count_from_today_and_the_first_starts_today() {
        let p = Periods::new(By::Month, d(2026, 11, 27));
        assert_eq!(p.of(d(2026, 11, 30)), 0);
        assert_eq!(p.of(d(2026, 12, 1)), 1);
        assert_eq!(p.of(d(2027, 3, 31)), 4);
        assert_eq!(p.of(d(2026, 1, 1)), 0, "overdue counts now");
        assert_eq!(p.range(0), (d(2026, 11, 27), d(2026, 11, 30)));
        assert_eq!(p.range(4), (d(2027, 3, 1), d(2027, 3, 31)));
        assert_eq!(p.label(4), "2027-03");
    }

    #[test]
    fn weeks_are_iso_weeks() {
        let p = Periods::new(By::Week, d(2026, 11, 27)); // a Friday
        assert_eq!(p.of(d(2026, 11, 29)), 0);
        assert_eq!(p.of(d(2026, 11, 30)), 1);
        assert_eq!(p.range(1), (d(2026, 11, 30), d(2026, 12, 6)));
        assert_eq!(p.label(0), "2026-W48");
        assert_eq!(p.label(6), "2027-W01");
    }
}
