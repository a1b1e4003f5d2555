//! The features a deal really includes: those it lists, and those they
//! `require`, transitively, in the order the schedule hands out capacity.

use crate::model::{Catalog, Deal, FeatureId, Step};

/// A feature in the deal's scope.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeEntry {
    pub feature: FeatureId,
    /// Index into `Deal::features` of the listed feature this one is, or
    /// that first pulled it in.
    pub listed: usize,
    /// True when the deal does not list it itself.
    pub implied: bool,
}

/// Listed features in order, each followed by the features it implies
/// (depth first); unknown ids are left out (they are F001 gaps).
pub fn resolve(catalog: &Catalog, deal: &Deal) -> Vec<ScopeEntry> {
    let listed: Vec<Option<FeatureId>> = deal
        .features
        .iter()
        .map(|f| catalog.feature(&f.id))
        .collect();
    let mut is_listed = vec![false; catalog.features.len()];
    for f in listed.iter().flatten() {
        is_listed[f.index()] = true;
    }
    let mut seen = vec![false; catalog.features.len()];
    let mut scope = Vec::new();
    for (pos, feature) in listed.iter().enumerate() {
        let Some(root) = *feature else { continue };
        if std::mem::replace(&mut seen[root.index()], true) {
            continue;
        }
        scope.push(ScopeEntry {
            feature: root,
            listed: pos,
            implied: false,
        });
        catalog.walk_requires(root, &mut seen, |f| {
            if is_listed[f.index()] {
                return Step::Skip;
            }
            scope.push(ScopeEntry {
                feature: f,
                listed: pos,
                implied: true,
            });
            Step::Descend
        });
    }
    scope
}
