//! Figures: every rounding, tolerance and number or date text in one place.
//!
//! - **Comparing.** [`TOLERANCE`], the one margin within which two computed
//!   figures count as equal.
//! - **Rounding for JSON**, so reports never carry float noise
//!   (`0.9990000000000001`, `65.22187500000005`): availability fractions to 6
//!   decimals (a percentage with 4), probabilities to 4, person-days, hours
//!   and minutes to 2. The rounded value is the nearest `f64` to a short
//!   decimal, which serde_json prints in its shortest form; the `ser_*`
//!   functions apply it in `#[serde(serialize_with = ...)]`.
//! - **Dates** as `YYYY-MM-DD`, written without going through the formatting
//!   machinery: a report holds dozens of them per deal.
//! - **Text for people and for deal files**: percentages (`99.664%`),
//!   durations (`3d 15h 39m 30s`, `4h`), the offer's targets in hundredths of
//!   a percent (`99.58%`), numbers as a deal file writes them.

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

/// How far apart two computed figures may be and still count as equal (an
/// availability meeting a target, leftover capacity counting as none).
/// Float noise in products and window conversions is around 1e-16, and
/// every figure a user writes is far coarser (a target to 0.0001%, 1e-6):
/// 1e-12 absorbs the one without hiding the other.
pub const TOLERANCE: f64 = 1e-12;

fn to(x: f64, decimals: i32) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(decimals);
    let r = (x * scale).round() / scale;
    // Avoid "-0" for tiny negatives.
    if r == 0.0 { 0.0 } else { r }
}

/// An availability or confidence fraction: 0.9990000000000001 → 0.999.
pub fn fraction(x: f64) -> f64 {
    to(x, 6)
}

/// A probability estimated from trials.
pub fn probability(x: f64) -> f64 {
    to(x, 4)
}

/// Person-days, hours, minutes.
pub fn amount(x: f64) -> f64 {
    to(x, 2)
}

macro_rules! serializers {
    ($($name:ident, $opt:ident => $round:ident;)*) => {$(
        /// For `#[serde(serialize_with = ...)]`.
        pub fn $name<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_f64($round(*x))
        }
        /// For `#[serde(serialize_with = ...)]` on an `Option<f64>`.
        pub fn $opt<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
            match x {
                Some(x) => s.serialize_some(&$round(*x)),
                None => s.serialize_none(),
            }
        }
    )*};
}

serializers! {
    ser_fraction, ser_fraction_opt => fraction;
    ser_probability, ser_probability_opt => probability;
    ser_amount, ser_amount_opt => amount;
}

/// A date as chrono writes it (`2027-03-31`), built in place for years
/// 0–9999; chrono itself writes the others (`+12345-01-01`).
pub fn ser_date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let (year, month, day) = (d.year(), d.month(), d.day());
    let Ok(year) = u32::try_from(year) else {
        return d.serialize(s);
    };
    if year > 9999 {
        return d.serialize(s);
    }
    let mut text = *b"0000-00-00";
    for (at, value, width) in [(0, year, 4), (5, month, 2), (8, day, 2)] {
        let mut v = value;
        for i in (at..at + width).rev() {
            text[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    }
    match std::str::from_utf8(&text) {
        Ok(text) => s.serialize_str(text),
        Err(_) => d.serialize(s),
    }
}

/// [`ser_date`] for an optional date (null when absent).
pub fn ser_date_opt<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&Date(*d)),
        None => s.serialize_none(),
    }
}

struct Date(NaiveDate);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ser_date(&self.0, s)
    }
}

/// To 2 decimals as the schedule section computes its person-days and hours
/// (non-finite values pass through; unlike [`amount`], the sign of a zero
/// is kept, as it always was).
pub fn round2(x: f64) -> f64 {
    if x.is_finite() {
        (x * 100.0).round() / 100.0
    } else {
        x
    }
}

/// A fraction as the offer's JSON percentage number (0.9958 → 99.58), to 6
/// decimals of a percent.
pub fn percent(fraction: f64) -> f64 {
    (fraction * 1e8).round() / 1e6
}

