//! Encode/decode on a hand-built IR, with byte-exact expectations written
//! from the TL spec, every error class, and a no-panic loop over hostile input.

use serde_json::{json, Value};

use super::sample::Rng;
use super::*;
use crate::ir::{Api, Constructor};

use crate::test_support::{api_from_tl, method_mut};

const SCHEMA: &str = r#"
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
true#3fedd339 = True;
inputPeerEmpty#7f3b18ea = InputPeer;
inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;
inputUser#f21158c6 user_id:long access_hash:long = InputUser;
user#b3b8153a flags:# self:flags.10?true bot:flags.14?true flags2:# bot_business:flags2.11?true id:long access_hash:flags.0?long bot_info_version:flags.14?int usernames:flags2.0?Vector<string> = User;
messageEntityBold#bd610bc9 offset:int length:int = MessageEntity;
future_salt#0949d9dc valid_since:int valid_until:int salt:long = FutureSalt;
future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;
resPQ#05162463 nonce:int128 server_nonce:int128 pq:bytes server_public_key_fingerprints:Vector<long> = ResPQ;
server_DH_inner_data#b5890dba nonce:int128 server_nonce:int128 g:int dh_prime:bytes g_a:bytes server_time:int = Server_DH_inner_data;
p_q_inner_data_dc#a9f55f95 pq:bytes p:bytes q:bytes nonce:int128 server_nonce:int128 new_nonce:int256 dc:int = P_Q_inner_data;
geoPoint#b2a2f663 flags:# long:double lat:double access_hash:long accuracy_radius:flags.0?int = GeoPoint;
textPlain#744694e0 text:string = RichText;
textBold#6724abc4 text:RichText = RichText;
updatesTooLong#e317af7e = Updates;
upload.file#096a18d5 type:storage.FileType mtime:int bytes:bytes = upload.File;
storage.filePng#0a4f63c0 = storage.FileType;
---functions---
invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
help.getConfig#c4f9186b = Config;
messages.sendMessage#0f9f68e8 flags:# no_webpage:flags.1?true silent:flags.5?true peer:InputPeer message:string random_id:long entities:flags.3?Vector<MessageEntity> = Updates;
messages.importChatInvite#6c50051c hash:string = Updates;
users.getUsers#0d91a548 id:Vector<InputUser> = Vector<User>;
auth.importBotAuthorization#67a3ff2c flags:int a:flags.0?true b:flags.0?true api_id:int = auth.Authorization;
account.updateProfile#78515775 flags:# flags2:# first_name:flags.0?string about:flags.2?string birthday_hidden:flags2.0?true = User;
"#;

fn index() -> ApiIndex<'static> {
    static API: std::sync::OnceLock<Api> = std::sync::OnceLock::new();
    ApiIndex::new(API.get_or_init(api))
}

/// The API behind [`index`].
fn api() -> Api {
    let mut api = api_from_tl(SCHEMA);
    // A docs-only param interleaved in the docs order: never on the wire.
    let send = method_mut(&mut api, "messages.sendMessage");
    let mut parse_mode = send.params[3].clone();
    parse_mode.name = "parse_mode".into();
    parse_mode.ty = "string".into();
    parse_mode.docs_only = true;
    send.params.insert(4, parse_mode);
    // A secret-layer variant: IR name with suffix, wire name in tl_name.
    api.constructors.push(Constructor {
        name: "decryptedMessageActionNoop_17".into(),
        id: Some(0xa82fdd63),
        description: String::new(),
        params: Vec::new(),
        type_name: "DecryptedMessageAction".into(),
        tl_name: Some("decryptedMessageActionNoop".into()),
        layer: Some(17),
        source: None,
        space: crate::ir::Space::Api,
    });
    api
}

/// Hex with spaces for readability.
fn hx(text: &str) -> Vec<u8> {
    parse_hex(text).unwrap()
}

fn enc(value: Value) -> String {
    to_hex(&encode_json(&index(), &value).unwrap_or_else(|e| panic!("{value}: {e}")))
}

fn enc_err(value: Value) -> String {
    encode_json(&index(), &value).unwrap_err().to_string()
}

fn dec(hex: &str) -> Value {
    decode_bytes(&index(), &hx(hex)).unwrap_or_else(|e| panic!("{hex}: {e}"))
}

fn dec_err(hex: &str) -> String {
    decode_bytes(&index(), &hx(hex)).unwrap_err().to_string()
}

/// Encodes, compares with the expected bytes, decodes back, compares with `back`.
fn round(value: Value, expected_hex: &str, back: Value) {
    let expected = to_hex(&hx(expected_hex));
    assert_eq!(enc(value.clone()), expected, "encoding {value}");
    assert_eq!(dec(&expected), back, "decoding {expected}");
}

fn same(value: Value, expected_hex: &str) {
    round(value.clone(), expected_hex, value);
}

#[test]
fn scalars_and_nesting() {
    same(
        json!({"_": "messages.importChatInvite", "hash": "abc"}),
        "1c05506c 03616263",
    );
    same(
        json!({"_": "messages.sendMessage", "peer": {"_": "inputPeerUser", "user_id": 5, "access_hash": -1},
               "message": "hi", "random_id": i64::MIN}),
        "e8689f0f 00000000 4ca5e8dd 0500000000000000 ffffffffffffffff 02686900 0000000000000080",
    );
    // u64-sized and i64 extremes on long; i32 extremes on int.
    same(
        json!({"_": "messageEntityBold", "offset": i32::MIN, "length": i32::MAX}),
        "c90b61bd 00000080 ffffff7f",
    );
    same(
        json!({"_": "geoPoint", "long": 1.5, "lat": -0.0, "access_hash": i64::MAX}),
        "63f6a2b2 00000000 000000000000f83f 0000000000000080 ffffffffffffff7f",
    );
    same(
        json!({"_": "geoPoint", "long": "NaN", "lat": "-Infinity", "access_hash": 0, "accuracy_radius": 3}),
        "63f6a2b2 01000000 000000000000f87f 000000000000f0ff 0000000000000000 03000000",
    );
}

