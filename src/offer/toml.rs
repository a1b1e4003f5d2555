//! `--format toml`: a variant as a deal file, edited in place with
//! `toml_edit` so the original's comments, key order and layout survive.

use super::edit::{AvailabilityEdit, Edits, RequirementEdit};
use crate::figures::{duration_text, target_text};
use crate::model::Deal;
use chrono::{Datelike, NaiveDate};
use toml_edit::{DocumentMut, Item, Table, Value};

/// The deal file of a variant: `original` (the text `deal` was loaded
/// from) with `edits` applied, headed by a comment naming the offer.
/// Loading the result against the same catalog gives `edits.apply(deal)`.
pub fn rewrite(
    original: &str,
    deal: &Deal,
    edits: &Edits,
    variant: &str,
    as_of: NaiveDate,
) -> Result<String, toml_edit::TomlError> {
    let mut doc: DocumentMut = original.parse()?;
    if edits.deadline != deal.deadline
        && let Some(t) = table(&mut doc, "deal")
    {
        set(t, "deadline", Value::from(date(edits.deadline)));
    }
    if edits.features.len() != deal.features.len()
        && let Some(a) = table(&mut doc, "deal")
            .and_then(|t| t.get_mut("features"))
            .and_then(Item::as_array_mut)
    {
        for i in (0..a.len()).rev() {
            if !edits.features.contains(&i) {
                a.remove(i);
            }
        }
    }
    if edits.custom.len() != deal.custom.len()
        && let Some(aot) = doc.get_mut("custom").and_then(Item::as_array_of_tables_mut)
    {
        for i in (0..aot.len()).rev() {
            if !edits.custom.contains(&i) {
                aot.remove(i);
            }
        }
        if aot.is_empty() {
            doc.remove("custom");
        }
    }
    availability(&mut doc, &edits.availability);
    if let Some(t) = table(&mut doc, "requirements") {
        for (r, e) in deal.requirements.iter().zip(&edits.requirements) {
            match e {
                RequirementEdit::Keep => {}
                RequirementEdit::Remove => {
                    t.remove(&r.key);
                }
                RequirementEdit::Number(n) => set(t, &r.key, number(*n)),
                RequirementEdit::Values(keep) => {
                    if let Some(a) = t.get_mut(&r.key).and_then(Item::as_array_mut) {
                        for i in (0..a.len()).rev() {
                            if !keep.contains(&i) {
                                a.remove(i);
                            }
                        }
                    }
                }
            }
        }
    }
    let from = crate::text::escape_control(&deal.path.display().to_string());
    Ok(format!(
        "# Offer by dealcheck as of {as_of}: the {variant} variant of {from}.\n\
         # Operations can sign this as written (`dealcheck check` finds no error).\n{doc}"
    ))
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
                Some(None) => {
                    t.remove("support_response");
                }
                None => {}
            }
        }
    }
}

fn table<'a>(doc: &'a mut DocumentMut, key: &str) -> Option<&'a mut Table> {
    doc.get_mut(key).and_then(Item::as_table_mut)
}

/// Sets `key` to `value`, keeping the old value's surrounding spaces and
/// trailing comment.
fn set(t: &mut Table, key: &str, mut value: Value) {
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
