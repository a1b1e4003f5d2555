//! Unit tests of the offer's rules on hand-computed deals.

use super::*;
use crate::load::{SourceFile, parse_catalog, parse_deal};
use crate::model::Catalog;

use crate::testing::d;

pub(crate) const CATALOG: &str = r#"
[catalog]
name = "Test"
timezone = "Europe/Berlin"
business_hours = "mon-fri 08:00-18:00"
confidence = 0.85

[[feature]]
id = "a"
name = "A"
status = "ga"
components = ["api"]
setup = { team = "eng", days = 5 }

[[feature]]
id = "b"
name = "B"
status = "ga"
setup = { team = "eng", days = 5 }

[[feature]]
id = "p"
name = "P"
status = "planned"
eta = 2027-03-01

[[feature]]
id = "u"
name = "U"
status = "unplanned"

[[feature]]
id = "mr"
name = "Multi-region"
status = "ga"

[[team]]
id = "eng"
people = 1

[[component]]
id = "api"
availability = "99.95%"

[[tier]]
name = "standard"
availability = "99.5%"
window = "business-hours"
support_response = "8h"

[[tier]]
name = "premium"
availability = "99.9%"
window = "24x7"
support_response = "1h"
requires = ["mr"]

[limits]
seats = 100
regions = ["eu"]
"#;

pub(crate) const DEAL: &str = r#"# asked
[deal]
id = "T-1"
customer = "Test"
start = 2027-01-04
deadline = 2027-01-08   # a Friday
features = ["a", "b", "p", "u", "aa"]

[availability]
target = "99.9%"
window = "24x7"
support_response = "1h"

[requirements]
seats = 500
regions = ["eu", "us"]
foo = 1
"#;

fn catalog() -> Prepared {
    Prepared::new(
        parse_catalog(&SourceFile {
            path: "catalog.toml".into(),
            text: CATALOG.into(),
        })
        .expect("catalog"),
    )
}

fn deal(c: &Catalog, text: &str) -> Deal {
    parse_deal(
        &SourceFile {
            path: "deal.toml".into(),
            text: text.into(),
        },
        c,
    )
    .expect("deal")
}

fn options() -> CheckOptions {
    CheckOptions::new(d(2027, 1, 1))
}

#[test]
fn the_hand_worked_deal() {
    let c = catalog();
    let asked = deal(&c, DEAL);
    let o = offer(&c, &asked, &options(), crate::check::Capacity::of(&c));
    assert_eq!(o.asked_verdict, Verdict::Infeasible);
    let dropped: Vec<(&str, &str)> = o
        .dropped
        .iter()
        .map(|x| (x.code.as_str(), x.subject.as_str()))
        .collect();
    assert_eq!(dropped, [("F002", "features.u"), ("F001", "features.aa")]);
    // a: 5 days Mon 4 – Fri 8; b follows to Fri 15; p waits for its eta.
    assert_eq!(o.complete.deadline, d(2027, 3, 1));
    assert_eq!(o.complete.features, ["a", "b", "p"]);
    let on = o.on_date.as_ref().expect("on date");
    assert_eq!(on.deadline, d(2027, 1, 8));
    assert_eq!(on.features, ["a"]);
    let phased: Vec<(&str, &str, NaiveDate)> = on
        .phase_2
        .iter()
        .map(|p| (p.id.as_str(), p.code.as_str(), p.date))
        .collect();
    assert_eq!(
        phased,
        [("b", "S001", d(2027, 3, 1)), ("p", "F004", d(2027, 3, 1))]
    );
    // No eligible tier covers 24x7: the window becomes standard's, 99.5%, 8h.
    let a = on.availability.as_ref().expect("availability");
    assert_eq!(
        (a.target, a.window.as_str(), a.support_response.as_deref()),
        (99.5, "mon-fri 08:00-18:00 Europe/Berlin", Some("8h"))
    );
    assert_eq!(o.alternatives.len(), 1);
    let alt = &o.alternatives[0];
    assert_eq!(
        (
            alt.add_features.as_slice(),
            alt.tier.as_str(),
            alt.target,
            alt.window.as_str()
        ),
        (&["mr".to_string()][..], "premium", 99.9, "24x7")
    );
    assert_eq!(on.requirements["seats"], serde_json::json!(100));
    assert_eq!(on.requirements["regions"], serde_json::json!(["eu"]));
    assert!(!on.requirements.contains_key("foo"));
    // Cost of yes: a and b are 10 person-days, 5 done by Friday: 5 open, 40 h.
    let cost = &o.cost_of_yes;
    assert_eq!(
        (cost.shortfall_person_days, cost.overtime_hours),
        (5.0, 40.0)
    );
    assert_eq!(cost.teams.len(), 1);
    assert_eq!(cost.teams[0].overtime_hours, 40.0);
    assert!(cost.impossible.contains(&"features.u".to_string()));
    // As asked, no sellable tier covers 24x7 (premium needs "mr"): check's A004.
    assert!(cost.impossible.contains(&"availability.target".to_string()));
    for v in [on, &o.complete] {
        assert_ne!(v.verdict, Verdict::Infeasible, "{v:?}");
    }
}

