//! `dealcheck offer`: gather like `check`, make one offer per deal and
//! render it as it is made (human, json, or one variant as a deal file),
//! exit 0 when every deal got an offer and 2 when some input could not be
//! judged (or the format refused the run).

use crate::check::{deliver, gather, refuse};
use crate::cli::OfferArgs;
use anyhow::Result;
use dealcheck::exit::Exit;
use dealcheck::offer::render::Offered;
use dealcheck::report::{FileError, RunHeader};
use dealcheck::run::map_each;
use std::io::IsTerminal;
use std::sync::Arc;

pub fn offer(args: &OfferArgs) -> Result<Exit> {
    let stderr_color = args.display.color.enabled(std::io::stderr().is_terminal());
    let (options, inputs) = match gather(&args.run, stderr_color)? {
        Ok(gathered) => gathered,
        Err(exit) => return Ok(exit),
    };
    let header = RunHeader {
        as_of: options.as_of,
        catalog: inputs.first_catalog(),
        deals: inputs.deals.len(),
    };
    let mut unjudged = 0;
    let delivered = deliver(&args.run, &args.display, "the offer", |out, _| {
        let mut renderer = args.format.renderer(args.variant);
        renderer.begin(&header, out)?;
        map_each(
            &inputs,
            &options,
            args.run.portfolio,
            |catalog, deal, booked| Offered {
                offer: dealcheck::offer::offer(catalog, deal, &options, booked),
                deal: deal.deal.clone(),
                source: Arc::clone(&deal.source),
            },
            |result| match result {
                Ok(offered) => renderer.item(&offered, out),
                Err(e) => {
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
    } else {
        Exit::Pass
    })
}
