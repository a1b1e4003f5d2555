//! Limit checks L001–L003: the deal's `[requirements]` against the catalog's
//! `[limits]`.

use crate::gap::{Gap, GapCode};
use crate::model::{Catalog, Deal, LimitKind, Requirement, RequirementValue, Scalar};
use serde_json::json;

/// Every limit gap of a deal, in the order the requirements are written.
pub fn check(catalog: &Catalog, deal: &Deal) -> Vec<Gap> {
    deal.requirements
        .iter()
        .filter_map(|r| requirement(catalog, r))
        .collect()
}

fn requirement(catalog: &Catalog, req: &Requirement) -> Option<Gap> {
    let subject = format!("requirements.{}", req.key);
    let Some(limit) = catalog.limit(&req.key) else {
        let keys = catalog.limits.iter().map(|l| l.key.as_str());
        let nearest = crate::suggest::nearest(&req.key, keys);
        let gap = Gap::new(
            GapCode::L003,
            subject,
            format!(
                "the catalog has no limit for \"{}\": operations cannot vouch for it",
                req.key
            ),
        )
        .data(json!({ "requirement": req.key, "nearest": nearest }));
        let gap = match nearest {
            Some(n) => gap.suggest(format!("did you mean \"{n}\"?")),
            None => gap.suggest("ask operations to add a limit for it to the catalog"),
        };
        return Some(gap.at(&req.location));
    };
    let gap = match (&limit.kind, &req.value) {
        (LimitKind::Max(max), RequirementValue::Number(n)) => over(&req.key, *n, *max, subject),
        (LimitKind::Max(max), RequirementValue::Values(v)) => Some(
            Gap::new(
                GapCode::L001,
                subject,
                format!(
                    "\"{}\" is limited to a number (at most {max}), but the deal asks for {}",
                    req.key,
                    list(v)
                ),
            )
            .suggest(format!("give a number up to {max}"))
            .data(json!({ "requirement": req.key, "limit": max })),
        ),
        (LimitKind::OneOf(offered), value) => not_offered(&req.key, value, offered, subject),
    };
    gap.map(|g| g.at(&req.location))
}

fn over(key: &str, n: f64, max: f64, subject: String) -> Option<Gap> {
    (n > max).then(|| {
        Gap::new(
            GapCode::L001,
            subject,
            format!("{key} = {n} is above the limit of {max}"),
        )
        .suggest(format!(
            "at most {max}, or ask operations to raise the limit"
        ))
        .data(json!({ "requirement": key, "requested": n, "limit": max, "over_by": n - max }))
    })
}

fn not_offered(
    key: &str,
    value: &RequirementValue,
    offered: &[Scalar],
    subject: String,
) -> Option<Gap> {
    let wanted = match value {
        RequirementValue::Number(n) => vec![Scalar::Number(*n)],
        RequirementValue::Values(v) => v.clone(),
    };
    let missing: Vec<&Scalar> = wanted.iter().filter(|w| !offered.contains(w)).collect();
    if missing.is_empty() {
        return None;
    }
    let missing_text: Vec<String> = missing.iter().map(|m| m.to_string()).collect();
    let offered_text: Vec<String> = offered.iter().map(Scalar::to_string).collect();
    Some(
        Gap::new(
            GapCode::L002,
            subject,
            format!("{key}: {} not offered", quoted(&missing_text)),
        )
        .suggest(format!("offered: {}", quoted(&offered_text)))
        .data(json!({ "requirement": key, "not_offered": missing_text, "offered": offered_text })),
    )
}

fn list(values: &[Scalar]) -> String {
    quoted(&values.iter().map(Scalar::to_string).collect::<Vec<_>>())
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
