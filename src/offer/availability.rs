//! Rule 4: the availability a variant can promise, per variant, over the
//! scope that variant keeps.

use super::edit::AvailabilityEdit;
use super::{Alternative, Change, OfferedAvailability};
use crate::check::Prepared;
use crate::check::scope::resolve;
use crate::figures::{
    TOLERANCE, duration_text, floor_hundredths, format_percent, percent, target_fraction,
    target_text,
};
use crate::gap::GapCode;
use crate::model::{ComponentId, Deal, FeatureId, Tier};
use crate::sla::{MINUTES_PER_WEEK, composite, guarantee_within};
use crate::window::Window;
use std::collections::HashSet;

/// What a variant promises about availability, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct AvailabilityOffer {
    pub edit: AvailabilityEdit,
    pub offered: Option<OfferedAvailability>,
    pub changes: Vec<Change>,
    /// Better tiers that need features the variant lacks.
    pub alternatives: Vec<Alternative>,
}

/// The highest target below 100% (A002: no tier promises zero downtime).
const MAX_TARGET: u32 = 9999;

/// The availability of `variant` (its features and deadline) for the
/// promise `asked` makes.
pub fn offer(catalog: &Prepared, asked: &Deal, variant: &Deal) -> AvailabilityOffer {
    let Some(p) = &asked.availability else {
        return AvailabilityOffer {
            edit: AvailabilityEdit::Keep,
            offered: None,
            changes: Vec::new(),
            alternatives: Vec::new(),
        };
    };
    let scope: HashSet<FeatureId> = resolve(catalog, variant)
        .iter()
        .map(|e| e.feature)
        .collect();
    let eligible = |t: &Tier| t.requires.iter().all(|f| scope.contains(f));
    let from = variant.deadline;
    let covering = |w: &Window| -> Vec<&Tier> {
        catalog
            .tiers
            .iter()
            .filter(|t| eligible(t) && t.window.covers(w, from))
            .collect()
    };
    let components = components_of(catalog, scope.iter().copied());
    let (window, tier) = match best(&covering(&p.window), &p.window) {
        Some(t) => (None, t),
        None => {
            let mut top: Option<&Tier> = None;
            for t in catalog.tiers.iter().filter(|t| eligible(t)) {
                if top.is_none_or(|b| t.availability > b.availability) {
                    top = Some(t);
                }
            }
            let Some(top) = top else {
                return removed(catalog, asked, variant, &scope);
            };
            let w = top.window.clone();
            let t = best(&covering(&w), &w).unwrap_or(top);
            (Some(w), t)
        }
    };
    let shown = window.clone().unwrap_or_else(|| p.window.clone());
    let shown = &shown;
    let weekly = f64::from(shown.weekly_minutes());
    let limits = Limits::of(tier, &components, weekly);
    let cap = limits.cap();
    let mut changes = Vec::new();
    let keep_target = window.is_none() && p.target < 1.0 && p.target <= cap + TOLERANCE;
    let target = if keep_target {
        None
    } else {
        Some(floor_hundredths(p.target.min(cap)).min(MAX_TARGET))
    };
    if target == Some(0) {
        return removed(catalog, asked, variant, &scope);
    }
    if let Some(w) = &window {
        changes.push(Change::new(
            GapCode::A003,
            "availability.window",
            p.window.to_string(),
            Some(w.to_string()),
            format!(
                "no tier covers {} for this scope; tier \"{}\" is sold over {}",
                p.window, tier.name, w
            ),
        ));
    }
    if let Some(t) = target {
        let (code, why) = limits.why(p.target, tier, shown, &components);
        changes.push(Change::new(
            code,
            "availability.target",
            format_percent(p.target),
            Some(target_text(t)),
            why,
        ));
    }
    let support = match (p.support_response, tier.support_response) {
        (Some(want), Some(has)) if has > want => Some(Some(has)),
        (Some(_), None) => Some(None),
        _ => None,
    };
    if let Some(s) = support {
        changes.push(Change::new(
            GapCode::A007,
            "availability.support_response",
            p.support_response.map(duration_text).unwrap_or_default(),
            s.map(duration_text),
            match s {
                Some(m) => format!(
                    "tier \"{}\" answers within {}, not faster",
                    tier.name,
                    duration_text(m)
                ),
                None => format!("tier \"{}\" promises no support response time", tier.name),
            },
        ));
    }
    let final_target = target.map_or(p.target, target_fraction);
    let offered = OfferedAvailability {
        target: percent(final_target),
        window: shown.to_string(),
        support_response: support.unwrap_or(p.support_response).map(duration_text),
        tier: tier.name.clone(),
    };
    let beaten = if window.is_some() { 0.0 } else { final_target };
    let edit = if window.is_none() && target.is_none() && support.is_none() {
        AvailabilityEdit::Keep
    } else {
        AvailabilityEdit::Change {
            target,
            window,
            support,
        }
    };
    let alternatives = alternatives(catalog, asked, variant, &scope, &p.window, beaten);
    AvailabilityOffer {
        edit,
        offered: Some(offered),
        changes,
        alternatives,
    }
}

/// The eligible covering tier with the best worst-case guarantee inside
/// `w`, first in catalog order on a tie.
fn best<'a>(tiers: &[&'a Tier], w: &Window) -> Option<&'a Tier> {
    let weekly = f64::from(w.weekly_minutes());
    let g = |t: &Tier| guarantee_within(t.availability, t.window.weekly_minutes().into(), weekly);
    let mut found: Option<&Tier> = None;
    for t in tiers {
        if found.is_none_or(|b| g(t) > g(b)) {
            found = Some(t);
        }
    }
    found
}

