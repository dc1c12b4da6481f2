//! MadelineProto Markdown pages -> page records (what each page says, with lines).
//!
//! The front end of the pipeline: [`read_docs`] lists `methods/`,
//! `constructors/` and `types/` of a docs tree and [`parse_page`] turns each
//! page (old v65/v66 format or current v223 format, see docs/FORMATS-NOTES.md) into a
//! [`Page`]. Index/README pages are skipped. Each page is parsed with a
//! single pulldown-cmark pass over its top-level blocks; tables, headings and
//! Type cells are then read from the raw source slices (byte ranges), so
//! escapes (`\_`, `\|`) and link targets with spaces survive exactly.
//!
//! Submodules: [`front_matter`] (tolerant line-wise reader), [`table`]
//! (rows, column layouts, parameter/error rows), [`type_cell`] (the Type
//! cell grammar), [`text`] (unescaping, line numbers), `page` (the page
//! walker) and `docs` (directory reading).

use std::path::Path;

use crate::error::Result;

mod docs;
pub mod front_matter;
mod page;
pub mod table;
pub mod text;
pub mod type_cell;

#[cfg(test)]
mod tests;

pub use docs::{
    declared_layer, list_pages, read_docs_sequential, read_docs_tolerant, read_page, PageFile,
};
pub use front_matter::FrontMatter;
pub use page::{is_index_source, kind_of_folder};
pub use type_cell::parse_type_cell;

/// Which folder a page lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    /// `methods/`: `# Method: name`.
    Method,
    /// `constructors/`: `# Constructor: name`.
    Constructor,
    /// `types/`: `# Type: name` (or `## Type: x` for pseudo-types).
    Type,
}

/// What one entity page says.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Method, constructor or type.
    pub kind: PageKind,
    /// The entity name from the heading, unescaped (`req_DH_params`, `decryptedMessage_73`).
    pub name: String,
    /// The path relative to the docs root, with `/` separators (`methods/messages.sendMessage.md`).
    pub source: String,
    /// The line of the `# Kind: name` heading.
    pub line: u32,
    /// The description (Markdown kept), from the body; empty when absent.
    pub description: String,
    /// The parameter/attribute table rows, in page order.
    pub params: Vec<PageParam>,
    /// Method return type or constructor `### Type:` (the label as a TL type).
    pub result: Option<TypeCell>,
    /// The line of the return-type/type heading.
    pub result_line: u32,
    /// `### Can bots use this method:` (None when absent).
    pub bots: Option<bool>,
    /// `### Can users use this method:` (v223 only).
    pub users: Option<bool>,
    /// `### Can bots use this method over a business connection ...:` (v223 only).
    pub business: Option<bool>,
    /// The `### Errors` table (old format only).
    pub errors: Vec<PageError>,
    /// Type pages: the `### Possible values (constructors):` list.
    pub constructors: Vec<String>,
    /// Pseudo-type pages (`## Type: int`) and irregular pages (`# boolTrue`).
    pub irregular: bool,
}

impl Page {
    /// A page of `kind` at `source` before anything of it is read: no
    /// heading yet (line 0), nothing found.
    pub fn blank(kind: PageKind, source: impl Into<String>) -> Page {
        Page {
            kind,
            name: String::new(),
            source: source.into(),
            line: 0,
            description: String::new(),
            params: Vec::new(),
            result: None,
            result_line: 0,
            bots: None,
            users: None,
            business: None,
            errors: Vec::new(),
            constructors: Vec::new(),
            irregular: false,
        }
    }
}

/// One row of a parameter/attribute table.
#[derive(Debug, Clone, PartialEq)]
pub struct PageParam {
    /// The name, unescaped (`no_webpage`).
    pub name: String,
    /// The 1-based line of the row.
    pub line: u32,
    /// The Type cell.
    pub ty: TypeCell,
    /// The description (Markdown kept; empty when the row has none).
    pub description: String,
    /// The Required column: `Yes` -> Some(true), `Optional` -> Some(false),
    /// None when the table has no usable Required cell.
    pub required: Option<bool>,
}

/// A parsed Type cell (`Array of [Username, chat ID, Update, Message or InputPeer](...)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeCell {
    /// The link label, unescaped (`Username, chat ID, Update, Message or InputPeer`,
    /// `long|string`, `Vector_of_int`).
    pub label: String,
    /// `Array of` prefix present.
    pub array: bool,
    /// The link target as written.
    pub target: String,
    /// The TL type the cell maps to (docs/FORMATS-NOTES.md, "Type cells"): the last word of an alias,
    /// `Vector<T>` for `Array of` and `Vector_of_T`, the label otherwise.
    /// (`Bool` stays `Bool`: the merge decides whether the schema says `true`.)
    pub mapped: String,
}

/// One row of an `### Errors` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError {
    /// The code (400, -503, ...).
    pub code: i32,
    /// The name as written, unescaped (`SLOWMODE_WAIT_X`, `Timeout`).
    pub name: String,
    /// The description.
    pub description: String,
    /// The 1-based line of the row.
    pub line: u32,
}

/// Parses one page. Returns `Ok(None)` for non-entity pages (index/README).
/// `path` is used in errors; `source` is the path relative to the docs root.
///
/// The page kind comes from the first folder of `source`; a page outside
/// `methods/`, `constructors/` and `types/` is an error, a root page or an
/// index (`README.md`, `index.md`, `api_README.md`, `api_index.md`) is
/// skipped. The description is the raw Markdown between the back link and the
/// first `##`..`######` heading (v223 `# Warning` blocks included), falling
/// back to the front-matter description unless that is a v223 placeholder.
pub fn parse_page(path: &Path, source: &str, text: &str) -> Result<Option<Page>> {
    page::parse_page(path, source, text)
}

/// Reads every page under `dir/{methods,constructors,types}` (in parallel),
/// sorted by `source`.
///
/// `methods/` must exist; `constructors/` and `types/` are read when present.
/// Errors name the directory or the page (with its line); when several pages
/// are bad, the first by `source` is reported.
pub fn read_docs(dir: &Path) -> Result<Vec<Page>> {
    docs::read_docs(dir)
}
