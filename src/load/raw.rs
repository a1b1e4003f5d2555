//! The files as written: serde types that keep every value's span.
//!
//! These mirror the TOML exactly and reject unknown keys; turning them into
//! the validated model (and every range check) happens in `load::catalog`
//! and `load::deal`, where each problem can point at its span. A new key is
//! declared here and in `load::shape` (for every-problem messages and the
//! JSON Schema); the shape's tests fail until the two agree.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub use crate::model::{DealStatus, FeatureStatus};

pub type S<T> = Spanned<T>;
/// A value that may be written in several ways (a date as a TOML date or a
/// quoted string; a percentage as "99.9%" or 99.9): decided during validation.
pub type AnyValue = Spanned<toml::Value>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    pub catalog: S<CatalogHeader>,
    #[serde(default)]
    pub feature: Vec<S<Feature>>,
    #[serde(default)]
    pub team: Vec<S<Team>>,
    #[serde(default)]
    pub component: Vec<S<Component>>,
    #[serde(default)]
    pub tier: Vec<S<Tier>>,
    #[serde(default)]
    pub limits: BTreeMap<S<String>, AnyValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogHeader {
    pub name: S<String>,
    pub timezone: Option<S<String>>,
    pub business_hours: Option<S<String>>,
    #[serde(default)]
    pub holidays: Vec<AnyValue>,
    pub confidence: Option<S<f64>>,
    pub default_probability: Option<AnyValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    pub id: S<String>,
    pub name: Option<S<String>>,
    pub status: S<FeatureStatus>,
    pub eta: Option<AnyValue>,
    #[serde(default)]
    pub requires: Vec<S<String>>,
    #[serde(default)]
    pub conflicts: Vec<S<String>>,
    #[serde(default)]
    pub components: Vec<S<String>>,
    pub setup: Option<S<Effort>>,
    pub work: Option<S<Effort>>,
}

/// Work for a team: `days = N` or `estimate = { low, likely, high }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effort {
    pub team: S<String>,
    pub days: Option<S<f64>>,
    pub estimate: Option<S<Estimate>>,
    pub max_people: Option<S<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    pub low: S<f64>,
    pub likely: S<f64>,
    pub high: S<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: S<String>,
    pub name: Option<S<String>>,
    pub people: S<i64>,
    pub focus: Option<S<f64>>,
    pub hours_per_day: Option<S<f64>>,
    #[serde(default)]
    pub holidays: Vec<AnyValue>,
    #[serde(default)]
    pub commitment: Vec<S<Commitment>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub what: Option<S<String>>,
    pub from: AnyValue,
    pub until: AnyValue,
    pub people: S<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: S<String>,
    pub name: Option<S<String>>,
    pub availability: AnyValue,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub name: S<String>,
    pub availability: AnyValue,
    pub window: Option<S<String>>,
    pub support_response: Option<S<String>>,
    #[serde(default)]
    pub requires: Vec<S<String>>,
    pub measured: Option<AnyValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealFile {
    pub deal: S<DealHeader>,
    pub availability: Option<S<AvailabilityPromise>>,
    #[serde(default)]
    pub requirements: BTreeMap<S<String>, AnyValue>,
    #[serde(default)]
    pub custom: Vec<S<Custom>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealHeader {
    pub id: S<String>,
    pub customer: Option<S<String>>,
    pub owner: Option<S<String>>,
    pub status: Option<S<DealStatus>>,
    pub probability: Option<AnyValue>,
    pub start: Option<AnyValue>,
    pub deadline: AnyValue,
    #[serde(default)]
    pub features: Vec<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityPromise {
    pub target: AnyValue,
    pub window: Option<S<String>>,
    pub support_response: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Custom {
    pub name: S<String>,
    pub team: S<String>,
    pub days: Option<S<f64>>,
    pub estimate: Option<S<Estimate>>,
    pub max_people: Option<S<i64>>,
    #[serde(default)]
    pub after: Vec<S<String>>,
}