#[test]
fn flags_shared_bits_flags2_and_true() {
    // bot (true) and bot_info_version share flags.14.
    same(
        json!({"_": "user", "bot": true, "id": 1, "bot_info_version": 7}),
        "3a15b8b3 00400000 00000000 0100000000000000 07000000",
    );
    // The value alone sets the shared bit, so `bot` decodes as true.
    round(
        json!({"_": "user", "id": 1, "bot_info_version": 7}),
        "3a15b8b3 00400000 00000000 0100000000000000 07000000",
        json!({"_": "user", "bot": true, "id": 1, "bot_info_version": 7}),
    );
    // flags2 with a true flag and a vector; self on flags.10; `false`/null mean absent.
    same(
        json!({"_": "user", "self": true, "bot_business": true, "id": 2, "access_hash": 9,
               "usernames": ["a", ""]}),
        "3a15b8b3 01040000 01080000 0200000000000000 0900000000000000 15c4b51c 02000000 01610000 00000000",
    );
    round(
        json!({"_": "user", "self": false, "id": 2, "access_hash": null}),
        "3a15b8b3 00000000 00000000 0200000000000000",
        json!({"_": "user", "id": 2}),
    );
    // An old-style `flags:int` that conditional params refer to is a flags word.
    same(
        json!({"_": "auth.importBotAuthorization", "a": true, "b": true, "api_id": 5}),
        "2cffa367 01000000 05000000",
    );
    same(
        json!({"_": "auth.importBotAuthorization", "api_id": 5}),
        "2cffa367 00000000 05000000",
    );
    // Two flags words in a row (flags, flags2) before their fields.
    same(
        json!({"_": "account.updateProfile", "about": "x", "birthday_hidden": true}),
        "75575178 04000000 01000000 01780000",
    );
    // true flag on a method, docs-only parse_mode accepted and ignored.
    round(
        json!({"_": "messages.sendMessage", "no_webpage": true, "silent": false, "peer": {"_": "inputPeerEmpty"},
               "message": "", "parse_mode": "HTML", "random_id": 1, "entities": []}),
        "e8689f0f 0a000000 ea183b7f 00000000 0100000000000000 15c4b51c 00000000",
        json!({"_": "messages.sendMessage", "no_webpage": true, "peer": {"_": "inputPeerEmpty"},
               "message": "", "random_id": 1, "entities": []}),
    );
}

#[test]
fn vectors_boxed_bare_and_nested() {
    same(
        json!({"_": "users.getUsers", "id": [{"_": "inputUser", "user_id": 1, "access_hash": 2}]}),
        "48a5910d 15c4b51c 01000000 c65811f2 0100000000000000 0200000000000000",
    );
    // Bare vector of bare constructors: no vector ID, no element IDs.
    same(
        json!({"_": "future_salts", "req_msg_id": 1, "now": 2,
               "salts": [{"_": "future_salt", "valid_since": 3, "valid_until": 4, "salt": 5}]}),
        "950850ae 0100000000000000 02000000 01000000 03000000 04000000 0500000000000000",
    );
    // `"_"` of a bare element may be omitted on input.
    assert_eq!(
        enc(json!({"_": "future_salts", "req_msg_id": 1, "now": 2,
                   "salts": [{"valid_since": 3, "valid_until": 4, "salt": 5}]})),
        "950850ae0100000000000000020000000100000003000000040000000500000000000000"
    );
    // Recursive type.
    same(
        json!({"_": "textBold", "text": {"_": "textBold", "text": {"_": "textPlain", "text": "b"}}}),
        "c4ab2467 c4ab2467 e0944674 01620000",
    );
}

#[test]
fn bytes_length_boundaries() {
    use base64::Engine as _;
    let b64 = |n: usize| {
        base64::engine::general_purpose::STANDARD
            .encode((0..n).map(|i| i as u8).collect::<Vec<_>>())
    };
    let body = |n: usize| to_hex(&(0..n).map(|i| i as u8).collect::<Vec<_>>());
    for (n, prefix, pad) in [
        (0, "00".to_string(), 3),
        (1, "01".to_string(), 2),
        (3, "03".to_string(), 0),
        (253, "fd".to_string(), 2),
        (254, "fefe0000".to_string(), 2),
        (255, "feff0000".to_string(), 1),
        (256, "fe000100".to_string(), 0),
        (1000, "fee80300".to_string(), 0),
    ] {
        let value = json!({"_": "upload.file", "type": {"_": "storage.filePng"}, "mtime": 1,
                           "bytes": {"_": "bytes", "bytes": b64(n)}});
        let expected = format!(
            "d5186a09 c0634f0a 01000000 {prefix}{}{}",
            body(n),
            "00".repeat(pad)
        );
        same(value, &expected);
    }
}

#[test]
fn int128_int256() {
    let n1 = "000102030405060708090a0b0c0d0e0f";
    let n2 = "ffeeddccbbaa99887766554433221100";
    let n3 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    same(
        json!({"_": "p_q_inner_data_dc", "pq": {"_": "bytes", "bytes": "AQ=="}, "p": {"_": "bytes", "bytes": ""},
               "q": {"_": "bytes", "bytes": ""}, "nonce": n1, "server_nonce": n2, "new_nonce": n3, "dc": -2}),
        &format!("955ff5a9 01010000 00000000 00000000 {n1} {n2} {n3} feffffff"),
    );
    // Upper case is accepted, output is lower case.
    round(
        json!({"_": "resPQ", "nonce": n2.to_uppercase(), "server_nonce": n1, "pq": {"_": "bytes", "bytes": ""},
               "server_public_key_fingerprints": [-2]}),
        &format!("63241605 {n2} {n1} 00000000 15c4b51c 01000000 feffffffffffffff"),
        json!({"_": "resPQ", "nonce": n2, "server_nonce": n1, "pq": {"_": "bytes", "bytes": ""},
               "server_public_key_fingerprints": [-2]}),
    );
}

#[test]
fn generic_query_and_secret_names() {
    same(
        json!({"_": "invokeWithLayer", "layer": 223,
               "query": {"_": "invokeWithLayer", "layer": 1, "query": {"_": "help.getConfig"}}}),
        "0d0d9bda df000000 0d0d9bda 01000000 6b18f9c4",
    );
    // IR name in and out; the wire name is accepted on input when unambiguous.
    same(json!({"_": "decryptedMessageActionNoop_17"}), "63dd2fa8");
    assert_eq!(enc(json!({"_": "decryptedMessageActionNoop"})), "63dd2fa8");
}

