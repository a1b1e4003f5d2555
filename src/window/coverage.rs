//! Whether one window covers another: local containment in the same zone,
//! otherwise interval arithmetic on UTC seconds over the year after a date,
//! with one offset look-up per window per week (DST included).

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;

use super::{Interval, Window};

const WEEK_SECS: i64 = 604_800;
/// Wider than any UTC offset (±14 h), so every instant whose local time lies in a
/// given local week lies within this margin around that week.
const MARGIN_SECS: i64 = 15 * 3_600;

impl Window {
    /// Whether every promised instant in the year after `from` (from the next day's
    /// local midnight in the promise's zone, for one year) lies inside this window.
    ///
    /// Same zone: local containment decides it, quickly. Different zones: every
    /// occurrence is converted to UTC, DST included. Dates so far out that a year
    /// after them cannot be represented count as covered.
    pub fn covers(&self, promise: &Window, from: NaiveDate) -> bool {
        if self.is_full_week() || promise.intervals.is_empty() {
            return true;
        }
        if self.tz == promise.tz {
            return promise.intervals.iter().all(|&p| self.contains_local(p));
        }
        self.first_gap(promise, from).is_none()
    }

    /// Local containment of one promised interval in one of ours.
    fn contains_local(&self, p: Interval) -> bool {
        let i = self.intervals.partition_point(|t| t.start <= p.start);
        i.checked_sub(1)
            .and_then(|j| self.intervals.get(j))
            .is_some_and(|t| t.end >= p.end)
    }

    /// First uncovered promised stretch as UTC seconds, over the horizon after
    /// `from`; `None` exactly when [`Window::covers`] is true.
    pub(super) fn first_gap(&self, promise: &Window, from: NaiveDate) -> Option<(i64, i64)> {
        let h = Horizon::after(from, promise.tz)?;
        // Start a week early and end a week late: zones differ by at most 26 hours.
        let tier_monday = h.first_monday.checked_sub_days(Days::new(7))?;
        let offered = merge(utc_pieces(self, tier_monday, h.weeks + 2));
        utc_pieces(promise, h.first_monday, h.weeks)
            .into_iter()
            .map(|(a, b)| (a.max(h.start), b.min(h.end)))
            .filter(|(a, b)| a < b)
            .find_map(|(a, b)| gap_in(&offered, a, b))
    }
}

/// Coverage answers shared by every deal of a catalog: deals promising the
/// same window with deadlines in the same year ask the same question, and
/// across time zones the answer costs a year of offset look-ups.
///
/// A promise is covered over the year after `from` when it is covered over
/// both calendar years that year can touch; that is asked once per tier,
/// window and year. Only when it is not (rare: a tier that covers a window
/// in some weeks but not others) is the exact year after `from` worked out.
#[derive(Debug, Default)]
pub struct CoverageCache {
    years: std::sync::Mutex<std::collections::HashMap<(usize, String, i32), bool>>,
}

impl Clone for CoverageCache {
    fn clone(&self) -> Self {
        CoverageCache::default()
    }
}

impl CoverageCache {
    /// [`Window::covers`], remembered; `tier` names `window` for the cache.
    pub fn covers(&self, tier: usize, window: &Window, promise: &Window, from: NaiveDate) -> bool {
        if window.is_full_week() || promise.intervals.is_empty() || window.tz == promise.tz {
            return window.covers(promise, from);
        }
        let year = from.year();
        let key = (tier, promise.to_string(), year);
        let cached = self.years.lock().ok().and_then(|m| m.get(&key).copied());
        let both_years = cached.unwrap_or_else(|| {
            let end_of = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31);
            let covered = [end_of(year - 1), end_of(year)]
                .into_iter()
                .all(|d| d.is_some_and(|d| window.covers(promise, d)));
            if let Ok(mut m) = self.years.lock() {
                m.insert(key, covered);
            }
            covered
        });
        both_years || window.covers(promise, from)
    }
}

/// Calendar bounds of a check: the year after `from` in the promise's zone.
pub(super) struct Horizon {
    /// The Monday of the week holding the first day checked.
    pub(super) first_monday: NaiveDate,
    /// Local weeks from `first_monday` that reach the last day checked.
    pub(super) weeks: usize,
    /// First and last instant checked, UTC seconds (half-open).
    pub(super) start: i64,
    pub(super) end: i64,
}

impl Horizon {
    pub(super) fn after(from: NaiveDate, tz: Tz) -> Option<Horizon> {
        let first = from.checked_add_days(Days::new(1))?;
        let last = first.checked_add_months(Months::new(12))?;
        let back = u64::from(first.weekday().num_days_from_monday());
        let first_monday = first.checked_sub_days(Days::new(back))?;
        let days = (last - first_monday).num_days();
        Some(Horizon {
            first_monday,
            weeks: usize::try_from((days + 6) / 7).ok()?,
            start: first_instant(tz, local_secs(first)),
            end: first_instant(tz, local_secs(last)),
        })
    }
}

