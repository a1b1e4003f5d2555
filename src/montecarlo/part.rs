//! Which items can vary between trials, whether more effort can only
//! deliver later (monotone plans), and the smaller plan the trials
//! run: some items of a plan, renumbered, with only the teams they use.

use crate::calendar::TeamCalendar;
use crate::scheduler::{Plan, WorkItem};

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Direction {
    /// To what an item can influence.
    Forward,
    /// To what can influence an item.
    Backward,
}

/// `marked` grown along influence: item `j` influences item `i` when `j` is
/// one of `i`'s predecessors, or on the same team with a higher priority
/// (lower index) — a team serves its ready items in order, so an item's
/// days depend on nothing else.
pub(super) fn closure(
    items: &[WorkItem],
    mut marked: Vec<bool>,
    direction: Direction,
) -> Vec<bool> {
    let n = items.len();
    let mut followers = vec![Vec::new(); n];
    if direction == Direction::Forward {
        for (i, item) in items.iter().enumerate() {
            for &p in item.after.iter().filter(|p| **p < n) {
                followers[p].push(i);
            }
        }
    }
    let mut stack: Vec<usize> = (0..n).filter(|&i| marked[i]).collect();
    while let Some(j) = stack.pop() {
        let (linked, same_team) = match direction {
            Direction::Forward => (&followers[j], j + 1..n),
            Direction::Backward => (&items[j].after, 0..j),
        };
        let same_team = same_team.filter(|&i| items[i].team == items[j].team);
        for i in linked.iter().copied().filter(|i| *i < n).chain(same_team) {
            if !marked[i] {
                marked[i] = true;
                stack.push(i);
            }
        }
    }
    marked
}

/// Some items of a plan (closed under [`Direction::Backward`]), renumbered,
/// and — when the plan builds its own capacity grid and has nothing booked
/// (both keyed by catalog team index) — only the teams they use, so the
/// grid it builds has no idle columns. A shared grid has them already.
pub(super) struct Part {
    pub(super) items: Vec<WorkItem>,
    pub(super) teams: Option<Vec<TeamCalendar>>,
    /// Each item's index in the whole plan.
    pub(super) index: Vec<usize>,
}

impl Part {
    pub(super) fn new(plan: &Plan, keep: &[bool]) -> Part {
        let index: Vec<usize> = (0..plan.items.len()).filter(|&i| keep[i]).collect();
        let mut renumber = vec![usize::MAX; plan.items.len()];
        for (new, &old) in index.iter().enumerate() {
            renumber[old] = new;
        }
        let mut team_of = (0..plan.teams.len()).collect::<Vec<usize>>();
        let mut teams = None;
        if plan.booked.is_none() && plan.grids.is_none() {
            let mut used: Vec<usize> = index
                .iter()
                .map(|&i| plan.items[i].team)
                .filter(|t| *t < plan.teams.len())
                .collect();
            used.sort_unstable();
            used.dedup();
            for (new, &old) in used.iter().enumerate() {
                team_of[old] = new;
            }
            teams = Some(
                used.iter()
                    .map(|&t| plan.teams[t].clone())
                    .collect::<Vec<_>>(),
            );
        }
        let team_count = teams.as_ref().map_or(plan.teams.len(), Vec::len);
        let items = index
            .iter()
            .map(|&i| {
                let item = &plan.items[i];
                WorkItem {
                    // A team or predecessor that does not exist stays one
                    // that does not exist.
                    team: team_of.get(item.team).copied().unwrap_or(team_count),
                    after: item
                        .after
                        .iter()
                        .map(|&p| renumber.get(p).copied().unwrap_or(usize::MAX))
                        .collect(),
                    ..item.clone()
                }
            })
            .collect();
        Part {
            items,
            teams,
            index,
        }
    }

    pub(super) fn plan<'a>(&'a self, whole: &Plan<'a>) -> Plan<'a> {
        Plan {
            items: &self.items,
            teams: self.teams.as_deref().unwrap_or(whole.teams),
            ..*whole
        }
    }
}

/// True when more effort on the drawn items can only make every item finish
/// later: every item waiting for one that `varies` is followed on its team
/// only by items that wait for it in turn. (Otherwise such an item, ready
/// later, would leave its team's capacity to a lower-priority item, whose
/// followers may then finish sooner.)
///
/// Why that suffices: each day a team hands its capacity down its ready
/// items in order, each taking `min(remaining, daily cap, left)`. An item
/// ready in the run with less effort but not yet in the one with more can
/// only be such a waiting item or one after it, and everything after it on
/// its team waits for it, so no item ready in both finds more capacity left
/// with more effort. With more remaining work every item keeps at least as
/// much and leaves no more, so by induction over the days nothing finishes
/// and nothing becomes ready sooner (up to the engine's 10⁻⁹ finishing
/// tolerance).
pub(super) fn monotone(items: &[WorkItem], varies: &[bool]) -> bool {
    let n = items.len();
    let mut direct = vec![Vec::new(); n];
    for (k, item) in items.iter().enumerate() {
        for &p in item.after.iter().filter(|p| **p < n) {
            direct[p].push(k);
        }
    }
    items.iter().enumerate().all(|(i, item)| {
        let waits_on_a_draw = item.after.iter().any(|&p| varies.get(p) == Some(&true));
        let mut later_on_team = (i + 1..n).filter(|&j| items[j].team == item.team);
        if !waits_on_a_draw || later_on_team.clone().next().is_none() {
            return true;
        }
        let followers = followers_of(&direct, i);
        later_on_team.all(|j| followers[j])
    })
}

/// Items that wait for item `i`, directly or through others, given each
/// item's direct followers.
fn followers_of(direct: &[Vec<usize>], i: usize) -> Vec<bool> {
    let mut marked = vec![false; direct.len()];
    let mut stack = vec![i];
    while let Some(j) = stack.pop() {
        for &k in &direct[j] {
            if !marked[k] {
                marked[k] = true;
                stack.push(k);
            }
        }
    }
    marked
}
