//! Parsing the values of the file formats (dates, percentages, durations,
//! ranged numbers), each failure located at the value's span.

use crate::source::{InputErrors, PROBLEMS_SHOWN, Problem, Source};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use toml::{Spanned, Value};

/// A file read into raw types, with the shape problems already found.
pub struct Parsed<T> {
    pub value: T,
    /// Shape problems of a file read only once mended.
    pub found: InputErrors,
    /// Spans of the values that stand in for wrong ones (see
    /// [`super::shape::read_mended`]): what their checks say is dropped.
    pub stand_ins: Vec<std::ops::Range<usize>>,
}

/// Parses TOML into raw types. serde stops at the first problem, so when it
/// fails the document is walked against its declared shape, which reports
/// every syntax error, unknown key, wrong type and missing key at once (a
/// file that parses pays for one parse only); then, mended, it is read
/// anyway so that every value is checked in the same run. Should the walk
/// find nothing, serde's own error is reported, located.
pub fn parse_toml<T: DeserializeOwned>(
    file: &Arc<Source>,
    shape: &[super::shape::Field],
) -> Result<Parsed<T>, InputErrors> {
    let first = match toml::from_str(file.text()) {
        Ok(value) => {
            return Ok(Parsed {
                value,
                found: InputErrors::default(),
                stand_ins: Vec::new(),
            });
        }
        Err(e) => e,
    };
    if let Some(message) = empty_file(file.text(), shape) {
        return Err(InputErrors::single(file.problem(0..0, message)));
    }
    let problems = super::shape::check(file.text(), shape);
    if !problems.is_empty() {
        let mut errors = InputErrors::default();
        for p in problems {
            let mut problem = file.problem(p.span, p.message);
            if let Some(help) = p.help {
                problem = problem.with_help(help);
            }
            errors.push(problem);
        }
        return match super::shape::read_mended(file.text(), shape) {
            Some((value, stand_ins)) => Ok(Parsed {
                value,
                found: errors,
                stand_ins,
            }),
            None => Err(errors),
        };
    }
    Err(first).map_err(|e: toml::de::Error| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        let mut problem = file.problem(span, plain_serde_message(&message));
        if let Some(help) = did_you_mean(&message) {
            problem = problem.with_help(help);
        }
        InputErrors::single(problem)
    })
}

/// For a file with nothing but blank lines and comments, what it lacks in
/// plain words ("the file is empty: a deal needs a [deal] table with `id`
/// and `deadline`") rather than a missing key and its schema text.
fn empty_file(text: &str, shape: &[super::shape::Field]) -> Option<String> {
    let blank = text.lines().all(|line| {
        let line = line.trim_start_matches('\u{feff}').trim();
        line.is_empty() || line.starts_with('#')
    });
    if !blank {
        return None;
    }
    let needs: Vec<String> = shape
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            let keys: Vec<String> = match f.shape {
                super::shape::Shape::Table(inner) => inner
                    .iter()
                    .filter(|k| k.required)
                    .map(|k| format!("`{}`", k.key))
                    .collect(),
                _ => Vec::new(),
            };
            match keys.is_empty() {
                true => format!("a {0} needs a [{0}] table", f.key),
                false => format!(
                    "a {0} needs a [{0}] table with {1}",
                    f.key,
                    keys.join(" and ")
                ),
            }
        })
        .collect();
    Some(format!("the file is empty: {}", needs.join("; ")))
}

/// serde says "invalid type: integer `3`, expected a string"; users read TOML.
fn plain_serde_message(message: &str) -> String {
    message
        .replace("expected a string", "expected text in quotes")
        .replace("expected i64", "expected a whole number")
        .replace("expected f64", "expected a number")
        .replace("a sequence", "a list [...]")
        .replace("expected struct ", "expected a table ")
}

/// For "unknown field `x`, expected one of `a`, `b`" (and variants), the
/// nearest expected word.
fn did_you_mean(message: &str) -> Option<String> {
    let kind = ["unknown field", "unknown variant"]
        .into_iter()
        .find(|k| message.starts_with(k))?;
    let mut ticks = message.split('`').skip(1).step_by(2);
    let typed = ticks.next()?;
    let expected: Vec<&str> = ticks.collect();
    match crate::suggest::nearest(typed, expected.iter().copied()) {
        Some(best) => Some(crate::suggest::meant(best)),
        None if kind == "unknown field" && expected.is_empty() => {
            Some("this table takes no keys".to_string())
        }
        None => None,
    }
}

