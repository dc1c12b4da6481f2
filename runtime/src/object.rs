//! `Object`: any boxed value, kept as its wire bytes.
//!
//! TL's `Object` stands for any constructor (`rpc_result result:Object`,
//! the MTProto envelope `message ... body:Object`). Which one only the
//! context knows (the request an `rpc_result` answers), so generated code
//! keeps it as the bytes it came as and the caller decodes it with the type
//! it expects: [`Object::decode`], or [`Object::decode_response`] for the
//! result of a call (its value or its typed RPC error). Both unpack
//! `gzip_packed` transparently.
//!
//! On the wire an `Object` has no length of its own: it runs to the end of
//! its frame (the rest of an `rpc_result`), or is as long as the `int`
//! before it says (the envelope's `bytes`, [`Object::read_framed`]).
//!
//! [`ObjectRef`] is the same value in the borrowed form of the generated
//! types (`crate::borrowed`): the bytes stay in the input. Both forms read
//! through the same two functions, so they frame alike and fail alike.

use alloc::vec::Vec;

use crate::borrowed::{decode_maybe_gzipped_borrowed, DeserializeBorrowed, ToOwnedValue};
use crate::{gzip, DecodeError, Deserialize, Identifiable, Method, Reader, Serialize};

/// Any boxed value, as its wire bytes (constructor ID first).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Object(Vec<u8>);

impl Object {
    /// The boxed wire form of `value`.
    pub fn new<T: Serialize + ?Sized>(value: &T) -> Object {
        Object(value.to_bytes())
    }

    /// Wraps the boxed wire form of a value; fails unless it has at least
    /// a constructor ID.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Object, DecodeError> {
        ObjectRef::from_bytes(&bytes)?;
        Ok(Object(bytes))
    }

    /// The same bytes, viewed: what the methods below read.
    fn view(&self) -> ObjectRef<'_> {
        ObjectRef(&self.0)
    }

    /// The constructor ID (of `gzip_packed` for a packed value).
    pub fn id(&self) -> u32 {
        self.view().id()
    }

    /// Whether it is a `T` (by constructor ID; a packed value is
    /// `gzip_packed` until decoded).
    pub fn is<T: Identifiable>(&self) -> bool {
        self.view().is::<T>()
    }

    /// The wire bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The wire bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    /// The length of the wire form, as the `int` before a framed `Object`
    /// writes it.
    pub fn wire_len(&self) -> u32 {
        u32::try_from(self.0.len()).unwrap_or(u32::MAX)
    }

    /// Decodes the value as a `T`, unpacking `gzip_packed` first (with the
    /// default depth and gzip limits); the whole value must be consumed.
    pub fn decode<T: Deserialize>(&self) -> Result<T, DecodeError> {
        self.view().decode()
    }

    /// Decodes the value as the answer to the call `M`: its return value,
    /// or its typed error when the server sent an `rpc_error`
    /// ([`Method::decode_response`]).
    pub fn decode_response<M: Method>(&self) -> Result<Result<M::Return, M::Error>, DecodeError> {
        self.view().decode_response::<M>()
    }

    /// Reads a value of `len` bytes (the length the `int` before it gave),
    /// which must hold at least a constructor ID.
    pub fn read_framed(reader: &mut Reader<'_>, len: u32) -> Result<Object, DecodeError> {
        ObjectRef::read_framed(reader, len).map(|o| o.to_owned_value())
    }
}

impl core::fmt::Debug for Object {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Object(#{:08x}, {} bytes)", self.id(), self.0.len())
    }
}

impl Serialize for Object {
    fn serialized_len(&self) -> usize {
        self.0.len()
    }

    fn serialize(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0);
    }
}

/// An `Object` with no length before it runs to the end of its frame: it
/// takes the rest of the reader.
impl Deserialize for Object {
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        ObjectRef::deserialize_borrowed(reader).map(|o| o.to_owned_value())
    }
}

