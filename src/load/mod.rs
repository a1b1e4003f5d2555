//! Reading input files: TOML with spans, validated into the model, every
//! problem located to `path:line:column` with the offending line.

mod catalog;
mod deal;
pub mod raw;
pub mod shape;
mod values;

pub use crate::source::{InputErrors, Location, Problem, Source, SourceFile};
pub use catalog::{
    DEFAULT_BUSINESS_HOURS, DEFAULT_CONFIDENCE, load_catalog, parse_catalog, parse_catalog_source,
};
pub use deal::{load_deal, parse_deal, parse_deal_source};
pub use values::parse_duration_minutes;

use std::path::{Path, PathBuf};

/// The file name looked for when no catalog is named.
pub const CATALOG_FILE: &str = "catalog.toml";
/// The environment variable naming a catalog.
pub const CATALOG_ENV: &str = "DEALCHECK_CATALOG";

/// Finds the catalog for a deal (or a folder): the one named (`--catalog`,
/// else `DEALCHECK_CATALOG`, resolved by the caller), else the nearest
/// `catalog.toml` walking up from the deal's folder.
pub fn discover_catalog(named: Option<&Path>, deal: &Path) -> Result<PathBuf, InputErrors> {
    if let Some(p) = named {
        return Ok(p.to_path_buf());
    }
    let start = if deal.is_dir() {
        deal.to_path_buf()
    } else {
        // A bare file name (`example.toml`, or `-` for standard input) is in
        // the current folder.
        match deal.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    let absolute = std::path::absolute(&start).unwrap_or(start);
    let mut dir = Some(absolute.as_path());
    while let Some(d) = dir {
        let candidate = d.join(CATALOG_FILE);
        // Whatever it is (a FIFO, a dangling link): loading says what is wrong
        // rather than a catalog further up being used in silence.
        if candidate.symlink_metadata().is_ok() {
            return Ok(relative_to_cwd(candidate));
        }
        dir = d.parent();
    }
    Err(InputErrors::single(Problem::file(
        deal,
        format!(
            "no catalog found: pass --catalog PATH, set {CATALOG_ENV}, or put a {CATALOG_FILE} in this folder or one above it"
        ),
    )))
}

/// Shows discovered paths relative to the working directory when possible.
fn relative_to_cwd(p: PathBuf) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or(p)
}
