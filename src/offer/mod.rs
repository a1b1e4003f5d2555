//! `dealcheck offer`: what operations can sign instead of a deal as asked.
//!
//! One module per rule (docs/reference.md, "The offer"), applied in order: [`scope`] (what
//! neither variant can include), [`deadline`] (the `complete` deadline),
//! [`phasing`] (the `on_date` scope), [`availability`] and
//! [`requirements`]. A variant is a set of [`edit::Edits`] of the asked
//! deal: applied to the model value it is checked with
//! [`crate::check::check_deal_with`]; applied to the file by [`toml`] it is
//! the deal file `--format toml` writes. Offers are made from typed gaps and
//! model values only; no message is ever parsed.

pub mod availability;
pub mod checks;
pub mod deadline;
pub mod decisions;
pub mod edit;
mod heads;
pub mod phasing;
pub mod render;
pub mod requirements;
pub mod scope;
pub mod toml;

#[cfg(test)]
mod tests;

use crate::check::{Capacity, CheckOptions, Prepared};
use crate::gap::{GapCode, Severity, Verdict};
use crate::model::Deal;
use crate::report::{CatalogRef, FileError, Tool};
use checks::{Checks, Mode};
use chrono::NaiveDate;
use edit::Edits;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The counter-offer for one deal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Offer {
    pub path: String,
    pub id: String,
    pub customer: String,
    /// The verdict of `check` on the deal as asked.
    pub asked_verdict: Verdict,
    /// The deadline kept, what cannot be done by then in `phase_2`; null
    /// when the deadline is before work can start.
    pub on_date: Option<Variant>,
    /// Every deliverable item kept, the deadline moved.
    pub complete: Variant,
    /// What the variants change, with the gap code that caused it.
    pub changes: Vec<Change>,
    /// What neither variant can include.
    pub dropped: Vec<Dropped>,
    /// Better tiers that need features the deal lacks.
    pub alternatives: Vec<Alternative>,
    pub cost_of_yes: CostOfYes,
}

/// One variant: a deal `check` finds free of errors.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Variant {
    pub deadline: NaiveDate,
    /// Listed feature ids kept, in deal order.
    pub features: Vec<String>,
    /// Names of the custom items kept.
    pub custom: Vec<String>,
    /// Null when the deal promises none, or no tier can be sold to it.
    pub availability: Option<OfferedAvailability>,
    /// The `[requirements]` of the variant (numbers, texts or lists).
    pub requirements: BTreeMap<String, serde_json::Value>,
    /// The verdict of `check` on the variant: never `infeasible`.
    pub verdict: Verdict,
    #[serde(serialize_with = "crate::figures::ser_probability_opt")]
    pub on_time_probability: Option<f64>,
    /// What moves to a second phase (only `on_date` has any).
    pub phase_2: Vec<Phase2>,
    /// Warnings `check` still gives the variant (beta, roadmap, ...).
    pub warnings: Vec<Remaining>,
    #[serde(skip)]
    #[schemars(skip)]
    pub edits: Edits,
}

/// The availability a variant promises.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct OfferedAvailability {
    /// Percent, e.g. 99.9.
    pub target: f64,
    pub window: String,
    /// e.g. `"1h"`; null for none.
    pub support_response: Option<String>,
    /// The tier that backs the promise.
    pub tier: String,
}

/// Something moved to a second phase of the `on_date` variant.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Phase2 {
    pub kind: Phase2Kind,
    /// Feature id or custom item name.
    pub id: String,
    /// When it can be delivered: the `complete` deadline.
    pub date: NaiveDate,
    pub code: String,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Phase2Kind {
    Feature,
    Custom,
}

impl Phase2 {
    pub fn feature(id: &str, date: NaiveDate, code: GapCode, why: String) -> Phase2 {
        Phase2 {
            kind: Phase2Kind::Feature,
            id: id.to_string(),
            date,
            code: code.code().to_string(),
            why,
        }
    }
    pub fn custom(name: &str, date: NaiveDate, code: GapCode, why: String) -> Phase2 {
        Phase2 {
            kind: Phase2Kind::Custom,
            ..Phase2::feature(name, date, code, why)
        }
    }
}

