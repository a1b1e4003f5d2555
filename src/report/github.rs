//! `--format github`: GitHub Actions workflow commands, so every gap shows
//! as an annotation on the deal file's line in the pull request.
//!
//! One command a gap (`::error`, `::warning`, `::notice` by severity), one
//! `::error` per problem of a file that could not be judged, then a plain
//! summary line. Every command carries `file`, `line`, `col` and a `title`
//! with the code and name (`F003 retired-feature`; `input-error` for a file
//! that could not be judged): a gap or problem with no line of its own is
//! put on line 1 of its file, where GitHub can show it. Values are escaped
//! the way the runner unescapes them; newlines become `%0A`, so user text
//! can never start a line of its own and inject a command.

use super::{CheckRun, DealReport, Diagnostic, FileError, Renderer, RunEnd, RunHeader, Summary};
use crate::gap::{Gap, Severity};
use crate::text::{github_data as data, github_property as property};
use std::io::{self, Write};

/// One workflow command per gap as each deal comes; the unjudged files'
/// commands and the summary line at the end.
#[derive(Default)]
pub struct Annotations {
    unjudged: Vec<FileError>,
}

impl Renderer<CheckRun> for Annotations {
    fn begin(&mut self, _: &RunHeader, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn item(&mut self, deal: &DealReport, out: &mut dyn Write) -> io::Result<()> {
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
            for command in error_commands(error) {
                writeln!(out, "{command}")?;
            }
        }
        writeln!(out, "{}", summary(&end.summary))
    }
}

/// The title of the annotations of a file that could not be judged.
const INPUT_ERROR: &str = "input-error: the file could not be judged";

/// One annotation for a gap of the file at `path`.
pub(crate) fn gap_command(path: &str, gap: &Gap) -> String {
    let level = match gap.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let (file, line, col) = match &gap.location {
        Some(l) => (&*l.path, l.line, l.column),
        None => (path, 1, 1),
    };
    let title = format!("{} {}", gap.code().code(), gap.code().name());
    let mut message = gap.message().to_string();
    if let Some(s) = gap.suggestion() {
        message.push_str(&format!(" → {s}"));
    }
    command(level, file, line, col, &title, &message)
}

/// One `::error` per problem of a file that could not be judged (one for
/// the file if it has none), each at its own line and column.
pub(crate) fn error_commands(error: &FileError) -> Vec<String> {
    if error.diagnostics.is_empty() {
        return vec![command(
            "error",
            &error.path,
            1,
            1,
            INPUT_ERROR,
            "the file could not be judged",
        )];
    }
    error.diagnostics.iter().map(diagnostic_command).collect()
}

fn diagnostic_command(d: &Diagnostic) -> String {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!(" → {help}"));
    }
    command(
        "error",
        &d.path,
        d.line.unwrap_or(1),
        d.column.unwrap_or(1),
        INPUT_ERROR,
        &message,
    )
}

/// `::level file=F,line=L,col=C,title=T::message`, every value escaped.
fn command(level: &str, file: &str, line: usize, col: usize, title: &str, message: &str) -> String {
    format!(
        "::{level} file={},line={},col={},title={}::{}",
        property(&slashes(file)),
        line.max(1),
        col.max(1),
        property(title),
        data(message)
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
