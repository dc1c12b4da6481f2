//! The resolved model of an [`Api`]: what every back end reads (the
//! emitter, [`crate::tools`]' encoder and decoder, [`crate::diff`]) and
//! nothing re-derives.
//!
//! The IR is plain data (what the JSON export holds). A [`Model`] is built
//! over it once and decides everything that needs resolving, each rule in
//! one place:
//!
//! | question | where |
//! |---|---|
//! | constructors, types and methods by typed handle ([`CtorId`], [`TypeId`], [`FuncId`]), by IR name, wire name or constructor ID | [`Model`] lookups |
//! | what a value is: a primitive from one table (Rust type, wire sizes, traits), an enum, a struct, a vector, a query | [`Ty`], [`Prim`], [`PrimInfo`] |
//! | what a param is: a flags word, a flag-only `true`, a value, docs-only | [`Field`], [`FieldKind`] |
//! | what a bare type reference (`future_salt`, `%Message`) names | [`crate::ir::resolve_bare`], applied once when fields are resolved |
//! | the fewest bytes a value takes on the wire (vector count checks) | [`Model::min_size`] |
//! | the Rust name of every item, field and module, keywords and collisions | [`names`], [`ItemPath`] |
//! | which enum variants box their struct, which items have `Eq` and `Hash` | [`layout`] ("Boxing rule", "`Eq` and `Hash`") |
//! | which items have a borrowed form (strings, bytes and `Object` borrowed from the input) | [`borrowing`], [`Model::borrowing`] |
//! | which methods get an error enum, its variants and their matching | [`errors`], [`ErrorPlan`] |
//! | the accessors of a type enum (a field every variant has), their names and returns | [`accessors`], [`Model::accessors`] |
//! | the MTProto service constructors a wire reader needs | [`Model::with_service_constructors`] |
//! | how deep the shallowest value of an entry or type nests | [`heights`] |
//! | the part of an API that `--select` patterns keep | [`select`] |
//!
//! The model is lenient: it resolves whatever it can and lists the rest as
//! [`Problem`]s, which [`Model::checked`] (the emitter's entry) refuses and
//! [`crate::diff`] and the tools read around.

pub mod accessors;
pub mod borrowing;
mod case;
pub mod errors;
mod field;
pub mod heights;
pub mod layout;
pub mod names;
mod paths;
pub mod select;
mod service;
#[cfg(test)]
mod tests;
mod ty;

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::OnceLock;

use crate::ir::{bare_name, resolve_bare, Api, Constructor, Method, Space, TlType, TypeDef};

pub use accessors::{Accessor, Return};
pub use borrowing::Borrowing;
pub use errors::{ErrorEnum, ErrorOwner, ErrorPlan, ErrorVariant, Matcher, API_ERROR};
pub use field::{Field, FieldKind};
pub use heights::Heights;
pub use layout::{Boxing, BOX_THRESHOLD};
pub use paths::{ItemPath, Kind};
pub use ty::{Prim, PrimInfo, Ty, BOOL_FALSE_ID, BOOL_TRUE_ID, GZIP_PACKED_ID, VECTOR_ID};

/// The handle of a constructor: its index in [`Model::ctors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CtorId(pub(crate) usize);

/// The handle of a boxed type: its index in [`Model::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub(crate) usize);

/// The handle of a method: its index in [`Model::funcs`], which is its
/// index in [`Api::methods`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FuncId(pub(crate) usize);

/// A constructor or a method: what a constructor ID or a JSON `"_"` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Handle {
    /// A constructor.
    Ctor(CtorId),
    /// A method.
    Func(FuncId),
}

/// A constructor.
#[derive(Debug, Clone)]
pub struct Ctor<'a> {
    /// The IR constructor (for a service constructor the tools add, a
    /// built-in one).
    pub ir: &'a Constructor,
    /// The TL name on the wire (`decryptedMessage` for the IR's
    /// `decryptedMessage_73`).
    pub tl_name: &'a str,
    /// The constructor ID, when the IR has one.
    pub id: Option<u32>,
    /// Its params, in IR order.
    pub fields: Vec<Field<'a>>,
    /// Its boxed type (`None` for the MTProto `message` envelope, which
    /// only bare references reach).
    pub ty: Option<TypeId>,
    /// Whether the tools added it ([`Model::with_service_constructors`]).
    pub service: bool,
    /// The fewest bytes its bare form takes on the wire.
    pub min_bare_size: usize,
    /// Its struct, when one is generated.
    pub rust: Option<RustCtor>,
}

impl Ctor<'_> {
    /// Whether its struct has no fields (its enum variant is a unit
    /// variant).
    pub fn is_unit(&self) -> bool {
        !self.fields.iter().any(Field::is_struct_field)
    }
}

