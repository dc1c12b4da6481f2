//! The borrowed form of the generated types ([`Options::borrowed`]): a
//! `borrowed` module beside `types` and `enums` whose items decode from a
//! `&'a [u8]` without copying, holding `&'a str` for TL `string` and
//! `&'a [u8]` for `bytes` (the runtime's `borrowed` module describes the
//! traits and the mapping).
//!
//! Only what holds a string or bytes somewhere inside has a borrowed item:
//! a constructor or type that holds neither ([`Borrowing`]) is the owned
//! item itself, re-exported under `borrowed` so that every name exists in
//! both trees. Methods have no borrowed form (a client encodes them, it
//! decodes results).
//!
//! Files: `borrowed/mod.rs` (the `types` and `enums` modules, and with the
//! samples a `visit_samples` over every borrowed type), then
//! `borrowed/<kind>/mod.rs` and `borrowed/<kind>/<ns>.rs` as in the owned
//! tree. Each borrowed item names borrowed items by their path from the
//! `borrowed` module (`super::super::enums::Message<'a>`) and owned ones
//! as the owned items do (`enums::Peer`, imported from the tree root).
//!
//! The decoders follow the owned ones ([`super::wire`]) field by field:
//! runs of fixed-width fields are read with one bounds check through the
//! same helpers ([`super::wire::flush_reads`]), a field that borrows nothing
//! is read by the owned code ([`Gen::read`]), and type enums dispatch on
//! the constructor ID one nesting level deeper, with the same errors.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::items::{lit_u32_hex, Gen};
use super::names;
use super::wire::{fixed_from, fixed_size, flush_reads, joins_run, min_wire_size, FixedRead};
use crate::ir::TlType;
use crate::registry::items::{Ctor, Field, FieldKind, ItemPath, Items, Kind, Type};

/// Which constructors and types hold a TL `string` or `bytes` somewhere
/// inside (directly, in a vector or option, or through what they contain),
/// and so have a borrowed item with a lifetime.
pub(super) struct Borrowing {
    /// By index into [`Items::ctors`].
    pub ctors: Vec<bool>,
    /// By index into [`Items::types`].
    pub types: Vec<bool>,
}

impl Borrowing {
    /// Decided in one backward walk over the containment graph (each item
    /// visited once), from the constructors with a string or bytes field.
    pub(super) fn new(model: &Items<'_>) -> Borrowing {
        // Nodes: constructor `i` is `i`, type `t` is `n + t`; `holders[x]`
        // are the nodes that contain node `x`.
        let n = model.ctors.len();
        let mut holders: Vec<Vec<usize>> = vec![Vec::new(); n + model.types.len()];
        let mut borrows = vec![false; holders.len()];
        let mut queue = Vec::new();
        for (i, c) in model.ctors.iter().enumerate() {
            for f in &c.fields {
                let FieldKind::Value { ty, .. } = &f.kind else {
                    continue;
                };
                match contained(model, ty) {
                    Contained::Text if !borrows[i] => {
                        borrows[i] = true;
                        queue.push(i);
                    }
                    Contained::Ctor(c) => holders[c].push(i),
                    Contained::Type(t) => holders[n + t].push(i),
                    Contained::Text | Contained::Nothing => {}
                }
            }
        }
        for (t, ty) in model.types.iter().enumerate() {
            for &v in &ty.variants {
                holders[v].push(n + t);
            }
        }
        while let Some(node) = queue.pop() {
            for &holder in &holders[node] {
                if !borrows[holder] {
                    borrows[holder] = true;
                    queue.push(holder);
                }
            }
        }
        let types = borrows.split_off(n);
        Borrowing {
            ctors: borrows,
            types,
        }
    }

    /// Whether a value of TL type `ty` borrows from the input.
    fn ty(&self, model: &Items<'_>, ty: &TlType) -> bool {
        match contained(model, ty) {
            Contained::Text => true,
            Contained::Ctor(c) => self.ctors[c],
            Contained::Type(t) => self.types[t],
            Contained::Nothing => false,
        }
    }
}

/// What a field holds, as far as borrowing is concerned.
enum Contained {
    /// A `string` or `bytes`.
    Text,
    /// This constructor's struct.
    Ctor(usize),
    /// This type's enum.
    Type(usize),
    /// Nothing that could borrow.
    Nothing,
}

