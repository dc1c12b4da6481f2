//! `rpc_error`, `rpc_result`, error-name parsing and `Method::decode_response`.

mod common;

use common::harness::GetNumbers;
use tlgen_runtime::gzip::write_gzip_packed;
use tlgen_runtime::{
    DecodeError, Deserialize, Method, Reader, RpcError, RpcResult, Serialize, RPC_ERROR_ID,
    RPC_RESULT_ID,
};

#[test]
fn numeric_suffix_is_split_off() {
    let cases: &[(&str, &str, Option<u64>)] = &[
        ("FLOOD_WAIT_30", "FLOOD_WAIT_X", Some(30)),
        ("FILE_MIGRATE_2", "FILE_MIGRATE_X", Some(2)),
        ("SLOWMODE_WAIT_0", "SLOWMODE_WAIT_X", Some(0)),
        ("EMAIL_UNCONFIRMED_6", "EMAIL_UNCONFIRMED_X", Some(6)),
        // Families nobody listed work the same way.
        ("SOME_NEW_FAMILY_123456", "SOME_NEW_FAMILY_X", Some(123_456)),
        (
            "FLOOD_PREMIUM_WAIT_18446744073709551615",
            "FLOOD_PREMIUM_WAIT_X",
            Some(u64::MAX),
        ),
        // No number: unchanged.
        ("CHANNEL_INVALID", "CHANNEL_INVALID", None),
        ("Timeout", "Timeout", None),
        ("SLOWMODE_WAIT_X", "SLOWMODE_WAIT_X", None),
        (
            "INPUT_METHOD_INVALID_1615239032_X",
            "INPUT_METHOD_INVALID_1615239032_X",
            None,
        ),
        ("2FA_CONFIRM_WAIT_X", "2FA_CONFIRM_WAIT_X", None),
        (
            "All workers are busy. Active_queries = X",
            "All workers are busy. Active_queries = X",
            None,
        ),
        // Not a plain number, or too large for u64: unchanged.
        ("FLOOD_WAIT_", "FLOOD_WAIT_", None),
        ("FLOOD_WAIT_+5", "FLOOD_WAIT_+5", None),
        ("FLOOD_WAIT_3s", "FLOOD_WAIT_3s", None),
        (
            "FLOOD_WAIT_18446744073709551616",
            "FLOOD_WAIT_18446744073709551616",
            None,
        ),
        ("30", "30", None),
        ("", "", None),
    ];
    for &(message, name, value) in cases {
        let err = RpcError::parse(420, message);
        assert_eq!((err.name.as_str(), err.value), (name, value), "{message}");
        assert_eq!(err.message, message);
        assert_eq!(err.code, 420);
    }
}

#[test]
fn is_and_display() {
    let err = RpcError::parse(420, "FLOOD_WAIT_30");
    assert!(err.is("FLOOD_WAIT_X"));
    assert!(err.is("FLOOD_WAIT_30"));
    assert!(!err.is("FLOOD_WAIT_31"));
    assert!(!err.is("FLOOD_PREMIUM_WAIT_X"));
    assert_eq!(err.value_or_zero(), 30);
    assert_eq!(RpcError::parse(400, "PEER_ID_INVALID").value_or_zero(), 0);
    assert_eq!(err.to_string(), "RPC error 420: FLOOD_WAIT_30");
}

#[cfg(feature = "std")]
#[test]
fn errors_implement_std_error() {
    let boxed: Box<dyn std::error::Error> = Box::new(RpcError::parse(420, "FLOOD_WAIT_30"));
    assert_eq!(boxed.to_string(), "RPC error 420: FLOOD_WAIT_30");
    let boxed: Box<dyn std::error::Error> = Box::new(DecodeError::InvalidBool { id: 1 });
    assert_eq!(boxed.to_string(), "invalid Bool constructor ID 00000001");
}

/// What a generated per-method error enum looks like.
#[derive(Debug, PartialEq)]
enum SendError {
    SlowmodeWait { value: u64 },
    ChannelInvalid,
    Other(RpcError),
}

impl From<RpcError> for SendError {
    fn from(err: RpcError) -> Self {
        match err.name.as_str() {
            "SLOWMODE_WAIT_X" => Self::SlowmodeWait {
                value: err.value.unwrap_or_default(),
            },
            "CHANNEL_INVALID" => Self::ChannelInvalid,
            _ => Self::Other(err),
        }
    }
}

#[test]
fn generated_error_enums_match_on_name() {
    assert_eq!(
        SendError::from(RpcError::parse(420, "SLOWMODE_WAIT_17")),
        SendError::SlowmodeWait { value: 17 }
    );
    assert_eq!(
        SendError::from(RpcError::parse(400, "CHANNEL_INVALID")),
        SendError::ChannelInvalid
    );
    let other = RpcError::parse(500, "INTERNAL_5");
    assert_eq!(SendError::from(other.clone()), SendError::Other(other));
}

