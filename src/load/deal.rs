//! Deal validation: raw TOML → [`Deal`].
//!
//! A deal is read against its catalog's business hours and time zone (for
//! `window = "business-hours"`), but references to features and teams are
//! left to the checks: a mistyped feature is a gap (F001), not an input error.

use super::catalog::{amount, scalar, window_at};
use super::raw;
use super::values::{Checker, cycle_text, parse_toml};
use crate::model::{
    AvailabilityPromise, Catalog, CustomWork, Deal, Named, Requirement, RequirementValue,
};
use crate::source::{InputErrors, Source, SourceFile};
use crate::window::Window;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use toml::Spanned;

/// Reads and validates a deal file.
pub fn load_deal(path: &Path, catalog: &Catalog) -> Result<Deal, InputErrors> {
    parse_deal_source(&Source::read(path)?, catalog)
}

/// Validates deal text against the catalog's calendar settings.
pub fn parse_deal(file: &SourceFile, catalog: &Catalog) -> Result<Deal, InputErrors> {
    parse_deal_source(&file.to_source(), catalog)
}

/// Validates a deal already read into a [`Source`].
pub fn parse_deal_source(file: &Arc<Source>, catalog: &Catalog) -> Result<Deal, InputErrors> {
    let (raw, mut c) = Checker::new::<raw::DealFile>(file, parse_toml(file, super::shape::DEAL)?);
    let h = raw.deal.get_ref();
    let id = c.text(&h.id, "`deal.id`").unwrap_or_default();
    let start = h.start.as_ref().and_then(|s| c.date(s, "`deal.start`"));
    let probability = h
        .probability
        .as_ref()
        .and_then(|p| c.probability(p, "`deal.probability`"));
    let deadline = c.date(&h.deadline, "`deal.deadline`");
    let features = named(&c, &h.features);
    let availability = raw
        .availability
        .as_ref()
        .and_then(|a| promise(&mut c, a, catalog));
    let requirements = raw
        .requirements
        .iter()
        .filter_map(|(k, v)| requirement(&mut c, k, v))
        .collect();
    let custom = custom_work(&mut c, &raw.custom);
    let deal = deadline.map(|deadline| Deal {
        path: file.path().to_path_buf(),
        id,
        customer: h
            .customer
            .as_ref()
            .map(|s| s.get_ref().clone())
            .unwrap_or_default(),
        owner: h.owner.as_ref().map(|s| s.get_ref().clone()),
        status: h.status.as_ref().map(|s| *s.get_ref()).unwrap_or_default(),
        probability,
        start,
        deadline,
        features,
        availability,
        requirements,
        custom,
        location: file.location(raw.deal.span().start),
        id_location: file.location(h.id.span().start),
        start_location: h.start.as_ref().map(|s| file.location(s.span().start)),
        deadline_location: file.location(h.deadline.span().start),
    });
    c.finish(deal)
}

fn named(c: &Checker, ids: &[Spanned<String>]) -> Vec<Named> {
    ids.iter()
        .map(|n| Named {
            id: n.get_ref().trim().to_string(),
            location: c.file.location(n.span().start),
        })
        .collect()
}

fn promise(
    c: &mut Checker,
    a: &Spanned<raw::AvailabilityPromise>,
    catalog: &Catalog,
) -> Option<AvailabilityPromise> {
    let r = a.get_ref();
    let target = c.percent(&r.target, "`availability.target`");
    let window = match &r.window {
        Some(w) => window_at(
            c,
            w,
            "`availability.window`",
            Some(&catalog.business_hours),
            catalog.timezone,
        ),
        None => Some(Window::full_week(catalog.timezone)),
    };
    let support_response = match &r.support_response {
        Some(s) => Some(c.duration(s, "`availability.support_response`")?),
        None => None,
    };
    let loc = |span: std::ops::Range<usize>| c.file.location(span.start);
    Some(AvailabilityPromise {
        target: target?,
        window: window?,
        support_response,
        location: loc(a.span()),
        target_location: loc(r.target.span()),
        window_location: loc(r.window.as_ref().map_or(a.span(), |w| w.span())),
        support_location: r.support_response.as_ref().map(|s| loc(s.span())),
    })
}

