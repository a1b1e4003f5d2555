//! dealcheck: tells a salesperson, before they quote, whether operations can
//! deliver a deal.
//!
//! Data flows one way: [`source`] reads files and locates problems →
//! [`load`] parses and validates → [`model`] holds the
//! validated catalog and deal → [`check`] finds gaps → [`report`] renders.
//! Calendar, schedule and availability math live in pure modules of their own
//! ([`calendar`], [`schedule`], [`montecarlo`], [`window`], [`sla`]).

pub mod calendar;
pub mod check;
pub mod cli;
pub mod discover;
pub mod gap;
pub mod graph;
pub mod lint;
pub mod load;
pub mod model;
pub mod montecarlo;
pub mod output;
pub mod report;
pub mod run;
pub mod schedule;
pub mod sla;
pub mod source;
pub mod starter;
pub mod suggest;
pub mod text;
pub mod window;