impl<T: Serialize> From<&T> for Object {
    fn from(value: &T) -> Object {
        Object::new(value)
    }
}

/// An [`Object`] in the borrowed form: the boxed wire bytes of any value,
/// borrowed from the input (at least a constructor ID). What
/// `rpc_result result:Object` and the envelope's `body:Object` are in the
/// generated `borrowed` module: the body, usually most of the input, is not
/// copied, and [`ObjectRef::decode_borrowed`] decodes it borrowing from the
/// same input.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectRef<'a>(&'a [u8]);

impl<'a> ObjectRef<'a> {
    /// Views the boxed wire form of a value; fails unless it has at least
    /// a constructor ID.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<ObjectRef<'a>, DecodeError> {
        ObjectRef::with_id(bytes, 0)
    }

    /// `bytes`, read from input offset `start`, if they hold at least a
    /// constructor ID: the one check of every way to make one.
    fn with_id(bytes: &'a [u8], start: usize) -> Result<ObjectRef<'a>, DecodeError> {
        if bytes.len() < 4 {
            return Err(DecodeError::UnexpectedEof {
                offset: start + bytes.len(),
                needed: 4 - bytes.len(),
            });
        }
        Ok(ObjectRef(bytes))
    }

    /// The constructor ID (of `gzip_packed` for a packed value).
    pub fn id(&self) -> u32 {
        u32::from_le_bytes([self.0[0], self.0[1], self.0[2], self.0[3]])
    }

    /// Whether it is a `T` (by constructor ID; a packed value is
    /// `gzip_packed` until decoded).
    pub fn is<T: Identifiable>(&self) -> bool {
        self.id() == T::CONSTRUCTOR_ID
    }

    /// The wire bytes, borrowed from the input.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// Decodes the value as an owned `T` ([`Object::decode`]).
    pub fn decode<T: Deserialize>(&self) -> Result<T, DecodeError> {
        gzip::decode_maybe_gzipped(self.0)
    }

    /// Decodes the value as a borrowed `T`, borrowing from the input, or
    /// from `scratch` when the value is `gzip_packed`
    /// ([`decode_maybe_gzipped_borrowed`]).
    pub fn decode_borrowed<T: DeserializeBorrowed<'a>>(
        &self,
        scratch: &'a mut Vec<u8>,
    ) -> Result<T, DecodeError> {
        decode_maybe_gzipped_borrowed(self.0, scratch)
    }

    /// Decodes the value as the answer to the call `M`
    /// ([`Object::decode_response`]).
    pub fn decode_response<M: Method>(&self) -> Result<Result<M::Return, M::Error>, DecodeError> {
        M::decode_response(self.0)
    }

    /// Reads a value of `len` bytes (the length the `int` before it gave),
    /// which must hold at least a constructor ID: the one framing rule of
    /// both forms ([`Object::read_framed`]).
    pub fn read_framed(reader: &mut Reader<'a>, len: u32) -> Result<ObjectRef<'a>, DecodeError> {
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        let offset = reader.position();
        if len > reader.remaining() {
            return Err(DecodeError::LengthTooLarge {
                offset,
                declared: len,
                remaining: reader.remaining(),
            });
        }
        ObjectRef::from_bytes(reader.read_slice(len)?)
    }
}

impl core::fmt::Debug for ObjectRef<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "ObjectRef(#{:08x}, {} bytes)", self.id(), self.0.len())
    }
}

/// An `Object` with no length before it runs to the end of its frame: it
/// takes the rest of the reader (the one rule of both forms).
impl<'a> DeserializeBorrowed<'a> for ObjectRef<'a> {
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let start = reader.position();
        ObjectRef::with_id(reader.read_rest(), start)
    }
}

impl ToOwnedValue for ObjectRef<'_> {
    type Owned = Object;

    fn to_owned_value(&self) -> Object {
        Object(self.0.to_vec())
    }
}
