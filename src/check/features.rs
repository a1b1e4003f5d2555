//! Feature checks F001–F009: does the catalog have what the deal lists, in a
//! state that can be sold by the deadline?

use super::scope::ScopeEntry;
use crate::gap::{Gap, GapCode};
use crate::model::{Catalog, Deal, Feature, FeatureStatus};
use serde_json::json;

/// Every feature gap of a deal.
pub fn check(catalog: &Catalog, deal: &Deal, scope: &[ScopeEntry]) -> Vec<Gap> {
    let mut gaps = unknown(catalog, deal);
    for entry in scope {
        let feature = &catalog.features[entry.feature];
        let at = &deal.features[entry.listed].location;
        if entry.implied {
            gaps.push(implied(deal, entry, feature).at(at));
        }
        if let Some(gap) = status(feature, deal) {
            gaps.push(gap.at(at));
        }
    }
    gaps.extend(conflicts(catalog, deal, scope));
    gaps
}

fn unknown(catalog: &Catalog, deal: &Deal) -> Vec<Gap> {
    deal.features
        .iter()
        .filter(|f| catalog.feature(&f.id).is_none())
        .map(|f| {
            let ids = catalog.features.iter().map(|c| c.id.as_str());
            let nearest = crate::suggest::nearest(&f.id, ids);
            let gap = Gap::new(
                GapCode::F001,
                format!("features.{}", f.id),
                format!("\"{}\" is not a feature in the catalog", f.id),
            )
            .at(&f.location)
            .data(json!({ "feature": f.id, "nearest": nearest }));
            match nearest {
                Some(n) => gap.suggest(format!("did you mean \"{n}\"?")),
                None => gap.suggest("ask operations to add it to the catalog, or remove it"),
            }
        })
        .collect()
}

fn implied(deal: &Deal, entry: &ScopeEntry, feature: &Feature) -> Gap {
    let by = &deal.features[entry.listed].id;
    Gap::new(
        GapCode::F008,
        format!("features.{}", feature.id),
        format!(
            "\"{}\" ({}) is included because \"{by}\" requires it",
            feature.id, feature.name
        ),
    )
    .suggest(format!(
        "list \"{}\" in the deal to make the scope explicit",
        feature.id
    ))
    .data(json!({ "feature": feature.id, "required_by": by, "status": feature.status.as_str() }))
}

/// The status gap of one feature in scope, if its status is a problem.
fn status(feature: &Feature, deal: &Deal) -> Option<Gap> {
    let subject = format!("features.{}", feature.id);
    let data = json!({ "feature": feature.id, "status": feature.status.as_str(),
                       "eta": feature.eta, "deadline": deal.deadline });
    let gap = match feature.status {
        FeatureStatus::Ga => return None,
        FeatureStatus::Beta => Gap::new(
            GapCode::F007,
            subject,
            format!("\"{}\" is in beta, not generally available", feature.name),
        )
        .suggest("say in the quote that it is a beta feature"),
        FeatureStatus::Unplanned => Gap::new(
            GapCode::F002,
            subject,
            format!("\"{}\" is not offered and not on the roadmap", feature.name),
        )
        .suggest("remove it, or agree a plan with operations before quoting"),
        FeatureStatus::Retired => Gap::new(
            GapCode::F003,
            subject,
            format!("\"{}\" is retired and can no longer be sold", feature.name),
        )
        .suggest("remove it and offer its replacement"),
        FeatureStatus::Planned => return Some(planned(feature, deal, subject, data)),
    };
    Some(gap.data(data))
}

/// F004/F005/F006: a roadmap feature against the deadline.
fn planned(feature: &Feature, deal: &Deal, subject: String, data: serde_json::Value) -> Gap {
    let name = &feature.name;
    let deadline = deal.deadline;
    match (feature.eta, &feature.work) {
        (Some(eta), _) if eta <= deadline => Gap::new(
            GapCode::F006,
            subject,
            format!("\"{name}\" is planned for {eta}, on or before the deadline {deadline}: the deal relies on the roadmap holding"),
        )
        .suggest("leave room between the roadmap date and the deadline, or write the dependency into the contract"),
        (eta, Some(_)) => Gap::new(
            GapCode::F005,
            subject,
            match eta {
                Some(eta) => format!("\"{name}\" is planned for {eta}, after the deadline {deadline}: its work is pulled forward and scheduled against team capacity"),
                None => format!("\"{name}\" is planned without a roadmap date: its work is scheduled against team capacity"),
            },
        )
        .suggest("check the schedule, and confirm with operations that the work may be pulled forward"),
        (Some(eta), None) => Gap::new(
            GapCode::F004,
            subject,
            format!("\"{name}\" is planned for {eta}, after the deadline {deadline}"),
        )
        .suggest(format!("move the deadline to {eta} or later, or drop the feature")),
        (None, None) => Gap::new(
            GapCode::F004,
            subject,
            format!("\"{name}\" is planned but has no roadmap date and no work estimate"),
        )
        .suggest("drop the feature, or ask operations for an eta or a work estimate"),
    }
    .data(data)
}

/// F009: one gap per conflicting pair in scope.
fn conflicts(catalog: &Catalog, deal: &Deal, scope: &[ScopeEntry]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    for (i, a) in scope.iter().enumerate() {
        for b in &scope[i + 1..] {
            let (fa, fb) = (&catalog.features[a.feature], &catalog.features[b.feature]);
            if !(fa.conflicts.contains(&b.feature) || fb.conflicts.contains(&a.feature)) {
                continue;
            }
            let gap = Gap::new(
                GapCode::F009,
                format!("features.{}", fb.id),
                format!("\"{}\" and \"{}\" cannot be sold together", fa.id, fb.id),
            )
            .at(&deal.features[b.listed].location)
            .suggest(format!("choose either \"{}\" or \"{}\"", fa.id, fb.id))
            .data(json!({ "features": [fa.id, fb.id],
                          "via": [deal.features[a.listed].id, deal.features[b.listed].id] }));
            gaps.push(gap);
        }
    }
    gaps
}
