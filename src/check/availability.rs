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
    Architecture, BestTier, Gap, GapKind, Instead, NeedsFeatures, NotCovered, OverPromise, Support,
    Target, TierWindow, TrackRecord,
};
use crate::model::{AvailabilityPromise, Catalog, ComponentId, Deal, FeatureId, IdSet, Tier};
use crate::sla::{
    allowed_downtime_per_month, allowed_downtime_per_year, composite, guarantee_within,
};
use crate::window::Window;
use chrono::NaiveDate;
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

/// A tier judged against a promised window for a scope: what the check
/// and the offer both read, worked out in one place.
#[derive(Debug, Clone)]
pub struct Fit<'a> {
    /// Its position in the catalog.
    pub index: usize,
    pub tier: &'a Tier,
    /// It covers the promised window in the year after the date asked about.
    pub covers: bool,
    /// Its guarantee at worst case inside the promised window.
    pub guarantee: f64,
    /// Its track record at worst case inside the promised window.
    pub measured: Option<f64>,
    /// Features it requires that the scope lacks.
    pub missing: Vec<FeatureId>,
    /// It answers as fast as the promise asks (or no speed is asked).
    pub support_ok: bool,
}

impl Fit<'_> {
    /// It can be sold to the scope: nothing it requires is missing.
    pub fn sellable(&self) -> bool {
        self.missing.is_empty()
    }

    /// Sellable and covering the window.
    pub fn eligible(&self) -> bool {
        self.covers && self.sellable()
    }

    /// Covers the window and guarantees `target` in it.
    pub fn meets(&self, target: f64) -> bool {
        self.covers && self.guarantee + TOLERANCE >= target
    }

    /// It keeps a promise of `target` whole: eligible, meeting the target
    /// and the support time, with a track record that allows it.
    pub fn keeps(&self, target: f64) -> bool {
        self.eligible() && self.meets(target) && self.support_ok && self.record_ok(target)
    }

    /// Its track record allows `target` (or it has none).
    fn record_ok(&self, target: f64) -> bool {
        self.measured.is_none_or(|m| m + TOLERANCE >= target)
    }
}

/// Every tier of the catalog, in catalog order, judged for the features
/// `scope` and a promise over `window` asking for `support` minutes, in
/// the year after `from`.
pub fn fits<'a>(
    catalog: &'a Prepared,
    scope: &IdSet<FeatureId>,
    window: &Window,
    support: Option<u32>,
    from: NaiveDate,
) -> Vec<Fit<'a>> {
    let weekly = f64::from(window.weekly_minutes());
    catalog
        .tiers
        .iter()
        .enumerate()
        .map(|(i, t)| Fit {
            index: i,
            tier: t,
            covers: catalog.tier_covers(i, window, from),
            guarantee: guarantee(t, weekly),
            measured: record(t, weekly),
            missing: t
                .requires
                .iter()
                .copied()
                .filter(|f| !scope.contains(f))
                .collect(),
            support_ok: support_ok(t, support),
        })
        .collect()
}

/// A tier's guarantee at worst case inside a window of `weekly` minutes it covers.
pub fn guarantee(tier: &Tier, weekly: f64) -> f64 {
    guarantee_within(
        tier.availability,
        tier.window.weekly_minutes().into(),
        weekly,
    )
}

/// A tier's track record at worst case inside a window of `weekly` minutes.
pub fn record(tier: &Tier, weekly: f64) -> Option<f64> {
    let tier_weekly = tier.window.weekly_minutes().into();
    tier.measured
        .map(|m| guarantee_within(m, tier_weekly, weekly))
}

