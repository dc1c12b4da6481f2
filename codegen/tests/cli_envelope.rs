//! `tlgen encode` and `tlgen decode` on the whole protocol: the v223 API,
//! `TL_mtproto_v1.tl` and `TL_secret.tl` in one run.
//!
//! * A decrypted payload built here byte by byte from the TL rules (a
//!   container of messages whose bodies are an `rpc_result` of a
//!   `gzip_packed` API object, an `rpc_error`, and a container in a
//!   container), independently of the code under test (its gzip is a
//!   stored deflate block written here, checked with crc32fast): decoded to
//!   JSON all the way down, and encoded back byte-exact.
//! * Every Telethon MTProto golden (the auth-key exchange among them)
//!   through the command line, both ways.

use std::process::Output;

use serde_json::{json, Value};
use tlgen_test_support::cli::{self, success};
use tlgen_test_support::{shared, tlgen, workspace_root};

/// `command` over the v223 docs and all three schemas.
fn protocol(command: &str) -> Vec<String> {
    let shared = shared::require();
    let mut args = vec![
        command.to_owned(),
        "--docs".to_owned(),
        shared.docs("v223").display().to_string(),
    ];
    args.extend(cli::schema_args(&[
        shared.schema("TL_telegram_v223.tl"),
        shared.schema("TL_mtproto_v1.tl"),
        shared.schema("TL_secret.tl"),
    ]));
    args
}

fn tlgen(args: &[String], stdin: &str) -> Output {
    tlgen!().args(args).stdin(stdin).output()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// TL `bytes`/`string`: a length byte (or 0xfe and three), the data, zero
/// padding to a multiple of four.
fn tl_bytes(out: &mut Vec<u8>, data: &[u8]) {
    if data.len() < 254 {
        out.push(data.len() as u8);
    } else {
        out.push(0xfe);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes()[..3]);
    }
    out.extend_from_slice(data);
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
}

/// gzip (RFC 1952) of `data` in one stored deflate block (RFC 1951 3.2.4).
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let len = u16::try_from(data.len()).expect("a short payload");
    out.push(1); // BFINAL, BTYPE = stored
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// `message msg_id:long seqno:int bytes:int body:Object`, bare.
fn message(out: &mut Vec<u8>, msg_id: i64, seqno: i32, body: &[u8]) {
    out.extend_from_slice(&msg_id.to_le_bytes());
    out.extend_from_slice(&seqno.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
}

fn b64(data: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(data)
}

#[test]
#[ignore = "reads ../shared"]
fn a_nested_decrypted_payload_decodes_all_the_way_and_encodes_back_exactly() {
    // peerUser#59511722 user_id:long = Peer; (the API object inside)
    let mut peer = 0x5951_1722u32.to_le_bytes().to_vec();
    peer.extend_from_slice(&777i64.to_le_bytes());
    let packed = gzip_stored(&peer);
    // rpc_result#f35c6d01 req_msg_id:long result:Object, the result
    // gzip_packed#3072cfa1 packed_data:bytes.
    let mut result = 0xf35c_6d01u32.to_le_bytes().to_vec();
    result.extend_from_slice(&100i64.to_le_bytes());
    result.extend_from_slice(&0x3072_cfa1u32.to_le_bytes());
    tl_bytes(&mut result, &packed);
    // rpc_result with rpc_error#2144ca19 error_code:int error_message:string.
    let mut error = 0xf35c_6d01u32.to_le_bytes().to_vec();
    error.extend_from_slice(&101i64.to_le_bytes());
    error.extend_from_slice(&0x2144_ca19u32.to_le_bytes());
    error.extend_from_slice(&420i32.to_le_bytes());
    tl_bytes(&mut error, b"FLOOD_WAIT_7");
    // A container in a container: pong#347773c5 msg_id:long ping_id:long.
    let mut pong = 0x3477_73c5u32.to_le_bytes().to_vec();
    pong.extend_from_slice(&5i64.to_le_bytes());
    pong.extend_from_slice(&42i64.to_le_bytes());
    let mut inner = 0x73f1_f8dcu32.to_le_bytes().to_vec();
    inner.extend_from_slice(&1u32.to_le_bytes());
    message(&mut inner, 9, 7, &pong);
    // msg_container#73f1f8dc messages:vector<%Message>.
    let mut payload = 0x73f1_f8dcu32.to_le_bytes().to_vec();
    payload.extend_from_slice(&3u32.to_le_bytes());
    message(&mut payload, 1, 1, &result);
    message(&mut payload, 2, 3, &error);
    message(&mut payload, 3, 5, &inner);

    let expected = json!({"_": "msg_container", "messages": [
        {"_": "mtproto.message", "msg_id": 1, "seqno": 1, "body": {
            "_": "rpc_result", "req_msg_id": 100, "result": {
                "_": "gzip_packed",
                "packed_data": {"_": "bytes", "bytes": b64(&packed)},
                "unpacked": {"_": "peerUser", "user_id": 777}}}},
        {"_": "mtproto.message", "msg_id": 2, "seqno": 3, "body": {
            "_": "rpc_result", "req_msg_id": 101, "result": {
                "_": "rpc_error", "error_code": 420, "error_message": "FLOOD_WAIT_7"}}},
        {"_": "mtproto.message", "msg_id": 3, "seqno": 5, "body": {
            "_": "msg_container", "messages": [
                {"_": "mtproto.message", "msg_id": 9, "seqno": 7, "body": {
                    "_": "pong", "msg_id": 5, "ping_id": 42}}]}},
    ]});
    let decoded = success(&tlgen(&protocol("decode"), &format!("{}\n", hex(&payload))));
    let value: Value = serde_json::from_str(decoded.trim()).expect("one JSON line");
    assert_eq!(value, expected);
    let encoded = success(&tlgen(&protocol("encode"), &decoded));
    assert_eq!(encoded.trim(), hex(&payload));
}

#[test]
#[ignore = "reads ../shared"]
fn every_telethon_mtproto_golden_through_the_command_line() {
    let fixture = workspace_root().join("tests/golden/telethon_mtproto_v1.jsonl");
    let text = std::fs::read_to_string(&fixture).expect("the MTProto fixture");
    let (mut values, mut hexes) = (String::new(), String::new());
    let mut lines = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let golden: Value = serde_json::from_str(line).expect("a fixture line");
        values.push_str(&golden["value"].to_string());
        values.push('\n');
        hexes.push_str(golden["hex"].as_str().expect("hex"));
        hexes.push('\n');
        lines += 1;
    }
    assert!(lines >= 40, "only {lines} golden lines");
    let encoded = success(&tlgen(&protocol("encode"), &values));
    assert_eq!(encoded, hexes);
    let decoded = success(&tlgen(&protocol("decode"), &hexes));
    for (ours, theirs) in decoded.lines().zip(values.lines()) {
        let ours: Value = serde_json::from_str(ours).expect("JSON");
        let theirs: Value = serde_json::from_str(theirs).expect("JSON");
        assert_eq!(ours, theirs);
    }
    assert_eq!(decoded.lines().count(), lines);
}
