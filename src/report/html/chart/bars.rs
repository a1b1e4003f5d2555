//! Bars per period: a [`Stacked`] bar of several series with a limit whose
//! excess is hatched (a team's load against its capacity, overtime marked),
//! and one [`Values`] bar per period with an optional band (a probability,
//! expected overtime with its P85). Each bar has a `<title>` tooltip
//! saying its figures and what is behind them. A stacked chart may also
//! carry [`Flags`]: what a period needs beyond its stack (the overtime its
//! deadlines need), drawn as a hatched flag above the bar.

use super::{Key, clip, figure, legend, number, px, series_class};
use crate::report::html::Text;
use maud::{Markup, html};

/// One series of a stacked chart.
pub struct Series<'a> {
    pub label: &'a str,
    /// How its segments are filled.
    pub fill: Fill,
}

/// A segment's fill: a palette colour, or a pattern for what is not load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Colour(usize),
    /// Dotted: room that is free.
    Free,
}

impl Fill {
    fn class(self) -> &'static str {
        match self {
            Fill::Colour(i) => series_class(i),
            Fill::Free => "free",
        }
    }
}

/// One period's bar: a value per series, in the series' order.
pub struct Period {
    pub label: String,
    pub values: Vec<f64>,
    /// What is behind each value (the deals), for the tooltip and table.
    pub notes: Vec<String>,
    /// The most the period holds without overtime; the stack above it is
    /// hatched and said in the table.
    pub limit: Option<f64>,
}

/// A stacked bar per period.
pub struct Stacked<'a> {
    pub title: &'a str,
    /// The unit of the values ("person-days").
    pub unit: &'a str,
    pub series: &'a [Series<'a>],
    pub periods: Vec<Period>,
}

/// What a period needs beyond its stack, such as the overtime its
/// deadlines need: in hours, not a share of the period's person-days, so it
/// cannot be a segment. Drawn as a hatched flag above the bar with a short
/// label, and said in the bar's tooltip and in a column of the table.
pub struct Flag {
    /// Said on the chart, short ("⚠ 8 h"); a slot too narrow for it shows
    /// the ⚠ alone.
    pub label: String,
    /// What is behind it ("TIGHT 8 h"), for the tooltip and the table.
    pub note: String,
}

/// The flags of a stacked chart.
pub struct Flags<'a> {
    /// The table column's heading and the legend entry ("Overtime at
    /// deadlines").
    pub heading: &'a str,
    /// One per period, in the periods' order; `None`: nothing to flag.
    pub periods: Vec<Option<Flag>>,
}

impl Flags<'_> {
    /// No flag on any period.
    pub fn none() -> Flags<'static> {
        Flags {
            heading: "",
            periods: Vec::new(),
        }
    }

    fn of(&self, period: usize) -> Option<&Flag> {
        self.periods.get(period).and_then(Option::as_ref)
    }

    fn any(&self) -> bool {
        self.periods.iter().any(Option::is_some)
    }
}

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 56.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 34.0;

/// The vertical scale: 0 at the bottom, `max` at the top.
struct Scale {
    max: f64,
}

impl Scale {
    fn new(max: f64) -> Scale {
        Scale {
            max: if max > 0.0 && max.is_finite() {
                max
            } else {
                1.0
            },
        }
    }
    fn y(&self, v: f64) -> f64 {
        let plot = HEIGHT - TOP - BOTTOM;
        HEIGHT - BOTTOM - (v.clamp(0.0, self.max) / self.max) * plot
    }
}

/// The part of a stack above its limit.
fn over(p: &Period) -> Option<f64> {
    let total: f64 = p.values.iter().sum();
    p.limit
        .filter(|l| total > *l + crate::figures::TOLERANCE)
        .map(|l| total - l)
}

/// The stacked chart as a figure.
pub fn stacked(c: &Stacked) -> Markup {
    flagged(c, &Flags::none())
}

