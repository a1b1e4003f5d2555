//! `capacity --format html` (issues 20 and 22): the page of a book worked
//! out by hand, read as text (self-contained, a chart with its title and a
//! table per team, the table's figures those of the JSON with the deals
//! behind each period, overtime flagged only where a deadline needs it),
//! then rendered by headless Chromium (the charts, every team and deal id in
//! the rendered DOM, hostile text inert, no request, not blank). Without a
//! browser the Chromium parts say so and are skipped, as in `html.rs`.

use crate::common::{ONE_PERSON, deal, dealcheck, folder, held_out_deals};
use crate::html::{
    assert_charts_titled, assert_not_blank, assert_rendered, assert_self_contained, chromium,
    render, screenshot,
};
use serde_json::Value;
use std::fs;
use std::path::Path;

/// `eng`: one person, a person-day a working day. `ops`: two people, one
/// of them on a migration the week of 2027-01-11.
fn catalog() -> String {
    format!(
        "{ONE_PERSON}[[team]]\nid = \"ops\"\npeople = 2\n[[team.commitment]]\nwhat = \"migration\"\nfrom = 2027-01-11\nuntil = 2027-01-15\npeople = 1\n"
    )
}

fn ops_deal(id: &str, status: &str, deadline: &str, days: u32) -> String {
    deal(id, status, deadline, days).replace("team = \"eng\"", "team = \"ops\"")
}

/// The held-out repo of `book.rs` (eng: SIGNED, EARLY, TIGHT; DONE and
/// GONE skipped) with an ops team, worked forward in deadline order from
/// Monday 2027-01-04:
/// - eng (as `book.rs` works it): W01 EARLY 5; W02 SIGNED 3, TIGHT 2; W03
///   SIGNED 2, TIGHT 3, TIGHT due Tue 19th with a day open: 8 h; W04
///   SIGNED 5. Nothing free, nothing committed.
/// - ops: OPS-NEW (6 days, due Wed 13th) comes first: both people Mon 4 –
///   Wed 6; OPS-SIGNED (4 days, due Fri 22nd) Thu 7 – Fri 8. W01: 4 signed,
///   6 proposed. W02: the migration holds one of two people, 5 committed,
///   5 free. W03, W04: 10 free.
fn two_teams() -> tempfile::TempDir {
    let mut files = vec![("catalog.toml", catalog())];
    files.extend(held_out_deals());
    files.push((
        "deals/ops-signed.toml",
        ops_deal("OPS-SIGNED", "signed", "2027-01-22", 4),
    ));
    files.push((
        "deals/ops-new.toml",
        ops_deal("OPS-NEW", "proposed", "2027-01-13", 6),
    ));
    folder(&files)
}

/// `dealcheck capacity deals --format FORMAT` as of Monday 2027-01-04: the
/// exit code and standard output.
fn capacity(dir: &Path, format: &str, extra: &[&str]) -> (i32, String) {
    let out = dealcheck()
        .current_dir(dir)
        .args([
            "capacity",
            "deals",
            "--as-of",
            "2027-01-04",
            "--format",
            format,
        ])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8"),
    )
}

fn page(dir: &Path, extra: &[&str]) -> String {
    let (code, html) = capacity(dir, "html", extra);
    assert_eq!(code, 0, "{html}");
    assert_self_contained(&html);
    html
}

/// A table cell: the figure, and the deals of `status` behind it.
fn cell(x: &Value, deals: &Value, status: Option<&str>) -> String {
    let behind: Vec<String> = deals
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| status.is_some_and(|s| d["status"] == s))
        .map(|d| {
            format!(
                "{} {}",
                d["id"].as_str().unwrap(),
                figure(&d["person_days"])
            )
        })
        .collect();
    if behind.is_empty() {
        format!("<td>{}</td>", figure(x))
    } else {
        format!(
            "<td>{}<br><small>{}</small></td>",
            figure(x),
            behind.join(", ")
        )
    }
}

/// A JSON number as the page prints it (5.0 is 5).
fn figure(x: &Value) -> String {
    x.as_f64().unwrap().to_string()
}

