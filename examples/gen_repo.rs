//! Writes a synthetic proposal repo for scale benchmarks.
//!
//! ```text
//! cargo run --release --example gen_repo -- OUT_DIR --deals N [--seed S] [--shape scale|issue]
//! ```
//!
//! Produces `OUT_DIR/catalog.toml` (500 features, 20 teams, 12 components,
//! 5 tiers, limits) and `OUT_DIR/deals/bucket-XX/deal-NNNNN.toml` (N deals
//! spread over about 100 folders). The same seed and shape always give the
//! same files. Every file is valid input; about 2% of the feature ids in
//! deals are typos, so F001 gaps show up as they would in a real repo.
//!
//! Shapes (how uncertain the work is; everything else is the same):
//! - `scale` (default): feature `setup`/`work` in the catalog and custom work
//!   are each a three-point estimate half the time; 0–3 custom items a deal.
//! - `issue`: what issue 12 describes for its held-out repo — the catalog's
//!   `setup`/`work` are fixed `days` (operations knows its own work), every
//!   deal has 1–3 custom items, half of them with three-point estimates.
//!
//! Randomness comes from a small local SplitMix64 rather than `rand`, so the
//! output stays byte-identical whatever `rand` version the crate moves to.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const FEATURES: usize = 500;
const BUCKETS: usize = 100;

const WORDS: &[&str] = &[
    "sso",
    "audit",
    "reporting",
    "export",
    "import",
    "webhooks",
    "sandbox",
    "billing",
    "search",
    "analytics",
    "residency",
    "encryption",
    "mobile",
    "workflow",
    "connector",
    "dashboard",
    "archive",
    "alerts",
    "scheduler",
    "gateway",
    "translation",
    "retention",
    "approvals",
    "provisioning",
    "forecasting",
];

const TEAMS: &[&str] = &[
    "platform",
    "onboarding",
    "integrations",
    "data",
    "security",
    "mobile",
    "payments",
    "search",
    "infra",
    "sre",
    "support-eng",
    "ml",
    "frontend",
    "identity",
    "compliance",
    "reporting",
    "messaging",
    "storage",
    "networking",
    "partners",
];

const COMPONENTS: &[(&str, &str)] = &[
    ("api", "99.99%"),
    ("postgres", "99.99%"),
    ("idp", "99.98%"),
    ("object-storage", "99.995%"),
    ("warehouse", "99.9%"),
    ("queue", "99.99%"),
    ("cache", "99.95%"),
    ("search-cluster", "99.95%"),
    ("llm-gateway", "99.5%"),
    ("cdn", "99.999%"),
    ("global-lb", "99.999%"),
    ("mail-relay", "99.9%"),
];

const REGIONS: &[&str] = &[
    "eu-central",
    "eu-west",
    "us-east",
    "us-west",
    "ap-southeast",
];
const CUSTOMERS: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Wonka",
    "Soylent",
    "Tyrell",
    "Cyberdyne",
    "Vandelay",
    "Gringotts",
    "Oscorp",
    "Aperture",
    "Monarch",
];
const OWNERS: &[&str] = &["dana", "li", "sam", "alex", "kim", "noor", "jo", "ravi"];

