//! Finding the signed deals of a book: the catalog folder's files and the
//! run's, each once, read in parallel; only a file that can say "signed"
//! is parsed.

use crate::check::Prepared;
use crate::discover::{FileKey, book_files};
use crate::load::{self, InputErrors, Problem, Source, SourceFile};
use crate::model::{Deal, DealStatus};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A deal file named in the run (or the deal read from standard input,
/// with its text).
#[derive(Debug, Clone)]
pub struct DealToRead {
    pub path: PathBuf,
    pub stdin: Option<Arc<Source>>,
}

/// What the book keeps of a signed deal as it reads it: its id and path
/// tell two files claiming one id apart.
pub(super) trait Kept: Send {
    fn id(&self) -> &str;
    fn path(&self) -> &Path;
}

impl Kept for Deal {
    fn id(&self) -> &str {
        &self.id
    }
    fn path(&self) -> &Path {
        &self.path
    }
}

/// The signed deals of the catalog at `catalog_path`, each with the key of
/// its file and reduced by `keep` as soon as it is parsed (on the thread
/// that parsed it), and the files of the book that could not be read.
pub(super) fn signed_deals<T: Kept>(
    catalog_path: &Path,
    catalog: &Prepared,
    named: &[DealToRead],
    keep: impl Fn(Deal) -> T + Sync,
) -> (Vec<(FileKey, T)>, Vec<InputErrors>) {
    let folder = catalog_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (walked, problems) = book_files(folder);
    // A walked path the run names is that file: no `stat` to tell.
    let named_paths: HashSet<&Path> = named.iter().map(|f| f.path.as_path()).collect();
    // A catalog in the current folder names its deals as the run does:
    // `deals/x.toml`, not `./deals/x.toml`.
    let walked = walked
        .into_iter()
        .map(|path| {
            path.strip_prefix(".")
                .map(Path::to_path_buf)
                .unwrap_or(path)
        })
        .filter(|path| !named_paths.contains(path.as_path()))
        .map(|path| (DealToRead { path, stdin: None }, false));
    // The run's files first: a deal read from standard input under the
    // name of a file on disk (a pre-commit hook's staged text) is that file.
    let candidates: Vec<(DealToRead, bool)> = named
        .iter()
        .cloned()
        .map(|file| (file, true))
        .chain(walked)
        .collect();
    let files = each_file_once(candidates);
    // Only the signed deals and the problems are kept (a folder's other
    // files leave no slot the size of a deal behind).
    let read: Vec<Result<(FileKey, T), InputErrors>> = files
        .into_par_iter()
        .filter_map(|(key, file, named)| match signed(&file, catalog) {
            Ok(deal) => deal.map(|deal| {
                let key = key.unwrap_or_else(|| FileKey::of(&file.path));
                Ok((key, keep(deal)))
            }),
            // A file of the run that cannot be read is the run's to report.
            Err(_) if named => None,
            Err(e) => Some(Err(e)),
        })
        .collect();
    let mut unreadable: Vec<InputErrors> = problems.into_iter().map(InputErrors::single).collect();
    let mut deals = Vec::new();
    let mut ids: HashMap<String, PathBuf> = HashMap::new();
    for r in read {
        match r {
            Ok((key, deal)) => match ids.get(deal.id()) {
                Some(first) => unreadable.push(InputErrors::single(Problem::file(
                    deal.path(),
                    format!(
                        "signed deal id \"{}\" is already used by {}: the book counts it once",
                        deal.id(),
                        first.display()
                    ),
                ))),
                None => {
                    ids.insert(deal.id().to_string(), deal.path().to_path_buf());
                    deals.push((key, deal));
                }
            },
            Err(e) => unreadable.push(e),
        }
    }
    (deals, unreadable)
}

/// The files to read, each once (the run's first, each with whether the
/// run names it), with what identifies each where that had to be looked
/// up. The run names each of its files once, so only a walked file it does
/// not name by the same path, or a deal read from standard input under the
/// name of a file, needs each file's identity (a `stat`) to tell; otherwise
/// only the signed deals' are looked up, once read.
fn each_file_once(candidates: Vec<(DealToRead, bool)>) -> Vec<(Option<FileKey>, DealToRead, bool)> {
    let must_tell = candidates
        .iter()
        .any(|(file, named)| !named || file.stdin.is_some());
    if !must_tell {
        return candidates
            .into_iter()
            .map(|(file, named)| (None, file, named))
            .collect();
    }
    let on_disk: Vec<FileKey> = candidates
        .par_iter()
        .map(|(file, _)| FileKey::of(&file.path))
        .collect();
    let mut seen = HashSet::new();
    let mut files = Vec::new();
    for ((file, named), on_disk) in candidates.into_iter().zip(on_disk) {
        let key = match &file.stdin {
            Some(_) => FileKey::Stdin,
            None => on_disk.clone(),
        };
        if seen.insert(on_disk) | seen.insert(key.clone()) {
            files.push((Some(key), file, named));
        }
    }
    files
}

/// The deal in `file` if it is signed. A file
/// whose text cannot say "signed" (not even through an escape) is not read
/// as TOML at all.
fn signed(file: &DealToRead, catalog: &Prepared) -> Result<Option<Deal>, InputErrors> {
    // A file is indexed by line only once it may hold a signed deal.
    let source = match &file.stdin {
        Some(source) => Arc::clone(source),
        None => {
            let text = SourceFile::read(&file.path)?;
            if !may_be_signed(&text.text) {
                return Ok(None);
            }
            text.into_source()
        }
    };
    if !may_be_signed(source.text()) {
        return Ok(None);
    }
    let deal = load::parse_deal_source(&source, catalog)?;
    Ok((deal.status == DealStatus::Signed).then_some(deal))
}

/// Whether a deal file's text can hold `status = "signed"`: the word, or a
/// unicode escape that could spell it.
pub(crate) fn may_be_signed(text: &str) -> bool {
    text.contains("signed") || text.contains("\\u") || text.contains("\\U")
}

#[cfg(test)]
mod tests {
    use super::{DealToRead, each_file_once, may_be_signed};
    use crate::discover::FileKey;
    use crate::load::Source;

    fn file(path: &std::path::Path) -> DealToRead {
        DealToRead {
            path: path.to_path_buf(),
            stdin: None,
        }
    }

    /// What `each_file_once` keeps: (key looked up, path, named).
    fn kept(files: Vec<(DealToRead, bool)>) -> Vec<(Option<FileKey>, String, bool)> {
        each_file_once(files)
            .into_iter()
            .map(|(key, f, named)| (key, f.path.display().to_string(), named))
            .collect()
    }

    #[test]
    fn files_the_run_names_alone_need_no_lookup() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
        std::fs::write(&a, "").unwrap();
        std::fs::write(&b, "").unwrap();
        let got = kept(vec![(file(&a), true), (file(&b), true)]);
        let text = |p: &std::path::Path| p.display().to_string();
        assert_eq!(got, vec![(None, text(&a), true), (None, text(&b), true)]);
    }

    #[test]
    fn a_walked_file_named_another_way_is_read_once_as_the_runs() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "").unwrap();
        let other_spelling = dir.path().join(".").join("a.toml");
        let got = kept(vec![(file(&a), true), (file(&other_spelling), false)]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, Some(FileKey::of(&a)));
        assert!(got[0].2, "the run's");
        // A file the run does not name is read too, with its identity.
        let b = dir.path().join("b.toml");
        std::fs::write(&b, "").unwrap();
        let got = kept(vec![(file(&a), true), (file(&b), false)]);
        assert_eq!(
            got[1],
            (Some(FileKey::of(&b)), b.display().to_string(), false)
        );
    }

    #[test]
    fn a_deal_from_standard_input_under_a_files_name_is_that_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "").unwrap();
        let staged = DealToRead {
            path: a.clone(),
            stdin: Some(Source::new(a.clone(), String::new())),
        };
        let got = kept(vec![(staged, true), (file(&a), true)]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, Some(FileKey::Stdin));
    }

    #[test]
    fn only_a_text_that_can_say_signed_is_parsed() {
        assert!(may_be_signed("status = \"signed\""));
        assert!(may_be_signed("status = \"\\u0073igned\""));
        assert!(may_be_signed("status = \"\\U00000073igned\""));
        assert!(!may_be_signed("status = \"proposed\"\nid = \"A\""));
        assert!(!may_be_signed("[deal]\nid = \"A\"\ndeadline = 2027-01-01"));
    }
}
