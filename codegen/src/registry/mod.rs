//! The resolved view of an [`Api`] that every back end reads: the emitter
//! ([`crate::emit`]), the encode/decode tools ([`crate::tools`]) and
//! [`crate::diff`].
//!
//! The IR is a plain data model (what the JSON export holds). A [`Registry`]
//! is built once over it and answers everything that needs resolving, each
//! rule written here once:
//!
//! | question | where |
//! |---|---|
//! | an entry by IR name, wire name or constructor ID; a type's constructors | [`Registry`] lookups |
//! | what a param is on the wire (docs-only rows dropped, flags words found) | [`WireParam`], [`wire_params`] |
//! | what a bare type reference (`future_salt`, `%Message`) names | [`Registry::bare`], by the rule of [`crate::ir::resolve_bare`] (which the merge's reference check shares) |
//! | which types accept any constructor (`Object`, undefined types) | [`Registry::is_open_type`] |
//! | the MTProto service constructors a wire reader needs | [`Registry::with_service_constructors`] |
//! | how deep the shallowest value of an entry or type nests | [`heights`] |
//! | the Rust name of a TL name: items, fields, modules, keywords, collisions, RPC error variants, the names every file may import from the root | [`names`] |
//! | every emitted item with its Rust path, its fields and their resolved types | [`items::Items`] |
//! | recursion and boxing: which enum variants box their struct (by-value cycles, size), which bare cycles cannot be emitted | [`items`] ("Boxing rule"), [`items::Ctor::boxed`] |
//! | which items have `Eq` and `Hash` (none that holds a `double`) | [`items`] ("`Eq` and `Hash`"), [`items::Ctor::hashable`] |
//! | which error type a method's call returns | [`items::Func::error`] |
//! | the part of an API that `--select` patterns keep | [`select::select`], [`select::glob_match`] |
//!
//! Entries are addressed by [`EntryId`], their position in
//! [`Registry::entries`]: methods first, then constructors, each in IR order.

mod case;
pub mod heights;
pub mod items;
pub mod names;
pub mod select;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::ir::{bare_name, resolve_bare, Api, Constructor, Flag, Param, TlType};

pub use heights::Heights;

/// `vector#1cb5c415`, the boxed vector ID.
pub const VECTOR_ID: u32 = 0x1cb5_c415;
/// `boolTrue#997275b5`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// `boolFalse#bc799737`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// `gzip_packed#3072cfa1 packed_data:bytes = Object`.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;

/// The handle of an entry: its position in [`Registry::entries`].
pub type EntryId = usize;

/// A built-in constructor: name, ID, params (name, type), boxed type.
type Builtin = (
    &'static str,
    u32,
    &'static [(&'static str, &'static str)],
    &'static str,
);

/// MTProto service constructors that a wire-level registry
/// ([`Registry::with_service_constructors`]) knows even when the schema
/// lacks them.
const SERVICE: &[Builtin] = &[
    (
        "rpc_error",
        0x2144_ca19,
        &[("error_code", "int"), ("error_message", "string")],
        "RpcError",
    ),
    (
        "rpc_result",
        0xf35c_6d01,
        &[("req_msg_id", "long"), ("result", "Object")],
        "RpcResult",
    ),
    (
        "gzip_packed",
        GZIP_PACKED_ID,
        &[("packed_data", "bytes")],
        "Object",
    ),
];

/// Whether an entry is a constructor or a method, with what it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    /// A constructor of the given boxed type.
    Constructor {
        /// The boxed type (`InputPeer`).
        type_name: String,
    },
    /// A method returning the given type.
    Method {
        /// The TL result type (`Updates`, `Vector<long>`, `X`).
        returns: TlType,
    },
}

/// A param as it is on the wire: docs-only params are dropped, types parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct WireParam {
    /// The TL name.
    pub name: String,
    /// The parsed TL type: [`TlType::Flags`] for every flags word, including
    /// the old layers' plain `flags:int` that conditional params refer to.
    pub ty: TlType,
    /// The flag bit when the param is conditional.
    pub flag: Option<Flag>,
    /// Its position among the IR entry's params (docs-only ones counted).
    pub ir_index: usize,
}

impl WireParam {
    /// Whether this is a flags word (computed from the conditional params).
    pub fn is_flags_word(&self) -> bool {
        self.ty == TlType::Flags
    }
}

/// The wire params of an IR param list, in wire order: the one place that
/// decides what a flags word is.
pub fn wire_params(params: &[Param]) -> Vec<WireParam> {
    params
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.docs_only)
        .map(|(ir_index, p)| WireParam {
            name: p.name.clone(),
            // Old schemas have `flags:int a:flags.0?true` (v65/v66
            // `auth.importBotAuthorization`): an `int` that conditional
            // params refer to is a flags word too.
            ty: if p.ty == TlType::Int
                && params
                    .iter()
                    .any(|q| q.flag.as_ref().is_some_and(|f| f.field == p.name))
            {
                TlType::Flags
            } else {
                p.ty.clone()
            },
            flag: p.flag.clone(),
            ir_index,
        })
        .collect()
}

