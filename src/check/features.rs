//! Feature checks F001–F009: does the catalog have what the deal lists, in a
//! state that can be sold by the deadline?

use super::Prepared;
use super::scope::ScopeEntry;
use crate::gap::{Conflict, FeatureState, Gap, GapKind, Implied, UnknownFeature};
use crate::model::{Catalog, Deal, Feature, FeatureId, FeatureStatus, IdMap, Roadmap};
use std::collections::BTreeSet;

/// Every feature gap of a deal; `scope` is the deal's
/// ([`super::scope::resolve`]), from which unknown ids are told apart.
pub fn check(catalog: &Prepared, deal: &Deal, scope: &[ScopeEntry]) -> Vec<Gap> {
    debug_assert_eq!(scope, super::scope::resolve(catalog, deal).as_slice());
    // At most one gap per unknown id and two per feature in scope, plus
    // the conflicts: sized once, not regrown gap by gap.
    let mut gaps = Vec::with_capacity(deal.features.len() + 2 * scope.len());
    gaps.extend(unknown(catalog, deal, scope));
    for entry in scope {
        let feature = catalog.feature_at(entry.feature);
        let at = &deal.features[entry.listed].location;
        if entry.implied {
            gaps.push(implied(deal, entry, feature).at(at));
        }
        if let Some(kind) = status(feature, deal) {
            gaps.push(Gap::new(kind).at(at));
        }
    }
    gaps.extend(conflicts(catalog, deal, scope));
    gaps
}

/// F001 for every listed id the catalog does not have. A listed feature
/// the scope starts from is known without asking; only the others (a
/// repeat, one an earlier feature requires, or an unknown id) are looked
/// up in the catalog's index.
fn unknown<'a>(
    catalog: &'a Prepared,
    deal: &'a Deal,
    scope: &'a [ScopeEntry],
) -> impl Iterator<Item = Gap> + 'a {
    let mut root = vec![false; deal.features.len()];
    for e in scope.iter().filter(|e| !e.implied) {
        root[e.listed] = true;
    }
    deal.features
        .iter()
        .enumerate()
        .filter(move |(at, f)| !root[*at] && catalog.feature(&f.id).is_none())
        .map(|(_, f)| {
            Gap::new(GapKind::UnknownFeature(UnknownFeature {
                feature: f.id.clone(),
                nearest: catalog.nearest_feature(&f.id).map(str::to_string),
            }))
            .at(&f.location)
        })
}

fn implied(deal: &Deal, entry: &ScopeEntry, feature: &Feature) -> Gap {
    Gap::new(GapKind::ImpliedFeature(Implied {
        feature: feature.id.clone(),
        name: feature.name.clone(),
        required_by: deal.features[entry.listed].id.clone(),
        status: feature.status,
    }))
}

/// The status gap of one feature in scope, if its status is a problem.
fn status(feature: &Feature, deal: &Deal) -> Option<GapKind> {
    let state = FeatureState {
        feature: feature.id.clone(),
        name: feature.name.clone(),
        status: feature.status,
        eta: feature.eta,
        deadline: deal.deadline,
    };
    Some(match feature.status {
        FeatureStatus::Ga => return None,
        FeatureStatus::Beta => GapKind::BetaFeature(state),
        FeatureStatus::Unplanned => GapKind::UnplannedFeature(state),
        FeatureStatus::Retired => GapKind::RetiredFeature(state),
        FeatureStatus::Planned => match feature.roadmap(deal.deadline) {
            Roadmap::OnTime => GapKind::RoadmapDependency(state),
            Roadmap::PulledForward => GapKind::RoadmapPulledForward(state),
            Roadmap::TooLate => GapKind::RoadmapTooLate(state),
        },
    })
}

/// F009: one gap per conflicting pair in scope, in scope order. Linear in
/// the scope: each feature's `conflicts` are looked up by position.
fn conflicts(catalog: &Catalog, deal: &Deal, scope: &[ScopeEntry]) -> Vec<Gap> {
    let position: IdMap<FeatureId, usize> = scope
        .iter()
        .enumerate()
        .map(|(i, e)| (e.feature, i))
        .collect();
    let mut pairs = BTreeSet::new();
    for (i, entry) in scope.iter().enumerate() {
        for other in &catalog.feature_at(entry.feature).conflicts {
            if let Some(&j) = position.get(other).filter(|&&j| j != i) {
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    pairs
        .into_iter()
        .map(|(i, j)| {
            let (a, b) = (&scope[i], &scope[j]);
            let ids = [a, b].map(|e| catalog.feature_at(e.feature).id.clone());
            let via = [a, b].map(|e| deal.features[e.listed].id.clone());
            Gap::new(GapKind::ConflictingFeatures(Conflict {
                features: ids,
                via,
            }))
            .at(&deal.features[b.listed].location)
        })
        .collect()
}
