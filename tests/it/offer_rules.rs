//! The offer's rules, worked out by hand (docs/reference.md, "The offer"):
//! rule 3 item by item, "unchanged" only when on time with confidence, the
//! cost of yes about the deal as asked, check's own codes and words,
//! alternatives per variant, the tier check chooses. Every variant is also
//! written as a deal file and checked.

use chrono::NaiveDate;
use dealcheck::check::{CheckOptions, Prepared, check_deal};
use dealcheck::gap::{GapCode, Severity, Verdict};
use dealcheck::load::{SourceFile, parse_catalog, parse_deal};
use dealcheck::offer::{Offer, offer, toml::rewrite};

/// 2 people on "platform" at full focus: 2 person-days a working day.
/// Tiers, all 24x7: standard 99.5%/8h, fast 99.9%/1h, strong 99.95%/8h,
/// premium 99.99%/1h (needs "geo").
const CATALOG: &str = r#"
[catalog]
name = "Rules"
timezone = "UTC"
confidence = 0.8

[[feature]]
id = "core"
status = "ga"

[[feature]]
id = "geo"
status = "ga"
setup = { team = "platform", days = 30 }

[[team]]
id = "platform"
people = 2
focus = 1.0

[[team]]
id = "nobody"
people = 0

[[tier]]
name = "standard"
availability = "99.5%"
window = "24x7"
support_response = "8h"

[[tier]]
name = "fast"
availability = "99.9%"
window = "24x7"
support_response = "1h"

[[tier]]
name = "strong"
availability = "99.95%"
window = "24x7"
support_response = "8h"

[[tier]]
name = "premium"
availability = "99.99%"
window = "24x7"
support_response = "1h"
requires = ["geo"]

[limits]
seats = 100
"#;

/// Only office hours are sold without "geo"; 24x7 needs it.
const OFFICE: &str = r#"
[catalog]
name = "Office"
timezone = "UTC"

[[feature]]
id = "core"
status = "ga"

[[feature]]
id = "geo"
status = "ga"

[[team]]
id = "platform"
people = 2

[[tier]]
name = "office"
availability = "99.5%"
window = "mon-fri 08:00-18:00"
support_response = "8h"

[[tier]]
name = "global"
availability = "99.9%"
window = "24x7"
support_response = "4h"
requires = ["geo"]
"#;

fn catalog(text: &str) -> Prepared {
    Prepared::new(
        parse_catalog(&SourceFile {
            path: "catalog.toml".into(),
            text: text.into(),
        })
        .expect("catalog"),
    )
}

fn options() -> CheckOptions {
    CheckOptions {
        as_of: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        trials: 2000,
        seed: 7,
    }
}

fn load(c: &Prepared, text: &str) -> dealcheck::model::Deal {
    parse_deal(
        &SourceFile {
            path: "deal.toml".into(),
            text: text.into(),
        },
        c,
    )
    .expect("deal")
}

/// The offer for `text`, after checking that each variant, written as a
/// deal file and checked, has no error and meets the confidence.
fn offer_for(c: &Prepared, text: &str) -> Offer {
    let deal = load(c, text);
    let o = offer(c, &deal, &options(), dealcheck::check::Capacity::of(c));
    for (name, v) in [
        ("on-date", o.on_date.as_ref()),
        ("complete", Some(&o.complete)),
    ] {
        let Some(v) = v else { continue };
        let written = rewrite(text, &deal, &v.edits, name, options().as_of).expect("toml");
        let check = check_deal(c, &load(c, &written), &options());
        let errors: Vec<GapCode> = check
            .gaps
            .iter()
            .filter(|g| g.severity() == Severity::Error)
            .map(|g| g.code())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}\n{written}");
        let p = check.schedule.as_ref().and_then(|s| s.on_time_probability);
        assert!(
            p.is_none_or(|p| p >= c.confidence),
            "{name}: {p:?}\n{written}"
        );
    }
    o
}

