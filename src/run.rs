//! A check run: find the deals and their catalogs, check them, and hand each
//! outcome to the caller in path order. Nothing here prints: the binary
//! renders the outcomes and chooses the exit code.

use crate::book::{Book, BookSummary, BookUse, DealToRead, Portfolio, PortfolioSummary};
use crate::check::{Capacity, CheckOptions, Prepared, check_deal_with};
use crate::discover::FileKey;
use crate::load::{self, InputErrors, Problem, Source};
use crate::model::{Deal, DealStatus};
use crate::report::{CatalogRef, DealReport, RunHeader, Verdict};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A deal as loaded, with the file it was read from: a format that edits
/// the file (`offer --format toml`) edits this text, never a second read.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub deal: Deal,
    pub source: Arc<Source>,
}

impl Deref for Loaded {
    type Target = Deal;

    fn deref(&self) -> &Deal {
        &self.deal
    }
}

/// A deal file and the catalog it is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealInput {
    /// The file, or [`STDIN`] for a deal read from standard input.
    pub deal: PathBuf,
    /// Shared by the deals of a folder (the catalog found once for it).
    pub catalog: Arc<Path>,
}

/// The command-line path that means "read one deal from standard input".
pub const STDIN_ARG: &str = "-";
/// How a deal read from standard input is named in reports.
pub const STDIN: &str = "<stdin>";

/// Every deal of a run and the catalogs they need, each loaded once.
#[derive(Debug)]
pub struct Inputs {
    pub deals: Vec<DealInput>,
    /// One prepared catalog per path, built once and shared by its deals.
    pub catalogs: BTreeMap<PathBuf, Prepared>,
    /// The deal given as `-`, read by the caller with
    /// [`crate::source::SourceFile::read_stream`] (the cap of every file).
    pub stdin: Option<Arc<Source>>,
    /// What could not be judged before any deal, one entry per file: a
    /// path that names nothing, a folder without a catalog, a broken
    /// catalog (whose deals are left out). Every format reports them beside
    /// the deals that could be judged.
    pub unjudged: Vec<InputErrors>,
    /// Per catalog path, its book of signed deals (none with `--alone`).
    pub books: BTreeMap<PathBuf, Book>,
    /// Per catalog path, with `--portfolio`: the run's proposed deals
    /// booked together on top of the book.
    pub portfolios: BTreeMap<PathBuf, Portfolio>,
}

/// How a run treats the book of signed deals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BookMode {
    /// Check against the bare catalog, as if nothing were signed.
    pub alone: bool,
    /// Also book the run's proposed deals together, in deadline order.
    pub portfolio: bool,
    /// Plan the signed deals but reserve nothing, and keep them whole: for
    /// a command that books every deal itself (`capacity`) and never checks
    /// in what is left ([`BookUse::Rebook`]).
    pub unreserved: bool,
}

/// What a run said of each catalog's book, for the reports.
#[derive(Debug, Clone, Default)]
pub struct RunBooks {
    pub book: Vec<BookSummary>,
    pub portfolio: Vec<PortfolioSummary>,
}

/// A deal of the run marked delivered or lost: not judged, holding nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub path: PathBuf,
    pub id: String,
    pub status: DealStatus,
    pub catalog: Arc<Path>,
}

/// What became of one deal file in [`map_each`].
#[derive(Debug)]
pub enum Each<T> {
    Judged(T),
    Skipped(Skipped),
    Unjudged(InputErrors),
}

impl Inputs {
    /// Finds the deal files under `paths` (each file once, however often it
    /// is named) and loads their catalogs. `-` stands for the deal in
    /// `stdin`, whose catalog is discovered from the current folder. No
    /// deal file at all is an input error: a mistyped folder in CI must not
    /// pass as "nothing to check".
    pub fn gather(
        paths: &[PathBuf],
        named_catalog: Option<&Path>,
        stdin: Option<Arc<Source>>,
    ) -> Result<Inputs, InputErrors> {
        let mut inputs = Inputs::discover(paths, named_catalog, stdin)?;
        inputs.load_catalogs();
        inputs.strict()
    }

