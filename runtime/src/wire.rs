//! Free functions for the wire forms that have no [`Serialize`]/[`Deserialize`]
//! impl of their own, and for the shapes that generated code writes field by
//! field.
//!
//! Generated code represents TL `bytes` as `Vec<u8>`, which cannot implement
//! the traits without clashing with the `Vec<T>` (boxed `Vector<T>`) impls, so
//! `bytes` is always written and read through [`bytes_len`], [`write_bytes`]
//! and [`read_bytes`]. Everything else here is a convenience over the trait
//! impls:
//!
//! | TL | size | write | read |
//! |---|---|---|---|
//! | `bytes` | [`bytes_len`] | [`write_bytes`] | [`read_bytes`] ([`read_bytes_ref`] borrows) |
//! | `string` | [`string_len`] | [`write_string`] | [`read_string`] |
//! | `#` (flags), constructor IDs | 4 | [`write_flags`], [`write_u32`] | [`read_flags`], [`read_u32`], [`expect_constructor`] |
//! | `Bool` | 4 | [`write_bool`] | [`read_bool`] |
//! | `Vector<T>` | [`vector_len`] | [`write_vector`] | [`read_vector`] |
//! | `vector<%T>` (bare vector, bare elements) | [`bare_vector_len`] | [`write_bare_vector`] | [`read_bare_vector`] |
//! | `Vector<bytes>` | [`bytes_vector_len`] | [`write_bytes_vector`] | [`read_bytes_vector`] |
//! | any other element shape | [`vector_len_with`], [`bare_vector_len_with`] | [`write_vector_with`], [`write_bare_vector_with`] | [`read_vector_with`], [`read_bare_vector_with`] |
//!
//! `string` and `bytes` share one layout: a length prefix (one byte for
//! lengths below 254, else `0xfe` and three bytes little-endian), the data,
//! then zero padding so that prefix + data + padding is a multiple of 4.
//! Lengths of 2^24 bytes and more, which the three-byte form cannot hold, use
//! TDLib's extension: `0xff` and seven bytes little-endian. The decoder accepts
//! both long forms and checks every length against the remaining input before
//! allocating.

use alloc::string::String;
use alloc::vec::Vec;

use crate::traits::prealloc_count;
use crate::{BareDeserialize, BareSerialize, DecodeError, Deserialize, Reader, Serialize};

/// `boolTrue#997275b5 = Bool`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// `boolFalse#bc799737 = Bool`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// `vector#1cb5c415 {t:Type} # [ t ] = Vector t`.
pub const VECTOR_ID: u32 = 0x1cb5_c415;

/// Largest length the `0xfe` + three-byte prefix can hold.
const MAX_SHORT_LONG_LEN: usize = (1 << 24) - 1;

// ---------------------------------------------------------------- u32 / flags

/// Appends a little-endian `u32` (a constructor ID or a flags word).
#[inline]
pub fn write_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Reads a little-endian `u32`; same as [`Reader::read_u32`].
#[inline]
pub fn read_u32(reader: &mut Reader<'_>) -> Result<u32, DecodeError> {
    reader.read_u32()
}

/// Reads a constructor ID and fails with [`DecodeError::UnknownConstructor`]
/// (naming `expected`) unless it is `id`.
#[inline]
pub fn expect_constructor(
    reader: &mut Reader<'_>,
    id: u32,
    expected: &'static str,
) -> Result<(), DecodeError> {
    match reader.read_u32()? {
        got if got == id => Ok(()),
        got => Err(DecodeError::UnknownConstructor {
            id: got,
            expected,
            found: None,
        }),
    }
}

/// Appends a `#` (flags) word.
#[inline]
pub fn write_flags(out: &mut Vec<u8>, flags: u32) {
    write_u32(out, flags);
}

/// Copies `bytes` into `buf` at `at`: generated `serialize_bare` code fills
/// one stack array with a run of fixed-width fields this way, then appends
/// it with a single `extend_from_slice`.
#[inline(always)]
pub fn put<const N: usize>(buf: &mut [u8], at: usize, bytes: [u8; N]) {
    buf[at..at + N].copy_from_slice(&bytes);
}

