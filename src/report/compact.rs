//! Compact JSON into a byte buffer, byte for byte what
//! `serde_json::to_writer` writes, faster where a `jsonl` run spends its
//! time: strings are scanned for what needs escaping eight bytes at a time
//! (serde_json looks at every byte), and every write is a plain copy into
//! the buffer. Numbers are written by serde_json's own formatter.
//!
//! Anything this serializer does not write the way serde_json would (a map
//! key that is not text, a number or a bool) is an error, and the caller
//! writes the value with serde_json instead: see [`to_vec`].

use serde::ser::{self, Impossible, Serialize};
use serde_json::ser::{CompactFormatter, Formatter};
use std::fmt;

/// Appends `value` to `out` as compact JSON: what `serde_json::to_writer`
/// writes. Should this serializer refuse a value, `out` is left as it was
/// and serde_json writes it (and reports its error, if any).
pub fn to_vec<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let at = out.len();
    if value.serialize(&mut Compact::new(out)).is_ok() {
        return Ok(());
    }
    out.truncate(at);
    serde_json::to_writer(out, value)
}

/// A value this serializer leaves to serde_json.
#[derive(Debug)]
pub struct Refused(String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

impl ser::Error for Refused {
    fn custom<T: fmt::Display>(msg: T) -> Refused {
        Refused(msg.to_string())
    }
}

fn refused<T>() -> Result<T, Refused> {
    Err(Refused("left to serde_json".into()))
}

/// The serializer: the buffer written to.
pub struct Compact<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Compact<'a> {
    /// A serializer appending to `out`.
    pub(super) fn new(out: &'a mut Vec<u8>) -> Compact<'a> {
        Compact { out }
    }
}

/// Which bytes JSON escapes, and how (serde_json's table): `u` for
/// `\u00XX`, 0 for none.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes of `w` needs escaping: below 0x20, a
/// quote or a backslash (exact: no byte is missed, none is flagged wrongly
/// as a whole, though which one is not said).
fn needs_escape(w: u64) -> bool {
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
    let quote = (w ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES) & !(w ^ (ONES * u64::from(b'"')));
    let backslash =
        (w ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES) & !(w ^ (ONES * u64::from(b'\\')));
    (below_space | ((quote | backslash) & HIGHS)) != 0
}

/// `s` as a JSON string, escaped as serde_json escapes it.
pub(super) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            if !needs_escape(word) {
                i += 8;
                continue;
            }
        }
        let end = (i + 8).min(bytes.len());
        while i < end {
            let b = bytes[i];
            let escape = ESCAPE[b as usize];
            if escape != 0 {
                out.extend_from_slice(&bytes[start..i]);
                escaped(out, b, escape);
                start = i + 1;
            }
            i += 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

fn escaped(out: &mut Vec<u8>, byte: u8, escape: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    if escape == b'u' {
        out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[(byte >> 4) as usize],
            HEX[(byte & 0xf) as usize],
        ]);
    } else {
        out.extend_from_slice(&[b'\\', escape]);
    }
}

/// Numbers as serde_json writes them (its formatter, into the buffer).
macro_rules! numbers {
    ($($method:ident $write:ident $t:ty;)*) => {
        $(fn $method(self, v: $t) -> Result<(), Refused> {
            CompactFormatter.$write(self.out, v).map_err(|e| Refused(e.to_string()))
        })*
    };
}

