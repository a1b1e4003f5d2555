//! The trial engine's shortcuts against the plain engine: steady stretches
//! (engine `steady.rs`) and lone items worked out without the event loop
//! (module `direct`) give every trial the delivery a whole-plan run gives.

use super::accuracy::working_day;
use super::direct::{Runner, direct_items};
use super::*;
use crate::calendar::{Commitment, WorkCalendar};
use crate::testing::{d, item, plan, team};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Trials take the days of a capped first item in bulk over its team's
    /// steady stretches (engine `steady.rs`), and work out items alone on
    /// their team without the event loop (module `direct`); holidays and
    /// commitments end stretches. Every trial delivers on the day a whole
    /// plan run stepping day by day gives.
    #[test]
    fn shortcuts_change_no_trial(
        raw in prop::collection::vec(
            (0usize..5, 0.0f64..40.0, prop::option::of(1u32..4), prop::collection::vec(0usize..8, 0..3), any::<bool>()),
            1..9,
        ),
        people in prop::collection::vec(2u32..7, 5),
        busy in prop::collection::vec((0usize..5, 0u64..120, 0u64..40, 1u32..4), 0..6),
        off in prop::collection::vec((0usize..5, 0u64..160), 0..10),
        horizon in 10u64..240,
    ) {
        let cal = WorkCalendar::mon_fri();
        let start = d(2027, 1, 4);
        let mut teams: Vec<_> = people.iter().map(|&n| team(n, 0.8)).collect();
        for &(t, from, length, people) in &busy {
            teams[t].commitments.push(Commitment {
                from: start + Days::new(from),
                until: start + Days::new(from + length),
                people,
            });
        }
        for &(t, day) in &off {
            teams[t].holidays.insert(start + Days::new(day));
        }
        let items: Vec<WorkItem> = raw
            .iter()
            .enumerate()
            .map(|(i, (t, effort, max_people, after, none))| WorkItem {
                team: *t,
                effort: if *none { 0.0 } else { *effort },
                max_people: *max_people,
                after: after.iter().filter(|&&a| a < i).copied().collect(),
            })
            .collect();
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
