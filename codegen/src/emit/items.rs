//! Token generation for constructor structs, type enums and method structs.
//!
//! Generated code spells every path out (`Option`,
//! `tlgen_runtime::Serialize::serialize`) so that no TL name can shadow it, and
//! pushes all repeated logic into `tlgen_runtime` (flags, bytes, vectors) and
//! into the `tl_boxed!` macro of the tree root (constructor IDs and the boxed
//! forms), keeping each item to its fields and one line per field per
//! direction.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Flag, Param, TlType};

use super::docs_link::{render, Resolver};
use super::item_docs::{self, TlKind};
use super::model::{Ctor, Field, FieldKind, Func, ItemPath, Model, Type};
use super::names;

/// Generates items for one module, given the path from that module to the
/// tree root (`crate`, `super::super`, ...).
pub struct Gen<'m, 'a> {
    /// The resolved API.
    pub model: &'m Model<'a>,
    /// Path from the current module to the tree root.
    pub root: TokenStream,
    /// The same, as text (for intra-doc links).
    pub root_text: String,
}

/// The size of a value on the wire: a constant or an expression.
enum Size {
    Fixed(usize),
    Expr(TokenStream),
}

fn fixed_size(ty: &TlType) -> Option<usize> {
    match ty {
        TlType::Int | TlType::Bool => Some(4),
        TlType::Long | TlType::Double => Some(8),
        TlType::Int128 => Some(16),
        TlType::Int256 => Some(32),
        _ => None,
    }
}

/// Whether the value implements `tlgen_runtime::Serialize`/`Deserialize` itself.
fn is_trait(ty: &TlType) -> bool {
    match ty {
        TlType::Int
        | TlType::Long
        | TlType::Double
        | TlType::Int128
        | TlType::Int256
        | TlType::String
        | TlType::Bool
        | TlType::Boxed(_)
        | TlType::Generic(_) => true,
        TlType::Vector { boxed: true, inner } => is_trait(inner),
        _ => false,
    }
}

fn min_wire_size(ty: &TlType) -> usize {
    match ty {
        TlType::Bare(_) => 1,
        other => fixed_size(other).unwrap_or(4),
    }
}

/// One unconditional fixed-width write in a run that `flush_fixed` coalesces:
/// its width, a `[u8; width]` expression, and the plain write it replaces.
struct FixedPart {
    width: usize,
    bytes: TokenStream,
    plain: TokenStream,
}

/// Whether an unconditional field of this type joins a coalesced run of
/// fixed-width writes and reads (`Bool` is left out: its wire form is a
/// constructor ID).
fn joins_run(ty: &TlType) -> bool {
    matches!(
        ty,
        TlType::Int | TlType::Long | TlType::Double | TlType::Int128 | TlType::Int256
    )
}