/// The stacked chart as a figure, with a flag above the bars of the
/// periods `flags` names.
pub fn flagged(c: &Stacked, flags: &Flags) -> Markup {
    let mut keys: Vec<Key> = c
        .series
        .iter()
        .map(|s| Key {
            class: s.fill.class(),
            label: s.label,
        })
        .collect();
    if c.periods.iter().any(|p| over(p).is_some()) {
        keys.push(Key {
            class: "late",
            label: "over the limit (overtime)",
        });
    }
    if flags.any() {
        keys.push(Key {
            class: "over",
            label: flags.heading,
        });
    }
    let picture = html! { (stacked_svg(c, flags)) (legend(&keys)) };
    figure(c.title, picture, stacked_table(c, flags))
}

fn slot(periods: usize) -> f64 {
    (WIDTH - LEFT - 8.0) / periods.max(1) as f64
}

fn stacked_svg(c: &Stacked, flags: &Flags) -> Markup {
    let top = c
        .periods
        .iter()
        .map(|p| p.values.iter().sum::<f64>().max(p.limit.unwrap_or(0.0)))
        .fold(0.0, f64::max);
    let scale = Scale::new(top * 1.1);
    let w = slot(c.periods.len());
    html! {
        svg class="bars" viewBox={"0 0 " (px(WIDTH)) " " (px(HEIGHT))} width=(px(WIDTH)) role="img" {
            title { (Text(c.title)) }
            (value_axis(&scale, c.unit))
            @for (i, p) in c.periods.iter().enumerate() {
                (stacked_bar(c, p, flags.of(i).map(|f| (flags.heading, f)), &scale, LEFT + w * i as f64, w))
            }
        }
    }
}

fn stacked_bar(
    c: &Stacked,
    p: &Period,
    flag: Option<(&str, &Flag)>,
    scale: &Scale,
    x: f64,
    w: f64,
) -> Markup {
    let bar_w = (w * 0.7).max(2.0);
    let bx = x + (w - bar_w) / 2.0;
    let mut base = 0.0;
    let segments: Vec<(f64, f64, usize)> = p
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let seg = (base, base + v.max(0.0), i);
            base += v.max(0.0);
            seg
        })
        .collect();
    html! {
        g class="period" {
            title { (Text(&period_text(c, p, flag))) }
            @for (from, to, i) in segments.iter().copied().filter(|s| s.1 > s.0) {
                rect class={"bar " (c.series.get(i).map_or("s0", |s| s.fill.class()))}
                    x=(px(bx)) y=(px(scale.y(to))) width=(px(bar_w))
                    height=(px(scale.y(from) - scale.y(to))) {}
                @if scale.y(from) - scale.y(to) >= 14.0 && bar_w >= 40.0 {
                    text class="inside" x=(px(bx + 3.0)) y=(px(scale.y(to) + 11.0)) {
                        (Text(&clip(c.series.get(i).map_or("", |s| s.label), (bar_w / 7.0) as usize)))
                    }
                }
            }
            @if let (Some(limit), Some(excess)) = (p.limit, over(p)) {
                rect class="over" x=(px(bx)) y=(px(scale.y(limit + excess))) width=(px(bar_w))
                    height=(px(scale.y(limit) - scale.y(limit + excess))) {}
                text class="over-label" x=(px(bx + bar_w / 2.0)) y=(px(scale.y(limit + excess) - 3.0))
                    text-anchor="middle" { "+" (number(excess)) " over" }
            }
            @if let Some(limit) = p.limit {
                line class="limit" x1=(px(bx - 3.0)) x2=(px(bx + bar_w + 3.0))
                    y1=(px(scale.y(limit))) y2=(px(scale.y(limit))) {}
            }
            @if let Some((_, f)) = flag { (flag_mark(f, p, scale, bx, bar_w, w)) }
            text x=(px(x + w / 2.0)) y=(px(HEIGHT - BOTTOM + 14.0)) text-anchor="middle" {
                (Text(&clip(&p.label, (w / 7.0).max(3.0) as usize)))
            }
        }
    }
}

