//! `offer --format human`: each offer for a salesperson. The two variants
//! side by side when that table fits the width, one under the other when
//! it does not; every other line wrapped to the width. Colour only when
//! asked for (the styles of `check`'s human output).

use super::{OfferRenderOptions, Offered, VariantChoice};
use crate::choice::Choice;
use crate::gap::{Severity, Verdict};
use crate::offer::{Offer, Variant};
use crate::report::human::Style;
use crate::report::{FileError, Renderer, RunHeader};
use crate::text::escape_control as esc;
use std::io::{self, Write};

/// No line is made narrower than this, however narrow the terminal.
pub const MIN_WIDTH: usize = 40;

/// The width of the row labels of the variants' table.
const LABEL: usize = 14;

/// Each offer as it comes, a blank line between two.
pub(super) struct Human {
    options: OfferRenderOptions,
    offers: usize,
}

impl Human {
    pub(super) fn new(options: OfferRenderOptions) -> Human {
        Human { options, offers: 0 }
    }
}

impl Renderer<super::OfferRun> for Human {
    fn begin(&mut self, _: &RunHeader, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn item(&mut self, item: &Offered, out: &mut dyn Write) -> io::Result<()> {
        if self.offers > 0 {
            writeln!(out)?;
        }
        self.offers += 1;
        let mut page = Page {
            out,
            width: self.options.width.map(|w| w.max(MIN_WIDTH)),
            style: Style {
                on: self.options.color,
            },
        };
        render(&item.offer, self.options.variant, &mut page)
    }

    /// The problems went to standard error; the offers say nothing of it.
    fn unjudged(&mut self, _: &FileError, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _: &(), _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// Where the lines go, how wide they may be, how they are painted.
struct Page<'a> {
    out: &'a mut dyn Write,
    /// `None`: as wide as the lines are.
    width: Option<usize>,
    style: Style,
}

impl Page<'_> {
    fn blank(&mut self) -> io::Result<()> {
        writeln!(self.out)
    }

    /// `text` wrapped to the width, continuation lines indented by
    /// `indent`, each line painted by `paint`.
    fn wrapped(
        &mut self,
        text: &str,
        indent: usize,
        paint: impl Fn(&Style, &str) -> String,
    ) -> io::Result<()> {
        for line in wrap(text, indent, self.width) {
            writeln!(self.out, "{}", paint(&self.style, &line))?;
        }
        Ok(())
    }

    fn plain(&mut self, text: &str, indent: usize) -> io::Result<()> {
        self.wrapped(text, indent, |_, l| l.to_string())
    }

    fn title(&mut self, text: &str) -> io::Result<()> {
        self.blank()?;
        self.wrapped(text, 2, Style::bold)
    }
}

/// One offer: the variants (`only` one, or both), what changed and why,
/// what was dropped, better tiers, and the cost of saying yes.
fn render(offer: &Offer, only: Option<VariantChoice>, page: &mut Page) -> io::Result<()> {
    let who: Vec<String> = [&offer.id, &offer.customer]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| esc(s))
        .collect();
    let asked = offer.asked_verdict;
    let head = format!("OFFER  {}", who.join(" · "));
    let head = head.trim_end();
    let verdict = format!("(as asked: {})", asked.as_str());
    if page
        .width
        .is_none_or(|w| head.chars().count() + 2 + verdict.len() <= w)
    {
        let line = format!(
            "{}  {}",
            page.style.bold(head),
            page.style.verdict(asked, &verdict)
        );
        writeln!(page.out, "{line}")?;
    } else {
        page.wrapped(head, 7, Style::bold)?;
        let line = format!("       {}", page.style.verdict(asked, &verdict));
        writeln!(page.out, "{line}")?;
    }
    page.plain(&format!("  {}", esc(&offer.path)), 2)?;
    page.blank()?;
    variants(offer, only, page)?;
    phase_2(offer, only, page)?;
    changes(offer, only, page)?;
    rest(offer, page)
}

