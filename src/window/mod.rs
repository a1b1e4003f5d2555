//! Weekly availability windows (`24x7`, `mon-fri 08:00-18:00 Europe/Berlin`) and
//! whether one window covers another across time zones and DST.
//!
//! Meaning, exactly: an instant belongs to a window when its wall-clock time in the
//! window's zone falls inside one of the window's weekly intervals. A local time
//! skipped by a DST gap therefore never happens, and the repeated hour of a fold
//! happens twice. Coverage is decided with interval arithmetic on UTC seconds, one
//! offset look-up per window per week, so a check takes microseconds.
//!
//! One job per file: [`parse`](Window::parse) in `parse.rs`, coverage across
//! zones and DST in `coverage.rs`, the normalized text in `display.rs`, and
//! time-zone names (shared with the catalog's `timezone`) in `zone.rs`.

use std::fmt;

use chrono_tz::Tz;

mod coverage;
mod display;
mod parse;
mod zone;

pub use coverage::CoverageCache;
pub use zone::{ZoneError, resolve_zone};

/// Minutes in a day.
pub const MINUTES_PER_DAY: u32 = 1_440;
/// Minutes in a week: the length of a `24x7` window.
pub const MINUTES_PER_WEEK: u32 = 10_080;

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Half-open stretch `[start, end)` of minutes of the week in local time,
/// Monday 00:00 = 0, `start < end <= MINUTES_PER_WEEK`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Interval {
    pub start: u32,
    pub end: u32,
}

impl Interval {
    /// Length in minutes.
    pub fn minutes(&self) -> u32 {
        self.end - self.start
    }
}

/// A set of weekly intervals in a time zone.
///
/// Intervals are sorted, merged (touching ones too) and split at Sunday 24:00, so
/// two windows with the same instants compare equal whatever their text.
#[derive(Debug, Clone)]
pub struct Window {
    intervals: Vec<Interval>,
    tz: Tz,
    days: [bool; 7],
    text: String,
}

/// Equal when they hold the same instants: same intervals and zone, or both the
/// whole week (whose zone makes no difference). The text is not compared.
impl PartialEq for Window {
    fn eq(&self, other: &Self) -> bool {
        self.intervals == other.intervals && (self.tz == other.tz || self.is_full_week())
    }
}

impl Eq for Window {}

/// Why a window's text was rejected, with the byte span it is about so the caller
/// can point at the exact column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowError {
    /// Byte offset in the text handed to [`Window::parse`].
    pub offset: usize,
    /// Length in bytes of the offending part (0 at the end of the text).
    pub len: usize,
    /// Plain-language explanation.
    pub message: String,
}

impl fmt::Display for WindowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WindowError {}

impl Window {
    /// The whole week; covers every other window whatever its zone.
    pub fn full_week(tz: Tz) -> Window {
        Window {
            intervals: vec![Interval {
                start: 0,
                end: MINUTES_PER_WEEK,
            }],
            tz,
            days: [true; 7],
            text: "24x7".to_string(),
        }
    }

    /// Normalized intervals in minutes of the week, local time.
    pub fn intervals(&self) -> &[Interval] {
        &self.intervals
    }

    /// The zone the intervals are in.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// The text as the user wrote it (the normalized form is `to_string()`).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Weekdays the text names, Monday first. A range crossing midnight counts for
    /// the day it starts on only, so `mon-fri 22:00-06:00` names Monday to Friday:
    /// this is what "a weekday of the business hours" means for scheduling.
    pub fn days(&self) -> [bool; 7] {
        self.days
    }

    /// Open minutes a week in local time (DST ignored, as SLA budgets do).
    pub fn weekly_minutes(&self) -> u32 {
        self.intervals.iter().map(Interval::minutes).sum()
    }

    /// Open around the clock.
    pub fn is_full_week(&self) -> bool {
        self.intervals
            == [Interval {
                start: 0,
                end: MINUTES_PER_WEEK,
            }]
    }
}

#[cfg(test)]
mod tests;