    /// The inputs if everything could be judged, else every problem: for a
    /// command that judges all or nothing.
    pub fn strict(mut self) -> Result<Inputs, InputErrors> {
        let mut errors = InputErrors::default();
        for e in std::mem::take(&mut self.unjudged) {
            errors.extend(e);
        }
        errors.into_result(self)
    }

    /// The deal files and the catalog paths, nothing read yet (so a caller
    /// can refuse an output path that is one of them first); a path that
    /// names nothing, or a folder without a catalog, is in `unjudged`.
    pub fn discover(
        paths: &[PathBuf],
        named_catalog: Option<&Path>,
        stdin: Option<Arc<Source>>,
    ) -> Result<Inputs, InputErrors> {
        let stdin_name = stdin.as_ref().map(|s| s.path());
        let (deals, mut problems) = deal_inputs(paths, named_catalog, stdin_name);
        if deals.is_empty() && problems.is_empty() {
            let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            problems.push(Problem::file(
                paths.first().map_or(Path::new("."), PathBuf::as_path),
                format!("no deal files found under {}", shown.join(", ")),
            ));
        }
        Ok(Inputs {
            deals,
            catalogs: BTreeMap::new(),
            stdin,
            unjudged: by_file(problems),
            books: BTreeMap::new(),
            portfolios: BTreeMap::new(),
        })
    }