/// The variants' table: side by side when both are shown and it fits,
/// else one variant under the other.
fn variants(offer: &Offer, only: Option<VariantChoice>, page: &mut Page) -> io::Result<()> {
    let on = offer.on_date.as_ref();
    let c = &offer.complete;
    let (keep, all) = ("Keep the date", "Deliver everything");
    let a = rows(on);
    let b = rows(Some(c));
    let column = a
        .iter()
        .map(|r| r.1.chars().count())
        .chain([keep.len()])
        .max()
        .unwrap_or(0);
    let wide = 2 + LABEL + column + 3 + b.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    if only.is_none() && page.width.is_none_or(|w| wide <= w) {
        writeln!(page.out, "  {:<LABEL$}{keep:<column$}   {all}", "")?;
        for ((label, x, vx), (_, y, vy)) in a.iter().zip(&b) {
            let pad = " ".repeat(column.saturating_sub(x.chars().count()));
            let (x, y) = (painted(page, x, *vx), painted(page, y, *vy));
            writeln!(page.out, "  {label:<LABEL$}{x}{pad}   {y}")?;
        }
        return Ok(());
    }
    let mut first = true;
    for (choice, title, rows) in [
        (VariantChoice::OnDate, keep, &a),
        (VariantChoice::Complete, all, &b),
    ] {
        if only.is_some_and(|o| o != choice) {
            continue;
        }
        if !first {
            page.blank()?;
        }
        first = false;
        page.wrapped(&format!("  {title}"), 2, Style::bold)?;
        if choice == VariantChoice::OnDate && on.is_none() {
            continue;
        }
        for (label, value, verdict) in rows.iter() {
            let text = format!("    {label:<LABEL$}{value}");
            match verdict {
                Some(v) => page.wrapped(&text, 4 + LABEL, |s, l| {
                    l.replacen(value.as_str(), &s.verdict(*v, value), 1)
                })?,
                None => page.plain(&text, 4 + LABEL)?,
            }
        }
    }
    Ok(())
}

/// A cell, its verdict painted.
fn painted(page: &Page, text: &str, verdict: Option<Verdict>) -> String {
    match verdict {
        Some(v) => page.style.verdict(v, text),
        None => text.to_string(),
    }
}

/// The rows of a variant's column: label, value, and the verdict to paint.
fn rows(v: Option<&Variant>) -> Vec<(&'static str, String, Option<Verdict>)> {
    vec![
        ("Deadline", cell(v, |v| v.deadline.to_string()), None),
        ("Features", cell(v, |v| list(&v.features)), None),
        ("Custom work", cell(v, |v| list(&v.custom)), None),
        ("Availability", cell(v, availability), None),
        ("Requirements", cell(v, requirements), None),
        (
            "Verdict",
            cell(v, |v| v.verdict.as_str().to_string()),
            v.map(|v| v.verdict),
        ),
    ]
}

