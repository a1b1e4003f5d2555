//! Writing a report file so a reader never sees half of it, where that is
//! safe.
//!
//! - An existing regular file is replaced atomically: the report is written to
//!   a temporary file beside it, given the old file's mode and owner, synced,
//!   then renamed over it. If the owner cannot be kept, the file has other
//!   hard links (which a rename would cut off), or its folder is not writable,
//!   it is rewritten in place.
//! - A new path is created the same way, with the mode any file the user
//!   creates gets (0o666 less the umask).
//! - A symbolic link is followed: its target is written, the link stays.
//! - A device, FIFO or socket is written to directly, never replaced; a FIFO
//!   nobody reads is refused after a few seconds instead of blocking forever.
//! - A folder is an error.
//! - A file written in place (a device, a hard-linked file, ...) is opened
//!   only when the first byte comes (or at the end, for an empty report), so
//!   a run that fails or is refused before writing leaves it untouched.
//!
//! The temporary file is named and cleaned up by `tempfile` (a random name
//! beside the target, removed unless persisted), created exclusively with
//! the mode any file the user creates gets rather than `tempfile`'s private
//! default.
//!
//! `--output -` means standard output, and a path that is one of the run's
//! inputs is refused before anything is read or written.

use crate::source::{InputErrors, Problem};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// The file `--output` names, or `None` for standard output (no `--output`,
/// or `--output -`).
pub fn file_target(output: Option<&Path>) -> Option<&Path> {
    output.filter(|p| p.as_os_str() != "-")
}

/// Refuses an output path that is one of the inputs (a catalog or a deal),
/// comparing after following links: same canonical path or same file.
pub fn refuse_inputs<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), InputErrors> {
    let Some(out) = Identity::of(output) else {
        return Ok(());
    };
    let mut seen = std::collections::HashSet::new();
    for input in inputs {
        // Each deal names its catalog: look at every path once.
        if !seen.insert(input) {
            continue;
        }
        if Identity::of(input).is_some_and(|i| i.same(&out)) {
            return Err(InputErrors::single(Problem::file(
                output,
                format!(
                    "the report would overwrite {}, an input of this run: choose another --output",
                    input.display()
                ),
            )));
        }
    }
    Ok(())
}

/// Where a path leads: its canonical path (the folder's, for a new file) and,
/// for an existing file, its device and inode.
struct Identity {
    path: Option<PathBuf>,
    file: Option<(u64, u64)>,
}

impl Identity {
    fn of(path: &Path) -> Option<Identity> {
        let resolved = resolve_links(path).ok()?;
        let canonical = match resolved.canonicalize() {
            Ok(c) => Some(c),
            Err(_) => {
                let parent = parent_dir(&resolved).canonicalize().ok();
                parent.zip(resolved.file_name()).map(|(p, n)| p.join(n))
            }
        };
        Some(Identity {
            path: canonical,
            file: fs::metadata(&resolved).ok().and_then(|m| file_id(&m)),
        })
    }

    fn same(&self, other: &Identity) -> bool {
        (self.path.is_some() && self.path == other.path)
            || (self.file.is_some() && self.file == other.file)
    }
}

