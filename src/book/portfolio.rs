//! `--portfolio`: the run's proposed deals booked together, forward in
//! deadline order (then path) on top of what the book reserves, each judged
//! with the ones due before it, to see which one first breaks capacity.

use super::{Book, Forward, book_forward};
use crate::check::{Capacity, CheckOptions, Judged, Prepared};
use crate::discover::FileKey;
use crate::model::Deal;
use crate::scheduler::Booked;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;

/// What the portfolio of one catalog says about capacity.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct PortfolioSummary {
    pub catalog: String,
    /// The book's signed deals (ids), in deadline order.
    pub signed: Vec<String>,
    /// Signed deals late in their own forward plan (ids).
    pub signed_late: Vec<String>,
    pub proposed: usize,
    /// True when every proposed deal is on time with all of them booked
    /// together (in deadline order) on top of the signed ones.
    pub proposed_fit_together: bool,
    /// The first proposed deal (deadline order) that is late once the ones
    /// before it are booked.
    pub first_breaking: Option<String>,
}

/// The run's proposed deals of one catalog, booked together.
#[derive(Debug)]
pub struct Portfolio {
    forward: Forward,
    /// Per proposed deal: its plan given back, and its schedule.
    by_file: HashMap<FileKey, (Booked, Option<Judged>)>,
    pub summary: PortfolioSummary,
}

impl Portfolio {
    /// Books `proposed` (with the key of their file) forward in deadline
    /// order in what `catalog`'s grids leave (the book's reservations off).
    pub fn book(
        catalog: &Prepared,
        book: Option<&Book>,
        mut proposed: Vec<(FileKey, Deal)>,
        options: &CheckOptions,
    ) -> Portfolio {
        proposed.sort_by(|a, b| (a.1.deadline, &a.1.path).cmp(&(b.1.deadline, &b.1.path)));
        let order: Vec<&Deal> = proposed.iter().map(|(_, d)| d).collect();
        let mut forward = book_forward(catalog, catalog.grids(), &order, options);
        let first_breaking = forward
            .deals
            .iter()
            .zip(&order)
            .find(|(p, _)| p.late)
            .map(|(_, d)| d.id.clone());
        let by_file = proposed
            .iter()
            .zip(&mut forward.deals)
            .map(|((key, _), p)| {
                let back = Booked::given_back(&p.booking.usage);
                (key.clone(), (back, p.judged.take()))
            })
            .collect();
        let signed = book.map_or(&[][..], |b| &b.signed[..]);
        let summary = PortfolioSummary {
            catalog: catalog.path.display().to_string(),
            signed: signed.iter().map(|s| s.id.clone()).collect(),
            signed_late: signed
                .iter()
                .filter(|s| s.late)
                .map(|s| s.id.clone())
                .collect(),
            proposed: order.len(),
            proposed_fit_together: first_breaking.is_none(),
            first_breaking,
        };
        Portfolio {
            forward,
            by_file,
            summary,
        }
    }

    /// The capacity a proposed deal of the portfolio is judged in: what the
    /// book and the other proposed deals leave (its own plan given back).
    pub fn capacity<'a>(&'a self, catalog: &'a Prepared, key: &FileKey) -> Option<Capacity<'a>> {
        let (booked, judged) = self.by_file.get(key)?;
        Some(Capacity {
            grids: &self.forward.grids,
            booked: Some(booked),
            holdings: catalog.holdings(),
            judged: judged.as_ref(),
        })
    }
}
