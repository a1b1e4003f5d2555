//! `--format sarif` (and `catalog lint --format sarif`): SARIF 2.1.0, for
//! code-scanning dashboards.
//!
//! - **Written with `serde_json`**, objects with their keys in order, the
//!   document validated against the official schema in the tests
//!   (`tests/data/sarif-schema-2.1.0.json`): the few objects dealcheck
//!   writes do not justify a typed model of the whole format and the 17
//!   crates (two more `syn`s, a code generator) it took to build
//!   (docs/decisions.md).
//! - **Rules** come from the gap table (one per code, in table order, so
//!   `ruleIndex` is the code's position in [`GapCode::ALL`]), each with the
//!   `explain` text as `help.markdown` and a `helpUri` into the reference.
//! - **Results** are the gaps (or the catalog's lint findings). A gap
//!   without a line still names its file, with no region: code-scanning
//!   services reject results without a location.
//! - **Paths** are URIs relative to the repository root (the git work tree
//!   the files are in, else the current folder), normalised (`./x`,
//!   `a/../x` and an absolute path inside the root all give the same URI),
//!   percent-encoded, with `uriBaseId` `%SRCROOT%` declared in
//!   `originalUriBaseIds`. A file outside the root gets an absolute
//!   `file://` URI.
//! - **Columns** count Unicode code points (`columnKind`).
//! - **Fingerprints** (`partialFingerprints`) hash the code, the subject and
//!   the file's URI, not its line, so a result keeps its identity when lines
//!   move; `:N` numbers repeats within a run.
//! - **Messages** are plain text with control characters escaped, SARIF's
//!   link brackets escaped and anything a viewer could turn into a link or
//!   a mention broken up (see [`crate::text::sarif_message`]).
//! - **Files that could not be judged** are tool execution notifications at
//!   each problem's line, and make `executionSuccessful` false.

use super::lint::LintReport;
use super::{DealReport, Diagnostic, FileError, Report};
use crate::gap::{Gap, GapCode, Severity};
use crate::text::escape_control;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The schema the document declares (the OASIS errata 01 copy).
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The `uriBaseId` of every relative URI: the repository root.
pub const SRCROOT: &str = "%SRCROOT%";

/// The project's home, from Cargo.toml's `repository`.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where each rule's documentation is: the reference's gap table.
pub fn help_uri(_code: GapCode) -> String {
    format!("{REPOSITORY}/blob/main/docs/reference.md#gaps")
}

/// Writes the report as one pretty-printed SARIF log, paths relative to the
/// repository the deals are in (found from the current folder).
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let first = report.deals.first().map(|d| d.path.as_str());
    let first = first.or_else(|| report.errors.first().map(|e| e.path.as_str()));
    let root = SourceRoot::discover(first.map(Path::new))?;
    write(&log(report, &root), out)
}

/// `catalog lint --format sarif`: the findings as results on the catalog.
pub fn render_lint(report: &LintReport, out: &mut dyn Write) -> io::Result<()> {
    let root = SourceRoot::discover(Some(Path::new(&report.catalog.path)))?;
    write(&lint_log(report, &root), out)
}

fn write(log: &Value, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, log)?;
    writeln!(out)
}

/// A file a result or notification is in: a URI relative to the root
/// (`uriBaseId` [`SRCROOT`]) or an absolute `file://` URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtifactLocation {
    pub uri: String,
    pub uri_base_id: Option<String>,
}

impl ArtifactLocation {
    fn to_json(&self) -> Value {
        let mut place = json!({ "uri": self.uri });
        if let Some(base) = &self.uri_base_id {
            place["uriBaseId"] = json!(base);
        }
        place
    }
}

/// Where relative paths are resolved from and what URIs are relative to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRoot {
    /// The folder relative paths in the report are relative to.
    cwd: PathBuf,
    /// The repository root (absolute, normalised).
    root: PathBuf,
}

impl SourceRoot {
    /// From the current folder; the root is the git work tree `file` is in.
    pub fn discover(file: Option<&Path>) -> io::Result<SourceRoot> {
        Ok(SourceRoot::new(&std::env::current_dir()?, file))
    }

