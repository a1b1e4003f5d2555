//! Standard output that a closed pipe (`dealcheck check deals | head -1`)
//! silences instead of stopping: the run goes on, so the exit code still
//! reflects every deal (a `set -o pipefail` CI job must not go green on an
//! infeasible deal because the reader stopped early).

use std::io::{self, Write};

/// Writes through until the reader goes away, then swallows the rest.
pub struct Stdout<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> Stdout<W> {
    pub fn new(inner: W) -> Self {
        Stdout {
            inner,
            closed: false,
        }
    }

    fn guard<T>(&mut self, result: io::Result<T>, done: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.guard(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.guard(result, ())
    }
}

/// True when an error comes from writing to a reader that went away.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("disk full"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::other("disk full"))
        }
    }

    #[test]
    fn other_errors_still_fail() {
        let mut out = Stdout::new(Full);
        assert!(out.write_all(b"x").is_err());
        assert!(!out.closed);
        assert!(out.flush().is_err());
    }

    #[test]
    fn a_closed_flush_is_silenced_too() {
        let mut out = Stdout::new(Closed);
        assert!(out.flush().is_ok());
        assert!(out.closed);
    }

    #[test]
    fn broken_pipes_are_recognised_through_context() {
        let e = anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe)).context("writing");
        assert!(is_broken_pipe(&e));
        assert!(!is_broken_pipe(&anyhow::anyhow!("something else")));
    }

    #[test]
    fn a_closed_reader_silences_instead_of_failing() {
        let mut out = Stdout::new(Closed);
        assert!(out.write_all(b"deal 1\n").is_ok());
        assert!(out.closed);
        assert!(out.flush().is_ok());
        let mut open = Stdout::new(Vec::new());
        open.write_all(b"x").unwrap();
        assert_eq!(open.inner, b"x");
    }
}
