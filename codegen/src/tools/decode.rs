//! Wire bytes -> JSON.
//!
//! Deliberately independent of `tlgen-runtime`'s typed primitives (only its
//! bounds-checked [`Reader`] and its bounded gzip inflater are used), so that
//! this decoder can serve as an oracle for the generated crate.

use serde_json::{Map, Value};
use tlgen_runtime::{DecodeError, Reader};

use super::{to_hex, ApiIndex, ToolError, MAX_DEPTH, MAX_INFLATED};
use crate::model::{
    Entry, FieldKind, Handle, Prim, Ty, TypeId, BOOL_FALSE_ID, BOOL_TRUE_ID, GZIP_PACKED_ID,
    VECTOR_ID,
};

/// Decodes one boxed value, a constructor or a method call (looked up by
/// its ID among both), that must span all of `bytes`.
pub fn decode_bytes(index: &ApiIndex<'_>, bytes: &[u8]) -> Result<Value, ToolError> {
    let mut decoder = Decoder {
        index,
        depth: 0,
        gzip_budget: MAX_INFLATED,
    };
    let mut reader = Reader::new(bytes);
    let value = decoder.boxed(&mut reader, Expect::Any)?;
    reader.finish()?;
    Ok(value)
}

/// What a boxed position accepts.
#[derive(Clone, Copy)]
enum Expect<'t> {
    /// Top level: any constructor or method call.
    Any,
    /// `!X`: a method call.
    Method,
    /// A constructor of this boxed type.
    Type(TypeId),
    /// Any constructor: an open position of this type
    /// ([`crate::model::Model::open_position`]).
    Open(&'t str),
}

struct Decoder<'a, 'm> {
    index: &'a ApiIndex<'m>,
    depth: u32,
    gzip_budget: usize,
}

impl Decoder<'_, '_> {
    /// What a position expects, for error messages: its type's name, or
    /// "a method call"; `None` where any value goes.
    fn expected(&self, expect: Expect<'_>) -> Option<String> {
        match expect {
            Expect::Any => None,
            Expect::Method => Some("a method call".into()),
            Expect::Type(t) => Some(self.index.ty(t).name.to_owned()),
            Expect::Open(name) => Some(name.to_owned()),
        }
    }

