//! Limit checks L001–L003: the deal's `[requirements]` against the catalog's
//! `[limits]`.

use crate::gap::{Gap, GapKind, NotOffered, OverLimit, UnknownRequirement};
use crate::model::{Catalog, Deal, LimitKind, Requirement, RequirementValue, Scalar};

/// Every limit gap of a deal, in the order the requirements are written.
pub fn check(catalog: &Catalog, deal: &Deal) -> Vec<Gap> {
    deal.requirements
        .iter()
        .filter_map(|r| requirement(catalog, r).map(|k| Gap::new(k).at(&r.location)))
        .collect()
}

fn requirement(catalog: &Catalog, req: &Requirement) -> Option<GapKind> {
    let requirement = req.key.clone();
    let Some(limit) = catalog.limit(&req.key) else {
        let keys = catalog.limits.iter().map(|l| l.key.as_str());
        return Some(GapKind::UnknownRequirement(UnknownRequirement {
            nearest: crate::suggest::nearest(&req.key, keys).map(str::to_string),
            requirement,
        }));
    };
    match (&limit.kind, &req.value) {
        (LimitKind::Max(max), RequirementValue::Number(n)) => (n > max).then(|| {
            GapKind::OverLimit(OverLimit {
                requirement,
                limit: *max,
                requested: Some(*n),
                over_by: Some(n - max),
                values: Vec::new(),
            })
        }),
        (LimitKind::Max(max), RequirementValue::Values(v)) => Some(GapKind::OverLimit(OverLimit {
            requirement,
            limit: *max,
            requested: None,
            over_by: None,
            values: v.iter().map(Scalar::to_string).collect(),
        })),
        (LimitKind::OneOf(offered), value) => not_offered(requirement, value, offered),
    }
}

fn not_offered(
    requirement: String,
    value: &RequirementValue,
    offered: &[Scalar],
) -> Option<GapKind> {
    let wanted = match value {
        RequirementValue::Number(n) => vec![Scalar::Number(*n)],
        RequirementValue::Values(v) => v.clone(),
    };
    let missing: Vec<String> = wanted
        .iter()
        .filter(|w| !offered.contains(w))
        .map(Scalar::to_string)
        .collect();
    (!missing.is_empty()).then(|| {
        GapKind::NotOffered(NotOffered {
            requirement,
            not_offered: missing,
            offered: offered.iter().map(Scalar::to_string).collect(),
        })
    })
}