fn deal(extra: &str) -> String {
    format!(
        "[deal]\nid = \"R-1\"\ncustomer = \"Rules Inc\"\nstart = 2027-01-04\ndeadline = 2027-01-15\nfeatures = [\"core\"]\n{extra}"
    )
}

/// Two weeks, 20 person-days. A risky item (likely 14, up to 60: about
/// half the trials finish in 20) and a safe one (1–3 days).
const RISKY: &str = "\n[[custom]]\nname = \"risky\"\nteam = \"platform\"\nestimate = { low = 5, likely = 14, high = 60 }\n";
const SAFE: &str = "\n[[custom]]\nname = \"safe\"\nteam = \"platform\"\nestimate = { low = 1, likely = 2, high = 3 }\n";

fn phased(o: &Offer) -> Vec<(String, String)> {
    o.on_date
        .as_ref()
        .unwrap()
        .phase_2
        .iter()
        .map(|p| (p.id.clone(), p.code.clone()))
        .collect()
}

#[test]
fn an_uncertain_item_never_pushes_a_certain_one_out() {
    let c = catalog(CATALOG);
    let o = offer_for(&c, &deal(&format!("{RISKY}{SAFE}")));
    let on = o.on_date.as_ref().unwrap();
    assert_eq!(on.custom, ["safe"]);
    assert_eq!(phased(&o), [("risky".to_string(), "S003".to_string())]);
    // Listed the other way round, the safe item is judged first: the same.
    let o = offer_for(&c, &deal(&format!("{SAFE}{RISKY}")));
    assert_eq!(o.on_date.as_ref().unwrap().custom, ["safe"]);
}

#[test]
fn a_deal_only_at_risk_by_s003_is_not_offered_unchanged() {
    let c = catalog(CATALOG);
    let text = deal(RISKY);
    let asked = check_deal(&c, &load(&c, &text), &options());
    let codes: Vec<GapCode> = asked.gaps.iter().map(|g| g.code()).collect();
    assert_eq!(codes, [GapCode::S003], "error-free, but uncertain");
    let o = offer_for(&c, &text);
    let on = o.on_date.as_ref().unwrap();
    assert!(on.custom.is_empty());
    assert_eq!(phased(&o), [("risky".to_string(), "S003".to_string())]);
    assert!(o.complete.deadline > NaiveDate::from_ymd_opt(2027, 1, 15).unwrap());
    // On time with the confidence: unchanged.
    let o = offer_for(&c, &deal(SAFE));
    let on = o.on_date.as_ref().unwrap();
    assert!(on.edits.is_identity(&load(&c, &deal(SAFE))));
    assert!(o.changes.is_empty());
}

/// geo's 30 days of setup cannot be done in two weeks: `on_date` moves it
/// to phase 2 and so loses premium; the deal as asked does reach premium,
/// so its availability is not impossible: only overtime is.
#[test]
fn the_cost_of_yes_is_about_the_deal_as_asked() {
    let c = catalog(CATALOG);
    let promise =
        "\n[availability]\ntarget = \"99.99%\"\nwindow = \"24x7\"\nsupport_response = \"1h\"\n";
    let text = deal(promise).replace("[\"core\"]", "[\"core\", \"geo\"]");
    let o = offer_for(&c, &text);
    assert_eq!(o.asked_verdict, Verdict::Infeasible);
    let on = o.on_date.as_ref().unwrap();
    assert_eq!(on.features, ["core"]);
    assert_eq!(on.availability.as_ref().unwrap().tier, "strong");
    assert_eq!(o.complete.availability.as_ref().unwrap().tier, "premium");
    let cost = &o.cost_of_yes;
    assert!(cost.impossible.is_empty(), "{:?}", cost.impossible);
    // 30 person-days, 20 done by the deadline: 10 open, 80 hours.
    assert_eq!(
        (cost.shortfall_person_days, cost.overtime_hours),
        (10.0, 80.0)
    );
    // The alternative the `on_date` scope lost is offered to it.
    let alt: Vec<(&str, &[String])> = o
        .alternatives
        .iter()
        .map(|a| (a.tier.as_str(), a.add_features.as_slice()))
        .collect();
    assert_eq!(alt, [("premium", &["geo".to_string()][..])]);
    // Without geo the deal as asked cannot have 99.99%: that is impossible,
    // and no alternative is needed where the scope has what premium needs.
    let o = offer_for(&c, &deal(promise));
    assert!(
        o.cost_of_yes
            .impossible
            .contains(&"availability.target".to_string())
    );
    assert_eq!(o.alternatives.len(), 1);
}