fn requirement(
    c: &mut Checker,
    key: &Spanned<String>,
    v: &Spanned<toml::Value>,
) -> Option<Requirement> {
    let what = format!("`requirements.{}`", key.get_ref());
    let value = match v.get_ref() {
        toml::Value::Integer(i) => RequirementValue::Number(*i as f64),
        toml::Value::Float(f) if f.is_finite() => RequirementValue::Number(*f),
        toml::Value::String(s) => {
            RequirementValue::Values(vec![crate::model::Scalar::Text(s.clone())])
        }
        toml::Value::Array(items) => match items.iter().map(scalar).collect::<Option<Vec<_>>>() {
            Some(values) => RequirementValue::Values(values),
            None => {
                c.error(v.span(), format!("{what} must list text or numbers only"));
                return None;
            }
        },
        _ => {
            c.error(
                v.span(),
                format!("{what} must be a number, a text or a list of them"),
            );
            return None;
        }
    };
    if let RequirementValue::Number(n) = value
        && n < 0.0
    {
        c.error(
            v.span(),
            format!(
                "{what} must be a number 0 or more, found {}",
                crate::figures::bounded_text(n)
            ),
        );
        return None;
    }
    Some(Requirement {
        key: key.get_ref().clone(),
        value,
        list: matches!(v.get_ref(), toml::Value::Array(_)),
        location: c.file.location(key.span().start),
    })
}

fn custom_work(c: &mut Checker, items: &[Spanned<raw::Custom>]) -> Vec<CustomWork> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<CustomWork> = Vec::new();
    // The raw item each of `out` came from, for pointing at its `after`.
    let mut origin: Vec<&Spanned<raw::Custom>> = Vec::new();
    for item in items {
        let r = item.get_ref();
        let Some(name) = c.text(&r.name, "`custom.name`") else {
            continue;
        };
        if !seen.insert(name.clone()) {
            c.error(r.name.span(), format!("two `[[custom]]` items are named \"{name}\": names must be unique, `after` refers to them"));
            continue;
        }
        let what = format!("custom work \"{name}\"");
        let amount = amount(c, item.span(), r.days.as_ref(), r.estimate.as_ref(), &what);
        let max_people = r
            .max_people
            .as_ref()
            .and_then(|m| c.count(m, &format!("`max_people` in {what}"), 1, 100_000));
        let Some(amount) = amount else { continue };
        origin.push(item);
        out.push(CustomWork {
            name,
            team: named(c, std::slice::from_ref(&r.team)).remove(0),
            amount,
            max_people,
            after: named(c, &r.after),
            location: c.file.location(r.name.span().start),
        });
    }
    let by_name = out
        .iter()
        .enumerate()
        .map(|(i, w)| (w.name.clone(), i))
        .collect();
    report_after_cycles(c, &out, &origin, &by_name);
    out
}

/// Custom items that wait for each other can never start: an input error.
fn report_after_cycles(
    c: &mut Checker,
    items: &[CustomWork],
    raw: &[&Spanned<raw::Custom>],
    by_name: &HashMap<String, usize>,
) {
    let edges: Vec<Vec<usize>> = items
        .iter()
        .map(|w| {
            w.after
                .iter()
                .filter_map(|a| by_name.get(&a.id).copied())
                .collect()
        })
        .collect();
    for cycle in crate::graph::cycles(items.len(), |i| &edges[i]) {
        let names: Vec<&str> = cycle.iter().map(|&i| items[i].name.as_str()).collect();
        let first = raw[cycle[0]];
        let span = first
            .get_ref()
            .after
            .first()
            .map_or(first.span(), |a| a.span());
        c.error(
            span,
            format!(
                "custom work waits for itself: {} (`after` forms a cycle)",
                cycle_text(&names)
            ),
        );
    }
}