#[test]
fn service_types_and_gzip() {
    // rpc_error and rpc_result are built in: the schema above has neither.
    let error = "19ca4421 a4010000 0c464c4f 4f445f57 4149545f 33000000";
    assert_eq!(
        dec(error),
        json!({"_": "rpc_error", "error_code": 420, "error_message": "FLOOD_WAIT_3"})
    );
    assert_eq!(
        dec(&format!("016d5cf3 0000000000000080 {error}")),
        json!({"_": "rpc_result", "req_msg_id": i64::MIN,
               "result": {"_": "rpc_error", "error_code": 420, "error_message": "FLOOD_WAIT_3"}})
    );
    same(
        json!({"_": "rpc_result", "req_msg_id": 7, "result": {"_": "inputPeerEmpty"}}),
        "016d5cf3 0700000000000000 ea183b7f",
    );
    // gzip_packed, wherever a boxed object may be, keeps its compressed
    // bytes and shows what they inflate to: it encodes back byte-exact.
    let inner = enc(json!({"_": "textPlain", "text": "hello"}));
    let packed = tlgen_runtime::gzip::pack_gzip(&hx(&inner));
    let mut gz = hx("a1cf7230");
    tlgen_runtime::wire::write_bytes(&mut gz, &packed);
    let ix = index();
    let node = json!({
        "_": "gzip_packed",
        "packed_data": crate::tools::format::bytes_json(&packed),
        "unpacked": {"_": "textPlain", "text": "hello"},
    });
    assert_eq!(decode_bytes(&ix, &gz).unwrap(), node);
    assert_eq!(encode_json(&ix, &node).unwrap(), gz);
    // Without `packed_data`, `unpacked` is compressed (tlgen's own deflate).
    let fresh = encode_json(
        &ix,
        &json!({"_": "gzip_packed", "unpacked": {"_": "textPlain", "text": "hello"}}),
    )
    .unwrap();
    assert_eq!(
        decode_bytes(&ix, &fresh).unwrap()["unpacked"]["text"],
        "hello"
    );
    // Both given and disagreeing: refused.
    let mut lying = node.clone();
    lying["unpacked"]["text"] = json!("bye");
    assert!(encode_json(&ix, &lying)
        .unwrap_err()
        .to_string()
        .contains("inflates to other bytes"));
    let mut nested = hx("c4ab2467");
    nested.extend_from_slice(&gz);
    assert_eq!(
        decode_bytes(&ix, &nested).unwrap(),
        json!({"_": "textBold", "text": node})
    );
    assert_eq!(
        encode_json(&ix, &json!({"_": "textBold", "text": node})).unwrap(),
        nested
    );
    let mut result = hx("016d5cf3 0100000000000000");
    result.extend_from_slice(&gz);
    assert_eq!(
        decode_bytes(&ix, &result).unwrap()["result"]["unpacked"]["text"],
        "hello"
    );
    // Corrupt payload: a clear error, no panic.
    let mut bad = gz.clone();
    let mid = 8 + packed.len() / 2;
    bad[mid] ^= 0xff;
    assert!(decode_bytes(&ix, &bad)
        .unwrap_err()
        .to_string()
        .contains("gzip_packed"));
    // Wrong type inside the gzip payload is still checked.
    let user_packed = tlgen_runtime::gzip::pack_gzip(&hx(&enc(json!({"_": "inputPeerEmpty"}))));
    let mut wrong = hx("c4ab2467 a1cf7230");
    wrong.push(user_packed.len() as u8);
    wrong.extend_from_slice(&user_packed);
    while wrong.len() & 3 != 0 {
        wrong.push(0);
    }
    assert_eq!(
        decode_bytes(&ix, &wrong).unwrap_err().to_string(),
        "constructor inputPeerEmpty#7f3b18ea of type InputPeer at offset 0, where RichText is expected"
    );
}

#[test]
fn msg_container_with_bare_mtproto_messages() {
    // The API's own `message` constructor takes the name, as in v223 plus
    // TL_mtproto_v1.tl; `%Message` still means the MTProto envelope.
    let mut api = api_from_tl(&format!(
        "{SCHEMA}\n---types---\nmessage#d012ae0d flags:# id:int = Message;\nmessageEmpty#90a6ca84 id:int = Message;\n\
         msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;"
    ));
    api.constructors.retain(|c| c.name != "rpc_result");
    let ix = ApiIndex::new(&api);
    // The envelope's `bytes` is its body's length: computed, not shown.
    let value = json!({"_": "msg_container", "messages": [
        {"_": "message", "msg_id": 1, "seqno": 2,
         "body": {"_": "rpc_result", "req_msg_id": 3, "result": {"_": "boolTrue"}}}]});
    let bytes = encode_json(&ix, &value).unwrap();
    assert_eq!(
        to_hex(&bytes),
        to_hex(&hx("dcf8f173 01000000 0100000000000000 02000000 10000000 016d5cf3 0300000000000000 b5757299"))
    );
    assert_eq!(decode_bytes(&ix, &bytes).unwrap(), value);
    let mut given = value.clone();
    given["messages"][0]["bytes"] = json!(16);
    assert_eq!(encode_json(&ix, &given).unwrap(), bytes);
    given["messages"][0]["bytes"] = json!(12);
    assert_eq!(
        encode_json(&ix, &given).unwrap_err().to_string(),
        "field \"bytes\" of message: number 12 is the length of the value after it, 16 bytes; \
         omit it (it is computed)"
    );
    // A body shorter than its length: refused, not read past.
    let mut short = bytes.clone();
    short[20] = 20;
    short.extend_from_slice(&[0; 4]);
    assert_eq!(
        decode_bytes(&ix, &short).unwrap_err().to_string(),
        "the 20-byte value at offset 24 ends 4 bytes before its length"
    );
    // The envelope does not shadow the API's `message` by name.
    let message = ix.constructor_named("message").expect("the API's message");
    assert_eq!(ix.ctor(message).id, Some(0xd012ae0d));
}

#[test]
fn gzip_bomb_is_bounded() {
    let zeros = vec![0u8; MAX_INFLATED + 4096];
    let packed = tlgen_runtime::gzip::pack_gzip(&zeros);
    let mut gz = hx("a1cf7230 fe");
    gz.extend_from_slice(&(packed.len() as u32).to_le_bytes()[..3]);
    gz.extend_from_slice(&packed);
    while gz.len() & 3 != 0 {
        gz.push(0);
    }
    let err = decode_bytes(&index(), &gz).unwrap_err().to_string();
    assert!(err.contains("limit"), "{err}");
}

