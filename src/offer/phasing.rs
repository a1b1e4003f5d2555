//! Rule 3: the `on_date` scope, walked item by item in deal order.
//!
//! Each listed feature, then each custom item, is judged with the items
//! kept before it: kept when that set still delivers by the deadline, waits
//! for no roadmap date after it and is on time with the catalog's
//! confidence (one check with the Monte Carlo); otherwise it moves to phase
//! 2. So an uncertain item never pushes out a certain one listed after it.
//!
//! Judging every item with its own check costs one check per item, each as
//! long as the deal: quadratic on long deals. The walk therefore judges a
//! whole run of items at once and, only when the run misses, searches
//! (doubling, then halving) for the first item that makes it miss: the
//! items before it are kept, it goes to phase 2, and the walk goes on after
//! it. A deal that fits costs one check; each item moved out costs about
//! `2 log2(n)` more. Once an item has missed, the teams are full: the next
//! item is judged alone first (one check when it misses too, as it mostly
//! does, instead of the whole run's and then its own). And a head shorter
//! than the run is mostly no schedule of its own: [`super::heads`] reads
//! it off the whole run's, so a run costs one deterministic schedule plus
//! the Monte Carlo of the heads that fit.

use super::Phase2;
use super::checks::Checks;
use super::decisions::Cause;
use super::heads::{Heads, Items};
use super::scope::{Deliverable, kept_names};
use crate::check::work_start;
use crate::gap::GapCode;

use chrono::NaiveDate;
use std::collections::HashSet;

/// What the `on_date` variant keeps and what moves to phase 2.
#[derive(Debug, Clone, PartialEq)]
pub struct OnDate {
    pub features: Vec<usize>,
    pub custom: Vec<usize>,
    pub phase_2: Vec<Phase2>,
}

/// How many items at the head of `run` can be kept together, and why the
/// next one cannot (when one cannot). `misses(head)` judges the kept set
/// with `head` added; the kept set alone is known to fit. When `tight`
/// (the item before the run missed), the first item is judged alone
/// first: the answer is the same whenever adding work never makes a scope
/// fit, and when it does, the first item is judged as the rule says, with
/// the kept set alone.
fn longest_fit(
    run: &[usize],
    tight: bool,
    misses: impl Fn(&[usize]) -> Option<Cause>,
) -> (usize, Option<Cause>) {
    if run.is_empty() {
        return (0, None);
    }
    // `lo` items fit, `hi` items miss (for `cause`).
    let mut lo = 0;
    if tight {
        if let Some(cause) = misses(&run[..1]) {
            return (0, Some(cause));
        }
        lo = 1;
    }
    if lo == run.len() {
        return (lo, None);
    }
    let Some(mut cause) = misses(run) else {
        return (run.len(), None);
    };
    let mut hi = run.len();
    let mut step = lo + 1;
    while step < hi {
        match misses(&run[..step]) {
            None => lo = step,
            Some(c) => {
                hi = step;
                cause = c;
                break;
            }
        }
        step *= 2;
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match misses(&run[..mid]) {
            None => lo = mid,
            Some(c) => {
                hi = mid;
                cause = c;
            }
        }
    }
    (lo, Some(cause))
}

/// `None` when the deadline is before work can start.
pub fn on_date(
    checks: &Checks,
    deliverable: &Deliverable,
    phase_2_date: NaiveDate,
) -> Option<OnDate> {
    let deal = checks.deal;
    if deal.deadline < work_start(deal, checks.options.as_of) {
        return None;
    }
    let mut out = OnDate {
        features: Vec::new(),
        custom: Vec::new(),
        phase_2: Vec::new(),
    };
    let mut run: &[usize] = &deliverable.features;
    let mut tight = false;
    while !run.is_empty() {
        let heads = Heads::new(checks, &out.features, &[], Items::Features, run);
        let (kept, cause) = longest_fit(run, tight, |head| heads.misses(head));
        drop(heads);
        out.features.extend_from_slice(&run[..kept]);
        tight = cause.is_some();
        let Some(cause) = cause else { break };
        let id = &deal.features[run[kept]].id;
        out.phase_2.push(Phase2::feature(
            id,
            phase_2_date,
            cause.code(),
            cause.phase_2_why(deal.deadline),
        ));
        run = &run[kept + 1..];
    }
    walk_custom(checks, deliverable, &mut out, phase_2_date, tight);
    Some(out)
}

