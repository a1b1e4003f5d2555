//! Rule 1: what neither variant can include, and why.

use super::Dropped;
use super::edit::Edits;
use crate::check::schedule::ItemKind;
use crate::check::{CheckOptions, Prepared, check_deal_with, scope::resolve, work_start};
use crate::gap::GapCode;
use crate::model::{Deal, FeatureId};
use crate::scheduler::Booked;
use std::collections::{HashMap, HashSet};

/// The deliverable scope: listed features and custom items (indices into
/// the deal) both variants may keep, and what was dropped.
#[derive(Debug, Clone, Default)]
pub struct Deliverable {
    pub features: Vec<usize>,
    pub custom: Vec<usize>,
    pub dropped: Vec<Dropped>,
}

/// Why a feature can never be delivered, if it cannot: the model's rule,
/// in the offer's code and words.
fn undeliverable(catalog: &Prepared, f: FeatureId) -> Option<(GapCode, &'static str)> {
    let why = catalog.feature_at(f).undeliverable()?;
    Some(super::decisions::undeliverable(why))
}

pub fn deliverable(
    catalog: &Prepared,
    deal: &Deal,
    options: &CheckOptions,
    booked: Option<&Booked>,
) -> Deliverable {
    let mut out = Deliverable::default();
    // Why each dropped name went (for the items that wait for it).
    let mut gone: HashMap<String, GapCode> = HashMap::new();
    let mut kept_closure: HashSet<FeatureId> = HashSet::new();
    for (i, named) in deal.features.iter().enumerate() {
        let subject = format!("features.{}", named.id);
        let Some(f) = catalog.feature(&named.id) else {
            let why = match catalog.nearest_feature(&named.id) {
                Some(n) => format!(
                    "\"{}\" is not a feature in the catalog (did you mean \"{n}\"? add it yourself if so: an offer never guesses)",
                    named.id
                ),
                None => format!("\"{}\" is not a feature in the catalog", named.id),
            };
            drop(&mut out, &mut gone, GapCode::F001, subject, &named.id, why);
            continue;
        };
        let name = &catalog.feature_at(f).name;
        if let Some((code, what)) = undeliverable(catalog, f) {
            drop(
                &mut out,
                &mut gone,
                code,
                subject,
                &named.id,
                format!("\"{name}\" {what}"),
            );
            continue;
        }
        let closure = catalog.requires_closure(f);
        if let Some((r, (code, what))) = closure
            .iter()
            .find_map(|&r| undeliverable(catalog, r).map(|u| (r, u)))
        {
            let why = format!(
                "\"{name}\" requires \"{}\", which {what}",
                catalog.feature_at(r).id
            );
            drop(&mut out, &mut gone, code, subject, &named.id, why);
            continue;
        }
        let mut mine: HashSet<FeatureId> = closure.into_iter().collect();
        mine.insert(f);
        if let Some((a, b)) = conflict(catalog, &mine, &kept_closure) {
            let why = format!(
                "\"{}\" conflicts with \"{}\", which the deal lists earlier: they cannot be sold together",
                catalog.feature_at(a).id,
                catalog.feature_at(b).id
            );
            drop(&mut out, &mut gone, GapCode::F009, subject, &named.id, why);
            continue;
        }
        kept_closure.extend(mine);
        out.features.push(i);
    }
    let mut custom: Vec<usize> = Vec::new();
    for (i, c) in deal.custom.iter().enumerate() {
        if catalog.team(&c.team.id).is_some() {
            custom.push(i);
            continue;
        }
        let why = match catalog.nearest_team(&c.team.id) {
            Some(n) => format!(
                "team \"{}\" is not in the catalog (did you mean \"{n}\"?)",
                c.team.id
            ),
            None => format!("team \"{}\" is not in the catalog", c.team.id),
        };
        drop(
            &mut out,
            &mut gone,
            GapCode::S004,
            format!("custom.{}", c.name),
            &c.name,
            why,
        );
    }
    out.custom = custom;
    waiting(catalog, deal, &mut out, &mut gone);
    beyond_horizon(catalog, deal, options, booked, &mut out, &mut gone);
    out
}

fn drop(
    out: &mut Deliverable,
    gone: &mut HashMap<String, GapCode>,
    code: GapCode,
    subject: String,
    name: &str,
    why: String,
) {
    gone.entry(name.to_string()).or_insert(code);
    out.dropped.push(Dropped {
        code: code.code().to_string(),
        subject,
        why,
    });
}

