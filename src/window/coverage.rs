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
        self.uncovered(promise, &h).next()
    }

    /// Every promised stretch within `h` outside this window, as UTC
    /// seconds, in order; empty when none is (or `h` is not representable).
    fn uncovered(&self, promise: &Window, h: &Horizon) -> impl Iterator<Item = (i64, i64)> {
        // Start a week early and end a week late: zones differ by at most 26 hours.
        let offered = h
            .first_monday
            .checked_sub_days(Days::new(7))
            .map(|monday| merge(utc_pieces(self, monday, h.weeks + 2)));
        let pieces = offered
            .as_ref()
            .map_or_else(Vec::new, |_| utc_pieces(promise, h.first_monday, h.weeks));
        let (start, end) = (h.start, h.end);
        let offered = offered.unwrap_or_default();
        pieces
            .into_iter()
            .map(move |(a, b)| (a.max(start), b.min(end)))
            .filter(|(a, b)| a < b)
            .flat_map(move |(a, b)| {
                let mut at = a;
                let mut gaps = Vec::new();
                // Each gap ends where an offered stretch starts, or at b.
                while let Some(gap) = (at < b).then(|| gap_in(&offered, at, b)).flatten() {
                    gaps.push(gap);
                    at = gap.1;
                }
                gaps
            })
    }
}

/// Coverage answers shared by every deal of a catalog: deals promising the
/// same window with deadlines in the same year ask the same question, and
/// across time zones the answer costs a year of offset look-ups.
///
/// The year after `from` lies within the two calendar years from January 1
/// of `from`'s year. Once per tier, promised window and year, every
/// uncovered stretch of those two years is worked out; a deal's answer is
/// then whether one of them falls within its own year, a binary search.
#[derive(Debug, Default)]
pub struct CoverageCache {
    years: std::sync::Mutex<std::collections::HashMap<CoverageKey, Stretches>>,
}

/// A tier (by catalog index), a calendar year, and a promised window by its
/// zone and intervals (what decides its instants).
type CoverageKey = (usize, i32, Tz, Vec<Interval>);

/// Uncovered stretches as UTC seconds, sorted and disjoint.
type Stretches = std::sync::Arc<[(i64, i64)]>;

impl CoverageCache {
    /// [`Window::covers`], remembered; `tier` names `window` for the cache.
    pub fn covers(&self, tier: usize, window: &Window, promise: &Window, from: NaiveDate) -> bool {
        if window.is_full_week() || promise.intervals.is_empty() || window.tz == promise.tz {
            return window.covers(promise, from);
        }
        let Some(h) = Horizon::after(from, promise.tz) else {
            return true; // as `covers`: too far out to represent
        };
        let year = from.year();
        let Some(two_years) = NaiveDate::from_ymd_opt(year, 1, 1)
            .zip(NaiveDate::from_ymd_opt(year.saturating_add(2), 1, 1))
            .and_then(|(first, last)| Horizon::between(first, last, promise.tz))
        else {
            return window.covers(promise, from); // near chrono's last year
        };
        let key = (tier, year, promise.tz, promise.intervals.clone());
        let cached = self.years.lock().ok().and_then(|m| m.get(&key).cloned());
        let gaps = cached.unwrap_or_else(|| {
            let gaps: Stretches = window.uncovered(promise, &two_years).collect();
            if let Ok(mut m) = self.years.lock() {
                m.insert(key, std::sync::Arc::clone(&gaps));
            }
            gaps
        });
        // Gaps are sorted and disjoint: the first ending after the start
        // decides whether one reaches into the year.
        let i = gaps.partition_point(|g| g.1 <= h.start);
        gaps.get(i).is_none_or(|g| g.0 >= h.end)
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
        Horizon::between(first, last, tz)
    }

    /// From local midnight of `first` to local midnight of `last` in `tz`.
    fn between(first: NaiveDate, last: NaiveDate, tz: Tz) -> Option<Horizon> {
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
        // Near chrono's last year the two calendar years cannot be formed:
        // the exact answer, not cached.
        let last_years = NaiveDate::MAX.year() - 1;
        for from in [
            NaiveDate::from_ymd_opt(last_years, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(last_years - 1, 12, 31).unwrap(),
        ] {
            for (i, t) in tiers.iter().enumerate() {
                for p in &promises {
                    assert_eq!(
                        cache.covers(i, t, p, from),
                        t.covers(p, from),
                        "{t} {p} {from}"
                    );
                }
            }
        }
    }
}
