//! The emitter's view of the IR: every item with its Rust name and module,
//! every parameter with its field name and wire shape, type references
//! resolved, and the boxing decisions made.
//!
//! # Boxing rule
//!
//! A type enum's variant holds its constructor struct by value unless
//! 1. the struct lies on a cycle of by-value containment (a field of an enum
//!    type, `Option` included, whose variants lead back to the struct;
//!    `Vec` fields are indirections and break cycles), which would make the
//!    type infinitely large; or
//! 2. the struct's estimated size exceeds [`BOX_THRESHOLD`] bytes, so that one
//!    large constructor does not make every value of its type large.
//!
//! Boxed variants hold `Box<Struct>`; the `From`/`TryFrom` conversions box
//! and unbox, so users rarely see the difference, and each boxed variant's
//! docs say why ([`Ctor::boxed_because`]). A bare field on such a cycle (a
//! struct inside a struct, with no enum variant to box) would still be
//! infinitely large: [`Items::resolve`] lists it as a problem.
//!
//! # `Eq` and `Hash`
//!
//! An item has `Eq` and `Hash` unless it holds a `double` (`f64` has
//! neither), directly, in a `Vec` or `Option`, or through any type it
//! contains ([`Ctor::hashable`], decided in one backward walk over the
//! containment graph).

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Api, Constructor, Flag, Method, Param, TlType, TypeDef};
use crate::registry::{Origin, Registry};

use super::names;

/// The crate-wide error enum in `errors` (every documented error name); the
/// error type of methods that document none, when the API documents any.
pub const API_ERROR: &str = "ApiError";

/// Whether the method documents any error (old-format pages only do): it
/// then gets its own error enum.
pub fn has_documented_errors(method: &Method) -> bool {
    method.errors.iter().any(|e| !e.name.trim().is_empty())
}

/// Variants whose struct is estimated larger than this many bytes are boxed.
pub const BOX_THRESHOLD: usize = 128;

/// Why a type enum's variant boxes its struct (see the [boxing
/// rule](self#boxing-rule)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boxing {
    /// The struct contains its own type by value, through a chain of fields.
    Recursion,
    /// The struct's estimated size, in bytes, exceeds [`BOX_THRESHOLD`].
    Size(usize),
}

/// Which top-level module an item lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `types`: constructor structs.
    Types,
    /// `enums`: type enums.
    Enums,
    /// `functions`: method structs.
    Functions,
    /// `errors`: per-method error enums.
    Errors,
}

impl Kind {
    /// Every kind, in module order.
    pub const ALL: [Kind; 4] = [Kind::Types, Kind::Enums, Kind::Functions, Kind::Errors];

    /// The module name.
    pub fn module(self) -> &'static str {
        match self {
            Kind::Types => "types",
            Kind::Enums => "enums",
            Kind::Functions => "functions",
            Kind::Errors => "errors",
        }
    }
}

/// Where an item lives: `kind::namespace::ident`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ItemPath {
    /// The top-level module.
    pub kind: Kind,
    /// The namespace module (`messages`), `None` for the root namespace.
    pub ns: Option<String>,
    /// The item's identifier.
    pub ident: String,
}

impl ItemPath {
    /// `types::messages::Messages` (relative to the tree root).
    pub fn display(&self) -> String {
        match &self.ns {
            Some(ns) => format!("{}::{}::{}", self.kind.module(), ns, self.ident),
            None => format!("{}::{}", self.kind.module(), self.ident),
        }
    }
}

/// One parameter as the emitter sees it.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// The IR parameter.
    pub param: &'a Param,
    /// The Rust field name (unraw; [`names::ident`] makes it raw when needed).
    pub name: String,
    /// The wire shape.
    pub kind: FieldKind,
}

/// What a parameter is on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// A `#` flags word: no struct field, computed on write.
    Flags,
    /// A `flags.N?true` flag: a `bool` field, no payload.
    TrueFlag(Flag),
    /// A value, optional when `flag` is set.
    Value {
        /// The TL type.
        ty: TlType,
        /// The presence bit for conditional values.
        flag: Option<Flag>,
    },
}