/// The table row the page must have for a period of the JSON report, in a
/// team's table that has the overtime column or not.
fn row(p: &Value, column: bool) -> String {
    let overtime = if p["overtime_hours"].as_f64().unwrap() > 0.0 {
        let who: Vec<String> = p["overtime"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| format!("{} {} h", o["id"].as_str().unwrap(), figure(&o["hours"])))
            .collect();
        format!(
            "<td><strong>⚠ {} h</strong><br><small>{}</small></td>",
            figure(&p["overtime_hours"]),
            who.join(", ")
        )
    } else if column {
        "<td>—</td>".to_string()
    } else {
        "</tr>".to_string()
    };
    format!(
        "<tr><th scope=\"row\">{}</th>{}{}{}{}<td>{}</td>",
        p["period"].as_str().unwrap(),
        cell(&p["committed"], &p["deals"], None),
        cell(&p["signed"], &p["deals"], Some("signed")),
        cell(&p["proposed"], &p["deals"], Some("proposed")),
        cell(&p["free"], &p["deals"], None),
        figure(&p["available"]),
    ) + &overtime
}

#[test]
fn the_capacity_page_has_a_chart_and_the_same_figures_per_team() {
    let dir = two_teams();
    let html = page(dir.path(), &[]);
    assert_eq!(assert_charts_titled(&html), 2, "a chart per team");
    assert_eq!(html.matches("<svg class=\"bars\"").count(), 2);
    let teams: Vec<&str> = html.split("<section class=\"team\">").skip(1).collect();
    assert_eq!(teams.len(), 2);
    assert!(
        teams[0]
            .starts_with("<h2>eng</h2><p class=\"muted\">catalog.toml · 1 person · 4 weeks</p>")
    );
    assert!(
        teams[1]
            .starts_with("<h2>ops</h2><p class=\"muted\">catalog.toml · 2 people · 4 weeks</p>")
    );
    assert!(html.contains(
        "<figcaption>Load of eng (catalog.toml) by week, in person-days: committed, signed, proposed, free</figcaption>"
    ));
    // Every period of every team: the figures and deals of the JSON.
    let (_, json) = capacity(dir.path(), "json", &[]);
    let v: Value = serde_json::from_str(&json).unwrap();
    for (t, section) in v["teams"].as_array().unwrap().iter().zip(&teams) {
        let periods = t["periods"].as_array().unwrap();
        let column = periods.iter().any(|p| p["overtime_hours"] != 0.0);
        for p in periods {
            assert!(section.contains(&row(p, column)), "{}", row(p, column));
        }
    }
    // The same, worked by hand for two periods.
    assert!(teams[0].contains(
        "<tr><th scope=\"row\">2027-W03</th><td>0</td><td>2<br><small>SIGNED 2</small></td><td>3<br><small>TIGHT 3</small></td><td>0</td><td>5</td><td><strong>⚠ 8 h</strong><br><small>TIGHT 8 h</small></td></tr>"
    ));
    assert!(teams[1].contains(
        "<tr><th scope=\"row\">2027-W02</th><td>5</td><td>0</td><td>0</td><td>5</td><td>10</td></tr>"
    ), "ops has no overtime column");
    // The bar says its deals on hover; only TIGHT's deadline is flagged.
    assert!(html.contains(
        "<title>2027-W03; committed 0 person-days; signed 2 person-days (SIGNED 2); proposed 3 person-days (TIGHT 3); free 0 person-days; Overtime at deadlines: ⚠ 8 h (TIGHT 8 h)</title>"
    ));
    assert!(html.contains(
        "<title>2027-W01; committed 0 person-days; signed 4 person-days (OPS-SIGNED 4); proposed 6 person-days (OPS-NEW 6); free 0 person-days</title>"
    ));
    assert_eq!(html.matches("class=\"over flag\"").count(), 1);
    assert!(!teams[1].contains("Overtime at deadlines"));
}

#[test]
fn the_summary_and_the_book_come_first() {
    let dir = two_teams();
    let html = page(dir.path(), &[]);
    let summary = &html[html.find("<section class=\"summary\">").unwrap()..];
    assert!(
        summary
            .contains("<p>2 teams, 2 signed deals in the book, 2 skipped (delivered or lost).</p>"),
        "{summary}"
    );
    assert!(
        summary.contains("<strong>⚠ 8 hours of overtime</strong> at the deadlines of 1 period:")
    );
    assert!(summary.contains("<li>eng 2027-W03: 8 h (TIGHT 8 h)</li>"));
    let book = &html[html.find("<section class=\"book\">").unwrap()..];
    let book = &book[..book.find("</section>").unwrap()];
    assert!(book.contains("<h2>Book of catalog.toml</h2><p>2 signed deals, in deadline order:</p><ul class=\"lines\"><li>deals/ops-signed.toml</li><li>deals/signed.toml</li></ul>"), "{book}");
    assert!(book.contains("<li>deals/done.toml</li><li>deals/gone.toml</li>"));
    assert!(!book.contains("Late in their own plan") && !book.contains("Left out"));
    // Written before the teams; the style shows the summary first.
    assert!(html.find("class=\"book\"") < html.find("class=\"team\""));
}

