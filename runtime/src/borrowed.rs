//! Decoding without copying: values that borrow their strings and byte
//! fields from the input.
//!
//! The owned decoders ([`Deserialize`]) copy every TL `string` into a fresh
//! `String`, every `bytes` into a fresh `Vec<u8>` and every `Object` (any
//! boxed value, kept as its bytes) into a fresh [`crate::Object`]. The
//! borrowed form of the generated types (the `borrowed` module a generator
//! setting adds) holds `&'a str`, `&'a [u8]` and [`crate::ObjectRef<'a>`]
//! instead, pointing into the `&'a [u8]` being decoded, and implements the
//! traits here:
//!
//! * [`DeserializeBorrowed`] reads a boxed value from a [`Reader<'a>`];
//!   [`BareDeserializeBorrowed`] reads a constructor's fields once its ID is
//!   consumed. The same checks as the owned decoders apply, in the same order,
//!   with the same errors: the depth limit, counts checked against the
//!   remaining input before anything is reserved, strings checked for UTF-8.
//!   Input that one form decodes, the other decodes to the same value.
//! * [`ToOwnedValue`] copies a borrowed value into its owned form (the
//!   generated owned type): the copies the borrowed decode did not make.
//!
//! TL type to Rust type, owned and borrowed:
//!
//! | TL | owned | borrowed |
//! |---|---|---|
//! | `string` | `String` | `&'a str` |
//! | `bytes`, and MTProto's `string` (byte data) | `Vec<u8>` | `&'a [u8]` |
//! | `Object` (any boxed value, as its bytes) | [`crate::Object`] | [`crate::ObjectRef<'a>`] |
//! | `Vector<T>` | `Vec<T>` | `Vec<T'>` (`T'` the borrowed form of `T`) |
//! | numbers, `Bool`, `int128`, `int256` | as they are | the same |
//! | a type or constructor holding none of the above | the owned item | the owned item |
//!
//! Vectors are decoded eagerly into a `Vec` of borrowed values: a lazy view
//! that decodes elements on access would have to parse each nested vector
//! again at every level that is accessed (TL gives no element sizes), and
//! PERFORMANCE.md has the measurements that decided it.
//!
//! # `gzip_packed`
//!
//! A `gzip_packed` payload is not in the input: it exists only once
//! inflated, so a value decoded from it cannot borrow from the input.
//! [`decode_maybe_gzipped_borrowed`] inflates it into a buffer the caller
//! owns and lends, and decodes from that buffer; the value then borrows from
//! the buffer. Generated API types never meet `gzip_packed` inside a value:
//! the server packs whole results, which reach a client as the `Object` of
//! an `rpc_result`, and [`crate::ObjectRef::decode_borrowed`] unpacks those
//! the same way. (With the MTProto service schema, `gzip_packed` has a
//! borrowed struct of its own, whose `packed_data` borrows the compressed
//! bytes.)

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use crate::gzip::{self, GZIP_PACKED_ID};
use crate::wire;
use crate::{Boxed, DecodeError, Deserialize, Identifiable, Reader, DEFAULT_GZIP_LIMIT};

/// Reads a value in its boxed wire form, borrowing strings and byte fields
/// from the input (the borrowed counterpart of [`Deserialize`]).
pub trait DeserializeBorrowed<'a>: Sized {
    /// The fewest bytes any value of this type occupies on the wire (see
    /// [`Deserialize::MIN_WIRE_SIZE`]).
    const MIN_WIRE_SIZE: usize = 4;

    /// Reads one value from the cursor.
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError>;

    /// Reads one value that must span all of `bytes` (trailing bytes are an
    /// error), borrowing from `bytes`.
    fn from_bytes_borrowed(bytes: &'a [u8]) -> Result<Self, DecodeError> {
        let mut reader = Reader::new(bytes);
        let value = Self::deserialize_borrowed(&mut reader)?;
        reader.finish()?;
        Ok(value)
    }
}

/// Reads only the fields of a constructor whose ID has already been
/// consumed, borrowing from the input (the borrowed counterpart of
/// [`crate::BareDeserialize`]).
pub trait BareDeserializeBorrowed<'a>: Sized {
    /// The fewest bytes the bare form occupies (see
    /// [`crate::BareDeserialize::MIN_BARE_SIZE`]).
    const MIN_BARE_SIZE: usize = 0;

    /// Reads the fields from the cursor.
    fn deserialize_bare_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError>;
}

/// A borrowed value that can be copied into its owned form: each `&str`
/// becomes a `String`, each `&[u8]` a `Vec<u8>`, each borrowed item the
/// owned item of the same TL constructor or type.
pub trait ToOwnedValue {
    /// The owned form.
    type Owned;

    /// Copies the value into its owned form.
    #[must_use]
    fn to_owned_value(&self) -> Self::Owned;
}

/// Numbers, `Bool`, `int128` and `int256` borrow nothing: the same type in
/// both forms.
macro_rules! plain {
    ($($ty:ty),*) => {$(
        impl<'a> DeserializeBorrowed<'a> for $ty {
            const MIN_WIRE_SIZE: usize = <$ty as Deserialize>::MIN_WIRE_SIZE;

            #[inline]
            fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
                <$ty as Deserialize>::deserialize(reader)
            }
        }

        impl ToOwnedValue for $ty {
            type Owned = $ty;

            #[inline]
            fn to_owned_value(&self) -> $ty {
                *self
            }
        }
    )*};
}

plain!(i32, i64, f64, bool, [u8; 16], [u8; 32]);

/// TL `string`, checked for UTF-8 as the owned decoder checks it.
impl<'a> DeserializeBorrowed<'a> for &'a str {
    #[inline]
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        wire::read_str(reader)
    }
}

