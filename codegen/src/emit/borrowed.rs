//! The borrowed form of the generated types ([`Options::borrowed`]): a
//! `borrowed` module beside `types` and `enums` whose items decode from a
//! `&'a [u8]` without copying, holding `&'a str` for TL `string`,
//! `&'a [u8]` for `bytes` and MTProto's byte-data `string`, and the
//! runtime's `ObjectRef<'a>` for `Object` (the runtime's `borrowed` module
//! describes the traits and the mapping).
//!
//! Only what the model says borrows has a borrowed item
//! ([`crate::model::borrowing`]): a constructor or type that borrows
//! nothing is the owned item itself, re-exported under `borrowed` so that
//! every name exists in both trees. Methods have no borrowed form (a client
//! encodes them, it decodes results).
//!
//! Files: `borrowed/mod.rs` (the `types` and `enums` modules, and with the
//! samples a `visit_samples` over every borrowed type), then
//! `borrowed/<kind>/mod.rs` and `borrowed/<kind>/<ns>.rs` as in the owned
//! tree. Each borrowed item names borrowed items by their path from the
//! `borrowed` module (`super::super::enums::Message<'a>`) and owned ones
//! as the owned items do (`enums::Peer`, imported from the tree root).
//!
//! The decoders are the owned ones' read bodies ([`super::wire::read_body`])
//! with the borrowed reads of the values that borrow ([`ValueReads`]): the
//! same runs of fixed-width fields, the same framing of an `Object` by its
//! length, the same vector count checks; a value that borrows nothing is
//! read by the owned code. Type enums dispatch on the constructor ID one
//! nesting level deeper, with the owned enums' errors.
//!
//! [`Options::borrowed`]: super::Options::borrowed

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::items::{lit_u32_hex, Gen};
use super::names;
use super::wire::{read_body, read_vector, OwnedReads, ValueReads};
use crate::model::{Borrowing, CtorId, Field, FieldKind, ItemPath, Kind, Model, Ty, TypeId};

/// A file of the borrowed tree: `borrowed/mod.rs` (`kind` `None`),
/// `borrowed/<kind>/mod.rs` (`ns` `None`) or `borrowed/<kind>/<ns>.rs`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct File {
    /// `Types` or `Enums`; `None` for the module's root file.
    pub kind: Option<Kind>,
    /// The namespace module.
    pub ns: Option<String>,
}

impl File {
    /// The path under the tree root.
    pub(super) fn path(&self) -> String {
        match (&self.kind, &self.ns) {
            (None, _) => "borrowed/mod.rs".into(),
            (Some(kind), None) => format!("borrowed/{}/mod.rs", kind.module()),
            (Some(kind), Some(ns)) => format!("borrowed/{}/{ns}.rs", kind.module()),
        }
    }

    /// How many `super`s lead from the file to the tree root.
    pub(super) fn depth(&self) -> usize {
        match (&self.kind, &self.ns) {
            (None, _) => 1,
            (Some(_), None) => 2,
            (Some(_), Some(_)) => 3,
        }
    }

    /// The path from the file to the `borrowed` module.
    fn to_borrowed_root(&self) -> TokenStream {
        match self.depth() {
            1 => quote!(self),
            2 => quote!(super),
            _ => quote!(super::super),
        }
    }
}

/// A unit of the borrowed tree's work, ordered within its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Piece {
    /// The borrowed struct of a constructor.
    Ctor(CtorId),
    /// The borrowed enum of a type.
    Type(TypeId),
    /// The re-exports of the items that borrow nothing, and the namespace
    /// modules of a kind's root file.
    Tail,
    /// `borrowed/mod.rs`: the `types` and `enums` modules, and the samples'
    /// visitor.
    Root,
}

