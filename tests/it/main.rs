//! Every integration test in one binary, so an edit of the library relinks
//! one test executable instead of eighteen (docs/architecture.md). Each
//! module is one area of the product, as its first line says.

mod availability_gaps;
mod book;
mod capacity_html;
mod cli;
mod common;
mod examples;
mod feature_gaps;
mod forecast;
mod formats;
mod hostile;
mod hostile_props;
mod html;
mod input_schema;
mod limit_gaps;
mod lint_findings;
mod newcomer;
mod offer;
mod offer_output;
mod offer_portfolio;
mod offer_props;
mod offer_rules;
mod offer_windows;
mod problems;
mod rendering;
mod schedule_gaps;
mod shipping;
mod small;
mod team_limits;
mod today;
mod words;
