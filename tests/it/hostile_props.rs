//! Mutated copies of the shipped examples (byte flips, truncation, NUL,
//! invalid UTF-8, CRLF, a BOM, controls, huge and NaN numbers) through the
//! library loaders, and a handful through the binary: nothing panics, every
//! problem is located inside its file, and no raw control character reaches
//! the rendered text.

use dealcheck::check::Prepared;
use dealcheck::check::{CheckOptions, check_deal};
use dealcheck::load::{InputErrors, SourceFile, parse_catalog_source, parse_deal_source};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped catalog and deals, as bytes: (name, bytes).
fn examples() -> &'static [(String, Vec<u8>)] {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut files = vec![(
            "catalog.toml".to_string(),
            std::fs::read(root().join("examples/catalog.toml")).unwrap(),
        )];
        let mut deals: Vec<_> = std::fs::read_dir(root().join("examples/deals"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        deals.sort();
        assert!(!deals.is_empty());
        for d in deals {
            let name = d.file_name().unwrap().to_string_lossy().into_owned();
            files.push((name, std::fs::read(d).unwrap()));
        }
        files
    })
}

fn shipped_catalog() -> &'static Prepared {
    static CATALOG: OnceLock<Prepared> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let file = SourceFile::from_bytes(Path::new("catalog.toml"), examples()[0].1.clone());
        let catalog = parse_catalog_source(&file.unwrap().into_source());
        Prepared::new(catalog.expect("the shipped catalog loads"))
    })
}

/// Replacements for a number: out of range, not finite, not a number.
const NUMBERS: &[&str] = &[
    "1e309",
    "-1e309",
    "nan",
    "+inf",
    "-inf",
    "1e15",
    "99999999999999999999",
    "-9223372036854775808",
    "-1",
    "0",
    "-0.0",
    "5e-324",
    "0x7fffffff",
];

/// Characters a terminal acts on, inserted into the text.
const CONTROLS: &[char] = &[
    '\0', '\x07', '\x08', '\x1b', '\r', '\x7f', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}',
    '\u{2069}', '\u{200f}', '\u{2028}',
];

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit { at: usize, bit: u8 },
    Truncate { at: usize },
    InsertNul { at: usize },
    InsertInvalidUtf8 { at: usize, byte: u8 },
    InsertControl { at: usize, which: usize },
    Crlf,
    Bom,
    ReplaceNumber { nth: usize, which: usize },
}

impl Mutation {
    /// Positions are taken modulo the length, so any `usize` works.
    fn apply(&self, bytes: &mut Vec<u8>) {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
        match *self {
            Mutation::FlipBit { at: i, bit } => {
                if !bytes.is_empty() {
                    let n = bytes.len();
                    bytes[i % n] ^= 1 << (bit % 8);
                }
            }
            Mutation::Truncate { at: i } => bytes.truncate(at(i, bytes.len())),
            Mutation::InsertNul { at: i } => bytes.insert(at(i, bytes.len()), 0),
            Mutation::InsertInvalidUtf8 { at: i, byte } => {
                bytes.insert(at(i, bytes.len()), 0x80 | byte);
            }
            Mutation::InsertControl { at: i, which } => {
                let mut buf = [0; 4];
                let c = CONTROLS[which % CONTROLS.len()].encode_utf8(&mut buf);
                let i = at(i, bytes.len());
                bytes.splice(i..i, c.bytes());
            }
            Mutation::Crlf => {
                *bytes = bytes
                    .iter()
                    .flat_map(|&b| {
                        if b == b'\n' {
                            vec![b'\r', b'\n']
                        } else {
                            vec![b]
                        }
                    })
                    .collect();
            }
            Mutation::Bom => {
                bytes.splice(0..0, *b"\xEF\xBB\xBF");
            }
            Mutation::ReplaceNumber { nth, which } => {
                let runs = digit_runs(bytes);
                if !runs.is_empty() {
                    let (s, e) = runs[nth % runs.len()];
                    bytes.splice(s..e, NUMBERS[which % NUMBERS.len()].bytes());
                }
            }
        }
    }
}

/// The byte ranges of runs of ASCII digits.
fn digit_runs(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, b) in bytes.iter().enumerate().chain([(bytes.len(), &b' ')]) {
        match (b.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, bit)| Mutation::FlipBit { at, bit }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        any::<usize>().prop_map(|at| Mutation::InsertNul { at }),
        (any::<usize>(), any::<u8>())
            .prop_map(|(at, byte)| Mutation::InsertInvalidUtf8 { at, byte }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(at, which)| Mutation::InsertControl { at, which }),
        Just(Mutation::Crlf),
        Just(Mutation::Bom),
        (any::<usize>(), any::<usize>())
            .prop_map(|(nth, which)| Mutation::ReplaceNumber { nth, which }),
    ]
}

