//! `--format json` (one document) and `--format jsonl` (one deal a line),
//! and the JSON Schema that describes both.

use super::{
    CheckRun, DealReport, FileError, Renderer, Report, RunEnd, RunHeader, SCHEMA_VERSION, Tool,
};
use schemars::transform::RecursiveTransform;
use schemars::{Schema, generate::SchemaSettings};
use std::io::{self, Seek, Write};

/// The whole report as one pretty-printed JSON document. The summary comes
/// before the deals in the document, so the deals are spooled as they come
/// (in memory up to a few MiB, then in a temporary file): memory stays flat
/// however many deals there are.
pub struct Document {
    header: Option<RunHeader>,
    deals: tempfile::SpooledTempFile,
    count: usize,
    errors: Vec<FileError>,
}

/// Bytes of deals kept in memory before spooling to a temporary file.
const SPOOL_IN_MEMORY: usize = 8 << 20;

impl Default for Document {
    fn default() -> Document {
        Document {
            header: None,
            deals: tempfile::spooled_tempfile(SPOOL_IN_MEMORY),
            count: 0,
            errors: Vec::new(),
        }
    }
}

impl Renderer<CheckRun> for Document {
    fn begin(&mut self, run: &RunHeader, _: &mut dyn Write) -> io::Result<()> {
        self.header = Some(run.clone());
        Ok(())
    }

    fn item(&mut self, deal: &DealReport, _: &mut dyn Write) -> io::Result<()> {
        let mut spool = io::BufWriter::new(&mut self.deals);
        element(deal, self.count, &mut spool)?;
        spool.flush()?;
        self.count += 1;
        Ok(())
    }

    fn unjudged(&mut self, file: &FileError, _: &mut dyn Write) -> io::Result<()> {
        self.errors.push(file.clone());
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd, out: &mut dyn Write) -> io::Result<()> {
        let header = self.header.take().ok_or_else(super::stream::not_begun)?;
        let skeleton = Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool::default(),
            as_of: header.as_of,
            catalog: header.catalog,
            summary: end.summary.clone(),
            deals: Vec::new(),
            errors: std::mem::take(&mut self.errors),
            book: end.book.clone(),
            portfolio: end.portfolio.clone(),
        };
        let text = serde_json::to_string_pretty(&skeleton)?;
        let (head, tail) = split_at_array(&text, "deals");
        out.write_all(head.as_bytes())?;
        self.deals.rewind()?;
        io::copy(&mut self.deals, out)?;
        close_array(tail, self.count, out)
    }
}

/// The pretty text of a document whose top-level array `key` is empty,
/// split just inside its brackets: `(… "key": [`, `] …)`. The elements are
/// written in between by [`element`] as they come, then [`close_array`].
pub(crate) fn split_at_array<'a>(text: &'a str, key: &str) -> (&'a str, &'a str) {
    // JSON strings never hold a raw newline, so this marks the key itself.
    let marker = format!("\n  \"{key}\": []");
    let at = text
        .find(&marker)
        .map_or(text.len(), |i| i + marker.len() - 1);
    text.split_at(at)
}

/// Element `index` of a top-level array of a pretty-printed document,
/// exactly as `serde_json::to_writer_pretty` lays it out: nested two levels
/// deep, every line indented by four, written straight to `out` (no copy of
/// a large element's text).
pub(crate) fn element<T: serde::Serialize + ?Sized, W: Write + ?Sized>(
    value: &T,
    index: usize,
    out: &mut W,
) -> io::Result<()> {
    let sep = if index == 0 { "\n    " } else { ",\n    " };
    out.write_all(sep.as_bytes())?;
    serde_json::to_writer_pretty(Indented(&mut *out), value)?;
    Ok(())
}

