//! `--format html`: one self-contained page a person opens in a browser,
//! for `check` ([`check`]) and `offer` (`offer/render/html.rs`), with charts
//! drawn by [`chart`].
//!
//! The page asks nothing of any host: its CSS and SVG are inline, it has no
//! script, and its Content-Security-Policy ([`CSP`]) forbids every request,
//! so even a link or image that slipped in could not load. Every text from a
//! deal or catalog goes through [`Text`]: control characters escaped as in
//! every format ([`crate::text::escape_control`]), then HTML-escaped by
//! maud, so a customer named `<script>…` is text. A page is written in
//! pieces — [`head`] at the start of a run, a section per deal, [`foot`] at
//! the end — so a run of any size streams.

pub mod chart;
mod check;
mod week;

pub use check::Page;

use crate::text::plural;
use maud::{DOCTYPE, Markup, PreEscaped, Render, html};
use std::io::{self, Write};

/// The page's Content-Security-Policy: nothing may be fetched or sent
/// anywhere; only the inline style applies (`form-action` and `base-uri`
/// do not fall back to `default-src`, so they are named).
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

/// Text from an input file, safe in HTML text and attributes alike.
pub struct Text<'a>(pub &'a str);

impl Render for Text<'_> {
    fn render_to(&self, buffer: &mut String) {
        crate::text::escape_control(self.0)
            .as_str()
            .render_to(buffer);
    }
}

/// The start of a page: the document head (policy, style, the charts'
/// patterns), the page heading and the line under it.
pub fn head(title: &str, subtitle: &str) -> Markup {
    // `html`, `body` and `main` stay open: the sections follow as they come.
    html! {
        (DOCTYPE)
        (PreEscaped("<html lang=\"en\">"))
        head {
            meta charset="utf-8";
            meta http-equiv="Content-Security-Policy" content=(CSP);
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="color-scheme" content="light dark";
            meta name="generator" content={"dealcheck " (env!("CARGO_PKG_VERSION"))};
            title { (Text(title)) }
            style { (PreEscaped(STYLE)) }
        }
        (PreEscaped("<body>"))
        (chart::defs())
        header {
            h1 { (Text(title)) }
            p class="muted" { (Text(subtitle)) }
        }
        (PreEscaped("<main>"))
    }
}

/// The end of a page: what closes [`head`], after a summary (shown first
/// on screen and on paper by the style, though written last).
pub fn foot(summary: Markup) -> Markup {
    html! {
        section class="summary" { (summary) }
        (PreEscaped("</main>"))
        footer class="muted" {
            "dealcheck " (env!("CARGO_PKG_VERSION")) " · this page makes no request to any host"
        }
        (PreEscaped("</body></html>\n"))
    }
}

/// Writes a piece of a page.
pub fn write(markup: Markup, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(markup.into_string().as_bytes())
}

/// A verdict as a badge: a mark and a word, never only a colour.
pub fn verdict(v: crate::gap::Verdict) -> Markup {
    use crate::gap::Verdict;
    let (mark, class) = match v {
        Verdict::Feasible => ("✓", "ok"),
        Verdict::AtRisk => ("!", "risk"),
        Verdict::Infeasible => ("✗", "bad"),
    };
    html! { span class={"verdict " (class)} { (mark) " " (v.as_str()) } }
}

/// A file that could not be judged, with every problem (they also went to
/// standard error, but a page written with `--output` must say why).
pub fn not_checked(file: &crate::report::FileError) -> Markup {
    html! {
        section class="unjudged" {
            h2 { span class="verdict bad" { "✗ not checked" } (Text(&file.path)) }
            p { (plural(file.problems.len(), "input problem")) ":" }
            ul class="lines" {
                @for d in &file.diagnostics {
                    li {
                        code { (Text(&d.headline())) }
                        @if let Some(help) = &d.help { " — " (Text(help)) }
                    }
                }
            }
        }
    }
}

