//! The old path of [`crate::figures`].

// TEMP re-export until merge: branches written before the rename still say
// `crate::round::...`; everything lives in `crate::figures`.
pub use crate::figures::*;
