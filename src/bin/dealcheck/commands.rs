//! Every command but `check`: explain, catalog lint, init, schema,
//! completions, man.

use crate::check::named_catalog;
use crate::cli::{CatalogCommand, Cli, Command};
use anyhow::{Context, Result};
use dealcheck::exit::Exit;
use dealcheck::gap::GapCode;
use dealcheck::report::lint::{LintFormat, LintReport};
use dealcheck::schema::SchemaKind;
use dealcheck::text::escape_control;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Exit> {
    match cli.command {
        Command::Check(args) => crate::check::check(&args),
        Command::Offer(args) => crate::offer::offer(&args),
        Command::Capacity(args) => crate::capacity::run(&args),
        Command::Forecast(args) => crate::forecast::forecast(&args),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Catalog(CatalogCommand::Lint {
            catalog,
            catalog_flag,
            format,
            display,
        }) => lint_catalog(
            catalog.or(catalog_flag).as_deref(),
            format,
            display.quiet,
            display.color.enabled(std::io::stderr().is_terminal()),
        ),
        Command::Init { dir, force, as_of } => {
            init(&dir, force, as_of.unwrap_or_else(crate::check::today))
        }
        Command::Schema { kind, catalog } => schema(kind, catalog.as_deref()),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "dealcheck", &mut buf);
            emit(&buf)
        }
        Command::Man { subcommand, dir } => crate::man::run(&subcommand, dir.as_deref()),
    }
}

/// `schema`: the report's schema, or an input file's.
fn schema(kind: SchemaKind, catalog: Option<&Path>) -> Result<Exit> {
    let named = match kind {
        SchemaKind::Deal => named_catalog(catalog),
        _ => None,
    };
    let catalog = match named.map(|path| dealcheck::load::load_catalog(&path)) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => {
            eprint!("{}", e.render(std::io::stderr().is_terminal()));
            return Ok(Exit::Input);
        }
    };
    let value = dealcheck::schema::of(kind, catalog.as_ref());
    emit(format!("{}\n", serde_json::to_string_pretty(&value)?).as_bytes())
}

/// Writes generated text to standard output.
fn emit(bytes: &[u8]) -> Result<Exit> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(Exit::Pass)
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
        let mut msg = format!("error: no gap code or name \"{}\"", escape_control(code));
        if let Some(help) = GapCode::did_you_mean(code) {
            msg.push_str(&format!("; {help}"));
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

/// `catalog lint`: 2 when the catalog is broken, 1 with findings, else 0.
fn lint_catalog(path: Option<&Path>, format: LintFormat, quiet: bool, color: bool) -> Result<Exit> {
    let found = match named_catalog(path) {
        Some(p) => Ok(p),
        None => dealcheck::load::discover_catalog(None, Path::new(".")),
    };
    let catalog = match found.and_then(|p| dealcheck::load::load_catalog(&p)) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", e.render(color));
            // Said above for people; a machine format reports it too, so a
            // CI step finds its file and the broken line its annotation.
            if format != LintFormat::Human && !quiet {
                let path = e.problems.first().map(|p| p.path.display().to_string());
                let report = LintReport::unjudged(&path.unwrap_or_default(), &e);
                let mut out = crate::pipe::Stdout::new(std::io::stdout().lock());
                report.render(format, &mut out)?;
                out.flush()?;
            }
            return Ok(Exit::Input);
        }
    };
    let report = LintReport::new(&catalog, dealcheck::lint::lint(&catalog));
    if !quiet {
        let mut out = crate::pipe::Stdout::new(std::io::stdout().lock());
        report.render(format, &mut out)?;
        out.flush()?;
    }
    Ok(if report.findings.is_empty() {
        Exit::Pass
    } else {
        Exit::Fail
    })
}

fn shown(path: &Path) -> String {
    escape_control(&path.display().to_string())
}

/// `init`: the starter files, never over existing ones unless `force`.
fn init(dir: &Path, force: bool, today: chrono::NaiveDate) -> Result<Exit> {
    let files = dealcheck::starter::files(dir, today);
    if !force && let Some((existing, _)) = files.iter().find(|(p, _)| p.exists()) {
        eprintln!(
            "error: {} already exists; nothing was written (use --force to overwrite)",
            escape_control(&existing.display().to_string())
        );
        return Ok(Exit::Input);
    }
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            crate::man::create_folder(parent)?;
        }
        dealcheck::output::write_atomically(path, |w| w.write_all(text.as_bytes()))
            .with_context(|| format!("cannot write {}", shown(path)))?;
        eprintln!("wrote {}", escape_control(&path.display().to_string()));
    }
    eprintln!(
        "next: dealcheck check {}",
        escape_control(&dir.join("deals").display().to_string())
    );
    Ok(Exit::Pass)
}
