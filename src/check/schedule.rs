//! Schedule checks S001–S005: can the teams do the work by the deadline?
//!
//! Turns the deal into work items (feature setup, pulled-forward roadmap work,
//! custom work) and hands them to the pure scheduler and Monte Carlo.

use super::CheckOptions;
use super::scope::ScopeEntry;
use crate::calendar::{Commitment, TeamCalendar, WorkCalendar, free_capacity};
use crate::gap::{Gap, GapCode};
use crate::model::{Amount, Catalog, Deal, Effort, FeatureStatus};
use crate::montecarlo::{Estimate, simulate};
use crate::scheduler::{Booked, Plan, Schedule, Usage, WorkItem, schedule};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;

/// The schedule section of a deal's report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScheduleSection {
    /// First day work may happen.
    pub start: NaiveDate,
    /// Day the last item finishes with likely efforts; null when not within 10 years.
    pub delivery: Option<NaiveDate>,
    /// Catalog working days between delivery and deadline; negative when late.
    pub slack_working_days: Option<i64>,
    /// Person-days still open at the end of the deadline day.
    pub shortfall_person_days: f64,
    /// Shortfall × each team's `hours_per_day`.
    pub overtime_hours: f64,
    /// Share of Monte Carlo trials delivered by the deadline; null without trials
    /// or three-point estimates.
    pub on_time_probability: Option<f64>,
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    pub p95: Option<NaiveDate>,
    /// Monte Carlo trials run (0 when none).
    pub trials: u32,
    pub seed: u64,
    pub items: Vec<ScheduledItem>,
    /// Per team: person-days needed vs free between start and deadline.
    pub teams: Vec<TeamLoad>,
}

/// One work item and when it is done.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScheduledItem {
    /// e.g. `setup of sso`, `work on eu-residency`, `custom: Nightly SAP export`.
    pub name: String,
    /// `setup`, `work` or `custom`.
    pub kind: String,
    pub feature: Option<String>,
    pub team: String,
    /// Person-days the deterministic schedule uses (`likely` for estimates).
    pub effort_person_days: f64,
    pub estimate: Option<ThreePoint>,
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ThreePoint {
    pub low: f64,
    pub likely: f64,
    pub high: f64,
}

/// How much of a team the deal needs before the deadline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TeamLoad {
    pub team: String,
    pub needed_person_days: f64,
    pub free_person_days: f64,
}

/// Schedule gaps and, when the deal can be scheduled, its section and the
/// capacity it uses (which a signed deal books in portfolio mode).
pub fn check(
    catalog: &Catalog,
    deal: &Deal,
    scope: &[ScopeEntry],
    options: &CheckOptions,
    booked: Option<&Booked>,
) -> (Vec<Gap>, Option<ScheduleSection>, Vec<Usage>) {
    let start = deal.start.unwrap_or(options.as_of);
    let mut gaps = custom_references(catalog, deal, scope);
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
        return (gaps, None, Vec::new());
    }
    let work = work_items(catalog, deal, scope);
    let calendar = work_calendar(catalog);
    let teams = team_calendars(catalog);
    let items: Vec<WorkItem> = work.iter().map(|w| w.item.clone()).collect();
    let plan = Plan {
        calendar: &calendar,
        teams: &teams,
        items: &items,
        start,
        deadline: deal.deadline,
        booked,
    };
    let result = schedule(&plan);
    let estimates: Vec<Estimate> = work.iter().map(|w| estimate(w.amount)).collect();
    let uncertain = estimates
        .iter()
        .any(|e| matches!(e, Estimate::ThreePoint { .. }));
    let sim = (options.trials > 0 && uncertain)
        .then(|| simulate(&plan, &estimates, options.trials, options.seed));
    let section = section(catalog, &plan, &work, &result, sim.as_ref(), options);
    if let Some(gap) = late(deal, &section) {
        gaps.push(gap);
    } else if let Some(gap) = low_confidence(catalog, deal, &section) {
        gaps.push(gap);
    }
    (gaps, Some(section), result.usage)
}

