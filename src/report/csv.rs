//! The CSV of a report with one row per team and period (`capacity`,
//! `forecast`): a header, then rows that start with the same cells, whose
//! names a spreadsheet keeps as text. Shared so that no such CSV can forget
//! the spreadsheet's formulas.

use crate::text::spreadsheet_safe;
use chrono::NaiveDate;
use std::io::{self, Write};

/// Writes `header`, then each row.
pub fn write(
    out: &mut dyn Write,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    w.flush()
}

/// The cells a team's row for a period starts with: `catalog, team,
/// period, from, to`, the names (from input files) kept text.
pub fn period_cells(
    catalog: &str,
    team: &str,
    period: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<String> {
    vec![
        spreadsheet_safe(catalog),
        spreadsheet_safe(team),
        period.to_string(),
        from.to_string(),
        to.to_string(),
    ]
}