impl<'s, 'a> ser::Serializer for &'s mut Compact<'a> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Compound<'s, 'a>;
    type SerializeTuple = Compound<'s, 'a>;
    type SerializeTupleStruct = Compound<'s, 'a>;
    type SerializeTupleVariant = Compound<'s, 'a>;
    type SerializeMap = Compound<'s, 'a>;
    type SerializeStruct = Compound<'s, 'a>;
    type SerializeStructVariant = Compound<'s, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Refused> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    numbers! {
        serialize_i8 write_i8 i8;
        serialize_i16 write_i16 i16;
        serialize_i32 write_i32 i32;
        serialize_i64 write_i64 i64;
        serialize_i128 write_i128 i128;
        serialize_u8 write_u8 u8;
        serialize_u16 write_u16 u16;
        serialize_u32 write_u32 u32;
        serialize_u64 write_u64 u64;
        serialize_u128 write_u128 u128;
    }

    fn serialize_f32(self, v: f32) -> Result<(), Refused> {
        if !v.is_finite() {
            return self.serialize_unit();
        }
        CompactFormatter
            .write_f32(self.out, v)
            .map_err(|e| Refused(e.to_string()))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Refused> {
        if !v.is_finite() {
            return self.serialize_unit();
        }
        CompactFormatter
            .write_f64(self.out, v)
            .map_err(|e| Refused(e.to_string()))
    }

    fn serialize_char(self, v: char) -> Result<(), Refused> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Refused> {
        write_str(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Refused> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result<(), Refused> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Refused> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Refused> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Refused> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Refused> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'s, 'a>, Refused> {
        self.out.push(b'[');
        Ok(Compound::new(self, b']', false))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'s, 'a>, Refused> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'s, 'a>, Refused> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'s, 'a>, Refused> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":[");
        Ok(Compound::new(self, b']', true))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'s, 'a>, Refused> {
        self.out.push(b'{');
        Ok(Compound::new(self, b'}', false))
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'s, 'a>, Refused> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'s, 'a>, Refused> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":{");
        Ok(Compound::new(self, b'}', true))
    }
}

/// An array or object being written: a comma before every element but the
/// first, its closing bracket (and the variant's, for an enum's) at the end.
pub struct Compound<'s, 'a> {
    ser: &'s mut Compact<'a>,
    first: bool,
    close: u8,
    variant: bool,
}

impl<'s, 'a> Compound<'s, 'a> {
    fn new(ser: &'s mut Compact<'a>, close: u8, variant: bool) -> Compound<'s, 'a> {
        Compound {
            ser,
            first: true,
            close,
            variant,
        }
    }

    fn comma(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.ser.out.push(b',');
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        self.comma();
        value.serialize(&mut *self.ser)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Refused> {
        self.comma();
        // A field's name (an identifier, nearly always) needs no escaping:
        // written in one piece.
        if key
            .bytes()
            .fold(true, |plain, b| plain & (ESCAPE[b as usize] == 0))
        {
            let out = &mut *self.ser.out;
            out.reserve(key.len() + 3);
            out.push(b'"');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\":");
        } else {
            write_str(self.ser.out, key);
            self.ser.out.push(b':');
        }
        value.serialize(&mut *self.ser)
    }

    fn close(self) -> Result<(), Refused> {
        self.ser.out.push(self.close);
        if self.variant {
            self.ser.out.push(b'}');
        }
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        self.element(value)
    }
    fn end(self) -> Result<(), Refused> {
        self.close()
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        self.element(value)
    }
    fn end(self) -> Result<(), Refused> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        self.element(value)
    }
    fn end(self) -> Result<(), Refused> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        self.element(value)
    }
    fn end(self) -> Result<(), Refused> {
        self.close()
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Refused> {
        self.comma();
        key.serialize(Key(&mut *self.ser))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        self.ser.out.push(b':');
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), Refused> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Refused> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Refused> {
        self.close()
    }
}

/// A map key: text as text; anything else is left to serde_json (which
/// quotes numbers and bools, and refuses the rest).
struct Key<'s, 'a>(&'s mut Compact<'a>);