/// The generated struct of a constructor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustCtor {
    /// The constructor ID.
    pub id: u32,
    /// `types::...`.
    pub path: ItemPath,
    /// Its variant in its type's enum.
    pub variant: String,
    /// Whether (and why) the variant boxes the struct.
    pub boxed: Option<Boxing>,
    /// Whether the struct has `Eq` and `Hash` (it holds no `double`).
    pub hashable: bool,
}

/// A boxed TL type.
#[derive(Debug, Clone)]
pub struct Type<'a> {
    /// The TL name (`InputPeer`, `messages.Messages`).
    pub name: &'a str,
    /// Its namespace.
    pub space: Space,
    /// The type page, if any.
    pub def: Option<&'a TypeDef>,
    /// Every constructor of the type, in IR order.
    pub ctors: Vec<CtorId>,
    /// `Object`: any constructor stands for it.
    pub open: bool,
    /// Its enum, when one is generated.
    pub rust: Option<RustType>,
}

impl Type<'_> {
    /// Whether a reader accepts any constructor where this type is
    /// expected: `Object`, or a type no constructor has (the merge warns
    /// about those; the generated enum of one has no variants).
    pub fn accepts_any(&self) -> bool {
        self.open || self.ctors.is_empty()
    }
}

/// The generated enum of a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustType {
    /// `enums::...`.
    pub path: ItemPath,
    /// Its variants: the generated constructors, in IR (name) order.
    pub variants: Vec<CtorId>,
    /// Whether the enum has `Eq` and `Hash` (no variant holds a `double`).
    pub hashable: bool,
}

/// A method.
#[derive(Debug, Clone)]
pub struct Func<'a> {
    /// The IR method.
    pub ir: &'a Method,
    /// The constructor ID, when the IR has one.
    pub id: Option<u32>,
    /// Its params, in IR order.
    pub fields: Vec<Field<'a>>,
    /// The `{X:Type}` parameter of an `invokeWith*`-style method.
    pub generic: Option<String>,
    /// What it returns.
    pub returns: Ty,
    /// Its struct, when one is generated.
    pub rust: Option<RustFunc>,
}

/// The generated struct of a method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustFunc {
    /// The constructor ID.
    pub id: u32,
    /// `functions::...`.
    pub path: ItemPath,
    /// Whether the struct has `Eq` and `Hash` (it holds no `double`).
    pub hashable: bool,
}

/// A constructor or method, whichever a [`Handle`] names.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'m, 'a> {
    /// A constructor.
    Ctor(&'m Ctor<'a>),
    /// A method.
    Func(&'m Func<'a>),
}

impl<'m, 'a> Entry<'m, 'a> {
    /// The IR name (what the JSON form's `"_"` holds).
    pub fn name(&self) -> &'a str {
        match self {
            Entry::Ctor(c) => &c.ir.name,
            Entry::Func(f) => &f.ir.name,
        }
    }

    /// The constructor ID, when the IR has one.
    pub fn id(&self) -> Option<u32> {
        match self {
            Entry::Ctor(c) => c.id,
            Entry::Func(f) => f.id,
        }
    }

    /// Its params, in IR order.
    pub fn fields(&self) -> &'m [Field<'a>] {
        match self {
            Entry::Ctor(c) => &c.fields,
            Entry::Func(f) => &f.fields,
        }
    }

    /// Whether it is a method.
    pub fn is_method(&self) -> bool {
        matches!(self, Entry::Func(_))
    }
}

/// Something the model could not resolve or decide: the emitter refuses a
/// model with any ([`Model::checked`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A generated item without a constructor ID (no schema entry).
    NoId {
        /// `constructor` or `method`.
        what: &'static str,
        /// Its IR name.
        name: String,
    },
    /// A param or result whose type names nothing that is generated.
    Reference {
        /// `constructor x param y`, `method x result`.
        site: String,
        /// What is wrong.
        message: String,
    },
    /// A bare constructor inside another on a cycle of by-value
    /// containment: an infinitely large struct.
    BareCycle {
        /// The constructor holding it.
        holder: String,
        /// The constructor held.
        held: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NoId { what, name } => {
                write!(f, "{what} {name} has no constructor ID (no schema entry)")
            }
            Problem::Reference { site, message } => write!(f, "{site}: {message}"),
            Problem::BareCycle { holder, held } => write!(
                f,
                "constructor {holder} contains bare {held} by value on a cycle; unsupported"
            ),
        }
    }
}

