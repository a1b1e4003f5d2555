use super::accuracy::{ExactPert, assert_accurate, three, working_day};
use super::pert::{PertTable, Sampler};
use super::*;
use crate::calendar::WorkCalendar;
use crate::scheduler::schedule;
use crate::testing::{d, item, plan, team};
use proptest::prelude::*;
#[test]
fn a_settled_answer_stops_early_and_an_open_one_runs_to_the_cap() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0), team(1, 1.0)];
    let items = [item(0, 15.0, &[])];
    let estimates = [three(10.0, 15.0, 30.0)];
    // Always on time (effort ≤ 30 < 40 days), always late (≥ 10 > 5): the
    // corners say so; the percentiles need the first look of 192.
    for n in [40, 5] {
        let p = plan(&cal, &teams, &items, working_day(n));
        let sim = simulate(&p, &estimates, 10_000, 1);
        assert!(
            sim.trials >= KNOWN_FIRST_LOOK && sim.trials < FIRST_LOOK,
            "N = {n}: {sim:?}"
        );
    }
    // P ≈ 0.37: independent draws would need 15,000 trials for ±0.01 at
    // 98%, but one stratified item is nearly exact: the blocks agree as soon
    // as there are 16 of them.
    let p = plan(&cal, &teams, &items, working_day(15));
    assert_eq!(simulate(&p, &estimates, 10_000, 1).trials, 1_152);
    assert_eq!(simulate(&p, &estimates, 1_000, 1).trials, 1_000);
    assert_eq!(simulate(&p, &estimates, 200, 1).trials, 200);
    // Two items: the strata explain less, more blocks are needed.
    let two = [item(0, 6.0, &[]), item(0, 8.0, &[])];
    let p = plan(&cal, &teams, &two, working_day(16));
    let sim = simulate(
        &p,
        &[three(4.0, 6.0, 12.0), three(5.0, 8.0, 20.0)],
        10_000,
        1,
    );
    assert!(sim.trials > 1_152, "{sim:?}");
    // P ≈ 0.9995 (effort above 28 days is rare): not known from the
    // corners, settled by the 98% interval at the first look of 512.
    let p = plan(&cal, &teams, &items, working_day(28));
    let sim = simulate(&p, &estimates, 10_000, 1);
    assert!(sim.trials >= FIRST_LOOK && sim.trials < 10_000, "{sim:?}");
    // 1–1.5 days: delivered on day 1 or 2 whatever the draw; the two
    // corners settle it.
    let p = plan(&cal, &teams, &items, working_day(3));
    let sim = simulate(&p, &[three(1.0, 1.2, 1.5)], 10_000, 1);
    assert_eq!((sim.trials, sim.on_time_probability), (2, 1.0));
    assert_eq!(sim.p50, Some(working_day(2)));
    // Not monotone (a waiting item with a later one on its team): no corners.
    let items = [item(1, 2.0, &[]), item(0, 1.0, &[0]), item(0, 1.0, &[])];
    let estimates = [
        three(1.0, 1.2, 1.5),
        Estimate::Fixed(1.0),
        Estimate::Fixed(1.0),
    ];
    let sim = simulate(
        &plan(&cal, &teams, &items, working_day(9)),
        &estimates,
        10_000,
        1,
    );
    assert_eq!((sim.trials, sim.on_time_probability), (FIRST_LOOK, 1.0));
}

#[test]
fn the_stopping_points_are_fixed() {
    assert_eq!(looks(100, FIRST_LOOK), [100]);
    assert_eq!(looks(512, FIRST_LOOK), [512]);
    assert_eq!(looks(1_000, FIRST_LOOK), [512, 768, 1_000]);
    assert_eq!(
        looks(10_000, FIRST_LOOK),
        [512, 768, 1152, 1728, 2624, 3968, 5952, 8960, 10_000]
    );
    assert_eq!(looks(1_000, KNOWN_FIRST_LOOK), [192, 320, 512, 768, 1_000]);
}

