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
//! There is no default input: the build fails until the building crate
//! chooses one. The build script reads `TLGEN_DOCS` (absolute docs root, or
//! `sample` for the small hand-written sample API shipped with this crate),
//! `TLGEN_SCHEMAS` (absolute schema files or directories, `PATH`-separated)
//! and `TLGEN_SELECT` (comma-separated method patterns: only those methods
//! and the types they reach are generated). Set them in the environment or
//! in `.cargo/config.toml` (`[env]`, with `relative = true` for paths
//! relative to that file). The build prints what it generated (layer,
//! counts, input) as a cargo warning; [`LAYER`] and [`SAMPLE`] let code
//! check it, at compile time if you like
//! (`const _: () = assert!(!tlgen_api::SAMPLE && matches!(tlgen_api::LAYER, Some(223)));`):
//!
//! ```
//! if tlgen_api::SAMPLE {
//!     eprintln!("built from the sample API: its constructor IDs are invented");
//! }
//! let layer: Option<u32> = tlgen_api::LAYER;
//! # let _ = layer;
//! ```
//!
//! The files are laid out by tlgen's fast token printer.
#![allow(clippy::all)]

include!(concat!(env!("OUT_DIR"), "/mod.rs"));

/// The layer this crate was generated for: the `// LAYER N` line of the
/// schema (`None` if it has none).
pub const LAYER: Option<u32> = include!(concat!(env!("OUT_DIR"), "/tlgen_layer.rs"));

/// `true` when generated from the bundled sample API (`TLGEN_DOCS=sample`),
/// whose constructor IDs are invented: never talk to Telegram with it.
pub const SAMPLE: bool = include!(concat!(env!("OUT_DIR"), "/tlgen_sample.rs"));
