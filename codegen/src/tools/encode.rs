//! JSON -> wire bytes.

use base64::Engine as _;
use serde_json::{Map, Value};

use super::{ApiIndex, ToolError, MAX_DEPTH};
use crate::ir::TlType;
use crate::model::{
    Entry, Field, FieldKind, Handle, Prim, Ty, BOOL_FALSE_ID, BOOL_TRUE_ID, GZIP_PACKED_ID,
    VECTOR_ID,
};

/// Encodes one JSON value, a method call or a constructor object with its
/// IR name in `"_"`, into its boxed wire form (constructor ID first).
pub fn encode_json(index: &ApiIndex<'_>, value: &Value) -> Result<Vec<u8>, ToolError> {
    let mut encoder = Encoder {
        index,
        out: Vec::new(),
        depth: 0,
    };
    encoder.top(value)?;
    Ok(encoder.out)
}

/// `"_"` of an object, if it is a string.
fn object_name(obj: &Map<String, Value>) -> Option<&str> {
    obj.get("_").and_then(Value::as_str)
}

/// A short description of a JSON value for "expected X, got Y" messages.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) if s.chars().count() > 24 => {
            format!("string {:?}...", s.chars().take(24).collect::<String>())
        }
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "array".into(),
        Value::Object(obj) => match object_name(obj) {
            Some(name) => format!("object {name:?}"),
            None => "object".into(),
        },
    }
}

/// The field being written, for error messages.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    field: &'a str,
    owner: &'a str,
}

impl Ctx<'_> {
    fn error(&self, message: impl Into<String>) -> ToolError {
        ToolError::Field {
            field: self.field.to_string(),
            owner: self.owner.to_string(),
            message: message.into(),
        }
    }

    fn expected(&self, what: &str, value: &Value) -> ToolError {
        self.error(format!("expected {what}, got {}", describe(value)))
    }
}

struct Encoder<'a, 'm> {
    index: &'a ApiIndex<'m>,
    out: Vec<u8>,
    depth: u32,
}

impl Encoder<'_, '_> {
    fn enter(&mut self) -> Result<(), ToolError> {
        if self.depth >= MAX_DEPTH {
            return Err(ToolError::DepthLimit(MAX_DEPTH));
        }
        self.depth += 1;
        Ok(())
    }

    /// A top-level value: a method call or constructor of any type, or an
    /// array of them (an untyped vector, as decoding an `Object` position
    /// holding a vector yields).
    fn top(&mut self, value: &Value) -> Result<(), ToolError> {
        if let Some(items) = value.as_array() {
            let count = u32::try_from(items.len())
                .map_err(|_| ToolError::Invalid("too many elements for a vector".into()))?;
            self.enter()?;
            self.u32(VECTOR_ID);
            self.u32(count);
            for item in items {
                self.top(item)?;
            }
            self.depth -= 1;
            return Ok(());
        }
        let obj = value.as_object().ok_or_else(|| {
            ToolError::Invalid(format!(
                "expected a JSON object with \"_\" naming a method or constructor, got {}",
                describe(value)
            ))
        })?;
        let name = object_name(obj).ok_or_else(|| {
            ToolError::Invalid("the object has no \"_\" naming a method or constructor".into())
        })?;
        let at = self
            .index
            .named(name)
            .ok_or_else(|| ToolError::unknown_name(self.index, name))?;
        if self.index.entry(at).id() == Some(GZIP_PACKED_ID) {
            return self.gzip_packed(obj, None);
        }
        self.boxed_entry(self.index.entry(at), obj)
    }