/// Copies `N` bytes at `at` out of `buf`: generated `deserialize_bare` code
/// reads a run of fixed-width fields with one [`Reader::read_array`] and
/// splits it this way (constant offsets; never panics: bytes out of range,
/// which generated code never asks for, read as zeros).
#[inline(always)]
#[must_use]
pub fn get<const N: usize, const M: usize>(buf: &[u8; M], at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    if let Some(src) = buf.get(at..at.saturating_add(N)) {
        out.copy_from_slice(src);
    }
    out
}

/// Reads a `#` (flags) word.
#[inline]
pub fn read_flags(reader: &mut Reader<'_>) -> Result<u32, DecodeError> {
    reader.read_u32()
}

/// Whether bit `bit` of `flags` is set (`flags.N?...` is present). Bits past
/// 31 are never set.
#[inline]
#[must_use]
pub const fn has_flag(flags: u32, bit: u32) -> bool {
    bit < 32 && flags & (1 << bit) != 0
}

/// `1 << bit` if `present`, else 0: OR these together to build a flags word.
/// Bits past 31 yield 0.
#[inline]
#[must_use]
pub const fn flag_if(present: bool, bit: u32) -> u32 {
    if present && bit < 32 {
        1 << bit
    } else {
        0
    }
}

// --------------------------------------------------------- Optional fields
//
// A `flags.N?T` field whose `T` implements the traits is one call each in
// generated code (size, flag bit, write, read) instead of a `match`/`if let`
// per field: the same machine code once inlined, and much less for rustc to
// check in a crate of thousands of such fields.

/// `1 << bit` if `value` is present, else 0 (see [`flag_if`]).
#[inline(always)]
#[must_use]
pub const fn flag_some<T>(value: &Option<T>, bit: u32) -> u32 {
    flag_if(value.is_some(), bit)
}

/// The serialized length of an optional field: 0 when absent.
#[inline(always)]
#[must_use]
pub fn opt_len<T: Serialize>(value: &Option<T>) -> usize {
    match value {
        Some(v) => v.serialized_len(),
        None => 0,
    }
}

/// Appends an optional field when present (its flag bit says so).
#[inline(always)]
pub fn write_opt<T: Serialize>(out: &mut Vec<u8>, value: &Option<T>) {
    if let Some(v) = value {
        v.serialize(out);
    }
}

/// Reads an optional field when bit `bit` of `flags` is set.
#[inline(always)]
pub fn read_opt<T: Deserialize>(
    reader: &mut Reader<'_>,
    flags: u32,
    bit: u32,
) -> Result<Option<T>, DecodeError> {
    if has_flag(flags, bit) {
        T::deserialize(reader).map(Some)
    } else {
        Ok(None)
    }
}

// ---------------------------------------------------------------------- Bool

/// Appends a TL `Bool` (`boolTrue` or `boolFalse`).
#[inline]
pub fn write_bool(out: &mut Vec<u8>, value: bool) {
    write_u32(out, if value { BOOL_TRUE_ID } else { BOOL_FALSE_ID });
}

/// Reads a TL `Bool`; any other ID is [`DecodeError::InvalidBool`].
#[inline]
pub fn read_bool(reader: &mut Reader<'_>) -> Result<bool, DecodeError> {
    match reader.read_u32()? {
        BOOL_TRUE_ID => Ok(true),
        BOOL_FALSE_ID => Ok(false),
        id => Err(DecodeError::InvalidBool { id }),
    }
}

// ------------------------------------------------------------- bytes / string

/// Zero bytes needed after `header + len` bytes to reach a multiple of 4.
#[inline]
const fn padding(used: usize) -> usize {
    (4 - used % 4) % 4
}

/// Length of the prefix for a payload of `len` bytes.
#[inline]
const fn prefix_len(len: usize) -> usize {
    if len < 254 {
        1
    } else if len <= MAX_SHORT_LONG_LEN {
        4
    } else {
        8
    }
}

/// The exact wire size of TL `bytes` holding `data` (prefix, data, padding).
#[inline]
#[must_use]
pub const fn bytes_len(data: &[u8]) -> usize {
    let used = prefix_len(data.len()) + data.len();
    used + padding(used)
}

