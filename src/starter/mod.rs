//! `dealcheck init`: a starter catalog and deal that check cleanly, with the
//! JSON Schemas their `#:schema` directives name, so a new proposal repo
//! starts from something that works and an editor completes it.

use std::path::{Path, PathBuf};

/// The starter catalog.
pub const CATALOG: &str = include_str!("catalog.toml");
/// The starter deal.
pub const DEAL: &str = include_str!("deal.toml");

/// The files `init` writes under `dir`, with their text: the catalog, the
/// deal, and the two schemas (the deal's knows the starter catalog's ids).
pub fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let source = crate::source::SourceFile {
        path: PathBuf::from("catalog.toml"),
        text: CATALOG.to_string(),
    };
    let catalog = crate::load::parse_catalog(&source).ok();
    let pretty = |v: serde_json::Value| format!("{v:#}\n");
    vec![
        (dir.join("catalog.toml"), CATALOG.to_string()),
        (dir.join("deals").join("example.toml"), DEAL.to_string()),
        (
            dir.join("schemas").join("catalog.schema.json"),
            pretty(crate::schema::catalog()),
        ),
        (
            dir.join("schemas").join("deal.schema.json"),
            pretty(crate::schema::deal(catalog.as_ref())),
        ),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_starter_catalog_loads_so_the_deal_schema_knows_its_ids() {
        let files = super::files(std::path::Path::new("x"));
        let deal_schema = &files[3].1;
        assert!(deal_schema.contains("\"const\": \"sso\""), "{deal_schema}");
        assert_eq!(files.len(), 4);
    }
}
