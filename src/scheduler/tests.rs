//! Worked examples of the schedule, each computed by hand in its comments.

use super::*;
use crate::calendar::Commitment;
use crate::testing::{d, item, plan, team};

/// Monday 2027-01-04: every worked example starts here.
fn mon() -> NaiveDate {
    d(2027, 1, 4)
}

fn run(teams: &[TeamCalendar], items: &[WorkItem]) -> Schedule {
    let cal = WorkCalendar::mon_fri();
    schedule(&plan(&cal, teams, items, d(2027, 12, 31)))
}

fn finishes(s: &Schedule) -> Vec<Option<NaiveDate>> {
    s.items.iter().map(|o| o.finish).collect()
}

/// Runs the full-horizon engine on `p` as [`schedule`] falls back to it:
/// the delivery slot and how many days it simulated one by one. Tests assert
/// on that count, not on elapsed time.
fn count_days(p: &Plan, mode: Mode) -> (Option<usize>, usize) {
    let efforts: Vec<f64> = p.items.iter().map(|i| i.effort).collect();
    let engine = Engine::new(p);
    let mut scratch = engine.scratch();
    let delivery = engine.run(&efforts, &mut scratch, mode);
    (delivery, scratch.simulated_days())
}

#[test]
fn weekends_are_skipped() {
    // 1 person × focus 1 = 1 pd/day; 7 pd: Mon–Fri (5), Mon 11, Tue 12.
    let s = run(&[team(1, 1.0)], &[item(0, 7.0, &[])]);
    assert_eq!(s.delivery, Some(d(2027, 1, 12)));
    assert_eq!(s.items[0].start, Some(mon()));
}

#[test]
fn catalog_and_team_holidays_are_skipped() {
    // 3 pd at 1/day: Mon 4, Tue 5, (Wed 6 catalog holiday, Thu 7 team
    // holiday), Fri 8.
    let mut cal = WorkCalendar::mon_fri();
    cal.holidays.insert(d(2027, 1, 6));
    let mut t = team(1, 1.0);
    t.holidays.insert(d(2027, 1, 7));
    let items = [item(0, 3.0, &[])];
    let teams = [t];
    let s = schedule(&plan(&cal, &teams, &items, d(2027, 12, 31)));
    assert_eq!(s.delivery, Some(d(2027, 1, 8)));
}

#[test]
fn commitments_take_people_away() {
    // 3 people, 2 committed Mon–Tue: Mon 1, Tue 1, Wed 3 ≥ the last 2.
    let mut t = team(3, 1.0);
    t.commitments.push(Commitment {
        from: mon(),
        until: d(2027, 1, 5),
        people: 2,
    });
    let s = run(&[t], &[item(0, 4.0, &[])]);
    assert_eq!(s.delivery, Some(d(2027, 1, 6)));
}

#[test]
fn focus_scales_capacity_without_float_residue_days() {
    // 2 × 0.5 = 1 pd/day: 2.5 pd end Wed (0.5 of it).
    let s = run(&[team(2, 0.5)], &[item(0, 2.5, &[])]);
    assert_eq!(s.delivery, Some(d(2027, 1, 6)));
    // 0.7 × 3 = 2.1 exactly on paper; float residue must not add Thursday.
    let s = run(&[team(1, 0.7)], &[item(0, 2.1, &[])]);
    assert_eq!(s.delivery, Some(d(2027, 1, 6)));
}

#[test]
fn max_people_caps_an_item_and_the_rest_flows_on() {
    // 4 people: item 0 capped at 1 pd/day needs Mon–Wed; item 1 gets the
    // other 3 pd/day: 6 pd by Tue.
    let mut capped = item(0, 3.0, &[]);
    capped.max_people = Some(1);
    let s = run(&[team(4, 1.0)], &[capped, item(0, 6.0, &[])]);
    assert_eq!(finishes(&s), [Some(d(2027, 1, 6)), Some(d(2027, 1, 5))]);
}

