//! The features a deal really includes: those it lists, and those they
//! `require`, transitively, in the order the schedule hands out capacity.

use crate::model::{Catalog, Deal};

/// A feature in the deal's scope.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeEntry {
    /// Index into `Catalog::features`.
    pub feature: usize,
    /// Index into `Deal::features` of the listed feature this one is, or
    /// that first pulled it in.
    pub listed: usize,
    /// True when the deal does not list it itself.
    pub implied: bool,
}

/// Listed features in order, each followed by the features it implies
/// (depth first); unknown ids are left out (they are F001 gaps).
pub fn resolve(catalog: &Catalog, deal: &Deal) -> Vec<ScopeEntry> {
    let listed: Vec<Option<usize>> = deal
        .features
        .iter()
        .map(|f| catalog.feature(&f.id))
        .collect();
    let mut seen = vec![false; catalog.features.len()];
    let mut scope = Vec::new();
    for (pos, feature) in listed.iter().enumerate() {
        let Some(root) = *feature else { continue };
        if seen[root] {
            continue;
        }
        seen[root] = true;
        scope.push(ScopeEntry {
            feature: root,
            listed: pos,
            implied: false,
        });
        let mut stack: Vec<usize> = catalog.features[root]
            .requires
            .iter()
            .rev()
            .copied()
            .collect();
        while let Some(f) = stack.pop() {
            if seen[f] || listed.contains(&Some(f)) {
                continue;
            }
            seen[f] = true;
            scope.push(ScopeEntry {
                feature: f,
                listed: pos,
                implied: true,
            });
            stack.extend(catalog.features[f].requires.iter().rev());
        }
    }
    scope
}
