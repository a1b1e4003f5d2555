//! Weekly availability windows (`24x7`, `mon-fri 08:00-18:00 Europe/Berlin`) and
//! whether one window covers another across time zones and DST.
//!
//! Meaning, exactly: an instant belongs to a window when its wall-clock time in the
//! window's zone falls inside one of the window's weekly intervals. A local time
//! skipped by a DST gap therefore never happens, and the repeated hour of a fold
//! happens twice. Coverage is decided with interval arithmetic on UTC seconds, one
//! offset look-up per window per week, so a check takes microseconds.

use std::fmt;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, Offset, TimeZone};
use chrono_tz::{TZ_VARIANTS, Tz};

/// Minutes in a day.
pub const MINUTES_PER_DAY: u32 = 1_440;
/// Minutes in a week: the length of a `24x7` window.
pub const MINUTES_PER_WEEK: u32 = 10_080;

const WEEK_SECS: i64 = 604_800;
/// Wider than any UTC offset (±14 h), so every instant whose local time lies in a
/// given local week lies within this margin around that week.
const MARGIN_SECS: i64 = 15 * 3_600;

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_WORDS: [(&str, usize); 17] = [
    ("mon", 0),
    ("monday", 0),
    ("tue", 1),
    ("tues", 1),
    ("tuesday", 1),
    ("wed", 2),
    ("wednesday", 2),
    ("thu", 3),
    ("thur", 3),
    ("thurs", 3),
    ("thursday", 3),
    ("fri", 4),
    ("friday", 4),
    ("sat", 5),
    ("saturday", 5),
    ("sun", 6),
    ("sunday", 6),
];

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

/// The first stretch of a promised window that the tier does not cover, both ends
/// in the promise's time zone, e.g. to say "Monday 2027-03-15 09:00 New York time
/// is outside the tier's hours".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncovered {
    pub start: DateTime<Tz>,
    pub end: DateTime<Tz>,
}

impl Window {
    /// Parses a window: `24x7`, `business-hours`, or comma-separated ranges such as
    /// `mon-fri 08:00-12:00, sat 09:00-13:00`, optionally ending in an IANA zone.
    ///
    /// `business_hours` is what `business-hours` stands for (`None` where it has no
    /// meaning, e.g. while parsing the catalog's own business hours); `default_tz`
    /// applies when the text names no zone. Days: `mon`..`sun` or full names, any
    /// case, as ranges (`fri-mon` wraps), lists (`mon,wed,fri`) or both. An end
    /// time before the start crosses midnight into the next day; `24:00` may end a
    /// range. Never panics, whatever the text.
    pub fn parse(
        text: &str,
        business_hours: Option<&Window>,
        default_tz: Tz,
    ) -> Result<Window, WindowError> {
        let mut p = Parser { text, pos: 0 };
        p.skip_ws();
        if p.at_end() {
            return Err(p.error(0, text.len(), EMPTY_MESSAGE.to_string()));
        }
        let word = p.run(|c| !c.is_whitespace() && c != ',');
        if word.eq_ignore_ascii_case("24x7") || word == "24/7" {
            p.pos += word.len();
            let tz = p.trailing_tz(default_tz, false)?;
            return Ok(Window {
                text: text.to_string(),
                ..Window::full_week(tz)
            });
        }
        if word.eq_ignore_ascii_case("business-hours") {
            return p.business_hours(word.len(), business_hours);
        }
        let ranges = p.ranges()?;
        let tz = p.trailing_tz(default_tz, true)?;
        Ok(Window::from_ranges(&ranges, tz, text))
    }

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

    /// The first stretch of the promise not covered in the year after `from`, if
    /// any; `None` exactly when [`Window::covers`] is true.
    pub fn uncovered_example(&self, promise: &Window, from: NaiveDate) -> Option<Uncovered> {
        if self.is_full_week() {
            return None;
        }
        let (start, end) = self.first_gap(promise, from)?;
        Some(Uncovered {
            start: instant(promise.tz, start)?,
            end: instant(promise.tz, end)?,
        })
    }

    fn from_ranges(ranges: &[Range], tz: Tz, text: &str) -> Window {
        let mut raw = Vec::new();
        let mut days = [false; 7];
        for range in ranges {
            for (day, _) in range.days.iter().enumerate().filter(|d| *d.1) {
                days[day] = true;
                let base = day as u32 * MINUTES_PER_DAY;
                let end_day = if range.end > range.start {
                    base
                } else {
                    base + MINUTES_PER_DAY
                };
                push_wrapped(&mut raw, base + range.start, end_day + range.end);
            }
        }
        Window {
            intervals: normalize(raw),
            tz,
            days,
            text: text.to_string(),
        }
    }

    /// Local containment of one promised interval in one of ours.
    fn contains_local(&self, p: Interval) -> bool {
        let i = self.intervals.partition_point(|t| t.start <= p.start);
        i.checked_sub(1)
            .and_then(|j| self.intervals.get(j))
            .is_some_and(|t| t.end >= p.end)
    }

