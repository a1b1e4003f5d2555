//! The offer's promise, over generated catalogs and deals: each variant,
//! written as a deal file by `--format toml`'s code path and loaded back,
//! checks with no error gap and an on-time probability of at least the
//! catalog's confidence; a deal free of errors and on time with confidence
//! is offered unchanged, one only at risk by S003 is not.

use chrono::NaiveDate;
use dealcheck::check::{CheckOptions, DealCheck, Prepared, check_deal};
use dealcheck::gap::{Severity, Verdict};
use dealcheck::load::{SourceFile, parse_catalog, parse_deal};
use dealcheck::model::FeatureStatus;
use dealcheck::offer::{offer, toml::rewrite};
use proptest::prelude::*;

pub(crate) const WINDOWS: [&str; 3] = [
    "24x7",
    "business-hours",
    "mon-fri 07:00-19:00 America/New_York",
];

#[derive(Debug, Clone)]
pub(crate) struct Feature {
    status: FeatureStatus,
    requires: Option<usize>,
    conflicts: Option<usize>,
    eta: Option<u32>,
    work: Option<(usize, u32, bool)>,
    setup: Option<(usize, u32)>,
    component: Option<usize>,
}

pub(crate) fn feature() -> impl Strategy<Value = Feature> {
    (
        proptest::sample::select(FeatureStatus::ALL),
        proptest::option::of(0..6usize),
        proptest::option::weighted(0.2, 0..6usize),
        proptest::option::of(0..200u32),
        proptest::option::of((0..3usize, 1..30u32, any::<bool>())),
        proptest::option::of((0..3usize, 0..8u32)),
        proptest::option::of(0..3usize),
    )
        .prop_map(
            |(status, requires, conflicts, eta, work, setup, component)| Feature {
                status,
                requires,
                conflicts,
                eta,
                work,
                setup,
                component,
            },
        )
}

pub(crate) fn date(offset: u32) -> String {
    (NaiveDate::from_ymd_opt(2027, 1, 4).unwrap() + chrono::Days::new(offset.into())).to_string()
}

/// A tier: availability, window, a required feature, a measured figure.
pub(crate) type Tier = (u32, usize, Option<usize>, Option<u32>);
/// A custom item: team, days, three-point or not, what it comes after.
pub(crate) type Custom = (usize, u32, bool, Option<usize>);

/// A generated catalog and deal: what every offer property draws.
#[derive(Debug, Clone)]
pub(crate) struct Drawn {
    pub(crate) features: Vec<Feature>,
    pub(crate) tiers: Vec<Tier>,
    pub(crate) people: Vec<u32>,
    /// The listed features, by index: only those the catalog has.
    pub(crate) listed: Vec<usize>,
    pub(crate) deadline: u32,
    pub(crate) start: Option<u32>,
    /// Target, window, support response.
    pub(crate) avail: Option<(u32, usize, u32)>,
    pub(crate) custom: Vec<Custom>,
    pub(crate) seats: u32,
    /// A feature the catalog does not have is listed too.
    pub(crate) typo: bool,
}

pub(crate) fn drawn() -> impl Strategy<Value = Drawn> {
    use proptest::collection::vec;
    use proptest::option::{of, weighted};
    (
        vec(feature(), 1..6),
        vec(
            (
                0..100u32,
                0..3usize,
                weighted(0.3, 0..6usize),
                weighted(0.3, 0..100u32),
            ),
            0..4,
        ),
        vec(1..4u32, 3),
        vec(0..6usize, 0..5),
        0..60u32,
        of(0..30u32),
        of((0..200u32, 0..3usize, 1..10u32)),
        vec((0..4usize, 1..15u32, any::<bool>(), of(0..6usize)), 0..3),
        1..300u32,
        any::<bool>(),
    )
        .prop_map(
            |(features, tiers, people, listed, deadline, start, avail, custom, seats, typo)| {
                let listed = listed.into_iter().filter(|&i| i < features.len()).collect();
                Drawn {
                    features,
                    tiers,
                    people,
                    listed,
                    deadline,
                    start,
                    avail,
                    custom,
                    seats,
                    typo,
                }
            },
        )
}

impl Drawn {
    /// The catalog's text and the catalog, when it loads (only generated
    /// catalogs that load are of interest).
    pub(crate) fn catalog(&self) -> (String, Option<Prepared>) {
        let text = catalog_text(&self.features, &self.tiers, &self.people);
        let file = SourceFile {
            path: "catalog.toml".into(),
            text: text.clone(),
        };
        let catalog = parse_catalog(&file).ok().map(Prepared::new);
        (text, catalog)
    }
}

/// The checks' options of every offer property: as of Monday 2027-01-04,
/// 200 trials, seed 1.
pub(crate) fn options() -> CheckOptions {
    CheckOptions {
        as_of: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
        trials: 200,
        seed: 1,
    }
}

