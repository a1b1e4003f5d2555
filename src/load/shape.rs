//! The shape of the two input files as users write them: every table, key
//! and value kind, with a line of doc per key.
//!
//! The serde types in [`super::raw`] read the files; this declaration
//! repeats their keys for what serde cannot do. When serde rejects a file
//! (it stops at the first problem), [`check`] walks the whole document
//! against the shape and collects every unknown key, wrong type, missing key
//! and unknown word, so a file with four typos shows four problems in one
//! run; and `dealcheck schema deal|catalog` turns it into a JSON Schema for
//! editors. Status words are the model's own ([`Words`]). The two
//! declarations are proved equal key by key in `shape/tests.rs`: the same
//! keys in every table, the same required keys, and the same values
//! accepted (where serde takes any TOML value, the loader rejects what the
//! shape rejects).

/// What a value may be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text in quotes.
    Text,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// A TOML date, or a date in quotes.
    Date,
    /// `"99.9%"` or a number in percent.
    Percent,
    /// `"30m"`, `"4h"`, `"2d"`, `"1w"`, or combinations.
    Duration,
    /// `"24x7"`, `"business-hours"` or `"mon-fri 08:00-18:00 Europe/Berlin"`.
    Window,
    /// One of the words of a model enum.
    OneOf(Words),
    /// A list of texts.
    TextList,
    /// A list of dates.
    DateList,
    /// A number, a text, or a list of them (a requirement or a limit).
    Scalars,
}

/// The words a key may hold: those of one of the model's enums
/// ([`FeatureStatus`], [`DealStatus`]), never copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub all: &'static [&'static str],
    /// The word an absent key means, if it may be absent.
    pub default: Option<&'static str>,
}

impl Words {
    /// "ga, beta, planned, unplanned or retired.", the default marked.
    fn describe(&self) -> String {
        let mut out = String::new();
        for (i, word) in self.all.iter().enumerate() {
            if i > 0 {
                out += if i + 1 == self.all.len() {
                    " or "
                } else {
                    ", "
                };
            }
            out += word;
            if self.default == Some(word) {
                out += " (default)";
            }
        }
        out + "."
    }
}

/// The words of a model enum with `ALL` and `const fn as_str`, as a
/// constant slice.
macro_rules! words_of {
    ($enum:ty) => {{
        const N: usize = <$enum>::ALL.len();
        const WORDS: [&str; N] = {
            let mut words = [""; N];
            let mut i = 0;
            while i < N {
                words[i] = <$enum>::ALL[i].as_str();
                i += 1;
            }
            words
        };
        &WORDS
    }};
}

/// A key of a table.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub shape: Shape,
    pub required: bool,
    doc: &'static str,
}

impl Field {
    /// One line for editors and error messages. A key that holds one of a
    /// model enum's words is documented by the words themselves.
    pub fn doc(&self) -> std::borrow::Cow<'static, str> {
        match self.shape {
            Shape::Value(Kind::OneOf(words)) => words.describe().into(),
            _ => self.doc.into(),
        }
    }
}

