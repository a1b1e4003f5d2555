//! How the offer is written: the TOML variant edits the deal however it is
//! written (standard tables, dotted keys, inline tables, arrays of inline
//! tables) and an offer of an offer is that offer, byte for byte; types
//! are kept; the human offer fits the width, paints only when asked, and
//! `--variant` / `-q` do what the reference says.

use crate::offer_props::{Drawn, WINDOWS, date, drawn, errors, options};
use dealcheck::check::{Prepared, check_deal};
use dealcheck::load::{SourceFile, parse_deal};
use dealcheck::model::Deal;
use dealcheck::offer::{offer, toml::rewrite};
use proptest::prelude::*;

/// The ways a deal file can be written.
#[derive(Debug, Clone, Copy)]
enum Style {
    Standard,
    Dotted,
    Inline,
    /// `custom = [{…}, …]` over several lines, then standard tables.
    InlineArray,
}

/// A drawn deal, and how its `regions` is written.
#[derive(Debug, Clone)]
struct Spec {
    d: Drawn,
    /// `regions` as a list, else as one text.
    region_list: bool,
}

impl Spec {
    fn features(&self) -> String {
        let mut ids: Vec<String> = self.d.listed.iter().map(|i| format!("\"f{i}\"")).collect();
        if self.d.typo {
            ids.push("\"fx\"".into());
        }
        format!("[{}]", ids.join(", "))
    }

    /// `(key, value)` of the `[deal]` table.
    fn deal(&self) -> Vec<(&'static str, String)> {
        let mut kv = vec![
            ("id", "\"G\"".to_string()),
            ("customer", "\"C\"".to_string()),
            ("deadline", date(self.d.deadline)),
            ("features", self.features()),
        ];
        if let Some(s) = self.d.start {
            kv.push(("start", date(s)));
        }
        kv
    }

    fn availability(&self) -> Option<Vec<(&'static str, String)>> {
        self.d.avail.map(|(t, w, sup)| {
            vec![
                ("target", format!("\"{}%\"", 98.0 + f64::from(t) / 100.0)),
                ("window", format!("\"{}\"", WINDOWS[w])),
                ("support_response", format!("\"{sup}h\"")),
            ]
        })
    }

    fn requirements(&self) -> Vec<(&'static str, String)> {
        let regions = if self.region_list {
            "[\"eu\", \"ap\"]"
        } else {
            "\"eu\""
        };
        vec![
            ("seats", self.d.seats.to_string()),
            ("regions", regions.to_string()),
            ("other", "2".to_string()),
        ]
    }

    /// Each custom item's `(key, value)`s; the estimate dotted or inline.
    fn custom(&self, dotted: bool) -> Vec<Vec<(String, String)>> {
        self.d
            .custom
            .iter()
            .enumerate()
            .map(|(k, (team, days, three, after))| {
                let mut kv = vec![
                    ("name".to_string(), format!("\"w{k}\"")),
                    ("team".to_string(), format!("\"t{team}\"")),
                ];
                match (three, dotted) {
                    (false, _) => kv.push(("days".into(), days.to_string())),
                    (true, true) => {
                        kv.push(("estimate.low".into(), "1".into()));
                        kv.push(("estimate.likely".into(), days.to_string()));
                        kv.push(("estimate.high".into(), (days * 3 + 1).to_string()));
                    }
                    (true, false) => kv.push((
                        "estimate".into(),
                        format!("{{ low = 1, likely = {days}, high = {} }}", days * 3 + 1),
                    )),
                }
                if let Some(a) = after {
                    let id = if *a < k {
                        format!("w{a}")
                    } else {
                        format!("f{a}")
                    };
                    kv.push(("after".into(), format!("[\"{id}\"]")));
                }
                kv
            })
            .collect()
    }

