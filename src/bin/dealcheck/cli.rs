//! The command line, declared once for parsing, completions and the man page.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use dealcheck::capacity::By;
use dealcheck::capacity::render::CapacityFormat;
use dealcheck::choice::Choice;
use dealcheck::exit::FailOn;
use dealcheck::forecast::render::ForecastFormat;
use dealcheck::offer::render::{OfferFormat, VariantChoice};
use dealcheck::report::Format;
use dealcheck::report::lint::LintFormat;
use dealcheck::schema::SchemaKind;
use std::path::PathBuf;

/// Tells you, before you quote, whether operations can deliver a deal.
///
/// Operations describes what it can deliver in a catalog (features, teams,
/// availability tiers, limits); each proposed deal is a small TOML file.
/// `dealcheck check` says whether a deal is feasible, at risk or infeasible,
/// spells out every gap, and what could be promised instead.
#[derive(Debug, Parser)]
#[command(name = "dealcheck", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check deals against the catalog and give each a verdict.
    ///
    /// Exit codes: 0 every deal passes --fail-on, 1 some deal fails it,
    /// 2 something could not be judged (bad input).
    Check(CheckArgs),
    /// What operations can sign instead: a counter-offer per deal.
    #[command(long_about = OFFER_ABOUT)]
    Offer(OfferArgs),
    /// Each team's load per week or month: the book of signed deals and the
    /// run's proposed deals (all assumed won), worked forward in deadline order.
    ///
    /// Exit codes: 0 shown, 2 input that cannot be judged.
    Capacity(CapacityArgs),
    /// What the pipeline will cost operations, team by team, month by month.
    #[command(long_about = FORECAST_ABOUT)]
    Forecast(ForecastArgs),
    /// Explain a gap code or name: what it means, why it matters, how to fix it.
    Explain {
        /// A code like F001 or a name like unknown-feature; omit to list all.
        code: Option<String>,
    },
    /// Work with the catalog.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Write a starter catalog.toml and deals/example.toml that check cleanly.
    ///
    /// The starter's dates follow "today": the deal starts about two months
    /// ahead and the holidays are the coming ones, so it checks cleanly
    /// whenever it is written.
    Init {
        /// Folder to write into.
        #[arg(default_value = ".", value_name = "DIR")]
        dir: PathBuf,
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
        /// "Today" (YYYY-MM-DD), which the starter's dates follow [default: the
        /// current date]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Print a JSON Schema: of the JSON report (default), or of a deal or
    /// catalog file for editors (`#:schema` in taplo / Even Better TOML).
    Schema {
        /// Which schema.
        #[arg(value_parser = choice::<SchemaKind>(), default_value_t = SchemaKind::Report)]
        kind: SchemaKind,
        /// With `deal`: the catalog whose feature ids, team ids and limits
        /// become choices [default: $DEALCHECK_CATALOG]
        #[arg(long, value_name = "PATH")]
        catalog: Option<PathBuf>,
    },
    /// Print shell completions.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): `dealcheck man > dealcheck.1`, or one
    /// subcommand's (`dealcheck man catalog lint`); --dir writes them all.
    Man {
        /// The subcommand whose page to print, e.g. `check` or `catalog lint`.
        #[arg(value_name = "SUBCOMMAND")]
        subcommand: Vec<String>,
        /// Write every page (dealcheck.1, dealcheck-check.1, ...) into DIR.
        #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Check a catalog for broken references, cycles and likely mistakes.
    ///
    /// Exit codes: 0 clean, 1 warnings only, 2 the catalog is broken.
    Lint {
        /// The catalog file [default: $DEALCHECK_CATALOG, else the nearest
        /// catalog.toml walking up from the current folder]
        #[arg(value_name = "CATALOG")]
        catalog: Option<PathBuf>,
        /// The catalog file, as check and offer take it (the same as the
        /// CATALOG argument)
        #[arg(long = "catalog", value_name = "PATH", conflicts_with = "catalog")]
        catalog_flag: Option<PathBuf>,
        /// Output format: human, json, github, sarif or markdown.
        #[arg(long, short, value_parser = choice::<LintFormat>(), default_value_t = LintFormat::Human)]
        format: LintFormat,
        #[command(flatten)]
        display: DisplayArgs,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub run: RunArgs,

    /// Output format.
    #[arg(long, short, value_parser = choice::<Format>(), default_value_t = Format::Human)]
    pub format: Format,

    /// The verdict from which a deal makes the run fail (exit 1).
    #[arg(long, value_parser = choice::<FailOn>(), default_value_t = FailOn::Infeasible, value_name = "VERDICT")]
    pub fail_on: FailOn,

    #[command(flatten)]
    pub display: DisplayArgs,
}

/// What `check` and `offer` share: the deals, the catalog, "today", the
/// Monte Carlo, the portfolio and where the report goes.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Deal files, or folders of deal files; - reads one deal from standard
    /// input [default: .]
    #[arg(value_name = "DEAL|DIR")]
    pub paths: Vec<PathBuf>,

    /// The catalog [default: $DEALCHECK_CATALOG, else the nearest catalog.toml
    /// walking up from each deal's folder]
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<PathBuf>,

    /// "Today" (YYYY-MM-DD), so runs are reproducible [default: the current date]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,

    /// The path a deal read from standard input (-) is named by in every
    /// location and format, and from whose folder its catalog is found
    /// [default: <stdin>, its catalog found from the current folder]
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// At most this many Monte Carlo trials for three-point estimates (fewer
    /// once the answer is known to the precision reported); 0 for the
    /// deterministic schedule only.
    #[arg(long, default_value_t = dealcheck::check::DEFAULT_TRIALS, value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub trials: u32,

    /// Seed of the Monte Carlo simulation (fixed by default so CI is reproducible).
    #[arg(long, default_value_t = dealcheck::check::DEFAULT_SEED)]
    pub seed: u64,

    /// Also book the run's proposed deals together, forward in deadline
    /// order on top of the signed deals, each judged with the ones due
    /// before it; says which one first breaks capacity.
    #[arg(long, conflicts_with = "alone")]
    pub portfolio: bool,

    /// Check against the bare catalog, as if no deal were signed (by
    /// default signed deals under the catalog's folder hold their capacity).
    #[arg(long)]
    pub alone: bool,

    /// Write the report to FILE (atomically) instead of standard output; -
    /// is standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

const OFFER_ABOUT: &str =
    "What operations can sign instead: for each deal, the same deal changed as \
little as possible so that `dealcheck check` finds no error in it.

Two variants:
  on-date    keeps the deadline; what cannot be done by then moves to a phase 2,
             with the date it can follow.
  complete   keeps every feature and custom item that can be delivered at all,
             and moves the deadline to the earliest date that meets the catalog's
             confidence (the Monte Carlo quantile with three-point estimates, and
             the roadmap's eta for planned features without work).

Both drop what can never be delivered (unknown, unplanned or retired features,
the later of two conflicting features, custom work for unknown teams), lower the
availability to what the best fitting tier, its track record and the components
can stand behind (rounded down to 0.01%), slow the support response to the
tier's, and clamp requirements to the catalog's limits. Better tiers that need
features the deal lacks are listed as alternatives.

The cost of yes: what signing the deal as asked would cost operations: overtime
hours and open person-days per team at the deadline, and what no amount of
overtime buys (dropped items, an availability above every tier or above the
components, requirements above the limits).

Formats: human (the variants side by side), json (an `offers` document; schema:
`dealcheck schema offer`), toml (the --variant as a deal file for exactly one
deal, the original's comments and layout kept).

The human output fits the terminal (COLUMNS when not writing to one): the
variants side by side when that fits, else one under the other.

Exit codes: 0 every deal got an offer, 2 something could not be judged (bad
input, --variant with --format json, or --format toml with other than one
deal). With --quiet nothing is printed and the exit code answers \"can
operations sign every deal as asked?\": 0 yes (every offer is the deal
unchanged), 1 some offer changes a deal, 2 as above.";

#[derive(Debug, Args)]
pub struct OfferArgs {
    #[command(flatten)]
    pub run: RunArgs,

    /// Output format.
    #[arg(long, short, value_parser = choice::<OfferFormat>(), default_value_t = OfferFormat::Human)]
    pub format: OfferFormat,

    /// Which variant to show: the one --format toml writes (default on-date),
    /// the only one --format human shows (default both). Refused with --format json.
    #[arg(long, value_parser = choice::<VariantChoice>())]
    pub variant: Option<VariantChoice>,

    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Args)]
pub struct CapacityArgs {
    #[command(flatten)]
    pub run: RunArgs,

    /// Output format.
    #[arg(long, short, value_parser = choice::<CapacityFormat>(), default_value_t = CapacityFormat::Human)]
    pub format: CapacityFormat,

    /// Cut time in ISO weeks or calendar months.
    #[arg(long, value_parser = choice::<By>(), default_value_t = By::Week)]
    pub by: By,

    /// The last day shown [default: the last day any deal works or is due]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<chrono::NaiveDate>,

    /// Only this team (repeat for several) [default: every team]
    #[arg(long, value_name = "ID")]
    pub team: Vec<String>,

    #[command(flatten)]
    pub display: DisplayArgs,
}

const FORECAST_ABOUT: &str = "What the pipeline will cost operations, team by team and \
period by period, before the deals close.

Each outcome wins each proposed deal with its probability (the catalog's \
default_probability where it names none), draws three-point efforts as check \
does, and books the signed deals and the won ones forward in deadline order on \
the catalog's capacity. Per team and period: available, expected load, \
P(overtime), expected and P85 overtime hours, and the person-days to add so \
that P(overtime) stays within 1 - confidence. Per proposed deal: P(on time | \
won) and P(overtime somewhere | won) against | lost, the deals that drive the \
risk first.

Exact (every win combination weighed) when every effort is fixed and there \
are at most 12 proposed deals; otherwise seeded trials, the same on any \
number of threads, until every figure is known to +-0.02 (probabilities) and \
one working day of the team (loads, overtime), or --trials.

Formats: human, json (schema: `dealcheck schema forecast`), csv.

Exit codes: 0, or 1 with --max-risk when P(overtime) of some team in some \
period is above it; 2 something could not be judged (bad input). A folder \
without a proposed deal is not an error: the forecast is the signed book.";

#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// Folders (or files) of deals [default: .]
    #[arg(value_name = "DIR")]
    pub paths: Vec<PathBuf>,

    /// The catalog [default: $DEALCHECK_CATALOG, else the nearest catalog.toml
    /// walking up from each deal's folder]
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<PathBuf>,

    /// "Today" (YYYY-MM-DD): the first period starts then [default: the
    /// current date]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,

    /// At most this many trials when the forecast is sampled (fewer once
    /// every figure is known to the precision reported).
    #[arg(long, default_value_t = dealcheck::forecast::DEFAULT_TRIALS, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub trials: u32,

    /// Seed of the trials (fixed by default so CI is reproducible).
    #[arg(long, default_value_t = dealcheck::check::DEFAULT_SEED)]
    pub seed: u64,

    /// Periods: calendar months or ISO weeks.
    #[arg(long, value_parser = choice::<By>(), default_value_t = By::Month)]
    pub by: By,

    /// Exit 1 when P(overtime) of some team in some period is above P (a
    /// fraction like 0.2, or 20%).
    #[arg(long, value_name = "P", value_parser = parse_risk)]
    pub max_risk: Option<f64>,

    /// Output format.
    #[arg(long, short, value_parser = choice::<ForecastFormat>(), default_value_t = ForecastFormat::Human)]
    pub format: ForecastFormat,

    /// Write the forecast to FILE (atomically) instead of standard output;
    /// - is standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub display: DisplayArgs,
}

/// A risk: a fraction from 0 to 1, or a percentage (`20%`).
fn parse_risk(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let value = match t.strip_suffix('%') {
        Some(pct) => pct.trim().parse::<f64>().map(|p| p / 100.0),
        None => t.parse::<f64>(),
    };
    match value {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!(
            "\"{s}\" is not a risk from 0 to 1 (like 0.2) or a percentage (like 20%)"
        )),
    }
}

#[derive(Debug, Args, Clone, Copy)]
pub struct DisplayArgs {
    /// Print nothing but errors: the exit code speaks.
    #[arg(long, short)]
    pub quiet: bool,

    /// When to use colour (NO_COLOR is honoured in auto mode).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Colour only for a terminal, and never when NO_COLOR is set.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// The value parser of every choice the library declares: its names, with
/// their help, are the possible values (listed by `--help`, completions and
/// the man page; a wrong value is refused with them and a did-you-mean).
fn choice<C: Choice>() -> impl TypedValueParser<Value = C> {
    let values = C::ALL
        .iter()
        .map(|c| PossibleValue::new(c.as_str()).help(c.help()));
    PossibleValuesParser::new(values).map(|name| C::parse(&name).expect("a listed name"))
}

/// A `YYYY-MM-DD` date; a day the month does not have is said so
/// ("February 2027 has 28 days"), not called malformed.
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        match dealcheck::calendar::missing_day(s) {
            Some(why) => format!("{s} is not a date: {why}"),
            None => format!("\"{s}\" is not a date like 2026-11-27"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_color_only_matters_in_auto_mode() {
        assert!(ColorChoice::Always.enabled(false));
        assert!(!ColorChoice::Never.enabled(true));
        assert!(!ColorChoice::Auto.enabled(false));
    }
}
