//! The trial engine's shortcuts against the plain engine: steady stretches
//! (engine `steady.rs`) and lone items worked out without the event loop
//! (module `direct`) give every trial the delivery a whole-plan run gives.

use super::accuracy::working_day;
use super::direct::{Runner, direct_items};
use super::*;
use crate::calendar::{Commitment, TeamCalendar, WorkCalendar};
use crate::testing::{d, item, plan, team};
use proptest::prelude::*;

/// Items as the property tests draw them: (team, effort, max_people,
/// predecessors among the earlier items, no effort at all).
type RawItem = (usize, f64, Option<u32>, Vec<usize>, bool);

fn raw_items() -> impl Strategy<Value = Vec<RawItem>> {
    prop::collection::vec(
        (
            0usize..5,
            0.0f64..40.0,
            prop::option::of(1u32..4),
            prop::collection::vec(0usize..8, 0..3),
            any::<bool>(),
        ),
        1..9,
    )
}

/// Five teams of `people` at focus 0.8 with commitments `busy` (team,
/// from, length, people) and days `off` (team, day), from 2027-01-04.
fn five_teams(
    people: &[u32],
    busy: &[(usize, u64, u64, u32)],
    off: &[(usize, u64)],
) -> Vec<TeamCalendar> {
    let start = d(2027, 1, 4);
    let mut teams: Vec<_> = people.iter().map(|&n| team(n, 0.8)).collect();
    for &(t, from, length, people) in busy {
        teams[t].commitments.push(Commitment {
            from: start + Days::new(from),
            until: start + Days::new(from + length),
            people,
        });
    }
    for &(t, day) in off {
        teams[t].holidays.insert(start + Days::new(day));
    }
    teams
}

