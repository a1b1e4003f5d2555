//! Every problem of a file in one run, each where it is (issue 19): a shape
//! problem no longer hides the value problems further down, and nothing is
//! blamed on a line it is not on.

use crate::common::{self, source};
use dealcheck::load::{InputErrors, parse_catalog, parse_deal};

/// The `line:column` of every problem, in file order.
fn places(errors: &InputErrors) -> Vec<String> {
    errors
        .problems
        .iter()
        .map(|p| match &p.location {
            Some(l) => format!("{}:{}", l.line, l.column),
            None => "-".to_string(),
        })
        .collect()
}

fn deal_problems(text: &str) -> InputErrors {
    parse_deal(&source("deal.toml", text), common::catalog().catalog())
        .expect_err("the deal is rejected")
}

#[test]
fn a_wrong_status_does_not_hide_the_value_problems_below_it() {
    let errors = deal_problems(
        "# a deal\n[deal]\nid = \"A-1\"\nstatus = \"signd\"\ndeadline = 2027-02-26\nfeatures = [\"core\"]\n\n\
         [availability]\ntarget = \"99,9%\"\nwindow = \"mon-fri 08:00-18:00 Europe/Berlim\"\nsupport_response = \"4 hours\"\n",
    );
    assert_eq!(places(&errors), ["4:10", "9:10", "10:31", "11:20"]);
    let text = errors.render(false);
    assert!(text.contains("did you mean \"signed\"?"), "{text}");
    assert!(text.contains("Europe/Berlin"), "{text}");
}

#[test]
fn a_features_type_error_does_not_hide_five_others() {
    let errors = deal_problems(
        "[deal]\nid = \"C-1\"\ndeadline = 2027-02-26\nfeatures = \"core\"\nowner = 5\nextra = 1\n\n\
         [availability]\ntarget = \"99,9%\"\nsupport_response = \"4 hours\"\n\n\
         [[custom]]\nname = \"x\"\nteam = \"platform\"\ndays = -1\n",
    );
    assert_eq!(
        places(&errors),
        ["4:12", "5:9", "6:1", "9:10", "10:20", "15:8"]
    );
}

#[test]
fn a_clean_deal_with_a_shape_problem_reports_that_one_alone() {
    let errors = deal_problems(
        "[deal]\nid = \"A-1\"\nstatus = \"signd\"\ndeadline = 2027-02-26\nfeatures = [\"core\"]\n",
    );
    assert_eq!(places(&errors), ["3:10"]);
}

#[test]
fn a_missing_required_key_is_reported_once_and_its_stand_in_says_nothing() {
    let errors = deal_problems("[deal]\nid = \"A-1\"\nfeatures = [\"core\"]\n");
    assert_eq!(errors.problems.len(), 1, "{}", errors.render(false));
    assert!(
        errors.problems[0]
            .message
            .contains("missing key `deadline`")
    );
}

#[test]
fn a_syntax_error_is_blamed_on_its_own_line_only() {
    let errors = deal_problems(
        "# a comment\n[deal]\nid = \"B-1\"\ncustomer = \"Acme\"\nstart = 2027-01-11\ndeadline = = 2027-02-26\nfeatures = [\"core\"]\n",
    );
    let lines: Vec<usize> = errors
        .problems
        .iter()
        .map(|p| p.location.as_ref().unwrap().line)
        .collect();
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|&l| l == 6), "{}", errors.render(false));
    assert!(!errors.render(false).contains("found a whole number"));
}

#[test]
fn catalog_reference_problems_come_with_its_shape_problems() {
    let text = "[catalog]\nname = \"X\"\ntimezone = \"Europe/Berlim\"\nconfidence = \"high\"\n\n\
        [[feature]]\nid = \"sso\"\nstatus = \"gaa\"\nrequires = [\"nope\"]\nsetup = { team = \"onboarding\", days = 1 }\n\n\
        [[feature]]\nid = \"sso\"\nstatus = \"ga\"\n\n\
        [[team]]\nid = \"ops\"\npeople = \"three\"\n";
    let errors = parse_catalog(&source("catalog.toml", text)).expect_err("the catalog is rejected");
    // zone, confidence, status, requires, the setup's team, duplicate, people
    assert_eq!(
        places(&errors),
        ["3:12", "4:14", "8:10", "9:13", "10:18", "13:6", "18:10"],
        "{}",
        errors.render(false)
    );
}

const DEAL: &str =
    "# a deal\n[deal]\nid = \"OK-1\"\ndeadline = 2027-03-01\nfeatures = [\"core\"]\n";

fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    common::dealcheck()
        .current_dir(dir)
        .args(["check", "--as-of", "2026-11-27", "--trials", "0"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_duplicate_deal_id_is_located_at_its_id_in_every_format() {
    let dir = common::repo(&[("deals/a.toml", DEAL), ("deals/b.toml", DEAL)]);
    let human = run(dir.path(), &["deals"]);
    let stderr = String::from_utf8_lossy(&human.stderr);
    assert!(
        stderr.contains("--> deals/b.toml:3:6"),
        "the excerpt points at the id: {stderr}"
    );
    let stdout = String::from_utf8_lossy(&human.stdout);
    assert!(!stdout.contains("deals/b.toml: deals/b.toml"), "{stdout}");

    let json = common::json(dir.path(), &["deals"]);
    let d = &json["errors"][0]["diagnostics"][0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(6))
    );
    assert!(!d["message"].as_str().unwrap().contains("deals/b.toml:"));

    let github = run(dir.path(), &["deals", "--format", "github"]);
    let github = String::from_utf8_lossy(&github.stdout);
    assert!(
        github.contains("::error file=deals/b.toml,line=3,col=6,"),
        "{github}"
    );

    let sarif = run(dir.path(), &["deals", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let note = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    let region = &note["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
}

#[test]
fn distinct_deal_ids_are_no_problem() {
    let other = DEAL.replace("OK-1", "OK-2");
    let dir = common::repo(&[("deals/a.toml", DEAL), ("deals/b.toml", &other)]);
    let json = common::json(dir.path(), &["deals"]);
    assert!(
        json.get("errors")
            .is_none_or(|e| e.as_array().unwrap().is_empty()),
        "{json}"
    );
}

#[test]
fn a_wrong_value_is_one_problem_not_two() {
    // Without its `days`, the item would also "need the effort" on line 6.
    let errors = deal_problems(
        "[deal]\nid = \"A-1\"\ndeadline = 2027-02-26\nfeatures = [\"core\"]\n\n\
         [[custom]]\nname = \"a\"\nteam = \"platform\"\ndays = \"x\"\n",
    );
    assert_eq!(places(&errors), ["9:8"], "{}", errors.render(false));
}
