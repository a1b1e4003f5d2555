//! A closed set of values a user picks by name: each command's output
//! formats, `--fail-on`, the offer's variant, the schema to print.
//!
//! They are declared here in the library, with their names and one line of
//! help each, so the library needs no argument parser: the binary maps any
//! [`Choice`] to its command line with one generic value parser, which lists
//! [`Choice::ALL`] with their help exactly as `--help` shows them. A new
//! format is a new line in its `choice!` and nothing in the binary.

use std::fmt;

/// A value chosen by name from a fixed list.
pub trait Choice: Copy + Eq + Send + Sync + 'static {
    /// Every value, in the order help lists them.
    const ALL: &'static [Self];

    /// The name a user types (`human`, `at-risk`, `on-date`).
    fn as_str(self) -> &'static str;

    /// What choosing it does, in one line without a final full stop.
    fn help(self) -> &'static str;

    /// Every name, in order.
    fn names() -> Vec<&'static str> {
        Self::ALL.iter().map(|c| c.as_str()).collect()
    }

    /// The value named `name` exactly (names are case-sensitive), or what
    /// the valid names are.
    fn parse(name: &str) -> Result<Self, UnknownChoice> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == name)
            .ok_or_else(|| UnknownChoice {
                given: name.to_string(),
                valid: Self::names(),
            })
    }
}

/// A name that is none of a choice's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownChoice {
    pub given: String,
    /// Every valid name, in order.
    pub valid: Vec<&'static str>,
}

impl fmt::Display for UnknownChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not one of: {}",
            crate::text::escape_control(&self.given),
            self.valid.join(", ")
        )
    }
}

impl std::error::Error for UnknownChoice {}

/// Declares an enum whose variants are chosen by name, each with its help:
///
/// ```text
/// choice! {
///     /// The output formats of `check`.
///     pub enum Format {
///         Human = "human" => "Plain language for people, coloured on a terminal",
///         Json = "json" => "One JSON document (schema_version 1)",
///     }
/// }
/// ```
///
/// The help is also the variant's doc comment. The enum gets [`Choice`],
/// `Display` (its name) and `FromStr` ([`UnknownChoice`] as the error).
macro_rules! choice {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($variant:ident = $text:literal => $help:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $(#[doc = $help] $variant),+
        }

        impl $crate::choice::Choice for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            fn help(self) -> &'static str {
                match self {
                    $($name::$variant => $help),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::choice::Choice::as_str(*self))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::choice::UnknownChoice;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as $crate::choice::Choice>::parse(s)
            }
        }
    };
}

pub(crate) use choice;

#[cfg(test)]
mod tests {
    use super::Choice;

    choice! {
        /// Two ways to go.
        enum Way {
            Up = "up" => "Go up",
            DownHill = "down-hill" => "Go down the hill",
        }
    }

    #[test]
    fn names_help_and_parsing_come_from_one_declaration() {
        assert_eq!(Way::names(), ["up", "down-hill"]);
        assert_eq!(Way::DownHill.help(), "Go down the hill");
        assert_eq!(Way::DownHill.to_string(), "down-hill");
        assert_eq!("up".parse::<Way>(), Ok(Way::Up));
        let e = Way::parse("Up").unwrap_err();
        assert_eq!(e.to_string(), "\"Up\" is not one of: up, down-hill");
        assert_eq!(
            Way::parse("a\x1b").unwrap_err().to_string(),
            "\"a\\u{1b}\" is not one of: up, down-hill"
        );
    }
}
