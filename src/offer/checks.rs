//! The checks one offer makes, each schedule worked out once.
//!
//! An offer checks many versions of one deal (the deal as asked, the
//! deliverable scope, every head the `on_date` walk tries, two per
//! variant), and most rules read only part of a check: the walk and the
//! `complete` date only the schedule's and the features' gaps, the cost
//! of yes only the schedule, the availability rule only the availability
//! gaps. The schedule (with its Monte Carlo) is nearly all of a check's
//! cost and depends only on the features, custom items and deadline kept:
//! never on the promise or the requirements a variant edits. So it is
//! computed once per such scope and reused, and each rule computes only
//! the parts it reads. [`Checks::full`] gives what
//! [`crate::check::check_deal_with`] gives (a test holds the two equal).

use super::decisions::Cause;
use super::edit::Edits;
use crate::check::schedule::ScheduleSection;
use crate::check::scope::{ScopeEntry, resolve};
use crate::check::{
    Capacity, CheckOptions, DealCheck, Prepared, availability, check_schedule, finish_check,
    sort_gaps,
};
use crate::gap::{Gap, GapCode, suppress};
use crate::model::Deal;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Whether a schedule runs the Monte Carlo (when the run has trials).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The deterministic schedule only.
    Deterministic,
    /// With the run's Monte Carlo trials.
    Simulated,
}

/// What of a check depends on the schedule: the features' and the
/// schedule's gaps (in `check`'s order, not yet suppressed), the schedule
/// section, and each team's person-days open at the deadline.
#[derive(Debug)]
pub struct Scheduled {
    gaps: Vec<Gap>,
    pub schedule: Option<ScheduleSection>,
    pub open: Vec<(usize, f64)>,
    /// Read off the simulated check of the same scope
    /// ([`Scheduled::deterministic`]): its gaps' codes are the
    /// deterministic check's, S001's suggested date is not.
    read_off: bool,
}

impl Scheduled {
    /// The features' and the schedule's gaps as `check` reports them (one
    /// hides another only within those areas).
    pub fn gaps(&self) -> Vec<Gap> {
        debug_assert!(!self.read_off, "a read-off check knows codes only");
        let mut gaps = self.gaps.clone();
        suppress(&mut gaps);
        gaps
    }

    /// Why this scope misses its deadline, if it does (the most pressing
    /// cause; hidden gaps never change which is most pressing).
    pub fn cause(&self) -> Option<Cause> {
        Cause::first(self.gaps.iter().map(Gap::code))
    }

    /// True when no effort of the scope has a three-point estimate: then
    /// `check` runs no Monte Carlo.
    fn certain(&self) -> bool {
        (self.schedule.iter())
            .flat_map(|s| &s.items)
            .all(|i| i.estimate.is_none())
    }

    /// This deterministic check of a certain scope as the simulated check
    /// with a cap of `trials` finds it: the same, but for the cap.
    fn simulated(&self, trials: u32) -> Scheduled {
        Scheduled {
            gaps: self.gaps.clone(),
            schedule: (self.schedule.clone()).map(|s| ScheduleSection {
                trials_cap: trials,
                ..s
            }),
            open: self.open.clone(),
            read_off: false,
        }
    }

    /// What the deterministic check of this (simulated) check's scope
    /// finds, without scheduling it again: the deterministic schedule is
    /// the one the simulated check made, and the Monte Carlo adds only
    /// S003 and its own figures. What callers of a deterministic check
    /// read (the causes, the schedule's days and shortfall, the open
    /// person-days) is then the same.
    fn deterministic(&self) -> Scheduled {
        let schedule = self.schedule.clone().map(|s| ScheduleSection {
            on_time_probability: None,
            p50: None,
            p85: None,
            p95: None,
            trials: 0,
            trials_cap: 0,
            ..s
        });
        Scheduled {
            gaps: (self.gaps.iter())
                .filter(|g| g.code() != GapCode::S003)
                .cloned()
                .collect(),
            schedule,
            open: self.open.clone(),
            read_off: true,
        }
    }
}

/// The scope a schedule depends on: kept features, kept custom items,
/// deadline, mode.
type Key = (Vec<usize>, Vec<usize>, NaiveDate, Mode);

/// The checks of one deal's offer.
pub struct Checks<'a> {
    pub catalog: &'a Prepared,
    pub deal: &'a Deal,
    pub options: &'a CheckOptions,
    pub capacity: Capacity<'a>,
    schedules: RefCell<HashMap<Key, Rc<Scheduled>>>,
}

