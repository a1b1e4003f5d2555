//! GitHub annotations: every one with a file, line, column and a title with
//! the code and name, unjudged files included; values escaped as the runner
//! unescapes them.

use super::{Format, all_gaps, render_as, report};

/// The `key=value` properties of a workflow command.
fn properties(line: &str) -> Vec<(&str, &str)> {
    let props = line.split_once(' ').unwrap().1.split_once("::").unwrap().0;
    props
        .split(',')
        .map(|p| p.split_once('=').unwrap())
        .collect()
}

#[test]
fn every_annotation_has_file_line_col_and_title() {
    let r = report();
    let text = render_as(Format::Github, &r);
    let lines: Vec<&str> = text.lines().collect();
    let problems = r.errors[0].diagnostics.len();
    assert!(problems >= 2, "the broken file has several problems");
    assert_eq!(lines.len(), all_gaps(&r) + problems + 1);
    let (commands, summary) = lines.split_at(lines.len() - 1);
    assert!(summary[0].starts_with("dealcheck: 4 deals"));
    for line in commands {
        let keys: Vec<&str> = properties(line).iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["file", "line", "col", "title"], "{line}");
        let props = properties(line);
        assert!(props[1].1.parse::<usize>().unwrap() >= 1, "{line}");
        assert!(props[2].1.parse::<usize>().unwrap() >= 1, "{line}");
    }
    assert!(lines.iter().any(|l| l.starts_with("::warning ")));
    assert!(lines.iter().any(|l| l.starts_with("::notice ")));
    let gap = &r.deals[0].gaps[0];
    let place = gap.location.as_ref().unwrap();
    let first = format!(
        " file=deals/evil deal.toml,line={},col={},title={} {}::",
        place.line,
        place.column,
        gap.code().code(),
        gap.code().name()
    );
    assert!(lines[0].contains(&first), "{}", lines[0]);
}

#[test]
fn a_gap_without_a_line_is_put_on_line_one() {
    let text = render_as(Format::Github, &report());
    let late = text.lines().find(|l| l.contains("title=S004")).unwrap();
    assert_eq!(
        late,
        "::error file=deals/late.toml,line=1,col=1,title=S004 unknown-team::\
         custom work \"100%25 booked: 3,5 days short%0Asecond line\" is for team \"platfrom\", \
         which the catalog does not have → did you mean \"platform\"?"
    );
}

#[test]
fn each_problem_of_an_unjudged_file_is_annotated_at_its_place() {
    let r = report();
    let text = render_as(Format::Github, &r);
    let annotations: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("file=deals/broken.toml"))
        .collect();
    let diagnostics = &r.errors[0].diagnostics;
    assert_eq!(annotations.len(), diagnostics.len());
    for (line, d) in annotations.iter().zip(diagnostics) {
        let expected = format!(
            "::error file=deals/broken.toml,line={},col={},title=input-error%3A the file could not be judged::",
            d.line.unwrap(),
            d.column.unwrap()
        );
        assert!(line.starts_with(&expected), "{line}");
    }
    assert!(annotations[0].starts_with("::error file=deals/broken.toml,line=3,col=12,"));
}

#[test]
fn github_properties_escape_separators() {
    let mut r = report();
    r.deals[3].path = "a:b,c%.toml".into();
    let text = render_as(Format::Github, &r);
    assert!(
        text.contains("::error file=a%3Ab%2Cc%25.toml,line=1,col=1,title=S004"),
        "{text}"
    );
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!(render_as(Format::Github, &report()));
}
