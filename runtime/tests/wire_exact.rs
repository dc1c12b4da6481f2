//! Byte-exact encodings of every primitive, written from the TL/MTProto spec
//! ("Serialization of primitive types"), and the typed errors for malformed
//! input.

use tlgen_runtime::wire::{self, BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};
use tlgen_runtime::{DecodeError, Deserialize, Reader, Serialize};

fn bytes_of(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    wire::write_bytes(&mut out, data);
    assert_eq!(out.len(), wire::bytes_len(data), "bytes_len must be exact");
    out
}

fn encode<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let out = value.to_bytes();
    assert_eq!(
        out.len(),
        value.serialized_len(),
        "serialized_len must be exact"
    );
    out
}

#[test]
fn int_is_four_bytes_little_endian() {
    assert_eq!(encode(&1i32), [1, 0, 0, 0]);
    assert_eq!(encode(&-2i32), [0xfe, 0xff, 0xff, 0xff]);
    assert_eq!(encode(&0x1234_5678i32), [0x78, 0x56, 0x34, 0x12]);
    assert_eq!(i32::from_bytes(&[0x78, 0x56, 0x34, 0x12]), Ok(0x1234_5678));
    assert_eq!(i32::from_bytes(&[0, 0, 0, 0x80]), Ok(i32::MIN));
}

#[test]
fn long_is_eight_bytes_little_endian() {
    assert_eq!(encode(&0x0102_0304_0506_0708i64), [8, 7, 6, 5, 4, 3, 2, 1]);
    assert_eq!(encode(&-1i64), [0xff; 8]);
    assert_eq!(
        i64::from_bytes(&[8, 7, 6, 5, 4, 3, 2, 1]),
        Ok(0x0102_0304_0506_0708)
    );
}

