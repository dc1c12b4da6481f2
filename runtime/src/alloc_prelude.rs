//! The `alloc` types generated code names (`Vec`, `String`, `Box`), for
//! crates without `std`'s prelude: each generated file that names them
//! starts with `use ::tlgen_runtime::alloc_prelude::*;` (through the
//! generator's runtime path), so bindings build in `#![no_std]`
//! crates without an `extern crate alloc` of their own. In `std` crates they
//! are the prelude's types.

pub use alloc::borrow::ToOwned;
pub use alloc::boxed::Box;
pub use alloc::string::{String, ToString};
pub use alloc::vec::Vec;