/// The style of every page: light, dark (`prefers-color-scheme`, on screen
/// only, so paper always gets the light colours) and print.
/// The series colours are the Okabe–Ito palette; hatching marks what is
/// late, over or missing, dots what is free, so no colour stands alone.
const STYLE: &str = r#"
:root{--bg:#fff;--fg:#1b1b1b;--muted:#5b5b5b;--line:#c8c8c8;--card:#f6f6f6;
--s0:#0072B2;--s1:#E69F00;--s2:#009E73;--s3:#CC79A7;--s4:#56B4E9;--s5:#F0E442;--s6:#D55E00;
--late:#D55E00;--ok:#00704f;--risk:#8a5a00;--bad:#b33c00;color-scheme:light dark}
@media screen and (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#ececec;--muted:#a8a8a8;--line:#4a4a4a;
--card:#1e1e1e;--s0:#56B4E9;--s4:#9ad2f2;--ok:#3fd1a0;--risk:#f0b848;--bad:#ff8a4c}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:1400px;margin:0 auto;padding:0 20px}
main{display:flex;flex-direction:column;gap:18px}
h1{font-size:1.5em;margin:18px 0 2px}h2{font-size:1.2em;margin:0}h3{font-size:1.05em;margin:14px 0 6px}
.muted{color:var(--muted)}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
section.summary{order:-1}
.verdict{display:inline-block;font-weight:700;border:2px solid currentColor;border-radius:4px;padding:0 6px;margin-right:6px}
.verdict.ok{color:var(--ok)}.verdict.risk{color:var(--risk)}.verdict.bad{color:var(--bad)}
table{border-collapse:collapse;margin:4px 0 8px;font-size:.92em}
th,td{border:1px solid var(--line);padding:3px 7px;text-align:left;vertical-align:top}
thead th{background:var(--bg)}caption{text-align:left;color:var(--muted)}
.sev-error{color:var(--bad);font-weight:700}.sev-warning{color:var(--risk);font-weight:700}
ul.lines{margin:4px 0;padding-left:20px}
figure.chart{margin:10px 0}figcaption{font-weight:700;margin-bottom:4px}
.pair{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
.picture{flex:1 1 800px;min-width:min(100%,800px)}.picture svg{max-width:100%;height:auto}
.figures{flex:0 1 auto;overflow-x:auto}
svg text{fill:var(--fg);font-size:12px}svg .muted{fill:var(--muted)}
svg .axis text{fill:var(--muted);font-size:11px}
.grid{stroke:var(--line);stroke-width:1}
.bar,.cell{stroke:var(--bg);stroke-width:1}
.s0{fill:var(--s0)}.s1{fill:var(--s1)}.s2{fill:var(--s2)}.s3{fill:var(--s3)}.s4{fill:var(--s4)}.s5{fill:var(--s5)}.s6{fill:var(--s6)}
.late{fill:url(#hatch)}.free{fill:url(#dots)}.none{fill:var(--bg)}
.over{fill:url(#hatch);opacity:.85}.band{stroke:var(--fg);stroke-width:2;fill:none}
rect.band{fill:var(--bg)}
.hatch-bg{fill:var(--bg)}.hatch-line{stroke:var(--late)}
.dots-bg{fill:var(--bg)}.dots-dot{fill:var(--s4)}
.limit{stroke:var(--fg);stroke-width:2}.over-label{font-weight:700}
text.inside{fill:#000;font-size:10px}
.marker line{stroke:var(--fg);stroke-width:1.5}
.marker.deadline line{stroke:var(--late);stroke-width:3}
.marker.deadline text{font-weight:700}
.marker.estimate line{stroke-dasharray:5 3}.marker.note line{stroke-dasharray:1 3}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;margin:4px 0}
ul.legend svg{vertical-align:-2px}ul.legend rect{stroke:var(--fg);stroke-width:1}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
.variants{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:14px}
.variant{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:var(--bg)}
.variant dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}
.variant dt{color:var(--muted)}.variant dd{margin:0}
footer{padding:16px 20px 28px}
@media print{:root{--fg:#000;--muted:#333;--line:#999;--card:#fff}
body{font-size:11pt}section,figure.chart{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
header,main,footer{max-width:none;padding:0}}
"#;
