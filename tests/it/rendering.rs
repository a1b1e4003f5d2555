//! One way to render, for every command: `check`, `catalog lint` and
//! `offer` declare their formats in the library (a `Choice` each) and render
//! through one streaming interface, so the binary's output is exactly what
//! the library writes; the offer is written as its deals are judged; every
//! input, standard input too, goes through the one reader and its cap; the
//! library knows no argument parser.

use crate::common::{self, AT_RISK, CATALOG, FEASIBLE, INFEASIBLE, dealcheck};
use dealcheck::check::CheckOptions;
use dealcheck::choice::Choice;
use dealcheck::exit::FailOn;
use dealcheck::offer::render::{OfferFormat, OfferRenderOptions, OfferRun, Offered, VariantChoice};
use dealcheck::report::lint::{LintFormat, LintReport};
use dealcheck::report::{
    FileError, Format, Refused, RenderOptions, RunEnd, RunHeader, Stream, Tally,
};
use dealcheck::run::{Each, Inputs, Outcome, check_each, map_each};
use dealcheck::schema::SchemaKind;
use dealcheck::source::{MAX_FILE_BYTES, Source, SourceFile};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

const AS_OF: &str = "2026-11-27";

/// Where the binary runs: the folder the tests run in, so that whatever
/// depends on the current folder (SARIF's repository root) is the same for
/// the binary and the library.
fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn options() -> CheckOptions {
    let mut options = CheckOptions::new(common::as_of());
    options.trials = 0;
    options
}

/// Three deals of every verdict and one file that cannot be judged.
fn deals() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = common::repo(&[
        ("a-ok.toml", FEASIBLE),
        ("b-risk.toml", AT_RISK),
        ("c-bad.toml", INFEASIBLE),
        ("d-broken.toml", "[deal]\nid = 1\n"),
    ]);
    let paths = ["a-ok", "b-risk", "c-bad", "d-broken"]
        .iter()
        .map(|n| dir.path().join(format!("{n}.toml")))
        .collect();
    (dir, paths)
}

fn run_binary(args: &[&str]) -> std::process::Output {
    dealcheck().current_dir(here()).args(args).output().unwrap()
}

fn text(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

/// A `check` run rendered by the library alone: the run, the renderer of
/// the format, the tally. What the binary adds is printing.
fn check_through_library(format: Format, paths: &[PathBuf], catalog: &Path) -> Vec<u8> {
    let mut inputs = Inputs::gather(paths, Some(catalog), None).unwrap();
    inputs.read_books(&options(), dealcheck::run::BookMode::default());
    let header = inputs.header(common::as_of());
    let mut renderer = format.renderer(RenderOptions::default());
    let mut out = Vec::new();
    let mut tally = Tally::default();
    renderer.begin(&header, &mut out).unwrap();
    let prepare = |deal: &dealcheck::report::DealReport| format.prepare(deal);
    let books = check_each(&inputs, &options(), &prepare, |outcome| match outcome {
        Outcome::Judged(deal) => {
            tally.deal(deal.verdict);
            renderer.item(&deal, &mut out)
        }
        Outcome::Rendered(verdict, bytes) => {
            tally.deal(verdict);
            renderer.prepared(&bytes, &mut out)
        }
        Outcome::Unjudged(errors) => {
            tally.unjudged();
            renderer.unjudged(&FileError::new(&errors), &mut out)
        }
    })
    .unwrap();
    let end = RunEnd {
        summary: tally.summary,
        book: books.book,
        portfolio: books.portfolio,
    };
    renderer.finish(&end, &mut out).unwrap();
    out
}

#[test]
fn every_check_format_the_binary_writes_is_the_librarys() {
    let (dir, paths) = deals();
    let catalog = dir.path().join("catalog.toml");
    for format in Format::ALL.iter().copied() {
        let mut args = vec!["check", "--as-of", AS_OF, "--trials", "0"];
        let catalog_arg = catalog.display().to_string();
        args.extend(["--catalog", &catalog_arg, "--format", format.as_str()]);
        let deal_args = text(&paths);
        args.extend(deal_args.iter().map(String::as_str));
        let out = run_binary(&args);
        assert_eq!(out.status.code(), Some(2), "{format}: one file is unjudged");
        let library = check_through_library(format, &paths, &catalog);
        assert!(!library.is_empty(), "{format}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&library),
            "{format}"
        );
    }
}

const LINTED: &str = "[catalog]\nname = \"C\"\n[[feature]]\nid = \"x\"\nstatus = \"planned\"\n\
                      [[team]]\nid = \"t\"\npeople = 0\n";

#[test]
fn every_lint_format_the_binary_writes_is_the_librarys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.toml");
    std::fs::write(&path, LINTED).unwrap();
    let catalog = dealcheck::load::load_catalog(&path).unwrap();
    let report = LintReport::new(&catalog, dealcheck::lint::lint(&catalog));
    assert_eq!(report.findings.len(), 2);
    for format in LintFormat::ALL.iter().copied() {
        let shown = path.display().to_string();
        let out = run_binary(&["catalog", "lint", &shown, "--format", format.as_str()]);
        assert_eq!(out.status.code(), Some(1), "{format}: findings");
        let mut library = Vec::new();
        report.render(format, &mut library).unwrap();
        assert!(!library.is_empty(), "{format}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&library),
            "{format}"
        );
    }
}