/// A value the offer changes.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Change {
    pub code: String,
    /// Dotted path into the deal, like the gaps' `subject`.
    pub subject: String,
    pub asked: String,
    /// Null when the value is removed.
    pub offered: Option<String>,
    pub why: String,
    /// `on_date` or `complete` when only one variant changes it; null for both.
    pub variant: Option<String>,
}

impl Change {
    pub fn new(
        code: GapCode,
        subject: impl Into<String>,
        asked: impl Into<String>,
        offered: Option<String>,
        why: impl Into<String>,
    ) -> Change {
        Change {
            code: code.code().to_string(),
            subject: subject.into(),
            asked: asked.into(),
            offered,
            why: why.into(),
            variant: None,
        }
    }
}

/// Something neither variant can include.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Dropped {
    pub code: String,
    /// `features.ID` or `custom.NAME`.
    pub subject: String,
    pub why: String,
}

/// A better tier, had the deal the features it needs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Alternative {
    pub add_features: Vec<String>,
    pub tier: String,
    /// Percent.
    pub target: f64,
    pub window: String,
    pub support_response: Option<String>,
}

/// A warning `check` still gives a variant.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Remaining {
    pub code: String,
    pub name: String,
    pub subject: String,
    pub message: String,
}

/// What signing the deal as asked would cost operations.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CostOfYes {
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub overtime_hours: f64,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub shortfall_person_days: f64,
    /// Teams with work still open at the deadline.
    pub teams: Vec<TeamCost>,
    /// Subjects no amount of overtime buys.
    pub impossible: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TeamCost {
    pub team: String,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub shortfall_person_days: f64,
    #[serde(serialize_with = "crate::figures::ser_amount")]
    pub overtime_hours: f64,
}

/// The JSON document of `dealcheck offer --format json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OfferReport {
    pub schema_version: u32,
    pub tool: Tool,
    pub as_of: NaiveDate,
    pub catalog: Option<CatalogRef>,
    pub offers: Vec<Offer>,
    /// Files that could not be judged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FileError>,
}

/// The offer for one deal, made in `capacity` (what the book leaves).
///
/// Its cost is a bounded number of checks of the deal (the asked deal, the
/// deliverable scope, the `complete` date, two per variant, the cost of
/// yes) plus the `on_date` walk, which costs one check when the scope fits
/// and a few per item it moves out ([`phasing`]). All go through one
/// [`Checks`]: a scope's schedule is worked out once however many rules
/// ask about it, and each rule works out only the parts of a check it
/// reads. The Monte Carlo keeps each plan's trials for the offer's
/// length ([`crate::montecarlo::keeping`]): the `complete` variant is the
/// scope the `complete` date was read off, at that date, and reuses its
/// trials.
pub fn offer(
    catalog: &Prepared,
    deal: &Deal,
    options: &CheckOptions,
    capacity: Capacity<'_>,
) -> Offer {
    crate::montecarlo::keeping(|| make_offer(catalog, deal, options, capacity))
}

