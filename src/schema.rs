//! JSON Schemas of the input files, for editors that complete and check
//! TOML against a schema (taplo and Even Better TOML read a `#:schema`
//! directive). Built from the same declared shape `load` checks files
//! against, so the editor and dealcheck never disagree on a key; with a
//! catalog, a deal's feature ids, team ids and requirement keys become
//! choices with descriptions.

use crate::load::shape::{self, Field, Kind, Shape};
use crate::model::{Catalog, LimitKind, Scalar};
use serde_json::{Map, Value, json};

/// The schema of a catalog file.
pub fn catalog() -> Value {
    document("dealcheck catalog", shape::CATALOG, &Choices::default())
}

/// The schema of a deal file; with `catalog`, its ids and limits as choices.
pub fn deal(catalog: Option<&Catalog>) -> Value {
    let choices = catalog.map(Choices::of).unwrap_or_default();
    document("dealcheck deal", shape::DEAL, &choices)
}

/// What a catalog offers, as schema fragments.
#[derive(Default)]
struct Choices {
    features: Option<Value>,
    teams: Option<Value>,
    requirements: Option<Value>,
}

impl Choices {
    fn of(c: &Catalog) -> Choices {
        let features = c
            .features
            .iter()
            .map(|f| json!({ "const": f.id, "description": format!("{} ({})", f.name, f.status.as_str()) }))
            .collect::<Vec<_>>();
        let teams = c
            .teams
            .iter()
            .map(|t| json!({ "const": t.id, "description": format!("{} people", t.people) }))
            .collect::<Vec<_>>();
        let mut limits = Map::new();
        for l in &c.limits {
            limits.insert(l.key.clone(), limit(&l.kind));
        }
        Choices {
            features: Some(json!({ "anyOf": features })),
            teams: Some(json!({ "anyOf": teams })),
            requirements: Some(json!({
                "type": "object",
                "description": "Keys of the catalog's [limits]; another key is an L003 warning.",
                "properties": limits,
                "additionalProperties": kind(Kind::Scalars),
            })),
        }
    }
}

fn limit(kind: &LimitKind) -> Value {
    match kind {
        LimitKind::Max(max) => {
            json!({ "type": "number", "maximum": max, "description": format!("At most {max}.") })
        }
        LimitKind::OneOf(values) => {
            let offered: Vec<Value> = values
                .iter()
                .map(|v| match v {
                    Scalar::Text(t) => json!(t),
                    Scalar::Number(n) => json!(n),
                })
                .collect();
            json!({
                "description": "One or several of the offered values.",
                "anyOf": [{ "enum": offered }, { "type": "array", "items": { "enum": offered } }],
            })
        }
    }
}

fn document(title: &str, fields: &[Field], choices: &Choices) -> Value {
    let mut schema = table(fields, choices, "");
    let object = schema.as_object_mut().expect("a table is an object");
    object.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    object.insert("title".into(), json!(title));
    object.insert(
        "description".into(),
        json!("Every key is explained in docs/reference.md of dealcheck."),
    );
    schema
}

