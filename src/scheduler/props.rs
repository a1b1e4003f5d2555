//! Monotonicity properties. They hold for items without dependencies and for
//! a single chain; with general dependencies the priority rule can invert
//! them (see `more_capacity_can_make_delivery_later_with_dependencies`), so
//! only "a later deadline changes nothing" is checked on arbitrary graphs.

use super::*;
use crate::calendar::Commitment;
use chrono::Days;
use proptest::prelude::*;
use proptest::sample::Index;
use std::collections::BTreeSet;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 4).expect("valid date") + Days::new(offset)
}

/// What a run decides: delivery, finish slots, open work at the deadline
/// and (report runs) each item's dates and the capacity used.
type Outcome = (
    Option<usize>,
    Vec<usize>,
    Vec<f64>,
    Vec<ItemOutcome>,
    Vec<Usage>,
);

/// Runs an engine and keeps what a run decides.
fn outcome(engine: &Engine, c: &Case, mode: Mode) -> Outcome {
    let efforts: Vec<f64> = c.items.iter().map(|i| i.effort).collect();
    let mut run = engine.scratch();
    let delivery = engine.run(&efforts, &mut run, mode);
    if mode == Mode::Trial {
        return (
            delivery,
            run.finish_slot,
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
    }
    let items = engine.outcomes(&run);
    (
        delivery,
        run.finish_slot.clone(),
        run.open_at_deadline.clone(),
        items,
        run.usage,
    )
}

#[derive(Debug, Clone)]
struct Case {
    cal: WorkCalendar,
    teams: Vec<TeamCalendar>,
    items: Vec<WorkItem>,
    deadline: u64,
}

impl Case {
    fn run(&self) -> Schedule {
        self.run_with(None)
    }

    /// The case's plan starting `s` days in, its deadline as far after.
    fn plan_at(&self, s: u64) -> Plan<'_> {
        Plan {
            calendar: &self.cal,
            teams: &self.teams,
            items: &self.items,
            start: day(s),
            deadline: day(s + self.deadline),
            booked: None,
            grids: None,
        }
    }

    /// The case's plan booked at each of `starts` in turn, each in what the
    /// ones before it left: the grids they leave and their schedules.
    fn booked_in_turn(&self, starts: &[u64]) -> (CapacityGrids, Vec<Schedule>) {
        let mut grids = CapacityGrids::default();
        let mut booked = Vec::new();
        for &s in starts {
            let one = schedule(&Plan {
                grids: Some(&grids),
                ..self.plan_at(s)
            });
            grids.book(&one.usage);
            booked.push(one);
        }
        (grids, booked)
    }

    fn run_with(&self, booked: Option<&Booked>) -> Schedule {
        schedule(&Plan {
            calendar: &self.cal,
            teams: &self.teams,
            items: &self.items,
            start: day(0),
            deadline: day(self.deadline),
            booked,
            grids: None,
        })
    }
}

/// Two runs' usage: the same cells in the same order, the same amounts
/// within float residue.
fn same_usage(a: &[Usage], b: &[Usage]) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.len(), b.len());
    for (a, b) in a.iter().zip(b) {
        prop_assert_eq!((a.team, a.day), (b.team, b.day));
        prop_assert!((a.person_days - b.person_days).abs() <= 1e-9 * (1.0 + b.person_days));
    }
    Ok(())
}

/// `None` (not within the horizon) sorts after every date.
fn rank(s: &Schedule) -> (bool, Option<NaiveDate>) {
    (s.delivery.is_none(), s.delivery)
}

fn team() -> impl Strategy<Value = TeamCalendar> {
    let commitment = (0u64..40, 0u64..20, 1u32..3).prop_map(|(from, len, people)| Commitment {
        from: day(from),
        until: day(from + len),
        people,
    });
    (
        0u32..4,
        1u32..=4,
        prop::collection::btree_set((0u64..40).prop_map(day), 0..3),
        prop::collection::vec(commitment, 0..3),
    )
        .prop_map(|(people, quarters, holidays, commitments)| TeamCalendar {
            people,
            focus: f64::from(quarters) / 4.0,
            hours_per_day: 8.0,
            holidays,
            commitments,
        })
}

fn effort() -> impl Strategy<Value = f64> {
    prop_oneof![1 => Just(0.0), 4 => 0.0f64..12.0]
}

/// Items with no dependencies, or (`chain`) each after the one before.
fn case_with(chain: impl Strategy<Value = bool>) -> impl Strategy<Value = Case> {
    let item = (0usize..3, effort(), prop::option::of(0u32..3));
    (
        prop::collection::vec(team(), 1..4),
        prop::collection::vec(item, 0..6),
        chain,
        prop::collection::btree_set((0u64..40).prop_map(day), 0..3),
        0u64..60,
    )
        .prop_map(|(teams, raw, chain, holidays, deadline)| {
            let items = raw
                .into_iter()
                .enumerate()
                .map(|(i, (team, effort, max_people))| WorkItem {
                    team: team % teams.len(),
                    effort,
                    max_people,
                    after: if chain && i > 0 { vec![i - 1] } else { vec![] },
                })
                .collect();
            let weekdays = [true, true, true, true, true, false, false];
            let cal = WorkCalendar { weekdays, holidays };
            Case {
                cal,
                teams,
                items,
                deadline,
            }
        })
}