/// Where each piece of the borrowed tree goes.
pub(super) fn plan(model: &Model<'_>, mut add: impl FnMut(File, Piece)) {
    let borrowing = model.borrowing();
    let file = |p: &ItemPath| File {
        kind: Some(p.kind),
        ns: p.ns.clone(),
    };
    let root = File {
        kind: None,
        ns: None,
    };
    add(root, Piece::Root);
    for kind in [Kind::Types, Kind::Enums] {
        let file = File {
            kind: Some(kind),
            ns: None,
        };
        add(file, Piece::Tail);
    }
    for (i, _, rc) in model.rust_ctors() {
        if borrowing.ctor(i) {
            add(file(&rc.path), Piece::Ctor(i));
        }
        add(file(&rc.path), Piece::Tail);
    }
    for (i, _, rt) in model.rust_types() {
        if borrowing.ty(i) {
            add(file(&rt.path), Piece::Type(i));
        }
        add(file(&rt.path), Piece::Tail);
    }
}

/// What rendering a piece of the borrowed tree needs besides its file.
pub(super) struct Context<'s> {
    /// The namespace files of the piece's kind (for a kind's root file).
    pub namespaces: Vec<&'s str>,
    /// The body of a `pub mod` declaration for a file of the tree.
    pub include: &'s dyn Fn(&str) -> TokenStream,
}

/// The tokens of one piece.
pub(super) fn piece(gen: &Gen<'_, '_>, file: &File, piece: Piece, cx: &Context<'_>) -> TokenStream {
    let b = Borrowed {
        gen,
        borrowing: gen.model.borrowing(),
        root: file.to_borrowed_root(),
    };
    match piece {
        Piece::Ctor(i) => b.ctor(i),
        Piece::Type(i) => b.type_enum(i),
        Piece::Tail => b.tail(file, cx),
        Piece::Root => b.root(cx),
    }
}

/// The `pub mod borrowed` declaration of the tree root, behind the
/// setting's `cfg`.
pub(super) fn declaration(gen: &Gen<'_, '_>, body: TokenStream) -> TokenStream {
    let cfg = gen.options.borrowed.item_cfg();
    let rt = &gen.rt.text;
    let doc = format!(
        " The types in their borrowed form: decoded from a `&'a [u8]` without copying \
         strings, byte fields and `Object`s (`{rt}::DeserializeBorrowed`), and copied into \
         the owned form with `{rt}::ToOwnedValue`. Items that hold none of them are the \
         owned ones, re-exported."
    );
    quote! {
        #[doc = #doc]
        #cfg
        pub mod borrowed #body
    }
}

/// Whether the borrowed form of `ty` (a value that borrows) implements
/// `DeserializeBorrowed` itself: every primitive (`&'a [u8]` too, unlike
/// the owned `Vec<u8>`), `ObjectRef`, type enums and boxed vectors of
/// such; bare structs and bare vectors are read by the caller.
fn has_borrowed_trait(ty: &Ty) -> bool {
    match ty {
        Ty::Prim(_) | Ty::Enum(_) | Ty::Object => true,
        Ty::Vector { boxed: true, elem } => has_borrowed_trait(elem),
        _ => false,
    }
}