/// A percentage rounded DOWN to 0.01%, in hundredths of a percent (9958 is
/// 99.58%). The fraction is first written as a correctly rounded decimal
/// (9 places of percent), then truncated in integer arithmetic, so 0.9958
/// (binary 0.99579999…) is 99.58, never 99.57. Nothing above 0 gives 0.
pub fn floor_hundredths(fraction: f64) -> u32 {
    if fraction.is_nan() || fraction <= 0.0 {
        return 0;
    }
    let text = format!("{:.9}", fraction.min(1.0) * 100.0);
    let (whole, decimals) = text.split_once('.').unwrap_or((&text, "00"));
    let whole: u32 = whole.parse().unwrap_or(0);
    let hundredths: u32 = decimals.get(..2).and_then(|d| d.parse().ok()).unwrap_or(0);
    whole * 100 + hundredths
}

/// `"99.58%"` for 9958, `"99.9%"` for 9990: the text a variant's deal file holds.
pub fn target_text(hundredths: u32) -> String {
    let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
}

/// The fraction loading [`target_text`] gives (the same parse as `load`).
pub fn target_fraction(hundredths: u32) -> f64 {
    let text = target_text(hundredths);
    text.trim_end_matches('%').parse::<f64>().unwrap_or(0.0) / 100.0
}

/// Minutes as the shortest duration text that parses back to them:
/// `"1d"`, `"4h"`, `"90m"`.
pub fn duration_text(minutes: u32) -> String {
    if minutes > 0 && minutes % 1440 == 0 {
        format!("{}d", minutes / 1440)
    } else if minutes > 0 && minutes % 60 == 0 {
        format!("{}h", minutes / 60)
    } else {
        format!("{minutes}m")
    }
}

/// A number as a deal file writes it: `20000`, `2.5`; `1e300`, not 301
/// digits (which TOML would read as a whole number too large to hold).
pub fn number_text(n: f64) -> String {
    bounded_text(n)
}