#[test]
fn monotone_plans() {
    let all = [true; 3];
    // Independent items, and a waiting item last on its team: monotone.
    assert!(monotone(&[item(0, 1.0, &[]), item(0, 1.0, &[])], &all));
    let last = [item(0, 1.0, &[]), item(1, 1.0, &[0]), item(0, 1.0, &[])];
    assert!(monotone(&last, &all));
    // A waiting item followed by another on its team: not…
    let followed = [item(0, 1.0, &[]), item(1, 1.0, &[0]), item(1, 1.0, &[])];
    assert!(!monotone(&followed, &all));
    assert!(!monotone(
        &[item(0, 1.0, &[]), item(0, 1.0, &[0]), item(0, 1.0, &[])],
        &all
    ));
    // …unless what it waits for is the same in every trial…
    assert!(monotone(&followed, &[false, true, true]));
    // …or the later one waits for it too (a chain on a team).
    let chain = [item(0, 1.0, &[]), item(1, 1.0, &[0]), item(1, 1.0, &[1])];
    assert!(monotone(&chain, &all));
    let through = [
        item(0, 1.0, &[]),
        item(1, 1.0, &[0]),
        item(2, 1.0, &[1]),
        item(1, 1.0, &[2]),
    ];
    assert!(monotone(&through, &[true; 4]));
}

#[test]
fn the_probability_rule() {
    // None late in 512: the exact 99% one-sided bound is 0.99104.
    assert!(probability_settled(512, 512));
    assert!(probability_settled(0, 512));
    assert!(!probability_settled(384, 384));
    // A few late: the Wilson interval is too wide at 512, fine at 2688.
    assert!(!probability_settled(508, 512));
    assert!(probability_settled(2_680, 2_688));
    // Near one half no count up to 10,000 settles it.
    assert!(!probability_settled(5_000, 10_000));
    assert!(!probability_settled(900, 1_000));
    assert!(probability_settled(9_000, 10_000));
}

#[test]
fn rank_intervals_cover_the_estimate() {
    // n = 512, P50: 256 ± 2.326 · √128 = 256 ± 26.3, and one
    // more rank above.
    assert_eq!(rank_interval(512, 500000), (229, 256, 284));
    let (lo, at, hi) = rank_interval(512, 950000);
    assert!(lo < at && at < hi && hi <= 512, "{lo} {at} {hi}");
    // Too few values: unbounded sides.
    let (lo, _, hi) = rank_interval(10, 950000);
    assert!(lo >= 1 && hi > 10);
    assert_eq!(rank_interval(3, 500000).0, 0);
}

#[test]
fn latin_hypercube_blocks_put_one_draw_in_each_stratum() {
    let u = stratified(9, 3, 128, 4);
    for d in 0..4 {
        let mut strata: Vec<usize> = (0..128).map(|r| (u[r * 4 + d] * 128.0) as usize).collect();
        strata.sort_unstable();
        assert_eq!(strata, (0..128).collect::<Vec<_>>(), "dimension {d}");
    }
    assert_eq!(u, stratified(9, 3, 128, 4));
    assert_ne!(u, stratified(9, 4, 128, 4));
    assert_ne!(u, stratified(10, 3, 128, 4));
}

#[test]
fn pert_tables_follow_the_exact_cdf_for_every_shape() {
    for (low, mode, high) in [
        (0.0, 0.0, 1.0),
        (0.0, 1.0, 1.0),
        (2.0, 2.1, 9.0),
        (2.0, 8.9, 9.0),
        (1.0, 3.0, 5.0),
        (100.0, 180.0, 400.0),
    ] {
        let table = PertTable::new(low, mode, high - low);
        let exact = ExactPert::new(low, mode, high);
        for k in 0..=50 {
            let x = low + (high - low) * f64::from(k) / 50.0;
            assert!(
                (table.cdf(x) - exact.at(x)).abs() < 1e-3,
                "PERT({low}, {mode}, {high}) at {x}: {} vs {}",
                table.cdf(x),
                exact.at(x)
            );
        }
        // Quantiles are monotone and span the range.
        let q: Vec<f64> = (0..=100)
            .map(|k| table.quantile(f64::from(k) / 100.0))
            .collect();
        assert!(q.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(q[0], low);
        assert!((q[100] - high).abs() < 1e-9 * high.abs().max(1.0));
    }
}

#[test]
fn influence_closures() {
    // 0 (team 0) → 1 (team 1, after 0); 2 (team 1); 3 (team 2, after 2); 4 (team 2).
    let items = [
        item(0, 1.0, &[]),
        item(1, 1.0, &[0]),
        item(1, 1.0, &[]),
        item(2, 1.0, &[2]),
        item(2, 1.0, &[]),
    ];
    let only = |i: usize| (0..5).map(|j| j == i).collect::<Vec<bool>>();
    // Item 1 varies: so do 2 (lower priority on team 1), 3 (after 2), 4 (after 3 on team 2).
    assert_eq!(
        closure(&items, only(1), Direction::Forward),
        [false, true, true, true, true]
    );
    assert_eq!(
        closure(&items, only(4), Direction::Forward),
        [false, false, false, false, true]
    );
    // What item 3 depends on: 2 (its predecessor), 1 (before 2 on team 1), 0 (before 1).
    assert_eq!(
        closure(&items, only(3), Direction::Backward),
        [true, true, true, true, false]
    );
    // The part keeps items 2 and 3 and only their teams, renumbered.
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0), team(2, 1.0), team(3, 1.0)];
    let whole = plan(&cal, &teams, &items, d(2027, 2, 1));
    let part = Part::new(&whole, &[false, false, true, true, false]);
    let sub = part.plan(&whole);
    assert_eq!(part.index, [2, 3]);
    assert_eq!(sub.items[1].after, [0]);
    assert_eq!((sub.items[0].team, sub.items[1].team), (0, 1));
    assert_eq!(
        sub.teams.iter().map(|t| t.people).collect::<Vec<_>>(),
        [2, 3]
    );
    // With capacity booked (keyed by catalog team index) the teams stay.
    let booked = crate::scheduler::Booked::new();
    let whole = Plan {
        booked: Some(&booked),
        ..whole
    };
    let part = Part::new(&whole, &[false, false, true, true, false]);
    assert_eq!(part.plan(&whole).teams.len(), 3);
    assert_eq!(part.items[1].team, 2);
}