/// The `[u8; width]` expression of a field that [`joins_run`].
fn fixed_bytes(ty: &TlType, v: &TokenStream) -> TokenStream {
    match ty {
        TlType::Int128 | TlType::Int256 => quote!(#v),
        _ => quote!(#v.to_le_bytes()),
    }
}

/// Writes a run of fixed-width parts: a lone part as it is, two or more into
/// one stack array appended with a single `extend_from_slice`.
///
/// A leading run (the first write of a constructor) also makes
/// room for the constructor ID in front, filled and written only when the
/// const generic `BOXED` of the enclosing `serialize_fields` is true: the
/// boxed form then costs one store for ID and fields together.
/// Returns whether it wrote such a leading run.
fn flush_fixed(run: &mut Vec<FixedPart>, writes: &mut Vec<TokenStream>) -> bool {
    let leading = writes.is_empty();
    match run.len() {
        0 => false,
        1 if !leading => {
            writes.push(run.remove(0).plain);
            false
        }
        _ => {
            let total: usize =
                run.iter().map(|p| p.width).sum::<usize>() + if leading { 4 } else { 0 };
            let mut at = if leading { 4usize } else { 0 };
            let copies: Vec<TokenStream> = run
                .drain(..)
                .map(|p| {
                    let lo = Literal::usize_unsuffixed(at);
                    at += p.width;
                    let bytes = p.bytes;
                    quote!(tlgen_runtime::wire::put(&mut __b, #lo, #bytes);)
                })
                .collect();
            let total = Literal::usize_unsuffixed(total);
            let (id, written) = if leading {
                (
                    quote! {
                        if BOXED {
                            tlgen_runtime::wire::put(
                                &mut __b,
                                0,
                                <Self as tlgen_runtime::Identifiable>::CONSTRUCTOR_ID.to_le_bytes()
                            );
                        }
                    },
                    quote!(if BOXED { &__b[..] } else { &__b[4..] }),
                )
            } else {
                (quote!(), quote!(&__b))
            };
            writes.push(quote! {{
                let mut __b = [0u8; #total];
                #id
                #(#copies)*
                out.extend_from_slice(#written);
            }});
            leading
        }
    }
}

/// One unconditional fixed-width read in a run that `flush_reads` coalesces:
/// the local it binds, its width, the conversion from `[u8; width]` (empty
/// for `int128`/`int256`, which stay byte arrays) and the plain read it
/// replaces when it stands alone.
struct FixedRead {
    local: TokenStream,
    width: usize,
    from: TokenStream,
    plain: TokenStream,
}

/// Reads a run of fixed-width fields: a lone one as it is, two or more with
/// one bounds-checked `read_array` split at constant offsets (one early
/// return for the whole run instead of one per field).
fn flush_reads(run: &mut Vec<FixedRead>, reads: &mut Vec<TokenStream>) {
    match run.len() {
        0 => {}
        1 => reads.push(run.remove(0).plain),
        _ => {
            let total = Literal::usize_unsuffixed(run.iter().map(|p| p.width).sum());
            reads.push(quote!(let __r: [u8; #total] = tlgen_runtime::tri!(r.read_array());));
            let mut at = 0usize;
            for p in run.drain(..) {
                let (local, from, width) = (p.local, p.from, Literal::usize_unsuffixed(p.width));
                let lo = Literal::usize_unsuffixed(at);
                at += p.width;
                let bytes = quote!(tlgen_runtime::wire::get::<#width, #total>(&__r, #lo));
                reads.push(if from.is_empty() {
                    quote!(let #local = #bytes;)
                } else {
                    quote!(let #local = #from(#bytes);)
                });
            }
        }
    }
}

/// The `[u8; N]` -> value conversion of a fixed-width field in a read run.
fn fixed_from(ty: &TlType) -> TokenStream {
    match ty {
        TlType::Int => quote!(i32::from_le_bytes),
        TlType::Long => quote!(i64::from_le_bytes),
        TlType::Double => quote!(f64::from_le_bytes),
        _ => quote!(),
    }
}

/// The derives of a constructor or method struct: `Default` too where every
/// field has one.
fn derives(fields: &[Field<'_>]) -> TokenStream {
    if super::construct::derives_default(fields) {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    }
}

fn lit_u32_hex(v: u32) -> Literal {
    format!("{v:#010x}").parse().expect("hex literal")
}

/// `#[doc = "..."]` lines for `text`.
pub fn doc_attrs(text: &str) -> TokenStream {
    let text = text.trim_end();
    if text.is_empty() {
        return TokenStream::new();
    }
    let lines = text.lines().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// The TL definition line of an item, as the schema writes it.
pub fn tl_definition(
    name: &str,
    id: u32,
    generic: Option<&str>,
    params: &[Param],
    result: &str,
) -> String {
    let mut s = format!("{name}#{id:08x}");
    if let Some(g) = generic {
        s.push_str(&format!(" {{{g}:Type}}"));
    }
    for p in params.iter().filter(|p| !p.docs_only) {
        match &p.flag {
            Some(Flag { field, bit }) => s.push_str(&format!(" {}:{field}.{bit}?{}", p.name, p.ty)),
            None => s.push_str(&format!(" {}:{}", p.name, p.ty)),
        }
    }
    s.push_str(&format!(" = {result}"));
    s
}

impl<'m, 'a> Gen<'m, 'a> {
    /// A generator for a module whose path to the root is `root`.
    pub fn new(model: &'m Model<'a>, root: &str) -> Self {
        Gen {
            model,
            root: root.parse().expect("root path"),
            root_text: root.to_string(),
        }
    }

    /// Tokens for an item path.
    pub fn path(&self, p: &ItemPath) -> TokenStream {
        let root = &self.root;
        let kind = format_ident!("{}", p.kind.module());
        let ident = names::ident(&p.ident);
        match &p.ns {
            Some(ns) => {
                let ns = names::ident(ns);
                quote!(#root::#kind::#ns::#ident)
            }
            None => quote!(#root::#kind::#ident),
        }
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

    fn render(&self, markdown: &str) -> String {
        render(markdown, &self.resolver())
    }

    /// Markdown naming a TL type, linked to its enum where there is one.
    fn type_link(&self, ty: &TlType) -> String {
        match ty {
            TlType::Boxed(name) => match self.model.type_index(name) {
                Some(t) => format!("[`{name}`]({})", self.path_text(&self.model.types[t].path)),
                None => format!("`{name}`"),
            },
            TlType::Vector { inner, .. } => format!("a vector of {}", self.type_link(inner)),
            other => format!("`{other}`"),
        }
    }

    /// The Rust type of a TL value type.
    pub fn rust_type(&self, ty: &TlType, generic: Option<&str>) -> TokenStream {
        match ty {
            TlType::Int => quote!(i32),
            TlType::Long => quote!(i64),
            TlType::Double => quote!(f64),
            TlType::Int128 => quote!([u8; 16]),
            TlType::Int256 => quote!([u8; 32]),
            TlType::String => quote!(String),
            TlType::Bytes => quote!(Vec<u8>),
            TlType::Bool | TlType::True | TlType::Flags => quote!(bool),
            TlType::Generic(g) => {
                let g = format_ident!("{}", g);
                quote!(#g)
            }
            TlType::Vector { inner, .. } => {
                let inner = self.rust_type(inner, generic);
                quote!(Vec<#inner>)
            }
            TlType::Boxed(name) => {
                if Some(name.as_str()) == generic {
                    let g = format_ident!("{}", name);
                    return quote!(#g::Return);
                }
                let t = self.model.type_index(name).expect("checked type");
                self.path(&self.model.types[t].path)
            }
            TlType::Bare(name) => {
                let c = self.model.bare_ctor(name).expect("checked bare type");
                self.path(&self.model.ctors[c].path)
            }
        }
    }

    fn field_type(&self, f: &Field<'_>, generic: Option<&str>) -> TokenStream {
        match &f.kind {
            FieldKind::Flags | FieldKind::TrueFlag(_) => quote!(bool),
            FieldKind::Value { ty, flag: None } => self.rust_type(ty, generic),
            FieldKind::Value { ty, flag: Some(_) } => {
                let t = self.rust_type(ty, generic);
                quote!(Option<#t>)
            }
        }
    }

    fn size(&self, ty: &TlType, v: TokenStream) -> Size {
        if let Some(n) = fixed_size(ty) {
            return Size::Fixed(n);
        }
        Size::Expr(match ty {
            _ if is_trait(ty) => quote!(tlgen_runtime::Serialize::serialized_len(#v)),
            TlType::Bytes => quote!(tlgen_runtime::wire::bytes_len(#v)),
            TlType::Bare(_) => quote!(tlgen_runtime::BareSerialize::bare_len(#v)),
            TlType::Vector { boxed: true, inner } if **inner == TlType::Bytes => {
                quote!(tlgen_runtime::wire::bytes_vector_len(#v))
            }
            TlType::Vector {
                boxed: false,
                inner,
            } if matches!(**inner, TlType::Bare(_)) => {
                quote!(tlgen_runtime::wire::bare_vector_len(#v))
            }
            TlType::Vector { boxed, inner } => {
                let item = match self.size(inner, quote!(x)) {
                    Size::Fixed(n) => {
                        let n = Literal::usize_unsuffixed(n);
                        quote!(|_| #n)
                    }
                    Size::Expr(e) => quote!(|x| #e),
                };
                if *boxed {
                    quote!(tlgen_runtime::wire::vector_len_with(#v, #item))
                } else {
                    quote!(tlgen_runtime::wire::bare_vector_len_with(#v, #item))
                }
            }
            _ => quote!(0),
        })
    }

    fn write(&self, ty: &TlType, v: TokenStream) -> TokenStream {
        match ty {
            _ if is_trait(ty) => quote!(tlgen_runtime::Serialize::serialize(#v, out)),
            TlType::Bytes => quote!(tlgen_runtime::wire::write_bytes(out, #v)),
            TlType::Bare(_) => quote!(tlgen_runtime::BareSerialize::serialize_bare(#v, out)),
            TlType::Vector { boxed: true, inner } if **inner == TlType::Bytes => {
                quote!(tlgen_runtime::wire::write_bytes_vector(out, #v))
            }
            TlType::Vector {
                boxed: false,
                inner,
            } if matches!(**inner, TlType::Bare(_)) => {
                quote!(tlgen_runtime::wire::write_bare_vector(out, #v))
            }
            TlType::Vector { boxed, inner } => {
                let item = self.write(inner, quote!(x));
                if *boxed {
                    quote!(tlgen_runtime::wire::write_vector_with(out, #v, |out, x| #item))
                } else {
                    quote!(tlgen_runtime::wire::write_bare_vector_with(out, #v, |out, x| #item))
                }
            }
            _ => quote!(),
        }
    }

    /// An expression of type `Result<T, DecodeError>` reading from `r`. `T`
    /// is left to inference (the caller annotates the binding), which keeps
    /// type paths out of the `tri!` arguments that formatters print verbatim.
    fn read(ty: &TlType) -> TokenStream {
        match ty {
            _ if is_trait(ty) => quote!(tlgen_runtime::Deserialize::deserialize(r)),
            TlType::Bytes => quote!(tlgen_runtime::wire::read_bytes(r)),
            TlType::Bare(_) => quote!(tlgen_runtime::BareDeserialize::deserialize_bare(r)),
            TlType::Vector { boxed: true, inner } if **inner == TlType::Bytes => {
                quote!(tlgen_runtime::wire::read_bytes_vector(r))
            }
            TlType::Vector {
                boxed: false,
                inner,
            } if matches!(**inner, TlType::Bare(_)) => {
                quote!(tlgen_runtime::wire::read_bare_vector(r))
            }
            TlType::Vector { boxed, inner } => {
                let item = Self::read(inner);
                let min = Literal::usize_unsuffixed(min_wire_size(inner));
                if *boxed {
                    quote!(tlgen_runtime::wire::read_vector_with(r, #min, |r| #item))
                } else {
                    quote!(tlgen_runtime::wire::read_bare_vector_with(r, #min, |r| #item))
                }
            }
            _ => quote!(Ok(::core::default::Default::default())),
        }
    }

    /// `BareSerialize` (+ `BareDeserialize` when `de`) for a struct with `fields`.
    fn wire_impls(
        &self,
        ident: &TokenStream,
        generic: Option<&Ident>,
        fields: &[Field<'_>],
        de_cfg: Option<TokenStream>,
    ) -> TokenStream {
        let generic_name = generic.map(|g| g.to_string());
        let (impl_ser, impl_de, generics) = match generic {
            None => (quote!(), quote!(), quote!()),
            Some(g) => (
                quote!(<#g: tlgen_runtime::Serialize>),
                quote!(<#g: tlgen_runtime::Deserialize>),
                quote!(<#g>),
            ),
        };
        let mut folded = false;
        let mut fixed = 0usize;
        let mut lens: Vec<TokenStream> = Vec::new();
        let mut writes: Vec<TokenStream> = Vec::new();
        let mut run: Vec<FixedPart> = Vec::new();
        let mut reads: Vec<TokenStream> = Vec::new();
        let mut read_run: Vec<FixedRead> = Vec::new();
        let mut flag_reads: Vec<TokenStream> = Vec::new();
        let mut names: Vec<Ident> = Vec::new();
        // A flag bit lives in a `#` word (a local read before it), or, in
        // v65's `auth.importBotAuthorization`, in a plain `flags:int` field.
        let words: Vec<&str> = fields
            .iter()
            .filter(|f| f.kind == FieldKind::Flags)
            .map(|f| f.param.name.as_str())
            .collect();
        let flag_word = |word: &str| -> TokenStream {
            if words.contains(&word) {
                let local = format_ident!("__{}", names::field_name(word));
                quote!(#local)
            } else {
                let field = fields.iter().find(|f| f.param.name == word);
                let ident = names::ident(field.map_or(word, |f| f.name.as_str()));
                quote!(#ident as u32)
            }
        };
        for f in fields {
            let name = names::ident(&f.name);
            match &f.kind {
                FieldKind::Flags => {
                    fixed += 4;
                    let word = &f.param.name;
                    let parts: Vec<TokenStream> = fields
                        .iter()
                        .filter_map(|g| {
                            let gname = names::ident(&g.name);
                            match &g.kind {
                                FieldKind::TrueFlag(fl) if &fl.field == word => {
                                    let bit = Literal::u8_unsuffixed(fl.bit);
                                    Some(quote!(tlgen_runtime::wire::flag_if(self.#gname, #bit)))
                                }
                                FieldKind::Value { flag: Some(fl), .. } if &fl.field == word => {
                                    let bit = Literal::u8_unsuffixed(fl.bit);
                                    Some(quote!(tlgen_runtime::wire::flag_if(self.#gname.is_some(), #bit)))
                                }
                                _ => None,
                            }
                        })
                        .collect();
                    let value = if parts.is_empty() {
                        quote!(0)
                    } else {
                        quote!(#(#parts)|*)
                    };
                    run.push(FixedPart {
                        width: 4,
                        bytes: quote!(u32::to_le_bytes(#value)),
                        plain: quote!(tlgen_runtime::wire::write_flags(out, #value);),
                    });
                    let local = format_ident!("__{}", names::field_name(word));
                    read_run.push(FixedRead {
                        local: quote!(#local),
                        width: 4,
                        from: quote!(u32::from_le_bytes),
                        plain: quote!(let #local = tlgen_runtime::tri!(tlgen_runtime::wire::read_flags(r));),
                    });
                }
                FieldKind::TrueFlag(fl) => {
                    let local = flag_word(&fl.field);
                    let bit = Literal::u8_unsuffixed(fl.bit);
                    // No wire form: decoded from its word after all reads,
                    // so that it does not split a run of fixed-width reads.
                    flag_reads
                        .push(quote!(let #name = tlgen_runtime::wire::has_flag(#local, #bit);));
                    names.push(name);
                }
                FieldKind::Value { ty, flag } => {
                    let read = Self::read(ty);
                    let rust_ty = self.field_type(f, generic_name.as_deref());
                    match flag {
                        None => {
                            if *ty == TlType::True {
                                // A bare `true` outside flags has no wire form.
                                flag_reads.push(quote!(let #name = false;));
                                names.push(name);
                                continue;
                            }
                            match self.size(ty, quote!(&self.#name)) {
                                Size::Fixed(n) => fixed += n,
                                Size::Expr(e) => lens.push(e),
                            }
                            let w = self.write(ty, quote!(&self.#name));
                            let plain = quote!(let #name: #rust_ty = tlgen_runtime::tri!(#read););
                            if joins_run(ty) {
                                let width = fixed_size(ty).unwrap_or_default();
                                run.push(FixedPart {
                                    width,
                                    bytes: fixed_bytes(ty, &quote!(self.#name)),
                                    plain: quote!(#w;),
                                });
                                read_run.push(FixedRead {
                                    local: quote!(#name),
                                    width,
                                    from: fixed_from(ty),
                                    plain,
                                });
                            } else {
                                folded |= flush_fixed(&mut run, &mut writes);
                                writes.push(quote!(#w;));
                                flush_reads(&mut read_run, &mut reads);
                                reads.push(plain);
                            }
                        }
                        Some(fl) => {
                            let local = flag_word(&fl.field);
                            let bit = Literal::u8_unsuffixed(fl.bit);
                            lens.push(match self.size(ty, quote!(x)) {
                                Size::Fixed(n) => {
                                    let n = Literal::usize_unsuffixed(n);
                                    quote!(match self.#name { Some(_) => #n, None => 0 })
                                }
                                Size::Expr(e) => {
                                    quote!(match &self.#name { Some(x) => #e, None => 0 })
                                }
                            });
                            let w = self.write(ty, quote!(x));
                            folded |= flush_fixed(&mut run, &mut writes);
                            writes.push(quote!(if let Some(x) = &self.#name { #w; }));
                            flush_reads(&mut read_run, &mut reads);
                            reads.push(quote! {
                                let #name: #rust_ty = if tlgen_runtime::wire::has_flag(#local, #bit) {
                                    Some(tlgen_runtime::tri!(#read))
                                } else {
                                    None
                                };
                            });
                        }
                    }
                    names.push(name);
                }
            }
        }
        folded |= flush_fixed(&mut run, &mut writes);
        flush_reads(&mut read_run, &mut reads);
        reads.append(&mut flag_reads);
        let fixed_lit = Literal::usize_unsuffixed(fixed);
        let len = match (fixed, lens.is_empty()) {
            (0, true) => quote!(0),
            (0, false) => quote!(#(#lens)+*),
            (_, true) => quote!(#fixed_lit),
            (_, false) => quote!(#fixed_lit #(+ #lens)*),
        };
        let r = if reads.is_empty() {
            quote!(_r)
        } else {
            quote!(r)
        };
        // One body serves the bare and the boxed form through a const generic.
        // Unless the first write took the constructor ID in (see
        // `flush_fixed`), the boxed form writes it first on its own.
        if !folded {
            writes.insert(
                0,
                quote! {
                    if BOXED {
                        tlgen_runtime::wire::write_u32(out, <Self as tlgen_runtime::Identifiable>::CONSTRUCTOR_ID);
                    }
                },
            );
        }
        let ser = quote! {
            impl #impl_ser tlgen_runtime::BareSerialize for #ident #generics {
                #[inline] fn bare_len(&self) -> usize { #len }
                #[inline] fn serialize_fields<const BOXED: bool>(&self, out: &mut Vec<u8>) { #(#writes)* }
            }
        };
        let Some(cfg) = de_cfg else { return ser };
        quote! {
            #ser
            #cfg
            impl #impl_de tlgen_runtime::BareDeserialize for #ident #generics {
                #[inline] fn deserialize_bare(#r: &mut tlgen_runtime::Reader<'_>) -> Result<Self, tlgen_runtime::DecodeError> {
                    #(#reads)*
                    Ok(Self { #(#names),* })
                }
            }
        }
    }

    fn serde_field_attrs(&self, f: &Field<'_>) -> TokenStream {
        let mut attrs: Vec<TokenStream> = Vec::new();
        if f.name != f.param.name {
            let n = &f.param.name;
            attrs.push(quote!(rename = #n));
        }
        let with = |ty: &TlType, optional: bool| -> Option<&'static str> {
            Some(match (ty, optional) {
                (TlType::Bytes, false) => "tlgen_runtime::serde::bytes",
                (TlType::Bytes, true) => "tlgen_runtime::serde::option_bytes",
                (TlType::Int128, false) => "tlgen_runtime::serde::int128",
                (TlType::Int128, true) => "tlgen_runtime::serde::option_int128",
                (TlType::Int256, false) => "tlgen_runtime::serde::int256",
                (TlType::Int256, true) => "tlgen_runtime::serde::option_int256",
                (TlType::Vector { inner, .. }, false) => match **inner {
                    TlType::Bytes => "tlgen_runtime::serde::vec_bytes",
                    TlType::Int128 => "tlgen_runtime::serde::vec_int128",
                    TlType::Int256 => "tlgen_runtime::serde::vec_int256",
                    _ => return None,
                },
                (TlType::Vector { inner, .. }, true) => match **inner {
                    TlType::Bytes => "tlgen_runtime::serde::option_vec_bytes",
                    TlType::Int128 => "tlgen_runtime::serde::option_vec_int128",
                    TlType::Int256 => "tlgen_runtime::serde::option_vec_int256",
                    _ => return None,
                },
                _ => return None,
            })
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
                    attrs.push(quote!(with = #w));
                }
            }
            FieldKind::Flags => {}
        }
        if attrs.is_empty() {
            quote!()
        } else {
            quote!(#[cfg_attr(feature = "serde", serde(#(#attrs),*))])
        }
    }

    fn struct_fields(&self, fields: &[Field<'_>], generic: Option<&str>) -> Vec<TokenStream> {
        fields
            .iter()
            .filter(|f| f.is_field())
            .map(|f| {
                let name = names::ident(&f.name);
                let ty = self.field_type(f, generic);
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
                            doc = format!("TL type: {}.", self.type_link(ty));
                        }
                        if let Some(Flag { field, bit }) = flag {
                            doc.push_str(&format!(
                                "\n\nPresent when bit {bit} of `{field}` is set."
                            ));
                        }
                    }
                    _ => {}
                }
                let doc = doc_attrs(&doc);
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
    /// from the file's `tl_boxed!` invocation; the boxed form from `Boxed`
    /// or its type enum).
    pub fn ctor(&self, c: &Ctor<'_>) -> TokenStream {
        let ident = names::ident(&c.path.ident);
        let ident_ts = quote!(#ident);
        let mut doc = self.render(&c.ir.description);
        doc.push_str(&self.docs_only_note(&c.ir.params));
        let t = &self.model.types[c.ty];
        doc.push_str(&format!(
            "\n\nConstructor of [`{}`]({}); {}.\n\n{}",
            t.name,
            self.path_text(&t.path),
            item_docs::telegram_link(TlKind::Constructor, c.tl_name),
            item_docs::definition_block(&tl_definition(
                c.tl_name,
                c.id,
                None,
                &c.ir.params,
                &c.ir.type_name
            ))
        ));
        let mut doc = doc_attrs(doc.trim_start());
        doc.extend(item_docs::aliases(&c.path.ident, &[&c.ir.name, c.tl_name]));
        let fields = self.struct_fields(&c.fields, None);
        let tl_name = c.json_name;
        let wire = self.wire_impls(&ident_ts, None, &c.fields, Some(quote!()));
        let derives = derives(&c.fields);
        let construction = self.construction(&ident, None, &c.fields);
        quote! {
            #doc
            #derives
            #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(tag = "_", rename = #tl_name))]
            pub struct #ident { #(#fields,)* }
            #construction
            #wire
        }
    }

    /// `tl_boxed!(A = 0x..., B = 0x...);` for the structs of one file.
    pub fn boxed_invocation(&self, items: &[(String, u32)], functions: bool) -> TokenStream {
        if items.is_empty() {
            return quote!();
        }
        let entries = items.iter().map(|(ident, id)| {
            let ident = names::ident(ident);
            let id = lit_u32_hex(*id);
            quote!(#ident = #id)
        });
        if functions {
            quote!(tl_boxed!(fn #(#entries),*);)
        } else {
            quote!(tl_boxed!(#(#entries),*);)
        }
    }

    /// A type enum, its wire impls, and the conversions to and from its
    /// constructor structs.
    pub fn type_enum(&self, t: &Type<'_>) -> TokenStream {
        if t.variants.is_empty() {
            return self.undefined_type(t);
        }
        let root = &self.root;
        let ident = names::ident(&t.path.ident);
        let mut doc = t
            .def
            .map(|d| self.render(&d.description))
            .unwrap_or_default();
        if doc.trim().is_empty() {
            let ctors: Vec<&str> = t
                .variants
                .iter()
                .map(|&i| self.model.ctors[i].tl_name)
                .collect();
            doc = item_docs::type_fallback(&t.name, &ctors);
        }
        doc.push_str(&format!(
            "\n\n{}.",
            item_docs::telegram_link(TlKind::Type, &t.name)
        ));
        let mut doc = doc_attrs(doc.trim_start());
        doc.extend(item_docs::aliases(&t.path.ident, &[&t.name]));
        let tname = &t.name;
        let mut variants = Vec::new();
        let mut len_arms = Vec::new();
        let mut ser_arms = Vec::new();
        let mut serde_arms = Vec::new();
        let mut de_arms = Vec::new();
        let mut convs = Vec::new();
        let single = t.variants.len() == 1;
        for &i in &t.variants {
            let c = &self.model.ctors[i];
            let v = names::ident(&c.variant);
            let spath = self.path(&c.path);
            let tl_name = c.json_name;
            let id = lit_u32_hex(c.id);
            let vdoc = doc_attrs(&format!(
                "[`{}`]({}): `{}#{:08x}`.",
                c.path.ident,
                self.path_text(&c.path),
                c.tl_name,
                c.id
            ));
            let rename = quote!(#[cfg_attr(feature = "serde", serde(rename = #tl_name))]);
            if c.is_unit() {
                variants.push(quote!(#vdoc #rename #v));
                len_arms.push(quote!(Self::#v => 4));
                ser_arms.push(quote!(Self::#v => tlgen_runtime::wire::write_u32(out, #id)));
                serde_arms.push(quote!(Self::#v => serde::Serialize::serialize(&#spath {}, s)));
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
                let (held, wrap, unwrap) = if c.boxed {
                    (quote!(Box<#spath>), quote!(Box::new(x)), quote!(*x))
                } else {
                    (quote!(#spath), quote!(x), quote!(x))
                };
                variants.push(quote!(#vdoc #rename #v(#held)));
                let inner = if c.boxed { quote!(&**x) } else { quote!(x) };
                len_arms.push(
                    quote!(Self::#v(x) => 4 + tlgen_runtime::BareSerialize::bare_len(#inner)),
                );
                ser_arms.push(quote!(Self::#v(x) => {
                    tlgen_runtime::BareSerialize::serialize_boxed(#inner, out)
                }));
                serde_arms.push(quote!(Self::#v(x) => serde::Serialize::serialize(x, s)));
                let read_wrap = if c.boxed {
                    quote!(Self::#v(Box::new(tlgen_runtime::tri!(tlgen_runtime::BareDeserialize::deserialize_bare(r)))))
                } else {
                    quote!(Self::#v(tlgen_runtime::tri!(tlgen_runtime::BareDeserialize::deserialize_bare(r))))
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
                _ => return Err(tlgen_runtime::DecodeError::UnknownConstructor { id, expected: #tname, found: #root::name_for_id(id) }),
            }
        };
        let all_unit = t.variants.iter().all(|&i| self.model.ctors[i].is_unit());
        let de_body = if all_unit {
            quote!(let id = tlgen_runtime::tri!(r.read_u32()); Ok(#dispatch))
        } else {
            quote!(let id = tlgen_runtime::tri!(r.read_u32()); r.nested(|r| Ok(#dispatch)))
        };
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            #[cfg_attr(feature = "serde", derive(serde::Deserialize), serde(tag = "_"))]
            // Telegram adds constructors to types in most layers; matches
            // written against this layer keep compiling against the next.
            #[non_exhaustive]
            pub enum #ident { #(#variants,)* }
            impl tlgen_runtime::Serialize for #ident {
                #[inline] fn serialized_len(&self) -> usize { match self { #(#len_arms,)* } }
                #[inline] fn serialize(&self, out: &mut Vec<u8>) { match self { #(#ser_arms,)* } }
            }
            impl tlgen_runtime::Deserialize for #ident {
                #[inline] fn deserialize(r: &mut tlgen_runtime::Reader<'_>) -> Result<Self, tlgen_runtime::DecodeError> {
                    #de_body
                }
            }
            #[cfg(feature = "serde")]
            impl serde::Serialize for #ident {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    match self { #(#serde_arms,)* }
                }
            }
            #(#convs)*
        }
    }

    /// A type that params reference but no constructor defines (the merge
    /// warns; usually a misspelt result type): an uninhabited enum, so no
    /// value of it exists and decoding it always fails.
    fn undefined_type(&self, t: &Type<'_>) -> TokenStream {
        let root = &self.root;
        let ident = names::ident(&t.path.ident);
        let tname = &t.name;
        let doc = doc_attrs(&format!(
            "The TL type `{tname}`, which no constructor of the schema defines (the \
             generator warned about it): it has no values, and decoding it always fails \
             with `DecodeError::UnknownConstructor`."
        ));
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            #[cfg_attr(feature = "serde", derive(serde::Deserialize))]
            pub enum #ident {}
            impl tlgen_runtime::Serialize for #ident {
                #[inline] fn serialized_len(&self) -> usize { match *self {} }
                #[inline] fn serialize(&self, _out: &mut Vec<u8>) { match *self {} }
            }
            impl tlgen_runtime::Deserialize for #ident {
                #[inline] fn deserialize(r: &mut tlgen_runtime::Reader<'_>) -> Result<Self, tlgen_runtime::DecodeError> {
                    let id = tlgen_runtime::tri!(r.read_u32());
                    Err(tlgen_runtime::DecodeError::UnknownConstructor { id, expected: #tname, found: #root::name_for_id(id) })
                }
            }
            #[cfg(feature = "serde")]
            impl serde::Serialize for #ident {
                fn serialize<S: serde::Serializer>(&self, _s: S) -> Result<S::Ok, S::Error> {
                    match *self {}
                }
            }
        }
    }

    /// A method struct with its wire impls and its `Method` impl.
    pub fn func(&self, f: &Func<'_>) -> TokenStream {
        let ident = names::ident(&f.path.ident);
        let generic = f.generic.as_deref();
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
        if let Some(e) = &f.error {
            doc.push_str(&format!(
                " Documented errors: [`{}`]({}).",
                e.ident,
                self.path_text(e)
            ));
        }
        let ret = generic
            .filter(|g| matches!(&f.returns, TlType::Boxed(n) if n == g))
            .map(|_| "the inner query's result".to_string())
            .unwrap_or_else(|| self.type_link(&f.returns));
        doc.push_str(&format!(
            " Returns {ret}. {}.",
            item_docs::telegram_link(TlKind::Method, &m.name)
        ));
        doc.push_str("\n\n");
        doc.push_str(&item_docs::definition_block(&tl_definition(
            &m.name, f.id, generic, &m.params, &m.returns,
        )));
        let mut doc = doc_attrs(doc.trim_start());
        doc.extend(item_docs::aliases(&f.path.ident, &[&m.name]));
        let fields = self.struct_fields(&f.fields, generic);
        let name = &m.name;
        let ret = self.rust_type(&f.returns, generic);
        let opt = |v: Option<bool>| match v {
            Some(b) => quote!(Some(#b)),
            None => quote!(None),
        };
        let (bots, users) = (opt(m.bots), opt(m.users));
        let de_cfg = quote!(#[cfg(feature = "deserializable-functions")]);
        let serde_attr = quote!(#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(tag = "_", rename = #name))]);
        match generic {
            None => {
                let ident_ts = quote!(#ident);
                let wire = self.wire_impls(&ident_ts, None, &f.fields, Some(de_cfg));
                let error = match &f.error {
                    Some(e) => {
                        let kind = self.path(e);
                        quote!(tlgen_runtime::MethodError<#kind>)
                    }
                    None => quote!(tlgen_runtime::MethodError<Option<tlgen_runtime::CommonError>>),
                };
                let derives = derives(&f.fields);
                let construction = self.construction(&ident, None, &f.fields);
                quote! {
                    #doc
                    #derives
                    #serde_attr
                    pub struct #ident { #(#fields,)* }
                    #construction
                    #wire
                    impl tlgen_runtime::Method for #ident {
                        const NAME: &'static str = #name;
                        const BOTS: Option<bool> = #bots;
                        const USERS: Option<bool> = #users;
                        type Return = #ret;
                        type Error = #error;
                    }
                }
            }
            Some(g) => {
                let g = format_ident!("{}", g);
                let ident_ts = quote!(#ident);
                let wire = self.wire_impls(&ident_ts, Some(&g), &f.fields, Some(de_cfg.clone()));
                let id = lit_u32_hex(f.id);
                let construction = self.construction(&ident, generic, &f.fields);
                quote! {
                    #doc
                    #[derive(Debug, Clone, PartialEq)]
                    #serde_attr
                    pub struct #ident<#g> { #(#fields,)* }
                    #construction
                    #wire
                    impl<#g> tlgen_runtime::Identifiable for #ident<#g> {
                        const CONSTRUCTOR_ID: u32 = #id;
                    }
                    impl<#g: tlgen_runtime::Serialize> tlgen_runtime::Serialize for #ident<#g> {
                        fn serialized_len(&self) -> usize { 4 + tlgen_runtime::BareSerialize::bare_len(self) }
                        fn serialize(&self, out: &mut Vec<u8>) {
                            tlgen_runtime::BareSerialize::serialize_boxed(self, out)
                        }
                    }
                    #de_cfg
                    impl<#g: tlgen_runtime::Deserialize> tlgen_runtime::Deserialize for #ident<#g> {
                        #[inline] fn deserialize(r: &mut tlgen_runtime::Reader<'_>) -> Result<Self, tlgen_runtime::DecodeError> {
                            tlgen_runtime::wire::expect_constructor(r, #id, #name)?;
                            r.nested(<Self as tlgen_runtime::BareDeserialize>::deserialize_bare)
                        }
                    }
                    impl<#g: tlgen_runtime::Method> tlgen_runtime::Method for #ident<#g> {
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
