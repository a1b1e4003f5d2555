//! dealcheck: tells a salesperson, before they quote, whether operations can
//! deliver a deal.
//!
//! Data flows one way, each layer using only those before it:
//! [`source`] reads files and locates problems → [`load`] parses and
//! validates → [`model`] holds the
//! validated catalog and deal (its own types, ids as newtypes) → [`check`]
//! returns typed [`gap`]s and the schedule and availability sections →
//! [`report`] turns them into the report value and renders it through one
//! streaming [`report::Renderer`] per format; every command's output (check,
//! catalog lint, offer) is a [`report::Stream`] and its formats are
//! [`choice::Choice`]s declared here, not in the binary. [`run`] ties a check
//! run together. Calendar, scheduler, Monte Carlo, window and SLA math live in
//! pure modules of their own ([`calendar`], [`scheduler`], [`montecarlo`],
//! [`window`], [`sla`]).
//!
//! The library never prints: the `dealcheck` binary parses the command
//! line, prints what the library returns and exits with the code of
//! [`exit`]'s policy. See `docs/architecture.md`.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod book;
pub mod calendar;
pub mod capacity;
pub mod check;
pub mod choice;
pub mod discover;
pub mod exit;
pub mod figures;
pub mod forecast;
pub mod gap;
pub mod graph;
pub mod lint;
pub mod load;
pub mod model;
pub mod montecarlo;
pub mod offer;
pub mod output;
pub mod report;
pub mod run;
pub mod scheduler;
pub mod schema;
pub mod sla;
pub mod source;
pub mod starter;
pub mod suggest;
#[cfg(test)]
pub(crate) mod testing;
pub mod text;
pub mod window;
