//! `dealcheck man`: the manual pages, one for `dealcheck` and one for each
//! subcommand (`dealcheck-check(1)`, `dealcheck-catalog-lint(1)`, ...), from
//! the same command-line declaration as parsing and completions.
//!
//! Each page has clap's sections (NAME, DESCRIPTION, OPTIONS, and the
//! subcommands with the pages that describe them), a SYNOPSIS with value
//! names, then EXIT STATUS, EXAMPLES, FILES (how the catalog is found),
//! ENVIRONMENT (`DEALCHECK_CATALOG`, `NO_COLOR`) and SEE ALSO. Every page a page refers to is one that
//! `dealcheck man --dir DIR` writes. The date is fixed, so a page does not
//! change from one build to the next.

use crate::cli::Cli;
use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use dealcheck::exit::Exit;
use dealcheck::text::escape_control;
use std::io::Write;
use std::path::Path;

/// The date on every page: the release date of this version.
pub const DATE: &str = "2026-11-29";

/// The section of every page.
const SECTION: &str = "1";

/// Prints the page of `dealcheck` or of one subcommand (`check`,
/// `catalog lint`, `catalog-lint`, `dealcheck-check`), or writes every
/// page into `dir`.
pub fn run(words: &[String], dir: Option<&Path>) -> Result<Exit> {
    let pages = pages();
    if let Some(dir) = dir {
        create_folder(dir)?;
        for (name, text) in &pages {
            let path = dir.join(format!("{name}.{SECTION}"));
            dealcheck::output::write_atomically(&path, |w| w.write_all(text.as_bytes()))
                .with_context(|| format!("cannot write {}", shown(&path)))?;
            eprintln!("wrote {}", escape_control(&path.display().to_string()));
        }
        return Ok(Exit::Pass);
    }
    let wanted = page_name(words);
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, text)) => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(Exit::Pass)
        }
        None => {
            let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
            eprintln!(
                "error: no manual page for \"{}\"; the pages are: {}",
                escape_control(&words.join(" ")),
                names.join(", ")
            );
            Ok(Exit::Input)
        }
    }
}

fn shown(path: &Path) -> String {
    escape_control(&path.display().to_string())
}

/// Creates `dir` and the folders above it; an error names the path, and a
/// file in the way is said to be one (the system says only "File exists").
/// Shared with `init`.
pub fn create_folder(dir: &Path) -> Result<()> {
    let mut above = Some(dir);
    while let Some(p) = above {
        if p.symlink_metadata().is_ok() && !p.is_dir() {
            anyhow::bail!(
                "{} is a file, not a folder: give a folder to write into",
                shown(p)
            );
        }
        above = p.parent();
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the folder {}", shown(dir)))
}

/// `[]` → `dealcheck`; `["catalog", "lint"]`, `["catalog-lint"]` and
/// `["dealcheck-catalog-lint"]` → `dealcheck-catalog-lint`.
fn page_name(words: &[String]) -> String {
    let joined = words.join("-");
    let rest = joined.strip_prefix("dealcheck").unwrap_or(&joined);
    let rest = rest.trim_start_matches('-');
    if rest.is_empty() {
        "dealcheck".to_string()
    } else {
        format!("dealcheck-{rest}")
    }
}

/// Every page, `dealcheck` first, then its subcommands depth first: the
/// page's name (its file name without `.1`) and its roff text.
pub fn pages() -> Vec<(String, String)> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    collect(&cmd, None, &mut out);
    out
}

fn display_name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string()
}

fn collect(cmd: &clap::Command, parent: Option<&str>, out: &mut Vec<(String, String)>) {
    let name = display_name(cmd);
    out.push((name.clone(), page(cmd, parent)));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, Some(&name), out);
    }
}

