//! Rule 4: the availability a variant can promise, per variant, over the
//! scope that variant keeps.
//!
//! What a tier offers a scope (eligibility, coverage, guarantees, the
//! composite of the components, the best tier and its fallback) is
//! `check::availability`'s to decide; this module asks it and decides only
//! what the offer changes and says.

use super::decisions::Before;
use super::edit::AvailabilityEdit;
use super::{Alternative, Change, OfferedAvailability};
use crate::check::Prepared;
use crate::check::availability::{
    Bounds, Components, SoldOn, choose, components_of, fits, sold_on, support_ok,
};
use crate::check::scope::resolve;
use crate::figures::{
    TOLERANCE, duration_text, floor_hundredths, format_percent, percent, target_fraction,
    target_text,
};
use crate::gap::GapCode;
use crate::model::{Deal, FeatureId, IdSet, Tier};
use crate::window::Window;

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
const MAX_TARGET: u32 = crate::check::availability::MAX_HUNDREDTHS;

/// The tier a variant is sold on: `check`'s choice for the promise when
/// that tier keeps it whole (target, support and its track record, in the
/// promised window), so offer and check name the same tier; else the tier
/// with the best guarantee (rule 4), whose promise the offer then lowers.
fn tier_for<'a>(
    catalog: &'a Prepared,
    scope: &IdSet<FeatureId>,
    p: &crate::model::AvailabilityPromise,
    best: &'a Tier,
    from: chrono::NaiveDate,
) -> &'a Tier {
    let f = fits(catalog, scope, &p.window, p.support_response, from);
    match choose(&f, p.target) {
        Some(i) if f[i].keeps(p.target) => f[i].tier,
        _ => best,
    }
}

/// The availability of `variant` (its features and deadline) for the
/// promise `asked` makes; `before` are `check`'s gaps on the variant's
/// scope with the promise as asked.
pub fn offer(
    catalog: &Prepared,
    asked: &Deal,
    variant: &Deal,
    before: Before,
) -> AvailabilityOffer {
    let Some(p) = &asked.availability else {
        return AvailabilityOffer {
            edit: AvailabilityEdit::Keep,
            offered: None,
            changes: Vec::new(),
            alternatives: Vec::new(),
        };
    };
    let scope: IdSet<FeatureId> = resolve(catalog, variant)
        .iter()
        .map(|e| e.feature)
        .collect();
    let components = components_of(catalog, scope.iter().copied());
    let Some(SoldOn { tier, window }) = sold_on(catalog, &scope, &p.window, variant.deadline)
    else {
        return removed(catalog, asked, variant, &scope, before);
    };
    let tier = if window.is_none() {
        tier_for(catalog, &scope, p, tier, variant.deadline)
    } else {
        tier
    };
    let shown = window.clone().unwrap_or_else(|| p.window.clone());
    let shown = &shown;
    let weekly = f64::from(shown.weekly_minutes());
    let bounds = Bounds::of(tier, &components, weekly);
    let cap = bounds.cap();
    let mut changes = Vec::new();
    let keep_target = window.is_none() && p.target < 1.0 && p.target <= cap + TOLERANCE;
    let target = if keep_target {
        None
    } else {
        Some(floor_hundredths(p.target.min(cap)).min(MAX_TARGET))
    };
    if target == Some(0) {
        return removed(catalog, asked, variant, &scope, before);
    }
    // A target that comes out as asked is no change (e.g. a window moved
    // to one where the asked figure still holds).
    let target = target.filter(|&t| (target_fraction(t) - p.target).abs() > TOLERANCE);
    if let Some(w) = &window {
        changes.push(Change::new(
            before.code("availability.window", GapCode::A003),
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
        let (code, why) = why(&bounds, p.target, tier, shown, &components);
        changes.push(Change::new(
            before.code("availability.target", code),
            "availability.target",
            format_percent(p.target),
            Some(target_text(t)),
            why,
        ));
    }
    // A tier slower than asked answers as fast as it does (or promises no time).
    let support = (!support_ok(tier, p.support_response)).then_some(tier.support_response);
    if let Some(s) = support {
        changes.push(Change::new(
            before.code("availability.support_response", GapCode::A007),
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

/// The gap code and words of whichever bound is the lowest.
fn why(bounds: &Bounds, asked: f64, tier: &Tier, w: &Window, c: &Components) -> (GapCode, String) {
    let cap = bounds.cap();
    if asked >= 1.0 && cap >= 1.0 - TOLERANCE {
        return (
            GapCode::A002,
            "no tier can promise zero downtime: 99.99% is the most on offer".to_string(),
        );
    }
    if bounds.components.is_some_and(|x| x <= cap) {
        return (
            GapCode::A006,
            format!(
                "the components the deal runs on ({}) together reach only {} over {w}",
                c.ids.join(", "),
                format_percent(cap)
            ),
        );
    }
    if bounds.tier <= cap {
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

/// No eligible tier: the promise goes, and any tier that needs features is
/// an alternative.
fn removed(
    catalog: &Prepared,
    asked: &Deal,
    variant: &Deal,
    scope: &IdSet<FeatureId>,
    before: Before,
) -> AvailabilityOffer {
    let Some(p) = &asked.availability else {
        unreachable!("only called for a promise")
    };
    let tiers = fits(catalog, scope, &p.window, None, variant.deadline);
    let code = if tiers.iter().any(|x| x.covers) {
        GapCode::A004
    } else {
        GapCode::A003
    };
    AvailabilityOffer {
        edit: AvailabilityEdit::Remove,
        offered: None,
        changes: vec![Change::new(
            before.code("availability", code),
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
    scope: &IdSet<FeatureId>,
    w: &Window,
    offered: f64,
) -> Vec<Alternative> {
    let Some(p) = &asked.availability else {
        return Vec::new();
    };
    let weekly = f64::from(w.weekly_minutes());
    let mut out = Vec::new();
    for x in fits(catalog, scope, w, None, variant.deadline) {
        if x.sellable() || !x.covers {
            continue;
        }
        let mut with: IdSet<FeatureId> = scope.clone();
        for &f in &x.missing {
            with.insert(f);
            with.extend(catalog.requires_closure(f));
        }
        let components = components_of(catalog, with);
        let cap = Bounds::of(x.tier, &components, weekly).cap();
        let target = floor_hundredths(p.target.min(cap)).min(MAX_TARGET);
        if target == 0 || target_fraction(target) <= offered + TOLERANCE {
            continue;
        }
        out.push(Alternative {
            add_features: x
                .missing
                .iter()
                .map(|&f| catalog.feature_at(f).id.clone())
                .collect(),
            tier: x.tier.name.clone(),
            target: percent(target_fraction(target)),
            window: w.to_string(),
            support_response: match (p.support_response, x.tier.support_response) {
                (Some(want), Some(has)) => Some(duration_text(want.max(has))),
                (None, s) => s.map(duration_text),
                (Some(_), None) => None,
            },
        });
    }
    out
}