    /// The root is the nearest folder holding `.git` (a folder, or a file in
    /// a linked work tree or submodule) from `file`'s folder up, else from
    /// `cwd` up, else `cwd`.
    pub fn new(cwd: &Path, file: Option<&Path>) -> SourceRoot {
        let cwd = normalise(cwd, Path::new(""));
        let start = file.map(|f| normalise(&cwd, f));
        let from_file = start.as_deref().and_then(|f| f.parent()).and_then(git_root);
        let root = from_file
            .or_else(|| git_root(&cwd))
            .unwrap_or_else(|| cwd.clone());
        SourceRoot { cwd, root }
    }

    /// The root itself, for tests and for `originalUriBaseIds`.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A report path as an artifact location: relative to the root with
    /// `uriBaseId`, or an absolute `file://` URI when outside it.
    pub fn location(&self, path: &str) -> ArtifactLocation {
        let absolute = normalise(&self.cwd, Path::new(path));
        match absolute.strip_prefix(&self.root) {
            Ok(rel) => ArtifactLocation {
                uri: percent_encode(&slashed(rel)),
                uri_base_id: Some(SRCROOT.to_string()),
            },
            Err(_) => ArtifactLocation {
                uri: file_uri(&absolute, false),
                uri_base_id: None,
            },
        }
    }

    fn root_uri(&self) -> String {
        file_uri(&self.root, true)
    }
}

/// The nearest folder from `dir` up that holds `.git`.
fn git_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `path` made absolute against `base` and cleaned of `.` and `..` without
/// touching the file system (a symlinked deal keeps its place in the repo).
fn normalise(base: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The path with `/` between its parts, whatever the platform.
fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// `file:///abs/path` (with a trailing `/` for a folder); a Windows drive
/// becomes `file:///C:/...`.
fn file_uri(path: &Path, folder: bool) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let b = text.as_bytes();
    let mut uri = if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        format!("file:///{}:{}", &text[..1], percent_encode(&text[2..]))
    } else {
        format!("file://{}", percent_encode(&text))
    };
    if folder && !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Keeps unreserved characters and `/`; encodes every other byte, so a
/// space, `#`, `?` or a `:` in the first segment cannot change the meaning.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The SARIF log of a check run.
pub fn log(report: &Report, root: &SourceRoot) -> Value {
    let mut fingerprints = Fingerprints::default();
    let results: Vec<Value> = report
        .deals
        .iter()
        .flat_map(|d| d.gaps.iter().map(move |g| (d, g)))
        .map(|(d, g)| result(g, &d.path, Some(d), root, &mut fingerprints))
        .collect();
    let properties = json!({
        "asOf": report.as_of.to_string(),
        "catalog": report.catalog,
        "summary": report.summary,
    });
    run(root, results, &report.errors, properties)
}

/// The SARIF log of `catalog lint`: one result per finding, on the catalog.
pub fn lint_log(report: &LintReport, root: &SourceRoot) -> Value {
    let mut fingerprints = Fingerprints::default();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|g| result(g, &report.catalog.path, None, root, &mut fingerprints))
        .collect();
    let properties = json!({ "catalog": report.catalog, "counts": report.counts });
    run(root, results, &report.errors, properties)
}

/// A run of the tool over these results and unjudged files: the whole log,
/// every object's keys in order (as a viewer and the snapshots see them,
/// whatever order serde_json keeps maps in).
fn run(root: &SourceRoot, results: Vec<Value>, errors: &[FileError], properties: Value) -> Value {
    let base = json!({
        "description": { "text": "The repository root: the git work tree of the checked files." },
        "uri": root.root_uri(),
    });
    let run = json!({
        "columnKind": "unicodeCodePoints",
        "invocations": [invocation(errors, root)],
        "originalUriBaseIds": Map::from_iter([(SRCROOT.to_string(), base)]),
        "properties": properties,
        "results": results,
        "tool": { "driver": driver() },
    });
    let mut log = json!({
        "$schema": SARIF_SCHEMA,
        "runs": [run],
        "version": "2.1.0",
    });
    log.sort_all_objects();
    log
}

fn driver() -> Value {
    let tool = super::Tool::default();
    let rules: Vec<Value> = GapCode::ALL.iter().map(|c| rule(*c)).collect();
    json!({
        "informationUri": REPOSITORY,
        "name": tool.name,
        "rules": rules,
        "semanticVersion": tool.version,
        "version": tool.version,
    })
}