    /// Every path the run reads: deal files and catalogs.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.deals
            .iter()
            .flat_map(|d| [d.deal.as_path(), &*d.catalog])
    }

    /// Loads every catalog the deals need, once each. A broken catalog
    /// goes to `unjudged` and its deals are left out.
    pub fn load_catalogs(&mut self) {
        let (catalogs, broken) = load_catalogs(&self.deals);
        self.catalogs = catalogs;
        self.deals
            .retain(|d| self.catalogs.contains_key(&*d.catalog));
        self.unjudged.extend(broken);
    }

    /// Reads every catalog's book once (unless `mode.alone`): its signed
    /// deals are planned and reserved, and every check of the run is then
    /// made in what they leave. With `mode.portfolio`, the run's proposed
    /// deals are booked together on top.
    pub fn read_books(&mut self, options: &CheckOptions, mode: BookMode) {
        if mode.alone {
            return;
        }
        for (path, catalog) in &mut self.catalogs {
            let named: Vec<DealToRead> = self
                .deals
                .iter()
                .filter(|d| *d.catalog == **path)
                .map(|d| DealToRead {
                    path: d.deal.clone(),
                    stdin: self.stdin.clone().filter(|s| s.path() == d.deal),
                })
                .collect();
            let book_use = if mode.unreserved {
                BookUse::Rebook
            } else {
                BookUse::Check
            };
            let book = Book::read(path, catalog, &named, options, book_use);
            self.books.insert(path.clone(), book);
        }
        if mode.portfolio {
            for (path, catalog) in &self.catalogs {
                let proposed: Vec<(FileKey, Deal)> = self
                    .deals
                    .par_iter()
                    .filter(|d| *d.catalog == **path)
                    .filter_map(|d| Some((self.key_of(d), self.load(d).ok()?.deal)))
                    .filter(|(_, deal)| deal.status == DealStatus::Proposed)
                    .collect();
                let portfolio = Portfolio::book(catalog, self.books.get(path), proposed, options);
                self.portfolios.insert(path.clone(), portfolio);
            }
        }
    }

    /// Every deal, loaded in parallel, ids claimed in path order: for a
    /// command that needs all of them at once (`capacity`).
    pub fn load_all(&self) -> Vec<Result<Loaded, InputErrors>> {
        let mut ids = DealIds::default();
        let loaded: Vec<Result<Loaded, InputErrors>> =
            self.deals.par_iter().map(|i| self.load(i)).collect();
        (self.deals.iter().zip(loaded))
            .map(|(input, l)| ids.claim(input, l))
            .collect()
    }

    /// What identifies a deal's file (the deal from standard input is one).
    fn key_of(&self, input: &DealInput) -> FileKey {
        match &self.stdin {
            Some(source) if source.path() == input.deal => FileKey::Stdin,
            _ => FileKey::of(&input.deal),
        }
    }

    /// The capacity `deal` is checked in: a signed deal in what the other
    /// signed deals' plans leave, a proposed one in what the book reserves
    /// (and with `--portfolio` the proposed deals due before it); `None`
    /// for a delivered or lost deal, which is not judged.
    pub fn capacity_for<'a>(&'a self, input: &DealInput, deal: &Deal) -> Option<Capacity<'a>> {
        let catalog = &self.catalogs[&*input.catalog];
        let own = match deal.status {
            DealStatus::Delivered | DealStatus::Lost => return None,
            DealStatus::Signed => self
                .books
                .get(&*input.catalog)
                .and_then(|b| b.signed_capacity(&self.key_of(input))),
            DealStatus::Proposed => self
                .portfolios
                .get(&*input.catalog)
                .and_then(|p| p.capacity(catalog, &self.key_of(input))),
        };
        Some(own.unwrap_or_else(|| Capacity::of(catalog)))
    }

    /// The books' summaries, with the deals each catalog skipped.
    pub fn summaries(&self, skipped: &[Skipped]) -> RunBooks {
        let book = self
            .books
            .iter()
            .map(|(path, b)| {
                let mine = skipped
                    .iter()
                    .filter(|s| *s.catalog == **path)
                    .map(|s| s.path.display().to_string())
                    .collect();
                b.summary(mine)
            })
            .collect();
        let portfolio = self
            .portfolios
            .values()
            .map(|p| p.summary.clone())
            .collect();
        RunBooks { book, portfolio }
    }

    /// Loads one deal (from its file, or what was read from standard input).
    fn load(&self, input: &DealInput) -> Result<Loaded, InputErrors> {
        let catalog = &self.catalogs[&*input.catalog];
        let source = match &self.stdin {
            Some(source) if source.path() == input.deal => Arc::clone(source),
            _ => Source::read(&input.deal)?,
        };
        let deal = load::parse_deal_source(&source, catalog)?;
        Ok(Loaded { deal, source })
    }

    /// The catalog of the first deal, as the report names it.
    pub fn first_catalog(&self) -> Option<CatalogRef> {
        let c = self.catalogs.get(&*self.deals.first()?.catalog)?;
        Some(CatalogRef {
            path: c.path.display().to_string(),
            name: c.name.clone(),
        })
    }

    /// What a report of this run knows before its first deal, as of `as_of`.
    pub fn header(&self, as_of: NaiveDate) -> RunHeader {
        RunHeader {
            as_of,
            catalog: self.first_catalog(),
            deals: self.deals.len(),
        }
    }
}

/// What became of one deal file.
#[derive(Debug)]
pub enum Outcome {
    /// The report, for a format that renders it with the rest of the run.
    Judged(Box<DealReport>),
    /// The verdict and the output of a deal the format wrote on its own, on
    /// the worker thread that checked it (where the report was dropped too).
    Rendered(Verdict, Vec<u8>),
    /// The file could not be judged; every problem, located.
    Unjudged(InputErrors),
}

/// Deals checked at once: enough to keep every core busy, few enough that
/// memory stays flat however many deals there are.
const CHUNK: usize = 256;

/// Checks every deal and hands each outcome to `each` in path order, in
/// the capacity [`Inputs::capacity_for`] gives it; returns what the run
/// says of the books. Stops at the first error `each` returns.
///
/// `prepare` renders a deal on its own where the format can (see
/// [`crate::report::Format::prepare`]); it runs on the worker threads.
pub fn check_each<E>(
    inputs: &Inputs,
    options: &CheckOptions,
    prepare: &(dyn Fn(&DealReport) -> Option<Vec<u8>> + Sync),
    mut each: impl FnMut(Outcome) -> Result<(), E>,
) -> Result<RunBooks, E> {
    let mut skipped = Vec::new();
    map_each(
        inputs,
        |catalog, deal, capacity| {
            let (check, _) = check_deal_with(catalog, deal, options, capacity);
            let report = DealReport::new(deal, check);
            match prepare(&report) {
                Some(bytes) => Outcome::Rendered(report.verdict, bytes),
                None => Outcome::Judged(Box::new(report)),
            }
        },
        |result| match result {
            Each::Judged(outcome) => each(outcome),
            Each::Unjudged(e) => each(Outcome::Unjudged(e)),
            Each::Skipped(s) => {
                skipped.push(s);
                Ok(())
            }
        },
    )?;
    Ok(inputs.summaries(&skipped))
}