/// Every trial on the whole plan over the 10-year horizon: what `simulate`
/// must equal when it runs all trials.
fn reference(p: &Plan, estimates: &[Estimate], trials: u32, seed: u64) -> Simulation {
    let samplers: Vec<Sampler> = p
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            Sampler::new(
                estimates
                    .get(i)
                    .copied()
                    .unwrap_or(Estimate::Fixed(it.effort)),
            )
        })
        .collect();
    let random: Vec<usize> = (0..samplers.len())
        .filter(|&i| samplers[i].is_random())
        .collect();
    let engine = Engine::new(p);
    let mut run = engine.scratch();
    let outcome = Outcome {
        plan: p,
        confidence: 850_000,
    };
    let mut keys = Vec::new();
    for b in 0..trials.div_ceil(BLOCK) {
        let size = BLOCK.min(trials - b * BLOCK) as usize;
        let u = stratified(seed, u64::from(b), size, random.len());
        for t in 0..size {
            let mut efforts: Vec<f64> = samplers.iter().map(|s| s.at(0.0)).collect();
            for (d, &i) in random.iter().enumerate() {
                efforts[i] = samplers[i].at(u[t * random.len() + d]);
            }
            let slot = engine.run(&efforts, &mut run, Mode::Trial);
            keys.push(outcome.key(slot.and_then(|s| engine.slot_date(s))));
        }
    }
    outcome.summarize(&mut keys, trials)
}