/// The tier answers within `wanted` minutes (anything does when no time is asked).
pub fn support_ok(tier: &Tier, wanted: Option<u32>) -> bool {
    match (wanted, tier.support_response) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(want), Some(offer)) => offer <= want,
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
    // Only a tier that requires features asks what is in scope.
    let in_scope: IdSet<FeatureId> = if catalog.tiers.iter().any(|t| !t.requires.is_empty()) {
        scope.iter().map(|e| e.feature).collect()
    } else {
        IdSet::default()
    };
    let candidates = fits(
        catalog,
        &in_scope,
        &p.window,
        p.support_response,
        deal.deadline,
    );
    let chosen = choose(&candidates, p.target);
    let components = components_of(catalog, scope.iter().map(|e| e.feature));
    // Only A002 (a promise of 100%) says what to promise instead.
    let instead = chosen
        .filter(|_| p.target >= 1.0)
        .map(|i| instead(p, candidates[i].tier, &components));
    let mut gaps = tier_gaps(catalog, p, &candidates, chosen, instead);
    let in_window = components.in_window(p.window.weekly_minutes().into());
    if let Some(c) = in_window
        && p.target > c + TOLERANCE
    {
        gaps.push(architecture(p, c, &components.ids));
    }
    let section = section(
        catalog,
        p,
        chosen.map(|i| &candidates[i]),
        in_window,
        components,
    );
    (gaps, Some(section))
}

/// What to promise instead of 100% on `tier`: the figure the offer gives,
/// the tier's worst case in the promised window bounded by its record and
/// the components, rounded down to 0.01% and below 100%.
fn instead(p: &AvailabilityPromise, tier: &Tier, components: &Components) -> Instead {
    let weekly = p.window.weekly_minutes();
    let cap = Bounds::of(tier, components, f64::from(weekly)).cap();
    Instead {
        hundredths: crate::figures::floor_hundredths(cap).min(MAX_HUNDREDTHS),
        window: p.window.to_string(),
        weekly_minutes: weekly,
    }
}

/// The highest target below 100%, in hundredths of a percent: no tier
/// promises zero downtime (A002).
pub const MAX_HUNDREDTHS: u32 = 9999;

/// The tier the deal would be sold on, first in catalog order among: eligible
/// tiers that meet target, support and their own track record; then those
/// that meet target and support; then those that meet target and their
/// record (no tier answers fast enough: the track record still counts);
/// then target only; else the eligible covering tier with the best
/// guarantee. So a lower promise never lands on a worse tier: without the
/// third step, lowering a target below a tier's record could move the
/// choice to an earlier tier with a weaker record and add A005.
pub fn choose(c: &[Fit], target: f64) -> Option<usize> {
    let target = target.min(1.0 - 1e-9);
    let first = |ok: &dyn Fn(&Fit) -> bool| {
        c.iter()
            .position(|x| x.eligible() && x.meets(target) && ok(x))
    };
    first(&|x| x.support_ok && x.record_ok(target))
        .or_else(|| first(&|x| x.support_ok))
        .or_else(|| first(&|x| x.record_ok(target)))
        .or_else(|| first(&|_| true))
        .or_else(|| best_guarantee(c))
}

/// The eligible tier with the best guarantee, first in catalog order on a tie.
pub fn best_guarantee(c: &[Fit]) -> Option<usize> {
    let mut found: Option<usize> = None;
    for (i, x) in c.iter().enumerate() {
        if x.eligible() && found.is_none_or(|b| x.guarantee > c[b].guarantee) {
            found = Some(i);
        }
    }
    found
}

/// The tier a scope is best sold on for a promise over `window`, and the
/// window it is sold over when that is not the one promised.
#[derive(Debug, Clone)]
pub struct SoldOn<'a> {
    pub tier: &'a Tier,
    /// `None`: the promised window; else the window the tier is sold over.
    pub window: Option<Window>,
}

/// The eligible tier with the best guarantee over `window`; when none
/// covers it, the fallback: the sellable tier with the highest availability,
/// sold over its own window, or rather the tier with the best guarantee over
/// that window when one covers it. `None` when no tier can be sold to the scope.
pub fn sold_on<'a>(
    catalog: &'a Prepared,
    scope: &IdSet<FeatureId>,
    window: &Window,
    from: NaiveDate,
) -> Option<SoldOn<'a>> {
    let promised = fits(catalog, scope, window, None, from);
    if let Some(i) = best_guarantee(&promised) {
        return Some(SoldOn {
            tier: promised[i].tier,
            window: None,
        });
    }
    let mut top: Option<&Tier> = None;
    for x in promised.iter().filter(|x| x.sellable()) {
        if top.is_none_or(|b| x.tier.availability > b.availability) {
            top = Some(x.tier);
        }
    }
    let top = top?;
    let instead = fits(catalog, scope, &top.window, None, from);
    Some(SoldOn {
        tier: best_guarantee(&instead).map_or(top, |i| instead[i].tier),
        window: Some(top.window.clone()),
    })
}

