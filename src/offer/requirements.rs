//! Rule 5: requirements clamped to the catalog's `[limits]`.

use super::Change;
use super::edit::RequirementEdit;
use crate::figures::number_text;
use crate::gap::GapCode;
use crate::model::{Catalog, Deal, LimitKind, RequirementValue, Scalar};

/// One edit per requirement of the deal, and the changes they make.
pub fn edits(catalog: &Catalog, deal: &Deal) -> (Vec<RequirementEdit>, Vec<Change>) {
    let mut edits = Vec::new();
    let mut changes = Vec::new();
    for r in &deal.requirements {
        let subject = format!("requirements.{}", r.key);
        let asked = super::edit::written(r);
        let (edit, change) = match (catalog.limit(&r.key).map(|l| &l.kind), &r.value) {
            (None, _) => (
                RequirementEdit::Remove,
                Some((GapCode::L003, None, unknown_why(catalog, &r.key))),
            ),
            (Some(LimitKind::Max(max)), RequirementValue::Number(n)) if n > max => (
                RequirementEdit::Number(*max),
                Some((
                    GapCode::L001,
                    Some(number_text(*max)),
                    format!("{} is the most operations offers", number_text(*max)),
                )),
            ),
            (Some(LimitKind::Max(_)), RequirementValue::Number(_)) => (RequirementEdit::Keep, None),
            (Some(LimitKind::Max(max)), RequirementValue::Values(_)) => (
                RequirementEdit::Remove,
                Some((
                    GapCode::L001,
                    None,
                    format!(
                        "the catalog offers a number here (at most {}), not a list",
                        number_text(*max)
                    ),
                )),
            ),
            (Some(LimitKind::OneOf(offered)), value) => one_of(offered, value),
        };
        if let Some((code, offered, why)) = change {
            changes.push(Change::new(code, subject, asked, offered, why));
        }
        edits.push(edit);
    }
    (edits, changes)
}

/// Why a requirement without a limit goes, with `check`'s did-you-mean
/// (L003's `nearest`): an offer never renames it, but says what was likely meant.
fn unknown_why(catalog: &Catalog, key: &str) -> String {
    let keys = catalog.limits.iter().map(|l| l.key.as_str());
    match crate::suggest::nearest(key, keys) {
        Some(n) => format!(
            "operations has no limit for \"{key}\" (did you mean \"{n}\"? write it so if it is): agree it separately"
        ),
        None => format!(
            "operations has no limit for \"{key}\" and cannot vouch for it: agree it separately"
        ),
    }
}

type Outcome = (RequirementEdit, Option<(GapCode, Option<String>, String)>);

fn one_of(offered: &[Scalar], value: &RequirementValue) -> Outcome {
    let all = offered
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let why = |missing: &[&Scalar]| {
        let m: Vec<String> = missing.iter().map(|s| format!("\"{s}\"")).collect();
        format!("{} not offered (offered: {all})", m.join(", "))
    };
    match value {
        RequirementValue::Number(n) => {
            if offered.contains(&Scalar::Number(*n)) {
                (RequirementEdit::Keep, None)
            } else {
                let n = Scalar::Number(*n);
                (
                    RequirementEdit::Remove,
                    Some((GapCode::L002, None, why(&[&n]))),
                )
            }
        }
        RequirementValue::Values(v) => {
            let keep: Vec<usize> = (0..v.len()).filter(|&i| offered.contains(&v[i])).collect();
            if keep.len() == v.len() {
                return (RequirementEdit::Keep, None);
            }
            let missing: Vec<&Scalar> = v.iter().filter(|s| !offered.contains(s)).collect();
            if keep.is_empty() {
                return (
                    RequirementEdit::Remove,
                    Some((GapCode::L002, None, why(&missing))),
                );
            }
            let kept = RequirementValue::Values(keep.iter().map(|&i| v[i].clone()).collect());
            (
                RequirementEdit::Values(keep),
                Some((GapCode::L002, Some(value_text(&kept)), why(&missing))),
            )
        }
    }
}

/// A requirement's value as text: `25000`, `["eu-central", "ap-southeast"]`.
pub fn value_text(v: &RequirementValue) -> String {
    match v {
        RequirementValue::Number(n) => number_text(*n),
        RequirementValue::Values(values) => {
            let items: Vec<String> = values
                .iter()
                .map(|s| match s {
                    Scalar::Text(t) => format!("\"{t}\""),
                    Scalar::Number(n) => number_text(*n),
                })
                .collect();
            format!("[{}]", items.join(", "))
        }
    }
}
