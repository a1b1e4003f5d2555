//! JUnit: valid against Jenkins' junit-10.xsd, one failure at most per test
//! case, failing exactly the deals that fail `--fail-on`, counts that add up.

use super::xsd::Schema;
use super::{Format, render_with, report, run_cli, stdout};
use dealcheck::exit::FailOn;
use dealcheck::gap::Severity;
use dealcheck::report::{RenderOptions, Report, Verdict};
use roxmltree::{Document, Node};
use std::path::Path;

/// Fails, never skips, when the schema is missing.
fn schema() -> Schema {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/junit-10.xsd");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "Jenkins' junit-10.xsd is needed at {} ({e}); see tests/data/README.md",
            path.display()
        )
    });
    Schema::parse(&text)
}

pub fn assert_valid_junit(xml: &str) {
    let errors = schema().validate(xml);
    assert!(
        errors.is_empty(),
        "invalid JUnit:\n{}\n{xml}",
        errors.join("\n")
    );
}

fn junit(report: &Report, fail_on: FailOn) -> String {
    let options = RenderOptions {
        color: false,
        fail_on,
    };
    render_with(Format::Junit, report, options)
}

fn cases<'a>(doc: &'a Document) -> Vec<Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect()
}

fn child<'a>(node: Node<'a, 'a>, tag: &str) -> Vec<Node<'a, 'a>> {
    node.children().filter(|n| n.has_tag_name(tag)).collect()
}

#[test]
fn the_interpreter_reads_the_whole_jenkins_schema() {
    let schema = schema();
    for element in [
        "testsuites",
        "testsuite",
        "testcase",
        "failure",
        "error",
        "properties",
    ] {
        assert!(schema.elements().contains(element), "{element}");
    }
}

