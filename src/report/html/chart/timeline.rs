//! A timeline: one horizontal bar per row from its first to its last day,
//! dated markers (a deadline, P50/P85/P95), and the part of a bar after
//! `late_after` hatched as late. Days are whole: a bar covers its finish
//! day, and a marker stands at the end of its day.

use super::{Key, clip, figure, legend, px, series_class};
use crate::report::html::Text;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use maud::{Markup, html};

/// A timeline to draw.
pub struct Timeline<'a> {
    pub title: &'a str,
    /// The heading of the rows' column in the table ("Work item").
    pub row_heading: &'a str,
    /// The heading of the groups' column ("Team").
    pub group_heading: &'a str,
    pub rows: Vec<Row>,
    pub markers: Vec<Marker>,
    /// Any part of a bar after this day is late: hatched, and counted in
    /// the table.
    pub late_after: Option<NaiveDate>,
}

/// One bar.
pub struct Row {
    pub label: String,
    /// What the bar belongs to (a team); also picks its colour.
    pub group: String,
    /// The colour (series index) of the bar.
    pub colour: usize,
    /// First and last day, both included; `None` when it has no dates
    /// (not scheduled within the horizon).
    pub span: Option<(NaiveDate, NaiveDate)>,
}

/// A dated line across every row.
pub struct Marker {
    pub label: String,
    pub date: NaiveDate,
    pub kind: MarkerKind,
}

/// How a marker is drawn (its label says what it is in words too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// A date that must be kept: solid and thick.
    Deadline,
    /// An estimate (P50, P85, P95): dashed.
    Estimate,
    /// Any other date: dotted.
    Note,
}

impl MarkerKind {
    fn class(self) -> &'static str {
        match self {
            MarkerKind::Deadline => "marker deadline",
            MarkerKind::Estimate => "marker estimate",
            MarkerKind::Note => "marker note",
        }
    }
}

const WIDTH: f64 = 960.0;
const LABELS: f64 = 330.0;
const RIGHT: f64 = 16.0;
const ROW: f64 = 24.0;
const BAR: f64 = 14.0;
const LINE: f64 = 14.0;

/// The dates the chart spans: from the first day shown to the day after
/// the last, at least a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Domain {
    from: NaiveDate,
    to: NaiveDate,
}

impl Domain {
    fn of(t: &Timeline) -> Option<Domain> {
        let starts = t.rows.iter().filter_map(|r| r.span.map(|s| s.0));
        let ends = t.rows.iter().filter_map(|r| r.span.map(|s| next(s.1)));
        let marks = t.markers.iter().map(|m| m.date);
        let from = starts.clone().chain(marks.clone()).min()?;
        let to = ends.chain(marks.map(next)).max()?.max(from + Days::new(7));
        Some(Domain { from, to })
    }

    fn days(&self) -> f64 {
        (self.to - self.from).num_days().max(1) as f64
    }

    /// The x of the start of `day`.
    fn x(&self, day: NaiveDate) -> f64 {
        let plot = WIDTH - LABELS - RIGHT;
        LABELS + (day - self.from).num_days() as f64 / self.days() * plot
    }

    /// Dated ticks: Mondays up to four months, first days of months up to
    /// two years, then New Year's days; at most twelve.
    fn ticks(&self) -> Vec<(NaiveDate, String)> {
        let span = self.days();
        let all: Vec<(NaiveDate, String)> = self
            .from
            .iter_days()
            .take_while(|d| *d <= self.to)
            .filter_map(|d| {
                if span <= 120.0 {
                    (d.weekday() == Weekday::Mon).then(|| (d, d.format("%m-%d").to_string()))
                } else if span <= 730.0 {
                    (d.day() == 1).then(|| (d, d.format("%Y-%m").to_string()))
                } else {
                    (d.ordinal() == 1).then(|| (d, d.format("%Y").to_string()))
                }
            })
            .collect();
        let step = all.len().div_ceil(12).max(1);
        all.into_iter().step_by(step).collect()
    }
}

fn next(day: NaiveDate) -> NaiveDate {
    day.succ_opt().unwrap_or(day)
}

/// The timeline as a figure: picture, legend and table.
pub fn render(t: &Timeline) -> Markup {
    let picture = html! {
        (svg(t))
        (legend(&keys(t)))
    };
    figure(t.title, picture, table(t))
}

/// The legend: a swatch per group in the order they first come, the late
/// part, and the markers' line styles are named in their labels.
fn keys<'a>(t: &'a Timeline) -> Vec<Key<'a>> {
    let mut keys: Vec<Key> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for r in &t.rows {
        if !seen.contains(&r.group.as_str()) {
            seen.push(&r.group);
            keys.push(Key {
                class: series_class(r.colour),
                label: &r.group,
            });
        }
    }
    if late_rows(t) > 0 {
        keys.push(Key {
            class: "late",
            label: "late: after the deadline",
        });
    }
    keys
}

fn late_rows(t: &Timeline) -> usize {
    t.rows.iter().filter(|r| days_late(t, r).is_some()).count()
}

/// Calendar days a row runs past `late_after`, when it does.
fn days_late(t: &Timeline, r: &Row) -> Option<i64> {
    let (_, finish) = r.span?;
    let after = t.late_after?;
    (finish > after).then(|| (finish - after).num_days())
}