/// Where an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `Api::methods[i]`.
    Method(usize),
    /// `Api::constructors[i]`.
    Constructor(usize),
    /// A service constructor the registry added (not in the IR).
    Service,
}

/// One method or constructor, resolved.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its handle.
    pub at: EntryId,
    /// The IR name (unique; what the JSON form's `"_"` holds).
    pub name: String,
    /// The constructor ID, if the IR has one.
    pub id: Option<u32>,
    /// Constructor or method.
    pub kind: EntryKind,
    /// Wire params in wire order.
    pub params: Vec<WireParam>,
    /// Names of docs-only params (not on the wire).
    pub docs_only: Vec<String>,
    /// Where it comes from.
    pub origin: Origin,
}

impl Entry {
    fn new(
        name: &str,
        id: Option<u32>,
        kind: EntryKind,
        params: &[Param],
        origin: Origin,
    ) -> Entry {
        Entry {
            at: 0,
            name: name.to_string(),
            id,
            kind,
            params: wire_params(params),
            docs_only: params
                .iter()
                .filter(|p| p.docs_only)
                .map(|p| p.name.clone())
                .collect(),
            origin,
        }
    }

    /// Whether this is a method.
    pub fn is_method(&self) -> bool {
        matches!(self.kind, EntryKind::Method { .. })
    }

    /// The boxed type of a constructor.
    pub fn type_name(&self) -> Option<&str> {
        match &self.kind {
            EntryKind::Constructor { type_name } => Some(type_name),
            EntryKind::Method { .. } => None,
        }
    }
}

/// Lookup tables over the methods and constructors of an API: by ID, by
/// name and by boxed type. Build it once and share it.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<Entry>,
    by_id: HashMap<u32, EntryId>,
    constructors: HashMap<String, EntryId>,
    methods: HashMap<String, EntryId>,
    /// Wire names that differ from IR names: `None` when ambiguous.
    tl_names: HashMap<String, Option<EntryId>>,
    /// Boxed type name -> its constructors, in IR order.
    types: HashMap<String, Vec<EntryId>>,
    has_ids: bool,
    /// The MTProto `message` envelope, when `%Message` needs it (not named
    /// in any lookup table: only bare `Message` references reach it).
    envelope: Option<EntryId>,
    /// Shallowest nesting per entry, computed on first use.
    heights: OnceLock<Heights>,
}

impl Registry {
    /// Indexes every method and constructor of `api`. When two entries
    /// claim one ID, the first (methods before constructors, in IR order)
    /// keeps it.
    pub fn new(api: &Api) -> Registry {
        let mut reg = Registry::default();
        for (i, method) in api.methods.iter().enumerate() {
            let kind = EntryKind::Method {
                returns: method.returns.clone(),
            };
            let entry = Entry::new(
                &method.name,
                method.id,
                kind,
                &method.params,
                Origin::Method(i),
            );
            reg.push(entry, None, false);
        }
        for (i, ctor) in api.constructors.iter().enumerate() {
            reg.push_constructor(ctor, Origin::Constructor(i));
        }
        reg
    }

    /// [`Registry::new`] plus what a reader of real MTProto traffic needs
    /// beyond the API schema: the service constructors `rpc_error`,
    /// `rpc_result` and `gzip_packed` when the API lacks them, and the
    /// `message` envelope that `msg_container`'s `vector<%Message>` means.
    pub fn with_service_constructors(api: &Api) -> Registry {
        let mut reg = Registry::new(api);
        for (name, id, params, type_name) in SERVICE {
            if reg.by_id.contains_key(id) || reg.constructors.contains_key(*name) {
                continue;
            }
            let params: Vec<Param> = params
                .iter()
                .map(|(name, ty)| service_param(name, ty))
                .collect();
            let kind = EntryKind::Constructor {
                type_name: type_name.to_string(),
            };
            let entry = Entry::new(name, Some(*id), kind, &params, Origin::Service);
            reg.push(entry, None, true);
        }
        // `vector<%Message>` of `msg_container` means the MTProto envelope
        // `message msg_id:long seqno:int bytes:int body:Object = Message`,
        // whose name the API's own `message` constructor usually takes.
        if reg.bare("Message").is_none() {
            let params: Vec<Param> = [
                ("msg_id", "long"),
                ("seqno", "int"),
                ("bytes", "int"),
                ("body", "Object"),
            ]
            .iter()
            .map(|(name, ty)| service_param(name, ty))
            .collect();
            let kind = EntryKind::Constructor {
                type_name: "%Message".into(),
            };
            let mut entry = Entry::new("message", None, kind, &params, Origin::Service);
            entry.at = reg.entries.len();
            reg.envelope = Some(entry.at);
            reg.entries.push(entry);
        }
        reg
    }

