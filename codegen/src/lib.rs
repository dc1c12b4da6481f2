//! tlgen: typed Rust bindings for the Telegram MTProto API, generated from
//! MadelineProto's Markdown docs and the TL schema they were built from.
//!
//! The pipeline is visible in the module tree:
//! [`pages`] (Markdown -> page records) and [`schema`] (TL lines -> definitions)
//! feed [`merge`], which builds the [`ir::Api`]. The back ends read only the IR.
#![warn(missing_docs)]

pub mod config;
pub mod diff;
pub mod emit;
pub mod error;
mod input;
pub mod ir;
pub mod merge;
pub mod pages;
pub mod registry;
pub mod schema;
pub mod tools;

pub use error::{Error, Result};
