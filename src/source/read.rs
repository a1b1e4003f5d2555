//! Reading an input file without trusting it: only regular files (a FIFO
//! would block forever, `/dev/zero` never ends), a size cap, and UTF-8 whose
//! first invalid byte is located like any other problem.

use super::{InputErrors, Problem, Source};
use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

/// The largest input file read: 64 MiB. Catalogs and deals are hand-written
/// TOML of a few kilobytes; a file this big is a mistake, and refusing it
/// keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`].
pub(super) fn read_bytes(path: &Path) -> Result<Vec<u8>, InputErrors> {
    let fail = |message: String| InputErrors::single(Problem::file(path, message));
    // Look before opening: opening a FIFO for reading blocks until a writer comes.
    let meta = fs::metadata(path).map_err(|e| fail(unreachable_file(path, &e)))?;
    regular(&meta).map_err(fail)?;
    let file = File::open(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    // And again on what was opened, in case the path changed in between.
    let meta = file
        .metadata()
        .map_err(|e| fail(format!("cannot read the file: {e}")))?;
    regular(&meta).map_err(fail)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(too_big("the file", meta.len())));
    }
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    read_capped(path, file, capacity, "the file")
}

/// At most [`MAX_FILE_BYTES`] from `reader` (a file, or standard input,
/// which has no size to look at first): one byte more is refused, so a
/// stream that never ends is not read to its end.
pub(super) fn read_capped(
    path: &Path,
    reader: impl Read,
    capacity: usize,
    what: &str,
) -> Result<Vec<u8>, InputErrors> {
    let fail = |message: String| InputErrors::single(Problem::file(path, message));
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read {what}: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(too_big(what, bytes.len() as u64)));
    }
    Ok(bytes)
}

fn too_big(what: &str, len: u64) -> String {
    format!(
        "{what} is too big ({len} bytes or more): the limit is {} MiB",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Why a path cannot be opened, saying what a link points at.
fn unreachable_file(path: &Path, e: &std::io::Error) -> String {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match (is_link, e.kind()) {
        (true, std::io::ErrorKind::NotFound) => {
            "a dangling symbolic link: what it points to does not exist".to_string()
        }
        (true, _) => format!("a symbolic link that cannot be followed (a loop?): {e}"),
        (false, std::io::ErrorKind::NotFound) => "no such file".to_string(),
        (false, _) => format!("cannot read the file: {e}"),
    }
}

/// `Ok` for a regular file, else what the path is instead.
pub(crate) fn regular(meta: &fs::Metadata) -> Result<(), String> {
    if meta.is_file() {
        return Ok(());
    }
    Err(if meta.is_dir() {
        "is a folder, not a file".to_string()
    } else {
        format!(
            "not a regular file (it is {}): only regular files are read",
            special_kind(meta)
        )
    })
}

/// What a path that is neither a file nor a folder is.
#[cfg(unix)]
pub(crate) fn special_kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
pub(crate) fn special_kind(_meta: &fs::Metadata) -> &'static str {
    "a special file"
}

/// A second byte order mark (an editor or a `cat` of two files put it
/// there) is refused at 1:1, not stripped: other TOML tools (an editor's,
/// the offer's rewrite) would each read it their own way, so `check` and
/// `offer` both say it is there and how to fix it.
fn second_mark(path: &Path, text: String) -> InputErrors {
    let source = Source::new(path.to_path_buf(), text);
    let problem = source
        .problem(
            0..'\u{feff}'.len_utf8(),
            "the file starts with two byte order marks (U+FEFF)",
        )
        .with_help("remove the second one: save the file as UTF-8, with at most one");
    InputErrors::single(problem)
}

/// UTF-8 text without a leading byte order mark (a second one is refused); the first invalid byte is a
/// problem at its line and column, with the line shown (lossily).
pub(super) fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, InputErrors> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) if text.starts_with('\u{feff}') => Err(second_mark(path, text)),
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let bad = bytes.get(at).copied().unwrap_or(0);
            // The valid prefix is unchanged by the lossy conversion, so `at`
            // is where the replacement character stands.
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            let source = Source::new(path.to_path_buf(), lossy);
            let problem = source
                .problem(
                    at..at + '\u{FFFD}'.len_utf8(),
                    format!("the file is not UTF-8 text: invalid byte 0x{bad:02X}"),
                )
                .with_help("save the file as UTF-8");
            Err(InputErrors::single(problem))
        }
    }
}