    /// `gzip_packed` in its JSON form ([`super::GZIP_UNPACKED`]): its
    /// `packed_data` as given, checked against `unpacked` when both are
    /// there; else `unpacked` (a value of `expect`, or any) encoded and
    /// compressed.
    fn gzip_packed(
        &mut self,
        obj: &Map<String, Value>,
        expect: Option<&Ty>,
    ) -> Result<(), ToolError> {
        let owner = "gzip_packed";
        for key in obj.keys() {
            const FIELDS: [&str; 2] = ["packed_data", super::GZIP_UNPACKED];
            if key != "_" && !FIELDS.contains(&key.as_str()) {
                return Err(unknown_field(key, owner, FIELDS));
            }
        }
        let unpacked = match obj.get(super::GZIP_UNPACKED) {
            Some(value) => {
                let mut inner = Encoder {
                    index: self.index,
                    out: Vec::new(),
                    depth: self.depth,
                };
                inner.enter()?;
                match expect {
                    Some(ty) => inner.value(
                        ty,
                        value,
                        Ctx {
                            field: super::GZIP_UNPACKED,
                            owner,
                        },
                    )?,
                    None => inner.top(value)?,
                }
                Some(inner.out)
            }
            None => None,
        };
        let ctx = Ctx {
            field: "packed_data",
            owner,
        };
        let packed = match (obj.get("packed_data"), unpacked) {
            (Some(packed), unpacked) => {
                let packed = bytes_value(packed, ctx)?;
                if let Some(unpacked) = unpacked {
                    let inflated = tlgen_runtime::unpack_gzip(&packed, super::MAX_INFLATED)
                        .map_err(|err| ctx.error(format!("does not inflate: {err}")))?;
                    if inflated != unpacked {
                        return Err(ctx.error(format!(
                            "inflates to other bytes than `{}` encodes to",
                            super::GZIP_UNPACKED
                        )));
                    }
                }
                packed
            }
            (None, Some(unpacked)) => tlgen_runtime::gzip::pack_gzip(&unpacked),
            (None, None) => {
                return Err(ToolError::MissingField {
                    field: "packed_data".into(),
                    owner: owner.into(),
                    note: format!(" (or `{}`, the value to compress)", super::GZIP_UNPACKED),
                })
            }
        };
        self.enter()?;
        self.u32(GZIP_PACKED_ID);
        self.tl_bytes(&packed, ctx)?;
        self.depth -= 1;
        Ok(())
    }

    fn u32(&mut self, value: u32) {
        self.out.extend_from_slice(&value.to_le_bytes());
    }

    /// The constructor ID, then the fields.
    fn boxed_entry(
        &mut self,
        entry: Entry<'_, '_>,
        obj: &Map<String, Value>,
    ) -> Result<(), ToolError> {
        let id = entry
            .id()
            .ok_or_else(|| ToolError::NoId(entry.name().to_owned()))?;
        self.enter()?;
        self.u32(id);
        self.fields(entry, obj)?;
        self.depth -= 1;
        Ok(())
    }