    /// First uncovered promised stretch as UTC seconds, over the horizon after `from`.
    fn first_gap(&self, promise: &Window, from: NaiveDate) -> Option<(i64, i64)> {
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

const EMPTY_MESSAGE: &str = "empty window: expected `24x7`, `business-hours` or days and hours such as `mon-fri 08:00-18:00`";
const DAYS_EXPECTED: &str = "expected mon, tue, wed, thu, fri, sat or sun";

/// One parsed `days start-end` range, times in minutes of the day.
struct Range {
    days: [bool; 7],
    start: u32,
    end: u32,
}

/// Cursor over the text; every error carries the byte span it is about.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn at_end(&self) -> bool {
        self.rest().is_empty()
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.rest().starts_with(c);
        if found {
            self.pos += c.len_utf8();
        }
        found
    }

    /// The run of characters from here on for which `keep` holds (not consumed).
    fn run(&self, keep: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        &rest[..rest.find(|c| !keep(c)).unwrap_or(rest.len())]
    }

    fn take(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let taken = self.run(keep);
        self.pos += taken.len();
        taken
    }

    fn error(&self, offset: usize, len: usize, message: String) -> WindowError {
        WindowError {
            offset,
            len,
            message,
        }
    }

    /// "expected X, found `token`" about the token at `offset`.
    fn unexpected_at(&self, offset: usize, expected: &str) -> WindowError {
        let rest = self.text.get(offset..).unwrap_or("");
        let token = &rest[..rest
            .find(|c: char| c.is_whitespace() || c == ',')
            .unwrap_or(rest.len())];
        let token = if token.is_empty() {
            rest.chars().next().map_or("", |c| &rest[..c.len_utf8()])
        } else {
            token
        };
        let found = if token.is_empty() {
            "the end of the text".to_string()
        } else {
            format!("`{token}`")
        };
        self.error(
            offset,
            token.len(),
            format!("expected {expected}, found {found}"),
        )
    }

    fn business_hours(
        &mut self,
        len: usize,
        business: Option<&Window>,
    ) -> Result<Window, WindowError> {
        let offset = self.pos;
        self.pos += len;
        self.skip_ws();
        if !self.at_end() {
            let rest = self.rest().trim_end();
            let message = "`business-hours` takes its days, hours and time zone from the catalog; nothing may follow it";
            return Err(self.error(self.pos, rest.len(), message.to_string()));
        }
        let message =
            "`business-hours` has no meaning here: there are no catalog business hours to refer to";
        let window = business.ok_or_else(|| self.error(offset, len, message.to_string()))?;
        Ok(Window {
            text: self.text.to_string(),
            ..window.clone()
        })
    }

    /// `days times (, days times)*`: a comma after times starts another range.
    fn ranges(&mut self) -> Result<Vec<Range>, WindowError> {
        let mut ranges = Vec::new();
        loop {
            let days = self.days()?;
            self.skip_ws();
            let (start, end) = self.time_range()?;
            ranges.push(Range { days, start, end });
            self.skip_ws();
            if !self.eat(',') {
                return Ok(ranges);
            }
            self.skip_ws();
        }
    }

    /// `day`, `day-day` (wrapping past Sunday) or a comma list of those: a comma
    /// after a day always continues the list, since times must come first.
    fn days(&mut self) -> Result<[bool; 7], WindowError> {
        let mut set = [false; 7];
        loop {
            let (offset, first) = self.day()?;
            self.skip_ws();
            if self.eat('-') {
                self.skip_ws();
                let (_, last) = self.day()?;
                if last == first {
                    let span = &self.text[offset..self.pos];
                    let message =
                        format!("`{span}` names a single day; write `{}`", DAY_NAMES[first]);
                    return Err(self.error(offset, span.len(), message));
                }
                let count = (last + 7 - first) % 7 + 1;
                (0..count).for_each(|k| set[(first + k) % 7] = true);
            } else {
                set[first] = true;
            }
            self.skip_ws();
            if !self.eat(',') {
                return Ok(set);
            }
            self.skip_ws();
        }
    }

