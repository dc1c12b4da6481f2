//! The trait set that generated items implement.

use alloc::vec::Vec;

use crate::{DecodeError, Reader, RpcError};

/// At most this many bytes of `Vec` capacity are reserved up front by a vector
/// decoder.
pub(crate) const MAX_PREALLOC_BYTES: usize = 1 << 20;

/// The capacity to reserve for `count` elements of `T` (a count already
/// checked against the remaining input): never more bytes of capacity than
/// `remaining` bytes of input (nor [`MAX_PREALLOC_BYTES`]). Past that the
/// `Vec` grows as elements are actually decoded, each of which consumes
/// input, so a large declared count cannot make the decoder reserve memory the
/// input has not paid for.
pub(crate) fn prealloc_count<T>(count: usize, remaining: usize) -> usize {
    count.min(remaining.min(MAX_PREALLOC_BYTES) / core::mem::size_of::<T>().max(1))
}

/// A TL constructor or function with a 32-bit constructor ID.
pub trait Identifiable {
    /// The constructor ID written before the fields in the boxed form.
    const CONSTRUCTOR_ID: u32;
}

/// Writes a value in its boxed wire form (constructor ID first, where the TL
/// type has one; primitives such as `int` or `string` are written bare).
pub trait Serialize {
    /// The exact number of bytes [`Serialize::serialize`] will append.
    #[must_use]
    fn serialized_len(&self) -> usize;

    /// Appends the wire form to `out`.
    fn serialize(&self, out: &mut Vec<u8>);

    /// Serializes into a fresh buffer allocated once with the exact size.
    #[must_use]
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.serialized_len());
        self.serialize(&mut out);
        out
    }

    /// Appends the wire form to any byte sink: a `VecDeque<u8>`, a
    /// `bytes::BytesMut`, a `SmallVec`, anything that is `Extend<u8>` (the
    /// sink grammers-tl-types' `serialize` takes). The value is written
    /// once, by [`Serialize::to_bytes`], into a buffer of exactly its size,
    /// which the sink takes in one `extend` call (whose size hint is exact,
    /// so a sink that reserves reserves once). Into a `Vec<u8>`,
    /// [`Serialize::serialize`] writes in place without that buffer.
    fn serialize_into<E: Extend<u8> + ?Sized>(&self, sink: &mut E)
    where
        Self: Sized,
    {
        sink.extend(self.to_bytes());
    }

    /// The exact size of `items` written one after another (the elements of a
    /// vector). Fixed-size primitives override this with a multiplication.
    fn slice_len(items: &[Self]) -> usize
    where
        Self: Sized,
    {
        items.iter().map(Self::serialized_len).sum()
    }

    /// Appends `items` one after another (the elements of a vector).
    /// Fixed-size primitives override this with a bulk copy.
    fn serialize_slice(items: &[Self], out: &mut Vec<u8>)
    where
        Self: Sized,
    {
        for item in items {
            item.serialize(out);
        }
    }
}

/// Writes the fields of a constructor: its bare form, or with the
/// constructor ID in front, its boxed form.
pub trait BareSerialize {
    /// The exact number of bytes [`BareSerialize::serialize_bare`] will
    /// append (the boxed form is 4 more).
    fn bare_len(&self) -> usize;

    /// Appends the fields to `out`, after the constructor ID when `BOXED`.
    /// One body serves both forms (`BOXED` is a constant in each), and
    /// generated impls write the ID in one store with the fixed-width fields
    /// that follow it.
    fn serialize_fields<const BOXED: bool>(&self, out: &mut Vec<u8>);

    /// Appends the bare form: the fields only.
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        self.serialize_fields::<false>(out);
    }

    /// Appends the boxed form: the constructor ID, then the fields. Type
    /// enums and `Boxed` wrappers call this.
    #[inline]
    fn serialize_boxed(&self, out: &mut Vec<u8>) {
        self.serialize_fields::<true>(out);
    }
}

/// Reads a value in its boxed wire form.
pub trait Deserialize: Sized {
    /// The fewest bytes any value of this type occupies on the wire. Vector
    /// decoders check a declared element count against it before reserving
    /// memory. The default (4) fits every boxed TL type (a constructor ID) and
    /// every primitive; implementors only override it to be stricter.
    const MIN_WIRE_SIZE: usize = 4;

    /// Reads one value from the cursor.
    fn deserialize(reader: &mut Reader<'_>) -> Result<Self, DecodeError>;

    /// Reads `count` values written one after another (the elements of a
    /// vector). The count is checked against [`Deserialize::MIN_WIRE_SIZE`]
    /// and the remaining input before anything is allocated. Fixed-size
    /// primitives override this with a bulk copy.
    fn deserialize_many(reader: &mut Reader<'_>, count: usize) -> Result<Vec<Self>, DecodeError> {
        reader.check_count(count, Self::MIN_WIRE_SIZE)?;
        let mut items = Vec::with_capacity(prealloc_count::<Self>(count, reader.remaining()));
        for _ in 0..count {
            items.push(Self::deserialize(reader)?);
        }
        Ok(items)
    }

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
    /// The fewest bytes the bare form occupies (a constructor without fields
    /// occupies none). Bare-vector decoders check declared counts against it
    /// (treating 0 as 1) before reserving memory.
    const MIN_BARE_SIZE: usize = 0;

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
    /// return value or the typed RPC error. A `gzip_packed` body is unpacked
    /// first (within [`crate::DEFAULT_GZIP_LIMIT`]); the whole of `bytes` must
    /// be consumed.
    fn decode_response(bytes: &[u8]) -> Result<Result<Self::Return, Self::Error>, DecodeError> {
        let mut reader = Reader::new(bytes);
        let result = Self::decode_response_from(&mut reader)?;
        reader.finish()?;
        Ok(result)
    }

    /// Like [`Method::decode_response`], reading from a caller-configured
    /// [`Reader`] (custom depth or gzip limits) and leaving any trailing input
    /// unread.
    fn decode_response_from(
        reader: &mut Reader<'_>,
    ) -> Result<Result<Self::Return, Self::Error>, DecodeError> {
        crate::gzip::read_maybe_gzipped(reader, |reader| {
            Ok(match RpcError::peek_decode(reader)? {
                Some(err) => Err(Self::Error::from(err)),
                None => Ok(Self::Return::deserialize(reader)?),
            })
        })
    }
}