/// A flag: a hatched band just above the bar (above its "over" label when
/// it has one) and its label over it, or a ⚠ where the slot is too narrow
/// for the label (the tooltip and the table say it in full).
fn flag_mark(f: &Flag, p: &Period, scale: &Scale, bx: f64, bar_w: f64, w: f64) -> Markup {
    let total: f64 = p.values.iter().map(|v| v.max(0.0)).sum();
    let mut top = scale.y(total.max(p.limit.unwrap_or(0.0)));
    if over(p).is_some() {
        top -= 14.0;
    }
    let label = if f.label.chars().count() as f64 * 6.5 <= w {
        f.label.as_str()
    } else {
        "⚠"
    };
    html! {
        rect class="over flag" x=(px(bx)) y=(px(top - 10.0)) width=(px(bar_w)) height="8" {}
        text class="over-label" x=(px(bx + bar_w / 2.0)) y=(px(top - 13.0)) text-anchor="middle" {
            (Text(label))
        }
    }
}

/// A bar's tooltip: every segment with its notes, the total, the limit.
fn period_text(c: &Stacked, p: &Period, flag: Option<(&str, &Flag)>) -> String {
    let mut parts = vec![p.label.clone()];
    for (i, s) in c.series.iter().enumerate() {
        let v = p.values.get(i).copied().unwrap_or(0.0);
        let note = p.notes.get(i).filter(|n| !n.is_empty());
        parts.push(match note {
            Some(n) => format!("{} {} {} ({n})", s.label, number(v), c.unit),
            None => format!("{} {} {}", s.label, number(v), c.unit),
        });
    }
    if let Some(l) = p.limit {
        parts.push(format!("limit {} {}", number(l), c.unit));
    }
    if let Some(o) = over(p) {
        parts.push(format!("over by {} {}", number(o), c.unit));
    }
    if let Some((heading, f)) = flag {
        parts.push(format!("{heading}: {} ({})", f.label, f.note));
    }
    parts.join("; ")
}

/// The value axis: a line at 0, at half and at the top, labelled.
fn value_axis(scale: &Scale, unit: &str) -> Markup {
    html! {
        g class="axis" {
            @for v in [0.0, scale.max / 2.0, scale.max] {
                line class="grid" x1=(px(LEFT)) x2=(px(WIDTH - 8.0)) y1=(px(scale.y(v))) y2=(px(scale.y(v))) {}
                text x=(px(LEFT - 4.0)) y=(px(scale.y(v) + 4.0)) text-anchor="end" { (number(v)) }
            }
            text x="4" y="14" { (Text(unit)) }
        }
    }
}