#[test]
fn encode_errors_name_the_problem() {
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"_": "messages.nope"}),
            r#"unknown constructor or method "messages.nope""#,
        ),
        (
            json!(5),
            r#"expected a JSON object with "_" naming a method or constructor, got number 5"#,
        ),
        (
            json!([{"_": "inputPeerEmpty"}, 1]),
            r#"expected a JSON object with "_" naming a method or constructor, got number 1"#,
        ),
        (
            json!({"hash": "x"}),
            r#"the object has no "_" naming a method or constructor"#,
        ),
        (
            json!({"_": "messages.sendMessage", "message": "", "random_id": 1}),
            r#"missing field "peer" of messages.sendMessage"#,
        ),
        (
            json!({"_": "messages.importChatInvite", "hash": 5}),
            r#"field "hash" of messages.importChatInvite: expected string, got number 5"#,
        ),
        (
            json!({"_": "messages.importChatInvite", "hash": "x", "hsah": 1}),
            r#"unknown field "hsah" of messages.importChatInvite (did you mean hash?)"#,
        ),
        (
            json!({"_": "user", "id": 1, "flags": 3}),
            r#"field "flags" of user: flags words are computed from the conditional fields; omit it"#,
        ),
        (
            json!({"_": "user", "id": 1, "bot": true}),
            r#"missing field "bot_info_version" of user (flags.14 is set by "bot")"#,
        ),
        (
            json!({"_": "user", "id": 1, "bot": 1}),
            r#"field "bot" of user: expected true, got number 1"#,
        ),
        (
            json!({"_": "user", "id": 1.5}),
            r#"field "id" of user: expected long (an integer or a decimal string), got number 1.5"#,
        ),
        (
            json!({"_": "user", "id": 18446744073709551615u64}),
            r#"field "id" of user: 18446744073709551615 is out of range for long"#,
        ),
        (
            json!({"_": "messageEntityBold", "offset": 2147483648i64, "length": 0}),
            r#"field "offset" of messageEntityBold: 2147483648 is out of range for int"#,
        ),
        (
            json!({"_": "geoPoint", "long": "1", "lat": 0, "access_hash": 0}),
            r#"field "long" of geoPoint: expected double, got string "1""#,
        ),
        (
            json!({"_": "resPQ", "nonce": "00", "server_nonce": "", "pq": {"_": "bytes", "bytes": ""}, "server_public_key_fingerprints": []}),
            r#"field "nonce" of resPQ: expected int128 (32 hex digits), got string "00""#,
        ),
        (
            json!({"_": "upload.file", "type": {"_": "storage.filePng"}, "mtime": 1, "bytes": "AA=="}),
            r#"field "bytes" of upload.file: expected bytes ({"_": "bytes", "bytes": "<base64>"}), got string "AA==""#,
        ),
        (
            json!({"_": "upload.file", "type": {"_": "storage.filePng"}, "mtime": 1, "bytes": {"_": "bytes", "bytes": "!"}}),
            r#"field "bytes" of upload.file: invalid base64: Invalid symbol 33, offset 0."#,
        ),
        (
            json!({"_": "messages.sendMessage", "peer": {"_": "inputUser", "user_id": 1, "access_hash": 1}, "message": "", "random_id": 1}),
            r#"field "peer" of messages.sendMessage: constructor inputUser is of type InputUser, expected InputPeer"#,
        ),
        (
            json!({"_": "messages.sendMessage", "peer": {"_": "help.getConfig"}, "message": "", "random_id": 1}),
            r#"field "peer" of messages.sendMessage: expected a InputPeer constructor, got method help.getConfig"#,
        ),
        (
            json!({"_": "messages.sendMessage", "peer": "me", "message": "", "random_id": 1}),
            r#"field "peer" of messages.sendMessage: expected a InputPeer object, got string "me""#,
        ),
        (
            json!({"_": "invokeWithLayer", "layer": 1, "query": {"_": "inputPeerEmpty"}}),
            r#"field "query" of invokeWithLayer: expected a method call, got constructor inputPeerEmpty"#,
        ),
        (
            json!({"_": "users.getUsers", "id": {}}),
            r#"field "id" of users.getUsers: expected Vector<InputUser> (an array), got object"#,
        ),
        (
            json!({"_": "users.getUsers", "id": [1]}),
            r#"field "id" of users.getUsers: expected a InputUser object, got number 1"#,
        ),
        (
            json!({"_": "future_salts", "req_msg_id": 1, "now": 2, "salts": [{"_": "future_salts"}]}),
            r#"field "salts" of future_salts: expected bare future_salt, got string "future_salts""#,
        ),
        (
            json!({"_": "geoPoint", "long": 0, "lat": 0, "access_hash": 0, "accuracy_radius": "x"}),
            r#"field "accuracy_radius" of geoPoint: expected int (an integer or a decimal string), got string "x""#,
        ),
    ];
    for (value, message) in cases {
        assert_eq!(enc_err(value.clone()), message, "{value}");
    }
    // Depth limit.
    let mut deep = json!({"_": "textPlain", "text": ""});
    for _ in 0..MAX_DEPTH {
        deep = json!({"_": "textBold", "text": deep});
    }
    assert_eq!(
        enc_err(deep),
        "depth limit exceeded: values nested deeper than 64"
    );
}

