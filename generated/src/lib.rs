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
//! * `std` (default): `std` for the runtime (nothing the bindings need;
//!   kept so that std-only additions stay additive).
//! * `serde`: `serde::Serialize`/`Deserialize` in the JSON form, with or
//!   without `std`.
//! * `deserializable-functions`: `tlgen_runtime::Deserialize` for method structs.
//! * `hash`: `Hash` on every item whose fields allow it (no TL `double`
//!   inside), for hash sets and maps; it costs about 7% of a full layer's
//!   compile time. Those items are `Eq` either way.
//! * `sample-values`: the `samples` module (a sample value of every item and a
//!   visitor over all of them) for whole-layer round-trip tests.
//! * `borrowed`: the `borrowed` module, the types in a form that decodes from
//!   a `&'a [u8]` without copying strings, bytes and objects (`&'a str`,
//!   `&'a [u8]`, [`tlgen_runtime::ObjectRef`];
//!   [`tlgen_runtime::DeserializeBorrowed`]), copied into the owned types with
//!   [`tlgen_runtime::ToOwnedValue`].
//!
//! # Build-time input
//!
//! There is no default input: the build fails until the building crate
//! chooses one. The build script reads `TLGEN_DOCS` (absolute docs root, or
//! `sample` for the small hand-written sample API shipped with this crate),
//! `TLGEN_SCHEMAS` (absolute schema files or directories, `PATH`-separated;
//! `TLGEN_SCHEMAS_2` to `TLGEN_SCHEMAS_9` add more, one file each if you
//! like), `TLGEN_SELECT` (comma-separated method patterns: only those
//! methods and the types they reach are generated) and `TLGEN_DENY_WARNINGS`
//! (`1`: warnings in the docs and schemas fail the build). Set them in the
//! environment or in `.cargo/config.toml` (`[env]`, with `relative = true`
//! for paths relative to that file, one path per variable). The build says
//! what it generated (layer, counts, input) as a cargo warning when that
//! needs attention (the sample API, warnings in the input), and otherwise
//! only in its output (`cargo build -vv`); [`SAMPLE`] and `LAYER` (generated
//! when the schema declares its layer) let code check it, at compile time if
//! you like (`const _: () = assert!(!tlgen_api::SAMPLE && tlgen_api::LAYER == 223);`):
//!
//! ```
//! if tlgen_api::SAMPLE {
//!     eprintln!("built from the sample API: its constructor IDs are invented");
//! }
//! let _name = tlgen_api::name_for_id(0x9815cec8);
//! ```
//!
//! The files are laid out by tlgen's fast token printer.
//!
//! # `no_std`
//!
//! The crate is `#![no_std]` and needs only `alloc`: a generated file that
//! uses `Vec`, `String` or `Box` takes them from
//! [`tlgen_runtime::alloc_prelude`], and the error types implement
//! `core::error::Error`. Turn off default features to build without `std`
//! (`serde` works either way).
// Without `std` even when it is on: the `std` feature only passes through to
// the runtime, so the bindings cannot come to rely on `std` unnoticed.
#![no_std]
#![allow(clippy::all)]

/// The wire-format runtime the bindings are built on, re-exported so that a
/// crate depending on `tlgen-api` alone can name it (`tlgen_api::runtime::Reader`).
pub use tlgen_runtime as runtime;

/// What a caller needs in scope: the wire traits (anonymously, so
/// `to_bytes`/`from_bytes`/`decode_response` work without clashing with
/// `serde`'s trait names), [`Method`](runtime::Method) and the error types.
///
/// ```
/// use tlgen_api::prelude::*;
///
/// let err: MethodError<Option<CommonError>> = RpcError::parse(420, "FLOOD_WAIT_3").into();
/// assert_eq!(err.kind(), &Some(CommonError::FloodWait { seconds: 3 }));
/// assert_eq!(1i32.to_bytes(), [1, 0, 0, 0]);
/// ```
pub mod prelude {
    pub use tlgen_runtime::prelude::*;
}

include!(concat!(env!("OUT_DIR"), "/mod.rs"));

/// `true` when generated from the bundled sample API (`TLGEN_DOCS=sample`),
/// whose constructor IDs are invented: never talk to Telegram with it.
pub const SAMPLE: bool = include!(concat!(env!("OUT_DIR"), "/tlgen_sample.rs"));
