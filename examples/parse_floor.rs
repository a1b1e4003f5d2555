//! The baseline for scale benchmarks: how long it takes just to read and
//! parse every `*.toml` under a folder, one file after another.
//!
//! ```text
//! cargo run --release --example parse_floor -- DIR
//! ```
//!
//! Nothing is validated or checked: this is the floor `dealcheck check` is
//! measured against (see bench/README.md).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Every `*.toml` below `dir`, recursively.
fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            toml_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

fn run(dir: &Path) -> Result<usize, String> {
    let mut files = Vec::new();
    toml_files(dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
    files.sort();
    for path in &files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        text.parse::<toml::Table>()
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(files.len())
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse_floor DIR");
        return ExitCode::from(2);
    };
    let t = Instant::now();
    match run(Path::new(&dir)) {
        Ok(n) => {
            println!("parsed {n} files in {:.3}s", t.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("parse_floor: {e}");
            ExitCode::FAILURE
        }
    }
}