/// Guards against an interpreter that accepts anything: each document
/// breaks one rule of the schema.
#[test]
fn the_junit_check_rejects_invalid_documents() {
    let schema = schema();
    let valid = r#"<testsuites><testsuite name="s" tests="1" failures="0" errors="0" time="1,234.5"><testcase name="c"><system-out>x</system-out></testcase></testsuite></testsuites>"#;
    assert_eq!(schema.validate(valid), Vec::<String>::new());
    let broken = [
        (r#"<testcase classname="c"/>"#, "required attribute name"),
        (
            r#"<testsuite name="s" tests="1" failures="0"/>"#,
            "required attribute errors",
        ),
        (r#"<testsuites time="soon"/>"#, "not a valid SUREFIRE_TIME"),
        (
            r#"<testsuites skipped="0"/>"#,
            "undeclared attribute skipped",
        ),
        (
            r#"<testsuites><testcase name="c"/></testsuites>"#,
            "content model",
        ),
        (
            r#"<testcase name="c"><failure/><bogus/></testcase>"#,
            "content model",
        ),
        (r#"<properties>text</properties>"#, "mixed"),
        (
            r#"<property name="a" value="b"><x/></property>"#,
            "content model",
        ),
        (
            r#"<system-out a="1">x</system-out>"#,
            "attribute a on a simple element",
        ),
        (r#"<failure><b/></failure>"#, "content model"),
        (r#"<report/>"#, "undeclared root"),
        ("<testcase", "not well-formed"),
    ];
    for (xml, why) in broken {
        let errors = schema.validate(xml);
        assert!(
            errors.iter().any(|e| e.contains(why)),
            "{xml} should fail with {why:?}, got {errors:?}"
        );
    }
}

#[test]
fn junit_validates_against_the_jenkins_schema() {
    let r = report();
    for fail_on in [FailOn::Infeasible, FailOn::AtRisk, FailOn::Never] {
        assert_valid_junit(&junit(&r, fail_on));
    }
    let empty = Report::new(super::common::as_of(), None, Vec::new(), Vec::new());
    assert_valid_junit(&junit(&empty, FailOn::Infeasible));
}

#[test]
fn a_test_case_fails_once_exactly_when_its_deal_fails_fail_on() {
    let r = report();
    for fail_on in [FailOn::Infeasible, FailOn::AtRisk, FailOn::Never] {
        let xml = junit(&r, fail_on);
        let doc = Document::parse(&xml).unwrap();
        let cases = cases(&doc);
        assert_eq!(cases.len(), r.deals.len() + r.errors.len());
        for (deal, case) in r.deals.iter().zip(&cases) {
            assert_eq!(case.attribute("name"), Some(deal.id.as_str()));
            assert_eq!(case.attribute("classname"), Some(deal.path.as_str()));
            let failures = child(*case, "failure");
            let fails = fail_on.fails(deal.verdict);
            assert_eq!(
                failures.len(),
                usize::from(fails),
                "{fail_on:?} {}",
                deal.id
            );
            if let Some(f) = failures.first() {
                assert_eq!(f.attribute("type"), Some(deal.verdict.as_str()));
            }
        }
        let failed = r.deals.iter().filter(|d| fail_on.fails(d.verdict)).count();
        let root = doc.root_element();
        let suite = child(root, "testsuite")[0];
        for node in [root, suite] {
            assert_eq!(
                node.attribute("tests"),
                Some(cases.len().to_string().as_str())
            );
            assert_eq!(
                node.attribute("failures"),
                Some(failed.to_string().as_str())
            );
            assert_eq!(node.attribute("errors"), Some("1"));
            assert_eq!(node.attribute("time"), Some("0"));
        }
        assert_eq!(suite.attribute("name"), Some("Test Cloud"));
        assert_eq!(suite.attribute("skipped"), Some("0"));
        assert!(cases.iter().all(|c| c.attribute("time") == Some("0")));
    }
}

#[test]
fn the_failure_lists_every_gap_most_severe_first() {
    let r = report();
    let deal = &r.deals[0];
    assert!(deal.count(Severity::Error) > 1 && deal.count(Severity::Warning) > 0);
    let xml = junit(&r, FailOn::Infeasible);
    let doc = Document::parse(&xml).unwrap();
    let failure = child(cases(&doc)[0], "failure")[0];
    let body = failure.text().unwrap();
    let positions: Vec<(Severity, usize)> = deal
        .gaps
        .iter()
        .map(|g| {
            let head = format!(
                "{}: {} {}",
                g.severity().as_str(),
                g.code().code(),
                g.code().name()
            );
            (
                g.severity(),
                body.find(&head)
                    .unwrap_or_else(|| panic!("{head} in {body}")),
            )
        })
        .collect();
    for (a, pa) in &positions {
        for (b, pb) in &positions {
            if a > b {
                assert!(pa < pb, "{a:?} before {b:?}:\n{body}");
            }
        }
    }
    let first_error = deal
        .gaps
        .iter()
        .find(|g| g.severity() == Severity::Error)
        .unwrap();
    assert_eq!(
        failure.attribute("message").unwrap(),
        format!(
            "{} {}: {}",
            first_error.code().code(),
            first_error.code().name(),
            first_error.message()
        )
    );
    // Nothing of a failing deal is left out of its failure or repeated.
    assert!(child(cases(&doc)[0], "system-out").is_empty());
}

#[test]
fn passing_deals_keep_their_gaps_in_system_out() {
    let r = report();
    let risky = r
        .deals
        .iter()
        .position(|d| d.verdict == Verdict::AtRisk)
        .unwrap();
    let xml = junit(&r, FailOn::Infeasible);
    let doc = Document::parse(&xml).unwrap();
    let case = cases(&doc)[risky];
    assert!(child(case, "failure").is_empty());
    let out = child(case, "system-out")[0].text().unwrap();
    assert!(out.contains("warning: F007 beta-feature"), "{out}");
    let fine = cases(&doc)[1];
    assert_eq!(fine.children().filter(|n| n.is_element()).count(), 0);
}

#[test]
fn unjudged_files_are_errors() {
    let xml = junit(&report(), FailOn::Infeasible);
    let doc = Document::parse(&xml).unwrap();
    let case = *cases(&doc).last().unwrap();
    assert_eq!(case.attribute("name"), Some("deals/broken.toml"));
    let error = child(case, "error")[0];
    assert_eq!(error.attribute("type"), Some("input-error"));
    assert!(
        error
            .attribute("message")
            .unwrap()
            .starts_with("deals/broken.toml:3:12: ")
    );
    assert_eq!(
        error.text().unwrap().lines().count(),
        report().errors[0].problems.len()
    );
}

#[test]
fn junit_keeps_hostile_text_as_text() {
    let mut r = report();
    r.deals[0].id = "a\"b'<c>&d\u{1}\u{FFFE}".into();
    let xml = junit(&r, FailOn::Infeasible);
    assert_valid_junit(&xml);
    let doc = Document::parse(&xml).expect("well-formed XML");
    let case = cases(&doc)[0];
    assert_eq!(case.attribute("name"), Some("a\"b'<c>&d\\u{1}\\u{fffe}"));
    assert_eq!(case.attribute("classname"), Some("deals/evil deal.toml"));
}

/// `--fail-on` reaches the JUnit renderer through the binary.
#[test]
fn the_cli_passes_fail_on_to_junit() {
    let dir = super::repo_on_disk();
    let failures = |more: &[&str]| {
        let out = run_cli(dir.path(), "junit", more);
        let xml = stdout(&out);
        assert_valid_junit(&xml);
        let doc = Document::parse(&xml).unwrap();
        doc.root_element()
            .attribute("failures")
            .unwrap()
            .to_string()
    };
    assert_eq!(failures(&[]), "1");
    assert_eq!(failures(&["--fail-on", "at-risk"]), "2");
    assert_eq!(failures(&["--fail-on", "never"]), "0");
}

#[test]
fn junit_snapshot() {
    let xml = junit(&report(), FailOn::Infeasible);
    insta::assert_snapshot!(xml.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}