fn case() -> impl Strategy<Value = Case> {
    case_with(any::<bool>())
}

/// Any backward dependencies, i.e. an arbitrary acyclic graph.
fn dag_case() -> impl Strategy<Value = Case> {
    (
        case_with(Just(false)),
        prop::collection::vec(any::<(Index, Index)>(), 0..6),
    )
        .prop_map(|(mut c, edges)| {
            let n = c.items.len();
            for (a, b) in edges.into_iter().filter(|_| n > 1) {
                let (a, b) = (a.index(n), b.index(n));
                if a < b {
                    c.items[b].after.push(a);
                }
            }
            c
        })
}

proptest! {
    #[test]
    fn later_deadline_never_makes_delivery_later(c in dag_case(), extra in 0u64..400) {
        let early = c.run();
        let later = Case { deadline: c.deadline + extra, ..c }.run();
        prop_assert_eq!(early.delivery, later.delivery);
        prop_assert!(later.open_person_days <= early.open_person_days + 1e-9);
        prop_assert!(later.slack_working_days >= early.slack_working_days);
    }

    #[test]
    fn skipping_ahead_matches_stepping_every_day(c in dag_case()) {
        let plan = Plan {
            calendar: &c.cal,
            teams: &c.teams,
            items: &c.items,
            start: day(0),
            deadline: day(c.deadline),
            booked: None,
            grids: None,
        };
        let fast = Engine::new(&plan);
        let mut slow = Engine::new(&plan);
        slow.step_every_day = true;
        let (delivery, finish, open, items, usage) = outcome(&fast, &c, Mode::Report);
        let (d2, f2, o2, items2, usage2) = outcome(&slow, &c, Mode::Report);
        prop_assert_eq!(delivery, d2);
        prop_assert_eq!(finish, f2);
        prop_assert_eq!(items, items2);
        for (a, b) in open.iter().zip(&o2) {
            prop_assert!((a - b).abs() <= 1e-9 * (1.0 + b.abs()));
        }
        same_usage(&usage, &usage2)?;
        prop_assert_eq!(outcome(&fast, &c, Mode::Trial).0, delivery);
    }

    #[test]
    fn more_people_never_makes_delivery_later(c in case(), t in any::<Index>()) {
        let mut more = c.clone();
        more.teams[t.index(c.teams.len())].people += 1;
        prop_assert!(rank(&more.run()) <= rank(&c.run()));
    }

    #[test]
    fn more_focus_never_makes_delivery_later(c in case(), t in any::<Index>()) {
        let mut more = c.clone();
        let team = &mut more.teams[t.index(c.teams.len())];
        team.focus = (team.focus + 0.25).min(1.0);
        prop_assert!(rank(&more.run()) <= rank(&c.run()));
    }

    #[test]
    fn fewer_commitments_never_make_delivery_later(c in case(), t in any::<Index>(), j in any::<Index>()) {
        let mut fewer = c.clone();
        let team = &mut fewer.teams[t.index(c.teams.len())];
        if !team.commitments.is_empty() {
            team.commitments.remove(j.index(team.commitments.len()));
        }
        prop_assert!(rank(&fewer.run()) <= rank(&c.run()));
    }

    #[test]
    fn less_effort_never_makes_delivery_later(c in case(), i in any::<Index>(), share in 0.0f64..1.0) {
        prop_assume!(!c.items.is_empty());
        let mut less = c.clone();
        less.items[i.index(c.items.len())].effort *= share;
        prop_assert!(rank(&less.run()) <= rank(&c.run()));
    }

    #[test]
    fn a_holiday_never_makes_delivery_earlier(c in case(), t in any::<Index>(), off in 0u64..60, catalog in any::<bool>()) {
        let mut more = c.clone();
        if catalog {
            more.cal.holidays.insert(day(off));
        } else {
            more.teams[t.index(c.teams.len())].holidays.insert(day(off));
        }
        prop_assert!(rank(&more.run()) >= rank(&c.run()));
    }

    #[test]
    fn booked_capacity_never_makes_delivery_earlier(c in case(), t in any::<Index>(), off in 0u64..60, pd in 0.0f64..3.0) {
        let mut booked = Booked::new();
        booked.add(t.index(c.teams.len()), day(off), pd);
        prop_assert!(rank(&c.run_with(Some(&booked))) >= rank(&c.run()));
    }

    #[test]
    fn usage_adds_up_to_the_work_done(c in dag_case()) {
        let s = c.run();
        let used: f64 = s.usage.iter().map(|u| u.person_days).sum();
        let effort: f64 = c.items.iter().map(|i| i.effort).sum();
        if s.delivery.is_some() {
            prop_assert!((used - effort).abs() <= 1e-6 * (1.0 + effort));
        }
        let days: BTreeSet<_> = s.usage.iter().map(|u| (u.team, u.day)).collect();
        prop_assert_eq!(days.len(), s.usage.len());
    }
}

