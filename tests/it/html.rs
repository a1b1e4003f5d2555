//! HTML pages (issue 22): `check` and `offer --format html` read as a
//! person sees them. The pages of the examples and of a hostile deal are
//! checked as text (well-formed, a Content-Security-Policy, no address of
//! any host, every chart with a title and a table, hostile text escaped),
//! then rendered by headless Chromium: the charts and deal ids are in the
//! rendered DOM, hostile text made no element, the browser made no request
//! for the page, and the screenshot is not blank.
//!
//! Chromium is a system tool (Debian's `chromium`). `.ci/run` installs it
//! when it is missing, so under CI (`CI` set) a missing browser fails these
//! tests; on a developer's machine without it they say so on stderr and run
//! every assertion that needs no browser (README, "Development").

use crate::common;
use dealcheck::report::html::CSP;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The examples' folder.
fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// `dealcheck COMMAND . --format html` in `dir`, as of the examples' date:
/// the exit code and the page.
fn page(command: &str, dir: &Path, extra: &[&str]) -> (i32, String) {
    let out = common::dealcheck()
        .current_dir(dir)
        .args([command, ".", "--as-of", "2026-11-27", "--format", "html"])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8"),
    )
}

fn check_page() -> String {
    let (code, html) = page("check", &examples(), &[]);
    assert_eq!(code, 1, "one example is infeasible");
    html
}

fn offer_page() -> String {
    let (code, html) = page("offer", &examples(), &[]);
    assert_eq!(code, 0);
    html
}

const IDS: [&str; 3] = ["ACME-2027-02", "GLOBEX-2027-01", "INITECH-2027-07"];

/// A deal whose every text is markup: id, customer, a custom item.
const HOSTILE: &str = r#"[deal]
id = "EVIL-<img src=x onerror=alert(1)>"
customer = "<script>alert(1)</script>"
deadline = 2027-01-08
features = ["sso"]

[availability]
target = "99.5%"
window = "mon-fri 08:00-18:00 America/New_York"

[[custom]]
name = "<img src=y onerror=alert(2)> export"
team = "integrations"
estimate = { low = 10, likely = 15, high = 30 }
"#;

/// A folder with the examples' catalog and the hostile deal.
fn hostile_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let catalog = fs::read_to_string(examples().join("catalog.toml")).unwrap();
    let catalog = catalog.replace(
        "name = \"Northwind Cloud\"",
        "name = \"<script>alert(3)</script> Cloud\"",
    );
    fs::write(dir.path().join("catalog.toml"), catalog).unwrap();
    fs::write(dir.path().join("evil.toml"), HOSTILE).unwrap();
    dir
}

// ---- Read as text ---------------------------------------------------------

/// Elements that have no end tag in HTML.
const VOID: [&str; 6] = ["meta", "br", "link", "img", "input", "hr"];

/// Every start tag has its end tag, in order (the style holds no `<`, and
/// maud escapes `<` and `>` in text and attributes): the page is
/// well-formed. Returns the element names in document order.
fn balanced(html: &str) -> Vec<String> {
    let mut open: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').expect("every tag closes");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if closing {
            let top = open.pop();
            assert_eq!(
                top.as_deref(),
                Some(name.as_str()),
                "</{name}> closes {top:?}"
            );
        } else if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            open.push(name.clone());
            seen.push(name);
        } else {
            seen.push(name);
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
    seen
}

/// What every page must be, read as text.
pub(crate) fn assert_self_contained(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"));
    assert!(
        html.trim_end().ends_with("</body></html>"),
        "{}",
        &html[html.len().saturating_sub(200)..]
    );
    let policy = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
    assert!(html.contains(&policy), "the policy is in the head");
    assert!(CSP.starts_with("default-src 'none';"));
    let lower = html.to_ascii_lowercase();
    for banned in [
        "http://", "https://", "<script", "<link", "<img", "<iframe", "url(http", "@import",
        "src=\"", "href=\"",
    ] {
        assert!(!lower.contains(banned), "the page holds {banned}");
    }
    let elements = balanced(html);
    assert_eq!(elements.iter().filter(|e| *e == "style").count(), 1);
}

/// Every chart: a figure with a caption, an SVG whose first child is its
/// title, and a table. Returns how many there are.
pub(crate) fn assert_charts_titled(html: &str) -> usize {
    let figures: Vec<&str> = html.split("<figure class=\"chart\">").skip(1).collect();
    for f in &figures {
        let f = &f[..f.find("</figure>").expect("closed")];
        assert!(
            f.starts_with("<figcaption>") && !f.starts_with("<figcaption></figcaption>"),
            "{f}"
        );
        let svg = &f[f.find("<svg class=").expect("an svg")..];
        let first = &svg[svg.find('>').unwrap() + 1..];
        assert!(
            first.starts_with("<title>") && !first.starts_with("<title></title>"),
            "{svg}"
        );
        assert!(f.contains("<table"), "a table beside it: {f}");
    }
    figures.len()
}

