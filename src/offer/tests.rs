//! Unit tests of the offer's rules on hand-computed deals.

use super::*;
use crate::load::{SourceFile, parse_catalog, parse_deal};
use crate::model::Catalog;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

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
    let o = offer(&c, &asked, &options(), None);
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
    assert_eq!(on.requirements["regions"], serde_json::json!("eu"));
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
    assert!(cost.impossible.contains(&"availability.window".to_string()));
    for v in [on, &o.complete] {
        assert_ne!(v.verdict, Verdict::Infeasible, "{v:?}");
    }
}

#[test]
fn a_deadline_before_the_start_has_no_on_date_variant() {
    let c = catalog();
    let text = DEAL.replace("start = 2027-01-04", "start = 2027-01-11");
    let asked = deal(&c, &text);
    let o = offer(&c, &asked, &options(), None);
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
    let o = offer(&c, &asked, &options(), None);
    let on = o.on_date.expect("on date");
    assert!(on.edits.is_identity(&asked));
    assert!(o.complete.edits.is_identity(&asked));
    assert!(o.changes.is_empty() && o.dropped.is_empty());
}

#[test]
fn the_toml_rewrite_loads_to_the_variant_and_keeps_comments() {
    let c = catalog();
    let asked = deal(&c, DEAL);
    let o = offer(&c, &asked, &options(), None);
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
