//! Schedule checks S001–S005: can the teams do the work by the deadline?

use super::CheckOptions;
use super::scope::ScopeEntry;
use crate::gap::{Gap, GapCode};
use crate::model::{Catalog, Deal};
use serde_json::json;

/// The schedule section of a deal's report.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct ScheduleSection {}

/// Schedule gaps and, when the deal can be scheduled, its section.
pub fn check(
    catalog: &Catalog,
    deal: &Deal,
    scope: &[ScopeEntry],
    options: &CheckOptions,
    _booked: Option<&crate::schedule::Booked>,
) -> (Vec<Gap>, Option<ScheduleSection>) {
    let _ = scope;
    let start = deal.start.unwrap_or(options.as_of);
    let mut gaps = Vec::new();
    if deal.deadline < start {
        gaps.push(
            Gap::new(
                GapCode::S002,
                "deal.deadline",
                format!(
                    "the deadline {} is before work can start on {start}",
                    deal.deadline
                ),
            )
            .at(&deal.deadline_location)
            .suggest("check `deal.start` and `deal.deadline`: they may be swapped or mistyped")
            .data(json!({ "start": start, "deadline": deal.deadline })),
        );
    }
    gaps.extend(custom_references(catalog, deal));
    (gaps, None)
}

/// S004 and S005: custom work naming a team or predecessor that is not there.
fn custom_references(catalog: &Catalog, deal: &Deal) -> Vec<Gap> {
    let mut gaps = Vec::new();
    for work in &deal.custom {
        if catalog.team(&work.team.id).is_none() {
            let teams = catalog.teams.iter().map(|t| t.id.as_str());
            let nearest = crate::suggest::nearest(&work.team.id, teams);
            let all: Vec<&str> = catalog.teams.iter().map(|t| t.id.as_str()).collect();
            gaps.push(
                Gap::new(
                    GapCode::S004,
                    format!("custom.{}.team", work.name),
                    format!(
                        "custom work \"{}\" is for team \"{}\", which the catalog does not have",
                        work.name, work.team.id
                    ),
                )
                .at(&work.team.location)
                .suggest(match nearest {
                    Some(n) => format!("did you mean \"{n}\"?"),
                    None => format!("teams in the catalog: {}", all.join(", ")),
                })
                .data(json!({ "custom": work.name, "team": work.team.id, "nearest": nearest })),
            );
        }
        for after in &work.after {
            if names_something(deal, &after.id) {
                continue;
            }
            let candidates = deal
                .features
                .iter()
                .map(|f| f.id.as_str())
                .chain(deal.custom.iter().map(|c| c.name.as_str()));
            let nearest = crate::suggest::nearest(&after.id, candidates);
            let gap = Gap::new(
                GapCode::S005,
                format!("custom.{}.after", work.name),
                format!("custom work \"{}\" waits for \"{}\", which is neither a feature of the deal nor custom work", work.name, after.id),
            )
            .at(&after.location)
            .data(json!({ "custom": work.name, "after": after.id, "nearest": nearest }));
            gaps.push(match nearest {
                Some(n) => gap.suggest(format!("did you mean \"{n}\"?")),
                None => gap.suggest("name a feature id of the deal or another custom item"),
            });
        }
    }
    gaps
}

/// True when `after` names a feature the deal lists or a custom item.
fn names_something(deal: &Deal, id: &str) -> bool {
    deal.features.iter().any(|f| f.id == id) || deal.custom.iter().any(|c| c.name == id)
}

impl ScheduleSection {
    /// The section in a few plain lines for the human report.
    pub fn human_lines(&self) -> Vec<String> {
        Vec::new()
    }
}
