//! Schedule checks S001–S005: can the teams do the work by the deadline?
//!
//! Turns the deal into work items (feature setup, pulled-forward roadmap work,
//! custom work) and hands them to the pure scheduler and Monte Carlo.

use super::scope::ScopeEntry;
use super::{Booking, Capacity, CheckOptions, Judged, Prepared};
use crate::figures::round2;
use crate::gap::{
    DeadlinePassed, Gap, GapKind, Late, LowConfidence, StartAndDeadline, UnknownDependency,
    UnknownTeam,
};
use crate::model::{Amount, Catalog, CustomWork, Deal, Named};
use crate::montecarlo::{Estimate, simulate};
use crate::scheduler::{
    Plan, Schedule, WorkItem, free_before_deadline, schedule, schedule_to_judge,
};
use chrono::NaiveDate;
use std::borrow::Cow;

mod work;

use schemars::JsonSchema;
use serde::Serialize;
use work::{About, estimate, work_items};
pub use work::{work_estimates, work_plan};

/// The schedule section of a deal's report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScheduleSection {
    /// First day work may happen.
    #[serde(serialize_with = "crate::figures::ser_date")]
    pub start: NaiveDate,
    /// Day the last item finishes with likely efforts; null when not within 10 years.
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub delivery: Option<NaiveDate>,
    /// Catalog working days between delivery and deadline; negative when late.
    pub slack_working_days: Option<i64>,
    /// Person-days still open at the end of the deadline day.
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub shortfall_person_days: f64,
    /// Shortfall × each team's `hours_per_day`.
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub overtime_hours: f64,
    /// Share of Monte Carlo trials delivered by the deadline; null without trials
    /// or three-point estimates.
    #[serde(serialize_with = "crate::figures::ser_probability_opt")]
    pub on_time_probability: Option<f64>,
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub p50: Option<NaiveDate>,
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub p85: Option<NaiveDate>,
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub p95: Option<NaiveDate>,
    /// Monte Carlo trials run (0 when none).
    pub trials: u32,
    /// The cap on trials (`--trials`): when as many ran, the answer was not
    /// known to the precision reported before, and the text must not say
    /// the simulations settled it.
    #[serde(skip)]
    #[schemars(skip)]
    pub trials_cap: u32,
    /// The deal's own `start` when it is before today, so work starts
    /// today instead: said in words, never moved in silence.
    #[serde(skip)]
    #[schemars(skip)]
    pub start_passed: Option<NaiveDate>,
    pub seed: u64,
    pub items: Vec<ScheduledItem>,
    /// Per team: person-days needed vs free between start and deadline.
    pub teams: Vec<TeamLoad>,
}

/// What a work item is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A feature's per-deal `setup`.
    Setup,
    /// A planned feature's `work`, pulled forward.
    Work,
    /// A `[[custom]]` item of the deal.
    Custom,
}

impl ScheduleSection {
    /// Late when the work finishes after the deadline or not within the
    /// horizon: the one lateness rule (S001, the human lines, portfolio).
    pub fn is_late(&self, deadline: NaiveDate) -> bool {
        self.delivery.is_none_or(|d| d > deadline)
    }
}

/// One work item and when it is done.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScheduledItem {
    /// e.g. `setup of sso`, `work on eu-residency`, `custom: Nightly SAP export`.
    pub name: String,
    pub kind: ItemKind,
    pub feature: Option<String>,
    pub team: String,
    /// Person-days the deterministic schedule uses (`likely` for estimates).
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub effort_person_days: f64,
    pub estimate: Option<ThreePoint>,
    /// At most this many people work on the item at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_people: Option<u32>,
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "crate::figures::ser_date_opt")]
    pub finish: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ThreePoint {
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub low: f64,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub likely: f64,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub high: f64,
}

/// How much of a team the deal needs before the deadline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TeamLoad {
    pub team: String,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub needed_person_days: f64,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub free_person_days: f64,
    /// The team's people.
    pub people: u32,
    /// What limits the team between start and deadline: commitments that
    /// hold people, `max_people` caps that bind, focus when the team is short.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<TeamLimit>,
}