/// An `offer` run rendered by the library alone.
fn offer_through_library(
    format: OfferFormat,
    variant: Option<VariantChoice>,
    paths: &[PathBuf],
    catalog: &Path,
) -> Result<Vec<u8>, std::io::Error> {
    let mut inputs = Inputs::gather(paths, Some(catalog), None).unwrap();
    inputs.read_books(&options(), dealcheck::run::BookMode::default());
    let header = inputs.header(common::as_of());
    let options = options();
    let mut renderer = format.renderer(OfferRenderOptions {
        variant,
        ..Default::default()
    });
    let mut out = Vec::new();
    renderer.begin(&header, &mut out)?;
    map_each(
        &inputs,
        |catalog, deal, capacity| Offered {
            offer: dealcheck::offer::offer(catalog, deal, &options, capacity),
            deal: deal.deal.clone(),
            source: Arc::clone(&deal.source),
        },
        |result| match result {
            Each::Judged(offered) => renderer.item(&offered, &mut out),
            Each::Skipped(_) => Ok(()),
            Each::Unjudged(e) => renderer.unjudged(&FileError::new(&e), &mut out),
        },
    )?;
    renderer.finish(&(), &mut out)?;
    Ok(out)
}

#[test]
fn every_offer_format_the_binary_writes_is_the_librarys() {
    let (dir, paths) = deals();
    let catalog = dir.path().join("catalog.toml");
    let catalog_arg = catalog.display().to_string();
    let base = ["offer", "--as-of", AS_OF, "--trials", "0", "--catalog"];
    for format in [OfferFormat::Human, OfferFormat::Json] {
        let mut args = base.to_vec();
        args.extend([catalog_arg.as_str(), "--format", format.as_str()]);
        let deal_args = text(&paths);
        args.extend(deal_args.iter().map(String::as_str));
        let out = run_binary(&args);
        assert_eq!(out.status.code(), Some(2), "{format}: one file is unjudged");
        let library = offer_through_library(format, None, &paths, &catalog);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&library.unwrap()),
            "{format}"
        );
    }
    for variant in VariantChoice::ALL.iter().copied() {
        let mut args = base.to_vec();
        args.extend([catalog_arg.as_str(), "--format", "toml"]);
        let deal = paths[2].display().to_string();
        args.extend(["--variant", variant.as_str(), &deal]);
        let out = run_binary(&args);
        assert_eq!(out.status.code(), Some(0), "{variant}");
        let library =
            offer_through_library(OfferFormat::Toml, Some(variant), &paths[2..3], &catalog);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&library.unwrap()),
            "{variant}"
        );
    }
}

/// The streamed `offers` document is byte for byte the document written
/// whole, unjudged files included.
#[test]
fn the_streamed_offer_document_is_the_whole_document() {
    let (dir, paths) = deals();
    let catalog = dir.path().join("catalog.toml");
    let streamed = offer_through_library(OfferFormat::Json, None, &paths, &catalog).unwrap();
    let inputs = Inputs::gather(&paths, Some(&catalog), None).unwrap();
    let head = inputs.header(common::as_of());
    let mut items = Vec::new();
    let mut errors = Vec::new();
    map_each(
        &inputs,
        |catalog, deal, capacity| Offered {
            offer: dealcheck::offer::offer(catalog, deal, &options(), capacity),
            deal: deal.deal.clone(),
            source: Arc::clone(&deal.source),
        },
        |result| -> Result<(), ()> {
            match result {
                Each::Judged(item) => items.push(item),
                Each::Skipped(_) => {}
                Each::Unjudged(e) => errors.push(FileError::new(&e)),
            }
            Ok(())
        },
    )
    .unwrap();
    assert_eq!((items.len(), errors.len()), (3, 1));
    let whole = OfferRun::whole(head, items, errors, &());
    let mut written = Vec::new();
    dealcheck::offer::render::json(&whole, &mut written).unwrap();
    assert_eq!(
        String::from_utf8(streamed).unwrap(),
        String::from_utf8(written).unwrap()
    );
}

