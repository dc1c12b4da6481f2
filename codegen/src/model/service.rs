//! The MTProto service constructors a reader of real traffic meets even
//! when the schema lacks them ([`super::Model::with_service_constructors`]).
//! They are built once per process and live for its whole run, so that
//! a model can hold them like the IR's own constructors.

use std::sync::OnceLock;

use crate::ir::{Constructor, Param, TlType};

use super::ty::GZIP_PACKED_ID;

/// `rpc_error`, `rpc_result` and `gzip_packed`.
pub(super) fn constructors() -> &'static [Constructor] {
    static SERVICE: OnceLock<Vec<Constructor>> = OnceLock::new();
    SERVICE.get_or_init(|| {
        vec![
            constructor(
                "rpc_error",
                Some(0x2144_ca19),
                &[("error_code", "int"), ("error_message", "string")],
                "RpcError",
            ),
            constructor(
                "rpc_result",
                Some(0xf35c_6d01),
                &[("req_msg_id", "long"), ("result", "Object")],
                "RpcResult",
            ),
            constructor(
                "gzip_packed",
                Some(GZIP_PACKED_ID),
                &[("packed_data", "bytes")],
                "Object",
            ),
        ]
    })
}

/// The MTProto envelope `message msg_id:long seqno:int bytes:int
/// body:Object = Message`, which `msg_container`'s `vector<%Message>` means
/// (it has no ID: it is only ever bare).
pub(super) fn envelope() -> &'static Constructor {
    static ENVELOPE: OnceLock<Constructor> = OnceLock::new();
    ENVELOPE.get_or_init(|| {
        constructor(
            "message",
            None,
            &[
                ("msg_id", "long"),
                ("seqno", "int"),
                ("bytes", "int"),
                ("body", "Object"),
            ],
            "%Message",
        )
    })
}

fn constructor(
    name: &str,
    id: Option<u32>,
    params: &[(&str, &str)],
    type_name: &str,
) -> Constructor {
    Constructor {
        name: name.to_owned(),
        id,
        description: String::new(),
        params: params
            .iter()
            .map(|(name, ty)| Param {
                name: (*name).to_owned(),
                ty: TlType::parse(ty),
                flag: None,
                description: String::new(),
                docs_only: false,
                hidden: false,
                required: Some(true),
                docs_type: None,
            })
            .collect(),
        type_name: type_name.to_owned(),
        tl_name: None,
        layer: None,
        source: None,
        space: crate::ir::Space::Api,
    }
}