/// A work item with what the report says about it.
struct Work {
    item: WorkItem,
    amount: Amount,
    name: String,
    kind: &'static str,
    feature: Option<String>,
}

/// Setup of every feature in scope, work of pulled-forward roadmap features,
/// then custom items; each following what its feature requires and its `after`.
fn work_items(catalog: &Catalog, deal: &Deal, scope: &[ScopeEntry]) -> Vec<Work> {
    let mut out: Vec<Work> = Vec::new();
    let mut by_feature: HashMap<usize, Vec<usize>> = HashMap::new();
    for entry in scope {
        let f = &catalog.features[entry.feature];
        let mut mine = Vec::new();
        if let Some(work) = f.work.as_ref().filter(|_| pulled_forward(f, deal.deadline)) {
            mine.push(push(
                &mut out,
                work,
                format!("work on {}", f.id),
                "work",
                &f.id,
            ));
        }
        if let Some(setup) = &f.setup {
            let i = push(
                &mut out,
                setup,
                format!("setup of {}", f.id),
                "setup",
                &f.id,
            );
            out[i].item.after.extend(mine.iter().copied());
            mine.push(i);
        }
        by_feature.insert(entry.feature, mine);
    }
    for entry in scope {
        let before = required_items(catalog, entry.feature, &by_feature);
        for &i in &by_feature[&entry.feature] {
            out[i].item.after.extend(before.iter().copied());
        }
    }
    add_custom(catalog, deal, &mut out, &by_feature);
    out
}

fn push(
    out: &mut Vec<Work>,
    effort: &Effort,
    name: String,
    kind: &'static str,
    feature: &str,
) -> usize {
    out.push(Work {
        item: WorkItem {
            team: effort.team,
            effort: effort.amount.likely(),
            max_people: effort.max_people,
            after: Vec::new(),
        },
        amount: effort.amount,
        name,
        kind,
        feature: Some(feature.to_string()),
    });
    out.len() - 1
}

/// The F005 condition: planned, with `work`, and no roadmap date by the deadline.
fn pulled_forward(f: &crate::model::Feature, deadline: NaiveDate) -> bool {
    f.status == FeatureStatus::Planned && f.eta.is_none_or(|eta| eta > deadline)
}

/// Items of the features `feature` requires; through a required feature
/// without items, the items of what it requires in turn.
fn required_items(
    catalog: &Catalog,
    feature: usize,
    by_feature: &HashMap<usize, Vec<usize>>,
) -> Vec<usize> {
    let mut seen = vec![false; catalog.features.len()];
    let mut stack = catalog.features[feature].requires.clone();
    let mut items = Vec::new();
    while let Some(f) = stack.pop() {
        if std::mem::replace(&mut seen[f], true) {
            continue;
        }
        match by_feature.get(&f) {
            Some(mine) if !mine.is_empty() => items.extend(mine.iter().copied()),
            _ => stack.extend(&catalog.features[f].requires),
        }
    }
    items
}

fn add_custom(
    catalog: &Catalog,
    deal: &Deal,
    out: &mut Vec<Work>,
    by_feature: &HashMap<usize, Vec<usize>>,
) {
    let first = out.len();
    // Custom work for an unknown team is S004 and not scheduled.
    let known: Vec<(&crate::model::CustomWork, usize)> = deal
        .custom
        .iter()
        .filter_map(|c| Some((c, catalog.team(&c.team.id)?)))
        .collect();
    let index: HashMap<&str, usize> = known
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.name.as_str(), first + i))
        .collect();
    for &(c, team) in &known {
        let mut after = Vec::new();
        for a in &c.after {
            if let Some(&i) = index.get(a.id.as_str()) {
                after.push(i);
            } else if let Some(items) = catalog.feature(&a.id).and_then(|f| by_feature.get(&f)) {
                after.extend(items.iter().copied());
            }
        }
        out.push(Work {
            item: WorkItem {
                team,
                effort: c.amount.likely(),
                max_people: c.max_people,
                after,
            },
            amount: c.amount,
            name: format!("custom: {}", c.name),
            kind: "custom",
            feature: None,
        });
    }
}