#[test]
fn double_is_ieee754_little_endian() {
    assert_eq!(encode(&1.0f64), [0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    assert_eq!(encode(&-2.5f64), [0, 0, 0, 0, 0, 0, 0x04, 0xc0]);
    assert_eq!(f64::from_bytes(&[0, 0, 0, 0, 0, 0, 0xf0, 0x3f]), Ok(1.0));
    // Any bit pattern is a double, NaNs included.
    let nan = f64::from_bytes(&[1, 0, 0, 0, 0, 0, 0xf8, 0x7f]).unwrap();
    assert!(nan.is_nan());
    assert_eq!(encode(&nan), [1, 0, 0, 0, 0, 0, 0xf8, 0x7f]);
}

#[test]
fn int128_and_int256_keep_wire_byte_order() {
    let nonce: [u8; 16] = core::array::from_fn(|i| i as u8);
    assert_eq!(encode(&nonce), (0..16).collect::<Vec<u8>>());
    assert_eq!(<[u8; 16]>::from_bytes(&nonce), Ok(nonce));
    let key: [u8; 32] = core::array::from_fn(|i| 0xff - i as u8);
    assert_eq!(encode(&key), key.to_vec());
    assert_eq!(<[u8; 32]>::from_bytes(&key), Ok(key));
}

#[test]
fn short_strings_have_one_length_byte_and_pad_to_four() {
    assert_eq!(encode(""), [0, 0, 0, 0]);
    assert_eq!(encode("a"), [1, b'a', 0, 0]);
    assert_eq!(encode("ab"), [2, b'a', b'b', 0]);
    assert_eq!(encode("abc"), [3, b'a', b'b', b'c']);
    assert_eq!(encode("abcd"), [4, b'a', b'b', b'c', b'd', 0, 0, 0]);
    assert_eq!(encode(&String::from("abc")), [3, b'a', b'b', b'c']);
    assert_eq!(
        String::from_bytes(&[4, b'a', b'b', b'c', b'd', 0, 0, 0]),
        Ok("abcd".into())
    );
}

#[test]
fn length_253_is_short_and_254_is_long() {
    let s253 = "x".repeat(253);
    let out = encode(s253.as_str());
    // 1 + 253 = 254, padded to 256.
    assert_eq!(out.len(), 256);
    assert_eq!(out[0], 253);
    assert_eq!(&out[1..254], s253.as_bytes());
    assert_eq!(&out[254..], [0, 0]);

    let s254 = "y".repeat(254);
    let out = encode(s254.as_str());
    // 4 + 254 = 258, padded to 260.
    assert_eq!(out.len(), 260);
    assert_eq!(&out[..4], [0xfe, 254, 0, 0]);
    assert_eq!(&out[4..258], s254.as_bytes());
    assert_eq!(&out[258..], [0, 0]);

    let out = bytes_of(&[7; 256]);
    assert_eq!(out.len(), 260, "4 + 256 needs no padding");
    assert_eq!(&out[..4], [0xfe, 0, 1, 0]);

    let out = bytes_of(&[7; 0x01_0203]);
    assert_eq!(&out[..4], [0xfe, 0x03, 0x02, 0x01]);
    assert_eq!(out.len(), 4 + 0x01_0203 + 1);

    for s in [s253, s254] {
        assert_eq!(String::from_bytes(&encode(s.as_str())), Ok(s));
    }
}

#[test]
fn lengths_from_2_pow_24_use_the_0xff_form() {
    let max3 = vec![1u8; (1 << 24) - 1];
    let out = bytes_of(&max3);
    assert_eq!(&out[..4], [0xfe, 0xff, 0xff, 0xff]);
    assert_eq!(out.len(), 4 + (1 << 24) - 1 + 1);

    let big = vec![2u8; 1 << 24];
    let out = bytes_of(&big);
    assert_eq!(&out[..8], [0xff, 0, 0, 0, 1, 0, 0, 0]);
    assert_eq!(out.len(), 8 + (1 << 24));
    assert_eq!(
        wire::read_bytes(&mut Reader::new(&out)).map(|v| v.len()),
        Ok(1 << 24)
    );
}

#[test]
fn long_prefix_for_short_data_is_accepted() {
    // Not canonical, but unambiguous: 0xfe with length 3.
    let input = [0xfe, 3, 0, 0, b'a', b'b', b'c', 0];
    assert_eq!(String::from_bytes(&input), Ok("abc".into()));
}

#[test]
fn bytes_round_trip_through_the_free_functions() {
    let out = bytes_of(&[0xde, 0xad, 0xbe, 0xef, 0x00]);
    assert_eq!(out, [5, 0xde, 0xad, 0xbe, 0xef, 0x00, 0, 0]);
    let mut reader = Reader::new(&out);
    assert_eq!(
        wire::read_bytes(&mut reader),
        Ok(vec![0xde, 0xad, 0xbe, 0xef, 0])
    );
    assert_eq!(reader.remaining(), 0);
    assert_eq!(wire::read_bytes_ref(&mut Reader::new(&out)), Ok(&out[1..6]));
}

#[test]
fn bool_uses_the_bool_constructor_ids() {
    assert_eq!(BOOL_TRUE_ID, 0x9972_75b5);
    assert_eq!(BOOL_FALSE_ID, 0xbc79_9737);
    assert_eq!(encode(&true), [0xb5, 0x75, 0x72, 0x99]);
    assert_eq!(encode(&false), [0x37, 0x97, 0x79, 0xbc]);
    assert_eq!(bool::from_bytes(&[0xb5, 0x75, 0x72, 0x99]), Ok(true));
    assert_eq!(bool::from_bytes(&[0x37, 0x97, 0x79, 0xbc]), Ok(false));
    assert_eq!(
        bool::from_bytes(&[0x39, 0xd3, 0xed, 0x3f]), // true#3fedd339 is not a Bool
        Err(DecodeError::InvalidBool { id: 0x3fed_d339 })
    );
    let mut out = Vec::new();
    wire::write_bool(&mut out, true);
    assert_eq!(wire::read_bool(&mut Reader::new(&out)), Ok(true));
}

#[test]
fn vectors_are_id_count_elements() {
    assert_eq!(VECTOR_ID, 0x1cb5_c415);
    let out = encode(&vec![1i32, 2]);
    assert_eq!(
        out,
        [0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]
    );
    assert_eq!(Vec::<i32>::from_bytes(&out), Ok(vec![1, 2]));
    assert_eq!(
        encode(&Vec::<i64>::new()),
        [0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]
    );
    assert_eq!(
        encode(&[5i64][..]),
        [0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0]
    );

    // Boxed elements keep their IDs.
    let out = encode(&vec![true]);
    assert_eq!(
        out,
        [0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, 0xb5, 0x75, 0x72, 0x99]
    );

    // Vector<string>.
    let out = encode(&vec![String::from("ab")]);
    assert_eq!(out, [0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, 2, b'a', b'b', 0]);

    // Vector<Vector<long>>: inner vectors are boxed too.
    let nested = vec![vec![7i64]];
    let out = encode(&nested);
    assert_eq!(&out[8..16], [0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0]);
    assert_eq!(Vec::<Vec<i64>>::from_bytes(&out), Ok(nested));
}

#[test]
fn vector_of_bytes() {
    let items = vec![vec![1u8, 2], vec![]];
    let mut out = Vec::new();
    wire::write_bytes_vector(&mut out, &items);
    assert_eq!(
        out,
        [0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 2, 1, 2, 0, 0, 0, 0, 0]
    );
    assert_eq!(out.len(), wire::bytes_vector_len(&items));
    assert_eq!(
        wire::read_bytes_vector(&mut Reader::new(&out)),
        Ok(items.clone())
    );
    // The generic closure form is the same thing.
    let mut again = Vec::new();
    wire::write_vector_with(&mut again, &items, |out, b| wire::write_bytes(out, b));
    assert_eq!(again, out);
    assert_eq!(
        wire::vector_len_with(&items, |b| wire::bytes_len(b)),
        out.len()
    );
    assert_eq!(
        wire::read_vector_with(&mut Reader::new(&out), 4, wire::read_bytes),
        Ok(items)
    );
}

#[test]
fn bare_vectors_have_no_vector_id() {
    let errors = vec![tlgen_runtime::RpcError::parse(400, "A")];
    let mut out = Vec::new();
    wire::write_bare_vector(&mut out, &errors);
    // count, then the bare rpc_error (no 0x2144ca19, no 0x1cb5c415).
    assert_eq!(out, [1, 0, 0, 0, 0x90, 0x01, 0, 0, 1, b'A', 0, 0]);
    assert_eq!(out.len(), wire::bare_vector_len(&errors));
    assert_eq!(
        wire::read_bare_vector::<tlgen_runtime::RpcError>(&mut Reader::new(&out)),
        Ok(errors)
    );

    let mut out = Vec::new();
    wire::write_bare_vector_with(&mut out, &[3i64], |out, v| v.serialize(out));
    assert_eq!(out, [1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        wire::bare_vector_len_with(&[3i64], |v| v.serialized_len()),
        12
    );
    assert_eq!(
        wire::read_bare_vector_with(&mut Reader::new(&out), 8, i64::deserialize),
        Ok(vec![3])
    );
}

#[test]
fn flags_helpers() {
    let flags = wire::flag_if(true, 0) | wire::flag_if(false, 1) | wire::flag_if(true, 31);
    assert_eq!(flags, 0x8000_0001);
    assert!(wire::has_flag(flags, 0));
    assert!(!wire::has_flag(flags, 1));
    assert!(wire::has_flag(flags, 31));
    assert!(!wire::has_flag(u32::MAX, 32), "bits past 31 are never set");
    assert_eq!(wire::flag_if(true, 40), 0);
    let mut out = Vec::new();
    wire::write_flags(&mut out, flags);
    assert_eq!(out, [1, 0, 0, 0x80]);
    assert_eq!(wire::read_flags(&mut Reader::new(&out)), Ok(flags));
}

#[test]
fn constructor_ids() {
    let mut out = Vec::new();
    wire::write_u32(&mut out, 0xda9b_0d0d);
    assert_eq!(out, [0x0d, 0x0d, 0x9b, 0xda]);
    let mut reader = Reader::new(&out);
    assert_eq!(reader.peek_u32(), Ok(0xda9b_0d0d));
    assert_eq!(
        wire::expect_constructor(&mut reader, 0xda9b_0d0d, "X"),
        Ok(())
    );
    assert_eq!(
        wire::expect_constructor(&mut Reader::new(&out), 1, "Y"),
        Err(DecodeError::UnknownConstructor {
            id: 0xda9b_0d0d,
            expected: "Y",
            found: None,
        })
    );
}

#[test]
fn truncated_input_is_unexpected_eof() {
    assert_eq!(
        i32::from_bytes(&[1, 2, 3]),
        Err(DecodeError::UnexpectedEof {
            offset: 0,
            needed: 4
        })
    );
    assert_eq!(
        i64::from_bytes(&[1, 2, 3, 4]),
        Err(DecodeError::UnexpectedEof {
            offset: 0,
            needed: 8
        })
    );
    assert_eq!(
        String::from_bytes(&[]),
        Err(DecodeError::UnexpectedEof {
            offset: 0,
            needed: 1
        })
    );
    // Data present but padding missing.
    assert_eq!(
        String::from_bytes(&[1, b'a']),
        Err(DecodeError::UnexpectedEof {
            offset: 2,
            needed: 2
        })
    );
    assert_eq!(
        Vec::<i32>::from_bytes(&[0x15, 0xc4, 0xb5, 0x1c]),
        Err(DecodeError::UnexpectedEof {
            offset: 4,
            needed: 4
        })
    );
}

#[test]
fn lengths_beyond_the_input_are_refused_before_allocating() {
    assert_eq!(
        String::from_bytes(&[0xfe, 0xff, 0xff, 0xff, b'a', 0, 0, 0]),
        Err(DecodeError::LengthTooLarge {
            offset: 0,
            declared: 0xff_ffff,
            remaining: 4
        })
    );
    assert_eq!(
        wire::read_bytes(&mut Reader::new(&[
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
        ])),
        Err(DecodeError::LengthTooLarge {
            offset: 0,
            declared: 0x00ff_ffff_ffff_ffff,
            remaining: 0
        })
    );
    assert_eq!(
        String::from_bytes(&[5, b'a', b'b']),
        Err(DecodeError::LengthTooLarge {
            offset: 0,
            declared: 5,
            remaining: 2
        })
    );
    // 0xffffffff longs in 8 bytes.
    assert_eq!(
        Vec::<i64>::from_bytes(&[
            0x15, 0xc4, 0xb5, 0x1c, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0
        ]),
        Err(DecodeError::LengthTooLarge {
            offset: 8,
            declared: 0xffff_ffff,
            remaining: 8
        })
    );
    // Two longs need 16 bytes, 12 are left.
    let mut input = vec![0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0];
    input.extend_from_slice(&[0; 12]);
    assert_eq!(
        Vec::<i64>::from_bytes(&input),
        Err(DecodeError::LengthTooLarge {
            offset: 8,
            declared: 2,
            remaining: 12
        })
    );
    // Boxed elements need at least 4 bytes each; vectors 8.
    assert_eq!(
        Vec::<Vec<i32>>::from_bytes(&[0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        Err(DecodeError::LengthTooLarge {
            offset: 8,
            declared: 2,
            remaining: 8
        })
    );
}

#[test]
fn malformed_values_are_typed_errors() {
    assert_eq!(
        String::from_bytes(&[2, 0xc3, 0x28, 0]),
        Err(DecodeError::InvalidUtf8 { offset: 0 })
    );
    // The same bytes are fine as TL bytes.
    assert_eq!(
        wire::read_bytes(&mut Reader::new(&[2, 0xc3, 0x28, 0])),
        Ok(vec![0xc3, 0x28])
    );
    assert_eq!(
        Vec::<i32>::from_bytes(&[1, 2, 3, 4, 0, 0, 0, 0]),
        Err(DecodeError::UnknownConstructor {
            id: 0x0403_0201,
            expected: "Vector",
            found: None,
        })
    );
    assert_eq!(
        i32::from_bytes(&[1, 0, 0, 0, 9]),
        Err(DecodeError::TrailingBytes { count: 1 })
    );
}

#[test]
fn readers_report_position() {
    let input = encode(&vec![1i32, 2, 3]);
    let mut reader = Reader::new(&input);
    assert_eq!(reader.position(), 0);
    assert_eq!(reader.remaining(), 20);
    reader.read_u32().unwrap();
    assert_eq!(reader.position(), 4);
    assert_eq!(reader.rest(), &input[4..]);
    assert_eq!(reader.read_rest(), &input[4..]);
    assert_eq!(reader.finish(), Ok(()));
}

#[test]
fn optional_fields_write_read_and_size_only_when_present() {
    let present = Some(String::from("hi"));
    let absent: Option<String> = None;

    assert_eq!(wire::flag_some(&present, 3), 1 << 3);
    assert_eq!(wire::flag_some(&absent, 3), 0);
    assert_eq!(
        wire::flag_some(&present, 32),
        0,
        "bits past 31 are never set"
    );

    assert_eq!(wire::opt_len(&present), 4);
    assert_eq!(wire::opt_len(&absent), 0);
    assert_eq!(wire::opt_len(&Some(7i64)), 8);

    let mut out = Vec::new();
    wire::write_opt(&mut out, &absent);
    assert!(out.is_empty());
    wire::write_opt(&mut out, &present);
    assert_eq!(out, [2, b'h', b'i', 0]);

    // Absent: nothing is consumed; present: the value is read.
    let mut r = Reader::new(&out);
    assert_eq!(wire::read_opt::<String>(&mut r, 0b0100, 3), Ok(None));
    assert_eq!(
        wire::read_opt::<String>(&mut r, 0b1000, 3),
        Ok(Some(String::from("hi")))
    );
    assert_eq!(wire::read_opt::<String>(&mut r, 0, 3), Ok(None));
    // Set but truncated: the reader's error, not a panic or a `None`.
    let mut r = Reader::new(&out[..2]);
    assert!(wire::read_opt::<String>(&mut r, 1 << 3, 3).is_err());
}