/// Deals are judged in chunks of 256 while the previous chunk is written:
/// with three chunks, the first offer is out (after the document's head)
/// before the third chunk, which holds the last deal, is judged at all.
#[test]
fn the_offer_is_written_as_its_deals_are_judged() {
    let deals: Vec<(String, String)> = (0..520)
        .map(|i| {
            let text = FEASIBLE.replace("OK-1", &format!("OK-{i}"));
            (format!("deals/{i:04}.toml"), text)
        })
        .collect();
    let named: Vec<(&str, &str)> = deals
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = common::repo(&named);
    let inputs = Inputs::gather(&[dir.path().join("deals")], None, None).unwrap();
    let total = inputs.deals.len();
    assert_eq!(total, 520);
    let head = RunHeader {
        as_of: common::as_of(),
        catalog: inputs.first_catalog(),
        deals: total,
    };
    let options = options();
    let judged = AtomicUsize::new(0);
    let mut renderer = OfferFormat::Json.renderer(OfferRenderOptions {
        variant: Some(VariantChoice::OnDate),
        ..Default::default()
    });
    let mut out = Vec::new();
    renderer.begin(&head, &mut out).unwrap();
    assert!(
        String::from_utf8_lossy(&out).ends_with("\"offers\": ["),
        "the head is written before any deal is judged"
    );
    let mut first = None;
    map_each(
        &inputs,
        |catalog, deal, capacity| {
            judged.fetch_add(1, Ordering::SeqCst);
            Offered {
                offer: dealcheck::offer::offer(catalog, deal, &options, capacity),
                deal: deal.deal.clone(),
                source: Arc::clone(&deal.source),
            }
        },
        |result| {
            let Each::Judged(offered) = result else {
                panic!("every deal is judged");
            };
            renderer.item(&offered, &mut out)?;
            if first.is_none() {
                first = Some((judged.load(Ordering::SeqCst), out.len()));
            }
            Ok::<(), std::io::Error>(())
        },
    )
    .unwrap();
    renderer.finish(&(), &mut out).unwrap();
    let (judged_then, written_then) = first.unwrap();
    assert!(judged_then < total, "{judged_then} of {total} judged");
    let so_far = String::from_utf8_lossy(&out[..written_then]).into_owned();
    assert!(so_far.contains("\"id\": \"OK-0\""), "{so_far}");
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["offers"].as_array().unwrap().len(), total);
}

/// `--format toml` edits the text the deal was loaded from: here a deal
/// whose file does not exist, so a second read could only fail.
#[test]
fn the_toml_offer_edits_what_was_loaded() {
    let catalog = common::catalog();
    let text = "# kept: the loaded text\n[deal]\nid = \"T-1\"\ndeadline = 2027-03-01\nfeatures = [\"core\", \"fax\"] # asked\n";
    let source = Source::new(PathBuf::from("/nowhere/deal.toml"), text.to_string());
    let deal = dealcheck::load::parse_deal_source(&source, &catalog).unwrap();
    let offered = Offered {
        offer: dealcheck::offer::offer(
            &catalog,
            &deal,
            &options(),
            dealcheck::check::Capacity::of(&catalog),
        ),
        deal,
        source,
    };
    let head = RunHeader {
        as_of: common::as_of(),
        catalog: None,
        deals: 1,
    };
    let mut renderer = OfferFormat::Toml.renderer(OfferRenderOptions {
        variant: Some(VariantChoice::Complete),
        ..Default::default()
    });
    let mut out = Vec::new();
    renderer.begin(&head, &mut out).unwrap();
    renderer.item(&offered, &mut out).unwrap();
    renderer.finish(&(), &mut out).unwrap();
    let written = String::from_utf8(out).unwrap();
    assert!(written.contains("# kept: the loaded text"), "{written}");
    assert!(written.contains("features = [\"core\"]"), "{written}");
    // Two deals, or none that could be judged, are refused before a byte.
    let mut renderer = OfferFormat::Toml.renderer(OfferRenderOptions {
        variant: Some(VariantChoice::Complete),
        ..Default::default()
    });
    let two = RunHeader { deals: 2, ..head };
    let e = renderer.begin(&two, &mut Vec::new()).unwrap_err();
    let refused = Refused::of(&e).expect("a refusal");
    assert!(refused.0.as_deref().unwrap().contains("2 deals were found"));
}

/// Every choice of the library: its names parse back, anything else is
/// refused with the list of valid names, and the help is one line.
fn assert_choice<C: Choice + std::fmt::Debug>() {
    for c in C::ALL.iter().copied() {
        assert_eq!(C::parse(c.as_str()), Ok(c));
        assert!(!c.help().is_empty() && !c.help().ends_with('.'), "{c:?}");
        assert!(!c.help().contains('\n'), "{c:?}");
    }
    let e = C::parse("no-such-name").unwrap_err();
    assert_eq!(e.valid, C::names());
    assert_eq!(
        e.to_string(),
        format!("\"no-such-name\" is not one of: {}", C::names().join(", "))
    );
}

