//! `dealcheck offer`: gather like `check`, make one offer per deal, render
//! them (human, json, or one variant as a deal file), exit 0 when every
//! deal got an offer and 2 when some input could not be judged.

use crate::cli::{ColorChoice, OfferArgs};
use crate::pipe;
use anyhow::{Context, Result};
use dealcheck::exit::Exit;
use dealcheck::offer::render::{OfferFormat, VariantChoice};
use dealcheck::offer::{Offer, OfferReport, render};
use dealcheck::report::{FileError, SCHEMA_VERSION, Tool};
use dealcheck::run::Loaded;
use dealcheck::run::map_each;
use std::io::{IsTerminal, Write};

pub fn offer(args: &OfferArgs) -> Result<Exit> {
    let stderr_color = args.display.color.enabled(std::io::stderr().is_terminal());
    let (options, inputs) = match crate::check::gather(&args.run, stderr_color)? {
        Ok(gathered) => gathered,
        Err(exit) => return Ok(exit),
    };
    if args.format == OfferFormat::Toml && inputs.deals.len() != 1 {
        eprintln!(
            "error: --format toml writes one deal file, but {} deals were found: name exactly one deal file",
            inputs.deals.len()
        );
        return Ok(Exit::Input);
    }
    let mut offers: Vec<(Offer, Loaded)> = Vec::new();
    let mut errors: Vec<FileError> = Vec::new();
    map_each(
        &inputs,
        &options,
        args.run.portfolio,
        |catalog, deal, booked| {
            (
                dealcheck::offer::offer(catalog, deal, &options, booked),
                deal.clone(),
            )
        },
        |result| -> Result<(), std::convert::Infallible> {
            match result {
                Ok(pair) => offers.push(pair),
                Err(e) => {
                    eprint!("{}", e.render(stderr_color));
                    errors.push(FileError::new(&e));
                }
            }
            Ok(())
        },
    )
    .ok();
    let exit = if errors.is_empty() {
        Exit::Pass
    } else {
        Exit::Input
    };
    let text = match args.format {
        OfferFormat::Toml => {
            let Some((offer, deal)) = offers.first() else {
                return Ok(exit);
            };
            let variant = match args.variant {
                VariantChoice::OnDate => offer.on_date.as_ref(),
                VariantChoice::Complete => Some(&offer.complete),
            };
            let Some(variant) = variant else {
                eprintln!(
                    "error: {} has no on-date variant (its deadline is before work can start): use --variant complete",
                    dealcheck::text::escape_control(&offer.path)
                );
                return Ok(Exit::Input);
            };
            let original = deal.source.text();
            let name = match args.variant {
                VariantChoice::OnDate => "on-date",
                VariantChoice::Complete => "complete",
            };
            dealcheck::offer::toml::rewrite(original, deal, &variant.edits, name, options.as_of)
                .with_context(|| format!("cannot edit {}", deal.path.display()))?
        }
        OfferFormat::Json => {
            let report = OfferReport {
                schema_version: SCHEMA_VERSION,
                tool: Tool::default(),
                as_of: options.as_of,
                catalog: inputs.first_catalog(),
                offers: offers.into_iter().map(|(o, _)| o).collect(),
                errors,
            };
            let mut buf = Vec::new();
            render::json(&report, &mut buf)?;
            String::from_utf8(buf)?
        }
        OfferFormat::Human => {
            let mut buf = Vec::new();
            for (i, (offer, _)) in offers.iter().enumerate() {
                if i > 0 {
                    writeln!(buf)?;
                }
                render::human(offer, &mut buf)?;
            }
            String::from_utf8(buf)?
        }
    };
    match dealcheck::output::file_target(args.run.output.as_deref()) {
        Some(path) => dealcheck::output::write_atomically(path, |w| w.write_all(text.as_bytes()))
            .with_context(|| format!("cannot write the offer to {}", path.display()))?,
        None if args.display.quiet => {}
        None => {
            let _ = args.display.color == ColorChoice::Always;
            let mut out = pipe::Stdout::new(std::io::BufWriter::with_capacity(
                dealcheck::output::BUFFER,
                std::io::stdout().lock(),
            ));
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(exit)
}