fn make_offer(
    catalog: &Prepared,
    deal: &Deal,
    options: &CheckOptions,
    capacity: Capacity<'_>,
) -> Offer {
    let checks = Checks::new(catalog, deal, options, capacity);
    let asked = checks.full(&Edits::none(deal), deal);
    let error_free = asked.verdict != Verdict::Infeasible;
    // Unchanged means free of errors and on time with the confidence: a
    // deal only at risk by S003 gets a real `on_date` and a later `complete`.
    let unchanged = error_free
        && !asked
            .gaps
            .iter()
            .any(|g| decisions::Cause::of(g.code()) == Some(decisions::Cause::Uncertain));
    let deliverable = scope::deliverable(&checks);
    let complete_date = deadline::complete(&checks, &deliverable);
    let (requirement_edits, mut changes) = if error_free {
        (
            vec![edit::RequirementEdit::Keep; deal.requirements.len()],
            Vec::new(),
        )
    } else {
        requirements::edits(catalog, deal)
    };
    let base = |features: Vec<usize>, custom: Vec<usize>, deadline| Edits {
        deadline,
        features,
        custom,
        requirements: requirement_edits.clone(),
        ..Edits::none(deal)
    };
    let complete_edits = base(
        deliverable.features.clone(),
        deliverable.custom.clone(),
        complete_date,
    );
    let on_date = if unchanged {
        Some((Edits::none(deal), Vec::new()))
    } else {
        phasing::on_date(&checks, &deliverable, complete_date)
            .map(|o| (base(o.features, o.custom, deal.deadline), o.phase_2))
    };
    let on_date = on_date.map(|(edits, phase_2)| {
        let (v, avail) = variant(&checks, edits, !unchanged);
        (v.with_phase_2(phase_2), avail)
    });
    let (complete, complete_avail) = variant(&checks, complete_edits, !unchanged);
    if complete.deadline != deal.deadline {
        let mut c = Change::new(
            deadline_code(&asked.gaps),
            "deal.deadline",
            deal.deadline.to_string(),
            Some(complete.deadline.to_string()),
            "the earliest date everything that can be delivered is done, with the catalog's confidence",
        );
        c.variant = Some("complete".into());
        changes.push(c);
    }
    match &on_date {
        Some((_, a)) if a.changes != complete_avail.changes => {
            changes.extend(tagged(&a.changes, "on_date"));
            changes.extend(tagged(&complete_avail.changes, "complete"));
        }
        _ => changes.extend(complete_avail.changes.iter().cloned()),
    }
    // Alternatives per variant: a better tier the `on_date` scope lost is
    // offered to it too; each alternative once.
    let mut alternatives: Vec<Alternative> = Vec::new();
    let on_date_alternatives = on_date.iter().flat_map(|(_, a)| &a.alternatives);
    for a in on_date_alternatives.chain(&complete_avail.alternatives) {
        if !alternatives.contains(a) {
            alternatives.push(a.clone());
        }
    }
    let cost_of_yes = cost_of_yes(&checks, &asked, &deliverable);
    Offer {
        path: deal.path.display().to_string(),
        id: deal.id.clone(),
        customer: deal.customer.clone(),
        asked_verdict: asked.verdict,
        on_date: on_date.map(|(v, _)| v),
        complete,
        changes,
        dropped: deliverable.dropped,
        alternatives,
        cost_of_yes,
    }
}

fn tagged<'a>(changes: &'a [Change], variant: &'a str) -> impl Iterator<Item = Change> + 'a {
    changes.iter().map(move |c| Change {
        variant: Some(variant.to_string()),
        ..c.clone()
    })
}

/// The code that moved the deadline: the most pressing cause among the
/// gaps of the deal as asked (S001 when none names one).
fn deadline_code(gaps: &[crate::gap::Gap]) -> GapCode {
    decisions::Cause::first(gaps.iter().map(|g| g.code()))
        .map_or(GapCode::S001, decisions::Cause::code)
}

impl Variant {
    fn with_phase_2(mut self, phase_2: Vec<Phase2>) -> Variant {
        self.phase_2 = phase_2;
        self
    }
}

/// Availability settled and the variant checked. A `complete` variant that
/// is still late (a schedule anomaly) moves its deadline again, at most a
/// few times.
fn variant(
    checks: &Checks,
    mut edits: Edits,
    settle: bool,
) -> (Variant, availability::AvailabilityOffer) {
    let (catalog, deal) = (checks.catalog, checks.deal);
    let moving = edits.deadline != deal.deadline;
    let mut attempt = 0;
    loop {
        let avail = if settle {
            // What `check` says about the variant's scope before the
            // promise changes: the codes the changes carry.
            let scoped = Edits {
                availability: edit::AvailabilityEdit::Keep,
                ..edits.clone()
            }
            .apply(deal);
            let before = checks.availability_gaps(&scoped);
            availability::offer(catalog, deal, &scoped, decisions::Before(&before))
        } else {
            availability::offer(catalog, deal, deal, decisions::Before(&[]))
        };
        if settle {
            edits.availability = avail.edit.clone();
        }
        let model = edits.apply(deal);
        let check = checks.full(&edits, &model);
        let later = deadline::later_of(edits.deadline, check.gaps.iter().map(|g| g.kind()));
        if moving && later > edits.deadline && attempt < 3 {
            attempt += 1;
            edits.deadline = later;
            continue;
        }
        let v = Variant {
            deadline: model.deadline,
            features: model.features.iter().map(|f| f.id.clone()).collect(),
            custom: model.custom.iter().map(|c| c.name.clone()).collect(),
            availability: if settle { avail.offered.clone() } else { None }
                .or_else(|| as_asked(&model, &check)),
            requirements: model
                .requirements
                .iter()
                .map(|r| (r.key.clone(), requirement_json(r)))
                .collect(),
            verdict: check.verdict,
            on_time_probability: check.schedule.as_ref().and_then(|s| s.on_time_probability),
            phase_2: Vec::new(),
            warnings: check
                .gaps
                .iter()
                .filter(|g| g.severity() == Severity::Warning)
                .map(|g| Remaining {
                    code: g.code().code().to_string(),
                    name: g.code().name().to_string(),
                    subject: g.subject().to_string(),
                    message: g.message().to_string(),
                })
                .collect(),
            edits: edits.clone(),
        };
        return (v, avail);
    }
}

