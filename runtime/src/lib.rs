//! The TL wire format for tlgen-generated Telegram bindings.
//!
//! Generated code calls into this crate for every primitive, so the logic lives
//! here once instead of being copied into thousands of generated items.
//!
//! * [`Serialize`] writes the boxed (ID-prefixed) form of a value into a
//!   `Vec<u8>`, after [`Serialize::serialized_len`] has told the exact size so
//!   that one allocation suffices; [`Serialize::serialize_into`] writes it
//!   into any `Extend<u8>` sink.
//! * [`Deserialize`] reads a value from a [`Reader`], a cursor over untrusted
//!   bytes that enforces a nesting-depth limit and never allocates more than the
//!   remaining input can justify.
//! * [`Identifiable`] carries a constructor ID as an associated const;
//!   [`BareSerialize`] writes a constructor's fields, with or without its ID
//!   in front, and [`BareDeserialize`] reads them once the ID is consumed:
//!   type enums dispatch to them.
//! * [`Boxed`] gives a constructor struct its boxed form (ID, then fields).
//! * [`DeserializeBorrowed`] and [`BareDeserializeBorrowed`] read the
//!   borrowed form of generated types (strings and bytes borrowed from the
//!   input, the [`borrowed`] module), [`ToOwnedValue`] copies it into the
//!   owned form.
//! * [`Method`] ties a request to its TL name, its return type and its error type.
//! * [`Object`] is any boxed value (`rpc_result result:Object`, the MTProto
//!   envelope's `body`), kept as its bytes until the caller decodes it with
//!   the type it expects, `gzip_packed` unpacked on the way; [`ObjectRef`]
//!   is the same value borrowed from the input.
//! * [`RpcError`] is a parsed `rpc_error`, with the numeric part of the message
//!   split off (`FLOOD_WAIT_30` -> `FLOOD_WAIT_X`, 30). A method's error is a
//!   [`MethodError`]: that `RpcError` and its kind to match on (the method's
//!   documented errors, [`CommonError`] for those any method can raise).
//!
//! # Primitives
//!
//! `int` = `i32`, `long` = `i64`, `double` = `f64`, `int128` = `[u8; 16]`,
//! `int256` = `[u8; 32]` (wire byte order), `string` = `String`, `Bool` =
//! `bool`, `Vector<T>` = `Vec<T>`: all implement [`Serialize`] and
//! [`Deserialize`], so generated code calls `.serialize(out)` /
//! `T::deserialize(reader)` uniformly. `Box<T>` delegates to `T`.
//!
//! TL `bytes` is `Vec<u8>`, which would clash with `Vec<T>`; it is written and
//! read through free functions in [`wire`]: [`wire::bytes_len`],
//! [`wire::write_bytes`], [`wire::read_bytes`] (and [`wire::bytes_vector_len`],
//! [`wire::write_bytes_vector`], [`wire::read_bytes_vector`] for
//! `Vector<bytes>`). [`wire`] also has the flags helpers ([`wire::has_flag`],
//! [`wire::flag_if`], [`wire::read_flags`], [`wire::write_flags`]), constructor
//! ID helpers ([`wire::write_u32`], [`wire::expect_constructor`]) and bare
//! vectors ([`wire::write_bare_vector`], [`wire::read_bare_vector`], and the
//! closure-based `*_with` forms for any other element shape).
//!
//! # Hostile input
//!
//! Every decoder returns a value or a typed [`DecodeError`]; none panics. A
//! length or count is checked against the remaining input before anything is
//! allocated ([`Reader::check_count`], [`Deserialize::MIN_WIRE_SIZE`]). Nesting
//! is bounded by [`Reader::nested`] ([`DEFAULT_MAX_DEPTH`]), which generated
//! code wraps around every boxed object it decodes. `gzip_packed` payloads
//! ([`gzip`]) share a per-reader inflation budget ([`DEFAULT_GZIP_LIMIT`]).
//!
//! # Features
//!
//! * `std` (default): nothing beyond `alloc` today (the error types implement
//!   `core::error::Error` either way); kept so that std-only additions stay
//!   additive. Without it the crate is `#![no_std]` + `alloc`, gzip included.
//! * `serde`: the `tlgen_runtime::serde` module of `#[serde(with = ...)]`
//!   helpers for the JSON form: `bytes` as `{"_": "bytes", "bytes":
//!   "<base64>"}` (`tlgen_runtime::serde::{bytes, option_bytes, vec_bytes}`),
//!   `int128`/`int256` as lowercase hex of the wire bytes
//!   (`tlgen_runtime::serde::{int128, int256, option_int128, option_int256,
//!   vec_int128, vec_int256}`); `long` stays a JSON integer.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod alloc_prelude;
pub mod borrowed;
mod boxed;
mod error;
pub mod gzip;
mod object;
pub mod prelude;
mod primitives;
mod reader;
mod rpc;
pub mod sample;
#[cfg(feature = "serde")]
pub mod serde;
mod traits;
mod typed_error;
pub mod wire;

pub use borrowed::{
    decode_maybe_gzipped_borrowed, BareDeserializeBorrowed, DeserializeBorrowed, ToOwnedValue,
};
pub use boxed::Boxed;
pub use error::DecodeError;
pub use gzip::{decode_maybe_gzipped, unpack_gzip, GZIP_PACKED_ID};
pub use object::{Object, ObjectRef};
pub use reader::{Reader, DEFAULT_GZIP_LIMIT, DEFAULT_MAX_DEPTH};
pub use rpc::{RpcError, RpcResult, RPC_ERROR_ID, RPC_RESULT_ID};
pub use traits::{BareDeserialize, BareSerialize, Deserialize, Identifiable, Method, Serialize};
pub use typed_error::{CommonError, ErrorKind, MethodError};

/// What the macros for generated code name through `$crate`.
#[doc(hidden)]
pub mod __private {
    pub use alloc::vec::Vec;
}

/// `?` for generated decoders, spelled as a plain `match`: the same early
/// return without the `Try`/`FromResidual`/`From` resolution and the extra
/// MIR that `?` expands to. Generated code holds thousands of these, enough
/// to show in the build time of a full layer; serde_derive's output does the
/// same for the same reason.
#[doc(hidden)]
#[macro_export]
macro_rules! tri {
    ($e:expr) => {
        match $e {
            ::core::result::Result::Ok(v) => v,
            ::core::result::Result::Err(e) => return ::core::result::Result::Err(e),
        }
    };
}
