//! Item shells: constructor structs, type enums and method structs with
//! their docs, fields, serde attributes and conversions. Their wire bodies
//! are generated in [`super::wire`].
//!
//! Generated code names the prelude types it uses (`Option`, `Vec`, `String`,
//! `Box`) unqualified, which is safe because no generated item takes those
//! names ([`crate::model::names`] suffixes them); a file that names the
//! `alloc` ones imports them from the runtime's `alloc_prelude`, so the tree
//! builds in `#![no_std]` crates. It spells every other path
//! out (`tlgen_runtime::Serialize::serialize`), and
//! pushes all repeated logic into `tlgen_runtime` (flags, bytes, vectors, the
//! `tlgen_runtime::tl_boxed!` macro for constructor IDs and the boxed forms
//! of methods, `tlgen_runtime::Boxed` for those of constructors), keeping
//! each item to its fields and one line per field per direction. The runtime
//! is written as [`Gen::rt`] says (`tlgen_runtime` unless
//! [`Options::runtime_path`] is set), serde and methods' `Deserialize` as
//! their [`Gate`]s say.

use std::cell::Cell;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Flag, Param, Space, TlType};
use crate::model::{
    Boxing, Ctor, CtorId, Field, FieldKind, Func, FuncId, Handle, ItemPath, Model, Prim, RustCtor,
    Ty, TypeId, BOX_THRESHOLD,
};

use super::docs_link::{render, Resolver};
use super::item_docs::{self, TlKind};
use super::lines::DocLines;
use super::names;
use super::settings::{Gate, Runtime};
use super::{Formatting, Options};

/// Generates items for one module, given the path from that module to the
/// tree root (`crate`, `super::super`, ...).
pub struct Gen<'m, 'a> {
    /// The resolved API.
    pub model: &'m Model<'a>,
    /// Path from the current module to the tree root, for intra-doc links
    /// (code names the root's items through [`Gen::imports`]).
    pub root_text: String,
    /// What to generate.
    pub options: &'m Options,
    /// How the code names the runtime crate.
    pub rt: &'m Runtime,
    /// Which of [`names::ROOT_IMPORTS`] the generated tokens name (bit `i`
    /// for entry `i`): the file imports them from the root once, at the top,
    /// and every use is short (`enums::InputPeer`, `name_for_id(id)`).
    imports: Cell<u8>,
    /// The doc lines of the tokens (a table for the token printer).
    pub(crate) docs: DocLines,
    /// The Rust type of each primitive, in [`Prim::ALL`] order.
    prims: [TokenStream; 9],
}