/// The error gaps of a check, as `code message`.
pub(crate) fn errors(check: &DealCheck) -> Vec<String> {
    check
        .gaps
        .iter()
        .filter(|g| g.severity() == Severity::Error)
        .map(|g| format!("{} {}", g.code().code(), g.message()))
        .collect()
}

pub(crate) fn catalog_text(features: &[Feature], tiers: &[Tier], people: &[u32]) -> String {
    let mut s = String::from(
        "[catalog]\nname = \"Gen\"\ntimezone = \"Europe/Berlin\"\nconfidence = 0.85\n\n",
    );
    for (i, f) in features.iter().enumerate() {
        s += &format!(
            "[[feature]]\nid = \"f{i}\"\nname = \"F{i}\"\nstatus = \"{}\"\n",
            f.status.as_str()
        );
        // requires only lower ids: no cycles
        if let Some(r) = f.requires.filter(|&r| r < i) {
            s += &format!("requires = [\"f{r}\"]\n");
        }
        if let Some(c) = f.conflicts.filter(|&c| c < features.len() && c != i) {
            s += &format!("conflicts = [\"f{c}\"]\n");
        }
        if let Some(c) = f.component {
            s += &format!("components = [\"c{c}\"]\n");
        }
        if f.status == FeatureStatus::Planned {
            if let Some(e) = f.eta {
                s += &format!("eta = {}\n", date(e));
            }
            if let Some((t, days, three)) = f.work {
                if three {
                    s += &format!(
                        "work = {{ team = \"t{t}\", estimate = {{ low = {}, likely = {days}, high = {} }} }}\n",
                        days / 2 + 1,
                        days * 2 + 1
                    );
                } else {
                    s += &format!("work = {{ team = \"t{t}\", days = {days} }}\n");
                }
            }
        }
        if let Some((t, days)) = f.setup {
            s += &format!("setup = {{ team = \"t{t}\", days = {days} }}\n");
        }
        s += "\n";
    }
    for (t, p) in people.iter().enumerate() {
        s += &format!(
            "[[team]]\nid = \"t{t}\"\npeople = {p}\nfocus = 0.8\n[[team.commitment]]\nwhat = \"x\"\nfrom = 2027-01-04\nuntil = 2027-01-20\npeople = 1\n\n"
        );
    }
    for c in 0..3 {
        s += &format!(
            "[[component]]\nid = \"c{c}\"\navailability = \"{}%\"\n\n",
            99.9 + f64::from(c) * 0.04
        );
    }
    for (i, (a, w, req, measured)) in tiers.iter().enumerate() {
        s += &format!(
            "[[tier]]\nname = \"tier{i}\"\navailability = \"{}%\"\nwindow = \"{}\"\nsupport_response = \"{}h\"\n",
            99.0 + f64::from(*a) / 100.0,
            WINDOWS[*w],
            i + 1
        );
        if let Some(r) = req.filter(|&r| r < features.len()) {
            s += &format!("requires = [\"f{r}\"]\n");
        }
        if let Some(m) = measured {
            s += &format!("measured = \"{}%\"\n", 99.0 + f64::from(*m) / 100.0);
        }
        s += "\n";
    }
    s += "[limits]\nseats = 100\nregions = [\"eu\", \"us\"]\n";
    s
}