    fn push_constructor(&mut self, ctor: &Constructor, origin: Origin) {
        let kind = EntryKind::Constructor {
            type_name: ctor.type_name.clone(),
        };
        let entry = Entry::new(&ctor.name, ctor.id, kind, &ctor.params, origin);
        self.push(entry, ctor.tl_name.as_deref(), false);
    }

    fn push(&mut self, mut entry: Entry, tl_name: Option<&str>, service: bool) {
        let at = self.entries.len();
        entry.at = at;
        if let Some(id) = entry.id {
            // The vector ID is handled structurally, never as an entry.
            if id != VECTOR_ID {
                self.by_id.entry(id).or_insert(at);
                self.has_ids |= !service;
            }
        }
        match &entry.kind {
            EntryKind::Method { .. } => {
                self.methods.entry(entry.name.clone()).or_insert(at);
            }
            EntryKind::Constructor { type_name } => {
                self.constructors.entry(entry.name.clone()).or_insert(at);
                self.types.entry(type_name.clone()).or_default().push(at);
            }
        }
        if let Some(tl_name) = tl_name.filter(|t| *t != entry.name) {
            self.tl_names
                .entry(tl_name.to_string())
                .and_modify(|slot| *slot = None)
                .or_insert(Some(at));
        }
        self.entries.push(entry);
    }

    /// Every entry: methods, then constructors (IR order), then service
    /// constructors.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with handle `at`.
    pub fn entry(&self, at: EntryId) -> &Entry {
        &self.entries[at]
    }

    /// Whether the IR carries any constructor IDs at all (it has none
    /// without a schema; the service constructors do not count).
    pub fn has_ids(&self) -> bool {
        self.has_ids
    }

    /// The number of entries (service constructors included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The IR names of every method and constructor, in IR order (methods
    /// first), service constructors last.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(|e| Some(e.at) != self.envelope)
            .map(|e| e.name.as_str())
    }

    /// The shallowest nesting of every entry and type, computed once.
    pub fn heights(&self) -> &Heights {
        self.heights.get_or_init(|| Heights::new(self))
    }

    /// The entry that holds constructor ID `id` (methods win a tie).
    pub fn by_id(&self, id: u32) -> Option<&Entry> {
        self.by_id.get(&id).map(|&at| &self.entries[at])
    }

    /// A constructor by IR name, or by wire name when unambiguous.
    pub fn constructor(&self, name: &str) -> Option<&Entry> {
        self.constructors
            .get(name)
            .or_else(|| {
                self.wire_name(name)
                    .filter(|&at| !self.entries[*at].is_method())
            })
            .map(|&at| &self.entries[at])
    }

    /// A method by IR name.
    pub fn method(&self, name: &str) -> Option<&Entry> {
        self.methods.get(name).map(|&at| &self.entries[at])
    }

    /// A constructor or method by name (constructors win a tie).
    pub fn any(&self, name: &str) -> Option<&Entry> {
        self.constructor(name).or_else(|| self.method(name))
    }

    fn wire_name(&self, name: &str) -> Option<&EntryId> {
        self.tl_names.get(name).and_then(Option::as_ref)
    }

    /// The constructors of a boxed type, `None` when no constructor has it.
    pub fn type_constructors(&self, type_name: &str) -> Option<&[EntryId]> {
        self.types.get(type_name).map(Vec::as_slice)
    }

    /// The constructor a bare type reference names, by the rule of
    /// [`resolve_bare`]: a constructor name (`future_salt`), or a type with
    /// exactly one constructor (`%Message`). With service constructors,
    /// `%Message` of a type with many is the MTProto envelope.
    pub fn bare(&self, name: &str) -> Option<&Entry> {
        let found = resolve_bare(
            name,
            |n| self.constructor(n).map(|e| &e.at),
            |n| self.type_constructors(n),
        );
        match found {
            Some(&at) => Some(&self.entries[at]),
            None if bare_name(name) == "Message" => self.envelope.map(|at| &self.entries[at]),
            None => None,
        }
    }

    /// Whether `type_name` accepts any constructor: `Object`, or a type
    /// no constructor belongs to (the schema does not define it).
    pub fn is_open_type(&self, type_name: &str) -> bool {
        type_name == "Object" || !self.types.contains_key(type_name)
    }
}

/// A plain param of a service constructor.
fn service_param(name: &str, ty: &str) -> Param {
    Param {
        name: name.to_string(),
        ty: TlType::parse(ty),
        flag: None,
        description: String::new(),
        docs_only: false,
        hidden: false,
        required: Some(true),
        docs_type: None,
    }
}