fn answer(s: &Simulation) -> (f64, Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>) {
    (s.on_time_probability, s.p50, s.p85, s.p95)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Splitting off the items that cannot vary, and the short first
    /// horizon, change nothing: every trial gives what the whole plan over
    /// 10 years gives.
    #[test]
    fn splitting_the_plan_changes_no_trial(
        raw in prop::collection::vec(
            (0usize..4, 0.0f64..30.0, prop::option::of(1u32..3), any::<bool>(), prop::collection::vec(0usize..8, 0..2)),
            1..8,
        ),
        people in prop::collection::vec(1u32..4, 3),
        deadline_days in 5u32..60,
        seed in 0u64..1_000,
    ) {
        let cal = WorkCalendar::mon_fri();
        let teams: Vec<_> = people.iter().map(|&n| team(n, 0.8)).collect();
        let n = raw.len();
        let items: Vec<WorkItem> = raw
            .iter()
            .enumerate()
            .map(|(i, (t, effort, max_people, _, after))| WorkItem {
                team: *t,
                effort: *effort,
                max_people: *max_people,
                // Only earlier items: no cycles.
                after: after.iter().filter(|&&a| a < i).copied().collect(),
            })
            .collect();
        let estimates: Vec<Estimate> = raw
            .iter()
            .map(|(_, e, _, uncertain, _)| {
                if *uncertain { three(e * 0.5, *e, e * 3.0 + 1.0) } else { Estimate::Fixed(*e) }
            })
            .collect();
        prop_assume!(n > 0);
        let p = plan(&cal, &teams, &items, working_day(deadline_days));
        let got = simulate(&p, &estimates, 300, seed);
        if got.trials == 2 {
            // Settled by the corners of a monotone plan: the same on-time
            // share, every percentile within a working day.
            let want = reference(&p, &estimates, 300, seed);
            prop_assert_eq!(got.on_time_probability, want.on_time_probability);
            for (a, b) in [(got.p50, want.p50), (got.p85, want.p85), (got.p95, want.p95)] {
                let near = match (a, b) {
                    (Some(a), Some(b)) => cal.working_days_between(a.min(b), a.max(b)) <= 1,
                    (a, b) => a == b,
                };
                prop_assert!(near, "{:?} vs {:?}", a, b);
            }
        } else if raw.iter().any(|r| r.3) {
            // The trials it ran (all 300, or the blocks up to where it
            // stopped) give what they give on the whole plan.
            let want = reference(&p, &estimates, got.trials, seed);
            prop_assert_eq!(answer(&got), answer(&want));
        } else {
            prop_assert_eq!(got.trials, 1);
            prop_assert_eq!(got.p50, schedule(&p).delivery);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// What [`monotone`] promises, checked on the engine itself: in a plan
    /// it accepts, more effort on a drawn item never delivers sooner. (Plans
    /// it refuses do show the anomaly below, about once in 2,000 of these.)
    #[test]
    fn more_effort_never_delivers_sooner_in_a_monotone_plan(
        raw in prop::collection::vec(
            (0usize..3, 1u32..12, prop::option::of(1u32..3), prop::collection::vec(any::<prop::sample::Index>(), 0..3), any::<bool>()),
            2..8,
        ),
        people in prop::collection::vec(1u32..3, 3),
        which in any::<prop::sample::Index>(),
        extra in 1u32..8,
    ) {
        let cal = WorkCalendar::mon_fri();
        let teams: Vec<_> = people.iter().map(|&n| team(n, 1.0)).collect();
        let n = raw.len();
        let items: Vec<WorkItem> = raw
            .iter()
            .enumerate()
            .map(|(i, (t, effort, max_people, after, _))| WorkItem {
                team: *t,
                effort: f64::from(*effort),
                max_people: *max_people,
                // Any other item, earlier or later (cycles never finish).
                after: after.iter().map(|a| a.index(n)).filter(|&p| p != i).collect(),
            })
            .collect();
        // Which items are drawn (at least the first).
        let marks: Vec<bool> = (0..items.len()).map(|i| raw[i].4 || i == 0).collect();
        let drawn: Vec<usize> = (0..items.len()).filter(|&i| marks[i]).collect();
        let varies = closure(&items, marks, Direction::Forward);
        let p = plan(&cal, &teams, &items, d(2027, 3, 1));
        let engine = Engine::new(&p);
        let mut run = engine.scratch();
        let less: Vec<f64> = items.iter().map(|i| i.effort).collect();
        let mut more = less.clone();
        more[drawn[which.index(drawn.len())]] += f64::from(extra);
        let sooner = engine.run(&less, &mut run, Mode::Trial).unwrap_or(usize::MAX);
        let later = engine.run(&more, &mut run, Mode::Trial).unwrap_or(usize::MAX);
        prop_assert!(sooner <= later || !monotone(&items, &varies), "{sooner} > {later}");
    }
}

/// Why [`monotone`] refuses a waiting item with a later one on its team:
/// item 0 taking longer keeps item 1 off team 0, so item 2 finishes sooner
/// and so does item 3, which waits for it — more effort, earlier delivery.
#[test]
fn more_effort_can_deliver_sooner_when_not_monotone() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0), team(1, 1.0), team(1, 1.0)];
    let items = [
        item(1, 1.0, &[]),
        item(0, 5.0, &[0]),
        item(0, 2.0, &[]),
        item(2, 10.0, &[2]),
    ];
    assert!(!monotone(&items, &[true; 4]));
    let p = plan(&cal, &teams, &items, d(2027, 3, 1));
    let engine = Engine::new(&p);
    let mut run = engine.scratch();
    let quick = engine.run(&[1.0, 5.0, 2.0, 10.0], &mut run, Mode::Trial);
    let slow = engine.run(&[2.0, 5.0, 2.0, 10.0], &mut run, Mode::Trial);
    assert!(slow < quick, "{slow:?} vs {quick:?}");
}