fn contained(model: &Items<'_>, ty: &TlType) -> Contained {
    match ty {
        TlType::String | TlType::Bytes => Contained::Text,
        TlType::Vector { inner, .. } => contained(model, inner),
        TlType::Bare(name) => model
            .bare_ctor(name)
            .map_or(Contained::Nothing, Contained::Ctor),
        TlType::Boxed(name) => model
            .type_index(name)
            .map_or(Contained::Nothing, Contained::Type),
        _ => Contained::Nothing,
    }
}

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
    /// The borrowed struct of constructor `i`.
    Ctor(usize),
    /// The borrowed enum of type `i`.
    Type(usize),
    /// The re-exports of the items that borrow nothing, and the namespace
    /// modules of a kind's root file.
    Tail,
    /// `borrowed/mod.rs`: the `types` and `enums` modules, and the samples'
    /// visitor.
    Root,
}

/// Where each piece of the borrowed tree goes.
pub(super) fn plan(model: &Items<'_>, borrowing: &Borrowing, mut add: impl FnMut(File, Piece)) {
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
    for (i, c) in model.ctors.iter().enumerate() {
        if borrowing.ctors[i] {
            add(file(&c.path), Piece::Ctor(i));
        }
        add(file(&c.path), Piece::Tail);
    }
    for (i, t) in model.types.iter().enumerate() {
        if borrowing.types[i] {
            add(file(&t.path), Piece::Type(i));
        }
        add(file(&t.path), Piece::Tail);
    }
}

/// What rendering a piece of the borrowed tree needs besides its file.
pub(super) struct Context<'s> {
    /// What borrows, decided once for the tree.
    pub borrowing: &'s Borrowing,
    /// The namespace files of the piece's kind (for a kind's root file).
    pub namespaces: Vec<&'s str>,
    /// The body of a `pub mod` declaration for a file of the tree.
    pub include: &'s dyn Fn(&str) -> TokenStream,
}

/// The tokens of one piece.
pub(super) fn piece(gen: &Gen<'_, '_>, file: &File, piece: Piece, cx: &Context<'_>) -> TokenStream {
    let b = Borrowed {
        gen,
        borrowing: cx.borrowing,
        root: file.to_borrowed_root(),
    };
    match piece {
        Piece::Ctor(i) => b.ctor(&gen.model.ctors[i]),
        Piece::Type(i) => b.type_enum(&gen.model.types[i]),
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
         strings and byte fields (`{rt}::DeserializeBorrowed`), and copied into the owned \
         form with `{rt}::ToOwnedValue`. Items that hold no string or bytes are the owned \
         ones, re-exported."
    );
    quote! {
        #[doc = #doc]
        #cfg
        pub mod borrowed #body
    }
}

/// The generator of one borrowed file.
struct Borrowed<'g, 'm, 'a> {
    gen: &'g Gen<'m, 'a>,
    borrowing: &'g Borrowing,
    /// The path from the file to the `borrowed` module.
    root: TokenStream,
}

