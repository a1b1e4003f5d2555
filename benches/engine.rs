//! Micro-benchmarks of the schedule engine and the Monte Carlo, so a
//! regression shows per function: one deal of 50 work items over 5 teams
//! (the deal `bench/montecarlo.sh` writes as TOML), scheduled once with
//! likely efforts (with its own capacity grid, and with one shared as a
//! check shares it between deals), then simulated with three-point
//! estimates.
//!
//! ```text
//! cargo bench --bench engine
//! ```

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use dealcheck::calendar::{TeamCalendar, WorkCalendar};
use dealcheck::montecarlo::{Estimate, simulate};
use dealcheck::scheduler::{CapacityGrids, Plan, WorkItem, schedule};
use std::collections::BTreeSet;
use std::hint::black_box;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Five teams of four people at 80% focus.
fn teams() -> Vec<TeamCalendar> {
    (0..5)
        .map(|_| TeamCalendar {
            people: 4,
            focus: 0.8,
            hours_per_day: 8.0,
            holidays: BTreeSet::new(),
            commitments: Vec::new(),
        })
        .collect()
}

/// Item `i` (1-based) on team `(i − 1) mod 5`, after item `i − 5`, with the
/// estimate `{ low = 2 + i mod 3, likely = 4 + i mod 4, high = 9 + i mod 5 }`.
fn deal() -> (Vec<WorkItem>, Vec<Estimate>) {
    (1..=50u32)
        .map(|i| {
            let item = WorkItem {
                team: ((i - 1) % 5) as usize,
                effort: f64::from(4 + i % 4),
                max_people: None,
                after: if i > 5 {
                    vec![(i - 6) as usize]
                } else {
                    Vec::new()
                },
            };
            let estimate = Estimate::ThreePoint {
                low: f64::from(2 + i % 3),
                likely: f64::from(4 + i % 4),
                high: f64::from(9 + i % 5),
            };
            (item, estimate)
        })
        .unzip()
}

fn engine(c: &mut Criterion) {
    let calendar = WorkCalendar::mon_fri();
    let teams = teams();
    let (items, estimates) = deal();
    let plan = Plan {
        calendar: &calendar,
        teams: &teams,
        items: &items,
        start: date(2027, 1, 4),
        deadline: date(2027, 5, 28),
        booked: None,
        grids: None,
    };
    c.bench_function("schedule: 50 items over 5 teams", |b| {
        b.iter(|| schedule(black_box(&plan)))
    });
    // As a check runs it: the capacity grid built once for the catalog and
    // shared, each deal adding only its suffix sums.
    let grids = CapacityGrids::default();
    let shared = Plan {
        grids: Some(&grids),
        ..plan
    };
    c.bench_function("schedule: 50 items over 5 teams, shared grid", |b| {
        b.iter(|| schedule(black_box(&shared)))
    });
    let default = simulate(&plan, &estimates, 10_000, 42, 0.85);
    eprintln!(
        "monte carlo at the default cap: {} trials, on time {:.3}, p50 {:?}, p95 {:?}",
        default.trials, default.on_time_probability, default.p50, default.p95
    );
    let mut group = c.benchmark_group("monte carlo: 50 items over 5 teams");
    group.sample_size(20);
    group.bench_function("default cap of 10,000 trials", |b| {
        b.iter(|| simulate(black_box(&plan), &estimates, 10_000, 42, 0.85))
    });
    // One block of 128 trials, below the first point the rule may stop at,
    // always runs in full: the cost per trial, whatever the rule decides.
    group.bench_function("one block of 128 trials", |b| {
        b.iter(|| simulate(black_box(&plan), &estimates, 128, 42, 0.85))
    });
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
