//! Lookup tables over an [`Api`], built once per run.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::sample::Heights;
use crate::ir::{Api, Flag, Param, TlType};

/// `vector#1cb5c415`, the boxed vector ID.
pub(crate) const VECTOR_ID: u32 = 0x1cb5_c415;
/// `boolTrue#997275b5`.
pub(crate) const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// `boolFalse#bc799737`.
pub(crate) const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// `gzip_packed#3072cfa1 packed_data:bytes = Object`.
pub(crate) const GZIP_PACKED_ID: u32 = 0x3072_cfa1;

/// A built-in constructor: name, ID, params (name, type), boxed type.
type Builtin = (
    &'static str,
    u32,
    &'static [(&'static str, &'static str)],
    &'static str,
);

/// MTProto service constructors known even when the given schema lacks them.
const BUILTINS: &[Builtin] = &[
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
pub(crate) enum Kind {
    /// A constructor of the given boxed type.
    Constructor {
        /// The boxed type (`InputPeer`).
        type_name: String,
    },
    /// A method returning the given type.
    Method {
        /// The TL result type (`Updates`, `Vector<long>`, `X`).
        returns: String,
    },
}

/// A wire parameter: docs-only params are dropped, types are parsed.
#[derive(Debug, Clone)]
pub(crate) struct WireParam {
    /// The TL name.
    pub name: String,
    /// The parsed TL type (`TlType::Flags` for a flags word).
    pub ty: TlType,
    /// The flag bit when the param is conditional.
    pub flag: Option<Flag>,
}

impl WireParam {
    /// Whether this is a `#` flags word.
    pub fn is_flags_word(&self) -> bool {
        self.ty == TlType::Flags
    }
}

/// One method or constructor, ready for encoding and decoding.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Its position in [`ApiIndex::entries`].
    pub at: usize,
    /// The IR name (unique; what `"_"` holds).
    pub name: String,
    /// The constructor ID, if the IR has one.
    pub id: Option<u32>,
    /// Constructor or method.
    pub kind: Kind,
    /// Wire params in wire order.
    pub params: Vec<WireParam>,
    /// Names of docs-only params, accepted and ignored in JSON input.
    pub docs_only: Vec<String>,
}

impl Entry {
    fn new(name: &str, id: Option<u32>, kind: Kind, params: &[Param]) -> Entry {
        Entry {
            at: 0,
            name: name.to_string(),
            id,
            kind,
            params: params
                .iter()
                .filter(|p| !p.docs_only)
                .map(|p| WireParam {
                    name: p.name.clone(),
                    // Old schemas have `flags:int a:flags.0?true`: an `int`
                    // that conditional params refer to is a flags word too.
                    ty: if p.ty == "int"
                        && params
                            .iter()
                            .any(|q| q.flag.as_ref().is_some_and(|f| f.field == p.name))
                    {
                        TlType::Flags
                    } else {
                        TlType::parse(&p.ty)
                    },
                    flag: p.flag.clone(),
                })
                .collect(),
            docs_only: params
                .iter()
                .filter(|p| p.docs_only)
                .map(|p| p.name.clone())
                .collect(),
        }
    }

    /// Whether this is a method.
    pub fn is_method(&self) -> bool {
        matches!(self.kind, Kind::Method { .. })
    }

    /// The boxed type of a constructor.
    pub fn type_name(&self) -> Option<&str> {
        match &self.kind {
            Kind::Constructor { type_name } => Some(type_name),
            Kind::Method { .. } => None,
        }
    }
}

/// Lookup tables over the methods and constructors of an API: by ID, by
/// name and by boxed type. Build it once with [`ApiIndex::new`] and pass it
/// to every encode/decode call.
#[derive(Debug, Clone, Default)]
pub struct ApiIndex {
    pub(crate) entries: Vec<Entry>,
    by_id: HashMap<u32, usize>,
    constructors: HashMap<String, usize>,
    methods: HashMap<String, usize>,
    /// Wire names that differ from IR names: `None` when ambiguous.
    tl_names: HashMap<String, Option<usize>>,
    /// Boxed type name -> its constructors, in IR order.
    types: HashMap<String, Vec<usize>>,
    has_ids: bool,
    /// The MTProto `message` envelope, when `%Message` needs it (not named
    /// in any lookup table: only bare `Message` references reach it).
    envelope: Option<usize>,
    /// Shallowest nesting per entry, computed on the first sample request.
    heights: OnceLock<Heights>,
}

