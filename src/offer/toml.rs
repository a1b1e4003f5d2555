//! `--format toml`: a variant as a deal file, edited in place with
//! `toml_edit` so the original's comments, key order and layout survive,
//! however the deal is written: standard tables, dotted keys, inline
//! tables (`deal = {…}`) or arrays of inline tables (`custom = [{…}]`).

use super::edit::{AvailabilityEdit, Edits, RequirementEdit};
use crate::figures::{duration_text, target_text};
use crate::model::Deal;
use chrono::{Datelike, NaiveDate};
use toml_edit::{Array, DocumentMut, Item, TableLike, Value};

/// The first line of the header every offer's deal file starts with.
const HEADER_START: &str = "# Offer by dealcheck as of ";
/// Its second line: what the offer promises.
const HEADER_PROMISE: &str =
    "# Operations can sign this as written (`dealcheck check` finds no error).";

/// The deal file of a variant: `original` (the text `deal` was loaded
/// from) with `edits` applied, headed by one comment naming the offer.
/// Loading the result against the same catalog gives `edits.apply(deal)`.
///
/// An offer's header already at the top is replaced, never stacked; and a
/// variant that changes nothing is the original byte for byte (its first
/// header kept when it has any), so an offer of an offer is that offer.
pub fn rewrite(
    original: &str,
    deal: &Deal,
    edits: &Edits,
    variant: &str,
    as_of: NaiveDate,
) -> Result<String, toml_edit::TomlError> {
    let body = without_header(original);
    let identity = edits.is_identity(deal);
    if identity && body.len() != original.len() {
        let first: String = original.split_inclusive('\n').take(2).collect();
        return Ok(first + body);
    }
    let body = if identity {
        body.to_string()
    } else {
        let mut doc: DocumentMut = body.parse()?;
        edit(&mut doc, deal, edits);
        with_leading_comments(body, doc.to_string())
    };
    let from = crate::text::escape_control(&deal.path.display().to_string());
    Ok(format!(
        "{HEADER_START}{as_of}: the {variant} variant of {from}.\n{HEADER_PROMISE}\n{body}"
    ))
}

/// `text` without the offer headers at its top (one per earlier offer, as
/// versions that stacked them wrote).
fn without_header(text: &str) -> &str {
    let mut rest = text;
    loop {
        let Some((first, after)) = rest.split_once('\n') else {
            return rest;
        };
        let Some((second, after)) = after.split_once('\n') else {
            return rest;
        };
        if !first.starts_with(HEADER_START) || second.trim_end_matches('\r') != HEADER_PROMISE {
            return rest;
        }
        rest = after;
    }
}

/// `edited` headed by the comments at the top of `original`: `toml_edit`
/// keeps them with the first item, and they would go with it were that
/// item removed (the file's own header is not the item's).
fn with_leading_comments(original: &str, edited: String) -> String {
    let mut end = 0;
    for line in original.split_inclusive('\n') {
        let t = line.trim();
        if !(t.is_empty() || t.starts_with('#')) {
            break;
        }
        end += line.len();
    }
    let leading = &original[..end];
    if edited.starts_with(leading) {
        edited
    } else {
        format!("{leading}{}", edited.trim_start_matches(['\r', '\n']))
    }
}

fn edit(doc: &mut DocumentMut, deal: &Deal, edits: &Edits) {
    if let Some(t) = table(doc, "deal") {
        if edits.deadline != deal.deadline {
            set(t, "deadline", Value::from(date(edits.deadline)));
        }
        if edits.features.len() != deal.features.len()
            && let Some(a) = t.get_mut("features").and_then(Item::as_array_mut)
        {
            retain(a, &edits.features);
        }
    }
    if edits.custom.len() != deal.custom.len() {
        custom(doc, &edits.custom);
    }
    availability(doc, &edits.availability);
    if let Some(t) = table(doc, "requirements") {
        for (r, e) in deal.requirements.iter().zip(&edits.requirements) {
            match e {
                RequirementEdit::Keep => {}
                RequirementEdit::Remove => remove(t, &r.key),
                RequirementEdit::Number(n) => set(t, &r.key, number(*n)),
                RequirementEdit::Values(keep) => {
                    if let Some(a) = t.get_mut(&r.key).and_then(Item::as_array_mut) {
                        retain(a, keep);
                    }
                }
            }
        }
    }
}

