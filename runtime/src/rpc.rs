//! `rpc_error` and `rpc_result`.

use alloc::string::String;

use crate::{DecodeError, Reader};

/// A parsed `rpc_error`.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Consumes an `rpc_error` if one is next in the input.
    pub fn peek_decode(reader: &mut Reader<'_>) -> Result<Option<Self>, DecodeError> {
        let _ = reader;
        todo!()
    }
}

/// A parsed `rpc_result`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcResult<'a> {
    /// The message ID of the request being answered.
    pub req_msg_id: i64,
    /// The answer's bytes.
    pub body: &'a [u8],
}
