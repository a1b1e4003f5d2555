//! The normalized text of a window, e.g. `mon-fri 08:00-18:00 Europe/Berlin`.

use std::fmt;

use super::{DAY_NAMES, Interval, MINUTES_PER_DAY, MINUTES_PER_WEEK, Window};

/// Normalized text: `mon-fri 08:00-18:00 Europe/Berlin`, or `24x7`. Parsing it back
/// gives an equal window.
impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_full_week() {
            return f.write_str("24x7");
        }
        let specs: Vec<String> = display_groups(&self.intervals)
            .iter()
            .map(|(days, tod, len)| {
                let end = if tod + len <= MINUTES_PER_DAY {
                    tod + len
                } else {
                    tod + len - MINUTES_PER_DAY
                };
                format!("{} {}-{}", days_text(days), hhmm(*tod), hhmm(end))
            })
            .collect();
        write!(f, "{} {}", specs.join(", "), self.tz.name())
    }
}

/// Display pieces grouped by (time of day, length) in order of first appearance,
/// with the days each group applies to.
fn display_groups(intervals: &[Interval]) -> Vec<([bool; 7], u32, u32)> {
    let mut groups: Vec<([bool; 7], u32, u32)> = Vec::new();
    for (start, len) in circular(intervals)
        .into_iter()
        .flat_map(|(s, l)| day_pieces(s, l))
    {
        let (day, tod) = (
            (start / MINUTES_PER_DAY) as usize % 7,
            start % MINUTES_PER_DAY,
        );
        match groups.iter_mut().find(|g| g.1 == tod && g.2 == len) {
            Some(group) => group.0[day] = true,
            None => {
                let mut days = [false; 7];
                days[day] = true;
                groups.push((days, tod, len));
            }
        }
    }
    groups
}

/// `(start, len)` of each interval, rejoining the one split at Sunday 24:00.
fn circular(intervals: &[Interval]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = intervals
        .iter()
        .map(|iv| (iv.start, iv.minutes()))
        .collect();
    let wraps = intervals.len() > 1
        && intervals.first().is_some_and(|iv| iv.start == 0)
        && intervals
            .last()
            .is_some_and(|iv| iv.end == MINUTES_PER_WEEK);
    if wraps {
        let (_, head) = out.remove(0);
        if let Some(last) = out.last_mut() {
            last.1 += head;
        }
    }
    out
}

/// Cuts a stretch into pieces a `day hh:mm-hh:mm` range can express: shorter than
/// a day (crossing midnight at most once) or a whole day from midnight.
fn day_pieces(mut start: u32, mut len: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    while len > 0 {
        let tod = start % MINUTES_PER_DAY;
        let take = if tod == 0 {
            len.min(MINUTES_PER_DAY)
        } else if len < MINUTES_PER_DAY {
            len
        } else {
            MINUTES_PER_DAY - tod
        };
        out.push((start % MINUTES_PER_WEEK, take));
        start += take;
        len -= take;
    }
    out
}

/// `mon-fri`, `mon,wed,fri`, `fri-mon`: runs of days, a run through Sunday kept whole.
fn days_text(days: &[bool; 7]) -> String {
    let all = days.iter().all(|&d| d);
    let first = if days[0] && days[6] && !all {
        (0..7).rev().find(|&d| !days[d]).map_or(0, |d| d + 1)
    } else {
        0
    };
    let mut parts = Vec::new();
    let mut k = 0;
    while k < 7 {
        let day = (first + k) % 7;
        if !days[day] {
            k += 1;
            continue;
        }
        let mut n = 1;
        while k + n < 7 && days[(first + k + n) % 7] {
            n += 1;
        }
        let last = (day + n - 1) % 7;
        parts.push(if n == 1 {
            DAY_NAMES[day].to_string()
        } else {
            format!("{}-{}", DAY_NAMES[day], DAY_NAMES[last])
        });
        k += n;
    }
    parts.join(",")
}

pub(super) fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}