/// An unknown name gets the nearest names of the loaded schemas: typos,
/// case, a missing namespace, a secret-chat wire name, wherever the name
/// stands; ties all listed in model order; nothing when nothing is near,
/// and no work at all for a name no TL name could be near.
#[test]
fn unknown_names_get_the_nearest_names() {
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"_": "messages.sendMesage"}),
            r#"unknown constructor or method "messages.sendMesage" (did you mean messages.sendMessage?)"#,
        ),
        (
            json!({"_": "Messages.SendMessage"}),
            r#"unknown constructor or method "Messages.SendMessage" (did you mean messages.sendMessage?)"#,
        ),
        (
            json!({"_": "getConfig"}),
            r#"unknown constructor or method "getConfig" (did you mean help.getConfig?)"#,
        ),
        (
            json!({"_": "users.getConfig"}),
            r#"unknown constructor or method "users.getConfig" (did you mean help.getConfig?)"#,
        ),
        (
            json!({"_": "decryptedMessageActionNop"}),
            r#"unknown constructor or method "decryptedMessageActionNop" (did you mean decryptedMessageActionNoop_17?)"#,
        ),
        (
            json!({"_": "messages.sendMessage", "peer": {"_": "inputPeerUsr"}, "message": "", "random_id": 1}),
            r#"unknown constructor or method "inputPeerUsr" (did you mean inputPeerUser?)"#,
        ),
        (
            json!({"_": "invokeWithLayer", "layer": 1, "query": {"_": "help.getConfg"}}),
            r#"unknown constructor or method "help.getConfg" (did you mean help.getConfig?)"#,
        ),
        (
            json!({"_": "xyzzy"}),
            r#"unknown constructor or method "xyzzy""#,
        ),
        // Fields too: the object's own, never a flags word.
        (
            json!({"_": "messages.sendMessage", "peer": {"_": "inputPeerEmpty"}, "Message": "", "random_id": 1}),
            r#"unknown field "Message" of messages.sendMessage (did you mean message?)"#,
        ),
        (
            json!({"_": "messages.sendMessage", "peer": {"_": "inputPeerEmpty"}, "message": "", "random_id": 1, "flag": 1}),
            r#"unknown field "flag" of messages.sendMessage"#,
        ),
        (
            json!({"_": "user", "id": 1, "acess_hash": 1}),
            r#"unknown field "acess_hash" of user (did you mean access_hash?)"#,
        ),
        (
            json!({"_": "gzip_packed", "unpaked": {"_": "inputPeerEmpty"}}),
            r#"unknown field "unpaked" of gzip_packed (did you mean unpacked?)"#,
        ),
    ];
    for (value, message) in cases {
        assert_eq!(enc_err(value.clone()), message, "{value}");
    }

    let api = api_from_tl("a#1 = A;\nb#2 = B;\nlayered#3 = L;\n---functions---\nns.a#4 = A;");
    let ix = ApiIndex::new(&api);
    let near = |name: &str| -> Vec<String> {
        nearest_names(&ix, name)
            .into_iter()
            .map(|n| n.into_owned())
            .collect()
    };
    // Ties, in model order (methods first); the same list every time.
    assert_eq!(near("c"), ["a", "b"]);
    assert_eq!(near("c"), near("c"));
    assert_eq!(near("A"), ["a"]);
    assert_eq!(near("ns.b"), ["ns.a", "b"]);
    assert_eq!(near("layerd"), ["layered"]);
    // Past any name's reach: nothing, without a comparison.
    assert!(near(&"a".repeat(1 << 20)).is_empty());
    assert!(near(&"a".repeat(suggest::MAX_SUGGESTED_LEN + 1)).is_empty());
    assert!(near("").is_empty());
}

/// `int` and `long` take a decimal string as well as a number (a JavaScript
/// caller must send a `long` above 2^53 as one); decoding writes numbers.
#[test]
fn integers_as_decimal_strings() {
    let hex =
        enc(json!({"_": "inputPeerUser", "user_id": 1, "access_hash": 9223372036854775807i64}));
    for access_hash in [json!("9223372036854775807"), json!(9223372036854775807i64)] {
        assert_eq!(
            enc(json!({"_": "inputPeerUser", "user_id": "1", "access_hash": access_hash})),
            hex
        );
    }
    assert_eq!(
        enc(json!({"_": "inputPeerUser", "user_id": "-9223372036854775808", "access_hash": "0"})),
        "4ca5e8dd00000000000000800000000000000000"
    );
    assert_eq!(
        enc(json!({"_": "messageEntityBold", "offset": "-2147483648", "length": "7"})),
        "c90b61bd0000008007000000"
    );
    assert_eq!(
        dec("4ca5e8dd 0000000000000080 0000000000000000"),
        json!({"_": "inputPeerUser", "user_id": i64::MIN, "access_hash": 0})
    );
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"_": "user", "id": "9223372036854775808"}),
            r#"field "id" of user: 9223372036854775808 is out of range for long"#,
        ),
        (
            json!({"_": "user", "id": "999999999999999999999999999999999999999999"}),
            r#"field "id" of user: string "999999999999999999999999"... is out of range for long"#,
        ),
        (
            json!({"_": "messageEntityBold", "offset": "2147483648", "length": 0}),
            r#"field "offset" of messageEntityBold: 2147483648 is out of range for int"#,
        ),
        (
            json!({"_": "user", "id": "1e3"}),
            r#"field "id" of user: expected long (an integer or a decimal string), got string "1e3""#,
        ),
        (
            json!({"_": "user", "id": " 1"}),
            r#"field "id" of user: expected long (an integer or a decimal string), got string " 1""#,
        ),
        (
            json!({"_": "user", "id": "+1"}),
            r#"field "id" of user: expected long (an integer or a decimal string), got string "+1""#,
        ),
        (
            json!({"_": "user", "id": "-"}),
            r#"field "id" of user: expected long (an integer or a decimal string), got string "-""#,
        ),
        (
            json!({"_": "user", "id": "0x10"}),
            r#"field "id" of user: expected long (an integer or a decimal string), got string "0x10""#,
        ),
    ];
    for (value, message) in cases {
        assert_eq!(enc_err(value.clone()), message, "{value}");
    }
}

#[test]
fn a_malformed_ir_is_an_error_not_a_panic() {
    // Bit 40 (from a hand-edited IR JSON) and a flag on a missing word.
    let mut api = api_from_tl("x#01020304 flags:# a:flags.40?int b:nope.1?int = X;");
    api.constructors[0].params[1].flag.as_mut().unwrap().bit = 40;
    let ix = ApiIndex::new(&api);
    assert_eq!(
        encode_json(&ix, &json!({"_": "x"}))
            .map(|b| to_hex(&b))
            .unwrap(),
        "0403020100000000"
    );
    assert_eq!(
        encode_json(&ix, &json!({"_": "x", "a": 1}))
            .unwrap_err()
            .to_string(),
        r#"field "a" of x: flag bit 40 is out of range"#
    );
    assert_eq!(
        encode_json(&ix, &json!({"_": "x", "b": 1}))
            .unwrap_err()
            .to_string(),
        r#"field "b" of x: flags word "nope" is not a field of x"#
    );
    assert_eq!(
        decode_bytes(&ix, &hx("04030201 ffffffff"))
            .unwrap_err()
            .to_string(),
        r#"field "b" of x: flags word "nope" is not read before it"#
    );
}

