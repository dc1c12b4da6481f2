//! Wire bodies: the `BareSerialize`/`BareDeserialize` impls of constructor
//! and method structs (sizes, writes with runs of fixed-width fields
//! coalesced, flags words computed from the fields, reads), apart from the
//! item shells in [`super::items`].

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::items::Gen;
use super::names;
use crate::model::{Field, FieldKind, Prim, Ty};

/// The size of a value on the wire: a constant or an expression.
enum Size {
    Fixed(usize),
    Expr(TokenStream),
}

/// The primitive of an unconditional field that joins a coalesced run of
/// fixed-width writes and reads ([`crate::model::PrimInfo::joins_run`]).
fn run_prim(ty: &Ty) -> Option<Prim> {
    ty.prim().filter(|p| p.info().joins_run())
}

/// The Rust number type of a fixed-width primitive, converted to and from
/// `[u8; width]` by path calls (`i64::to_le_bytes(x)`: no method lookup for
/// rustc); `None` for `int128`/`int256`, which stay byte arrays.
fn number_type(prim: Prim) -> Option<Ident> {
    prim.info().number.map(|n| format_ident!("{}", n))
}

/// The `[u8; width]` expression of a field that joins a run.
fn fixed_bytes(prim: Prim, v: &TokenStream) -> TokenStream {
    match number_type(prim) {
        Some(n) => quote!(#n::to_le_bytes(#v)),
        None => quote!(#v),
    }
}

/// One unconditional fixed-width write in a run that `flush_fixed` coalesces:
/// its width, a `[u8; width]` expression, and the plain write it replaces.
struct FixedPart {
    width: usize,
    bytes: TokenStream,
    plain: TokenStream,
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
struct FixedRead {
    local: TokenStream,
    width: usize,
    from: TokenStream,
    plain: TokenStream,
}

/// Reads a run of fixed-width fields: a lone one as it is, two or more with
/// one bounds-checked `read_array` split at constant offsets (one early
/// return for the whole run instead of one per field).
fn flush_reads(rt: &TokenStream, run: &mut Vec<FixedRead>, reads: &mut Vec<TokenStream>) {
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
fn fixed_from(prim: Prim) -> TokenStream {
    match number_type(prim) {
        Some(n) => quote!(#n::from_le_bytes),
        None => quote!(),
    }
}

/// Whether `ty` is byte data in Rust (`Vec<u8>`): TL `bytes`, and the
/// MTProto service schema's `string` ([`Prim::StringBytes`]), which share
/// one wire form and go through the runtime's byte helpers.
fn is_bytes(ty: &Ty) -> bool {
    matches!(ty.prim(), Some(Prim::Bytes | Prim::StringBytes))
}

impl Gen<'_, '_> {
    fn size(&self, ty: &Ty, v: TokenStream) -> Size {
        if let Some(n) = ty.fixed_size() {
            return Size::Fixed(n);
        }
        let rt = &self.rt.path;
        Size::Expr(match ty {
            _ if ty.has_wire_traits() => quote!(#rt::Serialize::serialized_len(#v)),
            _ if is_bytes(ty) => quote!(#rt::wire::bytes_len(#v)),
            Ty::Struct(_) => quote!(#rt::BareSerialize::bare_len(#v)),
            Ty::Vector { boxed: true, elem } if is_bytes(elem) => {
                quote!(#rt::wire::bytes_vector_len(#v))
            }
            Ty::Vector { boxed: false, elem } if matches!(**elem, Ty::Struct(_)) => {
                quote!(#rt::wire::bare_vector_len(#v))
            }
            Ty::Vector { boxed, elem } => {
                let item = match self.size(elem, quote!(x)) {
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

    fn write(&self, ty: &Ty, v: TokenStream) -> TokenStream {
        let rt = &self.rt.path;
        match ty {
            _ if ty.has_wire_traits() => quote!(#rt::Serialize::serialize(#v, out)),
            _ if is_bytes(ty) => quote!(#rt::wire::write_bytes(out, #v)),
            Ty::Struct(_) => quote!(#rt::BareSerialize::serialize_bare(#v, out)),
            Ty::Vector { boxed: true, elem } if is_bytes(elem) => {
                quote!(#rt::wire::write_bytes_vector(out, #v))
            }
            Ty::Vector { boxed: false, elem } if matches!(**elem, Ty::Struct(_)) => {
                quote!(#rt::wire::write_bare_vector(out, #v))
            }
            Ty::Vector { boxed, elem } => {
                let item = self.write(elem, quote!(x));
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
    /// Vector counts are checked against the model's minimum element size.
    fn read(&self, ty: &Ty) -> TokenStream {
        let rt = &self.rt.path;
        match ty {
            _ if ty.has_wire_traits() => quote!(#rt::Deserialize::deserialize(r)),
            _ if is_bytes(ty) => quote!(#rt::wire::read_bytes(r)),
            Ty::Struct(_) => quote!(#rt::BareDeserialize::deserialize_bare(r)),
            Ty::Vector { boxed: true, elem } if is_bytes(elem) => {
                quote!(#rt::wire::read_bytes_vector(r))
            }
            Ty::Vector { boxed, elem } => {
                let min = Literal::usize_unsuffixed(self.model.min_size(elem));
                let item = match **elem {
                    // A function path, not a closure: formatters print the
                    // `tri!` arguments this lands in verbatim.
                    Ty::Struct(_) => quote!(#rt::BareDeserialize::deserialize_bare),
                    _ => {
                        let item = self.read(elem);
                        quote!(|r| #item)
                    }
                };
                if *boxed {
                    quote!(#rt::wire::read_vector_with(r, #min, #item))
                } else {
                    quote!(#rt::wire::read_bare_vector_with(r, #min, #item))
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
        // The local holding the length an `ObjectLength` field read for the
        // `Object` after it.
        let mut frame: Option<Ident> = None;
        for (i, f) in fields.iter().enumerate() {
            let name = names::ident(&f.name);
            match &f.kind {
                FieldKind::DocsOnly | FieldKind::ConstTrue => {}
                FieldKind::ObjectLength => {
                    // The length of the `Object` after it: written from
                    // the value, read into a local that frames the value.
                    fixed += 4;
                    let value = names::ident(&fields[i + 1].name);
                    let len = quote!(#rt::Object::wire_len(&self.#value));
                    run.push(FixedPart {
                        width: 4,
                        bytes: quote!(u32::to_le_bytes(#len)),
                        plain: quote!(#rt::wire::write_u32(out, #len);),
                    });
                    let local = format_ident!("__{}", names::field_name(&f.param.name));
                    read_run.push(FixedRead {
                        local: quote!(#local),
                        width: 4,
                        from: quote!(u32::from_le_bytes),
                        plain: quote!(let #local = #rt::tri!(r.read_u32());),
                    });
                    frame = Some(local);
                }
                FieldKind::FlagsWord => {
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
                    let read = match frame.take() {
                        Some(len) => quote!(#rt::Object::read_framed(r, #len)),
                        None => self.read(ty),
                    };
                    let rust_ty = self.field_type(f);
                    match flag {
                        None => {
                            match self.size(ty, quote!(&self.#name)) {
                                Size::Fixed(n) => fixed += n,
                                Size::Expr(e) => lens.push(e),
                            }
                            let w = self.write(ty, quote!(&self.#name));
                            let plain = quote!(let #name: #rust_ty = #rt::tri!(#read););
                            if let Some(prim) = run_prim(ty) {
                                let width = ty.fixed_size().unwrap_or_default();
                                run.push(FixedPart {
                                    width,
                                    bytes: fixed_bytes(prim, &quote!(self.#name)),
                                    plain: quote!(#w;),
                                });
                                read_run.push(FixedRead {
                                    local: quote!(#name),
                                    width,
                                    from: fixed_from(prim),
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
                            if ty.has_wire_traits() {
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
