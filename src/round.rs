//! Numbers in reports rounded to what they mean, so JSON never carries float
//! noise (`0.9990000000000001`, `65.22187500000005`): availability fractions
//! to 6 decimals (a percentage with 4), probabilities to 4, person-days,
//! hours and minutes to 2. The rounded value is the nearest `f64` to a short
//! decimal, which serde_json prints in its shortest form.

use serde::Serializer;

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

#[cfg(test)]
mod tests {
    use super::*;

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
