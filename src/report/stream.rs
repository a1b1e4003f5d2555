//! One interface every output format of every command implements, fed one
//! item at a time.
//!
//! A command's output is a [`Stream`]: what is known before the first item
//! (its head), the items in path order (a deal's report for `check`, an
//! offer for `offer`, a finding for `catalog lint`), the files that could
//! not be judged, and what is known after the last item. A run calls
//! [`Renderer::begin`], then [`Renderer::item`] or [`Renderer::unjudged`]
//! for each input in path order, then [`Renderer::finish`]. A format that
//! can write as it goes does; a format whose document needs the whole run
//! first (a summary table, SARIF, JUnit's counts) wraps a function of the
//! stream's whole value in [`Gathered`].
//!
//! Each command declares its formats in the library as a
//! [`crate::choice::Choice`] whose `renderer` gives a `Box<dyn Renderer<_>>`;
//! the binary only maps its arguments to one and feeds it.

use super::FileError;
use std::io::{self, Write};

/// What a command renders, as it comes.
pub trait Stream {
    /// What is known before the first item.
    type Head: Clone;
    /// One judged input.
    type Item: Clone;
    /// What is known after the last item.
    type End;
    /// The whole run as one value: what a format that needs it all renders.
    type Whole;

    /// The whole run from its parts.
    fn whole(
        head: Self::Head,
        items: Vec<Self::Item>,
        unjudged: Vec<FileError>,
        end: &Self::End,
    ) -> Self::Whole;
}

/// An output format of a stream, written as the run goes.
pub trait Renderer<S: Stream> {
    fn begin(&mut self, head: &S::Head, out: &mut dyn Write) -> io::Result<()>;
    fn item(&mut self, item: &S::Item, out: &mut dyn Write) -> io::Result<()>;
    /// An item this format rendered on its own, off the writing thread
    /// (see [`super::Format::prepare`]): the bytes only need writing, in order.
    fn prepared(&mut self, bytes: &[u8], out: &mut dyn Write) -> io::Result<()> {
        out.write_all(bytes)
    }
    /// A file that could not be judged (its problems went to standard error).
    fn unjudged(&mut self, file: &FileError, out: &mut dyn Write) -> io::Result<()>;
    fn finish(&mut self, end: &S::End, out: &mut dyn Write) -> io::Result<()>;
}

type WriteWhole<W> = Box<dyn Fn(&W, &mut dyn Write) -> io::Result<()>>;

/// A format that needs the whole run: keeps every item, writes at finish.
pub struct Gathered<S: Stream> {
    write: WriteWhole<S::Whole>,
    head: Option<S::Head>,
    items: Vec<S::Item>,
    unjudged: Vec<FileError>,
}

impl<S: Stream> Gathered<S> {
    pub fn new(write: impl Fn(&S::Whole, &mut dyn Write) -> io::Result<()> + 'static) -> Self {
        Gathered {
            write: Box::new(write),
            head: None,
            items: Vec::new(),
            unjudged: Vec::new(),
        }
    }
}

impl<S: Stream> Renderer<S> for Gathered<S> {
    fn begin(&mut self, head: &S::Head, _: &mut dyn Write) -> io::Result<()> {
        self.head = Some(head.clone());
        Ok(())
    }
    fn item(&mut self, item: &S::Item, _: &mut dyn Write) -> io::Result<()> {
        self.items.push(item.clone());
        Ok(())
    }
    fn unjudged(&mut self, file: &FileError, _: &mut dyn Write) -> io::Result<()> {
        self.unjudged.push(file.clone());
        Ok(())
    }
    fn finish(&mut self, end: &S::End, out: &mut dyn Write) -> io::Result<()> {
        let head = self.head.take().ok_or_else(not_begun)?;
        let whole = S::whole(
            head,
            std::mem::take(&mut self.items),
            std::mem::take(&mut self.unjudged),
            end,
        );
        (self.write)(&whole, out)
    }
}

/// Why a format cannot render a run, carried by the `io::Error` its
/// renderer returns (`offer --format toml` of several deals, or of a deal
/// without the variant asked for): nothing of it is written, and the caller
/// says the message (if any; `None` when the problems were already said)
/// and exits 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub Option<String>);

impl Refused {
    /// The error a renderer returns to refuse, saying `message`.
    pub fn because(message: String) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidInput, Refused(Some(message)))
    }

    /// The error a renderer returns to refuse what was already said.
    pub fn silently() -> io::Error {
        io::Error::new(io::ErrorKind::InvalidInput, Refused(None))
    }

    /// The refusal an error carries, if it is one.
    pub fn of(e: &io::Error) -> Option<&Refused> {
        e.get_ref()
            .and_then(|inner| inner.downcast_ref::<Refused>())
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            self.0
                .as_deref()
                .unwrap_or("the format cannot render this run"),
        )
    }
}

impl std::error::Error for Refused {}

/// The error of a renderer finished before it began: a bug of the caller.
pub(crate) fn not_begun() -> io::Error {
    io::Error::other("a renderer was finished before it began")
}

/// Renders a run already held in full (every item, every unjudged file)
/// through a streaming renderer: for tests, and for a command whose items
/// are all known at once (`catalog lint`).
pub fn render_all<S: Stream>(
    renderer: &mut dyn Renderer<S>,
    head: &S::Head,
    items: &[S::Item],
    unjudged: &[FileError],
    end: &S::End,
    out: &mut dyn Write,
) -> io::Result<()> {
    renderer.begin(head, out)?;
    for item in items {
        renderer.item(item, out)?;
    }
    for file in unjudged {
        renderer.unjudged(file, out)?;
    }
    renderer.finish(end, out)
}
