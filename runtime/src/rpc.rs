//! `rpc_error` and `rpc_result`.
//!
//! * `rpc_error#2144ca19 error_code:int error_message:string = RpcError;`
//! * `rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult;`
//!
//! Generated per-method error enums are built on [`RpcError`]'s public
//! `name` and `value` fields:
//!
//! ```
//! # use tlgen_runtime::RpcError;
//! let err = RpcError::parse(420, "SLOWMODE_WAIT_30");
//! let typed = match err.name.as_str() {
//!     "SLOWMODE_WAIT_X" => format!("wait {} s", err.value.unwrap_or_default()),
//!     "CHANNEL_INVALID" => "bad channel".to_owned(),
//!     _ => format!("other: {err}"),
//! };
//! assert_eq!(typed, "wait 30 s");
//! ```

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::{
    wire, BareDeserialize, BareSerialize, DecodeError, Deserialize, Identifiable, Method, Reader,
    Serialize,
};

/// The constructor ID of `rpc_error`.
pub const RPC_ERROR_ID: u32 = 0x2144_ca19;
/// The constructor ID of `rpc_result`.
pub const RPC_RESULT_ID: u32 = 0xf35c_6d01;

/// A parsed `rpc_error`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RpcError {
    /// The code (400, 420, -503, ...).
    pub code: i32,
    /// The name with its numeric part replaced by `X` (`FLOOD_WAIT_X`).
    pub name: String,
    /// The numeric part split off the name (`30` of `FLOOD_WAIT_30`).
    pub value: Option<u64>,
    /// The message exactly as the server sent it.
    pub message: String,
}

impl RpcError {
    /// Builds an error from the wire fields, splitting off the numeric part:
    /// when the last `_`-separated segment of `message` is all ASCII digits
    /// (and fits in a `u64`), `name` is `message` with that segment replaced
    /// by `X` and `value` is the number (`FLOOD_WAIT_30` -> `FLOOD_WAIT_X`,
    /// 30; `FILE_MIGRATE_2` -> `FILE_MIGRATE_X`, 2), whatever the family.
    /// Otherwise `name` is `message` unchanged and `value` is `None`.
    pub fn parse(code: i32, message: impl Into<String>) -> Self {
        let message = message.into();
        let split = message.rsplit_once('_').and_then(|(prefix, last)| {
            let digits = !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit());
            let value = if digits {
                last.parse::<u64>().ok()?
            } else {
                return None;
            };
            let mut name = String::with_capacity(prefix.len() + 2);
            name.push_str(prefix);
            name.push_str("_X");
            Some((name, value))
        });
        let (name, value) = match split {
            Some((name, value)) => (name, Some(value)),
            None => (message.clone(), None),
        };
        Self {
            code,
            name,
            value,
            message,
        }
    }

    /// Whether this is the error `name`, given either in its `X` form
    /// (`"FLOOD_WAIT_X"`) or exactly as sent (`"FLOOD_WAIT_30"`).
    #[must_use]
    pub fn is(&self, name: &str) -> bool {
        self.name == name || self.message == name
    }

    /// The numeric part, or 0 when the message has none (what generated
    /// enums store for `..._X` variants).
    #[must_use]
    pub fn value_or_zero(&self) -> u64 {
        self.value.unwrap_or_default()
    }

    /// Consumes an `rpc_error` if one is next in the input; leaves the input
    /// untouched (and returns `None`) if something else is.
    pub fn peek_decode(reader: &mut Reader<'_>) -> Result<Option<Self>, DecodeError> {
        if reader.next_is(RPC_ERROR_ID) {
            reader.read_u32()?;
            Self::deserialize_bare(reader).map(Some)
        } else {
            Ok(None)
        }
    }
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RPC error {}: {}", self.code, self.message)
    }
}

impl core::error::Error for RpcError {}

impl Identifiable for RpcError {
    const CONSTRUCTOR_ID: u32 = RPC_ERROR_ID;
}

impl BareSerialize for RpcError {
    fn bare_len(&self) -> usize {
        4 + wire::string_len(&self.message)
    }

    fn serialize_fields<const BOXED: bool>(&self, out: &mut Vec<u8>) {
        if BOXED {
            wire::write_u32(out, RPC_ERROR_ID);
        }
        self.code.serialize(out);
        wire::write_string(out, &self.message);
    }
}

impl Serialize for RpcError {
    fn serialized_len(&self) -> usize {
        4 + self.bare_len()
    }

    fn serialize(&self, out: &mut Vec<u8>) {
        self.serialize_boxed(out);
    }
}

impl BareDeserialize for RpcError {
    /// `error_code` and the shortest `string`.
    const MIN_BARE_SIZE: usize = 8;

    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let code = i32::deserialize(reader)?;
        let message = wire::read_str(reader)?;
        Ok(Self::parse(code, message.to_owned()))
    }
}

impl Deserialize for RpcError {
    const MIN_WIRE_SIZE: usize = 12;

    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        wire::expect_constructor(reader, RPC_ERROR_ID, "RpcError")?;
        Self::deserialize_bare(reader)
    }
}

/// A parsed `rpc_result`: which request it answers, and the undecoded
/// `result` (which may be `gzip_packed` or an `rpc_error`; decode it with
/// [`RpcResult::decode_response`] or [`Method::decode_response`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcResult<'a> {
    /// The message ID of the request being answered.
    pub req_msg_id: i64,
    /// The answer's bytes.
    pub body: &'a [u8],
}

impl<'a> RpcResult<'a> {
    /// The constructor ID of `rpc_result`.
    pub const CONSTRUCTOR_ID: u32 = RPC_RESULT_ID;

    /// Parses a boxed `rpc_result` spanning all of `bytes`; the body is the
    /// rest of the input after `req_msg_id`.
    pub fn decode(bytes: &'a [u8]) -> Result<Self, DecodeError> {
        Self::read(&mut Reader::new(bytes))
    }

    /// Reads a boxed `rpc_result`, taking all remaining input as the body.
    pub fn read(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        wire::expect_constructor(reader, RPC_RESULT_ID, "RpcResult")?;
        let req_msg_id = i64::deserialize(reader)?;
        Ok(Self {
            req_msg_id,
            body: reader.read_rest(),
        })
    }

    /// Decodes the body as the answer to `M`: [`Method::decode_response`].
    pub fn decode_response<M: Method>(&self) -> Result<Result<M::Return, M::Error>, DecodeError> {
        M::decode_response(self.body)
    }

    /// The exact size of the boxed wire form.
    pub fn serialized_len(&self) -> usize {
        12 + self.body.len()
    }

    /// Appends the boxed wire form (`body` is written as it is).
    pub fn serialize(&self, out: &mut Vec<u8>) {
        wire::write_u32(out, RPC_RESULT_ID);
        self.req_msg_id.serialize(out);
        out.extend_from_slice(self.body);
    }
}
