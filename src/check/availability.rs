//! Availability checks A001–A007: the promise against tiers and components.
//!
//! A tier's guarantee is converted to the promised window at worst case (all
//! its allowed downtime may fall inside the promised hours); the chosen tier is
//! the first in catalog order that is eligible, covers the window and meets
//! the target and support response.

use super::Prepared;
use super::scope::ScopeEntry;
use crate::figures::TOLERANCE;
use crate::gap::{
    Architecture, BestTier, Gap, GapKind, NeedsFeatures, NotCovered, OverPromise, Support, Target,
    TierWindow, TrackRecord,
};
use crate::model::{AvailabilityPromise, Catalog, ComponentId, Deal, FeatureId, IdSet, Tier};
use crate::sla::{
    allowed_downtime_per_month, allowed_downtime_per_year, composite, guarantee_within,
};
use schemars::JsonSchema;
use serde::Serialize;

/// The availability section of a deal's report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AvailabilitySection {
    pub promised: Promised,
    /// The tier the deal would be sold on; null when none covers the window.
    pub offered: Option<Offered>,
    /// Product of the deal's components, converted to the promised window.
    #[serde(serialize_with = "crate::figures::ser_fraction_opt")]
    pub composite_availability: Option<f64>,
    /// Product of the deal's components over the whole week.
    #[serde(serialize_with = "crate::figures::ser_fraction_opt")]
    pub composite_24x7: Option<f64>,
    pub components: Vec<String>,
    pub downtime_per_month_minutes: Downtime,
    pub downtime_per_year_minutes: Downtime,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Promised {
    /// Fraction, e.g. 0.999.
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub target: f64,
    pub window: String,
    pub weekly_minutes: u32,
    pub support_response_minutes: Option<u32>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Offered {
    pub tier: String,
    /// The tier's own figure over its own window.
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub availability: f64,
    pub window: String,
    pub weekly_minutes: u32,
    /// Worst-case guarantee inside the promised window.
    #[serde(serialize_with = "crate::figures::ser_fraction")]
    pub guaranteed_in_promised_window: f64,
    #[serde(serialize_with = "crate::figures::ser_fraction_opt")]
    pub measured: Option<f64>,
    pub support_response_minutes: Option<u32>,
}

/// Allowed downtime in minutes: what the deal promises and what the offer allows
/// inside the promised window.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Downtime {
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub promised: f64,
    #[serde(serialize_with = "crate::figures::ser_amount_opt")]
    pub offered: Option<f64>,
}

/// A tier judged against one promise.
struct Candidate<'a> {
    tier: &'a Tier,
    covers: bool,
    guarantee: f64,
    missing: Vec<FeatureId>,
    support_ok: bool,
}

impl Candidate<'_> {
    fn meets(&self, target: f64) -> bool {
        self.covers && self.guarantee + TOLERANCE >= target
    }
}

pub fn check(
    catalog: &Prepared,
    deal: &Deal,
    scope: &[ScopeEntry],
) -> (Vec<Gap>, Option<AvailabilitySection>) {
    let Some(p) = &deal.availability else {
        return (Vec::new(), None);
    };
    let from = deal.deadline;
    let in_scope: IdSet<FeatureId> = scope.iter().map(|e| e.feature).collect();
    let candidates: Vec<Candidate> = catalog
        .tiers
        .iter()
        .enumerate()
        .map(|(i, t)| Candidate {
            tier: t,
            covers: catalog.tier_covers(i, &p.window, from),
            guarantee: guarantee_within(
                t.availability,
                t.window.weekly_minutes().into(),
                p.window.weekly_minutes().into(),
            ),
            missing: t
                .requires
                .iter()
                .copied()
                .filter(|f| !in_scope.contains(f))
                .collect(),
            support_ok: support_ok(t, p),
        })
        .collect();
    let chosen = choose(&candidates, p.target, p.window.weekly_minutes().into());
    let mut gaps = tier_gaps(catalog, p, &candidates, chosen);
    let (components, comp) = composite_of(catalog, scope, p);
    if let Some(c) = comp.map(|c| c.in_window)
        && p.target > c + TOLERANCE
    {
        gaps.push(architecture(p, c, &components));
    }
    let section = section(p, chosen.map(|i| &candidates[i]), comp, components);
    (gaps, Some(section))
}

