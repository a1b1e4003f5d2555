//! Portfolio mode: signed deals hold the capacity they use; proposed deals are
//! checked against what is left, and together, to see which one first breaks.

use super::{CheckOptions, DealCheck, Prepared, check_deal_with};
use crate::gap::GapCode;
use crate::model::{Deal, DealStatus};
use crate::scheduler::Booked;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

/// What the portfolio of one catalog says about capacity.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PortfolioSummary {
    pub catalog: String,
    /// Signed deals, in the order they were booked (deadline, then path).
    pub signed: Vec<String>,
    /// Signed deals that are themselves late: operations already has a problem.
    pub signed_late: Vec<String>,
    pub proposed: usize,
    /// True when every proposed deal is on time with all of them booked
    /// together (in deadline order) on top of the signed ones.
    pub proposed_fit_together: bool,
    /// The first proposed deal (deadline order) that is late once the ones
    /// before it are booked.
    pub first_breaking: Option<String>,
}

/// Checks the deals of one catalog as a portfolio; reports come back in the
/// order of `deals`.
pub fn check_portfolio(
    catalog: &Prepared,
    deals: &[Deal],
    options: &CheckOptions,
) -> (Vec<DealCheck>, PortfolioSummary) {
    let mut order: Vec<usize> = (0..deals.len()).collect();
    order.sort_by(|&a, &b| {
        (deals[a].deadline, &deals[a].path).cmp(&(deals[b].deadline, &deals[b].path))
    });
    let (signed, proposed): (Vec<usize>, Vec<usize>) = order
        .into_iter()
        .partition(|&i| deals[i].status == DealStatus::Signed);

    let mut reports: Vec<Option<DealCheck>> = vec![None; deals.len()];
    let booked = book_signed(
        catalog,
        signed.iter().map(|&i| (i, &deals[i])),
        options,
        |i, report, _| reports[i] = Some(report),
    );
    let alone: Vec<(usize, DealCheck)> = proposed
        .par_iter()
        .map(|&i| {
            (
                i,
                check_deal_with(catalog, &deals[i], options, Some(&booked)).0,
            )
        })
        .collect();
    for (i, r) in alone {
        reports[i] = Some(r);
    }
    let first_breaking = first_breaking(catalog, deals, &proposed, booked, options);
    let summary = PortfolioSummary {
        catalog: catalog.path.display().to_string(),
        signed: signed.iter().map(|&i| deals[i].id.clone()).collect(),
        signed_late: signed
            .iter()
            .filter(|&&i| is_late(reports[i].as_ref()))
            .map(|&i| deals[i].id.clone())
            .collect(),
        proposed: proposed.len(),
        proposed_fit_together: first_breaking.is_none(),
        first_breaking,
    };
    (reports.into_iter().flatten().collect(), summary)
}

/// The one booking rule of portfolio mode: signed deals in deadline order
/// (then path), each checked against the capacity the ones before it hold.
/// `each` gets a deal's index, its check and what was booked before it; the
/// result is what all of them hold.
pub fn book_signed<'d>(
    catalog: &Prepared,
    signed: impl IntoIterator<Item = (usize, &'d Deal)>,
    options: &CheckOptions,
    mut each: impl FnMut(usize, DealCheck, &Booked),
) -> Booked {
    let mut signed: Vec<(usize, &Deal)> = signed.into_iter().collect();
    signed.sort_by(|a, b| (a.1.deadline, &a.1.path).cmp(&(b.1.deadline, &b.1.path)));
    let mut booked = Booked::new();
    for (i, deal) in signed {
        let (report, usage) = check_deal_with(catalog, deal, options, Some(&booked));
        each(i, report, &booked);
        booked.add_usage(&usage);
    }
    booked
}

/// Books proposed deals one after another; the first that turns late breaks.
fn first_breaking(
    catalog: &Prepared,
    deals: &[Deal],
    proposed: &[usize],
    mut booked: Booked,
    options: &CheckOptions,
) -> Option<String> {
    let deterministic = options.deterministic();
    for &i in proposed {
        let (report, usage) = check_deal_with(catalog, &deals[i], &deterministic, Some(&booked));
        if is_late(Some(&report)) {
            return Some(deals[i].id.clone());
        }
        booked.add_usage(&usage);
    }
    None
}

fn is_late(report: Option<&DealCheck>) -> bool {
    report.is_some_and(|r| r.gaps.iter().any(|g| g.code() == GapCode::S001))
}
