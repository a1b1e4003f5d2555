//! Availability checks A001–A007: the promise against tiers and components.
//!
//! A tier's guarantee is converted to the promised window at worst case (all
//! its allowed downtime may fall inside the promised hours); the chosen tier is
//! the first in catalog order that is eligible, covers the window and meets
//! the target and support response.

use super::scope::ScopeEntry;
use crate::gap::{Gap, GapCode};
use crate::model::{AvailabilityPromise, Catalog, Deal, Tier};
use crate::sla::{
    allowed_downtime_per_month, allowed_downtime_per_year, composite, format_duration_minutes,
    format_percent, guarantee_within,
};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;

/// The availability section of a deal's report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AvailabilitySection {
    pub promised: Promised,
    /// The tier the deal would be sold on; null when none covers the window.
    pub offered: Option<Offered>,
    /// Product of the deal's components, converted to the promised window.
    pub composite_availability: Option<f64>,
    pub components: Vec<String>,
    pub downtime_per_month_minutes: Downtime,
    pub downtime_per_year_minutes: Downtime,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Promised {
    /// Fraction, e.g. 0.999.
    pub target: f64,
    pub window: String,
    pub weekly_minutes: u32,
    pub support_response_minutes: Option<u32>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Offered {
    pub tier: String,
    /// The tier's own figure over its own window.
    pub availability: f64,
    pub window: String,
    pub weekly_minutes: u32,
    /// Worst-case guarantee inside the promised window.
    pub guaranteed_in_promised_window: f64,
    pub measured: Option<f64>,
    pub support_response_minutes: Option<u32>,
}

/// Allowed downtime in minutes: what the deal promises and what the offer allows
/// inside the promised window.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Downtime {
    pub promised: f64,
    pub offered: Option<f64>,
}

/// A tier judged against one promise.
struct Candidate<'a> {
    tier: &'a Tier,
    covers: bool,
    guarantee: f64,
    missing: Vec<usize>,
    support_ok: bool,
}

impl Candidate<'_> {
    fn meets(&self, target: f64) -> bool {
        self.covers && self.guarantee + 1e-12 >= target
    }
}

