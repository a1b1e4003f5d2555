//! A deal's `jsonl` line, written field by field: byte for byte what
//! `serde_json::to_writer` writes of a [`DealReport`] (the integration
//! tests hold the two together on every deal of the formats' fixture), at
//! a fraction of the cost where a run of thousands of deals spends it, in
//! the gaps: each gap's code, name, severity and area are one piece of text
//! per code, worked out once, and the file's path is escaped once per deal
//! rather than once per gap. The sections go through the compact writer.

use super::DealReport;
use super::compact::{Compact, Refused, write_str};
use crate::gap::{Gap, GapCode};
use crate::source::Location;
use serde::Serialize;
use std::sync::OnceLock;

/// Appends `deal` to `out` as compact JSON, what serde_json writes; `Err`
/// (with `out` part written) for a value the compact writer leaves to
/// serde_json.
pub(super) fn deal(deal: &DealReport, out: &mut Vec<u8>) -> Result<(), Refused> {
    out.extend_from_slice(b"{\"path\":");
    write_str(out, &deal.path);
    out.extend_from_slice(b",\"id\":");
    write_str(out, &deal.id);
    out.extend_from_slice(b",\"customer\":");
    write_str(out, &deal.customer);
    if let Some(owner) = &deal.owner {
        out.extend_from_slice(b",\"owner\":");
        write_str(out, owner);
    }
    out.extend_from_slice(b",\"status\":");
    deal.status.serialize(&mut Compact::new(out))?;
    out.extend_from_slice(b",\"start\":");
    crate::figures::ser_date(&deal.start, &mut Compact::new(out))?;
    out.extend_from_slice(b",\"deadline\":");
    crate::figures::ser_date(&deal.deadline, &mut Compact::new(out))?;
    out.extend_from_slice(b",\"verdict\":");
    deal.verdict.serialize(&mut Compact::new(out))?;
    out.extend_from_slice(b",\"gaps\":[");
    let mut paths = Paths::default();
    for (i, gap) in deal.gaps.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        self::gap(gap, &mut paths, out)?;
    }
    out.extend_from_slice(b"],\"schedule\":");
    deal.schedule.serialize(&mut Compact::new(out))?;
    out.extend_from_slice(b",\"availability\":");
    deal.availability.serialize(&mut Compact::new(out))?;
    out.push(b'}');
    Ok(())
}

/// One gap, as `Gap`'s `Serialize` writes it.
fn gap(gap: &Gap, paths: &mut Paths, out: &mut Vec<u8>) -> Result<(), Refused> {
    out.extend_from_slice(&heads()[gap.code().index()]);
    write_str(out, gap.subject());
    out.extend_from_slice(b",\"message\":");
    write_str(out, gap.message());
    out.extend_from_slice(b",\"suggestion\":");
    match gap.suggestion() {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"location\":");
    match &gap.location {
        Some(at) => location(at, paths, out),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"data\":");
    gap.facts().serialize(&mut Compact::new(out))?;
    out.push(b'}');
    Ok(())
}

/// Per code, a gap's object up to its subject's value:
/// `{"code":"F008","name":"implied-feature","severity":"info","area":"features","subject":`.
fn heads() -> &'static [Vec<u8>] {
    static HEADS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    HEADS.get_or_init(|| {
        GapCode::ALL
            .iter()
            .map(|code| {
                let mut head = b"{\"code\":".to_vec();
                write_str(&mut head, code.code());
                head.extend_from_slice(b",\"name\":");
                write_str(&mut head, code.name());
                head.extend_from_slice(b",\"severity\":");
                write_str(&mut head, code.severity().as_str());
                head.extend_from_slice(b",\"area\":");
                write_str(&mut head, code.area().as_str());
                head.extend_from_slice(b",\"subject\":");
                head
            })
            .collect()
    })
}

/// The last path written and its escaped text: a deal's gaps are nearly
/// all in its own file.
#[derive(Default)]
struct Paths {
    path: Option<std::sync::Arc<str>>,
    escaped: Vec<u8>,
}

/// A location, as its `Serialize` writes it.
fn location(at: &Location, paths: &mut Paths, out: &mut Vec<u8>) {
    if paths.path.as_deref() != Some(&*at.path) {
        paths.escaped.clear();
        write_str(&mut paths.escaped, &at.path);
        paths.path = Some(at.path.clone());
    }
    out.extend_from_slice(b"{\"path\":");
    out.extend_from_slice(&paths.escaped);
    out.extend_from_slice(b",\"line\":");
    count(at.line, out);
    out.extend_from_slice(b",\"column\":");
    count(at.column, out);
    out.push(b'}');
}

/// A count in decimal, as serde_json writes it.
fn count(n: usize, out: &mut Vec<u8>) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}