#[test]
fn the_check_page_is_self_contained_and_every_chart_has_a_title_and_a_table() {
    let html = check_page();
    assert_self_contained(&html);
    // A timeline per deal, and a week for each deal with a tier to compare.
    assert_eq!(html.matches("<svg class=\"timeline\"").count(), 3);
    assert_eq!(html.matches("<svg class=\"week\"").count(), 3);
    assert_eq!(assert_charts_titled(&html), 6);
    for id in IDS {
        assert!(html.contains(id), "{id}");
    }
    // GLOBEX: late by the deadline, with the Monte Carlo's dates.
    assert!(html.contains("P50 delivery 2027-01-13") && html.contains("P95 delivery 2027-01-21"));
    assert!(html.contains("late: 3 days") && html.contains("class=\"bar late\""));
    // ACME has no trials: no percentile is drawn for it.
    let acme = &html[html.find("ACME-2027-02").unwrap()..html.find("GLOBEX-2027-01").unwrap()];
    assert!(!acme.contains("P50") && !acme.contains("class=\"bar late\""));
    assert!(html.contains("A001") && html.contains("availability-over-promise"));
}

#[test]
fn the_offer_page_is_self_contained_with_both_variants_and_phase_2() {
    let html = offer_page();
    assert_self_contained(&html);
    assert_eq!(html.matches("<div class=\"variant\">").count(), 6);
    assert_eq!(html.matches("<svg class=\"timeline\"").count(), 3);
    assert_eq!(assert_charts_titled(&html), 3);
    for id in IDS {
        assert!(html.contains(id), "{id}");
    }
    assert!(html.contains("eu-residency (S001) · on-date, phase 2"));
    assert!(html.contains("What changed and why") && html.contains("requirements.seats"));
    assert!(html.contains("Left out of both") && html.contains("features.on-prem"));
    assert!(html.contains("4.8 hours of overtime"));
    // A deal signable as asked has no phase 2 and says nothing changed.
    let acme = &html[html.find("ACME-2027-02").unwrap()..html.find("GLOBEX-2027-01").unwrap()];
    assert!(
        !acme.contains("on-date, phase 2")
            && acme.contains("Nothing: operations can sign the deal as asked.")
    );
}

#[test]
fn hostile_text_is_escaped_on_both_pages() {
    let dir = hostile_repo();
    for command in ["check", "offer"] {
        let (_, html) = page(command, dir.path(), &[]);
        assert_self_contained(&html);
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{command}"
        );
        assert!(
            html.contains("EVIL-&lt;img src=x onerror=alert(1)&gt;"),
            "{command}"
        );
        assert!(
            html.contains("&lt;script&gt;alert(3)&lt;/script&gt; Cloud"),
            "the catalog's name"
        );
    }
    let (_, html) = page("check", dir.path(), &[]);
    assert!(
        html.contains("&lt;img src=y onerror=alert(2)&gt; export"),
        "the custom item's bar"
    );
}

#[test]
fn control_characters_are_escaped_as_in_every_format() {
    let dir = common::repo(&[(
        "deal.toml",
        "[deal]\nid = \"C-1\"\ncustomer = \"Acme\\u001b[31m\\u202eevil\"\ndeadline = 2027-03-01\nfeatures = [\"core\"]\n",
    )]);
    let (_, html) = page("check", dir.path(), &["--trials", "0"]);
    assert!(!html.contains('\u{1b}') && !html.contains('\u{202e}'));
    assert!(html.contains("Acme\\u{1b}[31m\\u{202e}evil"), "{html}");
}

#[test]
fn the_page_is_written_deal_by_deal() {
    use dealcheck::report::{CheckRun, Format, RenderOptions, Renderer, RunEnd, RunHeader};
    let deal = hostile_report();
    let mut renderer = Format::Html.renderer(RenderOptions::default());
    let mut out: Vec<u8> = Vec::new();
    let header = RunHeader {
        as_of: common::as_of(),
        catalog: None,
        deals: 2,
    };
    renderer.begin(&header, &mut out).unwrap();
    assert!(String::from_utf8_lossy(&out).ends_with("<main>"));
    // Each deal's section is written when the deal comes, before the run
    // ends, and is the same whatever came before it.
    let mut sections = Vec::new();
    for _ in 0..2 {
        let before = out.len();
        Renderer::<CheckRun>::item(renderer.as_mut(), &deal, &mut out).unwrap();
        sections.push(String::from_utf8_lossy(&out[before..]).into_owned());
    }
    assert_eq!(sections[0], sections[1]);
    assert!(
        sections[0].starts_with("<section class=\"deal\">") && sections[0].ends_with("</section>")
    );
    assert!(sections[0].contains("EVIL-&lt;img"));
    renderer.finish(&RunEnd::default(), &mut out).unwrap();
    let html = String::from_utf8(out).unwrap();
    assert!(html.ends_with("</body></html>\n"));
    balanced(&html);
}

