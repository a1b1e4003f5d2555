//! Rule 1: what neither variant can include, and why.

use super::Dropped;
use super::checks::{Checks, Mode};
use super::edit::Edits;
use crate::check::schedule::ItemKind;
use crate::check::{Prepared, scope::resolve, work_start};
use crate::gap::GapCode;
use crate::model::{Deal, FeatureId, Step};

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

/// Rule 1 over the deal, linear in the deal and its `requires` closure:
/// each catalog feature is walked once (what is kept is never walked
/// again), and conflicts are looked up per new feature, not per pair.
pub fn deliverable(checks: &Checks) -> Deliverable {
    let (catalog, deal) = (checks.catalog, checks.deal);
    let mut out = Deliverable::default();
    // Why each dropped name went (for the items that wait for it).
    let mut gone: HashMap<String, GapCode> = HashMap::new();
    let mut kept = Kept::new(catalog);
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
        let new = kept.new_with(f);
        if let Some((r, (code, what))) = new
            .iter()
            .filter(|&&r| r != f)
            .find_map(|&r| undeliverable(catalog, r).map(|u| (r, u)))
        {
            let why = format!(
                "\"{name}\" requires \"{}\", which {what}",
                catalog.feature_at(r).id
            );
            kept.forget(&new);
            drop(&mut out, &mut gone, code, subject, &named.id, why);
            continue;
        }
        if let Some((a, b)) = kept.conflict(&new) {
            kept.forget(&new);
            let why = format!(
                "\"{}\" conflicts with \"{}\", which the deal lists earlier: they cannot be sold together",
                catalog.feature_at(a).id,
                catalog.feature_at(b).id
            );
            drop(&mut out, &mut gone, GapCode::F009, subject, &named.id, why);
            continue;
        }
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
    beyond_horizon(checks, &mut out, &mut gone);
    out
}

/// The features kept so far (listed and implied) and, while a listed
/// feature is judged, what it adds; who conflicts with whom.
struct Kept<'a> {
    catalog: &'a Prepared,
    /// Kept, or added by the feature being judged.
    seen: Vec<bool>,
    /// Features whose `conflicts` name each feature (the rule is symmetric).
    named_by: HashMap<FeatureId, Vec<FeatureId>>,
}

impl<'a> Kept<'a> {
    fn new(catalog: &'a Prepared) -> Kept<'a> {
        let mut named_by: HashMap<FeatureId, Vec<FeatureId>> = HashMap::new();
        for (i, f) in catalog.features.iter().enumerate() {
            for &c in &f.conflicts {
                named_by.entry(c).or_default().push(FeatureId::from(i));
            }
        }
        Kept {
            catalog,
            seen: vec![false; catalog.features.len()],
            named_by,
        }
    }

    /// `f` and what it requires that is not kept yet (what is kept was
    /// judged before, with everything it requires). Until [`Kept::forget`],
    /// they count as kept.
    fn new_with(&mut self, f: FeatureId) -> Vec<FeatureId> {
        if std::mem::replace(&mut self.seen[f.index()], true) {
            return Vec::new();
        }
        let mut out = vec![f];
        self.catalog.walk_requires(f, &mut self.seen, |g| {
            out.push(g);
            Step::Descend
        });
        out
    }

    /// `new` is not kept after all.
    fn forget(&mut self, new: &[FeatureId]) {
        for &f in new {
            self.seen[f.index()] = false;
        }
    }

    /// A conflicting pair (new, other) among `new` and the kept features:
    /// the lowest new feature in catalog order, with its lowest partner.
    fn conflict(&self, new: &[FeatureId]) -> Option<(FeatureId, FeatureId)> {
        let mut sorted = new.to_vec();
        sorted.sort_unstable();
        sorted.into_iter().find_map(|a| {
            let named = self.named_by.get(&a).map_or(&[][..], Vec::as_slice);
            let partners = self.catalog.feature_at(a).conflicts.iter().chain(named);
            partners
                .copied()
                .filter(|&b| b != a && self.seen[b.index()])
                .min()
                .map(|b| (a, b))
        })
    }
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

/// Drops custom items that wait for something not kept (S005 when it is
/// nothing in the deal at all, else the code of what it waits for). Passes
/// in deal order until nothing more goes: one pass for items that wait for
/// earlier ones.
pub(super) fn waiting(
    catalog: &Prepared,
    deal: &Deal,
    out: &mut Deliverable,
    gone: &mut HashMap<String, GapCode>,
) {
    if deal.custom.iter().all(|c| c.after.is_empty()) {
        return;
    }
    let mut names = kept_names(catalog, deal, &out.features, &out.custom);
    loop {
        let before = out.custom.len();
        let mut pos = 0;
        while pos < out.custom.len() {
            let i = out.custom[pos];
            let c = &deal.custom[i];
            let Some(after) = c.after.iter().find(|a| !names.contains(a.id.as_str())) else {
                pos += 1;
                continue;
            };
            let after = after.id.clone();
            out.custom.remove(pos);
            names.remove(c.name.as_str());
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
        if out.custom.len() == before {
            return;
        }
    }
}

/// The names a custom item may wait for: kept listed features, what they
/// imply (one linear walk of the scope), and kept custom items.
pub(super) fn kept_names<'a>(
    catalog: &'a Prepared,
    deal: &'a Deal,
    features: &[usize],
    custom: &[usize],
) -> HashSet<&'a str> {
    let kept = Edits {
        features: features.to_vec(),
        custom: Vec::new(),
        ..Edits::none(deal)
    }
    .apply(deal);
    let mut names: HashSet<&str> = resolve(catalog, &kept)
        .iter()
        .map(|e| catalog.feature_at(e.feature).id.as_str())
        .collect();
    names.extend(custom.iter().map(|&i| deal.custom[i].name.as_str()));
    names
}

/// Drops work not done within the 10-year horizon (and what waits for it).
fn beyond_horizon(checks: &Checks, out: &mut Deliverable, gone: &mut HashMap<String, GapCode>) {
    let (catalog, deal) = (checks.catalog, checks.deal);
    let deadline = deal.deadline.max(work_start(deal, checks.options.as_of));
    // The first scope asked is, unless something goes, the one rule 2
    // checks with the Monte Carlo next (`deadline::complete`): asked so at
    // once, its deterministic days (the same) are not worked out twice.
    let mut mode = Mode::Simulated;
    for _ in 0..=deal.features.len() + deal.custom.len() {
        let edits = Edits {
            deadline,
            features: out.features.clone(),
            custom: out.custom.clone(),
            ..Edits::none(deal)
        };
        let scheduled = checks.scheduled(&edits, None, mode);
        mode = Mode::Deterministic;
        let Some(schedule) = &scheduled.schedule else {
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
            let scope = resolve(catalog, &edits.apply(deal));
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
