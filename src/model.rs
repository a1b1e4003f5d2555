//! The validated catalog and deal: what the checks work on.
//!
//! Everything here has passed range and reference checks in `load`, so the
//! checks never meet a dangling id, a NaN or an impossible date. Items keep
//! the [`Location`] of what a gap about them should point at.

use crate::load::Location;
use crate::window::Window;
use chrono::NaiveDate;
use chrono_tz::Tz;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

pub use crate::load::raw::{DealStatus, FeatureStatus};

impl FeatureStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FeatureStatus::Ga => "ga",
            FeatureStatus::Beta => "beta",
            FeatureStatus::Planned => "planned",
            FeatureStatus::Unplanned => "unplanned",
            FeatureStatus::Retired => "retired",
        }
    }
}

impl DealStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DealStatus::Proposed => "proposed",
            DealStatus::Signed => "signed",
        }
    }
}

/// What operations can deliver.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub path: PathBuf,
    pub name: String,
    pub timezone: Tz,
    pub business_hours: Window,
    pub holidays: BTreeSet<NaiveDate>,
    /// On-time probability below this is at risk (S003).
    pub confidence: f64,
    pub features: Vec<Feature>,
    pub teams: Vec<Team>,
    pub components: Vec<Component>,
    pub tiers: Vec<Tier>,
    pub limits: Vec<Limit>,
    pub(crate) feature_index: HashMap<String, usize>,
    pub(crate) team_index: HashMap<String, usize>,
}

impl Catalog {
    pub fn feature(&self, id: &str) -> Option<usize> {
        self.feature_index.get(id).copied()
    }

    pub fn team(&self, id: &str) -> Option<usize> {
        self.team_index.get(id).copied()
    }

    pub fn limit(&self, key: &str) -> Option<&Limit> {
        self.limits.iter().find(|l| l.key == key)
    }
}

#[derive(Debug, Clone)]
pub struct Feature {
    pub id: String,
    pub name: String,
    pub status: FeatureStatus,
    /// Roadmap date of a planned feature.
    pub eta: Option<NaiveDate>,
    /// Indices into `Catalog::features`.
    pub requires: Vec<usize>,
    pub conflicts: Vec<usize>,
    /// Indices into `Catalog::components`.
    pub components: Vec<usize>,
    /// Per-deal work, even when GA.
    pub setup: Option<Effort>,
    /// Work that would pull a planned feature forward.
    pub work: Option<Effort>,
    pub location: Location,
}

/// Work for one team.
#[derive(Debug, Clone, PartialEq)]
pub struct Effort {
    /// Index into `Catalog::teams`.
    pub team: usize,
    pub amount: Amount,
    /// More people than this do not make the item go faster.
    pub max_people: Option<u32>,
}

/// Person-days: a fixed number or a three-point estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    Days(f64),
    Estimate { low: f64, likely: f64, high: f64 },
}

impl Amount {
    /// The figure the deterministic schedule uses.
    pub fn likely(self) -> f64 {
        match self {
            Amount::Days(d) => d,
            Amount::Estimate { likely, .. } => likely,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub people: u32,
    /// Share of a working day free for deal work, (0, 1].
    pub focus: f64,
    pub hours_per_day: f64,
    pub holidays: BTreeSet<NaiveDate>,
    pub commitments: Vec<Commitment>,
    pub location: Location,
}

/// People already spoken for over an inclusive date range.
#[derive(Debug, Clone)]
pub struct Commitment {
    pub what: String,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub people: u32,
}

#[derive(Debug, Clone)]
pub struct Component {
    pub id: String,
    pub name: String,
    /// A 24x7 fraction in (0, 1].
    pub availability: f64,
}

/// An availability level operations offers.
#[derive(Debug, Clone)]
pub struct Tier {
    pub name: String,
    pub availability: f64,
    pub window: Window,
    /// Minutes.
    pub support_response: Option<u32>,
    /// Indices into `Catalog::features` a deal must include.
    pub requires: Vec<usize>,
    /// Trailing-12-month record.
    pub measured: Option<f64>,
    pub location: Location,
}

/// A limit under `[limits]`: a number is a maximum, a list is the set offered.
#[derive(Debug, Clone)]
pub struct Limit {
    pub key: String,
    pub kind: LimitKind,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub enum LimitKind {
    Max(f64),
    OneOf(Vec<Scalar>),
}

/// A text or number value of a limit set or a requirement.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Text(String),
    Number(f64),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::Text(s) => f.write_str(s),
            Scalar::Number(n) => write!(f, "{n}"),
        }
    }
}

/// A proposed deal, as sales wrote it.
#[derive(Debug, Clone)]
pub struct Deal {
    pub path: PathBuf,
    pub id: String,
    pub customer: String,
    pub owner: Option<String>,
    pub status: DealStatus,
    /// Earliest day work may start; `None` means "as of today".
    pub start: Option<NaiveDate>,
    pub deadline: NaiveDate,
    pub features: Vec<Named>,
    pub availability: Option<AvailabilityPromise>,
    pub requirements: Vec<Requirement>,
    pub custom: Vec<CustomWork>,
    pub location: Location,
    pub start_location: Option<Location>,
    pub deadline_location: Location,
}

/// An id as written in a file, with where it was written.
#[derive(Debug, Clone)]
pub struct Named {
    pub id: String,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct AvailabilityPromise {
    pub target: f64,
    pub window: Window,
    /// Minutes.
    pub support_response: Option<u32>,
    pub location: Location,
    pub target_location: Location,
    pub window_location: Location,
    pub support_location: Option<Location>,
}

#[derive(Debug, Clone)]
pub struct Requirement {
    pub key: String,
    pub value: RequirementValue,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RequirementValue {
    Number(f64),
    /// One or several values, each of which must be offered.
    Values(Vec<Scalar>),
}

/// Promised work the catalog does not have.
#[derive(Debug, Clone)]
pub struct CustomWork {
    pub name: String,
    pub team: Named,
    pub amount: Amount,
    pub max_people: Option<u32>,
    pub after: Vec<Named>,
    pub location: Location,
}
