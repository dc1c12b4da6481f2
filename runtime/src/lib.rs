//! The TL wire format for tlgen-generated Telegram bindings.
//!
//! Generated code calls into this crate for every primitive, so the logic lives
//! here once instead of being copied into thousands of generated items.
//!
//! * [`Serialize`] writes the boxed (ID-prefixed) form of a value into a
//!   `Vec<u8>`, after [`Serialize::serialized_len`] has told the exact size so
//!   that one allocation suffices.
//! * [`Deserialize`] reads a value from a [`Reader`], a cursor over untrusted
//!   bytes that enforces a nesting-depth limit and never allocates more than the
//!   remaining input can justify.
//! * [`Identifiable`] carries a constructor ID as an associated const;
//!   [`BareSerialize`]/[`BareDeserialize`] are the ID-less halves that type enums
//!   dispatch to.
//! * [`Method`] ties a request to its TL name, its return type and its error type.
//! * [`RpcError`] is a parsed `rpc_error`, with the numeric part of the message
//!   split off (`FLOOD_WAIT_30` -> `FLOOD_WAIT_X`, 30).
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod error;
mod primitives;
mod reader;
mod rpc;
mod traits;

pub use error::DecodeError;
pub use reader::{Reader, DEFAULT_MAX_DEPTH};
pub use rpc::{RpcError, RpcResult};
pub use traits::{BareDeserialize, BareSerialize, Deserialize, Identifiable, Method, Serialize};
