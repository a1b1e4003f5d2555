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
use crate::gap::{Gap, suppress};
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
}

impl Scheduled {
    /// The features' and the schedule's gaps as `check` reports them (one
    /// hides another only within those areas).
    pub fn gaps(&self) -> Vec<Gap> {
        let mut gaps = self.gaps.clone();
        suppress(&mut gaps);
        gaps
    }

    /// Why this scope misses its deadline, if it does (the most pressing
    /// cause; hidden gaps never change which is most pressing).
    pub fn cause(&self) -> Option<Cause> {
        Cause::first(self.gaps.iter().map(Gap::code))
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
        }
    }

    /// The whole check of `model` (`edits` applied), with the run's
    /// trials: what [`crate::check::check_deal_with`] gives.
    pub fn full(&self, edits: &Edits, model: &Deal) -> DealCheck {
        let scheduled = self.scheduled(edits, Some(model), Mode::Simulated);
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