impl ApiIndex {
    /// Indexes every method and constructor of `api`, plus the MTProto
    /// service constructors `rpc_error`, `rpc_result` and `gzip_packed` when
    /// the API lacks them. When two entries claim one ID, the first (methods
    /// before constructors, in IR order) keeps it.
    pub fn new(api: &Api) -> ApiIndex {
        let mut index = ApiIndex::default();
        for method in &api.methods {
            let kind = Kind::Method {
                returns: method.returns.clone(),
            };
            index.push(
                Entry::new(&method.name, method.id, kind, &method.params),
                None,
                false,
            );
        }
        for ctor in &api.constructors {
            let kind = Kind::Constructor {
                type_name: ctor.type_name.clone(),
            };
            let entry = Entry::new(&ctor.name, ctor.id, kind, &ctor.params);
            index.push(entry, ctor.tl_name.as_deref(), false);
        }
        for (name, id, params, type_name) in BUILTINS {
            if index.by_id.contains_key(id) || index.constructors.contains_key(*name) {
                continue;
            }
            let params: Vec<Param> = params
                .iter()
                .map(|(name, ty)| builtin_param(name, ty))
                .collect();
            let kind = Kind::Constructor {
                type_name: type_name.to_string(),
            };
            index.push(Entry::new(name, Some(*id), kind, &params), None, true);
        }
        // `vector<%Message>` of `msg_container` means the MTProto envelope
        // `message msg_id:long seqno:int bytes:int body:Object = Message`,
        // whose name the API's own `message` constructor usually takes.
        if index.bare("Message").is_none() {
            let params: Vec<Param> = [
                ("msg_id", "long"),
                ("seqno", "int"),
                ("bytes", "int"),
                ("body", "Object"),
            ]
            .iter()
            .map(|(name, ty)| builtin_param(name, ty))
            .collect();
            let kind = Kind::Constructor {
                type_name: "%Message".into(),
            };
            let mut entry = Entry::new("message", None, kind, &params);
            entry.at = index.entries.len();
            index.envelope = Some(entry.at);
            index.entries.push(entry);
        }
        index
    }

    fn push(&mut self, mut entry: Entry, tl_name: Option<&str>, builtin: bool) {
        let at = self.entries.len();
        entry.at = at;
        if let Some(id) = entry.id {
            // The vector ID is handled structurally, never as an entry.
            if id != VECTOR_ID {
                self.by_id.entry(id).or_insert(at);
                self.has_ids |= !builtin;
            }
        }
        match &entry.kind {
            Kind::Method { .. } => {
                self.methods.entry(entry.name.clone()).or_insert(at);
            }
            Kind::Constructor { type_name } => {
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

    /// Whether the IR carries any constructor IDs at all (it has none
    /// without a schema; the built-in service constructors do not count).
    pub fn has_ids(&self) -> bool {
        self.has_ids
    }

    /// The number of indexed methods and constructors (built-ins included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The IR names of every indexed method and constructor, in IR order
    /// (methods first), built-ins last.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(|e| Some(e.at) != self.envelope)
            .map(|e| e.name.as_str())
    }

    /// The height table of [`super::sample_value`], built once.
    pub(crate) fn heights(&self) -> &Heights {
        self.heights.get_or_init(|| Heights::new(self))
    }

    pub(crate) fn by_id(&self, id: u32) -> Option<&Entry> {
        self.by_id.get(&id).map(|&at| &self.entries[at])
    }

    /// A constructor by IR name, or by wire name when unambiguous.
    pub(crate) fn constructor(&self, name: &str) -> Option<&Entry> {
        self.constructors
            .get(name)
            .or_else(|| {
                self.wire_name(name)
                    .filter(|&at| !self.entries[*at].is_method())
            })
            .map(|&at| &self.entries[at])
    }

    /// A method by IR name.
    pub(crate) fn method(&self, name: &str) -> Option<&Entry> {
        self.methods.get(name).map(|&at| &self.entries[at])
    }

    /// A constructor or method by name (constructors win a tie).
    pub(crate) fn any(&self, name: &str) -> Option<&Entry> {
        self.constructor(name).or_else(|| self.method(name))
    }

    fn wire_name(&self, name: &str) -> Option<&usize> {
        self.tl_names.get(name).and_then(Option::as_ref)
    }

    /// The constructors of a boxed type, `None` when no constructor has it.
    pub(crate) fn type_constructors(&self, type_name: &str) -> Option<&[usize]> {
        self.types.get(type_name).map(Vec::as_slice)
    }

    /// The constructor a bare type reference names: a constructor name
    /// (`future_salt`), or a type with exactly one constructor (`%Message`).
    pub(crate) fn bare(&self, name: &str) -> Option<&Entry> {
        if let Some(entry) = self.constructor(name) {
            return Some(entry);
        }
        match self.type_constructors(name) {
            Some([only]) => Some(&self.entries[*only]),
            _ if name == "Message" => self.envelope.map(|at| &self.entries[at]),
            _ => None,
        }
    }

    /// Whether `type_name` accepts any constructor: `Object`, or a type
    /// no indexed constructor belongs to (the schema does not define it).
    pub(crate) fn is_open_type(&self, type_name: &str) -> bool {
        type_name == "Object" || !self.types.contains_key(type_name)
    }
}

/// A plain param of a built-in constructor.
fn builtin_param(name: &str, ty: &str) -> Param {
    Param {
        name: name.to_string(),
        ty: ty.to_string(),
        flag: None,
        description: String::new(),
        docs_only: false,
        hidden: false,
        required: Some(true),
        docs_type: None,
    }
}
