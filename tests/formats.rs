//! The CI formats (markdown, github, sarif, junit) on a real report: SARIF
//! against the official schema, JUnit through a strict XML parser, and user
//! text that tries to break out of each format.

mod common;
use assert_cmd::Command;
use dealcheck::check::{CheckOptions, check_deal};
use dealcheck::gap::{Gap, GapCode, GapKind, Severity, UnknownTeam};
use dealcheck::load::parse_deal;
use dealcheck::report::{self, CatalogRef, DealReport, FileError, Format, Report, Verdict};
use serde_json::Value;
use std::path::{Path, PathBuf};

const HOSTILE: &str = "<img src=x onerror=alert(1)>|**bold**";

/// A message with every character GitHub's command syntax cares about.
const TRICKY: &str = "100% booked: 3,5 days short\nsecond line";

/// Deals with errors, warnings and notes (located), a gap without a
/// location, a hostile customer name, and one file that cannot be judged.
fn deal_files() -> Vec<(&'static str, String)> {
    let hostile = format!(
        "[deal]\nid = \"EVIL-1\"\ncustomer = '{HOSTILE}'\nstart = 2026-12-01\n\
         deadline = 2027-03-01\nfeatures = [\"sso\", \"ldap\", \"fax\"]\n\
         [requirements]\nseats = 500\nregions = [\"mars\"]\n"
    );
    vec![
        ("deals/evil deal.toml", hostile),
        (
            "deals/fine.toml",
            common::deal_text(&["core"], "2027-03-01", ""),
        ),
        (
            "deals/risky.toml",
            common::deal_text(&["ldap"], "2027-03-01", ""),
        ),
        (
            "deals/late.toml",
            common::deal_text(&["core"], "2027-03-01", ""),
        ),
        ("deals/broken.toml", "[deal]\nid = 1\nbogus = true\n".into()),
    ]
}

/// The report the binary would build, made through the library.
fn report() -> Report {
    let catalog = common::catalog();
    let mut options = CheckOptions::new(common::as_of());
    options.trials = 0;
    let (mut deals, mut errors) = (Vec::new(), Vec::new());
    for (name, text) in deal_files() {
        match parse_deal(&common::source(name, &text), &catalog) {
            Ok(deal) => deals.push(DealReport::new(
                &deal,
                check_deal(&catalog, &deal, &options),
            )),
            Err(e) => errors.push(FileError::new(&e)),
        }
    }
    add_unlocated_gap(&mut deals[3]);
    let catalog_ref = CatalogRef {
        path: "catalog.toml".into(),
        name: catalog.name.clone(),
    };
    Report::new(common::as_of(), Some(catalog_ref), deals, errors)
}

/// A gap without a line, whose text has every character GitHub's command
/// syntax cares about.
fn add_unlocated_gap(deal: &mut DealReport) {
    let gap = Gap::new(GapKind::UnknownTeam(UnknownTeam {
        custom: TRICKY.into(),
        team: "platfrom".into(),
        nearest: Some("platform".into()),
        teams: Vec::new(),
    }));
    deal.gaps.push(gap);
    deal.verdict = Verdict::of(&deal.gaps);
}

/// A whole report through a format's streaming renderer.
fn render_as(format: Format, report: &Report) -> String {
    let mut out = Vec::new();
    report::render_report(report, &mut *format.renderer(false), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

type Render = fn(&Report, &mut dyn std::io::Write) -> std::io::Result<()>;

fn render(f: Render, report: &Report) -> String {
    let mut out = Vec::new();
    f(report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn error_gaps(report: &Report) -> usize {
    report.deals.iter().map(|d| d.count(Severity::Error)).sum()
}

fn all_gaps(report: &Report) -> usize {
    report.deals.iter().map(|d| d.gaps.len()).sum()
}

#[test]
fn the_fixture_covers_what_the_formats_must_handle() {
    let r = report();
    assert_eq!(r.deals.len(), 4);
    assert_eq!(r.errors.len(), 1);
    let gaps = r.deals.iter().flat_map(|d| &d.gaps);
    assert!(gaps.clone().any(|g| g.location.is_none()));
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        assert!(gaps.clone().any(|g| g.severity() == s), "{s:?}");
    }
    assert_eq!(r.deals[0].customer, HOSTILE);
}

// ---- SARIF -------------------------------------------------------------

/// Fails, never skips, when the schema is missing: a skipped validation
/// would pass silently. The official schema ships in tests/data/.
fn sarif_schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the official SARIF schema is needed at {} ({e}); see tests/data/README.md",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("the SARIF schema is JSON")
}

/// Refuses every fetch, so validation never depends on the network.
struct Offline;

impl jsonschema::Retrieve for Offline {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        Err(format!("offline: refusing to fetch {uri}").into())
    }
}

fn assert_valid_sarif(doc: &Value) {
    let schema = sarif_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .with_retriever(Offline)
        .build(&schema)
        .expect("the SARIF schema compiles offline");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    assert_uri_references(doc);
}

/// Draft 4 does not know `uri-reference`, the format of `artifactLocation.uri`:
/// check those with a Draft 7 validator.
fn assert_uri_references(doc: &Value) {
    let check = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&serde_json::json!({ "type": "string", "format": "uri-reference" }))
        .unwrap();
    let mut uris = Vec::new();
    collect_uris(doc, &mut uris);
    for uri in uris {
        assert!(check.is_valid(uri), "not a URI reference: {uri}");
    }
}

