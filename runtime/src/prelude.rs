//! What a caller of generated bindings needs in scope: `use tlgen_runtime::prelude::*;`
//! (or the generated crate's re-export of it).
//!
//! The wire traits come in anonymously (`as _`): their methods
//! (`to_bytes`, `from_bytes`, `decode_response`, ...) work, and a glob import
//! never clashes with `serde::{Serialize, Deserialize}` in the same module.
//! Name them through the crate root when you need them as bounds.
//!
//! ```
//! use tlgen_runtime::prelude::*;
//!
//! let bytes = 7i32.to_bytes();
//! assert_eq!(i32::from_bytes(&bytes), Ok(7));
//! let err: MethodError<Option<CommonError>> = RpcError::parse(420, "FLOOD_WAIT_3").into();
//! assert_eq!(err.kind(), &Some(CommonError::FloodWait { seconds: 3 }));
//! ```

pub use crate::BareDeserialize as _;
pub use crate::BareSerialize as _;
pub use crate::Deserialize as _;
pub use crate::Identifiable as _;
pub use crate::Serialize as _;
pub use crate::{CommonError, DecodeError, ErrorKind, Method, MethodError, RpcError};
