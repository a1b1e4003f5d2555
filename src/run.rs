//! Running a command line: gather inputs, check, render, choose the exit code.

use crate::check::portfolio::{PortfolioSummary, check_portfolio};
use crate::check::{CheckOptions, check_deal};
use crate::cli::{CatalogCommand, CheckArgs, Cli, Command, FailOn, Format};
use crate::gap::GapCode;
use crate::load::{self, InputErrors};
use crate::model::Catalog;
use crate::model::Deal;
use crate::report::{self, CatalogRef, DealReport, FileError, Report, Verdict};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The exit codes, a tested policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Every deal passes `--fail-on`.
    Pass = 0,
    /// Some deal fails `--fail-on` (or lint found warnings).
    Fail = 1,
    /// Something could not be judged: bad input or a bad call.
    Input = 2,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Exit> {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Catalog(CatalogCommand::Lint { catalog, display }) => crate::lint::run(
            catalog.as_deref(),
            display.color.enabled(std::io::stdout().is_terminal()),
        ),
        Command::Init { dir, force } => crate::starter::init(&dir, force),
        Command::Schema => {
            let schema = schemars::schema_for!(Report);
            emit(format!("{}\n", serde_json::to_string_pretty(&schema)?).as_bytes())
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "dealcheck", &mut buf);
            emit(&buf)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut buf)?;
            emit(&buf)
        }
    }
}

fn check(args: &CheckArgs) -> Result<Exit> {
    let stderr_color = args.display.color.enabled(std::io::stderr().is_terminal());
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let options = CheckOptions {
        as_of,
        trials: args.trials,
        seed: args.seed,
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let env = std::env::var_os(load::CATALOG_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let inputs = match gather(&paths, args.catalog.as_deref().or(env.as_deref())) {
        Ok(inputs) => inputs,
        Err(e) => {
            eprint!("{}", e.render(stderr_color));
            return Ok(Exit::Input);
        }
    };
    if let Some(out) = crate::output::file_target(args.output.as_deref())
        && let Err(e) = crate::output::refuse_inputs(
            out,
            inputs.iter().flat_map(|(d, c)| [d.as_path(), c.as_path()]),
        )
    {
        eprint!("{}", e.render(stderr_color));
        return Ok(Exit::Input);
    }
    let catalogs = match load_catalogs(&inputs) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", e.render(stderr_color));
            return Ok(Exit::Input);
        }
    };
    if args.format == Format::Jsonl && !args.portfolio {
        return stream_lines(&inputs, &catalogs, &options, args, stderr_color);
    }
    let results = if args.portfolio {
        portfolio(&inputs, &catalogs, &options)
    } else {
        check_all(&inputs, &catalogs, &options)
    };
    let (deals, errors) = split(results.reports, stderr_color);
    for e in &errors {
        eprint!("{}", e.rendered);
    }
    let first_catalog = inputs.first().map(|(_, c)| &catalogs[c]);
    let mut report = Report::new(as_of, first_catalog.map(catalog_ref), deals, errors);
    report.portfolio = results.portfolio;
    write_report(&report, args)?;
    Ok(exit_code(&report, args.fail_on))
}

/// Reports (or input problems) in input order, and portfolio summaries.
struct Checked {
    reports: Vec<Result<DealReport, InputErrors>>,
    portfolio: Vec<PortfolioSummary>,
}

type Catalogs = BTreeMap<PathBuf, Catalog>;

fn check_all(
    inputs: &[(PathBuf, PathBuf)],
    catalogs: &Catalogs,
    options: &CheckOptions,
) -> Checked {
    let reports = inputs
        .par_iter()
        .map(|(deal, catalog)| {
            let catalog = &catalogs[catalog];
            load::load_deal(deal, catalog).map(|d| check_deal(catalog, &d, options))
        })
        .collect();
    Checked {
        reports,
        portfolio: Vec::new(),
    }
}