/// Applies `f` to every deal that loads (with its catalog and the capacity
/// it is checked in), in path order, and hands each result, a skipped
/// deal, or the problems of a file that could not be judged, to `each`;
/// the generic run `check_each` and `offer` share. Stops at the first
/// error `each` returns.
pub fn map_each<T: Send, E>(
    inputs: &Inputs,
    f: impl Fn(&Prepared, &Loaded, Capacity<'_>) -> T + Sync,
    mut each: impl FnMut(Each<T>) -> Result<(), E>,
) -> Result<(), E> {
    // A pipeline of two chunks: the pool checks the next chunk while this
    // thread hands the previous one to `each` (writing it out, dropping it),
    // so neither waits for the other and at most two chunks are in memory.
    let mut ids = DealIds::default();
    let mut chunks = inputs.deals.chunks(CHUNK);
    let mut done: Option<Vec<Each<T>>> = None;
    loop {
        let chunk = chunks.next();
        if chunk.is_none() && done.is_none() {
            return Ok(());
        }
        let mut next = None;
        let mut stopped = None;
        rayon::in_place_scope(|scope| {
            if let Some(chunk) = chunk {
                let (ids, next, f) = (&mut ids, &mut next, &f);
                scope.spawn(move |_| *next = Some(check_chunk(inputs, chunk, ids, f)));
            }
            if let Some(results) = done.take() {
                stopped = results.into_iter().try_for_each(&mut each).err();
            }
        });
        if let Some(e) = stopped {
            return Err(e);
        }
        done = next;
    }
}

/// Loads a chunk of deals in parallel, claims their ids in path order,
/// then applies `f` to each in parallel.
fn check_chunk<'a, T: Send>(
    inputs: &Inputs,
    chunk: &'a [DealInput],
    ids: &mut DealIds<'a>,
    f: &(impl Fn(&Prepared, &Loaded, Capacity<'_>) -> T + Sync),
) -> Vec<Each<T>> {
    let loaded: Vec<Result<Loaded, InputErrors>> =
        chunk.par_iter().map(|input| inputs.load(input)).collect();
    let loaded: Vec<Result<Loaded, InputErrors>> = (chunk.iter().zip(loaded))
        .map(|(input, l)| ids.claim(input, l))
        .collect();
    chunk
        .par_iter()
        .zip(loaded)
        .map(|(input, loaded)| match loaded {
            Err(e) => Each::Unjudged(e),
            Ok(deal) => match inputs.capacity_for(input, &deal) {
                Some(capacity) => {
                    Each::Judged(f(&inputs.catalogs[&*input.catalog], &deal, capacity))
                }
                None => Each::Skipped(Skipped {
                    path: deal.path.clone(),
                    id: deal.id.clone(),
                    status: deal.status,
                    catalog: Arc::clone(&input.catalog),
                }),
            },
        })
        .collect()
}

/// The deal ids seen so far in path order: a later file with an id already
/// taken cannot be judged (two deals with one id would double-book a
/// portfolio and confuse every report keyed by id).
///
/// Each id is kept with the run's own name of its file (not a copy): a run
/// of 10,000 deals keeps all of them until its end.
#[derive(Default)]
struct DealIds<'a> {
    first: HashMap<Box<str>, &'a Path>,
}

impl<'a> DealIds<'a> {
    fn claim(
        &mut self,
        input: &'a DealInput,
        loaded: Result<Loaded, InputErrors>,
    ) -> Result<Loaded, InputErrors> {
        let deal = loaded?;
        match self.first.get(deal.id.as_str()) {
            Some(first) => {
                // At the id, so every format points at its line.
                let at = &deal.id_location;
                let start = deal.source.offset(at.line, at.column);
                let line_end = deal.source.line_range(at.line).end;
                let span = start..line_end.min(start + deal.id.len() + 2).max(start);
                Err(InputErrors::single(deal.source.problem(
                    span,
                    format!(
                        "deal id \"{}\" is already used by {}: each deal needs its own id",
                        deal.id,
                        first.display()
                    ),
                )))
            }
            None => {
                self.first.insert(deal.id.as_str().into(), &input.deal);
                Ok(deal)
            }
        }
    }
}

/// Each deal file under `paths` with the catalog it is checked against.
///
/// The deal read from standard input is named `stdin_name` (`<stdin>`
/// unless `--stdin-filename` gave a path, whose folder its catalog is then
/// found from).
fn deal_inputs(
    paths: &[PathBuf],
    named_catalog: Option<&Path>,
    stdin_name: Option<&Path>,
) -> (Vec<DealInput>, InputErrors) {
    let mut errors = InputErrors::default();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    // Two paths on the command line may name one file; within one folder
    // only a symbolic link can, so a plain folder needs no `stat` per file.
    let several = paths.len() > 1;
    // Deals in one folder share their catalog: walk up once per folder.
    let mut catalog_of: HashMap<PathBuf, Result<Arc<Path>, ()>> = HashMap::new();
    for path in paths {
        if path == Path::new(STDIN_ARG) {
            let name = stdin_name.unwrap_or(Path::new(STDIN));
            let from = if name == Path::new(STDIN) {
                Path::new(STDIN_ARG)
            } else {
                name
            };
            match load::discover_catalog(named_catalog, from) {
                Ok(catalog) if seen.insert(FileKey::Stdin) => out.push(DealInput {
                    deal: name.to_path_buf(),
                    catalog: catalog.into(),
                }),
                Ok(_) => {}
                Err(e) => errors.extend(e),
            }
            continue;
        }
        match crate::discover::deal_files(path, named_catalog) {
            Ok(found) => {
                let dedup = several || found.through_links;
                for deal in found.files {
                    // The same file named twice (or through a link) is one deal.
                    if dedup && !seen.insert(FileKey::of(&deal)) {
                        continue;
                    }
                    let folder = deal.parent().map(Path::to_path_buf).unwrap_or_default();
                    let found = catalog_of.entry(folder).or_insert_with(|| {
                        // A folder without a catalog is said once, for its first deal.
                        load::discover_catalog(named_catalog, &deal)
                            .map(Arc::from)
                            .map_err(|e| errors.extend(e))
                    });
                    if let Ok(catalog) = found {
                        out.push(DealInput {
                            deal,
                            catalog: Arc::clone(catalog),
                        });
                    }
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    (out, errors)
}

/// Problems grouped by the file they are in, in the order first seen.
fn by_file(problems: InputErrors) -> Vec<InputErrors> {
    let mut out: Vec<InputErrors> = Vec::new();
    for p in problems.problems {
        match out.iter_mut().find(|e| e.problems[0].path == p.path) {
            Some(e) => e.push(p),
            None => out.push(InputErrors::single(p)),
        }
    }
    out
}

/// Loads and prepares every catalog the deals need, once each; the
/// problems of each broken one.
fn load_catalogs(inputs: &[DealInput]) -> (BTreeMap<PathBuf, Prepared>, Vec<InputErrors>) {
    let mut catalogs = BTreeMap::new();
    let mut broken = Vec::new();
    let mut tried = HashSet::new();
    for input in inputs {
        if !tried.insert(&*input.catalog) {
            continue;
        }
        match load::load_catalog(&input.catalog) {
            Ok(c) => {
                catalogs.insert(input.catalog.to_path_buf(), Prepared::new(c));
            }
            Err(e) => broken.push(e),
        }
    }
    (catalogs, broken)
}