pub fn check(
    catalog: &Catalog,
    deal: &Deal,
    scope: &[ScopeEntry],
) -> (Vec<Gap>, Option<AvailabilitySection>) {
    let Some(p) = &deal.availability else {
        return (Vec::new(), None);
    };
    let from = deal.deadline;
    let in_scope: Vec<usize> = scope.iter().map(|e| e.feature).collect();
    let candidates: Vec<Candidate> = catalog
        .tiers
        .iter()
        .map(|t| Candidate {
            tier: t,
            covers: t.window.covers(&p.window, from),
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
    let (components, comp) = composite_in_window(catalog, scope, p);
    if p.target < 1.0
        && let Some(c) = comp
        && p.target > c + 1e-12
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
            guarantee_within(m, x.tier.window.weekly_minutes().into(), promise_weekly) + 1e-12
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

fn tier_gaps(
    catalog: &Catalog,
    p: &AvailabilityPromise,
    c: &[Candidate],
    chosen: Option<usize>,
) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if p.target >= 1.0 {
        gaps.push(perfect(p));
    }
    if !c.iter().any(|x| x.covers) {
        gaps.push(not_covered(p, c));
        return gaps;
    }
    let meets_eligible = c
        .iter()
        .any(|x| x.covers && x.missing.is_empty() && x.meets(p.target));
    if p.target < 1.0 && !meets_eligible {
        let needs = c
            .iter()
            .enumerate()
            .filter(|(_, x)| x.meets(p.target) && !x.missing.is_empty())
            .min_by_key(|(_, x)| x.missing.len());
        gaps.push(match needs {
            Some((_, x)) => needs_features(catalog, p, x),
            None => over_promise(p, chosen.map(|i| &c[i])),
        });
    }
    if let Some(x) = chosen.map(|i| &c[i]) {
        if !x.support_ok {
            gaps.push(support(p, x.tier));
        }
        if meets_eligible && p.target < 1.0 {
            gaps.extend(track_record(p, x));
        }
    }
    gaps
}

fn perfect(p: &AvailabilityPromise) -> Gap {
    Gap::new(
        GapCode::A002,
        "availability.target",
        "the deal promises 100% availability: no tier can promise zero downtime",
    )
    .at(&p.target_location)
    .suggest("promise a real figure, e.g. 99.9% (43m 50s of downtime a month over 24x7)")
    .data(json!({ "target": p.target }))
}

fn not_covered(p: &AvailabilityPromise, c: &[Candidate]) -> Gap {
    let windows: Vec<String> = c
        .iter()
        .map(|x| format!("{} ({})", x.tier.name, x.tier.window))
        .collect();
    Gap::new(
        GapCode::A003,
        "availability.window",
        format!("no tier covers the promised window \"{}\" in every week of the year after the deadline", p.window),
    )
    .at(&p.window_location)
    .suggest(if windows.is_empty() { "the catalog offers no tiers".to_string() } else { format!("tiers offer: {}", windows.join("; ")) })
    .data(json!({ "window": p.window.to_string(), "tiers": c.iter().map(|x| json!({"tier": x.tier.name, "window": x.tier.window.to_string()})).collect::<Vec<_>>() }))
}

fn needs_features(catalog: &Catalog, p: &AvailabilityPromise, x: &Candidate) -> Gap {
    let names: Vec<&str> = x
        .missing
        .iter()
        .map(|&f| catalog.features[f].id.as_str())
        .collect();
    Gap::new(
        GapCode::A004,
        "availability.target",
        format!(
            "only tier \"{}\" guarantees {} in the promised window, and it requires {} which the deal lacks",
            x.tier.name,
            format_percent(p.target),
            names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
        ),
    )
    .at(&p.target_location)
    .suggest(format!("add {} to the deal's features, or lower the promise", names.join(", ")))
    .data(json!({ "tier": x.tier.name, "missing_features": names }))
}

fn over_promise(p: &AvailabilityPromise, best: Option<&Candidate>) -> Gap {
    let weekly: f64 = p.window.weekly_minutes().into();
    let promised = format_duration_minutes(allowed_downtime_per_month(p.target, weekly));
    let (best_text, data) = match best {
        Some(b) => (
            format!(
                "the best eligible tier, \"{}\", guarantees {} inside the promised window ({} of downtime a month)",
                b.tier.name,
                format_percent(b.guarantee),
                format_duration_minutes(allowed_downtime_per_month(b.guarantee, weekly))
            ),
            json!({ "target": p.target, "best_tier": b.tier.name, "best_guarantee": b.guarantee }),
        ),
        None => (
            "no eligible tier covers the window".to_string(),
            json!({ "target": p.target }),
        ),
    };
    let gap = Gap::new(
        GapCode::A001,
        "availability.target",
        format!(
            "you promised {} ({promised} of downtime a month); {best_text}",
            format_percent(p.target)
        ),
    )
    .at(&p.target_location)
    .data(data);
    match best {
        Some(b) => gap.suggest(format!("promise at most {}", format_percent(b.guarantee))),
        None => gap,
    }
}

fn support(p: &AvailabilityPromise, t: &Tier) -> Gap {
    let want = p
        .support_response
        .map(|m| format_duration_minutes(m.into()))
        .unwrap_or_default();
    let offer = t
        .support_response
        .map(|m| format_duration_minutes(m.into()));
    Gap::new(
        GapCode::A007,
        "availability.support_response",
        match &offer {
            Some(o) => format!("you promised a support response within {want}; tier \"{}\" responds within {o}", t.name),
            None => format!("you promised a support response within {want}; tier \"{}\" promises no response time", t.name),
        },
    )
    .at(p.support_location.as_ref().unwrap_or(&p.location))
    .suggest(match &offer {
        Some(o) => format!("promise {o}, or a tier with faster support"),
        None => "choose a tier with a support response time".to_string(),
    })
    .data(json!({ "promised_minutes": p.support_response, "tier": t.name, "offered_minutes": t.support_response }))
}

fn track_record(p: &AvailabilityPromise, x: &Candidate) -> Option<Gap> {
    let m = x.tier.measured?;
    let measured_in_window = guarantee_within(
        m,
        x.tier.window.weekly_minutes().into(),
        p.window.weekly_minutes().into(),
    );
    (p.target > measured_in_window + 1e-12).then(|| {
        Gap::new(
            GapCode::A005,
            "availability.target",
            format!(
                "tier \"{}\" guarantees the promise, but its measured record ({}) is only {} inside the promised window",
                x.tier.name,
                format_percent(m),
                format_percent(measured_in_window)
            ),
        )
        .at(&p.target_location)
        .suggest(format!("promise at most {}", format_percent(measured_in_window)))
        .data(json!({ "tier": x.tier.name, "measured": m, "measured_in_window": measured_in_window }))
    })
}

/// Components under the deal's features and their composite, in the promised window.
fn composite_in_window(
    catalog: &Catalog,
    scope: &[ScopeEntry],
    p: &AvailabilityPromise,
) -> (Vec<String>, Option<f64>) {
    let mut ids: Vec<usize> = scope
        .iter()
        .flat_map(|e| catalog.features[e.feature].components.iter().copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return (Vec::new(), None);
    }
    let figures: Vec<f64> = ids
        .iter()
        .map(|&i| catalog.components[i].availability)
        .collect();
    let all_week = f64::from(crate::window::MINUTES_PER_WEEK);
    let c = guarantee_within(
        composite(&figures),
        all_week,
        p.window.weekly_minutes().into(),
    );
    (
        ids.iter()
            .map(|&i| catalog.components[i].id.clone())
            .collect(),
        Some(c),
    )
}

fn architecture(p: &AvailabilityPromise, c: f64, components: &[String]) -> Gap {
    Gap::new(
        GapCode::A006,
        "availability.target",
        format!(
            "you promised {}, but the components the deal runs on ({}) together reach only {} in the promised window",
            format_percent(p.target),
            components.join(", "),
            format_percent(c)
        ),
    )
    .at(&p.target_location)
    .suggest(format!("promise at most {}", format_percent(c)))
    .data(json!({ "target": p.target, "composite": c, "components": components }))
}

fn section(
    p: &AvailabilityPromise,
    chosen: Option<&Candidate>,
    comp: Option<f64>,
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
        composite_availability: comp,
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
