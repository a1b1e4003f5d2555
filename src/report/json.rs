//! `--format json` (one document) and `--format jsonl` (one deal a line).

use super::Report;
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
        serde_json::to_writer(&mut *out, deal)?;
        writeln!(out)?;
    }
    for error in &report.errors {
        serde_json::to_writer(
            &mut *out,
            &serde_json::json!({ "path": error.path, "error": error.problems }),
        )?;
        writeln!(out)?;
    }
    Ok(())
}