/// The longest duration a file may hold: 365 days, in minutes.
pub const LONGEST_DURATION: u32 = 365 * 24 * 60;

/// Collects problems while validating one file.
pub struct Checker<'a> {
    pub file: &'a Arc<Source>,
    pub errors: InputErrors,
    /// Problems found before (the shape's) and the stand-ins not to check.
    found: InputErrors,
    stand_ins: Vec<std::ops::Range<usize>>,
}

impl<'a> Checker<'a> {
    /// A checker for a file read into raw types, returned with them.
    pub fn new<T>(file: &'a Arc<Source>, parsed: Parsed<T>) -> (T, Checker<'a>) {
        let checker = Checker {
            file,
            errors: InputErrors::default(),
            found: parsed.found,
            stand_ins: parsed.stand_ins,
        };
        (parsed.value, checker)
    }

    /// Every problem of the file in file order, or the value if none.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, InputErrors> {
        let stand_ins = self.stand_ins;
        let mut errors = self.found;
        errors
            .problems
            .extend(self.errors.problems.into_iter().filter(|p| {
                !p.span
                    .as_ref()
                    .is_some_and(|s| super::shape::within_stand_in(s, &stand_ins))
            }));
        match (value, errors.into_result(())) {
            (Some(v), Ok(())) => Ok(v),
            (_, Err(errors)) => Err(errors),
            // A value that could not be built was reported.
            (None, Ok(())) => Err(InputErrors::default()),
        }
    }

    pub fn error(&mut self, span: std::ops::Range<usize>, message: impl Into<String>) {
        let p = self.file.problem(span, message);
        self.errors.push(p);
    }

    pub fn push(&mut self, p: Problem) {
        self.errors.push(p);
    }

    /// Whether a did-you-mean is still worth its cost: only the first
    /// [`PROBLEMS_SHOWN`] problems of a file are rendered, so thousands of
    /// unknown names do not each search every id.
    pub fn wants_help(&self) -> bool {
        self.errors.problems.len() < PROBLEMS_SHOWN
    }

    /// A date written as a TOML date or a quoted `YYYY-MM-DD`.
    pub fn date(&mut self, v: &Spanned<Value>, what: &str) -> Option<NaiveDate> {
        let text = match v.get_ref() {
            Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    return self.ymd(v, what, i32::from(d.year), d.month.into(), d.day.into());
                }
                _ => dt.to_string(),
            },
            Value::String(s) => s.clone(),
            other => {
                self.error(
                    v.span(),
                    format!(
                        "{what} must be a date like 2027-03-01, found {}",
                        other.type_str()
                    ),
                );
                return None;
            }
        };
        match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                let message = match crate::calendar::missing_day(&text) {
                    Some(why) => format!("{what} is not a real date: {} ({why})", text.trim()),
                    None => format!(
                        "{what} must be a date like 2027-03-01 (a day, no time), found \"{text}\""
                    ),
                };
                self.error(v.span(), message);
                None
            }
        }
    }

    fn ymd(&mut self, v: &Spanned<Value>, what: &str, y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        let date = NaiveDate::from_ymd_opt(y, m, d);
        if date.is_none() {
            self.error(
                v.span(),
                format!("{what} is not a real date: {y:04}-{m:02}-{d:02}"),
            );
        }
        date
    }

    pub fn dates(&mut self, vs: &[Spanned<Value>], what: &str) -> Vec<NaiveDate> {
        vs.iter().filter_map(|v| self.date(v, what)).collect()
    }

    /// A probability, "60%" or 60, from 0 to 100 percent; returned as a
    /// fraction. A bare number above 0 and at most 1 is refused with the
    /// fix spelled out (0.6 is a fraction typed where a percentage belongs);
    /// written with a `%` sign it is what it says.
    pub fn probability(&mut self, v: &Spanned<Value>, what: &str) -> Option<f64> {
        let (number, sign) = match v.get_ref() {
            Value::Float(f) => (Some(*f), false),
            Value::Integer(i) => (Some(*i as f64), false),
            Value::String(s) => {
                let t = s.trim();
                (
                    t.trim_end_matches('%').trim().parse::<f64>().ok(),
                    t.ends_with('%'),
                )
            }
            _ => (None, false),
        };
        match number {
            Some(p) if p > 0.0 && p <= 1.0 && !sign => {
                self.error(
                    v.span(),
                    format!(
                        "{what} must be a percentage from 0 to 100: {p} looks like a fraction, write \"{}%\"",
                        crate::figures::bounded_text(p * 100.0)
                    ),
                );
                None
            }
            Some(p) if p.is_finite() && (0.0..=100.0).contains(&p) => Some(p / 100.0),
            Some(p) => {
                self.error(
                    v.span(),
                    format!(
                        "{what} must be a percentage from 0 to 100, found {}",
                        crate::figures::bounded_text(p)
                    ),
                );
                None
            }
            None => {
                self.error(
                    v.span(),
                    format!("{what} must be a percentage like \"60%\" or 60"),
                );
                None
            }
        }
    }

    /// A percentage, "99.9%" or 99.9, above 1 and at most 100; returned as a
    /// fraction. 1 or less is refused with the fix spelled out: it is a
    /// fraction typed where a percentage belongs (0.999 for 99.9%), never an
    /// availability anyone promises or offers, and passing it as 0.999%
    /// would give a green verdict to the likeliest typo of all.
    pub fn percent(&mut self, v: &Spanned<Value>, what: &str) -> Option<f64> {
        let number = match v.get_ref() {
            Value::Float(f) => Some(*f),
            Value::Integer(i) => Some(*i as f64),
            Value::String(s) => s.trim().trim_end_matches('%').trim().parse::<f64>().ok(),
            _ => None,
        };
        match number {
            Some(p) if p.is_finite() && p > 1.0 && p <= 100.0 => Some(p / 100.0),
            Some(p) if p > 0.0 && p <= 1.0 => {
                self.error(
                    v.span(),
                    format!("{what} must be a percentage above 1: {}", fraction_fix(p)),
                );
                None
            }
            Some(p) => {
                self.error(
                    v.span(),
                    format!(
                        "{what} must be a percentage above 1 and at most 100, found {}",
                        crate::figures::bounded_text(p)
                    ),
                );
                None
            }
            None => {
                self.error(
                    v.span(),
                    format!("{what} must be a percentage like \"99.9%\" or 99.9"),
                );
                None
            }
        }
    }

    /// A duration like "30m", "4h", "2d" or "1h30m", in minutes: above zero
    /// and at most [`LONGEST_DURATION`] (a support response of more than a
    /// year is a typo; the message states the limit in days, as a user
    /// writes it, not in a machine's minutes).
    pub fn duration(&mut self, v: &Spanned<String>, what: &str) -> Option<u32> {
        match parse_duration_minutes(v.get_ref()) {
            Some(m) if m > 0 && m <= LONGEST_DURATION => Some(m),
            _ => {
                self.error(
                    v.span(),
                    format!(
                        "{what} must be a duration above zero and at most {}, like \"30m\", \"4h\" or \"2d\", found \"{}\"",
                        crate::figures::duration_text(LONGEST_DURATION),
                        v.get_ref()
                    ),
                );
                None
            }
        }
    }

    /// A finite number within `[min, max]` (or `(min, max]` when `open_min`).
    pub fn number(&mut self, v: &Spanned<f64>, what: &str, range: NumberRange) -> Option<f64> {
        let x = *v.get_ref();
        if range.admits(x) {
            Some(x)
        } else {
            self.error(
                v.span(),
                format!(
                    "{what} must be {}, found {}",
                    range.describe(),
                    crate::figures::bounded_text(x)
                ),
            );
            None
        }
    }

    /// A whole number within `[min, max]`.
    pub fn count(&mut self, v: &Spanned<i64>, what: &str, min: i64, max: i64) -> Option<u32> {
        let x = *v.get_ref();
        if (min..=max).contains(&x) {
            u32::try_from(x).ok()
        } else {
            self.error(
                v.span(),
                format!("{what} must be a whole number from {min} to {max}, found {x}"),
            );
            None
        }
    }

    /// Non-empty text.
    pub fn text(&mut self, v: &Spanned<String>, what: &str) -> Option<String> {
        let s = v.get_ref().trim();
        if s.is_empty() {
            self.error(v.span(), format!("{what} must not be empty"));
            None
        } else {
            Some(s.to_string())
        }
    }
}

