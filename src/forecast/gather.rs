//! A forecast's pipelines from a run's inputs: per catalog, the signed
//! deals of its book and the proposed deals of the run.

use super::Pipeline;
use crate::book::{DealToRead, signed_deals};
use crate::load::InputErrors;
use crate::model::{Deal, DealStatus};
use crate::run::{Each, Inputs, map_each};
use std::path::PathBuf;

/// The pipelines, with the book files that could not be read (warnings:
/// left out of the book, as `check` leaves them); or every problem of the
/// deal files that could not be read.
pub fn pipelines(inputs: &Inputs) -> Result<(Vec<Pipeline<'_>>, Vec<InputErrors>), InputErrors> {
    let mut proposed: Vec<(PathBuf, Deal)> = Vec::new();
    let mut errors = InputErrors::default();
    let _ = map_each(
        inputs,
        |catalog, deal, _| (catalog.path.clone(), deal.deal.clone()),
        |each| -> Result<(), ()> {
            match each {
                Each::Judged((catalog, deal)) if deal.status == DealStatus::Proposed => {
                    proposed.push((catalog, deal));
                }
                Each::Unjudged(e) => errors.extend(e),
                _ => {}
            }
            Ok(())
        },
    );
    errors.into_result(())?;
    let mut warnings = Vec::new();
    let mut out = Vec::new();
    for (path, catalog) in &inputs.catalogs {
        let named: Vec<DealToRead> = inputs
            .deals
            .iter()
            .filter(|d| *d.catalog == **path)
            .map(|d| DealToRead {
                path: d.deal.clone(),
                stdin: None,
            })
            .collect();
        let (signed, unreadable) = signed_deals(path, catalog, &named);
        warnings.extend(unreadable);
        out.push(Pipeline {
            catalog,
            signed,
            proposed: proposed
                .iter()
                .filter(|(c, _)| c == &catalog.path)
                .map(|(_, d)| d.clone())
                .collect(),
        });
    }
    Ok((out, warnings))
}
