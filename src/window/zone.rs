//! Time-zone names: the one resolver behind the catalog's `timezone` and the
//! zone that ends a window, so both accept exactly the same names.

use std::fmt;

use chrono_tz::{TZ_VARIANTS, Tz};

use crate::suggest::{did_you_mean, nearest};

/// A name that is no IANA time zone, with the nearest zone when one is close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneError {
    /// The name as it was handed to [`resolve_zone`].
    pub name: String,
    /// `did you mean "Europe/Berlin"?`, worded as every suggestion is.
    pub did_you_mean: Option<String>,
}

/// `` unknown time zone `Europe/Berln` (did you mean "Europe/Berlin"?) ``, or a
/// pointer to what a zone name looks like when nothing is close.
impl fmt::Display for ZoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.did_you_mean {
            Some(suggestion) => write!(f, "unknown time zone `{}` ({suggestion})", self.name),
            None => write!(
                f,
                "unknown time zone `{}`; expected an IANA name such as Europe/Berlin",
                self.name
            ),
        }
    }
}

impl std::error::Error for ZoneError {}

/// An IANA zone by name, in any case: a user typing `europe/berlin` means
/// Europe/Berlin, and gets that zone (whose [`Tz::name`] is the canonical
/// spelling). Anything else is a [`ZoneError`] with the nearest name, found
/// with [`crate::suggest::nearest`] on the whole name or on its city part, so
/// that `Europe/Berln` and `Berlin` both suggest Europe/Berlin.
pub fn resolve_zone(name: &str) -> Result<Tz, ZoneError> {
    if let Ok(tz) = name.parse::<Tz>() {
        return Ok(tz);
    }
    if let Some(tz) = TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(name))
    {
        return Ok(*tz);
    }
    Err(ZoneError {
        name: name.to_string(),
        did_you_mean: suggestion(name),
    })
}

fn suggestion(name: &str) -> Option<String> {
    let typed = name.replace(' ', "_");
    let names = || TZ_VARIANTS.iter().map(|tz| tz.name());
    did_you_mean(&typed, names()).or_else(|| {
        let city = nearest(&typed, names().map(city_of))?;
        let zone = names().find(|zone| city_of(zone) == city)?;
        // The nearest of one name is that name: worded the shared way.
        did_you_mean(zone, [zone])
    })
}

/// `Berlin` for Europe/Berlin, `Indianapolis` for America/Indiana/Indianapolis.
fn city_of(zone: &str) -> &str {
    zone.rsplit('/').next().unwrap_or(zone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn any_case_resolves_to_the_canonical_zone() {
        assert_eq!(resolve_zone("Europe/Berlin"), Ok(Berlin));
        assert_eq!(resolve_zone("europe/berlin"), Ok(Berlin));
        assert_eq!(resolve_zone("AMERICA/NEW_YORK"), Ok(New_York));
        assert_eq!(resolve_zone("utc"), Ok(chrono_tz::UTC));
        assert_eq!(
            resolve_zone("europe/berlin").map(|tz| tz.name()),
            Ok("Europe/Berlin")
        );
    }

    #[test]
    fn unknown_names_suggest_the_nearest_zone() {
        let e = resolve_zone("Europe/Berln").unwrap_err();
        assert_eq!(
            e.did_you_mean.as_deref(),
            Some("did you mean \"Europe/Berlin\"?")
        );
        assert_eq!(
            e.to_string(),
            "unknown time zone `Europe/Berln` (did you mean \"Europe/Berlin\"?)"
        );
        // The city alone finds its zone; a space stands for the underscore.
        let e = resolve_zone("Berlin").unwrap_err();
        assert_eq!(
            e.did_you_mean.as_deref(),
            Some("did you mean \"Europe/Berlin\"?")
        );
        let e = resolve_zone("New York").unwrap_err();
        assert_eq!(
            e.did_you_mean.as_deref(),
            Some("did you mean \"America/New_York\"?")
        );
    }

    #[test]
    fn far_off_names_get_no_guess() {
        let e = resolve_zone("nowhere at all").unwrap_err();
        assert_eq!(e.did_you_mean, None);
        assert_eq!(
            e.to_string(),
            "unknown time zone `nowhere at all`; expected an IANA name such as Europe/Berlin"
        );
        assert!(resolve_zone("").is_err());
    }
}
