//! The typed model of a whole API: what the JSON export and every back end
//! (emitter, encode/decode tools, diff) read.
//!
//! The JSON shape is stable and documented in the README: field names here are
//! the JSON keys. Everything is ordered deterministically (methods,
//! constructors and types sorted by name; params in wire order).

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use super::TlType;

/// The whole API of one layer.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Api {
    /// The layer the schema declares (`// LAYER 223`); `None` without one.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub layer: Option<u32>,
    /// RPC functions, sorted by name.
    pub methods: Vec<Method>,
    /// Constructors, sorted by name.
    pub constructors: Vec<Constructor>,
    /// Boxed types, sorted by name.
    pub types: Vec<TypeDef>,
}

/// Which namespace an entry lives in: the schema files of one run may
/// define one name for different things (the API's `message` and the
/// MTProto envelope `message`), and both stay, each in its space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Space {
    /// The API schema's (the secret-chat layers, which the docs document
    /// beside it, included).
    #[default]
    Api,
    /// The MTProto service schema's (`TL_mtproto_v1.tl`: the envelope, the
    /// auth-key exchange, service messages).
    Mtproto,
}

impl Space {
    /// Whether it is [`Space::Api`] (the JSON form leaves that out).
    pub fn is_api(&self) -> bool {
        *self == Space::Api
    }

    /// Its name in the JSON form and in the generated tree (`mtproto`).
    pub fn name(self) -> &'static str {
        match self {
            Space::Api => "api",
            Space::Mtproto => "mtproto",
        }
    }

    /// Where a type name written in this space is looked for, the one rule
    /// every resolver follows: its own space first (MTProto's `%Message`
    /// is the envelope, not the API's `message`), then the other.
    pub fn search_order(self) -> [Space; 2] {
        match self {
            Space::Api => [Space::Api, Space::Mtproto],
            Space::Mtproto => [Space::Mtproto, Space::Api],
        }
    }
}

/// An RPC function.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Method {
    /// The name as its page names it, e.g. `messages.sendMessage`.
    pub name: String,
    /// The constructor ID from the schema; `None` without a schema entry.
    #[cfg_attr(feature = "serde", serde(with = "crate::ir::hex_id"))]
    pub id: Option<u32>,
    /// The description, Markdown kept for rustdoc.
    pub description: String,
    /// Parameters in wire order (schema order), docs-only ones interleaved
    /// where the docs show them.
    pub params: Vec<Param>,
    /// The TL result type, e.g. `Updates`, `Vector<long>`, `X` (a string in JSON).
    pub returns: TlType,
    /// Whether bots may call it (`None` when the page does not say).
    pub bots: Option<bool>,
    /// Whether users may call it (`None` when the page does not say; old pages never do).
    pub users: Option<bool>,
    /// Whether bots may call it over a business connection (v223 pages only).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub business: Option<bool>,
    /// The documented RPC errors, one entry per code: the page's own table
    /// (old-format pages only), then what other error sources add
    /// ([`crate::merge::error_tables`]).
    pub errors: Vec<ErrorEntry>,
    /// Where the entries other error sources added came from, comma-separated
    /// in precedence order (`<tree>/methods/x.md`, `<dir>/methods.csv:286`);
    /// `None` when they are all this page's own.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub errors_source: Option<String>,
    /// The page, relative to the docs root (`methods/messages.sendMessage.md`);
    /// `None` for schema entries without a page.
    pub source: Option<String>,
    /// The namespace it lives in ([`Space`]); absent from JSON for the API.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Space::is_api")
    )]
    pub space: Space,
}

/// A constructor of a boxed type.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Constructor {
    /// The name as its page names it (`inputPeerUser`, `decryptedMessage_73`).
    pub name: String,
    /// The constructor ID from the schema; `None` without a schema entry.
    #[cfg_attr(feature = "serde", serde(with = "crate::ir::hex_id"))]
    pub id: Option<u32>,
    /// The description, Markdown kept for rustdoc.
    pub description: String,
    /// Fields in wire order.
    pub params: Vec<Param>,
    /// The boxed TL type it belongs to, e.g. `InputPeer`.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub type_name: String,
    /// The TL name on the wire when it differs from `name`: secret-chat pages
    /// suffixed with their layer (`decryptedMessage_73` is `decryptedMessage`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub tl_name: Option<String>,
    /// The `===N===` layer section of `TL_secret.tl` the entry comes from.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub layer: Option<u32>,
    /// The page, relative to the docs root; `None` for schema entries without a page.
    pub source: Option<String>,
    /// The namespace it lives in ([`Space`]); absent from JSON for the API.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Space::is_api")
    )]
    pub space: Space,
}