/// Loads every deal, then checks each catalog's deals as one portfolio.
fn portfolio(
    inputs: &[(PathBuf, PathBuf)],
    catalogs: &Catalogs,
    options: &CheckOptions,
) -> Checked {
    let loaded: Vec<Result<Deal, InputErrors>> = inputs
        .par_iter()
        .map(|(deal, catalog)| load::load_deal(deal, &catalogs[catalog]))
        .collect();
    let mut reports: Vec<Option<Result<DealReport, InputErrors>>> = vec![None; inputs.len()];
    let mut summaries = Vec::new();
    for (path, catalog) in catalogs {
        let mine: Vec<usize> = (0..inputs.len())
            .filter(|&i| &inputs[i].1 == path && loaded[i].is_ok())
            .collect();
        let deals: Vec<Deal> = mine
            .iter()
            .filter_map(|&i| loaded[i].as_ref().ok().cloned())
            .collect();
        let (checked, summary) = check_portfolio(catalog, &deals, options);
        for (i, r) in mine.into_iter().zip(checked) {
            reports[i] = Some(Ok(r));
        }
        summaries.push(summary);
    }
    for (i, l) in loaded.into_iter().enumerate() {
        if let Err(e) = l {
            reports[i] = Some(Err(e));
        }
    }
    Checked {
        reports: reports.into_iter().flatten().collect(),
        portfolio: summaries,
    }
}

/// `--format jsonl`: checks in parallel chunks and writes each deal's line as
/// soon as its chunk is done, so memory stays flat however many deals there are.
fn stream_lines(
    inputs: &[(PathBuf, PathBuf)],
    catalogs: &Catalogs,
    options: &CheckOptions,
    args: &CheckArgs,
    color: bool,
) -> Result<Exit> {
    let mut worst: Option<Verdict> = None;
    let mut failed_files = 0usize;
    let mut write = |out: &mut dyn Write| -> std::io::Result<()> {
        for chunk in inputs.chunks(STREAM_CHUNK) {
            let lines: Vec<(Result<Verdict, String>, Vec<u8>)> =
                check_all(chunk, catalogs, options)
                    .reports
                    .into_par_iter()
                    .map(|result| jsonl_line(result, color))
                    .collect();
            for (outcome, line) in lines {
                match outcome {
                    Ok(verdict) => worst = worst.max(Some(verdict)),
                    Err(rendered) => {
                        failed_files += 1;
                        eprint!("{rendered}");
                    }
                }
                out.write_all(&line)?;
            }
        }
        Ok(())
    };
    match crate::output::file_target(args.output.as_deref()) {
        Some(path) => crate::output::write_atomically(path, &mut write)
            .with_context(|| format!("cannot write the report to {}", path.display()))?,
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(exit_for(failed_files > 0, worst, args.fail_on))
}

/// One result as its JSON line, with the verdict or the rendered problems.
fn jsonl_line(
    result: Result<DealReport, InputErrors>,
    color: bool,
) -> (Result<Verdict, String>, Vec<u8>) {
    let mut line = Vec::new();
    let outcome = match result {
        Ok(deal) => {
            let _ = report::json::deal_line(&deal, &mut line);
            Ok(deal.verdict)
        }
        Err(e) => {
            let error = file_error(e, color);
            let _ = report::json::error_line(&error, &mut line);
            Err(error.rendered)
        }
    };
    (outcome, line)
}

/// Deals checked at once when streaming: enough to keep every core busy.
const STREAM_CHUNK: usize = 256;

/// Writes generated text to standard output.
fn emit(bytes: &[u8]) -> Result<Exit> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(Exit::Pass)
}