/// What a key holds.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    Value(Kind),
    /// A table (or inline table) with these keys.
    Table(&'static [Field]),
    /// `[[key]]`: a list of tables with these keys.
    Tables(&'static [Field]),
    /// A table whose keys are free and whose values are of this kind.
    Map(Kind),
}

const fn f(key: &'static str, shape: Shape, doc: &'static str) -> Field {
    Field {
        key,
        shape,
        required: false,
        doc,
    }
}

const fn req(key: &'static str, shape: Shape, doc: &'static str) -> Field {
    Field {
        key,
        shape,
        required: true,
        doc,
    }
}

use crate::model::{DealStatus, FeatureStatus};
use Kind::*;
use Shape::*;

const ESTIMATE: &[Field] = &[
    req("low", Value(Number), "Person-days if everything goes well."),
    req(
        "likely",
        Value(Number),
        "The most likely person-days; the deterministic schedule uses it.",
    ),
    req("high", Value(Number), "Person-days if things go badly."),
];

const EFFORT: &[Field] = &[
    req(
        "team",
        Value(Text),
        "The team that does the work (a team id).",
    ),
    f("days", Value(Number), "Person-days; or give `estimate`."),
    f(
        "estimate",
        Table(ESTIMATE),
        "A three-point estimate in person-days; or give `days`.",
    ),
    f(
        "max_people",
        Value(Integer),
        "At most this many people work on it at once.",
    ),
];

const FEATURE_STATUS: Words = Words {
    all: words_of!(FeatureStatus),
    default: None,
};
const DEAL_STATUS: Words = Words {
    all: words_of!(DealStatus),
    default: Some(DealStatus::DEFAULT.as_str()),
};

const CATALOG_HEADER: &[Field] = &[
    req("name", Value(Text), "The catalog's name, shown in reports."),
    f(
        "timezone",
        Value(Text),
        "IANA time zone for windows without one; default UTC.",
    ),
    f(
        "business_hours",
        Value(Window),
        "What \"business-hours\" means; default mon-fri 09:00-17:00.",
    ),
    f("holidays", Value(DateList), "Days no team works."),
    f(
        "confidence",
        Value(Number),
        "On-time probability below this is at risk (S003); default 0.85.",
    ),
    f(
        "default_probability",
        Value(Percent),
        "Chance of winning a proposed deal that names none; default 50%.",
    ),
];

const FEATURE: &[Field] = &[
    req("id", Value(Text), "The id deals list."),
    f("name", Value(Text), "Its name in reports; default the id."),
    req("status", Value(OneOf(FEATURE_STATUS)), ""),
    f("eta", Value(Date), "Roadmap date of a planned feature."),
    f(
        "requires",
        Value(TextList),
        "Feature ids pulled in with it.",
    ),
    f(
        "conflicts",
        Value(TextList),
        "Feature ids it may not be sold with.",
    ),
    f("components", Value(TextList), "Component ids it runs on."),
    f("setup", Table(EFFORT), "Per-deal work, even when GA."),
    f(
        "work",
        Table(EFFORT),
        "Work that pulls a planned feature forward.",
    ),
];

const COMMITMENT: &[Field] = &[
    f("what", Value(Text), "What the people are committed to."),
    req("from", Value(Date), "First day of the commitment."),
    req(
        "until",
        Value(Date),
        "Last day of the commitment (inclusive).",
    ),
    req("people", Value(Integer), "People it takes."),
];

const TEAM: &[Field] = &[
    req("id", Value(Text), "The id efforts name."),
    f("name", Value(Text), "Its name in reports."),
    req("people", Value(Integer), "Head count."),
    f(
        "focus",
        Value(Number),
        "Share of a working day free for deal work, (0, 1]; default 1.",
    ),
    f(
        "hours_per_day",
        Value(Number),
        "Turns person-days into overtime hours; default 8.",
    ),
    f("holidays", Value(DateList), "Extra days off for this team."),
    f(
        "commitment",
        Tables(COMMITMENT),
        "Capacity already spoken for.",
    ),
];

const COMPONENT: &[Field] = &[
    req("id", Value(Text), "The id features name."),
    f("name", Value(Text), "Its name in reports."),
    req(
        "availability",
        Value(Percent),
        "Its availability around the clock.",
    ),
];

const TIER: &[Field] = &[
    req("name", Value(Text), "The tier's name."),
    req(
        "availability",
        Value(Percent),
        "What the tier guarantees over its window.",
    ),
    f(
        "window",
        Value(Window),
        "Hours the guarantee covers; default 24x7.",
    ),
    f(
        "support_response",
        Value(Duration),
        "Support response time it offers.",
    ),
    f(
        "requires",
        Value(TextList),
        "Feature ids a deal must include to get this tier.",
    ),
    f("measured", Value(Percent), "Trailing-12-month record."),
];

/// The catalog file.
pub const CATALOG: &[Field] = &[
    req("catalog", Table(CATALOG_HEADER), "The catalog's settings."),
    f("feature", Tables(FEATURE), "What operations can deliver."),
    f("team", Tables(TEAM), "Who does the work."),
    f("component", Tables(COMPONENT), "What features run on."),
    f(
        "tier",
        Tables(TIER),
        "Availability levels operations offers.",
    ),
    f(
        "limits",
        Map(Scalars),
        "A number is a maximum, a list the set offered.",
    ),
];

const DEAL_HEADER: &[Field] = &[
    req(
        "id",
        Value(Text),
        "The deal's id, unique in a proposal repo.",
    ),
    f("customer", Value(Text), "The customer's name."),
    f("owner", Value(Text), "Who in sales owns the deal."),
    f("status", Value(OneOf(DEAL_STATUS)), ""),
    f(
        "probability",
        Value(Percent),
        "Chance of winning this proposed deal; default the catalog's default_probability.",
    ),
    f(
        "start",
        Value(Date),
        "Earliest day work may start; default today.",
    ),
    req(
        "deadline",
        Value(Date),
        "Go-live promised: work done by the end of this day.",
    ),
    f("features", Value(TextList), "Catalog feature ids."),
];

const PROMISE: &[Field] = &[
    req("target", Value(Percent), "The availability promised."),
    f(
        "window",
        Value(Window),
        "Hours the promise covers; default 24x7.",
    ),
    f(
        "support_response",
        Value(Duration),
        "Support response time promised.",
    ),
];

const CUSTOM: &[Field] = &[
    req("name", Value(Text), "The item's name, unique in the deal."),
    req("team", Value(Text), "The catalog team that does it."),
    f("days", Value(Number), "Person-days; or give `estimate`."),
    f(
        "estimate",
        Table(ESTIMATE),
        "A three-point estimate in person-days; or give `days`.",
    ),
    f(
        "max_people",
        Value(Integer),
        "At most this many people work on it at once.",
    ),
    f(
        "after",
        Value(TextList),
        "Feature ids or custom item names it waits for.",
    ),
];

/// The deal file.
pub const DEAL: &[Field] = &[
    req("deal", Table(DEAL_HEADER), "The deal itself."),
    f(
        "availability",
        Table(PROMISE),
        "The availability promise, if any.",
    ),
    f(
        "requirements",
        Map(Scalars),
        "Keys of the catalog's [limits].",
    ),
    f(
        "custom",
        Tables(CUSTOM),
        "Promised work the catalog does not have.",
    ),
];

/// One problem found by [`check`]: where and what.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeProblem {
    pub span: std::ops::Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// Every syntax error, unknown key, wrong type, missing key and unknown
/// word of a document against `fields`, in file order.
pub fn check(text: &str, fields: &[Field]) -> Vec<ShapeProblem> {
    let (doc, errors) = toml::de::DeTable::parse_recoverable(text);
    let mut out: Vec<ShapeProblem> = errors
        .into_iter()
        .map(|e| ShapeProblem {
            span: e.span().unwrap_or(0..0),
            message: e.message().trim().to_string(),
            help: None,
        })
        .collect();
    let syntax_errors = !out.is_empty();
    let mut walk = Walk { out: &mut out };
    walk.table(doc.get_ref(), doc.span(), fields, "", !syntax_errors);
    out.sort_by_key(|p| (p.span.start, p.span.end));
    out.dedup();
    out
}

type Value<'i> = toml::de::DeValue<'i>;
type Spanned<T> = toml::Spanned<T>;

struct Walk<'a> {
    out: &'a mut Vec<ShapeProblem>,
}

