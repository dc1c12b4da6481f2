//! TL schema files: lines -> definitions, with the constructor-ID check.
//!
//! The schema is the wire truth: IDs, flag bits, field order and the fields
//! the docs hide.
//!
//! [`parse_schema`] reads one file (every feature in docs/FORMATS-NOTES.md, "Schema files": comments,
//! `---functions---`/`---types---` toggles, `===N===` layer sections, generics,
//! `flags.N?T` conditionals, the built-in `vector` line); [`check_ids`]
//! compares each declared ID with the CRC-32 rule of [`compute_id`].

mod crc;
mod parse;
#[cfg(test)]
mod tests;

use std::path::Path;

use crate::error::Result;
use crate::ir::{Flag, TlType};

pub use crate::input::MAX_INPUT_BYTES;
pub use crc::{check_ids, compute_id, normalized_definition};
pub(crate) use crc::{normalize_into, normalize_tail_into};
pub use parse::{parse_schema, MAX_TYPE_DEPTH};

/// Whether a definition is a constructor or a function (RPC method).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// A constructor (`---types---` section, the default).
    Type,
    /// A function (`---functions---` section).
    Function,
}

/// What a schema file is to a run ([`Schema::role`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// An API layer (`TL_telegram_v223.tl`): the docs document it.
    Api,
    /// The MTProto service schema (`TL_mtproto_v1.tl`): the envelope, the
    /// auth-key exchange and the service messages, in their own namespace
    /// ([`crate::ir::Space::Mtproto`]).
    Service,
    /// The secret-chat schema (`TL_secret.tl`): layered sections whose
    /// entries join the API as layer variants (`decryptedMessage_73`).
    Secret,
}

/// Constructors only MTProto's service schema defines: a file that defines
/// one and declares no `// LAYER` is the service schema. (Old API layers
/// carried them too, but with a `// LAYER` line.)
const SERVICE_MARKERS: &[&str] = &["rpc_result", "msg_container", "req_pq_multi"];

/// One parsed schema file.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// The path as given by the user (used in diagnostics).
    pub path: String,
    /// Definitions in file order.
    pub definitions: Vec<Definition>,
    /// The layer its `// LAYER N` comment declares (Telegram's schema files
    /// end with one), if any.
    pub layer: Option<u32>,
}

/// The layer a `// LAYER N` comment line declares; the last such line wins.
pub fn declared_layer(text: &str) -> Option<u32> {
    text.lines().rev().find_map(|line| {
        let rest = line.trim().strip_prefix("//")?.trim_start();
        rest.strip_prefix("LAYER")?.trim().parse().ok()
    })
}

/// One `name#id params = Result;` line.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The TL name, namespace included (`messages.sendMessage`).
    pub name: String,
    /// The `#hexid` written in the file, if any.
    pub declared_id: Option<u32>,
    /// The CRC32 of the normalized definition (the constructor-ID rule of docs/FORMATS-NOTES.md, "Schema files").
    pub computed_id: u32,
    /// `{X:Type}` generic parameters: (name, bound).
    pub generics: Vec<(String, String)>,
    /// Parameters in wire order, `#` fields included.
    pub params: Vec<SchemaParam>,
    /// The result type (`Updates`, `Vector<long>`, `X`, `Vector t`), checked
    /// and given structure by the parser like a param's; its text (the
    /// [`std::fmt::Display`] form) is the schema's, tokens joined by one space.
    pub result: TlType,
    /// Constructor or function.
    pub category: Category,
    /// The `===N===` layer section (TL_secret.tl), if any.
    pub layer: Option<u32>,
    /// The 1-based line in the file.
    pub line: u32,
}

impl Schema {
    /// The one rule for a file's role, from its contents (never its name):
    /// `===N===` layer sections make the secret-chat schema; a `// LAYER N`
    /// line an API layer; otherwise one of MTProto's own service
    /// constructors (`rpc_result`, `msg_container`, `req_pq_multi`) makes
    /// the service schema, and anything else is an API schema without a
    /// declared layer.
    pub fn role(&self) -> Role {
        if self.definitions.iter().any(|d| d.layer.is_some()) {
            Role::Secret
        } else if self.layer.is_some() {
            Role::Api
        } else if self
            .constructors()
            .chain(self.functions())
            .any(|d| SERVICE_MARKERS.contains(&d.name.as_str()))
        {
            Role::Service
        } else {
            Role::Api
        }
    }

    /// The namespace its entries go to.
    pub fn space(&self) -> crate::ir::Space {
        match self.role() {
            Role::Service => crate::ir::Space::Mtproto,
            Role::Api | Role::Secret => crate::ir::Space::Api,
        }
    }

    /// The constructors (`---types---` entries), in file order.
    pub fn constructors(&self) -> impl Iterator<Item = &Definition> {
        self.of_category(Category::Type)
    }

    /// The functions (`---functions---` entries), in file order.
    pub fn functions(&self) -> impl Iterator<Item = &Definition> {
        self.of_category(Category::Function)
    }

    fn of_category(&self, category: Category) -> impl Iterator<Item = &Definition> {
        self.definitions
            .iter()
            .filter(move |d| d.category == category)
    }
}

impl Definition {
    /// The ID used on the wire: the declared one, else the computed one.
    pub fn id(&self) -> u32 {
        self.declared_id.unwrap_or(self.computed_id)
    }

    /// Whether it is a function (RPC method).
    pub fn is_function(&self) -> bool {
        self.category == Category::Function
    }

    /// The param named `name`, if any.
    pub fn param(&self, name: &str) -> Option<&SchemaParam> {
        self.params.iter().find(|p| p.name == name)
    }

    /// Its flags words, by the rule of [`crate::ir::FlagsWords`]: `flags:#`,
    /// or an old layer's `flags:int` that a conditional param refers to.
    pub fn flags_words(&self) -> crate::ir::FlagsWords<'_> {
        crate::ir::FlagsWords::of(self.params.iter().filter_map(|p| p.flag.as_ref()))
    }

    /// Whether `param` (one of its params) is a flags word. Asking for
    /// every param? Build [`Definition::flags_words`] once instead.
    pub fn is_flags_word(&self, param: &SchemaParam) -> bool {
        self.flags_words().contains(&param.name, &param.ty)
    }
}

impl SchemaParam {
    /// Whether it is a payload-less `flags.N?true` param.
    pub fn is_true_flag(&self) -> bool {
        self.flag.is_some() && self.ty == TlType::True
    }
}

/// One parameter of a definition.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaParam {
    /// The name (`peer`, `flags`).
    pub name: String,
    /// The type without the flag prefix (`InputPeer`, `true`, `#`, `Vector<long>`, `!X`),
    /// checked and given structure by the parser.
    pub ty: TlType,
    /// The flags field and bit for `flags.N?T` params.
    pub flag: Option<Flag>,
}

/// Reads and parses a schema file (at most [`MAX_INPUT_BYTES`] of UTF-8).
pub fn load_schema(path: &Path) -> Result<Schema> {
    let text = crate::input::read_text(path)?;
    parse_schema(path, &text)
}
