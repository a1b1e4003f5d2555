//! A document with shape problems, mended so that its values can still be
//! checked in the same run.
//!
//! serde stops at the first wrong type, so a `status = "signd"` used to
//! hide every value problem further down (`"99,9%"`, `Europe/Berlim`). The
//! shape walk reports the shape problems; here every offending entry is
//! taken out (an unknown key, a list item of the wrong kind, an optional
//! table of the wrong kind) or replaced by a valid stand-in (a value of the
//! wrong kind, a missing required key), so the serde types can be read and
//! every value checked. What a
//! stand-in's own checks say is not the user's problem: the caller drops any
//! problem inside a stand-in's span.

use super::{Field, Kind, Shape};
use std::borrow::Cow;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeArray, DeFloat, DeInteger, DeTable, DeValue};

/// Mends `table` against `fields` in place. Returns the spans of the
/// stand-ins put in, or `None` when a required table is missing or of the
/// wrong kind (nothing sensible stands in for a whole table).
pub fn repair(
    table: &mut DeTable<'_>,
    span: Range<usize>,
    fields: &[Field],
) -> Option<Vec<Range<usize>>> {
    let mut stand_ins = Vec::new();
    mend_table(table, span, fields, &mut stand_ins).then_some(stand_ins)
}

fn mend_table(
    table: &mut DeTable<'_>,
    span: Range<usize>,
    fields: &[Field],
    stand_ins: &mut Vec<Range<usize>>,
) -> bool {
    keep_only(table, |key, _| fields.iter().any(|f| f.key == key));
    let mut whole = true;
    for field in fields {
        let Some(value) = table.get_mut(field.key) else {
            if field.required {
                let at = span.start..span.start;
                match stand_in(field.shape, None) {
                    Some(v) => {
                        stand_ins.push(at.clone());
                        table.insert(
                            Spanned::new(at.clone(), Cow::Borrowed(field.key)),
                            Spanned::new(at, v),
                        );
                    }
                    None => whole = false,
                }
            }
            continue;
        };
        if mend_value(value, field.shape, stand_ins) {
            continue;
        }
        // A stand-in even for an optional key: without the key, a check
        // that needs one of two keys (`days` or `estimate`) would report
        // the same mistake a second time, elsewhere.
        let at = value.span();
        match stand_in(field.shape, Some(value.get_ref())) {
            Some(v) => {
                stand_ins.push(at.clone());
                *value = Spanned::new(at, v);
            }
            None if field.required => whole = false,
            None => {
                table.remove(field.key);
            }
        }
    }
    whole
}

/// Keeps the entries of a table that `keep` says to.
fn keep_only<'i>(
    table: &mut DeTable<'i>,
    mut keep: impl FnMut(&str, &mut Spanned<DeValue<'i>>) -> bool,
) {
    for (key, mut value) in std::mem::replace(table, DeTable::new()) {
        if keep(key.get_ref(), &mut value) {
            table.insert(key, value);
        }
    }
}

/// Mends a value in place; false when it cannot be kept.
fn mend_value(
    value: &mut Spanned<DeValue<'_>>,
    shape: Shape,
    stand_ins: &mut Vec<Range<usize>>,
) -> bool {
    // A value with no span is one the parser made up after a syntax error.
    if value.span().is_empty() {
        return false;
    }
    let span = value.span();
    match (shape, value.get_mut()) {
        (Shape::Value(kind), v) => mend_kind(v, kind),
        (Shape::Table(fields), DeValue::Table(t)) => mend_table(t, span, fields, stand_ins),
        (Shape::Tables(fields), DeValue::Array(items)) => {
            let kept: DeArray<'_> = std::mem::replace(items, DeArray::new())
                .into_iter()
                .filter_map(|mut item| {
                    let span = item.span();
                    match item.get_mut() {
                        DeValue::Table(t) => mend_table(t, span, fields, stand_ins).then_some(item),
                        _ => None,
                    }
                })
                .collect();
            *items = kept;
            true
        }
        (Shape::Map(kind), DeValue::Table(t)) => {
            keep_only(t, |_, v| {
                !v.span().is_empty() && mend_kind(v.get_mut(), kind)
            });
            true
        }
        _ => false,
    }
}

