//! F001–F009: what the deal lists against the catalog.

use super::{Text, nearest_or, text};
use crate::gap::GapCode;
use crate::model::FeatureStatus;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// F001: a listed id the catalog does not have.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnknownFeature {
    pub feature: String,
    /// The nearest catalog id, if one is close enough to be a typo.
    pub nearest: Option<String>,
}

impl UnknownFeature {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        text(
            format!("features.{}", self.feature),
            format!("\"{}\" is not a feature in the catalog", self.feature),
            nearest_or(
                &self.nearest,
                "ask operations to add it to the catalog, or remove it",
            ),
        )
    }
}

/// F002–F007: a feature in scope whose status is a problem.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FeatureState {
    pub feature: String,
    #[serde(skip)]
    pub name: String,
    pub status: FeatureStatus,
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub eta: Option<NaiveDate>,
    #[serde(serialize_with = "crate::figures::ser_date")]
    pub deadline: NaiveDate,
}

impl FeatureState {
    pub(in crate::gap) fn text(&self, code: GapCode) -> Text {
        let name = self.name.as_str();
        let deadline = self.deadline.to_string();
        let eta = self.eta.map(|d| d.to_string());
        let (message, suggestion) = match (code, eta.as_deref()) {
            (GapCode::F007, _) => (
                ["\"", name, "\" is in beta, not generally available"].concat(),
                "say in the quote that it is a beta feature".to_string(),
            ),
            (GapCode::F002, _) => (
                ["\"", name, "\" is not offered and not on the roadmap"].concat(),
                "remove it, or agree a plan with operations before quoting".to_string(),
            ),
            (GapCode::F003, _) => (
                ["\"", name, "\" is retired and can no longer be sold"].concat(),
                "remove it and offer its replacement".to_string(),
            ),
            (GapCode::F006, eta) => (
                [
                    "\"",
                    name,
                    "\" is planned for ",
                    eta.unwrap_or("no date"),
                    ", on or before the deadline ",
                    &deadline,
                    ": the deal relies on the roadmap holding",
                ].concat(),
                "leave room between the roadmap date and the deadline, or write the dependency into the contract".to_string(),
            ),
            (GapCode::F005, Some(eta)) => (
                [
                    "\"",
                    name,
                    "\" is planned for ",
                    eta,
                    ", after the deadline ",
                    &deadline,
                    ": its work is pulled forward and scheduled against team capacity",
                ].concat(),
                "check the schedule, and confirm with operations that the work may be pulled forward".to_string(),
            ),
            (GapCode::F005, None) => (
                ["\"", name, "\" is planned without a roadmap date: its work is scheduled against team capacity"].concat(),
                "check the schedule, and confirm with operations that the work may be pulled forward".to_string(),
            ),
            (_, Some(eta)) => (
                ["\"", name, "\" is planned for ", eta, ", after the deadline ", &deadline].concat(),
                ["move the deadline to ", eta, " or later, or drop the feature"].concat(),
            ),
            (_, None) => (
                ["\"", name, "\" is planned but has no roadmap date and no work estimate"].concat(),
                "drop the feature, or ask operations for an eta or a work estimate".to_string(),
            ),
        };
        text(
            ["features.", &self.feature].concat(),
            message,
            Some(suggestion),
        )
    }
}

/// F008: a feature in scope only because a listed one requires it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Implied {
    pub feature: String,
    #[serde(skip)]
    pub name: String,
    pub required_by: String,
    pub status: FeatureStatus,
}

impl Implied {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let feature = self.feature.as_str();
        text(
            ["features.", feature].concat(),
            [
                "\"",
                feature,
                "\" (",
                &self.name,
                ") is included because \"",
                &self.required_by,
                "\" requires it",
            ]
            .concat(),
            Some(
                [
                    "list \"",
                    feature,
                    "\" in the deal to make the scope explicit",
                ]
                .concat(),
            ),
        )
    }
}

/// F009: two features in scope that cannot be sold together; the second is
/// the later one in scope order, which the gap is about.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Conflict {
    pub features: [String; 2],
    /// The listed features that brought each of the two in.
    pub via: [String; 2],
}

impl Conflict {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let [a, b] = &self.features;
        text(
            format!("features.{b}"),
            format!("\"{a}\" and \"{b}\" cannot be sold together"),
            Some(format!("choose either \"{a}\" or \"{b}\"")),
        )
    }
}