fn support_ok(t: &Tier, p: &AvailabilityPromise) -> bool {
    match (p.support_response, t.support_response) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(want), Some(offer)) => offer <= want,
    }
}

/// The tier the deal would be sold on, first in catalog order among: eligible
/// tiers that meet target, support and their own track record; then those
/// that meet target and support; then target only; else the eligible covering
/// tier with the best guarantee. So a lower promise never lands on a worse tier.
fn choose(c: &[Candidate], target: f64, promise_weekly: f64) -> Option<usize> {
    let eligible = |x: &Candidate| x.covers && x.missing.is_empty();
    let target = target.min(1.0 - 1e-9);
    let record_ok = |x: &Candidate| {
        x.tier.measured.is_none_or(|m| {
            guarantee_within(m, x.tier.window.weekly_minutes().into(), promise_weekly) + TOLERANCE
                >= target
        })
    };
    c.iter()
        .position(|x| eligible(x) && x.meets(target) && x.support_ok && record_ok(x))
        .or_else(|| {
            c.iter()
                .position(|x| eligible(x) && x.meets(target) && x.support_ok)
        })
        .or_else(|| c.iter().position(|x| eligible(x) && x.meets(target)))
        .or_else(|| best(c, eligible))
}

fn best(c: &[Candidate], keep: impl Fn(&Candidate) -> bool) -> Option<usize> {
    let mut found: Option<usize> = None;
    for (i, x) in c.iter().enumerate() {
        if keep(x) && found.is_none_or(|b| x.guarantee > c[b].guarantee) {
            found = Some(i);
        }
    }
    found
}

/// The tier gaps of a promise. Every gap whose condition holds is made;
/// which of them a deal shows (A002 and A003 hide others) is the code
/// table's business, not this function's.
fn tier_gaps(
    catalog: &Catalog,
    p: &AvailabilityPromise,
    c: &[Candidate],
    chosen: Option<usize>,
) -> Vec<Gap> {
    let mut kinds = Vec::new();
    if p.target >= 1.0 {
        kinds.push(GapKind::PerfectAvailability(Target { target: p.target }));
    }
    if !c.iter().any(|x| x.covers) {
        kinds.push(not_covered(p, c));
    }
    let meets_eligible = c
        .iter()
        .any(|x| x.covers && x.missing.is_empty() && x.meets(p.target));
    if !meets_eligible {
        let needs = c
            .iter()
            .filter(|x| x.meets(p.target) && !x.missing.is_empty())
            .min_by_key(|x| x.missing.len());
        kinds.push(match needs {
            Some(x) => needs_features(catalog, p, x),
            None => over_promise(p, chosen.map(|i| &c[i])),
        });
    }
    if let Some(x) = chosen.map(|i| &c[i]) {
        if !x.support_ok {
            kinds.push(support(p, x.tier));
        }
        if meets_eligible {
            kinds.extend(track_record(p, x));
        }
    }
    kinds.into_iter().map(|k| located(p, k)).collect()
}

/// Where in the deal a gap about the promise points.
fn located(p: &AvailabilityPromise, kind: GapKind) -> Gap {
    let at = match &kind {
        GapKind::WindowNotCovered(_) => &p.window_location,
        GapKind::SupportTooFast(_) => p.support_location.as_ref().unwrap_or(&p.location),
        _ => &p.target_location,
    };
    Gap::new(kind).at(at)
}

fn not_covered(p: &AvailabilityPromise, c: &[Candidate]) -> GapKind {
    GapKind::WindowNotCovered(NotCovered {
        window: p.window.to_string(),
        tiers: c
            .iter()
            .map(|x| TierWindow {
                tier: x.tier.name.clone(),
                window: x.tier.window.to_string(),
            })
            .collect(),
    })
}

fn needs_features(catalog: &Catalog, p: &AvailabilityPromise, x: &Candidate) -> GapKind {
    GapKind::TierNeedsFeatures(NeedsFeatures {
        tier: x.tier.name.clone(),
        missing_features: x
            .missing
            .iter()
            .map(|&f| catalog.feature_at(f).id.clone())
            .collect(),
        target: p.target,
    })
}

