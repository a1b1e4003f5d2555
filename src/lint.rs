//! `dealcheck catalog lint`: likely mistakes in a catalog that loads.
//!
//! A broken catalog is every load error (exit 2); what loads but is probably
//! wrong is a coded finding (C001–C006), so it reaches every output format
//! like a deal's gaps do.

use crate::gap::{
    CatalogFeature, CatalogTeam, Gap, GapKind, Overcommitted, RequiresConflict, suppress,
};
use crate::model::{Catalog, Feature, FeatureId, FeatureStatus, Undeliverable};

/// Every finding about a catalog that loads, in file order.
pub fn lint(c: &Catalog) -> Vec<Gap> {
    let mut out = Vec::new();
    let mut conflicted = vec![false; c.features.len()];
    for f in &c.features {
        for other in &f.conflicts {
            conflicted[other.index()] = true;
        }
    }
    for (i, f) in c.features.iter().enumerate() {
        let mut kinds = feature_findings(f);
        // Only a feature in some conflict can require its own conflict: the
        // others skip the walk, so a long `requires` chain stays linear.
        let in_conflict = !f.conflicts.is_empty() || conflicted[i];
        let conflicting = if in_conflict {
            self_conflicts(c, FeatureId::from(i))
        } else {
            Vec::new()
        };
        for other in conflicting {
            kinds.push(GapKind::RequiresConflict(RequiresConflict {
                feature: f.id.clone(),
                conflicts_with: other.to_string(),
            }));
        }
        out.extend(kinds.into_iter().map(|k| Gap::new(k).at(&f.location)));
    }
    for t in &c.teams {
        let mut kinds = Vec::new();
        if t.people == 0 {
            kinds.push(GapKind::TeamWithoutPeople(CatalogTeam {
                team: t.id.clone(),
            }));
        }
        for cm in t.commitments.iter().filter(|cm| cm.people > t.people) {
            kinds.push(GapKind::OvercommittedTeam(Overcommitted {
                team: t.id.clone(),
                people: t.people,
                commitment: cm.what.clone(),
                committed: cm.people,
            }));
        }
        out.extend(kinds.into_iter().map(|k| Gap::new(k).at(&t.location)));
    }
    suppress(&mut out);
    out
}

/// C001–C003: fields that do not fit the feature's status.
fn feature_findings(f: &Feature) -> Vec<GapKind> {
    let fact = || CatalogFeature {
        feature: f.id.clone(),
        status: f.status,
    };
    let planned = f.status == FeatureStatus::Planned;
    let mut kinds = Vec::new();
    if f.undeliverable() == Some(Undeliverable::Undated) {
        kinds.push(GapKind::PlannedWithoutDate(fact()));
    }
    if f.work.is_some() && !planned {
        kinds.push(GapKind::WorkNeverScheduled(fact()));
    }
    if f.eta.is_some() && !planned {
        kinds.push(GapKind::EtaIgnored(fact()));
    }
    kinds
}

/// Features that `id` requires (transitively) and also conflicts with, by id.
fn self_conflicts(c: &Catalog, id: FeatureId) -> Vec<&str> {
    let mut names: Vec<&str> = c
        .requires_closure(id)
        .into_iter()
        .filter(|&r| c.in_conflict(id, r))
        .map(|r| c.feature_at(r).id.as_str())
        .collect();
    names.sort_unstable();
    names
}