impl ToOwnedValue for &str {
    type Owned = String;

    #[inline]
    fn to_owned_value(&self) -> String {
        String::from(*self)
    }
}

/// TL `bytes`. (The owned form, `Vec<u8>`, has free functions instead of a
/// trait impl, which would clash with `Vec<T>`; a slice has no such clash.)
impl<'a> DeserializeBorrowed<'a> for &'a [u8] {
    #[inline]
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        wire::read_bytes_ref(reader)
    }
}

impl ToOwnedValue for &[u8] {
    type Owned = Vec<u8>;

    #[inline]
    fn to_owned_value(&self) -> Vec<u8> {
        self.to_vec()
    }
}

/// A boxed `Vector<T>`: the count is checked against
/// [`DeserializeBorrowed::MIN_WIRE_SIZE`] and the remaining input before
/// anything is reserved, as [`wire::read_vector`] does.
impl<'a, T: DeserializeBorrowed<'a>> DeserializeBorrowed<'a> for Vec<T> {
    /// The vector ID and the count.
    const MIN_WIRE_SIZE: usize = 8;

    #[inline]
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        wire::read_vector_with(reader, T::MIN_WIRE_SIZE, T::deserialize_borrowed)
    }
}

impl<T: ToOwnedValue> ToOwnedValue for Vec<T> {
    type Owned = Vec<T::Owned>;

    #[inline]
    fn to_owned_value(&self) -> Vec<T::Owned> {
        self.iter().map(T::to_owned_value).collect()
    }
}

impl<'a, T: DeserializeBorrowed<'a>> DeserializeBorrowed<'a> for Box<T> {
    const MIN_WIRE_SIZE: usize = T::MIN_WIRE_SIZE;

    #[inline]
    fn deserialize_borrowed(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        T::deserialize_borrowed(reader).map(Box::new)
    }
}

impl<T: ToOwnedValue> ToOwnedValue for Box<T> {
    type Owned = Box<T::Owned>;

    #[inline]
    fn to_owned_value(&self) -> Box<T::Owned> {
        Box::new((**self).to_owned_value())
    }
}

impl<T: ToOwnedValue> ToOwnedValue for Option<T> {
    type Owned = Option<T::Owned>;

    #[inline]
    fn to_owned_value(&self) -> Option<T::Owned> {
        self.as_ref().map(T::to_owned_value)
    }
}

/// A single borrowed constructor in its boxed form, as [`Boxed`] is for owned
/// ones.
impl<'a, T: Identifiable + BareDeserializeBorrowed<'a>> DeserializeBorrowed<'a> for Boxed<T> {
    #[inline]
    fn deserialize_borrowed(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        wire::expect_constructor(r, T::CONSTRUCTOR_ID, core::any::type_name::<T>())?;
        r.nested(T::deserialize_bare_borrowed).map(Boxed)
    }
}

impl<T: ToOwnedValue> ToOwnedValue for Boxed<T> {
    type Owned = Boxed<T::Owned>;

    #[inline]
    fn to_owned_value(&self) -> Boxed<T::Owned> {
        Boxed(self.0.to_owned_value())
    }
}

/// Reads an optional field when bit `bit` of `flags` is set (the borrowed
/// [`wire::read_opt`]).
#[inline(always)]
pub fn read_opt<'a, T: DeserializeBorrowed<'a>>(
    reader: &mut Reader<'a>,
    flags: u32,
    bit: u32,
) -> Result<Option<T>, DecodeError> {
    if wire::has_flag(flags, bit) {
        T::deserialize_borrowed(reader).map(Some)
    } else {
        Ok(None)
    }
}

/// Decodes a `T` that spans all of `bytes`, borrowing from `bytes`, or, when
/// `bytes` is `gzip_packed` (repeatedly), from its payload inflated into
/// `scratch`, with the default depth and gzip limits: the borrowed
/// [`crate::decode_maybe_gzipped`].
///
/// `scratch` is replaced only when there is something to inflate; its
/// earlier contents are dropped then. The inflated size is bounded by
/// [`crate::DEFAULT_GZIP_LIMIT`] in all, and each payload unpacked counts one
/// nesting level, as in [`crate::gzip::read_maybe_gzipped`].
pub fn decode_maybe_gzipped_borrowed<'a, T: DeserializeBorrowed<'a>>(
    bytes: &'a [u8],
    scratch: &'a mut Vec<u8>,
) -> Result<T, DecodeError> {
    let mut budget = DEFAULT_GZIP_LIMIT;
    // What follows the `gzip_packed` object at each level: checked after
    // the value, innermost first, as the owned decoder's readers finish.
    let mut trailing: Vec<usize> = Vec::new();
    let mut unpacked: Option<Vec<u8>> = None;
    loop {
        let source = unpacked.as_deref().unwrap_or(bytes);
        // Each payload unpacked is one level deeper, as in the owned path.
        let mut reader = Reader::new(source).at_depth(trailing.len() as u32);
        if !reader.next_is(GZIP_PACKED_ID) {
            break;
        }
        let inflated = reader.nested(|r| gzip::read_packed(r, budget))?;
        budget -= inflated.len();
        trailing.push(reader.remaining());
        unpacked = Some(inflated);
    }
    let Some(inflated) = unpacked else {
        return T::from_bytes_borrowed(bytes);
    };
    *scratch = inflated;
    let mut reader = Reader::new(scratch)
        .with_gzip_limit(budget)
        .at_depth(trailing.len() as u32);
    let value = T::deserialize_borrowed(&mut reader)?;
    reader.finish()?;
    match trailing.iter().rev().find(|&&count| count > 0) {
        Some(&count) => Err(DecodeError::TrailingBytes { count }),
        None => Ok(value),
    }
}
