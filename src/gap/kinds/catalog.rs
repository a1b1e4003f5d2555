//! C001–C006: likely mistakes in a catalog that loads (`catalog lint`).

use super::{Text, text};
use crate::gap::GapCode;
use crate::model::FeatureStatus;
use schemars::JsonSchema;
use serde::Serialize;

/// C001–C003: a catalog feature whose fields do not fit its status.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CatalogFeature {
    pub feature: String,
    pub status: FeatureStatus,
}

impl CatalogFeature {
    pub(in crate::gap) fn text(&self, code: GapCode) -> Text {
        let f = &self.feature;
        let (message, suggestion) = match code {
            GapCode::C001 => (
                format!(
                    "planned feature \"{f}\" has neither an `eta` nor a `work` estimate: deals that include it cannot be dated"
                ),
                "add an `eta`, or a `work` estimate so deals can pull it forward".to_string(),
            ),
            GapCode::C002 => (
                format!(
                    "feature \"{f}\" has `work` but is not planned: the work is never scheduled"
                ),
                format!(
                    "remove `work`, make it `setup`, or set the status to {}",
                    FeatureStatus::Planned.as_str()
                ),
            ),
            _ => (
                format!(
                    "feature \"{f}\" has an `eta` but is {}: the eta is ignored",
                    self.status.as_str()
                ),
                format!(
                    "remove the `eta`, or set the status to {}",
                    FeatureStatus::Planned.as_str()
                ),
            ),
        };
        text(format!("feature.{f}"), message, Some(suggestion))
    }
}

/// C004: a feature that requires something it conflicts with.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RequiresConflict {
    pub feature: String,
    pub conflicts_with: String,
}

impl RequiresConflict {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        text(
            format!("feature.{}", self.feature),
            format!(
                "feature \"{}\" requires \"{}\" but conflicts with it: it can never be sold",
                self.feature, self.conflicts_with
            ),
            Some("remove the conflict or the requirement".to_string()),
        )
    }
}

/// C005: a team with no people.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CatalogTeam {
    pub team: String,
}

impl CatalogTeam {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        text(
            format!("team.{}", self.team),
            format!(
                "team \"{}\" has no people: work for it never finishes",
                self.team
            ),
            Some("give the team its real head count".to_string()),
        )
    }
}

/// C006: a commitment of more people than the team has.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Overcommitted {
    pub team: String,
    pub people: u32,
    pub commitment: String,
    pub committed: u32,
}

impl Overcommitted {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        // A commitment without `what` is named as such, not as "".
        let commitment = match self.commitment.trim() {
            "" => "a commitment with no `what`".to_string(),
            what => format!("\"{what}\""),
        };
        text(
            format!("team.{}", self.team),
            format!(
                "team \"{}\" commits {} {} to {commitment} but has only {}",
                self.team,
                self.committed,
                if self.committed == 1 {
                    "person"
                } else {
                    "people"
                },
                self.people
            ),
            Some("check the commitment's `people` and the team's `people`".to_string()),
        )
    }
}