fn collect_uris<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(m) => {
            if let Some(uri) = m.get("artifactLocation").and_then(|a| a.get("uri")) {
                out.push(uri);
            }
            m.values().for_each(|x| collect_uris(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_uris(x, out)),
        _ => {}
    }
}

fn sarif(report: &Report) -> Value {
    serde_json::from_str(&render(report::sarif::render, report)).expect("SARIF is JSON")
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let r = report();
    let doc = sarif(&r);
    assert_valid_sarif(&doc);
    let mut uris = Vec::new();
    collect_uris(&doc, &mut uris);
    assert!(uris.len() > all_gaps(&r));
    let run = &doc["runs"][0];
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(run["results"].as_array().unwrap().len(), all_gaps(&r));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), GapCode::ALL.len());
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_gaps_keep_their_place_or_name_only_the_file() {
    let doc = sarif(&report());
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let located = results.iter().find(|r| r["ruleId"] == "F003").unwrap();
    let place = &located["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "deals/evil%20deal.toml");
    assert!(place["region"]["startLine"].as_u64().unwrap() >= 1);
    assert_eq!(located["properties"]["dealId"], "EVIL-1");
    assert_eq!(located["properties"]["verdict"], "infeasible");
    let unlocated = results.iter().find(|r| r["ruleId"] == "S004").unwrap();
    let place = &unlocated["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "deals/late.toml");
    assert!(place.get("region").is_none());
}

#[test]
fn sarif_reports_unjudged_files_as_failed_execution() {
    let doc = sarif(&report());
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert!(!notes.is_empty());
    assert_eq!(notes[0]["level"], "error");
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("deals/broken.toml")
    );
}

/// Guards against a validator that accepts anything.
#[test]
fn the_sarif_check_rejects_a_broken_log() {
    let mut doc = sarif(&report());
    doc["runs"][0]["results"][0]["level"] = "fatal".into();
    let result = std::panic::catch_unwind(|| assert_valid_sarif(&doc));
    assert!(result.is_err(), "a level outside the enum must fail");
    let mut doc = sarif(&report());
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "deals/a b.toml".into();
    let result = std::panic::catch_unwind(|| assert_valid_sarif(&doc));
    assert!(
        result.is_err(),
        "a path with a space is not a URI reference"
    );
}

#[test]
fn sarif_of_an_empty_run_is_valid_too() {
    let empty = Report::new(common::as_of(), None, Vec::new(), Vec::new());
    let doc = sarif(&empty);
    assert_valid_sarif(&doc);
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

// ---- JUnit -------------------------------------------------------------

#[test]
fn junit_is_well_formed_xml_with_the_right_counts() {
    let r = report();
    let xml = render(report::junit::render, &r);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("name"), Some("dealcheck"));
    assert_eq!(root.attribute("tests"), Some("5"));
    // Testcases that failed: the infeasible deals (evil and late).
    assert_eq!(root.attribute("failures"), Some("2"));
    assert_eq!(root.attribute("errors"), Some("1"));
    let suite = root
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("name"), Some("Test Cloud"));
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    assert_eq!(count("testcase"), 5);
    assert_eq!(count("failure"), error_gaps(&r));
    assert_eq!(count("error"), 1);
}

