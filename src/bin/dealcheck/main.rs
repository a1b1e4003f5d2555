//! The `dealcheck` binary: parse the command line, run a command, print, and
//! exit with the code the library's policy gives. Everything that decides
//! lives in the library; everything that prints lives here.

mod capacity;
mod check;
mod cli;
mod commands;
mod forecast;
mod man;
mod offer;
mod pipe;

/// mimalloc instead of the system allocator: a check allocates hundreds of
/// small strings and vectors per deal on every core, and mimalloc's
/// per-thread heaps take a fifth off the run on a proposal repo
/// (docs/performance.md has the measurements, peak memory included).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let code = match commands::run(cli) {
        Ok(exit) => exit as i32,
        Err(e) if pipe::is_broken_pipe(&e) => 0,
        Err(e) => {
            eprintln!(
                "error: {}",
                dealcheck::text::escape_control(&format!("{e:#}"))
            );
            2
        }
    };
    std::process::exit(code);
}