fn deal_text(d: &Drawn) -> String {
    let (deadline, start, avail, seats) = (d.deadline, d.start, d.avail, d.seats);
    let mut ids: Vec<String> = d.listed.iter().map(|i| format!("\"f{i}\"")).collect();
    if d.typo {
        ids.push("\"fx\"".into());
    }
    let mut s = format!(
        "# generated\n[deal]\nid = \"G\"\ncustomer = \"C\"\ndeadline = {}  # the date\nfeatures = [{}]\n",
        date(deadline),
        ids.join(", ")
    );
    if let Some(st) = start {
        s += &format!("start = {}\n", date(st));
    }
    if let Some((t, w, sup)) = avail {
        s += &format!(
            "\n[availability]\ntarget = \"{}%\"\nwindow = \"{}\"\nsupport_response = \"{sup}h\"\n",
            98.0 + f64::from(t) / 100.0,
            WINDOWS[w]
        );
    }
    s += &format!("\n[requirements]\nseats = {seats}\nregions = [\"eu\", \"ap\"]\nother = 2\n");
    for (k, (team, days, three, after)) in d.custom.iter().enumerate() {
        s += &format!("\n[[custom]]\nname = \"w{k}\"\nteam = \"t{team}\"\n");
        if *three {
            s += &format!(
                "estimate = {{ low = 1, likely = {days}, high = {} }}\n",
                days * 3 + 1
            );
        } else {
            s += &format!("days = {days}\n");
        }
        if let Some(a) = after {
            if *a < k {
                s += &format!("after = [\"w{a}\"]\n");
            } else {
                s += &format!("after = [\"f{a}\"]\n");
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_variant_checks_without_errors(d in drawn()) {
        let (catalog_src, Some(catalog)) = d.catalog() else {
            return Ok(());
        };
        let text = deal_text(&d);
        let Ok(deal) = parse_deal(&SourceFile { path: "deal.toml".into(), text: text.clone() }, &catalog) else {
            return Ok(());
        };
        let options = options();
        let asked = check_deal(&catalog, &deal, &options);
        let o = offer(&catalog, &deal, &options, dealcheck::check::Capacity::of(&catalog));
        // Unchanged exactly when free of errors and on time with confidence.
        let uncertain = asked.gaps.iter().any(|g| g.code() == dealcheck::gap::GapCode::S003);
        if asked.verdict != Verdict::Infeasible && !uncertain {
            let on = o.on_date.as_ref().expect("an error-free deal keeps its date");
            prop_assert!(on.edits.is_identity(&deal));
        }
        if uncertain {
            prop_assert!(o.on_date.as_ref().is_none_or(|on| !on.edits.is_identity(&deal)));
        }
        for (name, v) in [("on-date", o.on_date.as_ref()), ("complete", Some(&o.complete))] {
            let Some(v) = v else { continue };
            let written = rewrite(&text, &deal, &v.edits, name, options.as_of).expect("toml edit");
            let back = parse_deal(&SourceFile { path: "variant.toml".into(), text: written.clone() }, &catalog);
            prop_assert!(back.is_ok(), "{name} does not load:\n{written}\n{:?}", back.err());
            let back = back.unwrap();
            let check = check_deal(&catalog, &back, &options);
            let errors = errors(&check);
            prop_assert!(errors.is_empty(), "{name} has errors {errors:#?}\nasked:\n{text}\nwritten:\n{written}\ncatalog:\n{catalog_src}");
            let p = check.schedule.as_ref().and_then(|s| s.on_time_probability);
            prop_assert!(p.is_none_or(|p| p >= catalog.confidence), "{name} is on time with only {p:?}\nasked:\n{text}\nwritten:\n{written}\ncatalog:\n{catalog_src}");
            prop_assert!(written.contains("# generated"));
        }
    }
}

/// Sorted `Debug` texts: two lists of gaps hold the same gaps.
fn same_gaps<'a>(gaps: impl Iterator<Item = &'a dealcheck::gap::Gap>) -> Vec<String> {
    let mut out: Vec<String> = gaps.map(|g| format!("{g:?}")).collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The offer's own checks (each schedule worked out once, each rule
    /// only the parts it reads) give what `check` gives: the whole check,
    /// the features' and schedule's gaps, the availability gaps; for the
    /// deal as asked and for both variants.
    #[test]
    fn the_offers_checks_are_checks(d in drawn()) {
        use dealcheck::check::{Capacity, check_deal_with};
        use dealcheck::gap::Area;
        use dealcheck::offer::checks::{Checks, Mode};
        use dealcheck::offer::edit::Edits;
        let (_, Some(catalog)) = d.catalog() else {
            return Ok(());
        };
        let Ok(deal) = parse_deal(&SourceFile { path: "deal.toml".into(), text: deal_text(&d) }, &catalog) else {
            return Ok(());
        };
        let options = options();
        let capacity = Capacity::of(&catalog);
        let o = offer(&catalog, &deal, &options, capacity);
        let checks = Checks::new(&catalog, &deal, &options, capacity);
        let mut all = vec![Edits::none(&deal), o.complete.edits.clone()];
        all.extend(o.on_date.as_ref().map(|v| v.edits.clone()));
        for edits in all {
            let model = edits.apply(&deal);
            let (want, open) = check_deal_with(&catalog, &model, &options, capacity);
            let got = checks.full(&edits, &model);
            prop_assert_eq!(format!("{got:?}"), format!("{want:?}"));
            // The deterministic check asked first: a simulated check of a
            // scope without three-point estimates is read off it.
            let fresh = Checks::new(&catalog, &deal, &options, capacity);
            let deterministic = fresh.scheduled(&edits, None, Mode::Deterministic);
            let got = fresh.full(&edits, &model);
            prop_assert_eq!(format!("{got:?}"), format!("{want:?}"));
            // A deterministic check read off the simulated one: what a
            // deterministic check made afresh reads.
            let read_off = checks.scheduled(&edits, None, Mode::Deterministic);
            prop_assert_eq!(read_off.cause(), deterministic.cause());
            prop_assert_eq!(format!("{:?}", read_off.schedule), format!("{:?}", deterministic.schedule));
            prop_assert_eq!(&read_off.open, &deterministic.open);
            let scheduled = checks.scheduled(&edits, None, Mode::Simulated);
            prop_assert_eq!(&scheduled.open, &open);
            let elsewhere = [Area::Availability, Area::Limits];
            prop_assert_eq!(
                same_gaps(scheduled.gaps().iter()),
                same_gaps(want.gaps.iter().filter(|g| !elsewhere.contains(&g.code().area())))
            );
            prop_assert_eq!(
                format!("{:?}", checks.availability_gaps(&model)),
                format!("{:?}", want.gaps.iter().filter(|g| g.code().area() == Area::Availability).collect::<Vec<_>>())
            );
        }
    }
}
