//! `dealcheck forecast`: gather the deals and their catalogs (every problem
//! at once, exit 2), forecast the pipeline, write it, and exit 1 with
//! `--max-risk` when some team's P(overtime) in some period is above it.

use crate::check::{deliver_to, named_catalog, refuse, today};
use crate::cli::ForecastArgs;
use anyhow::Result;
use dealcheck::exit::Exit;
use dealcheck::forecast::render::ForecastFormat;
use dealcheck::forecast::{ForecastOptions, forecast as run_forecast, pipelines};
use dealcheck::run::Inputs;
use dealcheck::text::escape_control;
use std::io::IsTerminal;
use std::path::PathBuf;

pub fn forecast(args: &ForecastArgs) -> Result<Exit> {
    let color = args.display.color.enabled(std::io::stderr().is_terminal());
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let named = named_catalog(args.catalog.as_deref());
    let target = dealcheck::output::file_target(args.output.as_deref());
    let inputs = Inputs::discover(&paths, named.as_deref(), None).and_then(|mut inputs| {
        if let Some(out) = target {
            dealcheck::output::refuse_inputs(out, inputs.paths())?;
        }
        inputs.load_catalogs();
        inputs.strict()
    });
    let inputs = match inputs {
        Ok(inputs) => inputs,
        Err(e) => {
            eprint!("{}", e.render(color));
            return Ok(Exit::Input);
        }
    };
    let (pipelines, warnings) = match pipelines(&inputs) {
        Ok(found) => found,
        Err(e) => {
            eprint!("{}", e.render(color));
            return Ok(Exit::Input);
        }
    };
    for errors in &warnings {
        eprint!("warning: left out of the book:\n{}", errors.render(color));
    }
    let options = ForecastOptions {
        as_of: args.as_of.unwrap_or_else(today),
        by: args.by,
        seed: args.seed,
        trials: args.trials,
    };
    let forecast = run_forecast(&pipelines, &options);
    if forecast.deals.is_empty() && args.format != ForecastFormat::Human {
        let shown: Vec<String> = paths
            .iter()
            .map(|p| escape_control(&p.display().to_string()))
            .collect();
        eprintln!(
            "note: no proposed deal under {}: the forecast is the signed book",
            shown.join(", ")
        );
    }
    let write = |out: &mut dyn std::io::Write, _color: bool| forecast.render(args.format, out);
    if let Err(refused) = deliver_to(args.output.as_deref(), &args.display, "the forecast", write)?
    {
        return Ok(refuse(refused));
    }
    let risk = dealcheck::figures::probability(forecast.worst_risk());
    Ok(match args.max_risk {
        Some(max) if risk > max => Exit::Fail,
        _ => Exit::Pass,
    })
}
