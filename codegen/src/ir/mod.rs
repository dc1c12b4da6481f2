//! The IR: one typed model of the whole API, its diagnostics, and the merge
//! that builds it from pages and schema definitions.

mod diagnostics;
#[cfg(feature = "serde")]
pub mod hex_id;
mod model;
mod tltype;

pub use diagnostics::{Diagnostic, DiagnosticKind, Severity};
pub use model::{Api, Constructor, ErrorEntry, Flag, Method, Param, TypeDef};
pub use tltype::TlType;