/// The fix for a percentage of 1 or less, which is a fraction written where
/// a percentage belongs: "0.999 means 0.999%; write 99.9 or \"99.9%\"".
fn fraction_fix(p: f64) -> String {
    let meant = format!("{:.6}", p * 100.0);
    let meant = meant.trim_end_matches('0').trim_end_matches('.');
    let p = crate::figures::bounded_text(p);
    format!("{p} means {p}%; write {meant} or \"{meant}%\"")
}

/// Allowed values of a number, for checks and their messages.
#[derive(Clone, Copy)]
pub struct NumberRange {
    pub min: f64,
    pub open_min: bool,
    pub max: f64,
}

impl NumberRange {
    pub const NON_NEGATIVE: NumberRange = NumberRange {
        min: 0.0,
        open_min: false,
        max: 1e9,
    };
    pub const FRACTION: NumberRange = NumberRange {
        min: 0.0,
        open_min: true,
        max: 1.0,
    };
    pub const HOURS: NumberRange = NumberRange {
        min: 0.0,
        open_min: true,
        max: 24.0,
    };

    fn admits(self, x: f64) -> bool {
        x.is_finite()
            && x <= self.max
            && if self.open_min {
                x > self.min
            } else {
                x >= self.min
            }
    }

    /// The accepted range in words, bounds included: "a number from 0 to
    /// 1000000000", "a number above 0 and at most 24".
    fn describe(self) -> String {
        if self.open_min {
            format!("a number above {} and at most {}", self.min, self.max)
        } else {
            format!("a number from {} to {}", self.min, self.max)
        }
    }
}