fn phase_2(offer: &Offer, only: Option<VariantChoice>, page: &mut Page) -> io::Result<()> {
    if only == Some(VariantChoice::Complete) {
        return Ok(());
    }
    match &offer.on_date {
        None => {
            page.blank()?;
            page.plain(
                "  The deadline is before work can start: only a new date can be offered.",
                2,
            )
        }
        Some(v) if !v.phase_2.is_empty() => {
            page.title("  Phase 2 (keeping the date, these follow later)")?;
            for p in &v.phase_2 {
                let line = format!(
                    "    · {} by {}: {} ({})",
                    esc(&p.id),
                    p.date,
                    esc(&p.why),
                    p.code
                );
                page.plain(&line, 6)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// What changed and why: with `only` one variant, the changes of that
/// variant (and of both), without the variant's tag.
fn changes(offer: &Offer, only: Option<VariantChoice>, page: &mut Page) -> io::Result<()> {
    let tag = only.map(|o| o.as_str().replace('-', "_"));
    let shown: Vec<_> = offer
        .changes
        .iter()
        .filter(|c| tag.is_none() || c.variant.is_none() || c.variant == tag)
        .collect();
    if shown.is_empty() {
        return Ok(());
    }
    page.title("  What changed and why")?;
    for ch in shown {
        let offered = ch.offered.as_deref().map_or("removed".to_string(), esc);
        let label = match (&tag, ch.variant.as_deref()) {
            (None, Some(v)) => format!(" [{}]", v.replace('_', "-")),
            _ => String::new(),
        };
        let line = format!(
            "    · {}: {} → {}{label}: {} ({})",
            esc(&ch.subject),
            esc(&ch.asked),
            offered,
            esc(&ch.why),
            ch.code
        );
        page.plain(&line, 6)?;
    }
    Ok(())
}

/// What neither variant includes, better tiers, and the cost of yes.
fn rest(offer: &Offer, page: &mut Page) -> io::Result<()> {
    if !offer.dropped.is_empty() {
        page.title("  Left out of both (cannot be delivered)")?;
        for d in &offer.dropped {
            let line = format!("    ✗ {}: {} ({})", esc(&d.subject), esc(&d.why), d.code);
            page.wrapped(&line, 6, |s, l| {
                l.replacen('✗', &s.severity(Severity::Error, "✗"), 1)
            })?;
        }
    }
    if !offer.alternatives.is_empty() {
        page.title("  Better availability with more features")?;
        for a in &offer.alternatives {
            let line = format!(
                "    · add {}: {}% over {}{} (tier \"{}\")",
                esc(&a.add_features.join(", ")),
                a.target,
                esc(&a.window),
                support(a.support_response.as_deref()),
                esc(&a.tier)
            );
            page.plain(&line, 6)?;
        }
    }
    cost_of_yes(offer, page)
}

fn cost_of_yes(offer: &Offer, page: &mut Page) -> io::Result<()> {
    let cost = &offer.cost_of_yes;
    page.title("  The cost of yes (signing as asked)")?;
    if cost.overtime_hours > 0.0 || cost.shortfall_person_days > 0.0 {
        let teams: Vec<String> = cost
            .teams
            .iter()
            .map(|t| {
                format!(
                    "{} {} person-days ({} hours)",
                    esc(&t.team),
                    t.shortfall_person_days,
                    t.overtime_hours
                )
            })
            .collect();
        let line = format!(
            "    {} hours of overtime: {} person-days still open at the deadline{}.",
            cost.overtime_hours,
            cost.shortfall_person_days,
            if teams.is_empty() {
                String::new()
            } else {
                format!(" ({})", teams.join("; "))
            }
        );
        page.plain(&line, 4)?;
    } else if cost.impossible.iter().any(|s| s == "deal.deadline") {
        // S002 / S006: the date, not the work, is the problem.
        page.plain(
            "    No overtime helps: work cannot start before the deadline.",
            4,
        )?;
    } else {
        page.plain(
            "    No overtime: the teams finish the work by the deadline.",
            4,
        )?;
    }
    if !cost.impossible.is_empty() {
        let line = format!(
            "    No amount of overtime buys: {}.",
            esc(&cost.impossible.join(", "))
        );
        page.plain(&line, 4)?;
    }
    Ok(())
}

fn cell(v: Option<&Variant>, f: impl Fn(&Variant) -> String) -> String {
    v.map_or("-".to_string(), f)
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        esc(&items.join(", "))
    }
}

fn support(s: Option<&str>) -> String {
    s.map_or(String::new(), |s| format!(", support {}", esc(s)))
}

pub(super) fn availability(v: &Variant) -> String {
    match &v.availability {
        None => "no promise".to_string(),
        Some(a) => format!(
            "{}% over {}{}",
            a.target,
            esc(&a.window),
            support(a.support_response.as_deref())
        ),
    }
}

pub(super) fn requirements(v: &Variant) -> String {
    if v.requirements.is_empty() {
        return "none".to_string();
    }
    let parts: Vec<String> = v
        .requirements
        .iter()
        .map(|(k, val)| format!("{} {}", esc(k), esc(&val.to_string())))
        .collect();
    parts.join(", ")
}

/// `text` in lines of at most `width` characters (all of it on one line
/// without a width), broken at spaces, continuation lines indented by
/// `indent`; a word longer than a line is cut.
pub fn wrap(text: &str, indent: usize, width: Option<usize>) -> Vec<String> {
    let Some(width) = width.filter(|&w| w > indent) else {
        return vec![text.to_string()];
    };
    let lead = text.len() - text.trim_start_matches(' ').len();
    let mut lines = Vec::new();
    let mut line = text[..lead].to_string();
    let mut len = lead;
    let mut fresh = true;
    for word in text[lead..].split(' ') {
        let mut word = word;
        if !fresh && len + 1 + word.chars().count() > width {
            lines.push(std::mem::replace(&mut line, " ".repeat(indent)));
            len = indent;
            fresh = true;
        }
        if !fresh {
            line.push(' ');
            len += 1;
        }
        while len + word.chars().count() > width {
            if len >= width {
                lines.push(std::mem::replace(&mut line, " ".repeat(indent)));
                len = indent;
                continue;
            }
            let cut = word
                .char_indices()
                .nth(width - len)
                .map_or(word.len(), |(i, _)| i);
            line.push_str(&word[..cut]);
            lines.push(std::mem::replace(&mut line, " ".repeat(indent)));
            len = indent;
            word = &word[cut..];
        }
        line.push_str(word);
        len += word.chars().count();
        fresh = false;
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn lines_break_at_spaces_and_long_words_are_cut() {
        assert_eq!(wrap("  a bb cc", 4, Some(7)), ["  a bb", "    cc"]);
        assert_eq!(
            wrap("  abcdefghij", 2, Some(6)),
            ["  abcd", "  efgh", "  ij"]
        );
        assert_eq!(wrap("  a  b", 2, None), ["  a  b"]);
    }
}
