//! Rule 3: the `on_date` scope, kept greedily in deal order.

use super::Phase2;
use super::decisions::Cause;
use super::edit::Edits;
use super::scope::{Deliverable, kept_names};
use crate::check::{CheckOptions, Prepared, check_deal_with, work_start};
use crate::gap::GapCode;
use crate::model::{Amount, Deal};
use crate::scheduler::Booked;
use chrono::NaiveDate;

/// What the `on_date` variant keeps and what moves to phase 2.
#[derive(Debug, Clone, PartialEq)]
pub struct OnDate {
    pub features: Vec<usize>,
    pub custom: Vec<usize>,
    pub phase_2: Vec<Phase2>,
}

/// Why a kept set misses the deadline, if it does (the most pressing cause).
fn misses(
    catalog: &Prepared,
    deal: &Deal,
    features: &[usize],
    custom: &[usize],
    options: &CheckOptions,
    booked: Option<&Booked>,
) -> Option<Cause> {
    let edits = Edits {
        features: features.to_vec(),
        custom: custom.to_vec(),
        ..Edits::none(deal)
    };
    let (check, _) = check_deal_with(catalog, &edits.apply(deal), options, booked);
    Cause::first(check.gaps.iter().map(|g| g.code()))
}

/// `None` when the deadline is before work can start. Each listed feature,
/// then each custom item, is kept when the kept set still delivers by the
/// deadline with no roadmap date after it (one deterministic schedule per
/// item); then one Monte Carlo checks the confidence, and while it is
/// missed the last kept item with a three-point estimate moves out.
pub fn on_date(
    catalog: &Prepared,
    deal: &Deal,
    deliverable: &Deliverable,
    phase_2_date: NaiveDate,
    options: &CheckOptions,
    booked: Option<&Booked>,
) -> Option<OnDate> {
    if deal.deadline < work_start(deal, options.as_of) {
        return None;
    }
    let deterministic = options.deterministic();
    let mut out = OnDate {
        features: Vec::new(),
        custom: Vec::new(),
        phase_2: Vec::new(),
    };
    for &i in &deliverable.features {
        let mut with = out.features.clone();
        with.push(i);
        match misses(catalog, deal, &with, &[], &deterministic, booked) {
            None => out.features = with,
            Some(cause) => {
                let id = &deal.features[i].id;
                let why = cause.phase_2_why(deal.deadline);
                out.phase_2
                    .push(Phase2::feature(id, phase_2_date, cause.code(), why));
            }
        }
    }
    for &i in &deliverable.custom {
        add_custom(
            catalog,
            deal,
            &mut out,
            i,
            phase_2_date,
            &deterministic,
            booked,
        );
    }
    if options.trials > 0 {
        while misses(catalog, deal, &out.features, &out.custom, options, booked)
            == Some(Cause::Uncertain)
        {
            if !take_back_uncertain(catalog, deal, &mut out, phase_2_date) {
                break;
            }
        }
    }
    Some(out)
}

fn add_custom(
    catalog: &Prepared,
    deal: &Deal,
    out: &mut OnDate,
    i: usize,
    date: NaiveDate,
    options: &CheckOptions,
    booked: Option<&Booked>,
) {
    let c = &deal.custom[i];
    let names = kept_names(catalog, deal, &out.features, &out.custom);
    if let Some(a) = c.after.iter().find(|a| !names.contains(a.id.as_str())) {
        let why = format!("waits for \"{}\", which moves to phase 2", a.id);
        out.phase_2
            .push(Phase2::custom(&c.name, date, GapCode::S001, why));
        return;
    }
    let mut with = out.custom.clone();
    with.push(i);
    match misses(catalog, deal, &out.features, &with, options, booked) {
        None => out.custom = with,
        Some(cause) => out.phase_2.push(Phase2::custom(
            &c.name,
            date,
            cause.code(),
            cause.phase_2_why(deal.deadline),
        )),
    }
}

/// Moves the last kept item with three-point work (and what waits for it)
/// to phase 2; false when there is none.
fn take_back_uncertain(catalog: &Prepared, deal: &Deal, out: &mut OnDate, date: NaiveDate) -> bool {
    let uncertain = |a: Option<Amount>| matches!(a, Some(Amount::ThreePoint { .. }));
    let why = "would make the deadline too uncertain to promise".to_string();
    if let Some(pos) = out
        .custom
        .iter()
        .rposition(|&i| uncertain(Some(deal.custom[i].amount)))
    {
        let c = &deal.custom[out.custom.remove(pos)];
        out.phase_2
            .push(Phase2::custom(&c.name, date, GapCode::S003, why));
    } else if let Some(pos) = out.features.iter().rposition(|&i| {
        catalog.feature(&deal.features[i].id).is_some_and(|f| {
            std::iter::once(f)
                .chain(catalog.requires_closure(f))
                .any(|g| {
                    let g = catalog.feature_at(g);
                    uncertain(g.setup.as_ref().map(|e| e.amount))
                        || uncertain(g.work.as_ref().map(|e| e.amount))
                })
        })
    }) {
        let i = out.features.remove(pos);
        out.phase_2.push(Phase2::feature(
            &deal.features[i].id,
            date,
            GapCode::S003,
            why,
        ));
    } else {
        return false;
    }
    // What waited for the item taken back goes too.
    loop {
        let names = kept_names(catalog, deal, &out.features, &out.custom);
        let Some(pos) = out.custom.iter().position(|&i| {
            deal.custom[i]
                .after
                .iter()
                .any(|a| !names.contains(a.id.as_str()))
        }) else {
            return true;
        };
        let c = &deal.custom[out.custom.remove(pos)];
        out.phase_2.push(Phase2::custom(
            &c.name,
            date,
            GapCode::S003,
            "waits for work that moves to phase 2".to_string(),
        ));
    }
}
