//! The typed facts of each gap code and the words derived from them.
//!
//! Each row of the gap table (`super::table`) names its payload type here.
//! A payload's serialised fields are the gap's JSON `data` (and its schema);
//! fields marked `skip` are only used for the words. Producers build a
//! payload; nothing else formats a gap's text.

mod availability;
mod catalog;
mod features;
mod limits;
mod schedule;

pub use availability::*;
pub use catalog::*;
pub use features::*;
pub use limits::*;
pub use schedule::*;

/// The words of a gap, derived from its facts.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::gap) struct Text {
    pub subject: String,
    pub message: String,
    pub suggestion: Option<String>,
}

pub(super) fn text(
    subject: impl Into<String>,
    message: impl Into<String>,
    suggestion: Option<String>,
) -> Text {
    Text {
        subject: subject.into(),
        message: message.into(),
        suggestion,
    }
}

/// Figures [`percent`] remembers per thread before the memory starts afresh.
const KEPT: usize = 4096;
/// The longest text [`percent`] remembers (`99.9999%` is 8 bytes).
const INLINE: usize = 15;

thread_local! {
    /// What [`percent`] remembers: each figure's text, inline.
    static KNOWN: std::cell::RefCell<rustc_hash::FxHashMap<u64, (u8, [u8; INLINE])>> =
        std::cell::RefCell::default();
}

/// [`crate::figures::format_percent`], remembered per thread: a run
/// words the same few targets and composites in thousands of gaps, and
/// working one out (a fixed-precision float format) costs far more than
/// looking it up. The same text either way.
///
/// The texts are kept inline in the table, not as strings of their own:
/// thousands of tiny strings living as long as the run were scattered over
/// the pages of the small allocations every deal makes and frees, and held
/// them (a 10,000-deal offer peaked 4 to 7 MB higher).
pub(super) fn percent(a: f64) -> String {
    KNOWN.with_borrow_mut(|known| {
        let kept = (known.get(&a.to_bits()))
            .and_then(|(len, bytes)| bytes.get(..usize::from(*len)))
            .and_then(|bytes| std::str::from_utf8(bytes).ok());
        if let Some(text) = kept {
            return text.to_owned();
        }
        let text = crate::figures::format_percent(a);
        if let Ok(len) = u8::try_from(text.len())
            && text.len() <= INLINE
        {
            if known.len() >= KEPT {
                known.clear();
            }
            let mut bytes = [0; INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            known.insert(a.to_bits(), (len, bytes));
        }
        text
    })
}

/// "did you mean "x"?" when there is a near id, else the fallback advice.
pub(super) fn nearest_or(nearest: &Option<String>, fallback: impl Into<String>) -> Option<String> {
    Some(match nearest {
        Some(n) => crate::suggest::meant(n),
        None => fallback.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::percent;
    use crate::figures::format_percent;

    /// Each figure once, up to the bound; then the memory starts afresh
    /// (on a thread of its own, so other tests' figures do not count).
    #[test]
    fn figures_are_remembered_up_to_a_bound() {
        let kept = std::thread::spawn(|| {
            let len = || super::KNOWN.with_borrow(|k| k.len());
            percent(0.25);
            percent(0.25);
            percent(0.5);
            let two = len();
            percent(1e20); // too long to keep
            let still_two = len();
            for i in 0..super::KEPT - two {
                percent((i + 1) as f64 / 1e6);
            }
            let full = len();
            percent(0.75);
            (two, still_two, full, len())
        })
        .join()
        .expect("the thread runs");
        assert_eq!(kept, (2, 2, super::KEPT, 1));
    }

    /// Worked out or remembered, short or too long to keep, the text is
    /// the formatter's.
    #[test]
    fn a_remembered_percentage_reads_as_written() {
        for a in [0.99664, 1.0, 0.0, -0.0, 0.5, 1e20, f64::MAX, 0.123_456_789] {
            for _ in 0..2 {
                assert_eq!(percent(a), format_percent(a), "{a}");
            }
        }
    }
}
