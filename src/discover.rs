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
    // The first folder that cannot be read, in path order.
    let mut unreadable: Option<(Vec<u8>, Problem)> = None;
    for entry in ignore::WalkBuilder::new(path)
        .follow_links(true)
        .require_git(false)
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
                    keep_first(&mut unreadable, p, || {
                        format!("cannot read: {}", io_message(&e))
                    });
                }
                _ => {}
            },
        }
    }
    if let Some((_, problem)) = unreadable {
        return Err(InputErrors::single(problem));
    }
    files.sort_by_cached_key(|p| path_order(p));
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
    files.sort_by_cached_key(|p| path_order(p));
    problems.sort_by_cached_key(|p| path_order(&p.path));
    (files, problems)
}

/// Keeps in `first` the problem of the path first in path order: what a
/// walk that visits names in order would have met first.
fn keep_first(
    first: &mut Option<(Vec<u8>, Problem)>,
    path: &Path,
    message: impl FnOnce() -> String,
) {
    let key = path_order(path);
    if first.as_ref().is_none_or(|(kept, _)| key < *kept) {
        *first = Some((key, Problem::file(path, message())));
    }
}

/// A key whose byte order is the paths' order, component by component (a
/// folder's files before the next name): the order of a walk that visits
/// each folder's names sorted. The walks sort afterwards by it, once per
/// file, instead of making the walker work both names out of their paths
/// at every comparison (half the cost of a walk of 10,000 files).
fn path_order(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for part in path.components() {
        key.extend_from_slice(part.as_os_str().as_encoded_bytes());
        key.push(0); // below every byte a name can hold
    }
    key
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Names where byte order and path order part: `-` and `.` sort
    /// before `/`, and a name that is the start of another.
    const TRICKY: [&str; 8] = [
        "a-c/x.toml",
        "b.toml",
        "a/z/y.toml",
        "a.toml",
        "ab/x.toml",
        "a/b.toml",
        "a/b/c.toml",
        "a/b-1.toml",
    ];

    #[test]
    fn the_order_key_sorts_as_paths_do() {
        let mut by_key: Vec<PathBuf> = TRICKY.iter().map(PathBuf::from).collect();
        let mut by_path = by_key.clone();
        by_key.sort_by_cached_key(|p| path_order(p));
        by_path.sort();
        assert_eq!(by_key, by_path);
        assert_ne!(
            by_path
                .iter()
                .map(|p| p.to_str().unwrap())
                .collect::<Vec<_>>(),
            {
                let mut bytes = TRICKY.to_vec();
                bytes.sort();
                bytes
            },
            "the names must tell path order from byte order"
        );
    }

    /// Of the folders a walk cannot read, the one first in path order is
    /// reported, whichever the walk met first.
    #[test]
    fn the_first_unreadable_folder_in_path_order_is_kept() {
        let mut first = None;
        keep_first(&mut first, Path::new("a-c"), || "a-c".into());
        keep_first(&mut first, Path::new("a/b"), || "a/b".into());
        keep_first(&mut first, Path::new("a/b"), || "again".into());
        keep_first(&mut first, Path::new("b"), || "b".into());
        let (_, problem) = first.unwrap();
        assert_eq!(problem.path, Path::new("a/b"));
        assert_eq!(problem.message, "a/b", "the first met of one path");
    }

    /// Both walks give their files in path order, however the folder
    /// lists them.
    #[test]
    fn walks_give_files_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in TRICKY {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let mut want: Vec<PathBuf> = TRICKY.iter().map(|n| dir.path().join(n)).collect();
        want.sort();
        let found = deal_files(dir.path(), None).unwrap();
        assert_eq!(found.files, want);
        let (walked, problems) = book_files(dir.path());
        assert_eq!(walked, want);
        assert!(problems.is_empty());
    }
}