/// Keeps the custom items at `keep`, written as `[[custom]]` tables or as
/// an array of inline tables; the key goes when none is left.
fn custom(doc: &mut DocumentMut, keep: &[usize]) {
    let empty = match doc.get_mut("custom") {
        Some(Item::ArrayOfTables(aot)) => {
            for i in (0..aot.len()).rev() {
                if !keep.contains(&i) {
                    aot.remove(i);
                }
            }
            aot.is_empty()
        }
        Some(Item::Value(Value::Array(a))) => {
            retain(a, keep);
            a.is_empty()
        }
        _ => false,
    };
    if empty {
        doc.remove("custom");
    }
}

fn availability(doc: &mut DocumentMut, edit: &AvailabilityEdit) {
    match edit {
        AvailabilityEdit::Keep => {}
        AvailabilityEdit::Remove => {
            doc.remove("availability");
        }
        AvailabilityEdit::Change {
            target,
            window,
            support,
        } => {
            let Some(t) = table(doc, "availability") else {
                return;
            };
            if let Some(h) = target {
                set(t, "target", Value::from(target_text(*h)));
            }
            if let Some(w) = window {
                set(t, "window", Value::from(w.to_string()));
            }
            match support {
                Some(Some(m)) => set(t, "support_response", Value::from(duration_text(*m))),
                Some(None) => remove(t, "support_response"),
                None => {}
            }
        }
    }
}

/// The table at `key`, however it is written: `[key]`, dotted keys
/// (`key.x = …`) or an inline table (`key = {…}`).
fn table<'a>(doc: &'a mut DocumentMut, key: &str) -> Option<&'a mut dyn TableLike> {
    doc.get_mut(key).and_then(Item::as_table_like_mut)
}

/// Keeps the elements at `keep` (in order), the first one keeping the
/// place of the array's first element (no stray space after `[`).
fn retain(a: &mut Array, keep: &[usize]) {
    let first = a.get(0).map(|v| v.decor().clone());
    for i in (0..a.len()).rev() {
        if !keep.contains(&i) {
            a.remove(i);
        }
    }
    if let (Some(decor), Some(v)) = (first, a.get_mut(0)) {
        *v.decor_mut() = decor;
    }
}

/// Removes `key`; when it was the last, the space after its value (before
/// an inline table's `}`) stays, on the value now last.
fn remove(t: &mut dyn TableLike, key: &str) {
    let last = t.iter().last().is_some_and(|(k, _)| k == key);
    let removed = t.remove(key);
    let suffix = removed
        .as_ref()
        .and_then(Item::as_value)
        .and_then(|v| v.decor().suffix())
        .and_then(|s| s.as_str())
        .filter(|s| s.trim().is_empty())
        .map(str::to_string);
    if let (true, Some(suffix)) = (last, suffix)
        && let Some((_, Item::Value(v))) = t.iter_mut().last()
    {
        v.decor_mut().set_suffix(suffix);
    }
}

/// Sets `key` to `value`, keeping the old value's surrounding spaces and
/// trailing comment.
fn set(t: &mut dyn TableLike, key: &str, mut value: Value) {
    if let Some(old) = t.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    t.insert(key, Item::Value(value));
}

fn date(d: NaiveDate) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

/// An integer when the number is whole (as `load` reads both).
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stacked_header_goes() {
        let one = format!("{HEADER_START}2026-11-27: x.\n{HEADER_PROMISE}\n");
        let text = format!("{one}{one}[deal]\n");
        assert_eq!(without_header(&text), "[deal]\n");
        assert_eq!(without_header("# mine\n[deal]\n"), "# mine\n[deal]\n");
    }
}
