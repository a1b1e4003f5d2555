//! Availability checks A001–A007: the promise against tiers and components.

use super::scope::ScopeEntry;
use crate::gap::Gap;
use crate::model::{Catalog, Deal};

/// The availability section of a deal's report.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct AvailabilitySection {}

pub fn check(
    _catalog: &Catalog,
    _deal: &Deal,
    _scope: &[ScopeEntry],
) -> (Vec<Gap>, Option<AvailabilitySection>) {
    (Vec::new(), None)
}

impl AvailabilitySection {
    /// The section in a few plain lines for the human report.
    pub fn human_lines(&self) -> Vec<String> {
        Vec::new()
    }
}