/// Local midnight of `date` as seconds, as if local time were UTC.
fn local_secs(date: NaiveDate) -> i64 {
    date.and_time(NaiveTime::MIN).and_utc().timestamp()
}

/// UTC offset in seconds at a UTC instant.
fn offset_at(tz: Tz, utc: i64) -> i64 {
    DateTime::from_timestamp(utc, 0).map_or(0, |t| {
        i64::from(
            tz.offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    })
}

/// First instant in `(lo, hi]` whose offset differs from `before`, the offset at
/// `lo`; assumes a single change in between (zones change at most twice a year).
fn transition(tz: Tz, mut lo: i64, mut hi: i64, before: i64) -> i64 {
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if offset_at(tz, mid) == before {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// First instant whose wall-clock time is at or after `local`: after a DST gap
/// that is the moment the gap ends, in a fold the first pass.
fn first_instant(tz: Tz, local: i64) -> i64 {
    let (lo, hi) = (local - MARGIN_SECS, local + MARGIN_SECS);
    let (before, after) = (offset_at(tz, lo), offset_at(tz, hi));
    if before == after {
        return local - before;
    }
    let switch = transition(tz, lo, hi, before);
    if local - before < switch {
        local - before
    } else {
        (local - after).max(switch)
    }
}

/// Every instant of `w` in `weeks` local weeks from `first_monday`, as sorted UTC
/// second ranges. Within a week with an offset change, each interval's instants
/// are those before the change at the old offset plus those after at the new one;
/// that is exactly the set whose wall-clock time is in the interval.
fn utc_pieces(w: &Window, first_monday: NaiveDate, weeks: usize) -> Vec<(i64, i64)> {
    let mut out = Vec::with_capacity((weeks + 1) * w.intervals.len());
    let mut monday = local_secs(first_monday);
    for _ in 0..weeks {
        let (lo, hi) = (monday - MARGIN_SECS, monday + WEEK_SECS + MARGIN_SECS);
        let (before, after) = (offset_at(w.tz, lo), offset_at(w.tz, hi));
        let switch = if before == after {
            i64::MAX
        } else {
            transition(w.tz, lo, hi, before)
        };
        for iv in &w.intervals {
            let (s, e) = (
                monday + i64::from(iv.start) * 60,
                monday + i64::from(iv.end) * 60,
            );
            push_nonempty(&mut out, s - before, (e - before).min(switch));
            if before != after {
                push_nonempty(&mut out, (s - after).max(switch), e - after);
            }
        }
        monday += WEEK_SECS;
    }
    out.sort_unstable();
    out
}

fn push_nonempty(out: &mut Vec<(i64, i64)>, start: i64, end: i64) {
    if start < end {
        out.push((start, end));
    }
}

/// Union of sorted ranges, touching ones joined.
fn merge(sorted: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(sorted.len());
    for (a, b) in sorted {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// The first part of `[a, b)` outside the merged ranges `offered`, if any.
fn gap_in(offered: &[(i64, i64)], a: i64, b: i64) -> Option<(i64, i64)> {
    let i = offered.partition_point(|t| t.0 <= a);
    let next_start = offered.get(i).map_or(b, |t| t.0.min(b));
    match i.checked_sub(1).and_then(|j| offered.get(j)) {
        Some(&(_, end)) if end >= b => None,
        Some(&(_, end)) if end > a => Some((end, next_start)),
        _ => Some((a, next_start)),
    }
}

#[cfg(test)]
mod cache_tests {
    use super::*;

    /// The cached answer is the exact one, across zones and DST, for every
    /// deadline of several years, whether the years check passes or not.
    #[test]
    fn the_cache_answers_exactly_what_covers_does() {
        let tz = |s: &str| s.parse::<Tz>().unwrap();
        let tiers = [
            Window::parse("mon-fri 08:00-18:00", None, tz("Europe/Berlin")).unwrap(),
            Window::parse("mon-fri 06:00-20:00", None, tz("UTC")).unwrap(),
            Window::parse("mon-sun 00:00-23:00", None, tz("America/New_York")).unwrap(),
        ];
        let promises = [
            Window::parse("mon-fri 09:00-17:00 America/New_York", None, tz("UTC")).unwrap(),
            Window::parse("mon-fri 09:00-17:00 Europe/London", None, tz("UTC")).unwrap(),
        ];
        let cache = CoverageCache::default();
        let mut answers = [0usize; 2];
        for day in (0..1100).step_by(9) {
            let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(day);
            for (i, t) in tiers.iter().enumerate() {
                for p in &promises {
                    let exact = t.covers(p, from);
                    assert_eq!(cache.covers(i, t, p, from), exact, "{t} {p} {from}");
                    answers[usize::from(exact)] += 1;
                }
            }
        }
        assert!(
            answers[0] > 0 && answers[1] > 0,
            "both answers occur: {answers:?}"
        );
    }
}
