//! The checks: pure functions from a validated catalog and deal to gaps.
//!
//! One module per area; each returns its gaps (and, for schedule and
//! availability, the section of the report it computed). Nothing here prints.

pub mod availability;
pub mod features;
pub mod limits;
pub mod portfolio;
pub mod schedule;
pub mod scope;

use crate::model::{Catalog, Deal};
use crate::report::{DealReport, Verdict};
use chrono::NaiveDate;

/// How a check run is set up.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// "Today": the start of work for deals that name none.
    pub as_of: NaiveDate,
    /// Monte Carlo trials for three-point estimates; 0 = deterministic only.
    pub trials: u32,
    pub seed: u64,
}

/// The default seed, fixed so CI runs are reproducible.
pub const DEFAULT_SEED: u64 = 20_261_127;
/// The default number of Monte Carlo trials.
pub const DEFAULT_TRIALS: u32 = 10_000;

impl CheckOptions {
    pub fn new(as_of: NaiveDate) -> CheckOptions {
        CheckOptions {
            as_of,
            trials: DEFAULT_TRIALS,
            seed: DEFAULT_SEED,
        }
    }
}

/// Checks one deal against the catalog.
pub fn check_deal(catalog: &Catalog, deal: &Deal, options: &CheckOptions) -> DealReport {
    check_deal_with(catalog, deal, options, None).0
}

/// Checks one deal, with capacity already booked by signed deals.
pub fn check_deal_with(
    catalog: &Catalog,
    deal: &Deal,
    options: &CheckOptions,
    booked: Option<&crate::scheduler::Booked>,
) -> (DealReport, Vec<crate::scheduler::Usage>) {
    let scope = scope::resolve(catalog, deal);
    let mut gaps = features::check(catalog, deal, &scope);
    let (schedule_gaps, schedule, usage) = schedule::check(catalog, deal, &scope, options, booked);
    gaps.extend(schedule_gaps);
    let (availability_gaps, availability) = availability::check(catalog, deal, &scope);
    gaps.extend(availability_gaps);
    gaps.extend(limits::check(catalog, deal));
    gaps.sort_by(|a, b| (a.code.area(), &a.location).cmp(&(b.code.area(), &b.location)));
    let report = DealReport {
        path: deal.path.display().to_string(),
        id: deal.id.clone(),
        customer: deal.customer.clone(),
        owner: deal.owner.clone(),
        status: deal.status.as_str().to_string(),
        start: deal.start.unwrap_or(options.as_of),
        deadline: deal.deadline,
        verdict: Verdict::of(&gaps),
        gaps,
        schedule,
        availability,
    };
    (report, usage)
}
