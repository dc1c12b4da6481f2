//! The IR: one typed model of the whole API (with typed TL types) and the
//! diagnostics found while building it. [`crate::merge`] builds it from pages
//! and schema definitions; `crate::model` resolves it for the back ends.

mod diagnostics;
#[cfg(feature = "serde")]
pub mod hex_id;
mod model;
mod tltype;

pub use diagnostics::{Diagnostic, DiagnosticKind, Severity};
pub use model::{
    param_text, Api, Constructor, ErrorEntry, Flag, FlagsWords, Method, Param, Space, TypeDef,
};
pub use tltype::{bare_name, resolve_bare, TlType};