#[test]
fn work_no_overtime_buys_is_impossible_not_hours() {
    let c = catalog(CATALOG);
    let text = deal(
        "\n[[custom]]\nname = \"stuck\"\nteam = \"nobody\"\ndays = 1\n\n[[custom]]\nname = \"later\"\nteam = \"platform\"\ndays = 1\nafter = [\"stuck\"]\n",
    );
    let o = offer_for(&c, &text);
    let cost = &o.cost_of_yes;
    assert_eq!(
        (cost.overtime_hours, cost.shortfall_person_days),
        (0.0, 0.0)
    );
    assert!(cost.teams.is_empty());
    assert_eq!(cost.impossible, ["custom.stuck", "custom.later"]);
    // Work a team can do, late: hours, not impossible.
    let o = offer_for(
        &c,
        &deal("\n[[custom]]\nname = \"big\"\nteam = \"platform\"\ndays = 24\n"),
    );
    assert_eq!(o.cost_of_yes.overtime_hours, 32.0);
    assert!(o.cost_of_yes.impossible.is_empty());
}

#[test]
fn a_deadline_before_the_start_costs_no_hours_and_says_so() {
    let c = catalog(CATALOG);
    let text = deal("").replace("deadline = 2027-01-15", "deadline = 2027-01-02");
    let o = offer_for(&c, &text);
    assert!(o.on_date.is_none());
    assert_eq!(o.cost_of_yes.overtime_hours, 0.0);
    assert_eq!(o.cost_of_yes.impossible, ["deal.deadline"]);
}

#[test]
fn a_window_only_a_tier_needing_features_covers_is_a004_and_no_change_changes_nothing() {
    let c = catalog(OFFICE);
    let text = deal("\n[availability]\ntarget = \"99.5%\"\nwindow = \"24x7\"\n");
    let asked = check_deal(&c, &load(&c, &text), &options());
    let codes: Vec<GapCode> = asked.gaps.iter().map(|g| g.code()).collect();
    assert_eq!(codes, [GapCode::A004]);
    let o = offer_for(&c, &text);
    let changes: Vec<(&str, &str, Option<&str>)> = o
        .changes
        .iter()
        .map(|ch| (ch.code.as_str(), ch.subject.as_str(), ch.offered.as_deref()))
        .collect();
    // 99.5% holds over office hours: the target is no change.
    assert_eq!(
        changes,
        [(
            "A004",
            "availability.window",
            Some("mon-fri 08:00-18:00 UTC")
        )]
    );
    // No tier covers 24x7 at all: A003, as check says.
    let only_office = OFFICE.replace("window = \"24x7\"", "window = \"mon-fri 09:00-17:00\"");
    let c = catalog(&only_office);
    let o = offer_for(&c, &text);
    assert_eq!(o.changes[0].code, "A003");
}

#[test]
fn a_mistyped_requirement_keeps_checks_did_you_mean() {
    let c = catalog(CATALOG);
    let o = offer_for(
        &c,
        &deal(
            "\n[requirements]\nseat = 5\nzzz = 1\n[[custom]]\nname = \"big\"\nteam = \"platform\"\ndays = 24\n",
        ),
    );
    let why = |s: &str| {
        o.changes
            .iter()
            .find(|ch| ch.subject == s)
            .map(|ch| ch.why.clone())
            .unwrap()
    };
    assert!(why("requirements.seat").contains("did you mean \"seats\""));
    assert!(!why("requirements.zzz").contains("did you mean"));
}

