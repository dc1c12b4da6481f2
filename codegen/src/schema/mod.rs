//! TL schema files: lines -> definitions, with the constructor-ID check.
//!
//! The schema is the wire truth: IDs, flag bits, field order and the fields
//! the docs hide.

use std::path::Path;

use crate::error::Result;
use crate::ir::{Diagnostic, Flag};

/// Whether a definition is a constructor or a function (RPC method).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// A constructor (`---types---` section, the default).
    Type,
    /// A function (`---functions---` section).
    Function,
}

/// One parsed schema file.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// The path as given by the user (used in diagnostics).
    pub path: String,
    /// Definitions in file order.
    pub definitions: Vec<Definition>,
}

/// One `name#id params = Result;` line.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The TL name, namespace included (`messages.sendMessage`).
    pub name: String,
    /// The `#hexid` written in the file, if any.
    pub declared_id: Option<u32>,
    /// The CRC32 of the normalized definition (FORMATS.md §6).
    pub computed_id: u32,
    /// `{X:Type}` generic parameters: (name, bound).
    pub generics: Vec<(String, String)>,
    /// Parameters in wire order, `#` fields included.
    pub params: Vec<SchemaParam>,
    /// The result type (`Updates`, `Vector<long>`, `X`, `Vector t`).
    pub result: String,
    /// Constructor or function.
    pub category: Category,
    /// The `===N===` layer section (TL_secret.tl), if any.
    pub layer: Option<u32>,
    /// The 1-based line in the file.
    pub line: u32,
}

impl Definition {
    /// The ID used on the wire: the declared one, else the computed one.
    pub fn id(&self) -> u32 {
        self.declared_id.unwrap_or(self.computed_id)
    }
}

/// One parameter of a definition.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaParam {
    /// The name (`peer`, `flags`).
    pub name: String,
    /// The type without the flag prefix (`InputPeer`, `true`, `#`, `Vector<long>`, `!X`).
    pub ty: String,
    /// The flags field and bit for `flags.N?T` params.
    pub flag: Option<Flag>,
}

/// Parses the text of one schema file. `path` is only used in errors.
pub fn parse_schema(path: &Path, text: &str) -> Result<Schema> {
    let _ = (path, text);
    todo!("schema parser")
}

/// Reads and parses a schema file.
pub fn load_schema(path: &Path) -> Result<Schema> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::Error::io(path, e))?;
    parse_schema(path, &text)
}

/// Reports every definition whose declared ID differs from the computed one,
/// except the commented known exceptions.
pub fn check_ids(schema: &Schema) -> Vec<Diagnostic> {
    let _ = schema;
    todo!("id check")
}