/// One thing that keeps a team from giving a deal all its people.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TeamLimit {
    /// A commitment holding `people` for part or all of the time.
    Commitment { what: String, people: u32 },
    /// An item capped below the people the team has free.
    MaxPeople { item: String, people: u32 },
    /// The share of a day free for deal work, when the team is short.
    Focus { focus: f64 },
}

/// Schedule gaps and, when the deal can be scheduled, its section and the
/// person-days each team (by catalog index) still has open at its deadline.
pub fn check(
    catalog: &Prepared,
    deal: &Deal,
    scope: &[ScopeEntry],
    options: &CheckOptions,
    capacity: Capacity<'_>,
) -> (Vec<Gap>, Option<ScheduleSection>, Vec<(usize, f64)>) {
    let start = super::work_start(deal, options.as_of);
    let mut gaps = custom_references(catalog, deal, scope);
    if deal.deadline < options.as_of {
        gaps.push(
            Gap::new(GapKind::DeadlinePassed(DeadlinePassed {
                deadline: deal.deadline,
                as_of: options.as_of,
            }))
            .at(&deal.deadline_location),
        );
    }
    if deal.deadline < start {
        gaps.push(
            Gap::new(GapKind::DeadlineBeforeStart(StartAndDeadline {
                start,
                deadline: deal.deadline,
            }))
            .at(&deal.deadline_location),
        );
        return (gaps, None, Vec::new());
    }
    let (items, work): (Vec<WorkItem>, Vec<About>) = work_items(catalog, deal, scope)
        .into_iter()
        .map(|w| (w.item, w.about))
        .unzip();
    let calendar = &catalog.calendars().work;
    let teams = &catalog.calendars().teams;
    let plan = Plan {
        calendar,
        teams,
        items: &items,
        start,
        deadline: deal.deadline,
        booked: capacity.booked,
        grids: Some(capacity.grids),
    };
    let result = match capacity.judged.and_then(|j| j.schedule_of(&plan)) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(schedule_to_judge(&plan)),
    };
    let estimates: Vec<Estimate> = work.iter().map(|w| estimate(w.amount)).collect();
    let uncertain = estimates
        .iter()
        .any(|e| matches!(e, Estimate::ThreePoint { .. }));
    let sim = (options.trials > 0 && uncertain).then(|| {
        simulate(
            &plan,
            &estimates,
            options.trials,
            options.seed,
            catalog.confidence,
        )
    });
    let mut section = section(catalog, &plan, work, &result, sim.as_ref(), options);
    section.start_passed = deal.start.filter(|asked| *asked < start);
    let promise = complete_deadline(
        deal.deadline,
        result.delivery,
        roadmap_etas(catalog, deal, scope),
        sim.as_ref().and_then(|s| s.at_confidence),
    );
    gaps.extend(late(catalog, deal, &section, promise, capacity.holdings));
    gaps.extend(low_confidence(catalog, deal, &section, promise));
    (gaps, Some(section), result.open_by_team.clone())
}

/// A deal's deterministic schedule in `capacity`, without the rest of the
/// check: whether it is late (S001), whether it delivers at all, and what it
/// takes (and the schedule, for the deal's check to reuse). What booking
/// deals one after another needs, and nothing more: the deal's work `items`
/// (its `work_plan`), its work's `start` and its `deadline`, worked out
/// beforehand for the whole sequence.
pub fn booking(
    catalog: &Prepared,
    start: NaiveDate,
    deadline: NaiveDate,
    items: &[WorkItem],
    capacity: Capacity<'_>,
) -> (bool, bool, Booking, Option<Judged>) {
    if deadline < start {
        return (false, true, Booking::default(), None);
    }
    let calendars = catalog.calendars();
    let plan = Plan {
        calendar: &calendars.work,
        teams: &calendars.teams,
        items,
        start,
        deadline,
        booked: capacity.booked,
        grids: Some(capacity.grids),
    };
    let mut result = schedule(&plan);
    let late = result.delivery.is_none_or(|d| d > deadline);
    let delivered = result.delivery.is_some();
    let booking = Booking {
        usage: std::mem::take(&mut result.usage),
        open: result.open_by_team.clone(),
    };
    (late, delivered, booking, Some(Judged::new(&plan, result)))
}

