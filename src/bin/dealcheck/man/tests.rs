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