fn work_items(raw: &[RawItem]) -> Vec<WorkItem> {
    raw.iter()
        .enumerate()
        .map(|(i, (t, effort, max_people, after, none))| WorkItem {
            team: *t,
            effort: if *none { 0.0 } else { *effort },
            max_people: *max_people,
            after: after.iter().filter(|&&a| a < i).copied().collect(),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Trials take the days of a capped first item in bulk over its team's
    /// steady stretches (engine `steady.rs`), and work out items alone on
    /// their team without the event loop (module `direct`); holidays and
    /// commitments end stretches. Every trial delivers on the day a whole
    /// plan run stepping day by day gives.
    #[test]
    fn shortcuts_change_no_trial(
        raw in raw_items(),
        people in prop::collection::vec(2u32..7, 5),
        busy in prop::collection::vec((0usize..5, 0u64..120, 0u64..40, 1u32..4), 0..6),
        off in prop::collection::vec((0usize..5, 0u64..160), 0..10),
        horizon in 10u64..240,
    ) {
        let cal = WorkCalendar::mon_fri();
        let teams = five_teams(&people, &busy, &off);
        let items = work_items(&raw);
        let p = plan(&cal, &teams, &items, working_day(20));
        let efforts: Vec<f64> = items.iter().map(|i| i.effort).collect();
        for h in [horizon, crate::scheduler::HORIZON_DAYS] {
            let (bulk, stepped) = (Engine::for_trials(&p, h), Engine::with_horizon(&p, h));
            let got = bulk.run(&efforts, &mut bulk.scratch(), Mode::Trial);
            let want = stepped.run(&efforts, &mut stepped.scratch(), Mode::Trial);
            prop_assert_eq!(got, want, "horizon {}", h);
            let direct = Runner::new(&p, &direct_items(&p), h);
            let want = want.and_then(|slot| stepped.slot_date(slot));
            prop_assert_eq!((direct.trials())(&efforts), want, "horizon {}", h);
        }
    }

    /// The earliest delivery the least efforts allow (each item alone on
    /// its team after its predecessors, each team's work from the days it
    /// can start on) is never after a trial's delivery with efforts at
    /// least those, and "none within the horizon" only when the trial has
    /// none either: what lets a plan that is not monotone know P = 0.
    #[test]
    fn no_trial_delivers_before_the_earliest_delivery(
        raw in raw_items(),
        less in prop::collection::vec(0.0f64..=1.0, 8),
        people in prop::collection::vec(2u32..7, 5),
        busy in prop::collection::vec((0usize..5, 0u64..120, 0u64..40, 1u32..4), 0..6),
        off in prop::collection::vec((0usize..5, 0u64..160), 0..10),
        horizon in 10u64..240,
    ) {
        let cal = WorkCalendar::mon_fri();
        let teams = five_teams(&people, &busy, &off);
        let items = work_items(&raw);
        let p = plan(&cal, &teams, &items, working_day(20));
        let efforts: Vec<f64> = items.iter().map(|i| i.effort).collect();
        let least: Vec<f64> = efforts.iter().zip(&less).map(|(e, f)| e * f).collect();
        for h in [horizon, crate::scheduler::HORIZON_DAYS] {
            let stepped = Engine::with_horizon(&p, h);
            let delivery = stepped
                .run(&efforts, &mut stepped.scratch(), Mode::Trial)
                .and_then(|slot| stepped.slot_date(slot));
            let runner = Runner::new(&p, &direct_items(&p), h);
            match runner.earliest_delivery(&p, &least) {
                Some(Some(earliest)) => prop_assert!(
                    delivery.is_none_or(|day| earliest <= day),
                    "horizon {}: {:?} after {:?}", h, earliest, delivery
                ),
                Some(None) => prop_assert_eq!(delivery, None, "horizon {}", h),
                None => prop_assert!(false, "no cycles here: a bound is expected"),
            }
        }
    }

    /// A short engine finds exactly the trials whose 10-year delivery lies
    /// within its first `horizon` days, on that day: what lets a trial kept
    /// from a run over one horizon be recalled for another (module `kept`).
    #[test]
    fn a_short_engine_finds_exactly_the_deliveries_within_its_days(
        raw in raw_items(),
        people in prop::collection::vec(1u32..4, 5),
        busy in prop::collection::vec((0usize..5, 0u64..120, 0u64..40, 1u32..4), 0..6),
        off in prop::collection::vec((0usize..5, 0u64..160), 0..10),
        horizon in 1u64..120,
    ) {
        let cal = WorkCalendar::mon_fri();
        let teams = five_teams(&people, &busy, &off);
        let items = work_items(&raw);
        let p = plan(&cal, &teams, &items, working_day(20));
        let efforts: Vec<f64> = items.iter().map(|i| i.effort).collect();
        let direct = direct_items(&p);
        let full = Runner::new(&p, &direct, crate::scheduler::HORIZON_DAYS);
        let short = Runner::new(&p, &direct, horizon);
        let within = |day: &NaiveDate| (*day - p.start).num_days() < horizon as i64;
        prop_assert_eq!((short.trials())(&efforts), (full.trials())(&efforts).filter(within));
    }
}

/// The earliest delivery is the trial's own where one bound binds: an item
/// after its predecessor, alone on its team from then on, and a team whose
/// work the order of its items cannot hurry. Cycles have no bound.
#[test]
fn the_earliest_delivery_of_simple_plans() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0), team(2, 1.0)];
    let delivery = |items: &[WorkItem], efforts: &[f64]| {
        let p = plan(&cal, &teams, items, working_day(20));
        let engine = Engine::for_trials(&p, 100);
        let slot = engine.run(efforts, &mut engine.scratch(), Mode::Trial);
        let runner = Runner::new(&p, &direct_items(&p), 100);
        let earliest = runner.earliest_delivery(&p, efforts);
        (earliest, slot.and_then(|s| engine.slot_date(s)))
    };
    // Item 2 waits for item 0 (3 days at 1 a day), then takes 6 at 2 a day.
    let after = [item(0, 3.0, &[]), item(1, 4.0, &[]), item(1, 6.0, &[0])];
    let both = Some(working_day(6));
    assert_eq!(delivery(&after, &[3.0, 4.0, 6.0]), (Some(both), both));
    // Side by side, team 1's 10 person-days take 5 days in any order (each
    // alone would take 2 and 3).
    let free = [item(0, 3.0, &[]), item(1, 4.0, &[]), item(1, 6.0, &[])];
    let both = Some(working_day(5));
    assert_eq!(delivery(&free, &[3.0, 4.0, 6.0]), (Some(both), both));
    // Nothing within the 100-day horizon.
    assert_eq!(delivery(&after, &[300.0, 0.0, 0.0]), (Some(None), None));
    let cycle = [item(0, 1.0, &[1]), item(1, 1.0, &[0])];
    assert_eq!(delivery(&cycle, &[1.0, 1.0]), (None, None));
}

/// A capped item on a team with capacity to spare: a trial takes its days
/// in bulk (a commitment in the middle ends one stretch and starts another),
/// where a report run steps each of them.
#[test]
fn trials_skip_the_days_of_a_capped_item() {
    let cal = WorkCalendar::mon_fri();
    let mut busy = team(4, 1.0);
    busy.commitments.push(Commitment {
        from: d(2027, 1, 18),
        until: d(2027, 1, 22),
        people: 2,
    });
    let teams = [busy];
    let items = [
        WorkItem {
            max_people: Some(1),
            ..item(0, 30.0, &[])
        },
        item(0, 40.0, &[]),
    ];
    let p = plan(&cal, &teams, &items, working_day(60));
    let (bulk, stepped) = (Engine::for_trials(&p, 200), Engine::with_horizon(&p, 200));
    let (mut fast, mut slow) = (bulk.scratch(), stepped.scratch());
    let got = bulk.run(&[30.0, 40.0], &mut fast, Mode::Trial);
    assert_eq!(got, stepped.run(&[30.0, 40.0], &mut slow, Mode::Trial));
    assert!(got.is_some());
    assert!(fast.simulated_days() <= 6, "{}", fast.simulated_days());
    assert!(slow.simulated_days() >= 20, "{}", slow.simulated_days());
}