fn section(
    catalog: &Catalog,
    plan: &Plan,
    work: Vec<About>,
    result: &Schedule,
    sim: Option<&crate::montecarlo::Simulation>,
    options: &CheckOptions,
) -> ScheduleSection {
    let items = work
        .into_iter()
        .zip(plan.items)
        .zip(&result.items)
        .map(|((w, item), o)| ScheduledItem {
            name: w.name,
            kind: w.kind,
            feature: w.feature,
            team: catalog.teams[item.team].id.clone(),
            effort_person_days: item.effort,
            estimate: match w.amount {
                Amount::ThreePoint { low, likely, high } => Some(ThreePoint { low, likely, high }),
                Amount::Fixed(_) => None,
            },
            max_people: item.max_people,
            start: o.start,
            finish: o.finish,
        })
        .collect::<Vec<_>>();
    let teams = team_loads(catalog, plan, &items);
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
        trials_cap: options.trials,
        start_passed: None,
        seed: options.seed,
        items,
        teams,
    }
}

/// Needed vs free person-days per team that has work in the deal.
fn team_loads(catalog: &Catalog, plan: &Plan, items: &[ScheduledItem]) -> Vec<TeamLoad> {
    // The teams with work, in catalog order: a catalog of dozens of teams
    // is not walked for every deal.
    let mut with_work: Vec<usize> = plan.items.iter().map(|i| i.team).collect();
    with_work.sort_unstable();
    with_work.dedup();
    let mut loads = Vec::with_capacity(with_work.len());
    for t in with_work {
        let team = &catalog.teams[t];
        let needed: f64 = plan
            .items
            .iter()
            .filter(|i| i.team == t)
            .map(|i| i.effort)
            .sum();
        let free = free_before_deadline(plan, t);
        let used = plan.booked.map_or(0.0, |b| {
            b.used_capacity(plan.calendar, t, &plan.teams[t], plan.start, plan.deadline)
        });
        let free = round2((free - used).max(0.0));
        loads.push(TeamLoad {
            team: team.id.clone(),
            needed_person_days: round2(needed),
            free_person_days: free,
            people: team.people,
            limits: limits(team, plan, items, t, needed > free),
        });
    }
    loads
}

/// What limits team `t` on this plan: commitments overlapping the time
/// from start to deadline (by name), caps below the people those leave
/// (a cap at or above them does not bind), and focus below 1 when the
/// team is short.
fn limits(
    team: &crate::model::Team,
    plan: &Plan,
    names: &[ScheduledItem],
    t: usize,
    short: bool,
) -> Vec<TeamLimit> {
    let mut out = Vec::new();
    let mut held = 0;
    for c in &team.commitments {
        if c.from <= plan.deadline && c.until >= plan.start {
            held += c.people;
            out.push(TeamLimit::Commitment {
                what: c.what.clone(),
                people: c.people,
            });
        }
    }
    let free_people = team.people.saturating_sub(held);
    for (item, named) in plan.items.iter().zip(names) {
        if item.team == t
            && let Some(n) = item.max_people.filter(|&n| n < free_people)
        {
            out.push(TeamLimit::MaxPeople {
                item: named.name.clone(),
                people: n,
            });
        }
    }
    if short && team.focus < 1.0 {
        out.push(TeamLimit::Focus { focus: team.focus });
    }
    out
}

/// The date to promise instead of `deadline` so the whole scope is on time
/// (`dealcheck offer`'s `complete` deadline, and what S001 and S003 suggest):
/// the latest of the deadline, the deterministic `delivery`, the `eta` of
/// every planned feature that waits for the roadmap, and the Monte Carlo's
/// confidence quantile when there is one. `None` when the work is not done
/// within 10 years.
pub fn complete_deadline(
    deadline: NaiveDate,
    delivery: Option<NaiveDate>,
    etas: impl IntoIterator<Item = NaiveDate>,
    at_confidence: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let delivery = delivery?;
    Some(
        etas.into_iter()
            .chain(at_confidence)
            .fold(deadline.max(delivery), NaiveDate::max),
    )
}

/// The `eta` of every planned feature in scope that has no `work` to pull it
/// forward and is due after the deadline (F004): the deal waits for them.
pub fn roadmap_etas<'a>(
    catalog: &'a Catalog,
    deal: &'a Deal,
    scope: &'a [ScopeEntry],
) -> impl Iterator<Item = NaiveDate> + 'a {
    scope
        .iter()
        .filter_map(move |e| catalog.feature_at(e.feature).roadmap_wait(deal.deadline))
}

