//! The heads of one run of the `on_date` walk, judged from one schedule.
//!
//! The walk asks of one run of items, again and again, whether the kept
//! set plus a head of the run misses the deadline ([`super::phasing`]).
//! Each such question was a schedule of its own. But the schedule hands
//! capacity out in deal order: an item listed later only ever gets what
//! the items before it leave, so it never moves their days. When a head's
//! work items are the first work items of the kept set plus the *whole*
//! run, each finishes on the day it finishes in the whole run's schedule,
//! and the head is late exactly when one of them finishes after the
//! deadline (or not at all). So the whole run is scheduled once (its days
//! only, not a whole check) and every head, the whole run too, is read
//! off it: its work items are worked out and compared, its feature gaps
//! found as `check` finds them, and only a head that fits still gets its
//! Monte Carlo (S003), when it has an uncertain effort to draw. A head
//! whose work items are not a prefix (a feature it keeps requires one the
//! run lists later, so the order of work differs) is scheduled on its own,
//! as before.
//!
//! Days are the same up to the engine's float residue: the whole run
//! takes some of a head's days in other bulks than the head alone, sums
//! that agree to about 1e-11 person-days, far inside the 1e-9 share of an
//! item's effort within which it counts as done.

use super::checks::{Checks, Mode};
use super::decisions::Cause;
use super::edit::Edits;
use crate::check::features;
use crate::check::schedule::{work_estimates, work_plan};
use crate::check::scope::resolve;
use crate::check::work_start;
use crate::gap::{Gap, GapCode};
use crate::montecarlo::Estimate;
use crate::scheduler::{Plan, WorkItem, schedule_to_judge};
use chrono::NaiveDate;
use std::cell::OnceCell;

/// Which items a run is of: features (no custom items kept yet) or
/// custom items (the features already settled).
#[derive(Debug, Clone, Copy)]
pub(super) enum Items {
    Features,
    Custom,
}

/// One run of the walk: the kept set and the items judged after it.
pub(super) struct Heads<'a, 'c> {
    checks: &'a Checks<'c>,
    features: &'a [usize],
    custom: &'a [usize],
    items: Items,
    run: &'a [usize],
    /// The whole run's schedule, once some head asks.
    whole: OnceCell<Option<Whole>>,
}

/// The deterministic schedule of the kept set plus the whole run.
struct Whole {
    plan: Vec<WorkItem>,
    finish: Vec<Option<NaiveDate>>,
}

impl<'a, 'c> Heads<'a, 'c> {
    /// The run `run` after the kept `features` and `custom`.
    pub(super) fn new(
        checks: &'a Checks<'c>,
        features: &'a [usize],
        custom: &'a [usize],
        items: Items,
        run: &'a [usize],
    ) -> Heads<'a, 'c> {
        Heads {
            checks,
            features,
            custom,
            items,
            run,
            whole: OnceCell::new(),
        }
    }

    /// The edits that keep the kept set and `head`.
    fn with(&self, head: &[usize]) -> Edits {
        let (features, custom) = match self.items {
            Items::Features => (
                self.features.iter().chain(head).copied().collect(),
                Vec::new(),
            ),
            Items::Custom => (
                self.features.to_vec(),
                self.custom.iter().chain(head).copied().collect(),
            ),
        };
        Edits {
            features,
            custom,
            ..Edits::none(self.checks.deal)
        }
    }

    /// Why the kept set with `head` (a head of the run) misses the
    /// deadline, if it does: the deterministic schedule first, the Monte
    /// Carlo only when that fits and some effort is uncertain (without a
    /// three-point estimate `check` runs none, and finds what the
    /// deterministic check finds).
    pub(super) fn misses(&self, head: &[usize]) -> Option<Cause> {
        let edits = self.with(head);
        let judge = |mode| self.checks.scheduled(&edits, None, mode).cause();
        let (deterministic, certain) = match self.read_off(&edits) {
            Some(answer) => answer,
            None => (judge(Mode::Deterministic), false),
        };
        deterministic.or_else(|| {
            (self.checks.options.trials > 0 && !certain)
                .then(|| judge(Mode::Simulated))
                .flatten()
        })
    }

    /// The deterministic answer for `edits` (a head) read off the whole
    /// run's schedule, and whether every effort of the head is certain;
    /// `None` when its work is not a prefix of the run's.
    fn read_off(&self, edits: &Edits) -> Option<(Option<Cause>, bool)> {
        let whole = self.whole.get_or_init(|| self.whole()).as_ref()?;
        let (catalog, deal) = (self.checks.catalog, self.checks.deal);
        let model = edits.apply(deal);
        let (plan, estimates) = work_estimates(catalog, &model);
        if whole.plan.get(..plan.len()) != Some(&plan[..]) {
            return None;
        }
        let late = whole.finish[..plan.len()]
            .iter()
            .any(|f| f.is_none_or(|d| d > deal.deadline));
        let scope = resolve(catalog, &model);
        let codes = features::check(catalog, &model, &scope);
        let codes = codes.iter().map(Gap::code);
        let cause = Cause::first(codes.chain(late.then_some(GapCode::S001)));
        let certain = (estimates.iter()).all(|e| matches!(e, Estimate::Fixed(_)));
        Some((cause, certain))
    }

