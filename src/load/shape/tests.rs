//! The proof that the declared shape and the serde types of `raw.rs` are
//! the same input, key by key, walked from the declaration so a new key is
//! covered without a new test:
//!
//! - every table (nested ones and arrays of tables included) has the same
//!   keys in both: serde's `deny_unknown_fields` lists its keys when it
//!   rejects an unknown one, and the list is the shape's;
//! - the same keys are required: a table with only the shape's required keys
//!   is accepted by both, and without any one of them rejected by both;
//! - the same values: for every key and every kind of TOML value, what the
//!   shape accepts serde accepts; what the shape rejects serde rejects, or,
//!   where serde's slot is any TOML value decided later (dates, percentages,
//!   limits), the loader rejects it in an otherwise valid example file.

use super::{CATALOG, DEAL, Field, Kind, Shape, check};
use crate::load::{SourceFile, parse_catalog, parse_deal, raw};
use std::path::Path;
use toml::{Table, Value};

/// A key no table has.
const UNKNOWN: &str = "not_a_key";
/// The key used inside tables whose keys are free (`limits`, `requirements`).
const FREE: &str = "probe";

#[derive(Clone, Copy, Debug)]
enum File {
    Catalog,
    Deal,
}

impl File {
    fn fields(self) -> &'static [Field] {
        match self {
            File::Catalog => CATALOG,
            File::Deal => DEAL,
        }
    }

    fn shape_accepts(self, doc: &Table) -> bool {
        check(&text(doc), self.fields()).is_empty()
    }

    /// serde alone: the raw types, before any validation.
    fn serde(self, doc: &Table) -> Result<(), String> {
        let text = text(doc);
        match self {
            File::Catalog => toml::from_str::<raw::CatalogFile>(&text).map(drop),
            File::Deal => toml::from_str::<raw::DealFile>(&text).map(drop),
        }
        .map_err(|e| e.message().to_string())
    }

    /// The whole loader: serde and every validation.
    fn loads(self, doc: &Table) -> bool {
        let source = |name: &str, text: String| {
            SourceFile::from_bytes(Path::new(name), text.into_bytes()).unwrap()
        };
        match self {
            File::Catalog => parse_catalog(&source("catalog.toml", text(doc))).is_ok(),
            File::Deal => {
                let catalog = parse_catalog(&source("catalog.toml", example("catalog.toml")))
                    .expect("the example catalog loads");
                parse_deal(&source("deal.toml", text(doc)), &catalog).is_ok()
            }
        }
    }

    /// An example file that loads and has every table.
    fn example(self) -> Table {
        let name = match self {
            File::Catalog => "catalog.toml",
            File::Deal => "deals/globex-global.toml",
        };
        example(name).parse().unwrap()
    }
}

fn example(name: &str) -> String {
    let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn text(doc: &Table) -> String {
    toml::to_string(doc).unwrap()
}

/// One key: the tables leading to it, and its declaration.
#[derive(Clone)]
struct Key {
    parent: Vec<&'static str>,
    field: Field,
}

impl Key {
    fn name(&self) -> &'static str {
        self.field.key
    }
    fn path(&self) -> String {
        let mut path = self.parent.clone();
        path.push(self.name());
        path.join(".")
    }
}

/// Every key of `fields`, nested ones included; a free table's values as
/// the key [`FREE`].
fn keys(fields: &'static [Field], parent: &[&'static str], out: &mut Vec<Key>) {
    for f in fields {
        out.push(Key {
            parent: parent.to_vec(),
            field: *f,
        });
        let mut path = parent.to_vec();
        path.push(f.key);
        match f.shape {
            Shape::Table(inner) | Shape::Tables(inner) => keys(inner, &path, out),
            Shape::Map(kind) => out.push(Key {
                parent: path,
                field: Field {
                    key: FREE,
                    shape: Shape::Value(kind),
                    required: false,
                    doc: "",
                },
            }),
            Shape::Value(_) => {}
        }
    }
}

fn all_keys(file: File) -> Vec<Key> {
    let mut out = Vec::new();
    keys(file.fields(), &[], &mut out);
    out
}

/// Every table with declared keys, by path (the file itself is `[]`), with
/// its keys.
fn tables(file: File) -> Vec<(Vec<&'static str>, &'static [Field])> {
    let mut out = vec![(Vec::new(), file.fields())];
    for k in all_keys(file) {
        if let Shape::Table(inner) | Shape::Tables(inner) = k.field.shape {
            let mut path = k.parent.clone();
            path.push(k.name());
            out.push((path, inner));
        }
    }
    out
}

