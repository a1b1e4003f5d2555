//! The window text parser: `24x7`, `business-hours`, or day and time ranges
//! with an optional zone at the end. Every error carries the byte span it is
//! about.

use chrono_tz::Tz;

use super::zone::resolve_zone;
use super::{DAY_NAMES, Interval, MINUTES_PER_DAY, MINUTES_PER_WEEK, Window, WindowError};
use crate::suggest::did_you_mean;

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
        if resolve_zone(token).is_ok() {
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
            .filter(|(zone, _)| resolve_zone(zone).is_ok())
        {
            return Err(self.error(offset, zone.len(), misplaced_tz_message(zone)));
        }
        let tz = resolve_zone(name).map_err(|e| self.error(offset, name.len(), e.to_string()))?;
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
    let words = DAY_WORDS.iter().map(|&(w, _)| w);
    match did_you_mean(word, words) {
        Some(suggestion) => format!("unknown day `{word}` ({suggestion}); {DAYS_EXPECTED}"),
        None => format!("unknown day `{word}`; {DAYS_EXPECTED}"),
    }
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
