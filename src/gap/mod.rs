//! Findings: one typed value per gap.
//!
//! A gap is a [`GapKind`] — one variant per code, carrying the typed facts
//! behind it — plus where in the file it is about. Its subject, message,
//! suggestion and JSON `data` are all derived from those facts, once, when the
//! gap is made, so no producer formats text and nothing can disagree.
//! Each code's row in the gap [`table`] declares everything else about it:
//! its payload, name, severity, area, explanation and which codes it hides.

pub mod kinds;
mod table;

pub use kinds::*;
pub use table::{Explanation, GapCode, GapKind};

use crate::source::Location;
use schemars::JsonSchema;
use serde::{Serialize, Serializer, ser::SerializeStruct};

/// How bad a gap is; decides the verdict.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Which area of checks a gap belongs to; the human report groups by it.
/// `catalog` holds the findings of `catalog lint`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Features,
    Schedule,
    Availability,
    Limits,
    Catalog,
}

impl Area {
    pub fn title(self) -> &'static str {
        match self {
            Area::Features => "Features",
            Area::Schedule => "Schedule",
            Area::Availability => "Availability",
            Area::Limits => "Limits",
            Area::Catalog => "Catalog",
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Features => "features",
            Area::Schedule => "schedule",
            Area::Availability => "availability",
            Area::Limits => "limits",
            Area::Catalog => "catalog",
        }
    }
}

/// feasible / at-risk / infeasible, from the worst gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Feasible,
    AtRisk,
    Infeasible,
}

impl Verdict {
    /// `infeasible` if any error gap, else `at-risk` if any warning, else `feasible`.
    pub fn of(gaps: &[Gap]) -> Verdict {
        match gaps.iter().map(Gap::severity).max() {
            Some(Severity::Error) => Verdict::Infeasible,
            Some(Severity::Warning) => Verdict::AtRisk,
            _ => Verdict::Feasible,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Feasible => "feasible",
            Verdict::AtRisk => "at-risk",
            Verdict::Infeasible => "infeasible",
        }
    }
}

/// One finding: what is wrong, where, and what would fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    kind: GapKind,
    text: Text,
    /// Where in the file the gap is about.
    pub location: Option<Location>,
}

impl Gap {
    /// A gap from its typed facts; the words are derived here, once.
    pub fn new(kind: GapKind) -> Gap {
        let text = kind.text();
        Gap {
            kind,
            text,
            location: None,
        }
    }

    pub fn at(mut self, location: &Location) -> Gap {
        self.location = Some(location.clone());
        self
    }

    pub fn kind(&self) -> &GapKind {
        &self.kind
    }
    pub fn code(&self) -> GapCode {
        self.kind.code()
    }
    pub fn severity(&self) -> Severity {
        self.code().severity()
    }
    /// What the gap is about, as a dotted path into the deal (`features.sso`).
    pub fn subject(&self) -> &str {
        &self.text.subject
    }
    pub fn message(&self) -> &str {
        &self.text.message
    }
    pub fn suggestion(&self) -> Option<&str> {
        self.text.suggestion.as_deref()
    }
    /// The typed facts as JSON, for tools; its shape per code is in the schema.
    pub fn data(&self) -> serde_json::Value {
        self.kind.data()
    }
}

/// Drops every gap that another gap of the same findings hides, as the code
/// table declares (A002 hides A001; S001 hides S003; ...).
pub fn suppress(gaps: &mut Vec<Gap>) {
    let mut hidden = [false; GapCode::ALL.len()];
    for g in gaps.iter() {
        for h in g.code().hides() {
            hidden[h.index()] = true;
        }
    }
    gaps.retain(|g| !hidden[g.code().index()]);
}

impl Serialize for Gap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Gap", 9)?;
        st.serialize_field("code", self.code().code())?;
        st.serialize_field("name", self.code().name())?;
        st.serialize_field("severity", &self.severity())?;
        st.serialize_field("area", &self.code().area())?;
        st.serialize_field("subject", self.subject())?;
        st.serialize_field("message", self.message())?;
        st.serialize_field("suggestion", &self.suggestion())?;
        st.serialize_field("location", &self.location)?;
        st.serialize_field("data", &Data(&self.kind))?;
        st.end()
    }
}

/// A gap's facts, serialised without an intermediate JSON value.
struct Data<'a>(&'a GapKind);

impl Serialize for Data<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_data(s)
    }
}

impl JsonSchema for Gap {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Gap".into()
    }

    /// One branch per code: its `code`, `name`, `severity` and `area` as
    /// constants and its `data` with the typed fields of that code.
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let location = generator.subschema_for::<Option<Location>>();
        let branches: Vec<serde_json::Value> = table::data_schemas(generator)
            .into_iter()
            .map(|(code, data)| {
                serde_json::json!({
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["code", "name", "severity", "area", "subject", "message",
                                 "suggestion", "location", "data"],
                    "properties": {
                        "code": { "const": code.code(), "description": code.explanation().what },
                        "name": { "const": code.name() },
                        "severity": { "const": code.severity().as_str() },
                        "area": { "const": code.area().as_str() },
                        "subject": { "type": "string", "description": "Dotted path of what the gap is about, e.g. `features.sso`." },
                        "message": { "type": "string" },
                        "suggestion": { "type": ["string", "null"] },
                        "location": location,
                        "data": data,
                    }
                })
            })
            .collect();
        schemars::json_schema!({
            "description": "One finding. `data` holds the typed facts behind the message; its fields depend on the code.",
            "oneOf": branches,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a002() -> Gap {
        Gap::new(GapKind::PerfectAvailability(Target {
            target: 1.0,
            instead: None,
        }))
    }

    fn a001() -> Gap {
        Gap::new(GapKind::AvailabilityOverPromise(OverPromise {
            target: 0.9999,
            weekly_minutes: 10_080,
            best: None,
        }))
    }

    #[test]
    fn verdict_follows_the_worst_gap() {
        let f008 = Gap::new(GapKind::ImpliedFeature(Implied {
            feature: "dir".into(),
            name: "Directory".into(),
            required_by: "sso".into(),
            status: crate::model::FeatureStatus::Ga,
        }));
        assert_eq!(Verdict::of(&[]), Verdict::Feasible);
        assert_eq!(Verdict::of(std::slice::from_ref(&f008)), Verdict::Feasible);
        assert_eq!(Verdict::of(&[f008.clone(), a001()]), Verdict::Infeasible);
    }

    #[test]
    fn the_table_decides_what_is_hidden() {
        let mut gaps = vec![a001(), a002()];
        suppress(&mut gaps);
        assert_eq!(
            gaps.iter().map(Gap::code).collect::<Vec<_>>(),
            [GapCode::A002]
        );
        let mut alone = vec![a001()];
        suppress(&mut alone);
        assert_eq!(alone.len(), 1, "nothing hides a gap on its own");
    }
}
