//! Catalog validation: raw TOML → [`Catalog`], every problem reported.

use super::raw;
use super::values::{Checker, NumberRange, cycle_text, parse_toml};
use crate::model::{
    Amount, Catalog, Commitment, Component, Effort, Feature, Limit, LimitKind, Scalar, Team, Tier,
};
use crate::source::{InputErrors, Source, SourceFile};
use crate::window::Window;
use chrono_tz::Tz;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use toml::Spanned;

/// Used when the catalog names no `business_hours`.
pub const DEFAULT_BUSINESS_HOURS: &str = "mon-fri 09:00-17:00";
/// Used when the catalog names no `default_probability`: a coin toss.
pub const DEFAULT_PROBABILITY: f64 = 0.5;
/// Used when the catalog names no `confidence`.
pub const DEFAULT_CONFIDENCE: f64 = 0.85;

/// Reads and validates a catalog file.
pub fn load_catalog(path: &Path) -> Result<Catalog, InputErrors> {
    parse_catalog_source(&Source::read(path)?)
}

/// Validates catalog text; a broken catalog lists every problem.
pub fn parse_catalog(file: &SourceFile) -> Result<Catalog, InputErrors> {
    parse_catalog_source(&file.to_source())
}

/// Validates a catalog already read into a [`Source`].
pub fn parse_catalog_source(file: &Arc<Source>) -> Result<Catalog, InputErrors> {
    let (raw, mut c) =
        Checker::new::<raw::CatalogFile>(file, parse_toml(file, super::shape::CATALOG)?);
    let header = raw.catalog.get_ref();
    let name = c.text(&header.name, "`catalog.name`").unwrap_or_default();
    let timezone = timezone(&mut c, header.timezone.as_ref());
    let business_hours = business_hours(&mut c, header.business_hours.as_ref(), timezone);
    let holidays = c
        .dates(&header.holidays, "`catalog.holidays`")
        .into_iter()
        .collect();
    let confidence = header
        .confidence
        .as_ref()
        .and_then(|v| c.number(v, "`catalog.confidence`", NumberRange::FRACTION))
        .unwrap_or(DEFAULT_CONFIDENCE);
    let default_probability = header
        .default_probability
        .as_ref()
        .and_then(|v| c.probability(v, "`catalog.default_probability`"))
        .unwrap_or(DEFAULT_PROBABILITY);

    let feature_index = index(&mut c, &raw.feature, |f| &f.id, "feature");
    let team_index = index(&mut c, &raw.team, |t| &t.id, "team");
    let component_index = index(&mut c, &raw.component, |t| &t.id, "component");
    index(&mut c, &raw.tier, |t| &t.name, "tier");
    let ids = Ids {
        features: &feature_index,
        teams: &team_index,
        components: &component_index,
    };

    let teams: Vec<Team> = raw.team.iter().map(|t| team(&mut c, t)).collect();
    let features: Vec<Feature> = raw
        .feature
        .iter()
        .map(|f| feature(&mut c, f, &ids))
        .collect();
    let components = raw.component.iter().map(|f| component(&mut c, f)).collect();
    let tiers = raw
        .tier
        .iter()
        .map(|t| tier(&mut c, t, &ids, &business_hours, timezone))
        .collect();
    let limits = raw
        .limits
        .iter()
        .filter_map(|(k, v)| limit(&mut c, k, v))
        .collect();
    let catalog = Catalog {
        path: file.path().to_path_buf(),
        name,
        timezone,
        business_hours,
        holidays,
        confidence,
        default_probability,
        features,
        teams,
        components,
        tiers,
        limits,
        feature_index,
        team_index,
    };
    report_requires_cycles(&mut c, &catalog, &raw.feature);
    c.finish(Some(catalog))
}

struct Ids<'a> {
    features: &'a HashMap<String, usize>,
    teams: &'a HashMap<String, usize>,
    components: &'a HashMap<String, usize>,
}