#[cfg(unix)]
fn file_id(m: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_m: &fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Writes the report to `path` as the module documentation describes: on any
/// error an existing regular file is left untouched (unless it had to be
/// rewritten in place).
pub fn write_atomically<F>(path: &Path, write: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let target = resolve_links(path)?;
    match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => Err(io::Error::other(format!(
            "{} is a folder",
            crate::text::escape_control(&target.display().to_string())
        ))),
        Ok(meta) if meta.is_file() => {
            if keeps_identity(&meta) {
                replace(&target, Some(&meta), write)
            } else {
                write_to(
                    OpenOptions::new().write(true).truncate(true),
                    &target,
                    write,
                )
            }
        }
        // A device, FIFO or socket: written to, never replaced.
        Ok(meta) => {
            // The probe of a FIFO's reader stays open until the writer is,
            // so the reader does not see an end of file in between.
            let probe = wait_for_reader(&target, &meta)?;
            let mut options = OpenOptions::new();
            options.write(true);
            let mut w = OpenOnWrite {
                options: &options,
                path: &target,
                file: None,
            };
            if probe.is_some() {
                w.open()?;
            }
            drop(probe);
            write(&mut w)?;
            w.open()?.flush()
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(&target, None, write),
        Err(e) => Err(e),
    }
}

/// How long `--output` waits for a named pipe's reader before refusing it.
pub const FIFO_PATIENCE: std::time::Duration = std::time::Duration::from_secs(3);

/// For a named pipe: returns once something reads it, or refuses it after
/// [`FIFO_PATIENCE`] (the caller names the path), instead of blocking forever in `open`
/// as a FIFO nobody reads would. Anything else passes.
/// The FIFO opened without blocking is returned: the caller keeps it open
/// until its own writer is.
#[cfg(unix)]
fn wait_for_reader(path: &Path, meta: &fs::Metadata) -> io::Result<Option<File>> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    if !meta.file_type().is_fifo() {
        return Ok(None);
    }
    let started = std::time::Instant::now();
    loop {
        // Without blocking, opening a FIFO for writing fails with ENXIO
        // while no one has it open for reading.
        let probe = OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path);
        match probe {
            Ok(file) => return Ok(Some(file)),
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {}
            Err(e) => return Err(e),
        }
        if started.elapsed() >= FIFO_PATIENCE {
            return Err(io::Error::other(
                "it is a named pipe (FIFO) that nobody reads: start its reader first, or write to a regular file",
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[cfg(not(unix))]
fn wait_for_reader(_path: &Path, _meta: &fs::Metadata) -> io::Result<Option<File>> {
    Ok(None)
}

/// Whether a rename over this file keeps what users expect of it: no other
/// hard links, and an owner this process can give the replacement.
#[cfg(unix)]
fn keeps_identity(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() <= 1
}

#[cfg(not(unix))]
fn keeps_identity(_meta: &fs::Metadata) -> bool {
    true
}

/// Follows symbolic links to the path that is finally written; a link to
/// nothing yet leads to the file to create.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = parent_dir(&current).join(target);
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        crate::text::escape_control(&path.display().to_string())
    )))
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Bytes gathered before a write to the output: a few deals of JSON, so a
/// run of thousands makes hundreds of system calls, not one per deal, and
/// a stream consumer still sees deals within milliseconds.
pub const BUFFER: usize = 64 * 1024;

/// Writes the report into `path`, opened with `options` once the first
/// byte comes (or at the end, for an empty report).
fn write_to<F>(options: &OpenOptions, path: &Path, write: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let mut w = OpenOnWrite {
        options,
        path,
        file: None,
    };
    write(&mut w)?;
    w.open()?.flush()
}

/// A file opened on its first write.
struct OpenOnWrite<'a> {
    options: &'a OpenOptions,
    path: &'a Path,
    file: Option<BufWriter<File>>,
}

impl OpenOnWrite<'_> {
    fn open(&mut self) -> io::Result<&mut BufWriter<File>> {
        if self.file.is_none() {
            let file = self.options.open(self.path)?;
            self.file = Some(BufWriter::with_capacity(BUFFER, file));
        }
        Ok(self.file.as_mut().expect("opened above"))
    }
}

impl Write for OpenOnWrite<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.open()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

/// Writes a temporary file beside `path` and renames it over `path`, giving
/// it the mode and owner of the file it replaces.
fn replace<F>(path: &Path, old: Option<&fs::Metadata>, write: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let tmp = match temp_file(parent_dir(path), path) {
        Ok(created) => created,
        // A writable file in a folder that is not: it can only be rewritten.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && old.is_some() => {
            return write_to(OpenOptions::new().write(true).truncate(true), path, write);
        }
        Err(e) => return Err(e),
    };
    if let Some(old) = old {
        tmp.as_file().set_permissions(old.permissions())?;
        if !same_owner(tmp.as_file(), old)? {
            // Replacing would hand the file to this user: rewrite it instead.
            drop(tmp);
            return write_to(OpenOptions::new().write(true).truncate(true), path, write);
        }
    }
    let mut w = BufWriter::with_capacity(BUFFER, tmp.as_file());
    write(&mut w)?;
    w.flush()?;
    drop(w);
    tmp.as_file().sync_all()?;
    // On failure the temporary file comes back in the error and is removed
    // when it drops.
    tmp.persist(path).map(drop).map_err(|e| e.error)
}

/// Creates `.NAME.dealcheck-XXXXXX.tmp` beside the target with `tempfile`
/// (a random name, retried while taken, removed unless persisted), opened
/// by std: exclusively (never an existing file) and with std's default mode,
/// 0o666 less the umask, where `tempfile`'s own is a private 0o600 (a new
/// report must be as readable as any file the user writes). Errors are the
/// plain system ones, without the temporary name.
fn temp_file(dir: &Path, target: &Path) -> io::Result<NamedTempFile> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.dealcheck-");
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .make_in(dir, |path| {
            OpenOptions::new().write(true).create_new(true).open(path)
        })
}

/// Gives `file` the owner of `old`; false if that is not allowed.
#[cfg(unix)]
fn same_owner(file: &File, old: &fs::Metadata) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let new = file.metadata()?;
    if (new.uid(), new.gid()) == (old.uid(), old.gid()) {
        return Ok(true);
    }
    Ok(std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_ok())
}

