//! tlgen: typed Rust bindings for the Telegram MTProto API, generated from
//! MadelineProto's Markdown docs and the TL schemas they were built from
//! (an API layer, the MTProto service schema, the secret-chat schema).
//!
//! # For a build script
//!
//! [`Config`] is the one way in, for a build script as for the `tlgen`
//! command and tlgen-api: it reads and merges the input, reports its
//! [`Diagnostic`]s (with file and line) and writes the module tree into
//! `OUT_DIR`. [`Gate`] says whether (and behind which cargo feature of your
//! crate) an optional part is generated, [`Formatting`] how the files are
//! laid out, [`Layout`] how they include each other.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     tlgen::Config::new()
//!         .docs("../docs/v223")
//!         .schema("../schemas")
//!         .serde(tlgen::Gate::feature("json"))
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! # For tools
//!
//! [`ir`] is the typed model of a whole API (what `tlgen ir` prints as
//! JSON); `tools` converts between JSON values and wire bytes with nothing
//! compiled (what `tlgen encode` and `tlgen decode` do); `diff` classifies
//! the changes between two versions. [`Config::load`] gives the IR of an
//! input.
//!
//! # Cargo features
//!
//! The default feature `cli` builds the `tlgen` command and turns on every
//! optional part. A build script needs none of them:
//! `tlgen = { version = "0.1", default-features = false }` compiles only
//! what [`Config`] needs to generate bindings with [`Formatting::Lines`].
//!
//! * `parallel`: read pages and emit files on every core (rayon).
//! * `serde`: `Serialize`/`Deserialize` for the [`ir`] types (the IR JSON).
//! * `prettyplease`: [`Formatting::Prettyplease`] (syn + prettyplease).
//! * `tools`: the `tools` module, the IR-driven JSON encoder and decoder.
//! * `diff`: the `diff` module (API changes between two versions) and the
//!   check whether a generated tree is stale.
//!
//! # The pipeline
//!
//! The modules below are the stages, hidden from the docs because only the
//! front ends and the tests call them directly: `pages` (Markdown ->
//! page records) and `schema` (TL lines -> definitions) feed `merge`, which
//! builds the [`ir::Api`] (with `telethon`'s error tables as one more error
//! source); `model` resolves it once (types, names, layout, the error
//! plan); `emit` turns the model into token streams and files.
#![warn(missing_docs)]

pub mod config;
mod crc32;
#[cfg(feature = "diff")]
pub mod diff;
#[doc(hidden)]
pub mod emit;
#[doc(hidden)]
pub mod error;
mod input;
pub mod ir;
#[doc(hidden)]
pub mod merge;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod pages;
mod par;
#[doc(hidden)]
pub mod schema;
#[doc(hidden)]
pub mod telethon;
#[cfg(test)]
mod test_support;
#[cfg(feature = "tools")]
pub mod tools;

pub use config::{Config, ConfigError, Counts, Generated, Loaded};
pub use emit::{Formatting, Gate, Layout};
pub use error::{Error, Result};
pub use ir::{Diagnostic, DiagnosticKind, Severity};