/// The item at `p` under the module `root` (`<root>::enums::Message`).
fn path_under(root: &TokenStream, p: &ItemPath) -> TokenStream {
    let kind = names::ident(p.kind.module());
    let ident = names::ident(&p.ident);
    match &p.ns {
        Some(ns) => {
            let ns = names::ident(ns);
            quote!(#root::#kind::#ns::#ident)
        }
        None => quote!(#root::#kind::#ident),
    }
}

/// The generator of one borrowed file.
struct Borrowed<'g, 'm, 'a> {
    gen: &'g Gen<'m, 'a>,
    borrowing: &'m Borrowing,
    /// The path from the file to the `borrowed` module.
    root: TokenStream,
}

impl Borrowed<'_, '_, '_> {
    fn model(&self) -> &Model<'_> {
        self.gen.model
    }

    /// The borrowed item at `p` (`super::enums::Message`), without its lifetime.
    fn path(&self, p: &ItemPath) -> TokenStream {
        path_under(&self.root, p)
    }

    /// The Rust type of a value in the borrowed form.
    fn rust_type(&self, ty: &Ty) -> TokenStream {
        if !self.borrowing.value(ty) {
            return self.gen.rust_type(ty);
        }
        match ty {
            Ty::Prim(p) => {
                let borrowed = p.info().borrowed.expect("a primitive that borrows");
                borrowed.parse().expect("a Rust type")
            }
            Ty::Object => {
                let rt = &self.gen.rt.path;
                quote!(#rt::ObjectRef<'a>)
            }
            Ty::Vector { elem, .. } => {
                let elem = self.rust_type(elem);
                quote!(Vec<#elem>)
            }
            Ty::Enum(t) => {
                let rust = self.model().ty(*t).rust.as_ref().expect("a generated type");
                let path = self.path(&rust.path);
                quote!(#path<'a>)
            }
            Ty::Struct(c) => {
                let path = self.path(&self.gen.rust_ctor(*c).1.path);
                quote!(#path<'a>)
            }
            Ty::Query(_) | Ty::QueryResult(_) | Ty::Unresolved(_) => {
                unreachable!("only methods hold queries, and nothing unresolved borrows")
            }
        }
    }

    /// The owned value of field `f` of a borrowed struct, `self.<name>`.
    fn to_owned(&self, f: &Field<'_>) -> TokenStream {
        let rt = &self.gen.rt.path;
        let name = names::ident(&f.name);
        match &f.kind {
            FieldKind::Value { ty, .. } if self.borrowing.value(ty) => {
                quote!(#rt::ToOwnedValue::to_owned_value(&self.#name))
            }
            FieldKind::Value { ty, flag: None } if ty.is_copy() => quote!(self.#name),
            FieldKind::TrueFlag(_) => quote!(self.#name),
            _ => quote!(::core::clone::Clone::clone(&self.#name)),
        }
    }

    /// The borrowed struct of a constructor that borrows.
    fn ctor(&self, at: CtorId) -> TokenStream {
        let gen = self.gen;
        let rt = &gen.rt.path;
        let (c, rc) = gen.rust_ctor(at);
        let ident = names::ident(&rc.path.ident);
        let owned = gen.path(&rc.path);
        let doc = gen.docs.attrs(&format!(
            "[`{}`]({}) in its borrowed form (`{}#{:08x}`): its strings, bytes and objects \
             borrow from the input.",
            rc.path.ident,
            gen.path_text(&rc.path),
            c.tl_name,
            rc.id
        ));
        let fields: Vec<TokenStream> = c
            .fields
            .iter()
            .filter(|f| f.is_struct_field())
            .map(|f| {
                let name = names::ident(&f.name);
                let ty = self.field_type(f);
                let doc = gen.docs.attrs(&format!("The owned struct's `{}`.", f.name));
                quote!(#doc pub #name: #ty)
            })
            .collect();
        let (reads, bound) = read_body(rt, &c.fields, self);
        let r = if reads.is_empty() {
            quote!(_r)
        } else {
            quote!(r)
        };
        let owned_fields = c.fields.iter().filter(|f| f.is_struct_field()).map(|f| {
            let name = names::ident(&f.name);
            let value = self.to_owned(f);
            quote!(#name: #value)
        });
        let id = lit_u32_hex(rc.id);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub struct #ident<'a> { #(#fields,)* }
            impl #rt::Identifiable for #ident<'_> {
                const CONSTRUCTOR_ID: u32 = #id;
            }
            impl<'a> #rt::BareDeserializeBorrowed<'a> for #ident<'a> {
                #[inline]
                fn deserialize_bare_borrowed(#r: &mut #rt::Reader<'a>) -> Result<Self, #rt::DecodeError> {
                    #(#reads)*
                    Ok(Self { #(#bound),* })
                }
            }
            impl #rt::ToOwnedValue for #ident<'_> {
                type Owned = #owned;
                #[inline]
                fn to_owned_value(&self) -> #owned {
                    #owned { #(#owned_fields,)* }
                }
            }
        }
    }

    /// The borrowed enum of a type that borrows.
    fn type_enum(&self, at: TypeId) -> TokenStream {
        let gen = self.gen;
        let model = self.model();
        let rt = &gen.rt.path;
        let t = model.ty(at);
        let rust = t.rust.as_ref().expect("a generated type");
        let ident = names::ident(&rust.path.ident);
        let owned = gen.path(&rust.path);
        let name_for_id = gen.name_for_id();
        let tname = t.name;
        let doc = gen.docs.attrs(&format!(
            "[`{}`]({}) in its borrowed form: its strings, bytes and objects borrow from the \
             input.",
            rust.path.ident,
            gen.path_text(&rust.path),
        ));
        let mut variants = Vec::new();
        let mut arms = Vec::new();
        let mut owned_arms = Vec::new();
        for &i in &rust.variants {
            let (c, rc) = gen.rust_ctor(i);
            let v = names::ident(&rc.variant);
            let id = lit_u32_hex(rc.id);
            let vdoc = gen.docs.attrs(&format!("`{}#{:08x}`.", c.tl_name, rc.id));
            if c.is_unit() {
                variants.push(quote!(#vdoc #v));
                arms.push(quote!(#id => Self::#v));
                owned_arms.push(quote!(Self::#v => #owned::#v));
                continue;
            }
            let (held, read, to_owned) = if self.borrowing.ctor(i) {
                let path = self.path(&rc.path);
                (
                    quote!(#path<'a>),
                    quote!(#rt::BareDeserializeBorrowed::deserialize_bare_borrowed(r)),
                    quote!(#rt::ToOwnedValue::to_owned_value(x)),
                )
            } else {
                (
                    gen.path(&rc.path),
                    quote!(#rt::BareDeserialize::deserialize_bare(r)),
                    quote!(::core::clone::Clone::clone(x)),
                )
            };
            // Boxed where the owned variant is (the model's boxing rule).
            let (held, read) = if rc.boxed.is_some() {
                (quote!(Box<#held>), quote!(Box::new(#rt::tri!(#read))))
            } else {
                (held, quote!(#rt::tri!(#read)))
            };
            variants.push(quote!(#vdoc #v(#held)));
            arms.push(quote!(#id => Self::#v(#read)));
            owned_arms.push(quote!(Self::#v(x) => #owned::#v(#to_owned)));
        }
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub enum #ident<'a> { #(#variants,)* }
            impl<'a> #rt::DeserializeBorrowed<'a> for #ident<'a> {
                #[inline]
                fn deserialize_borrowed(r: &mut #rt::Reader<'a>) -> Result<Self, #rt::DecodeError> {
                    let id = #rt::tri!(r.read_u32());
                    r.nested(|r| Ok(match id {
                        #(#arms,)*
                        _ => return Err(#rt::DecodeError::UnknownConstructor { id, expected: #tname, found: #name_for_id(id) }),
                    }))
                }
            }
            impl #rt::ToOwnedValue for #ident<'_> {
                type Owned = #owned;
                #[inline]
                fn to_owned_value(&self) -> #owned {
                    match self { #(#owned_arms,)* }
                }
            }
        }
    }

    /// The re-exports of the file's items that borrow nothing and, in a
    /// kind's root file, the namespace modules.
    fn tail(&self, file: &File, cx: &Context<'_>) -> TokenStream {
        let model = self.model();
        let (Some(kind), ns) = (&file.kind, &file.ns) else {
            return quote!();
        };
        let owned: Vec<&ItemPath> = match kind {
            Kind::Types => model
                .rust_ctors()
                .filter(|(i, _, rc)| !self.borrowing.ctor(*i) && rc.path.ns == *ns)
                .map(|(_, _, rc)| &rc.path)
                .collect(),
            _ => model
                .rust_types()
                .filter(|(i, _, rt)| !self.borrowing.ty(*i) && rt.path.ns == *ns)
                .map(|(_, _, rt)| &rt.path)
                .collect(),
        };
        let mut items: Vec<TokenStream> = owned
            .into_iter()
            .map(|p| {
                let path = self.gen.path(p);
                quote!(pub use #path;)
            })
            .collect();
        if ns.is_none() {
            for sub in &cx.namespaces {
                let ident = names::ident(sub);
                let doc = format!(" The `{sub}` namespace.");
                let body = (cx.include)(&format!("borrowed/{}/{sub}.rs", kind.module()));
                items.push(quote!(#[doc = #doc] pub mod #ident #body));
            }
        }
        quote!(#(#items)*)
    }

    /// `borrowed/mod.rs`: the two modules, and with the samples a visitor
    /// over a sample of every borrowed type's constructors.
    fn root(&self, cx: &Context<'_>) -> TokenStream {
        let gen = self.gen;
        let mods = [
            (
                Kind::Types,
                " Constructor structs in their borrowed form, and those that borrow nothing.",
            ),
            (
                Kind::Enums,
                " Type enums in their borrowed form, and those that borrow nothing.",
            ),
        ]
        .map(|(kind, doc)| {
            let ident = names::ident(kind.module());
            let body = (cx.include)(&format!("borrowed/{}/mod.rs", kind.module()));
            quote!(#[doc = #doc] pub mod #ident #body)
        });
        let samples = gen.options.sample_values.item_cfg().map(|cfg| {
            let rt = &gen.rt.path;
            let model = self.model();
            let mut visits = Vec::new();
            // The file declares modules named `types` and `enums`: the
            // owned items are named from the tree root, not imported.
            let root: TokenStream = gen.root_text.parse().expect("checked root path");
            let owned_path = |p: &ItemPath| path_under(&root, p);
            for (t, ty, rust) in model.rust_types() {
                if !self.borrowing.ty(t) {
                    continue;
                }
                let owned = owned_path(&rust.path);
                let borrowed = self.path(&rust.path);
                for &c in &rust.variants {
                    let cpath = owned_path(&gen.rust_ctor(c).1.path);
                    let name = super::samples::visit_name(model, ty, c);
                    visits.push(quote! {
                        v.visit(
                            #name,
                            #owned::from(<#cpath as #rt::sample::Sample>::sample(&mut #rt::sample::SampleGen::new(seed))),
                            &|b: &[u8]| {
                                <#borrowed<'_> as #rt::DeserializeBorrowed>::from_bytes_borrowed(b)
                                    .map(|x| #rt::ToOwnedValue::to_owned_value(&x))
                            },
                        );
                    });
                }
            }
            quote! {
                /// Visits a sample value of every constructor of every type
                /// with a borrowed form (wrapped in its owned type enum),
                /// with that type's borrowed decoder; `seed` varies the
                /// values as in `samples::visit_all`.
                #cfg
                pub fn visit_samples<V: #rt::sample::BorrowedVisitor>(v: &mut V, seed: u64) {
                    #(#visits)*
                }
            }
        });
        quote! {
            #(#mods)*
            #samples
        }
    }
}

/// The borrowed reads of a struct's values: those that borrow read their
/// borrowed form, the others as the owned struct reads them.
impl ValueReads for Borrowed<'_, '_, '_> {
    fn field_type(&self, f: &Field<'_>) -> TokenStream {
        match &f.kind {
            FieldKind::Value { ty, flag: None } => self.rust_type(ty),
            FieldKind::Value { ty, flag: Some(_) } => {
                let t = self.rust_type(ty);
                quote!(Option<#t>)
            }
            _ => self.gen.field_type(f),
        }
    }

    fn read(&self, ty: &Ty) -> TokenStream {
        if !self.borrowing.value(ty) {
            return self.gen.read(ty);
        }
        let rt = &self.gen.rt.path;
        match ty {
            _ if has_borrowed_trait(ty) => {
                quote!(#rt::DeserializeBorrowed::deserialize_borrowed(r))
            }
            Ty::Struct(_) => quote!(#rt::BareDeserializeBorrowed::deserialize_bare_borrowed(r)),
            Ty::Vector { boxed, elem } => read_vector(
                rt,
                self.model().min_size(elem),
                *boxed,
                elem,
                quote!(#rt::BareDeserializeBorrowed::deserialize_bare_borrowed),
                |elem| self.read(elem),
            ),
            _ => unreachable!(
                "a value that borrows: a primitive, an object, a struct, an enum or a vector"
            ),
        }
    }

    fn read_framed(&self, len: &Ident) -> TokenStream {
        let rt = &self.gen.rt.path;
        quote!(#rt::ObjectRef::read_framed(r, #len))
    }

    fn read_opt(&self, ty: &Ty) -> Option<TokenStream> {
        if !self.borrowing.value(ty) {
            return OwnedReads(self.gen).read_opt(ty);
        }
        let rt = &self.gen.rt.path;
        has_borrowed_trait(ty).then(|| quote!(#rt::borrowed::read_opt))
    }
}
