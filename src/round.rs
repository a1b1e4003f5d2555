//! Numbers in reports rounded to what they mean, so JSON never carries float
//! noise (`0.9990000000000001`, `65.22187500000005`): availability fractions
//! to 6 decimals (a percentage with 4), probabilities to 4, person-days,
//! hours and minutes to 2. The rounded value is the nearest `f64` to a short
//! decimal, which serde_json prints in its shortest form.
//!
//! Dates are written here too, as `YYYY-MM-DD` without going through the
//! formatting machinery: a report holds dozens of them per deal.

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

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
}