proptest! {
    /// One catalog's grids serve plans starting on different days (in other
    /// years too), with and without bookings, and each schedule is exactly
    /// the one the plan gets from a grid of its own.
    #[test]
    fn a_shared_grid_schedules_as_the_plans_own(
        c in dag_case(),
        starts in prop::collection::vec(0u64..900, 1..4),
        t in any::<Index>(),
        off in 0u64..60,
        pd in 0.0f64..3.0,
    ) {
        let grids = CapacityGrids::default();
        let mut booked = Booked::new();
        booked.add(t.index(c.teams.len()), day(off), pd);
        for s in starts {
            for booked in [None, Some(&booked)] {
                let own = Plan {
                    calendar: &c.cal,
                    teams: &c.teams,
                    items: &c.items,
                    start: day(s),
                    deadline: day(s + c.deadline),
                    booked,
                    grids: None,
                };
                let shared = Plan { grids: Some(&grids), ..own };
                prop_assert_eq!(schedule(&shared), schedule(&own));
            }
        }
    }

    /// Skipping ahead records the same usage as stepping every day where
    /// earlier plans emptied many cells: in shared grids they were booked
    /// on, and in a private grid with those bookings taken off.
    #[test]
    fn skipping_ahead_matches_stepping_in_emptied_grids(
        c in dag_case(),
        starts in prop::collection::vec(0u64..40, 1..4),
    ) {
        let (grids, booked) = c.booked_in_turn(&starts);
        let mut taken = Booked::new();
        for one in &booked {
            taken.add_usage(&one.usage);
        }
        let shared = Plan { grids: Some(&grids), ..c.plan_at(0) };
        let private = Plan { booked: Some(&taken), ..c.plan_at(0) };
        for p in [shared, private] {
            let fast = Engine::new(&p);
            let mut slow = Engine::new(&p);
            slow.step_every_day = true;
            let (delivery, finish, _, items, usage) = outcome(&fast, &c, Mode::Report);
            let (d2, f2, _, items2, usage2) = outcome(&slow, &c, Mode::Report);
            prop_assert_eq!(delivery, d2);
            prop_assert_eq!(finish, f2);
            prop_assert_eq!(items, items2);
            same_usage(&usage, &usage2)?;
        }
    }

    /// A plan booked in a sequence is scheduled the same in what the whole
    /// sequence leaves with its own usage given back (each day it got what
    /// it asked or all there was, and the plans after it took nothing of
    /// that): why a signed deal's check reuses its forward plan.
    #[test]
    fn a_booked_plan_is_its_own_with_its_usage_given_back(
        c in dag_case(),
        starts in prop::collection::vec(0u64..60, 1..4),
    ) {
        let (grids, forward) = c.booked_in_turn(&starts);
        for (&s, booked) in starts.iter().zip(&forward) {
            let back = Booked::given_back(&booked.usage);
            let judged = schedule(&Plan { grids: Some(&grids), booked: Some(&back), ..c.plan_at(s) });
            prop_assert_eq!(judged.delivery, booked.delivery);
            prop_assert_eq!(judged.open_by_team.len(), booked.open_by_team.len());
            for (a, b) in judged.open_by_team.iter().zip(&booked.open_by_team) {
                prop_assert_eq!(a.0, b.0);
                prop_assert!((a.1 - b.1).abs() <= 1e-9 * b.1.max(1.0), "{a:?} vs {b:?}");
            }
            if booked.delivery.is_some() {
                prop_assert_eq!(&judged.items, &booked.items);
            }
        }
    }

    /// People committed per day, counted in one pass over the commitments,
    /// are what the team's own day-by-day rule says.
    #[test]
    fn committed_people_per_day_match_the_teams_rule(
        spans in prop::collection::vec((0u64..120, 0u64..60, 0u32..5), 0..6),
        first in 0u64..60,
        span in 0usize..90,
    ) {
        let mut t = crate::testing::team(8, 1.0);
        for (from, len, people) in spans {
            t.commitments.push(Commitment { from: day(from), until: day(from + len), people });
        }
        let counted = super::grid::committed(&t, day(first), span);
        prop_assert_eq!(counted.len(), span);
        for (i, n) in counted.iter().enumerate() {
            prop_assert_eq!(*n, t.committed(day(first + i as u64)), "day {}", i);
        }
    }
}