    /// The error for constructor ID `id`, read at `offset`, where
    /// `expected` is expected (`None`: any value): the entry it names and
    /// its type, or that no entry has it (and which entry has it with the
    /// bytes reversed, the mistake of writing an ID in schema order).
    fn wrong_id(&self, id: u32, offset: usize, expected: Option<String>) -> ToolError {
        let want = expected.as_deref().unwrap_or("another value");
        if id == VECTOR_ID {
            return ToolError::Invalid(format!(
                "a vector (#{VECTOR_ID:08x}) at offset {offset}, where {want} is expected"
            ));
        }
        let Some(at) = self.index.by_id(id) else {
            return ToolError::UnknownId {
                id,
                offset,
                expected,
                reversed: super::format::entry_with_id(self.index, id.swap_bytes()),
                no_ids: !self.index.has_ids(),
            };
        };
        let name = super::format::entry_with_id(self.index, id).unwrap_or_default();
        let what = match self.index.entry(at) {
            Entry::Ctor(c) => format!("constructor {name} of type {}", c.ir.type_name),
            Entry::Func(_) => format!("method {name}"),
        };
        ToolError::Invalid(format!(
            "{what} at offset {offset}, where {want} is expected"
        ))
    }

    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, ToolError>,
    ) -> Result<T, ToolError> {
        if self.depth >= MAX_DEPTH {
            return Err(ToolError::DepthLimit(MAX_DEPTH));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// A constructor ID and what follows it.
    fn boxed(&mut self, r: &mut Reader<'_>, expect: Expect<'_>) -> Result<Value, ToolError> {
        self.nested(|this| {
            let offset = r.position();
            let id = r.read_u32()?;
            if id == GZIP_PACKED_ID {
                return this.gzip_packed(r, expect);
            }
            let open = matches!(expect, Expect::Any | Expect::Open(_));
            if id == VECTOR_ID && open {
                return this.untyped_vector(r);
            }
            let Some(at) = this.index.by_id(id) else {
                return Err(this.wrong_id(id, offset, this.expected(expect)));
            };
            let fits = match (expect, this.index.entry(at)) {
                (Expect::Any, _) | (Expect::Method, Entry::Func(_)) => true,
                (Expect::Type(want), Entry::Ctor(c)) => c.ty == Some(want),
                (Expect::Open(_), Entry::Ctor(_)) => true,
                (Expect::Method | Expect::Type(_) | Expect::Open(_), _) => false,
            };
            if !fits {
                return Err(this.wrong_id(id, offset, this.expected(expect)));
            }
            this.object(r, at)
        })
    }

    /// `gzip_packed` (its ID already read), in the JSON form of
    /// [`super::GZIP_UNPACKED`]: the compressed bytes as they are (so that
    /// the value encodes back byte-exact) and, under `unpacked`, the one
    /// boxed value they inflate to (within the budget), of the type the
    /// position expects.
    fn gzip_packed(&mut self, r: &mut Reader<'_>, expect: Expect<'_>) -> Result<Value, ToolError> {
        let packed = read_tl_bytes(r)?;
        let unpacked = tlgen_runtime::unpack_gzip(packed, self.gzip_budget)?;
        self.gzip_budget -= unpacked.len();
        let mut inner = Reader::new(&unpacked);
        let value = self.boxed(&mut inner, expect).map_err(|err| match err {
            ToolError::Wire(err) => ToolError::Invalid(format!("in gzip_packed payload: {err}")),
            other => other,
        })?;
        inner
            .finish()
            .map_err(|err| ToolError::Invalid(format!("in gzip_packed payload: {err}")))?;
        let mut map = Map::new();
        map.insert("_".into(), "gzip_packed".into());
        map.insert("packed_data".into(), super::format::bytes_json(packed));
        map.insert(super::GZIP_UNPACKED.into(), value);
        Ok(Value::Object(map))
    }

    /// A vector where the element type is unknown (`Object` position): its
    /// elements are read as boxed objects of any type.
    fn untyped_vector(&mut self, r: &mut Reader<'_>) -> Result<Value, ToolError> {
        let count = read_count(r, 4)?;
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            items.push(self.boxed(r, Expect::Open("Object"))?);
        }
        Ok(Value::Array(items))
    }

    /// The fields of entry `at` (its ID, if any, already read).
    fn object(&mut self, r: &mut Reader<'_>, at: Handle) -> Result<Value, ToolError> {
        let entry = self.index.entry(at);
        let mut map = Map::new();
        map.insert(
            "_".into(),
            Value::String(self.index.json_name(at).into_owned()),
        );
        let mut words: Vec<(&str, u32)> = Vec::new();
        // The length an `ObjectLength` field gave the `Object` after it.
        let mut frame: Option<usize> = None;
        for f in entry.fields() {
            let ty = match &f.kind {
                FieldKind::DocsOnly | FieldKind::ConstTrue => continue,
                FieldKind::FlagsWord => {
                    words.push((f.tl_name(), r.read_u32()?));
                    continue;
                }
                FieldKind::ObjectLength => {
                    let offset = r.position();
                    let len = i32::from_le_bytes(r.read_array()?);
                    frame = Some(usize::try_from(len).map_err(|_| {
                        ToolError::Invalid(format!(
                            "field {:?} of {} at offset {offset}: a negative length {len}",
                            f.tl_name(),
                            entry.name()
                        ))
                    })?);
                    continue;
                }
                FieldKind::TrueFlag(_) => None,
                FieldKind::Value { ty, .. } => Some(ty),
            };
            if let Some(flag) = f.flag() {
                let Some(&(_, word)) = words.iter().find(|(name, _)| *name == flag.field) else {
                    return Err(ToolError::Invalid(format!(
                        "field {:?} of {}: flags word {:?} is not read before it",
                        f.tl_name(),
                        entry.name(),
                        flag.field
                    )));
                };
                if flag.bit > 31 || word & (1 << flag.bit) == 0 {
                    continue;
                }
            }
            let value = match (ty, frame.take()) {
                (Some(ty), Some(len)) => self.framed(r, ty, len)?,
                (Some(ty), None) => self.value(r, ty)?,
                (None, _) => Value::Bool(true),
            };
            map.insert(f.tl_name().to_owned(), value);
        }
        Ok(Value::Object(map))
    }

    /// A value that must take exactly the `len` bytes its length field
    /// gave it (the envelope's `body`).
    fn framed(&mut self, r: &mut Reader<'_>, ty: &Ty, len: usize) -> Result<Value, ToolError> {
        let offset = r.position();
        let mut frame = Reader::new(r.read_slice(len)?);
        let value = self.value(&mut frame, ty)?;
        if frame.remaining() > 0 {
            return Err(ToolError::Invalid(format!(
                "the {len}-byte value at offset {offset} ends {} bytes before its length",
                frame.remaining()
            )));
        }
        Ok(value)
    }

    fn value(&mut self, r: &mut Reader<'_>, ty: &Ty) -> Result<Value, ToolError> {
        Ok(match ty {
            Ty::Prim(Prim::Int) => i32::from_le_bytes(r.read_array()?).into(),
            Ty::Prim(Prim::Long) => i64::from_le_bytes(r.read_array()?).into(),
            Ty::Prim(Prim::Double) => double(f64::from_le_bytes(r.read_array()?)),
            Ty::Prim(Prim::Int128) => Value::String(to_hex(r.read_slice(16)?)),
            Ty::Prim(Prim::Int256) => Value::String(to_hex(r.read_slice(32)?)),
            Ty::Prim(Prim::String) => {
                let offset = r.position();
                let data = read_tl_bytes(r)?;
                let text =
                    std::str::from_utf8(data).map_err(|_| DecodeError::InvalidUtf8 { offset })?;
                Value::String(text.to_string())
            }
            Ty::Prim(Prim::Bytes) => {
                let data = read_tl_bytes(r)?;
                super::format::bytes_json(data)
            }
            Ty::Prim(Prim::StringBytes) => {
                let data = read_tl_bytes(r)?;
                match std::str::from_utf8(data) {
                    Ok(text) => Value::String(text.to_owned()),
                    Err(_) => super::format::bytes_json(data),
                }
            }
            Ty::Prim(Prim::Bool) => {
                let offset = r.position();
                match r.read_u32()? {
                    BOOL_TRUE_ID => Value::Bool(true),
                    BOOL_FALSE_ID => Value::Bool(false),
                    id => return Err(self.wrong_id(id, offset, Some("Bool".into()))),
                }
            }
            Ty::Query(_) => self.boxed(r, Expect::Method)?,
            // Any constructor or method call: a message body is either.
            Ty::Object => self.boxed(r, Expect::Any)?,
            _ if self.index.open_position(ty).is_some() => {
                let name = self.index.open_position(ty).unwrap_or_default();
                self.boxed(r, Expect::Open(name))?
            }
            Ty::Enum(t) => self.boxed(r, Expect::Type(*t))?,
            Ty::QueryResult(_) => unreachable!("a query's result is an open position"),
            Ty::Struct(c) => {
                let at = Handle::Ctor(*c);
                self.nested(|this| this.object(r, at))?
            }
            Ty::Unresolved(written) => {
                return Err(ToolError::Invalid(super::unresolved_message(written)))
            }
            Ty::Vector { boxed, elem } => self.nested(|this| {
                if *boxed {
                    let offset = r.position();
                    let id = r.read_u32()?;
                    if id != VECTOR_ID {
                        return Err(this.wrong_id(id, offset, Some(this.index.type_text(ty))));
                    }
                }
                let count = read_count(r, this.index.min_size(elem))?;
                let mut items = Vec::with_capacity(count);
                for _ in 0..count {
                    items.push(this.value(r, elem)?);
                }
                Ok(Value::Array(items))
            })?,
        })
    }
}

