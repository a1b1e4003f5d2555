//! The deals' usage and open work, gathered per team and period in one pass
//! (issue 20: `capacity` within twice `check`).
//!
//! Summing every deal's usage again for each team and period cost periods ×
//! teams × usage; here each usage day and each deadline finds its period by
//! a binary search (the periods are sorted and follow each other), so the
//! cost is the usage once. The sums keep the order of the pass they replace
//! (each deal's usage in its order, the deals in booking order), so every
//! figure comes out to the same bit.

use super::period::Period;
use crate::check::Booking;
use chrono::NaiveDate;

/// Per team (catalog index) and period, the deals behind the figures, each
/// as its index in the booking order, in that order.
pub(super) struct Gathered {
    /// Person-days each deal uses of the team in the period (only deals
    /// that use some; a deal's days summed in its usage order).
    pub used: Vec<Vec<Vec<(usize, f64)>>>,
    /// Person-days of the team's work each deal whose deadline falls in the
    /// period still has open then (only deals with the team in `open`).
    pub open: Vec<Vec<Vec<(usize, f64)>>>,
}

impl Gathered {
    /// Gathers `bookings` (each deal's deadline and booking, in booking
    /// order); `wanted` has one entry per catalog team, true for those
    /// shown (the others are skipped, not summed).
    pub fn of(periods: &[Period], wanted: &[bool], bookings: &[(NaiveDate, &Booking)]) -> Gathered {
        let grid = || vec![vec![Vec::new(); periods.len()]; wanted.len()];
        let mut out = Gathered {
            used: grid(),
            open: grid(),
        };
        for (index, (deadline, booking)) in bookings.iter().enumerate() {
            out.add_usage(periods, wanted, index, booking);
            if let Some(k) = period_of(periods, *deadline) {
                out.add_open(k, wanted, index, booking);
            }
        }
        out
    }

    /// Adds deal `index`'s usage: its days in a team and period follow each
    /// other at the end of that list, so they sum there.
    fn add_usage(&mut self, periods: &[Period], wanted: &[bool], index: usize, b: &Booking) {
        for u in &b.usage {
            if !wanted.get(u.team).copied().unwrap_or(false) {
                continue;
            }
            let Some(k) = period_of(periods, u.day) else {
                continue;
            };
            let list = &mut self.used[u.team][k];
            match list.last_mut() {
                Some((i, sum)) if *i == index => *sum += u.person_days,
                _ => list.push((index, u.person_days)),
            }
        }
    }

    /// Adds deal `index`'s open work at its deadline (in period `k`), once
    /// per team it names.
    fn add_open(&mut self, k: usize, wanted: &[bool], index: usize, b: &Booking) {
        for (j, (team, _)) in b.open.iter().enumerate() {
            let first = !b.open[..j].iter().any(|(t, _)| t == team);
            if !first || !wanted.get(*team).copied().unwrap_or(false) {
                continue;
            }
            let open: f64 = b
                .open
                .iter()
                .filter(|(t, _)| t == team)
                .map(|(_, pd)| pd)
                .sum();
            self.open[*team][k].push((index, open));
        }
    }
}

/// The period holding `day`, if any.
fn period_of(periods: &[Period], day: NaiveDate) -> Option<usize> {
    let k = periods.partition_point(|p| p.to < day);
    periods.get(k).filter(|p| p.from <= day).map(|_| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capacity::By;
    use crate::scheduler::Usage;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn used(team: usize, day: NaiveDate, person_days: f64) -> Usage {
        Usage {
            team,
            day,
            person_days,
        }
    }

    /// Wednesday 2027-02-10 to Tuesday 2027-02-23: three periods,
    /// 02-10..14, 02-15..21, 02-22..28 (the last week runs to its Sunday).
    fn weeks() -> Vec<Period> {
        Period::between(d(2027, 2, 10), d(2027, 2, 23), By::Week)
    }

    #[test]
    fn usage_counts_in_the_period_whose_first_or_last_day_it_falls_on() {
        let periods = weeks();
        let a = Booking {
            usage: vec![
                used(0, d(2027, 2, 9), 8.0),   // the day before today: not shown
                used(0, d(2027, 2, 10), 1.0),  // first day of the first period
                used(0, d(2027, 2, 14), 0.5),  // its last day
                used(0, d(2027, 2, 15), 0.25), // first day of the second
                used(1, d(2027, 2, 21), 2.0),  // last day of the second
                used(0, d(2027, 2, 28), 0.75), // last day shown
                used(0, d(2027, 3, 1), 16.0),  // past the last period
            ],
            open: vec![],
        };
        let b = Booking {
            usage: vec![used(0, d(2027, 2, 14), 0.125)],
            open: vec![],
        };
        let bookings = [(d(2027, 4, 1), &a), (d(2027, 4, 1), &b)];
        let g = Gathered::of(&periods, &[true, true], &bookings);
        assert_eq!(g.used[0][0], [(0, 1.5), (1, 0.125)]);
        assert_eq!(g.used[0][1], [(0, 0.25)]);
        assert_eq!(g.used[0][2], [(0, 0.75)]);
        assert_eq!(g.used[1][1], [(0, 2.0)]);
        assert!(g.used[1][0].is_empty() && g.used[1][2].is_empty());
        // Neither deal's deadline (2027-04-01) is shown: no open work.
        assert!(g.open.iter().flatten().all(Vec::is_empty));
    }

    #[test]
    fn open_work_counts_in_the_period_of_the_deadline_once_per_team() {
        let periods = weeks();
        let open = vec![(1, 1.0), (0, 2.0), (1, 0.5)];
        let on_sunday = Booking {
            usage: vec![],
            open: open.clone(),
        };
        let on_monday = Booking {
            usage: vec![],
            open: open.clone(),
        };
        let too_late = Booking {
            usage: vec![],
            open,
        };
        let bookings = [
            (d(2027, 2, 14), &on_sunday),
            (d(2027, 2, 15), &on_monday),
            (d(2027, 3, 1), &too_late),
        ];
        let g = Gathered::of(&periods, &[true, true], &bookings);
        assert_eq!(g.open[1][0], [(0, 1.5)]);
        assert_eq!(g.open[0][0], [(0, 2.0)]);
        assert_eq!(g.open[1][1], [(1, 1.5)]);
        assert!(g.open[0][2].is_empty() && g.open[1][2].is_empty());
    }

    #[test]
    fn teams_not_asked_for_are_left_out() {
        let periods = weeks();
        let a = Booking {
            usage: vec![used(0, d(2027, 2, 10), 1.0), used(1, d(2027, 2, 10), 1.0)],
            open: vec![(0, 1.0), (1, 1.0)],
        };
        let g = Gathered::of(&periods, &[false, true], &[(d(2027, 2, 10), &a)]);
        assert!(g.used[0][0].is_empty() && g.open[0][0].is_empty());
        assert_eq!(g.used[1][0], [(0, 1.0)]);
        assert_eq!(g.open[1][0], [(0, 1.0)]);
    }
}
