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
    // What identifies each file on disk, looked up in parallel.
    let on_disk: Vec<FileKey> = candidates
        .par_iter()
        .map(|(file, _)| FileKey::of(&file.path))
        .collect();
    // Each file once, with whether the run names it.
    let mut seen = HashSet::new();
    let mut files: Vec<(FileKey, DealToRead, bool)> = Vec::new();
    for ((file, named), on_disk) in candidates.into_iter().zip(on_disk) {
        let key = match &file.stdin {
            Some(_) => FileKey::Stdin,
            None => on_disk.clone(),
        };
        if seen.insert(on_disk) | seen.insert(key.clone()) {
            files.push((key, file, named));
        }
    }
    // Only the signed deals and the problems are kept (a folder's other
    // files leave no slot the size of a deal behind).
    let read: Vec<Result<(FileKey, T), InputErrors>> = files
        .into_par_iter()
        .filter_map(|(key, file, named)| match signed(&file, catalog) {
            Ok(deal) => deal.map(|deal| Ok((key, keep(deal)))),
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
    use super::may_be_signed;

    #[test]
    fn only_a_text_that_can_say_signed_is_parsed() {
        assert!(may_be_signed("status = \"signed\""));
        assert!(may_be_signed("status = \"\\u0073igned\""));
        assert!(may_be_signed("status = \"\\U00000073igned\""));
        assert!(!may_be_signed("status = \"proposed\"\nid = \"A\""));
        assert!(!may_be_signed("[deal]\nid = \"A\"\ndeadline = 2027-01-01"));
    }
}
