//! `gzip_packed`: the gzip container, bounded inflation, and the budget that
//! nested and sibling payloads share.

mod common;

use common::harness::{GetNumbers, Query};
use tlgen_runtime::gzip::{pack_gzip, read_maybe_gzipped, write_gzip_packed};
use tlgen_runtime::{
    decode_maybe_gzipped, unpack_gzip, wire, DecodeError, Deserialize, Method, Reader, Serialize,
    DEFAULT_GZIP_LIMIT, GZIP_PACKED_ID,
};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

const HELLO: &[u8] = b"hello, gzip_packed";

fn gzip_error(reason: &'static str) -> Result<Vec<u8>, DecodeError> {
    Err(DecodeError::Gzip { reason })
}

#[test]
fn constants() {
    assert_eq!(GZIP_PACKED_ID, 0x3072_cfa1);
    assert_eq!(DEFAULT_GZIP_LIMIT, 16 << 20);
    assert_eq!(Reader::new(&[]).gzip_budget(), DEFAULT_GZIP_LIMIT);
}

#[test]
fn unpacks_gzip_written_by_other_implementations() {
    // Python's gzip.compress(HELLO, mtime=0) (zlib underneath).
    let plain = hex("1f8b0800000000000203cb48cdc9c9d75148afca2c882f484cce4e4d01009a0e63e312000000");
    assert_eq!(unpack_gzip(&plain, 1024).as_deref(), Ok(HELLO));
    // With a file name (FNAME).
    let named = hex(
        "1f8b08080000000002ff612e74787400cb48cdc9c9d75148afca2c882f484cce4e4d01009a0e63e312000000",
    );
    assert_eq!(unpack_gzip(&named, 1024).as_deref(), Ok(HELLO));
    // FEXTRA, FCOMMENT and a header CRC (FHCRC).
    let full = hex("1f8b0816000000000003030078797a6e6f746500e31ecb48cdc9c9d75148afca2c882f484cce4e4d01009a0e63e312000000");
    assert_eq!(unpack_gzip(&full, 1024).as_deref(), Ok(HELLO));
    let mut bad_hcrc = full.clone();
    bad_hcrc[20] ^= 1;
    assert_eq!(
        unpack_gzip(&bad_hcrc, 1024),
        gzip_error("header CRC mismatch")
    );
}

#[test]
fn pack_then_unpack() {
    for len in [0usize, 1, 100, 65_536, 300_000] {
        let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        let packed = pack_gzip(&data);
        assert_eq!(&packed[..3], [0x1f, 0x8b, 8]);
        assert_eq!(unpack_gzip(&packed, len), Ok(data), "len {len}");
    }
}

#[test]
fn inflation_is_bounded_by_the_limit() {
    let zeros = vec![0u8; 1 << 20];
    let bomb = pack_gzip(&zeros);
    assert!(
        bomb.len() < 4096,
        "a megabyte of zeros packs small: {}",
        bomb.len()
    );
    assert_eq!(
        unpack_gzip(&bomb, (1 << 20) - 1),
        gzip_error("payload inflates past the limit")
    );
    assert_eq!(
        unpack_gzip(&bomb, 1 << 16),
        gzip_error("payload inflates past the limit")
    );
    assert_eq!(
        unpack_gzip(&bomb, 0),
        gzip_error("payload inflates past the limit")
    );
    assert_eq!(unpack_gzip(&bomb, 1 << 20).map(|v| v.len()), Ok(1 << 20));
    assert_eq!(unpack_gzip(&pack_gzip(&[]), 0), Ok(vec![]));
}

