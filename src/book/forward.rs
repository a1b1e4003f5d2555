//! Booking deals forward, one after another, each in what the ones before
//! it left: the signed deals' own plan, `--portfolio`, `capacity`.
//!
//! Done in two steps so that a long book costs little more than its deals
//! checked side by side: every deal is scheduled in parallel in the
//! capacity the sequence starts from, then the sequence is walked in order;
//! a deal whose every used cell is still free where its turn comes is
//! scheduled exactly the same there (each day it got what it asked or all
//! there was, and all there was is still there), so only deals that meet
//! an earlier one's work are scheduled again.

use crate::check::{Booking, Capacity, CheckOptions, Prepared, check_deal_with};
use crate::gap::GapCode;
use crate::model::Deal;
use crate::scheduler::CapacityGrids;
use rayon::prelude::*;

/// What booking a sequence of deals gave.
#[derive(Debug)]
pub struct Forward {
    /// The capacity the sequence started from, less every deal's plan.
    pub grids: CapacityGrids,
    /// Per deal, in the order given.
    pub deals: Vec<Planned>,
}

/// One deal's plan in a sequence.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// Late (S001) in what the deals before it left.
    pub late: bool,
    pub booking: Booking,
}

/// Books `deals` forward in the order given, starting from what `start`
/// leaves (the deterministic schedule: efforts as likely).
pub fn book_forward(
    catalog: &Prepared,
    start: &CapacityGrids,
    deals: &[&Deal],
    options: &CheckOptions,
) -> Forward {
    let deterministic = options.deterministic();
    let plan = |deal: &Deal, grids: &CapacityGrids| {
        let capacity = Capacity {
            grids,
            booked: None,
            holdings: None,
        };
        let (check, booking) = check_deal_with(catalog, deal, &deterministic, capacity);
        let delivered = check
            .schedule
            .as_ref()
            .is_some_and(|s| s.delivery.is_some());
        let late = check.gaps.iter().any(|g| g.code() == GapCode::S001);
        (Planned { late, booking }, delivered)
    };
    let guesses: Vec<(Planned, bool)> = deals.par_iter().map(|d| plan(d, start)).collect();
    let mut grids = CapacityGrids::holding(start.held().clone());
    let mut out = Vec::with_capacity(deals.len());
    for (deal, (guess, delivered)) in deals.iter().zip(guesses) {
        // A plan that did not deliver may stop at another day with less
        // capacity: only a delivered plan is known to be the same.
        let planned = if delivered && grids.still_free(&guess.booking.usage) {
            guess
        } else {
            plan(deal, &grids).0
        };
        grids.book(&planned.booking.usage);
        out.push(planned);
    }
    Forward { grids, deals: out }
}
