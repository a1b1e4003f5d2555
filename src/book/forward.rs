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

use crate::check::schedule::{booking, work_plan};
use crate::check::{Booking, Capacity, CheckOptions, Judged, Prepared, work_start};
use crate::model::Deal;
use crate::scheduler::{CapacityGrids, WorkItem};
use chrono::NaiveDate;
use rayon::prelude::*;

/// Deals guessed in parallel at once: enough to keep every core busy, few
/// enough that a guess rarely meets the work of a deal guessed beside it.
const GUESSED_AT_ONCE: usize = 64;

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
    /// Its schedule, for its check to reuse (`None` when it has none: a
    /// deadline before its start).
    pub judged: Option<Judged>,
}

/// What booking a deal needs of it: when its work may start, its deadline
/// and its work items (efforts as likely). The book keeps this much of a
/// signed deal while it is planned, not the whole deal.
#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub items: Vec<WorkItem>,
}

impl Commitment {
    /// `deal`'s commitment as of `as_of`.
    pub fn of(catalog: &Prepared, deal: &Deal, as_of: NaiveDate) -> Commitment {
        Commitment {
            start: work_start(deal, as_of),
            deadline: deal.deadline,
            items: work_plan(catalog, deal),
        }
    }
}

/// Books `deals` forward in the order given, starting from what `start`
/// leaves (the deterministic schedule: efforts as likely).
pub fn book_forward(
    catalog: &Prepared,
    start: &CapacityGrids,
    deals: &[&Deal],
    options: &CheckOptions,
) -> Forward {
    let commitments: Vec<Commitment> = deals
        .par_iter()
        .map(|d| Commitment::of(catalog, d, options.as_of))
        .collect();
    book_planned(catalog, start, &commitments)
}

/// [`book_forward`] of deals known by their commitments, in the order given
/// (the deals' commitments are worked out in parallel beforehand: the
/// sequence itself is walked one deal at a time).
pub fn book_planned(catalog: &Prepared, start: &CapacityGrids, deals: &[Commitment]) -> Forward {
    let plan = |deal: &Commitment, grids: &CapacityGrids| {
        let capacity = Capacity {
            grids,
            booked: None,
            holdings: None,
            judged: None,
        };
        let (late, delivered, booking, judged) =
            booking(catalog, deal.start, deal.deadline, &deal.items, capacity);
        let planned = Planned {
            late,
            booking,
            judged,
        };
        (planned, delivered)
    };
    let mut grids = CapacityGrids::holding(start.held().clone());
    let mut out = Vec::with_capacity(deals.len());
    // Chunks left to plan one by one before guessing again, and how many
    // to skip after the next guesses that mostly fail (a full book, where
    // every deal meets the one before it: guessing would only cost).
    let (mut skip, mut backoff) = (0usize, 1usize);
    for (k, chunk) in deals.chunks(GUESSED_AT_ONCE).enumerate() {
        if skip > 0 {
            skip -= 1;
            for deal in chunk {
                let planned = plan(deal, &grids).0;
                grids.book(&planned.booking.usage);
                out.push(planned);
            }
            continue;
        }
        // The first chunk is guessed in what the sequence starts from; each
        // later one in what the chunks before it left.
        let from = if k == 0 { start } else { &grids };
        let guesses: Vec<(Planned, bool)> = chunk.par_iter().map(|d| plan(d, from)).collect();
        let mut right = 0;
        for (deal, (guess, delivered)) in chunk.iter().zip(guesses) {
            // A plan that did not deliver may stop at another day with less
            // capacity: only a delivered plan is known to be the same.
            let planned = if delivered && grids.still_free(&guess.booking.usage) {
                right += 1;
                guess
            } else {
                plan(deal, &grids).0
            };
            grids.book(&planned.booking.usage);
            out.push(planned);
        }
        if right * 2 < chunk.len() {
            skip = backoff;
            backoff = (backoff * 2).min(64);
        } else {
            backoff = 1;
        }
    }
    Forward { grids, deals: out }
}