    /// The fields of `entry` from `obj`, flags words computed.
    fn fields(&mut self, entry: Entry<'_, '_>, obj: &Map<String, Value>) -> Result<(), ToolError> {
        let owner = entry.name();
        let fields = entry.fields();
        // Every key must be a known field.
        for key in obj.keys() {
            if key == "_" {
                continue;
            }
            match fields.iter().find(|f| f.tl_name() == key) {
                Some(f) if f.is_flags_word() => {
                    return Err(ToolError::Field {
                        field: key.clone(),
                        owner: owner.to_string(),
                        message: "flags words are computed from the conditional fields; omit it"
                            .into(),
                    })
                }
                Some(f) if matches!(f.kind, FieldKind::ConstTrue) => {
                    let ctx = Ctx { field: key, owner };
                    if !matches!(obj[key], Value::Bool(true) | Value::Null) {
                        return Err(ctx.expected("true (the only value of `true`)", &obj[key]));
                    }
                }
                Some(_) => {}
                None => {
                    let known = fields
                        .iter()
                        .filter(|f| {
                            !matches!(f.kind, FieldKind::FlagsWord | FieldKind::ObjectLength)
                        })
                        .map(|f| f.tl_name());
                    return Err(unknown_field(key, owner, known));
                }
            }
        }
        // Flags words: a bit is set when any field on it is present.
        let mut words: Vec<(&str, u32)> = fields
            .iter()
            .filter(|f| f.is_flags_word())
            .map(|f| (f.tl_name(), 0u32))
            .collect();
        for f in fields {
            let Some(flag) = f.flag() else { continue };
            let ctx = Ctx {
                field: f.tl_name(),
                owner,
            };
            if !present(f, obj.get(f.tl_name()), ctx)? {
                continue;
            }
            let Some(word) = words.iter_mut().find(|(name, _)| *name == flag.field) else {
                return Err(ctx.error(format!(
                    "flags word {:?} is not a field of {owner}",
                    flag.field
                )));
            };
            if flag.bit > 31 {
                return Err(ctx.error(format!("flag bit {} is out of range", flag.bit)));
            }
            word.1 |= 1 << flag.bit;
        }
        let word_of = |field: &str| {
            words
                .iter()
                .find(|(name, _)| *name == field)
                .map_or(0, |w| w.1)
        };
        // The value after an `ObjectLength` field, encoded ahead to give
        // the length.
        let mut framed: Option<Vec<u8>> = None;
        for (i, f) in fields.iter().enumerate() {
            let ctx = Ctx {
                field: f.tl_name(),
                owner,
            };
            let (ty, flag) = match &f.kind {
                FieldKind::FlagsWord => {
                    self.u32(word_of(f.tl_name()));
                    continue;
                }
                FieldKind::ObjectLength => {
                    let bytes = self.framed_value(&fields[i + 1..], obj, owner)?;
                    let len = i32::try_from(bytes.len())
                        .map_err(|_| ctx.error("the value after it is too long"))?;
                    match obj.get(f.tl_name()) {
                        None | Some(Value::Null) => {}
                        Some(given) if given.as_i64() == Some(len.into()) => {}
                        Some(given) => {
                            return Err(ctx.error(format!(
                                "{} is the length of the value after it, {len} bytes; omit it \
                                 (it is computed)",
                                describe(given)
                            )))
                        }
                    }
                    self.out.extend_from_slice(&len.to_le_bytes());
                    framed = Some(bytes);
                    continue;
                }
                FieldKind::DocsOnly | FieldKind::ConstTrue | FieldKind::TrueFlag(_) => continue,
                FieldKind::Value { ty, flag } => (ty, flag),
            };
            if let Some(bytes) = framed.take() {
                self.out.extend_from_slice(&bytes);
                continue;
            }
            let value = obj.get(f.tl_name()).filter(|v| !v.is_null());
            if let Some(flag) = flag {
                if word_of(&flag.field) & 1u32.checked_shl(flag.bit.into()).unwrap_or(0) == 0 {
                    continue;
                }
                let Some(value) = value else {
                    let setter = fields
                        .iter()
                        .find(|g| {
                            g.flag() == Some(flag)
                                && present(g, obj.get(g.tl_name()), ctx).unwrap_or(false)
                        })
                        .map_or(String::new(), |g| g.tl_name().to_owned());
                    return Err(ToolError::MissingField {
                        field: f.tl_name().to_owned(),
                        owner: owner.to_string(),
                        note: format!(" ({flag} is set by {setter:?})"),
                    });
                };
                self.value(ty, value, ctx)?;
            } else {
                let Some(value) = value else {
                    return Err(ToolError::MissingField {
                        field: f.tl_name().to_owned(),
                        owner: owner.to_string(),
                        note: String::new(),
                    });
                };
                self.value(ty, value, ctx)?;
            }
        }
        Ok(())
    }