#[test]
fn max_people_is_scaled_by_focus() {
    // max 2 people × focus 0.5 = 1 pd/day: 3 pd → Wed.
    let mut capped = item(0, 3.0, &[]);
    capped.max_people = Some(2);
    let s = run(&[team(10, 0.5)], &[capped]);
    assert_eq!(s.delivery, Some(d(2027, 1, 6)));
}

#[test]
fn follower_starts_the_working_day_after_its_predecessor() {
    // Team 0: 5 pd Mon–Fri 8. Team 1 follows: starts Mon 11, 1 pd done then.
    let s = run(
        &[team(1, 1.0), team(1, 1.0)],
        &[item(0, 5.0, &[]), item(1, 1.0, &[0])],
    );
    assert_eq!(s.items[1].start, Some(d(2027, 1, 11)));
    assert_eq!(finishes(&s), [Some(d(2027, 1, 8)), Some(d(2027, 1, 11))]);
    // Even with capacity left on the finishing day, the follower waits.
    let s = run(&[team(2, 1.0)], &[item(0, 0.5, &[]), item(0, 1.0, &[0])]);
    assert_eq!(s.items[1].start, Some(d(2027, 1, 5)));
}

#[test]
fn deal_order_is_priority_within_a_team() {
    // 1 pd/day. Item 0 (1.5 pd): Mon 1, Tue 0.5 → Tue. Item 1 (1 pd):
    // Tue 0.5, Wed 0.5 → Wed.
    let s = run(&[team(1, 1.0)], &[item(0, 1.5, &[]), item(0, 1.0, &[])]);
    assert_eq!(finishes(&s), [Some(d(2027, 1, 5)), Some(d(2027, 1, 6))]);
    assert_eq!(s.items[1].start, Some(d(2027, 1, 5)));
    // Swapped: the 1 pd item takes all of Mon; the other Tue 1, Wed 0.5.
    let s = run(&[team(1, 1.0)], &[item(0, 1.0, &[]), item(0, 1.5, &[])]);
    assert_eq!(finishes(&s), [Some(mon()), Some(d(2027, 1, 6))]);
}

#[test]
fn zero_effort_items_take_no_day() {
    // Item 1 (0 pd) finishes with item 0 on Tue; item 2 starts Wed as if
    // it followed item 0. Item 3 has nothing to wait for: done at start.
    let s = run(
        &[team(1, 1.0)],
        &[
            item(0, 2.0, &[]),
            item(0, 0.0, &[0]),
            item(0, 1.0, &[1]),
            item(0, 0.0, &[]),
        ],
    );
    let tue = d(2027, 1, 5);
    assert_eq!(
        s.items[1],
        ItemOutcome {
            start: Some(tue),
            finish: Some(tue)
        }
    );
    assert_eq!(s.items[2].finish, Some(d(2027, 1, 6)));
    assert_eq!(
        s.items[3],
        ItemOutcome {
            start: Some(mon()),
            finish: Some(mon())
        }
    );
}

#[test]
fn no_work_is_delivered_on_the_start_day() {
    let s = run(&[team(1, 1.0)], &[]);
    assert_eq!(s.delivery, Some(mon()));
    let s = run(&[], &[item(0, 0.0, &[]), item(0, -3.0, &[0])]);
    assert_eq!(s.delivery, Some(mon()));
    assert!(s.slack_working_days > Some(0));
}

#[test]
fn zero_capacity_forever_is_none_without_simulating_a_day() {
    let mut t = team(2, 1.0);
    t.commitments.push(Commitment {
        from: NaiveDate::MIN,
        until: NaiveDate::MAX,
        people: 2,
    });
    let teams = [t];
    let items = [item(0, 1.0, &[])];
    let s = run(&teams, &items);
    assert_eq!(s.delivery, None);
    assert_eq!(s.slack_working_days, None);
    assert_eq!(s.open_person_days, 1.0);
    // Nobody is ever free, so no day has capacity: none is simulated.
    let cal = WorkCalendar::mon_fri();
    let p = plan(&cal, &teams, &items, d(2027, 12, 31));
    assert_eq!(count_days(&p, Mode::Report), (None, 0));
}

