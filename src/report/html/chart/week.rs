//! The week: seven days × 24 hours, two weekly windows compared hour by
//! hour (what was promised against what a tier covers). Each hour holds
//! which of its quarter-hours each window has, so a window that starts at
//! :30 (or a zone 30 minutes off) is drawn and tabled exactly.

use super::{Key, figure, legend, px};
use crate::report::html::Text;
use maud::{Markup, html};

/// Quarter-hours in an hour, as bits of [`Hour`]'s masks.
pub const QUARTERS: u8 = 4;
const ALL: u8 = (1 << QUARTERS) - 1;
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// One hour of the week: bit `q` set when quarter-hour `q` is in the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hour {
    pub first: u8,
    pub second: u8,
}

/// What an hour shows, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Some of the first window is outside the second.
    Missing,
    /// The first window, all inside the second.
    Kept,
    /// Only the second window.
    Extra,
    Neither,
}

impl Hour {
    fn state(self) -> State {
        if self.first & !self.second & ALL != 0 {
            State::Missing
        } else if self.first & ALL != 0 {
            State::Kept
        } else if self.second & ALL != 0 {
            State::Extra
        } else {
            State::Neither
        }
    }
}

/// Two windows over one week, Monday first, in one time zone.
pub struct WeekGrid<'a> {
    pub title: &'a str,
    /// What the first window is ("Promised: mon-fri 08:00-18:00").
    pub first: &'a str,
    /// What the second window is ("Tier \"standard\": 24x7").
    pub second: &'a str,
    /// What each state is called in the legend: first inside second, first
    /// outside second, second only.
    pub words: [&'a str; 3],
    pub hours: [[Hour; 24]; 7],
}

impl State {
    fn class(self) -> &'static str {
        match self {
            State::Missing => "late",
            State::Kept => "s0",
            State::Extra => "free",
            State::Neither => "none",
        }
    }
}

const LEFT: f64 = 44.0;
const TOP: f64 = 20.0;
const CELL_W: f64 = 36.0;
const CELL_H: f64 = 22.0;

/// The week as a figure: the grid, its legend and a table of hours per day.
pub fn render(w: &WeekGrid) -> Markup {
    let picture = html! {
        (svg(w))
        (legend(&[
            Key { class: "s0", label: w.words[0] },
            Key { class: "late", label: w.words[1] },
            Key { class: "free", label: w.words[2] },
            Key { class: "none", label: "neither" },
        ]))
    };
    figure(w.title, picture, table(w))
}

fn svg(w: &WeekGrid) -> Markup {
    let width = LEFT + 24.0 * CELL_W + 8.0;
    let height = TOP + 7.0 * CELL_H + 4.0;
    html! {
        svg class="week" viewBox={"0 0 " (px(width)) " " (px(height))} width=(px(width)) role="img" {
            title { (Text(w.title)) }
            g class="axis" {
                @for h in (0..24).step_by(3) {
                    text x=(px(LEFT + h as f64 * CELL_W + 2.0)) y="14" { (format!("{h:02}:00")) }
                }
            }
            @for (d, day) in DAYS.iter().enumerate() {
                text x="4" y=(px(TOP + d as f64 * CELL_H + 15.0)) { (day) }
                @for (from, to, state) in runs(&w.hours[d]) {
                    g {
                        title { (describe(w, day, from, to, state)) }
                        rect class={"cell " (state.class())} x=(px(LEFT + from as f64 * CELL_W))
                            y=(px(TOP + d as f64 * CELL_H)) width=(px((to - from) as f64 * CELL_W))
                            height=(px(CELL_H)) {}
                    }
                }
            }
            g class="axis" {
                @for h in 0..=24 {
                    line class="grid" x1=(px(LEFT + h as f64 * CELL_W)) x2=(px(LEFT + h as f64 * CELL_W))
                        y1=(px(TOP)) y2=(px(TOP + 7.0 * CELL_H)) {}
                }
            }
        }
    }
}

fn describe(w: &WeekGrid, day: &str, from: usize, to: usize, state: State) -> String {
    let what = match state {
        State::Kept => w.words[0],
        State::Missing => w.words[1],
        State::Extra => w.words[2],
        State::Neither => "neither",
    };
    format!("{day} {from:02}:00–{to:02}:00: {what}")
}

/// Hours of a day grouped into runs of one state: `(from, to, state)`.
fn runs(hours: &[Hour; 24]) -> Vec<(usize, usize, State)> {
    let mut out: Vec<(usize, usize, State)> = Vec::new();
    for (h, hour) in hours.iter().enumerate() {
        let s = hour.state();
        match out.last_mut() {
            Some(run) if run.2 == s => run.1 = h + 1,
            _ => out.push((h, h + 1, s)),
        }
    }
    out
}

/// The quarter-hours of a day where `pick` is set, as `08:00–18:00` ranges
/// (`—` for none).
pub fn ranges(hours: &[Hour; 24], pick: impl Fn(Hour) -> u8) -> String {
    let on = |q: usize| pick(hours[q / 4]) & (1 << (q % 4)) != 0;
    let mut parts = Vec::new();
    let mut q = 0;
    while q < 96 {
        if !on(q) {
            q += 1;
            continue;
        }
        let start = q;
        while q < 96 && on(q) {
            q += 1;
        }
        parts.push(format!("{}–{}", clock(start), clock(q)));
    }
    if parts.is_empty() {
        "—".to_string()
    } else {
        parts.join(", ")
    }
}

fn clock(quarter: usize) -> String {
    format!("{:02}:{:02}", quarter / 4, quarter % 4 * 15)
}

fn table(w: &WeekGrid) -> Markup {
    html! {
        table {
            thead {
                tr {
                    th scope="col" { "Day" }
                    th scope="col" { (Text(w.first)) }
                    th scope="col" { (Text(w.second)) }
                    th scope="col" { (Text(w.words[1])) }
                }
            }
            tbody {
                @for (d, day) in DAYS.iter().enumerate() {
                    tr {
                        th scope="row" { (day) }
                        td { (ranges(&w.hours[d], |h| h.first)) }
                        td { (ranges(&w.hours[d], |h| h.second)) }
                        td { (ranges(&w.hours[d], |h| h.first & !h.second)) }
                    }
                }
            }
        }
    }
}