/// The derives of an item, and its `impl Eq` where it has one.
///
/// `Eq` and `Hash` come where the model found them possible
/// ([`RustCtor::hashable`]). `Eq` is an empty `impl Eq for X {}` rather than
/// derived: the derive adds a method whose body names every field's type,
/// which costs about 4% of a full layer's compile time. The derived `Hash`
/// still checks at compile time what the empty impl promises (`f64`, the
/// one field type without `Eq`, has no `Hash` either). A generic item
/// (`ident` `None`) derives both, for the bound on its parameter.
/// `Default` comes where `fields` (a struct's) make `new()` take no argument
/// ([`super::construct::derives_default`]). `Hash` as
/// [`Options::hash`] says: with it off, nothing checks at compile time what
/// `impl Eq` promises, but the model's rule is the same either way and
/// the default settings check it.
fn derives(
    hashable: bool,
    hash: &Gate,
    ident: Option<&proc_macro2::Ident>,
    fields: Option<&[Field<'_>]>,
) -> (TokenStream, TokenStream) {
    let default = fields
        .filter(|f| super::construct::derives_default(f))
        .map(|_| quote!(, Default));
    if !hashable {
        return (
            quote!(#[derive(Debug, Clone, PartialEq #default)]),
            quote!(),
        );
    }
    let (eq, eq_impl) = match ident {
        Some(ident) => (quote!(), quote!(impl Eq for #ident {})),
        None => (quote!(, Eq), quote!()),
    };
    let derive = match hash {
        Gate::On => quote!(#[derive(Debug, Clone, PartialEq #eq, Hash #default)]),
        Gate::Off => quote!(#[derive(Debug, Clone, PartialEq #eq #default)]),
        Gate::Feature(_) => {
            let hash = hash.attrs(&[quote!(derive(Hash))]);
            quote!(#[derive(Debug, Clone, PartialEq #eq #default)] #hash)
        }
    };
    (derive, eq_impl)
}

/// The feature the runtime's `tl_boxed!(fn ...)` gates methods'
/// `Deserialize` behind when not told otherwise.
const LEGACY_DE_FEATURE: &str = "deserializable-functions";

pub(super) fn lit_u32_hex(v: u32) -> Literal {
    format!("{v:#010x}").parse().expect("hex literal")
}

/// `#[doc = "..."]` lines for `text`.
pub fn doc_attrs(text: &str) -> TokenStream {
    DocLines::literals().attrs(text)
}

/// The TL definition line of an item, as the schema writes it.
pub fn tl_definition(
    name: &str,
    id: u32,
    generic: Option<&str>,
    params: &[Param],
    result: &dyn std::fmt::Display,
) -> String {
    let mut s = format!("{name}#{id:08x}");
    if let Some(g) = generic {
        s.push_str(&format!(" {{{g}:Type}}"));
    }
    for p in params.iter().filter(|p| !p.docs_only) {
        s.push(' ');
        s.push_str(&p.tl_text());
    }
    s.push_str(&format!(" = {result}"));
    s
}

impl<'m, 'a> Gen<'m, 'a> {
    /// A generator for a module whose path to the root is `root`.
    pub fn new(model: &'m Model<'a>, root: &str, options: &'m Options, rt: &'m Runtime) -> Self {
        Gen {
            model,
            root_text: root.to_string(),
            options,
            rt,
            imports: Cell::new(0),
            docs: match options.formatting {
                Formatting::Lines => DocLines::table(),
                Formatting::Prettyplease => DocLines::literals(),
            },
            prims: Prim::ALL.map(|p| p.info().rust.parse().expect("a Rust type")),
        }
    }

    /// Records that the tokens name `name`, one of [`names::ROOT_IMPORTS`],
    /// and returns its identifier.
    fn import(&self, name: &str) -> proc_macro2::Ident {
        let bit = names::ROOT_IMPORTS
            .iter()
            .position(|n| *n == name)
            .expect("a root import");
        self.imports.set(self.imports.get() | 1 << bit);
        format_ident!("{}", name)
    }

    /// What the generated tokens name from the tree root: bit `i` for
    /// entry `i` of [`names::ROOT_IMPORTS`].
    pub fn imports(&self) -> u8 {
        self.imports.get()
    }

    /// Tokens for an item path, from its top-level module: the file imports
    /// that module ([`Gen::imports`]).
    pub fn path(&self, p: &ItemPath) -> TokenStream {
        let kind = self.import(p.kind.module());
        let ident = names::ident(&p.ident);
        match &p.ns {
            Some(ns) => {
                let ns = names::ident(ns);
                quote!(#kind::#ns::#ident)
            }
            None => quote!(#kind::#ident),
        }
    }

    /// `name_for_id`, the root's ID-to-name lookup, imported like
    /// [`Gen::path`]'s modules.
    pub(super) fn name_for_id(&self) -> proc_macro2::Ident {
        self.import("name_for_id")
    }

    /// The path as text, for doc links.
    pub fn path_text(&self, p: &ItemPath) -> String {
        format!("{}::{}", self.root_text, p.display())
    }

    fn resolver(&self) -> Resolver<'_, 'a> {
        Resolver {
            model: self.model,
            root: &self.root_text,
        }
    }

    pub(super) fn render(&self, markdown: &str) -> String {
        render(markdown, &self.resolver())
    }

    /// Markdown naming a value's type (`written` as the schema writes
    /// it), linked to its enum where there is one.
    fn type_link(&self, ty: &Ty, written: &TlType) -> String {
        match (ty, written) {
            (Ty::Enum(t), _) => {
                let t = self.model.ty(*t);
                match &t.rust {
                    Some(rust) => format!("[`{}`]({})", t.name, self.path_text(&rust.path)),
                    None => format!("`{}`", t.name),
                }
            }
            (Ty::Vector { elem, .. }, TlType::Vector { inner, .. }) => {
                format!("a vector of {}", self.type_link(elem, inner))
            }
            (_, written) => format!("`{written}`"),
        }
    }

    /// The struct of a generated constructor (a checked model generates
    /// every constructor its items name).
    pub(super) fn rust_ctor(&self, c: CtorId) -> (&'m Ctor<'a>, &'m RustCtor) {
        let ctor = self.model.ctor(c);
        (ctor, ctor.rust.as_ref().expect("a generated constructor"))
    }

    /// The path of a generated type's enum.
    fn enum_path(&self, t: TypeId) -> &'m ItemPath {
        let rust = self.model.ty(t).rust.as_ref();
        &rust.expect("a generated type").path
    }

    /// The Rust type of a value.
    pub fn rust_type(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::Prim(p) => self.prims[*p as usize].clone(),
            Ty::Query(g) => {
                let g = format_ident!("{}", g);
                quote!(#g)
            }
            Ty::QueryResult(g) => {
                let g = format_ident!("{}", g);
                quote!(#g::Return)
            }
            Ty::Vector { elem, .. } => {
                let elem = self.rust_type(elem);
                quote!(Vec<#elem>)
            }
            Ty::Enum(t) => self.path(self.enum_path(*t)),
            Ty::Struct(c) => self.path(&self.rust_ctor(*c).1.path),
            Ty::Object => {
                let rt = &self.rt.path;
                quote!(#rt::Object)
            }
            Ty::Unresolved(_) => unreachable!("a checked model resolves every type"),
        }
    }

    /// The Rust type of a struct field.
    pub(super) fn field_type(&self, f: &Field<'_>) -> TokenStream {
        match &f.kind {
            FieldKind::Value { ty, flag: None } => self.rust_type(ty),
            FieldKind::Value { ty, flag: Some(_) } => {
                let t = self.rust_type(ty);
                quote!(Option<#t>)
            }
            FieldKind::TrueFlag(_)
            | FieldKind::FlagsWord
            | FieldKind::ObjectLength
            | FieldKind::ConstTrue
            | FieldKind::DocsOnly => quote!(bool),
        }
    }

    fn serde_field_attrs(&self, f: &Field<'_>) -> TokenStream {
        if !self.options.serde.is_generated() {
            return TokenStream::new();
        }
        let mut attrs: Vec<TokenStream> = Vec::new();
        if f.name != f.param.name {
            let n = &f.param.name;
            attrs.push(quote!(rename = #n));
        }
        // The helper module under the runtime's `serde` module:
        // `[option_][vec_]<the primitive's helper>`.
        let with = |ty: &Ty, optional: bool| -> Option<String> {
            let (vec, prim) = match ty {
                Ty::Prim(p) => ("", *p),
                Ty::Vector { elem, .. } => ("vec_", elem.prim()?),
                _ => return None,
            };
            let helper = prim.info().serde_with?;
            let option = if optional { "option_" } else { "" };
            Some(format!("{option}{vec}{helper}"))
        };
        match &f.kind {
            FieldKind::TrueFlag(_) => {
                attrs.push(quote!(
                    default,
                    skip_serializing_if = "::core::ops::Not::not"
                ));
            }
            FieldKind::Value { ty, flag } => {
                if flag.is_some() {
                    attrs.push(quote!(default, skip_serializing_if = "Option::is_none"));
                }
                if let Some(w) = with(ty, flag.is_some()) {
                    let w = format!("{}::serde::{w}", self.rt.text);
                    attrs.push(quote!(with = #w));
                }
            }
            FieldKind::FlagsWord
            | FieldKind::ObjectLength
            | FieldKind::ConstTrue
            | FieldKind::DocsOnly => {}
        }
        if attrs.is_empty() {
            quote!()
        } else {
            self.options.serde.attrs(&[quote!(serde(#(#attrs),*))])
        }
    }

    /// The fields of a struct: `owner` is what the struct is (a method's
    /// or a constructor's), `space` the schema it comes from.
    fn struct_fields(&self, at: Handle, fields: &[Field<'_>]) -> Vec<TokenStream> {
        let (owner, space) = match at {
            Handle::Ctor(c) => (TlKind::Constructor, self.model.ctor(c).ir.space),
            Handle::Func(f) => (TlKind::Method, self.model.func(f).ir.space),
        };
        fields
            .iter()
            .filter(|f| f.is_struct_field())
            .map(|f| {
                let name = names::ident(&f.name);
                let ty = self.field_type(f);
                let serde = self.serde_field_attrs(f);
                let mut doc = self.render(&f.param.description);
                let described = !doc.trim().is_empty();
                // Where the docs say nothing: the TL type and the flag, never
                // a sentence that only repeats the name.
                match (&f.kind, &f.param.flag) {
                    (FieldKind::TrueFlag(_), Some(Flag { field, bit })) if described => {
                        doc.push_str(&format!("\n\nBit {bit} of `{field}`."));
                    }
                    (FieldKind::TrueFlag(_), Some(Flag { field, bit })) => {
                        doc = format!("A flag: bit {bit} of `{field}`.");
                    }
                    (FieldKind::Value { ty, .. }, flag) => {
                        if !described {
                            let hidden = (f.param.hidden && space == Space::Api)
                                .then(|| item_docs::hidden_field(&f.param.name, &f.param.ty, owner))
                                .flatten();
                            doc = hidden.unwrap_or_else(|| {
                                format!("TL type: {}.", self.type_link(ty, &f.param.ty))
                            });
                        }
                        if let Some(Flag { field, bit }) = flag {
                            doc.push_str(&format!(
                                "\n\nPresent when bit {bit} of `{field}` is set."
                            ));
                        }
                    }
                    _ => {}
                }
                let doc = self.docs.attrs(&doc);
                quote! { #doc #serde pub #name: #ty }
            })
            .collect()
    }

    fn docs_only_note(&self, params: &[Param]) -> String {
        let mut s = String::new();
        for p in params.iter().filter(|p| p.docs_only) {
            if s.is_empty() {
                s.push_str("\n\nDocumented parameters that are not sent on the wire:\n");
            }
            let desc = self.render(&p.description).replace('\n', " ");
            s.push_str(&format!("\n* `{}`: {}", p.name, desc.trim()));
        }
        s
    }

    /// A constructor struct with its bare wire impls (its constructor ID comes
    /// from the file's `tlgen_runtime::tl_boxed!` invocation; the boxed form from `Boxed`
    /// or its type enum).
    pub fn ctor(&self, at: CtorId) -> TokenStream {
        let (c, rc) = self.rust_ctor(at);
        let ident = names::ident(&rc.path.ident);
        let mut doc = self.render(&c.ir.description);
        doc.push_str(&self.docs_only_note(&c.ir.params));
        let t = self
            .model
            .ty(c.ty.expect("a generated constructor has a type"));
        let of = match &t.rust {
            Some(rust) => format!("[`{}`]({})", t.name, self.path_text(&rust.path)),
            // `Object` has no enum: any boxed value is one.
            None => format!("`{}` (the runtime's `Object`: any boxed value)", t.name),
        };
        doc.push_str(&format!(
            "\n\nConstructor of {of}; {}.\n\n{}",
            item_docs::telegram_link(TlKind::Constructor, c.ir.space, c.tl_name),
            item_docs::definition_block(&tl_definition(
                c.tl_name,
                rc.id,
                None,
                &c.ir.params,
                &c.ir.type_name
            ))
        ));
        let mut doc = self.docs.attrs(doc.trim_start());
        doc.extend(item_docs::aliases(&rc.path.ident, &[&c.ir.name, c.tl_name]));
        self.item_struct(
            Handle::Ctor(at),
            &ident,
            doc,
            rc.hashable,
            &c.fields,
            Some(quote!()),
        )
    }

    /// The struct of a constructor, or of a method without a generic: its
    /// docs, derives, JSON form, fields, `Eq`, construction and wire impls
    /// (`de_cfg`: the gate of its `Deserialize`, `None` for none).
    fn item_struct(
        &self,
        at: Handle,
        ident: &proc_macro2::Ident,
        doc: TokenStream,
        hashable: bool,
        fields: &[Field<'_>],
        de_cfg: Option<TokenStream>,
    ) -> TokenStream {
        let struct_fields = self.struct_fields(at, fields);
        let wire = self.wire_impls(&quote!(#ident), None, fields, de_cfg);
        let (derives, eq) = derives(hashable, &self.options.hash, Some(ident), Some(fields));
        let construction = self.construction(ident, None, fields);
        let serde = self.struct_serde_attrs(at);
        quote! {
            #doc
            #derives
            #serde
            pub struct #ident { #(#struct_fields,)* }
            #eq
            #construction
            #wire
        }
    }

    /// The serde attributes of the struct of a constructor or method: its
    /// JSON form tagged with the `"_"` that `tlgen encode` and `tlgen
    /// decode` read and write ([`Model::json_name`]).
    fn struct_serde_attrs(&self, at: Handle) -> TokenStream {
        let json_name = self.model.json_name(at);
        let json_name = json_name.as_ref();
        self.options.serde.attrs(&[
            quote!(derive(serde::Serialize, serde::Deserialize)),
            quote!(serde(tag = "_", rename = #json_name)),
        ])
    }

    /// `tlgen_runtime::tl_boxed!(A = 0x..., B = 0x...);` for the structs of one
    /// file; for methods `fn ...`, with their `Deserialize` as
    /// [`Options::deserializable_functions`] says.
    pub fn boxed_invocation(&self, items: &[(String, u32)], functions: bool) -> TokenStream {
        if items.is_empty() {
            return quote!();
        }
        let entries = items.iter().map(|(ident, id)| {
            let ident = names::ident(ident);
            let id = lit_u32_hex(*id);
            quote!(#ident = #id)
        });
        let rt = &self.rt.path;
        if !functions {
            return quote!(#rt::tl_boxed!(#(#entries),*););
        }
        let mode = match &self.options.deserializable_functions {
            // The macro's short form means this feature, and is what trees
            // generated before the setting existed say.
            Gate::Feature(name) if name == LEGACY_DE_FEATURE => quote!(fn),
            Gate::Off => quote!(fn[no_de]),
            Gate::On => quote!(fn[de]),
            gate @ Gate::Feature(_) => {
                let predicate = gate.predicate();
                quote!(fn[de if #predicate])
            }
        };
        quote!(#rt::tl_boxed!(#mode #(#entries),*);)
    }

    /// A type enum, its wire impls, and the conversions to and from its
    /// constructor structs.
    pub fn type_enum(&self, at: TypeId) -> TokenStream {
        let t = self.model.ty(at);
        let rust = t.rust.as_ref().expect("a generated type");
        if rust.variants.is_empty() {
            return self.undefined_type(at);
        }
        let name_for_id = self.name_for_id();
        let rt = &self.rt.path;
        let serde = &self.options.serde;
        let serde_impl = serde.item_cfg();
        let ident = names::ident(&rust.path.ident);
        let mut doc = t
            .def
            .map(|d| self.render(&d.description))
            .unwrap_or_default();
        if doc.trim().is_empty() {
            let ctors: Vec<&str> = rust
                .variants
                .iter()
                .map(|&c| self.model.ctor(c).tl_name)
                .collect();
            doc = item_docs::type_fallback(t.name, &ctors);
        }
        doc.push_str(&format!(
            "\n\n{}.",
            item_docs::telegram_link(TlKind::Type, t.space, t.name)
        ));
        if let Some(note) = self.boxed_pattern_note(at) {
            doc.push_str("\n\n");
            doc.push_str(&note);
        }
        let mut doc = self.docs.attrs(doc.trim_start());
        doc.extend(item_docs::aliases(&rust.path.ident, &[t.name]));
        let tname = t.name;
        let mut variants = Vec::new();
        let mut len_arms = Vec::new();
        let mut ser_arms = Vec::new();
        let mut serde_arms = Vec::new();
        let mut de_arms = Vec::new();
        let mut convs = Vec::new();
        let single = rust.variants.len() == 1;
        for &i in &rust.variants {
            let (c, rc) = self.rust_ctor(i);
            let v = names::ident(&rc.variant);
            let spath = self.path(&rc.path);
            let tl_name = self.model.json_name(Handle::Ctor(i));
            let tl_name = tl_name.as_ref();
            let id = lit_u32_hex(rc.id);
            let boxed = match rc.boxed {
                None => String::new(),
                Some(Boxing::Recursion) => {
                    " Boxed: the struct holds this type again, through its fields.".to_owned()
                }
                Some(Boxing::Size(bytes)) => format!(
                    " Boxed: the struct is estimated at {bytes} bytes, over the {BOX_THRESHOLD}-byte \
                     limit for a variant held inline."
                ),
            };
            let vdoc = self.docs.attrs(&format!(
                "[`{}`]({}): `{}#{:08x}`.{boxed}",
                rc.path.ident,
                self.path_text(&rc.path),
                c.tl_name,
                rc.id
            ));
            let rename = serde.attrs(&[quote!(serde(rename = #tl_name))]);
            if c.is_unit() {
                variants.push(quote!(#vdoc #rename #v));
                len_arms.push(quote!(Self::#v => 4));
                ser_arms.push(quote!(Self::#v => #rt::wire::write_u32(out, #id)));
                if serde_impl.is_some() {
                    serde_arms.push(quote!(Self::#v => serde::Serialize::serialize(&#spath {}, s)));
                }
                de_arms.push(quote!(#id => Self::#v));
                let try_body = if single {
                    quote!(let #ident::#v = v; Ok(Self {}))
                } else {
                    quote!(match v { #ident::#v => Ok(Self {}), v => Err(v) })
                };
                convs.push(quote! {
                    impl From<#spath> for #ident {
                        #[inline] fn from(_: #spath) -> Self { Self::#v }
                    }
                    impl TryFrom<#ident> for #spath {
                        type Error = #ident;
                        #[inline] fn try_from(v: #ident) -> Result<Self, #ident> { #try_body }
                    }
                });
            } else {
                let boxed = rc.boxed.is_some();
                let (held, wrap, unwrap) = if boxed {
                    (quote!(Box<#spath>), quote!(Box::new(x)), quote!(*x))
                } else {
                    (quote!(#spath), quote!(x), quote!(x))
                };
                variants.push(quote!(#vdoc #rename #v(#held)));
                let inner = if boxed { quote!(&**x) } else { quote!(x) };
                len_arms.push(quote!(Self::#v(x) => 4 + #rt::BareSerialize::bare_len(#inner)));
                ser_arms.push(quote!(Self::#v(x) => {
                    #rt::BareSerialize::serialize_boxed(#inner, out)
                }));
                if serde_impl.is_some() {
                    serde_arms.push(quote!(Self::#v(x) => serde::Serialize::serialize(x, s)));
                }
                let read_wrap = if boxed {
                    quote!(Self::#v(Box::new(#rt::tri!(#rt::BareDeserialize::deserialize_bare(r)))))
                } else {
                    quote!(Self::#v(#rt::tri!(#rt::BareDeserialize::deserialize_bare(r))))
                };
                de_arms.push(quote!(#id => #read_wrap));
                let try_body = if single {
                    quote!(let #ident::#v(x) = v; Ok(#unwrap))
                } else {
                    quote!(match v { #ident::#v(x) => Ok(#unwrap), v => Err(v) })
                };
                convs.push(quote! {
                    impl From<#spath> for #ident {
                        #[inline] fn from(x: #spath) -> Self { Self::#v(#wrap) }
                    }
                    impl TryFrom<#ident> for #spath {
                        type Error = #ident;
                        #[inline] fn try_from(v: #ident) -> Result<Self, #ident> { #try_body }
                    }
                });
            }
        }
        let dispatch = quote! {
            match id {
                #(#de_arms,)*
                _ => return Err(#rt::DecodeError::UnknownConstructor { id, expected: #tname, found: #name_for_id(id) }),
            }
        };
        let all_unit = rust.variants.iter().all(|&c| self.model.ctor(c).is_unit());
        let de_body = if all_unit {
            quote!(let id = #rt::tri!(r.read_u32()); Ok(#dispatch))
        } else {
            quote!(let id = #rt::tri!(r.read_u32()); r.nested(|r| Ok(#dispatch)))
        };
        let serde_derive =
            serde.attrs(&[quote!(derive(serde::Deserialize)), quote!(serde(tag = "_"))]);
        // Serialized by hand: each variant as its constructor struct, which
        // carries the `_` tag.
        let serde_ser = serde_impl.map(|cfg| {
            quote! {
                #cfg
                impl serde::Serialize for #ident {
                    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        match self { #(#serde_arms,)* }
                    }
                }
            }
        });
        let (derives, eq) = derives(rust.hashable, &self.options.hash, Some(&ident), None);
        let accessors = self.accessors_impl(at, &ident);
        quote! {
            #doc
            #derives
            #serde_derive
            // Telegram adds constructors to types in most layers; matches
            // written against this layer keep compiling against the next.
            #[non_exhaustive]
            pub enum #ident { #(#variants,)* }
            #eq
            impl #rt::Serialize for #ident {
                #[inline] fn serialized_len(&self) -> usize { match self { #(#len_arms,)* } }
                #[inline] fn serialize(&self, out: &mut Vec<u8>) { match self { #(#ser_arms,)* } }
            }
            impl #rt::Deserialize for #ident {
                #[inline] fn deserialize(r: &mut #rt::Reader<'_>) -> Result<Self, #rt::DecodeError> {
                    #de_body
                }
            }
            #serde_ser
            #(#convs)*
            #accessors
        }
    }

    /// A type that params reference but no constructor defines (the merge
    /// warns; usually a misspelt result type): an uninhabited enum, so no
    /// value of it exists and decoding it always fails.
    fn undefined_type(&self, at: TypeId) -> TokenStream {
        let name_for_id = self.name_for_id();
        let rt = &self.rt.path;
        let ident = names::ident(&self.enum_path(at).ident);
        let tname = self.model.ty(at).name;
        let doc = self.docs.attrs(&format!(
            "The TL type `{tname}`, which no constructor of the schema defines (the \
             generator warned about it): it has no values, and decoding it always fails \
             with `DecodeError::UnknownConstructor`."
        ));
        // Uninhabited, so every trait holds; `Hash` still follows the
        // setting, as for every other type.
        let (derive, _) = derives(true, &self.options.hash, None, None);
        let serde_derive = self
            .options
            .serde
            .attrs(&[quote!(derive(serde::Deserialize))]);
        let serde_ser = self.options.serde.item_cfg().map(|cfg| {
            quote! {
                #cfg
                impl serde::Serialize for #ident {
                    fn serialize<S: serde::Serializer>(&self, _s: S) -> Result<S::Ok, S::Error> {
                        match *self {}
                    }
                }
            }
        });
        quote! {
            #doc
            #derive
            #serde_derive
            pub enum #ident {}
            impl #rt::Serialize for #ident {
                #[inline] fn serialized_len(&self) -> usize { match *self {} }
                #[inline] fn serialize(&self, _out: &mut Vec<u8>) { match *self {} }
            }
            impl #rt::Deserialize for #ident {
                #[inline] fn deserialize(r: &mut #rt::Reader<'_>) -> Result<Self, #rt::DecodeError> {
                    let id = #rt::tri!(r.read_u32());
                    Err(#rt::DecodeError::UnknownConstructor { id, expected: #tname, found: #name_for_id(id) })
                }
            }
            #serde_ser
        }
    }

    /// A method struct with its wire impls and its `Method` impl.
    pub fn func(&self, at: FuncId) -> TokenStream {
        let f: &Func<'_> = self.model.func(at);
        let rf = f.rust.as_ref().expect("a generated method");
        let ident = names::ident(&rf.path.ident);
        let generic = f.generic.as_deref();
        let error = self.model.errors.of_func(at).map(|e| &e.path);
        let m = f.ir;
        let mut doc = self.render(&m.description);
        doc.push_str(&self.docs_only_note(&m.params));
        let who = |v: Option<bool>| match v {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not documented",
        };
        doc.push_str(&format!(
            "\n\nUsable by users: {}; by bots: {}.",
            who(m.users),
            who(m.bots)
        ));
        if let Some(e) = error {
            doc.push_str(&format!(
                " Documented errors: [`{}`]({}).",
                e.ident,
                self.path_text(e)
            ));
        }
        let ret = match &f.returns {
            Ty::QueryResult(_) => "the inner query's result".to_string(),
            returns => self.type_link(returns, &m.returns),
        };
        doc.push_str(&format!(
            " Returns {ret}. {}.",
            item_docs::telegram_link(TlKind::Method, m.space, &m.name)
        ));
        doc.push_str("\n\n");
        doc.push_str(&item_docs::definition_block(&tl_definition(
            &m.name, rf.id, generic, &m.params, &m.returns,
        )));
        let mut doc = self.docs.attrs(doc.trim_start());
        doc.extend(item_docs::aliases(&rf.path.ident, &[&m.name]));
        let name = &m.name;
        let ret = self.rust_type(&f.returns);
        let opt = |v: Option<bool>| match v {
            Some(b) => quote!(Some(#b)),
            None => quote!(None),
        };
        let (bots, users) = (opt(m.bots), opt(m.users));
        let rt = &self.rt.path;
        let de_cfg = self.options.deserializable_functions.item_cfg();
        match generic {
            None => {
                let item = self.item_struct(
                    Handle::Func(at),
                    &ident,
                    doc,
                    rf.hashable,
                    &f.fields,
                    de_cfg,
                );
                let error = match error {
                    Some(e) => {
                        let kind = self.path(e);
                        quote!(#rt::MethodError<#kind>)
                    }
                    None => quote!(#rt::MethodError<Option<#rt::CommonError>>),
                };
                quote! {
                    #item
                    impl #rt::Method for #ident {
                        const NAME: &'static str = #name;
                        const BOTS: Option<bool> = #bots;
                        const USERS: Option<bool> = #users;
                        type Return = #ret;
                        type Error = #error;
                    }
                }
            }
            Some(g) => {
                let fields = self.struct_fields(Handle::Func(at), &f.fields);
                let serde_attr = self.struct_serde_attrs(Handle::Func(at));
                let g = format_ident!("{}", g);
                let ident_ts = quote!(#ident);
                let id = lit_u32_hex(rf.id);
                let wire = self.wire_impls(&ident_ts, Some(&g), &f.fields, de_cfg.clone());
                let de = de_cfg.map(|cfg| {
                    quote! {
                        #cfg
                        impl<#g: #rt::Deserialize> #rt::Deserialize for #ident<#g> {
                            #[inline] fn deserialize(r: &mut #rt::Reader<'_>) -> Result<Self, #rt::DecodeError> {
                                #rt::wire::expect_constructor(r, #id, #name)?;
                                r.nested(<Self as #rt::BareDeserialize>::deserialize_bare)
                            }
                        }
                    }
                });
                let construction = self.construction(&ident, generic, &f.fields);
                let (derives, _) = derives(rf.hashable, &self.options.hash, None, None);
                quote! {
                    #doc
                    #derives
                    #serde_attr
                    pub struct #ident<#g> { #(#fields,)* }
                    #construction
                    #wire
                    impl<#g> #rt::Identifiable for #ident<#g> {
                        const CONSTRUCTOR_ID: u32 = #id;
                    }
                    impl<#g: #rt::Serialize> #rt::Serialize for #ident<#g> {
                        fn serialized_len(&self) -> usize { 4 + #rt::BareSerialize::bare_len(self) }
                        fn serialize(&self, out: &mut Vec<u8>) {
                            #rt::BareSerialize::serialize_boxed(self, out)
                        }
                    }
                    #de
                    impl<#g: #rt::Method> #rt::Method for #ident<#g> {
                        const NAME: &'static str = #name;
                        const BOTS: Option<bool> = #bots;
                        const USERS: Option<bool> = #users;
                        type Return = #g::Return;
                        type Error = #g::Error;
                    }
                }
            }
        }
    }
}