/// Appends `data` as TL `bytes`.
#[inline]
pub fn write_bytes(out: &mut Vec<u8>, data: &[u8]) {
    let len = data.len();
    out.reserve(bytes_len(data));
    let header = if len < 254 {
        out.push(len as u8);
        1
    } else if len <= MAX_SHORT_LONG_LEN {
        let le = (len as u32).to_le_bytes();
        out.extend_from_slice(&[0xfe, le[0], le[1], le[2]]);
        4
    } else {
        let le = (len as u64).to_le_bytes();
        out.push(0xff);
        out.extend_from_slice(&le[..7]);
        8
    };
    out.extend_from_slice(data);
    // A fixed 3-byte store, then drop what is not padding: a variable-length
    // slice of zeros here compiles to a memset/memmove call per string.
    out.extend_from_slice(&[0; 3]);
    out.truncate(out.len() - (3 - padding(header + len)));
}

/// Reads TL `bytes` without copying: the data, borrowed from the input.
#[inline]
pub fn read_bytes_ref<'a>(reader: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
    let offset = reader.position();
    let [first] = reader.read_array::<1>()?;
    let (header, len) = match first {
        254 => {
            let [a, b, c] = reader.read_array::<3>()?;
            (4, u32::from_le_bytes([a, b, c, 0]) as u64)
        }
        255 => {
            let [a, b, c, d, e, f, g] = reader.read_array::<7>()?;
            (8, u64::from_le_bytes([a, b, c, d, e, f, g, 0]))
        }
        short => (1, u64::from(short)),
    };
    let remaining = reader.remaining();
    let len = match usize::try_from(len) {
        Ok(len) if len <= remaining => len,
        _ => {
            let declared = usize::try_from(len).unwrap_or(usize::MAX);
            return Err(DecodeError::LengthTooLarge {
                offset,
                declared,
                remaining,
            });
        }
    };
    let pad = padding(header + len);
    let data = reader.read_slice(len)?;
    reader.read_slice(pad)?;
    Ok(data)
}

/// Reads TL `bytes` into a fresh `Vec` (allocated only after the length has
/// been checked against the remaining input).
#[inline]
pub fn read_bytes(reader: &mut Reader<'_>) -> Result<Vec<u8>, DecodeError> {
    read_bytes_ref(reader).map(<[u8]>::to_vec)
}

/// The exact wire size of `s` as a TL `string`.
#[inline]
#[must_use]
pub const fn string_len(s: &str) -> usize {
    bytes_len(s.as_bytes())
}

/// Appends `s` as a TL `string`.
#[inline]
pub fn write_string(out: &mut Vec<u8>, s: &str) {
    write_bytes(out, s.as_bytes());
}

/// Reads a TL `string`, borrowed from the input; bytes that are not UTF-8
/// are [`DecodeError::InvalidUtf8`].
#[inline]
pub fn read_str<'a>(reader: &mut Reader<'a>) -> Result<&'a str, DecodeError> {
    let offset = reader.position();
    let data = read_bytes_ref(reader)?;
    core::str::from_utf8(data).map_err(|_| DecodeError::InvalidUtf8 { offset })
}

/// Reads a TL `string`; bytes that are not UTF-8 are
/// [`DecodeError::InvalidUtf8`].
#[inline]
pub fn read_string(reader: &mut Reader<'_>) -> Result<String, DecodeError> {
    read_str(reader).map(String::from)
}

// ------------------------------------------------------------------- vectors

/// The exact wire size of a boxed `Vector<T>` (ID, count, elements).
#[inline]
pub fn vector_len<T: Serialize>(items: &[T]) -> usize {
    8 + T::slice_len(items)
}

/// Appends a boxed `Vector<T>`: `0x1cb5c415`, the count, then each element
/// in its boxed form (primitives bare, as always).
#[inline]
pub fn write_vector<T: Serialize>(out: &mut Vec<u8>, items: &[T]) {
    write_u32(out, VECTOR_ID);
    write_count(out, items.len());
    T::serialize_slice(items, out);
}

/// Reads a boxed `Vector<T>`; the count is checked against the remaining
/// input before anything is reserved.
#[inline]
pub fn read_vector<T: Deserialize>(reader: &mut Reader<'_>) -> Result<Vec<T>, DecodeError> {
    expect_constructor(reader, VECTOR_ID, "Vector")?;
    let count = reader.read_u32()? as usize;
    T::deserialize_many(reader, count)
}