    fn day(&mut self) -> Result<(usize, usize), WindowError> {
        let offset = self.pos;
        let word = self.take(|c| c.is_alphanumeric() || c == '_');
        if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(
                self.unexpected_at(offset, "days before the hours, as in `mon-fri 08:00-18:00`")
            );
        }
        if let Some(day) = day_index(word) {
            return Ok((offset, day));
        }
        let token = self.text[offset..]
            .split_whitespace()
            .next()
            .unwrap_or(word);
        if resolve_tz(token).is_ok() {
            return Err(self.error(offset, token.len(), misplaced_tz_message(token)));
        }
        Err(self.error(offset, word.len(), unknown_day_message(word)))
    }

    fn time_range(&mut self) -> Result<(u32, u32), WindowError> {
        let offset = self.pos;
        let start = self.time()?;
        if start == MINUTES_PER_DAY {
            let message = "a range can't start at 24:00; write 00:00 of the next day".to_string();
            return Err(self.error(offset, self.pos - offset, message));
        }
        self.skip_ws();
        if !self.eat('-') {
            return Err(self.unexpected_at(self.pos, "`-` between the start and end time"));
        }
        self.skip_ws();
        let end = self.time()?;
        if end == start {
            let span = &self.text[offset..self.pos];
            let message = format!(
                "empty range `{span}`: start and end are the same; write 00:00-24:00 for a whole day"
            );
            return Err(self.error(offset, span.len(), message));
        }
        Ok((start, end))
    }

    /// `H:MM` or `HH:MM`, up to `24:00`, as minutes of the day.
    fn time(&mut self) -> Result<u32, WindowError> {
        let offset = self.pos;
        let hours = self.take(|c| c.is_ascii_digit());
        let colon = self.eat(':');
        let minutes = self.take(|c| c.is_ascii_digit());
        if hours.is_empty() || hours.len() > 2 || !colon || minutes.len() != 2 {
            return Err(self.unexpected_at(offset, "a time such as 08:00"));
        }
        let (h, m) = (digits_value(hours), digits_value(minutes));
        let span = &self.text[offset..self.pos];
        if m > 59 {
            return Err(self.error(
                offset,
                span.len(),
                format!("minutes must be 00 to 59 in `{span}`"),
            ));
        }
        if h > 24 || (h == 24 && m > 0) {
            let message = format!("hours must be 00 to 23 in `{span}` (24:00 may end a range)");
            return Err(self.error(offset, span.len(), message));
        }
        Ok(h * 60 + m)
    }

    /// The optional zone that ends the text; nothing may follow it.
    fn trailing_tz(&mut self, default: Tz, ranges_allowed: bool) -> Result<Tz, WindowError> {
        self.skip_ws();
        if self.at_end() {
            return Ok(default);
        }
        let offset = self.pos;
        let name = self.run(|c| !c.is_whitespace());
        let head = name
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if day_index(head).is_some() || name.starts_with(|c: char| c.is_ascii_digit()) {
            let message = if ranges_allowed {
                format!("expected `,` before the next range `{name}`, or a time zone")
            } else {
                format!("`24x7` is the whole week; only a time zone may follow it, not `{name}`")
            };
            return Err(self.error(offset, name.len(), message));
        }
        if let Some((zone, _)) = name
            .split_once(',')
            .filter(|(zone, _)| resolve_tz(zone).is_ok())
        {
            return Err(self.error(offset, zone.len(), misplaced_tz_message(zone)));
        }
        let tz = resolve_tz(name).map_err(|message| self.error(offset, name.len(), message))?;
        self.pos += name.len();
        self.skip_ws();
        if !self.at_end() {
            let rest = self.rest().trim_end();
            let message = if rest.starts_with(',') {
                misplaced_tz_message(name)
            } else {
                format!("unexpected `{rest}` after the time zone; the zone ends a window")
            };
            return Err(self.error(self.pos, rest.len(), message));
        }
        Ok(tz)
    }
}

fn misplaced_tz_message(zone: &str) -> String {
    format!(
        "the time zone `{zone}` applies to the whole window: write it once at the very end, with no comma before it"
    )
}

/// Value of 1–2 ASCII digits (the caller checked), without a fallible parse.
fn digits_value(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0, |n, b| n * 10 + u32::from(b.wrapping_sub(b'0')))
}

fn day_index(word: &str) -> Option<usize> {
    DAY_WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, d)| d)
}

fn unknown_day_message(word: &str) -> String {
    let lower = word.to_lowercase();
    let best = DAY_WORDS
        .iter()
        .map(|&(w, d)| (strsim::normalized_damerau_levenshtein(&lower, w), d))
        .fold((0.0, 0), |best, c| if c.0 > best.0 { c } else { best });
    if best.0 >= 0.6 {
        format!(
            "unknown day `{word}` (did you mean {}?); {DAYS_EXPECTED}",
            DAY_NAMES[best.1]
        )
    } else {
        format!("unknown day `{word}`; {DAYS_EXPECTED}")
    }
}

/// An IANA zone by name, any case, or a message with the nearest name.
fn resolve_tz(name: &str) -> Result<Tz, String> {
    if let Ok(tz) = name.parse::<Tz>() {
        return Ok(tz);
    }
    if let Some(tz) = TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(name))
    {
        return Ok(*tz);
    }
    Err(match suggest_tz(name) {
        Some(near) => format!("unknown time zone `{name}` (did you mean {near}?)"),
        None => format!("unknown time zone `{name}`; expected an IANA name such as Europe/Berlin"),
    })
}

/// Nearest zone name, comparing with the whole name and with its city part so
/// that `Berlin` and `Europe/Berln` both find Europe/Berlin.
fn suggest_tz(name: &str) -> Option<&'static str> {
    let query = name.to_lowercase().replace(' ', "_");
    let score = |tz: &Tz| {
        let full = tz.name().to_lowercase();
        let city = full.rsplit('/').next().unwrap_or("").to_string();
        strsim::normalized_damerau_levenshtein(&query, &full)
            .max(strsim::normalized_damerau_levenshtein(&query, &city))
    };
    let (best, tz) = TZ_VARIANTS
        .iter()
        .map(|tz| (score(tz), tz.name()))
        .fold((0.0, ""), |best, c| if c.0 > best.0 { c } else { best });
    (best >= 0.7).then_some(tz)
}

/// Adds `[start, end)` (end up to one day past the week), splitting at Sunday 24:00.
fn push_wrapped(out: &mut Vec<Interval>, start: u32, end: u32) {
    if end <= MINUTES_PER_WEEK {
        out.push(Interval { start, end });
    } else {
        out.push(Interval {
            start,
            end: MINUTES_PER_WEEK,
        });
        out.push(Interval {
            start: 0,
            end: end - MINUTES_PER_WEEK,
        });
    }
}

