//! `gzip_packed#3072cfa1 packed_data:bytes = Object`.
//!
//! The server may send any object (typically the `result` of an `rpc_result`)
//! gzip-compressed inside `gzip_packed`. Decoding unpacks it transparently
//! where [`read_maybe_gzipped`] is used ([`crate::Method::decode_response`]
//! does), with the inflated size bounded: every [`Reader`] carries a budget
//! ([`crate::DEFAULT_GZIP_LIMIT`] by default, see [`Reader::with_gzip_limit`])
//! that all payloads it unpacks, nested ones included, share. Unpacking also
//! counts as one nesting level, so `gzip_packed` inside `gzip_packed` cannot
//! recurse past the depth limit.
//!
//! Errors found inside an unpacked payload report offsets within that
//! payload, not within the outer input.
//!
//! The gzip container (RFC 1952) is parsed here and its CRC-32 and size
//! trailer are verified; the deflate stream is inflated by `miniz_oxide`, so
//! all of this works without `std`.

use alloc::vec;
use alloc::vec::Vec;

use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

use crate::{wire, DecodeError, Deserialize, Reader};

/// The constructor ID of `gzip_packed`.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;

const FTEXT: u8 = 1;
const FHCRC: u8 = 2;
const FEXTRA: u8 = 4;
const FNAME: u8 = 8;
const FCOMMENT: u8 = 16;

fn corrupt(reason: &'static str) -> DecodeError {
    DecodeError::Gzip { reason }
}

/// Inflates a gzip member (the `packed_data` of a `gzip_packed`), refusing to
/// produce more than `limit` bytes.
///
/// The output buffer grows with the data actually inflated (doubling, capped
/// at `limit`), so a small hostile input cannot make it reserve `limit` bytes
/// up front. Fails with [`DecodeError::Gzip`] on a bad header, a corrupt
/// deflate stream, a CRC-32 or size mismatch, bytes after the member, or
/// output past `limit`.
pub fn unpack_gzip(data: &[u8], limit: usize) -> Result<Vec<u8>, DecodeError> {
    let body = skip_header(data)?;

    let mut state = DecompressorOxide::new();
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0u8; body.len().saturating_mul(4).clamp(64, 1 << 16).min(limit)];
    let mut in_pos = 0;
    let mut out_pos = 0;
    loop {
        let input = body
            .get(in_pos..)
            .ok_or_else(|| corrupt("inflater overran its input"))?;
        let (status, consumed, written) = decompress(&mut state, input, &mut out, out_pos, flags);
        in_pos += consumed;
        out_pos += written;
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    return Err(corrupt("payload inflates past the limit"));
                }
                let new_len = out.len().saturating_mul(2).clamp(64, limit);
                // Exact, so that capacity never passes the limit.
                out.reserve_exact(new_len - out.len());
                out.resize(new_len, 0);
            }
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                return Err(corrupt("deflate stream is truncated"));
            }
            _ => return Err(corrupt("deflate stream is corrupt")),
        }
    }
    out.truncate(out_pos);

    let trailer = body
        .get(in_pos..)
        .ok_or_else(|| corrupt("inflater overran its input"))?;
    let trailer: [u8; 8] = match trailer.len() {
        0..=7 => return Err(corrupt("trailer is truncated")),
        8 => trailer
            .try_into()
            .map_err(|_| corrupt("trailer is truncated"))?,
        _ => return Err(corrupt("bytes after the gzip member")),
    };
    let [c0, c1, c2, c3, s0, s1, s2, s3] = trailer;
    if u32::from_le_bytes([c0, c1, c2, c3]) != crc32(&out) {
        return Err(corrupt("CRC-32 mismatch"));
    }
    if u32::from_le_bytes([s0, s1, s2, s3]) != out.len() as u32 {
        return Err(corrupt("size mismatch"));
    }
    Ok(out)
}