/// The catalog's zone, resolved as a window's zone is (any case: `europe/berlin`
/// is Europe/Berlin).
fn timezone(c: &mut Checker, tz: Option<&Spanned<String>>) -> Tz {
    let Some(tz) = tz else { return Tz::UTC };
    match crate::window::resolve_zone(tz.get_ref().trim()) {
        Ok(z) => z,
        Err(e) => {
            let mut p = c.file.problem(
                tz.span(),
                format!(
                    "unknown time zone \"{}\": use an IANA name like Europe/Berlin",
                    tz.get_ref()
                ),
            );
            if let Some(help) = e.did_you_mean {
                p = p.with_help(help);
            }
            c.push(p);
            Tz::UTC
        }
    }
}

fn business_hours(c: &mut Checker, text: Option<&Spanned<String>>, tz: Tz) -> Window {
    let fallback = || Window::parse(DEFAULT_BUSINESS_HOURS, None, tz).ok();
    let Some(text) = text else {
        return fallback().unwrap_or_else(|| Window::full_week(tz));
    };
    match window_at(c, text, "`catalog.business_hours`", None, tz) {
        Some(w) => w,
        None => Window::full_week(tz),
    }
}

/// Parses a window value, pointing a problem at the exact column inside it.
pub(crate) fn window_at(
    c: &mut Checker,
    text: &Spanned<String>,
    what: &str,
    business_hours: Option<&Window>,
    tz: Tz,
) -> Option<Window> {
    match Window::parse(text.get_ref(), business_hours, tz) {
        Ok(w) => Some(w),
        Err(e) => {
            // +1 skips the opening quote of a basic TOML string.
            let start = text.span().start + 1 + e.offset;
            let span = start..start + e.len.max(1);
            c.error(span, format!("{what}: {}", e.message));
            None
        }
    }
}

/// Maps ids to positions, reporting duplicates.
fn index<T>(
    c: &mut Checker,
    items: &[Spanned<T>],
    id: impl Fn(&T) -> &Spanned<String>,
    kind: &str,
) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let key = id(item.get_ref());
        let Some(text) = c.text(key, &format!("`id` of a {kind}")) else {
            continue;
        };
        match map.entry(text) {
            std::collections::hash_map::Entry::Occupied(e) => c.error(
                key.span(),
                format!(
                    "duplicate {kind} \"{}\": each {kind} must appear once",
                    e.key()
                ),
            ),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i);
            }
        }
    }
    map
}

/// Resolves references to other ids, reporting those that name nothing.
fn refs<Id: From<usize>>(
    c: &mut Checker,
    names: &[Spanned<String>],
    map: &HashMap<String, usize>,
    what: &str,
    kind: &str,
) -> Vec<Id> {
    names
        .iter()
        .filter_map(|n| match map.get(n.get_ref().trim()) {
            Some(i) => Some(Id::from(*i)),
            None => {
                let mut p = c.file.problem(
                    n.span(),
                    format!(
                        "{what} names {kind} \"{}\", which the catalog does not have",
                        n.get_ref()
                    ),
                );
                if c.wants_help()
                    && let Some(best) =
                        crate::suggest::nearest(n.get_ref(), map.keys().map(String::as_str))
                {
                    p = p.with_help(crate::suggest::meant(best));
                }
                c.push(p);
                None
            }
        })
        .collect()
}

fn feature(c: &mut Checker, f: &Spanned<raw::Feature>, ids: &Ids) -> Feature {
    let r = f.get_ref();
    let id = r.id.get_ref().trim().to_string();
    let what = |field: &str| format!("`{field}` of feature \"{id}\"");
    let eta = r.eta.as_ref().and_then(|v| c.date(v, &what("eta")));
    Feature {
        name: r
            .name
            .as_ref()
            .map_or_else(|| id.clone(), |n| n.get_ref().clone()),
        status: *r.status.get_ref(),
        eta,
        requires: refs(c, &r.requires, ids.features, &what("requires"), "feature"),
        conflicts: refs(c, &r.conflicts, ids.features, &what("conflicts"), "feature"),
        components: refs(
            c,
            &r.components,
            ids.components,
            &what("components"),
            "component",
        ),
        setup: r
            .setup
            .as_ref()
            .and_then(|e| effort(c, e, ids, &what("setup"))),
        work: r
            .work
            .as_ref()
            .and_then(|e| effort(c, e, ids, &what("work"))),
        location: c.file.location(r.id.span().start),
        id,
    }
}