/// A number a user wrote, for a message: as written when it is of a usual
/// size, in scientific notation when it is huge or tiny (`1e300`, not 301
/// digits), so no message grows with the number.
pub fn bounded_text(x: f64) -> String {
    let size = x.abs();
    if x == 0.0 || !x.is_finite() || (1e-6..1e16).contains(&size) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// A duration in minutes as `3d 15h 39m 30s`, rounded half-up to the second.
///
/// Units run from the largest non-zero one down to the smallest non-zero one
/// (`1h`, `2h 0m 5s`, `43m 50s`); zero, negative and NaN durations are `0s`.
pub fn format_duration_minutes(minutes: f64) -> String {
    let seconds = (minutes * 60.0).round();
    if seconds.is_nan() || seconds < 1.0 {
        return "0s".to_string();
    }
    // `as` saturates for values beyond u64, which is fine for a display string.
    let total = seconds as u64;
    let parts = [
        (total / 86_400, "d"),
        (total % 86_400 / 3_600, "h"),
        (total % 3_600 / 60, "m"),
        (total % 60, "s"),
    ];
    let first = parts.iter().position(|p| p.0 > 0).unwrap_or(3);
    let last = parts.iter().rposition(|p| p.0 > 0).unwrap_or(3);
    parts[first..=last]
        .iter()
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An availability fraction as a percentage with up to 4 decimals, trailing zeros
/// trimmed: `0.99664` → `99.664%`, `1.0` → `100%`.
pub fn format_percent(a: f64) -> String {
    let fixed = format!("{:.4}", a * 100.0);
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    let number = if trimmed == "-0" { "0" } else { trimmed };
    format!("{number}%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Byte for byte what chrono writes, over every representable day.
        #[test]
        fn dates_are_written_as_chrono_writes_them(days in any::<i32>()) {
            let lo = NaiveDate::MIN.num_days_from_ce();
            let hi = NaiveDate::MAX.num_days_from_ce();
            let day = NaiveDate::from_num_days_from_ce_opt(days.clamp(lo, hi)).unwrap();
            let mut ours = Vec::new();
            ser_date(&day, &mut serde_json::Serializer::new(&mut ours)).unwrap();
            prop_assert_eq!(ours, serde_json::to_vec(&day).unwrap());
            let some = serde_json::to_vec(&Wrap2 { d: Some(day) }).unwrap();
            prop_assert_eq!(some, serde_json::to_vec(&serde_json::json!({ "d": day })).unwrap());
        }
    }

    #[test]
    fn common_dates_and_the_edges_of_the_fast_path() {
        for (y, m, d) in [
            (2027, 3, 31),
            (1, 1, 1),
            (0, 12, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 15),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut ours = Vec::new();
            ser_date(&day, &mut serde_json::Serializer::new(&mut ours)).unwrap();
            assert_eq!(String::from_utf8(ours).unwrap(), format!("\"{day:?}\""));
        }
        let none = serde_json::to_string(&Wrap2 { d: None }).unwrap();
        assert_eq!(none, r#"{"d":null}"#);
    }

    #[derive(serde::Serialize)]
    struct Wrap2 {
        #[serde(serialize_with = "ser_date_opt")]
        d: Option<NaiveDate>,
    }

    #[test]
    fn float_noise_is_gone_and_meaning_kept() {
        assert_eq!(fraction(0.9990000000000001).to_string(), "0.999");
        assert_eq!(fraction(0.99664).to_string(), "0.99664");
        assert_eq!(amount(65.22187500000005).to_string(), "65.22");
        assert_eq!(probability(0.28349999).to_string(), "0.2835");
        assert_eq!(amount(-0.001).to_string(), "0");
        assert!(fraction(f64::NAN).is_nan());
        let json = serde_json::to_string(&Wrap { x: 0.1 + 0.2 }).unwrap();
        assert_eq!(json, r#"{"x":0.3}"#);
    }

    #[derive(serde::Serialize)]
    struct Wrap {
        #[serde(serialize_with = "ser_amount")]
        x: f64,
    }

    #[test]
    fn percentages_round_down_in_integers() {
        assert_eq!(floor_hundredths(0.9958), 9958, "never 99.57");
        assert_eq!(floor_hundredths(0.99664), 9966);
        assert_eq!(floor_hundredths(0.999), 9990);
        assert_eq!(
            floor_hundredths(1.0 - (1.0 - 0.999) * 10_080.0 / 3_000.0),
            9966
        );
        assert_eq!(floor_hundredths(0.99999), 9999);
        assert_eq!(floor_hundredths(1.0), 10_000);
        assert_eq!(floor_hundredths(0.0), 0);
        assert_eq!(floor_hundredths(f64::NAN), 0);
        assert_eq!(target_text(9958), "99.58%");
        assert_eq!(target_text(9990), "99.9%");
        assert_eq!(target_text(9900), "99%");
        assert!((target_fraction(9958) - 0.9958).abs() < 1e-15);
        assert_eq!(duration_text(240), "4h");
        assert_eq!(duration_text(30), "30m");
        assert_eq!(duration_text(2880), "2d");
        assert_eq!(duration_text(90), "90m");
    }

    #[test]
    fn duration_formats() {
        assert_eq!(format_duration_minutes(0.0), "0s");
        assert_eq!(format_duration_minutes(-5.0), "0s");
        assert_eq!(format_duration_minutes(f64::NAN), "0s");
        assert_eq!(format_duration_minutes(0.49 / 60.0), "0s");
        assert_eq!(format_duration_minutes(0.5 / 60.0), "1s");
        assert_eq!(format_duration_minutes(60.0), "1h");
        assert_eq!(format_duration_minutes(120.0 + 5.0 / 60.0), "2h 0m 5s");
        assert_eq!(format_duration_minutes(90.0), "1h 30m");
        assert_eq!(format_duration_minutes(1440.0), "1d");
    }

    #[test]
    fn percent_formats() {
        assert_eq!(format_percent(0.99664), "99.664%");
        assert_eq!(format_percent(1.0), "100%");
        assert_eq!(format_percent(0.999), "99.9%");
        assert_eq!(format_percent(0.99999), "99.999%");
        assert_eq!(format_percent(0.123456789), "12.3457%");
        assert_eq!(format_percent(0.0), "0%");
        assert_eq!(format_percent(-0.0), "0%");
    }

    proptest! {
        #[test]
        fn duration_never_panics(m in proptest::num::f64::ANY) {
            prop_assert!(format_duration_minutes(m).ends_with('s')
                || format_duration_minutes(m).ends_with(['m', 'h', 'd']));
        }
    }

    /// One tolerance, by name: no other file writes its figure.
    #[test]
    fn the_tolerance_is_written_once() {
        for (path, text) in crate::testing::sources("src") {
            if !path.ends_with("src/figures.rs") {
                assert!(!text.contains("1e-12"), "{} writes 1e-12", path.display());
            }
        }
    }
}
