//! `--format markdown`: a pull-request comment — a summary table, one
//! collapsible block per deal, then the files that could not be judged.
//!
//! Every string from a deal or catalog goes through [`crate::text::markdown`], which turns
//! Markdown and HTML syntax into character references. References work the
//! same in table cells, list items and the raw-HTML `<summary>` line (where
//! backslash escapes would show literally), and GitHub splits table cells on
//! raw `|` before it decodes them, so a customer named `a|b` stays one cell.
//! References are decoded before GitHub looks for links and mentions, so
//! [`crate::text::unlink`] breaks those up with an invisible word joiner: an `@name`,
//! a URL, `www.` or `#12` in a deal notifies nobody and links nowhere.

use super::{DealReport, FileError, Report, Verdict};
use super::{counts, plural};
use crate::gap::{Gap, Severity};
use crate::text::markdown as text;
use std::io::{self, Write};

mod fit;

/// Writes the whole comment; past GitHub's limit, the worst deals that fit
/// and a line saying what is left out ([`fit`]).
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut whole = Vec::new();
    render_whole(report, &mut whole)?;
    if fit::size(&whole) <= fit::COMMENT_LIMIT {
        return out.write_all(&whole);
    }
    fit::render_within(report, out)
}

/// The comment with every deal.
fn render_whole(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## dealcheck: {}\n", headline(report))?;
    writeln!(out, "{}\n", context(report))?;
    if !report.deals.is_empty() {
        summary_table(&report.deals, out)?;
        writeln!(out, "\n### Details\n")?;
        for deal in &report.deals {
            deal_details(deal, out)?;
        }
    }
    if !report.errors.is_empty() {
        not_checked(&report.errors, out)?;
    }
    tail(report, out)
}

/// The portfolio, what to say of an empty run, and the tool's name.
fn tail(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for b in &report.book {
        let lines = super::book_lines(b);
        if lines.is_empty() {
            continue;
        }
        writeln!(out, "### Book\n")?;
        for line in lines {
            writeln!(out, "- {}", text(&line))?;
        }
        writeln!(out)?;
    }
    for p in &report.portfolio {
        writeln!(out, "### Portfolio\n")?;
        for line in super::portfolio_lines(p) {
            writeln!(out, "- {}", text(&line))?;
        }
        writeln!(out)?;
    }
    if report.deals.is_empty() && report.errors.is_empty() && report.summary.skipped > 0 {
        writeln!(
            out,
            "Nothing to judge: every deal found is delivered or lost.\n"
        )?;
    } else if report.deals.is_empty() && report.errors.is_empty() {
        writeln!(out, "No deal files were found.\n")?;
    }
    writeln!(
        out,
        "<sub>{} {}</sub>",
        text(&report.tool.name),
        text(&report.tool.version)
    )
}

fn headline(report: &Report) -> String {
    let s = &report.summary;
    let mut parts = vec![
        format!("{} feasible", s.feasible),
        format!("{} at risk", s.at_risk),
        format!("{} infeasible", s.infeasible),
    ];
    if s.errors > 0 {
        parts.push(format!("{} not checked", s.errors));
    }
    parts.join(" · ")
}

fn context(report: &Report) -> String {
    let against = match &report.catalog {
        Some(c) => format!(" against **{}** ({})", text(&c.name), text(&c.path)),
        None => String::new(),
    };
    format!(
        "Checked {}{against} as of {}.",
        plural(report.summary.deals, "deal"),
        report.as_of
    )
}

fn summary_table(deals: &[DealReport], out: &mut dyn Write) -> io::Result<()> {
    table_head(out)?;
    for d in deals {
        table_row(d, out)?;
    }
    Ok(())
}

fn table_head(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "| Deal | Customer | Deadline | Verdict | Errors | Warnings | File |"
    )?;
    writeln!(out, "|---|---|---|---|--:|--:|---|")
}

fn table_row(d: &DealReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "| {} | {} | {} | {} {} | {} | {} | {} |",
        text(&d.id),
        text(&d.customer),
        d.deadline,
        emoji(d.verdict),
        d.verdict.as_str(),
        d.count(Severity::Error),
        d.count(Severity::Warning),
        text(&d.path)
    )
}

/// One `<details>` block, open when the deal is infeasible so the reader
/// sees what blocks it without a click.
fn deal_details(deal: &DealReport, out: &mut dyn Write) -> io::Result<()> {
    let open = if deal.verdict == Verdict::Infeasible {
        " open"
    } else {
        ""
    };
    writeln!(out, "<details{open}>")?;
    writeln!(
        out,
        "<summary>{} <b>{}</b> · {} — {}: {}</summary>\n",
        emoji(deal.verdict),
        text(&deal.id),
        text(&deal.customer),
        deal.verdict.as_str(),
        counts(deal)
    )?;
    if deal.gaps.is_empty() {
        writeln!(out, "No gaps.")?;
    }
    for gap in &deal.gaps {
        writeln!(out, "- {}", gap_line(gap))?;
    }
    writeln!(out, "\n</details>\n")
}

/// `code name — message (path:line) → suggestion`.
fn gap_line(gap: &Gap) -> String {
    let mut line = format!(
        "{} **{}** {} — {}",
        severity_emoji(gap.severity()),
        gap.code().code(),
        gap.code().name(),
        text(gap.message())
    );
    if let Some(l) = &gap.location {
        line.push_str(&format!(" ({}:{})", text(&l.path), l.line));
    }
    if let Some(s) = gap.suggestion() {
        line.push_str(&format!(" → {}", text(s)));
    }
    line
}

pub(super) fn not_checked(errors: &[FileError], out: &mut dyn Write) -> io::Result<()> {
    not_checked_head(out)?;
    for e in errors {
        not_checked_entry(e, out)?;
    }
    writeln!(out)
}

fn not_checked_head(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### Not checked\n")?;
    writeln!(
        out,
        "These files could not be judged; fix them and run again.\n"
    )
}

fn not_checked_entry(e: &FileError, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "- ❌ {}", text(&e.path))?;
    for d in &e.diagnostics {
        // The did-you-mean travels with its problem, as in the terminal.
        match &d.help {
            Some(help) => writeln!(out, "  - {} ({})", text(&d.headline()), text(help))?,
            None => writeln!(out, "  - {}", text(&d.headline()))?,
        }
    }
    Ok(())
}

fn emoji(v: Verdict) -> &'static str {
    match v {
        Verdict::Feasible => "✅",
        Verdict::AtRisk => "⚠️",
        Verdict::Infeasible => "❌",
    }
}

fn severity_emoji(s: Severity) -> &'static str {
    match s {
        Severity::Error => "❌",
        Severity::Warning => "⚠️",
        Severity::Info => "ℹ️",
    }
}