/// A pair (new, kept) of conflicting features, if any: `mine` against the
/// features already kept and against itself.
fn conflict(
    catalog: &Prepared,
    mine: &HashSet<FeatureId>,
    kept: &HashSet<FeatureId>,
) -> Option<(FeatureId, FeatureId)> {
    let mut mine_sorted: Vec<FeatureId> = mine.iter().copied().collect();
    mine_sorted.sort_unstable();
    for &a in &mine_sorted {
        let mut others: Vec<FeatureId> = kept.iter().chain(mine.iter()).copied().collect();
        others.sort_unstable();
        if let Some(b) = others.into_iter().find(|&b| catalog.in_conflict(a, b)) {
            return Some((a, b));
        }
    }
    None
}

/// Drops custom items that wait for something not kept (S005 when it is
/// nothing in the deal at all, else the code of what it waits for).
pub(super) fn waiting(
    catalog: &Prepared,
    deal: &Deal,
    out: &mut Deliverable,
    gone: &mut HashMap<String, GapCode>,
) {
    loop {
        let names = kept_names(catalog, deal, &out.features, &out.custom);
        let blocked = out.custom.iter().enumerate().find_map(|(pos, &i)| {
            let c = &deal.custom[i];
            c.after
                .iter()
                .find(|a| !names.contains(a.id.as_str()))
                .map(|a| (pos, i, a.id.clone()))
        });
        let Some((pos, i, after)) = blocked else {
            return;
        };
        out.custom.remove(pos);
        let c = &deal.custom[i];
        let (code, why) = match gone.get(&after) {
            Some(code) => (
                *code,
                format!("waits for \"{after}\", which cannot be delivered"),
            ),
            None => (
                GapCode::S005,
                format!(
                    "waits for \"{after}\", which is neither a feature of the deal nor custom work"
                ),
            ),
        };
        drop(out, gone, code, format!("custom.{}", c.name), &c.name, why);
    }
}

/// The names a custom item may wait for: kept listed features, what they
/// imply, and kept custom items.
pub(super) fn kept_names<'a>(
    catalog: &'a Prepared,
    deal: &'a Deal,
    features: &[usize],
    custom: &[usize],
) -> HashSet<&'a str> {
    let mut names: HashSet<&str> = HashSet::new();
    for &i in features {
        if let Some(f) = catalog.feature(&deal.features[i].id) {
            names.insert(catalog.feature_at(f).id.as_str());
            for r in catalog.requires_closure(f) {
                names.insert(catalog.feature_at(r).id.as_str());
            }
        }
    }
    names.extend(custom.iter().map(|&i| deal.custom[i].name.as_str()));
    names
}

/// Drops work not done within the 10-year horizon (and what waits for it).
fn beyond_horizon(
    catalog: &Prepared,
    deal: &Deal,
    options: &CheckOptions,
    booked: Option<&Booked>,
    out: &mut Deliverable,
    gone: &mut HashMap<String, GapCode>,
) {
    let deterministic = options.deterministic();
    let deadline = deal.deadline.max(work_start(deal, options.as_of));
    for _ in 0..=deal.features.len() + deal.custom.len() {
        let edits = Edits {
            deadline,
            features: out.features.clone(),
            custom: out.custom.clone(),
            ..Edits::none(deal)
        };
        let variant = edits.apply(deal);
        let (check, _) = check_deal_with(catalog, &variant, &deterministic, booked);
        let Some(schedule) = check.schedule else {
            return;
        };
        let Some(item) = schedule.items.iter().find(|i| i.finish.is_none()) else {
            return;
        };
        let why = format!(
            "\"{}\" is not done within 10 years with the teams' capacity",
            item.name
        );
        if item.kind == ItemKind::Custom {
            let name = item.name.trim_start_matches("custom: ");
            if let Some(pos) = out.custom.iter().position(|&i| deal.custom[i].name == name) {
                let c = &deal.custom[out.custom.remove(pos)];
                drop(
                    out,
                    gone,
                    GapCode::S001,
                    format!("custom.{}", c.name),
                    &c.name,
                    why,
                );
            } else {
                return;
            }
        } else {
            let scope = resolve(catalog, &variant);
            let feature = item.feature.as_deref().unwrap_or_default();
            let Some(entry) = scope
                .iter()
                .find(|e| catalog.feature_at(e.feature).id == feature)
            else {
                return;
            };
            let i = out.features.remove(entry.listed);
            let id = deal.features[i].id.clone();
            drop(out, gone, GapCode::S001, format!("features.{id}"), &id, why);
        }
        waiting(catalog, deal, out, gone);
    }
}
