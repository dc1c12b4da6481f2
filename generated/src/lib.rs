//! Typed Telegram MTProto API bindings, generated at build time by tlgen.
//!
//! * [`types`]: one struct per TL constructor (`types::InputPeerUser`,
//!   `types::messages::Messages`).
//! * [`enums`]: one enum per TL type, one variant per constructor
//!   (`enums::InputPeer::User`); `From` each constructor struct, `TryFrom`
//!   back.
//! * [`functions`]: one struct per RPC method, implementing
//!   [`tl_runtime::Method`] (constructor ID, TL name, return type, error type).
//! * [`errors`]: per-method error enums for methods that document errors.
//!
//! Everything implements [`tl_runtime::Serialize`]; constructors and types
//! also [`tl_runtime::Deserialize`], methods only with the
//! `deserializable-functions` feature. With the `serde` feature every item
//! has the JSON form `{"_": "<TL name>", "<param>": value, ...}`.
//!
//! The build script reads `TLGEN_DOCS` (docs root), `TLGEN_SCHEMAS` (schema
//! files, `PATH`-separated) and `TLGEN_SELECT` (comma-separated method
//! patterns); without them it generates the bundled sample API.
#![allow(clippy::all)]

include!(concat!(env!("OUT_DIR"), "/mod.rs"));