impl Field<'_> {
    /// Whether the parameter becomes a struct field.
    pub fn is_field(&self) -> bool {
        !matches!(self.kind, FieldKind::Flags)
    }
}

/// A constructor struct.
#[derive(Debug, Clone)]
pub struct Ctor<'a> {
    /// The IR constructor.
    pub ir: &'a Constructor,
    /// The TL name on the wire.
    pub tl_name: &'a str,
    /// The name in the JSON form's `"_"`: the IR name, which is the TL name
    /// except for secret-chat layer variants (`decryptedMessage_17`); the
    /// same name `tlgen encode`/`decode` use.
    pub json_name: &'a str,
    /// The constructor ID.
    pub id: u32,
    /// `types::...` path.
    pub path: ItemPath,
    /// Index of its type in [`Items::types`].
    pub ty: usize,
    /// Variant name in the type enum.
    pub variant: String,
    /// Whether the enum variant boxes the struct.
    pub boxed: bool,
    /// Why it does, when it does (the variant's docs say so).
    pub boxed_because: Option<Boxing>,
    /// Whether the struct derives `Eq` and `Hash` (it holds no `double`).
    pub hashable: bool,
    /// Wire params (docs-only ones excluded).
    pub fields: Vec<Field<'a>>,
}

impl Ctor<'_> {
    /// Whether the struct has no fields (the enum variant is a unit variant).
    pub fn is_unit(&self) -> bool {
        !self.fields.iter().any(Field::is_field)
    }
}

/// A type enum.
#[derive(Debug, Clone)]
pub struct Type<'a> {
    /// The TL type name.
    pub name: String,
    /// The type page, if any.
    pub def: Option<&'a TypeDef>,
    /// `enums::...` path.
    pub path: ItemPath,
    /// Indices into [`Items::ctors`], sorted by TL name.
    pub variants: Vec<usize>,
    /// Whether the enum derives `Eq` and `Hash` (no variant holds a `double`).
    pub hashable: bool,
}

/// A method struct.
#[derive(Debug, Clone)]
pub struct Func<'a> {
    /// The IR method.
    pub ir: &'a Method,
    /// The constructor ID.
    pub id: u32,
    /// `functions::...` path.
    pub path: ItemPath,
    /// The `{X:Type}` generic parameter name, for `invokeWith*`-style methods.
    pub generic: Option<String>,
    /// Wire params (docs-only ones excluded).
    pub fields: Vec<Field<'a>>,
    /// Parsed return type.
    pub returns: TlType,
    /// `errors::...` path of its error enum: its own when it documents errors,
    /// else [`API_ERROR`] when the API documents any; `None` (the error type
    /// is `tlgen_runtime::RpcError`) otherwise, and for generic methods (which
    /// use their query's error type).
    pub error: Option<ItemPath>,
    /// Whether the struct derives `Eq` and `Hash` (it holds no `double`).
    pub hashable: bool,
}

/// Everything the emitter generates, resolved.
#[derive(Debug, Clone)]
pub struct Items<'a> {
    /// The (possibly selected) API.
    pub api: &'a Api,
    /// Its registry: every lookup and resolution rule.
    pub reg: &'a Registry,
    /// Constructor structs, sorted by IR name.
    pub ctors: Vec<Ctor<'a>>,
    /// Type enums, sorted by TL name.
    pub types: Vec<Type<'a>>,
    /// Method structs, sorted by TL name.
    pub funcs: Vec<Func<'a>>,
    ctor_by_name: BTreeMap<&'a str, usize>,
    /// `Api::constructors` index -> index into `ctors` (for emitted ones).
    ctor_by_ir: Vec<Option<usize>>,
    type_by_name: BTreeMap<String, usize>,
    func_by_name: BTreeMap<&'a str, usize>,
}

/// Whether a TL type has a Rust equivalent other than an enum (`Bool` -> `bool`)
/// or must not be emitted (`Vector t`, page-only names).
fn is_skipped_type(name: &str) -> bool {
    name == "Bool" || !names::is_tl_ident(name)
}