/// The promise of a deal offered unchanged, with the tier `check` chose.
fn as_asked(deal: &Deal, check: &crate::check::DealCheck) -> Option<OfferedAvailability> {
    let p = deal.availability.as_ref()?;
    let tier = check.availability.as_ref()?.offered.as_ref()?.tier.clone();
    Some(OfferedAvailability {
        target: crate::figures::percent(p.target),
        window: p.window.to_string(),
        support_response: p.support_response.map(crate::figures::duration_text),
        tier,
    })
}

/// A requirement as JSON, of the type it was written with: a list stays a
/// list (`["eu"]`), one value stays one value (`"eu"`, `5000`).
fn requirement_json(r: &crate::model::Requirement) -> serde_json::Value {
    use crate::model::{RequirementValue, Scalar};
    let scalar = |s: &Scalar| match s {
        Scalar::Text(t) => serde_json::Value::from(t.clone()),
        Scalar::Number(n) => serde_json::Value::from(*n),
    };
    match &r.value {
        RequirementValue::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => {
            serde_json::Value::from(*n as i64)
        }
        RequirementValue::Number(n) => serde_json::Value::from(*n),
        RequirementValue::Values(values) if values.len() == 1 && !r.list => scalar(&values[0]),
        RequirementValue::Values(values) => values.iter().map(scalar).collect(),
    }
}

/// What signing the deal as asked costs: overtime and open person-days
/// per team at the asked deadline (as S001 reports them) for the work
/// overtime can buy, that is the deliverable scope (work no team can ever
/// do, such as a team without people, is impossible, not overtime); and
/// what no overtime buys: the subjects of `check`'s errors on the deal as
/// asked other than S001, and what rule 1 drops. Never what only one
/// variant lost.
fn cost_of_yes(
    checks: &Checks,
    asked: &crate::check::DealCheck,
    deliverable: &scope::Deliverable,
) -> CostOfYes {
    let deal = checks.deal;
    let buyable = Edits {
        features: deliverable.features.clone(),
        custom: deliverable.custom.clone(),
        ..Edits::none(deal)
    };
    let check = checks.scheduled(&buyable, None, Mode::Deterministic);
    let mut teams = Vec::new();
    let late = check.schedule.as_ref().filter(|s| s.is_late(deal.deadline));
    if late.is_some() {
        teams = team_costs(checks.catalog, &check.open);
    }
    let mut impossible: Vec<String> = Vec::new();
    let errors = asked
        .gaps
        .iter()
        .filter(|g| g.severity() == Severity::Error)
        .filter(|g| decisions::Cause::of(g.code()) != Some(decisions::Cause::Late))
        .map(|g| g.subject().to_string());
    let dropped = deliverable.dropped.iter().map(|d| d.subject.clone());
    for subject in errors.chain(dropped) {
        if !impossible.contains(&subject) {
            impossible.push(subject);
        }
    }
    CostOfYes {
        overtime_hours: late.map_or(0.0, |s| s.overtime_hours),
        shortfall_person_days: late.map_or(0.0, |s| s.shortfall_person_days),
        teams,
        impossible,
    }
}

/// Each team's person-days still open at the deadline, and their hours.
fn team_costs(catalog: &Prepared, open: &[(usize, f64)]) -> Vec<TeamCost> {
    open.iter()
        .filter_map(|&(t, open)| {
            let team = catalog.teams.get(t)?;
            let open = crate::figures::amount(open);
            (open > 0.0).then(|| TeamCost {
                team: team.id.clone(),
                shortfall_person_days: open,
                overtime_hours: crate::figures::amount(open * team.hours_per_day),
            })
        })
        .collect()
}
