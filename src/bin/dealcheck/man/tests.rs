use super::*;
use std::collections::BTreeSet;

fn all() -> Vec<(String, String)> {
    pages()
}

#[test]
fn there_is_a_page_for_dealcheck_and_every_subcommand() {
    let names: Vec<String> = all().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "dealcheck",
            "dealcheck-check",
            "dealcheck-offer",
            "dealcheck-capacity",
            "dealcheck-forecast",
            "dealcheck-explain",
            "dealcheck-catalog",
            "dealcheck-catalog-lint",
            "dealcheck-init",
            "dealcheck-schema",
            "dealcheck-completions",
            "dealcheck-man",
        ]
    );
}

#[test]
fn every_page_has_its_sections_and_a_parsable_date() {
    assert!(chrono::NaiveDate::parse_from_str(DATE, "%Y-%m-%d").is_ok());
    for (name, text) in all() {
        let th = format!(".TH {} 1 {DATE} ", name.to_uppercase());
        assert!(text.contains(&th), "{name}: {th}");
        for section in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "\"EXIT STATUS\"",
            "FILES",
            "ENVIRONMENT",
            "\"SEE ALSO\"",
        ] {
            assert!(
                text.contains(&format!("\n.SH {section}\n")),
                "{name}: {section}\n{text}"
            );
        }
        assert!(text.contains("DEALCHECK_CATALOG") && text.contains("NO_COLOR"));
        assert!(text.contains("catalog.toml"));
        assert_eq!(text.matches(".ds Aq").count(), 2, "{name}: one preamble");
    }
}

#[test]
fn the_roff_is_tidy() {
    for (name, text) in all() {
        for (i, line) in text.lines().enumerate() {
            assert_eq!(
                line,
                line.trim_end(),
                "{name}:{}: trailing whitespace",
                i + 1
            );
            let control = line.starts_with('.') || line.starts_with('\'');
            assert!(
                control || line.len() <= 80 || !line.contains(' '),
                "{name}:{}: {line}",
                i + 1
            );
        }
        assert!(text.ends_with('\n'));
        assert!(
            !text.contains(".br\n\n"),
            "{name}: a break before a blank line"
        );
    }
}

#[test]
fn each_page_lists_its_command_s_options() {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let pages: std::collections::HashMap<String, String> = all().into_iter().collect();
    let mut stack = vec![&root];
    let mut checked = 0;
    while let Some(cmd) = stack.pop() {
        let text = &pages[&display_name(cmd)];
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                let roff = format!("\\-\\-{}", long.replace('-', "\\-"));
                assert!(text.contains(&roff), "{}: --{long}", display_name(cmd));
                checked += 1;
            }
        }
        stack.extend(cmd.get_subcommands());
    }
    assert!(checked > 20, "{checked}");
    let check = &pages["dealcheck-check"];
    for option in [
        "\\-\\-fail\\-on",
        "\\-\\-format",
        "\\-\\-as\\-of",
        "\\-\\-portfolio",
    ] {
        assert!(check.contains(option), "{option}");
    }
}

/// Every `name(1)` a page mentions is a page that `--dir` writes.
#[test]
fn every_page_referred_to_can_be_produced() {
    let pages = all();
    let names: BTreeSet<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    let mut referred = 0;
    for (name, text) in &pages {
        let plain = text.replace("\\-", "-");
        for (i, _) in plain.match_indices("(1)") {
            let start = plain[..i]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |j| j + 1);
            let page = &plain[start..i];
            assert!(names.contains(page), "{name} refers to {page}(1)");
            referred += 1;
        }
    }
    assert!(referred >= pages.len(), "{referred}");
}

#[test]
fn pages_are_named_by_their_subcommand_words() {
    let words = |w: &[&str]| page_name(&w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(words(&[]), "dealcheck");
    assert_eq!(words(&["check"]), "dealcheck-check");
    assert_eq!(words(&["catalog", "lint"]), "dealcheck-catalog-lint");
    assert_eq!(words(&["catalog-lint"]), "dealcheck-catalog-lint");
    assert_eq!(words(&["dealcheck-catalog-lint"]), "dealcheck-catalog-lint");
    assert_eq!(words(&["dealcheck"]), "dealcheck");
}

#[test]
fn dir_writes_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    assert_eq!(run(&[], Some(&out)).unwrap(), Exit::Pass);
    for (name, text) in all() {
        let written = std::fs::read_to_string(out.join(format!("{name}.1"))).unwrap();
        assert_eq!(written, text);
    }
    assert_eq!(run(&["nope".to_string()], None).unwrap(), Exit::Input);
}

#[test]
fn long_lines_are_wrapped_without_making_control_lines() {
    let long = format!("{} .x {}", ["word"; 16].join(" "), ["more"; 15].join(" "));
    let tidy = tidy(&format!("{long}\n.nf\n{long}\n.fi\n"));
    let lines: Vec<&str> = tidy.lines().collect();
    assert!(lines.iter().all(|l| !l.starts_with(".x")), "{tidy}");
    assert!(lines.iter().any(|l| l.starts_with("\\&.x")), "{tidy}");
    assert!(
        lines.contains(&long.as_str()),
        "no-fill text is kept as it is"
    );
}

