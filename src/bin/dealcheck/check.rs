//! `dealcheck check`: gather, check in path order, render as deals come,
//! print unjudged files' problems to standard error, choose the exit code.

use crate::cli::{CheckArgs, ColorChoice, DisplayArgs, RunArgs};
use crate::pipe;
use anyhow::Result;
use dealcheck::check::CheckOptions;
use dealcheck::exit::{Exit, exit_for};
use dealcheck::load::{InputErrors, Source, SourceFile};
use dealcheck::report::{CheckRun, FileError, Refused, RenderOptions, Renderer, RunEnd, Tally};
use dealcheck::run::{BookMode, Inputs, Outcome, STDIN, STDIN_ARG, check_each};
use dealcheck::text::escape_control;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn check(args: &CheckArgs) -> Result<Exit> {
    let stderr_color = args.display.color.enabled(std::io::stderr().is_terminal());
    let (options, inputs) = match gather_what_can_be(&args.run, stderr_color)? {
        Ok(gathered) => gathered,
        Err(exit) => return Ok(exit),
    };
    let header = inputs.header(options.as_of);
    let mut tally = Tally::default();
    let write = |out: &mut dyn Write, color: bool| -> std::io::Result<()> {
        let mut renderer = args.format.renderer(RenderOptions {
            color,
            fail_on: args.fail_on,
        });
        renderer.begin(&header, out)?;
        // Said on standard error when gathered; reported by the format too.
        for errors in &inputs.unjudged {
            tally.unjudged();
            renderer.unjudged(&FileError::new(errors), out)?;
        }
        let prepare = |deal: &dealcheck::report::DealReport| args.format.prepare(deal);
        let books = check_each(&inputs, &options, &prepare, |outcome| {
            emit(outcome, &mut *renderer, &mut tally, stderr_color, out)
        })?;
        tally.summary.skipped = books.book.iter().map(|b| b.skipped.len()).sum();
        let end = RunEnd {
            summary: tally.summary.clone(),
            book: books.book,
            portfolio: books.portfolio,
        };
        renderer.finish(&end, out)
    };
    if let Err(refused) = deliver(&args.run, &args.display, "the report", write)? {
        return Ok(refuse(refused));
    }
    Ok(exit_for(
        tally.summary.errors > 0,
        tally.worst,
        args.fail_on,
    ))
}

/// Writes a run's output where the arguments say: atomically to the file
/// `--output` names, nowhere with `--quiet` (the run still happens, for the
/// exit code), else to standard output (a closed pipe silencing it). `write`
/// gets the writer and whether to colour. A format's refusal to render the
/// run is handed back (nothing of it was written).
pub fn deliver(
    run: &RunArgs,
    display: &DisplayArgs,
    what: &str,
    write: impl FnMut(&mut dyn Write, bool) -> std::io::Result<()>,
) -> Result<Result<(), Refused>> {
    deliver_to(run.output.as_deref(), display, what, write)
}

/// [`deliver`] for a command with `--output` but not the rest of
/// [`RunArgs`].
pub fn deliver_to(
    output: Option<&Path>,
    display: &DisplayArgs,
    what: &str,
    mut write: impl FnMut(&mut dyn Write, bool) -> std::io::Result<()>,
) -> Result<Result<(), Refused>> {
    let target = dealcheck::output::file_target(output);
    let written = match target {
        Some(path) => {
            let color = display.color == ColorChoice::Always;
            dealcheck::output::write_atomically(path, |w| write(w, color))
        }
        None if display.quiet => write(&mut std::io::sink(), false),
        None => {
            let stdout = std::io::stdout();
            let color = display.color.enabled(stdout.is_terminal());
            let mut out = pipe::Stdout::new(std::io::BufWriter::with_capacity(
                dealcheck::output::BUFFER,
                stdout.lock(),
            ));
            write(&mut out, color).and_then(|()| out.flush())
        }
    };
    let Err(e) = written else {
        return Ok(Ok(()));
    };
    if let Some(refused) = Refused::of(&e) {
        return Ok(Err(refused.clone()));
    }
    Err(match target {
        Some(path) => {
            anyhow::Error::new(e).context(format!("cannot write {what} to {}", path.display()))
        }
        None => e.into(),
    })
}

/// Says why a format refused the run (unless that was said already): exit 2.
pub fn refuse(refused: Refused) -> Exit {
    if let Some(message) = refused.0 {
        eprintln!("error: {message}");
    }
    Exit::Input
}

