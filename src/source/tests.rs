use super::*;

fn file(text: &str) -> Arc<Source> {
    Source::new(PathBuf::from("deal.toml"), text.to_string())
}

#[test]
fn locations_are_one_based_in_characters() {
    let f = file("a = 1\nbé = \"x\"\n");
    let l = f.location(f.text().find('=').unwrap());
    assert_eq!((l.line, l.column), (1, 3));
    let l = f.location(f.text().rfind('=').unwrap());
    assert_eq!((l.line, l.column), (2, 4));
    // The end of a file that ends with a newline is the end of its last line.
    assert_eq!(f.line_count(), 2);
    assert_eq!(f.line_column(10_000), (2, 9));
    assert_eq!(file("").line_column(0), (1, 1));
    assert_eq!(file("x").line_count(), 1);
}

#[test]
fn line_ranges_leave_out_the_line_break() {
    let f = file("ab\r\ncd\n\nlast");
    let lines: Vec<&str> = (1..=f.line_count())
        .map(|l| &f.text()[f.line_range(l)])
        .collect();
    assert_eq!(lines, ["ab", "cd", "", "last"]);
    assert_eq!(&file("x\n").text()[file("x\n").line_range(1)], "x");
}

#[test]
fn columns_count_characters_on_non_ascii_lines_only() {
    let f = file("ascii = 1\nnon = \"ü\" x\n");
    assert_eq!(f.line_column(f.text().find('1').unwrap()), (1, 9));
    assert_eq!(f.line_column(f.text().find('x').unwrap()), (2, 11));
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
    assert!(out.contains("2 | id = 3"), "{out}");
    assert!(out.contains("  |      ^"), "{out}");
    assert!(out.contains("quote it"), "{out}");
}

#[test]
fn render_escapes_control_characters_in_messages_paths_and_lines() {
    let f = Source::new(
        PathBuf::from("evil\x1b[2J.toml"),
        "x = \"\u{9b}31m\u{202e}\" # \x07\n".to_string(),
    );
    let p = f.problem(4..5, "bad \x1b[2J value\u{85}");
    for out in [p.render(false), p.headline()] {
        assert!(
            !out.chars()
                .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{out:?}"
        );
    }
    let out = p.render(false);
    assert!(out.contains("evil\\u{1b}[2J.toml:1:5"), "{out}");
    assert!(out.contains("\\u{9b}31m\\u{202e}"), "{out}");
}

#[test]
fn the_marker_stays_under_the_span_after_escaped_characters() {
    let f = file("a = \"\u{9b}\u{9b}\" b = 1\n");
    let at = f.text().find('b').unwrap();
    let out = f.problem(at..at + 1, "here").render(false);
    assert!(out.contains("--> deal.toml:1:10"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let code = lines.iter().find(|l| l.starts_with("1 |")).unwrap();
    let marker = lines.iter().find(|l| l.contains('^')).unwrap();
    let col = marker.find('^').unwrap();
    assert_eq!(&code[col..=col], "b", "{out}");
}

#[test]
fn a_long_line_is_shown_as_a_window_around_the_span() {
    let text = format!(
        "x = \"{}\" bad = 1 # {}\n",
        "a".repeat(5000),
        "z".repeat(5000)
    );
    let f = file(&text);
    let at = text.find("bad").unwrap();
    let out = f.problem(at..at + 3, "here").render(false);
    assert!(out.len() < 1000, "{}", out.len());
    assert!(out.contains("--> deal.toml:1:5008"), "{out}");
    assert!(out.contains("…"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let code = lines.iter().find(|l| l.starts_with("1 |")).unwrap();
    let marker = lines.iter().find(|l| l.contains('^')).unwrap();
    let col = marker.find('^').unwrap();
    // Columns in characters: `…` is one.
    let shown: String = code
        .chars()
        .skip(marker[..col].chars().count())
        .take(3)
        .collect();
    assert_eq!(shown, "bad", "{out}");
}

#[test]
fn a_problem_at_the_end_of_the_file_points_at_the_last_line() {
    let f = file("[deal]\nid = \"x\"\n");
    let p = f.problem(f.text().len()..f.text().len(), "unexpected end");
    assert_eq!(p.location.as_ref().unwrap().line, 2);
    let out = p.render(false);
    assert!(out.contains("2 | id = \"x\""), "{out}");
}

#[test]
fn after_a_hundred_problems_per_file_the_rest_are_counted() {
    let f = file("a = 1\n");
    let mut errors = InputErrors::default();
    for _ in 0..250 {
        errors.push(f.problem(0..1, "again"));
    }
    errors.push(Problem::file(Path::new("other.toml"), "missing"));
    let out = errors.render(false);
    assert_eq!(out.matches("error: again").count(), PROBLEMS_SHOWN);
    assert!(
        out.contains("… and 150 more problems in deal.toml"),
        "{out}"
    );
    assert!(out.contains("missing"), "{out}");
    assert!(out.ends_with("251 problems found\n"), "{out}");
}

#[test]
fn problems_share_the_file_instead_of_copying_it() {
    let f = file(&"x = 1\n".repeat(10_000));
    let problems: Vec<Problem> = (0..1000)
        .map(|i| f.problem(i * 6..i * 6 + 1, "p"))
        .collect();
    assert_eq!(Arc::strong_count(&f), 1001);
    assert!(Arc::ptr_eq(problems[999].source().unwrap(), &f));
}

#[test]
fn invalid_utf8_is_located_with_the_line_shown() {
    let e = SourceFile::from_bytes(Path::new("d.toml"), b"a = 1\nb = \"x\xffy\"\n".to_vec())
        .unwrap_err();
    let p = &e.problems[0];
    let l = p.location.as_ref().unwrap();
    assert_eq!((l.line, l.column), (2, 7));
    let out = e.render(false);
    assert!(out.contains("invalid byte 0xFF"), "{out}");
    assert!(out.contains("b = \"x\u{FFFD}y\""), "{out}");
}

#[test]
fn a_byte_order_mark_is_dropped() {
    let f = SourceFile::from_bytes(Path::new("d.toml"), b"\xEF\xBB\xBFa = 1\n".to_vec()).unwrap();
    assert_eq!(f.text, "a = 1\n");
}
