//! `--format json` (one document) and `--format jsonl` (one deal a line).

use super::{DealReport, FileError, Report};
use std::io::{self, Write};

/// The whole report as one pretty-printed JSON document.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// One compact JSON object per deal, then one per unreadable file, so a
/// stream consumer can process deals as they come.
pub fn render_lines(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for deal in &report.deals {
        deal_line(deal, out)?;
    }
    for error in &report.errors {
        error_line(error, out)?;
    }
    Ok(())
}

/// One deal as one line of JSON.
pub fn deal_line(deal: &DealReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, deal)?;
    writeln!(out)
}

/// A file that could not be judged as one line: `{"path", "error": [...]}`.
pub fn error_line(error: &FileError, out: &mut dyn Write) -> io::Result<()> {
    let line = serde_json::json!({ "path": error.path, "error": error.problems });
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}
