//! Input files and the problems found in them, located to line and column.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A file read into memory, kept so every problem can show its line.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// A 1-based line and column (in characters) inside a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

impl SourceFile {
    /// Reads a file; an unreadable or non-UTF-8 file is an input problem.
    pub fn read(path: &Path) -> Result<SourceFile, InputErrors> {
        let bytes = std::fs::read(path).map_err(|e| {
            InputErrors::single(Problem::file(path, format!("cannot read the file: {e}")))
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            InputErrors::single(Problem::file(
                path,
                format!(
                    "the file is not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            ))
        })?;
        Ok(SourceFile {
            path: path.to_path_buf(),
            text,
        })
    }

    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }

    /// The line and column of a byte offset (clamped into the file).
    pub fn location(&self, offset: usize) -> Location {
        let offset = clamp_to_char_boundary(&self.text, offset);
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..offset].chars().count() + 1;
        Location {
            path: self.display_path(),
            line,
            column,
        }
    }

    /// A problem at a span of this file.
    pub fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            path: self.path.clone(),
            location: Some(self.location(span.start)),
            span: Some(span),
            source: Some(self.text.clone()),
            message: message.into(),
            help: None,
        }
    }
}

fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// One thing wrong with an input file.
#[derive(Debug, Clone)]
pub struct Problem {
    pub path: PathBuf,
    pub location: Option<Location>,
    pub span: Option<Range<usize>>,
    source: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    /// A problem with the file as a whole (missing, unreadable).
    pub fn file(path: &Path, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            location: None,
            span: None,
            source: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    /// `path:line:column: message`, the one-line form for CI logs and JSON.
    pub fn headline(&self) -> String {
        let msg = crate::text::escape_control(&self.message);
        match &self.location {
            Some(l) => format!("{l}: {msg}"),
            None => format!("{}: {msg}", self.path.display()),
        }
    }

    /// The full report: headline, the offending line with a marker, and help.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let message = crate::text::escape_control(&self.message);
        let path = self.path.display().to_string();
        let mut groups = Vec::new();
        let title = Level::ERROR.primary_title(message.as_str());
        let group = match (&self.source, &self.span) {
            (Some(source), Some(span)) => {
                let span = snippet_span(source, span.clone());
                title.element(
                    Snippet::source(source.as_str())
                        .path(path.as_str())
                        .fold(true)
                        .annotation(AnnotationKind::Primary.span(span)),
                )
            }
            _ => title.element(annotate_snippets::Origin::path(path.as_str())),
        };
        groups.push(group);
        let help = self.help.as_deref().map(crate::text::escape_control);
        if let Some(help) = &help {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        format!("{}\n", renderer.render(&groups))
    }
}

/// A span that stays on one line and points at at least one character.
fn snippet_span(source: &str, span: Range<usize>) -> Range<usize> {
    let start = clamp_to_char_boundary(source, span.start);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let end = clamp_to_char_boundary(source, span.end.clamp(start, line_end));
    if end > start {
        start..end
    } else {
        let next = source[start..].chars().next().map_or(0, char::len_utf8);
        start..(start + next).min(source.len())
    }
}

/// Every problem found in the inputs of one call: all are reported, not just
/// the first, so a broken catalog is fixed in one round.
#[derive(Debug, Clone, Default)]
pub struct InputErrors {
    pub problems: Vec<Problem>,
}

impl InputErrors {
    pub fn single(p: Problem) -> InputErrors {
        InputErrors { problems: vec![p] }
    }

    pub fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// `Ok(value)` when nothing was found, else every problem.
    pub fn into_result<T>(mut self, value: T) -> Result<T, InputErrors> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            self.problems
                .sort_by(|a, b| (&a.path, &a.location).cmp(&(&b.path, &b.location)));
            Err(self)
        }
    }

    pub fn extend(&mut self, other: InputErrors) {
        self.problems.extend(other.problems);
    }

    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for p in &self.problems {
            out.push_str(&p.render(color));
        }
        if self.problems.len() > 1 {
            out.push_str(&format!("{} problems found\n", self.problems.len()));
        }
        out
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for InputErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("deal.toml"),
            text: text.to_string(),
        }
    }

    #[test]
    fn locations_are_one_based_in_characters() {
        let f = file("a = 1\nbé = \"x\"\n");
        let l = f.location(f.text.find('=').unwrap());
        assert_eq!((l.line, l.column), (1, 3));
        let l = f.location(f.text.rfind('=').unwrap());
        assert_eq!((l.line, l.column), (2, 4));
        assert_eq!(f.location(10_000).line, 3);
    }

    #[test]
    fn render_shows_headline_line_and_help() {
        let f = file("[deal]\nid = 3\n");
        let p = f
            .problem(12..13, "`deal.id` must be text")
            .with_help("quote it");
        let out = p.render(false);
        assert!(out.starts_with("error: `deal.id` must be text"), "{out}");
        assert!(out.contains("--> deal.toml:2:6"), "{out}");
        assert!(out.contains("id = 3"), "{out}");
        assert!(out.contains("quote it"), "{out}");
    }

    #[test]
    fn render_escapes_control_characters_in_messages() {
        let f = file("x\n");
        let p = f.problem(0..1, "bad \x1b[2J value");
        assert!(!p.render(false).contains('\x1b'));
    }
}