impl ser::Serializer for Key<'_, '_> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Impossible<(), Refused>;
    type SerializeTuple = Impossible<(), Refused>;
    type SerializeTupleStruct = Impossible<(), Refused>;
    type SerializeTupleVariant = Impossible<(), Refused>;
    type SerializeMap = Impossible<(), Refused>;
    type SerializeStruct = Impossible<(), Refused>;
    type SerializeStructVariant = Impossible<(), Refused>;

    fn serialize_str(self, v: &str) -> Result<(), Refused> {
        write_str(self.0.out, v);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Refused> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<(), Refused> {
        refused()
    }
    fn serialize_i8(self, _: i8) -> Result<(), Refused> {
        refused()
    }
    fn serialize_i16(self, _: i16) -> Result<(), Refused> {
        refused()
    }
    fn serialize_i32(self, _: i32) -> Result<(), Refused> {
        refused()
    }
    fn serialize_i64(self, _: i64) -> Result<(), Refused> {
        refused()
    }
    fn serialize_u8(self, _: u8) -> Result<(), Refused> {
        refused()
    }
    fn serialize_u16(self, _: u16) -> Result<(), Refused> {
        refused()
    }
    fn serialize_u32(self, _: u32) -> Result<(), Refused> {
        refused()
    }
    fn serialize_u64(self, _: u64) -> Result<(), Refused> {
        refused()
    }
    fn serialize_f32(self, _: f32) -> Result<(), Refused> {
        refused()
    }
    fn serialize_f64(self, _: f64) -> Result<(), Refused> {
        refused()
    }
    fn serialize_char(self, _: char) -> Result<(), Refused> {
        refused()
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Refused> {
        refused()
    }
    fn serialize_none(self) -> Result<(), Refused> {
        refused()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Refused> {
        refused()
    }
    fn serialize_unit(self) -> Result<(), Refused> {
        refused()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Refused> {
        refused()
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Refused> {
        refused()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Refused> {
        refused()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Refused> {
        refused()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Refused> {
        refused()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Refused> {
        refused()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Refused> {
        refused()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Refused> {
        refused()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Refused> {
        refused()
    }
}

#[cfg(test)]
mod tests {
    use super::to_vec;
    use proptest::prelude::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn ours<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
        let mut out = b"kept".to_vec();
        to_vec(value, &mut out).expect("serialised");
        out.split_off(4)
    }

    proptest! {
        /// Any text, escaped byte for byte as serde_json escapes it
        /// (control characters, quotes and backslashes at every offset
        /// of the eight-byte scan).
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(
            s in "[\\x00-\\x21\"\\\\a-z\u{7f}-\u{3000}]{0,40}"
        ) {
            prop_assert_eq!(ours(&s), serde_json::to_vec(&s).unwrap());
        }

        #[test]
        fn numbers_are_written_as_serde_json_writes_them(
            f in any::<f64>(), g in any::<f32>(), i in any::<i64>(), u in any::<u128>()
        ) {
            let v = (f, g, i, u, -0.0f64, f64::NAN, f64::INFINITY);
            prop_assert_eq!(ours(&v), serde_json::to_vec(&v).unwrap());
        }
    }

    #[derive(Serialize)]
    enum Shapes {
        Unit,
        Newtype(u8),
        Tuple(u8, String),
        Struct { a: Option<bool>, b: Vec<char> },
    }

    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Tagged {
        One { what: String },
        Other,
    }

    #[derive(Serialize)]
    struct Nested {
        empty: Vec<u8>,
        nothing: BTreeMap<String, u8>,
        shapes: Vec<Shapes>,
        tagged: Vec<Tagged>,
        unit: (),
        bytes: serde_bytes_like::Bytes,
        map: BTreeMap<String, Option<f64>>,
    }

    mod serde_bytes_like {
        /// Serialises through `serialize_bytes`.
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    /// Every shape serde hands a serializer, written as serde_json writes it.
    #[test]
    fn every_shape_is_written_as_serde_json_writes_it() {
        let value = Nested {
            empty: Vec::new(),
            nothing: BTreeMap::new(),
            shapes: vec![
                Shapes::Unit,
                Shapes::Newtype(7),
                Shapes::Tuple(1, "a\"b".into()),
                Shapes::Struct {
                    a: None,
                    b: vec!['x', '\n'],
                },
            ],
            tagged: vec![Tagged::One { what: "w".into() }, Tagged::Other],
            unit: (),
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
            map: BTreeMap::from([("k\u{1}".into(), Some(0.1)), ("z".into(), None)]),
        };
        assert_eq!(ours(&value), serde_json::to_vec(&value).unwrap());
    }

    /// A map keyed by numbers is left to serde_json, which quotes them.
    #[test]
    fn keys_that_are_not_text_are_left_to_serde_json() {
        let map = BTreeMap::from([(1, "a"), (2, "b")]);
        assert_eq!(ours(&map), serde_json::to_vec(&map).unwrap());
        assert_eq!(ours(&map), br#"{"1":"a","2":"b"}"#);
    }
}
