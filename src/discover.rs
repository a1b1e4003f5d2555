//! Finding the deal files under the paths given on the command line.

use crate::load::{CATALOG_FILE, InputErrors, Problem};
use std::path::{Path, PathBuf};

/// The deal files a path stands for: the file itself, or every `*.toml`
/// below a folder (honouring `.gitignore` and hidden files the way git
/// does, following symlinks without looping), skipping catalogs. Sorted by
/// path so reports come out in a stable order.
pub fn deal_files(path: &Path, catalog: Option<&Path>) -> Result<Vec<PathBuf>, InputErrors> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    if !path.is_dir() {
        return Err(InputErrors::single(Problem::file(
            path,
            "no such file or folder",
        )));
    }
    let skip = catalog.and_then(|c| c.canonicalize().ok());
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(path)
        .follow_links(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|p| is_deal_file(p, skip.as_deref()))
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

fn is_deal_file(path: &Path, catalog: Option<&Path>) -> bool {
    let is_toml = path.extension().is_some_and(|e| e == "toml");
    let is_catalog_name = path.file_name().is_some_and(|n| n == CATALOG_FILE);
    let is_catalog = catalog.is_some_and(|c| path.canonicalize().ok().as_deref() == Some(c));
    is_toml && !is_catalog_name && !is_catalog
}
