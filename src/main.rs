//! The `dealcheck` binary: parse the command line, run, map to an exit code.

use clap::Parser;

fn main() {
    let cli = dealcheck::cli::Cli::parse();
    let code = match dealcheck::run::run(cli) {
        Ok(exit) => exit as i32,
        Err(e) => {
            eprintln!("error: {e:#}");
            2
        }
    };
    std::process::exit(code);
}