fn fields_of(params: &[Param]) -> Vec<Field<'_>> {
    let mut fields: Vec<Field<'_>> = super::wire_params(params)
        .into_iter()
        .map(|wire| {
            let param = &params[wire.ir_index];
            let kind = match (wire.ty, wire.flag) {
                (TlType::Flags, _) => FieldKind::Flags,
                (TlType::True, Some(flag)) => FieldKind::TrueFlag(flag),
                (ty, flag) => FieldKind::Value { ty, flag },
            };
            Field {
                param,
                name: names::field_name(&param.name),
                kind,
            }
        })
        .collect();
    let mut unique: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    names::dedup(&mut unique);
    for (field, name) in fields.iter_mut().zip(unique) {
        field.name = name;
    }
    fields
}

fn item_path(kind: Kind, tl_name: &str) -> ItemPath {
    let (ns, local) = names::split_namespace(tl_name);
    ItemPath {
        kind,
        ns: ns.map(names::module_name),
        ident: names::type_name(local),
    }
}

/// Dedups the identifiers of `paths` within each module, in the given order.
fn dedup_paths(paths: &mut [&mut ItemPath]) {
    let mut by_module: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
    for (i, p) in paths.iter().enumerate() {
        by_module.entry(p.ns.clone()).or_default().push(i);
    }
    for indices in by_module.values() {
        let mut idents: Vec<String> = indices.iter().map(|&i| paths[i].ident.clone()).collect();
        names::dedup(&mut idents);
        for (&i, ident) in indices.iter().zip(idents) {
            paths[i].ident = ident;
        }
    }
}

impl<'a> Items<'a> {
    /// Resolves `api`; fails listing every item that cannot be emitted
    /// (missing constructor IDs, references to undefined types).
    pub fn new(api: &'a Api, reg: &'a Registry) -> Result<Self, Vec<String>> {
        let (items, problems) = Items::resolve(api, reg);
        if problems.is_empty() {
            Ok(items)
        } else {
            Err(problems)
        }
    }

