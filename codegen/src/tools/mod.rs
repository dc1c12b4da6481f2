//! IR-driven conversion between JSON values and TL wire bytes: the engine of
//! `tlgen encode` and `tlgen decode`, and the sample-value oracle the
//! generated crate is compared against.
//!
//! Everything here reads only the [`crate::ir::Api`], through an [`ApiIndex`]
//! built once per run.
//!
//! # The JSON form
//!
//! | TL | JSON |
//! |---|---|
//! | constructor / method call | `{"_": "<IR name>", "<param>": value, ...}` |
//! | `int`, `long` | integer (the whole `i32` / `i64` range; floats are rejected); on input also a decimal string (`"-9007199254740993"`), written as a number on output |
//! | `double` | number; `"NaN"`, `"Infinity"`, `"-Infinity"` for the non-finite values |
//! | `int128`, `int256` | hex string of the wire bytes (32 / 64 digits) |
//! | `string` | string |
//! | `bytes` | `{"_": "bytes", "bytes": "<standard base64>"}` |
//! | `Bool` | `true` / `false` (`boolTrue` / `boolFalse`) |
//! | `flags.N?true` | `true` when the bit is set, omitted otherwise (`false` is accepted as "omitted") |
//! | `flags.N?T` | the value when the bit is set, omitted (or `null`) otherwise |
//! | `Vector<T>`, `vector<t>` | array |
//! | `!X` | a method call object |
//! | `Object` | any constructor or method call object |
//! | `gzip_packed` (wherever a boxed value may be) | `{"_": "gzip_packed", "packed_data": <bytes>, "unpacked": <the value it inflates to>}` |
//!
//! * `"_"` holds the **IR name**, which is unique: secret-chat constructors
//!   carry their layer suffix (`decryptedMessage_73`), the wire name is their
//!   `tl_name`. On input a wire name is accepted too when exactly one entry
//!   carries it; on output the IR name is always written.
//! * A decimal string for `int` and `long` (optional `-`, digits only) is
//!   for JavaScript callers, whose numbers are exact only up to 2^53: a
//!   `long` above that must be sent as a string. `int` takes one too, so
//!   that a caller may quote every integer by one rule (as protobuf's JSON
//!   mapping does). Decoding writes numbers: a JavaScript reader of its
//!   output needs a JSON parser that keeps 64-bit integers exact.
//! * `#` flags words never appear in JSON: encoding computes them from the
//!   present conditional fields (a bit is set when any field on it is
//!   present; a non-`true` field on a set bit must then be present too), and
//!   decoding uses them to decide presence. Docs-only params (`parse_mode`)
//!   are not on the wire: encoding ignores them, decoding never emits them.
//!   Hidden params (`random_id`) are ordinary fields.
//! * A bare constructor type (`future_salt`, `%Message`) is an object whose
//!   `"_"` may be omitted on input; it is always written on output.
//! * `"_"` names an MTProto service entry as the schema writes it (`ping`,
//!   `msg_container`); the one name both the API and the service schema
//!   define, the envelope `message`, is `mtproto.message` for MTProto's
//!   ([`crate::model::Model::json_name`]), and a bare position takes
//!   either.
//! * `gzip_packed` keeps its compressed bytes, so that a value encodes back
//!   exactly as it came, and shows what they inflate to under `unpacked`
//!   (of the type the position expects). Encoding writes `packed_data`
//!   as given (checking that it inflates to `unpacked`, when both are
//!   there), or compresses `unpacked` when `packed_data` is left out.
//! * An `int` right before an `Object` (the envelope's `bytes`) is the
//!   `Object`'s length: like a flags word, it is computed on encoding and
//!   left out of the JSON, and decoding reads the value within it.
//! * MTProto's `string` is byte data (the auth-key exchange's numbers and
//!   ciphertext): a JSON string where it is UTF-8, the `bytes` form where
//!   not; encoding takes either.
//! * `rpc_error`, `rpc_result`, `gzip_packed` and the `message` envelope
//!   are known even when no MTProto schema is given.
//!
//! # Limits
//!
//! Decoding never panics and never uses memory or time out of proportion to
//! its input: nesting is limited to [`MAX_DEPTH`], every vector count is
//! checked against the bytes left before anything is allocated, and all
//! `gzip_packed` payloads of one value together inflate to at most
//! [`MAX_INFLATED`] bytes.

mod decode;
mod encode;
pub(crate) mod format;
mod index;
mod sample;
mod suggest;

#[cfg(test)]
pub(crate) mod tests;

