//! Working days and team capacity.
//!
//! Pure date math for the schedule: which days are working days (catalog
//! weekdays minus catalog holidays, minus a team's own holidays), and how many
//! person-days a team can give on a day once its commitments are taken out.
//! Counting over long ranges is arithmetic (whole weeks plus a remainder, minus
//! holidays), so a deadline in the year 9999 costs no more than one next week.

use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;
use std::ops::Bound::Included;

/// People of a team already spoken for on `from..=until` (both inclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub from: NaiveDate,
    /// Inclusive. A range with `until < from` covers no day.
    pub until: NaiveDate,
    pub people: u32,
}

/// What a team can give: head count, the share of a day free for deal work,
/// its own days off and the people already committed elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamCalendar {
    pub people: u32,
    /// Share of a working day free for deal work, expected in `(0, 1]`.
    /// Anything not finite and positive counts as 0 (no capacity) rather than
    /// poisoning the arithmetic with NaN or infinity.
    pub focus: f64,
    /// Turns open person-days into overtime hours.
    pub hours_per_day: f64,
    pub holidays: BTreeSet<NaiveDate>,
    pub commitments: Vec<Commitment>,
}

impl TeamCalendar {
    /// People committed on `day`: overlapping commitments add up.
    pub fn committed(&self, day: NaiveDate) -> u32 {
        self.commitments
            .iter()
            .filter(|c| c.from <= day && day <= c.until)
            .fold(0u32, |sum, c| sum.saturating_add(c.people))
    }

    /// People free for deal work on `day`, never below zero.
    pub fn free_people(&self, day: NaiveDate) -> u32 {
        self.people.saturating_sub(self.committed(day))
    }

    /// `focus` if it is usable, else 0: the schedule must not panic or loop
    /// on invalid input the caller failed to reject.
    pub fn effective_focus(&self) -> f64 {
        if self.focus.is_finite() && self.focus > 0.0 {
            self.focus
        } else {
            0.0
        }
    }
}

/// The catalog's calendar: working weekdays (index 0 = Monday) and holidays
/// that apply to every team.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkCalendar {
    pub weekdays: [bool; 7],
    pub holidays: BTreeSet<NaiveDate>,
}

impl WorkCalendar {
    /// Monday to Friday, no holidays: the usual default and handy in tests.
    pub fn mon_fri() -> Self {
        WorkCalendar {
            weekdays: [true, true, true, true, true, false, false],
            holidays: BTreeSet::new(),
        }
    }

    /// A working weekday of the catalog that is not a catalog holiday.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        self.is_working_weekday(day) && !self.holidays.contains(&day)
    }

    /// A catalog working day that is not one of the team's holidays either.
    pub fn is_team_working_day(&self, team: &TeamCalendar, day: NaiveDate) -> bool {
        self.is_working_day(day) && !team.holidays.contains(&day)
    }

    /// Catalog working days in `(after, through]`; 0 when `through <= after`.
    /// This is the unit of the report's slack.
    pub fn working_days_between(&self, after: NaiveDate, through: NaiveDate) -> i64 {
        match after.succ_opt() {
            Some(first) if first <= through => self.working_days_in(first, through, None),
            _ => 0,
        }
    }

    fn is_working_weekday(&self, day: NaiveDate) -> bool {
        self.weekdays[weekday_index(day)]
    }

    /// Working days in `[first, last]` (requires `first <= last`), also
    /// skipping `extra` holidays when given. Whole weeks are counted by
    /// multiplication, so the cost depends on the holidays, not the range.
    fn working_days_in(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        extra: Option<&BTreeSet<NaiveDate>>,
    ) -> i64 {
        let span = last.signed_duration_since(first).num_days() + 1;
        let per_week = self.weekdays.iter().filter(|w| **w).count() as i64;
        let first_weekday = weekday_index(first);
        let tail = (0..span % 7)
            .filter(|j| self.weekdays[(first_weekday + *j as usize) % 7])
            .count() as i64;
        let range = (Included(first), Included(last));
        let catalog_off = self
            .holidays
            .range(range)
            .filter(|d| self.is_working_weekday(**d))
            .count() as i64;
        let team_off = extra.map_or(0, |set| {
            set.range(range)
                .filter(|d| self.is_working_day(**d))
                .count() as i64
        });
        span / 7 * per_week + tail - catalog_off - team_off
    }
}

