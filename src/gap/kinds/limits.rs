//! L001–L003: requirements against the catalog's limits.

use super::{Text, nearest_or, text};
use crate::gap::GapCode;
use schemars::JsonSchema;
use serde::Serialize;

/// L001: a requirement above a numeric limit (or a list against a maximum).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct OverLimit {
    pub requirement: String,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub limit: f64,
    /// The number asked for; absent when the deal gives a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "crate::figures::ser_amount_opt")]
    pub requested: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "crate::figures::ser_amount_opt")]
    pub over_by: Option<f64>,
    /// The values asked for when the deal gives a list.
    #[serde(skip)]
    pub values: Vec<String>,
}

impl OverLimit {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let key = &self.requirement;
        let max = crate::figures::number_text(self.limit);
        let (message, suggestion) = match self.requested {
            Some(n) => (
                format!(
                    "{key} = {} is above the limit of {max}",
                    crate::figures::number_text(n)
                ),
                format!("at most {max}, or ask operations to raise the limit"),
            ),
            None => (
                format!(
                    "\"{key}\" is limited to a number (at most {max}), but the deal asks for {}",
                    quoted(&self.values)
                ),
                format!("give a number up to {max}"),
            ),
        };
        text(format!("requirements.{key}"), message, Some(suggestion))
    }
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// L002: requirement values the catalog does not offer.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NotOffered {
    pub requirement: String,
    pub not_offered: Vec<String>,
    pub offered: Vec<String>,
}

impl NotOffered {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        text(
            format!("requirements.{}", self.requirement),
            format!(
                "{}: {} not offered",
                self.requirement,
                quoted(&self.not_offered)
            ),
            Some(format!("offered: {}", quoted(&self.offered))),
        )
    }
}

/// L003: a requirement the catalog has no limit for.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct UnknownRequirement {
    pub requirement: String,
    pub nearest: Option<String>,
}

impl UnknownRequirement {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        text(
            format!("requirements.{}", self.requirement),
            format!(
                "the catalog has no limit for \"{}\": operations cannot vouch for it",
                self.requirement
            ),
            nearest_or(
                &self.nearest,
                "ask operations to add a limit for it to the catalog",
            ),
        )
    }
}
