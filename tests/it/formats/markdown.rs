//! Markdown: what GitHub renders from the comment. Rendered with comrak and
//! GitHub's extensions (autolink, tagfilter, tables), raw HTML allowed as
//! GitHub allows it: nothing from an input file may become a link, a
//! mention, an issue reference or HTML.

use super::{HOSTILE, LINKY, render, report};
use dealcheck::report::Report;
use dealcheck::report::lint::{self, LintReport};

/// The HTML GitHub would make of a comment (before its own mention and
/// reference filters, which look at the text this returns).
pub(super) fn github_html(md: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    #[allow(deprecated)]
    {
        options.extension.tagfilter = true;
    }
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.render.r#unsafe = true;
    comrak::markdown_to_html(md, &options)
}

/// The tags dealcheck itself writes, or comrak makes of its Markdown.
const OUR_TAGS: &[&str] = &[
    "h2", "h3", "p", "strong", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "details",
    "summary", "b", "sub",
];

/// Every tag name in the HTML.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|t| {
            t.trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .collect()
}

/// The ways GitHub turns plain text into links: a mention is `@` before a
/// name character, an issue reference `#` before a digit, a URL `://` or
/// `www.`.
fn assert_inert(html: &str) {
    assert!(!html.contains("<a "), "a link:\n{html}");
    for tag in tags(html) {
        assert!(
            OUR_TAGS.contains(&tag.as_str()),
            "raw <{tag}> survived:\n{html}"
        );
    }
    let chars: Vec<char> = html.chars().collect();
    for (i, w) in chars.windows(2).enumerate() {
        let mention = w[0] == '@' && (w[1].is_alphanumeric() || w[1] == '-');
        let issue = w[0] == '#' && w[1].is_ascii_digit() && (i == 0 || chars[i - 1] != '&');
        assert!(!mention && !issue, "{w:?} at {i}:\n{html}");
    }
    assert!(!html.contains("://"), "a URL:\n{html}");
    assert!(
        !html.to_ascii_lowercase().contains("www."),
        "a www. link:\n{html}"
    );
}

#[test]
fn github_renders_no_link_mention_or_html_from_input() {
    let mut r = report();
    r.deals[1].customer = LINKY.into();
    r.deals[2].id = "<script>alert(1)</script>".into();
    r.deals[2].customer = "<details open><summary>x</summary>".into();
    let md = render(dealcheck::report::markdown::render, &r);
    assert!(md.contains("dana"), "the text itself is kept");
    let html = github_html(&md);
    assert_inert(&html);
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

/// Guards against a check that passes anything: the same text without the
/// escaping does link, mention and inject.
#[test]
fn the_markdown_check_catches_links_mentions_and_html() {
    for raw in [
        LINKY,
        "@dana",
        "see #12",
        "www.evil.example",
        HOSTILE,
        "<a href=x>y</a>",
    ] {
        let html = github_html(&format!("{raw}\n"));
        assert!(
            std::panic::catch_unwind(|| assert_inert(&html)).is_err(),
            "{raw} should be caught in {html}"
        );
    }
}

/// The cells that separate a row: GitHub splits rows on raw pipes only.
fn cells(row: &str) -> usize {
    row.matches('|').count() - 1
}

#[test]
fn markdown_escapes_a_hostile_customer() {
    let md = render(dealcheck::report::markdown::render, &report());
    assert!(!md.contains("<img"), "{md}");
    assert!(!md.contains("**bold**"), "{md}");
    assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;&#124;&#42;&#42;bold&#42;&#42;"));
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    let header = cells(rows[0]);
    assert!(rows.iter().all(|r| cells(r) == header), "{rows:#?}");
    let html = github_html(&md);
    assert_inert(&html);
    assert_eq!(html.matches("<tr>").count(), 1 + report().deals.len());
}

#[test]
fn markdown_has_one_row_per_deal_and_opens_infeasible_details() {
    let r: Report = report();
    let md = render(dealcheck::report::markdown::render, &r);
    let rows = md.lines().filter(|l| l.starts_with("| ")).count();
    assert_eq!(rows, 1 + r.deals.len(), "header + one row per deal");
    assert_eq!(md.matches("<details").count(), r.deals.len());
    assert_eq!(md.matches("<details open>").count(), r.summary.infeasible);
    assert!(md.contains("### Not checked"));
    assert!(md.contains("deals/broken.toml"));
}

#[test]
fn lint_findings_in_markdown_are_inert_too() {
    let text = "[catalog]\nname = \"@ops www.ops.example\"\n[[feature]]\nid = \"x\"\n\
                status = \"planned\"\n[[team]]\nid = \"t\"\npeople = 0\n";
    let catalog = super::common::catalog_from(text).unwrap();
    let report = LintReport::new(&catalog, dealcheck::lint::lint(&catalog));
    let mut out = Vec::new();
    lint::markdown(&report, &mut out).unwrap();
    let md = String::from_utf8(out).unwrap();
    assert!(
        md.starts_with("## dealcheck catalog lint: 2 warnings"),
        "{md}"
    );
    assert!(md.contains("**C001** planned-without-date"), "{md}");
    assert!(md.contains("**C005** team-without-people"), "{md}");
    assert!(md.contains("(catalog.toml:4)"), "{md}");
    assert_inert(&github_html(&md));
}

#[test]
fn markdown_snapshot() {
    let md = render(dealcheck::report::markdown::render, &report());
    insta::assert_snapshot!(md.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

/// `catalog lint --format markdown` through the binary.
#[test]
fn catalog_lint_prints_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[catalog]\nname = \"C\"\n[[feature]]\nid = \"x\"\nstatus = \"planned\"\n";
    std::fs::write(dir.path().join("catalog.toml"), text).unwrap();
    let out = assert_cmd::Command::cargo_bin("dealcheck")
        .unwrap()
        .env_remove("DEALCHECK_CATALOG")
        .current_dir(dir.path())
        .args(["catalog", "lint", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a warning");
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("## dealcheck catalog lint: 1 warning\n"),
        "{md}"
    );
    assert!(md.contains("**C001** planned-without-date"), "{md}");
}