impl Borrowed<'_, '_, '_> {
    fn model(&self) -> &Items<'_> {
        self.gen.model
    }

    /// The borrowed item at `p` (`super::enums::Message`), without its lifetime.
    fn path(&self, p: &ItemPath) -> TokenStream {
        let root = &self.root;
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

    /// The Rust type of a TL value type in the borrowed form.
    fn rust_type(&self, ty: &TlType) -> TokenStream {
        if !self.borrowing.ty(self.model(), ty) {
            return self.gen.rust_type(ty, None);
        }
        match ty {
            TlType::String => quote!(&'a str),
            TlType::Bytes => quote!(&'a [u8]),
            TlType::Vector { inner, .. } => {
                let inner = self.rust_type(inner);
                quote!(Vec<#inner>)
            }
            TlType::Boxed(name) => {
                let t = self.model().type_index(name).expect("checked type");
                let path = self.path(&self.model().types[t].path);
                quote!(#path<'a>)
            }
            TlType::Bare(name) => {
                let c = self.model().bare_ctor(name).expect("checked bare type");
                let path = self.path(&self.model().ctors[c].path);
                quote!(#path<'a>)
            }
            _ => self.gen.rust_type(ty, None),
        }
    }

    fn field_type(&self, f: &Field<'_>) -> TokenStream {
        match &f.kind {
            FieldKind::Value { ty, flag: None } => self.rust_type(ty),
            FieldKind::Value { ty, flag: Some(_) } => {
                let t = self.rust_type(ty);
                quote!(Option<#t>)
            }
            _ => self.gen.field_type(f, None),
        }
    }

    /// Whether the borrowed form of `ty` implements `DeserializeBorrowed`
    /// itself (everything but bare constructors and bare vectors).
    fn is_trait(ty: &TlType) -> bool {
        match ty {
            TlType::Bare(_) | TlType::Vector { boxed: false, .. } => false,
            TlType::Vector { boxed: true, inner } => Self::is_trait(inner),
            _ => true,
        }
    }

    /// An expression of type `Result<T, DecodeError>` reading the borrowed
    /// form of `ty` from `r`; the owned read where `ty` borrows nothing.
    fn read(&self, ty: &TlType) -> TokenStream {
        if !self.borrowing.ty(self.model(), ty) {
            return self.gen.read(ty);
        }
        let rt = &self.gen.rt.path;
        match ty {
            _ if Self::is_trait(ty) => quote!(#rt::DeserializeBorrowed::deserialize_borrowed(r)),
            TlType::Bare(_) => {
                quote!(#rt::BareDeserializeBorrowed::deserialize_bare_borrowed(r))
            }
            TlType::Vector { boxed, inner } => {
                let item = self.read(inner);
                let min = Literal::usize_unsuffixed(min_wire_size(inner));
                if *boxed {
                    quote!(#rt::wire::read_vector_with(r, #min, |r| #item))
                } else {
                    quote!(#rt::wire::read_bare_vector_with(r, #min, |r| #item))
                }
            }
            _ => self.gen.read(ty),
        }
    }

    /// The reads of a constructor's fields, in wire order, and the names
    /// they bind (as the owned `deserialize_bare` reads them).
    fn reads(&self, fields: &[Field<'_>]) -> (Vec<TokenStream>, Vec<Ident>) {
        let rt = &self.gen.rt.path;
        let word = |w: &str| format_ident!("__{}", names::field_name(w));
        let mut reads = Vec::new();
        let mut run: Vec<FixedRead> = Vec::new();
        let mut flag_reads = Vec::new();
        let mut bound = Vec::new();
        for f in fields {
            let name = names::ident(&f.name);
            match &f.kind {
                FieldKind::Flags => {
                    let local = word(&f.param.name);
                    run.push(FixedRead {
                        local: quote!(#local),
                        width: 4,
                        from: quote!(u32::from_le_bytes),
                        plain: quote!(let #local = #rt::tri!(#rt::wire::read_flags(r));),
                    });
                    continue;
                }
                FieldKind::TrueFlag(fl) => {
                    let (local, bit) = (word(&fl.field), Literal::u8_unsuffixed(fl.bit));
                    flag_reads.push(quote!(let #name = #rt::wire::has_flag(#local, #bit);));
                }
                FieldKind::Value {
                    ty: TlType::True,
                    flag: None,
                } => flag_reads.push(quote!(let #name = false;)),
                FieldKind::Value { ty, flag: None } => {
                    let rust_ty = self.field_type(f);
                    let read = self.read(ty);
                    let plain = quote!(let #name: #rust_ty = #rt::tri!(#read););
                    if joins_run(ty) {
                        run.push(FixedRead {
                            local: quote!(#name),
                            width: fixed_size(ty).unwrap_or_default(),
                            from: fixed_from(ty),
                            plain,
                        });
                    } else {
                        flush_reads(rt, &mut run, &mut reads);
                        reads.push(plain);
                    }
                }
                FieldKind::Value { ty, flag: Some(fl) } => {
                    flush_reads(rt, &mut run, &mut reads);
                    let rust_ty = self.field_type(f);
                    let (local, bit) = (word(&fl.field), Literal::u8_unsuffixed(fl.bit));
                    let borrows = self.borrowing.ty(self.model(), ty);
                    reads.push(if borrows && Self::is_trait(ty) {
                        quote!(let #name: #rust_ty = #rt::tri!(#rt::borrowed::read_opt(r, #local, #bit));)
                    } else if !borrows && super::wire::is_trait(ty) {
                        quote!(let #name: #rust_ty = #rt::tri!(#rt::wire::read_opt(r, #local, #bit));)
                    } else {
                        let read = self.read(ty);
                        quote! {
                            let #name: #rust_ty = if #rt::wire::has_flag(#local, #bit) {
                                Some(#rt::tri!(#read))
                            } else {
                                None
                            };
                        }
                    });
                }
            }
            bound.push(name);
        }
        flush_reads(rt, &mut run, &mut reads);
        reads.append(&mut flag_reads);
        (reads, bound)
    }

    /// The owned value of field `f` of a borrowed struct, `self.<name>`.
    fn to_owned(&self, f: &Field<'_>) -> TokenStream {
        let rt = &self.gen.rt.path;
        let name = names::ident(&f.name);
        match &f.kind {
            FieldKind::Value { ty, .. } if self.borrowing.ty(self.model(), ty) => {
                quote!(#rt::ToOwnedValue::to_owned_value(&self.#name))
            }
            FieldKind::Value { ty, flag: None } if fixed_size(ty).is_some() => quote!(self.#name),
            FieldKind::Value {
                ty: TlType::True, ..
            }
            | FieldKind::TrueFlag(_) => {
                quote!(self.#name)
            }
            _ => quote!(::core::clone::Clone::clone(&self.#name)),
        }
    }

    /// The borrowed struct of a constructor that borrows.
    fn ctor(&self, c: &Ctor<'_>) -> TokenStream {
        let gen = self.gen;
        let rt = &gen.rt.path;
        let ident = names::ident(&c.path.ident);
        let owned = gen.path(&c.path);
        let doc = gen.docs.attrs(&format!(
            "[`{}`]({}) in its borrowed form (`{}#{:08x}`): its strings and bytes borrow \
             from the input.",
            c.path.ident,
            gen.path_text(&c.path),
            c.tl_name,
            c.id
        ));
        let fields: Vec<TokenStream> = c
            .fields
            .iter()
            .filter(|f| f.is_field())
            .map(|f| {
                let name = names::ident(&f.name);
                let ty = self.field_type(f);
                let doc = gen.docs.attrs(&format!("The owned struct's `{}`.", f.name));
                quote!(#doc pub #name: #ty)
            })
            .collect();
        let (reads, bound) = self.reads(&c.fields);
        let r = if reads.is_empty() {
            quote!(_r)
        } else {
            quote!(r)
        };
        let owned_fields = c.fields.iter().filter(|f| f.is_field()).map(|f| {
            let name = names::ident(&f.name);
            let value = self.to_owned(f);
            quote!(#name: #value)
        });
        let id = lit_u32_hex(c.id);
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
    fn type_enum(&self, t: &Type<'_>) -> TokenStream {
        let gen = self.gen;
        let model = self.model();
        let rt = &gen.rt.path;
        let ident = names::ident(&t.path.ident);
        let owned = gen.path(&t.path);
        let name_for_id = gen.name_for_id();
        let tname = &t.name;
        let doc = gen.docs.attrs(&format!(
            "[`{}`]({}) in its borrowed form: its strings and bytes borrow from the input.",
            t.path.ident,
            gen.path_text(&t.path),
        ));
        let mut variants = Vec::new();
        let mut arms = Vec::new();
        let mut owned_arms = Vec::new();
        for &i in &t.variants {
            let c = &model.ctors[i];
            let v = names::ident(&c.variant);
            let id = lit_u32_hex(c.id);
            let vdoc = gen.docs.attrs(&format!("`{}#{:08x}`.", c.tl_name, c.id));
            if c.is_unit() {
                variants.push(quote!(#vdoc #v));
                arms.push(quote!(#id => Self::#v));
                owned_arms.push(quote!(Self::#v => #owned::#v));
                continue;
            }
            let (held, read, to_owned) = if self.borrowing.ctors[i] {
                let path = self.path(&c.path);
                (
                    quote!(#path<'a>),
                    quote!(#rt::BareDeserializeBorrowed::deserialize_bare_borrowed(r)),
                    quote!(#rt::ToOwnedValue::to_owned_value(x)),
                )
            } else {
                (
                    gen.path(&c.path),
                    quote!(#rt::BareDeserialize::deserialize_bare(r)),
                    quote!(::core::clone::Clone::clone(x)),
                )
            };
            let (held, read) = if c.boxed {
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
            Kind::Types => (model.ctors.iter().zip(&self.borrowing.ctors))
                .filter(|(c, borrows)| !**borrows && c.path.ns == *ns)
                .map(|(c, _)| &c.path)
                .collect(),
            _ => (model.types.iter().zip(&self.borrowing.types))
                .filter(|(t, borrows)| !**borrows && t.path.ns == *ns)
                .map(|(t, _)| &t.path)
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
            let owned_path = |p: &ItemPath| {
                let kind = names::ident(p.kind.module());
                let ident = names::ident(&p.ident);
                match &p.ns {
                    Some(ns) => {
                        let ns = names::ident(ns);
                        quote!(#root::#kind::#ns::#ident)
                    }
                    None => quote!(#root::#kind::#ident),
                }
            };
            for (t, ty) in model.types.iter().enumerate() {
                if !self.borrowing.types[t] {
                    continue;
                }
                let owned = owned_path(&ty.path);
                let borrowed = self.path(&ty.path);
                for &i in &ty.variants {
                    let c = &model.ctors[i];
                    let cpath = owned_path(&c.path);
                    let name = format!("{}/{}", ty.name, c.json_name);
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{generate, Gate, Options};

    fn sample() -> crate::ir::Api {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let schemas = [
            docs.join("schemas/sample.tl"),
            docs.join("schemas/sample_secret.tl"),
        ];
        crate::merge::build(&docs, &schemas).expect("sample IR").api
    }

    /// With the setting off the tree is byte for byte the tree of the same
    /// settings without it: on, it only adds the `borrowed/` files and one
    /// declaration in the root file.
    #[test]
    fn the_setting_adds_the_borrowed_files_and_nothing_else() {
        let api = sample();
        for base in [
            Options::default(),
            Options {
                sample_values: Gate::On,
                deserializable_functions: Gate::On,
                ..Options::default()
            },
        ] {
            let off = generate(&api, &base).expect("off");
            assert_eq!(base.borrowed, Gate::Off, "off by default");
            let on = generate(
                &api,
                &Options {
                    borrowed: Gate::On,
                    ..base.clone()
                },
            )
            .expect("on");
            assert!(off.files.keys().all(|p| !p.starts_with("borrowed/")));
            for (path, text) in &on.files {
                if path.starts_with("borrowed/") {
                    continue;
                }
                let old = &off.files[path];
                if path == "mod.rs" {
                    // The doc line, `pub mod borrowed` and, with an
                    // `include!` body, its lines to the closing brace.
                    let lines: Vec<&str> = text.lines().collect();
                    let doc = lines
                        .iter()
                        .position(|l| l.contains("in their borrowed form"));
                    let decl = lines.iter().position(|l| l.contains("pub mod borrowed"));
                    let (Some(doc), Some(decl)) = (doc, decl) else {
                        panic!("no declaration in {text}");
                    };
                    let end = match lines[decl].trim_end().ends_with(';') {
                        true => decl,
                        false => decl + lines[decl..].iter().position(|l| *l == "}").expect("}"),
                    };
                    let mut without: Vec<&str> = lines[..doc].to_vec();
                    without.extend(&lines[end + 1..]);
                    assert_eq!(
                        without,
                        old.lines().collect::<Vec<_>>(),
                        "mod.rs but for it"
                    );
                } else {
                    assert_eq!(text, old, "{path}");
                }
            }
            assert_eq!(
                on.files
                    .keys()
                    .filter(|p| !p.starts_with("borrowed/"))
                    .count(),
                off.files.len()
            );
            let borrowed = on.files.keys().filter(|p| p.starts_with("borrowed/"));
            assert!(borrowed.count() >= 3, "borrowed/mod.rs, types/, enums/");
        }
    }
}