#[cfg(not(unix))]
fn same_owner(_file: &File, _old: &fs::Metadata) -> io::Result<bool> {
    Ok(true)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};

    fn write(path: &Path, text: &str) -> io::Result<()> {
        write_atomically(path, |w| w.write_all(text.as_bytes()))
    }

    fn entries(dir: &Path) -> usize {
        fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        write(&path, "old").unwrap();
        let err = write_atomically(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(entries(dir.path()), 1, "no temp file left");
    }

    #[test]
    fn a_new_file_gets_the_mode_from_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        File::create(&plain).unwrap();
        let path = dir.path().join("report.json");
        write(&path, "new").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&path), mode(&plain));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn an_existing_file_keeps_its_mode_and_owner() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        for mode in [0o600, 0o640, 0o755] {
            fs::write(&path, "old").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
            let before = fs::metadata(&path).unwrap();
            write(&path, "new").unwrap();
            let after = fs::metadata(&path).unwrap();
            assert_eq!(after.permissions().mode() & 0o7777, mode);
            assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
            assert_ne!(after.ino(), before.ino(), "replaced, not rewritten");
            assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        }
        assert_eq!(entries(dir.path()), 1);
    }

    #[test]
    fn a_file_of_another_owner_keeps_its_owner() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        fs::write(&path, "old").unwrap();
        // Possible as root (the replacement is given the owner); otherwise
        // the file stays ours and the owner is trivially kept.
        let _ = std::os::unix::fs::chown(&path, Some(4321), Some(4321));
        let before = fs::metadata(&path).unwrap();
        write(&path, "new").unwrap();
        let after = fs::metadata(&path).unwrap();
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        symlink("real.json", &link).unwrap();
        write(&link, "new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        // A link to a file not there yet creates it.
        let dangling = dir.path().join("later.json");
        symlink("sub/made.json", &dangling).unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        write(&dangling, "made").unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("sub/made.json")).unwrap(),
            "made"
        );
        let looping = dir.path().join("loop.json");
        symlink("loop.json", &looping).unwrap();
        assert!(write(&looping, "x").is_err());
    }

    #[test]
    fn a_hard_linked_file_is_rewritten_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        fs::write(&path, "old").unwrap();
        let other = dir.path().join("other-name.json");
        fs::hard_link(&path, &other).unwrap();
        write(&path, "new").unwrap();
        assert_eq!(fs::read_to_string(&other).unwrap(), "new");
    }

    #[test]
    fn a_file_rewritten_in_place_is_opened_only_by_the_first_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        fs::write(&path, "old").unwrap();
        fs::hard_link(&path, dir.path().join("other-name.json")).unwrap();
        let refused = write_atomically(&path, |_| Err(io::Error::other("refused")));
        assert!(refused.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old", "untouched");
        write(&path, "").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "", "an empty report");
    }

    #[test]
    fn a_temporary_file_never_outlives_the_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.json");
        let failed = write_atomically(&path, |w| {
            w.write_all(b"half")?;
            assert_eq!(entries(dir.path()), 1, "the temporary file, beside");
            let name = fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap();
            let name = name.file_name().into_string().unwrap();
            assert!(name.starts_with(".new.json.dealcheck-") && name.ends_with(".tmp"));
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(entries(dir.path()), 0, "no report, no temporary file");
    }

    #[test]
    fn a_writable_file_in_a_read_only_folder_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("locked");
        fs::create_dir(&sub).unwrap();
        let path = sub.join("report.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&sub, fs::Permissions::from_mode(0o555)).unwrap();
        let result = write(&path, "new");
        fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
        result.unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(&sub), 1);
    }

    #[test]
    fn devices_are_written_not_replaced_and_folders_refused() {
        write(Path::new("/dev/null"), "discarded").unwrap();
        assert!(!fs::metadata("/dev/null").unwrap().is_file());
        let dir = tempfile::tempdir().unwrap();
        let err = write(dir.path(), "x").unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
    }

    #[test]
    fn a_fifo_is_written_to_directly() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        write(&fifo, "through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        assert!(!fs::metadata(&fifo).unwrap().is_file(), "still a FIFO");
        assert_eq!(entries(dir.path()), 1);
    }

    #[test]
    fn inputs_are_refused_however_they_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let deal = dir.path().join("deal.toml");
        fs::write(&deal, "x").unwrap();
        let catalog = dir.path().join("catalog.toml");
        fs::write(&catalog, "x").unwrap();
        let link = dir.path().join("link.toml");
        symlink(&deal, &link).unwrap();
        let hard = dir.path().join("hard.toml");
        fs::hard_link(&catalog, &hard).unwrap();
        let inputs = [deal.as_path(), catalog.as_path()];
        let roundabout = dir.path().join("sub/../deal.toml");
        fs::create_dir(dir.path().join("sub")).unwrap();
        for out in [&deal, &catalog, &link, &hard, &roundabout] {
            let err = refuse_inputs(out, inputs).unwrap_err();
            assert!(
                err.render(false).contains("an input of this run"),
                "{out:?}"
            );
        }
        assert!(refuse_inputs(&dir.path().join("report.json"), inputs).is_ok());
        assert!(refuse_inputs(&dir.path().join("sub"), inputs).is_ok());
    }

    #[test]
    fn a_dash_means_standard_output() {
        assert_eq!(file_target(Some(Path::new("-"))), None);
        assert_eq!(file_target(None), None);
        let p = Path::new("r.json");
        assert_eq!(file_target(Some(p)), Some(p));
    }
}
