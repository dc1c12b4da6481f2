//! Property tests: every primitive and helper round-trips, reports its exact
//! size, and rejects every strict prefix of its encoding.

mod common;

use common::harness::Query;
use proptest::prelude::*;
use tlgen_runtime::gzip::{pack_gzip, write_gzip_packed};
use tlgen_runtime::{
    decode_maybe_gzipped, unpack_gzip, wire, Deserialize, Reader, RpcError, Serialize,
};

/// Encodes, checks the size, decodes back, and checks that no strict prefix
/// decodes (TL encodings are prefix-free).
fn check<T>(value: &T) -> Result<(), TestCaseError>
where
    T: Serialize + Deserialize + PartialEq + core::fmt::Debug,
{
    let bytes = value.to_bytes();
    prop_assert_eq!(bytes.len(), value.serialized_len());
    // Any byte sink gets the same bytes, after what it held.
    let mut deque = std::collections::VecDeque::from([0xaa_u8]);
    value.serialize_into(&mut deque);
    prop_assert_eq!(deque.pop_front(), Some(0xaa));
    prop_assert_eq!(deque.make_contiguous(), &bytes[..]);
    prop_assert_eq!(bytes.len() % 4, 0, "TL values are 4-byte aligned");
    let decoded = T::from_bytes(&bytes);
    prop_assert_eq!(decoded.as_ref(), Ok(value));
    for cut in [0, bytes.len() / 2, bytes.len().saturating_sub(1)] {
        if cut < bytes.len() {
            prop_assert!(
                T::from_bytes(&bytes[..cut]).is_err(),
                "prefix {cut} decoded"
            );
        }
    }
    Ok(())
}

fn query() -> impl Strategy<Value = Query> {
    let leaf = (".{0,8}", proptest::collection::vec(any::<u8>(), 0..300))
        .prop_map(|(text, data)| Query::Leaf { text, data });
    leaf.prop_recursive(8, 16, 1, |inner| {
        (any::<i32>(), inner).prop_map(|(layer, q)| Query::Nest {
            layer,
            query: Box::new(q),
        })
    })
}