/// One page: clap's sections, then ours, then lint-clean roff.
fn page(cmd: &clap::Command, parent: Option<&str>) -> String {
    let name = display_name(cmd);
    let man = Man::new(cmd.clone())
        .title(name.to_uppercase())
        .section(SECTION)
        .date(DATE)
        .source(format!("dealcheck {}", env!("CARGO_PKG_VERSION")))
        .manual("dealcheck manual");
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let mut part = |render: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut buf = Vec::new();
        render(&mut buf).expect("rendering into memory");
        parts.push(buf);
    };
    part(&|w| man.render_title(w));
    part(&|w| man.render_name_section(w));
    let mut synopsis = Roff::new();
    sections::synopsis(&mut synopsis, cmd, &name);
    part(&|w| synopsis.to_writer(w));
    part(&|w| man.render_description_section(w));
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        part(&|w| man.render_options_section(w));
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        part(&|w| man.render_subcommands_section(w));
    }
    let mut ours = Roff::new();
    exit_status(&mut ours, &name);
    sections::render_examples(&mut ours, &name);
    files(&mut ours);
    environment(&mut ours);
    see_also(&mut ours, cmd, parent);
    part(&|w| ours.to_writer(w));
    // Every part starts with the same preamble; keep the first one only.
    let preamble = Roff::new().render();
    let mut text = String::new();
    for (i, bytes) in parts.into_iter().enumerate() {
        let chunk = String::from_utf8(bytes).expect("roff is UTF-8");
        match chunk.strip_prefix(&preamble) {
            Some(rest) if i > 0 => text.push_str(rest),
            _ => text.push_str(&chunk),
        }
    }
    tidy(&text)
}

/// `.TP` items: a bold term, then its description.
fn items(roff: &mut Roff, heading: &str, entries: &[(&str, &str)]) {
    roff.control("SH", [heading]);
    for (term, what) in entries {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*what)]);
    }
}

fn exit_status(roff: &mut Roff, name: &str) {
    items(roff, "EXIT STATUS", &sections::exit_status(name));
}

fn files(roff: &mut Roff) {
    items(
        roff,
        "FILES",
        &[
            (
                "catalog.toml",
                "What operations can deliver. Unless --catalog or DEALCHECK_CATALOG names a catalog, check uses the nearest catalog.toml in each deal's folder or a folder above it, and catalog lint the nearest one from the current folder up.",
            ),
            (
                "*.toml",
                "Deals. A folder given to check means every *.toml file below it, except files named catalog.toml and the catalog in use, honouring .gitignore and skipping hidden files.",
            ),
        ],
    );
}

fn environment(roff: &mut Roff) {
    items(
        roff,
        "ENVIRONMENT",
        &[
            (
                dealcheck::load::CATALOG_ENV,
                "The catalog to use when --catalog is not given (check, offer, catalog lint, schema deal).",
            ),
            (
                "NO_COLOR",
                "When set and not empty, no colour in --color auto mode.",
            ),
        ],
    );
}

/// The top page, the parent page and the pages of the subcommands: every
/// one of them is a page of [`pages`].
fn see_also(roff: &mut Roff, cmd: &clap::Command, parent: Option<&str>) {
    let mut refs: Vec<String> = Vec::new();
    if let Some(p) = parent {
        if p != "dealcheck" {
            refs.push("dealcheck".to_string());
        }
        refs.push(p.to_string());
    }
    refs.extend(
        cmd.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(display_name),
    );
    if refs.is_empty() {
        return;
    }
    let list: Vec<String> = refs.iter().map(|r| format!("{r}({SECTION})")).collect();
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(list.join(", "))]);
}

/// No trailing whitespace, text lines wrapped at 80 bytes where they can be
/// (outside no-fill blocks), and clap's `.br`, blank line, `.br` (a blank
/// line between breaks, which mandoc skips with a warning) as one `.sp`:
/// what `mandoc -T lint` asks.
///
/// The help texts mark commands and names with Markdown backticks, which roff
/// would print as grave accents: they are dropped.
fn tidy(text: &str) -> String {
    let text = text.replace("\n.br\n\n.br\n", "\n.sp\n").replace('`', "");
    let mut out = String::with_capacity(text.len());
    let mut fill = true;
    for line in text.lines() {
        let line = line.trim_end();
        match line {
            ".nf" | ".EX" => fill = false,
            ".fi" | ".EE" => fill = true,
            _ => {}
        }
        let is_text = !line.starts_with('.') && !line.starts_with('\'');
        if fill && is_text && line.len() > 80 {
            wrap(line, &mut out);
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Breaks a filled text line at spaces; a piece that would start like a
/// control line is guarded with `\&`.
fn wrap(line: &str, out: &mut String) {
    let mut current = String::new();
    for word in line.split(' ') {
        if !current.is_empty() && current.len() + 1 + word.len() > 80 {
            push_line(&current, out);
            current.clear();
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    push_line(&current, out);
}

fn push_line(piece: &str, out: &mut String) {
    if piece.starts_with('.') || piece.starts_with('\'') {
        out.push_str("\\&");
    }
    out.push_str(piece);
    out.push('\n');
}

mod sections;
#[cfg(test)]
mod tests;