    /// The encoding of the value that the first of `rest` holds (the
    /// `Object` after an `ObjectLength` field).
    fn framed_value(
        &mut self,
        rest: &[Field<'_>],
        obj: &Map<String, Value>,
        owner: &str,
    ) -> Result<Vec<u8>, ToolError> {
        let Some(f) = rest.first() else {
            return Err(ToolError::Invalid(format!(
                "{owner}: a length field with no value after it"
            )));
        };
        let ty = f.value_ty().unwrap_or(&Ty::Object);
        let value = obj
            .get(f.tl_name())
            .filter(|v| !v.is_null())
            .ok_or_else(|| ToolError::MissingField {
                field: f.tl_name().to_owned(),
                owner: owner.to_owned(),
                note: String::new(),
            })?;
        let mut inner = Encoder {
            index: self.index,
            out: Vec::new(),
            depth: self.depth,
        };
        inner.value(
            ty,
            value,
            Ctx {
                field: f.tl_name(),
                owner,
            },
        )?;
        Ok(inner.out)
    }

    fn value(&mut self, ty: &Ty, value: &Value, ctx: Ctx<'_>) -> Result<(), ToolError> {
        match ty {
            Ty::Prim(Prim::Int) => {
                let n = integer(value, "int", ctx)?;
                let n = i32::try_from(n)
                    .map_err(|_| ctx.error(format!("{n} is out of range for int")))?;
                self.out.extend_from_slice(&n.to_le_bytes());
            }
            Ty::Prim(Prim::Long) => {
                let n = integer(value, "long", ctx)?;
                let n = i64::try_from(n)
                    .map_err(|_| ctx.error(format!("{n} is out of range for long")))?;
                self.out.extend_from_slice(&n.to_le_bytes());
            }
            Ty::Prim(Prim::Double) => {
                let x = match value {
                    Value::Number(n) => n.as_f64().ok_or_else(|| ctx.expected("double", value))?,
                    Value::String(s) if s == "NaN" => f64::NAN,
                    Value::String(s) if s == "Infinity" => f64::INFINITY,
                    Value::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
                    _ => return Err(ctx.expected("double", value)),
                };
                self.out.extend_from_slice(&x.to_le_bytes());
            }
            Ty::Prim(Prim::Int128) => self.fixed_hex(value, 16, "int128", ctx)?,
            Ty::Prim(Prim::Int256) => self.fixed_hex(value, 32, "int256", ctx)?,
            Ty::Prim(Prim::String) => {
                let s = value
                    .as_str()
                    .ok_or_else(|| ctx.expected("string", value))?;
                self.tl_bytes(s.as_bytes(), ctx)?;
            }
            Ty::Prim(Prim::Bytes) => {
                let data = bytes_value(value, ctx)?;
                self.tl_bytes(&data, ctx)?;
            }
            Ty::Prim(Prim::StringBytes) => match value {
                Value::String(s) => self.tl_bytes(s.as_bytes(), ctx)?,
                _ => {
                    let data = bytes_value(value, ctx)
                        .map_err(|_| ctx.expected("string (text, or the bytes form)", value))?;
                    self.tl_bytes(&data, ctx)?;
                }
            },
            Ty::Prim(Prim::Bool) => match value {
                Value::Bool(true) => self.u32(BOOL_TRUE_ID),
                Value::Bool(false) => self.u32(BOOL_FALSE_ID),
                _ => return Err(ctx.expected("Bool (true or false)", value)),
            },
            Ty::Query(_) => {
                let obj = value
                    .as_object()
                    .ok_or_else(|| ctx.expected("a method call object", value))?;
                let name = object_name(obj)
                    .ok_or_else(|| ctx.error("expected a method call object with \"_\""))?;
                let at = match self.index.method_named(name) {
                    Some(at) => at,
                    None if self.index.constructor_named(name).is_some() => {
                        return Err(
                            ctx.error(format!("expected a method call, got constructor {name}"))
                        )
                    }
                    None => return Err(ToolError::unknown_name(self.index, name)),
                };
                self.boxed_entry(self.index.entry(Handle::Func(at)), obj)?;
            }
            Ty::Vector { boxed, elem } => {
                let items = value.as_array().ok_or_else(|| {
                    ctx.expected(&format!("{} (an array)", self.index.type_text(ty)), value)
                })?;
                let count = u32::try_from(items.len())
                    .map_err(|_| ctx.error("too many elements for a vector"))?;
                self.enter()?;
                if *boxed {
                    self.u32(VECTOR_ID);
                }
                self.u32(count);
                for item in items {
                    self.value(elem, item, ctx)?;
                }
                self.depth -= 1;
            }
            Ty::Enum(_) | Ty::QueryResult(_) | Ty::Object | Ty::Unresolved(TlType::Boxed(_)) => {
                let open = self.index.open_position(ty);
                let (type_name, want) = match (ty, open) {
                    (_, Some(name)) => (name, None),
                    (Ty::Enum(t), None) => (self.index.ty(*t).name, Some(*t)),
                    _ => unreachable!("only enums are closed"),
                };
                if value.is_array() && want.is_none() {
                    // An open position holding a vector, as decoding one yields.
                    let untyped = Ty::Vector {
                        boxed: true,
                        elem: Box::new(ty.clone()),
                    };
                    return self.value(&untyped, value, ctx);
                }
                let obj = value
                    .as_object()
                    .ok_or_else(|| ctx.expected(&format!("a {type_name} object"), value))?;
                if *ty == Ty::Object && object_name(obj) == Some("bytes") {
                    // An `Object` given as its wire bytes (the generated
                    // code's JSON form of one): they must be one value.
                    let bytes = bytes_value(value, ctx)?;
                    super::decode_bytes(self.index, &bytes).map_err(|err| {
                        ctx.error(format!("the bytes are no value of the schemas: {err}"))
                    })?;
                    self.out.extend_from_slice(&bytes);
                    return Ok(());
                }
                let name = object_name(obj).ok_or_else(|| {
                    ctx.error(format!(
                        "expected a {type_name} object with \"_\", got {}",
                        describe(value)
                    ))
                })?;
                // The position's type decides a name several spaces define.
                let of_type = want.and_then(|t| {
                    let ctors = &self.index.ty(t).ctors;
                    ctors.iter().copied().find(|&c| {
                        self.index.ctor(c).ir.name == name
                            || self.index.json_name(Handle::Ctor(c)) == name
                    })
                });
                let c = match of_type.or_else(|| self.index.constructor_named(name)) {
                    Some(c) if self.index.ctor(c).id == Some(GZIP_PACKED_ID) => {
                        return self.gzip_packed(obj, Some(ty));
                    }
                    Some(c) => self.index.ctor(c),
                    // `Object` is any value: a message body may be a call.
                    None if *ty == Ty::Object => match self.index.method_named(name) {
                        Some(f) => return self.boxed_entry(self.index.entry(Handle::Func(f)), obj),
                        None => return Err(ToolError::unknown_name(self.index, name)),
                    },
                    None if self.index.method_named(name).is_some() => {
                        return Err(ctx.error(format!(
                            "expected a {type_name} constructor, got method {name}"
                        )))
                    }
                    None => return Err(ToolError::unknown_name(self.index, name)),
                };
                if want.is_some_and(|t| c.ty != Some(t)) {
                    return Err(ctx.error(format!(
                        "constructor {name} is of type {}, expected {type_name}",
                        c.ir.type_name
                    )));
                }
                self.boxed_entry(Entry::Ctor(c), obj)?;
            }
            Ty::Struct(c) => {
                let json_name = self.index.json_name(Handle::Ctor(*c));
                let c = self.index.ctor(*c);
                let obj = value
                    .as_object()
                    .ok_or_else(|| ctx.expected(&format!("a {json_name} object"), value))?;
                if let Some(name) = obj.get("_") {
                    // The position decides: the plain name and the JSON name
                    // (`mtproto.message`) both say this constructor.
                    if name.as_str() != Some(c.ir.name.as_str())
                        && name.as_str() != Some(json_name.as_ref())
                    {
                        return Err(ctx.error(format!(
                            "expected bare {}, got {}",
                            c.ir.name,
                            describe(name)
                        )));
                    }
                }
                self.enter()?;
                self.fields(Entry::Ctor(c), obj)?;
                self.depth -= 1;
            }
            Ty::Unresolved(written) => return Err(ctx.error(super::unresolved_message(written))),
        }
        Ok(())
    }

    fn fixed_hex(
        &mut self,
        value: &Value,
        len: usize,
        what: &str,
        ctx: Ctx<'_>,
    ) -> Result<(), ToolError> {
        let expected = || format!("{what} ({} hex digits)", len * 2);
        let text = value
            .as_str()
            .ok_or_else(|| ctx.expected(&expected(), value))?;
        if text.len() != len * 2 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ctx.expected(&expected(), value));
        }
        for pair in text.as_bytes().chunks(2) {
            let digits = std::str::from_utf8(pair).unwrap_or("00");
            self.out.push(u8::from_str_radix(digits, 16).unwrap_or(0));
        }
        Ok(())
    }

    /// TL `string`/`bytes`: a 1-byte length below 254, else 0xfe and a
    /// 3-byte length; padded with zeros to a multiple of 4.
    fn tl_bytes(&mut self, data: &[u8], ctx: Ctx<'_>) -> Result<(), ToolError> {
        let len = data.len();
        let header = if len < 254 {
            self.out.push(len as u8);
            1
        } else if len < 1 << 24 {
            self.out.push(254);
            self.out.extend_from_slice(&(len as u32).to_le_bytes()[..3]);
            4
        } else {
            return Err(ctx.error(format!("{len} bytes is too long for TL (limit 16777215)")));
        };
        self.out.extend_from_slice(data);
        let padding = (4 - (header + len) % 4) % 4;
        self.out.extend(std::iter::repeat_n(0u8, padding));
        Ok(())
    }
}