/// A value both the shape and serde should accept.
fn sample(shape: Shape) -> Value {
    match shape {
        Shape::Value(kind) => sample_kind(kind),
        Shape::Table(fields) => Value::Table(skeleton(fields, &[])),
        Shape::Tables(fields) => Value::Array(vec![Value::Table(skeleton(fields, &[]))]),
        Shape::Map(kind) => Value::Table(Table::from_iter([(FREE.into(), sample_kind(kind))])),
    }
}

fn date() -> Value {
    Value::Datetime("2027-01-04".parse().unwrap())
}

fn sample_kind(kind: Kind) -> Value {
    match kind {
        Kind::Text => "x".into(),
        Kind::Integer => 1.into(),
        Kind::Number => 1.5.into(),
        Kind::Date => date(),
        Kind::Percent => "99.9%".into(),
        Kind::Duration => "4h".into(),
        Kind::Window => "24x7".into(),
        Kind::OneOf(words) => words.all[0].into(),
        Kind::TextList => Value::Array(vec!["x".into()]),
        Kind::DateList => Value::Array(vec![date()]),
        Kind::Scalars => 3.into(),
    }
}

/// A table of `fields` with only its required keys, and the tables along
/// `path` (the first item of a list of tables).
fn skeleton(fields: &[Field], path: &[&str]) -> Table {
    let mut t: Table = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| (f.key.to_string(), sample(f.shape)))
        .collect();
    if let [key, rest @ ..] = path {
        let f = fields.iter().find(|f| f.key == *key).unwrap();
        let inner = match f.shape {
            Shape::Table(inner) | Shape::Tables(inner) => skeleton(inner, rest),
            Shape::Map(_) | Shape::Value(_) => Table::new(),
        };
        let value = match f.shape {
            Shape::Tables(_) => Value::Array(vec![Value::Table(inner)]),
            _ => Value::Table(inner),
        };
        t.insert(key.to_string(), value);
    }
    t
}

/// Applies `edit` to the first table at `path` (through lists of tables);
/// false if there is none.
fn at(t: &mut Table, path: &[&str], edit: &mut dyn FnMut(&mut Table)) -> bool {
    let [key, rest @ ..] = path else {
        edit(t);
        return true;
    };
    match t.get_mut(*key) {
        Some(Value::Table(inner)) => at(inner, rest, edit),
        Some(Value::Array(items)) => items.iter_mut().any(|item| match item {
            Value::Table(inner) => at(inner, rest, edit),
            _ => false,
        }),
        _ => false,
    }
}

/// `doc` with `edit` applied to the table at `path`.
fn edited(mut doc: Table, path: &[&str], mut edit: impl FnMut(&mut Table)) -> Table {
    assert!(
        at(&mut doc, path, &mut edit),
        "no table `{}`",
        path.join(".")
    );
    doc
}

/// Every kind of TOML value, and the key's own valid forms.
fn probes(field: &Field) -> Vec<Value> {
    let mut out: Vec<Value> = vec![
        "x".into(),
        7.into(),
        1.5.into(),
        true.into(),
        date(),
        Value::Array(vec!["x".into()]),
        Value::Array(vec![7.into()]),
        Value::Array(vec![date()]),
        Value::Array(Vec::new()),
        Value::Table(Table::from_iter([("a".to_string(), 1.into())])),
        sample(field.shape),
    ];
    match field.shape {
        Shape::Table(fields) => out.push(Value::Array(vec![Value::Table(skeleton(fields, &[]))])),
        Shape::Tables(fields) => out.push(Value::Table(skeleton(fields, &[]))),
        Shape::Value(Kind::OneOf(words)) => out.extend(words.all.iter().map(|&w| w.into())),
        Shape::Value(_) | Shape::Map(_) => {}
    }
    out
}

