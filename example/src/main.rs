//! What a program using `tlgen-api` does: build requests, put them on the
//! wire, read the answers, act on errors, and use the JSON form. It depends
//! on `tlgen-api` alone and compiles unchanged against every layer the test
//! command builds (the bundled sample, layer 65, layer 223 with Telethon's
//! and layer 65's error tables).

use std::collections::HashSet;

use tlgen_api::errors::messages::ImportChatInviteError;
use tlgen_api::functions::messages::{ImportChatInvite, SendMessage};
use tlgen_api::functions::InvokeWithLayer;
use tlgen_api::prelude::*;
use tlgen_api::{enums, types};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A request names only its required fields; optional ones are set by
    // name, so this line survives layers that add optional fields.
    let send = SendMessage::new(types::InputPeerSelf {}, "Hello!", 42).silent(true);
    let call = InvokeWithLayer::new(tlgen_api::LAYER, send.clone());
    let bytes = call.to_bytes();
    assert_eq!(
        bytes[..4],
        InvokeWithLayer::<SendMessage>::CONSTRUCTOR_ID.to_le_bytes()
    );
    println!(
        "invokeWithLayer({}, messages.sendMessage): {} bytes",
        tlgen_api::LAYER,
        bytes.len()
    );

    // Items without a TL `double` inside are `Eq` and `Hash`: peers go in sets.
    let peers: HashSet<enums::InputPeer> = [
        types::InputPeerSelf {}.into(),
        types::InputPeerUser::new(7, 99).into(),
        types::InputPeerSelf {}.into(),
    ]
    .into_iter()
    .collect();
    assert_eq!(peers.len(), 2);

    // The server's answer to a join, as the body of an `rpc_result`.
    let join = ImportChatInvite::new("AbCdEf012");
    let answer = enums::Updates::from(types::UpdatesTooLong {}).to_bytes();
    let updates = ImportChatInvite::decode_response(&answer)?.expect("a successful answer");
    assert!(types::UpdatesTooLong::try_from(updates).is_ok());

    // Errors are matched by name, whatever code the server sends, and keep
    // the server's text.
    for (code, message) in [
        (400, "INVITE_HASH_EXPIRED"),
        (403, "USER_ALREADY_PARTICIPANT"),
        (420, "FLOOD_WAIT_30"),
        (400, "SOMETHING_NEW"),
    ] {
        let body = RpcError::parse(code, message).to_bytes();
        let Err(err) = ImportChatInvite::decode_response(&body)? else {
            unreachable!("an rpc_error decodes as the call's error");
        };
        let action = match err.kind() {
            ImportChatInviteError::InviteHashExpired => "ask for a new link".to_owned(),
            ImportChatInviteError::UserAlreadyParticipant => "already a member".to_owned(),
            ImportChatInviteError::Common(CommonError::FloodWait { seconds }) => {
                format!("retry in {seconds} s")
            }
            _ => format!("report {err}"),
        };
        println!("{message} ({code}): {action}");
        assert_eq!(err.message(), message);
    }

    // A decode error names what it met when the layer knows it.
    let Err(err) = enums::Updates::from_bytes(&join.to_bytes()) else {
        unreachable!("a request is not an Updates");
    };
    assert_eq!(
        err.to_string(),
        format!(
            "expected Updates, got messages.importChatInvite#{:08x}",
            ImportChatInvite::CONSTRUCTOR_ID
        )
    );

    // The JSON form: `{"_": "<TL name>", ...}`.
    let json = serde_json::to_string(&send)?;
    assert!(json.starts_with(r#"{"_":"messages.sendMessage""#), "{json}");
    let back: SendMessage = serde_json::from_str(&json)?;
    assert_eq!(back, send);
    println!("{json}");
    Ok(())
}
