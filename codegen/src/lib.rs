//! tlgen: typed Rust bindings for the Telegram MTProto API, generated from
//! MadelineProto's Markdown docs and the TL schema they were built from.
//!
//! The pipeline is visible in the module tree:
//! [`pages`] (Markdown -> page records) and [`schema`] (TL lines -> definitions)
//! feed [`merge`], which builds the [`ir::Api`]. The back ends read only the IR.
//! [`telethon`] reads Telethon's error tables, one of the error sources
//! [`merge::error_tables`] adds to an API.
//! [`config::Config`] is the one way in for every front end (a build
//! script, the `tlgen` command, tlgen-api): it reads and merges the input
//! and reports its diagnostics.
//!
//! # Cargo features
//!
//! The default feature `cli` builds the `tlgen` command and turns on every
//! optional part. A build script needs none of them:
//! `tlgen = { version = "0.1", default-features = false }` compiles only
//! what [`config::Config`] needs to generate bindings with
//! [`emit::Formatting::Lines`].
//!
//! * `parallel`: read pages and emit files on every core (rayon).
//! * `serde`: `Serialize`/`Deserialize` for the [`ir`] types (the IR JSON).
//! * `prettyplease`: [`emit::Formatting::Prettyplease`] (syn + prettyplease).
//! * `tools`: the `tools` module, the IR-driven JSON encoder and decoder.
//! * `diff`: the `diff` module (API changes between two versions) and
//!   `emit::check` (is a generated tree stale?).
#![warn(missing_docs)]

pub mod config;
mod crc32;
#[cfg(feature = "diff")]
pub mod diff;
pub mod emit;
pub mod error;
mod input;
pub mod ir;
pub mod merge;
pub mod model;
pub mod pages;
mod par;
pub mod schema;
pub mod telethon;
#[cfg(test)]
mod test_support;
#[cfg(feature = "tools")]
pub mod tools;

pub use error::{Error, Result};