fn effort(c: &mut Checker, e: &Spanned<raw::Effort>, ids: &Ids, what: &str) -> Option<Effort> {
    let r = e.get_ref();
    let team = refs(
        c,
        std::slice::from_ref(&r.team),
        ids.teams,
        &format!("`team` in {what}"),
        "team",
    );
    let amount = amount(c, e.span(), r.days.as_ref(), r.estimate.as_ref(), what);
    let max_people = r
        .max_people
        .as_ref()
        .and_then(|m| c.count(m, &format!("`max_people` in {what}"), 1, 100_000));
    Some(Effort {
        team: *team.first()?,
        amount: amount?,
        max_people,
    })
}

/// `days = N` or `estimate = { low, likely, high }`, exactly one of them.
pub(crate) fn amount(
    c: &mut Checker,
    span: std::ops::Range<usize>,
    days: Option<&Spanned<f64>>,
    estimate: Option<&Spanned<raw::Estimate>>,
    what: &str,
) -> Option<Amount> {
    match (days, estimate) {
        (Some(d), None) => c
            .number(d, &format!("`days` in {what}"), NumberRange::NON_NEGATIVE)
            .map(Amount::Fixed),
        (None, Some(e)) => three_point(c, e, what),
        (Some(d), Some(_)) => {
            c.error(
                d.span(),
                format!("{what} has both `days` and `estimate`: give one"),
            );
            None
        }
        (None, None) => {
            c.error(
                span,
                format!(
                    "{what} needs the effort: `days = N` or `estimate = {{ low, likely, high }}`"
                ),
            );
            None
        }
    }
}

fn three_point(c: &mut Checker, e: &Spanned<raw::Estimate>, what: &str) -> Option<Amount> {
    let r = e.get_ref();
    let range = NumberRange::NON_NEGATIVE;
    let low = c.number(&r.low, &format!("`estimate.low` in {what}"), range);
    let likely = c.number(&r.likely, &format!("`estimate.likely` in {what}"), range);
    let high = c.number(&r.high, &format!("`estimate.high` in {what}"), range);
    let (low, likely, high) = (low?, likely?, high?);
    if low <= likely && likely <= high {
        Some(Amount::ThreePoint { low, likely, high })
    } else {
        c.error(
            e.span(),
            format!(
                "`estimate` in {what} must have low ≤ likely ≤ high, found {low}, {likely}, {high}"
            ),
        );
        None
    }
}

fn team(c: &mut Checker, t: &Spanned<raw::Team>) -> Team {
    let r = t.get_ref();
    let id = r.id.get_ref().trim().to_string();
    let what = |field: &str| format!("`{field}` of team \"{id}\"");
    Team {
        name: r
            .name
            .as_ref()
            .map_or_else(|| id.clone(), |n| n.get_ref().clone()),
        people: c.count(&r.people, &what("people"), 0, 100_000).unwrap_or(0),
        focus: r
            .focus
            .as_ref()
            .and_then(|f| c.number(f, &what("focus"), NumberRange::FRACTION))
            .unwrap_or(1.0),
        hours_per_day: r
            .hours_per_day
            .as_ref()
            .and_then(|h| c.number(h, &what("hours_per_day"), NumberRange::HOURS))
            .unwrap_or(8.0),
        holidays: c
            .dates(&r.holidays, &what("holidays"))
            .into_iter()
            .collect(),
        commitments: r
            .commitment
            .iter()
            .filter_map(|cm| commitment(c, cm, &format!("a commitment of team \"{id}\"")))
            .collect(),
        location: c.file.location(r.id.span().start),
        id,
    }
}

fn commitment(c: &mut Checker, cm: &Spanned<raw::Commitment>, what: &str) -> Option<Commitment> {
    let r = cm.get_ref();
    let from = c.date(&r.from, &format!("`from` in {what}"));
    let until = c.date(&r.until, &format!("`until` in {what}"));
    let people = c.count(&r.people, &format!("`people` in {what}"), 0, 100_000);
    let (from, until, people) = (from?, until?, people?);
    if until < from {
        c.error(
            r.until.span(),
            format!("`until` ({until}) is before `from` ({from}) in {what}"),
        );
        return None;
    }
    Some(Commitment {
        what: r
            .what
            .as_ref()
            .map(|w| w.get_ref().clone())
            .unwrap_or_default(),
        from,
        until,
        people,
    })
}

