//! The protocol around the API, on `tlgen-api` built with an MTProto service
//! schema beside the API (the bundled sample; layer 223 with
//! `TL_mtproto_v1.tl`): a `ping` and a call inside a container, and the
//! server's `pong` and `rpc_result`s decoded, with no hand-written TL.

use tlgen_api::enums::mtproto::{MessageContainer, Pong};
use tlgen_api::functions::messages::ImportChatInvite;
use tlgen_api::functions::mtproto::Ping;
use tlgen_api::prelude::*;
use tlgen_api::runtime::Object;
use tlgen_api::types::mtproto::{Message, MsgContainer, RpcResult};
use tlgen_api::{enums, types};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // What a client sends: a container of messages, each body any value
    // (here a ping and a call), each message's length computed on write.
    let join = ImportChatInvite::new("AbCdEf012");
    let container = MsgContainer::new(vec![
        Message::new(0x6000_0000_0000_0004, 1, &Ping::new(7)),
        Message::new(0x6000_0000_0000_0008, 3, &join),
    ]);
    let sent = MessageContainer::from(container.clone()).to_bytes();
    assert_eq!(sent[..4], MsgContainer::CONSTRUCTOR_ID.to_le_bytes());
    println!(
        "msg_container of a ping and messages.importChatInvite: {} bytes",
        sent.len()
    );

    // It reads back as it was: iterate the messages, each body still the
    // bytes of its value.
    let MessageContainer::MsgContainer(read) = MessageContainer::from_bytes(&sent)? else {
        unreachable!("a container")
    };
    assert_eq!(read, container);
    assert!(read.messages[0].body.is::<Ping>());
    assert!(read.messages[1].body.is::<ImportChatInvite>());

    // What comes back: a pong, and the call's answer in an `rpc_result`
    // (its body decoded as the call's return type or its typed error).
    let pong = Object::new(&Pong::from(types::mtproto::Pong::new(
        read.messages[0].msg_id,
        7,
    )));
    let Pong::Pong(pong) = pong.decode::<Pong>()? else {
        unreachable!("a pong")
    };
    assert_eq!((pong.msg_id, pong.ping_id), (0x6000_0000_0000_0004, 7));

    let answer = RpcResult::new(
        read.messages[1].msg_id,
        &enums::Updates::from(types::UpdatesTooLong {}),
    );
    let bytes = enums::mtproto::RpcResult::from(answer).to_bytes();
    let enums::mtproto::RpcResult::RpcResult(result) =
        enums::mtproto::RpcResult::from_bytes(&bytes)?
    else {
        unreachable!("an rpc_result")
    };
    let updates = result.result.decode_response::<ImportChatInvite>()?;
    assert!(types::UpdatesTooLong::try_from(updates.expect("an answer")).is_ok());

    let failed = RpcResult::new(
        read.messages[1].msg_id,
        &RpcError::parse(420, "FLOOD_WAIT_30"),
    );
    let Err(err) = failed.result.decode_response::<ImportChatInvite>()? else {
        unreachable!("an rpc_error")
    };
    assert_eq!(err.message(), "FLOOD_WAIT_30");
    println!(
        "pong {}; rpc_result: updatesTooLong; rpc_error: {err}",
        pong.ping_id
    );
    Ok(())
}