fn estimate(amount: Amount) -> Estimate {
    match amount {
        Amount::Days(d) => Estimate::Fixed(d),
        Amount::Estimate { low, likely, high } => Estimate::ThreePoint { low, likely, high },
    }
}

fn work_calendar(catalog: &Catalog) -> WorkCalendar {
    WorkCalendar {
        weekdays: catalog.business_hours.days(),
        holidays: catalog.holidays.clone(),
    }
}

fn team_calendars(catalog: &Catalog) -> Vec<TeamCalendar> {
    catalog
        .teams
        .iter()
        .map(|t| TeamCalendar {
            people: t.people,
            focus: t.focus,
            hours_per_day: t.hours_per_day,
            holidays: t.holidays.clone(),
            commitments: t
                .commitments
                .iter()
                .map(|c| Commitment {
                    from: c.from,
                    until: c.until,
                    people: c.people,
                })
                .collect(),
        })
        .collect()
}

fn section(
    catalog: &Catalog,
    plan: &Plan,
    work: &[Work],
    result: &Schedule,
    sim: Option<&crate::montecarlo::Simulation>,
    options: &CheckOptions,
) -> ScheduleSection {
    let items = work
        .iter()
        .zip(&result.items)
        .map(|(w, o)| ScheduledItem {
            name: w.name.clone(),
            kind: w.kind.to_string(),
            feature: w.feature.clone(),
            team: catalog.teams[w.item.team].id.clone(),
            effort_person_days: w.item.effort,
            estimate: match w.amount {
                Amount::Estimate { low, likely, high } => Some(ThreePoint { low, likely, high }),
                Amount::Days(_) => None,
            },
            start: o.start,
            finish: o.finish,
        })
        .collect();
    ScheduleSection {
        start: plan.start,
        delivery: result.delivery,
        slack_working_days: result.slack_working_days,
        shortfall_person_days: round2(result.open_person_days),
        overtime_hours: round2(result.overtime_hours),
        on_time_probability: sim.map(|s| s.on_time_probability),
        p50: sim.and_then(|s| s.p50),
        p85: sim.and_then(|s| s.p85),
        p95: sim.and_then(|s| s.p95),
        trials: sim.map_or(0, |s| s.trials),
        seed: options.seed,
        items,
        teams: team_loads(catalog, plan, work),
    }
}

/// Needed vs free person-days per team that has work in the deal.
fn team_loads(catalog: &Catalog, plan: &Plan, work: &[Work]) -> Vec<TeamLoad> {
    let mut loads = Vec::new();
    for (t, team) in catalog.teams.iter().enumerate() {
        if !work.iter().any(|w| w.item.team == t) {
            continue;
        }
        let needed: f64 = work
            .iter()
            .filter(|w| w.item.team == t)
            .map(|w| w.item.effort)
            .sum();
        let free = free_capacity(plan.calendar, &plan.teams[t], plan.start, plan.deadline);
        let used = plan.booked.map_or(0.0, |b| {
            b.used_capacity(plan.calendar, t, &plan.teams[t], plan.start, plan.deadline)
        });
        loads.push(TeamLoad {
            team: team.id.clone(),
            needed_person_days: round2(needed),
            free_person_days: round2((free - used).max(0.0)),
        });
    }
    loads
}

fn round2(x: f64) -> f64 {
    if x.is_finite() {
        (x * 100.0).round() / 100.0
    } else {
        x
    }
}