fn component(c: &mut Checker, comp: &Spanned<raw::Component>) -> Component {
    let r = comp.get_ref();
    let id = r.id.get_ref().trim().to_string();
    Component {
        name: r
            .name
            .as_ref()
            .map_or_else(|| id.clone(), |n| n.get_ref().clone()),
        availability: c
            .percent(
                &r.availability,
                &format!("`availability` of component \"{id}\""),
            )
            .unwrap_or(1.0),
        id,
    }
}

fn tier(c: &mut Checker, t: &Spanned<raw::Tier>, ids: &Ids, bh: &Window, tz: Tz) -> Tier {
    let r = t.get_ref();
    let name = r.name.get_ref().trim().to_string();
    let what = |field: &str| format!("`{field}` of tier \"{name}\"");
    let window = match &r.window {
        Some(w) => window_at(c, w, &what("window"), Some(bh), tz),
        None => Some(Window::full_week(tz)),
    };
    Tier {
        availability: c
            .percent(&r.availability, &what("availability"))
            .unwrap_or(1.0),
        window: window.unwrap_or_else(|| Window::full_week(tz)),
        support_response: r
            .support_response
            .as_ref()
            .and_then(|s| c.duration(s, &what("support_response"))),
        requires: refs(c, &r.requires, ids.features, &what("requires"), "feature"),
        measured: r
            .measured
            .as_ref()
            .and_then(|m| c.percent(m, &what("measured"))),
        location: c.file.location(r.name.span().start),
        name,
    }
}

fn limit(c: &mut Checker, key: &Spanned<String>, value: &Spanned<toml::Value>) -> Option<Limit> {
    let what = format!("`limits.{}`", key.get_ref());
    let kind = match value.get_ref() {
        toml::Value::Integer(i) if *i >= 0 => LimitKind::Max(*i as f64),
        toml::Value::Float(f) if f.is_finite() && *f >= 0.0 => LimitKind::Max(*f),
        toml::Value::Array(items) => match items.iter().map(scalar).collect::<Option<Vec<_>>>() {
            Some(values) => LimitKind::OneOf(values),
            None => {
                c.error(
                    value.span(),
                    format!("{what} must list text or numbers only"),
                );
                return None;
            }
        },
        _ => {
            c.error(
                value.span(),
                format!("{what} must be a maximum (a number ≥ 0) or the list of values offered"),
            );
            return None;
        }
    };
    Some(Limit {
        key: key.get_ref().clone(),
        kind,
        location: c.file.location(key.span().start),
    })
}

/// A text or finite number inside a list.
pub(crate) fn scalar(v: &toml::Value) -> Option<Scalar> {
    match v {
        toml::Value::String(s) => Some(Scalar::Text(s.clone())),
        toml::Value::Integer(i) => Some(Scalar::Number(*i as f64)),
        toml::Value::Float(f) if f.is_finite() => Some(Scalar::Number(*f)),
        _ => None,
    }
}

/// Reports every feature that lies on a cycle of `requires`, once per cycle.
fn report_requires_cycles(c: &mut Checker, catalog: &Catalog, raw: &[Spanned<raw::Feature>]) {
    let edges: Vec<Vec<usize>> = catalog
        .features
        .iter()
        .map(|f| f.requires.iter().map(|r| r.index()).collect())
        .collect();
    for cycle in crate::graph::cycles(edges.len(), |i| &edges[i]) {
        let names: Vec<&str> = cycle
            .iter()
            .map(|&i| catalog.features[i].id.as_str())
            .collect();
        let first = cycle[0];
        c.error(
            raw[first]
                .get_ref()
                .requires
                .first()
                .map_or(0..0, |r| r.span()),
            format!(
                "features require each other in a cycle: {}",
                cycle_text(&names)
            ),
        );
    }
}