/// Counts the outcome, prints an unjudged file's problems, renders it.
fn emit(
    outcome: Outcome,
    renderer: &mut dyn Renderer<CheckRun>,
    tally: &mut Tally,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match outcome {
        Outcome::Judged(deal) => {
            tally.deal(deal.verdict);
            renderer.item(&deal, out)
        }
        Outcome::Rendered(verdict, bytes) => {
            tally.deal(verdict);
            let written = renderer.prepared(&bytes, out);
            dealcheck::report::recycle(bytes);
            written
        }
        Outcome::Unjudged(errors) => {
            tally.unjudged();
            eprint!("{}", errors.render(color));
            renderer.unjudged(&FileError::new(&errors), out)
        }
    }
}

/// The options and the inputs of an `offer` run, or the exit code when any
/// input cannot be judged (its problems printed).
pub fn gather(run: &RunArgs, stderr_color: bool) -> Result<Result<(CheckOptions, Inputs), Exit>> {
    gather_inputs(run, stderr_color, true, false)
}

/// As [`gather`], the book planned but not reserved: `capacity` books every
/// deal itself.
pub fn gather_unreserved(
    run: &RunArgs,
    stderr_color: bool,
) -> Result<Result<(CheckOptions, Inputs), Exit>> {
    gather_inputs(run, stderr_color, true, true)
}

/// The options and the inputs of a `check` run: what cannot be judged
/// (printed here) is in `Inputs::unjudged`, for the format to report beside
/// the deals that can. The exit code only when the run cannot start (the
/// output would overwrite an input, standard input cannot be read).
fn gather_what_can_be(
    run: &RunArgs,
    stderr_color: bool,
) -> Result<Result<(CheckOptions, Inputs), Exit>> {
    gather_inputs(run, stderr_color, false, false)
}

fn gather_inputs(
    run: &RunArgs,
    stderr_color: bool,
    strict: bool,
    unreserved: bool,
) -> Result<Result<(CheckOptions, Inputs), Exit>> {
    let options = CheckOptions {
        as_of: run.as_of.unwrap_or_else(today),
        trials: run.trials,
        seed: run.seed,
    };
    let paths = if run.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        run.paths.clone()
    };
    let named = named_catalog(run.catalog.as_deref());
    let target = dealcheck::output::file_target(run.output.as_deref());
    let inputs = read_stdin_if_named(&paths, run.stdin_filename.as_deref())
        .and_then(|stdin| Inputs::discover(&paths, named.as_deref(), stdin))
        .and_then(|mut inputs| {
            if let Some(out) = target {
                dealcheck::output::refuse_inputs(out, inputs.paths())?;
            }
            inputs.load_catalogs();
            let mut inputs = if strict { inputs.strict()? } else { inputs };
            let mode = BookMode {
                alone: run.alone,
                portfolio: run.portfolio,
                unreserved,
            };
            inputs.read_books(&options, mode);
            Ok(inputs)
        });
    Ok(match inputs {
        Ok(inputs) => {
            for errors in &inputs.unjudged {
                eprint!("{}", errors.render(stderr_color));
            }
            for book in inputs.books.values() {
                for errors in &book.unreadable {
                    eprint!(
                        "warning: left out of the book of {}:\n{}",
                        escape_control(&book.catalog.display().to_string()),
                        errors.render(stderr_color)
                    );
                }
            }
            Ok((options, inputs))
        }
        Err(e) => {
            eprint!("{}", e.render(stderr_color));
            Err(Exit::Input)
        }
    })
}

/// The deal of `check -`, read once, before anything is checked, through
/// the reader of every input file (its size cap, UTF-8 located).
/// `--stdin-filename` names it (the pre-commit hook gives the staged path).
fn read_stdin_if_named(
    paths: &[PathBuf],
    name: Option<&Path>,
) -> Result<Option<Arc<Source>>, InputErrors> {
    if !paths.iter().any(|p| p == Path::new(STDIN_ARG)) {
        return Ok(None);
    }
    let name = name.unwrap_or(Path::new(STDIN));
    let file = SourceFile::read_stream(name, std::io::stdin().lock())?;
    Ok(Some(file.into_source()))
}

/// "Today" when `--as-of` is not given.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The catalog named by `--catalog`, else by `DEALCHECK_CATALOG` (read here
/// and nowhere else); `None` means "discover it".
/// A catalog the variable names that does not exist is reported like any
/// missing file, by every format; a note on standard error says where the
/// path came from, as nothing on the command line shows it.
pub fn named_catalog(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = flag {
        return Some(path.to_path_buf());
    }
    let env = dealcheck::load::CATALOG_ENV;
    let value = std::env::var_os(dealcheck::load::CATALOG_ENV);
    let path = PathBuf::from(value.filter(|v| !v.is_empty())?);
    if path.symlink_metadata().is_err() {
        eprintln!(
            "note: the catalog {} is named by {env}, and there is no such file; fix or unset {env} to find the nearest catalog.toml",
            escape_control(&path.display().to_string())
        );
    }
    Some(path)
}