fn rule(code: GapCode) -> Value {
    let e = code.explanation();
    let markdown = format!(
        "**{} {}** ({}, {})\n\n**What it means.** {}\n\n**Why it matters.** {}\n\n\
         **How to fix it.** {}\n\n`dealcheck explain {}` prints this text.",
        code.code(),
        code.name(),
        code.severity().as_str(),
        code.area().as_str(),
        e.what,
        e.why,
        e.fix,
        code.code()
    );
    let text = format!(
        "What it means: {}\nWhy it matters: {}\nHow to fix it: {}",
        e.what, e.why, e.fix
    );
    json!({
        "defaultConfiguration": { "level": level(code.severity()) },
        "fullDescription": { "text": format!("{} {}", e.why, e.fix) },
        "help": { "markdown": markdown, "text": text },
        "helpUri": help_uri(code),
        "id": code.code(),
        "name": code.name(),
        "properties": { "tags": [code.area().as_str()] },
        "shortDescription": { "text": e.what },
    })
}

/// Numbers results whose code, subject and file are the same.
#[derive(Default)]
struct Fingerprints {
    seen: HashMap<u64, usize>,
}

impl Fingerprints {
    /// `HASH:N`: the hash of what identifies the gap, and which repeat it is.
    fn next(&mut self, gap: &Gap, uri: &str) -> String {
        let hash = fnv1a(&[gap.code().code(), gap.subject(), uri]);
        let n = self.seen.entry(hash).or_insert(0);
        *n += 1;
        format!("{hash:016x}:{n}")
    }
}

/// FNV-1a over the parts, each followed by a NUL: stable across runs,
/// platforms and Rust versions (unlike `std`'s hasher).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// One result: a gap of the deal (or catalog) at `path`.
fn result(
    gap: &Gap,
    path: &str,
    deal: Option<&DealReport>,
    root: &SourceRoot,
    fingerprints: &mut Fingerprints,
) -> Value {
    let mut text = gap.message().to_string();
    if let Some(suggestion) = gap.suggestion() {
        text.push_str(&format!(" → {suggestion}"));
    }
    let (file, region) = match &gap.location {
        Some(l) => (&*l.path, Some((l.line, l.column))),
        None => (path, None),
    };
    let artifact = root.location(file);
    let fingerprint = fingerprints.next(gap, &artifact.uri);
    let mut properties = json!({ "subject": escape_control(gap.subject()) });
    if let Some(d) = deal {
        properties["dealId"] = json!(escape_control(&d.id));
        properties["customer"] = json!(escape_control(&d.customer));
        properties["verdict"] = json!(d.verdict);
    }
    json!({
        "level": level(gap.severity()),
        "locations": [location(&artifact, region)],
        "message": message(&text),
        "partialFingerprints": { "dealcheckGap/v1": fingerprint },
        "properties": properties,
        "ruleId": gap.code().code(),
        "ruleIndex": gap.code().index(),
    })
}

fn location(artifact: &ArtifactLocation, region: Option<(usize, usize)>) -> Value {
    let mut physical = json!({ "artifactLocation": artifact.to_json() });
    if let Some((line, column)) = region {
        physical["region"] = json!({ "startColumn": column.max(1), "startLine": line.max(1) });
    }
    json!({ "physicalLocation": physical })
}

/// A plain-text message, escaped by [`crate::text::sarif_message`].
fn message(text: &str) -> Value {
    json!({ "text": crate::text::sarif_message(text) })
}

fn invocation(errors: &[FileError], root: &SourceRoot) -> Value {
    let notifications: Vec<Value> = errors.iter().flat_map(|e| notifications(e, root)).collect();
    json!({
        "executionSuccessful": errors.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

/// One notification per problem of an unjudged file (at least one a file),
/// at the problem's line and column.
fn notifications(error: &FileError, root: &SourceRoot) -> Vec<Value> {
    let fallback = [Diagnostic {
        path: error.path.clone(),
        line: None,
        column: None,
        message: "the file could not be judged".to_string(),
        help: None,
    }];
    let diagnostics = if error.diagnostics.is_empty() {
        &fallback[..]
    } else {
        &error.diagnostics[..]
    };
    diagnostics
        .iter()
        .map(|d| {
            let region = d.line.map(|l| (l, d.column.unwrap_or(1)));
            json!({
                "level": "error",
                "locations": [location(&root.location(&d.path), region)],
                "message": message(&d.headline()),
            })
        })
        .collect()
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[cfg(test)]
mod tests;