/// The resolved model of one API. Build it once and share it.
#[derive(Debug)]
pub struct Model<'a> {
    /// The IR it was built from.
    pub api: &'a Api,
    /// Every constructor: the IR's in IR order (but the built-in `vector`,
    /// which the runtime handles), then the service constructors.
    pub ctors: Vec<Ctor<'a>>,
    /// Every boxed type: the IR's in name order, then the service ones.
    pub types: Vec<Type<'a>>,
    /// Every method, in IR order.
    pub funcs: Vec<Func<'a>>,
    /// The error enums.
    pub errors: ErrorPlan,
    problems: Vec<Problem>,
    by_id: HashMap<u32, Handle>,
    ctor_by_name: ByName<'a, CtorId>,
    /// Wire names that differ from IR names: `None` when ambiguous.
    wire_names: ByName<'a, Option<CtorId>>,
    func_by_name: ByName<'a, FuncId>,
    type_by_name: ByName<'a, TypeId>,
    /// The MTProto `message` envelope, when `%Message` needs it.
    envelope: Option<CtorId>,
    has_ids: bool,
    heights: OnceLock<Heights>,
    borrowing: OnceLock<Borrowing>,
}

/// A lookup table by space and name.
#[derive(Debug)]
struct ByName<'a, T>([HashMap<&'a str, T>; 2]);

impl<T> Default for ByName<'_, T> {
    fn default() -> Self {
        ByName([HashMap::new(), HashMap::new()])
    }
}

impl<'a, T> ByName<'a, T> {
    fn get(&self, space: Space, name: &str) -> Option<&T> {
        self.0[space as usize].get(name)
    }

    fn contains(&self, space: Space, name: &str) -> bool {
        self.0[space as usize].contains_key(name)
    }

    fn entry(
        &mut self,
        space: Space,
        name: &'a str,
    ) -> std::collections::hash_map::Entry<'_, &'a str, T> {
        self.0[space as usize].entry(name)
    }
}

/// The IR name of the built-in `vector` constructor, which the runtime
/// handles structurally.
const BUILTIN_VECTOR: &str = "vector";

/// The struct paths of `items` (index, constructor ID, IR space and name)
/// of kind `kind`, deduplicated: an item without an ID gets none but a
/// [`Problem::NoId`] (`what` it is: constructor, method).
fn struct_paths<'i>(
    kind: Kind,
    what: &'static str,
    items: impl Iterator<Item = (usize, Option<u32>, Space, &'i str)>,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, u32, ItemPath)> {
    let mut found = Vec::new();
    for (i, id, space, name) in items {
        match id {
            Some(id) => found.push((i, id, ItemPath::of(kind, space, name))),
            None => problems.push(Problem::NoId {
                what,
                name: name.to_owned(),
            }),
        }
    }
    paths::dedup(&mut found.iter_mut().map(|(_, _, p)| p).collect::<Vec<_>>());
    found
}

/// Whether a TL type name gets no enum: `Bool` is Rust's `bool`, `Object`
/// the runtime's `Object` (any boxed value); a name that is no TL
/// identifier (`Vector t`, page-only names) is not emitted.
fn has_no_enum(name: &str) -> bool {
    name == "Bool" || name == OBJECT || !names::is_tl_ident(name)
}

/// The TL type of any boxed value (`rpc_result result:Object`).
const OBJECT: &str = "Object";

/// The qualifier of an MTProto entry's JSON name where the API has an
/// entry of the same name (`mtproto.message`): see [`Model::json_name`].
const MTPROTO_QUALIFIER: &str = "mtproto.";