#[test]
fn a_deadline_before_the_start_has_no_on_date_variant() {
    let c = catalog();
    let text = DEAL.replace("start = 2027-01-04", "start = 2027-01-11");
    let asked = deal(&c, &text);
    let o = offer(&c, &asked, &options(), crate::check::Capacity::of(&c));
    assert!(o.on_date.is_none());
    // a and b from Mon 11: done Fri 22; p's eta is later still.
    assert_eq!(o.complete.deadline, d(2027, 3, 1));
    assert!(
        o.cost_of_yes
            .impossible
            .contains(&"deal.deadline".to_string())
    );
}

#[test]
fn an_error_free_deal_is_offered_unchanged() {
    let c = catalog();
    let text = r#"[deal]
id = "OK"
start = 2027-01-04
deadline = 2027-01-29
features = ["a"]
[availability]
target = "99%"
window = "business-hours"
"#;
    let asked = deal(&c, text);
    let o = offer(&c, &asked, &options(), crate::check::Capacity::of(&c));
    let on = o.on_date.expect("on date");
    assert!(on.edits.is_identity(&asked));
    assert!(o.complete.edits.is_identity(&asked));
    assert!(o.changes.is_empty() && o.dropped.is_empty());
}

#[test]
fn the_toml_rewrite_loads_to_the_variant_and_keeps_comments() {
    let c = catalog();
    let asked = deal(&c, DEAL);
    let o = offer(&c, &asked, &options(), crate::check::Capacity::of(&c));
    for v in [o.on_date.as_ref().expect("on date"), &o.complete] {
        let text = toml::rewrite(DEAL, &asked, &v.edits, "on-date", d(2027, 1, 1)).expect("edit");
        assert!(text.starts_with("# Offer by dealcheck as of 2027-01-01"));
        assert!(text.contains("# asked\n[deal]"), "{text}");
        assert!(text.contains("   # a Friday"), "{text}");
        let back = deal(&c, &text);
        let model = v.edits.apply(&asked);
        assert_eq!(back.deadline, model.deadline);
        let ids = |d: &Deal| d.features.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&back), ids(&model));
        let av = |d: &Deal| {
            d.availability
                .as_ref()
                .map(|a| (a.target, a.window.clone(), a.support_response))
        };
        assert_eq!(av(&back), av(&model));
        let reqs = |d: &Deal| {
            let mut r: Vec<(String, crate::model::RequirementValue)> = d
                .requirements
                .iter()
                .map(|r| (r.key.clone(), r.value.clone()))
                .collect();
            r.sort_by(|a, b| a.0.cmp(&b.0));
            r
        };
        assert_eq!(reqs(&back), reqs(&model));
        let check = crate::check::check_deal(&c, &back, &options());
        assert_ne!(check.verdict, Verdict::Infeasible, "{:?}", check.gaps);
    }
}

/// The example catalog, and deals over its features with promises of
/// every target, window and support response: what the agreement tests
/// between the offer and `check` run over.
fn example_promises() -> (Prepared, Vec<Deal>) {
    let c = Prepared::new(
        parse_catalog(&SourceFile {
            path: "catalog.toml".into(),
            text: include_str!("../../examples/catalog.toml").into(),
        })
        .expect("the example catalog"),
    );
    let scopes = [
        r#""sso", "audit-log", "api-access""#,
        r#""sso", "audit-log", "api-access", "multi-region""#,
        r#""workflow-automation", "reporting", "sso""#,
        r#""ai-assistant", "multi-region""#,
        r#""sandbox""#,
    ];
    let windows = [
        "24x7",
        "business-hours",
        "mon-fri 08:00-20:00 America/New_York",
        "mon-sun 06:00-22:00",
    ];
    let targets = ["99%", "99.5%", "99.8%", "99.9%", "99.95%", "99.99%", "100%"];
    let supports = [
        "",
        "support_response = \"30m\"\n",
        "support_response = \"4h\"\n",
    ];
    let mut deals = Vec::new();
    for scope in scopes {
        for window in windows {
            for target in targets {
                for support in supports {
                    let text = format!(
                        "[deal]\nid = \"X\"\ncustomer = \"X\"\nstart = 2027-01-04\ndeadline = 2027-09-30\nfeatures = [{scope}]\n\n[availability]\ntarget = \"{target}\"\nwindow = \"{window}\"\n{support}"
                    );
                    deals.push(deal(&c, &text));
                }
            }
        }
    }
    (c, deals)
}