#[test]
fn rpc_error_wire_form() {
    let err = RpcError::parse(-503, "Timeout");
    let out = err.to_bytes();
    assert_eq!(out.len(), err.serialized_len());
    let mut expected = vec![0x19, 0xca, 0x44, 0x21, 0x09, 0xfe, 0xff, 0xff, 7];
    expected.extend_from_slice(b"Timeout");
    assert_eq!(out, expected);
    assert_eq!(RpcError::from_bytes(&out), Ok(err.clone()));

    let mut reader = Reader::new(&out);
    assert_eq!(RpcError::peek_decode(&mut reader), Ok(Some(err)));
    assert_eq!(reader.remaining(), 0);

    // Anything else is left in place.
    let other = 5i64.to_bytes();
    let mut reader = Reader::new(&other);
    assert_eq!(RpcError::peek_decode(&mut reader), Ok(None));
    assert_eq!(reader.position(), 0);
    assert_eq!(RpcError::peek_decode(&mut Reader::new(&[])), Ok(None));

    // A truncated rpc_error is an error, not "no rpc_error".
    assert!(RpcError::peek_decode(&mut Reader::new(&out[..10])).is_err());
    assert_eq!(
        RpcError::from_bytes(&[0x19, 0xca, 0x44, 0x21, 1, 0, 0, 0, 1, 0xff, 0, 0]),
        Err(DecodeError::InvalidUtf8 { offset: 8 })
    );
}

fn rpc_result(req_msg_id: i64, body: &[u8]) -> Vec<u8> {
    let result = RpcResult { req_msg_id, body };
    let mut out = Vec::new();
    result.serialize(&mut out);
    assert_eq!(out.len(), result.serialized_len());
    out
}

#[test]
fn rpc_result_wire_form() {
    assert_eq!(RPC_RESULT_ID, 0xf35c_6d01);
    assert_eq!(RPC_ERROR_ID, 0x2144_ca19);
    let body = vec![1i64, 2].to_bytes();
    let out = rpc_result(0x0102_0304_0506_0708, &body);
    assert_eq!(&out[..12], [0x01, 0x6d, 0x5c, 0xf3, 8, 7, 6, 5, 4, 3, 2, 1]);
    let parsed = RpcResult::decode(&out).unwrap();
    assert_eq!(
        parsed,
        RpcResult {
            req_msg_id: 0x0102_0304_0506_0708,
            body: &body
        }
    );
    assert_eq!(parsed.decode_response::<GetNumbers>(), Ok(Ok(vec![1, 2])));
    assert_eq!(
        RpcResult::decode(&body),
        Err(DecodeError::UnknownConstructor {
            id: 0x1cb5_c415,
            expected: "RpcResult",
            found: None,
        })
    );
    assert_eq!(
        RpcResult::decode(&out[..8]),
        Err(DecodeError::UnexpectedEof {
            offset: 4,
            needed: 8
        })
    );
}

#[test]
fn decode_response_returns_value_or_typed_error() {
    let ok = vec![10i64, 20, 30].to_bytes();
    assert_eq!(GetNumbers::decode_response(&ok), Ok(Ok(vec![10, 20, 30])));

    let err = RpcError::parse(420, "FLOOD_WAIT_7");
    assert_eq!(
        GetNumbers::decode_response(&err.to_bytes()),
        Ok(Err(err.clone()))
    );

    // Trailing bytes after either are an error.
    let mut long = ok.clone();
    long.extend_from_slice(&[0; 4]);
    assert_eq!(
        GetNumbers::decode_response(&long),
        Err(DecodeError::TrailingBytes { count: 4 })
    );
    assert!(GetNumbers::decode_response(&[]).is_err());

    // The reader-based form leaves trailing input for the caller.
    let mut reader = Reader::new(&long);
    assert_eq!(
        GetNumbers::decode_response_from(&mut reader),
        Ok(Ok(vec![10, 20, 30]))
    );
    assert_eq!(reader.remaining(), 4);
}

#[test]
fn decode_response_unpacks_gzip_packed() {
    let numbers: Vec<i64> = (0..1000).collect();
    let mut packed = Vec::new();
    write_gzip_packed(&mut packed, &numbers.to_bytes());
    assert!(packed.len() < numbers.to_bytes().len(), "compressed");
    assert_eq!(&packed[..4], [0xa1, 0xcf, 0x72, 0x30]);
    assert_eq!(
        GetNumbers::decode_response(&packed),
        Ok(Ok(numbers.clone()))
    );

    let out = rpc_result(42, &packed);
    assert_eq!(
        RpcResult::decode(&out)
            .unwrap()
            .decode_response::<GetNumbers>(),
        Ok(Ok(numbers))
    );

    // An rpc_error inside gzip_packed.
    let err = RpcError::parse(303, "NETWORK_MIGRATE_4");
    let mut packed = Vec::new();
    write_gzip_packed(&mut packed, &err.to_bytes());
    assert_eq!(GetNumbers::decode_response(&packed), Ok(Err(err)));

    // gzip_packed inside gzip_packed.
    let mut twice = Vec::new();
    write_gzip_packed(&mut twice, &packed);
    assert!(matches!(GetNumbers::decode_response(&twice), Ok(Err(e)) if e.is("NETWORK_MIGRATE_X")));

    // The unpacked payload must be consumed entirely.
    let mut extra = vec![1i64].to_bytes();
    extra.extend_from_slice(&[0; 4]);
    let mut packed = Vec::new();
    write_gzip_packed(&mut packed, &extra);
    assert_eq!(
        GetNumbers::decode_response(&packed),
        Err(DecodeError::TrailingBytes { count: 4 })
    );
}

#[test]
fn method_constants() {
    assert_eq!(GetNumbers::NAME, "getNumbers");
    assert_eq!(GetNumbers::BOTS, Some(true));
    assert_eq!(GetNumbers::USERS, None);
    assert_eq!(GetNumbers.to_bytes(), [0xcd, 0xab, 0x34, 0x12]);
}