impl<'a> Model<'a> {
    /// Resolves `api`. Never fails: what cannot be resolved is listed in
    /// [`Model::problems`].
    pub fn new(api: &'a Api) -> Model<'a> {
        Model::build(api, false)
    }

    /// [`Model::new`] plus what a reader of real MTProto traffic needs
    /// beyond the API schema: the service constructors `rpc_error`,
    /// `rpc_result` and `gzip_packed` when the API lacks them, and the
    /// `message` envelope that `msg_container`'s `vector<%Message>` means.
    /// None of them is generated.
    pub fn with_service_constructors(api: &'a Api) -> Model<'a> {
        Model::build(api, true)
    }

    /// [`Model::new`], refused when anything cannot be resolved: what the
    /// emitter generates from.
    pub fn checked(api: &'a Api) -> Result<Model<'a>, Vec<Problem>> {
        let model = Model::new(api);
        if model.problems.is_empty() {
            Ok(model)
        } else {
            Err(model.problems)
        }
    }

    fn build(api: &'a Api, service: bool) -> Model<'a> {
        let mut model = Model {
            api,
            ctors: Vec::new(),
            types: Vec::new(),
            funcs: Vec::new(),
            errors: ErrorPlan::default(),
            problems: Vec::new(),
            by_id: HashMap::new(),
            ctor_by_name: ByName::default(),
            wire_names: ByName::default(),
            func_by_name: ByName::default(),
            type_by_name: ByName::default(),
            envelope: None,
            has_ids: false,
            heights: OnceLock::new(),
            borrowing: OnceLock::new(),
        };
        model.add_types();
        let ir_types = model.types.len();
        for (i, m) in api.methods.iter().enumerate() {
            model.add_func(i, m);
        }
        for c in api.constructors.iter().filter(|c| c.name != BUILTIN_VECTOR) {
            model.add_ctor(c, false);
        }
        let ir_ctors = model.ctors.len();
        if service {
            for c in service::constructors() {
                let known = c.id.is_some_and(|id| model.by_id.contains_key(&id))
                    || model.constructor_named(&c.name).is_some();
                if !known {
                    model.add_ctor(c, true);
                }
            }
        }
        if service && model.bare("Message", Space::Api).is_none() {
            // `vector<%Message>` of `msg_container` means the MTProto
            // envelope, whose name the API's own `message` usually takes.
            let envelope = CtorId(model.ctors.len());
            model
                .ctors
                .push(model.new_ctor(service::envelope(), None, true));
            model.envelope = Some(envelope);
        }
        model.resolve_fields();
        model.decide_rust(ir_types, ir_ctors);
        model
    }

    /// Every type some constructor names, and every type page without one
    /// (referenced, but defined by no constructor: the merge warns), in
    /// name order.
    fn add_types(&mut self) {
        let api = self.api;
        let mut names: BTreeSet<(Space, &'a str)> = api
            .constructors
            .iter()
            .filter(|c| c.name != BUILTIN_VECTOR)
            .map(|c| (c.space, c.type_name.as_str()))
            .collect();
        names.extend(
            api.types
                .iter()
                .filter(|t| t.constructors.is_empty() && !has_no_enum(&t.name))
                .map(|t| (t.space, t.name.as_str())),
        );
        let defs: HashMap<(Space, &str), &'a TypeDef> = api
            .types
            .iter()
            .map(|t| ((t.space, t.name.as_str()), t))
            .collect();
        for key in names {
            self.add_type(key.0, key.1, defs.get(&key).copied());
        }
    }

    fn add_type(&mut self, space: Space, name: &'a str, def: Option<&'a TypeDef>) -> TypeId {
        let at = TypeId(self.types.len());
        self.types.push(Type {
            name,
            space,
            def,
            ctors: Vec::new(),
            open: name == OBJECT,
            rust: None,
        });
        self.type_by_name.entry(space, name).or_insert(at);
        at
    }

    fn new_ctor(&self, ir: &'a Constructor, ty: Option<TypeId>, service: bool) -> Ctor<'a> {
        Ctor {
            ir,
            tl_name: ir.tl_name.as_deref().unwrap_or(&ir.name),
            id: ir.id,
            fields: Vec::new(),
            ty,
            service,
            min_bare_size: 0,
            rust: None,
        }
    }

    fn add_ctor(&mut self, ir: &'a Constructor, service: bool) {
        let at = CtorId(self.ctors.len());
        let ty = match self.type_by_name.get(ir.space, &ir.type_name) {
            Some(&t) => t,
            None => self.add_type(ir.space, &ir.type_name, None),
        };
        self.types[ty.0].ctors.push(at);
        let ctor = self.new_ctor(ir, Some(ty), service);
        if let Some(id) = ctor.id.filter(|&id| id != VECTOR_ID) {
            self.by_id.entry(id).or_insert(Handle::Ctor(at));
            self.has_ids |= !service;
        }
        self.ctor_by_name.entry(ir.space, &ir.name).or_insert(at);
        if ctor.tl_name != ir.name {
            self.wire_names
                .entry(ir.space, ctor.tl_name)
                .and_modify(|slot| *slot = None)
                .or_insert(Some(at));
        }
        self.ctors.push(ctor);
    }

    fn add_func(&mut self, i: usize, ir: &'a Method) {
        let at = FuncId(i);
        if let Some(id) = ir.id.filter(|&id| id != VECTOR_ID) {
            self.by_id.entry(id).or_insert(Handle::Func(at));
            self.has_ids = true;
        }
        self.func_by_name.entry(ir.space, &ir.name).or_insert(at);
        // A method's generic parameter is the type of its `!X` param.
        let generic = ir.params.iter().find_map(|p| match &p.ty {
            TlType::Generic(g) if !p.docs_only => Some(g.clone()),
            _ => None,
        });
        self.funcs.push(Func {
            ir,
            id: ir.id,
            fields: Vec::new(),
            generic,
            returns: Ty::Unresolved(ir.returns.clone()),
            rust: None,
        });
    }

    /// Resolves every field and result once the names are known.
    fn resolve_fields(&mut self) {
        for i in 0..self.funcs.len() {
            self.resolve_entry_fields(Handle::Func(FuncId(i)));
        }
        for i in 0..self.ctors.len() {
            self.resolve_entry_fields(Handle::Ctor(CtorId(i)));
        }
        let sizes = layout::min_bare_sizes(self);
        for (c, size) in self.ctors.iter_mut().zip(sizes) {
            c.min_bare_size = size;
        }
    }

    fn resolve_entry_fields(&mut self, at: Handle) {
        match at {
            Handle::Func(f) => {
                let ir = self.funcs[f.0].ir;
                let generic = self.funcs[f.0].generic.clone();
                let generic = generic.as_deref();
                let fields = field::fields_of(&ir.params, |ty| self.resolve(ty, ir.space, generic));
                let returns = self.resolve(&ir.returns, ir.space, generic);
                let func = &mut self.funcs[f.0];
                func.fields = fields;
                func.returns = returns;
            }
            Handle::Ctor(c) => {
                let ir = self.ctors[c.0].ir;
                let fields = field::fields_of(&ir.params, |ty| self.resolve(ty, ir.space, None));
                self.ctors[c.0].fields = fields;
            }
        }
    }

    /// What a TL type written in `space` names, the one place type
    /// references are resolved: names are looked for in the spaces of
    /// [`Space::search_order`]; `Object` is any boxed value; MTProto's
    /// `string` is byte data ([`Prim::StringBytes`]).
    fn resolve(&self, ty: &TlType, space: Space, generic: Option<&str>) -> Ty {
        if let Some(prim) = Prim::of(ty) {
            return Ty::Prim(match (prim, space) {
                (Prim::String, Space::Mtproto) => Prim::StringBytes,
                (prim, _) => prim,
            });
        }
        match ty {
            TlType::Generic(g) => Ty::Query(g.clone()),
            TlType::Vector { boxed, inner } => Ty::Vector {
                boxed: *boxed,
                elem: Box::new(self.resolve(inner, space, generic)),
            },
            TlType::Boxed(name) if Some(name.as_str()) == generic => Ty::QueryResult(name.clone()),
            TlType::Boxed(name) if name == OBJECT => Ty::Object,
            TlType::Boxed(name) => {
                let found = space
                    .search_order()
                    .iter()
                    .find_map(|&sp| self.type_by_name.get(sp, name));
                match found {
                    Some(&t) => Ty::Enum(t),
                    None => Ty::Unresolved(ty.clone()),
                }
            }
            TlType::Bare(name) => match self.bare(name, space) {
                Some(c) => Ty::Struct(c),
                None => Ty::Unresolved(ty.clone()),
            },
            _ => Ty::Unresolved(ty.clone()),
        }
    }

    /// The constructor a bare type reference written in `space` names, by
    /// the rule of [`resolve_bare`] in the spaces of
    /// [`Space::search_order`]: a constructor name (`future_salt`), or a
    /// type with exactly one constructor (`%FutureSalt`). With service
    /// constructors and no MTProto schema, `%Message` of a type with many
    /// is the built-in envelope.
    fn bare(&self, written: &str, space: Space) -> Option<CtorId> {
        let found = space.search_order().iter().find_map(|&sp| {
            resolve_bare(
                written,
                |n| self.ctor_slot(sp, n),
                |n| {
                    let t = self.type_by_name.get(sp, n)?;
                    Some(self.types[t.0].ctors.as_slice())
                },
            )
        });
        match found {
            Some(&c) => Some(c),
            None if bare_name(written) == "Message" => self.envelope,
            None => None,
        }
    }

    /// The handle slot of the constructor named `name` in `space` (IR name,
    /// else an unambiguous wire name), borrowed from the lookup tables so
    /// that [`resolve_bare`] can hand it back.
    fn ctor_slot(&self, space: Space, name: &str) -> Option<&CtorId> {
        self.ctor_by_name
            .get(space, name)
            .or_else(|| self.wire_names.get(space, name).and_then(Option::as_ref))
    }

    /// Names, boxing, hashing, the error plan and the problems of the
    /// generated items. The first `ir_types` types are the IR's.
    fn decide_rust(&mut self, ir_types: usize, ir_ctors: usize) {
        // Types: every enum-worthy type of the IR, in name order.
        let mut type_paths: Vec<(usize, ItemPath)> = Vec::new();
        for (t, ty) in self.types[..ir_types].iter().enumerate() {
            if !has_no_enum(ty.name) {
                type_paths.push((t, ItemPath::of(Kind::Enums, ty.space, ty.name)));
            }
        }
        paths::dedup(&mut type_paths.iter_mut().map(|(_, p)| p).collect::<Vec<_>>());
        for (t, path) in type_paths {
            self.types[t].rust = Some(RustType {
                path,
                variants: Vec::new(),
                hashable: true,
            });
        }

        let ctors = self.ctors.iter().enumerate().filter(|&(i, c)| {
            // A constructor of `Object` (`gzip_packed`) is a struct of its
            // own: `Object` has no enum.
            let typed = c.ty.is_some_and(|t| {
                let t = &self.types[t.0];
                t.rust.is_some() || (t.open && i < ir_ctors)
            });
            !c.service && typed
        });
        let ctors = ctors.map(|(i, c)| (i, c.id, c.ir.space, c.ir.name.as_str()));
        let ctor_paths = struct_paths(Kind::Types, "constructor", ctors, &mut self.problems);
        for (i, id, path) in ctor_paths {
            let ty = self.ctors[i].ty.map(|t| t.0).unwrap_or_default();
            if let Some(rust) = &mut self.types[ty].rust {
                rust.variants.push(CtorId(i));
            }
            self.ctors[i].rust = Some(RustCtor {
                id,
                path,
                variant: String::new(),
                boxed: None,
                hashable: true,
            });
        }

        let funcs = self.funcs.iter().enumerate();
        let funcs = funcs.map(|(i, f)| (i, f.id, f.ir.space, f.ir.name.as_str()));
        let func_paths = struct_paths(Kind::Functions, "method", funcs, &mut self.problems);
        for (i, id, path) in func_paths {
            self.funcs[i].rust = Some(RustFunc {
                id,
                path,
                hashable: true,
            });
        }

        self.name_variants();
        self.check_references();
        if self.problems.is_empty() {
            layout::decide_boxing(self);
        }
        layout::decide_hashing(self);
        let generic: Vec<bool> = self.funcs.iter().map(|f| f.generic.is_some()).collect();
        let emitted: Vec<bool> = self.funcs.iter().map(|f| f.rust.is_some()).collect();
        self.errors = ErrorPlan::new(self.api, &generic, &emitted);
    }

    /// Variant names: the constructor name minus the type name when that
    /// leaves a proper identifier (`inputPeerUser` in `InputPeer` ->
    /// `User`), else the full constructor name; collisions fall back to
    /// full names.
    fn name_variants(&mut self) {
        let mut chosen: Vec<(CtorId, String)> = Vec::new();
        for ty in &self.types {
            let Some(rust) = &ty.rust else { continue };
            let prefix = names::type_name(names::split_namespace(ty.name).1);
            let full: Vec<String> = rust
                .variants
                .iter()
                .map(|&c| names::type_name(names::split_namespace(&self.ctors[c.0].ir.name).1))
                .collect();
            let mut short: Vec<String> = full
                .iter()
                .map(|f| match f.strip_prefix(&prefix) {
                    Some(rest)
                        if rest.starts_with(|c: char| c.is_ascii_uppercase()) && rest != "Self" =>
                    {
                        rest.to_string()
                    }
                    _ => f.clone(),
                })
                .collect();
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for s in &short {
                *counts.entry(s.as_str()).or_default() += 1;
            }
            let clashing: BTreeSet<String> = counts
                .into_iter()
                .filter(|(_, n)| *n > 1)
                .map(|(s, _)| s.to_string())
                .collect();
            for (s, f) in short.iter_mut().zip(&full) {
                if clashing.contains(s) {
                    *s = f.clone();
                }
            }
            names::dedup(&mut short);
            chosen.extend(rust.variants.iter().copied().zip(short));
        }
        for (c, name) in chosen {
            if let Some(rust) = &mut self.ctors[c.0].rust {
                rust.variant = name;
            }
        }
    }

    /// Lists every param and result of a generated item whose type names
    /// nothing generated.
    fn check_references(&mut self) {
        let mut problems = Vec::new();
        for c in self.ctors.iter().filter(|c| c.rust.is_some()) {
            for f in &c.fields {
                if let Some(ty) = f.value_ty() {
                    if let Err(message) = self.check_type(ty, None) {
                        problems.push(Problem::Reference {
                            site: format!("constructor {} param {}", c.ir.name, f.tl_name()),
                            message,
                        });
                    }
                }
            }
        }
        for m in self.funcs.iter().filter(|f| f.rust.is_some()) {
            let generic = m.generic.as_deref();
            for f in &m.fields {
                if let Some(ty) = f.value_ty() {
                    if let Err(message) = self.check_type(ty, generic) {
                        problems.push(Problem::Reference {
                            site: format!("method {} param {}", m.ir.name, f.tl_name()),
                            message,
                        });
                    }
                }
            }
            if let Err(message) = self.check_type(&m.returns, generic) {
                problems.push(Problem::Reference {
                    site: format!("method {} result", m.ir.name),
                    message,
                });
            }
        }
        self.problems.extend(problems);
    }

    fn check_type(&self, ty: &Ty, generic: Option<&str>) -> Result<(), String> {
        match ty {
            Ty::Prim(_) | Ty::Object => Ok(()),
            Ty::Vector { elem, .. } if **elem == Ty::Object => {
                Err("a vector of `Object`: each element's extent is unknown".into())
            }
            Ty::Query(g) | Ty::QueryResult(g) if Some(g.as_str()) == generic => Ok(()),
            Ty::Query(g) => Err(format!("unknown generic `!{g}`")),
            Ty::QueryResult(name) => Err(format!("undefined type `{name}`")),
            Ty::Vector { elem, .. } => self.check_type(elem, generic),
            Ty::Enum(t) if self.types[t.0].rust.is_some() => Ok(()),
            Ty::Enum(t) => Err(format!("undefined type `{}`", self.types[t.0].name)),
            Ty::Struct(c) if self.ctors[c.0].rust.is_some() => Ok(()),
            Ty::Struct(c) => Err(format!("undefined bare type `{}`", self.ctors[c.0].ir.name)),
            Ty::Unresolved(TlType::Flags) => Err("a `#` type outside a flags field".into()),
            Ty::Unresolved(TlType::True) => Err("a `true` type outside a flag".into()),
            Ty::Unresolved(TlType::Bare(name)) => Err(format!("undefined bare type `{name}`")),
            Ty::Unresolved(other) => Err(format!("undefined type `{other}`")),
        }
    }

    /// The accessors of type `t`'s enum ([`accessors`]).
    pub fn accessors(&self, t: TypeId) -> Vec<Accessor> {
        accessors::accessors(self, t)
    }

    /// What cannot be resolved or generated (empty for a model the
    /// emitter accepts).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The constructor with handle `c`.
    pub fn ctor(&self, c: CtorId) -> &Ctor<'a> {
        &self.ctors[c.0]
    }

    /// The type with handle `t`.
    pub fn ty(&self, t: TypeId) -> &Type<'a> {
        &self.types[t.0]
    }

    /// The method with handle `f`.
    pub fn func(&self, f: FuncId) -> &Func<'a> {
        &self.funcs[f.0]
    }

    /// The constructor or method with handle `at`.
    pub fn entry(&self, at: Handle) -> Entry<'_, 'a> {
        match at {
            Handle::Ctor(c) => Entry::Ctor(self.ctor(c)),
            Handle::Func(f) => Entry::Func(self.func(f)),
        }
    }

    /// Every constructor with its handle.
    pub fn ctor_ids(&self) -> impl Iterator<Item = (CtorId, &Ctor<'a>)> {
        self.ctors.iter().enumerate().map(|(i, c)| (CtorId(i), c))
    }

    /// Every type with its handle.
    pub fn type_ids(&self) -> impl Iterator<Item = (TypeId, &Type<'a>)> {
        self.types.iter().enumerate().map(|(i, t)| (TypeId(i), t))
    }

    /// Every method with its handle.
    pub fn func_ids(&self) -> impl Iterator<Item = (FuncId, &Func<'a>)> {
        self.funcs.iter().enumerate().map(|(i, f)| (FuncId(i), f))
    }

    /// Every entry: methods, then constructors (the envelope included).
    pub fn handles(&self) -> impl Iterator<Item = Handle> + '_ {
        (0..self.funcs.len())
            .map(|i| Handle::Func(FuncId(i)))
            .chain((0..self.ctors.len()).map(|i| Handle::Ctor(CtorId(i))))
    }

    /// The IR names of every method and constructor, methods first (IR
    /// order), service constructors last; the envelope, which no name
    /// reaches, left out.
    pub fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        let funcs = self.funcs.iter().map(|f| f.ir.name.as_str());
        let ctors = self
            .ctor_ids()
            .filter(|(c, _)| Some(*c) != self.envelope)
            .map(|(_, c)| c.ir.name.as_str());
        funcs.chain(ctors)
    }

    /// Whether the IR carries any constructor IDs at all (it has none
    /// without a schema; the service constructors do not count).
    pub fn has_ids(&self) -> bool {
        self.has_ids
    }

    /// The entry that holds constructor ID `id` (methods win a tie).
    pub fn by_id(&self, id: u32) -> Option<Handle> {
        self.by_id.get(&id).copied()
    }

    /// A constructor by JSON name ([`Model::json_name`]): an IR name (the
    /// API's first, then MTProto's), `mtproto.<name>` for MTProto's, or a
    /// wire name when unambiguous.
    pub fn constructor_named(&self, name: &str) -> Option<CtorId> {
        match name.strip_prefix(MTPROTO_QUALIFIER) {
            Some(rest) => self.ctor_slot(Space::Mtproto, rest),
            None => self
                .ctor_slot(Space::Api, name)
                .or_else(|| self.ctor_slot(Space::Mtproto, name)),
        }
        .copied()
    }

    /// A method by JSON name (as [`Model::constructor_named`]).
    pub fn method_named(&self, name: &str) -> Option<FuncId> {
        match name.strip_prefix(MTPROTO_QUALIFIER) {
            Some(rest) => self.func_by_name.get(Space::Mtproto, rest),
            None => self
                .func_by_name
                .get(Space::Api, name)
                .or_else(|| self.func_by_name.get(Space::Mtproto, name)),
        }
        .copied()
    }

    /// The name an entry has in the JSON form's `"_"`: its IR name, the
    /// name the schema writes (`ping`, `resPQ`; `decryptedMessage_73` for a
    /// secret-chat layer variant), unless an MTProto entry's name is also
    /// an API entry's: then `mtproto.<name>` (`mtproto.message`, the
    /// envelope), the one name that is really ambiguous. Lookups by name
    /// accept both forms ([`Model::constructor_named`]).
    pub fn json_name(&self, at: Handle) -> std::borrow::Cow<'a, str> {
        let ir_name = |space: Space, name: &'a str| {
            let taken = space == Space::Mtproto
                && (self.ctor_by_name.contains(Space::Api, name)
                    || self.func_by_name.contains(Space::Api, name));
            if taken {
                std::borrow::Cow::Owned(format!("{MTPROTO_QUALIFIER}{name}"))
            } else {
                std::borrow::Cow::Borrowed(name)
            }
        };
        match at {
            Handle::Ctor(c) => ir_name(self.ctors[c.0].ir.space, &self.ctors[c.0].ir.name),
            Handle::Func(f) => ir_name(self.funcs[f.0].ir.space, &self.funcs[f.0].ir.name),
        }
    }

    /// A constructor or method by name (constructors win a tie).
    pub fn named(&self, name: &str) -> Option<Handle> {
        self.constructor_named(name)
            .map(Handle::Ctor)
            .or_else(|| self.method_named(name).map(Handle::Func))
    }

    /// A boxed type by TL name (the API's first, then MTProto's).
    pub fn type_named(&self, name: &str) -> Option<TypeId> {
        Space::Api
            .search_order()
            .iter()
            .find_map(|&sp| self.type_by_name.get(sp, name))
            .copied()
    }

    /// The shallowest nesting of every entry and type, computed once.
    pub fn heights(&self) -> &Heights {
        self.heights.get_or_init(|| Heights::new(self))
    }

    /// Which items have a borrowed form, decided once.
    pub fn borrowing(&self) -> &Borrowing {
        self.borrowing.get_or_init(|| Borrowing::new(self))
    }

    /// The fewest bytes a value of `ty` takes on the wire: what a vector's
    /// count is checked against before anything is allocated. A boxed value
    /// is at least its constructor ID, a bare struct its unconditional
    /// fields.
    pub fn min_size(&self, ty: &Ty) -> usize {
        match ty {
            Ty::Prim(p) => p.info().min_size,
            Ty::Enum(_) | Ty::Query(_) | Ty::QueryResult(_) | Ty::Object => 4,
            Ty::Struct(c) => self.ctors[c.0].min_bare_size,
            Ty::Vector { boxed: true, .. } => 8,
            Ty::Vector { boxed: false, .. } => 4,
            Ty::Unresolved(_) => 0,
        }
    }

    /// The type name of a position that accepts any constructor, the one
    /// rule readers and samplers follow: `Object` and types no constructor
    /// has ([`Type::accepts_any`]), a generic method's `X` result, and (in
    /// a lenient model) a type name nothing defines. `None` for every
    /// other value.
    pub fn open_position<'t>(&'t self, ty: &'t Ty) -> Option<&'t str> {
        match ty {
            Ty::Enum(t) if self.types[t.0].accepts_any() => Some(self.types[t.0].name),
            Ty::QueryResult(name) | Ty::Unresolved(TlType::Boxed(name)) => Some(name),
            Ty::Object => Some(OBJECT),
            _ => None,
        }
    }

    /// A value's type as the schema would write it (`Vector<InputPeer>`;
    /// a bare struct by its constructor's name), for messages.
    pub fn type_text(&self, ty: &Ty) -> String {
        match ty {
            Ty::Prim(p) => p.info().tl.to_owned(),
            Ty::Enum(t) => self.types[t.0].name.to_owned(),
            Ty::Struct(c) => self.ctors[c.0].ir.name.clone(),
            Ty::Vector { boxed: true, elem } => format!("Vector<{}>", self.type_text(elem)),
            Ty::Vector { boxed: false, elem } => format!("vector<{}>", self.type_text(elem)),
            Ty::Query(g) => format!("!{g}"),
            Ty::QueryResult(g) => g.clone(),
            Ty::Object => OBJECT.to_owned(),
            Ty::Unresolved(written) => written.to_string(),
        }
    }

    /// The generated constructors with their structs, in IR order.
    pub fn rust_ctors(&self) -> impl Iterator<Item = (CtorId, &Ctor<'a>, &RustCtor)> {
        self.ctor_ids()
            .filter_map(|(i, c)| c.rust.as_ref().map(|r| (i, c, r)))
    }

    /// The generated types with their enums, in name order.
    pub fn rust_types(&self) -> impl Iterator<Item = (TypeId, &Type<'a>, &RustType)> {
        self.type_ids()
            .filter_map(|(i, t)| t.rust.as_ref().map(|r| (i, t, r)))
    }

    /// The generated methods with their structs, in IR order.
    pub fn rust_funcs(&self) -> impl Iterator<Item = (FuncId, &Func<'a>, &RustFunc)> {
        self.func_ids()
            .filter_map(|(i, f)| f.rust.as_ref().map(|r| (i, f, r)))
    }
}