proptest! {
    #[test]
    fn int(v: i32) { check(&v)?; }

    #[test]
    fn long(v: i64) { check(&v)?; }

    #[test]
    fn double(bits: u64) {
        let v = f64::from_bits(bits);
        let bytes = v.to_bytes();
        prop_assert_eq!(&bytes, &bits.to_le_bytes());
        prop_assert_eq!(f64::from_bytes(&bytes).map(f64::to_bits), Ok(bits));
    }

    #[test]
    fn int128(v: [u8; 16]) { check(&v)?; }

    #[test]
    fn int256(v: [u8; 32]) { check(&v)?; }

    #[test]
    fn bool_(v: bool) { check(&v)?; }

    #[test]
    fn string(v in ".{0,300}") { check(&v)?; }

    #[test]
    fn string_around_the_prefix_boundary(len in 250usize..260, c in proptest::char::range('a', 'z')) {
        let s = c.to_string().repeat(len);
        check(&s)?;
        let bytes = s.to_bytes();
        prop_assert_eq!(bytes[0] == 0xfe, len >= 254);
    }

    #[test]
    fn bytes(v in proptest::collection::vec(any::<u8>(), 0..1200)) {
        let mut out = Vec::new();
        wire::write_bytes(&mut out, &v);
        prop_assert_eq!(out.len(), wire::bytes_len(&v));
        prop_assert_eq!(out.len() % 4, 0);
        let mut reader = Reader::new(&out);
        prop_assert_eq!(wire::read_bytes(&mut reader), Ok(v.clone()));
        prop_assert_eq!(reader.finish(), Ok(()));
        prop_assert!(wire::read_bytes(&mut Reader::new(&out[..out.len() - 1])).is_err());
    }

    #[test]
    fn vector_of_int(v: Vec<i32>) { check(&v)?; }

    #[test]
    fn vector_of_long(v: Vec<i64>) { check(&v)?; }

    #[test]
    fn vector_of_double(v: Vec<u64>) {
        let v: Vec<f64> = v.into_iter().map(f64::from_bits).collect();
        let bytes = v.to_bytes();
        prop_assert_eq!(bytes.len(), v.serialized_len());
        let back = Vec::<f64>::from_bytes(&bytes).unwrap();
        prop_assert_eq!(
            back.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            v.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn vector_of_int128(v: Vec<[u8; 16]>) { check(&v)?; }

    #[test]
    fn vector_of_bool(v: Vec<bool>) { check(&v)?; }

    #[test]
    fn vector_of_string(v in proptest::collection::vec(".{0,20}", 0..20)) { check(&v)?; }

    #[test]
    fn vector_of_vector_of_long(v: Vec<Vec<i64>>) { check(&v)?; }

    #[test]
    fn vector_of_bytes(v in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..8)) {
        let mut out = Vec::new();
        wire::write_bytes_vector(&mut out, &v);
        prop_assert_eq!(out.len(), wire::bytes_vector_len(&v));
        prop_assert_eq!(wire::read_bytes_vector(&mut Reader::new(&out)), Ok(v));
    }

    #[test]
    fn bare_vector(v in proptest::collection::vec((any::<i32>(), "[A-Z_0-9]{0,20}"), 0..8)) {
        let errors: Vec<RpcError> = v.into_iter().map(|(c, m)| RpcError::parse(c, m)).collect();
        let mut out = Vec::new();
        wire::write_bare_vector(&mut out, &errors);
        prop_assert_eq!(out.len(), wire::bare_vector_len(&errors));
        prop_assert_eq!(&out[..4], &(errors.len() as u32).to_le_bytes());
        prop_assert_eq!(wire::read_bare_vector::<RpcError>(&mut Reader::new(&out)), Ok(errors));
    }

    #[test]
    fn boxed(v: i64) { check(&Box::new(v))?; }

    #[test]
    fn flags(bits: Vec<u32>) {
        let word = bits.iter().fold(0u32, |w, &b| w | wire::flag_if(true, b % 32));
        for bit in 0..32 {
            prop_assert_eq!(wire::has_flag(word, bit), bits.iter().any(|&b| b % 32 == bit));
        }
    }

    #[test]
    fn rpc_error(code: i32, message in "[A-Z_]{0,12}(_[0-9]{1,25})?|.{0,20}") {
        let err = RpcError::parse(code, message.clone());
        check(&err)?;
        prop_assert_eq!(&err.message, &message);
        match err.value {
            // The name is the message with the number replaced by X.
            Some(n) => {
                let prefix = err.name.strip_suffix("_X").unwrap();
                prop_assert_eq!(format!("{prefix}_{n}").len() <= message.len(), true);
                prop_assert!(message.starts_with(prefix));
                prop_assert_eq!(message[prefix.len() + 1..].parse::<u64>(), Ok(n));
            }
            None => prop_assert_eq!(&err.name, &message),
        }
    }

    #[test]
    fn recursive(q in query()) { check(&q)?; }

    #[test]
    fn gzip(data in proptest::collection::vec(any::<u8>(), 0..3000), repeat in 1usize..50) {
        let data: Vec<u8> = data.iter().copied().cycle().take(data.len() * repeat).collect();
        prop_assert_eq!(unpack_gzip(&pack_gzip(&data), data.len()), Ok(data.clone()));
        if !data.is_empty() {
            prop_assert!(unpack_gzip(&pack_gzip(&data), data.len() - 1).is_err());
        }
    }

    #[test]
    fn gzip_packed_objects(v: Vec<i64>) {
        let mut packed = Vec::new();
        write_gzip_packed(&mut packed, &v.to_bytes());
        prop_assert_eq!(decode_maybe_gzipped::<Vec<i64>>(&packed), Ok(v.clone()));
        prop_assert_eq!(decode_maybe_gzipped::<Vec<i64>>(&v.to_bytes()), Ok(v));
    }
}