#[test]
fn corrupt_containers_are_typed_errors() {
    let good = pack_gzip(HELLO);
    let with = |i: usize, b: u8| {
        let mut v = good.clone();
        v[i] = b;
        v
    };
    assert_eq!(unpack_gzip(&[], 64), gzip_error("header is truncated"));
    assert_eq!(
        unpack_gzip(&good[..9], 64),
        gzip_error("header is truncated")
    );
    assert_eq!(
        unpack_gzip(&with(0, 0x1e), 64),
        gzip_error("not gzip (bad magic)")
    );
    assert_eq!(
        unpack_gzip(&with(2, 7), 64),
        gzip_error("compression method is not deflate")
    );
    assert_eq!(
        unpack_gzip(&with(3, 0x20), 64),
        gzip_error("reserved header flags set")
    );
    // FNAME set but no terminating zero anywhere after the header.
    let mut unterminated = good[..10].to_vec();
    unterminated[3] = 8;
    unterminated.extend_from_slice(b"name");
    assert_eq!(
        unpack_gzip(&unterminated, 64),
        gzip_error("header is truncated")
    );
    assert_eq!(
        unpack_gzip(&good[..12], 64),
        gzip_error("deflate stream is truncated")
    );
    let n = good.len();
    assert_eq!(
        unpack_gzip(&good[..n - 3], 64),
        gzip_error("trailer is truncated")
    );
    assert_eq!(
        unpack_gzip(&with(n - 8, good[n - 8] ^ 1), 64),
        gzip_error("CRC-32 mismatch")
    );
    assert_eq!(
        unpack_gzip(&with(n - 4, good[n - 4] ^ 1), 64),
        gzip_error("size mismatch")
    );
    let mut trailing = good.clone();
    trailing.push(0);
    assert_eq!(
        unpack_gzip(&trailing, 64),
        gzip_error("bytes after the gzip member")
    );
    // A deflate block of reserved type 3.
    let mut bad_block = good[..10].to_vec();
    bad_block.extend_from_slice(&[0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        unpack_gzip(&bad_block, 64),
        gzip_error("deflate stream is corrupt")
    );
}

#[test]
fn decode_maybe_gzipped_accepts_both_forms() {
    let value = vec![String::from("a"), String::from("b")];
    assert_eq!(
        decode_maybe_gzipped::<Vec<String>>(&value.to_bytes()),
        Ok(value.clone())
    );
    let mut packed = Vec::new();
    write_gzip_packed(&mut packed, &value.to_bytes());
    assert_eq!(
        u32::from_le_bytes(packed[..4].try_into().unwrap()),
        GZIP_PACKED_ID
    );
    assert_eq!(decode_maybe_gzipped::<Vec<String>>(&packed), Ok(value));
    // The packed payload is TL bytes; a broken length is caught as such.
    assert!(matches!(
        decode_maybe_gzipped::<Vec<String>>(&[0xa1, 0xcf, 0x72, 0x30, 0xfe, 0xff, 0xff, 0]),
        Err(DecodeError::LengthTooLarge { offset: 4, .. })
    ));
}

fn packed_leaf(len: usize) -> Vec<u8> {
    let leaf = Query::Leaf {
        text: String::new(),
        data: vec![9; len],
    };
    let mut out = Vec::new();
    write_gzip_packed(&mut out, &leaf.to_bytes());
    out
}

#[test]
fn sibling_payloads_share_one_budget() {
    // Three gzip_packed leaves in one vector: ~3 * 612 inflated bytes.
    let mut input = Vec::new();
    wire::write_u32(&mut input, wire::VECTOR_ID);
    wire::write_u32(&mut input, 3);
    for _ in 0..3 {
        input.extend_from_slice(&packed_leaf(600));
    }
    let one = Query::Leaf {
        text: String::new(),
        data: vec![9; 600],
    }
    .serialized_len();

    let mut reader = Reader::new(&input).with_gzip_limit(3 * one);
    assert_eq!(
        Vec::<Query>::deserialize(&mut reader).map(|v| v.len()),
        Ok(3)
    );
    assert_eq!(reader.gzip_budget(), 0);

    let mut reader = Reader::new(&input).with_gzip_limit(3 * one - 1);
    assert_eq!(
        Vec::<Query>::deserialize(&mut reader),
        Err(DecodeError::Gzip {
            reason: "payload inflates past the limit"
        })
    );

    let mut reader = Reader::new(&input).with_gzip_limit(10_000);
    Vec::<Query>::deserialize(&mut reader).unwrap();
    assert_eq!(reader.gzip_budget(), 10_000 - 3 * one);
}

#[test]
fn nested_payloads_share_one_budget_and_count_as_depth() {
    let mut layers = 7i64.to_bytes();
    for _ in 0..5 {
        let mut packed = Vec::new();
        write_gzip_packed(&mut packed, &layers);
        layers = packed;
    }
    let mut reader = Reader::new(&layers);
    let value = read_maybe_gzipped(&mut reader, i64::deserialize);
    assert_eq!(value, Ok(7));
    assert_eq!(reader.depth(), 0);
    assert!(reader.gzip_budget() < DEFAULT_GZIP_LIMIT);

    // Five layers need five nesting levels.
    let mut reader = Reader::with_max_depth(&layers, 4);
    assert_eq!(
        read_maybe_gzipped(&mut reader, i64::deserialize),
        Err(DecodeError::DepthLimitExceeded { limit: 4 })
    );
    let mut reader = Reader::with_max_depth(&layers, 5);
    assert_eq!(read_maybe_gzipped(&mut reader, i64::deserialize), Ok(7));

    // Past the default limit: refused, no stack overflow.
    let mut deep = vec![1i64].to_bytes();
    for _ in 0..80 {
        let mut packed = Vec::new();
        write_gzip_packed(&mut packed, &deep);
        deep = packed;
    }
    assert_eq!(
        GetNumbers::decode_response(&deep),
        Err(DecodeError::DepthLimitExceeded { limit: 64 })
    );
}
