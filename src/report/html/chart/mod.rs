//! Charts drawn as inline SVG with maud, for every `--format html` page:
//! a [`timeline`] (bars from start to finish, dated markers, the late part
//! hatched), a [`week`] grid (two weekly windows compared, 7 × 24 hours),
//! [`bars`] (a stacked bar per period with a marked limit, and one value
//! per period with an optional band).
//!
//! Every chart is a [`figure`]: a caption, the SVG (whose first child is a
//! `<title>`, its accessible name) and the same figures as an HTML table
//! beside it, so nothing is only in the picture. Colours come from the
//! Okabe–Ito palette (safe for the common colour blindnesses) through CSS
//! classes, so dark mode and print restyle them; no colour carries meaning
//! alone: every mark has a text label, a legend entry with a pattern, or
//! both. The hatch patterns are defined once per page by [`defs`].
//!
//! The charts take plain values (labels, dates, numbers) and know nothing
//! of deals, so `capacity` and `forecast` pages reuse them as they are.

pub mod bars;
pub mod timeline;
pub mod week;

use super::Text;
use maud::{Markup, html};

/// The colour classes of series, in order: Okabe–Ito blue, orange, bluish
/// green, reddish purple, sky blue, yellow, vermillion (`--s0`…`--s6` in
/// the page's CSS). Vermillion is last: hatched vermillion means "late" or
/// "over".
pub const SERIES: usize = 7;

/// The CSS class of the `i`-th series colour.
pub fn series_class(i: usize) -> &'static str {
    ["s0", "s1", "s2", "s3", "s4", "s5", "s6"][i % SERIES]
}

/// The patterns every chart refers to, once per page: `hatch` (what is late,
/// over a limit or promised and not covered), `dots` (what is free, or
/// covered but not asked for). Drawn by a zero-size SVG, not `display:none`
/// (Chromium does not paint patterns defined in an undisplayed SVG).
pub fn defs() -> Markup {
    html! {
        svg class="defs" width="0" height="0" aria-hidden="true" focusable="false" {
            defs {
                pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse"
                    patternTransform="rotate(45)" {
                    rect class="hatch-bg" width="6" height="6" {}
                    line class="hatch-line" x1="0" y1="0" x2="0" y2="6" stroke-width="3" {}
                }
                pattern id="dots" width="5" height="5" patternUnits="userSpaceOnUse" {
                    rect class="dots-bg" width="5" height="5" {}
                    circle class="dots-dot" cx="2.5" cy="2.5" r="1.1" {}
                }
            }
        }
    }
}

/// One chart: its caption, the picture and the same figures as a table.
/// `title` is also the SVG's `<title>`, which `svg` must begin with (the
/// charts of this module do).
pub fn figure(title: &str, svg: Markup, table: Markup) -> Markup {
    html! {
        figure class="chart" {
            figcaption { (Text(title)) }
            div class="pair" {
                div class="picture" { (svg) }
                div class="figures" { (table) }
            }
        }
    }
}

/// A legend entry: a swatch drawn as the chart draws it, and its words.
pub struct Key<'a> {
    /// CSS class(es) of the swatch (`s0`, `late`, `free`…).
    pub class: &'a str,
    pub label: &'a str,
}

/// The legend under a chart, as HTML (it wraps and prints as text).
pub fn legend(keys: &[Key]) -> Markup {
    html! {
        ul class="legend" {
            @for k in keys {
                li {
                    svg width="14" height="14" aria-hidden="true" {
                        rect class=(k.class) x="0.5" y="0.5" width="13" height="13" {}
                    }
                    " " (Text(k.label))
                }
            }
        }
    }
}

/// A number as charts and their tables print it: at most two decimals,
/// no trailing zeros.
pub fn number(x: f64) -> String {
    let text = format!("{:.2}", x);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A coordinate, to a tenth of a pixel (short and exact enough).
fn px(x: f64) -> String {
    number((x * 10.0).round() / 10.0)
}

/// `text` cut to `max` characters with an ellipsis: SVG text does not wrap,
/// and the full text is in the `<title>` and the table.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let head: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests;
