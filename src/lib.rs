//! dealcheck: tells a salesperson, before they quote, whether operations can
//! deliver a deal.
//!
//! Data flows one way: [`load`] reads and locates → [`model`] holds the
//! validated catalog and deal → [`check`] finds gaps → [`report`] renders.
//! Calendar, schedule and availability math live in pure modules of their own.

pub mod calendar;
pub mod montecarlo;
pub mod schedule;
pub mod sla;
pub mod window;