/// The hostile deal's report, checked through the library.
fn hostile_report() -> dealcheck::report::DealReport {
    use dealcheck::check::{CheckOptions, check_deal};
    let text = fs::read_to_string(examples().join("catalog.toml")).unwrap();
    let catalog = common::catalog_from(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let deal = dealcheck::load::parse_deal(&common::source("evil.toml", HOSTILE), &catalog)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let check = check_deal(&catalog, &deal, &CheckOptions::new(common::as_of()));
    dealcheck::report::DealReport::new(&deal, check)
}

#[test]
fn files_that_could_not_be_judged_are_listed_with_their_problems() {
    let dir = common::repo(&[
        ("a.toml", common::FEASIBLE),
        (
            "b<img src=x>.toml",
            "[deal]\nid = \"B\"\ndeadline = \"soon\"\n",
        ),
    ]);
    let (code, html) = page("check", dir.path(), &["--trials", "0"]);
    assert_eq!(code, 2);
    assert_self_contained(&html);
    assert!(
        html.contains("✗ not checked</span>./b&lt;img src=x&gt;.toml</h2>"),
        "{html}"
    );
    assert!(html.contains("b&lt;img src=x&gt;.toml:3:"), "{html}");
    assert!(
        html.contains("<strong>1 file not checked</strong>"),
        "{html}"
    );
    assert!(html.contains("OK-1"));
}

#[test]
fn output_writes_the_page_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.html");
    let out = common::dealcheck()
        .current_dir(examples())
        .args([
            "check",
            ".",
            "--as-of",
            "2026-11-27",
            "--format",
            "html",
            "--output",
        ])
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    let html = fs::read_to_string(&target).unwrap();
    assert_self_contained(&html);
    assert!(html.contains("GLOBEX-2027-01"));
}

// ---- Rendered by Chromium -------------------------------------------------

/// The browser (`chromium`, or the program `DEALCHECK_CHROMIUM` names), or
/// `None` on a developer's machine without it (said on stderr); panics
/// under CI, where `.ci/run` installs it.
pub(crate) fn chromium() -> Option<PathBuf> {
    let program = std::env::var_os("DEALCHECK_CHROMIUM")
        .map_or_else(|| PathBuf::from("chromium"), PathBuf::from);
    let found = Command::new(&program)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success());
    let under_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
    if !found && under_ci {
        panic!(
            "chromium is not installed, and CI is set: .ci/run installs it (apt-get install chromium)"
        );
    }
    if !found {
        // Straight to stderr, past the test harness's capture, once a run:
        // a skipped check must not pass in silence.
        static SAID: std::sync::Once = std::sync::Once::new();
        SAID.call_once(|| {
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: {} is not installed (apt-get install chromium, or set DEALCHECK_CHROMIUM), so the HTML pages were only read as text; CI renders them",
                program.display()
            );
        });
    }
    found.then_some(program)
}

/// What the browser did with a page.
pub(crate) struct Rendered {
    pub(crate) dom: String,
    /// URLs the page asked for (not the browser's own background requests).
    pub(crate) requests: Vec<String>,
}

/// Runs headless Chromium on `args` with a fresh profile; its stdout.
fn run_browser(browser: &Path, profile: &Path, args: &[String]) -> Vec<u8> {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).unwrap();
        bytes
    });
    // Only a guard against a hung browser: no test asserts how long it takes.
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// The rendered DOM of `html` and the requests the page made, from
/// Chromium's network log: a request made for a page has an initiator
/// (`null` for a file), the browser's own have "not an origin".
pub(crate) fn render(browser: &Path, html: &str) -> Rendered {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.html");
    fs::write(&file, html).unwrap();
    let log = dir.path().join("net.json");
    let dom = run_browser(
        browser,
        &dir.path().join("profile"),
        &[
            format!("--log-net-log={}", log.display()),
            "--dump-dom".to_string(),
            format!("file://{}", file.display()),
        ],
    );
    Rendered {
        dom: String::from_utf8(dom).expect("UTF-8 DOM"),
        requests: page_requests(&fs::read_to_string(&log).expect("a network log")),
    }
}

