//! Finding the deal files under the paths given on the command line.
//!
//! Nothing is silently checked as nothing: a folder without deal files is an
//! error, and a `*.toml` entry that is not a readable regular file (a folder
//! named `x.toml`, a FIFO, a dangling or looping symbolic link) is returned
//! like a deal so that loading it reports exactly what it is.

use crate::load::{CATALOG_FILE, InputErrors, Problem};
use std::fs;
use std::path::{Path, PathBuf};

/// The deal files under one command-line path.
#[derive(Debug)]
pub struct Found {
    /// Sorted by path.
    pub files: Vec<PathBuf>,
    /// Whether the walk went through a symbolic link: only then can two of
    /// `files` be one file.
    pub through_links: bool,
}

/// The deal files a path stands for: the path itself unless it is a folder
/// (loading refuses what is not a regular file, saying what it is), or every
/// `*.toml` below a folder (honouring `.gitignore` and hidden files the way
/// git does, following symlinks without looping), skipping catalogs. Sorted
/// by path so reports come out in a stable order.
pub fn deal_files(path: &Path, catalog: Option<&Path>) -> Result<Found, InputErrors> {
    let fail = |message: String| Err(InputErrors::single(Problem::file(path, message)));
    let one = |path: &Path| {
        Ok(Found {
            files: vec![path.to_path_buf()],
            through_links: false,
        })
    };
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return one(path),
        // A link that cannot be followed: loading says which kind.
        Err(_) if fs::symlink_metadata(path).is_ok() => return one(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return fail("no such file or folder".to_string());
        }
        Err(e) => return fail(format!("cannot read: {e}")),
    }
    let skip = catalog.and_then(|c| c.canonicalize().ok());
    let mut files = Vec::new();
    let mut through_links = false;
    for entry in ignore::WalkBuilder::new(path)
        .follow_links(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
    {
        match entry {
            Ok(e) => {
                through_links |= e.path_is_symlink();
                let is_file = e.file_type().is_some_and(|t| t.is_file());
                // A folder named `x.toml` (not the one given), a FIFO, a device…
                if (is_file || e.depth() > 0) && is_deal_file(e.path(), skip.as_deref()) {
                    files.push(e.into_path());
                }
            }
            Err(e) => match walk_error_path(&e) {
                // A broken or looping link, loaded to say so: through a link.
                Some((p, _)) if is_deal_file(p, skip.as_deref()) => {
                    through_links = true;
                    files.push(p.to_path_buf());
                }
                // A link back to a folder above: that folder is walked already.
                Some((_, true)) => {}
                Some((p, false)) if e.is_io() => {
                    return Err(InputErrors::single(Problem::file(
                        p,
                        format!("cannot read: {}", io_message(&e)),
                    )));
                }
                _ => {}
            },
        }
    }
    // The walk visits names in order, depth first: that is path order, and
    // the sort costs a pass.
    if !files.is_sorted() {
        files.sort();
    }
    files.dedup();
    if files.is_empty() {
        return fail(format!(
            "no deal files found under {} (every *.toml except {CATALOG_FILE} is a deal)",
            path.display()
        ));
    }
    Ok(Found {
        files,
        through_links,
    })
}

/// Every `*.toml` under a catalog's folder that may be a deal of its book:
/// walked as a folder argument is (`.gitignore` respected, hidden folders
/// skipped, links followed without looping), except that a folder with a
/// catalog of its own holds another book and is left out. Files the walk
/// cannot read are returned with the reason.
pub fn book_files(folder: &Path) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let walk = ignore::WalkBuilder::new(folder)
        .follow_links(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| {
            let nested = e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && e.path().join(CATALOG_FILE).exists();
            !nested
        })
        .build();
    for entry in walk {
        match entry {
            Ok(e) if e.depth() > 0 && is_deal_file(e.path(), None) => {
                if e.file_type().is_some_and(|t| t.is_file()) {
                    files.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => {
                if let Some((p, false)) = walk_error_path(&e)
                    && e.is_io()
                {
                    problems.push(Problem::file(p, format!("cannot read: {}", io_message(&e))));
                }
            }
        }
    }
    (files, problems)
}

/// The path a walk error is about, and whether it is a symlink loop.
fn walk_error_path(e: &ignore::Error) -> Option<(&Path, bool)> {
    match e {
        ignore::Error::WithPath { path, .. } => Some((path, false)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some((child, true)),
        _ => None,
    }
}

/// The operating system's words for a walk error, without the path.
fn io_message(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => io_message(err),
        other => other.to_string(),
    }
}

fn is_deal_file(path: &Path, catalog: Option<&Path>) -> bool {
    let is_toml = path.extension().is_some_and(|e| e == "toml");
    let is_catalog_name = path.file_name().is_some_and(|n| n == CATALOG_FILE);
    let is_catalog = catalog.is_some_and(|c| path.canonicalize().ok().as_deref() == Some(c));
    is_toml && !is_catalog_name && !is_catalog
}

/// What makes two paths the same deal file: on Unix the device and inode
/// (one `stat`, where resolving the path would cost a call per component),
/// elsewhere the canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileKey {
    Stdin,
    #[cfg(unix)]
    Inode(u64, u64),
    Path(PathBuf),
}

impl FileKey {
    pub fn of(path: &Path) -> FileKey {
        #[cfg(unix)]
        if let Ok(meta) = std::fs::metadata(path) {
            use std::os::unix::fs::MetadataExt;
            return FileKey::Inode(meta.dev(), meta.ino());
        }
        FileKey::Path(path.canonicalize().unwrap_or_else(|_| path.to_path_buf()))
    }
}
