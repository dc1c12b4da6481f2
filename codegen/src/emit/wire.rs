//! Wire bodies: the `BareSerialize`/`BareDeserialize` impls of constructor
//! and method structs (sizes, writes with runs of fixed-width fields
//! coalesced, flags words computed from the fields, reads), apart from the
//! item shells in [`super::items`].

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::items::Gen;
use super::names;
use crate::ir::TlType;
use crate::registry::items::{Field, FieldKind};

/// The size of a value on the wire: a constant or an expression.
enum Size {
    Fixed(usize),
    Expr(TokenStream),
}

pub(super) fn fixed_size(ty: &TlType) -> Option<usize> {
    match ty {
        TlType::Int | TlType::Bool => Some(4),
        TlType::Long | TlType::Double => Some(8),
        TlType::Int128 => Some(16),
        TlType::Int256 => Some(32),
        _ => None,
    }
}

/// Whether the value implements `tlgen_runtime::Serialize`/`Deserialize` itself.
pub(super) fn is_trait(ty: &TlType) -> bool {
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

pub(super) fn min_wire_size(ty: &TlType) -> usize {
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
pub(super) fn joins_run(ty: &TlType) -> bool {
    matches!(
        ty,
        TlType::Int | TlType::Long | TlType::Double | TlType::Int128 | TlType::Int256
    )
}

/// The Rust number type of a fixed-width field that [`joins_run`], converted
/// to and from `[u8; width]` by path calls (`i64::to_le_bytes(x)`: no method
/// lookup for rustc); `None` for `int128`/`int256`, which stay byte arrays.
fn number_type(ty: &TlType) -> Option<TokenStream> {
    match ty {
        TlType::Int => Some(quote!(i32)),
        TlType::Long => Some(quote!(i64)),
        TlType::Double => Some(quote!(f64)),
        _ => None,
    }
}

/// The `[u8; width]` expression of a field that [`joins_run`].
fn fixed_bytes(ty: &TlType, v: &TokenStream) -> TokenStream {
    match number_type(ty) {
        Some(n) => quote!(#n::to_le_bytes(#v)),
        None => quote!(#v),
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
fn flush_fixed(rt: &TokenStream, run: &mut Vec<FixedPart>, writes: &mut Vec<TokenStream>) -> bool {
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
                    quote!(#rt::wire::put(&mut __b, #lo, #bytes);)
                })
                .collect();
            let total = Literal::usize_unsuffixed(total);
            let (id, written) = if leading {
                (
                    quote! {
                        if BOXED {
                            #rt::wire::put(
                                &mut __b,
                                0,
                                u32::to_le_bytes(<Self as #rt::Identifiable>::CONSTRUCTOR_ID)
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
pub(super) struct FixedRead {
    pub(super) local: TokenStream,
    pub(super) width: usize,
    pub(super) from: TokenStream,
    pub(super) plain: TokenStream,
}

/// Reads a run of fixed-width fields: a lone one as it is, two or more with
/// one bounds-checked `read_array` split at constant offsets (one early
/// return for the whole run instead of one per field).
pub(super) fn flush_reads(
    rt: &TokenStream,
    run: &mut Vec<FixedRead>,
    reads: &mut Vec<TokenStream>,
) {
    match run.len() {
        0 => {}
        1 => reads.push(run.remove(0).plain),
        _ => {
            let total = Literal::usize_unsuffixed(run.iter().map(|p| p.width).sum());
            reads.push(quote!(let __r: [u8; #total] = #rt::tri!(r.read_array());));
            let mut at = 0usize;
            for p in run.drain(..) {
                let (local, from, width) = (p.local, p.from, Literal::usize_unsuffixed(p.width));
                let lo = Literal::usize_unsuffixed(at);
                at += p.width;
                let bytes = quote!(#rt::wire::get::<#width, #total>(&__r, #lo));
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
pub(super) fn fixed_from(ty: &TlType) -> TokenStream {
    match number_type(ty) {
        Some(n) => quote!(#n::from_le_bytes),
        None => quote!(),
    }
}

impl Gen<'_, '_> {
    fn size(&self, ty: &TlType, v: TokenStream) -> Size {
        if let Some(n) = fixed_size(ty) {
            return Size::Fixed(n);
        }
        let rt = &self.rt.path;
        Size::Expr(match ty {
            _ if is_trait(ty) => quote!(#rt::Serialize::serialized_len(#v)),
            TlType::Bytes => quote!(#rt::wire::bytes_len(#v)),
            TlType::Bare(_) => quote!(#rt::BareSerialize::bare_len(#v)),
            TlType::Vector { boxed: true, inner } if **inner == TlType::Bytes => {
                quote!(#rt::wire::bytes_vector_len(#v))
            }
            TlType::Vector {
                boxed: false,
                inner,
            } if matches!(**inner, TlType::Bare(_)) => {
                quote!(#rt::wire::bare_vector_len(#v))
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
                    quote!(#rt::wire::vector_len_with(#v, #item))
                } else {
                    quote!(#rt::wire::bare_vector_len_with(#v, #item))
                }
            }
            _ => quote!(0),
        })
    }

    fn write(&self, ty: &TlType, v: TokenStream) -> TokenStream {
        let rt = &self.rt.path;
        match ty {
            _ if is_trait(ty) => quote!(#rt::Serialize::serialize(#v, out)),
            TlType::Bytes => quote!(#rt::wire::write_bytes(out, #v)),
            TlType::Bare(_) => quote!(#rt::BareSerialize::serialize_bare(#v, out)),
            TlType::Vector { boxed: true, inner } if **inner == TlType::Bytes => {
                quote!(#rt::wire::write_bytes_vector(out, #v))
            }
            TlType::Vector {
                boxed: false,
                inner,
            } if matches!(**inner, TlType::Bare(_)) => {
                quote!(#rt::wire::write_bare_vector(out, #v))
            }
            TlType::Vector { boxed, inner } => {
                let item = self.write(inner, quote!(x));
                if *boxed {
                    quote!(#rt::wire::write_vector_with(out, #v, |out, x| #item))
                } else {
                    quote!(#rt::wire::write_bare_vector_with(out, #v, |out, x| #item))
                }
            }
            _ => quote!(),
        }
    }

    /// An expression of type `Result<T, DecodeError>` reading from `r`. `T`
    /// is left to inference (the caller annotates the binding), which keeps
    /// type paths out of the `tri!` arguments that formatters print verbatim.
    pub(super) fn read(&self, ty: &TlType) -> TokenStream {
        let rt = &self.rt.path;
        match ty {
            _ if is_trait(ty) => quote!(#rt::Deserialize::deserialize(r)),
            TlType::Bytes => quote!(#rt::wire::read_bytes(r)),
            TlType::Bare(_) => quote!(#rt::BareDeserialize::deserialize_bare(r)),
            TlType::Vector { boxed: true, inner } if **inner == TlType::Bytes => {
                quote!(#rt::wire::read_bytes_vector(r))
            }
            TlType::Vector {
                boxed: false,
                inner,
            } if matches!(**inner, TlType::Bare(_)) => {
                quote!(#rt::wire::read_bare_vector(r))
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
            _ => quote!(Ok(::core::default::Default::default())),
        }
    }

    /// `BareSerialize` (+ `BareDeserialize` when `de`) for a struct with `fields`.
    pub(super) fn wire_impls(
        &self,
        ident: &TokenStream,
        generic: Option<&Ident>,
        fields: &[Field<'_>],
        de_cfg: Option<TokenStream>,
    ) -> TokenStream {
        let rt = &self.rt.path;
        let generic_name = generic.map(|g| g.to_string());
        let (impl_ser, impl_de, generics) = match generic {
            None => (quote!(), quote!(), quote!()),
            Some(g) => (
                quote!(<#g: #rt::Serialize>),
                quote!(<#g: #rt::Deserialize>),
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
        // A flag bit lives in a flags word, a local read or computed before
        // the fields it governs.
        let flag_word = |word: &str| -> TokenStream {
            let local = format_ident!("__{}", names::field_name(word));
            quote!(#local)
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
                                    Some(quote!(#rt::wire::flag_if(self.#gname, #bit)))
                                }
                                FieldKind::Value { flag: Some(fl), .. } if &fl.field == word => {
                                    let bit = Literal::u8_unsuffixed(fl.bit);
                                    Some(quote!(#rt::wire::flag_some(&self.#gname, #bit)))
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
                        plain: quote!(#rt::wire::write_flags(out, #value);),
                    });
                    let local = format_ident!("__{}", names::field_name(word));
                    read_run.push(FixedRead {
                        local: quote!(#local),
                        width: 4,
                        from: quote!(u32::from_le_bytes),
                        plain: quote!(let #local = #rt::tri!(#rt::wire::read_flags(r));),
                    });
                }
                FieldKind::TrueFlag(fl) => {
                    let local = flag_word(&fl.field);
                    let bit = Literal::u8_unsuffixed(fl.bit);
                    // No wire form: decoded from its word after all reads,
                    // so that it does not split a run of fixed-width reads.
                    flag_reads.push(quote!(let #name = #rt::wire::has_flag(#local, #bit);));
                    names.push(name);
                }
                FieldKind::Value { ty, flag } => {
                    let read = self.read(ty);
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
                            let plain = quote!(let #name: #rust_ty = #rt::tri!(#read););
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
                                folded |= flush_fixed(rt, &mut run, &mut writes);
                                writes.push(quote!(#w;));
                                flush_reads(rt, &mut read_run, &mut reads);
                                reads.push(plain);
                            }
                        }
                        Some(fl) => {
                            let local = flag_word(&fl.field);
                            let bit = Literal::u8_unsuffixed(fl.bit);
                            folded |= flush_fixed(rt, &mut run, &mut writes);
                            flush_reads(rt, &mut read_run, &mut reads);
                            if is_trait(ty) {
                                // One runtime call per use: far less for rustc
                                // to check than a `match` per field, and the
                                // same code once inlined.
                                lens.push(quote!(#rt::wire::opt_len(&self.#name)));
                                writes.push(quote!(#rt::wire::write_opt(out, &self.#name);));
                                reads.push(quote! {
                                    let #name: #rust_ty = #rt::tri!(#rt::wire::read_opt(r, #local, #bit));
                                });
                            } else {
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
                                writes.push(quote!(if let Some(x) = &self.#name { #w; }));
                                reads.push(quote! {
                                    let #name: #rust_ty = if #rt::wire::has_flag(#local, #bit) {
                                        Some(#rt::tri!(#read))
                                    } else {
                                        None
                                    };
                                });
                            }
                        }
                    }
                    names.push(name);
                }
            }
        }
        folded |= flush_fixed(rt, &mut run, &mut writes);
        flush_reads(rt, &mut read_run, &mut reads);
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
                        #rt::wire::write_u32(out, <Self as #rt::Identifiable>::CONSTRUCTOR_ID);
                    }
                },
            );
        }
        let ser = quote! {
            impl #impl_ser #rt::BareSerialize for #ident #generics {
                #[inline] fn bare_len(&self) -> usize { #len }
                #[inline] fn serialize_fields<const BOXED: bool>(&self, out: &mut Vec<u8>) { #(#writes)* }
            }
        };
        let Some(cfg) = de_cfg else { return ser };
        quote! {
            #ser
            #cfg
            impl #impl_de #rt::BareDeserialize for #ident #generics {
                #[inline] fn deserialize_bare(#r: &mut #rt::Reader<'_>) -> Result<Self, #rt::DecodeError> {
                    #(#reads)*
                    Ok(Self { #(#names),* })
                }
            }
        }
    }
}