/// `key` is no field of `owner`: the error, with the nearest of `known`.
fn unknown_field<'f>(
    key: &str,
    owner: &str,
    known: impl IntoIterator<Item = &'f str>,
) -> ToolError {
    ToolError::UnknownField {
        field: key.to_owned(),
        owner: owner.to_owned(),
        suggestions: super::suggest::nearest_fields(known, key)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    }
}

/// Whether a conditional field counts as present (sets its bit).
fn present(f: &Field<'_>, value: Option<&Value>, ctx: Ctx<'_>) -> Result<bool, ToolError> {
    match value {
        None | Some(Value::Null) => Ok(false),
        Some(value) if matches!(f.kind, FieldKind::TrueFlag(_)) => match value {
            Value::Bool(b) => Ok(*b),
            other => Err(ctx.expected("true", other)),
        },
        Some(_) => Ok(true),
    }
}

/// A JSON integer, or a decimal string (`"-123"`: what JavaScript, whose
/// numbers are exact only up to 2^53, must send for a large `long`), as
/// i128 (so that both i64 and u64 fit); floats, other strings rejected.
fn integer(value: &Value, what: &str, ctx: Ctx<'_>) -> Result<i128, ToolError> {
    let expected = || ctx.expected(&format!("{what} (an integer or a decimal string)"), value);
    match value {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(i.into())
            } else if let Some(u) = n.as_u64() {
                Ok(u.into())
            } else {
                Err(expected())
            }
        }
        Value::String(text) => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(expected());
            }
            // Only an overflow fails here: the syntax is checked above.
            text.parse::<i128>()
                .map_err(|_| ctx.error(format!("{} is out of range for {what}", describe(value))))
        }
        _ => Err(expected()),
    }
}

/// `{"_": "bytes", "bytes": "<base64>"}` -> the bytes.
fn bytes_value(value: &Value, ctx: Ctx<'_>) -> Result<Vec<u8>, ToolError> {
    const WANT: &str = "bytes ({\"_\": \"bytes\", \"bytes\": \"<base64>\"})";
    let obj = value.as_object().ok_or_else(|| ctx.expected(WANT, value))?;
    if object_name(obj) != Some("bytes") || obj.len() != 2 {
        return Err(ctx.expected(WANT, value));
    }
    let text = obj
        .get("bytes")
        .and_then(Value::as_str)
        .ok_or_else(|| ctx.expected(WANT, value))?;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|err| ctx.error(format!("invalid base64: {err}")))
}
