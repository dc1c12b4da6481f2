//! The JSON form produced by the `serde` helper modules (feature `serde`).
#![cfg(feature = "serde")]

use serde::{Deserialize, Serialize};
use serde_json::json;

/// Shaped like a generated constructor struct.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Sample {
    id: i64,
    #[serde(with = "tlgen_runtime::serde::bytes")]
    data: Vec<u8>,
    #[serde(with = "tlgen_runtime::serde::option_bytes")]
    maybe: Option<Vec<u8>>,
    #[serde(with = "tlgen_runtime::serde::vec_bytes")]
    many: Vec<Vec<u8>>,
    #[serde(with = "tlgen_runtime::serde::int128")]
    nonce: [u8; 16],
    #[serde(with = "tlgen_runtime::serde::int256")]
    key: [u8; 32],
    #[serde(with = "tlgen_runtime::serde::option_int256")]
    public_key: Option<[u8; 32]>,
    #[serde(with = "tlgen_runtime::serde::vec_int128")]
    nonces: Vec<[u8; 16]>,
}

fn sample() -> Sample {
    Sample {
        id: -9_007_199_254_740_993, // not representable as an f64
        data: b"hi!?".to_vec(),
        maybe: None,
        many: vec![vec![], vec![0xff]],
        nonce: core::array::from_fn(|i| i as u8),
        key: [0xab; 32],
        public_key: Some([1; 32]),
        nonces: vec![[0x0f; 16]],
    }
}

#[test]
fn json_shape() {
    let value = serde_json::to_value(sample()).unwrap();
    assert_eq!(
        value,
        json!({
            "id": -9_007_199_254_740_993i64,
            "data": {"_": "bytes", "bytes": "aGkhPw=="},
            "maybe": null,
            "many": [{"_": "bytes", "bytes": ""}, {"_": "bytes", "bytes": "/w=="}],
            "nonce": "000102030405060708090a0b0c0d0e0f",
            "key": "ab".repeat(32),
            "public_key": "01".repeat(32),
            "nonces": ["0f".repeat(16)],
        })
    );
    // long stays an exact JSON integer.
    let text = serde_json::to_string(&sample()).unwrap();
    assert!(text.contains(r#""id":-9007199254740993"#), "{text}");
}

#[test]
fn json_round_trip() {
    let text = serde_json::to_string(&sample()).unwrap();
    assert_eq!(serde_json::from_str::<Sample>(&text).unwrap(), sample());
    let mut with_some = sample();
    with_some.maybe = Some(vec![1, 2, 3]);
    with_some.public_key = None;
    let text = serde_json::to_string(&with_some).unwrap();
    assert_eq!(serde_json::from_str::<Sample>(&text).unwrap(), with_some);
}

#[derive(Debug, PartialEq, Deserialize)]
struct Bytes(#[serde(with = "tlgen_runtime::serde::bytes")] Vec<u8>);

#[derive(Debug, PartialEq, Deserialize)]
struct Int128(#[serde(with = "tlgen_runtime::serde::int128")] [u8; 16]);

#[test]
fn lenient_where_unambiguous_strict_elsewhere() {
    // Key order does not matter; upper-case hex is accepted.
    assert_eq!(
        serde_json::from_str::<Bytes>(r#"{"bytes": "AQI=", "_": "bytes"}"#).unwrap(),
        Bytes(vec![1, 2])
    );
    assert_eq!(
        serde_json::from_str::<Int128>(r#""000102030405060708090A0B0C0D0E0F""#).unwrap(),
        Int128(core::array::from_fn(|i| i as u8))
    );
    for bad in [
        r#"{"bytes": "AQI="}"#,                   // no tag
        r#"{"_": "string", "bytes": "AQI="}"#,    // wrong tag
        r#"{"_": "bytes"}"#,                      // no data
        r#"{"_": "bytes", "bytes": "AQI"}"#,      // unpadded
        r#"{"_": "bytes", "bytes": "AQ-_"}"#,     // URL-safe alphabet
        r#"{"_": "bytes", "bytes": "", "x": 1}"#, // unknown key
        r#""AQI=""#,                              // bare string
    ] {
        assert!(serde_json::from_str::<Bytes>(bad).is_err(), "{bad}");
    }
    for bad in [r#""0001""#, r#""zz0102030405060708090a0b0c0d0e0f""#, "12"] {
        assert!(serde_json::from_str::<Int128>(bad).is_err(), "{bad}");
    }
}