/// Whether a value is of `kind`; a list keeps only its items that are.
fn mend_kind(v: &mut DeValue<'_>, kind: Kind) -> bool {
    let scalar = |v: &DeValue<'_>| {
        matches!(
            v,
            DeValue::String(_) | DeValue::Integer(_) | DeValue::Float(_)
        )
    };
    match kind {
        Kind::Text | Kind::Window | Kind::Duration => matches!(v, DeValue::String(_)),
        Kind::Integer => matches!(v, DeValue::Integer(_)),
        Kind::Number => matches!(v, DeValue::Integer(_) | DeValue::Float(_)),
        Kind::Date => matches!(v, DeValue::Datetime(_) | DeValue::String(_)),
        Kind::Percent => scalar(v),
        Kind::OneOf(words) => matches!(v, DeValue::String(s) if words.all.contains(&s.as_ref())),
        Kind::TextList | Kind::DateList => {
            let DeValue::Array(items) = v else {
                return false;
            };
            let item = if kind == Kind::TextList {
                Kind::Text
            } else {
                Kind::Date
            };
            let kept: DeArray<'_> = std::mem::replace(items, DeArray::new())
                .into_iter()
                .filter_map(|mut i| {
                    let keep = !i.span().is_empty() && mend_kind(i.get_mut(), item);
                    keep.then_some(i)
                })
                .collect();
            *items = kept;
            true
        }
        Kind::Scalars => match v {
            DeValue::Array(items) => items.iter().all(|i| scalar(i.get_ref())),
            _ => scalar(v),
        },
    }
}

/// A valid value of `shape` for a required key that is missing or wrong:
/// the word the user most likely meant, the text of what was written, or a
/// plain value whose own checks the caller ignores.
fn stand_in<'i>(shape: Shape, found: Option<&DeValue<'_>>) -> Option<DeValue<'i>> {
    let text = |s: &str| Some(DeValue::String(Cow::Owned(s.to_string())));
    let Shape::Value(kind) = shape else {
        return None;
    };
    match kind {
        Kind::Text => match found {
            Some(DeValue::Integer(i)) => text(i.as_str()),
            Some(DeValue::Float(f)) => text(f.as_str()),
            _ => text("-"),
        },
        Kind::Integer => Some(DeValue::Integer(DeInteger::default())),
        Kind::Number => Some(DeValue::Float(DeFloat::default())),
        Kind::Date => text("2000-01-01"),
        Kind::Percent => text("99%"),
        Kind::Duration => text("1h"),
        Kind::Window => text("24x7"),
        Kind::OneOf(words) => {
            let typed = match found {
                Some(DeValue::String(s)) => s.as_ref(),
                _ => "",
            };
            let word = crate::suggest::nearest(typed, words.all.iter().copied())
                .or(words.default)
                .unwrap_or(words.all[0]);
            text(word)
        }
        Kind::TextList | Kind::DateList => Some(DeValue::Array(DeArray::new())),
        Kind::Scalars => text("-"),
    }
}

/// Reads a document that has shape problems into the serde types, mended;
/// with the spans of the stand-ins. `None` after a syntax error (what the
/// parser recovered is not what the user wrote) or when nothing can stand in.
pub fn read_mended<T: serde::de::DeserializeOwned>(
    text: &str,
    fields: &[Field],
) -> Option<(T, Vec<Range<usize>>)> {
    let (mut doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return None;
    }
    let span = doc.span();
    let stand_ins = repair(doc.get_mut(), span, fields)?;
    let value = T::deserialize(toml::de::Deserializer::from(doc)).ok()?;
    Some((value, stand_ins))
}

/// Whether a problem at `span` comes from checking a stand-in.
pub fn within_stand_in(span: &Range<usize>, stand_ins: &[Range<usize>]) -> bool {
    stand_ins.iter().any(|s| {
        if s.is_empty() {
            s == span
        } else {
            s.start <= span.start && span.start < s.end
        }
    })
}
