//! Making text from input files safe to print.

use std::fmt::Write;

/// Escapes control characters (and Unicode bidi overrides) so text from a
/// deal or catalog cannot move the cursor, change colours or hide itself on
/// a terminal. Newlines and tabs are escaped too: a value is one line.
pub fn escape_control(s: &str) -> String {
    if !s.chars().any(needs_escape) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// "1 deal", "3 deals": a count with its noun, in the right number.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::{escape_control, plural};

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(plural(1, "working day"), "1 working day");
        assert_eq!(plural(0, "deal"), "0 deals");
        assert_eq!(plural(2, "component"), "2 components");
    }

    #[test]
    fn escapes_terminal_controls_and_keeps_plain_text() {
        assert_eq!(escape_control("Globex Ü"), "Globex Ü");
        assert_eq!(escape_control("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_control("x\ny"), "x\\ny");
        assert_eq!(escape_control("\u{202E}evil"), "\\u{202e}evil");
    }
}