/// Parses the RFC 1952 member header and returns what follows it.
fn skip_header(data: &[u8]) -> Result<&[u8], DecodeError> {
    let truncated = || corrupt("header is truncated");
    let (fixed, mut rest) = data.split_first_chunk::<10>().ok_or_else(truncated)?;
    if fixed[0] != 0x1f || fixed[1] != 0x8b {
        return Err(corrupt("not gzip (bad magic)"));
    }
    if fixed[2] != 8 {
        return Err(corrupt("compression method is not deflate"));
    }
    let flags = fixed[3];
    if flags & !(FTEXT | FHCRC | FEXTRA | FNAME | FCOMMENT) != 0 {
        return Err(corrupt("reserved header flags set"));
    }
    if flags & FEXTRA != 0 {
        let (xlen, tail) = rest.split_first_chunk::<2>().ok_or_else(truncated)?;
        let xlen = usize::from(u16::from_le_bytes(*xlen));
        rest = tail.get(xlen..).ok_or_else(truncated)?;
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let end = rest.iter().position(|&b| b == 0).ok_or_else(truncated)?;
            rest = &rest[end + 1..];
        }
    }
    if flags & FHCRC != 0 {
        let header_len = data.len() - rest.len();
        let (crc, tail) = rest.split_first_chunk::<2>().ok_or_else(truncated)?;
        if u16::from_le_bytes(*crc) != crc32(&data[..header_len]) as u16 {
            return Err(corrupt("header CRC mismatch"));
        }
        rest = tail;
    }
    Ok(rest)
}

/// Compresses `data` into a gzip member (for writing a `gzip_packed`).
#[must_use]
pub fn pack_gzip(data: &[u8]) -> Vec<u8> {
    let deflated = miniz_oxide::deflate::compress_to_vec(data, 6);
    let mut out = Vec::with_capacity(deflated.len() + 18);
    // Magic, deflate, no flags, no mtime, no extra flags, OS unknown.
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    out.extend_from_slice(&deflated);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// Appends `gzip_packed` wrapping `serialized` (an object's boxed wire form).
pub fn write_gzip_packed(out: &mut Vec<u8>, serialized: &[u8]) {
    wire::write_u32(out, GZIP_PACKED_ID);
    wire::write_bytes(out, &pack_gzip(serialized));
}

/// Reads a `gzip_packed` object (its ID next in `reader`) and inflates its
/// payload, at most `budget` bytes.
pub(crate) fn read_packed(reader: &mut Reader<'_>, budget: usize) -> Result<Vec<u8>, DecodeError> {
    reader.read_u32()?;
    unpack_gzip(wire::read_bytes_ref(reader)?, budget)
}

/// Reads an object with `read`, first unpacking it if it is `gzip_packed`
/// (repeatedly, if the payload is itself `gzip_packed`).
///
/// An unpacked payload must be consumed entirely by `read`. Unpacking charges
/// the reader's gzip budget and runs one nesting level deeper.
pub fn read_maybe_gzipped<T, F>(reader: &mut Reader<'_>, read: F) -> Result<T, DecodeError>
where
    F: FnOnce(&mut Reader<'_>) -> Result<T, DecodeError>,
{
    if !reader.next_is(GZIP_PACKED_ID) {
        return read(reader);
    }
    reader.nested(|reader| {
        let budget = reader.gzip_budget();
        let unpacked = read_packed(reader, budget)?;
        let mut inner = reader.sub_reader(&unpacked);
        inner.set_gzip_budget(budget - unpacked.len());
        let value = read_maybe_gzipped(&mut inner, read)?;
        inner.finish()?;
        reader.set_gzip_budget(inner.gzip_budget());
        Ok(value)
    })
}

/// Decodes a `T` that spans all of `bytes`, unpacking it first if it is
/// `gzip_packed`, with the default depth and gzip limits.
pub fn decode_maybe_gzipped<T: Deserialize>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut reader = Reader::new(bytes);
    let value = read_maybe_gzipped(&mut reader, T::deserialize)?;
    reader.finish()?;
    Ok(value)
}

/// CRC-32 (IEEE 802.3, as in gzip and zlib), table-driven.
#[must_use]
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc = CRC_TABLE[usize::from((crc as u8) ^ byte)] ^ (crc >> 8);
    }
    !crc
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