pub use decode::decode_bytes;
pub use encode::encode_json;
pub use format::{parse_hex, to_hex, to_json_string};
pub use index::ApiIndex;
pub use sample::sample_value;
pub use suggest::nearest_names;

/// Why no value of a type the model could not resolve (`written`) can be
/// encoded, decoded or sampled: the one message all three give.
fn unresolved_message(written: &crate::ir::TlType) -> String {
    match written {
        crate::ir::TlType::Bare(name) => format!("bare type {name} names no single constructor"),
        other => format!("type {other} cannot be a value on the wire"),
    }
}

/// The key under which the JSON form of `gzip_packed` holds the value its
/// `packed_data` inflates to.
pub const GZIP_UNPACKED: &str = "unpacked";

/// The deepest nesting of objects and vectors encode and decode accept.
pub const MAX_DEPTH: u32 = 64;

/// How many bytes all `gzip_packed` payloads of one decoded value may inflate to.
pub const MAX_INFLATED: usize = 16 << 20;

/// Why a value could not be encoded or decoded. The message names the
/// problem and, where there is one, the field and its constructor or method.
#[derive(Debug, Clone, PartialEq)]
pub enum ToolError {
    /// The input line is not JSON.
    InvalidJson(String),
    /// The input line is not hex.
    InvalidHex(String),
    /// `"_"` names no method or constructor.
    UnknownName {
        /// The name given.
        name: String,
        /// The nearest names that do name one ([`nearest_names`]).
        suggestions: Vec<String>,
    },
    /// A constructor ID that no entry has.
    UnknownId {
        /// The ID read (little-endian, as the wire carries it).
        id: u32,
        /// Where it was read.
        offset: usize,
        /// What the position expected (a type, "a method call"); `None` at
        /// a position that takes any value.
        expected: Option<String>,
        /// The entry whose ID is `id` with its bytes reversed, as the schema
        /// writes it (`help.getConfig#c4f9186b`): the ID was most likely
        /// written in the schema's byte order instead of the wire's.
        reversed: Option<String>,
        /// The IR has no constructor IDs at all (built without a schema).
        no_ids: bool,
    },
    /// Hex input written as a number (`0x...`), where wire bytes are read.
    HexNumber {
        /// The digits after `0x`.
        digits: String,
        /// With 8 digits: the entry whose ID they are, read as an ID
        /// (`help.getConfig#c4f9186b`).
        as_id: Option<String>,
        /// With 8 digits: the entry whose ID they are, read as wire bytes.
        as_bytes: Option<String>,
    },
    /// A key that is no field of the object's constructor or method.
    UnknownField {
        /// The key.
        field: String,
        /// The constructor or method.
        owner: String,
        /// Its nearest fields.
        suggestions: Vec<String>,
    },
    /// The entry has no ID because the IR was built without a schema.
    NoId(String),
    /// A required field (or one whose flag bit is set) is absent.
    MissingField {
        /// The field.
        field: String,
        /// The constructor or method.
        owner: String,
        /// Why it is required, when that is a flag bit set by another field.
        note: String,
    },
    /// A field whose value does not fit its TL type.
    Field {
        /// The field.
        field: String,
        /// The constructor or method.
        owner: String,
        /// What was expected and what was found.
        message: String,
    },
    /// Objects or vectors nested deeper than [`MAX_DEPTH`].
    DepthLimit(u32),
    /// Malformed wire bytes (truncated input, trailing bytes, bad lengths, ...).
    Wire(tlgen_runtime::DecodeError),
    /// Anything else wrong with the input as a whole.
    Invalid(String),
}

