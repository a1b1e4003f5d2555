//! `--format github`: GitHub Actions workflow commands, so every gap shows
//! as an annotation on the deal file's line in the pull request.
//!
//! One command a gap (`::error`, `::warning`, `::notice` by severity), one
//! `::error` a file that could not be judged, then a plain summary line.
//! Values are escaped the way the runner unescapes them; newlines become
//! `%0A`, so user text can never start a line of its own and inject a
//! command.

use super::{DealReport, FileError, Renderer, RunEnd, RunHeader, Summary};
use crate::gap::{Gap, Severity};
use crate::text::escape_control;
use std::io::{self, Write};

/// One workflow command per gap as each deal comes; the unjudged files'
/// commands and the summary line at the end.
#[derive(Default)]
pub struct Annotations {
    unjudged: Vec<FileError>,
}

impl Renderer for Annotations {
    fn begin(&mut self, _: &RunHeader, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn deal(&mut self, deal: &DealReport, out: &mut dyn Write) -> io::Result<()> {
        for gap in &deal.gaps {
            writeln!(out, "{}", gap_command(&deal.path, gap))?;
        }
        Ok(())
    }

    fn unjudged(&mut self, file: &FileError, _: &mut dyn Write) -> io::Result<()> {
        self.unjudged.push(file.clone());
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd, out: &mut dyn Write) -> io::Result<()> {
        for error in &self.unjudged {
            writeln!(out, "{}", error_command(error))?;
        }
        writeln!(out, "{}", summary(&end.summary))
    }
}

/// One annotation for a gap of the file at `path`.
pub(crate) fn gap_command(path: &str, gap: &Gap) -> String {
    let level = match gap.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props = match &gap.location {
        Some(l) => format!(
            "file={},line={},col={}",
            property(&slashes(&l.path)),
            l.line,
            l.column
        ),
        None => format!("file={}", property(&slashes(path))),
    };
    let title = format!("{} {}", gap.code().code(), gap.code().name());
    props.push_str(&format!(",title={}", property(&title)));
    let mut message = gap.message().to_string();
    if let Some(s) = gap.suggestion() {
        message.push_str(&format!(" → {s}"));
    }
    format!("::{level} {props}::{}", data(&message))
}

fn error_command(error: &FileError) -> String {
    let message = if error.problems.is_empty() {
        "the file could not be judged".to_string()
    } else {
        error.problems.join("\n")
    };
    format!(
        "::error file={},title={}::{}",
        property(&slashes(&error.path)),
        property("not checked"),
        data(&message)
    )
}

fn summary(s: &Summary) -> String {
    format!(
        "dealcheck: {} {}: {} feasible, {} at risk, {} infeasible, {} not checked",
        s.deals,
        if s.deals == 1 { "deal" } else { "deals" },
        s.feasible,
        s.at_risk,
        s.infeasible,
        s.errors
    )
}

/// GitHub resolves `file=` against the workspace with forward slashes.
fn slashes(path: &str) -> String {
    path.replace('\\', "/")
}

/// Escapes a command's message (after `::`).
fn data(s: &str) -> String {
    escape(s, false)
}

/// Escapes a property value (`file=`, `title=`), where `:` and `,` are
/// separators too.
fn property(s: &str) -> String {
    escape(s, true)
}

/// GitHub's rules for `%`, CR, LF (and `:` `,` in properties); other control
/// characters are made visible so they cannot drive the log's terminal.
fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push_str(&escape_control(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn escapes_like_the_runner_unescapes() {
        assert_eq!(data("50% a:b,c\nd\re"), "50%25 a:b,c%0Ad%0De");
        assert_eq!(property("50% a:b,c\nd"), "50%25 a%3Ab%2Cc%0Ad");
        assert_eq!(data("x\x1by"), "x\\u{1b}y");
    }
}