/// A double as JSON; the non-finite values as strings.
fn double(x: f64) -> Value {
    if x.is_nan() {
        "NaN".into()
    } else if x == f64::INFINITY {
        "Infinity".into()
    } else if x == f64::NEG_INFINITY {
        "-Infinity".into()
    } else {
        x.into()
    }
}

/// A vector's element count, refused unless the bytes left can hold that
/// many elements of at least `min_size` bytes (at least 1 byte counted per
/// element, so zero-sized elements cannot loop past the input either).
fn read_count(r: &mut Reader<'_>, min_size: usize) -> Result<usize, ToolError> {
    let offset = r.position();
    let count = r.read_u32()? as usize;
    if r.check_count(count, min_size).is_err() {
        return Err(ToolError::Invalid(format!(
            "vector count {count} at offset {offset} exceeds the {} bytes left",
            r.remaining()
        )));
    }
    Ok(count)
}

/// TL `string`/`bytes`: length (1 byte, or 0xfe + 3 bytes), data, padding.
fn read_tl_bytes<'a>(r: &mut Reader<'a>) -> Result<&'a [u8], ToolError> {
    let offset = r.position();
    let first = r.read_slice(1)?[0];
    let (header, len) = if first < 254 {
        (1, usize::from(first))
    } else if first == 254 {
        let b = r.read_slice(3)?;
        (
            4,
            usize::from(b[0]) | usize::from(b[1]) << 8 | usize::from(b[2]) << 16,
        )
    } else {
        return Err(ToolError::Invalid(format!(
            "invalid string/bytes length prefix ff at offset {offset}"
        )));
    };
    let padding = (4 - (header + len) % 4) % 4;
    if len + padding > r.remaining() {
        let remaining = r.remaining();
        return Err(DecodeError::LengthTooLarge {
            offset,
            declared: len,
            remaining,
        }
        .into());
    }
    let data = r.read_slice(len)?;
    r.read_slice(padding)?;
    Ok(data)
}
