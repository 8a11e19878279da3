//! Streaming JSON: rows are visited one at a time straight from the input bytes (strings are
//! borrowed unless they hold escapes), flattened into a fixed slot per known field, and handed to
//! a [`Sink`]. No `serde_json::Value` tree is built. serde_json's recursion limit stays on.

use super::fields::{self, Present, F};
use super::value::{RowView, V};
use crate::model::same;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A scalar kept for one field of the current row.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) enum Scalar<'de> {
    #[default]
    Missing,
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'de, str>),
    Nested,
}

/// The current row: one slot per known field.
#[derive(Debug)]
pub(crate) struct RowBuf<'de> {
    vals: Vec<Scalar<'de>>,
    /// Fields present in the row; also the slots [`RowBuf::clear`] resets.
    pub present: Present,
}

impl Default for RowBuf<'_> {
    fn default() -> Self {
        RowBuf {
            vals: vec![Scalar::Missing; fields::N],
            present: Present::default(),
        }
    }
}

impl<'de> RowBuf<'de> {
    pub(crate) fn clear(&mut self) {
        for i in self.present.indexes() {
            if let Some(v) = self.vals.get_mut(i) {
                *v = Scalar::Missing;
            }
        }
        self.present = Present::default();
    }

    fn set(&mut self, f: F, v: Scalar<'de>) {
        if let Some(slot) = self.vals.get_mut(f as usize) {
            *slot = v;
            self.present.insert(f);
        }
    }
}

impl RowView for RowBuf<'_> {
    fn get(&self, f: F) -> V<'_> {
        match self.vals.get(f as usize) {
            None | Some(Scalar::Missing) => V::Missing,
            Some(Scalar::Null) => V::Null,
            Some(Scalar::Bool(b)) => V::Bool(*b),
            Some(Scalar::Int(i)) => V::Int(*i),
            Some(Scalar::UInt(u)) => V::UInt(*u),
            Some(Scalar::Float(x)) => V::Float(*x),
            Some(Scalar::Str(s)) => V::Str(s),
            Some(Scalar::Nested) => V::Nested,
        }
    }
}

/// Key → field resolution cached per key position: rows of one export share their key order, so
/// a byte comparison with the previous row's key at the same position usually decides.
#[derive(Debug, Default)]
pub(crate) struct KeyCache {
    at: Vec<(Box<str>, Key)>,
}

/// What a row's key is to the loaders.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Key {
    Field(F),
    /// The start of a dotted path to a field (`companyProfile`): its object is walked.
    Path,
    /// Nothing the loaders read: its value is skipped, not parsed. It must still be JSON, but
    /// what only a parse would refuse (a number out of range, a lone surrogate escape, bytes that
    /// are not UTF-8 in a string, nesting past serde_json's limit) does not refuse the file, as
    /// it would in a field that is read: a column the dashboard does not use costs no data.
    Unknown,
}

impl Key {
    fn of(key: &str) -> Key {
        match F::lookup(key) {
            Some(f) => Key::Field(f),
            None if fields::starts_path(key) => Key::Path,
            None => Key::Unknown,
        }
    }

    fn field(self) -> Option<F> {
        match self {
            Key::Field(f) => Some(f),
            Key::Path | Key::Unknown => None,
        }
    }
}

impl KeyCache {
    /// The keys of the last row resolved (at most `n`).
    pub(crate) fn keys(&self, n: usize) -> Vec<String> {
        self.at.iter().take(n).map(|(k, _)| k.to_string()).collect()
    }

    fn resolve(&mut self, pos: usize, key: &str) -> Key {
        if let Some((k, f)) = self.at.get(pos) {
            if same(k.as_bytes(), key.as_bytes()) {
                return *f;
            }
        }
        let f = Key::of(key);
        if pos < self.at.len() {
            if let Some(slot) = self.at.get_mut(pos) {
                *slot = (key.into(), f);
            }
        } else if pos == self.at.len() && pos < 512 {
            self.at.push((key.into(), f));
        }
        f
    }
}

