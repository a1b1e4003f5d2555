//! A001–A007: the availability promise against tiers and components.

use super::percent;
use super::{Text, text};
use crate::figures::format_duration_minutes;
use crate::gap::GapCode;
use crate::sla::allowed_downtime_per_month;
use schemars::JsonSchema;
use serde::Serialize;

/// The best eligible tier for a promise it does not meet.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct BestTier {
    pub best_tier: String,
    /// Its worst-case guarantee inside the promised window, a fraction.
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub best_guarantee: f64,
}

/// A001: no eligible tier guarantees the promise in the promised window.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct OverPromise {
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub target: f64,
    #[serde(skip)]
    pub weekly_minutes: u32,
    #[serde(flatten)]
    pub best: Option<BestTier>,
}

impl OverPromise {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let weekly = f64::from(self.weekly_minutes);
        let month = |a| format_duration_minutes(allowed_downtime_per_month(a, weekly));
        let best_text = match &self.best {
            Some(b) => format!(
                "the best eligible tier, \"{}\", guarantees {} inside the promised window ({} of downtime a month)",
                b.best_tier,
                percent(b.best_guarantee),
                month(b.best_guarantee)
            ),
            None => "no eligible tier covers the window".to_string(),
        };
        text(
            "availability.target",
            format!(
                "you promised {} ({} of downtime a month); {best_text}",
                percent(self.target),
                month(self.target)
            ),
            self.best
                .as_ref()
                .map(|b| format!("promise at most {}", percent(b.best_guarantee))),
        )
    }
}

/// A002: a promise of 100%.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Target {
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub target: f64,
    /// The figure to promise instead: what the offer gives for this scope
    /// and window (the best tier's worst case in the window, bounded by
    /// its record and the components, rounded down to 0.01%).
    #[serde(skip)]
    #[schemars(skip)]
    pub instead: Option<Instead>,
}

/// A real figure to promise, over the promised window.
#[derive(Debug, Clone, PartialEq)]
pub struct Instead {
    /// Hundredths of a percent (9958 is 99.58%).
    pub hundredths: u32,
    pub window: String,
    pub weekly_minutes: u32,
}

impl Target {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let suggestion = match &self.instead {
            Some(i) => {
                let fraction = crate::figures::target_fraction(i.hundredths);
                let month = allowed_downtime_per_month(fraction, f64::from(i.weekly_minutes));
                format!(
                    "promise a real figure, e.g. {} ({} of downtime a month over {})",
                    crate::figures::target_text(i.hundredths),
                    format_duration_minutes(month),
                    i.window
                )
            }
            None => "promise a real figure, e.g. 99.9% (43m 50s of downtime a month over 24x7)"
                .to_string(),
        };
        text(
            "availability.target",
            "the deal promises 100% availability: no tier can promise zero downtime",
            Some(suggestion),
        )
    }
}

/// A tier and its window, as the catalog writes them.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TierWindow {
    pub tier: String,
    pub window: String,
}

/// A003: no tier covers the promised window.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NotCovered {
    pub window: String,
    pub tiers: Vec<TierWindow>,
}

impl NotCovered {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let windows: Vec<String> = self
            .tiers
            .iter()
            .map(|t| format!("{} ({})", t.tier, t.window))
            .collect();
        text(
            "availability.window",
            format!(
                "no tier covers the promised window \"{}\" in every week of the year after the deadline",
                self.window
            ),
            Some(if windows.is_empty() {
                "the catalog offers no tiers".to_string()
            } else {
                format!("tiers offer: {}", windows.join("; "))
            }),
        )
    }
}

/// A004: only a tier whose required features the deal lacks would do.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NeedsFeatures {
    pub tier: String,
    pub missing_features: Vec<String>,
    #[serde(skip)]
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub target: f64,
}

impl NeedsFeatures {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let quoted: Vec<String> = self
            .missing_features
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect();
        text(
            "availability.target",
            format!(
                "only tier \"{}\" guarantees {} in the promised window, and it requires {} which the deal lacks",
                self.tier,
                percent(self.target),
                quoted.join(", ")
            ),
            Some(format!(
                "add {} to the deal's features, or lower the promise",
                self.missing_features.join(", ")
            )),
        )
    }
}

/// A005: the promise is above the chosen tier's measured record.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TrackRecord {
    pub tier: String,
    /// The record over the tier's own window.
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub measured: f64,
    /// The record converted to the promised window at worst case.
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub measured_in_window: f64,
}

impl TrackRecord {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        text(
            "availability.target",
            format!(
                "tier \"{}\" guarantees the promise, but its measured record ({}) is only {} inside the promised window",
                self.tier,
                percent(self.measured),
                percent(self.measured_in_window)
            ),
            Some(format!(
                "promise at most {}",
                percent(self.measured_in_window)
            )),
        )
    }
}

/// A006: the promise is above what the components reach together.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Architecture {
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub target: f64,
    /// The product of the components, converted to the promised window.
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub composite: f64,
    pub components: Vec<String>,
}

impl Architecture {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let composite = percent(self.composite);
        text(
            "availability.target",
            [
                "you promised ",
                &percent(self.target),
                ", but the components the deal runs on (",
                &self.components.join(", "),
                ") together reach only ",
                &composite,
                " in the promised window",
            ]
            .concat(),
            Some(["promise at most ", &composite].concat()),
        )
    }
}

/// A007: a support response faster than the chosen tier's.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Support {
    pub promised_minutes: Option<u32>,
    pub tier: String,
    pub offered_minutes: Option<u32>,
}

impl Support {
    pub(in crate::gap) fn text(&self, _: GapCode) -> Text {
        let want = self
            .promised_minutes
            .map(|m| format_duration_minutes(m.into()))
            .unwrap_or_default();
        let offer = self
            .offered_minutes
            .map(|m| format_duration_minutes(m.into()));
        let (message, suggestion) = match &offer {
            Some(o) => (
                format!(
                    "you promised a support response within {want}; tier \"{}\" responds within {o}",
                    self.tier
                ),
                format!("promise {o}, or a tier with faster support"),
            ),
            None => (
                format!(
                    "you promised a support response within {want}; tier \"{}\" promises no response time",
                    self.tier
                ),
                "choose a tier with a support response time".to_string(),
            ),
        };
        text("availability.support_response", message, Some(suggestion))
    }
}
