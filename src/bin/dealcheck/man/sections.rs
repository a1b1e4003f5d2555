//! The sections dealcheck adds to clap's: a SYNOPSIS with value names,
//! EXIT STATUS (one per command, as its DESCRIPTION says it) and EXAMPLES.

use clap::ArgAction;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

/// `dealcheck check [--catalog PATH] [--as-of DATE] ... [DEAL|DIR]...`:
/// clap_mangen's synopsis leaves out what an option takes.
pub fn synopsis(roff: &mut Roff, cmd: &clap::Command, name: &str) {
    roff.control("SH", ["SYNOPSIS"]);
    let mut line: Vec<Inline> = vec![bold(name.replace('-', " "))];
    // Options first, then the operands, as synopses are written.
    let (operands, options): (Vec<&clap::Arg>, Vec<&clap::Arg>) = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .partition(|a| a.is_positional());
    for arg in options.into_iter().chain(operands) {
        line.push(roman(" "));
        let optional = !arg.is_required_set();
        if optional {
            line.push(roman("["));
        }
        if arg.is_positional() {
            line.push(italic(value_name(arg)));
        } else {
            if let Some(short) = arg.get_short() {
                line.push(bold(format!("-{short}")));
                if arg.get_long().is_some() {
                    line.push(roman("|"));
                }
            }
            if let Some(long) = arg.get_long() {
                line.push(bold(format!("--{long}")));
            }
            if takes_value(arg) {
                line.push(roman(" "));
                line.push(italic(value_name(arg)));
            }
        }
        if optional {
            line.push(roman("]"));
        }
        let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        if arg.is_positional() && many {
            line.push(roman("..."));
        }
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        line.push(roman(" "));
        line.push(italic("COMMAND"));
        line.push(roman(" ..."));
    }
    roff.text(line);
}

fn takes_value(arg: &clap::Arg) -> bool {
    !matches!(
        arg.get_action(),
        ArgAction::SetTrue
            | ArgAction::SetFalse
            | ArgAction::Count
            | ArgAction::Help
            | ArgAction::HelpShort
            | ArgAction::HelpLong
            | ArgAction::Version
    )
}

fn value_name(arg: &clap::Arg) -> String {
    match arg.get_value_names() {
        Some(names) if !names.is_empty() => names
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        _ => arg.get_id().as_str().to_uppercase(),
    }
}

const BAD_INPUT: &str = "Something could not be judged: an unreadable or invalid file, an unknown key, a wrong type, an out-of-range value, a broken or missing catalog, or a bad command line. The deals that could be judged are still reported.";

/// Exit codes of the page's command, the same as its DESCRIPTION gives.
pub fn exit_status(name: &str) -> Vec<(&'static str, &'static str)> {
    match name {
        "dealcheck" => vec![
            (
                "0",
                "Success. check: every deal passes --fail-on; offer: every deal got an offer; capacity: the load was shown; forecast: written (and within --max-risk); catalog lint: the catalog is clean; explain, init, schema, completions and man: done.",
            ),
            (
                "1",
                "check: some deal fails --fail-on; offer --quiet: some offer changes a deal; forecast --max-risk: some team's P(overtime) in some period is above it; catalog lint: the catalog loads but has warnings. No other command exits 1.",
            ),
            (
                "2",
                "Something could not be judged or done: an invalid or unreadable file, a broken or missing catalog, a bad command line, or output that could not be written. check and offer still report the deals that could be judged.",
            ),
        ],
        "dealcheck-check" => vec![
            ("0", "Every deal passes --fail-on."),
            (
                "1",
                "Some deal fails --fail-on (by default: some deal is infeasible).",
            ),
            ("2", BAD_INPUT),
        ],
        "dealcheck-offer" => vec![
            (
                "0",
                "Every deal got an offer. With --quiet: every offer is its deal unchanged (it can be signed as asked).",
            ),
            (
                "1",
                "Only with --quiet: some offer changes a deal (it cannot be signed as asked).",
            ),
            (
                "2",
                "Something could not be judged (bad input, as for check), --variant with --format json, or --format toml for other than exactly one deal or for an on-date variant that does not exist.",
            ),
        ],
        "dealcheck-capacity" => vec![
            ("0", "The load was shown."),
            (
                "2",
                "Something could not be judged (bad input, as for check) or a --team no catalog has.",
            ),
        ],
        "dealcheck-forecast" => vec![
            (
                "0",
                "The forecast was written (with --max-risk: no team's P(overtime) in any period is above it). A folder without a proposed deal is not an error: the forecast is the signed book.",
            ),
            (
                "1",
                "Only with --max-risk: P(overtime) of some team in some period is above it.",
            ),
            ("2", BAD_INPUT),
        ],
        "dealcheck-catalog" | "dealcheck-catalog-lint" => vec![
            ("0", "The catalog is clean."),
            ("1", "The catalog loads but has warnings (C001 to C006)."),
            (
                "2",
                "The catalog is broken (every problem is listed) or cannot be found.",
            ),
        ],
        "dealcheck-explain" => vec![
            (
                "0",
                "The code or name was found (or all codes were listed).",
            ),
            ("2", "No gap has that code or name."),
        ],
        "dealcheck-init" => vec![
            ("0", "The starter files were written."),
            (
                "2",
                "A file already exists (and --force was not given), or a file could not be written (the message names it).",
            ),
        ],
        "dealcheck-schema" => vec![
            ("0", "The schema was printed."),
            (
                "2",
                "A bad command line, or the catalog given for schema deal cannot be loaded.",
            ),
        ],
        "dealcheck-man" => vec![
            ("0", "The page was printed, or every page was written."),
            (
                "2",
                "No page has that name, or a page could not be written (the message names it).",
            ),
        ],
        _ => vec![
            ("0", "The output was written."),
            (
                "2",
                "A bad command line, or the output could not be written.",
            ),
        ],
    }
}