    fn text(&self, style: Style) -> String {
        let lines = |kv: &[(&str, String)], prefix: &str| -> String {
            kv.iter()
                .map(|(k, v)| format!("{prefix}{k} = {v}\n"))
                .collect()
        };
        let inline = |kv: &[(String, String)]| -> String {
            let parts: Vec<String> = kv.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            format!("{{ {} }}", parts.join(", "))
        };
        let owned = |kv: Vec<(&str, String)>| -> Vec<(String, String)> {
            kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
        };
        let aot = |s: &mut String, dotted: bool| {
            for item in self.custom(dotted) {
                *s += "\n[[custom]]  # an item\n";
                for (k, v) in item {
                    *s += &format!("{k} = {v}\n");
                }
            }
        };
        let mut s = String::from("# generated\n");
        match style {
            Style::Standard | Style::InlineArray => {
                if matches!(style, Style::InlineArray) && !self.d.custom.is_empty() {
                    s += "custom = [\n";
                    for item in self.custom(false) {
                        s += &format!("  {},  # an item\n", inline(&item));
                    }
                    s += "]\n\n";
                }
                s += "[deal]  # the deal\n";
                s += &lines(&self.deal(), "");
                if let Some(a) = self.availability() {
                    s += "\n[availability]\n";
                    s += &lines(&a, "");
                }
                s += "\n[requirements]\n";
                s += &lines(&self.requirements(), "");
                if matches!(style, Style::Standard) {
                    aot(&mut s, false);
                }
            }
            Style::Dotted => {
                s += &lines(&self.deal(), "deal.");
                if let Some(a) = self.availability() {
                    s += &lines(&a, "availability.");
                }
                s += &lines(&self.requirements(), "requirements.");
                aot(&mut s, true);
            }
            Style::Inline => {
                s += &format!("deal = {}  # the deal\n", inline(&owned(self.deal())));
                if let Some(a) = self.availability() {
                    s += &format!("availability = {}\n", inline(&owned(a)));
                }
                s += &format!("requirements = {}\n", inline(&owned(self.requirements())));
                if !self.d.custom.is_empty() {
                    let items: Vec<String> = self.custom(false).iter().map(|i| inline(i)).collect();
                    s += &format!("custom = [{}]\n", items.join(", "));
                }
            }
        }
        s
    }
}

/// What a deal says, without where it says it.
fn content(d: &Deal) -> String {
    let features: Vec<&str> = d.features.iter().map(|f| f.id.as_str()).collect();
    let custom: Vec<String> = d
        .custom
        .iter()
        .map(|c| {
            let after: Vec<&str> = c.after.iter().map(|a| a.id.as_str()).collect();
            format!("{} {} {:?} {:?}", c.name, c.team.id, c.amount, after)
        })
        .collect();
    let availability = d
        .availability
        .as_ref()
        .map(|a| format!("{} {} {:?}", a.target, a.window, a.support_response));
    let requirements: Vec<String> = d
        .requirements
        .iter()
        .map(|r| format!("{} {:?} {}", r.key, r.value, r.list))
        .collect();
    format!(
        "{} {} {:?} {} {features:?} {custom:?} {availability:?} {requirements:?}",
        d.id, d.customer, d.start, d.deadline
    )
}

fn load(text: &str, catalog: &Prepared) -> Result<Deal, String> {
    let file = SourceFile {
        path: "variant.toml".into(),
        text: text.to_string(),
    };
    parse_deal(&file, catalog).map_err(|e| e.render(false))
}

