//! A deal as work items for the schedule: setup of every feature in scope,
//! work of pulled-forward roadmap features, custom items, each after what
//! its feature requires and its `after` — with what the report says of each
//! and the estimate the Monte Carlo draws it from.

use super::ItemKind;
use crate::check::Prepared;
use crate::check::scope::ScopeEntry;
use crate::model::{Amount, Catalog, CustomWork, Deal, Effort, FeatureId, TeamId};
use crate::montecarlo::Estimate;
use crate::scheduler::WorkItem;

/// The deal's work items as the schedule runs them (likely efforts): what
/// the book reserves for a signed deal.
pub fn work_plan(catalog: &Prepared, deal: &Deal) -> Vec<WorkItem> {
    let scope = crate::check::scope::resolve(catalog, deal);
    let work = work_items(catalog, deal, &scope);
    // Collected into a vector of its own size: collected in place, the
    // items would keep the larger allocation of the work they came from,
    // and the book keeps them for every signed deal.
    let mut items = Vec::with_capacity(work.len());
    items.extend(work.into_iter().map(|w| w.item));
    items
}

/// A deal's work items with the estimate the Monte Carlo draws each
/// item's effort from (the items carry the likely effort).
pub fn work_estimates(catalog: &Prepared, deal: &Deal) -> (Vec<WorkItem>, Vec<Estimate>) {
    let scope = crate::check::scope::resolve(catalog, deal);
    work_items(catalog, deal, &scope)
        .into_iter()
        .map(|w| (w.item, estimate(w.about.amount)))
        .unzip()
}

/// A deal's effort as the Monte Carlo draws it.
pub(super) fn estimate(amount: Amount) -> Estimate {
    match amount {
        Amount::Fixed(days) => Estimate::Fixed(days),
        Amount::ThreePoint { low, likely, high } => Estimate::ThreePoint { low, likely, high },
    }
}

/// A work item with what the report says about it.
pub(super) struct Work {
    pub(super) item: WorkItem,
    pub(super) about: About,
}

/// What the report says about a work item, moved into it once scheduled.
pub(super) struct About {
    pub(super) amount: Amount,
    pub(super) name: String,
    pub(super) kind: ItemKind,
    pub(super) feature: Option<String>,
}

/// Setup of every feature in scope, work of pulled-forward roadmap features,
/// then custom items; each following what its feature requires and its `after`.
pub(super) fn work_items(catalog: &Catalog, deal: &Deal, scope: &[ScopeEntry]) -> Vec<Work> {
    // Sized once: at most two items per feature in scope, one per custom item.
    let mut out: Vec<Work> = Vec::with_capacity(2 * scope.len() + deal.custom.len());
    // Per position in scope, the items of that feature.
    let mut by_feature: Vec<Vec<usize>> = Vec::with_capacity(scope.len());
    for entry in scope {
        let f = catalog.feature_at(entry.feature);
        let mut mine = Vec::new();
        if let Some(work) = f.work.as_ref().filter(|_| f.pulled_forward(deal.deadline)) {
            mine.push(push(
                &mut out,
                work,
                ["work on ", f.id.as_str()].concat(),
                ItemKind::Work,
                &f.id,
            ));
        }
        if let Some(setup) = &f.setup {
            let i = push(
                &mut out,
                setup,
                ["setup of ", f.id.as_str()].concat(),
                ItemKind::Setup,
                &f.id,
            );
            out[i].item.after.extend(mine.iter().copied());
            mine.push(i);
        }
        by_feature.push(mine);
    }
    let positions = Positions::of(scope);
    let before = items_before(catalog, scope, &positions, &by_feature);
    for (mine, before) in by_feature.iter().zip(&before) {
        for &i in mine {
            out[i].item.after.extend(before.iter().copied());
        }
    }
    add_custom(catalog, deal, &mut out, &positions, &by_feature);
    out
}

/// Where each feature is in the scope: sorted and searched, a handful of
/// comparisons where a map would hash (and allocate) for every deal.
struct Positions(Vec<(FeatureId, usize)>);

impl Positions {
    fn of(scope: &[ScopeEntry]) -> Positions {
        let mut sorted: Vec<(FeatureId, usize)> = scope
            .iter()
            .enumerate()
            .map(|(at, e)| (e.feature, at))
            .collect();
        sorted.sort_unstable();
        Positions(sorted)
    }

