//! `dealcheck capacity`: gather like `check` (every input must load), book
//! the signed deals and the run's proposed deals forward, render each
//! team's load per period.

use crate::check::{deliver, gather_unreserved, refuse};
use crate::cli::CapacityArgs;
use anyhow::Result;
use dealcheck::capacity::render::render;
use dealcheck::capacity::{CapacityOptions, CatalogDeals, capacity};
use dealcheck::exit::Exit;
use dealcheck::model::DealStatus;
use dealcheck::text::escape_control;
use std::io::IsTerminal;

pub fn run(args: &CapacityArgs) -> Result<Exit> {
    let stderr_color = args.display.color.enabled(std::io::stderr().is_terminal());
    let (check, inputs) = match gather_unreserved(&args.run, stderr_color)? {
        Ok(gathered) => gathered,
        Err(exit) => return Ok(exit),
    };
    if let Some(exit) = unknown_teams(&args.team, &inputs) {
        return Ok(exit);
    }
    let loaded = inputs.load_all();
    let mut catalogs: Vec<CatalogDeals> = inputs
        .catalogs
        .iter()
        .map(|(path, catalog)| CatalogDeals {
            path,
            catalog,
            book: inputs.books.get(path),
            proposed: Vec::new(),
            skipped: Vec::new(),
        })
        .collect();
    let mut unjudged = false;
    for (input, l) in inputs.deals.iter().zip(loaded) {
        let Some(c) = catalogs.iter_mut().find(|c| *c.path == *input.catalog) else {
            continue;
        };
        match l {
            Ok(l) if l.status == DealStatus::Proposed => c.proposed.push(l.deal),
            Ok(l) if l.status.is_closed() => c.skipped.push(l.path.display().to_string()),
            Ok(_) => {} // signed: in the book
            Err(e) => {
                unjudged = true;
                eprint!("{}", e.render(stderr_color));
            }
        }
    }
    if unjudged {
        return Ok(Exit::Input);
    }
    let options = CapacityOptions {
        check,
        by: args.by,
        until: args.until,
        teams: args.team.clone(),
    };
    let report = capacity(catalogs, &options);
    let width =
        crate::offer::width(dealcheck::output::file_target(args.run.output.as_deref()).is_none());
    let delivered = deliver(&args.run, &args.display, "the capacity report", |out, _| {
        render(&report, args.format, width, out)
    })?;
    Ok(match delivered {
        Ok(()) => Exit::Pass,
        Err(refused) => refuse(refused),
    })
}

/// A `--team` no catalog of the run has: said with the nearest id.
fn unknown_teams(teams: &[String], inputs: &dealcheck::run::Inputs) -> Option<Exit> {
    let known: Vec<&str> = inputs
        .catalogs
        .values()
        .flat_map(|c| c.teams.iter().map(|t| t.id.as_str()))
        .collect();
    let mut bad = false;
    for team in teams.iter().filter(|t| !known.contains(&t.as_str())) {
        bad = true;
        let hint = dealcheck::suggest::nearest(team, known.iter().copied())
            .map(|n| format!(" (did you mean \"{n}\"?)"))
            .unwrap_or_default();
        eprintln!(
            "error: --team {}: no such team{hint}; the teams are: {}",
            escape_control(team),
            known.join(", ")
        );
    }
    bad.then_some(Exit::Input)
}