fn style() -> impl Strategy<Value = Style> {
    proptest::sample::select(vec![
        Style::Standard,
        Style::Dotted,
        Style::Inline,
        Style::InlineArray,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// In every style: the variant written is the deal the edits say, loads
    /// and checks without an error gap, and offering it again gives it back
    /// byte for byte under one header.
    #[test]
    fn every_style_is_edited_and_an_offer_of_an_offer_is_itself(
        d in drawn(),
        region_list in any::<bool>(),
        style in style(),
    ) {
        let Some(catalog) = d.catalog().1 else {
            return Ok(());
        };
        let spec = Spec { d, region_list };
        let text = spec.text(style);
        let standard = load(&spec.text(Style::Standard), &catalog);
        let Ok(deal) = load(&text, &catalog) else {
            prop_assert!(standard.is_err(), "only the style differs:\n{text}");
            return Ok(());
        };
        prop_assert_eq!(content(&deal), content(&standard.unwrap()), "{}", text);
        let options = options();
        let o = offer(&catalog, &deal, &options, dealcheck::check::Capacity::of(&catalog));
        for (name, v) in [("on-date", o.on_date.as_ref()), ("complete", Some(&o.complete))] {
            let Some(v) = v else { continue };
            let written = rewrite(&text, &deal, &v.edits, name, options.as_of).expect("toml edit");
            let back = load(&written, &catalog);
            prop_assert!(back.is_ok(), "{name} does not load:\n{written}\n{:?}", back.err());
            let back = back.unwrap();
            prop_assert_eq!(content(&back), content(&v.edits.apply(&deal)), "{} of\n{}\nwritten\n{}", name, text, written);
            let check = check_deal(&catalog, &back, &options);
            let errors = errors(&check);
            prop_assert!(errors.is_empty(), "{name} has errors {errors:#?}\nwritten:\n{written}");
            prop_assert!(written.contains("# generated"));
            prop_assert_eq!(written.matches("# Offer by dealcheck").count(), 1);
            let again = offer(&catalog, &back, &options, dealcheck::check::Capacity::of(&catalog));
            let same = if name == "on-date" { again.on_date.as_ref() } else { Some(&again.complete) };
            let same = same.expect("an offer of an offer keeps its date");
            let rewritten = rewrite(&written, &back, &same.edits, name, options.as_of).expect("toml edit");
            prop_assert_eq!(&rewritten, &written, "re-offering {} changes it", name);
        }
    }
}

// ---- From the command line ------------------------------------------------

use crate::common::{self, FEASIBLE, INFEASIBLE};

/// `dealcheck offer` over the example catalog, with `COLUMNS` and
/// `NO_COLOR` as given (unset otherwise).
fn example(args: &[&str], columns: Option<&str>) -> std::process::Output {
    let mut cmd = common::on_examples("offer");
    cmd.env_remove("COLUMNS").env_remove("NO_COLOR");
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    cmd.args(args).output().unwrap()
}

/// `dealcheck offer` in a folder with the test catalog and these deals.
fn in_repo(deals: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let dir = common::repo(deals);
    common::dealcheck()
        .current_dir(dir.path())
        .env_remove("COLUMNS")
        .args(["offer", "--as-of", "2026-11-27", "--trials", "0"])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The text without its colour codes.
fn unpainted(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("\x1b[") {
        out += &rest[..i];
        let tail = &rest[i..];
        rest = &tail[tail.find('m').unwrap() + 1..];
    }
    out + rest
}

const GLOBEX: &str = "examples/deals/globex-global.toml";

#[test]
fn with_columns_80_every_line_fits_and_the_variants_are_stacked() {
    for deal in std::fs::read_dir("examples/deals").unwrap() {
        let deal = deal.unwrap().path();
        let out = example(&[deal.to_str().unwrap()], Some("80"));
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{deal:?}: {line:?}");
        }
        assert!(text.contains("\n  Keep the date\n"), "{text}");
        assert!(text.contains("\n  Deliver everything\n"), "{text}");
    }
}

#[test]
fn the_variants_are_side_by_side_when_they_fit() {
    for columns in [None, Some("300")] {
        let text = stdout(&example(&[GLOBEX], columns));
        let table = text.lines().find(|l| l.contains("Keep the date")).unwrap();
        assert!(table.contains("Deliver everything"), "{columns:?}: {text}");
    }
    // Without COLUMNS, nothing is wrapped.
    let text = stdout(&example(&[GLOBEX], None));
    assert!(text.lines().any(|l| l.chars().count() > 100));
}

#[test]
fn colour_only_when_asked() {
    let always = stdout(&example(&[GLOBEX, "--color", "always"], Some("80")));
    assert!(
        always.contains("\x1b[1;31m(as asked: infeasible)\x1b[0m"),
        "{always}"
    );
    for line in unpainted(&always).lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
    assert_eq!(unpainted(&always), stdout(&example(&[GLOBEX], Some("80"))));
    for args in [vec![GLOBEX, "--color", "never"], vec![GLOBEX]] {
        assert!(!stdout(&example(&args, None)).contains('\x1b'), "{args:?}");
    }
    let out = common::on_examples("offer")
        .env("NO_COLOR", "1")
        .args([GLOBEX, "--color", "auto"])
        .output()
        .unwrap();
    assert!(!stdout(&out).contains('\x1b'));
}

#[test]
fn a_deal_without_a_customer_is_named_by_its_id_alone() {
    let text = stdout(&in_repo(&[("deal.toml", INFEASIBLE)], &["deal.toml"]));
    assert!(
        text.starts_with("OFFER  BAD-1  (as asked: infeasible)\n"),
        "{text}"
    );
    let text = stdout(&in_repo(&[("deal.toml", FEASIBLE)], &["deal.toml"]));
    assert!(
        text.starts_with("OFFER  OK-1 · Fine Ltd  (as asked: feasible)\n"),
        "{text}"
    );
}

#[test]
fn variant_with_human_output_shows_that_variant_only() {
    let both = stdout(&example(&[GLOBEX], None));
    assert!(both.contains("Keep the date") && both.contains("Deliver everything"));
    assert!(both.contains("[complete]"));
    let on = stdout(&example(&[GLOBEX, "--variant", "on-date"], None));
    assert!(
        on.contains("\n  Keep the date\n    Deadline      2027-01-08\n"),
        "{on}"
    );
    assert!(
        !on.contains("Deliver everything") && !on.contains("deal.deadline:"),
        "{on}"
    );
    assert!(on.contains("Phase 2"));
    let complete = stdout(&example(&[GLOBEX, "--variant", "complete"], None));
    assert!(complete.contains("\n  Deliver everything\n    Deadline      2027-01-19\n"));
    assert!(!complete.contains("Keep the date") && !complete.contains("Phase 2"));
    assert!(
        complete.contains("deal.deadline: 2027-01-08 → 2027-01-19: "),
        "{complete}"
    );
}

#[test]
fn variant_with_json_output_is_refused() {
    let out = example(&[GLOBEX, "--format", "json", "--variant", "complete"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("the JSON offer always holds both variants"),
        "{err}"
    );
}

/// In every format that renders a run.
#[test]
fn quiet_exits_1_when_an_offer_changes_a_deal() {
    let deals = [("ok.toml", FEASIBLE), ("bad.toml", INFEASIBLE)];
    for format in ["human", "json", "html"] {
        for (mut args, code) in [
            (vec!["ok.toml", "-q"], 0),
            (vec!["bad.toml", "-q"], 1),
            (vec!["ok.toml", "bad.toml", "-q"], 1),
            (vec!["bad.toml"], 0),
            (vec!["missing.toml", "-q"], 2),
        ] {
            args.extend(["--format", format]);
            let out = in_repo(&deals, &args);
            assert_eq!(out.status.code(), Some(code), "{args:?}");
            if args.contains(&"-q") {
                assert!(out.stdout.is_empty(), "{args:?}");
            }
        }
    }
}

#[test]
fn a_list_stays_a_list_and_a_text_a_text() {
    let listed = "[requirements]\nregions = [\"eu\"]\nseats = 500\n";
    let plain = "[requirements]\nregions = \"eu\"\nseats = 500\n";
    let json = |extra: &str| -> serde_json::Value {
        let deal = format!("{FEASIBLE}{extra}");
        let out = in_repo(&[("deal.toml", &deal)], &["deal.toml", "--format", "json"]);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let v = json(listed);
    assert_eq!(
        v["offers"][0]["on_date"]["requirements"]["regions"],
        serde_json::json!(["eu"])
    );
    assert_eq!(
        v["offers"][0]["complete"]["requirements"]["regions"],
        serde_json::json!(["eu"])
    );
    let v = json(plain);
    assert_eq!(
        v["offers"][0]["on_date"]["requirements"]["regions"],
        serde_json::json!("eu")
    );
    // What was asked, as it was written.
    let asked = |extra: &str| -> String {
        let v = json(extra);
        let changes = v["offers"][0]["changes"].as_array().unwrap().clone();
        let c = changes
            .iter()
            .find(|c| c["subject"] == "requirements.regions")
            .unwrap();
        c["asked"].as_str().unwrap().to_string()
    };
    assert_eq!(asked("[requirements]\nregions = \"ap\"\n"), "\"ap\"");
    assert_eq!(asked("[requirements]\nregions = [\"ap\"]\n"), "[\"ap\"]");
    assert_eq!(
        asked("[requirements]\nregions = [\"eu\", \"ap\"]\n"),
        "[\"eu\", \"ap\"]"
    );
    // Human output and the TOML variant keep the type too.
    let deal = format!("{FEASIBLE}{listed}");
    let human = stdout(&in_repo(&[("deal.toml", &deal)], &["deal.toml"]));
    assert!(human.contains("regions [\"eu\"], seats 100"), "{human}");
    let deal = format!("{FEASIBLE}{plain}");
    let human = stdout(&in_repo(&[("deal.toml", &deal)], &["deal.toml"]));
    assert!(human.contains("regions \"eu\", seats 100"), "{human}");
    let toml = stdout(&in_repo(
        &[("deal.toml", &deal)],
        &["deal.toml", "--format", "toml"],
    ));
    assert!(toml.contains("regions = \"eu\"\nseats = 100\n"), "{toml}");
}

/// `offer --format toml` of the deal file at `path` (the example catalog).
fn toml_of(path: &std::path::Path) -> String {
    let out = example(&[path.to_str().unwrap(), "--format", "toml"], None);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    stdout(&out)
}

#[test]
fn inline_tables_are_edited_in_place_and_one_header_stays() {
    let dir = tempfile::tempdir().unwrap();
    let asked = dir.path().join("inline.toml");
    std::fs::write(
        &asked,
        "# inline\n\
         deal = { id = \"G-1\", customer = \"Globex\", start = 2026-12-07, deadline = 2027-01-08, features = [\"sso\", \"eu-residency\"] }\n\
         availability = { target = \"99.99%\", window = \"24x7\", support_response = \"30m\" }  # asked\n\
         requirements = { seats = 25000, regions = [\"eu-central\", \"ap-southeast\"], dedicated_support_engineer = 1 }\n\
         custom = [{ name = \"Nightly SAP export\", team = \"integrations\", estimate = { low = 10, likely = 15, high = 30 }, after = [\"sso\"] }]\n",
    )
    .unwrap();
    let offered = toml_of(&asked);
    let body = offered.split_once("finds no error).\n").unwrap().1;
    assert_eq!(
        body,
        "# inline\n\
         deal = { id = \"G-1\", customer = \"Globex\", start = 2026-12-07, deadline = 2027-01-08, features = [\"sso\"] }\n\
         availability = { target = \"99.9%\", window = \"24x7\", support_response = \"4h\" }  # asked\n\
         requirements = { seats = 20000, regions = [\"eu-central\"] }\n"
    );
    // Offered again, from another path: byte for byte, one header.
    let again = dir.path().join("again.toml");
    std::fs::write(&again, &offered).unwrap();
    assert_eq!(toml_of(&again), offered);
    // Headers stacked by older versions become one.
    let header = offered.split_inclusive('\n').take(2).collect::<String>();
    std::fs::write(&again, format!("{header}{offered}")).unwrap();
    assert_eq!(toml_of(&again), offered);
    assert_eq!(offered.matches("# Offer by dealcheck").count(), 1);
}