/// The availability gaps `check` finds on a deal.
fn availability_gaps(c: &Prepared, deal: &Deal) -> (crate::check::DealCheck, Vec<GapCode>) {
    let check = crate::check::check_deal(c, deal, &options());
    let codes = check
        .gaps
        .iter()
        .map(|g| g.code())
        .filter(|code| code.area() == crate::gap::Area::Availability)
        .collect();
    (check, codes)
}

/// A promise the offer keeps as asked is one `check` finds nothing wrong
/// with; the offer keeps the promised window exactly when `check` finds a
/// tier to sell over it; and when no tier meets the target, the offer
/// sells the very tier `check` names as the best (A001).
#[test]
fn the_offer_and_check_agree_on_tiers() {
    let (c, deals) = example_promises();
    let (mut kept, mut named) = (0, 0);
    for asked in &deals {
        let (check, codes) = availability_gaps(&c, asked);
        let o = availability::offer(&c, asked, asked, decisions::Before(&[]));
        let p = asked.availability.as_ref().expect("a promise");
        let what = format!("{:?} {} {:?}", p.target, p.window, p.support_response);
        if o.edit == edit::AvailabilityEdit::Keep {
            kept += 1;
            assert!(codes.is_empty(), "kept {what}, but check finds {codes:?}");
        }
        let new_window = matches!(
            o.edit,
            edit::AvailabilityEdit::Change {
                window: Some(_),
                ..
            } | edit::AvailabilityEdit::Remove
        );
        let section = check.availability.as_ref().expect("a section");
        assert_eq!(
            section.offered.is_some(),
            !new_window,
            "{what}: {:?}",
            o.edit
        );
        for g in &check.gaps {
            if let crate::gap::GapKind::AvailabilityOverPromise(over) = g.kind()
                && let Some(best) = &over.best
            {
                let offered = o.offered.as_ref().expect("an offered tier");
                assert_eq!(offered.tier, best.best_tier, "{what}");
                named += 1;
            }
        }
    }
    assert!(
        kept > 10 && kept < deals.len() / 2,
        "{kept} of {}",
        deals.len()
    );
    assert!(named > 10, "{named} with a best tier");
}

/// The components and composite `check` reports are the ones the offer
/// bounds a target by: a target the offer lowers for the components (A006)
/// is one `check` finds above the composite.
#[test]
fn the_offer_and_check_agree_on_the_composite() {
    let (c, deals) = example_promises();
    let mut lowered = 0;
    for asked in &deals {
        let (check, codes) = availability_gaps(&c, asked);
        let section = check.availability.as_ref().expect("a section");
        let scope: crate::model::IdSet<_> = crate::check::scope::resolve(&c, asked)
            .iter()
            .map(|e| e.feature)
            .collect();
        let components = crate::check::availability::components_of(&c, scope);
        assert_eq!(section.components, components.ids);
        assert_eq!(section.composite_24x7, components.around_the_clock);
        let o = availability::offer(&c, asked, asked, decisions::Before(&[]));
        let window_kept = !matches!(
            o.edit,
            edit::AvailabilityEdit::Change {
                window: Some(_),
                ..
            }
        );
        // At 100% A002 says it all (it hides A006).
        let below_100 = asked.availability.as_ref().is_some_and(|p| p.target < 1.0);
        if below_100 && window_kept && o.changes.iter().any(|ch| ch.code == "A006") {
            lowered += 1;
            assert!(codes.contains(&GapCode::A006), "{:?}", asked.availability);
        }
    }
    assert!(lowered > 0, "some target is lowered for the components");
}

/// The offer decides nothing `check` owns: no guarantee, composite,
/// coverage, eligibility or feature-status rule is written under
/// `src/offer` (it asks `check::availability` and the model), and only
/// `decisions.rs` matches on gap codes or kinds (exhaustively).
#[test]
fn the_offer_reads_checks_decisions() {
    for (path, text) in crate::testing::sources("src/offer") {
        if path.ends_with("tests.rs") {
            continue;
        }
        let mut words = vec![
            "guarantee_within",
            "sla::composite",
            ".covers(",
            ".requires.iter()",
            "FeatureStatus",
        ];
        if !path.ends_with("decisions.rs") {
            words.extend(["GapKind::", "code() ==", "== GapCode"]);
        }
        for word in words {
            assert!(!text.contains(word), "{} has {word}", path.display());
        }
    }
}
