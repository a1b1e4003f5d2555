//! The availability week of a deal: its promised window against the chosen
//! tier's, hour by hour over one week in the customer's time zone (the
//! promise's zone; the tier's when the promise is around the clock and so
//! names none). The week is the one of the deal's deadline, so the hours
//! shown carry that week's daylight-saving offsets.

use super::chart::week::{Hour, QUARTERS, WeekGrid};
use crate::check::availability::AvailabilitySection;
use crate::window::{MINUTES_PER_WEEK, Window};
use chrono::{Datelike, Days, NaiveDate, TimeZone, Timelike};
use chrono_tz::Tz;

/// The two windows and the zone and week they are drawn in.
pub struct Week {
    /// `None` when both windows are the whole week: no zone to speak of.
    pub zone: Option<Tz>,
    pub monday: NaiveDate,
    pub hours: [[Hour; 24]; 7],
}

/// The week of a deal with an availability section (its windows are
/// written normalized, so they always read back). Without a tier, no hour
/// of the promise is covered.
pub fn of(a: &AvailabilitySection, deadline: NaiveDate) -> Option<Week> {
    let promised = Window::parse(&a.promised.window, None, Tz::UTC).ok()?;
    let tier = match &a.offered {
        Some(o) => Some(Window::parse(&o.window, None, Tz::UTC).ok()?),
        None => None,
    };
    let partial = tier.as_ref().filter(|t| !t.is_full_week());
    let zone = match partial {
        Some(t) if promised.is_full_week() => t.tz(),
        _ => promised.tz(),
    };
    let monday = deadline - Days::new(deadline.weekday().num_days_from_monday().into());
    let mut hours = [[Hour::default(); 24]; 7];
    for (d, day) in hours.iter_mut().enumerate() {
        for (h, hour) in day.iter_mut().enumerate() {
            for q in 0..QUARTERS {
                let minute = u32::from(q) * 15 + 7;
                let Some(at) = instant(zone, monday + Days::new(d as u64), h as u32, minute) else {
                    continue;
                };
                if holds(&promised, at) {
                    hour.first |= 1 << q;
                }
                if tier.as_ref().is_some_and(|t| holds(t, at)) {
                    hour.second |= 1 << q;
                }
            }
        }
    }
    Some(Week {
        zone: (!promised.is_full_week() || partial.is_some()).then_some(zone),
        monday,
        hours,
    })
}

/// The instant a local time names (the first of a repeated hour; `None`
/// for a time a DST gap skips).
fn instant(zone: Tz, day: NaiveDate, hour: u32, minute: u32) -> Option<chrono::DateTime<Tz>> {
    let local = day.and_hms_opt(hour, minute, 0)?;
    zone.from_local_datetime(&local).earliest()
}

/// Whether a window holds an instant: its wall-clock time in the window's
/// zone falls in one of its weekly intervals (the meaning of a window).
fn holds(w: &Window, at: chrono::DateTime<Tz>) -> bool {
    if w.is_full_week() {
        return true;
    }
    let local = at.with_timezone(&w.tz());
    let minute =
        local.weekday().num_days_from_monday() * 1_440 + local.hour() * 60 + local.minute();
    let minute = minute % MINUTES_PER_WEEK;
    w.intervals()
        .iter()
        .any(|i| i.start <= minute && minute < i.end)
}

impl Week {
    /// The grid to draw, with its words.
    pub fn grid<'a>(&self, title: &'a str, first: &'a str, second: &'a str) -> WeekGrid<'a> {
        WeekGrid {
            title,
            first,
            second,
            words: [
                "promised, covered by the tier",
                "promised, NOT covered by the tier",
                "covered by the tier, not promised",
            ],
            hours: self.hours,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::availability::{Downtime, Offered, Promised};

    fn section(promised: &str, tier: &str) -> AvailabilitySection {
        AvailabilitySection {
            promised: Promised {
                target: 0.999,
                window: promised.to_string(),
                weekly_minutes: 0,
                support_response_minutes: None,
            },
            offered: Some(Offered {
                tier: "t".to_string(),
                availability: 0.999,
                window: tier.to_string(),
                weekly_minutes: 0,
                guaranteed_in_promised_window: 0.999,
                measured: None,
                support_response_minutes: None,
            }),
            composite_availability: None,
            composite_24x7: None,
            components: Vec::new(),
            downtime_per_month_minutes: Downtime {
                promised: 0.0,
                offered: None,
            },
            downtime_per_year_minutes: Downtime {
                promised: 0.0,
                offered: None,
            },
        }
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// An hour whose quarters `first` and `second` mark.
    fn hour(first: u8, second: u8) -> Hour {
        Hour { first, second }
    }

    /// The week of `day` for a promise in Berlin and a tier in New York,
    /// office hours both.
    fn berlin_promise_new_york_tier(day: &str) -> Week {
        let a = section(
            "mon-fri 08:00-18:00 Europe/Berlin",
            "mon-fri 09:00-17:00 America/New_York",
        );
        of(&a, date(day)).unwrap()
    }

    #[test]
    fn the_tier_is_drawn_in_the_customers_zone() {
        // 09:00-17:00 in New York is 15:00-23:00 in Berlin in January.
        let w = berlin_promise_new_york_tier("2027-01-13");
        assert_eq!(w.zone, Some(chrono_tz::Europe::Berlin));
        assert_eq!(w.monday, date("2027-01-11"));
        let mon = &w.hours[0];
        assert_eq!(mon[8], hour(0b1111, 0));
        assert_eq!(mon[15], hour(0b1111, 0b1111));
        assert_eq!(mon[20], hour(0, 0b1111));
        assert_eq!(mon[23], Hour::default());
        assert_eq!(w.hours[5][12], Hour::default());
    }

    #[test]
    fn a_promise_around_the_clock_takes_the_tiers_zone() {
        let a = section("24x7", "mon-fri 08:00-18:00 Europe/Berlin");
        let w = of(&a, date("2027-01-13")).unwrap();
        assert_eq!(w.zone, Some(chrono_tz::Europe::Berlin));
        assert_eq!(w.hours[0][8], hour(0b1111, 0b1111));
        assert_eq!(w.hours[6][8], hour(0b1111, 0));
    }

    #[test]
    fn around_the_clock_both_has_no_zone() {
        let w = of(&section("24x7", "24x7"), date("2027-01-13")).unwrap();
        assert_eq!(w.zone, None);
        assert!(
            w.hours
                .iter()
                .flatten()
                .all(|h| h.first == 0b1111 && h.second == 0b1111)
        );
    }

    #[test]
    fn without_a_tier_no_promised_hour_is_covered() {
        let mut a = section("mon-fri 08:00-18:00 Europe/Berlin", "24x7");
        a.offered = None;
        let w = of(&a, date("2027-01-13")).unwrap();
        assert_eq!(w.zone, Some(chrono_tz::Europe::Berlin));
        assert_eq!(w.hours[0][8], hour(0b1111, 0));
        assert!(w.hours.iter().flatten().all(|h| h.second == 0));
    }

    #[test]
    fn the_deadline_weeks_offsets_apply() {
        // Berlin changes to summer time on 2027-03-28; New York two weeks
        // earlier, so in the week between they are 5 hours apart, not 6.
        let w = berlin_promise_new_york_tier("2027-03-17");
        assert_eq!(w.hours[0][14].second, 0b1111);
        assert_eq!(w.hours[0][13].second, 0);
    }
}