#[test]
fn absurd_inputs_skip_ahead_and_do_not_panic() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(5, 1.0)];
    let items = [item(0, 1.0, &[]), item(0, 1e300, &[])];
    let mut p = plan(&cal, &teams, &items, d(9999, 12, 31));
    let s = schedule(&p);
    assert_eq!(s.delivery, None);
    assert_eq!(s.items[0].finish, Some(mon())); // the rest is still scheduled
    assert!(s.open_person_days >= 1e300);
    for start in [
        d(2027, 1, 4),
        d(262_000, 1, 1),
        NaiveDate::MAX,
        NaiveDate::MIN,
    ] {
        p.start = start;
        assert_eq!(schedule(&p).delivery, None);
        // Of up to 2,609 working days in the horizon, the engine simulates
        // only the day item 0 finishes and the horizon's last day (the
        // deadline lies beyond it); the rest is skipped in bulk. A trial sees
        // at once that 1e300 person-days cannot fit and simulates none.
        let (delivery, days) = count_days(&p, Mode::Report);
        assert_eq!(delivery, None);
        assert!(days <= 2, "{start}: {days} days simulated");
        assert_eq!(count_days(&p, Mode::Trial), (None, 0), "{start}");
    }
}

#[test]
fn nan_infinite_and_negative_efforts_do_not_panic() {
    let s = run(&[team(1, 1.0)], &[item(0, f64::NAN, &[])]);
    assert_eq!(s.delivery, None);
    let s = run(&[team(1, 1.0)], &[item(0, f64::INFINITY, &[])]);
    assert_eq!(s.delivery, None);
    let s = run(&[team(1, 1.0)], &[item(0, -5.0, &[]), item(0, 1.0, &[0])]);
    assert_eq!(s.delivery, Some(mon()));
}

#[test]
fn bad_indices_and_cycles_never_finish_but_never_hang() {
    let s = run(&[team(1, 1.0)], &[item(3, 1.0, &[])]);
    assert_eq!(s.delivery, None);
    let s = run(&[team(1, 1.0)], &[item(0, 1.0, &[7])]);
    assert_eq!(s.delivery, None);
    let s = run(
        &[team(1, 1.0)],
        &[item(0, 1.0, &[1]), item(0, 0.0, &[0]), item(0, 2.0, &[])],
    );
    assert_eq!(s.delivery, None);
    assert_eq!(finishes(&s), [None, None, Some(d(2027, 1, 5))]);
    let mut no_people = item(0, 1.0, &[]);
    no_people.max_people = Some(0);
    assert_eq!(run(&[team(1, 1.0)], &[no_people]).delivery, None);
}

#[test]
fn late_delivery_reports_open_work_and_overtime() {
    // Team 0: 2 × 0.5 = 1 pd/day, 6 h/day, 10 pd: 5 done by Fri 8, open 5,
    // done Fri 15. Team 1: 1 pd/day, 8 h/day, 7 pd: open 2, done Tue 12.
    // Overtime = 5 × 6 + 2 × 8 = 46 h. Slack: Mon 11 … Fri 15 = −5.
    let mut t0 = team(2, 0.5);
    t0.hours_per_day = 6.0;
    let teams = [t0, team(1, 1.0)];
    let items = [item(0, 10.0, &[]), item(1, 7.0, &[])];
    let cal = WorkCalendar::mon_fri();
    let s = schedule(&plan(&cal, &teams, &items, d(2027, 1, 8)));
    assert_eq!(s.delivery, Some(d(2027, 1, 15)));
    assert_eq!(s.open_person_days, 7.0);
    assert_eq!(s.overtime_hours, 46.0);
    assert_eq!(s.slack_working_days, Some(-5));
}

