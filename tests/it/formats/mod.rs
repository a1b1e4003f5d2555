//! The CI formats as their real consumers read them, on a real report:
//! JUnit against Jenkins' `junit-10.xsd`, SARIF against the official schema,
//! Markdown through a GitHub-flavoured renderer, GitHub annotations, jsonl
//! against `dealcheck schema`; and user text that tries to break out of
//! each format.

use crate::common;
mod github;
mod json;
mod junit;
mod markdown;
mod markdown_limit;
mod sarif;
mod unjudged;
mod xsd;

use assert_cmd::Command;
use dealcheck::check::{CheckOptions, check_deal};
use dealcheck::gap::{Gap, GapKind, Severity, UnknownTeam};
use dealcheck::load::parse_deal;
use dealcheck::report::{self, CatalogRef, DealReport, FileError, Format, Report, Verdict};

const HOSTILE: &str = "<img src=x onerror=alert(1)>|**bold**";

/// A message with every character GitHub's command syntax cares about.
const TRICKY: &str = "100% booked: 3,5 days short\nsecond line";

/// Text that a viewer would turn into links, a mention and an issue
/// reference.
const LINKY: &str = "[click](https://evil.example) @dana www.evil.example #12 dana@evil.example";

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
            common::deal_text(&["core"], "2027-03-01", "").replace("T-1", "FINE-1"),
        ),
        (
            "deals/risky.toml",
            common::deal_text(&["ldap"], "2027-03-01", "").replace("T-1", "RISKY-1"),
        ),
        (
            "deals/late.toml",
            common::deal_text(&["core"], "2027-03-01", "").replace("T-1", "LATE-1"),
        ),
        (
            "deals/broken.toml",
            "[deal]\nid = \"BROKEN-1\"\ndeadline = \"soon\"\n[availability]\ntarget = 150\n".into(),
        ),
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

/// Two gaps without a line: one whose text has every character GitHub's
/// command syntax cares about, one whose text would make links.
fn add_unlocated_gap(deal: &mut DealReport) {
    for custom in [TRICKY, LINKY] {
        deal.gaps.push(Gap::new(GapKind::UnknownTeam(UnknownTeam {
            custom: custom.into(),
            team: "platfrom".into(),
            nearest: Some("platform".into()),
            teams: Vec::new(),
        })));
    }
    deal.verdict = Verdict::of(&deal.gaps);
}

/// A whole report through a format's streaming renderer, default options.
fn render_as(format: Format, report: &Report) -> String {
    render_with(format, report, report::RenderOptions::default())
}

fn render_with(format: Format, report: &Report, options: report::RenderOptions) -> String {
    let mut out = Vec::new();
    report::render_report(report, &mut *format.renderer(options), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

type Render = fn(&Report, &mut dyn std::io::Write) -> std::io::Result<()>;

fn render(f: Render, report: &Report) -> String {
    let mut out = Vec::new();
    f(report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
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
    let verdicts: Vec<Verdict> = r.deals.iter().map(|d| d.verdict).collect();
    use Verdict::*;
    assert_eq!(verdicts, [Infeasible, Feasible, AtRisk, Infeasible]);
    assert!(
        r.deals[0].count(Severity::Error) > 1,
        "several errors in one deal"
    );
    let problems: Vec<_> = r.errors[0]
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column))
        .collect();
    assert_eq!(problems, [(Some(3), Some(12)), (Some(5), Some(10))]);
}

/// The fixture's deal files in a fresh folder with the test catalog.
fn repo_on_disk() -> tempfile::TempDir {
    common::repo_with(common::CATALOG, &deal_files())
}

/// `dealcheck check deals` in `dir` with a format (and more arguments).
fn run_cli(dir: &std::path::Path, format: &str, more: &[&str]) -> std::process::Output {
    Command::cargo_bin("dealcheck")
        .unwrap()
        .env_remove("DEALCHECK_CATALOG")
        .current_dir(dir)
        .args(["check", "deals", "--as-of", "2026-11-27", "--trials", "0"])
        .args(["--format", format])
        .args(more)
        .output()
        .unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

// ---- The command line ---------------------------------------------------

/// Each `--format` reaches its renderer through the binary, and what it
/// prints is valid for its reader.
#[test]
fn every_ci_format_is_wired_into_the_cli() {
    let dir = repo_on_disk();
    let run = |format: &str| {
        let out = run_cli(dir.path(), format, &[]);
        assert_eq!(out.status.code(), Some(2), "a file could not be judged");
        stdout(&out)
    };
    sarif::assert_valid_sarif(&serde_json::from_str(&run("sarif")).unwrap());
    junit::assert_valid_junit(&run("junit"));
    assert!(run("markdown").starts_with("## dealcheck: "));
    assert!(run("github").contains("::error file=deals/broken.toml,line=3,col=12,"));
}