#[test]
fn no_schema_means_no_ids() {
    let mut api = api_from_tl(SCHEMA);
    for m in &mut api.methods {
        m.id = None;
    }
    for c in &mut api.constructors {
        c.id = None;
    }
    let ix = ApiIndex::new(&api);
    assert!(!ix.has_ids());
    assert_eq!(
        encode_json(&ix, &json!({"_": "messages.importChatInvite", "hash": "x"}))
            .unwrap_err()
            .to_string(),
        "no constructor ID for messages.importChatInvite: pass --schema"
    );
    assert_eq!(
        decode_bytes(&ix, &hx("1c05506c 01780000")).unwrap_err().to_string(),
        "unknown constructor ID #6c50051c (wire bytes 1c05506c, read little-endian) at offset 0: the IR has no constructor IDs (pass --schema)"
    );
}

#[test]
fn decode_errors_name_the_problem() {
    let cases: &[(&str, &str)] = &[
        ("", "truncated input: 4 more bytes needed at offset 0"),
        ("1c0550", "truncated input: 4 more bytes needed at offset 0"),
        ("1c05506c 05616263", "length 5 at offset 4 exceeds the 3 bytes left"),
        ("1c05506c 01780000 00", "1 trailing bytes after the value"),
        ("01020304", "unknown constructor ID #04030201 (wire bytes 01020304, read little-endian) at offset 0"),
        ("c4f9186b", "unknown constructor ID #6b18f9c4 (wire bytes c4f9186b, read little-endian) at offset 0; help.getConfig#c4f9186b is the wire bytes 6b18f9c4: was the ID written in the schema's byte order?"),
        ("4ca5e8dd 00", "truncated input: 8 more bytes needed at offset 4"),
        ("e8689f0f 00000000 c65811f2", "constructor inputUser#f21158c6 of type InputUser at offset 8, where InputPeer is expected"),
        ("e8689f0f 00000000 6b18f9c4", "method help.getConfig#c4f9186b at offset 8, where InputPeer is expected"),
        ("e8689f0f 00000000 15c4b51c", "a vector (#1cb5c415) at offset 8, where InputPeer is expected"),
        ("e8689f0f 00000000 01020304", "unknown constructor ID #04030201 (wire bytes 01020304, read little-endian) at offset 8, where InputPeer is expected"),
        ("0d0d9bda 01000000 ea183b7f", "constructor inputPeerEmpty#7f3b18ea of type InputPeer at offset 8, where a method call is expected"),
        ("48a5910d 15c4b51c ffffffff", "vector count 4294967295 at offset 8 exceeds the 0 bytes left"),
        ("48a5910d 15c4b51c 02000000 c65811f2", "vector count 2 at offset 8 exceeds the 4 bytes left"),
        ("48a5910d 00000000", "unknown constructor ID #00000000 (wire bytes 00000000, read little-endian) at offset 4, where Vector<InputUser> is expected"),
        ("48a5910d 4ca5e8dd", "constructor inputPeerUser#dde8a54c of type InputPeer at offset 4, where Vector<InputUser> is expected"),
        ("1c05506c 02ff8000", "string at offset 4 is not UTF-8"),
        ("1c05506c ff000000", "invalid string/bytes length prefix ff at offset 4"),
        ("63f6a2b2 00000000 00", "truncated input: 8 more bytes needed at offset 8"),
        ("016d5cf3 0100000000000000 01020304", "unknown constructor ID #04030201 (wire bytes 01020304, read little-endian) at offset 12"),
    ];
    for (hex, message) in cases {
        assert_eq!(dec_err(hex), *message, "{hex}");
    }
    // Depth limit on decode: invokeWithLayer nested past the limit.
    let mut bytes = Vec::new();
    for _ in 0..70 {
        bytes.extend_from_slice(&hx("0d0d9bda 01000000"));
    }
    bytes.extend_from_slice(&hx("6b18f9c4"));
    assert_eq!(
        decode_bytes(&index(), &bytes).unwrap_err().to_string(),
        "depth limit exceeded: values nested deeper than 64"
    );
}

#[test]
fn bool_fields() {
    let mut api = api_from_tl(SCHEMA);
    api.constructors
        .extend(api_from_tl("boolHolder#01020304 b:Bool = BoolHolder;").constructors);
    let ix = ApiIndex::new(&api);
    let e = |v: Value| encode_json(&ix, &v).map(|b| to_hex(&b));
    assert_eq!(
        e(json!({"_": "boolHolder", "b": true})).unwrap(),
        "04030201b5757299"
    );
    assert_eq!(
        e(json!({"_": "boolHolder", "b": false})).unwrap(),
        "04030201379779bc"
    );
    assert_eq!(
        e(json!({"_": "boolHolder", "b": 1}))
            .unwrap_err()
            .to_string(),
        r#"field "b" of boolHolder: expected Bool (true or false), got number 1"#
    );
    assert_eq!(
        decode_bytes(&ix, &hx("04030201 b5757299")).unwrap(),
        json!({"_": "boolHolder", "b": true})
    );
    assert_eq!(
        decode_bytes(&ix, &hx("04030201 00000000"))
            .unwrap_err()
            .to_string(),
        "unknown constructor ID #00000000 (wire bytes 00000000, read little-endian) at offset 4, where Bool is expected"
    );
}