#[test]
fn deadline_before_start_leaves_everything_open() {
    let teams = [team(1, 1.0)];
    let items = [item(0, 2.0, &[]), item(0, 0.0, &[])];
    let cal = WorkCalendar::mon_fri();
    let s = schedule(&plan(&cal, &teams, &items, d(2027, 1, 1)));
    assert_eq!(s.delivery, Some(d(2027, 1, 5)));
    assert_eq!(s.open_person_days, 2.0);
    assert_eq!(s.overtime_hours, 16.0);
    // Fri 1 → Tue 5: Mon, Tue.
    assert_eq!(s.slack_working_days, Some(-2));
}

#[test]
fn slack_counts_catalog_working_days() {
    // Done Tue 5; deadline Fri 8: Wed, Thu, Fri = 3. A team holiday does
    // not count against slack; a catalog holiday does.
    let mut t = team(1, 1.0);
    t.holidays.insert(d(2027, 1, 7));
    let teams = [t];
    let items = [item(0, 2.0, &[])];
    let mut cal = WorkCalendar::mon_fri();
    let s = schedule(&plan(&cal, &teams, &items, d(2027, 1, 8)));
    assert_eq!(
        (s.delivery, s.slack_working_days),
        (Some(d(2027, 1, 5)), Some(3))
    );
    assert_eq!(s.open_person_days, 0.0);
    cal.holidays.insert(d(2027, 1, 6));
    let s = schedule(&plan(&cal, &teams, &items, d(2027, 1, 8)));
    assert_eq!(s.slack_working_days, Some(2));
    let s = schedule(&plan(&cal, &teams, &items, d(2027, 1, 5)));
    assert_eq!(
        (s.delivery, s.slack_working_days),
        (Some(d(2027, 1, 5)), Some(0))
    );
}

#[test]
fn booked_capacity_is_not_available() {
    // 2 pd/day; 1.5 booked Mon leaves 0.5, 5 booked Tue leaves 0:
    // 2.5 pd = Mon 0.5 + Wed 2.
    let mut booked = Booked::new();
    booked.add(0, mon(), 1.5);
    booked.add(0, d(2027, 1, 5), 5.0);
    booked.add(1, d(2027, 1, 6), 9.0); // another team: no effect
    let teams = [team(2, 1.0), team(1, 1.0)];
    let items = [item(0, 2.5, &[])];
    let cal = WorkCalendar::mon_fri();
    let mut p = plan(&cal, &teams, &items, d(2027, 1, 29));
    p.booked = Some(&booked);
    let s = schedule(&p);
    assert_eq!(s.delivery, Some(d(2027, 1, 6)));
    let expected = [
        Usage {
            team: 0,
            day: mon(),
            person_days: 0.5,
        },
        Usage {
            team: 0,
            day: d(2027, 1, 6),
            person_days: 2.0,
        },
    ];
    assert_eq!(s.usage, expected);
    // Booking what this deal used leaves nothing for a copy of it on Mon
    // and Wed: Thu 2 + Fri 0.5.
    let mut more = booked.clone();
    more.add_usage(&s.usage);
    p.booked = Some(&more);
    let again = schedule(&p);
    assert_eq!(again.delivery, Some(d(2027, 1, 8)));
    let used = more.used_capacity(&cal, 0, &teams[0], mon(), d(2027, 1, 6));
    assert_eq!(used, 2.0 + 2.0 + 2.0); // capped at what each day offers
}

/// Not a bug but the contract's priority rule (a list-scheduling
/// anomaly): more people on one team can make the deal later. Team Y
/// finishing item 0 sooner lets item 1 grab team X before item 2, which
/// item 3 (team Z, long) waits for.
#[test]
fn more_capacity_can_make_delivery_later_with_dependencies() {
    let items = [
        item(1, 2.0, &[]),
        item(0, 5.0, &[0]),
        item(0, 2.0, &[]),
        item(2, 10.0, &[2]),
    ];
    // Y = 1: item 2 Mon–Tue, item 3 Wed 6 … Tue 19.
    let slow = run(&[team(1, 1.0), team(1, 1.0), team(1, 1.0)], &items);
    assert_eq!(slow.delivery, Some(d(2027, 1, 19)));
    // Y = 2: item 0 done Mon, so item 2 gets X on Mon only; item 1 takes
    // X Tue 5 – Mon 11; item 2 ends Tue 12; item 3 Wed 13 … Tue 26.
    let fast = run(&[team(1, 1.0), team(2, 1.0), team(1, 1.0)], &items);
    assert_eq!(fast.delivery, Some(d(2027, 1, 26)));
}