/// Receives rows as they are parsed.
pub(crate) trait Sink<'de> {
    /// An object row (1-based `row`).
    fn row(&mut self, row: &RowBuf<'de>, n: u64);
    /// An element of a row array that is not an object.
    fn not_object(&mut self, n: u64, found: &'static str);
}

/// What the top level turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Container {
    /// A bare array of rows.
    Array,
    /// `{"value": [...], "nextLink": ...}` (Insights programmatic access).
    Envelope,
    /// `{"Value": [...], "@nextLink": ..., "TotalCount": N}` (commercial analytics).
    AnalyticsEnvelope,
    /// `{"totalCount": N, "items": [...], "links": ..., "attributes": ...}` (REST collection).
    Collection,
    /// One resource without an envelope.
    Single,
}

impl Container {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Container::Array => "json-array",
            Container::Envelope => "json-envelope",
            Container::AnalyticsEnvelope => "analytics-envelope",
            Container::Collection => "rest-collection",
            Container::Single => "single-resource",
        }
    }
}

/// The outcome of a parse.
#[derive(Debug)]
pub(crate) struct Parsed {
    /// The container, or what the top level was when it cannot hold rows.
    pub container: Result<Container, &'static str>,
    /// The keys of the first row (for messages).
    pub first_keys: Vec<String>,
}

/// Parses a whole JSON document, feeding rows to `sink`.
pub(crate) fn parse<'de, S: Sink<'de>>(
    bytes: &'de [u8],
    sink: &mut S,
) -> Result<Parsed, serde_json::Error> {
    let mut st = State {
        sink,
        buf: RowBuf::default(),
        cache: KeyCache::default(),
        rows: 0,
        first_keys: Vec::new(),
    };
    // Valid UTF-8 is checked once for the whole file (std's vectorised check), so the parser can
    // read strings without validating each one again; a file with invalid UTF-8 goes through the
    // byte parser, whose error names the position of the first bad string that is read. The
    // values of keys no loader reads are only checked to be JSON (see `Key::Unknown`).
    let container = match std::str::from_utf8(bytes) {
        Ok(text) => {
            let mut de = serde_json::Deserializer::from_str(text);
            let c = TopSeed { st: &mut st }.deserialize(&mut de)?;
            de.end()?;
            c
        }
        Err(_) => {
            let mut de = serde_json::Deserializer::from_slice(bytes);
            let c = TopSeed { st: &mut st }.deserialize(&mut de)?;
            de.end()?;
            c
        }
    };
    Ok(Parsed {
        container,
        first_keys: st.first_keys,
    })
}

const KEYS_SHOWN: usize = 12;

struct State<'s, 'de, S> {
    sink: &'s mut S,
    buf: RowBuf<'de>,
    cache: KeyCache,
    rows: u64,
    first_keys: Vec<String>,
}

impl<'de, S: Sink<'de>> State<'_, 'de, S> {
    /// Streams the elements of a row array.
    fn rows<A: SeqAccess<'de>>(&mut self, mut seq: A) -> Result<(), A::Error> {
        loop {
            self.buf.clear();
            let seed = RowSeed {
                buf: &mut self.buf,
                cache: &mut self.cache,
            };
            match seq.next_element_seed(seed)? {
                None => return Ok(()),
                Some(kind) => {
                    self.rows += 1;
                    if self.rows == 1 {
                        self.first_keys = self.cache.keys(KEYS_SHOWN);
                    }
                    match kind {
                        Ok(()) => self.sink.row(&self.buf, self.rows),
                        Err(found) => self.sink.not_object(self.rows, found),
                    }
                }
            }
        }
    }
}

struct TopSeed<'a, 's, 'de, S> {
    st: &'a mut State<'s, 'de, S>,
}

