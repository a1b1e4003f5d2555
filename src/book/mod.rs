//! The book of a catalog: every signed deal under the catalog's folder and
//! every signed deal named in the run, read once per run
//! (docs/reference.md, "The book").
//!
//! Signed deals are worked two ways:
//! - **forward**, in deadline order (then path), each in what the ones
//!   before it left: their own plan, which judges them (a signed deal late
//!   there is `signed_late`);
//! - **backward**, latest deadline first, each reserved as late as its
//!   deadline and the order of its items allow ([`CapacityGrids::reserve_backward`]):
//!   what they hold when a proposed deal is checked, so the capacity before
//!   a signed deal's work stays free for new deals.
//!
//! The reservations are taken off the catalog's grids once
//! ([`Prepared::reserve`]); every proposed deal of the run, on every thread,
//! is then checked in what is left at no extra cost.

mod forward;
mod portfolio;
mod read;

pub use forward::{Forward, Planned, book_forward, book_planned, work_plans};
pub use portfolio::{Portfolio, PortfolioSummary};

use crate::check::{Capacity, CheckOptions, Judged, Prepared, work_start};
use crate::discover::FileKey;
use crate::load::{InputErrors, Source};
use crate::model::Deal;
use crate::scheduler::{Booked, CapacityGrids, Holdings, Plan, WorkItem};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use read::DealToRead;

/// The signed deals of one catalog and what they hold.
#[derive(Debug)]
pub struct Book {
    pub catalog: PathBuf,
    /// Signed deals in forward order (deadline, then path).
    pub signed: Vec<SignedDeal>,
    /// Files of the book that could not be read, each with its problems.
    pub unreadable: Vec<InputErrors>,
    /// The catalog's capacity less every signed deal's forward plan: a
    /// signed deal is judged in it with its own plan given back.
    signed_grids: CapacityGrids,
    by_file: HashMap<FileKey, usize>,
}

/// A signed deal of the book.
#[derive(Debug)]
pub struct SignedDeal {
    pub path: PathBuf,
    pub id: String,
    pub deadline: NaiveDate,
    /// The deal as loaded (`capacity` books it again with the run's deals).
    pub deal: Deal,
    /// The hash of the text it was parsed from ([`Book::parsed`]).
    text_hash: u64,
    /// Late in the signed deals' forward plan.
    pub late: bool,
    /// Its forward plan, given back (negative): booked on top of the
    /// signed grids, it leaves what the other signed deals leave.
    given_back: Booked,
    /// Its schedule there: its forward plan's.
    judged: Option<Judged>,
}

/// What the JSON report says of one catalog's book.
#[derive(Debug, Clone, Default, Serialize, JsonSchema, PartialEq)]
pub struct BookSummary {
    pub catalog: String,
    /// Every signed deal of the book (paths), in deadline order.
    pub signed: Vec<String>,
    /// Signed deals late in the signed deals' own forward plan.
    pub signed_late: Vec<String>,
    /// Deals of the run marked delivered or lost: not judged.
    pub skipped: Vec<String>,
    /// Files of the book that could not be read: left out of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<Unreadable>,
}

/// A file of the book that could not be read, and why.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Unreadable {
    pub path: String,
    /// Where in the file, when the problem has a place (1-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

impl Book {
    /// Reads the book of the catalog at `path` (its folder's signed deals
    /// and the signed deals among `named`), plans it forward and, with
    /// `reserve_it`, reserves it backward and takes the reservations off
    /// `catalog`'s grids.
    pub fn read(
        path: &Path,
        catalog: &mut Prepared,
        named: &[DealToRead],
        options: &CheckOptions,
        reserve_it: bool,
    ) -> Book {
        let (mut deals, unreadable) = read::signed_deals(path, catalog, named);
        deals.sort_by(|a, b| (a.1.deadline, &a.1.path).cmp(&(b.1.deadline, &b.1.path)));
        let order: Vec<&Deal> = deals.iter().map(|(_, d, _)| d).collect();
        let items = work_plans(catalog, &order);
        // The two ways are independent: planned side by side.
        let (forward, reserved) = rayon::join(
            || book_planned(catalog, catalog.grids(), &order, &items, options),
            || reserve_it.then(|| reserve(catalog, &order, &items, options)),
        );
        if let Some((grids, holdings)) = reserved {
            catalog.reserve(grids, holdings);
        }
        let mut by_file = HashMap::new();
        let mut signed = Vec::with_capacity(deals.len());
        for ((key, deal, text_hash), planned) in deals.into_iter().zip(forward.deals) {
            by_file.insert(key, signed.len());
            signed.push(SignedDeal {
                path: deal.path.clone(),
                id: deal.id.clone(),
                deadline: deal.deadline,
                deal,
                text_hash,
                late: planned.late,
                given_back: Booked::given_back(&planned.booking.usage),
                judged: planned.judged,
            });
        }
        Book {
            catalog: path.to_path_buf(),
            signed,
            unreadable,
            signed_grids: forward.grids,
            by_file,
        }
    }