/// The exact wire size of a bare `vector<%T>` (count, bare elements).
pub fn bare_vector_len<T: BareSerialize>(items: &[T]) -> usize {
    bare_vector_len_with(items, T::bare_len)
}

/// Appends a bare `vector<%T>`: the count, then each element's bare form
/// (no vector ID, no element IDs).
pub fn write_bare_vector<T: BareSerialize>(out: &mut Vec<u8>, items: &[T]) {
    write_bare_vector_with(out, items, |out, item| item.serialize_bare(out));
}

/// Reads a bare `vector<%T>`; the count is checked against
/// [`BareDeserialize::MIN_BARE_SIZE`] (at least 1) and the remaining input.
pub fn read_bare_vector<T: BareDeserialize>(
    reader: &mut Reader<'_>,
) -> Result<Vec<T>, DecodeError> {
    read_bare_vector_with(reader, T::MIN_BARE_SIZE, T::deserialize_bare)
}

/// The exact wire size of a `Vector<bytes>`.
pub fn bytes_vector_len<B: AsRef<[u8]>>(items: &[B]) -> usize {
    vector_len_with(items, |item| bytes_len(item.as_ref()))
}

/// Appends a `Vector<bytes>`.
pub fn write_bytes_vector<B: AsRef<[u8]>>(out: &mut Vec<u8>, items: &[B]) {
    write_vector_with(out, items, |out, item| write_bytes(out, item.as_ref()));
}

/// Reads a `Vector<bytes>`.
pub fn read_bytes_vector(reader: &mut Reader<'_>) -> Result<Vec<Vec<u8>>, DecodeError> {
    read_vector_with(reader, 4, read_bytes)
}

/// The exact wire size of a boxed vector whose elements have the sizes that
/// `item_len` reports.
pub fn vector_len_with<T>(items: &[T], item_len: impl FnMut(&T) -> usize) -> usize {
    4 + bare_vector_len_with(items, item_len)
}

/// Appends a boxed vector (ID and count), writing each element with `write`.
pub fn write_vector_with<T>(out: &mut Vec<u8>, items: &[T], write: impl FnMut(&mut Vec<u8>, &T)) {
    write_u32(out, VECTOR_ID);
    write_bare_vector_with(out, items, write);
}

/// Reads a boxed vector, reading each element with `read`. Every element must
/// occupy at least `min_item_size` bytes (0 is treated as 1); the declared
/// count is checked against that and the remaining input before reserving.
pub fn read_vector_with<'a, T>(
    reader: &mut Reader<'a>,
    min_item_size: usize,
    read: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    expect_constructor(reader, VECTOR_ID, "Vector")?;
    read_bare_vector_with(reader, min_item_size, read)
}

/// The exact wire size of a bare vector (count, elements) whose elements have
/// the sizes that `item_len` reports.
pub fn bare_vector_len_with<T>(items: &[T], item_len: impl FnMut(&T) -> usize) -> usize {
    4 + items.iter().map(item_len).sum::<usize>()
}

/// Appends a bare vector (count only, no ID), writing each element with
/// `write`.
pub fn write_bare_vector_with<T>(
    out: &mut Vec<u8>,
    items: &[T],
    mut write: impl FnMut(&mut Vec<u8>, &T),
) {
    write_count(out, items.len());
    for item in items {
        write(out, item);
    }
}

/// Reads a bare vector (count only, no ID), reading each element with `read`;
/// see [`read_vector_with`] for `min_item_size`.
pub fn read_bare_vector_with<'a, T>(
    reader: &mut Reader<'a>,
    min_item_size: usize,
    mut read: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let count = reader.read_u32()? as usize;
    reader.check_count(count, min_item_size)?;
    let mut items = Vec::with_capacity(prealloc_count::<T>(count, reader.remaining()));
    for _ in 0..count {
        items.push(read(reader)?);
    }
    Ok(items)
}

/// Appends a vector's element count. TL counts are 32-bit; a slice longer
/// than that cannot be encoded, and the count saturates (the server will
/// reject such a request, which cannot fit in an MTProto message anyway).
#[inline]
fn write_count(out: &mut Vec<u8>, count: usize) {
    write_u32(out, u32::try_from(count).unwrap_or(u32::MAX));
}