#[test]
fn line_helpers() {
    let ix = index();
    assert_eq!(
        encode_line(&ix, "").unwrap_err().to_string(),
        "invalid JSON: empty input"
    );
    assert!(encode_line(&ix, "{\"_\":")
        .unwrap_err()
        .to_string()
        .starts_with("invalid JSON: EOF"));
    assert_eq!(
        encode_line(&ix, r#"{"_":"messages.importChatInvite","hash":"abc"}"#).unwrap(),
        "1c05506c03616263"
    );
    assert_eq!(
        parse_hex(" 1C 05 50 6c\t").unwrap(),
        vec![0x1c, 0x05, 0x50, 0x6c]
    );
    assert_eq!(
        decode_line(&ix, "1c05506").unwrap_err().to_string(),
        "invalid hex: odd number of hex digits"
    );
    assert_eq!(
        decode_line(&ix, "1c05506g").unwrap_err().to_string(),
        "invalid hex: character 'g' at position 7 is not a hex digit"
    );
    // Keys in wire order, "_" first.
    assert_eq!(
        decode_line(
            &ix,
            "3a15b8b3 01400000 00000000 0100000000000000 0900000000000000 07000000"
        )
        .unwrap(),
        r#"{"_":"user","bot":true,"id":1,"access_hash":9,"bot_info_version":7}"#
    );
}

/// `0x` marks a number, not the bytes as sent: refused, with what the
/// digits mean as an ID (little-endian on the wire) and as bytes.
#[test]
fn hex_written_as_a_number_is_refused_with_both_readings() {
    let ix = index();
    let cases: &[(&str, &str)] = &[
        (
            "0xc4f9186b",
            "invalid hex: \"0xc4f9186b\" is a number, but wire bytes are read in the order they \
             are sent; a constructor ID is sent little-endian: help.getConfig#c4f9186b is the \
             bytes 6b18f9c4. Give the bytes without \"0x\"",
        ),
        (
            "0x6b18f9c4",
            "invalid hex: \"0x6b18f9c4\" is a number, but wire bytes are read in the order they \
             are sent; a constructor ID is sent little-endian: the ID #6b18f9c4 is the bytes \
             c4f9186b, and the bytes 6b18f9c4 are help.getConfig#c4f9186b. Give the bytes \
             without \"0x\"",
        ),
        (
            " 0X01020304 ",
            "invalid hex: \"0x01020304\" is a number, but wire bytes are read in the order they \
             are sent; a constructor ID is sent little-endian: the ID #01020304 is the bytes \
             04030201. Give the bytes without \"0x\"",
        ),
        (
            "0x1c05506c 03616263",
            "invalid hex: \"0x1c05506c03616263\" is a number, but wire bytes are read in the \
             order they are sent; a constructor ID is sent little-endian. Give the bytes without \
             \"0x\"",
        ),
        (
            "0x1c05506c0361626300000000000000000000",
            "invalid hex: \"0x1c05506c0361626300000000...\" is a number, but wire bytes are read \
             in the order they are sent; a constructor ID is sent little-endian. Give the bytes \
             without \"0x\"",
        ),
    ];
    for (line, message) in cases {
        assert_eq!(
            decode_line(&ix, line).unwrap_err().to_string(),
            *message,
            "{line}"
        );
    }
    // `0x` before what is no number: the first character that is no digit.
    assert_eq!(
        decode_line(&ix, "0xzz").unwrap_err().to_string(),
        "invalid hex: character 'x' at position 1 is not a hex digit"
    );
    // Without a model to name entries, the byte order is still explained.
    assert_eq!(
        parse_hex("0xc4f9186b").unwrap_err().to_string(),
        "invalid hex: \"0xc4f9186b\" is a number, but wire bytes are read in the order they are \
         sent; a constructor ID is sent little-endian: the ID #c4f9186b is the bytes 6b18f9c4. \
         Give the bytes without \"0x\""
    );
    // The bytes themselves decode.
    assert_eq!(
        decode_line(&ix, "6b18f9c4").unwrap(),
        r#"{"_":"help.getConfig"}"#
    );
}

#[test]
fn samples_round_trip() {
    let ix = index();
    let names: Vec<String> = ix.names().map(str::to_string).collect();
    for name in &names {
        for seed in 0..40 {
            let value = sample_value(&ix, name, seed).unwrap();
            let bytes =
                encode_json(&ix, &value).unwrap_or_else(|e| panic!("{name}/{seed}: {e}: {value}"));
            let back = decode_bytes(&ix, &bytes);
            if name == "gzip_packed" {
                continue; // decoding unwraps it by design
            }
            assert_eq!(back.as_ref().ok(), Some(&value), "{name}/{seed}: {back:?}");
        }
    }
    assert_eq!(
        sample_value(&ix, "user", 0).unwrap(),
        json!({"_": "user", "id": 0})
    );
    assert!(sample_value(&ix, "nope", 0).is_err());
}

/// Random and mutated inputs: decoding never panics, and whatever decodes
/// encodes back to the very same bytes unless the input was non-canonical.
#[test]
fn hostile_input_never_panics() {
    let ix = index();
    let names: Vec<String> = ix.names().map(str::to_string).collect();
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    for name in &names {
        for seed in 0..6 {
            if let Ok(value) = sample_value(&ix, name, seed) {
                if let Ok(bytes) = encode_json(&ix, &value) {
                    corpus.push(bytes);
                }
            }
        }
    }
    let ids: Vec<u32> = [
        0x1cb5c415u32,
        0x3072cfa1,
        0xf35c6d01,
        0x2144ca19,
        0xda9b0d0d,
        0x6724abc4,
        0xffffffff,
    ]
    .into_iter()
    .collect();
    let mut rng = Rng::new(0x5eed);
    let mut decoded = 0;
    for round in 0..100_000u32 {
        let mut input = corpus[rng.below(corpus.len())].clone();
        match round % 5 {
            0 => {
                let n = rng.below(64);
                input = (0..n).map(|_| rng.next() as u8).collect();
            }
            1 => {
                let at = rng.below(input.len());
                input[at] ^= 1 << rng.below(8);
            }
            2 => input.truncate(rng.below(input.len() + 1)),
            3 => {
                let at = rng.below(input.len() / 4 + 1) * 4;
                let word = if rng.next() & 1 == 0 {
                    ids[rng.below(ids.len())]
                } else {
                    rng.next() as u32
                };
                input.splice(at..at, word.to_le_bytes());
            }
            _ => {
                let at = rng.below(input.len() / 4 + 1) * 4;
                let end = (at + 4).min(input.len());
                input.splice(at..end, (rng.next() as u32).to_le_bytes());
            }
        }
        if let Ok(value) = decode_bytes(&ix, &input) {
            decoded += 1;
            // Whatever decodes must encode again (possibly canonicalized).
            encode_json(&ix, &value).unwrap_or_else(|e| panic!("{}: {e}: {value}", to_hex(&input)));
        }
    }
    assert!(decoded > 1000, "only {decoded} mutated inputs decoded");
}

/// Mutated JSON (leaves swapped for other JSON kinds, keys dropped or
/// added, deep nesting): encoding returns an error or bytes, never panics,
/// and whatever encodes decodes.
#[test]
fn mutated_json_never_panics() {
    fn mutate(value: &mut Value, rng: &mut Rng, depth: u32) {
        let junk = |rng: &mut Rng| -> Value {
            match rng.below(9) {
                0 => Value::Null,
                1 => json!(true),
                2 => json!(1.5),
                3 => json!(u64::MAX),
                4 => json!(i64::MIN),
                5 => json!("zz"),
                6 => json!([]),
                7 => json!({"_": "bytes", "bytes": "AAAA"}),
                _ => json!({"_": "inputPeerEmpty"}),
            }
        };
        match value {
            Value::Object(map) if !map.is_empty() && depth < 8 => {
                let keys: Vec<String> = map.keys().cloned().collect();
                let key = &keys[rng.below(keys.len())];
                match rng.below(4) {
                    0 => {
                        map.remove(key);
                    }
                    1 => {
                        map.insert(key.clone(), junk(rng));
                    }
                    2 => {
                        map.insert("extra".into(), junk(rng));
                    }
                    _ => mutate(map.get_mut(key).unwrap(), rng, depth + 1),
                }
            }
            Value::Array(items) if !items.is_empty() && depth < 8 => {
                let at = rng.below(items.len());
                mutate(&mut items[at], rng, depth + 1);
            }
            other => *other = junk(rng),
        }
    }
    let ix = index();
    let names: Vec<String> = ix.names().map(str::to_string).collect();
    let mut rng = Rng::new(0x15);
    let mut ok = 0;
    for round in 0..20_000u64 {
        let name = &names[rng.below(names.len())];
        let mut value = sample_value(&ix, name, round % 7).unwrap();
        for _ in 0..1 + rng.below(3) {
            mutate(&mut value, &mut rng, 0);
        }
        if let Ok(bytes) = encode_json(&ix, &value) {
            ok += 1;
            if name == "gzip_packed" {
                continue; // arbitrary packed_data encodes, but is not gzip
            }
            decode_bytes(&ix, &bytes).unwrap_or_else(|e| panic!("{value}: {e}"));
        }
    }
    assert!(ok > 100, "{ok}");
}

/// 17-digit decimals that serde_json's default (fast, not correctly
/// rounded) float parser reads one bit off; `tlgen encode` must put the
/// nearest double on the wire (serde_json's `float_roundtrip` feature).
const HARD_DOUBLES: [&str; 6] = [
    "8.1263971196316486e-10",
    "8.8229075822109526e-54",
    "1.7866971117175877e-3",
    "2.3470611199503009e-28",
    "4.2730259189122190e-45",
    "2.2104859145879813e-48",
];

#[test]
fn encode_reads_json_doubles_correctly_rounded() {
    let ix = index();
    for text in HARD_DOUBLES {
        let nearest: f64 = text.parse().unwrap();
        let line = format!(r#"{{"_": "geoPoint", "long": {text}, "lat": 0, "access_hash": 0}}"#);
        let hex = encode_line(&ix, &line).unwrap();
        // ID, flags, then `long`.
        let wire = &hex[16..32];
        let expected: String = nearest
            .to_le_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(wire, expected, "{text}");
    }
}

/// An unconditional `true` has no wire form and only one value: the
/// encoder, decoder and sampler all leave it out of the JSON form, as the
/// generated struct has no field for it (the model's `ConstTrue`).
#[test]
fn an_unconditional_true_has_no_wire_form_and_no_key() {
    let api = api_from_tl("a#00000001 always:true n:int = A;\n");
    let ix = ApiIndex::new(&api);
    let plain = json!({"_": "a", "n": 7});
    let bytes = encode_json(&ix, &plain).unwrap();
    assert_eq!(to_hex(&bytes), "0100000007000000");
    let with_key = json!({"_": "a", "always": true, "n": 7});
    assert_eq!(encode_json(&ix, &with_key).unwrap(), bytes);
    let err = encode_json(&ix, &json!({"_": "a", "always": false, "n": 7})).unwrap_err();
    assert!(
        err.to_string().contains("the only value of `true`"),
        "{err}"
    );
    assert_eq!(decode_bytes(&ix, &bytes).unwrap(), plain);
    for seed in 0..8 {
        let sample = sample_value(&ix, "a", seed).unwrap();
        assert_eq!(sample.get("always"), None, "{sample}");
    }
    let options = crate::emit::Options {
        formatting: crate::emit::Formatting::Prettyplease,
        ..Default::default()
    };
    let out = crate::emit::generate(&api, &options).expect("generate");
    let file: syn::File = syn::parse_str(&out.files["types/mod.rs"]).expect("parses");
    let fields: Vec<String> = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == "A" => Some(
                s.fields
                    .iter()
                    .map(|f| {
                        f.ident
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default()
                    })
                    .collect(),
            ),
            _ => None,
        })
        .expect("struct A");
    assert_eq!(fields, ["n"]);
}

/// Vector counts are checked against the model's minimum element size,
/// the number the emitted readers pass to the runtime as well.
#[test]
fn vector_counts_are_checked_against_the_models_minimum() {
    let api = api_from_tl(
        "future_salt#0949d9dc valid_since:int valid_until:int salt:long = FutureSalt;\n\
         salts#ae500895 salts:vector<future_salt> = Salts;\n",
    );
    let ix = ApiIndex::new(&api);
    // Two salts claimed, 20 bytes left: one salt is at least 16.
    let mut bytes = hx("950850ae 02000000");
    bytes.extend_from_slice(&[0; 20]);
    let err = decode_bytes(&ix, &bytes).unwrap_err().to_string();
    assert_eq!(err, "vector count 2 at offset 4 exceeds the 20 bytes left");
    let out = crate::emit::generate(&api, &crate::emit::Options::default()).expect("generate");
    let squeezed: String = out.files["types/mod.rs"].split_whitespace().collect();
    assert!(
        squeezed.contains("read_bare_vector_with(r,16,"),
        "{}",
        out.files["types/mod.rs"]
    );
}