#[test]
fn every_choice_parses_its_names_and_lists_them_when_refusing() {
    assert_choice::<Format>();
    assert_choice::<FailOn>();
    assert_choice::<LintFormat>();
    assert_choice::<OfferFormat>();
    assert_choice::<VariantChoice>();
    assert_choice::<SchemaKind>();
    assert_eq!(FailOn::AtRisk.as_str(), "at-risk");
    assert_eq!(VariantChoice::OnDate.as_str(), "on-date");
}

/// The binary's arguments come from the library's choices: `--help`
/// lists their help, a wrong name is refused with their names.
#[test]
fn the_command_line_offers_the_librarys_choices() {
    fn refused<C: Choice>(args: &[&str]) {
        let out = run_binary(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        let listed = format!("[possible values: {}]", C::names().join(", "));
        assert!(err.contains(&listed), "{args:?}: {err}");
    }
    refused::<Format>(&["check", "--format", "xml"]);
    refused::<FailOn>(&["check", "--fail-on", "at_risk"]);
    refused::<OfferFormat>(&["offer", "--format", "xml"]);
    refused::<VariantChoice>(&["offer", "--variant", "on_date"]);
    refused::<LintFormat>(&["catalog", "lint", "--format", "xml"]);
    refused::<SchemaKind>(&["schema", "nope"]);
    let help = String::from_utf8(run_binary(&["check", "--help"]).stdout).unwrap();
    for f in Format::ALL {
        assert!(help.contains(f.help()), "{help}");
    }
}

/// Standard input is read like any file: at most 64 MiB, so an endless
/// stream is refused instead of filling memory.
#[test]
fn standard_input_has_the_cap_of_every_file() {
    let endless = std::io::repeat(b'#');
    let e = SourceFile::read_stream(Path::new("<stdin>"), endless).unwrap_err();
    let said = e.render(false);
    assert!(
        said.contains("too big") && said.contains("64 MiB"),
        "{said}"
    );
    let exact = std::io::repeat(b'#').take(1024);
    assert_eq!(
        SourceFile::read_stream(Path::new("<stdin>"), exact)
            .unwrap()
            .text
            .len(),
        1024
    );
}

#[test]
fn oversized_standard_input_is_refused_with_exit_2() {
    let dir = common::repo(&[]);
    let mut input = vec![b'#'; MAX_FILE_BYTES as usize + 1];
    input[0] = b'\n';
    dealcheck()
        .current_dir(dir.path())
        .args(["check", "-", "--as-of", AS_OF])
        .write_stdin(input)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "the input is too big (67108865 bytes or more): the limit is 64 MiB",
        ))
        .stderr(predicates::str::contains("<stdin>"));
}

/// An empty `DEALCHECK_CATALOG` means "discover", as no variable does.
#[test]
fn an_empty_catalog_variable_means_discover() {
    let dir = common::repo(&[("ok.toml", FEASIBLE)]);
    dealcheck()
        .current_dir(dir.path())
        .env("DEALCHECK_CATALOG", "")
        .args(["check", "ok.toml", "--as-of", AS_OF, "--trials", "0"])
        .assert()
        .code(0);
    assert!(CATALOG.contains("Test Cloud"));
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path, text));
        }
    }
    out
}

/// The library knows no argument parser; the binary declares no output
/// format (only its own commands and when to colour); `DEALCHECK_CATALOG`
/// is read in one place.
#[test]
fn the_library_knows_no_clap_and_the_binary_declares_no_format() {
    let src = here().join("src");
    let bin = src.join("bin");
    let mut env_reads = 0;
    for (path, text) in sources(&src) {
        env_reads += text.matches("var_os(dealcheck::load::CATALOG_ENV)").count();
        if path.starts_with(&bin) {
            for line in text.lines().map(str::trim_start) {
                if let Some(rest) = line.strip_prefix("pub enum ") {
                    let name = rest.split_whitespace().next().unwrap();
                    assert!(
                        ["Command", "CatalogCommand", "ColorChoice"].contains(&name),
                        "{} declares enum {name}: formats belong in the library",
                        path.display()
                    );
                }
            }
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap();
            assert!(
                !code.contains("clap"),
                "{}:{}: the library uses clap",
                path.display(),
                n + 1
            );
        }
    }
    assert_eq!(env_reads, 1, "DEALCHECK_CATALOG is read in one function");
}