/// Each deal file with the catalog it is checked against.
fn gather(
    paths: &[PathBuf],
    catalog: Option<&Path>,
) -> Result<Vec<(PathBuf, PathBuf)>, InputErrors> {
    let mut errors = InputErrors::default();
    let mut out = Vec::new();
    for path in paths {
        let found = crate::discover::deal_files(path, catalog);
        match found {
            Ok(files) => {
                for f in files {
                    match load::discover_catalog(catalog, &f) {
                        Ok(c) => out.push((f, c)),
                        Err(e) => errors.extend(e),
                    }
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    errors.into_result(out)
}

/// Loads every catalog the deals need, once each.
fn load_catalogs(inputs: &[(PathBuf, PathBuf)]) -> Result<BTreeMap<PathBuf, Catalog>, InputErrors> {
    let mut catalogs = BTreeMap::new();
    let mut errors = InputErrors::default();
    for (_, path) in inputs {
        if catalogs.contains_key(path) {
            continue;
        }
        match load::load_catalog(path) {
            Ok(c) => {
                catalogs.insert(path.clone(), c);
            }
            Err(e) => errors.extend(e),
        }
    }
    errors.into_result(catalogs)
}

fn file_error(e: InputErrors, color: bool) -> FileError {
    FileError {
        path: e
            .problems
            .first()
            .map(|p| p.path.display().to_string())
            .unwrap_or_default(),
        problems: e.problems.iter().map(|p| p.headline()).collect(),
        rendered: e.render(color),
    }
}

fn split(
    results: Vec<Result<DealReport, InputErrors>>,
    color: bool,
) -> (Vec<DealReport>, Vec<FileError>) {
    let mut deals = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(d) => deals.push(d),
            Err(e) => errors.push(file_error(e, color)),
        }
    }
    (deals, errors)
}

fn catalog_ref(c: &Catalog) -> CatalogRef {
    CatalogRef {
        path: c.path.display().to_string(),
        name: c.name.clone(),
    }
}

/// 2 if a file could not be judged, else 1 if a deal fails `--fail-on`, else 0.
pub fn exit_code(report: &Report, fail_on: FailOn) -> Exit {
    let worst = report.deals.iter().map(|d| d.verdict).max();
    exit_for(!report.errors.is_empty(), worst, fail_on)
}

fn exit_for(unjudged: bool, worst: Option<Verdict>, fail_on: FailOn) -> Exit {
    let threshold = match fail_on {
        FailOn::Infeasible => Verdict::Infeasible,
        FailOn::AtRisk => Verdict::AtRisk,
        FailOn::Never => Verdict::Infeasible,
    };
    if unjudged {
        Exit::Input
    } else if fail_on != FailOn::Never && worst.is_some_and(|w| w >= threshold) {
        Exit::Fail
    } else {
        Exit::Pass
    }
}

/// Renders to standard output, or atomically to `--output`.
fn write_report(report: &Report, args: &CheckArgs) -> Result<()> {
    match crate::output::file_target(args.output.as_deref()) {
        None => {
            let stdout = std::io::stdout();
            let color = args.display.color.enabled(stdout.is_terminal());
            let mut lock = stdout.lock();
            render(report, args.format, color, &mut lock)?;
            lock.flush()?;
        }
        Some(path) => {
            let color = args.display.color == crate::cli::ColorChoice::Always;
            crate::output::write_atomically(path, |w| render(report, args.format, color, w))
                .with_context(|| format!("cannot write the report to {}", path.display()))?;
        }
    }
    Ok(())
}

fn render(
    report: &Report,
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => report::human::render(report, color, out),
        Format::Json => report::json::render(report, out),
        Format::Jsonl => report::json::render_lines(report, out),
        Format::Markdown => report::markdown::render(report, out),
        Format::Github => report::github::render(report, out),
        Format::Sarif => report::sarif::render(report, out),
        Format::Junit => report::junit::render(report, out),
    }
}

fn explain(code: Option<&str>) -> Result<Exit> {
    let mut out = std::io::stdout().lock();
    let Some(code) = code else {
        for c in GapCode::ALL {
            writeln!(
                out,
                "{}  {:<28} {:<8} {}",
                c.code(),
                c.name(),
                c.severity().as_str(),
                c.explanation().what
            )?;
        }
        return Ok(Exit::Pass);
    };
    let Some(c) = GapCode::lookup(code) else {
        let mut msg = format!(
            "error: no gap code or name \"{}\"",
            crate::text::escape_control(code)
        );
        if let Some(n) = GapCode::nearest(code) {
            msg.push_str(&format!("; did you mean `{n}`?"));
        }
        eprintln!("{msg}\nRun `dealcheck explain` to list every code.");
        return Ok(Exit::Input);
    };
    let e = c.explanation();
    writeln!(
        out,
        "{} {} ({}, {})\n",
        c.code(),
        c.name(),
        c.severity().as_str(),
        c.area().as_str()
    )?;
    writeln!(out, "What it means\n  {}\n", e.what)?;
    writeln!(out, "Why it matters\n  {}\n", e.why)?;
    writeln!(out, "How to fix it\n  {}", e.fix)?;
    Ok(Exit::Pass)
}