/// The rest of the document after `count` elements: the closing bracket on
/// a line of its own unless the array is empty, then `tail` and a newline.
pub(crate) fn close_array(tail: &str, count: usize, out: &mut dyn Write) -> io::Result<()> {
    if count > 0 {
        out.write_all(b"\n  ")?;
    }
    out.write_all(tail.as_bytes())?;
    writeln!(out)
}

/// Writes through, indenting every new line by four spaces. JSON strings
/// never hold a raw newline, so every `\n` is a line break of the layout.
struct Indented<W: Write>(W);

impl<W: Write> Write for Indented<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|b| *b == b'\n') {
            self.0.write_all(&rest[..=i])?;
            self.0.write_all(b"    ")?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// One compact JSON object per deal, one per file that could not be judged,
/// in path order as they come, so a stream consumer can process deals as
/// they come.
#[derive(Default)]
pub struct Lines {
    /// One line at a time is serialised here, then written in one call:
    /// serde's many small writes never go through the `dyn` writer.
    line: Vec<u8>,
}

impl Renderer<CheckRun> for Lines {
    fn begin(&mut self, _: &RunHeader, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn item(&mut self, deal: &DealReport, out: &mut dyn Write) -> io::Result<()> {
        self.line.clear();
        deal_line(deal, &mut self.line)?;
        out.write_all(&self.line)
    }
    fn unjudged(&mut self, file: &FileError, out: &mut dyn Write) -> io::Result<()> {
        error_line(file, out)
    }
    fn finish(&mut self, _: &RunEnd, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// One deal as one line of JSON. Generic over the writer: into a
/// `Vec<u8>`, serde's many small writes inline to plain copies.
pub fn deal_line<W: Write + ?Sized>(deal: &DealReport, out: &mut W) -> io::Result<()> {
    serde_json::to_writer(&mut *out, deal)?;
    out.write_all(b"\n")
}

/// A file that could not be judged as one line, the same object as an
/// element of the JSON report's `errors`.
pub fn error_line<W: Write + ?Sized>(error: &FileError, out: &mut W) -> io::Result<()> {
    serde_json::to_writer(&mut *out, error)?;
    writeln!(out)
}

/// The JSON Schema that `dealcheck schema` prints. It accepts exactly what
/// dealcheck writes: a `--format json` document, or one line of
/// `--format jsonl` (a deal report or a file that could not be judged), and
/// no unknown key anywhere.
pub fn schema() -> Schema {
    let mut generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(close_objects))
        .into_generator();
    let document = generator.subschema_for::<Report>();
    let deal = generator.subschema_for::<DealReport>();
    let unjudged = generator.subschema_for::<FileError>();
    let definitions = generator.take_definitions(true);
    let mut root = schemars::json_schema!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "dealcheck output",
        "description": "What `dealcheck check` prints: a `--format json` document (`Report`), or one line of `--format jsonl`: a deal (`DealReport`, an element of `deals`) or a file that could not be judged (`FileError`, an element of `errors`).",
        "oneOf": [document, deal, unjudged],
        "$defs": definitions,
    });
    close_objects(&mut root);
    root
}

/// Unknown keys are rejected wherever the schema lists the keys: every
/// object dealcheck writes has a fixed set. Applied to every subschema at
/// generation, so no type has to say it.
pub(crate) fn close_objects(schema: &mut Schema) {
    if let Some(object) = schema.as_object_mut()
        && object.contains_key("properties")
        && !object.contains_key("additionalProperties")
        && !object.contains_key("unevaluatedProperties")
    {
        object.insert("additionalProperties".into(), false.into());
    }
}

/// The JSON Schema of a document type `T` titled `title`, as every command's
/// JSON is described: draft 2020-12, objects closed to unknown keys.
pub fn document_schema<T: schemars::JsonSchema>(title: &str) -> schemars::Schema {
    let mut generator = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(schemars::transform::RecursiveTransform(close_objects))
        .into_generator();
    let mut root = generator.root_schema_for::<T>();
    root.insert("title".into(), title.into());
    close_objects(&mut root);
    root
}