    /// Resolves what can be resolved of `api` and lists what cannot be
    /// emitted; [`Items::new`] fails on any such problem, [`crate::diff`]
    /// compares the names anyway. Entries without a constructor ID are left
    /// out, and boxing is decided only when there is no problem.
    pub fn resolve(api: &'a Api, reg: &'a Registry) -> (Self, Vec<String>) {
        let mut problems = Vec::new();

        // Types: every type some emitted constructor belongs to.
        let defs: BTreeMap<&str, &TypeDef> =
            api.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut type_names: BTreeSet<String> = BTreeSet::new();
        for c in &api.constructors {
            if c.name != "vector" && !is_skipped_type(&c.type_name) {
                type_names.insert(c.type_name.clone());
            }
        }
        // Referenced but defined by no constructor (the merge warns): a type
        // without variants, which can never decode to a value.
        for t in &api.types {
            if t.constructors.is_empty() && !is_skipped_type(&t.name) {
                type_names.insert(t.name.clone());
            }
        }
        let mut types: Vec<Type<'a>> = type_names
            .iter()
            .map(|name| Type {
                name: name.clone(),
                def: defs.get(name.as_str()).copied(),
                path: item_path(Kind::Enums, name),
                variants: Vec::new(),
                hashable: true,
            })
            .collect();
        dedup_paths(&mut types.iter_mut().map(|t| &mut t.path).collect::<Vec<_>>());
        let type_by_name: BTreeMap<String, usize> = types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), i))
            .collect();

        let mut ctors = Vec::new();
        let mut ctor_by_ir = vec![None; api.constructors.len()];
        for (ir_index, c) in api.constructors.iter().enumerate() {
            let Some(&ty) = type_by_name.get(&c.type_name) else {
                continue;
            };
            if c.name == "vector" {
                continue;
            }
            let Some(id) = c.id else {
                problems.push(format!(
                    "constructor {} has no constructor ID (no schema entry)",
                    c.name
                ));
                continue;
            };
            ctor_by_ir[ir_index] = Some(ctors.len());
            ctors.push(Ctor {
                ir: c,
                tl_name: c.tl_name.as_deref().unwrap_or(&c.name),
                // The IR name: unique even where secret-chat layers repeat a
                // wire name (`decryptedMessage_8`), and what `tlgen encode`
                // and `tlgen decode` read and write.
                json_name: &c.name,
                id,
                path: item_path(Kind::Types, &c.name),
                ty,
                variant: String::new(),
                boxed: false,
                boxed_because: None,
                hashable: true,
                fields: fields_of(&c.params),
            });
        }
        dedup_paths(&mut ctors.iter_mut().map(|c| &mut c.path).collect::<Vec<_>>());
        let ctor_by_name: BTreeMap<&str, usize> = ctors
            .iter()
            .enumerate()
            .map(|(i, c)| (c.ir.name.as_str(), i))
            .collect();
        for (i, c) in ctors.iter().enumerate() {
            types[c.ty].variants.push(i);
        }

        let any_errors = api.methods.iter().any(has_documented_errors);
        let mut funcs = Vec::new();
        for m in &api.methods {
            let Some(id) = m.id else {
                problems.push(format!(
                    "method {} has no constructor ID (no schema entry)",
                    m.name
                ));
                continue;
            };
            let fields = fields_of(&m.params);
            let generic = fields.iter().find_map(|f| match &f.kind {
                FieldKind::Value {
                    ty: TlType::Generic(g),
                    ..
                } => Some(g.clone()),
                _ => None,
            });
            let error = if generic.is_some() {
                None
            } else if has_documented_errors(m) {
                let mut p = item_path(Kind::Errors, &m.name);
                p.ident.push_str("Error");
                Some(p)
            } else if any_errors {
                Some(ItemPath {
                    kind: Kind::Errors,
                    ns: None,
                    ident: API_ERROR.to_string(),
                })
            } else {
                None
            };
            funcs.push(Func {
                ir: m,
                id,
                path: item_path(Kind::Functions, &m.name),
                generic,
                fields,
                returns: m.returns.clone(),
                error,
                hashable: true,
            });
        }
        dedup_paths(&mut funcs.iter_mut().map(|f| &mut f.path).collect::<Vec<_>>());
        let func_by_name = funcs
            .iter()
            .enumerate()
            .map(|(i, f)| (f.ir.name.as_str(), i))
            .collect();

        let mut model = Items {
            api,
            reg,
            ctors,
            ctor_by_ir,
            types,
            funcs,
            ctor_by_name,
            type_by_name,
            func_by_name,
        };
        model.name_variants();
        model.check_references(&mut problems);
        if problems.is_empty() {
            model.decide_boxing(&mut problems);
        }
        model.decide_hashing();
        (model, problems)
    }

    /// Variant names: the constructor name minus the type name when that
    /// leaves a proper identifier (`inputPeerUser` in `InputPeer` -> `User`),
    /// else the full constructor name; collisions fall back to full names.
    fn name_variants(&mut self) {
        for t in &self.types {
            let prefix = names::type_name(names::split_namespace(&t.name).1);
            let full: Vec<String> = t
                .variants
                .iter()
                .map(|&i| names::type_name(names::split_namespace(&self.ctors[i].ir.name).1))
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
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
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
            for (&i, name) in t.variants.iter().zip(short) {
                self.ctors[i].variant = name;
            }
        }
    }

    fn check_references(&self, problems: &mut Vec<String>) {
        for c in &self.ctors {
            for f in &c.fields {
                if let FieldKind::Value { ty, .. } = &f.kind {
                    if let Err(e) = self.check_type(ty, None) {
                        problems.push(format!(
                            "constructor {} param {}: {e}",
                            c.ir.name, f.param.name
                        ));
                    }
                }
            }
        }
        for m in &self.funcs {
            for f in &m.fields {
                if let FieldKind::Value { ty, .. } = &f.kind {
                    if let Err(e) = self.check_type(ty, m.generic.as_deref()) {
                        problems.push(format!("method {} param {}: {e}", m.ir.name, f.param.name));
                    }
                }
            }
            if let Err(e) = self.check_type(&m.returns, m.generic.as_deref()) {
                problems.push(format!("method {} result: {e}", m.ir.name));
            }
        }
    }

    fn check_type(&self, ty: &TlType, generic: Option<&str>) -> Result<(), String> {
        match ty {
            TlType::Flags => Err("a `#` type outside a flags field".into()),
            TlType::Generic(g) | TlType::Boxed(g) if Some(g.as_str()) == generic => Ok(()),
            TlType::Generic(g) => Err(format!("unknown generic `!{g}`")),
            TlType::Vector { inner, .. } => self.check_type(inner, generic),
            TlType::Boxed(name) => self
                .type_index(name)
                .map(|_| ())
                .ok_or_else(|| format!("undefined type `{name}`")),
            TlType::Bare(name) => self
                .bare_ctor(name)
                .map(|_| ())
                .ok_or_else(|| format!("undefined bare type `{name}`")),
            _ => Ok(()),
        }
    }

    /// The enum of TL type `name`.
    pub fn type_index(&self, name: &str) -> Option<usize> {
        self.type_by_name.get(name).copied()
    }

    /// The constructor struct a bare type reference names ([`Registry::bare`]).
    pub fn bare_ctor(&self, name: &str) -> Option<usize> {
        match self.reg.bare(name)?.origin {
            Origin::Constructor(i) => self.ctor_by_ir[i],
            _ => None,
        }
    }

    /// The constructor with IR name `name`.
    pub fn ctor_index(&self, name: &str) -> Option<usize> {
        self.ctor_by_name.get(name).copied()
    }

    /// The method with TL name `name`.
    pub fn func_index(&self, name: &str) -> Option<usize> {
        self.func_by_name.get(name).copied()
    }

    /// By-value containment edges of constructor `i`: constructors reachable
    /// through one non-`Vec` field. The bool marks bare (struct-in-struct) edges.
    fn edges(&self, i: usize) -> Vec<(usize, bool)> {
        let mut out = Vec::new();
        for f in &self.ctors[i].fields {
            match &f.kind {
                FieldKind::Value {
                    ty: TlType::Boxed(name),
                    ..
                } => {
                    if let Some(t) = self.type_index(name) {
                        out.extend(self.types[t].variants.iter().map(|&v| (v, false)));
                    }
                }
                FieldKind::Value {
                    ty: TlType::Bare(name),
                    ..
                } => {
                    if let Some(c) = self.bare_ctor(name) {
                        out.push((c, true));
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn decide_boxing(&mut self, problems: &mut Vec<String>) {
        let n = self.ctors.len();
        let graph: Vec<Vec<(usize, bool)>> = (0..n).map(|i| self.edges(i)).collect();
        let scc = tarjan(&graph);
        let mut cyclic = vec![false; n];
        for (i, edges) in graph.iter().enumerate() {
            for &(j, bare) in edges {
                if scc[i] == scc[j] {
                    cyclic[i] = true;
                    cyclic[j] = true;
                    if bare {
                        problems.push(format!(
                            "constructor {} contains bare {} by value on a cycle; unsupported",
                            self.ctors[i].ir.name, self.ctors[j].ir.name
                        ));
                    }
                }
            }
        }
        for (c, cyc) in self.ctors.iter_mut().zip(&cyclic) {
            c.boxed = *cyc;
            c.boxed_because = cyc.then_some(Boxing::Recursion);
        }
        let mut memo: Vec<Option<usize>> = vec![None; n];
        let mut active = vec![false; n];
        for i in 0..n {
            let size = self.struct_size(i, &mut memo, &mut active);
            if size > BOX_THRESHOLD && !self.ctors[i].boxed {
                self.ctors[i].boxed = true;
                self.ctors[i].boxed_because = Some(Boxing::Size(size));
            }
        }
    }

    /// Marks the items that hold a `double`, directly or through what they
    /// contain, as not [`Ctor::hashable`]. Linear: the holders are found by
    /// walking containment backwards from the constructors with a `double`
    /// field, each item visited once.
    fn decide_hashing(&mut self) {
        // Nodes: constructor `i` is `i`, type `t` is `n + t`, method `k` is
        // `n + types + k`; `holders[x]` are the nodes that contain node `x`.
        let (n, types) = (self.ctors.len(), self.types.len());
        let nodes = n + types + self.funcs.len();
        let mut holders: Vec<Vec<usize>> = vec![Vec::new(); nodes];
        let mut bad = vec![false; nodes];
        let mut queue = Vec::new();
        let fields = (self.ctors.iter().map(|c| &c.fields)).enumerate().chain(
            (self.funcs.iter().map(|f| &f.fields))
                .enumerate()
                .map(|(k, f)| (n + types + k, f)),
        );
        for (holder, fields) in fields {
            for f in fields {
                let FieldKind::Value { ty, .. } = &f.kind else {
                    continue;
                };
                match self.contained(ty) {
                    Contained::Double if !bad[holder] => {
                        bad[holder] = true;
                        queue.push(holder);
                    }
                    Contained::Ctor(c) => holders[c].push(holder),
                    Contained::Type(t) => holders[n + t].push(holder),
                    Contained::Double | Contained::Nothing => {}
                }
            }
        }
        for (t, ty) in self.types.iter().enumerate() {
            for &v in &ty.variants {
                holders[v].push(n + t);
            }
        }
        while let Some(node) = queue.pop() {
            for &holder in &holders[node] {
                if !bad[holder] {
                    bad[holder] = true;
                    queue.push(holder);
                }
            }
        }
        for (c, bad) in self.ctors.iter_mut().zip(&bad) {
            c.hashable = !bad;
        }
        for (t, bad) in self.types.iter_mut().zip(&bad[n..]) {
            t.hashable = !bad;
        }
        for (f, bad) in self.funcs.iter_mut().zip(&bad[n + types..]) {
            f.hashable = !bad;
        }
    }

    /// What a field of type `ty` holds, for [`Items::decide_hashing`].
    fn contained(&self, ty: &TlType) -> Contained {
        match ty {
            TlType::Double => Contained::Double,
            TlType::Vector { inner, .. } => self.contained(inner),
            TlType::Bare(name) => self
                .bare_ctor(name)
                .map_or(Contained::Nothing, Contained::Ctor),
            TlType::Boxed(name) => self
                .type_index(name)
                .map_or(Contained::Nothing, Contained::Type),
            _ => Contained::Nothing,
        }
    }

    /// Estimated `size_of` of constructor `i`'s struct.
    fn struct_size(
        &self,
        i: usize,
        memo: &mut Vec<Option<usize>>,
        active: &mut Vec<bool>,
    ) -> usize {
        if let Some(s) = memo[i] {
            return s;
        }
        if active[i] {
            return 8; // on a cycle: boxed somewhere
        }
        active[i] = true;
        let mut total = 0;
        for f in &self.ctors[i].fields {
            total += match &f.kind {
                FieldKind::Flags => 0,
                FieldKind::TrueFlag(_) => 1,
                FieldKind::Value { ty, flag } => {
                    let base = self.value_size(ty, memo, active);
                    if flag.is_some() {
                        base + 8
                    } else {
                        base
                    }
                }
            };
        }
        active[i] = false;
        memo[i] = Some(total);
        total
    }

    fn value_size(
        &self,
        ty: &TlType,
        memo: &mut Vec<Option<usize>>,
        active: &mut Vec<bool>,
    ) -> usize {
        match ty {
            TlType::Int => 4,
            TlType::Long | TlType::Double => 8,
            TlType::Int128 => 16,
            TlType::Int256 => 32,
            TlType::Bool | TlType::True => 1,
            TlType::String | TlType::Bytes | TlType::Vector { .. } => 24,
            TlType::Flags | TlType::Generic(_) => 8,
            TlType::Bare(name) => match self.bare_ctor(name) {
                Some(c) => self.struct_size(c, memo, active),
                None => 8,
            },
            TlType::Boxed(name) => match self.type_index(name) {
                Some(t) => {
                    let mut max = 0;
                    for &v in &self.types[t].variants {
                        let s = if self.ctors[v].boxed {
                            8
                        } else {
                            let s = self.struct_size(v, memo, active);
                            if s > BOX_THRESHOLD {
                                8
                            } else {
                                s
                            }
                        };
                        max = max.max(s);
                    }
                    max + 8
                }
                None => 8,
            },
        }
    }
}

/// What a field holds, as far as `Eq` and `Hash` are concerned.
enum Contained {
    /// An `f64`, which has neither.
    Double,
    /// This constructor's struct.
    Ctor(usize),
    /// This type's enum.
    Type(usize),
    /// Only values that have both.
    Nothing,
}

/// Tarjan's strongly connected components; returns the component of each node.
fn tarjan(graph: &[Vec<(usize, bool)>]) -> Vec<usize> {
    struct State<'g> {
        graph: &'g [Vec<(usize, bool)>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        comp: Vec<usize>,
        next: usize,
        comps: usize,
    }
    // Iterative DFS to stay safe on deep graphs.
    fn visit(s: &mut State<'_>, root: usize) {
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        s.index[root] = Some(s.next);
        s.low[root] = s.next;
        s.next += 1;
        s.stack.push(root);
        s.on_stack[root] = true;
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei < s.graph[v].len() {
                let w = s.graph[v][*ei].0;
                *ei += 1;
                match s.index[w] {
                    None => {
                        s.index[w] = Some(s.next);
                        s.low[w] = s.next;
                        s.next += 1;
                        s.stack.push(w);
                        s.on_stack[w] = true;
                        work.push((w, 0));
                    }
                    Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                    Some(_) => {}
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    s.low[parent] = s.low[parent].min(s.low[v]);
                }
                if Some(s.low[v]) == s.index[v] {
                    while let Some(w) = s.stack.pop() {
                        s.on_stack[w] = false;
                        s.comp[w] = s.comps;
                        if w == v {
                            break;
                        }
                    }
                    s.comps += 1;
                }
            }
        }
    }
    let n = graph.len();
    let mut s = State {
        graph,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        comp: vec![0; n],
        next: 0,
        comps: 0,
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.comp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tarjan_finds_cycles() {
        let g = vec![vec![(1, false)], vec![(0, false)], vec![(2, false)], vec![]];
        let c = tarjan(&g);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[2], c[3]);
        assert_ne!(c[0], c[3]);
    }

    /// `Eq`/`Hash` are lost through a `Vec`, an `Option`, a bare field and a
    /// type enum, and only there.
    #[cfg(feature = "tools")]
    #[test]
    fn a_double_anywhere_inside_rules_out_eq_and_hash() {
        let api = crate::tools::tests::api_from_tl(
            "point#00000001 x:double = Point;\n\
             peer#00000002 id:long name:string = Peer;\n\
             place#00000003 flags:# at:flags.0?Vector<Point> peer:Peer = Place;\n\
             bare#00000004 p:point = Bare;\n\
             lonely#00000005 n:int = Place;\n\
             ---functions---\n\
             getPeer#00000006 peer:Peer = Peer;\n\
             getPlace#00000007 place:Place = Place;\n",
        );
        let reg = Registry::new(&api);
        let items = Items::new(&api, &reg).expect("items");
        let ctor = |n: &str| items.ctors[items.ctor_index(n).unwrap()].hashable;
        let ty = |n: &str| items.types[items.type_index(n).unwrap()].hashable;
        let func = |n: &str| items.funcs[items.func_index(n).unwrap()].hashable;
        assert!(!ctor("point") && !ty("Point"));
        assert!(ctor("peer") && ty("Peer") && func("getPeer"));
        assert!(!ctor("place") && !ty("Place") && !func("getPlace"));
        assert!(!ctor("bare"));
        // Its type holds a double through `place`; the struct itself does not.
        assert!(ctor("lonely"));
    }

    /// Each item is visited once: a chain of 50,000 constructors, each
    /// holding the next, with a double at the far end.
    #[cfg(feature = "tools")]
    #[test]
    fn eq_and_hash_are_decided_in_linear_time() {
        use std::fmt::Write;
        const N: usize = 50_000;
        let mut tl = String::new();
        for i in 0..N {
            let field = if i + 1 == N {
                "x:double".to_owned()
            } else {
                format!("next:Vector<T{}>", i + 1)
            };
            let _ = writeln!(tl, "t{i}#{:08x} {field} = T{i};", i + 1);
        }
        let api = crate::tools::tests::api_from_tl(&tl);
        let reg = Registry::new(&api);
        let items = Items::new(&api, &reg).expect("items");
        assert!(items.ctors.iter().all(|c| !c.hashable));
        assert!(items.types.iter().all(|t| !t.hashable));
    }
}
