//! Keeping the comment within what GitHub accepts.
//!
//! GitHub refuses a comment (and a job summary) longer than 65,536
//! characters, and a CI step that posts the report then fails with nothing
//! posted. Past the limit the comment shows the worst deals first (the
//! infeasible, then those at risk, most errors first), as many as fit
//! whole, and says how many more there are and where the full report is.
//! The counts in the headline still cover every deal. Sizes are counted in
//! bytes of UTF-8, never fewer than characters however they are counted
//! (code points or UTF-16 units), so the comment fits whichever GitHub uses.

use super::{
    DealReport, Report, Severity, Verdict, context, deal_details, headline, not_checked_entry,
    not_checked_head, table_head, table_row, tail,
};
use crate::text::plural;
use std::io::{self, Write};

/// The longest comment GitHub accepts, in characters.
pub const COMMENT_LIMIT: usize = 65_536;

/// Room kept for the line that says what is left out.
const NOTE_ROOM: usize = 600;

/// The size of rendered Markdown, at least what GitHub counts.
pub fn size(markdown: &[u8]) -> usize {
    markdown.len()
}

/// What `write` renders, as bytes.
fn piece(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    write(&mut buf)?;
    Ok(buf)
}

/// Worst first: infeasible, at risk, feasible; then most errors, most
/// warnings; ties keep path order.
fn worst_first(d: &DealReport) -> (u8, std::cmp::Reverse<usize>, std::cmp::Reverse<usize>) {
    let rank = match d.verdict {
        Verdict::Infeasible => 0,
        Verdict::AtRisk => 1,
        Verdict::Feasible => 2,
    };
    (
        rank,
        std::cmp::Reverse(d.count(Severity::Error)),
        std::cmp::Reverse(d.count(Severity::Warning)),
    )
}

/// The comment cut to [`COMMENT_LIMIT`].
pub fn render_within(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let head = piece(|o| {
        writeln!(o, "## dealcheck: {}\n", headline(report))?;
        writeln!(o, "{}\n", context(report))
    })?;
    let end = piece(|o| tail(report, o))?;
    let frame = piece(|o| {
        table_head(o)?;
        writeln!(o, "\n### Details\n")
    })?;
    let mut budget =
        COMMENT_LIMIT.saturating_sub(size(&head) + size(&end) + size(&frame) + NOTE_ROOM);

    // Files that could not be judged are why the run failed: they come
    // first, but leave half the room to the deals when there are any.
    let share = if report.deals.is_empty() {
        budget
    } else {
        budget / 2
    };
    let section = piece(|o| {
        not_checked_head(o)?;
        writeln!(o)
    })?;
    let (entries, errors_shown) = fitting(
        &report.errors,
        share.saturating_sub(size(&section)),
        not_checked_entry,
    )?;
    let errors = if errors_shown == 0 {
        Vec::new()
    } else {
        piece(|o| {
            not_checked_head(o)?;
            o.write_all(&entries)?;
            writeln!(o)
        })?
    };
    budget = budget.saturating_sub(size(&errors));

    let mut order: Vec<&DealReport> = report.deals.iter().collect();
    order.sort_by_key(|d| worst_first(d));
    let mut rows = Vec::new();
    let mut details = Vec::new();
    let mut shown = 0;
    for deal in &order {
        let row = piece(|o| table_row(deal, o))?;
        let block = piece(|o| deal_details(deal, o))?;
        let cost = size(&row) + size(&block);
        if cost > budget {
            break;
        }
        budget -= cost;
        rows.extend(row);
        details.extend(block);
        shown += 1;
    }

    out.write_all(&head)?;
    note(report, shown, errors_shown, out)?;
    if shown > 0 {
        table_head(out)?;
        out.write_all(&rows)?;
        writeln!(out, "\n### Details\n")?;
        out.write_all(&details)?;
    }
    out.write_all(&errors)?;
    out.write_all(&end)
}

/// The entries of `items` rendered by `write`, in order, as many as fit in
/// `budget`; and how many that is.
fn fitting<T>(
    items: &[T],
    budget: usize,
    write: impl Fn(&T, &mut dyn Write) -> io::Result<()>,
) -> io::Result<(Vec<u8>, usize)> {
    let mut out = Vec::new();
    let mut used = 0;
    for (i, item) in items.iter().enumerate() {
        let one = piece(|o| write(item, o))?;
        if used + size(&one) > budget {
            return Ok((out, i));
        }
        used += size(&one);
        out.extend(one);
    }
    Ok((out, items.len()))
}

/// What the comment leaves out and where the rest is.
fn note(report: &Report, shown: usize, errors_shown: usize, out: &mut dyn Write) -> io::Result<()> {
    let deals = report.deals.len();
    let mut left_out = Vec::new();
    if shown < deals {
        left_out.push(plural(deals - shown, "more deal"));
    }
    if errors_shown < report.errors.len() {
        let n = report.errors.len() - errors_shown;
        left_out.push(format!("{} not checked", plural(n, "more file")));
    }
    let deals_shown = if shown < deals {
        format!("the {shown} worst of {deals} deals are shown, worst first")
    } else {
        format!("all {deals} deals are shown")
    };
    writeln!(
        out,
        "> **Cut to fit GitHub's comment limit of 65,536 characters:** {deals_shown}; \
         not shown: {}. The full report is in the job log; run \
         `dealcheck check --format json` for all of it.\n",
        left_out.join(" and ")
    )
}