impl std::fmt::Display for ToolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ToolError::InvalidJson(message) => write!(f, "invalid JSON: {message}"),
            ToolError::InvalidHex(message) => write!(f, "invalid hex: {message}"),
            ToolError::UnknownName { name, suggestions } => {
                write!(f, "unknown constructor or method {name:?}")?;
                did_you_mean(f, suggestions)
            }
            ToolError::UnknownField {
                field,
                owner,
                suggestions,
            } => {
                write!(f, "unknown field {field:?} of {owner}")?;
                did_you_mean(f, suggestions)
            }
            ToolError::UnknownId {
                id,
                offset,
                expected,
                reversed,
                no_ids,
            } => {
                write!(
                    f,
                    "unknown constructor ID #{id:08x} (wire bytes {}, read little-endian) at \
                     offset {offset}",
                    to_hex(&id.to_le_bytes())
                )?;
                if let Some(expected) = expected {
                    write!(f, ", where {expected} is expected")?;
                }
                if let Some(entry) = reversed {
                    write!(
                        f,
                        "; {entry} is the wire bytes {}: was the ID written in the schema's \
                         byte order?",
                        to_hex(&id.swap_bytes().to_le_bytes())
                    )?;
                }
                if *no_ids {
                    f.write_str(": the IR has no constructor IDs (pass --schema)")?;
                }
                Ok(())
            }
            ToolError::HexNumber {
                digits,
                as_id,
                as_bytes,
            } => {
                write!(
                    f,
                    "invalid hex: \"0x{digits}\" is a number, but wire bytes are read in the \
                     order they are sent; a constructor ID is sent little-endian"
                )?;
                let eight = digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_hexdigit());
                if let (true, Ok(id)) = (eight, u32::from_str_radix(digits, 16)) {
                    let wire = to_hex(&id.to_le_bytes());
                    match as_id {
                        Some(entry) => write!(f, ": {entry} is the bytes {wire}")?,
                        None => write!(f, ": the ID #{digits} is the bytes {wire}")?,
                    }
                    if let Some(entry) = as_bytes {
                        write!(f, ", and the bytes {digits} are {entry}")?;
                    }
                }
                f.write_str(". Give the bytes without \"0x\"")
            }
            ToolError::NoId(name) => write!(f, "no constructor ID for {name}: pass --schema"),
            ToolError::MissingField { field, owner, note } => {
                write!(f, "missing field {field:?} of {owner}{note}")
            }
            ToolError::Field {
                field,
                owner,
                message,
            } => write!(f, "field {field:?} of {owner}: {message}"),
            ToolError::DepthLimit(limit) => {
                write!(f, "depth limit exceeded: values nested deeper than {limit}")
            }
            ToolError::Wire(err) => std::fmt::Display::fmt(err, f),
            ToolError::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ToolError {}

/// ` (did you mean a, b or c?)`, nothing without suggestions.
fn did_you_mean(
    f: &mut std::fmt::Formatter<'_>,
    suggestions: &[impl AsRef<str>],
) -> std::fmt::Result {
    let Some((last, rest)) = suggestions.split_last() else {
        return Ok(());
    };
    f.write_str(" (did you mean ")?;
    for (i, name) in rest.iter().enumerate() {
        let separator = if i + 1 == rest.len() { " or " } else { ", " };
        write!(f, "{}{separator}", name.as_ref())?;
    }
    write!(f, "{}?)", last.as_ref())
}

impl ToolError {
    /// `name` names no method or constructor of `index`: the error, with
    /// the nearest names that do.
    pub fn unknown_name(index: &ApiIndex<'_>, name: &str) -> ToolError {
        ToolError::UnknownName {
            name: name.to_owned(),
            suggestions: nearest_names(index, name)
                .into_iter()
                .map(|s| s.into_owned())
                .collect(),
        }
    }
}

impl From<tlgen_runtime::DecodeError> for ToolError {
    fn from(err: tlgen_runtime::DecodeError) -> Self {
        match err {
            tlgen_runtime::DecodeError::DepthLimitExceeded { limit } => {
                ToolError::DepthLimit(limit)
            }
            other => ToolError::Wire(other),
        }
    }
}

/// Parses one line of JSON and encodes it; the result is lowercase hex.
/// This is what `tlgen encode` does per input line.
pub fn encode_line(index: &ApiIndex<'_>, line: &str) -> Result<String, ToolError> {
    let line = line.trim();
    if line.is_empty() {
        return Err(ToolError::InvalidJson("empty input".into()));
    }
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|err| ToolError::InvalidJson(err.to_string()))?;
    encode_json(index, &value).map(|bytes| to_hex(&bytes))
}

/// Parses one line of hex and decodes it; the result is one line of JSON
/// with keys in wire order. This is what `tlgen decode` does per input line.
pub fn decode_line(index: &ApiIndex<'_>, line: &str) -> Result<String, ToolError> {
    let bytes = parse_hex(line).map_err(|err| match err {
        ToolError::HexNumber { digits, .. } => {
            let id = u32::from_str_radix(&digits, 16)
                .ok()
                .filter(|_| digits.len() == 8);
            ToolError::HexNumber {
                as_id: id.and_then(|id| format::entry_with_id(index, id)),
                as_bytes: id.and_then(|id| format::entry_with_id(index, id.swap_bytes())),
                digits,
            }
        }
        other => other,
    })?;
    decode_wire(index, &bytes)
}

/// Decodes the wire bytes of one value; the result is one line of JSON with
/// keys in wire order. This is what `tlgen decode --binary` does.
pub fn decode_wire(index: &ApiIndex<'_>, bytes: &[u8]) -> Result<String, ToolError> {
    decode_bytes(index, bytes).map(|value| to_json_string(index, &value))
}
