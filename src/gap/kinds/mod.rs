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

/// The parts one after another, in one allocation of the right size: the
/// texts of the most frequent gaps (thousands a run) are made this way
/// rather than through `format!`.
pub(super) fn join(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// A date as its `Display` writes it (`2027-03-31`), without the
/// formatting machinery for the years of four digits.
pub(super) fn date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let Ok(year) = u32::try_from(d.year()) else {
        return d.to_string();
    };
    if year > 9999 {
        return d.to_string();
    }
    let mut text = *b"0000-00-00";
    for (at, value, width) in [(0, year, 4), (5, d.month(), 2), (8, d.day(), 2)] {
        let mut v = value;
        for i in (at..at + width).rev() {
            text[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    }
    text.iter().map(|&b| char::from(b)).collect()
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
