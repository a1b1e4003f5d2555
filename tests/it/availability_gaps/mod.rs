//! A001–A007: each availability gap triggered and absent where it should be,
//! the worst-case conversion of a tier's figure into the promised window, and
//! properties of the tier choice.
//!
//! Figures used below (weekly minutes): 24x7 = 10,080; mon-fri 09:00-17:00
//! (business hours here) = 2,400; mon-fri 08:00-18:00 = 3,000. A tier with
//! availability `a` over `T` guarantees `1 − (1 − a) × |T| / |P|` inside a
//! promised window `P` it covers.

use crate::common;
use common::*;
use dealcheck::check::DealCheck;
use dealcheck::check::Prepared;
use dealcheck::check::availability::AvailabilitySection;
use dealcheck::gap::{Area, GapCode, GapCode::*, Severity};
use proptest::prelude::*;

const HEADER: &str = "[catalog]\nname = \"Availability Test\"\ntimezone = \"UTC\"\nbusiness_hours = \"mon-fri 09:00-17:00\"\n";

/// Features: `core` (no components), `multi-region`, `api-db` on two 99.99%
/// components, `twin` on two 99.9% components.
const FEATURES: &str = r#"
[[feature]]
id = "core"
status = "ga"

[[feature]]
id = "multi-region"
status = "ga"

[[feature]]
id = "api-db"
status = "ga"
components = ["api", "db"]

[[feature]]
id = "twin"
status = "ga"
components = ["c1", "c2"]

[[component]]
id = "api"
availability = "99.99%"

[[component]]
id = "db"
availability = "99.99%"

[[component]]
id = "c1"
availability = "99.9%"

[[component]]
id = "c2"
availability = 99.9
"#;

const STANDARD: &str = "[[tier]]\nname = \"standard\"\navailability = \"99.5%\"\nwindow = \"business-hours\"\nsupport_response = \"8h\"\n";
const BUSINESS: &str = "[[tier]]\nname = \"business\"\navailability = \"99.9%\"\nwindow = \"24x7\"\nsupport_response = \"4h\"\nmeasured = \"99.85%\"\n";
const PREMIUM: &str = "[[tier]]\nname = \"premium\"\navailability = \"99.95%\"\nwindow = \"24x7\"\nsupport_response = \"1h\"\nrequires = [\"multi-region\"]\n";

const DEADLINE: &str = "2027-03-01";

fn cat_from_tiers(tiers: &str) -> Prepared {
    let text = format!("{HEADER}{FEATURES}{tiers}");
    catalog_from(&text).unwrap_or_else(|e| panic!("catalog loads: {}", e.render(false)))
}

/// The three tiers: standard, business, premium (in that order).
fn main_cat() -> Prepared {
    cat_from_tiers(&format!("{STANDARD}{BUSINESS}{PREMIUM}"))
}

/// The `[availability]` table of a deal.
fn promise(target: &str, window: Option<&str>, support: Option<&str>) -> String {
    let mut s = format!("[availability]\ntarget = {target}\n");
    if let Some(w) = window {
        s.push_str(&format!("window = \"{w}\"\n"));
    }
    if let Some(r) = support {
        s.push_str(&format!("support_response = \"{r}\"\n"));
    }
    s
}

fn check(
    catalog: &Prepared,
    features: &[&str],
    target: &str,
    window: Option<&str>,
    support: Option<&str>,
) -> DealCheck {
    check_text(
        catalog,
        &deal_text(features, DEADLINE, &promise(target, window, support)),
    )
}

fn a_codes(report: &DealCheck) -> Vec<GapCode> {
    report
        .gaps
        .iter()
        .map(|g| g.code())
        .filter(|c| c.area() == Area::Availability)
        .collect()
}

fn section(report: &DealCheck) -> &AvailabilitySection {
    report
        .availability
        .as_ref()
        .expect("the deal has an availability section")
}

fn gap(report: &DealCheck, code: GapCode) -> &dealcheck::gap::Gap {
    report
        .gaps
        .iter()
        .find(|g| g.code() == code)
        .unwrap_or_else(|| panic!("no {code:?} in {:?}", a_codes(report)))
}

fn approx(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn no_promise_no_check() {
    let r = check_text(&main_cat(), &deal_text(&["core"], DEADLINE, ""));
    assert!(r.availability.is_none());
    assert!(a_codes(&r).is_empty());
}

mod record_and_more;
mod tiers;
