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

pub use forward::{Commitment, Forward, Planned, book_forward, book_planned};
pub use portfolio::{Portfolio, PortfolioSummary};

use crate::check::{Capacity, CheckOptions, Judged, Prepared};
use crate::discover::FileKey;
use crate::load::InputErrors;
use crate::model::Deal;
use crate::scheduler::{Booked, CapacityGrids, Holdings, Plan};
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
    /// The deal as loaded, kept only for a command that books the signed
    /// deals again itself ([`BookUse::Rebook`]: `capacity`); a check keeps
    /// only what is below.
    pub deal: Option<Box<Deal>>,
    /// Late in the signed deals' forward plan.
    pub late: bool,
    /// Its forward plan, given back (negative): booked on top of the
    /// signed grids, it leaves what the other signed deals leave.
    given_back: Booked,
    /// Its schedule there: its forward plan's.
    judged: Option<Judged>,
}

/// What a run does with the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookUse {
    /// Checks deals in what it leaves: the signed deals are reserved and
    /// taken off the catalog's grids.
    Check,
    /// Books every deal again itself (`capacity`): nothing is reserved and
    /// the signed deals are kept whole.
    Rebook,
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

impl read::Kept for (SignedDeal, Commitment) {
    fn id(&self) -> &str {
        &self.0.id
    }
    fn path(&self) -> &Path {
        &self.0.path
    }
}

impl SignedDeal {
    /// A signed deal as read, before the book is planned.
    fn unplanned(deal: Deal, keep: bool) -> SignedDeal {
        SignedDeal {
            path: deal.path.clone(),
            id: deal.id.clone(),
            deadline: deal.deadline,
            deal: keep.then(|| Box::new(deal)),
            late: false,
            given_back: Booked::default(),
            judged: None,
        }
    }
}