/// The section's text of a page, up to the next `.SH`.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("\n.SH {heading}\n"))
        .unwrap_or_else(|| panic!("no {heading}"));
    let rest = &text[start + 1..];
    let end = rest[1..].find("\n.SH ").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn every_page_has_examples_and_no_markdown() {
    for (name, text) in all() {
        let examples = section(&text, "EXAMPLES");
        assert!(examples.contains("\\fBdealcheck"), "{name}: {examples}");
        // Each example after the first starts a paragraph of its own.
        let count = examples.matches("\n.RS 4\n").count();
        assert!(count >= 1, "{name}: {examples}");
        assert_eq!(
            examples.matches("\n.PP\n").count(),
            count - 1,
            "{name}: {examples}"
        );
        assert!(!text.contains('`'), "{name}: a Markdown backtick");
    }
}

#[test]
fn the_synopsis_names_what_each_option_takes() {
    let pages = all();
    let page = |n: &str| pages.iter().find(|(name, _)| name == n).unwrap().1.clone();
    let check = page("dealcheck-check");
    // Filled text: a line break is a space.
    let synopsis = section(&check, "SYNOPSIS").replace('\n', " ");
    for wanted in [
        "[\\fB\\-\\-catalog\\fR \\fIPATH\\fR]",
        "[\\fB\\-\\-as\\-of\\fR \\fIDATE\\fR]",
        "[\\fB\\-o\\fR|\\fB\\-\\-output\\fR \\fIFILE\\fR]",
        "[\\fB\\-q\\fR|\\fB\\-\\-quiet\\fR]",
        "[\\fIDEAL|DIR\\fR]...",
    ] {
        assert!(synopsis.contains(wanted), "{wanted}\n{synopsis}");
    }
    assert!(!synopsis.contains("[\\fB\\-\\-catalog\\fR]"), "{synopsis}");
    let top = page("dealcheck");
    assert!(section(&top, "SYNOPSIS").contains("\\fICOMMAND\\fR"));
}

/// One EXIT STATUS per command, agreeing with what its DESCRIPTION says.
#[test]
fn exit_status_is_the_commands_own() {
    let pages = all();
    let page = |n: &str| pages.iter().find(|(name, _)| name == n).unwrap().1.clone();
    let offer = page("dealcheck-offer");
    let status = section(&offer, "\"EXIT STATUS\"");
    assert!(status.contains("Every deal got an offer."), "{status}");
    assert!(!status.contains("The output was written"), "{status}");
    assert!(section(&offer, "DESCRIPTION").contains("0 every deal got an offer"));
    let top = page("dealcheck");
    let status = section(&top, "\"EXIT STATUS\"");
    for command in [
        "check",
        "offer",
        "catalog lint",
        "explain",
        "init",
        "schema",
        "man",
    ] {
        assert!(status.contains(command), "{command}: {status}");
    }
}

/// Every command's page states its own exit codes, not the generic ones:
/// exactly the codes listed here for it, each page with a line only its
/// command's statuses have (only `completions` uses the generic text).
#[test]
fn every_command_states_its_own_exit_codes() {
    let expected: [(&str, &[&str], &str); 11] = [
        ("dealcheck-check", &["0", "1", "2"], "Some deal fails"),
        (
            "dealcheck-offer",
            &["0", "1", "2"],
            "Every deal got an offer.",
        ),
        ("dealcheck-capacity", &["0", "2"], "The load was shown."),
        (
            "dealcheck-forecast",
            &["0", "1", "2"],
            "The forecast was written",
        ),
        (
            "dealcheck-catalog",
            &["0", "1", "2"],
            "The catalog is clean.",
        ),
        (
            "dealcheck-catalog-lint",
            &["0", "1", "2"],
            "The catalog is clean.",
        ),
        (
            "dealcheck-explain",
            &["0", "2"],
            "No gap has that code or name.",
        ),
        (
            "dealcheck-init",
            &["0", "2"],
            "The starter files were written.",
        ),
        ("dealcheck-schema", &["0", "2"], "The schema was printed."),
        ("dealcheck-man", &["0", "2"], "No page has that name"),
        (
            "dealcheck-completions",
            &["0", "2"],
            "The output was written.",
        ),
    ];
    let pages = all();
    for (name, codes, own) in expected {
        let text = &pages.iter().find(|(n, _)| n == name).unwrap().1;
        let status = section(text, "\"EXIT STATUS\"").replace('\n', " ");
        let listed: Vec<&str> = status
            .split("\\fB")
            .skip(1)
            .filter_map(|rest| rest.split_once("\\fR").map(|(code, _)| code))
            .collect();
        assert_eq!(listed, codes, "{name}: {status}");
        assert!(status.contains(own), "{name}: {status}");
        let generic = status.contains("The output was written.");
        assert_eq!(generic, name == "dealcheck-completions", "{name}: {status}");
    }
}

/// `mandoc -T lint` finds nothing in any page, when mandoc is installed
/// (.ci/run installs it; under CI a missing mandoc fails the test).
#[test]
fn mandoc_finds_nothing_to_say() {
    let found = std::process::Command::new("mandoc").arg("-V").output();
    if found.is_err() {
        let under_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(!under_ci, "mandoc is not installed, and CI is set");
        eprintln!("SKIPPED: mandoc is not installed (apt-get install mandoc)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in all() {
        let path = dir.path().join(format!("{name}.1"));
        std::fs::write(&path, text).unwrap();
        let out = std::process::Command::new("mandoc")
            .args(["-T", "lint", "-W", "all"])
            .arg(&path)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && said.trim().is_empty(),
            "{name}: {said}"
        );
    }
}