    /// The position of `feature` in the scope, if it is in it.
    fn of_feature(&self, feature: FeatureId) -> Option<usize> {
        self.0
            .binary_search_by(|(f, _)| f.cmp(&feature))
            .ok()
            .map(|i| self.0[i].1)
    }
}

fn push(
    out: &mut Vec<Work>,
    effort: &Effort,
    name: String,
    kind: ItemKind,
    feature: &str,
) -> usize {
    out.push(Work {
        item: WorkItem {
            team: effort.team.index(),
            effort: effort.amount.likely(),
            max_people: effort.max_people,
            after: Vec::new(),
        },
        about: About {
            amount: effort.amount,
            name,
            kind,
            feature: Some(feature.to_string()),
        },
    });
    out.len() - 1
}

/// For each feature in scope (by position), the items its items follow:
/// those of the features it requires, and through a required feature
/// without items, what that one follows in turn. Worked out once per
/// feature, what it requires first, so a long `requires` chain costs one
/// pass rather than one per link.
fn items_before(
    catalog: &Catalog,
    scope: &[ScopeEntry],
    positions: &Positions,
    by_feature: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); scope.len()];
    for at in requires_first(catalog, scope, positions) {
        let mut items = Vec::new();
        for &r in &catalog.feature_at(scope[at].feature).requires {
            let Some(r) = positions.of_feature(r) else {
                continue;
            };
            match &by_feature[r] {
                mine if !mine.is_empty() => items.extend(mine.iter().copied()),
                _ => items.extend(before[r].iter().copied()),
            }
        }
        items.sort_unstable();
        items.dedup();
        before[at] = items;
    }
    before
}

/// The positions of the features in scope, each after every feature it
/// requires (an iterative depth-first post-order: a deep chain cannot
/// overflow the stack). A required feature outside the scope is passed by.
fn requires_first(catalog: &Catalog, scope: &[ScopeEntry], positions: &Positions) -> Vec<usize> {
    let mut seen = vec![false; scope.len()];
    let mut order = Vec::with_capacity(scope.len());
    for start in 0..scope.len() {
        if std::mem::replace(&mut seen[start], true) {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        while let Some((at, next)) = stack.last_mut() {
            let requires = &catalog.feature_at(scope[*at].feature).requires;
            if let Some(&r) = requires.get(*next) {
                *next += 1;
                if let Some(r) = positions.of_feature(r)
                    && !std::mem::replace(&mut seen[r], true)
                {
                    stack.push((r, 0));
                }
            } else {
                order.push(*at);
                stack.pop();
            }
        }
    }
    order
}

fn add_custom(
    catalog: &Catalog,
    deal: &Deal,
    out: &mut Vec<Work>,
    positions: &Positions,
    by_feature: &[Vec<usize>],
) {
    let first = out.len();
    // Custom work for an unknown team is S004 and not scheduled.
    let known: Vec<(&CustomWork, TeamId)> = deal
        .custom
        .iter()
        .filter_map(|c| Some((c, catalog.team(&c.team.id)?)))
        .collect();
    // By name (unique: the loader says so), sorted and searched, so the
    // deal's text is not hashed.
    let mut index: Vec<(&str, usize)> = known
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.name.as_str(), first + i))
        .collect();
    index.sort_unstable();
    let named = |name: &str| {
        index
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .map(|at| index[at].1)
    };
    for &(c, team) in &known {
        let mut after = Vec::new();
        for a in &c.after {
            if let Some(i) = named(a.id.as_str()) {
                after.push(i);
            } else if let Some(at) = catalog.feature(&a.id).and_then(|f| positions.of_feature(f)) {
                let items = &by_feature[at];
                after.extend(items.iter().copied());
            }
        }
        out.push(Work {
            item: WorkItem {
                team: team.index(),
                effort: c.amount.likely(),
                max_people: c.max_people,
                after,
            },
            about: About {
                amount: c.amount,
                name: ["custom: ", c.name.as_str()].concat(),
                kind: ItemKind::Custom,
                feature: None,
            },
        });
    }
}
