//! The report value every output format renders, and the verdict.
//!
//! Renderers (one module per `--format`) only read this value; they never
//! compute a figure the checks did not.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use crate::check::availability::AvailabilitySection;
use crate::check::schedule::ScheduleSection;
use crate::gap::{Gap, Severity};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Serialize, Serializer, ser::SerializeStruct};

/// The version of the JSON output; bumped only for incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

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

/// The report of one deal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DealReport {
    pub path: String,
    pub id: String,
    pub customer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// `proposed` or `signed`.
    pub status: String,
    /// The first day work may happen (the deal's `start`, else `--as-of`).
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub verdict: Verdict,
    #[schemars(with = "Vec<GapSchema>")]
    pub gaps: Vec<Gap>,
    pub schedule: Option<ScheduleSection>,
    pub availability: Option<AvailabilitySection>,
}

impl DealReport {
    /// How many gaps of a severity the deal has.
    pub fn count(&self, severity: Severity) -> usize {
        self.gaps
            .iter()
            .filter(|g| g.severity() == severity)
            .count()
    }
}

/// A file that could not be judged (exit 2 for it), reported beside the rest.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FileError {
    pub path: String,
    /// Every problem, one `path:line:column: message` line each.
    pub problems: Vec<String>,
    /// The full rendering with the offending lines.
    #[serde(skip)]
    pub rendered: String,
}

/// Counts over all deals of a run.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Summary {
    pub deals: usize,
    pub feasible: usize,
    pub at_risk: usize,
    pub infeasible: usize,
    /// Files that could not be judged.
    pub errors: usize,
}

/// Which catalog the deals were checked against.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CatalogRef {
    pub path: String,
    pub name: String,
}

/// The tool and version that wrote a report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Default for Tool {
    fn default() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// The whole run: what every format renders.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub as_of: NaiveDate,
    pub catalog: Option<CatalogRef>,
    pub summary: Summary,
    pub deals: Vec<DealReport>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FileError>,
    /// With `--portfolio`: capacity across signed and proposed deals, per catalog.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub portfolio: Vec<crate::check::portfolio::PortfolioSummary>,
}

impl Report {
    pub fn new(
        as_of: NaiveDate,
        catalog: Option<CatalogRef>,
        deals: Vec<DealReport>,
        errors: Vec<FileError>,
    ) -> Report {
        let summary = Summary {
            deals: deals.len(),
            feasible: deals
                .iter()
                .filter(|d| d.verdict == Verdict::Feasible)
                .count(),
            at_risk: deals
                .iter()
                .filter(|d| d.verdict == Verdict::AtRisk)
                .count(),
            infeasible: deals
                .iter()
                .filter(|d| d.verdict == Verdict::Infeasible)
                .count(),
            errors: errors.len(),
        };
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            as_of,
            catalog,
            summary,
            deals,
            errors,
            portfolio: Vec::new(),
        }
    }
}

/// "2 errors, 1 warning" for a deal, or "no gaps": shared by the text formats.
pub(crate) fn counts(deal: &DealReport) -> String {
    let parts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "note"),
    ]
    .into_iter()
    .filter(|(s, _)| deal.count(*s) > 0)
    .map(|(s, word)| plural(deal.count(s), word))
    .collect();
    if parts.is_empty() {
        "no gaps".to_string()
    } else {
        parts.join(", ")
    }
}

/// "1 deal", "3 deals".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Serialize for Gap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Gap", 9)?;
        st.serialize_field("code", self.code.code())?;
        st.serialize_field("name", self.code.name())?;
        st.serialize_field("severity", &self.code.severity())?;
        st.serialize_field("area", &self.code.area())?;
        st.serialize_field("subject", &self.subject)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("suggestion", &self.suggestion)?;
        st.serialize_field("location", &self.location)?;
        st.serialize_field("data", &self.data)?;
        st.end()
    }
}

/// The JSON shape of a gap, for the schema (the value is serialized by hand
/// from the gap table so code, name and severity can never disagree).
#[derive(JsonSchema)]
#[allow(dead_code)]
struct GapSchema {
    /// Stable code, e.g. `F001`.
    code: String,
    /// Stable kebab-case name, e.g. `unknown-feature`.
    name: String,
    severity: Severity,
    area: crate::gap::Area,
    /// Dotted path of what the gap is about, e.g. `features.sso`.
    subject: String,
    message: String,
    suggestion: Option<String>,
    location: Option<crate::load::Location>,
    /// Structured facts behind the message; keys depend on the code.
    data: serde_json::Map<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gap::GapCode;

    #[test]
    fn verdict_follows_the_worst_gap() {
        let g = |c| Gap::new(c, "x", "y");
        assert_eq!(Verdict::of(&[]), Verdict::Feasible);
        assert_eq!(Verdict::of(&[g(GapCode::F008)]), Verdict::Feasible);
        assert_eq!(
            Verdict::of(&[g(GapCode::F008), g(GapCode::F007)]),
            Verdict::AtRisk
        );
        assert_eq!(
            Verdict::of(&[g(GapCode::F007), g(GapCode::F001)]),
            Verdict::Infeasible
        );
    }
}