fn table(fields: &[Field], choices: &Choices, path: &str) -> Value {
    let mut properties = Map::new();
    for f in fields {
        let full = if path.is_empty() {
            f.key.to_string()
        } else {
            format!("{path}.{}", f.key)
        };
        let mut s = field(f, choices, &full);
        if let Some(o) = s.as_object_mut() {
            o.entry("description").or_insert_with(|| json!(f.doc()));
        }
        properties.insert(f.key.to_string(), s);
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.key)
        .collect();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn field(f: &Field, choices: &Choices, path: &str) -> Value {
    let chosen = match path {
        "deal.features" | "deal.features[]" => choices
            .features
            .as_ref()
            .map(|c| json!({ "type": "array", "items": c })),
        "custom.team" => choices.teams.clone(),
        "requirements" => choices.requirements.clone(),
        _ => None,
    };
    if let Some(c) = chosen {
        return c;
    }
    match f.shape {
        Shape::Value(k) => kind(k),
        Shape::Table(fields) => table(fields, choices, path),
        Shape::Tables(fields) => json!({ "type": "array", "items": table(fields, choices, path) }),
        Shape::Map(k) => json!({ "type": "object", "additionalProperties": kind(k) }),
    }
}

fn kind(k: Kind) -> Value {
    match k {
        Kind::Text | Kind::Window => json!({ "type": "string" }),
        Kind::Duration => json!({ "type": "string", "pattern": "^\\s*(\\d+\\s*[wdhm]\\s*)+$" }),
        Kind::Integer => json!({ "type": "integer" }),
        Kind::Number => json!({ "type": "number" }),
        Kind::Date => json!({ "type": "string", "format": "date" }),
        Kind::Percent => json!({
            "anyOf": [
                { "type": "string", "pattern": "^\\s*\\d+(\\.\\d+)?\\s*%?\\s*$" },
                { "type": "number", "exclusiveMinimum": 1, "maximum": 100 },
            ]
        }),
        Kind::OneOf(words) => json!({ "enum": words.all }),
        Kind::TextList => json!({ "type": "array", "items": { "type": "string" } }),
        Kind::DateList => {
            json!({ "type": "array", "items": { "type": "string", "format": "date" } })
        }
        Kind::Scalars => json!({
            "anyOf": [
                { "type": ["number", "string"] },
                { "type": "array", "items": { "type": ["number", "string"] } },
            ]
        }),
    }
}

crate::choice::choice! {
    /// The schemas `dealcheck schema` prints.
    pub enum SchemaKind {
        Report = "report" => "The JSON report of `check --format json` (and each jsonl line)",
        Deal = "deal" => "A deal file",
        Catalog = "catalog" => "A catalog file",
        Offer = "offer" => "The JSON document of `offer --format json`",
        Capacity = "capacity" => "The JSON document of `capacity --format json`",
        Forecast = "forecast" => "The JSON document of `forecast --format json`",
    }
}

/// The schema of `kind`; `catalog` (read only for a deal's schema) turns
/// its ids and limits into choices.
///
/// Every schema uses the formats of the JSON Schema specification only, and
/// the documents' `schema_version` is pinned to the one this build writes,
/// so a strict validator (ajv in strict mode, jsonschema with unknown
/// formats refused) reads them as they are.
pub fn of(kind: SchemaKind, catalog: Option<&Catalog>) -> Value {
    let mut value = match kind {
        SchemaKind::Report => crate::report::json::schema().to_value(),
        SchemaKind::Offer => crate::offer::render::schema().to_value(),
        SchemaKind::Capacity => crate::capacity::render::schema().to_value(),
        SchemaKind::Forecast => crate::forecast::render::schema().to_value(),
        SchemaKind::Deal => deal(catalog),
        SchemaKind::Catalog => self::catalog(),
    };
    standardize(&mut value);
    value
}

/// The formats the JSON Schema specification defines (draft 2020-12 and
/// draft 7); any other (`uint32`, `double`, … from the Rust types) is a word
/// a strict validator refuses.
const STANDARD_FORMATS: [&str; 19] = [
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Replaces every non-standard `format` by the bounds it stood for (an
/// unsigned integer has `minimum` 0, a `uint32` also its `maximum`; a float
/// format says nothing a `number` does not), and pins every
/// `schema_version` property to [`crate::report::SCHEMA_VERSION`].
fn standardize(value: &mut Value) {
    match value {
        Value::Object(o) => {
            let format = o.get("format").and_then(Value::as_str).map(str::to_owned);
            if let Some(format) = format.filter(|f| !STANDARD_FORMATS.contains(&f.as_str())) {
                o.remove("format");
                for (key, bound) in bounds(&format) {
                    o.entry(key).or_insert(json!(bound));
                }
            }
            if let Some(Value::Object(properties)) = o.get_mut("properties")
                && let Some(version) = properties.get_mut("schema_version")
            {
                *version = json!({
                    "description": "The version of this document's shape: a field once published keeps its name and meaning.",
                    "type": "integer",
                    "const": crate::report::SCHEMA_VERSION,
                });
            }
            o.values_mut().for_each(standardize);
        }
        Value::Array(items) => items.iter_mut().for_each(standardize),
        _ => {}
    }
}

/// The `minimum` and `maximum` an integer format stands for.
fn bounds(format: &str) -> Vec<(&'static str, i64)> {
    match format {
        "uint8" => vec![("minimum", 0), ("maximum", i64::from(u8::MAX))],
        "uint16" => vec![("minimum", 0), ("maximum", i64::from(u16::MAX))],
        "uint32" => vec![("minimum", 0), ("maximum", i64::from(u32::MAX))],
        "uint" | "uint64" | "uint128" => vec![("minimum", 0)],
        "int8" => vec![
            ("minimum", i64::from(i8::MIN)),
            ("maximum", i64::from(i8::MAX)),
        ],
        "int16" => vec![
            ("minimum", i64::from(i16::MIN)),
            ("maximum", i64::from(i16::MAX)),
        ],
        "int32" => vec![
            ("minimum", i64::from(i32::MIN)),
            ("maximum", i64::from(i32::MAX)),
        ],
        _ => Vec::new(),
    }
}
