//! Trials kept across deadlines (module `kept`): a run that reuses an
//! earlier run's trials answers exactly as a fresh run does.

use super::accuracy::{three, working_day};
use super::kept::{Known, Memory, merge};
use super::*;
use crate::calendar::WorkCalendar;
use crate::testing::{item, plan, team};
use proptest::prelude::*;

/// A trial an earlier run found is what this run's engines would find:
/// within the short engine's days as found, beyond them unresolved until
/// the 10-year engine runs (then as found); a trial that was only beyond
/// a shorter first horizon must run again.
#[test]
fn a_kept_trial_is_recalled_as_this_runs_engines_would_find_it() {
    let cases = [
        (Known::Key(0), 100, false, Some(0)),
        (Known::Key(99), 100, false, Some(99)),
        (Known::Key(100), 100, false, Some(UNRESOLVED)),
        (Known::Key(100), 100, true, Some(100)),
        (Known::Key(NEVER), 100, false, Some(UNRESOLVED)),
        (Known::Key(NEVER), 100, true, Some(NEVER)),
        (Known::Beyond(100), 100, false, Some(UNRESOLVED)),
        (Known::Beyond(150), 100, false, Some(UNRESOLVED)),
        (Known::Beyond(99), 100, false, None),
        (Known::Beyond(150), 100, true, None),
    ];
    for (known, days, full, want) in cases {
        assert_eq!(
            known.recall(days, full),
            want,
            "{known:?} over {days}, full {full}"
        );
    }
    assert_eq!(Known::learnt(UNRESOLVED, 120), Known::Beyond(120));
    assert_eq!(Known::learnt(NEVER, 120), Known::Key(NEVER));
    assert_eq!(Known::learnt(7, 120), Known::Key(7));
}

/// Merging keeps per trial the more informative fact: a key over
/// "beyond", the longer "beyond"; a block cut short by another cap is
/// replaced, a block the new run did not reach kept.
#[test]
fn merging_keeps_the_more_informative_fact() {
    let mut kept = vec![
        vec![Known::Beyond(90), Known::Key(5), Known::Beyond(200)],
        vec![Known::Key(1)],
        vec![Known::Key(2)],
    ];
    let fresh = vec![
        vec![Known::Key(300), Known::Beyond(120), Known::Beyond(120)],
        vec![Known::Key(1), Known::Key(3)],
    ];
    merge(&mut kept, fresh);
    assert_eq!(
        kept,
        vec![
            vec![Known::Key(300), Known::Key(5), Known::Beyond(200)],
            vec![Known::Key(1), Known::Key(3)],
            vec![Known::Key(2)],
        ]
    );
    let mut empty = Vec::new();
    merge(&mut empty, vec![Vec::new(), vec![Known::Key(4)]]);
    assert_eq!(empty, vec![Vec::new(), vec![Known::Key(4)]]);
}

/// The kept trials are what a later run uses: told that every trial
/// delivered on the start day, it finds every trial on time; told nothing
/// it can use (beyond a horizon shorter than its own), it runs them all
/// and answers as a fresh run.
#[test]
fn a_later_run_uses_the_kept_trials_and_runs_the_others() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0)];
    let items = [item(0, 15.0, &[])];
    let estimates = [three(10.0, 15.0, 30.0)];
    let p = plan(&cal, &teams, &items, working_day(15));
    let fresh = simulate(&p, &estimates, 10_000, 1, 0.85);
    assert!(fresh.on_time_probability > 0.2 && fresh.on_time_probability < 0.6);
    let run = |known: Known| {
        let mut memory = Memory {
            blocks: vec![vec![known; BLOCK as usize]; 200],
            floor: None,
        };
        simulate_keeping(&p, &estimates, 10_000, 1, 0.85, &mut memory)
    };
    let told = run(Known::Key(0));
    assert_eq!(told.on_time_probability, 1.0);
    assert_eq!(told.p95, Some(p.start));
    assert_eq!(run(Known::Beyond(1)), fresh);
}

