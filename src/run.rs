//! A check run: find the deals and their catalogs, check them, and hand each
//! outcome to the caller in path order. Nothing here prints: the binary
//! renders the outcomes and chooses the exit code.

use crate::check::portfolio::{PortfolioSummary, check_portfolio};
use crate::check::{CheckOptions, check_deal};
use crate::load::{self, InputErrors};
use crate::model::{Catalog, Deal};
use crate::report::{CatalogRef, DealReport};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A deal file and the catalog it is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealInput {
    pub deal: PathBuf,
    pub catalog: PathBuf,
}

/// Every deal of a run and the catalogs they need, each loaded once.
#[derive(Debug)]
pub struct Inputs {
    pub deals: Vec<DealInput>,
    pub catalogs: BTreeMap<PathBuf, Catalog>,
}

impl Inputs {
    /// Finds the deal files under `paths` and loads their catalogs.
    pub fn gather(paths: &[PathBuf], named_catalog: Option<&Path>) -> Result<Inputs, InputErrors> {
        let deals = deal_inputs(paths, named_catalog)?;
        let catalogs = load_catalogs(&deals)?;
        Ok(Inputs { deals, catalogs })
    }

    /// The catalog of the first deal, as the report names it.
    pub fn first_catalog(&self) -> Option<CatalogRef> {
        let c = &self.catalogs[&self.deals.first()?.catalog];
        Some(CatalogRef {
            path: c.path.display().to_string(),
            name: c.name.clone(),
        })
    }
}

/// What became of one deal file.
#[derive(Debug)]
pub enum Outcome {
    Judged(Box<DealReport>),
    /// The file could not be judged; every problem, located.
    Unjudged(InputErrors),
}

/// Deals checked at once: enough to keep every core busy, few enough that
/// memory stays flat however many deals there are.
const CHUNK: usize = 256;

/// Checks every deal and hands each outcome to `each` in path order; with
/// `portfolio`, signed deals book capacity first (per catalog) and the
/// summaries are returned. Stops at the first error `each` returns.
pub fn check_each<E>(
    inputs: &Inputs,
    options: &CheckOptions,
    portfolio: bool,
    mut each: impl FnMut(Outcome) -> Result<(), E>,
) -> Result<Vec<PortfolioSummary>, E> {
    if portfolio {
        let (outcomes, summaries) = check_as_portfolio(inputs, options);
        outcomes.into_iter().try_for_each(each)?;
        return Ok(summaries);
    }
    for chunk in inputs.deals.chunks(CHUNK) {
        let outcomes: Vec<Outcome> = chunk
            .par_iter()
            .map(|input| {
                let catalog = &inputs.catalogs[&input.catalog];
                match load::load_deal(&input.deal, catalog) {
                    Ok(deal) => {
                        let check = check_deal(catalog, &deal, options);
                        Outcome::Judged(Box::new(DealReport::new(&deal, check)))
                    }
                    Err(e) => Outcome::Unjudged(e),
                }
            })
            .collect();
        outcomes.into_iter().try_for_each(&mut each)?;
    }
    Ok(Vec::new())
}

/// Loads every deal, then checks each catalog's deals as one portfolio.
fn check_as_portfolio(
    inputs: &Inputs,
    options: &CheckOptions,
) -> (Vec<Outcome>, Vec<PortfolioSummary>) {
    let loaded: Vec<Result<Deal, InputErrors>> = inputs
        .deals
        .par_iter()
        .map(|i| load::load_deal(&i.deal, &inputs.catalogs[&i.catalog]))
        .collect();
    let mut outcomes: Vec<Option<Outcome>> = (0..loaded.len()).map(|_| None).collect();
    let mut summaries = Vec::new();
    for (path, catalog) in &inputs.catalogs {
        let mine: Vec<usize> = (0..loaded.len())
            .filter(|&i| &inputs.deals[i].catalog == path && loaded[i].is_ok())
            .collect();
        let deals: Vec<Deal> = mine
            .iter()
            .filter_map(|&i| loaded[i].as_ref().ok().cloned())
            .collect();
        let (checks, summary) = check_portfolio(catalog, &deals, options);
        for ((i, deal), check) in mine.into_iter().zip(&deals).zip(checks) {
            outcomes[i] = Some(Outcome::Judged(Box::new(DealReport::new(deal, check))));
        }
        summaries.push(summary);
    }
    for (i, l) in loaded.into_iter().enumerate() {
        if let Err(e) = l {
            outcomes[i] = Some(Outcome::Unjudged(e));
        }
    }
    (outcomes.into_iter().flatten().collect(), summaries)
}

/// Each deal file under `paths` with the catalog it is checked against.
fn deal_inputs(
    paths: &[PathBuf],
    named_catalog: Option<&Path>,
) -> Result<Vec<DealInput>, InputErrors> {
    let mut errors = InputErrors::default();
    let mut out = Vec::new();
    for path in paths {
        match crate::discover::deal_files(path, named_catalog) {
            Ok(files) => {
                for deal in files {
                    match load::discover_catalog(named_catalog, &deal) {
                        Ok(catalog) => out.push(DealInput { deal, catalog }),
                        Err(e) => errors.extend(e),
                    }
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    errors.into_result(out)
}

/// Loads every catalog the deals need, once each.
fn load_catalogs(inputs: &[DealInput]) -> Result<BTreeMap<PathBuf, Catalog>, InputErrors> {
    let mut catalogs = BTreeMap::new();
    let mut errors = InputErrors::default();
    for input in inputs {
        if catalogs.contains_key(&input.catalog) {
            continue;
        }
        match load::load_catalog(&input.catalog) {
            Ok(c) => {
                catalogs.insert(input.catalog.clone(), c);
            }
            Err(e) => errors.extend(e),
        }
    }
    errors.into_result(catalogs)
}