#[test]
fn without_overtime_nothing_is_flagged_and_the_summary_says_so() {
    let dir = two_teams();
    let html = page(dir.path(), &["--team", "ops"]);
    assert_eq!(assert_charts_titled(&html), 1);
    assert!(!html.contains("<h2>eng</h2>") && html.contains("<h2>ops</h2>"));
    assert!(!html.contains("over flag") && !html.contains("Overtime at deadlines"));
    assert!(html.contains("<p>No overtime: every deadline is met in the periods shown.</p>"));
}

/// A team, a deal and a file of the book whose names are markup.
fn hostile_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let catalog = catalog().replace("id = \"ops\"", "id = \"<img src=x onerror=alert(1)>\"");
    fs::write(dir.path().join("catalog.toml"), catalog).unwrap();
    fs::create_dir_all(dir.path().join("deals")).unwrap();
    fs::create_dir_all(dir.path().join("old")).unwrap();
    let evil = ops_deal(
        "EVIL-<script>alert(2)</script>\\u001b[31m",
        "signed",
        "2027-01-05",
        6,
    )
    .replace("team = \"ops\"", "team = \"<img src=x onerror=alert(1)>\"");
    fs::write(dir.path().join("deals/evil.toml"), evil).unwrap();
    fs::write(
        dir.path().join("old/<b>broken.toml"),
        "[deal]\nid = \"B\"\nstatus = \"signed\"\ndeadline = 2027-13-01\n",
    )
    .unwrap();
    dir
}

#[test]
fn hostile_names_stay_text_on_the_page_and_in_the_browser() {
    let dir = hostile_repo();
    let html = page(dir.path(), &[]);
    assert!(html.contains("<h2>&lt;img src=x onerror=alert(1)&gt;</h2>"));
    assert!(
        html.contains("EVIL-&lt;script&gt;alert(2)&lt;/script&gt;\\u{1b}[31m 6</small>"),
        "the deal in the table"
    );
    assert!(
        html.contains("(EVIL-&lt;script&gt;alert(2)&lt;/script&gt;\\u{1b}[31m 16 h)"),
        "its overtime"
    );
    assert!(!html.contains('\u{1b}'));
    // The broken file of the book is named, located, and left out.
    assert!(html.contains("<p><strong>Left out of the book (could not be read):</strong></p>"));
    assert!(
        html.contains("<code>old/&lt;b&gt;broken.toml:4:12</code> — "),
        "{html}"
    );
    assert!(html.contains("1 file of the book unreadable"));
    // Due Tuesday with 6 days for two people: 2 open, 16 h; late in its own plan.
    assert!(html.contains("<p><strong>Late in their own plan:</strong></p><ul class=\"lines\"><li>deals/evil.toml</li></ul>"));
    let Some(browser) = chromium() else { return };
    let r = render(&browser, &html);
    assert!(r.requests.is_empty(), "{:?}", r.requests);
    let dom = r.dom.to_ascii_lowercase();
    assert!(!dom.contains("<script") && !dom.contains("<img") && !dom.contains("<b>"));
    assert!(r.dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(r.dom.contains("EVIL-&lt;script&gt;alert(2)&lt;/script&gt;"));
}

#[test]
fn chromium_renders_the_capacity_page_with_its_charts_and_no_request() {
    let dir = two_teams();
    let html = page(dir.path(), &[]);
    let Some(browser) = chromium() else { return };
    let r = assert_rendered(&browser, &html, "capacity.png");
    assert_eq!(r.dom.matches("<svg class=\"bars\"").count(), 2);
    assert!(r.dom.matches("<rect class=\"bar ").count() >= 10);
    assert_eq!(r.dom.matches("<rect class=\"over flag\"").count(), 1);
    for id in [
        "eng",
        "ops",
        "SIGNED",
        "EARLY",
        "TIGHT",
        "OPS-SIGNED",
        "OPS-NEW",
    ] {
        assert!(r.dom.contains(id), "{id}");
    }
    assert!(r.dom.contains("deals/done.toml") && r.dom.contains("deals/gone.toml"));
    // The reader's dark mode darkens it, as every page.
    let dark = screenshot(&browser, &html, None, &["--force-dark-mode"]);
    assert_not_blank(&dark, "capacity, dark");
    assert!(dark.background < 40, "dark: {}", dark.background);
}