fn stacked_table(c: &Stacked, flags: &Flags) -> Markup {
    html! {
        table {
            caption { "In " (Text(c.unit)) "." }
            thead {
                tr {
                    th scope="col" { "Period" }
                    @for s in c.series { th scope="col" { (Text(s.label)) } }
                    th scope="col" { "Total" }
                    @if c.periods.iter().any(|p| p.limit.is_some()) {
                        th scope="col" { "Limit" }
                        th scope="col" { "Over" }
                    }
                    @if flags.any() { th scope="col" { (Text(flags.heading)) } }
                }
            }
            tbody {
                @for (i, p) in c.periods.iter().enumerate() {
                    tr {
                        th scope="row" { (Text(&p.label)) }
                        @for i in 0..c.series.len() {
                            td {
                                (number(p.values.get(i).copied().unwrap_or(0.0)))
                                @if let Some(n) = p.notes.get(i).filter(|n| !n.is_empty()) {
                                    br; small { (Text(n)) }
                                }
                            }
                        }
                        td { (number(p.values.iter().sum())) }
                        @if c.periods.iter().any(|p| p.limit.is_some()) {
                            td { (p.limit.map(number).unwrap_or_default()) }
                            td { @if let Some(o) = over(p) { strong { "overtime " (number(o)) } } @else { "—" } }
                        }
                        @if flags.any() {
                            td {
                                @if let Some(f) = flags.of(i) {
                                    strong { (Text(&f.label)) } br; small { (Text(&f.note)) }
                                } @else { "—" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One value per period, with an optional band (low to high).
pub struct Values<'a> {
    pub title: &'a str,
    /// The column heading of the value ("P(overtime)").
    pub name: &'a str,
    pub unit: &'a str,
    /// Show values as percentages (for probabilities, 0–1).
    pub percent: bool,
    /// The top of the scale (1 for a probability); else the largest value.
    pub max: Option<f64>,
    pub points: Vec<Point>,
}

/// A period's value.
pub struct Point {
    pub label: String,
    pub value: f64,
    /// e.g. expected to P85.
    pub band: Option<(f64, f64)>,
}

impl Values<'_> {
    fn show(&self, v: f64) -> String {
        if self.percent {
            format!("{}%", number(v * 100.0))
        } else {
            number(v)
        }
    }
}

/// The value chart as a figure.
pub fn values(c: &Values) -> Markup {
    let mut keys = vec![Key {
        class: "s0",
        label: c.name,
    }];
    if c.points.iter().any(|p| p.band.is_some()) {
        keys.push(Key {
            class: "band",
            label: "range (low to high)",
        });
    }
    let picture = html! { (values_svg(c)) (legend(&keys)) };
    figure(c.title, picture, values_table(c))
}

fn values_svg(c: &Values) -> Markup {
    let top = c.max.unwrap_or_else(|| {
        c.points
            .iter()
            .map(|p| p.value.max(p.band.map_or(0.0, |b| b.1)))
            .fold(0.0, f64::max)
            * 1.1
    });
    let scale = Scale::new(top);
    let w = slot(c.points.len());
    html! {
        svg class="bars" viewBox={"0 0 " (px(WIDTH)) " " (px(HEIGHT))} width=(px(WIDTH)) role="img" {
            title { (Text(c.title)) }
            (value_axis(&scale, c.unit))
            @for (i, p) in c.points.iter().enumerate() {
                (value_bar(c, p, &scale, LEFT + w * i as f64, w))
            }
        }
    }
}

fn value_bar(c: &Values, p: &Point, scale: &Scale, x: f64, w: f64) -> Markup {
    let bar_w = (w * 0.6).max(2.0);
    let bx = x + (w - bar_w) / 2.0;
    let mid = x + w / 2.0;
    let tip = match p.band {
        Some((lo, hi)) => format!(
            "{}: {} ({} to {})",
            p.label,
            c.show(p.value),
            c.show(lo),
            c.show(hi)
        ),
        None => format!("{}: {}", p.label, c.show(p.value)),
    };
    html! {
        g class="period" {
            title { (Text(&tip)) }
            rect class="bar s0" x=(px(bx)) y=(px(scale.y(p.value))) width=(px(bar_w))
                height=(px(scale.y(0.0) - scale.y(p.value))) {}
            @if let Some((lo, hi)) = p.band {
                line class="band" x1=(px(mid)) x2=(px(mid)) y1=(px(scale.y(lo))) y2=(px(scale.y(hi))) {}
                line class="band" x1=(px(mid - 5.0)) x2=(px(mid + 5.0)) y1=(px(scale.y(hi))) y2=(px(scale.y(hi))) {}
                line class="band" x1=(px(mid - 5.0)) x2=(px(mid + 5.0)) y1=(px(scale.y(lo))) y2=(px(scale.y(lo))) {}
            }
            @if w >= 28.0 {
                text x=(px(mid)) y=(px(scale.y(p.value.max(p.band.map_or(0.0, |b| b.1))) - 3.0))
                    text-anchor="middle" { (c.show(p.value)) }
            }
            text x=(px(mid)) y=(px(HEIGHT - BOTTOM + 14.0)) text-anchor="middle" {
                (Text(&clip(&p.label, (w / 7.0).max(3.0) as usize)))
            }
        }
    }
}

fn values_table(c: &Values) -> Markup {
    let banded = c.points.iter().any(|p| p.band.is_some());
    html! {
        table {
            @if !c.unit.is_empty() { caption { "In " (Text(c.unit)) "." } }
            thead {
                tr {
                    th scope="col" { "Period" }
                    th scope="col" { (Text(c.name)) }
                    @if banded { th scope="col" { "Range" } }
                }
            }
            tbody {
                @for p in &c.points {
                    tr {
                        th scope="row" { (Text(&p.label)) }
                        td { (c.show(p.value)) }
                        @if banded {
                            td { @if let Some((lo, hi)) = p.band { (c.show(lo)) " to " (c.show(hi)) } @else { "—" } }
                        }
                    }
                }
            }
        }
    }
}