/// The custom items, in order: a run of items that wait only for what is
/// kept before them is judged as one; an item waiting for something not
/// kept moves to phase 2 without a check. `tight`: the last item judged
/// missed.
fn walk_custom(
    checks: &Checks,
    deliverable: &Deliverable,
    out: &mut OnDate,
    date: NaiveDate,
    mut tight: bool,
) {
    let deal = checks.deal;
    let mut names = kept_names(checks.catalog, deal, &out.features, &[]);
    let mut pos = 0;
    let items = &deliverable.custom;
    while pos < items.len() {
        // The run: items from `pos` whose `after` names something kept or
        // earlier in the run.
        let mut in_run: HashSet<&str> = HashSet::new();
        let mut end = pos;
        let mut blocked = None;
        while end < items.len() {
            let c = &deal.custom[items[end]];
            let waits = c
                .after
                .iter()
                .find(|a| !names.contains(a.id.as_str()) && !in_run.contains(a.id.as_str()));
            if let Some(a) = waits {
                blocked = Some(a.id.clone());
                break;
            }
            in_run.insert(c.name.as_str());
            end += 1;
        }
        let run = &items[pos..end];
        let heads = Heads::new(checks, &out.features, &out.custom, Items::Custom, run);
        let (kept, cause) = longest_fit(run, tight, |head| heads.misses(head));
        drop(heads);
        if !run.is_empty() {
            tight = cause.is_some();
        }
        for &i in &run[..kept] {
            names.insert(deal.custom[i].name.as_str());
        }
        out.custom.extend_from_slice(&run[..kept]);
        if let Some(cause) = cause {
            let c = &deal.custom[run[kept]];
            out.phase_2.push(Phase2::custom(
                &c.name,
                date,
                cause.code(),
                cause.phase_2_why(deal.deadline),
            ));
            pos += kept + 1;
        } else if let Some(after) = blocked {
            let c = &deal.custom[items[end]];
            let why = format!("waits for \"{after}\", which moves to phase 2");
            out.phase_2
                .push(Phase2::custom(&c.name, date, GapCode::S001, why));
            pos = end + 1;
        } else {
            pos = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// `longest_fit` over `n` items of which the first `k` fit: the answer,
    /// and the head lengths it judged.
    fn fit(n: usize, k: usize, tight: bool) -> ((usize, Option<Cause>), Vec<usize>) {
        let run: Vec<usize> = (0..n).collect();
        let asked = RefCell::new(Vec::new());
        let answer = longest_fit(&run, tight, |head| {
            asked.borrow_mut().push(head.len());
            (head.len() > k).then_some(Cause::Late)
        });
        (answer, asked.into_inner())
    }

    /// The first item that misses is found for every length and position.
    #[test]
    fn the_first_miss_is_found() {
        for (n, tight) in (0..40).flat_map(|n| [(n, false), (n, true)]) {
            for k in 0..=n {
                let (answer, _) = fit(n, k, tight);
                let want = if k == n {
                    (n, None)
                } else {
                    (k, Some(Cause::Late))
                };
                assert_eq!(answer, want, "n = {n}, k = {k}, tight = {tight}");
            }
        }
    }

    /// The cost follows where the miss is, not how long the run is: the
    /// search doubles from the head (about 2·log2(k) checks for a miss at
    /// item k) and never judges one head twice.
    #[test]
    fn an_early_miss_costs_few_checks_and_no_head_is_judged_twice() {
        let cases = [
            (1024, 1),
            (1024, 3),
            (1024, 100),
            (4, 3),
            (9, 8),
            (300, 299),
        ];
        for ((n, k), tight) in cases.into_iter().flat_map(|c| [(c, false), (c, true)]) {
            let (_, asked) = fit(n, k, tight);
            let mut distinct = asked.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), asked.len(), "n = {n}, k = {k}: {asked:?}");
            let bound = 2 * (usize::BITS - (k + 1).leading_zeros()) as usize + 2;
            assert!(asked.len() <= bound, "n = {n}, k = {k}: {asked:?}");
        }
    }

    /// After a miss the next item is judged alone: one check when it
    /// misses too (not the whole run's and then its own), and a fitting
    /// whole run costs one check more than when not tight.
    #[test]
    fn after_a_miss_a_missing_item_costs_one_check() {
        assert_eq!(fit(20, 0, true), ((0, Some(Cause::Late)), vec![1]));
        assert_eq!(fit(20, 0, false).1, vec![20, 1]);
        assert_eq!(fit(20, 20, true), ((20, None), vec![1, 20]));
        assert_eq!(fit(20, 20, false), ((20, None), vec![20]));
    }

    /// Where adding work would make a scope fit (a schedule anomaly), the
    /// item after a miss is still judged as the rule says: with the kept
    /// set alone.
    #[test]
    fn after_a_miss_the_next_item_is_judged_with_the_kept_set_alone() {
        let run: Vec<usize> = (0..5).collect();
        let only_one_misses = |head: &[usize]| (head.len() == 1).then_some(Cause::Late);
        assert_eq!(
            longest_fit(&run, true, only_one_misses),
            (0, Some(Cause::Late))
        );
    }
}