/// SplitMix64: tiny, fast, good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }
    /// `n` distinct indices below `len`, in random order.
    fn distinct(&mut self, n: usize, len: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n.min(len) {
            let i = self.range(0, len - 1);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

/// A day of 2027 as `2027-MM-DD`, from a day number 0..=364.
fn day_2027(n: usize) -> String {
    const MONTHS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut d = n.min(364);
    for (m, len) in MONTHS.iter().enumerate() {
        if d < *len {
            return format!("2027-{:02}-{:02}", m + 1, d + 1);
        }
        d -= len;
    }
    unreachable!()
}

fn feature_id(i: usize) -> String {
    format!("{}-{:03}", WORDS[i % WORDS.len()], i)
}

/// Which work carries three-point estimates (see the module docs).
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Scale,
    Issue,
}

/// `estimate = { low, likely, high }` around `likely`, or `days = N`.
fn effort(rng: &mut Rng, likely: usize) -> String {
    if rng.chance(0.5) {
        format!("days = {likely}")
    } else {
        let low = (likely * 2 / 3).max(1);
        let high = likely * 2 + rng.range(0, 5);
        format!("estimate = {{ low = {low}, likely = {likely}, high = {high} }}")
    }
}

fn quoted(items: impl IntoIterator<Item = String>) -> String {
    let v: Vec<String> = items.into_iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", v.join(", "))
}

struct Catalog {
    features: Vec<String>,
    /// The feature that the premium tier requires.
    premium_feature: String,
}

/// Catalog work: fixed days in the `issue` shape, else as [`effort`].
fn catalog_effort(rng: &mut Rng, likely: usize, shape: Shape) -> String {
    match shape {
        Shape::Issue => format!("days = {likely}"),
        Shape::Scale => effort(rng, likely),
    }
}

fn write_catalog(rng: &mut Rng, path: &Path, shape: Shape) -> std::io::Result<Catalog> {
    let mut w = BufWriter::new(fs::File::create(path)?);
    writeln!(w, "# Synthetic catalog written by examples/gen_repo.rs\n")?;
    writeln!(w, "[catalog]")?;
    writeln!(w, "name = \"Synthetic Cloud\"")?;
    writeln!(w, "timezone = \"Europe/Berlin\"")?;
    writeln!(w, "business_hours = \"mon-fri 08:00-18:00\"")?;
    writeln!(
        w,
        "holidays = [2026-12-24, 2026-12-25, 2026-12-31, 2027-01-01, 2027-03-26, 2027-03-29, 2027-05-01, 2027-12-24]"
    )?;
    writeln!(w, "confidence = 0.85\n")?;

    let features: Vec<String> = (0..FEATURES).map(feature_id).collect();
    let mut sellable: Vec<usize> = Vec::new();
    for (i, id) in features.iter().enumerate() {
        writeln!(w, "[[feature]]")?;
        writeln!(w, "id = \"{id}\"")?;
        writeln!(w, "name = \"Feature {i}: {}\"", WORDS[i % WORDS.len()])?;
        let roll = rng.range(0, 99);
        let status = match roll {
            _ if i == 0 => "ga", // the premium tier requires it
            0..=79 => "ga",
            80..=87 => "beta",
            88..=95 => "planned",
            96..=97 => "unplanned",
            _ => "retired",
        };
        writeln!(w, "status = \"{status}\"")?;
        if status == "planned" {
            writeln!(w, "eta = {}", day_2027(rng.range(0, 364)))?;
        }
        // Only GA or beta features are required, and only lower-numbered
        // ones, so there are no cycles and few deals fail on an implied feature.
        if !sellable.is_empty() && rng.chance(0.25) {
            let n = if rng.chance(0.1) { 2 } else { 1 };
            let reqs = rng.distinct(n, sellable.len());
            let reqs = reqs.into_iter().map(|j| features[sellable[j]].clone());
            writeln!(w, "requires = {}", quoted(reqs))?;
        }
        if status == "ga" || status == "beta" {
            sellable.push(i);
        }
        if i % 50 == 7 {
            // A few conflicting pairs, always with a neighbour.
            writeln!(w, "conflicts = [\"{}\"]", features[i + 1])?;
        }
        let n = rng.range(1, 3);
        let comps = rng.distinct(n, COMPONENTS.len());
        writeln!(
            w,
            "components = {}",
            quoted(comps.into_iter().map(|c| COMPONENTS[c].0.to_string()))
        )?;
        if status != "retired" && status != "unplanned" && rng.chance(0.6) {
            let days = rng.range(1, 5);
            let team = rng.pick(TEAMS);
            let effort = catalog_effort(rng, days, shape);
            writeln!(w, "setup = {{ team = \"{team}\", {effort} }}")?;
        }
        if status == "planned" && rng.chance(0.5) {
            let team = rng.pick(TEAMS);
            let likely = rng.range(10, 40);
            let max_people = rng.range(1, 4);
            writeln!(
                w,
                "work = {{ team = \"{team}\", {}, max_people = {max_people} }}",
                catalog_effort(rng, likely, shape)
            )?;
        }
        writeln!(w)?;
    }

    for team in TEAMS {
        let people = rng.range(2, 12);
        writeln!(w, "[[team]]")?;
        writeln!(w, "id = \"{team}\"")?;
        writeln!(w, "people = {people}")?;
        writeln!(w, "focus = {:.2}", 0.5 + rng.range(0, 50) as f64 / 100.0)?;
        if rng.chance(0.3) {
            writeln!(w, "hours_per_day = 7.5")?;
        }
        let n = rng.range(0, 3);
        let days = (0..n).map(|_| day_2027(rng.range(0, 364)));
        writeln!(w, "holidays = [{}]", days.collect::<Vec<_>>().join(", "))?;
        for k in 0..rng.range(1, 3) {
            let from = rng.range(0, 300);
            let until = from + rng.range(5, 60);
            writeln!(w, "[[team.commitment]]")?;
            writeln!(w, "what = \"Commitment {k} of {team}\"")?;
            writeln!(w, "from = {}", day_2027(from))?;
            writeln!(w, "until = {}", day_2027(until))?;
            writeln!(w, "people = {}", rng.range(1, people - 1))?;
        }
        writeln!(w)?;
    }

    for (id, availability) in COMPONENTS {
        writeln!(w, "[[component]]")?;
        writeln!(w, "id = \"{id}\"")?;
        writeln!(w, "availability = \"{availability}\"\n")?;
    }

    // The premium tier requires feature 0, which is always GA.
    let premium_feature = features[0].clone();
    let tiers = [
        ("standard", "99.5%", "business-hours", "8h", "", ""),
        (
            "extended",
            "99.5%",
            "mon-fri 07:00-19:00 America/New_York",
            "4h",
            "",
            "",
        ),
        ("daylong", "99.9%", "mon-sun 06:00-22:00", "2h", "", ""),
        ("business", "99.9%", "24x7", "4h", "", "99.94%"),
        (
            "premium",
            "99.95%",
            "24x7",
            "1h",
            premium_feature.as_str(),
            "99.96%",
        ),
    ];
    for (name, availability, window, support, requires, measured) in tiers {
        writeln!(w, "[[tier]]")?;
        writeln!(w, "name = \"{name}\"")?;
        writeln!(w, "availability = \"{availability}\"")?;
        writeln!(w, "window = \"{window}\"")?;
        writeln!(w, "support_response = \"{support}\"")?;
        if !requires.is_empty() {
            writeln!(w, "requires = [\"{requires}\"]")?;
        }
        if !measured.is_empty() {
            writeln!(w, "measured = \"{measured}\"")?;
        }
        writeln!(w)?;
    }

    writeln!(w, "[limits]")?;
    writeln!(w, "seats = 50000")?;
    writeln!(w, "storage_tb = 500")?;
    writeln!(w, "api_requests_per_second = 5000")?;
    writeln!(w, "regions = [\"eu-central\", \"eu-west\", \"us-east\"]")?;
    writeln!(w, "sso_protocols = [\"saml\", \"oidc\"]")?;
    w.flush()?;
    Ok(Catalog {
        features,
        premium_feature,
    })
}

/// A feature id with two adjacent letters swapped (or one doubled): a typo.
fn typo(rng: &mut Rng, id: &str) -> String {
    let mut chars: Vec<char> = id.chars().collect();
    let letters = chars.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters >= 3 {
        let i = rng.range(0, letters - 2);
        if chars[i] != chars[i + 1] {
            chars.swap(i, i + 1);
            return chars.into_iter().collect();
        }
    }
    chars.insert(1, chars[0]);
    chars.into_iter().collect()
}

fn deal_text(
    rng: &mut Rng,
    catalog: &Catalog,
    n: usize,
    shape: Shape,
    signed_share: f64,
) -> String {
    let mut s = String::with_capacity(1024);
    let customer = format!("{} {}", rng.pick(CUSTOMERS), n);
    let start = rng.range(0, 200);
    let deadline = (start + rng.range(20, 160)).min(364);
    let signed = rng.chance(signed_share);
    let count = rng.range(5, 20);
    let picks = rng.distinct(count, catalog.features.len());
    let mut features: Vec<String> = picks
        .iter()
        .map(|&i| {
            let id = &catalog.features[i];
            if rng.chance(0.02) {
                typo(rng, id)
            } else {
                id.clone()
            }
        })
        .collect();
    if rng.chance(0.2) && !features.contains(&catalog.premium_feature) {
        features.push(catalog.premium_feature.clone());
    }

    let _ = writeln!(s, "# Synthetic deal {n}");
    let _ = writeln!(s, "[deal]");
    let _ = writeln!(s, "id = \"SYN-2027-{n:05}\"");
    let _ = writeln!(s, "customer = \"{customer}\"");
    let _ = writeln!(s, "owner = \"{}@sales.example\"", rng.pick(OWNERS));
    let status = if signed { "signed" } else { "proposed" };
    let _ = writeln!(s, "status = \"{status}\"");
    let _ = writeln!(s, "start = {}", day_2027(start));
    let _ = writeln!(s, "deadline = {}", day_2027(deadline));
    let _ = writeln!(s, "features = {}", quoted(features.iter().cloned()));

    if rng.chance(0.8) {
        let target = *rng.pick(&[
            "99.5",
            "\"99.5%\"",
            "\"99.9%\"",
            "99.9",
            "99.95",
            "\"99.99%\"",
        ]);
        let window = *rng.pick(&[
            "24x7",
            "24x7",
            "business-hours",
            "business-hours",
            "mon-fri 07:00-19:00 America/New_York",
            "mon-fri 09:00-17:00",
        ]);
        let _ = writeln!(s, "\n[availability]");
        let _ = writeln!(s, "target = {target}");
        let _ = writeln!(s, "window = \"{window}\"");
        if rng.chance(0.7) {
            let support = rng.pick(&["30m", "1h", "2h", "4h", "8h"]);
            let _ = writeln!(s, "support_response = \"{support}\"");
        }
    }

    let _ = writeln!(s, "\n[requirements]");
    let _ = writeln!(s, "seats = {}", rng.range(10, 55_000));
    // Mostly regions the catalog offers (the first three), sometimes not.
    let offered = if rng.chance(0.85) { 3 } else { REGIONS.len() };
    let n_regions = rng.range(1, 2);
    let regions = rng
        .distinct(n_regions, offered)
        .into_iter()
        .map(|r| REGIONS[r].to_string());
    let _ = writeln!(s, "regions = {}", quoted(regions));
    if rng.chance(0.4) {
        let _ = writeln!(s, "storage_tb = {}", rng.range(1, 600));
    }
    if rng.chance(0.3) {
        let _ = writeln!(s, "sso_protocols = \"{}\"", rng.pick(&["saml", "oidc"]));
    }
    if rng.chance(0.05) {
        let _ = writeln!(s, "dedicated_support_engineer = 1");
    }

    let mut names: Vec<String> = Vec::new();
    let custom = match shape {
        Shape::Scale => rng.range(0, 3),
        Shape::Issue => rng.range(1, 3),
    };
    for k in 0..custom {
        let name = format!("Custom work {}", k + 1);
        let _ = writeln!(s, "\n[[custom]]");
        let _ = writeln!(s, "name = \"{name}\"");
        let _ = writeln!(s, "team = \"{}\"", rng.pick(TEAMS));
        let likely = rng.range(2, 25);
        let _ = writeln!(s, "{}", effort(rng, likely));
        // After a listed feature or an earlier custom item: never a cycle.
        let mut after = Vec::new();
        if rng.chance(0.5) {
            after.push(rng.pick(&features).clone());
        }
        if !names.is_empty() && rng.chance(0.5) {
            after.push(rng.pick(&names).clone());
        }
        if !after.is_empty() {
            let _ = writeln!(s, "after = {}", quoted(after));
        }
        names.push(name);
    }
    s
}

struct Args {
    out: PathBuf,
    deals: usize,
    seed: u64,
    shape: Shape,
    /// The share of deals signed (the book).
    signed: f64,
}

fn parse_args() -> Result<Args, String> {
    let usage =
        "usage: gen_repo OUT_DIR --deals N [--seed S] [--shape scale|issue] [--signed SHARE]";
    let mut out = None;
    let mut deals = None;
    let mut seed = 42;
    let mut shape = Shape::Scale;
    let mut signed = 0.15;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{usage}"))
        };
        match a.as_str() {
            "--deals" => {
                deals = Some(
                    value("--deals")?
                        .parse()
                        .map_err(|e| format!("--deals: {e}"))?,
                )
            }
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--shape" => {
                shape = match value("--shape")?.as_str() {
                    "scale" => Shape::Scale,
                    "issue" => Shape::Issue,
                    other => return Err(format!("--shape: unknown shape {other}\n{usage}")),
                }
            }
            "--signed" => {
                signed = value("--signed")?
                    .parse::<f64>()
                    .ok()
                    .filter(|s| (0.0..=1.0).contains(s))
                    .ok_or_else(|| format!("--signed: a share from 0 to 1\n{usage}"))?
            }
            "-h" | "--help" => return Err(usage.into()),
            _ if a.starts_with('-') => return Err(format!("unknown option {a}\n{usage}")),
            _ if out.is_none() => out = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a}\n{usage}")),
        }
    }
    Ok(Args {
        out: out.ok_or(usage)?,
        deals: deals.ok_or(usage)?,
        seed,
        shape,
        signed,
    })
}

