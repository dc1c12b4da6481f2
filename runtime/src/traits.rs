//! The trait set that generated items implement.

use alloc::vec::Vec;

use crate::{DecodeError, Reader, RpcError};

/// A TL constructor or function with a 32-bit constructor ID.
pub trait Identifiable {
    /// The constructor ID written before the fields in the boxed form.
    const CONSTRUCTOR_ID: u32;
}

/// Writes a value in its boxed wire form (constructor ID first, where the TL
/// type has one; primitives such as `int` or `string` are written bare).
pub trait Serialize {
    /// The exact number of bytes [`Serialize::serialize`] will append.
    fn serialized_len(&self) -> usize;

    /// Appends the wire form to `out`.
    fn serialize(&self, out: &mut Vec<u8>);

    /// Serializes into a fresh buffer allocated once with the exact size.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.serialized_len());
        self.serialize(&mut out);
        out
    }
}

/// Writes only the fields of a constructor, without its ID (the bare form).
pub trait BareSerialize {
    /// The exact number of bytes [`BareSerialize::serialize_bare`] will append.
    fn bare_len(&self) -> usize;

    /// Appends the fields to `out`.
    fn serialize_bare(&self, out: &mut Vec<u8>);
}

/// Reads a value in its boxed wire form.
pub trait Deserialize: Sized {
    /// Reads one value from the cursor.
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;

    /// Reads one value that must span all of `bytes` (trailing bytes are an error).
    fn from_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        let mut reader = Reader::new(bytes);
        let value = Self::deserialize(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }
}

/// Reads only the fields of a constructor whose ID has already been consumed.
pub trait BareDeserialize: Sized {
    /// Reads the fields from the cursor.
    fn deserialize_bare(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;
}

/// An RPC function: a request that the server answers with [`Method::Return`].
pub trait Method: Serialize + Identifiable {
    /// The TL name, e.g. `messages.importChatInvite`.
    const NAME: &'static str;
    /// Whether bots may call it (`None` when the docs do not say).
    const BOTS: Option<bool>;
    /// Whether users may call it (`None` when the docs do not say).
    const USERS: Option<bool>;
    /// What a successful call returns.
    type Return: Deserialize;
    /// The typed errors the call is documented to fail with (always with a
    /// fallback for errors nobody documented).
    type Error: From<RpcError> + core::fmt::Debug + core::fmt::Display;

    /// Decodes the body of an `rpc_result` answering this call: either the
    /// return value or the typed RPC error.
    fn decode_response(bytes: &[u8]) -> Result<Result<Self::Return, Self::Error>, DecodeError> {
        let mut reader = Reader::new(bytes);
        let result = match RpcError::peek_decode(&mut reader)? {
            Some(err) => Err(Self::Error::from(err)),
            None => Ok(Self::Return::deserialize(&mut reader)?),
        };
        reader.finish()?;
        Ok(result)
    }
}
