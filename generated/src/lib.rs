//! Typed Telegram MTProto API bindings, generated at build time by tlgen.
//!
//! * [`types`]: one struct per TL constructor (`types::InputPeerUser`,
//!   `types::messages::Messages`).
//! * [`enums`]: one enum per TL type, one variant per constructor
//!   (`enums::InputPeer::User`); `From` each constructor struct, `TryFrom`
//!   back.
//! * [`functions`]: one struct per RPC method, implementing
//!   [`tlgen_runtime::Method`] (constructor ID, TL name, return type, error type).
//! * [`errors`]: per-method error enums for methods that document errors.
//!
//! Type enums implement [`tlgen_runtime::Serialize`] and
//! [`tlgen_runtime::Deserialize`] (the boxed form: constructor ID, then fields);
//! constructor structs implement the bare halves plus
//! [`tlgen_runtime::Identifiable`], and [`Boxed`] gives a single constructor its
//! boxed form. Methods implement `Serialize`, and `Deserialize` with the
//! `deserializable-functions` feature. With the `serde` feature every item
//! has the JSON form `{"_": "<TL name>", "<param>": value, ...}`.
//!
//! # Features
//!
//! * `serde`: `serde::Serialize`/`Deserialize` in the JSON form.
//! * `deserializable-functions`: `tlgen_runtime::Deserialize` for method structs.
//! * `sample-values`: the `samples` module (a sample value of every item and a
//!   visitor over all of them) for whole-layer round-trip tests.
//!
//! # Build-time input
//!
//! The build script reads `TLGEN_DOCS` (docs root), `TLGEN_SCHEMAS` (schema
//! files, `PATH`-separated) and `TLGEN_SELECT` (comma-separated method
//! patterns: only those methods and the types they reach are generated);
//! without them it generates the bundled sample API. The files are laid out
//! by tlgen's fast token printer; `TLGEN_FORMAT=prettyplease` prints them
//! with prettyplease instead (slower builds, the same code).
#![allow(clippy::all)]

include!(concat!(env!("OUT_DIR"), "/mod.rs"));
