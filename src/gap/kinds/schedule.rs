//! S001–S006: the work against the teams' capacity and the calendar.

use super::{Text, nearest_or, text};
use crate::gap::GapCode;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// S001: delivery after the deadline, or not within the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Late {
    #[serde(serialize_with = "crate::figures::ser_date")]
    pub deadline: NaiveDate,
    /// Null when the work is not done within 10 years.
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub delivery: Option<NaiveDate>,
    pub slack_working_days: Option<i64>,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub shortfall_person_days: f64,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub overtime_hours: f64,
    /// The first day work may happen.
    #[serde(skip)]
    pub start: NaiveDate,
    /// The date to promise instead: the delivery, or with three-point
    /// estimates the earliest date that meets the catalog's confidence.
    #[serde(skip)]
    pub promise: Option<NaiveDate>,
    /// The signed deals holding most of the deal's teams between its start
    /// and its deadline (the book's reservations), most first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub held_by: Vec<Holder>,
}

/// A signed deal and the person-days of a late deal's teams it holds
/// before that deal's deadline.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Holder {
    pub id: String,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub person_days: f64,
}

impl Late {
    /// ", signed deals hold the capacity: A (12 person-days), B (3)".
    fn holders(&self) -> String {
        if self.held_by.is_empty() {
            return String::new();
        }
        let named: Vec<String> = self
            .held_by
            .iter()
            .map(|h| format!("{} ({} person-days)", h.id, h.person_days))
            .collect();
        format!(
            "; signed deals hold the capacity before the deadline: {}",
            named.join(", ")
        )
    }

    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let (message, suggestion) = match self.delivery {
            Some(d) => (
                format!(
                    "the work finishes on {d}, {} after the deadline {}: {} person-days are still open at the deadline ({} hours of overtime){}",
                    crate::text::plural(
                        self.slack_working_days.unwrap_or(0).unsigned_abs() as usize,
                        "working day"
                    ),
                    self.deadline,
                    self.shortfall_person_days,
                    self.overtime_hours,
                    self.holders()
                ),
                format!(
                    "promise {} or later, cut scope, or find {} hours of extra capacity",
                    self.promise.unwrap_or(d),
                    self.overtime_hours
                ),
            ),
            None => (
                format!(
                    "the work is not done within 10 years of {} with the teams' capacity: {} person-days are open at the deadline{}",
                    self.start,
                    self.shortfall_person_days,
                    self.holders()
                ),
                "the teams have no free capacity for this work: check the effort and the teams' people and commitments".to_string(),
            ),
        };
        text("deal.deadline", message, Some(suggestion))
    }
}

/// S002: the deadline is before work can start.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct StartAndDeadline {
    #[serde(serialize_with = "crate::figures::ser_date")]
    pub start: NaiveDate,
    #[serde(serialize_with = "crate::figures::ser_date")]
    pub deadline: NaiveDate,
}

impl StartAndDeadline {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        text(
            "deal.deadline",
            format!(
                "the deadline {} is before work can start on {}",
                self.deadline, self.start
            ),
            Some(
                "check `deal.start` and `deal.deadline`: they may be swapped or mistyped"
                    .to_string(),
            ),
        )
    }
}

/// S003: on time with likely estimates, but not often enough.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct LowConfidence {
    #[serde(serialize_with = "crate::figures::ser_probability")]
    pub on_time_probability: f64,
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub confidence: f64,
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub p50: Option<NaiveDate>,
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub p85: Option<NaiveDate>,
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub p95: Option<NaiveDate>,
    #[serde(skip)]
    pub deadline: NaiveDate,
    #[serde(skip)]
    pub trials: u32,
    /// The earliest date that meets the catalog's confidence.
    #[serde(skip)]
    pub promise: Option<NaiveDate>,
}

impl LowConfidence {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let suggestion = match self.promise {
            Some(d) => format!(
                "promise {d} ({:.0}% of simulations finish by then)",
                self.confidence * 100.0
            ),
            None => "reduce the uncertain work or move the deadline".to_string(),
        };
        text(
            "deal.deadline",
            format!(
                "the deadline {} is met with likely estimates, but the chance of finishing on time is only {:.0}% ({} simulations; the catalog asks for {:.0}%)",
                self.deadline,
                self.on_time_probability * 100.0,
                self.trials,
                self.confidence * 100.0
            ),
            Some(suggestion),
        )
    }
}

/// S004: custom work for a team the catalog lacks.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct UnknownTeam {
    pub custom: String,
    pub team: String,
    pub nearest: Option<String>,
    #[serde(skip)]
    pub teams: Vec<String>,
}

impl UnknownTeam {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        text(
            format!("custom.{}.team", self.custom),
            format!(
                "custom work \"{}\" is for team \"{}\", which the catalog does not have",
                self.custom, self.team
            ),
            nearest_or(
                &self.nearest,
                format!("teams in the catalog: {}", self.teams.join(", ")),
            ),
        )
    }
}

/// S005: custom work waiting for something the deal does not have.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct UnknownDependency {
    pub custom: String,
    pub after: String,
    pub nearest: Option<String>,
}

impl UnknownDependency {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        text(
            format!("custom.{}.after", self.custom),
            format!(
                "custom work \"{}\" waits for \"{}\", which is neither a feature of the deal nor custom work",
                self.custom, self.after
            ),
            nearest_or(
                &self.nearest,
                "name a feature id of the deal or another custom item",
            ),
        )
    }
}

/// S006: the deadline has already gone by.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DeadlinePassed {
    #[serde(serialize_with = "crate::figures::ser_date")]
    pub deadline: NaiveDate,
    /// "Today" of the run.
    #[serde(serialize_with = "crate::figures::ser_date")]
    pub as_of: NaiveDate,
}

impl DeadlinePassed {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        text(
            "deal.deadline",
            format!(
                "the deadline {} has already passed (today is {})",
                self.deadline, self.as_of
            ),
            Some(
                "agree a new deadline with the customer: `dealcheck offer` gives the earliest date operations can sign"
                    .to_string(),
            ),
        )
    }
}