    /// The capacity a signed deal of the run is judged in: what the other
    /// signed deals' plans leave (its own is given back). `None` for a file
    /// that is not a signed deal of the book.
    pub fn signed_capacity(&self, key: &FileKey) -> Option<Capacity<'_>> {
        let deal = &self.signed[*self.by_file.get(key)?];
        Some(Capacity {
            grids: &self.signed_grids,
            booked: Some(&deal.given_back),
            holdings: None,
            judged: deal.judged.as_ref(),
        })
    }

    /// The deal the book parsed from `source`, when `key` is a signed deal
    /// of the book read under the same path from the same text: the run
    /// does not parse it again.
    pub fn parsed(&self, key: &FileKey, source: &Source) -> Option<Deal> {
        let signed = &self.signed[*self.by_file.get(key)?];
        (signed.path == source.path() && signed.text_hash == read::text_hash(source.text()))
            .then(|| signed.deal.clone())
    }

    /// The summary the reports show, with the run's skipped deals.
    pub fn summary(&self, skipped: Vec<String>) -> BookSummary {
        let text = |p: &Path| p.display().to_string();
        BookSummary {
            catalog: text(&self.catalog),
            signed: self.signed.iter().map(|s| text(&s.path)).collect(),
            signed_late: self
                .signed
                .iter()
                .filter(|s| s.late)
                .map(|s| text(&s.path))
                .collect(),
            skipped,
            unreadable: self
                .unreadable
                .iter()
                .flat_map(|e| &e.problems)
                .map(|p| Unreadable {
                    path: p.path.display().to_string(),
                    line: p.location.as_ref().map(|l| l.line),
                    column: p.location.as_ref().map(|l| l.column),
                    message: p.message.clone(),
                })
                .collect(),
        }
    }
}

/// The signed deals of the catalog at `path` (its folder's and the signed
/// ones among `named`) in forward order (deadline, then path), and the
/// files of the book that could not be read: for a command that books them
/// its own way (`forecast`).
pub fn signed_deals(
    path: &Path,
    catalog: &Prepared,
    named: &[DealToRead],
) -> (Vec<Deal>, Vec<InputErrors>) {
    let (mut deals, unreadable) = read::signed_deals(path, catalog, named);
    deals.sort_by(|a, b| (a.1.deadline, &a.1.path).cmp(&(b.1.deadline, &b.1.path)));
    (deals.into_iter().map(|(_, d, _)| d).collect(), unreadable)
}

/// Reserves the signed deals backward, latest deadline first (then the
/// later path): the grids they leave and who holds what.
fn reserve(
    catalog: &Prepared,
    forward_order: &[&Deal],
    items: &[Vec<WorkItem>],
    options: &CheckOptions,
) -> (CapacityGrids, Holdings) {
    let mut grids = CapacityGrids::default();
    let mut holdings = Holdings::default();
    let calendars = catalog.calendars();
    for (deal, items) in forward_order.iter().zip(items).rev() {
        let plan = Plan {
            calendar: &calendars.work,
            teams: &calendars.teams,
            items,
            start: work_start(deal, options.as_of),
            deadline: deal.deadline,
            booked: None,
            grids: None,
        };
        let usage = grids.reserve_backward(&plan);
        holdings.add(&deal.id, &usage);
    }
    (grids, holdings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CheckOptions;
    use crate::load::load_catalog;
    use crate::testing::d;

    const SIGNED: &str = "[deal]\nid = \"S\"\nstatus = \"signed\"\nstart = 2027-01-04\n\
        deadline = 2027-03-01\n[[custom]]\nname = \"w\"\nteam = \"platform\"\ndays = 3\n";

    /// The run takes the book's parse of a signed deal only for the file
    /// and the text the book read; any other text is parsed afresh.
    #[test]
    fn the_books_parse_is_reused_for_its_own_file_and_text_only() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let catalog_path = dir.path().join("catalog.toml");
        std::fs::write(&catalog_path, include_str!("../../examples/catalog.toml")).unwrap();
        let deal_path = dir.path().join("s.toml");
        std::fs::write(&deal_path, SIGNED).unwrap();
        let mut catalog = Prepared::new(load_catalog(&catalog_path).expect("the example catalog"));
        let options = CheckOptions::new(d(2026, 12, 1));
        let book = Book::read(&catalog_path, &mut catalog, &[], &options, true);
        assert_eq!(book.signed.len(), 1);
        let key = FileKey::of(&deal_path);
        let same = Source::new(deal_path.clone(), SIGNED.to_string());
        assert_eq!(
            book.parsed(&key, &same).map(|d| d.id),
            Some("S".to_string())
        );
        let edited = Source::new(deal_path.clone(), SIGNED.replace("days = 3", "days = 4"));
        assert!(book.parsed(&key, &edited).is_none(), "another text");
        let elsewhere = Source::new(dir.path().join("sub/../s.toml"), SIGNED.to_string());
        assert!(book.parsed(&key, &elsewhere).is_none(), "another path");
        let other = FileKey::of(&catalog_path);
        assert!(
            book.parsed(&other, &same).is_none(),
            "not a deal of the book"
        );
    }
}
