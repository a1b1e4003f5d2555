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
    /// Deals planned on a guess (beside the others of their chunk, in what
    /// the chunks before left), and how many of those guesses held: what
    /// guessing saved, which the plans alone cannot tell.
    pub guessed: usize,
    pub kept: usize,
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
    let (mut guessed, mut kept) = (0, 0);
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
        guessed += chunk.len();
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
        kept += right;
        if right * 2 < chunk.len() {
            skip = backoff;
            backoff = (backoff * 2).min(64);
        } else {
            backoff = 1;
        }
    }
    Forward {
        grids,
        deals: out,
        guessed,
        kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_catalog;
    use crate::scheduler::Plan;
    use crate::testing::{d, item};
    use chrono::Days;

    fn catalog() -> Prepared {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/catalog.toml");
        Prepared::new(load_catalog(&path).expect("the example catalog"))
    }

    /// A deal of `days` person-days on `team`, free to start on `start`,
    /// due `weeks` later.
    fn deal(team: usize, days: f64, start: NaiveDate, weeks: u64) -> Commitment {
        Commitment {
            start,
            deadline: start + Days::new(7 * weeks),
            items: vec![item(team, days, &[])],
        }
    }

    /// The reference: each deal booked alone in what the ones before it left.
    fn one_by_one(catalog: &Prepared, deals: &[Commitment]) -> Vec<Planned> {
        let mut grids = CapacityGrids::holding(catalog.grids().held().clone());
        let mut planned = Vec::new();
        for deal in deals {
            let f = book_planned(catalog, &grids, std::slice::from_ref(deal));
            planned.extend(f.deals);
            grids = f.grids;
        }
        planned
    }

    /// The same plans: lateness, schedule, and the days each team gives,
    /// in person-days equal up to the engine's float residue (a plan made
    /// in other grids sums its days in other bulks: about 1e-11).
    fn same_plans(
        catalog: &Prepared,
        deals: &[Commitment],
        guessed: &[Planned],
        one_by_one: &[Planned],
    ) {
        let near = |x: f64, y: f64| (x - y).abs() < 1e-9;
        let calendars = catalog.calendars();
        assert_eq!(guessed.len(), one_by_one.len());
        for (i, ((a, b), deal)) in guessed.iter().zip(one_by_one).zip(deals).enumerate() {
            assert_eq!(a.late, b.late, "deal {i}");
            let plan = Plan {
                calendar: &calendars.work,
                teams: &calendars.teams,
                items: &deal.items,
                start: deal.start,
                deadline: deal.deadline,
                booked: None,
                grids: None,
            };
            let schedule = |p: &Planned| {
                p.judged
                    .as_ref()
                    .and_then(|j| j.schedule_of(&plan))
                    .cloned()
            };
            let (sa, sb) = (schedule(a).expect("judged"), schedule(b).expect("judged"));
            assert_eq!(
                (&sa.items, sa.delivery, sa.slack_working_days),
                (&sb.items, sb.delivery, sb.slack_working_days),
                "deal {i}"
            );
            assert!(near(sa.open_person_days, sb.open_person_days), "deal {i}");
            assert!(near(sa.overtime_hours, sb.overtime_hours), "deal {i}");
            let (ua, ub) = (&a.booking.usage, &b.booking.usage);
            assert_eq!(ua.len(), ub.len(), "deal {i}");
            for (x, y) in ua.iter().zip(ub) {
                assert_eq!((x.team, x.day), (y.team, y.day), "deal {i}");
                assert!(near(x.person_days, y.person_days), "deal {i}: {x:?} {y:?}");
            }
        }
    }

    /// Chunks of deals that hardly meet inside their chunk (each its own
    /// month) but each meets the deal of the chunk before in the same
    /// month on the same team: guesses made in what the chunks before left
    /// mostly hold, and the plans are the ones booked one by one.
    #[test]
    fn guesses_in_what_earlier_chunks_left_mostly_hold_and_plan_as_one_by_one() {
        let catalog = catalog();
        let teams = catalog.catalog().teams.len();
        let deals: Vec<Commitment> = (0..4 * GUESSED_AT_ONCE)
            .map(|i| {
                let slot = (i % GUESSED_AT_ONCE) as u64;
                let start = d(2027, 1, 4) + Days::new(35 * slot);
                deal(slot as usize % teams, 30.0, start, 4)
            })
            .collect();
        let guessed = book_planned(&catalog, catalog.grids(), &deals);
        let planned = one_by_one(&catalog, &deals);
        same_plans(&catalog, &deals, &guessed.deals, &planned);
        assert!(guessed.deals.iter().any(|p| p.late), "the chunks meet");
        // Every chunk guessed, each in what the chunks before it left: most
        // guesses hold (in what the catalog alone leaves, chunk 1's would
        // fail and chunk 2 would be planned without guessing).
        assert_eq!(guessed.guessed, deals.len());
        assert!(guessed.kept * 4 >= guessed.guessed * 3, "{}", guessed.kept);
    }

    /// A full book (every deal on one team, each meeting the one before):
    /// guesses fail, so the next chunk is planned without guessing, then
    /// two, doubling; the plans are still the ones booked one by one.
    #[test]
    fn after_failed_guesses_chunks_are_planned_without_guessing_for_longer_each_time() {
        let catalog = catalog();
        let deals: Vec<Commitment> = (0..6 * GUESSED_AT_ONCE)
            .map(|i| deal(0, 10.0, d(2027, 1, 4) + Days::new(i as u64 % 7), 2))
            .collect();
        let guessed = book_planned(&catalog, catalog.grids(), &deals);
        let planned = one_by_one(&catalog, &deals);
        same_plans(&catalog, &deals, &guessed.deals, &planned);
        // Chunk 0 guessed (fails), 1 planned, 2 guessed (fails), 3 and 4
        // planned, 5 guessed: one chunk, two, then four without guessing.
        assert_eq!(guessed.guessed, 3 * GUESSED_AT_ONCE);
        assert!(guessed.kept * 2 < guessed.guessed, "{}", guessed.kept);
    }
}