impl<'de, S: Sink<'de>> DeserializeSeed<'de> for TopSeed<'_, '_, 'de, S> {
    type Value = Result<Container, &'static str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: Sink<'de>> Visitor<'de> for TopSeed<'_, '_, 'de, S> {
    type Value = Result<Container, &'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.st.rows(seq)?;
        Ok(Ok(Container::Array))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let st = self.st;
        // The top-level object's own fields, kept in case it is a single resource.
        let mut top = RowBuf::default();
        let mut top_cache = KeyCache::default();
        let mut rows_key: Option<Container> = None;
        let mut analytics = false;
        let mut pos = 0usize;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key == "@nextLink" || key == "TotalCount" {
                analytics = true;
            }
            let container = if key.eq_ignore_ascii_case("value") {
                Some(if key == "Value" {
                    Container::AnalyticsEnvelope
                } else {
                    Container::Envelope
                })
            } else if key.eq_ignore_ascii_case("items") {
                Some(Container::Collection)
            } else {
                None
            };
            if let (Some(c), None) = (container, rows_key) {
                let was_rows = map.next_value_seed(MaybeRowsSeed { st: &mut *st })?;
                if was_rows {
                    rows_key = Some(c);
                    continue;
                }
                // not an array: an ordinary field of a single resource (kept as nested)
                if let Some(f) = top_cache.resolve(pos, &key).field() {
                    top.set(f, Scalar::Nested);
                }
                pos += 1;
                continue;
            }
            let f = top_cache.resolve(pos, &key).field();
            pos += 1;
            map.next_value_seed(ValueSeed {
                buf: &mut top,
                field: f,
                path: &key,
            })?;
        }
        match rows_key {
            Some(Container::Envelope) if analytics => Ok(Ok(Container::AnalyticsEnvelope)),
            Some(c) => Ok(Ok(c)),
            None => {
                st.rows = 1;
                st.first_keys = top_cache.keys(KEYS_SHOWN);
                st.sink.row(&top, 1);
                Ok(Ok(Container::Single))
            }
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Err("a string"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }
}

/// The value of a `value`/`items` key: rows when it is an array, skipped otherwise.
struct MaybeRowsSeed<'a, 's, 'de, S> {
    st: &'a mut State<'s, 'de, S>,
}

impl<'de, S: Sink<'de>> DeserializeSeed<'de> for MaybeRowsSeed<'_, '_, 'de, S> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: Sink<'de>> Visitor<'de> for MaybeRowsSeed<'_, '_, 'de, S> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        self.st.rows(seq)?;
        Ok(true)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

/// A key, borrowed from the input when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
}

/// One element of a row array: an object row, or what was found instead.
struct RowSeed<'a, 'de> {
    buf: &'a mut RowBuf<'de>,
    cache: &'a mut KeyCache,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_, 'de> {
    type Value = Result<(), &'static str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_, 'de> {
    type Value = Result<(), &'static str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut pos = 0usize;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let k = self.cache.resolve(pos, &key);
            pos += 1;
            if k == Key::Unknown {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let f = k.field();
            map.next_value_seed(ValueSeed {
                buf: &mut *self.buf,
                field: f,
                path: &key,
            })?;
        }
        Ok(Ok(()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err("an array"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Err("a string"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }
}

/// The value of one key of a row: scalars go to the key's slot, objects are flattened into
/// dotted paths, arrays are skipped (their key is marked present).
struct ValueSeed<'a, 'p, 'de> {
    buf: &'a mut RowBuf<'de>,
    field: Option<F>,
    path: &'p str,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_, 'de> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> ValueSeed<'_, '_, 'de> {
    fn put(self, v: Scalar<'de>) {
        if let Some(f) = self.field {
            self.buf.set(f, v);
        }
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.put(Scalar::Bool(v));
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.put(Scalar::Int(v));
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.put(match i64::try_from(v) {
            Ok(i) => Scalar::Int(i),
            Err(_) => Scalar::UInt(v),
        });
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.put(Scalar::Float(v));
        Ok(())
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        if self.field.is_some() {
            self.put(Scalar::Str(Cow::Borrowed(v)));
        }
        Ok(())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if self.field.is_some() {
            self.put(Scalar::Str(Cow::Owned(v.to_string())));
        }
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.put(Scalar::Null);
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.put(Scalar::Null);
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.put(Scalar::Nested);
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if let Some(f) = self.field {
            self.buf.set(f, Scalar::Nested);
        }
        let mut path = String::with_capacity(self.path.len() + 16);
        while let Some(key) = map.next_key_seed(KeySeed)? {
            path.clear();
            path.push_str(self.path);
            path.push('.');
            path.push_str(&key);
            // only paths that can lead to a known field are worth recursing into by name
            let f = F::lookup(&path);
            map.next_value_seed(ValueSeed {
                buf: &mut *self.buf,
                field: f,
                path: &path,
            })?;
        }
        Ok(())
    }
}