#[test]
fn junit_keeps_hostile_text_as_text() {
    let mut r = report();
    r.deals[0].id = "a\"b'<c>&d\u{1}\u{FFFE}".into();
    let xml = render(report::junit::render, &r);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let case = doc
        .descendants()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    assert_eq!(case.attribute("name"), Some("a\"b'<c>&d\\u{1}\\u{fffe}"));
    assert_eq!(case.attribute("classname"), Some("deals/evil deal.toml"));
    let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert!(failure.attribute("type").unwrap().starts_with(['F', 'L']));
    let out = case
        .children()
        .find(|n| n.has_tag_name("system-out"))
        .unwrap();
    assert!(out.text().unwrap().contains("F007 beta-feature"));
}

// ---- Markdown ----------------------------------------------------------

/// The `|` that separate cells: GitHub splits rows on raw pipes only.
fn cells(row: &str) -> usize {
    row.matches('|').count() - 1
}

#[test]
fn markdown_escapes_a_hostile_customer() {
    let md = render(report::markdown::render, &report());
    assert!(!md.contains("<img"), "{md}");
    assert!(!md.contains("**bold**"), "{md}");
    assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;&#124;&#42;&#42;bold&#42;&#42;"));
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    let header = cells(rows[0]);
    assert!(rows.iter().all(|r| cells(r) == header), "{rows:#?}");
}

#[test]
fn markdown_has_one_row_per_deal_and_opens_infeasible_details() {
    let r = report();
    let md = render(report::markdown::render, &r);
    let rows = md.lines().filter(|l| l.starts_with("| ")).count();
    assert_eq!(rows, 1 + r.deals.len(), "header + one row per deal");
    assert_eq!(md.matches("<details").count(), r.deals.len());
    assert_eq!(md.matches("<details open>").count(), r.summary.infeasible);
    assert!(md.contains("### Not checked"));
    assert!(md.contains("deals/broken.toml"));
}

#[test]
fn markdown_snapshot() {
    let md = render(report::markdown::render, &report());
    insta::assert_snapshot!(md.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

// ---- GitHub ------------------------------------------------------------

#[test]
fn github_commands_carry_level_place_and_escaping() {
    let r = report();
    let text = render_as(Format::Github, &r);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), all_gaps(&r) + r.errors.len() + 1);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::error file=deals/evil deal.toml,line="))
    );
    assert!(lines.iter().any(|l| l.starts_with("::warning ")));
    assert!(lines.iter().any(|l| l.starts_with("::notice ")));
    let late = lines.iter().find(|l| l.contains("title=S004")).unwrap();
    assert_eq!(
        *late,
        "::error file=deals/late.toml,title=S004 unknown-team::\
         custom work \"100%25 booked: 3,5 days short%0Asecond line\" is for team \"platfrom\", \
         which the catalog does not have → did you mean \"platform\"?"
    );
    let gap = &r.deals[0].gaps[0];
    let place = gap.location.as_ref().unwrap();
    let first = format!(
        "file=deals/evil deal.toml,line={},col={},title={} {}::",
        place.line,
        place.column,
        gap.code().code(),
        gap.code().name()
    );
    assert!(lines[0].contains(&first), "{}", lines[0]);
    assert!(lines.last().unwrap().starts_with("dealcheck: 4 deals"));
}

#[test]
fn github_properties_escape_separators() {
    let mut r = report();
    r.deals[3].path = "a:b,c%.toml".into();
    let text = render_as(Format::Github, &r);
    assert!(
        text.contains("::error file=a%3Ab%2Cc%25.toml,title=S004"),
        "{text}"
    );
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!(render_as(Format::Github, &report()));
}

// ---- The command line ---------------------------------------------------

/// Each new `--format` reaches its renderer through the binary.
#[test]
fn every_ci_format_is_wired_into_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("catalog.toml"), common::CATALOG).unwrap();
    for (name, text) in deal_files() {
        let path: PathBuf = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let run = |format: &str| {
        let out = Command::cargo_bin("dealcheck")
            .unwrap()
            .env_remove("DEALCHECK_CATALOG")
            .current_dir(dir.path())
            .args(["check", "deals", "--as-of", "2026-11-27", "--trials", "0"])
            .args(["--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "a file could not be judged");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_valid_sarif(&serde_json::from_str(&run("sarif")).unwrap());
    roxmltree::Document::parse(&run("junit")).expect("well-formed XML");
    assert!(run("markdown").starts_with("## dealcheck: "));
    assert!(run("github").contains("::error file=deals/broken.toml"));
}