/// S001 when delivery is after the deadline (or not within 10 years).
fn late(deal: &Deal, s: &ScheduleSection) -> Option<Gap> {
    let data = json!({ "deadline": deal.deadline, "delivery": s.delivery,
        "slack_working_days": s.slack_working_days, "shortfall_person_days": s.shortfall_person_days,
        "overtime_hours": s.overtime_hours });
    let gap = match s.delivery {
        Some(d) if d <= deal.deadline => return None,
        Some(d) => Gap::new(
            GapCode::S001,
            "deal.deadline",
            format!(
                "the work finishes on {d}, {} working days after the deadline {}: {} person-days are still open at the deadline ({} hours of overtime)",
                -s.slack_working_days.unwrap_or(0),
                deal.deadline,
                s.shortfall_person_days,
                s.overtime_hours
            ),
        )
        .suggest(format!("promise {d} or later, cut scope, or find {} hours of extra capacity", s.overtime_hours)),
        None => Gap::new(
            GapCode::S001,
            "deal.deadline",
            format!(
                "the work is not done within 10 years of {} with the teams' capacity: {} person-days are open at the deadline",
                s.start, s.shortfall_person_days
            ),
        )
        .suggest("the teams have no free capacity for this work: check the effort and the teams' people and commitments"),
    };
    Some(gap.at(&deal.deadline_location).data(data))
}

/// S003 when the on-time probability is below the catalog's confidence.
fn low_confidence(catalog: &Catalog, deal: &Deal, s: &ScheduleSection) -> Option<Gap> {
    let p = s.on_time_probability?;
    if p >= catalog.confidence {
        return None;
    }
    let gap = Gap::new(
        GapCode::S003,
        "deal.deadline",
        format!(
            "the deadline {} is met with likely estimates, but only {:.0}% of {} simulations finish on time (the catalog asks for {:.0}%)",
            deal.deadline,
            p * 100.0,
            s.trials,
            catalog.confidence * 100.0
        ),
    )
    .at(&deal.deadline_location)
    .data(json!({ "on_time_probability": p, "confidence": catalog.confidence,
                  "p50": s.p50, "p85": s.p85, "p95": s.p95 }));
    Some(match s.p85 {
        Some(p85) => gap.suggest(format!("promise {p85} (85% of simulations finish by then)")),
        None => gap.suggest("reduce the uncertain work or move the deadline"),
    })
}

/// S004 and S005: custom work naming a team or predecessor that is not there.
fn custom_references(catalog: &Catalog, deal: &Deal, scope: &[ScopeEntry]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    for work in &deal.custom {
        if catalog.team(&work.team.id).is_none() {
            gaps.push(unknown_team(catalog, work));
        }
        for after in &work.after {
            if !names_something(catalog, deal, scope, &after.id) {
                gaps.push(unknown_dependency(deal, work, after));
            }
        }
    }
    gaps
}

fn unknown_team(catalog: &Catalog, work: &crate::model::CustomWork) -> Gap {
    let teams = catalog.teams.iter().map(|t| t.id.as_str());
    let nearest = crate::suggest::nearest(&work.team.id, teams);
    let all: Vec<&str> = catalog.teams.iter().map(|t| t.id.as_str()).collect();
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
    .data(json!({ "custom": work.name, "team": work.team.id, "nearest": nearest }))
}

fn unknown_dependency(
    deal: &Deal,
    work: &crate::model::CustomWork,
    after: &crate::model::Named,
) -> Gap {
    let candidates = deal
        .features
        .iter()
        .map(|f| f.id.as_str())
        .chain(deal.custom.iter().map(|c| c.name.as_str()));
    let nearest = crate::suggest::nearest(&after.id, candidates);
    let gap = Gap::new(
        GapCode::S005,
        format!("custom.{}.after", work.name),
        format!(
            "custom work \"{}\" waits for \"{}\", which is neither a feature of the deal nor custom work",
            work.name, after.id
        ),
    )
    .at(&after.location)
    .data(json!({ "custom": work.name, "after": after.id, "nearest": nearest }));
    match nearest {
        Some(n) => gap.suggest(format!("did you mean \"{n}\"?")),
        None => gap.suggest("name a feature id of the deal or another custom item"),
    }
}

/// True when `after` names a feature in the deal (listed or implied) or a custom item.
fn names_something(catalog: &Catalog, deal: &Deal, scope: &[ScopeEntry], id: &str) -> bool {
    deal.features.iter().any(|f| f.id == id)
        || scope.iter().any(|e| catalog.features[e.feature].id == id)
        || deal.custom.iter().any(|c| c.name == id)
}