/// The components the features run on and their composite (24x7).
struct Components {
    ids: Vec<String>,
    around_the_clock: Option<f64>,
}

fn components_of(catalog: &Prepared, features: impl Iterator<Item = FeatureId>) -> Components {
    let mut ids: Vec<ComponentId> = features
        .flat_map(|f| catalog.feature_at(f).components.iter().copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let figures: Vec<f64> = ids
        .iter()
        .map(|&i| catalog.component_at(i).availability)
        .collect();
    Components {
        ids: ids
            .iter()
            .map(|&i| catalog.component_at(i).id.clone())
            .collect(),
        around_the_clock: (!figures.is_empty()).then(|| composite(&figures)),
    }
}

/// What bounds the target inside a window of `weekly` minutes.
struct Limits {
    tier: f64,
    measured: Option<f64>,
    components: Option<f64>,
}

impl Limits {
    fn of(tier: &Tier, components: &Components, weekly: f64) -> Limits {
        let tier_weekly = f64::from(tier.window.weekly_minutes());
        Limits {
            tier: guarantee_within(tier.availability, tier_weekly, weekly),
            measured: tier
                .measured
                .map(|m| guarantee_within(m, tier_weekly, weekly)),
            components: components
                .around_the_clock
                .map(|c| guarantee_within(c, MINUTES_PER_WEEK, weekly)),
        }
    }

    fn cap(&self) -> f64 {
        [Some(self.tier), self.measured, self.components]
            .into_iter()
            .flatten()
            .fold(1.0, f64::min)
    }

    /// The gap code and words of whichever bound is the lowest.
    fn why(&self, asked: f64, tier: &Tier, w: &Window, c: &Components) -> (GapCode, String) {
        let cap = self.cap();
        if asked >= 1.0 && cap >= 1.0 - TOLERANCE {
            return (
                GapCode::A002,
                "no tier can promise zero downtime: 99.99% is the most on offer".to_string(),
            );
        }
        if self.components.is_some_and(|x| x <= cap) {
            return (
                GapCode::A006,
                format!(
                    "the components the deal runs on ({}) together reach only {} over {w}",
                    c.ids.join(", "),
                    format_percent(cap)
                ),
            );
        }
        if self.tier <= cap {
            let code = if asked >= 1.0 {
                GapCode::A002
            } else {
                GapCode::A001
            };
            return (
                code,
                format!(
                    "the best tier that fits, \"{}\", guarantees {} over {w} at worst",
                    tier.name,
                    format_percent(cap)
                ),
            );
        }
        (
            GapCode::A005,
            format!(
                "tier \"{}\" has a track record of {} over {w}: operations promises no more than it has delivered",
                tier.name,
                format_percent(cap)
            ),
        )
    }
}

/// No eligible tier: the promise goes, and any tier that needs features is
/// an alternative.
fn removed(
    catalog: &Prepared,
    asked: &Deal,
    variant: &Deal,
    scope: &HashSet<FeatureId>,
) -> AvailabilityOffer {
    let Some(p) = &asked.availability else {
        unreachable!("only called for a promise")
    };
    let code = if catalog
        .tiers
        .iter()
        .any(|t| t.window.covers(&p.window, variant.deadline))
    {
        GapCode::A004
    } else {
        GapCode::A003
    };
    AvailabilityOffer {
        edit: AvailabilityEdit::Remove,
        offered: None,
        changes: vec![Change::new(
            code,
            "availability",
            format!("{} over {}", format_percent(p.target), p.window),
            None,
            "no availability tier operations sells fits this scope, so no availability can be promised".to_string(),
        )],
        alternatives: alternatives(catalog, asked, variant, scope, &p.window, 0.0),
    }
}

/// Tiers that need features the scope lacks and would give more than
/// `offered` over `w`.
fn alternatives(
    catalog: &Prepared,
    asked: &Deal,
    variant: &Deal,
    scope: &HashSet<FeatureId>,
    w: &Window,
    offered: f64,
) -> Vec<Alternative> {
    let Some(p) = &asked.availability else {
        return Vec::new();
    };
    let weekly = f64::from(w.weekly_minutes());
    let mut out = Vec::new();
    for tier in &catalog.tiers {
        let missing: Vec<FeatureId> = tier
            .requires
            .iter()
            .copied()
            .filter(|f| !scope.contains(f))
            .collect();
        if missing.is_empty() || !tier.window.covers(w, variant.deadline) {
            continue;
        }
        let mut with: HashSet<FeatureId> = scope.clone();
        for &f in &missing {
            with.insert(f);
            with.extend(catalog.requires_closure(f));
        }
        let components = components_of(catalog, with.into_iter());
        let cap = Limits::of(tier, &components, weekly).cap();
        let target = floor_hundredths(p.target.min(cap)).min(MAX_TARGET);
        if target == 0 || target_fraction(target) <= offered + TOLERANCE {
            continue;
        }
        out.push(Alternative {
            add_features: missing
                .iter()
                .map(|&f| catalog.feature_at(f).id.clone())
                .collect(),
            tier: tier.name.clone(),
            target: percent(target_fraction(target)),
            window: w.to_string(),
            support_response: match (p.support_response, tier.support_response) {
                (Some(want), Some(has)) => Some(duration_text(want.max(has))),
                (None, s) => s.map(duration_text),
                (Some(_), None) => None,
            },
        });
    }
    out
}