/// Person-days `team` can give on `day`: `focus × free people` on a team
/// working day, 0 otherwise.
pub fn team_capacity(cal: &WorkCalendar, team: &TeamCalendar, day: NaiveDate) -> f64 {
    if !cal.is_team_working_day(team, day) {
        return 0.0;
    }
    team.effective_focus() * f64::from(team.free_people(day))
}

/// Sum of [`team_capacity`] over `from..=through` (0 when the range is empty),
/// for the report's "needed vs free person-days before the deadline".
///
/// Computed per stretch of constant commitments, each counted arithmetically,
/// so a range of thousands of years stays cheap.
pub fn free_capacity(
    cal: &WorkCalendar,
    team: &TeamCalendar,
    from: NaiveDate,
    through: NaiveDate,
) -> f64 {
    let focus = team.effective_focus();
    if through < from || focus == 0.0 {
        return 0.0;
    }
    let starts = stretch_starts(team, from, through);
    let mut total = 0.0;
    for (i, &first) in starts.iter().enumerate() {
        let last = match starts.get(i + 1).and_then(|next| next.pred_opt()) {
            Some(day) => day,
            None => through,
        };
        let people = team.free_people(first);
        if people > 0 {
            let days = cal.working_days_in(first, last, Some(&team.holidays));
            total += focus * f64::from(people) * days as f64;
        }
    }
    total
}