/// The keys serde lists when it rejects an unknown one.
fn serde_keys(message: &str) -> Vec<String> {
    let expected = message.split_once("expected ").map_or("", |(_, list)| list);
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

const FILES: [File; 2] = [File::Catalog, File::Deal];

#[test]
fn every_table_has_the_same_keys_in_the_shape_and_in_serde() {
    for file in FILES {
        for (path, fields) in tables(file) {
            let doc = edited(skeleton(file.fields(), &path), &path, |t| {
                t.insert(UNKNOWN.into(), 1.into());
            });
            assert!(!file.shape_accepts(&doc), "{file:?} `{}`", path.join("."));
            let message = file.serde(&doc).expect_err("serde rejects an unknown key");
            assert!(message.contains(UNKNOWN), "{message}");
            let mut serde = serde_keys(&message);
            let mut shape: Vec<String> = fields.iter().map(|f| f.key.to_string()).collect();
            serde.sort();
            shape.sort();
            assert_eq!(shape, serde, "{file:?} `{}`: {message}", path.join("."));
        }
    }
}

#[test]
fn the_same_keys_are_required() {
    for file in FILES {
        for (path, _) in tables(file) {
            let doc = skeleton(file.fields(), &path);
            assert!(file.shape_accepts(&doc), "{file:?} `{}`", path.join("."));
            assert_eq!(file.serde(&doc), Ok(()), "{file:?} `{}`", path.join("."));
        }
        for key in all_keys(file).into_iter().filter(|k| k.field.required) {
            let doc = edited(skeleton(file.fields(), &key.parent), &key.parent, |t| {
                t.remove(key.name());
            });
            assert!(!file.shape_accepts(&doc), "{}", key.path());
            assert!(file.serde(&doc).is_err(), "{}", key.path());
        }
    }
}

#[test]
fn tables_with_free_keys_are_free_in_both() {
    for file in FILES {
        for key in all_keys(file).into_iter().filter(|k| k.name() == FREE) {
            let doc = edited(skeleton(file.fields(), &key.parent), &key.parent, |t| {
                t.insert(UNKNOWN.into(), sample(key.field.shape));
            });
            assert!(file.shape_accepts(&doc), "{}", key.path());
            assert_eq!(file.serde(&doc), Ok(()), "{}", key.path());
        }
    }
}

#[test]
fn every_value_is_judged_alike_by_the_shape_and_by_serde_or_the_loader() {
    let mut by_the_loader = Vec::new();
    for file in FILES {
        for key in all_keys(file) {
            for probe in probes(&key.field) {
                let set = |t: &mut Table| {
                    t.insert(key.name().into(), probe.clone());
                };
                let doc = edited(skeleton(file.fields(), &key.parent), &key.parent, set);
                let serde = file.serde(&doc);
                let what = format!("{file:?} `{}` = {probe}", key.path());
                if file.shape_accepts(&doc) {
                    assert_eq!(serde, Ok(()), "{what}: the shape accepts it");
                } else if serde.is_ok() {
                    the_loader_rejects(file, &key, &probe, &what);
                    by_the_loader.push(key.path());
                }
            }
        }
    }
    // Dates, percentages, limits and requirements: not a vacuous branch.
    assert!(by_the_loader.contains(&"deal.deadline".to_string()));
}

/// A value serde takes as any TOML value and the shape rejects: the loader
/// rejects it too, in an example file that loads with a valid value there.
fn the_loader_rejects(file: File, key: &Key, probe: &Value, what: &str) {
    let valid = edited(file.example(), &key.parent, |t| {
        t.entry(key.name())
            .or_insert_with(|| sample(key.field.shape));
    });
    assert!(file.loads(&valid), "{what}: the example with a valid value");
    let wrong = edited(file.example(), &key.parent, |t| {
        t.insert(key.name().into(), probe.clone());
    });
    assert!(
        !file.loads(&wrong),
        "{what}: the shape rejects it, the loader does not"
    );
}

#[test]
fn the_walk_reaches_every_kind_of_table() {
    let keys = all_keys(File::Catalog);
    let nested = [
        "feature.setup.estimate.low",
        "team.commitment.from",
        "limits.probe",
    ];
    for path in nested {
        assert!(keys.iter().any(|k| k.path() == path), "{path}");
    }
    assert!(
        all_keys(File::Deal)
            .iter()
            .any(|k| k.path() == "custom.estimate.high")
    );
}

/// Where users read the status words outside the program: the reference's
/// key tables and the starter files' comments list the model's words.
#[test]
fn status_words_are_documented_as_the_model_has_them() {
    use crate::model::{DealStatus, FeatureStatus};
    let quoted = |words: Vec<&str>| {
        let list: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
        list.join(", ")
    };
    let features: Vec<&str> = FeatureStatus::ALL.iter().map(|s| s.as_str()).collect();
    let deals: Vec<&str> = DealStatus::ALL.iter().map(|s| s.as_str()).collect();
    let reference =
        std::fs::read_to_string(format!("{}/docs/reference.md", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    for words in [&features, &deals] {
        let line = reference
            .lines()
            .find(|l| {
                l.starts_with("| `status` | text | ") && l.contains(&format!("`{}`", words[0]))
            })
            .unwrap();
        assert!(
            line.contains(&format!("| {} |", quoted(words.clone()))),
            "{line}"
        );
    }
    assert!(crate::starter::CATALOG.contains(&format!("# {}", features.join(" | "))));
    assert!(crate::starter::DEAL.contains(&format!("# {} ", deals.join(" | "))));
}
