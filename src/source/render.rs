//! Rendering problems for a terminal: the headline, the offending line with
//! a marker, and help. Everything from the file is escaped
//! ([`crate::text::escape_control`]) and only the problem's own line (or a
//! window of it, for a long line) is handed to the renderer, so the cost of
//! one problem does not grow with the size of the file.

use super::{InputErrors, Problem, Source, clamp_to_char_boundary};
use crate::text::escape_control;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// Problems rendered per file; beyond them, "and N more".
pub const PROBLEMS_SHOWN: usize = 100;

/// Characters of a long line shown before and after the marked span, and at
/// most this many of the span itself.
const CONTEXT_CHARS: usize = 60;
const SPAN_CHARS: usize = 80;

impl Problem {
    /// The full report: headline, the offending line with a marker, and help.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let message = escape_control(&self.message);
        let path = escape_control(&self.path.display().to_string());
        let title = Level::ERROR.primary_title(message.as_str());
        let excerpt = match (&self.source, &self.span) {
            (Some(source), Some(span)) => Some(Excerpt::new(source, span.clone())),
            _ => None,
        };
        let group = match &excerpt {
            Some(x) => title.element(
                Snippet::source(x.text.as_str())
                    .path(path.as_str())
                    .line_start(x.line)
                    .annotation(AnnotationKind::Primary.span(x.mark.clone())),
            ),
            None => title.element(Origin::path(path.as_str())),
        };
        let mut groups = vec![group];
        let help = self.help.as_deref().map(escape_control);
        if let Some(help) = &help {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        let mut out = renderer.render(&groups);
        if let Some(x) = &excerpt {
            x.fix_origin(&mut out, &path);
        }
        out.push('\n');
        out
    }
}

/// The escaped line (or window of a long line) a problem points into, and
/// the marked byte range inside that escaped text.
struct Excerpt {
    line: usize,
    column: usize,
    text: String,
    mark: Range<usize>,
}

impl Excerpt {
    fn new(source: &Source, span: Range<usize>) -> Excerpt {
        let full = source.text();
        let (line, column) = source.line_column(span.start);
        let range = source.line_range(line);
        let start = clamp_to_char_boundary(full, span.start).clamp(range.start, range.end);
        let end = clamp_to_char_boundary(full, span.end).clamp(start, range.end);
        let end = advance(full, start, end, SPAN_CHARS);
        let from = back(full, range.start, start, CONTEXT_CHARS);
        let to = advance(full, end, range.end, CONTEXT_CHARS);
        let mut text = String::new();
        if from > range.start {
            text.push('…');
        }
        text.push_str(&escape_control(&full[from..start]));
        let mark_start = text.len();
        text.push_str(&escape_control(&full[start..end]));
        let mut mark_end = text.len();
        text.push_str(&escape_control(&full[end..to]));
        if to < range.end {
            text.push('…');
        }
        if mark_end == mark_start {
            // Point at one character (or just past the end of the line).
            mark_end += text[mark_start..].chars().next().map_or(0, char::len_utf8);
        }
        Excerpt {
            line,
            column,
            text,
            mark: mark_start..mark_end,
        }
    }
}

impl Excerpt {
    /// The renderer counts the column in the excerpt, which escapes and
    /// windowing shift: put the file's own column in the `-->` line.
    fn fix_origin(&self, out: &mut String, path: &str) {
        let shown = self.text[..self.mark.start].chars().count() + 1;
        if shown == self.column {
            return;
        }
        let wrong = format!("{path}:{}:{shown}", self.line);
        let after_title = out.find('\n').map_or(0, |i| i + 1);
        if let Some(i) = out[after_title..].find(&wrong) {
            let at = after_title + i;
            out.replace_range(
                at..at + wrong.len(),
                &format!("{path}:{}:{}", self.line, self.column),
            );
        }
    }
}

/// The offset `chars` characters after `from`, at most `limit`.
fn advance(text: &str, from: usize, limit: usize, chars: usize) -> usize {
    text[from..limit]
        .char_indices()
        .nth(chars)
        .map_or(limit, |(i, _)| from + i)
}

/// The offset `chars` characters before `to`, at least `limit`.
fn back(text: &str, limit: usize, to: usize, chars: usize) -> usize {
    let mut at = to;
    for (i, _) in text[limit..to].char_indices().rev().take(chars) {
        at = limit + i;
    }
    at
}

impl InputErrors {
    /// Every problem rendered, at most [`PROBLEMS_SHOWN`] per file (then "and
    /// N more"), and the total when there is more than one.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        let mut shown: HashMap<&Path, usize> = HashMap::new();
        for p in &self.problems {
            let n = shown.entry(p.path.as_path()).or_default();
            *n += 1;
            if *n <= PROBLEMS_SHOWN {
                out.push_str(&p.render(color));
            }
        }
        let mut hidden: Vec<(&Path, usize)> = shown
            .into_iter()
            .filter(|&(_, n)| n > PROBLEMS_SHOWN)
            .map(|(path, n)| (path, n - PROBLEMS_SHOWN))
            .collect();
        hidden.sort();
        for (path, n) in hidden {
            out.push_str(&format!(
                "… and {n} more problem{} in {} (the first {PROBLEMS_SHOWN} are shown)\n",
                if n == 1 { "" } else { "s" },
                escape_control(&path.display().to_string())
            ));
        }
        if self.problems.len() > 1 {
            out.push_str(&format!("{} problems found\n", self.problems.len()));
        }
        out
    }
}