/// Sorts and merges overlapping or touching intervals.
fn normalize(mut raw: Vec<Interval>) -> Vec<Interval> {
    raw.sort_unstable();
    let mut out: Vec<Interval> = Vec::with_capacity(raw.len());
    for iv in raw {
        match out.last_mut() {
            Some(last) if iv.start <= last.end => last.end = last.end.max(iv.end),
            _ => out.push(iv),
        }
    }
    out
}

/// Calendar bounds of a check: the year after `from` in the promise's zone.
struct Horizon {
    first_monday: NaiveDate,
    weeks: usize,
    start: i64,
    end: i64,
}

impl Horizon {
    fn after(from: NaiveDate, tz: Tz) -> Option<Horizon> {
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

fn instant(tz: Tz, secs: i64) -> Option<DateTime<Tz>> {
    DateTime::from_timestamp(secs, 0).map(|t| t.with_timezone(&tz))
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

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Berlin;
    use proptest::prelude::*;

    fn w(text: &str) -> Window {
        match Window::parse(text, None, Berlin) {
            Ok(window) => window,
            Err(e) => panic!("`{text}` should parse: {e:?}"),
        }
    }

    fn err(text: &str) -> WindowError {
        match Window::parse(text, None, Berlin) {
            Ok(window) => panic!("`{text}` should not parse, got {window}"),
            Err(e) => e,
        }
    }

    fn ivs(window: &Window) -> Vec<(u32, u32)> {
        window
            .intervals()
            .iter()
            .map(|iv| (iv.start, iv.end))
            .collect()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    const H: u32 = 60;
    const D: u32 = MINUTES_PER_DAY;

    #[test]
    fn parses_24x7() {
        let window = w("24x7");
        assert!(window.is_full_week());
        assert_eq!(window.weekly_minutes(), 10_080);
        assert_eq!(window.to_string(), "24x7");
        assert_eq!(w(" 24X7 America/New_York ").tz(), New_York);
    }

    #[test]
    fn parses_business_hours_through_the_catalog() {
        let business = w("mon-fri 08:00-18:00");
        let window = Window::parse("Business-Hours", Some(&business), New_York).expect("parses");
        assert_eq!(window, business);
        assert_eq!(window.text(), "Business-Hours");
        let e = err("business-hours");
        assert_eq!((e.offset, e.len), (0, 14));
        let e = Window::parse("business-hours UTC", Some(&business), Berlin).unwrap_err();
        assert_eq!((e.offset, e.len), (15, 3));
    }

    #[test]
    fn parses_a_weekday_range_in_the_default_zone() {
        let window = w("mon-fri 08:00-18:00");
        assert_eq!(window.tz(), Berlin);
        assert_eq!(window.weekly_minutes(), 3_000);
        assert_eq!(ivs(&window)[0], (8 * H, 18 * H));
        assert_eq!(ivs(&window)[4], (4 * D + 8 * H, 4 * D + 18 * H));
        assert_eq!(window.days(), [true, true, true, true, true, false, false]);
        assert_eq!(window.to_string(), "mon-fri 08:00-18:00 Europe/Berlin");
    }

    #[test]
    fn parses_zone_case_and_full_day_names() {
        let window = w("Monday-SUNDAY 06:00-22:00 america/new_york");
        assert_eq!(window.tz(), New_York);
        assert_eq!(window.weekly_minutes(), 7 * 16 * H);
        assert_eq!(window.to_string(), "mon-sun 06:00-22:00 America/New_York");
    }

    #[test]
    fn parses_single_days_lists_and_several_ranges() {
        assert_eq!(
            ivs(&w("sat 09:00-13:00")),
            vec![(5 * D + 9 * H, 5 * D + 13 * H)]
        );
        let split = w("mon-fri 08:00-12:00, mon-fri 13:00-17:00");
        assert_eq!(split.weekly_minutes(), 5 * 8 * H);
        assert_eq!(
            split.to_string(),
            "mon-fri 08:00-12:00, mon-fri 13:00-17:00 Europe/Berlin"
        );
        let list = w("mon,wed , fri 9:00-17:00, sat 10:00-12:00 UTC");
        assert_eq!(list.weekly_minutes(), 3 * 8 * H + 2 * H);
        assert_eq!(
            list.to_string(),
            "mon,wed,fri 09:00-17:00, sat 10:00-12:00 UTC"
        );
        assert_eq!(
            w("mon-wed,fri 09:00-10:00").days(),
            [true, true, true, false, true, false, false]
        );
    }

    #[test]
    fn ranges_cross_midnight_into_the_next_day() {
        let window = w("mon-fri 22:00-06:00");
        assert_eq!(window.weekly_minutes(), 5 * 8 * H);
        assert_eq!(ivs(&window).last(), Some(&(4 * D + 22 * H, 5 * D + 6 * H)));
        assert_eq!(window.days(), [true, true, true, true, true, false, false]);
        assert_eq!(window.to_string(), "mon-fri 22:00-06:00 Europe/Berlin");
    }

    #[test]
    fn sunday_night_wraps_into_monday_morning() {
        let window = w("sun 22:00-06:00");
        assert_eq!(
            ivs(&window),
            vec![(0, 6 * H), (6 * D + 22 * H, MINUTES_PER_WEEK)]
        );
        assert_eq!(window.to_string(), "sun 22:00-06:00 Europe/Berlin");
        let weekend = w("fri-mon 00:00-24:00");
        assert_eq!(ivs(&weekend), vec![(0, D), (4 * D, MINUTES_PER_WEEK)]);
        assert_eq!(weekend.to_string(), "fri-mon 00:00-24:00 Europe/Berlin");
        assert_eq!(
            w("sat-sun 00:00-24:00").to_string(),
            "sat-sun 00:00-24:00 Europe/Berlin"
        );
    }

    #[test]
    fn overlaps_and_touching_ranges_merge() {
        let window = w("mon 08:00-12:00, mon 10:00-14:00, mon 14:00-15:00");
        assert_eq!(ivs(&window), vec![(8 * H, 15 * H)]);
        assert_eq!(window, w("mon 08:00-15:00"));
        assert_eq!(window.to_string(), "mon 08:00-15:00 Europe/Berlin");
        assert!(w("mon-sun 00:00-24:00").is_full_week());
        assert_eq!(w("mon-sun 00:00-24:00").to_string(), "24x7");
        let long = w("mon 08:00-24:00, tue 00:00-24:00, wed 00:00-10:00");
        assert_eq!(ivs(&long), vec![(8 * H, 2 * D + 10 * H)]);
        assert_eq!(
            long.to_string(),
            "mon 08:00-24:00, tue 00:00-24:00, wed 00:00-10:00 Europe/Berlin"
        );
    }

    #[test]
    fn whole_day_and_24_00_end() {
        assert_eq!(w("tue 00:00-24:00").weekly_minutes(), D);
        assert_eq!(w("tue 18:00-24:00").weekly_minutes(), 6 * H);
        assert_eq!(
            w("tue 18:00-24:00").to_string(),
            "tue 18:00-24:00 Europe/Berlin"
        );
    }

    #[test]
    fn errors_point_at_the_offending_text() {
        let e = err("mon-fri 08:00-18:00 Europe/Berln");
        assert_eq!((e.offset, e.len), (20, 12));
        assert_eq!(
            e.message,
            "unknown time zone `Europe/Berln` (did you mean Europe/Berlin?)"
        );
        let e = err("mnday-fri 08:00-18:00");
        assert_eq!((e.offset, e.len), (0, 5));
        assert!(
            e.message
                .starts_with("unknown day `mnday` (did you mean mon?)"),
            "{}",
            e.message
        );
        let e = err("mon-fri 08:00-08:00");
        assert_eq!((e.offset, e.len), (8, 11));
        assert!(e.message.contains("empty range"));
        let e = err("mon-fri 08:00-18:60");
        assert_eq!((e.offset, e.len), (14, 5));
        let e = err("mon-fri 25:00-18:00");
        assert_eq!((e.offset, e.len), (8, 5));
        let e = err("mon-fri 24:00-06:00");
        assert_eq!((e.offset, e.len), (8, 5));
        let e = err("mon-fri 8am-5pm");
        assert_eq!((e.offset, e.len), (8, 7));
        let e = err("mon-fri 08:00 18:00");
        assert_eq!((e.offset, e.len), (14, 5));
        let e = err("mon-mon 08:00-18:00");
        assert_eq!((e.offset, e.len), (0, 7));
        let e = err("mon-fri 08:00-18:00 sat 09:00-12:00");
        assert_eq!((e.offset, e.len), (20, 3));
        assert!(e.message.contains("`,`"));
        let e = err("mon-fri 08:00-18:00, Europe/Berlin");
        assert_eq!((e.offset, e.len), (21, 13));
        let e = err("mon-fri 08:00-18:00 UTC, sat 09:00-12:00");
        assert_eq!((e.offset, e.len), (20, 3));
        assert!(e.message.contains("whole window"), "{}", e.message);
        let e = err("mon-fri 08:00-18:00 UTC , sat 09:00-12:00");
        assert_eq!((e.offset, e.len), (24, 17));
        assert!(e.message.contains("whole window"), "{}", e.message);
        let e = err("mon-fri 08:00-18:00 UTC extra");
        assert_eq!((e.offset, e.len), (24, 5));
        let e = err("08:00-18:00");
        assert_eq!((e.offset, e.len), (0, 11));
        let e = err("   ");
        assert_eq!((e.offset, e.len), (0, 3));
        let e = err("mon-fri 08:00-");
        assert_eq!((e.offset, e.len), (14, 0));
        assert!(e.message.ends_with("found the end of the text"));
        let e = err("mon-fri 08:00-18:00 Berlin");
        assert!(
            e.message.contains("did you mean Europe/Berlin?"),
            "{}",
            e.message
        );
    }

    #[test]
    fn error_offsets_are_bytes_in_non_ascii_text() {
        let e = err("lün-fri 08:00-18:00");
        assert_eq!((e.offset, e.len), (0, 4));
        let e = err("mon-fri 08:00-18:00 Zürich");
        assert_eq!((e.offset, e.len), (20, 7));
    }

    // ---- coverage ----

    fn covers(tier: &str, promise: &str) -> bool {
        w(tier).covers(&w(promise), date(2026, 11, 30))
    }

    #[test]
    fn full_week_tier_covers_everything() {
        assert!(covers("24x7", "24x7 America/New_York"));
        assert!(covers(
            "24x7 Asia/Tokyo",
            "mon-fri 22:00-06:00 America/New_York"
        ));
        assert!(!covers("mon-sun 00:00-23:59", "24x7"));
        assert!(!covers("mon-fri 08:00-18:00", "24x7 UTC"));
    }

    #[test]
    fn same_zone_is_local_containment() {
        assert!(covers("mon-fri 08:00-18:00", "mon-fri 09:00-17:00"));
        assert!(covers("mon-fri 08:00-18:00", "mon-fri 08:00-18:00"));
        assert!(!covers("mon-fri 08:00-18:00", "mon-fri 07:00-17:00"));
        assert!(!covers("mon-fri 08:00-18:00", "sat 09:00-10:00"));
        assert!(covers(
            "mon-fri 08:00-12:00, mon-fri 12:00-18:00",
            "mon 11:00-13:00"
        ));
        assert!(covers(
            "sun 20:00-08:00",
            "mon 00:00-02:00, sun 23:00-24:00"
        ));
        assert!(!covers(
            "mon-fri 08:00-12:00, mon-fri 13:00-18:00",
            "mon 11:00-14:00"
        ));
    }

    #[test]
    fn new_york_business_hours_are_not_berlin_business_hours() {
        let tier = w("mon-fri 08:00-18:00 Europe/Berlin");
        let promise = w("mon-fri 08:00-18:00 America/New_York");
        assert!(!tier.covers(&promise, date(2026, 11, 30)));
    }

    #[test]
    fn morning_in_new_york_is_covered_by_long_berlin_days_through_dst_mismatch() {
        // NY 09:00-11:00 is Berlin 15:00-17:00, and 14:00-16:00 in the weeks
        // between the US and EU clock changes (March, late Oct to early Nov).
        let tier = w("mon-fri 08:00-22:00 Europe/Berlin");
        let promise = w("mon-fri 09:00-11:00 America/New_York");
        assert!(tier.covers(&promise, date(2026, 11, 30)));
        assert_eq!(tier.uncovered_example(&promise, date(2026, 11, 30)), None);
    }

    #[test]
    fn new_york_noon_overruns_berlin_evening() {
        // NY 12:00-13:00 is Berlin 18:00-19:00 most weeks, 17:00-18:00 in mismatch weeks.
        let tier = w("mon-fri 08:00-18:00 Europe/Berlin");
        let promise = w("mon-fri 12:00-13:00 America/New_York");
        let from = date(2026, 11, 30);
        assert!(!tier.covers(&promise, from));
        let gap = tier.uncovered_example(&promise, from).expect("not covered");
        assert_eq!(
            gap.start.naive_local(),
            date(2026, 12, 1).and_hms_opt(12, 0, 0).expect("time")
        );
        assert_eq!(
            gap.end.naive_local(),
            date(2026, 12, 1).and_hms_opt(13, 0, 0).expect("time")
        );
        assert_eq!(gap.start.timezone(), New_York);
    }

    #[test]
    fn only_the_dst_mismatch_weeks_fail() {
        // NY 09:00-11:00 is Berlin 15:00-17:00, but 14:00-16:00 from the US
        // change (Sun 2027-03-14) until the EU one (Sun 2027-03-28).
        let tier = w("mon-fri 15:00-22:00 Europe/Berlin");
        let promise = w("mon-fri 09:00-11:00 America/New_York");
        let gap = tier
            .uncovered_example(&promise, date(2026, 11, 30))
            .expect("not covered");
        assert_eq!(
            gap.start.naive_local(),
            date(2027, 3, 15).and_hms_opt(9, 0, 0).expect("time")
        );
        assert_eq!(
            gap.end.naive_local(),
            date(2027, 3, 15).and_hms_opt(10, 0, 0).expect("time")
        );
        // Starting after the spring mismatch, the autumn one (EU back on Oct 31,
        // US on Nov 7) still fails.
        let gap = tier
            .uncovered_example(&promise, date(2027, 4, 1))
            .expect("not covered");
        assert_eq!(
            gap.start.naive_local(),
            date(2027, 11, 1).and_hms_opt(9, 0, 0).expect("time")
        );
    }

    #[test]
    fn the_horizon_is_one_year_from_the_next_local_midnight() {
        let h = Horizon::after(date(2026, 12, 1), New_York).expect("horizon");
        let midnight = |d: NaiveDate| {
            New_York
                .from_local_datetime(&d.and_time(NaiveTime::MIN))
                .unwrap()
        };
        assert_eq!(h.start, midnight(date(2026, 12, 2)).timestamp());
        assert_eq!(h.end, midnight(date(2027, 12, 2)).timestamp());
        assert_eq!(h.first_monday, date(2026, 11, 30));
        // The day of `from` itself is not checked: the first gap is the next day's.
        let tier = w("mon-fri 08:00-18:00 Europe/Berlin");
        let promise = w("mon-fri 12:00-13:00 America/New_York");
        let gap = tier
            .uncovered_example(&promise, date(2026, 12, 1))
            .expect("not covered");
        assert_eq!(
            gap.start.naive_local(),
            date(2026, 12, 2).and_hms_opt(12, 0, 0).expect("time")
        );
        assert!(Horizon::after(NaiveDate::MAX, New_York).is_none());
        assert!(tier.covers(&promise, NaiveDate::MAX));
    }

    #[test]
    fn gap_and_fold_hours_do_not_panic_and_are_exact() {
        // 02:00-03:00 Berlin does not exist on the spring-forward night and happens
        // twice in autumn; UTC always has those instants.
        let tier = w("sun 00:00-24:00 UTC");
        let promise = w("sun 02:00-03:00 Europe/Berlin");
        assert!(tier.covers(&promise, date(2026, 11, 30)));
        let tier = w("sun 01:00-02:00 UTC");
        // Berlin 02:00-03:00 is 01:00-02:00 UTC in winter: not in summer (00:00-01:00).
        assert!(!tier.covers(&promise, date(2026, 11, 30)));
    }

    #[test]
    fn dst_weeks_are_checked_in_real_time() {
        // A UTC tier of Berlin winter office hours misses summer time.
        let tier = w("mon-fri 07:00-17:00 UTC");
        assert!(!tier.covers(&w("mon-fri 08:00-18:00 Europe/Berlin"), date(2026, 11, 30)));
        let tier = w("mon-fri 06:00-17:00 UTC");
        assert!(tier.covers(&w("mon-fri 08:00-18:00 Europe/Berlin"), date(2026, 11, 30)));
    }

    #[test]
    fn a_cross_zone_check_is_fast() {
        let tier = w("mon-fri 08:00-22:00, sat 10:00-14:00 Europe/Berlin");
        let promise = w("mon-fri 09:00-11:00, mon-fri 12:00-13:00 America/New_York");
        let runs = 200;
        let started = std::time::Instant::now();
        for k in 0..runs {
            let from = date(2026, 1, 1) + chrono::Duration::days(k);
            std::hint::black_box(tier.covers(&promise, from));
        }
        let per_check = started.elapsed() / runs as u32;
        eprintln!("cross-zone check: {per_check:?}");
        // Generous for unoptimized test builds; release builds are far faster.
        assert!(
            per_check < std::time::Duration::from_millis(2),
            "{per_check:?}"
        );
    }

    // ---- brute force reference ----

    fn minute_of_week(t: DateTime<Tz>) -> u32 {
        t.weekday().num_days_from_monday() * D + t.hour() * 60 + t.minute()
    }

    fn open_at(window: &Window, utc: i64) -> bool {
        let Some(t) = instant(window.tz(), utc) else {
            return false;
        };
        let m = minute_of_week(t);
        window
            .intervals()
            .iter()
            .any(|iv| iv.start <= m && m < iv.end)
    }

    /// Samples every 15 minutes of the horizon: exact for windows on a 15-minute
    /// grid, since zone offsets and clock changes are on it too.
    fn brute_force_covers(tier: &Window, promise: &Window, from: NaiveDate) -> bool {
        let h = Horizon::after(from, promise.tz()).expect("horizon");
        (h.start..h.end)
            .step_by(900)
            .all(|u| !open_at(promise, u) || open_at(tier, u))
    }

    const ZONES: [Tz; 9] = [
        Berlin,
        New_York,
        chrono_tz::UTC,
        chrono_tz::Australia::Sydney,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::Asia::Kolkata,
        chrono_tz::Asia::Kathmandu,
        chrono_tz::America::Santiago,
        chrono_tz::Pacific::Chatham,
    ];

    /// (first day, last day, start half-hour, length in half-hours)
    type Spec = (usize, usize, u32, u32);

    fn spec_text((a, b, start, len): Spec) -> String {
        let days = if a == b {
            DAY_NAMES[a].to_string()
        } else {
            format!("{}-{}", DAY_NAMES[a], DAY_NAMES[b])
        };
        let end = start + len;
        let end = if end > 48 { end - 48 } else { end };
        format!("{days} {}-{}", hhmm(start * 30), hhmm(end * 30))
    }

    fn window_text(specs: &[Spec], tz: Tz) -> String {
        let ranges: Vec<String> = specs.iter().map(|&s| spec_text(s)).collect();
        format!("{} {}", ranges.join(", "), tz.name())
    }

    fn spec(min_len: u32) -> impl Strategy<Value = Spec> {
        short_spec(min_len, 48)
    }

    fn short_spec(min_len: u32, max_len: u32) -> impl Strategy<Value = Spec> {
        (0usize..7, 0usize..7, 0u32..48, min_len..max_len)
    }

    fn zone() -> impl Strategy<Value = Tz> {
        proptest::sample::select(ZONES.to_vec())
    }

    fn from_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..4_000).prop_map(|d| date(2024, 1, 1) + chrono::Duration::days(d))
    }

    #[test]
    fn agrees_with_brute_force_on_known_cases() {
        let cases = [
            (
                "mon-fri 08:00-18:00 Europe/Berlin",
                "mon-fri 12:00-13:00 America/New_York",
            ),
            (
                "mon-fri 08:00-22:00 Europe/Berlin",
                "mon-fri 09:00-11:00 America/New_York",
            ),
            (
                "mon-fri 15:00-22:00 Europe/Berlin",
                "mon-fri 09:00-11:00 America/New_York",
            ),
            ("sun 01:00-02:00 UTC", "sun 02:00-03:00 Europe/Berlin"),
            ("sun 00:30-01:00 UTC", "sun 02:00-03:00 Europe/Berlin"),
        ];
        for (tier, promise) in cases {
            let (tier, promise) = (w(tier), w(promise));
            let from = date(2026, 11, 30);
            assert_eq!(
                tier.covers(&promise, from),
                brute_force_covers(&tier, &promise, from),
                "{tier} / {promise}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn agrees_with_brute_force(
            tier in prop::collection::vec(spec(8), 1..4), tier_tz in zone(),
            promise in prop::collection::vec(spec(1), 1..3), promise_tz in zone(),
            from in from_date(),
        ) {
            let tier = w(&window_text(&tier, tier_tz));
            let promise = w(&window_text(&promise, promise_tz));
            prop_assert_eq!(tier.covers(&promise, from), brute_force_covers(&tier, &promise, from));
        }
    }

    proptest! {
        #[test]
        fn narrowing_a_promise_keeps_it_covered(
            tier in prop::collection::vec(spec(30), 2..5), tier_tz in zone(),
            promise in prop::collection::vec(short_spec(1, 12), 1..4), promise_tz in zone(),
            pick in 0usize..4, shrink in 0u32..48, from in from_date(),
        ) {
            let tier = w(&window_text(&tier, tier_tz));
            let wide = w(&window_text(&promise, promise_tz));
            let i = pick % promise.len();
            let mut removed = promise.clone();
            removed.remove(i);
            let mut shortened = promise.clone();
            let (a, b, start, len) = shortened[i];
            let cut = shrink % len;
            // Move the start later too, while it stays on the same day.
            let later = if start + cut / 2 < 48 { cut / 2 } else { 0 };
            shortened[i] = (a, b, start + later, len - cut);
            if tier.covers(&wide, from) {
                prop_assert!(tier.covers(&w(&window_text(&shortened, promise_tz)), from));
                if !removed.is_empty() {
                    prop_assert!(tier.covers(&w(&window_text(&removed, promise_tz)), from));
                }
            }
        }

        #[test]
        fn same_zone_fast_path_matches_the_general_one(
            tier in prop::collection::vec(spec(1), 1..4),
            promise in prop::collection::vec(spec(1), 1..4),
            tz in zone(), from in from_date(),
        ) {
            let tier = w(&window_text(&tier, tz));
            let promise = w(&window_text(&promise, tz));
            prop_assert_eq!(tier.covers(&promise, from), tier.first_gap(&promise, from).is_none());
        }

        #[test]
        fn uncovered_example_agrees_with_covers(
            tier in prop::collection::vec(spec(8), 1..4), tier_tz in zone(),
            promise in prop::collection::vec(spec(1), 1..3), promise_tz in zone(),
            from in from_date(),
        ) {
            let tier = w(&window_text(&tier, tier_tz));
            let promise = w(&window_text(&promise, promise_tz));
            let example = tier.uncovered_example(&promise, from);
            prop_assert_eq!(tier.covers(&promise, from), example.is_none());
            if let Some(gap) = example {
                prop_assert!(gap.start < gap.end);
                prop_assert!(open_at(&promise, gap.start.timestamp()));
                prop_assert!(!open_at(&tier, gap.start.timestamp()));
            }
        }

        #[test]
        fn display_parses_back_to_the_same_window(
            specs in prop::collection::vec(spec(1), 1..5), tz in zone(),
        ) {
            let window = w(&window_text(&specs, tz));
            let again = Window::parse(&window.to_string(), None, chrono_tz::UTC);
            prop_assert_eq!(again, Ok(window));
        }

        #[test]
        fn weekly_minutes_never_exceed_a_week(specs in prop::collection::vec(spec(1), 1..6)) {
            let window = w(&window_text(&specs, Berlin));
            prop_assert!(window.weekly_minutes() <= MINUTES_PER_WEEK);
            prop_assert!(window.intervals().windows(2).all(|p| p[0].end < p[1].start));
        }

        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            let _ = Window::parse(&text, None, Berlin);
        }

        #[test]
        fn token_soup_never_panics_and_errors_stay_in_bounds(
            tokens in prop::collection::vec(prop::sample::select(vec![
                "mon", "fri", "Sunday", "mnday", "-", ",", " ", "08:00", "24:00", "00:00",
                "7:5", "99:99", "24x7", "business-hours", "Europe/Berlin", "Europe/Berln",
                "ü", "\t", ":", "0", "America/New_York", "UTC", "x",
            ]), 0..12),
        ) {
            let text: String = tokens.concat();
            let business = w("mon-fri 08:00-18:00");
            if let Err(e) = Window::parse(&text, Some(&business), Berlin) {
                prop_assert!(e.offset + e.len <= text.len());
                prop_assert!(text.is_char_boundary(e.offset));
                prop_assert!(text.is_char_boundary(e.offset + e.len));
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}