/// First days of the stretches of `from..=through` over which the set of
/// active commitments does not change, sorted and distinct.
fn stretch_starts(team: &TeamCalendar, from: NaiveDate, through: NaiveDate) -> Vec<NaiveDate> {
    let mut starts = vec![from];
    for c in &team.commitments {
        let edges = [Some(c.from), c.until.succ_opt()];
        starts.extend(
            edges
                .into_iter()
                .flatten()
                .filter(|d| from < *d && *d <= through),
        );
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// Monday = 0 … Sunday = 6, the index into [`WorkCalendar::weekdays`].
fn weekday_index(day: NaiveDate) -> usize {
    day.weekday().num_days_from_monday() as usize
}

/// For a date like `2027-02-30` whose month has no such day, why it is not
/// a date: "February 2027 has 28 days". `None` for any other text (a real
/// date, or one that is malformed, not merely out of range).
pub fn missing_day(text: &str) -> Option<String> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let length = month_length(year, month)?;
    let has_day = NaiveDate::from_ymd_opt(year, month, day).is_some();
    (!has_day).then_some(length)
}

/// "February 2027 has 28 days"; `None` for a month that does not exist.
pub fn month_length(year: i32, month: u32) -> Option<String> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(format!(
        "{} {year} has {} days",
        first.format("%B"),
        first.num_days_in_month()
    ))
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_missing_day_names_the_month_and_its_length() {
        assert_eq!(
            super::missing_day("2027-02-30").as_deref(),
            Some("February 2027 has 28 days")
        );
        assert_eq!(
            super::missing_day("2028-02-30").as_deref(),
            Some("February 2028 has 29 days")
        );
        assert_eq!(super::missing_day("2027-02-28"), None);
        assert_eq!(super::missing_day("2027-13-01"), None);
        assert_eq!(super::missing_day("tomorrow"), None);
    }
    use super::*;
    use crate::testing::{d, team};

    /// Brute force reference for the arithmetic counting.
    fn slow_count(cal: &WorkCalendar, after: NaiveDate, through: NaiveDate) -> i64 {
        after
            .iter_days()
            .skip(1)
            .take_while(|x| *x <= through)
            .filter(|x| cal.is_working_day(*x))
            .count() as i64
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        let mut cal = WorkCalendar::mon_fri();
        cal.holidays.insert(d(2026, 12, 25)); // a Friday
        assert!(cal.is_working_day(d(2026, 12, 24))); // Thursday
        assert!(!cal.is_working_day(d(2026, 12, 25)));
        assert!(!cal.is_working_day(d(2026, 12, 26))); // Saturday
        let mut t = team(1, 1.0);
        t.holidays.insert(d(2026, 12, 24));
        assert!(!cal.is_team_working_day(&t, d(2026, 12, 24)));
        assert_eq!(team_capacity(&cal, &t, d(2026, 12, 24)), 0.0);
    }

    #[test]
    fn working_days_between_counts_after_exclusive_through_inclusive() {
        let mut cal = WorkCalendar::mon_fri();
        // Mon 2027-01-04 .. Mon 2027-01-11: Tue..Fri (4) + Mon (1) = 5.
        assert_eq!(cal.working_days_between(d(2027, 1, 4), d(2027, 1, 11)), 5);
        assert_eq!(cal.working_days_between(d(2027, 1, 4), d(2027, 1, 4)), 0);
        assert_eq!(cal.working_days_between(d(2027, 1, 11), d(2027, 1, 4)), 0);
        // A holiday on Wednesday takes one off; one on Saturday does not.
        cal.holidays.insert(d(2027, 1, 6));
        cal.holidays.insert(d(2027, 1, 9));
        assert_eq!(cal.working_days_between(d(2027, 1, 4), d(2027, 1, 11)), 4);
    }

    #[test]
    fn working_days_between_matches_brute_force() {
        let mut cal = WorkCalendar {
            weekdays: [true, false, true, true, false, true, false],
            holidays: BTreeSet::new(),
        };
        cal.holidays.insert(d(2027, 3, 3));
        cal.holidays.insert(d(2027, 3, 6));
        cal.holidays.insert(d(2027, 3, 7));
        let base = d(2027, 2, 20);
        for a in 0..12 {
            for len in 0..40 {
                let after = base + chrono::Days::new(a);
                let through = after + chrono::Days::new(len);
                assert_eq!(
                    cal.working_days_between(after, through),
                    slow_count(&cal, after, through),
                    "{after} {through}"
                );
            }
        }
    }

    #[test]
    fn working_days_between_is_cheap_for_huge_ranges() {
        let cal = WorkCalendar::mon_fri();
        let n = cal.working_days_between(NaiveDate::MIN, NaiveDate::MAX);
        assert!(n > 100_000_000);
    }

    #[test]
    fn capacity_is_focus_times_uncommitted_people() {
        let cal = WorkCalendar::mon_fri();
        let mut t = team(4, 0.5);
        t.commitments.push(Commitment {
            from: d(2027, 1, 4),
            until: d(2027, 1, 5),
            people: 1,
        });
        t.commitments.push(Commitment {
            from: d(2027, 1, 5),
            until: d(2027, 1, 6),
            people: 5,
        });
        assert_eq!(team_capacity(&cal, &t, d(2027, 1, 4)), 1.5); // 0.5 × (4 − 1)
        assert_eq!(team_capacity(&cal, &t, d(2027, 1, 5)), 0.0); // 4 − 6 → 0
        assert_eq!(team_capacity(&cal, &t, d(2027, 1, 6)), 0.0); // 4 − 5 → 0
        assert_eq!(team_capacity(&cal, &t, d(2027, 1, 7)), 2.0); // 0.5 × 4
    }

    #[test]
    fn invalid_focus_gives_no_capacity() {
        let cal = WorkCalendar::mon_fri();
        for focus in [f64::NAN, f64::INFINITY, -1.0, 0.0] {
            assert_eq!(team_capacity(&cal, &team(3, focus), d(2027, 1, 4)), 0.0);
        }
    }

    #[test]
    fn free_capacity_matches_day_by_day_sum() {
        let mut cal = WorkCalendar::mon_fri();
        cal.holidays.insert(d(2027, 1, 13));
        let mut t = team(3, 0.8);
        t.holidays.insert(d(2027, 1, 13)); // same day as the catalog: counted once
        t.holidays.insert(d(2027, 1, 20));
        t.commitments.push(Commitment {
            from: d(2027, 1, 8),
            until: d(2027, 1, 19),
            people: 2,
        });
        t.commitments.push(Commitment {
            from: d(2027, 1, 15),
            until: d(2027, 2, 2),
            people: 2,
        });
        let from = d(2027, 1, 1);
        for len in 0..50 {
            let through = from + chrono::Days::new(len);
            let slow: f64 = from
                .iter_days()
                .take_while(|x| *x <= through)
                .map(|x| team_capacity(&cal, &t, x))
                .sum();
            let fast = free_capacity(&cal, &t, from, through);
            assert!((slow - fast).abs() < 1e-9, "{through}: {slow} vs {fast}");
        }
        assert_eq!(free_capacity(&cal, &t, from, from.pred_opt().unwrap()), 0.0);
    }

    #[test]
    fn free_capacity_handles_the_ends_of_the_calendar() {
        let cal = WorkCalendar::mon_fri();
        let mut t = team(1, 1.0);
        t.commitments.push(Commitment {
            from: NaiveDate::MIN,
            until: NaiveDate::MAX,
            people: 1,
        });
        assert_eq!(free_capacity(&cal, &t, NaiveDate::MIN, NaiveDate::MAX), 0.0);
        t.commitments.clear();
        assert!(free_capacity(&cal, &t, NaiveDate::MIN, NaiveDate::MAX) > 1e8);
    }
}