/// Signed deals named when a late deal's teams are held by them.
const HOLDERS_NAMED: usize = 3;

/// S001 when delivery is after the deadline (or not within 10 years); it
/// names the signed deals holding most of the deal's teams before its
/// deadline.
fn late(
    catalog: &Catalog,
    deal: &Deal,
    s: &ScheduleSection,
    promise: Option<NaiveDate>,
    holdings: Option<&crate::scheduler::Holdings>,
) -> Option<Gap> {
    if !s.is_late(deal.deadline) {
        return None;
    }
    let teams: Vec<usize> = s
        .teams
        .iter()
        .filter_map(|t| catalog.team(&t.team).map(|id| id.index()))
        .collect();
    let held_by = holdings
        .map(|h| h.most(&teams, s.start, deal.deadline, HOLDERS_NAMED))
        .unwrap_or_default()
        .into_iter()
        .map(|(id, person_days)| crate::gap::Holder {
            id,
            person_days: round2(person_days),
        })
        .collect();
    let kind = GapKind::LateDelivery(Late {
        deadline: deal.deadline,
        delivery: s.delivery,
        slack_working_days: s.slack_working_days,
        shortfall_person_days: s.shortfall_person_days,
        overtime_hours: s.overtime_hours,
        start: s.start,
        promise,
        held_by,
    });
    Some(Gap::new(kind).at(&deal.deadline_location))
}

/// S003 when the on-time probability is below the catalog's confidence.
fn low_confidence(
    catalog: &Catalog,
    deal: &Deal,
    s: &ScheduleSection,
    promise: Option<NaiveDate>,
) -> Option<Gap> {
    let p = s.on_time_probability?;
    if p >= catalog.confidence {
        return None;
    }
    let kind = GapKind::LowConfidence(LowConfidence {
        on_time_probability: p,
        confidence: catalog.confidence,
        p50: s.p50,
        p85: s.p85,
        p95: s.p95,
        deadline: deal.deadline,
        trials: s.trials,
        promise,
    });
    Some(Gap::new(kind).at(&deal.deadline_location))
}

/// S004 and S005: custom work naming a team or predecessor that is not there.
fn custom_references(catalog: &Prepared, deal: &Deal, scope: &[ScopeEntry]) -> Vec<Gap> {
    // Every name an `after` may use, sorted and searched (no hashing of the
    // deal's text); built only when some custom item has an `after`.
    let mut names: Vec<&str> = Vec::new();
    if deal.custom.iter().any(|c| !c.after.is_empty()) {
        names.extend(deal.features.iter().map(|f| f.id.as_str()));
        names.extend(
            scope
                .iter()
                .map(|e| catalog.feature_at(e.feature).id.as_str()),
        );
        names.extend(deal.custom.iter().map(|c| c.name.as_str()));
        names.sort_unstable();
    }
    let mut gaps = Vec::new();
    for work in &deal.custom {
        if catalog.team(&work.team.id).is_none() {
            gaps.push(unknown_team(catalog, work));
        }
        for after in &work.after {
            if names.binary_search(&after.id.as_str()).is_err() {
                gaps.push(unknown_dependency(deal, work, after));
            }
        }
    }
    gaps
}

fn unknown_team(catalog: &Prepared, work: &CustomWork) -> Gap {
    Gap::new(GapKind::UnknownTeam(UnknownTeam {
        custom: work.name.clone(),
        team: work.team.id.clone(),
        nearest: catalog.nearest_team(&work.team.id).map(str::to_string),
        teams: catalog.teams.iter().map(|t| t.id.clone()).collect(),
    }))
    .at(&work.team.location)
}

fn unknown_dependency(deal: &Deal, work: &CustomWork, after: &Named) -> Gap {
    let candidates = deal
        .features
        .iter()
        .map(|f| f.id.as_str())
        .chain(deal.custom.iter().map(|c| c.name.as_str()));
    Gap::new(GapKind::UnknownDependency(UnknownDependency {
        custom: work.name.clone(),
        after: after.id.clone(),
        nearest: crate::suggest::nearest(&after.id, candidates).map(str::to_string),
    }))
    .at(&after.location)
}