/// A cycle's names for a message: all of a short one, the ends of a long
/// one (a cycle of 30,000 items is one line, not 30,000 names).
pub(crate) fn cycle_text(names: &[&str]) -> String {
    const SHOWN: usize = 10;
    let first = names.first().copied().unwrap_or_default();
    if names.len() <= SHOWN {
        format!("{} → {first}", names.join(" → "))
    } else {
        format!(
            "{} → … → {} → {first} ({} in the cycle)",
            names[..SHOWN - 1].join(" → "),
            names[names.len() - 1],
            names.len()
        )
    }
}

/// "30m", "4h", "2d", "1h30m", "1d 4h": minutes, or None if malformed.
pub fn parse_duration_minutes(text: &str) -> Option<u32> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut digits = String::new();
    for c in compact.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit: u64 = match c.to_ascii_lowercase() {
            'm' => 1,
            'h' => 60,
            'd' => 24 * 60,
            'w' => 7 * 24 * 60,
            _ => return None,
        };
        let n: u64 = digits.parse().ok()?;
        digits.clear();
        total = total.checked_add(n.checked_mul(unit)?)?;
    }
    if !digits.is_empty() {
        return None;
    }
    u32::try_from(total).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_and_reject_garbage() {
        assert_eq!(parse_duration_minutes("30m"), Some(30));
        assert_eq!(parse_duration_minutes("4h"), Some(240));
        assert_eq!(parse_duration_minutes("2d"), Some(2880));
        assert_eq!(parse_duration_minutes("1h 30m"), Some(90));
        assert_eq!(parse_duration_minutes("30"), None);
        assert_eq!(parse_duration_minutes("h"), None);
        assert_eq!(parse_duration_minutes("5x"), None);
        assert_eq!(parse_duration_minutes("99999999999999999999d"), None);
    }

    #[test]
    fn range_messages_state_both_bounds() {
        assert_eq!(
            NumberRange::NON_NEGATIVE.describe(),
            "a number from 0 to 1000000000"
        );
        assert_eq!(
            NumberRange::HOURS.describe(),
            "a number above 0 and at most 24"
        );
        assert!(!NumberRange::NON_NEGATIVE.admits(1e9 + 1.0));
        assert!(!NumberRange::NON_NEGATIVE.admits(f64::NAN));
        assert!(NumberRange::NON_NEGATIVE.admits(1e9));
    }

    #[test]
    fn long_cycles_are_shortened() {
        assert_eq!(cycle_text(&["a", "b"]), "a → b → a");
        let names: Vec<String> = (0..30_000).map(|i| format!("w{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let text = cycle_text(&names);
        assert!(text.len() < 200, "{text}");
        assert!(text.ends_with("w29999 → w0 (30000 in the cycle)"), "{text}");
    }

    #[test]
    fn did_you_mean_reads_serde_messages() {
        let m = "unknown field `deadlin`, expected one of `id`, `deadline`, `start`";
        assert_eq!(
            did_you_mean(m).as_deref(),
            Some("did you mean \"deadline\"?")
        );
        let m = "unknown variant `gaa`, expected one of `ga`, `beta`";
        assert_eq!(did_you_mean(m).as_deref(), Some("did you mean \"ga\"?"));
        assert_eq!(did_you_mean("invalid type: integer"), None);
    }
}