fn run(args: &Args) -> std::io::Result<()> {
    let deals_dir = args.out.join("deals");
    if deals_dir.exists() {
        return Err(std::io::Error::other(format!(
            "{} already exists: remove it first",
            deals_dir.display()
        )));
    }
    fs::create_dir_all(&deals_dir)?;
    let mut rng = Rng(args.seed);
    let catalog = write_catalog(&mut rng, &args.out.join("catalog.toml"), args.shape)?;
    let per_bucket = args.deals.div_ceil(BUCKETS).max(1);
    for n in 1..=args.deals {
        let bucket = deals_dir.join(format!("bucket-{:02}", (n - 1) / per_bucket));
        if (n - 1) % per_bucket == 0 {
            fs::create_dir_all(&bucket)?;
        }
        let text = deal_text(&mut rng, &catalog, n, args.shape, args.signed);
        let mut w = BufWriter::new(fs::File::create(bucket.join(format!("deal-{n:05}.toml")))?);
        w.write_all(text.as_bytes())?;
        w.flush()?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let t = Instant::now();
    if let Err(e) = run(&args) {
        eprintln!("gen_repo: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {} deals and a catalog to {} in {:.2}s (seed {}, shape {})",
        args.deals,
        args.out.display(),
        t.elapsed().as_secs_f64(),
        args.seed,
        match args.shape {
            Shape::Scale => "scale",
            Shape::Issue => "issue",
        }
    );
    ExitCode::SUCCESS
}