#[test]
fn work_beyond_the_short_horizon_is_resolved_over_ten_years() {
    // 1 pd/day, effort 200–400 days against a deadline in 10 working days:
    // every trial finishes long after the short first horizon.
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0)];
    let items = [item(0, 300.0, &[])];
    let estimates = [three(200.0, 300.0, 400.0)];
    let p = plan(&cal, &teams, &items, working_day(10));
    let sim = simulate(&p, &estimates, 2_000, 4);
    assert_eq!(
        answer(&sim),
        answer(&reference(&p, &estimates, sim.trials, 4))
    );
    let exact = ExactPert::new(200.0, 300.0, 400.0);
    assert_accurate(&sim, |x| exact.at(x), 10, "far late");
}

#[test]
fn a_constant_part_sets_the_floor() {
    // Team 0's fixed 40 days finish long after team 1's uncertain 1–3 days:
    // every trial delivers on day 40.
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0), team(1, 1.0)];
    let items = [item(0, 40.0, &[]), item(1, 2.0, &[])];
    let estimates = [Estimate::Fixed(40.0), three(1.0, 2.0, 3.0)];
    let p = plan(&cal, &teams, &items, working_day(45));
    let sim = simulate(&p, &estimates, 10_000, 8);
    assert_eq!(
        answer(&sim),
        (
            1.0,
            Some(working_day(40)),
            Some(working_day(40)),
            Some(working_day(40))
        )
    );
    assert_eq!(sim.trials, 2);
    // A constant part that never finishes: one run says so.
    let items = [item(0, f64::NAN, &[]), item(1, 2.0, &[])];
    let p = plan(&cal, &teams, &items, working_day(45));
    let sim = simulate(
        &p,
        &[Estimate::Fixed(f64::NAN), three(1.0, 2.0, 3.0)],
        10_000,
        8,
    );
    assert_eq!((sim.trials, answer(&sim)), (1, (0.0, None, None, None)));
}

#[test]
fn same_seed_same_result_whatever_the_thread_count() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(2, 0.8), team(1, 1.0)];
    let items = [item(0, 10.0, &[]), item(1, 5.0, &[0]), item(0, 3.0, &[])];
    let estimates = [
        three(5.0, 10.0, 20.0),
        three(2.0, 5.0, 9.0),
        Estimate::Fixed(3.0),
    ];
    let p = plan(&cal, &teams, &items, d(2027, 1, 19));
    let a = simulate(&p, &estimates, 2_000, 42);
    assert!(
        a.on_time_probability > 0.05 && a.on_time_probability < 0.95,
        "{a:?}"
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let b = pool.install(|| simulate(&p, &estimates, 2_000, 42));
    assert_eq!(a, b);
    let c = simulate(&p, &estimates, 2_000, 43);
    assert_ne!(a.on_time_probability, c.on_time_probability);
    assert!(a.p50 <= a.p85 && a.p85 <= a.p95);
}

#[test]
fn fixed_estimates_give_the_deterministic_schedule() {
    // 7 pd at 1/day from Monday → Tue 12.
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0)];
    let items = [item(0, 7.0, &[])];
    let p = plan(&cal, &teams, &items, d(2027, 1, 12));
    let sim = simulate(&p, &[Estimate::Fixed(7.0)], 100, 1);
    assert_eq!(schedule(&p).delivery, Some(d(2027, 1, 12)));
    assert_eq!(sim.on_time_probability, 1.0);
    assert_eq!(
        (sim.p50, sim.p95),
        (Some(d(2027, 1, 12)), Some(d(2027, 1, 12)))
    );
    // Nothing varies: one run is the exact answer.
    assert_eq!(sim.trials, 1);
    // Missing estimates fall back to the item's effort; equal bounds are
    // a constant.
    assert_eq!(simulate(&p, &[], 100, 1), sim);
    assert_eq!(simulate(&p, &[three(7.0, 7.0, 7.0)], 100, 1), sim);
    let late = plan(&cal, &teams, &items, d(2027, 1, 11));
    assert_eq!(simulate(&late, &[], 10, 1).on_time_probability, 0.0);
}

#[test]
fn skewed_and_odd_estimates_work() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0)];
    let items = [item(0, 1.0, &[])];
    let p = plan(&cal, &teams, &items, d(2027, 12, 31));
    for e in [
        three(1.0, 1.0, 5.0),
        three(1.0, 5.0, 5.0),
        three(5.0, 3.0, 1.0),    // reversed bounds
        three(1.0, 9.0, 5.0),    // likely outside
        three(-3.0, -2.0, -1.0), // negative → no work
    ] {
        let sim = simulate(&p, &[e], 500, 3);
        assert_eq!(sim.on_time_probability, 1.0, "{e:?}");
    }
    for e in [three(f64::NAN, 1.0, 2.0), three(1.0, 2.0, f64::INFINITY)] {
        let sim = simulate(&p, &[e], 500, 3);
        assert_eq!((sim.on_time_probability, sim.p50), (0.0, None), "{e:?}");
    }
}

