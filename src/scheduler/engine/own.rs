//! The private grids of plans with bookings on top ([`super::Plan::booked`]),
//! kept per thread and shared by the engines that ask for the same one.
//!
//! A plan with bookings runs over its own copy of the shared grid's rows,
//! with what is booked taken off, and suffix sums of its own. Every engine
//! of one check asks for the same copy (the deterministic schedule, the
//! Monte Carlo's short and lone engines), and an offer checks dozens of
//! versions of one deal with the same bookings and start: building the copy
//! and its sums once per engine was most of such a schedule's cost. So the
//! last few copies are kept, each with the columns asked for so far (a
//! column is the same numbers whichever others a copy holds: a plan using
//! others gets a copy with both, which then serves both) and its sums
//! worked out once. Not every column at once: a catalog may have dozens of
//! teams and a deal use two.
//!
//! A copy is reused only for the very same shared grid (held, so it cannot
//! change or be freed meanwhile), rows and bookings (compared by value:
//! the same address may hold other bookings later), so an engine sees
//! exactly the cells and sums it would have built.

use super::super::grid::CapacityGrid;
use super::super::ledger::Booked;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

/// Copies kept per thread: enough for the horizons of one offer's checks
/// (its deadlines' first tries and the full horizon).
const KEPT: usize = 4;

/// One copy and what it was made from.
struct Kept {
    shared: Arc<CapacityGrid>,
    rows: Range<usize>,
    booked: Booked,
    /// The columns the copy holds, ascending.
    columns: Vec<usize>,
    own: Arc<CapacityGrid>,
}

thread_local! {
    /// Most recently used first.
    static KEPT_GRIDS: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
}

/// `rows` of `shared` with what `booked` holds taken off, as a grid of its
/// own holding at least the columns `used` (ascending): the one this
/// thread made last from the same inputs, if kept and holding them.
pub(super) fn without_booked(
    shared: &Arc<CapacityGrid>,
    rows: Range<usize>,
    booked: &Booked,
    used: &[usize],
) -> Arc<CapacityGrid> {
    KEPT_GRIDS.with(|kept| {
        let mut kept = kept.borrow_mut();
        let found = kept
            .iter()
            .position(|k| Arc::ptr_eq(&k.shared, shared) && k.rows == rows && k.booked == *booked);
        let entry = match found.map(|at| kept.remove(at)) {
            Some(entry) if used.iter().all(|c| entry.columns.binary_search(c).is_ok()) => entry,
            before => {
                let mut columns = used.to_vec();
                columns.extend(before.iter().flat_map(|k| k.columns.iter().copied()));
                columns.sort_unstable();
                columns.dedup();
                Kept {
                    own: Arc::new(shared.without_booked(rows.clone(), booked, &columns)),
                    shared: Arc::clone(shared),
                    rows,
                    booked: booked.clone(),
                    columns,
                }
            }
        };
        let own = Arc::clone(&entry.own);
        kept.insert(0, entry);
        kept.truncate(KEPT);
        own
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WorkCalendar;
    use crate::testing::{d, team};

    /// The same shared grid, rows and bookings give the same copy while it
    /// holds the columns asked for, and one holding both when not; other
    /// bookings at the same address, or other rows, give a copy of their
    /// own.
    #[test]
    fn a_copy_is_reused_only_for_the_same_inputs() {
        let cal = WorkCalendar::mon_fri();
        let teams = [team(2, 1.0), team(3, 1.0)];
        let shared = Arc::new(CapacityGrid::build(
            &cal,
            &teams,
            d(2027, 1, 4),
            d(2027, 1, 15),
        ));
        let mut booked = Booked::new();
        booked.add(1, d(2027, 1, 5), 1.5);
        let one = without_booked(&shared, 0..10, &booked, &[1]);
        assert_eq!(
            (one.at(1, 0), one.at(1, 1)),
            (0.0, 1.5),
            "column 0 left out"
        );
        let both = without_booked(&shared, 0..10, &booked, &[0]);
        assert!(!Arc::ptr_eq(&one, &both));
        assert_eq!((both.at(1, 0), both.at(1, 1)), (2.0, 1.5), "both held");
        for used in [&[1][..], &[0, 1]] {
            let again = without_booked(&shared, 0..10, &booked, used);
            assert!(Arc::ptr_eq(&both, &again));
        }
        booked.add(1, d(2027, 1, 5), 1.0);
        let more = without_booked(&shared, 0..10, &booked, &[1]);
        assert!(!Arc::ptr_eq(&both, &more));
        assert_eq!(more.at(1, 1), 0.5);
        let later = without_booked(&shared, 1..10, &booked, &[1]);
        assert!(!Arc::ptr_eq(&more, &later));
        assert_eq!(later.at(0, 1), 0.5);
    }
}
