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

/// [`crate::figures::format_percent`], remembered per thread: a run
/// words the same few targets and composites in thousands of gaps, and
/// working one out (a fixed-precision float format) costs far more than
/// looking it up. The same text either way.
pub(super) fn percent(a: f64) -> String {
    use std::cell::RefCell;
    /// Figures remembered per thread before the memory starts afresh.
    const KEPT: usize = 4096;
    thread_local! {
        static KNOWN: RefCell<rustc_hash::FxHashMap<u64, String>> = RefCell::default();
    }
    KNOWN.with_borrow_mut(|known| {
        if let Some(text) = known.get(&a.to_bits()) {
            return text.clone();
        }
        if known.len() >= KEPT {
            known.clear();
        }
        let text = crate::figures::format_percent(a);
        known.insert(a.to_bits(), text.clone());
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