/// 100% over New York hours: check's A002 suggests what the offer gives.
#[test]
fn a002_suggests_the_offers_figure_for_the_window() {
    let c = catalog(&std::fs::read_to_string("tests/data/offer-tz/catalog.toml").unwrap());
    let text = deal(
        "\n[availability]\ntarget = \"100%\"\nwindow = \"mon-fri 09:00-17:00 America/New_York\"\n",
    );
    let asked = check_deal(&c, &load(&c, &text), &options());
    let a002 = asked
        .gaps
        .iter()
        .find(|g| g.code() == GapCode::A002)
        .unwrap();
    let o = offer_for(&c, &text);
    let target = o
        .on_date
        .as_ref()
        .unwrap()
        .availability
        .as_ref()
        .unwrap()
        .target;
    let suggestion = a002.suggestion().unwrap();
    assert!(
        suggestion.contains(&format!("e.g. {target}% (")),
        "{suggestion} vs {target}"
    );
    assert!(
        suggestion.ends_with("over mon-fri 09:00-17:00 America/New_York)"),
        "{suggestion}"
    );
    assert_ne!(target, 99.9);
}

/// fast (99.9%, 1h) comes before strong (99.95%, 8h): check sells 99.9%
/// with 1h support on fast, and so does the offer.
#[test]
fn the_offer_sells_on_the_tier_check_chooses() {
    let c = catalog(CATALOG);
    let text = deal(
        "\n[availability]\ntarget = \"99.9%\"\nwindow = \"24x7\"\nsupport_response = \"1h\"\n[requirements]\nseats = 500\n",
    );
    let o = offer_for(&c, &text);
    let a = o.on_date.as_ref().unwrap().availability.as_ref().unwrap();
    assert_eq!(
        (a.tier.as_str(), a.support_response.as_deref()),
        ("fast", Some("1h"))
    );
    assert!(
        o.changes
            .iter()
            .all(|ch| !ch.subject.starts_with("availability"))
    );
    // Asking more than fast guarantees: sold on the best tier, strong.
    let o = offer_for(&c, &text.replace("99.9%", "99.95%"));
    let a = o.on_date.as_ref().unwrap().availability.as_ref().unwrap();
    assert_eq!(
        (a.tier.as_str(), a.support_response.as_deref()),
        ("strong", Some("8h"))
    );
    // Faster support than any tier gives: check's choice (fast) does not
    // keep the promise whole, so the offer sells on the best guarantee
    // (rule 4), strong, and lowers the support to what strong answers.
    let o = offer_for(&c, &text.replace("\"1h\"", "\"30m\""));
    let a = o.on_date.as_ref().unwrap().availability.as_ref().unwrap();
    assert_eq!(
        (a.tier.as_str(), a.support_response.as_deref()),
        ("strong", Some("8h"))
    );
}

/// S002 in the human offer: no "the teams finish the work" beside "no
/// amount of overtime buys: deal.deadline".
#[test]
fn a_deadline_before_the_start_is_said_plainly() {
    let dir = crate::common::repo(&[(
        "late.toml",
        "[deal]\nid = \"L-1\"\ncustomer = \"Late\"\nstart = 2027-03-01\ndeadline = 2027-02-01\nfeatures = [\"core\"]\n",
    )]);
    let out = crate::common::dealcheck()
        .current_dir(dir.path())
        .args(["offer", "--as-of", "2026-11-27"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("No overtime helps: work cannot start before the deadline."),
        "{text}"
    );
    assert!(!text.contains("the teams finish the work"), "{text}");
    assert!(
        text.contains("No amount of overtime buys: deal.deadline."),
        "{text}"
    );
}
