//! Markdown within GitHub's comment limit (issue 19): past 65,536
//! characters, the worst deals first, as many as fit, and a line saying how
//! many more and where the full report is.

use super::markdown::github_html;
use crate::common;

/// An infeasible deal with many gaps (unknown features), about 3 KB of
/// Markdown.
fn heavy(i: usize) -> String {
    let features: Vec<String> = (0..20).map(|f| format!("\"missing-{i}-{f}\"")).collect();
    format!(
        "[deal]\nid = \"HEAVY-{i}\"\ncustomer = \"Customer {i}\"\ndeadline = 2027-03-01\nfeatures = [{}]\n",
        features.join(", ")
    )
}

fn markdown(deals: &[(String, String)]) -> (i32, String) {
    let files: Vec<(&str, &str)> = deals
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = common::repo(&files);
    let out = common::dealcheck()
        .current_dir(dir.path())
        .args(["check", "deals", "--as-of", "2026-11-27", "--trials", "0"])
        .args(["--format", "markdown"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn sixty_infeasible_deals_fit_in_a_comment_worst_first() {
    // Feasible and at-risk deals sort first by path; they are shown last.
    let mut deals = vec![
        (
            "deals/a-fine.toml".to_string(),
            common::FEASIBLE.to_string(),
        ),
        ("deals/a-risk.toml".to_string(), common::AT_RISK.to_string()),
    ];
    deals.extend((0..64).map(|i| (format!("deals/d{i:02}.toml"), heavy(i))));
    let (code, text) = markdown(&deals);
    assert_eq!(code, 1);
    assert!(text.len() <= 65_536, "{} bytes", text.len());
    assert!(text.starts_with("## dealcheck: 1 feasible · 1 at risk · 64 infeasible"));
    let note = text
        .lines()
        .find(|l| l.contains("comment limit"))
        .expect("a line says what is left out");
    assert!(note.contains("worst of 66 deals"), "{note}");
    assert!(note.contains("more deals"), "{note}");
    assert!(
        note.contains("--format json") && note.contains("job log"),
        "{note}"
    );
    assert!(text.contains("HEAVY-0"), "the worst come first");
    assert!(!text.contains("OK-1"), "the feasible deal is left out");
    let html = github_html(&text);
    assert_eq!(
        html.matches("<details").count(),
        html.matches("</details>").count()
    );
    assert!(
        text.trim_end().ends_with("</sub>"),
        "the comment ends whole"
    );
}

#[test]
fn a_comment_within_the_limit_is_whole() {
    let deals: Vec<(String, String)> = (0..5)
        .map(|i| (format!("deals/d{i}.toml"), heavy(i)))
        .collect();
    let (code, text) = markdown(&deals);
    assert_eq!(code, 1);
    assert!(!text.contains("comment limit"), "{text}");
    assert_eq!(text.matches("<details").count(), 5);
}

#[test]
fn many_files_not_checked_share_the_room_under_one_heading() {
    let mut deals: Vec<(String, String)> = (0..30)
        .map(|i| (format!("deals/d{i:02}.toml"), heavy(i)))
        .collect();
    deals.extend((0..400).map(|i| {
        let text = format!(
            "[deal]\nid = \"X-{i}\"\ndeadline = 2027-03-01\nstatus = \"signd-with-a-long-typo-{i}\"\nfoo = 1\n"
        );
        (format!("deals/x{i:03}.toml"), text)
    }));
    let (code, text) = markdown(&deals);
    assert_eq!(code, 2);
    assert!(text.len() <= 65_536, "{} bytes", text.len());
    assert_eq!(text.matches("### Not checked").count(), 1);
    let note = text.lines().find(|l| l.contains("comment limit")).unwrap();
    assert!(note.contains("more files not checked"), "{note}");
    assert!(text.contains("<details"), "deals keep half the room");
}