/// Lines in the bytes as an editor counts them (a final newline ends the
/// last line; an empty file has one).
fn line_count(bytes: &[u8]) -> usize {
    let breaks = bytes.iter().filter(|&&b| b == b'\n').count();
    (breaks + usize::from(!bytes.ends_with(b"\n"))).max(1)
}

fn is_raw_control(c: char) -> bool {
    c.is_control() || dealcheck::text::needs_escape(c)
}

/// Every problem located inside the file, rendered without raw controls.
fn assert_well_reported(name: &str, bytes: &[u8], e: &InputErrors) {
    assert!(!e.problems.is_empty());
    let lines = line_count(bytes);
    for p in &e.problems {
        let l = p.location.as_ref().unwrap_or_else(|| {
            panic!("a problem without a location: {}", p.headline());
        });
        assert_eq!(&*l.path, name);
        assert!(
            l.line >= 1 && l.line <= lines && l.column >= 1,
            "{l} outside a file of {lines} lines"
        );
        let headline = p.headline();
        assert!(!headline.chars().any(is_raw_control), "{headline:?}");
    }
    let rendered = e.render(false);
    assert!(
        !rendered.chars().any(|c| c != '\n' && is_raw_control(c)),
        "{rendered:?}"
    );
}

/// Loads mutated bytes as the named example: a catalog, or a deal against
/// the shipped catalog (checked too, when it loads).
fn load_mutated(name: &str, bytes: Vec<u8>) {
    let path = Path::new(name);
    let source = match SourceFile::from_bytes(path, bytes.clone()) {
        Ok(f) => f.into_source(),
        Err(e) => return assert_well_reported(name, &bytes, &e),
    };
    if name == "catalog.toml" {
        if let Err(e) = parse_catalog_source(&source) {
            assert_well_reported(name, &bytes, &e);
        }
        return;
    }
    let catalog = shipped_catalog();
    match parse_deal_source(&source, catalog) {
        Ok(deal) => {
            let mut options =
                CheckOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
            options.trials = 0;
            let report = check_deal(catalog, &deal, &options);
            for g in &report.gaps {
                if let Some(l) = &g.location {
                    assert!(l.line <= line_count(&bytes), "{l}");
                }
            }
        }
        Err(e) => assert_well_reported(name, &bytes, &e),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn mutated_examples_load_or_fail_well(
        file in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let (name, original) = &examples()[file % examples().len()];
        let mut bytes = original.clone();
        for m in &mutations {
            m.apply(&mut bytes);
        }
        load_mutated(name, bytes);
    }
}

/// Every kind of mutation at a spread of places in every example, so each
/// kind is exercised whatever the random cases pick.
#[test]
fn every_kind_of_mutation_on_every_example() {
    for (name, original) in examples() {
        let len = original.len();
        for step in 0..8 {
            let at = step * len / 7;
            let kinds = [
                Mutation::FlipBit {
                    at,
                    bit: step as u8,
                },
                Mutation::Truncate { at },
                Mutation::InsertNul { at },
                Mutation::InsertInvalidUtf8 {
                    at,
                    byte: step as u8 * 9,
                },
                Mutation::InsertControl { at, which: step },
                Mutation::Crlf,
                Mutation::Bom,
            ];
            for m in kinds {
                let mut bytes = original.clone();
                m.apply(&mut bytes);
                load_mutated(name, bytes);
            }
        }
        for nth in 0..digit_runs(original).len() {
            for which in 0..NUMBERS.len() {
                let mut bytes = original.clone();
                Mutation::ReplaceNumber { nth, which }.apply(&mut bytes);
                load_mutated(name, bytes);
            }
        }
    }
}

proptest! {
    // A process per case: a handful only.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn the_binary_survives_mutated_deals(
        file in 1usize..16,
        mutations in prop::collection::vec(mutation(), 1..3),
    ) {
        let (name, original) = &examples()[1 + file % (examples().len() - 1)];
        let mut bytes = original.clone();
        for m in &mutations {
            m.apply(&mut bytes);
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        std::fs::write(dir.path().join("catalog.toml"), &examples()[0].1).unwrap();
        let out = assert_cmd::Command::cargo_bin("dealcheck")
            .unwrap()
            .env_remove("DEALCHECK_CATALOG")
            .current_dir(dir.path())
            .args(["check", name, "--as-of", "2026-11-27", "--trials", "0"])
            .output()
            .unwrap();
        let code = out.status.code();
        prop_assert!(matches!(code, Some(0..=2)), "exit {code:?}");
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            prop_assert!(
                !text.chars().any(|c| c != '\n' && is_raw_control(c)),
                "{text:?}"
            );
        }
        if code == Some(2) {
            let err = String::from_utf8_lossy(&out.stderr);
            prop_assert!(err.contains(&format!("--> {name}:")), "{err}");
        }
    }
}
