//! `dealcheck offer`: gather like `check`, make one offer per deal and
//! render it as it is made (human, json, or one variant as a deal file),
//! exit 0 when every deal got an offer and 2 when some input could not be
//! judged (or the format refused the run). With `--quiet` the exit code
//! says whether every deal can be signed as asked (0) or not (1).

use crate::check::{deliver, gather, refuse};
use crate::cli::OfferArgs;
use anyhow::Result;
use dealcheck::exit::Exit;
use dealcheck::offer::render::{OfferFormat, OfferRenderOptions, Offered};
use dealcheck::report::FileError;
use dealcheck::run::{Each, map_each};
use std::io::IsTerminal;
use std::sync::Arc;

pub fn offer(args: &OfferArgs) -> Result<Exit> {
    let stderr_color = args.display.color.enabled(std::io::stderr().is_terminal());
    if args.variant.is_some() && args.format == OfferFormat::Json {
        eprintln!(
            "error: --variant chooses what --format human shows or --format toml writes; the JSON offer always holds both variants"
        );
        return Ok(Exit::Input);
    }
    let (options, inputs) = match gather(&args.run, stderr_color)? {
        Ok(gathered) => gathered,
        Err(exit) => return Ok(exit),
    };
    let header = inputs.header(options.as_of);
    let width = width(dealcheck::output::file_target(args.run.output.as_deref()).is_none());
    let mut unjudged = 0;
    let mut changed = 0;
    let delivered = deliver(&args.run, &args.display, "the offer", |out, color| {
        let mut renderer = args.format.renderer(OfferRenderOptions {
            variant: args.variant,
            color,
            width,
        });
        renderer.begin(&header, out)?;
        map_each(
            &inputs,
            |catalog, deal, capacity| Offered {
                offer: dealcheck::offer::offer(catalog, deal, &options, capacity),
                deal: deal.deal.clone(),
                source: Arc::clone(&deal.source),
            },
            |result| match result {
                Each::Judged(offered) => {
                    changed += usize::from(!offered.signable_as_asked());
                    renderer.item(&offered, out)
                }
                // Delivered or lost: history, nothing to offer.
                Each::Skipped(_) => Ok(()),
                Each::Unjudged(e) => {
                    unjudged += 1;
                    eprint!("{}", e.render(stderr_color));
                    renderer.unjudged(&FileError::new(&e), out)
                }
            },
        )?;
        renderer.finish(&(), out)
    })?;
    if let Err(refused) = delivered {
        return Ok(refuse(refused));
    }
    Ok(if unjudged > 0 {
        Exit::Input
    } else if args.display.quiet && changed > 0 {
        Exit::Fail
    } else {
        Exit::Pass
    })
}

/// The columns the human offer fits in: the terminal's when standard
/// output is one, else `COLUMNS` (a positive number), else no limit.
pub fn width(to_stdout: bool) -> Option<usize> {
    let stdout = std::io::stdout();
    let terminal = (to_stdout && stdout.is_terminal())
        .then(|| terminal_size::terminal_size_of(&stdout))
        .flatten()
        .map(|(w, _)| usize::from(w.0));
    terminal.or_else(|| {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0)
    })
}