/// The floor (items no draw moves) is worked out once per plan: a later
/// run takes the kept one, and a plan without such items has none.
#[test]
fn a_later_run_takes_the_kept_floor() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0), team(1, 1.0)];
    // Item 1 (5 fixed days on team 1) moves with no draw: the floor.
    let items = [item(0, 15.0, &[]), item(1, 5.0, &[])];
    let estimates = [three(10.0, 15.0, 30.0), Estimate::Fixed(5.0)];
    let p = plan(&cal, &teams, &items, working_day(15));
    let mut memory = Memory::default();
    let fresh = simulate_keeping(&p, &estimates, 10_000, 1, 0.85, &mut memory);
    assert_eq!(
        memory.floor,
        Some(working_day(5).signed_duration_since(p.start).num_days())
    );
    assert_eq!(simulate(&p, &estimates, 10_000, 1, 0.85), fresh);
    // Told the floor is day 400, every trial delivers then: all late.
    memory.floor = Some(400);
    let told = simulate_keeping(&p, &estimates, 10_000, 1, 0.85, &mut memory);
    assert_eq!(told.on_time_probability, 0.0);
    assert_eq!(told.p50, p.start.checked_add_days(chrono::Days::new(400)));
    let mut none = Memory::default();
    let alone = plan(&cal, &teams, &items[..1], working_day(15));
    simulate_keeping(&alone, &estimates[..1], 10_000, 1, 0.85, &mut none);
    assert_eq!(none.floor, Some(0));
}

/// `simulate` within `keeping`, at each deadline in turn, against a fresh
/// run (outside any scope) at that deadline.
fn kept_and_fresh(items: &[WorkItem], estimates: &[Estimate], days: &[u32], seed: u64) {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0), team(2, 0.8)];
    let at = |n: u32| plan(&cal, &teams, items, working_day(n));
    let fresh: Vec<Simulation> = (days.iter())
        .map(|&n| simulate(&at(n), estimates, 3_000, seed, 0.85))
        .collect();
    let kept: Vec<Simulation> = keeping(|| {
        (days.iter())
            .map(|&n| simulate(&at(n), estimates, 3_000, seed, 0.85))
            .collect()
    });
    for ((n, want), got) in days.iter().zip(&fresh).zip(&kept) {
        assert_eq!(got, want, "deadline: working day {n} of {days:?}");
    }
}

/// The offer's case: the deliverable scope at the asked deadline (late),
/// then at its `complete` date (on time at the confidence), then again
/// at the first: the same shares on time, trial counts and dates as fresh
/// runs, including a deadline whose short horizon reaches past the
/// first's (trials the first left beyond its horizon).
#[test]
fn reused_trials_answer_as_fresh_runs_at_several_deadlines() {
    let items = [item(0, 15.0, &[]), item(1, 40.0, &[0]), item(1, 20.0, &[])];
    let estimates = [
        three(10.0, 15.0, 30.0),
        three(20.0, 40.0, 160.0),
        Estimate::Fixed(20.0),
    ];
    kept_and_fresh(&items, &estimates, &[20, 60, 20, 45, 150, 45], 7);
    kept_and_fresh(&items, &estimates, &[150, 20, 60], 3);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any plan of up to four items on two teams, some efforts uncertain
    /// with long tails (past the short horizon), any three deadlines in
    /// any order, some repeated: every answer from kept trials is a fresh
    /// run's.
    #[test]
    fn kept_trials_change_no_answer(
        raw in prop::collection::vec(
            (0usize..2, 1.0f64..30.0, 0.0f64..8.0, any::<bool>(), any::<bool>()),
            1..5,
        ),
        days in prop::collection::vec(1u32..260, 3),
        repeat in any::<bool>(),
        seed in 0u64..1_000,
    ) {
        let items: Vec<WorkItem> = (raw.iter().enumerate())
            .map(|(i, &(t, effort, _, after, _))| {
                item(t, effort, if after && i > 0 { &[0] } else { &[] })
            })
            .collect();
        let estimates: Vec<Estimate> = (raw.iter())
            .map(|&(_, effort, tail, _, fixed)| match fixed {
                true => Estimate::Fixed(effort),
                false => three(effort * 0.5, effort, effort * (1.5 + tail)),
            })
            .collect();
        let mut days = days;
        if repeat {
            days.push(days[0]);
        }
        kept_and_fresh(&items, &estimates, &days, seed);
    }
}