/// What the page's command is typically run as: (what it does, the line).
pub fn examples(name: &str) -> Vec<(&'static str, &'static str)> {
    match name {
        "dealcheck" => vec![
            (
                "Check every deal under deals/ against the nearest catalog.toml:",
                "dealcheck check deals",
            ),
            (
                "What operations can sign instead of a deal:",
                "dealcheck offer deals/acme.toml",
            ),
            (
                "Look for mistakes in the catalog:",
                "dealcheck catalog lint",
            ),
            ("What a gap code means:", "dealcheck explain S001"),
            ("Start a proposal repository:", "dealcheck init proposals"),
        ],
        "dealcheck-check" => vec![
            (
                "Check a folder of deals as of a fixed day, failing on at-risk deals too:",
                "dealcheck check deals --as-of 2026-11-27 --fail-on at-risk",
            ),
            (
                "Write a SARIF report for code scanning:",
                "dealcheck check deals -f sarif -o dealcheck.sarif",
            ),
            (
                "A page with a timeline per deal, to open in a browser:",
                "dealcheck check deals -f html -o dealcheck.html",
            ),
            (
                "Check the staged copy of a deal, named by its path:",
                "git show :d/a.toml | dealcheck check - --stdin-filename d/a.toml",
            ),
        ],
        "dealcheck-offer" => vec![
            (
                "The two variants side by side:",
                "dealcheck offer deals/acme.toml",
            ),
            (
                "The complete variant as a deal file:",
                "dealcheck offer deals/a.toml -f toml --variant complete > b.toml",
            ),
            (
                "The offers as a page, both variants side by side:",
                "dealcheck offer deals -f html -o offers.html",
            ),
        ],
        "dealcheck-capacity" => vec![
            (
                "Each team's load per week, the book and the proposed deals:",
                "dealcheck capacity deals",
            ),
            (
                "Per month, for a spreadsheet:",
                "dealcheck capacity deals --by month -f csv -o load.csv",
            ),
            (
                "The charts, as one self-contained page:",
                "dealcheck capacity deals -f html -o capacity.html",
            ),
        ],
        "dealcheck-forecast" => vec![
            (
                "What the pipeline will cost each team, month by month:",
                "dealcheck forecast deals",
            ),
            (
                "Fail CI when some team's P(overtime) in some week passes 20%:",
                "dealcheck forecast deals --by week --max-risk 0.2 -q",
            ),
            (
                "One row per team and month, for a spreadsheet:",
                "dealcheck forecast deals -f csv -o forecast.csv",
            ),
        ],
        "dealcheck-explain" => vec![
            ("Every code:", "dealcheck explain"),
            ("One code, by code or name:", "dealcheck explain over-limit"),
        ],
        "dealcheck-catalog" | "dealcheck-catalog-lint" => vec![
            ("Lint the nearest catalog.toml:", "dealcheck catalog lint"),
            (
                "Lint a named catalog with GitHub annotations:",
                "dealcheck catalog lint --catalog ops/catalog.toml -f github",
            ),
        ],
        "dealcheck-init" => vec![(
            "Write the starter files and check them:",
            "dealcheck init proposals && dealcheck check proposals/deals",
        )],
        "dealcheck-schema" => vec![
            (
                "The schema of the JSON report:",
                "dealcheck schema > report.schema.json",
            ),
            (
                "A deal schema that knows the catalog's ids, for an editor:",
                "dealcheck schema deal --catalog catalog.toml > deal.schema.json",
            ),
        ],
        "dealcheck-completions" => vec![(
            "Completions for bash:",
            "dealcheck completions bash > /etc/bash_completion.d/dealcheck",
        )],
        "dealcheck-man" => vec![
            ("Read the page of check:", "dealcheck man check | man -l -"),
            (
                "Install every page:",
                "dealcheck man --dir ~/.local/share/man/man1",
            ),
        ],
        _ => Vec::new(),
    }
}

/// EXAMPLES: each line in a no-fill block under what it does.
pub fn render_examples(roff: &mut Roff, name: &str) {
    let examples = examples(name);
    if examples.is_empty() {
        return;
    }
    roff.control("SH", ["EXAMPLES"]);
    for (i, (what, line)) in examples.into_iter().enumerate() {
        if i > 0 {
            roff.control("PP", []);
        }
        roff.text([roman(what)]);
        roff.control("RS", ["4"]);
        roff.control("nf", []);
        roff.text([bold(line)]);
        roff.control("fi", []);
        roff.control("RE", []);
    }
}
