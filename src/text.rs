//! Making text from input files safe to print: the one escaping function for
//! every stream (terminal, text reports, error messages, source excerpts).

use std::fmt::Write;

/// Escapes control characters so text from a deal or catalog cannot move
/// the cursor, change colours or hide itself on a terminal: C0 (newlines and
/// tabs too: a value is one line), DEL, C1 (U+0080–U+009F, e.g. U+009B, a
/// one-character CSI), the bidi controls (U+202A–U+202E, U+2066–U+2069, and
/// the marks U+200E, U+200F, U+061C) and the line and paragraph separators
/// (U+2028, U+2029). Each becomes `\u{hex}` (`\n`, `\t`, `\r` for those),
/// plain ASCII, so a caret under escaped text still lines up.
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

/// Whether [`escape_control`] escapes this character.
pub fn needs_escape(c: char) -> bool {
    // `is_control` is Unicode's Cc: C0, DEL and C1.
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

#[cfg(test)]
mod tests {
    use super::{escape_control, needs_escape, plural};

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

    #[test]
    fn every_c0_del_c1_and_bidi_control_is_escaped() {
        let c0 = (0u32..0x20).filter_map(char::from_u32);
        let c1 = (0x80u32..0xA0).filter_map(char::from_u32);
        let bidi = (0x202Au32..=0x202E)
            .chain(0x2066..=0x2069)
            .chain([0x200E, 0x200F, 0x061C, 0x2028, 0x2029])
            .filter_map(char::from_u32);
        for c in c0.chain(['\u{7f}']).chain(c1).chain(bidi) {
            let out = escape_control(&format!("a{c}b"));
            assert!(!out.contains(c), "{:x} kept raw", c as u32);
            assert!(out.is_ascii(), "{out}");
            assert!(out.starts_with("a\\") && out.ends_with('b'), "{out}");
        }
        assert_eq!(escape_control("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(escape_control("\u{7f}"), "\\u{7f}");
        assert_eq!(escape_control("\u{2067}"), "\\u{2067}");
    }

    #[test]
    fn printable_text_around_the_ranges_is_kept() {
        for c in [' ', '~', '\u{a0}', 'é', '\u{2027}', '\u{202f}', '\u{206a}'] {
            assert!(!needs_escape(c), "{:x}", c as u32);
            assert_eq!(escape_control(&c.to_string()), c.to_string());
        }
    }
}