impl Book {
    /// Reads the book of the catalog at `path` (its folder's signed deals
    /// and the signed deals among `named`) and plans it forward; for
    /// [`BookUse::Check`] it also reserves it backward and takes the
    /// reservations off `catalog`'s grids.
    pub fn read(
        path: &Path,
        catalog: &mut Prepared,
        named: &[DealToRead],
        options: &CheckOptions,
        book_use: BookUse,
    ) -> Book {
        // Each deal is reduced to what the book keeps and its commitment as
        // soon as it is read: the book never holds every signed deal whole.
        let (keep, reserve_it) = (book_use == BookUse::Rebook, book_use == BookUse::Check);
        let (mut read, unreadable) = read::signed_deals(path, catalog, named, |deal| {
            let commitment = Commitment::of(catalog, &deal, options.as_of);
            (SignedDeal::unplanned(deal, keep), commitment)
        });
        read.sort_by(|a, b| (a.1.0.deadline, &a.1.0.path).cmp(&(b.1.0.deadline, &b.1.0.path)));
        let (keyed, commitments): (Vec<(FileKey, SignedDeal)>, Vec<Commitment>) = read
            .into_iter()
            .map(|(key, (deal, commitment))| ((key, deal), commitment))
            .unzip();
        let mut by_file = HashMap::with_capacity(keyed.len());
        let mut signed: Vec<SignedDeal> = Vec::with_capacity(keyed.len());
        for (key, deal) in keyed {
            by_file.insert(key, signed.len());
            signed.push(deal);
        }
        // The two ways are independent: planned side by side.
        let (forward, reserved) = rayon::join(
            || book_planned(catalog, catalog.grids(), &commitments),
            || reserve_it.then(|| reserve(&signed, &commitments, catalog)),
        );
        drop(commitments);
        if let Some((grids, holdings)) = reserved {
            catalog.reserve(grids, holdings);
        }
        for (deal, planned) in signed.iter_mut().zip(forward.deals) {
            deal.late = planned.late;
            deal.given_back = Booked::given_back(&planned.booking.usage);
            deal.judged = planned.judged;
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
    let (mut deals, unreadable) = read::signed_deals(path, catalog, named, |deal| deal);
    deals.sort_by(|a, b| (a.1.deadline, &a.1.path).cmp(&(b.1.deadline, &b.1.path)));
    (deals.into_iter().map(|(_, d)| d).collect(), unreadable)
}

/// Reserves the signed deals backward, latest deadline first (then the
/// later path): the grids they leave and who holds what.
fn reserve(
    signed: &[SignedDeal],
    commitments: &[Commitment],
    catalog: &Prepared,
) -> (CapacityGrids, Holdings) {
    let mut grids = CapacityGrids::default();
    let mut holdings = Holdings::default();
    let calendars = catalog.calendars();
    for (deal, commitment) in signed.iter().zip(commitments).rev() {
        let plan = Plan {
            calendar: &calendars.work,
            teams: &calendars.teams,
            items: &commitment.items,
            start: commitment.start,
            deadline: commitment.deadline,
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

    /// A check's book keeps of a signed deal what judging it needs, not
    /// the deal; `capacity`'s keeps the deal, to book it again with the
    /// run's. Either way the deal is planned and judged the same.
    #[test]
    fn only_a_book_read_to_book_again_keeps_its_deals_whole() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let catalog_path = dir.path().join("catalog.toml");
        std::fs::write(&catalog_path, include_str!("../../examples/catalog.toml")).unwrap();
        let deal_path = dir.path().join("s.toml");
        std::fs::write(&deal_path, SIGNED).unwrap();
        let options = CheckOptions::new(d(2026, 12, 1));
        let read = |book_use| {
            let mut catalog =
                Prepared::new(load_catalog(&catalog_path).expect("the example catalog"));
            let book = Book::read(&catalog_path, &mut catalog, &[], &options, book_use);
            (book, catalog.holdings().is_some())
        };
        let (checked, reserved) = read(BookUse::Check);
        assert!(reserved, "a check's book is reserved");
        assert_eq!(checked.signed.len(), 1);
        assert!(checked.signed[0].deal.is_none());
        let (rebooked, reserved) = read(BookUse::Rebook);
        assert!(!reserved, "capacity books every deal itself");
        let kept = rebooked.signed[0].deal.as_deref().expect("kept whole");
        assert_eq!(
            (kept.id.as_str(), kept.path.as_path()),
            ("S", deal_path.as_path())
        );
        for book in [&checked, &rebooked] {
            let s = &book.signed[0];
            assert_eq!(
                (s.id.as_str(), s.deadline, s.late),
                ("S", d(2027, 3, 1), false)
            );
            let judged = book
                .signed_capacity(&FileKey::of(&deal_path))
                .expect("its own");
            assert!(judged.judged.is_some(), "its forward plan's schedule");
        }
    }

    /// Two signed files with one id: the book counts the first path once
    /// and names the later file, with the first, as left out; another id is
    /// booked beside it.
    #[test]
    fn a_signed_id_used_twice_is_booked_once() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let catalog_path = dir.path().join("catalog.toml");
        std::fs::write(&catalog_path, include_str!("../../examples/catalog.toml")).unwrap();
        let (first, later) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
        std::fs::write(&first, SIGNED).unwrap();
        std::fs::write(&later, SIGNED.replace("days = 3", "days = 9")).unwrap();
        let other = dir.path().join("c.toml");
        std::fs::write(&other, SIGNED.replace("id = \"S\"", "id = \"T\"")).unwrap();
        let mut catalog = Prepared::new(load_catalog(&catalog_path).expect("the example catalog"));
        let options = CheckOptions::new(d(2026, 12, 1));
        let book = Book::read(&catalog_path, &mut catalog, &[], &options, BookUse::Check);
        let booked: Vec<&Path> = book.signed.iter().map(|s| s.path.as_path()).collect();
        assert_eq!(booked, [first.as_path(), other.as_path()]);
        let problems: Vec<_> = book.unreadable.iter().flat_map(|e| &e.problems).collect();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, later);
        let message = &problems[0].message;
        assert!(message.contains("signed deal id \"S\""), "{message}");
        assert!(message.contains(&first.display().to_string()), "{message}");
    }
}