#[test]
fn impossible_work_is_settled_by_the_corners() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(3, 1.0)];
    let items = [item(0, 1.0, &[]), item(0, 1.0, &[0])];
    let estimates = [Estimate::Fixed(2.0), three(1e299, 1e300, 2e300)];
    let sim = simulate(
        &plan(&cal, &teams, &items, d(9999, 1, 1)),
        &estimates,
        10_000,
        1,
    );
    assert_eq!(
        (sim.trials, sim.on_time_probability, sim.p50, sim.p95),
        (2, 0.0, None, None)
    );
}

#[test]
fn no_trials_no_answer() {
    let cal = WorkCalendar::mon_fri();
    let p = plan(&cal, &[], &[], d(2027, 1, 4));
    let sim = simulate(&p, &[], 0, 1);
    assert_eq!(
        (sim.trials, sim.on_time_probability, sim.p50),
        (0, 0.0, None)
    );
    // No work at all: delivered on the start day, exactly.
    let sim = simulate(&p, &[], 100, 1);
    assert_eq!(
        (sim.trials, sim.on_time_probability, sim.p50),
        (1, 1.0, Some(d(2027, 1, 4)))
    );
}

#[test]
fn nearest_rank_percentiles() {
    let v: Vec<i64> = (1..=20).collect();
    assert_eq!(nearest_rank(&v, 500000), Some(10)); // ceil(0.5 · 20) = 10th
    assert_eq!(nearest_rank(&v, 850000), Some(17));
    assert_eq!(nearest_rank(&v, 950000), Some(19));
    assert_eq!(nearest_rank(&[4], 950000), Some(4));
    assert_eq!(nearest_rank(&[], 500000), None);
}

#[test]
fn block_spread_settles_what_strata_explain() {
    // Student t: 2.602 at 15 df, 2.457 at 30, about 2.326 for many.
    assert!((student_t(15.0) - 2.602).abs() < 0.01);
    assert!((student_t(30.0) - 2.457).abs() < 0.01);
    assert!((student_t(1e9) - Z).abs() < 1e-6);
    // 16 blocks with exactly half on time each: the blocks agree.
    let size = BLOCK as usize;
    let block = move |on_time: usize| (0..size).map(move |i| if i < on_time { 0 } else { 10 });
    let agree: Vec<i64> = (0..16).flat_map(|_| block(size / 2)).collect();
    assert!(blocks_settle_probability(&agree, 5));
    // Shares swinging between 0.3 and 0.7: not settled.
    let swing: Vec<i64> = (0..16)
        .flat_map(|b| {
            block(if b % 2 == 0 {
                size * 3 / 10
            } else {
                size * 7 / 10
            })
        })
        .collect();
    assert!(!blocks_settle_probability(&swing, 5));
    // Fewer than 16 blocks: never.
    assert!(!blocks_settle_probability(&agree[..15 * size], 5));
}

/// The simulation at the usual confidence of 0.85.
fn simulate(plan: &Plan, estimates: &[Estimate], trials: u32, seed: u64) -> Simulation {
    super::simulate(plan, estimates, trials, seed, 0.85)
}

/// The catalog's confidence picks its own quantile: 0.5 and 0.95 give the
/// P50 and P95 dates, and the rank is exact (0.85 of 10,000 is 8,500).
#[test]
fn the_confidence_quantile_is_the_requested_rank() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(1, 1.0)];
    let items = [item(0, 10.0, &[])];
    let p = plan(&cal, &teams, &items, d(2027, 1, 20));
    let estimates = [three(5.0, 10.0, 20.0)];
    for (confidence, expected) in [(0.5, 0usize), (0.95, 2)] {
        let sim = super::simulate(&p, &estimates, 10_000, 3, confidence);
        let dates = [sim.p50, sim.p85, sim.p95];
        assert_eq!(sim.at_confidence, dates[expected], "{confidence}");
    }
    let v: Vec<i64> = (1..=10_000).collect();
    assert_eq!(nearest_rank(&v, 850_000), Some(8_500));
    assert_eq!(nearest_rank(&v, 900_001), Some(9_001));
    assert_eq!(to_ppm(0.85), 850_000);
    assert_eq!(to_ppm(f64::NAN), 1_000_000);
}