/// A team whose work is done may be left with float residue (±1e-16) in its
/// running total of work; with no capacity left in the horizon that residue
/// must not count as work that cannot fit, or the whole plan would be given
/// up as never delivered. Past the deadline (where the report checks for
/// hopeless plans every event) and in trials, many efforts and focuses.
#[test]
fn float_residue_of_finished_work_is_not_work_that_cannot_fit() {
    let cal = WorkCalendar::mon_fri();
    let mut failures = Vec::new();
    for tenths in 1..=9 {
        let focus = f64::from(tenths) / 10.0;
        let mut a = team(3, focus);
        // Team 0 is fully committed from the second week on, for good.
        a.commitments.push(Commitment {
            from: d(2027, 1, 11),
            until: NaiveDate::MAX,
            people: 3,
        });
        let teams = [a, team(1, 1.0)];
        for hundredths in 1..=150 {
            let effort = f64::from(hundredths) / 10.0 * focus;
            // Team 1's 20 days end on Friday 2027-01-29.
            let items = [
                item(0, effort, &[]),
                item(0, effort / 3.0, &[]),
                item(1, 20.0, &[]),
            ];
            if effort + effort / 3.0 > 3.0 * focus * 5.0 {
                continue; // does not fit team 0's one free week
            }
            let p = plan(&cal, &teams, &items, mon());
            let s = schedule(&p);
            let (trial, _) = count_days(&p, Mode::Trial);
            if s.delivery != Some(d(2027, 1, 29)) || trial.is_none() {
                failures.push((focus, effort, s.delivery, trial));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}

/// On a shared grid (which reaches past the plan's horizon), a capped item
/// that can never finish stops being stepped once the deadline has passed:
/// what is left (6,000 person-days) exceeds all the team can still give
/// within the horizon (about 5,200), though not all the grid holds.
#[test]
fn a_hopeless_plan_on_a_shared_grid_stops_after_its_deadline() {
    let cal = WorkCalendar::mon_fri();
    let teams = [team(2, 1.0)];
    let items = [WorkItem {
        max_people: Some(1),
        ..item(0, 6_000.0, &[])
    }];
    let grids = CapacityGrids::default();
    let p = Plan {
        grids: Some(&grids),
        ..plan(&cal, &teams, &items, d(2027, 1, 15))
    };
    let (delivery, days) = count_days(&p, Mode::Report);
    assert_eq!(delivery, None);
    assert!(days <= 12, "stepped {days} days");
    let s = schedule(&p);
    assert_eq!(s.delivery, None);
    assert_eq!(s.open_person_days, 6_000.0 - 10.0);
}

/// A capped item steps over the days its team is off while another team
/// works (rows of the grid where its team gives nothing): 2 people, at most
/// 1 on the item, off Tue–Wed: Mon 1, Thu 1, Fri 1.
#[test]
fn a_capped_item_waits_out_its_teams_days_off() {
    let mut off = team(2, 1.0);
    off.holidays.extend([d(2027, 1, 5), d(2027, 1, 6)]);
    let teams = [off, team(1, 1.0)];
    let items = [WorkItem {
        max_people: Some(1),
        ..item(0, 3.0, &[])
    }];
    let s = run(&teams, &items);
    assert_eq!(s.items[0].start, Some(mon()));
    assert_eq!(s.delivery, Some(d(2027, 1, 8)));
    let days: Vec<NaiveDate> = s.usage.iter().map(|u| u.day).collect();
    assert_eq!(days, [mon(), d(2027, 1, 7), d(2027, 1, 8)]);
}