impl Walk<'_> {
    fn push(&mut self, span: std::ops::Range<usize>, message: String, help: Option<String>) {
        self.out.push(ShapeProblem {
            span,
            message,
            help,
        });
    }

    /// `missing`: report required keys that are absent (not after a syntax
    /// error, which may have swallowed them).
    fn table(
        &mut self,
        table: &toml::de::DeTable<'_>,
        span: std::ops::Range<usize>,
        fields: &[Field],
        path: &str,
        missing: bool,
    ) {
        // A missing key that an unknown key is a typo of is said once, as the typo.
        let mut meant: Vec<&str> = Vec::new();
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            let Some(field) = fields.iter().find(|f| f.key == name) else {
                let keys = fields.iter().map(|f| f.key);
                meant.extend(crate::suggest::nearest(name, keys.clone()));
                let help = crate::suggest::did_you_mean(name, keys).or_else(|| {
                    let all: Vec<&str> = fields.iter().map(|f| f.key).collect();
                    Some(format!("the keys here are: {}", all.join(", ")))
                });
                let place = if path.is_empty() {
                    "the file".to_string()
                } else {
                    format!("`{path}`")
                };
                self.push(key.span(), format!("unknown key `{name}` in {place}"), help);
                continue;
            };
            let full = if path.is_empty() {
                name.to_string()
            } else {
                format!("{path}.{name}")
            };
            self.value(value, field, &full, missing);
        }
        if missing {
            for field in fields
                .iter()
                .filter(|f| f.required && !meant.contains(&f.key))
            {
                if !table.keys().any(|k| k.get_ref().as_ref() == field.key) {
                    let at = if path.is_empty() {
                        "the file".to_string()
                    } else {
                        format!("`{path}`")
                    };
                    self.push(
                        span.start..span.start,
                        format!("missing key `{}` in {at} ({})", field.key, field.doc()),
                        None,
                    );
                }
            }
        }
    }

    fn value(&mut self, value: &Spanned<Value<'_>>, field: &Field, path: &str, missing: bool) {
        let span = value.span();
        // No span: a value the parser made up after a syntax error, which
        // the syntax error already reports (it is not at the file's start).
        if span.is_empty() {
            return;
        }
        match (field.shape, value.get_ref()) {
            (Shape::Table(fields), Value::Table(t)) => self.table(t, span, fields, path, missing),
            (Shape::Tables(fields), Value::Array(items)) => {
                for item in items.iter() {
                    match item.get_ref() {
                        Value::Table(t) => self.table(t, item.span(), fields, path, missing),
                        other => self.wrong(item.span(), path, "a table", other),
                    }
                }
            }
            (Shape::Map(kind), Value::Table(t)) => {
                for (k, v) in t {
                    self.kind(v, kind, &format!("{path}.{}", k.get_ref()));
                }
            }
            (Shape::Value(kind), _) => self.kind(value, kind, path),
            (Shape::Table(_) | Shape::Map(_), other) => self.wrong(span, path, "a table", other),
            (Shape::Tables(_), other) => self.wrong(span, path, "a list of tables [[...]]", other),
        }
    }

    fn kind(&mut self, value: &Spanned<Value<'_>>, kind: Kind, path: &str) {
        let v = value.get_ref();
        let ok = match kind {
            Kind::Text | Kind::Window | Kind::Duration => matches!(v, Value::String(_)),
            Kind::Integer => matches!(v, Value::Integer(_)),
            Kind::Number => matches!(v, Value::Integer(_) | Value::Float(_)),
            Kind::Date => matches!(v, Value::Datetime(_) | Value::String(_)),
            Kind::Percent => matches!(v, Value::String(_) | Value::Integer(_) | Value::Float(_)),
            Kind::OneOf(words) => return self.word(value, words.all, path),
            Kind::TextList | Kind::DateList => {
                let Value::Array(items) = v else {
                    return self.wrong(value.span(), path, expected(kind), v);
                };
                let item = if kind == Kind::TextList {
                    Kind::Text
                } else {
                    Kind::Date
                };
                for i in items.iter() {
                    self.kind(i, item, path);
                }
                return;
            }
            Kind::Scalars => match v {
                Value::Array(items) => items.iter().all(|i| {
                    matches!(
                        i.get_ref(),
                        Value::String(_) | Value::Integer(_) | Value::Float(_)
                    )
                }),
                _ => matches!(v, Value::String(_) | Value::Integer(_) | Value::Float(_)),
            },
        };
        if !ok {
            self.wrong(value.span(), path, expected(kind), v);
        }
    }

    fn word(&mut self, value: &Spanned<Value<'_>>, words: &[&str], path: &str) {
        let Value::String(s) = value.get_ref() else {
            return self.wrong(value.span(), path, "text in quotes", value.get_ref());
        };
        if !words.contains(&s.as_ref()) {
            let help = crate::suggest::did_you_mean(s, words.iter().copied())
                .or_else(|| Some(format!("use one of: {}", words.join(", "))));
            self.push(value.span(), format!("`{path}` cannot be \"{s}\""), help);
        }
    }

    fn wrong(&mut self, span: std::ops::Range<usize>, path: &str, want: &str, found: &Value<'_>) {
        self.push(
            span,
            format!("`{path}` must be {want}, found {}", found.type_str_plain()),
            None,
        );
    }
}

/// What a kind is called in a message.
fn expected(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text in quotes",
        Kind::Integer => "a whole number",
        Kind::Number => "a number",
        Kind::Date => "a date like 2027-03-01",
        Kind::Percent => "a percentage like \"99.9%\" or 99.9",
        Kind::Duration => "a duration like \"30m\", \"4h\" or \"2d\"",
        Kind::Window => "a window like \"24x7\" or \"mon-fri 08:00-18:00\"",
        Kind::OneOf(_) => "one of the listed words",
        Kind::TextList => "a list of texts [\"a\", \"b\"]",
        Kind::DateList => "a list of dates [2026-12-24, ...]",
        Kind::Scalars => "a number, a text, or a list of them",
    }
}

/// TOML's names for what was found.
trait TypeName {
    fn type_str_plain(&self) -> &'static str;
}

impl TypeName for Value<'_> {
    fn type_str_plain(&self) -> &'static str {
        match self {
            Value::String(_) => "text",
            Value::Integer(_) => "a whole number",
            Value::Float(_) => "a decimal number",
            Value::Boolean(_) => "true/false",
            Value::Datetime(_) => "a date",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

mod repair;
pub use repair::{read_mended, within_stand_in};

#[cfg(test)]
mod tests;