fn over_promise(p: &AvailabilityPromise, best: Option<&Candidate>) -> GapKind {
    GapKind::AvailabilityOverPromise(OverPromise {
        target: p.target,
        weekly_minutes: p.window.weekly_minutes(),
        best: best.map(|b| BestTier {
            best_tier: b.tier.name.clone(),
            best_guarantee: b.guarantee,
        }),
    })
}

fn support(p: &AvailabilityPromise, t: &Tier) -> GapKind {
    GapKind::SupportTooFast(Support {
        promised_minutes: p.support_response,
        tier: t.name.clone(),
        offered_minutes: t.support_response,
    })
}

fn track_record(p: &AvailabilityPromise, x: &Candidate) -> Option<GapKind> {
    let m = x.tier.measured?;
    let measured_in_window = guarantee_within(
        m,
        x.tier.window.weekly_minutes().into(),
        p.window.weekly_minutes().into(),
    );
    (p.target > measured_in_window + TOLERANCE).then(|| {
        GapKind::AboveTrackRecord(TrackRecord {
            tier: x.tier.name.clone(),
            measured: m,
            measured_in_window,
        })
    })
}

/// What the components together reach: over the whole week, and at worst
/// case inside the promised window.
#[derive(Debug, Clone, Copy)]
struct Composite {
    around_the_clock: f64,
    in_window: f64,
}

/// Components under the deal's features and their composite.
fn composite_of(
    catalog: &Catalog,
    scope: &[ScopeEntry],
    p: &AvailabilityPromise,
) -> (Vec<String>, Option<Composite>) {
    let mut ids: Vec<ComponentId> = scope
        .iter()
        .flat_map(|e| catalog.feature_at(e.feature).components.iter().copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return (Vec::new(), None);
    }
    let figures: Vec<f64> = ids
        .iter()
        .map(|&i| catalog.component_at(i).availability)
        .collect();
    let around_the_clock = composite(&figures);
    let in_window = guarantee_within(
        around_the_clock,
        crate::sla::MINUTES_PER_WEEK,
        p.window.weekly_minutes().into(),
    );
    (
        ids.iter()
            .map(|&i| catalog.component_at(i).id.clone())
            .collect(),
        Some(Composite {
            around_the_clock,
            in_window,
        }),
    )
}

fn architecture(p: &AvailabilityPromise, composite: f64, components: &[String]) -> Gap {
    Gap::new(GapKind::ArchitectureLimit(Architecture {
        target: p.target,
        composite,
        components: components.to_vec(),
    }))
    .at(&p.target_location)
}

fn section(
    p: &AvailabilityPromise,
    chosen: Option<&Candidate>,
    comp: Option<Composite>,
    components: Vec<String>,
) -> AvailabilitySection {
    let weekly: f64 = p.window.weekly_minutes().into();
    AvailabilitySection {
        promised: Promised {
            target: p.target,
            window: p.window.to_string(),
            weekly_minutes: p.window.weekly_minutes(),
            support_response_minutes: p.support_response,
        },
        offered: chosen.map(|x| Offered {
            tier: x.tier.name.clone(),
            availability: x.tier.availability,
            window: x.tier.window.to_string(),
            weekly_minutes: x.tier.window.weekly_minutes(),
            guaranteed_in_promised_window: x.guarantee,
            measured: x.tier.measured,
            support_response_minutes: x.tier.support_response,
        }),
        composite_availability: comp.map(|c| c.in_window),
        composite_24x7: comp.map(|c| c.around_the_clock),
        components,
        downtime_per_month_minutes: Downtime {
            promised: allowed_downtime_per_month(p.target, weekly),
            offered: chosen.map(|x| allowed_downtime_per_month(x.guarantee, weekly)),
        },
        downtime_per_year_minutes: Downtime {
            promised: allowed_downtime_per_year(p.target, weekly),
            offered: chosen.map(|x| allowed_downtime_per_year(x.guarantee, weekly)),
        },
    }
}
