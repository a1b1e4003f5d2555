//! `dealcheck init`: a starter catalog and deal that check cleanly, so a new
//! proposal repo starts from something that works.

use crate::run::Exit;
use std::path::Path;

/// The starter catalog.
pub const CATALOG: &str = include_str!("catalog.toml");
/// The starter deal.
pub const DEAL: &str = include_str!("deal.toml");

/// Writes `catalog.toml` and `deals/example.toml` under `dir`, refusing to
/// overwrite existing files unless `force`.
pub fn init(dir: &Path, force: bool) -> anyhow::Result<Exit> {
    let files = [
        (dir.join("catalog.toml"), CATALOG),
        (dir.join("deals").join("example.toml"), DEAL),
    ];
    if !force && let Some((existing, _)) = files.iter().find(|(p, _)| p.exists()) {
        eprintln!(
            "error: {} already exists; nothing was written (use --force to overwrite)",
            existing.display()
        );
        return Ok(Exit::Input);
    }
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        crate::output::write_atomically(path, |w| w.write_all(text.as_bytes()))?;
        eprintln!("wrote {}", path.display());
    }
    eprintln!("next: dealcheck check {}", dir.join("deals").display());
    Ok(Exit::Pass)
}