/// The components a scope's features run on, and their composite.
#[derive(Debug, Clone, PartialEq)]
pub struct Components {
    /// Component ids, in catalog order, each once.
    pub ids: Vec<String>,
    /// The product of their availabilities over the whole week; `None`
    /// without components.
    pub around_the_clock: Option<f64>,
}

impl Components {
    /// The composite at worst case inside a window of `weekly` minutes.
    pub fn in_window(&self, weekly: f64) -> Option<f64> {
        self.around_the_clock
            .map(|c| guarantee_within(c, crate::sla::MINUTES_PER_WEEK, weekly))
    }
}

/// The components under `features` and their composite.
pub fn components_of(
    catalog: &Catalog,
    features: impl IntoIterator<Item = FeatureId>,
) -> Components {
    let mut ids: Vec<ComponentId> = features
        .into_iter()
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

/// What bounds the availability a tier can be sold at inside a window of
/// `weekly` minutes: its guarantee, its track record and the components'
/// composite, each at worst case inside the window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub tier: f64,
    pub measured: Option<f64>,
    pub components: Option<f64>,
}

impl Bounds {
    pub fn of(tier: &Tier, components: &Components, weekly: f64) -> Bounds {
        Bounds {
            tier: guarantee(tier, weekly),
            measured: record(tier, weekly),
            components: components.in_window(weekly),
        }
    }

    /// The lowest of them: the most that can be promised.
    pub fn cap(&self) -> f64 {
        [Some(self.tier), self.measured, self.components]
            .into_iter()
            .flatten()
            .fold(1.0, f64::min)
    }
}

/// The tier gaps of a promise. Every gap whose condition holds is made;
/// which of them a deal shows (A002 and A003 hide others) is the code
/// table's business, not this function's.
fn tier_gaps(
    catalog: &Catalog,
    p: &AvailabilityPromise,
    c: &[Fit],
    chosen: Option<usize>,
    instead: Option<Instead>,
) -> Vec<Gap> {
    let mut kinds = Vec::new();
    if p.target >= 1.0 {
        // A figure over a window no tier covers would not be kept either.
        let covered = chosen.is_some_and(|i| c[i].covers);
        kinds.push(GapKind::PerfectAvailability(Target {
            target: p.target,
            instead: instead.filter(|x| covered && x.hundredths > 0),
        }));
    }
    if !c.iter().any(|x| x.covers) {
        kinds.push(not_covered(p, c));
    }
    let meets_eligible = c.iter().any(|x| x.eligible() && x.meets(p.target));
    if !meets_eligible {
        let needs = c
            .iter()
            .filter(|x| x.meets(p.target) && !x.sellable())
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

fn not_covered(p: &AvailabilityPromise, c: &[Fit]) -> GapKind {
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

fn needs_features(catalog: &Catalog, p: &AvailabilityPromise, x: &Fit) -> GapKind {
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

fn over_promise(p: &AvailabilityPromise, best: Option<&Fit>) -> GapKind {
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

fn track_record(p: &AvailabilityPromise, x: &Fit) -> Option<GapKind> {
    let (m, measured_in_window) = x.tier.measured.zip(x.measured)?;
    (p.target > measured_in_window + TOLERANCE).then(|| {
        GapKind::AboveTrackRecord(TrackRecord {
            tier: x.tier.name.clone(),
            measured: m,
            measured_in_window,
        })
    })
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
    catalog: &Prepared,
    p: &AvailabilityPromise,
    chosen: Option<&Fit>,
    in_window: Option<f64>,
    components: Components,
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
            window: catalog.tier_window(x.index).to_string(),
            weekly_minutes: x.tier.window.weekly_minutes(),
            guaranteed_in_promised_window: x.guarantee,
            measured: x.tier.measured,
            support_response_minutes: x.tier.support_response,
        }),
        composite_availability: in_window,
        composite_24x7: components.around_the_clock,
        components: components.ids,
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