impl<'a> Checks<'a> {
    pub fn new(
        catalog: &'a Prepared,
        deal: &'a Deal,
        options: &'a CheckOptions,
        capacity: Capacity<'a>,
    ) -> Checks<'a> {
        Checks {
            catalog,
            deal,
            options,
            capacity,
            schedules: RefCell::new(HashMap::new()),
        }
    }

    /// The schedule part of checking the deal with `edits`; `model` is
    /// `edits` applied, when the caller has it.
    pub fn scheduled(&self, edits: &Edits, model: Option<&Deal>, mode: Mode) -> Rc<Scheduled> {
        let mode = if self.options.trials == 0 {
            Mode::Deterministic
        } else {
            mode
        };
        let key = (
            edits.features.clone(),
            edits.custom.clone(),
            edits.deadline,
            mode,
        );
        if let Some(done) = self.schedules.borrow().get(&key) {
            return Rc::clone(done);
        }
        if let Some(other) = self.other_mode(&key) {
            let done = Rc::new(other);
            self.schedules.borrow_mut().insert(key, Rc::clone(&done));
            return done;
        }
        let applied;
        let model = match model {
            Some(m) => m,
            None => {
                applied = edits.apply(self.deal);
                &applied
            }
        };
        let scope = resolve(self.catalog, model);
        let done = Rc::new(self.schedule_of(model, &scope, mode));
        self.schedules.borrow_mut().insert(key, Rc::clone(&done));
        done
    }

    /// A check of the scope `edits` keeps made already, in either mode
    /// (the deterministic days are the same in both).
    pub fn known(&self, edits: &Edits) -> Option<Rc<Scheduled>> {
        let schedules = self.schedules.borrow();
        [Mode::Deterministic, Mode::Simulated]
            .into_iter()
            .find_map(|mode| {
                let key = (
                    edits.features.clone(),
                    edits.custom.clone(),
                    edits.deadline,
                    mode,
                );
                schedules.get(&key).cloned()
            })
    }

    /// The check `key` asks for, read off the same scope's check in the
    /// other mode when that is known and tells it: a deterministic check
    /// off a simulated one ([`Scheduled::deterministic`]); a simulated
    /// check off a deterministic one whose efforts are all certain (no
    /// three-point estimate), where `check` runs no Monte Carlo and finds
    /// the same, only its cap on trials differs.
    fn other_mode(&self, key: &Key) -> Option<Scheduled> {
        let schedules = self.schedules.borrow();
        match key.3 {
            Mode::Deterministic => {
                let simulated = (key.0.clone(), key.1.clone(), key.2, Mode::Simulated);
                schedules.get(&simulated).map(|s| s.deterministic())
            }
            Mode::Simulated => {
                let deterministic = (key.0.clone(), key.1.clone(), key.2, Mode::Deterministic);
                let known = schedules.get(&deterministic)?;
                (!known.read_off && known.certain()).then(|| known.simulated(self.options.trials))
            }
        }
    }

    fn schedule_of(&self, model: &Deal, scope: &[ScopeEntry], mode: Mode) -> Scheduled {
        let deterministic;
        let options = match mode {
            Mode::Simulated => self.options,
            Mode::Deterministic => {
                deterministic = self.options.deterministic();
                &deterministic
            }
        };
        let (gaps, schedule, open) =
            check_schedule(self.catalog, model, scope, options, self.capacity);
        Scheduled {
            gaps,
            schedule,
            open,
            read_off: false,
        }
    }

    /// The whole check of `model` (`edits` applied), with the run's
    /// trials: what [`crate::check::check_deal_with`] gives.
    pub fn full(&self, edits: &Edits, model: &Deal) -> DealCheck {
        let scheduled = self.scheduled(edits, Some(model), Mode::Simulated);
        debug_assert!(!scheduled.read_off, "never asked for a simulated check");
        let scope = resolve(self.catalog, model);
        let (gaps, schedule) = (scheduled.gaps.clone(), scheduled.schedule.clone());
        finish_check(self.catalog, model, &scope, self.options, gaps, schedule)
    }

    /// The availability gaps `check` gives `model`, in its order: all the
    /// availability rule reads of a check.
    pub fn availability_gaps(&self, model: &Deal) -> Vec<Gap> {
        let scope = resolve(self.catalog, model);
        let (mut gaps, _) = availability::check(self.catalog, model, &scope);
        suppress(&mut gaps);
        sort_gaps(&mut gaps);
        gaps
    }
}
