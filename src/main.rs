//! The `dealcheck` binary: parse the command line, run, map to an exit code.

use clap::Parser;

fn main() {
    let cli = dealcheck::cli::Cli::parse();
    let code = match dealcheck::run::run(cli) {
        Ok(exit) => exit as i32,
        // A reader that went away (`| head`) is not an error worth a message.
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            eprintln!("error: {e:#}");
            2
        }
    };
    std::process::exit(code);
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
