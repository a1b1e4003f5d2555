//! `dealcheck init`: a starter catalog and deal that check cleanly, so a new
//! proposal repo starts from something that works.

use std::path::{Path, PathBuf};

/// The starter catalog.
pub const CATALOG: &str = include_str!("catalog.toml");
/// The starter deal.
pub const DEAL: &str = include_str!("deal.toml");

/// The files `init` writes under `dir`, with their text.
pub fn files(dir: &Path) -> [(PathBuf, &'static str); 2] {
    [
        (dir.join("catalog.toml"), CATALOG),
        (dir.join("deals").join("example.toml"), DEAL),
    ]
}
