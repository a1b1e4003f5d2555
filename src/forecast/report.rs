//! The forecast as every format writes it (`dealcheck schema forecast`).

use crate::figures::{ser_amount, ser_date, ser_probability, ser_probability_opt};
use crate::report::Tool;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// What the pipeline will cost operations, per team and period.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Forecast {
    pub schema_version: u32,
    pub tool: Tool,
    #[serde(serialize_with = "ser_date")]
    pub as_of: NaiveDate,
    /// `month` or `week`.
    pub by: String,
    /// Outcomes weighed: win combinations when `exact`, else trials run.
    pub trials: u32,
    /// Every win combination enumerated with its probability (fixed
    /// efforts, few proposed deals): the figures are exact.
    pub exact: bool,
    /// The cap on trials (`--trials`), reached: some figure may not be
    /// known to ±0.02 yet.
    pub capped: bool,
    /// The seed of the trials.
    pub seed: u64,
    /// Signed deals booked in every outcome.
    pub signed: usize,
    pub teams: Vec<TeamForecast>,
    /// The proposed deals, those that drive overtime most first.
    pub deals: Vec<DealForecast>,
    /// Per team, its period most likely short, with the deal that drives it.
    pub shortfalls: Vec<Shortfall>,
}

/// One team of one catalog, period by period.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct TeamForecast {
    pub catalog: String,
    pub team: String,
    pub periods: Vec<PeriodForecast>,
}

/// One team's period.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PeriodForecast {
    /// `2027-03` or `2027-W09`.
    pub period: String,
    /// First day (the first period starts today).
    #[serde(serialize_with = "ser_date")]
    pub from: NaiveDate,
    #[serde(serialize_with = "ser_date")]
    pub to: NaiveDate,
    /// Person-days the team can give deals (focus × free people on its
    /// working days: commitments and holidays off).
    #[serde(serialize_with = "ser_amount")]
    pub available: f64,
    /// Person-days booked, averaged over the outcomes.
    #[serde(serialize_with = "ser_amount")]
    pub expected_load: f64,
    /// The load 85% of outcomes stay within: with `expected_load`, the band
    /// the page draws.
    #[serde(serialize_with = "ser_amount")]
    pub p85_load: f64,
    /// Share of outcomes with work open at a deadline in the period.
    #[serde(serialize_with = "ser_probability")]
    pub p_overtime: f64,
    /// Work open at the period's deadlines × `hours_per_day`, averaged.
    #[serde(serialize_with = "ser_amount")]
    pub expected_overtime_hours: f64,
    /// The overtime hours 85% of outcomes stay within.
    #[serde(serialize_with = "ser_amount")]
    pub p85_overtime_hours: f64,
    /// Person-days to add so that P(overtime) ≤ 1 − `confidence`: the
    /// `confidence` quantile of the work open at the period's deadlines.
    #[serde(serialize_with = "ser_amount")]
    pub add_person_days: f64,
}

/// One proposed deal and the risk it brings.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct DealForecast {
    pub path: String,
    pub id: String,
    /// The chance of winning it (its own, else the catalog's default).
    #[serde(serialize_with = "ser_probability")]
    pub probability: f64,
    /// Share of the outcomes that win it in which it is delivered by its
    /// deadline; null when no outcome wins it.
    #[serde(serialize_with = "ser_probability_opt")]
    pub p_on_time_if_won: Option<f64>,
    /// P(overtime in some team's period | won); null when never won.
    #[serde(serialize_with = "ser_probability_opt")]
    pub p_overtime_if_won: Option<f64>,
    /// P(overtime in some team's period | lost); null when never lost.
    #[serde(serialize_with = "ser_probability_opt")]
    pub p_overtime_if_lost: Option<f64>,
}

impl DealForecast {
    /// How much winning it raises the chance of overtime (0 when unknown).
    pub fn drive(&self) -> f64 {
        match (self.p_overtime_if_won, self.p_overtime_if_lost) {
            (Some(won), Some(lost)) => won - lost,
            _ => 0.0,
        }
    }
}

/// A team's period most likely short: what a person can act on.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Shortfall {
    pub catalog: String,
    pub team: String,
    pub period: String,
    #[serde(serialize_with = "ser_probability")]
    pub p_overtime: f64,
    /// Person-days open at the period's deadlines, averaged over the
    /// outcomes that are short.
    #[serde(serialize_with = "ser_amount")]
    pub short_person_days: f64,
    /// As in the period: to bring P(overtime) to 1 − `confidence`.
    #[serde(serialize_with = "ser_amount")]
    pub add_person_days: f64,
    /// The proposed deal whose win raises this period's P(overtime) most;
    /// null when only signed deals make it short.
    pub driver: Option<String>,
}