/// One parameter of a method or constructor.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Param {
    /// The TL name (unescaped: `no_webpage`).
    pub name: String,
    /// The TL type as the schema writes it (`Vector<MessageEntity>`, `true`,
    /// `#`, `!X`, `bytes`); for docs-only params and schema-less runs, the
    /// type the docs' Type column maps to. A string in JSON.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub ty: TlType,
    /// The flags field and bit when the param is conditional.
    pub flag: Option<Flag>,
    /// The description from the docs table (empty when the docs have none).
    pub description: String,
    /// Shown in the docs but not on the wire (e.g. `parse_mode`).
    pub docs_only: bool,
    /// On the wire but not in the docs (e.g. `flags`, `random_id`).
    pub hidden: bool,
    /// The docs' Required column (`Yes` -> true, `Optional` -> false); `None`
    /// for hidden params. This is MadelineProto's defaulting, not TL optionality.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub required: Option<bool>,
    /// The Type cell as the docs display it (`Username, chat ID, Update, Message or InputPeer`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub docs_type: Option<String>,
}

impl Param {
    /// The param as the schema writes it: `name:type`, or
    /// `name:flags.3?type` when it is conditional ([`param_text`]).
    pub fn tl_text(&self) -> String {
        param_text(&self.name, self.flag.as_ref(), &self.ty)
    }
}

/// A param as a schema line writes it, the one place that text is made:
/// `name:type`, `name:flags.3?type`.
pub fn param_text(name: &str, flag: Option<&Flag>, ty: &dyn std::fmt::Display) -> String {
    match flag {
        Some(flag) => format!("{name}:{flag}?{ty}"),
        None => format!("{name}:{ty}"),
    }
}

/// Where a conditional parameter's presence bit lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Flag {
    /// The `#` field holding the bit (`flags`, `flags2`).
    pub field: String,
    /// The bit number, 0..=31.
    pub bit: u8,
}

/// `flags.3`, as the schema writes the condition.
impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.field, self.bit)
    }
}

/// The flags words of one definition, by the flags-word rule, the one
/// place it is written: a param is a flags word when its type is `#`, or
/// when it is an `int` that a conditional param of the same definition
/// refers to (old layers write `flags:int a:flags.0?true`, v65/v66
/// `auth.importBotAuthorization`). Built once from the definition's
/// conditions, so that asking for every param stays linear.
#[derive(Debug, Clone, Default)]
pub struct FlagsWords<'a>(std::collections::HashSet<&'a str>);

impl<'a> FlagsWords<'a> {
    /// The rule for a definition whose params have the conditions `flags`.
    pub fn of(flags: impl IntoIterator<Item = &'a Flag>) -> Self {
        FlagsWords(flags.into_iter().map(|f| f.field.as_str()).collect())
    }

    /// Whether the param `name` of type `ty` is a flags word.
    pub fn contains(&self, name: &str, ty: &TlType) -> bool {
        *ty == TlType::Flags || (*ty == TlType::Int && self.0.contains(name))
    }
}

/// A documented RPC error of a method.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ErrorEntry {
    /// The HTTP-like code (400, 403, -503, ...).
    pub code: i32,
    /// The name as documented, placeholders kept (`SLOWMODE_WAIT_X`).
    pub name: String,
    /// The description; Telethon's keep their `{seconds}`-style placeholder
    /// for the number in the name.
    pub description: String,
}

/// A boxed TL type.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TypeDef {
    /// The TL name, e.g. `InputPeer`, `messages.Messages`.
    pub name: String,
    /// Its constructors (IR names), sorted.
    pub constructors: Vec<String>,
    /// Prose from the type page, if any.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "String::is_empty")
    )]
    pub description: String,
    /// The page, relative to the docs root; `None` when the type has no page.
    #[cfg_attr(feature = "serde", serde(default))]
    pub source: Option<String>,
    /// The namespace it lives in ([`Space`]); absent from JSON for the API.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Space::is_api")
    )]
    pub space: Space,
}