/// URLs of the requests made for a page in a Chromium network log.
fn page_requests(log: &str) -> Vec<String> {
    let log: serde_json::Value = serde_json::from_str(log)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", log.trim_end().trim_end_matches(','))))
        .expect("a JSON network log");
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .expect("the event type is named");
    log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start))
        .map(|e| &e["params"])
        .filter(|p| {
            p["initiator"]
                .as_str()
                .is_some_and(|i| i != "not an origin")
        })
        .filter_map(|p| p["url"].as_str().map(str::to_string))
        .filter(|url| !url.starts_with("file:"))
        .collect()
}

/// What a screenshot shows.
pub(crate) struct Shot {
    /// Distinct colours.
    colours: usize,
    /// Share of the pixels that are not the background's.
    painted: f64,
    /// The background's brightness, 0 (black) to 255 (white).
    pub(crate) background: u8,
}

/// A screenshot of `html`, 1280 pixels wide, with `extra` browser flags.
pub(crate) fn screenshot(browser: &Path, html: &str, keep: Option<&Path>, extra: &[&str]) -> Shot {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.html");
    fs::write(&file, html).unwrap();
    let png = dir.path().join("shot.png");
    let mut args = vec![
        format!("--screenshot={}", png.display()),
        "--window-size=1280,2000".to_string(),
        "--hide-scrollbars".to_string(),
    ];
    args.extend(extra.iter().map(|a| a.to_string()));
    args.push(format!("file://{}", file.display()));
    run_browser(browser, &dir.path().join("profile"), &args);
    if let Some(keep) = keep {
        fs::copy(&png, keep).unwrap();
    }
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let background = pixels[0];
    let colours: std::collections::HashSet<&[u8]> = pixels.iter().copied().collect();
    let painted = pixels.iter().filter(|p| **p != background).count();
    let rgb = &background[..3.min(background.len())];
    Shot {
        colours: colours.len(),
        painted: painted as f64 / pixels.len() as f64,
        background: (rgb.iter().map(|&c| u32::from(c)).sum::<u32>() / rgb.len() as u32) as u8,
    }
}

/// Not blank: many colours, a good part of the window painted.
pub(crate) fn assert_not_blank(shot: &Shot, name: &str) {
    assert!(
        shot.colours >= 50,
        "{name}: only {} colours: blank?",
        shot.colours
    );
    assert!(
        shot.painted >= 0.05,
        "{name}: only {:.1}% of the pixels painted",
        shot.painted * 100.0
    );
}

/// Where the README's screenshots are refreshed from, when asked:
/// `DEALCHECK_SCREENSHOTS=1 cargo test html`.
fn keep(name: &str) -> Option<PathBuf> {
    std::env::var_os("DEALCHECK_SCREENSHOTS").map(|_| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/screenshots")
            .join(name)
    })
}

pub(crate) fn assert_rendered(browser: &Path, html: &str, name: &str) -> Rendered {
    let r = render(browser, html);
    assert!(r.requests.is_empty(), "the page asked for {:?}", r.requests);
    let shot = screenshot(browser, html, keep(name).as_deref(), &[]);
    assert_not_blank(&shot, name);
    assert!(shot.background > 230, "{name}: a light page by default");
    r
}

#[test]
fn chromium_renders_the_check_page_with_its_charts_and_no_request() {
    let html = check_page();
    let Some(browser) = chromium() else { return };
    let r = assert_rendered(&browser, &html, "check.png");
    assert_eq!(r.dom.matches("<svg class=\"timeline\"").count(), 3);
    assert_eq!(r.dom.matches("<svg class=\"week\"").count(), 3);
    assert!(r.dom.matches("<rect class=\"bar ").count() >= 10);
    for id in IDS {
        assert!(r.dom.contains(id), "{id}");
    }
}

#[test]
fn chromium_renders_the_offer_page_with_its_charts_and_no_request() {
    let html = offer_page();
    let Some(browser) = chromium() else { return };
    let r = assert_rendered(&browser, &html, "offer.png");
    assert_eq!(r.dom.matches("<svg class=\"timeline\"").count(), 3);
    for id in IDS {
        assert!(r.dom.contains(id), "{id}");
    }
    assert!(r.dom.contains("Keep the date") && r.dom.contains("Deliver everything"));
}

