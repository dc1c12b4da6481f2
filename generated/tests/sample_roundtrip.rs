//! Round trips and exact wire bytes over the bundled sample API
//! (compiled only when tlgen-api is generated from the default sample input).
#![cfg(tlgen_sample)]

use std::fmt::Debug;

use tlgen_api::{enums, functions, types, Boxed};
use tlgen_runtime::{Deserialize, Identifiable, Method, RpcError, Serialize};

/// decode(encode(x)) == x, with `serialized_len` exact.
fn round_trip<T: Serialize + Deserialize + PartialEq + Debug>(value: &T) -> Vec<u8> {
    let bytes = value.to_bytes();
    assert_eq!(bytes.len(), value.serialized_len(), "{value:?}");
    assert_eq!(&T::from_bytes(&bytes).expect("decodes"), value);
    bytes
}

fn le(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn user() -> types::User {
    types::User {
        is_self: true,
        contact: false,
        bot: true,
        bot_business: true,
        id: 42,
        access_hash: Some(-7),
        first_name: Some("Ann".into()),
        username: None,
        phone: Some("+1 555".into()),
        bot_info_version: Some(3),
        lang_code: None,
        usernames: Some(vec!["ann".into(), "annie".into()]),
    }
}

fn message() -> types::Message {
    types::Message {
        out: true,
        silent: true,
        id: 1,
        from_id: Some(types::PeerUser { user_id: 42 }.into()),
        peer_id: types::PeerChat { chat_id: 9 }.into(),
        date: 1_700_000_000,
        message: "hi".into(),
        entities: Some(vec![
            types::MessageEntityBold {
                offset: 0,
                length: 2,
            }
            .into(),
            types::MessageEntityTextUrl {
                offset: 0,
                length: 1,
                url: "https://t.me".into(),
            }
            .into(),
        ]),
        views: None,
    }
}

#[test]
fn constructors_round_trip() {
    round_trip(&Boxed(user()));
    round_trip(&enums::User::from(user()));
    round_trip(&enums::User::from(types::UserEmpty { id: 5 }));
    round_trip(&Boxed(message()));
    round_trip(&enums::Message::from(message()));
    round_trip(&enums::Message::from(types::MessageEmpty {
        id: 3,
        peer_id: None,
    }));
    round_trip(&enums::InputPeer::Empty);
    round_trip(&enums::InputPeer::InputPeerSelf);
    round_trip(&Boxed(types::ResPq {
        nonce: [1; 16],
        server_nonce: [2; 16],
        pq: vec![0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81],
        server_public_key_fingerprints: vec![-1, 0x7fff_ffff_ffff],
    }));
    round_trip(&Boxed(types::ServerDhInnerData {
        nonce: [3; 16],
        server_nonce: [4; 16],
        new_nonce: [5; 32],
        g: 3,
        dh_prime: vec![0xff; 256],
    }));
    round_trip(&Boxed(types::FutureSalts {
        now: 10,
        salts: vec![
            types::FutureSalt {
                valid_since: 1,
                salt: 2,
            },
            types::FutureSalt {
                valid_since: 3,
                salt: 4,
            },
        ],
    }));
    round_trip(&Boxed(types::Config {
        blocked_mode: true,
        date: 1,
        expires: 2,
        test_mode: false,
        this_dc: 2,
        dc_options: vec![types::DcOption {
            ipv6: true,
            media_only: false,
            r#static: true,
            id: 2,
            ip_address: "::1".into(),
            port: 443,
            secret: Some(vec![1, 2, 3]),
        }
        .into()],
        rating_e_decay: 2419200.5,
        tmp_sessions: None,
    }));
    round_trip(&enums::upload::File::from(types::upload::File {
        r#type: types::storage::FilePng {}.into(),
        mtime: 0,
        bytes: vec![0x89, b'P', b'N', b'G'],
    }));
    round_trip(&enums::messages::Messages::from(
        types::messages::MessagesSlice {
            inexact: true,
            count: 100,
            messages: vec![message().into()],
            users: vec![user().into()],
        },
    ));
}

#[test]
fn flags_are_computed_on_write() {
    let m = message();
    let bytes = Boxed(m).to_bytes();
    assert_eq!(&bytes[..4], &types::Message::CONSTRUCTOR_ID.to_le_bytes());
    // out (bit 1), silent (13), from_id (8), entities (7); views absent.
    let flags = (1 << 1) | (1 << 13) | (1 << 8) | (1 << 7);
    assert_eq!(&bytes[4..8], &u32::to_le_bytes(flags));

    // A `true` flag and a value sharing bit 14 (`bot`, `bot_info_version`),
    // and the second flags word (`bot_business`, `usernames`).
    let bytes = Boxed(user()).to_bytes();
    let flags = u32::from_le_bytes(bytes[4..8].try_into().unwrap());
    assert_eq!(
        flags,
        (1 << 10) | (1 << 14) | (1 << 0) | (1 << 1) | (1 << 4)
    );
    let flags2 = u32::from_le_bytes(bytes[8..12].try_into().unwrap());
    assert_eq!(flags2, (1 << 11) | (1 << 0));
}

#[test]
fn methods_serialize_exactly() {
    let call = functions::messages::ImportChatInvite { hash: "abc".into() };
    let mut want = le(&[0x6c50051c]);
    want.extend_from_slice(&[3, b'a', b'b', b'c']);
    assert_eq!(call.to_bytes(), want);
    assert_eq!(call.serialized_len(), want.len());
    assert_eq!(
        functions::messages::ImportChatInvite::NAME,
        "messages.importChatInvite"
    );

    let send = functions::messages::SendMessage {
        no_webpage: true,
        silent: false,
        peer: enums::InputPeer::InputPeerSelf,
        message: "x".into(),
        random_id: 77,
        reply_markup: None,
        entities: None,
        schedule_date: Some(5),
    };
    let bytes = send.to_bytes();
    assert_eq!(bytes.len(), send.serialized_len());
    let mut want = le(&[0x0f9f68e8, (1 << 1) | (1 << 10), 0x7da07ec9]);
    want.extend_from_slice(&[1, b'x', 0, 0]);
    want.extend_from_slice(&77i64.to_le_bytes());
    want.extend_from_slice(&5i32.to_le_bytes());
    assert_eq!(bytes, want);

    // A plain `flags:int` is an ordinary field.
    let import = functions::auth::ImportBotAuthorization {
        flags: 0,
        api_id: 1,
        bot_auth_token: "t".into(),
    };
    assert_eq!(import.serialized_len(), 4 + 4 + 4 + 4);

    // Generic wrapper: the inner query is written boxed; Return is the inner one.
    let wrapped = functions::InvokeWithLayer {
        layer: 1,
        query: functions::help::GetConfig {},
    };
    assert_eq!(wrapped.to_bytes(), le(&[0xda9b0d0d, 1, 0xc4f9186b]));
    fn returns<M: Method<Return = enums::Config>>(_: &M) {}
    returns(&wrapped);
    fn vec_users<M: Method<Return = Vec<enums::User>>>(_: &M) {}
    vec_users(&functions::users::GetUsers {
        id: vec![enums::InputUser::Empty],
    });
}

#[test]
fn conversions_and_errors() {
    let peer: enums::Peer = types::PeerUser { user_id: 1 }.into();
    assert_eq!(
        types::PeerUser::try_from(peer.clone()),
        Ok(types::PeerUser { user_id: 1 })
    );
    assert_eq!(types::PeerChat::try_from(peer.clone()), Err(peer));
    let boxed: enums::User = user().into();
    assert_eq!(types::User::try_from(boxed), Ok(user()));

    let err = RpcError {
        code: 400,
        name: "X".into(),
        value: None,
        message: "X".into(),
    };
    let typed = <functions::messages::ImportChatInvite as Method>::Error::from(err);
    assert!(!typed.to_string().is_empty());
    // `core`'s trait, which `std`'s re-exports: the errors are errors with
    // or without `std`.
    fn is_error<E: core::error::Error>(_: &E) {}
    is_error(&typed);
    is_error(typed.rpc());
    is_error(&enums::InputPeer::from_bytes(&[]).unwrap_err());
}

#[test]
fn unknown_constructor_is_an_error() {
    let bytes = le(&[0xdeadbeef]);
    assert!(enums::InputPeer::from_bytes(&bytes).is_err());
    assert!(Boxed::<types::InputPeerUser>::from_bytes(&bytes).is_err());
}

#[cfg(feature = "deserializable-functions")]
#[test]
fn functions_round_trip() {
    round_trip(&functions::messages::ImportChatInvite { hash: "abc".into() });
    round_trip(&functions::InvokeWithLayer {
        layer: 1,
        query: functions::upload::SaveFilePart {
            file_id: 1,
            part: 2,
            bytes: vec![9; 300],
        },
    });
}

#[cfg(feature = "serde")]
#[test]
fn serde_json_form() {
    use serde_json::json;
    let m = message();
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(v["_"], "message");
    assert_eq!(v["out"], true);
    assert!(v.get("views").is_none());
    assert!(v.get("flags").is_none());
    assert_eq!(v["from_id"], json!({"_": "peerUser", "user_id": 42}));
    let back: types::Message = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(back, m);
    let e: enums::Message = m.clone().into();
    assert_eq!(serde_json::to_value(&e).unwrap(), v);
    let back: enums::Message = serde_json::from_value(v).unwrap();
    assert_eq!(back, e);

    let f = types::upload::File {
        r#type: types::storage::FilePng {}.into(),
        mtime: 1,
        bytes: vec![1, 2],
    };
    let v = serde_json::to_value(&f).unwrap();
    assert_eq!(
        v,
        json!({"_": "upload.file", "type": {"_": "storage.filePng"}, "mtime": 1, "bytes": {"_": "bytes", "bytes": "AQI="}})
    );
    assert_eq!(serde_json::from_value::<types::upload::File>(v).unwrap(), f);

    let u = user();
    let v = serde_json::to_value(&u).unwrap();
    assert_eq!(v["self"], true);
    assert!(v.get("contact").is_none());
    assert_eq!(serde_json::from_value::<types::User>(v).unwrap(), u);

    let r = types::ResPq {
        nonce: [0xab; 16],
        server_nonce: [0; 16],
        pq: vec![],
        server_public_key_fingerprints: vec![],
    };
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["nonce"], "abababababababababababababababab");
    assert_eq!(serde_json::from_value::<types::ResPq>(v).unwrap(), r);

    let call = functions::messages::ImportChatInvite { hash: "h".into() };
    assert_eq!(
        serde_json::to_value(&call).unwrap(),
        json!({"_": "messages.importChatInvite", "hash": "h"})
    );
    let unit = serde_json::to_value(enums::InputPeer::Empty).unwrap();
    assert_eq!(unit, json!({"_": "inputPeerEmpty"}));
    assert_eq!(
        serde_json::from_value::<enums::InputPeer>(unit).unwrap(),
        enums::InputPeer::Empty
    );
}