    /// The whole run's schedule: `None` when the deadline is before work
    /// can start (the schedule's other causes; the walk never asks then).
    /// Read off a check of the same scope when one was made (the first
    /// run's is the deliverable scope's), else the schedule alone: the
    /// days are all the walk reads, and the rest of a check (its items'
    /// names, the teams' loads, the gaps' texts) cost as much again.
    fn whole(&self) -> Option<Whole> {
        let (checks, deal) = (self.checks, self.checks.deal);
        let start = work_start(deal, checks.options.as_of);
        if deal.deadline < start {
            return None;
        }
        let edits = self.with(self.run);
        let plan = work_plan(checks.catalog, &edits.apply(deal));
        let finish: Vec<Option<NaiveDate>> = match checks.known(&edits) {
            Some(known) => (known.schedule.as_ref()?.items.iter())
                .map(|i| i.finish)
                .collect(),
            None => {
                let calendars = checks.catalog.calendars();
                let whole = Plan {
                    calendar: &calendars.work,
                    teams: &calendars.teams,
                    items: &plan,
                    start,
                    deadline: deal.deadline,
                    booked: checks.capacity.booked,
                    grids: Some(checks.capacity.grids),
                };
                // As `check` schedules it: the book's schedule of this
                // very plan when it has one.
                let judged = checks.capacity.judged.and_then(|j| j.schedule_of(&whole));
                let items = match judged {
                    Some(known) => known.items.clone(),
                    None => schedule_to_judge(&whole).items,
                };
                items.iter().map(|i| i.finish).collect()
            }
        };
        (finish.len() == plan.len()).then_some(Whole { plan, finish })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Capacity, CheckOptions, Prepared};
    use crate::load::{SourceFile, parse_catalog, parse_deal};
    use crate::testing::d;

    const CATALOG: &str = r#"
[catalog]
name = "Heads"
timezone = "Europe/Berlin"
business_hours = "mon-fri 08:00-18:00"

[[feature]]
id = "a"
status = "ga"
setup = { team = "eng", days = 3 }

[[feature]]
id = "b"
status = "ga"
setup = { team = "eng", days = 1 }
requires = ["d"]

[[feature]]
id = "c"
status = "ga"
setup = { team = "ops", days = 2 }

[[feature]]
id = "p"
status = "planned"
eta = 2027-03-01

[[feature]]
id = "d"
status = "ga"
setup = { team = "eng", days = 1 }

[[feature]]
id = "e"
status = "ga"
setup = { team = "eng", days = 2 }

[[feature]]
id = "f"
status = "ga"
setup = { team = "eng", days = 2 }

[[team]]
id = "eng"
people = 1

[[team]]
id = "ops"
people = 1
"#;

    const DEAL: &str = r#"
[deal]
id = "H-1"
customer = "Heads"
start = 2027-01-04
deadline = 2027-01-08
features = ["a", "p", "e", "f", "b", "c", "d"]
"#;

    /// Every head of every run, from every kept set of a deal where items
    /// fit, miss for the teams (S001) and for the roadmap (F004), and where
    /// `b` requires `d`, listed later: read off the whole run's schedule,
    /// each head gets the answer its own schedule gives; a head whose work
    /// is not a prefix of the run's (kept `b` pulls `d` forward) is not
    /// read off.
    #[test]
    fn a_head_read_off_the_whole_run_is_judged_as_on_its_own() {
        let source = |path: &str, text: &str| SourceFile {
            path: path.into(),
            text: text.into(),
        };
        let catalog = Prepared::new(parse_catalog(&source("c.toml", CATALOG)).expect("catalog"));
        let deal = parse_deal(&source("d.toml", DEAL), &catalog).expect("deal");
        let options = CheckOptions::new(d(2027, 1, 1)).deterministic();
        let checks = Checks::new(&catalog, &deal, &options, Capacity::of(&catalog));
        let all: Vec<usize> = (0..deal.features.len()).collect();
        let (mut read, mut not_read) = (0, 0);
        let mut answers = Vec::new();
        for split in 0..=all.len() {
            for skip in 0..=split {
                // Kept: the items before `split` but `skip`; the run: the rest.
                let kept: Vec<usize> = all[..split]
                    .iter()
                    .filter(|&&i| i != skip)
                    .copied()
                    .collect();
                let run = &all[split..];
                let heads = Heads::new(&checks, &kept, &[], Items::Features, run);
                for len in 0..=run.len() {
                    let edits = heads.with(&run[..len]);
                    let own = checks.scheduled(&edits, None, Mode::Deterministic).cause();
                    match heads.read_off(&edits).map(|(cause, _)| cause) {
                        Some(answer) => {
                            read += 1;
                            answers.push(answer);
                            assert_eq!(answer, own, "kept {kept:?}, head {:?}", &run[..len]);
                        }
                        None => not_read += 1,
                    }
                }
            }
        }
        assert!(
            read >= 10 && not_read > 0,
            "read {read}, not read {not_read}"
        );
        for cause in [None, Some(Cause::Late), Some(Cause::Roadmap)] {
            assert!(answers.contains(&cause), "{cause:?} in {answers:?}");
        }
    }
}
