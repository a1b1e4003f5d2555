//! Making text from input files safe to print: the one escaping function for
//! every stream (terminal, text reports, error messages, source excerpts),
//! and on top of it the escaper of each output language a renderer writes
//! (XML, Markdown, GitHub workflow commands, SARIF messages), so every rule
//! about what text may do is in this one file.

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

/// The invisible word joiner that [`unlink`] inserts.
pub const WORD_JOINER: char = '\u{2060}';

/// Breaks up what a Markdown or SARIF viewer (GitHub's above all) would turn
/// into a link, a mention or a reference: `@` (mentions, e-mail addresses),
/// `://` (URLs), `www.` and `#` before a digit (issue references) get an
/// invisible word joiner, so the text reads the same but links nowhere.
pub fn unlink(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        let next = chars.get(i + 1).copied();
        let breaks = match c {
            '@' => true,
            ':' => chars[i + 1..].starts_with(&['/', '/']),
            '#' => next.is_some_and(|n| n.is_ascii_digit()),
            'w' | 'W' => {
                next == Some('.')
                    && i >= 2
                    && chars[i - 2..i].iter().all(|w| w.eq_ignore_ascii_case(&'w'))
            }
            _ => false,
        };
        if breaks {
            out.push(WORD_JOINER);
        }
    }
    out
}

/// Makes a value safe in XML text and attributes alike: control characters
/// (which XML 1.0 mostly forbids, and which would otherwise be normalized
/// away in attributes) become visible escapes, then markup is escaped.
pub fn xml(s: &str) -> String {
    let s = escape_control(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if legal_xml(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    out
}

/// XML 1.0 `Char`, less the whitespace controls `escape_control` already
/// turned into text.
fn legal_xml(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Makes user text inert in Markdown and HTML, on one line.
///
/// Control characters (newlines included) become visible escapes first, so a
/// value can neither end a table row nor start a new block; Markdown and
/// HTML syntax becomes character references (which work the same in table
/// cells, list items and raw HTML, and which GitHub decodes only after
/// splitting a table row on `|`); links and mentions are broken up.
pub fn markdown(s: &str) -> String {
    let s = unlink(&escape_control(s));
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '`' | '*' | '_' | '[' | ']' | '#' | '\\' | '~' | '$' | '!' | '{' | '}' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A GitHub workflow command's message (after `::`), escaped the way the
/// runner unescapes it.
pub fn github_data(s: &str) -> String {
    github(s, false)
}

/// A GitHub workflow command's property value (`file=`, `title=`), where
/// `:` and `,` are separators too.
pub fn github_property(s: &str) -> String {
    github(s, true)
}

/// GitHub's rules for `%`, CR, LF (and `:` `,` in properties); other control
/// characters are made visible so they cannot drive the log's terminal.
/// Newlines become `%0A`, so user text can never start a line of its own and
/// inject a command.
fn github(s: &str, property: bool) -> String {
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

/// A SARIF plain-text message: control characters escaped, `\`, `[` and `]`
/// escaped (SARIF reads `[text](target)` as a link), links and mentions
/// broken up.
pub fn sarif_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_control(text).chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    unlink(&out)
}

/// A CSV cell a spreadsheet keeps as text: what it would run as a formula
/// (`=`, `+`, `-`, `@` first) gets a leading `'`, and control characters
/// are escaped, so a leading tab or CR (which some spreadsheets also read
/// as the start of a formula) becomes the plain text `\t` or `\r`.
pub fn spreadsheet_safe(text: &str) -> String {
    let text = escape_control(text);
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn unlink_breaks_links_and_mentions_only() {
        assert_eq!(unlink("Globex Ü"), "Globex Ü");
        assert_eq!(unlink("@dana"), "@\u{2060}dana");
        assert_eq!(unlink("https://x.io"), "https:\u{2060}//x.io");
        assert_eq!(unlink("WWW.x.io"), "WWW\u{2060}.x.io");
        assert_eq!(unlink("see #12, #a"), "see #\u{2060}12, #a");
        assert_eq!(unlink("a: b, ww.x, w.x"), "a: b, ww.x, w.x");
    }

    #[test]
    fn values_are_safe_xml() {
        assert_eq!(
            xml(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(xml("a\x01b\nc"), "a\\u{1}b\\nc");
        assert_eq!(xml("x\u{FFFE}"), "x\\u{fffe}");
    }

    #[test]
    fn user_text_cannot_make_markup() {
        assert_eq!(markdown("Globex Ü"), "Globex Ü");
        assert_eq!(markdown("<b>"), "&lt;b&gt;");
        assert_eq!(markdown("a|b"), "a&#124;b");
        assert_eq!(markdown("**x**"), "&#42;&#42;x&#42;&#42;");
        assert_eq!(markdown("a\nb"), "a&#92;nb");
        assert_eq!(markdown("@x"), "@\u{2060}x");
    }

    #[test]
    fn github_escapes_like_the_runner_unescapes() {
        assert_eq!(github_data("50% a:b,c\nd\re"), "50%25 a:b,c%0Ad%0De");
        assert_eq!(github_property("50% a:b,c\nd"), "50%25 a%3Ab%2Cc%0Ad");
        assert_eq!(github_data("x\x1by"), "x\\u{1b}y");
    }

    #[test]
    fn a_spreadsheet_cell_cannot_start_a_formula() {
        for (text, cell) in [
            ("=1+1", "'=1+1"),
            ("+x", "'+x"),
            ("-x", "'-x"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=x", "\\t=x"),
            ("\r=x", "\\r=x"),
            ("Globex Ü a=b-c", "Globex Ü a=b-c"),
        ] {
            assert_eq!(spreadsheet_safe(text), cell);
        }
    }

    #[test]
    fn sarif_messages_cannot_link() {
        // The newline is escaped first, then its backslash.
        assert_eq!(
            sarif_message("[a](b) \\ @c\n"),
            "\\[a\\](b) \\\\ @\u{2060}c\\\\n"
        );
    }
}
