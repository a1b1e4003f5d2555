//! Input files and the problems found in them: the layer before `load`.
//!
//! Each file is read once (only regular files, at most [`MAX_FILE_BYTES`],
//! UTF-8; standard input under the same cap) into a [`Source`] that is shared by `Arc`: a [`Problem`] holds that
//! handle and a byte span, never a copy of the text. Line and column come from
//! a line-start index built once per file (a binary search per lookup), so a
//! file with thousands of problems costs time and memory in proportion to its
//! size plus the number of problems.

mod read;
mod render;

pub use read::MAX_FILE_BYTES;
pub use render::PROBLEMS_SHOWN;

use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file's path and text, as read (or as written by a test).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    /// Reads a file: only a regular file, at most [`MAX_FILE_BYTES`], UTF-8
    /// (an invalid byte is located at `path:line:column`).
    pub fn read(path: &Path) -> Result<SourceFile, InputErrors> {
        let bytes = read::read_bytes(path)?;
        SourceFile::from_bytes(path, bytes)
    }

    /// Reads a stream that has no file to look at (standard input) the way
    /// [`SourceFile::read`] reads a file: at most [`MAX_FILE_BYTES`], UTF-8
    /// located; `path` is how reports name it.
    pub fn read_stream(path: &Path, reader: impl std::io::Read) -> Result<SourceFile, InputErrors> {
        let bytes = read::read_capped(path, reader, 0, "the input")?;
        SourceFile::from_bytes(path, bytes)
    }

    /// Decodes bytes as read from `path` (a leading UTF-8 byte order mark is
    /// dropped); invalid UTF-8 is a located problem.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, InputErrors> {
        let text = read::decode(path, bytes)?;
        Ok(SourceFile {
            path: path.to_path_buf(),
            text,
        })
    }

    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }

    /// This file as a shared, indexed [`Source`] (one copy of the text).
    pub fn to_source(&self) -> Arc<Source> {
        Source::new(self.path.clone(), self.text.clone())
    }

    /// This file as a shared, indexed [`Source`], without copying the text.
    pub fn into_source(self) -> Arc<Source> {
        Source::new(self.path, self.text)
    }
}

/// A file in memory with its line-start index: what problems point into.
#[derive(Debug)]
pub struct Source {
    path: PathBuf,
    /// Shared by every [`Location`] in the file: a clone is a count.
    display: Arc<str>,
    text: String,
    lines: LineIndex,
}

impl Source {
    pub fn new(path: PathBuf, text: String) -> Arc<Source> {
        let lines = LineIndex::new(&text);
        Arc::new(Source {
            display: path.display().to_string().into(),
            path,
            text,
            lines,
        })
    }

    /// Reads a file the way [`SourceFile::read`] does.
    pub fn read(path: &Path) -> Result<Arc<Source>, InputErrors> {
        SourceFile::read(path).map(SourceFile::into_source)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The path as text (not escaped: [`Location`]'s `Display` escapes it).
    pub fn display_path(&self) -> &str {
        &self.display
    }

    /// Lines in the file (at least 1; a final newline does not start one).
    pub fn line_count(&self) -> usize {
        self.lines.starts.len()
    }

    /// The 1-based line and column (in characters) of a byte offset, clamped
    /// into the file; the end of a file that ends with a newline is the end
    /// of its last line.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = clamp_to_char_boundary(&self.text, offset);
        if offset == self.text.len() && self.text.ends_with('\n') {
            offset -= 1;
        }
        let line = self.lines.starts.partition_point(|&s| s <= offset);
        let start = self.lines.starts[line - 1];
        let column = if self.lines.ascii[line - 1] {
            offset - start
        } else {
            self.text[start..offset].chars().count()
        };
        (line, column + 1)
    }

    /// The byte offset of a 1-based line and column (in characters), the
    /// inverse of [`Source::line_column`], for a place kept as a
    /// [`Location`] that a later problem points at.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let range = self.line_range(line);
        let text = &self.text[range.clone()];
        let within = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        range.start + within
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let i = line.clamp(1, self.line_count()) - 1;
        let start = self.lines.starts[i];
        let end = match self.lines.starts.get(i + 1) {
            Some(next) => next - 1,
            None => self.text.len() - usize::from(self.text.ends_with('\n')),
        };
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// The location of a byte offset.
    pub fn location(&self, offset: usize) -> Location {
        let (line, column) = self.line_column(offset);
        Location {
            path: self.display.clone(),
            line,
            column,
        }
    }

    /// A problem at a span of this file.
    pub fn problem(self: &Arc<Self>, span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            path: self.path.clone(),
            location: Some(self.location(span.start)),
            span: Some(span),
            source: Some(Arc::clone(self)),
            message: message.into(),
            help: None,
        }
    }
}

/// Where each line starts, and whether it is ASCII (column = byte distance).
#[derive(Debug)]
struct LineIndex {
    starts: Vec<usize>,
    ascii: Vec<bool>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        for (i, &b) in bytes.iter().enumerate() {
            line_ascii &= b.is_ascii();
            if b == b'\n' && i + 1 < bytes.len() {
                starts.push(i + 1);
                ascii.push(line_ascii);
                line_ascii = true;
            }
        }
        ascii.push(line_ascii);
        LineIndex { starts, ascii }
    }
}

pub(crate) fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// A 1-based line and column (in characters) inside a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct Location {
    /// The file as shown to users, shared by every location in it.
    pub path: Arc<str>,
    pub line: usize,
    pub column: usize,
}

/// `path:line:column`, the path with control characters escaped.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = crate::text::escape_control(&self.path);
        write!(f, "{path}:{}:{}", self.line, self.column)
    }
}

/// One thing wrong with an input file.
#[derive(Debug, Clone)]
pub struct Problem {
    pub path: PathBuf,
    pub location: Option<Location>,
    pub span: Option<Range<usize>>,
    source: Option<Arc<Source>>,
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

    /// The file this problem points into, if it points at a span.
    pub fn source(&self) -> Option<&Arc<Source>> {
        self.source.as_ref()
    }

    /// `path:line:column: message`, the one-line form for CI logs and JSON,
    /// control characters escaped.
    pub fn headline(&self) -> String {
        let msg = crate::text::escape_control(&self.message);
        match &self.location {
            Some(l) => format!("{l}: {msg}"),
            None => format!(
                "{}: {msg}",
                crate::text::escape_control(&self.path.display().to_string())
            ),
        }
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

    /// `Ok(value)` when nothing was found, else every problem, in file order.
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
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for InputErrors {}

#[cfg(test)]
mod tests;