/// The SVG: marker labels on their own lines at the top, then the dated
/// axis, then one row per bar.
fn svg(t: &Timeline) -> Markup {
    let top = LINE * t.markers.len() as f64 + 24.0;
    let height = top + ROW * t.rows.len().max(1) as f64 + 8.0;
    let domain = Domain::of(t);
    html! {
        svg class="timeline" viewBox={"0 0 " (px(WIDTH)) " " (px(height))} width=(px(WIDTH))
            role="img" {
            title { (Text(t.title)) }
            @match domain {
                None => {
                    text x="4" y=(px(top + 16.0)) class="muted" { "No dates to show." }
                }
                Some(d) => {
                    (axis(&d, top, height))
                    @for (i, r) in t.rows.iter().enumerate() {
                        (row(t, &d, r, top + ROW * i as f64))
                    }
                    @for (i, m) in t.markers.iter().enumerate() {
                        (marker(&d, m, LINE * (i + 1) as f64, height))
                    }
                }
            }
        }
    }
}

fn axis(d: &Domain, top: f64, height: f64) -> Markup {
    html! {
        g class="axis" {
            @for (day, label) in d.ticks() {
                line class="grid" x1=(px(d.x(day))) x2=(px(d.x(day))) y1=(px(top - 6.0))
                    y2=(px(height - 4.0)) {}
                // A label that would run off the right edge is left to the grid line.
                @if d.x(day) + 36.0 <= WIDTH {
                    text x=(px(d.x(day) + 2.0)) y=(px(top - 8.0)) { (label) }
                }
            }
        }
    }
}

fn row(t: &Timeline, d: &Domain, r: &Row, y: f64) -> Markup {
    let name = clip(&format!("{} · {}", r.label, r.group), 46);
    html! {
        g class="row" {
            title { (Text(&describe(t, r))) }
            text x="4" y=(px(y + 16.0)) { (Text(&name)) }
            @match r.span {
                None => {
                    text x=(px(LABELS + 4.0)) y=(px(y + 16.0)) class="muted" {
                        "not scheduled within the horizon"
                    }
                }
                Some((start, finish)) => {
                    (bar(d, series_class(r.colour), start, next(finish), y))
                    @if let Some(after) = t.late_after.filter(|a| finish > *a) {
                        (bar(d, "late", next(after).max(start), next(finish), y))
                    }
                }
            }
        }
    }
}

fn bar(d: &Domain, class: &str, from: NaiveDate, to: NaiveDate, y: f64) -> Markup {
    let (x0, x1) = (d.x(from), d.x(to));
    html! {
        rect class={"bar " (class)} x=(px(x0)) y=(px(y + (ROW - BAR) / 2.0))
            width=(px((x1 - x0).max(1.5))) height=(px(BAR)) {}
    }
}

/// A marker's line and its label on its own line at the top, anchored
/// towards the middle so it stays inside the picture.
fn marker(d: &Domain, m: &Marker, label_y: f64, height: f64) -> Markup {
    let x = d.x(next(m.date));
    let anchor = if x > (LABELS + WIDTH) / 2.0 {
        "end"
    } else {
        "start"
    };
    let shift = if anchor == "end" { -3.0 } else { 3.0 };
    html! {
        g class=(m.kind.class()) {
            title { (Text(&format!("{} {}", m.label, m.date))) }
            line x1=(px(x)) x2=(px(x)) y1=(px(label_y - 10.0)) y2=(px(height - 4.0)) {}
            text x=(px(x + shift)) y=(px(label_y)) text-anchor=(anchor) {
                (Text(&format!("{} {}", m.label, m.date)))
            }
        }
    }
}

/// What a row's tooltip and table say of it.
fn describe(t: &Timeline, r: &Row) -> String {
    let when = match r.span {
        None => "not scheduled within the horizon".to_string(),
        Some((s, f)) => format!("{s} to {f}"),
    };
    let late = match days_late(t, r) {
        Some(n) => format!(
            ", {} past the deadline",
            crate::text::plural(n as usize, "day")
        ),
        None => String::new(),
    };
    format!("{} ({}): {when}{late}", r.label, r.group)
}

fn table(t: &Timeline) -> Markup {
    html! {
        table {
            thead {
                tr {
                    th scope="col" { (Text(t.row_heading)) }
                    th scope="col" { (Text(t.group_heading)) }
                    th scope="col" { "Start" }
                    th scope="col" { "Finish" }
                    @if t.late_after.is_some() { th scope="col" { "Past the deadline" } }
                }
            }
            tbody {
                @for r in &t.rows {
                    tr {
                        th scope="row" { (Text(&r.label)) }
                        td { (Text(&r.group)) }
                        @match r.span {
                            Some((s, f)) => { td { (s) } td { (f) } }
                            None => { td colspan="2" { "not within the horizon" } }
                        }
                        @if t.late_after.is_some() {
                            td {
                                @match days_late(t, r) {
                                    Some(n) => { strong { "late: " (crate::text::plural(n as usize, "day")) } }
                                    None => "on time",
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !t.markers.is_empty() {
            table class="dates" {
                thead { tr { th scope="col" { "Date" } th scope="col" { "What" } } }
                tbody {
                    @for m in &t.markers {
                        tr { td { (m.date) } th scope="row" { (Text(&m.label)) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
pub(super) fn domain_ticks(t: &Timeline) -> Vec<String> {
    Domain::of(t)
        .map(|d| d.ticks().into_iter().map(|(_, l)| l).collect())
        .unwrap_or_default()
}