#[test]
fn chromium_keeps_hostile_text_as_text() {
    let dir = hostile_repo();
    let pages = [
        page("check", dir.path(), &[]).1,
        page("offer", dir.path(), &[]).1,
    ];
    let Some(browser) = chromium() else { return };
    for html in pages {
        let r = render(&browser, &html);
        assert!(r.requests.is_empty(), "{:?}", r.requests);
        let dom = r.dom.to_ascii_lowercase();
        assert!(
            !dom.contains("<script") && !dom.contains("<img"),
            "an element was made"
        );
        assert!(
            r.dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "the text shows"
        );
        assert!(r.dom.contains("EVIL-&lt;img src=x onerror=alert(1)&gt;"));
    }
}

/// The network check itself: a page that does ask for an image (and has
/// no policy to stop it) is caught.
#[test]
fn chromium_sees_a_page_that_does_make_a_request() {
    let leaky = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>leaky</title></head>\
                 <body><p>hi</p><img src=\"http://127.0.0.1:9/pixel.png\"></body></html>";
    let Some(browser) = chromium() else { return };
    let r = render(&browser, leaky);
    assert_eq!(r.requests, ["http://127.0.0.1:9/pixel.png"]);
}

#[test]
fn variant_shows_one_variant_as_in_human_output() {
    let (code, html) = page("offer", &examples(), &["--variant", "complete"]);
    assert_eq!(code, 0);
    assert_self_contained(&html);
    assert_eq!(html.matches("<div class=\"variant\">").count(), 3);
    assert!(!html.contains("Keep the date") && html.contains("Deliver everything"));
    assert!(
        !html.contains("on-date, phase 2"),
        "phase 2 belongs to on-date"
    );
    assert!(
        html.contains("<code>deal.deadline</code>"),
        "complete moves the deadline"
    );
    let (_, html) = page("offer", &examples(), &["--variant", "on-date"]);
    assert!(html.contains("Keep the date") && !html.contains("Deliver everything"));
    assert!(html.contains("eu-residency (S001) · on-date, phase 2"));
    // The deadline moves only in the complete variant.
    assert!(!html.contains("<code>deal.deadline</code>"));
}

#[test]
fn the_week_shows_promised_hours_no_tier_covers_and_is_absent_without_a_promise() {
    let promise = format!(
        "{}\n[availability]\ntarget = \"99%\"\nwindow = \"mon-fri 09:00-17:00 Europe/Berlin\"\n",
        common::FEASIBLE.replace("OK-1", "PROMISE-1")
    );
    let dir = common::repo(&[("a.toml", common::FEASIBLE), ("b.toml", &promise)]);
    let (_, html) = page("check", dir.path(), &["--trials", "0"]);
    assert_self_contained(&html);
    assert_eq!(
        html.matches("<svg class=\"week\"").count(),
        1,
        "only the deal with a promise"
    );
    let week = &html[html.find("<svg class=\"week\"").unwrap()..];
    assert!(html.contains("Availability week of PROMISE-1: promised hours, no tier covers them, in Europe/Berlin (week of 2027-03-01)"));
    assert!(week.contains("Mon 09:00–17:00: promised, NOT covered by the tier"));
    assert!(
        week.contains("<td>09:00–17:00</td><td>—</td><td>09:00–17:00</td>"),
        "{week}"
    );
}

#[test]
fn an_offer_without_an_on_date_variant_says_why() {
    let dir = common::repo(&[(
        "past.toml",
        "[deal]\nid = \"PAST-1\"\ndeadline = 2026-11-01\nfeatures = [\"core\"]\n",
    )]);
    let (code, html) = page("offer", dir.path(), &["--trials", "0"]);
    assert_eq!(code, 0);
    assert_self_contained(&html);
    assert!(html.contains("None: the deadline is before work can start."));
    assert!(!html.contains("everything but phase 2"), "no on-date bar");
    assert!(html.contains("everything deliverable") && html.contains("Asked deadline"));
    assert_eq!(assert_charts_titled(&html), 1);
}

#[test]
fn the_portfolio_is_on_the_page_only_with_portfolio() {
    let (_, html) = page("check", &examples(), &["--portfolio"]);
    assert_self_contained(&html);
    assert!(html.contains("<section class=\"portfolio\"><h2>Portfolio</h2>"));
    assert!(html.contains("GLOBEX-2027-01 is the first to run late"));
    assert!(!check_page().contains("class=\"portfolio\""));
}

/// The reader's dark mode darkens the page, which stays as full.
#[test]
fn chromium_shows_the_page_dark_in_dark_mode() {
    let html = check_page();
    let Some(browser) = chromium() else { return };
    let dark = screenshot(&browser, &html, None, &["--force-dark-mode"]);
    assert_not_blank(&dark, "dark");
    assert!(
        dark.background < 40,
        "a dark background: {}",
        dark.background
    );
}