/// `double` fields read from JSON text land on the nearest f64, through the
/// plain struct and through the internally tagged enum (which buffers the
/// number first). These 17-digit decimals are read one bit off by
/// serde_json's default float parser; its `float_roundtrip` feature (on in
/// this crate's dev-dependencies, and to enable in users' crates) is exact.
#[cfg(feature = "serde")]
#[test]
fn serde_json_doubles_are_correctly_rounded() {
    for text in [
        "8.1263971196316486e-10",
        "1.7866971117175877e-3",
        "2.2104859145879813e-48",
    ] {
        let nearest: f64 = text.parse().unwrap();
        let json = format!(
            r#"{{"_": "config", "blocked_mode": false, "date": 1, "expires": 2, "test_mode": false, "this_dc": 2, "dc_options": [], "rating_e_decay": {text}, "tmp_sessions": null}}"#
        );
        let plain: types::Config = serde_json::from_str(&json).unwrap();
        assert_eq!(plain.rating_e_decay.to_bits(), nearest.to_bits(), "{text}");
        let tagged: enums::Config = serde_json::from_str(&json).unwrap();
        let c = types::Config::try_from(tagged).unwrap();
        assert_eq!(c.rating_e_decay.to_bits(), nearest.to_bits(), "{text}");
    }
}
