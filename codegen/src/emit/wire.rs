//! Wire bodies: the `BareSerialize`/`BareDeserialize` impls of constructor
//! and method structs (sizes, writes with runs of fixed-width fields
//! coalesced, flags words computed from the fields, reads), apart from the
//! item shells in [`super::items`]. The reads are built by [`read_body`],
//! which the borrowed form ([`super::borrowed`]) shares.

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

/// How a read body ([`read_body`]) reads the values of a struct's fields:
/// the owned decoders ([`OwnedReads`]) or the borrowed ones
/// ([`super::borrowed`]). Everything else (flags words, `true` flags, an
/// `Object`'s length, runs of fixed-width fields) is read alike in both.
pub(super) trait ValueReads {
    /// The Rust type of a struct field, as the binding is annotated.
    fn field_type(&self, f: &Field<'_>) -> TokenStream;
    /// An expression of type `Result<T, DecodeError>` reading a value of
    /// `ty` from `r`.
    fn read(&self, ty: &Ty) -> TokenStream;
    /// The same for an `Object` as long as the local `len` says
    /// ([`FieldKind::ObjectLength`]).
    fn read_framed(&self, len: &Ident) -> TokenStream;
    /// The runtime function that reads a conditional value of `ty` given
    /// its flags word and bit (`wire::read_opt`), where there is one: one
    /// call per field, far less for rustc to check than a `match`, and the
    /// same code once inlined.
    fn read_opt(&self, ty: &Ty) -> Option<TokenStream>;
}

/// The owned decoders: the `BareDeserialize` bodies of [`Gen::wire_impls`].
pub(super) struct OwnedReads<'g, 'm, 'a>(pub(super) &'g Gen<'m, 'a>);

impl ValueReads for OwnedReads<'_, '_, '_> {
    fn field_type(&self, f: &Field<'_>) -> TokenStream {
        self.0.field_type(f)
    }

    fn read(&self, ty: &Ty) -> TokenStream {
        self.0.read(ty)
    }

    fn read_framed(&self, len: &Ident) -> TokenStream {
        let rt = &self.0.rt.path;
        quote!(#rt::Object::read_framed(r, #len))
    }

    fn read_opt(&self, ty: &Ty) -> Option<TokenStream> {
        let rt = &self.0.rt.path;
        ty.has_wire_traits().then(|| quote!(#rt::wire::read_opt))
    }
}

/// The local a flags word or an `Object`'s length is read into
/// (`__flags`), named after its param.
fn word_local(param: &str) -> Ident {
    format_ident!("__{}", names::field_name(param))
}

/// The statements that read a struct's fields from `r` in wire order, and
/// the field names they bind (in field order). Runs of fixed-width values
/// are read with one bounds check ([`flush_reads`]); `true` flags are
/// decoded from their word after all reads, so that they do not split a
/// run.
pub(super) fn read_body(
    rt: &TokenStream,
    fields: &[Field<'_>],
    values: &impl ValueReads,
) -> (Vec<TokenStream>, Vec<Ident>) {
    let mut reads: Vec<TokenStream> = Vec::new();
    let mut run: Vec<FixedRead> = Vec::new();
    let mut flag_reads: Vec<TokenStream> = Vec::new();
    let mut bound: Vec<Ident> = Vec::new();
    // The local holding the length an `ObjectLength` field read for the
    // `Object` after it.
    let mut frame: Option<Ident> = None;
    for f in fields {
        let name = names::ident(&f.name);
        match &f.kind {
            FieldKind::DocsOnly | FieldKind::ConstTrue => {}
            FieldKind::ObjectLength | FieldKind::FlagsWord => {
                let local = word_local(&f.param.name);
                let plain = match f.kind {
                    FieldKind::FlagsWord => {
                        quote!(let #local = #rt::tri!(#rt::wire::read_flags(r));)
                    }
                    _ => quote!(let #local = #rt::tri!(r.read_u32());),
                };
                run.push(FixedRead {
                    local: quote!(#local),
                    width: 4,
                    from: quote!(u32::from_le_bytes),
                    plain,
                });
                if matches!(f.kind, FieldKind::ObjectLength) {
                    frame = Some(local);
                }
            }
            FieldKind::TrueFlag(fl) => {
                let local = word_local(&fl.field);
                let bit = Literal::u8_unsuffixed(fl.bit);
                flag_reads.push(quote!(let #name = #rt::wire::has_flag(#local, #bit);));
                bound.push(name);
            }
            FieldKind::Value { ty, flag } => {
                let read = match frame.take() {
                    Some(len) => values.read_framed(&len),
                    None => values.read(ty),
                };
                let rust_ty = values.field_type(f);
                match flag {
                    None => {
                        let plain = quote!(let #name: #rust_ty = #rt::tri!(#read););
                        if let Some(prim) = run_prim(ty) {
                            run.push(FixedRead {
                                local: quote!(#name),
                                width: ty.fixed_size().unwrap_or_default(),
                                from: fixed_from(prim),
                                plain,
                            });
                        } else {
                            flush_reads(rt, &mut run, &mut reads);
                            reads.push(plain);
                        }
                    }
                    Some(fl) => {
                        let local = word_local(&fl.field);
                        let bit = Literal::u8_unsuffixed(fl.bit);
                        flush_reads(rt, &mut run, &mut reads);
                        reads.push(match values.read_opt(ty) {
                            Some(read_opt) => quote! {
                                let #name: #rust_ty = #rt::tri!(#read_opt(r, #local, #bit));
                            },
                            None => quote! {
                                let #name: #rust_ty = if #rt::wire::has_flag(#local, #bit) {
                                    Some(#rt::tri!(#read))
                                } else {
                                    None
                                };
                            },
                        });
                    }
                }
                bound.push(name);
            }
        }
    }
    flush_reads(rt, &mut run, &mut reads);
    reads.append(&mut flag_reads);
    (reads, bound)
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

/// A vector read of either form: the count checked against `min` (the
/// model's minimum element size) before anything is reserved, each element
/// read by `bare_fn` when it is a bare struct (a function path, not a
/// closure: formatters print the `tri!` arguments this lands in verbatim),
/// else by the expression `read_elem` gives.
pub(super) fn read_vector(
    rt: &TokenStream,
    min: usize,
    boxed: bool,
    elem: &Ty,
    bare_fn: TokenStream,
    read_elem: impl FnOnce(&Ty) -> TokenStream,
) -> TokenStream {
    let min = Literal::usize_unsuffixed(min);
    let item = match elem {
        Ty::Struct(_) => bare_fn,
        _ => {
            let item = read_elem(elem);
            quote!(|r| #item)
        }
    };
    if boxed {
        quote!(#rt::wire::read_vector_with(r, #min, #item))
    } else {
        quote!(#rt::wire::read_bare_vector_with(r, #min, #item))
    }
}

/// The `[u8; N]` -> value conversion of a fixed-width field in a read run.
fn fixed_from(prim: Prim) -> TokenStream {
    match number_type(prim) {
        Some(n) => quote!(#n::from_le_bytes),
        None => quote!(),
    }
}

/// Whether `ty` is byte data written through the runtime's `bytes`
/// helpers: a primitive without wire traits of its own (`bytes`, MTProto's
/// `string`: both `Vec<u8>`).
fn is_byte_data(ty: &Ty) -> bool {
    ty.prim().is_some_and(|p| !p.info().wire_traits)
}

impl Gen<'_, '_> {
    fn size(&self, ty: &Ty, v: TokenStream) -> Size {
        if let Some(n) = ty.fixed_size() {
            return Size::Fixed(n);
        }
        let rt = &self.rt.path;
        Size::Expr(match ty {
            _ if ty.has_wire_traits() => quote!(#rt::Serialize::serialized_len(#v)),
            _ if is_byte_data(ty) => quote!(#rt::wire::bytes_len(#v)),
            Ty::Struct(_) => quote!(#rt::BareSerialize::bare_len(#v)),
            Ty::Vector { boxed: true, elem } if is_byte_data(elem) => {
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
            Ty::Prim(_) | Ty::Enum(_) | Ty::Query(_) | Ty::QueryResult(_) | Ty::Object => {
                unreachable!("fixed-size or with wire traits: handled above")
            }
            Ty::Unresolved(_) => unreachable!("a checked model resolves every type"),
        })
    }

    fn write(&self, ty: &Ty, v: TokenStream) -> TokenStream {
        let rt = &self.rt.path;
        match ty {
            _ if ty.has_wire_traits() => quote!(#rt::Serialize::serialize(#v, out)),
            _ if is_byte_data(ty) => quote!(#rt::wire::write_bytes(out, #v)),
            Ty::Struct(_) => quote!(#rt::BareSerialize::serialize_bare(#v, out)),
            Ty::Vector { boxed: true, elem } if is_byte_data(elem) => {
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
            Ty::Prim(_) | Ty::Enum(_) | Ty::Query(_) | Ty::QueryResult(_) | Ty::Object => {
                unreachable!("with wire traits: handled above")
            }
            Ty::Unresolved(_) => unreachable!("a checked model resolves every type"),
        }
    }

    /// An expression of type `Result<T, DecodeError>` reading from `r`. `T`
    /// is left to inference (the caller annotates the binding), which keeps
    /// type paths out of the `tri!` arguments that formatters print verbatim.
    /// Vector counts are checked against the model's minimum element size.
    pub(super) fn read(&self, ty: &Ty) -> TokenStream {
        let rt = &self.rt.path;
        match ty {
            _ if ty.has_wire_traits() => quote!(#rt::Deserialize::deserialize(r)),
            _ if is_byte_data(ty) => quote!(#rt::wire::read_bytes(r)),
            Ty::Struct(_) => quote!(#rt::BareDeserialize::deserialize_bare(r)),
            Ty::Vector { boxed: true, elem } if is_byte_data(elem) => {
                quote!(#rt::wire::read_bytes_vector(r))
            }
            Ty::Vector { boxed, elem } => read_vector(
                rt,
                self.model.min_size(elem),
                *boxed,
                elem,
                quote!(#rt::BareDeserialize::deserialize_bare),
                |elem| self.read(elem),
            ),
            Ty::Prim(_) | Ty::Enum(_) | Ty::Query(_) | Ty::QueryResult(_) | Ty::Object => {
                unreachable!("with wire traits: handled above")
            }
            Ty::Unresolved(_) => unreachable!("a checked model resolves every type"),
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
        for (i, f) in fields.iter().enumerate() {
            let name = names::ident(&f.name);
            match &f.kind {
                FieldKind::DocsOnly | FieldKind::ConstTrue | FieldKind::TrueFlag(_) => {}
                FieldKind::ObjectLength => {
                    // The length of the `Object` after it, written from the
                    // value (read, it frames the value: `read_body`).
                    fixed += 4;
                    let value = names::ident(&fields[i + 1].name);
                    let len = quote!(#rt::Object::wire_len(&self.#value));
                    run.push(FixedPart {
                        width: 4,
                        bytes: quote!(u32::to_le_bytes(#len)),
                        plain: quote!(#rt::wire::write_u32(out, #len);),
                    });
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
                }
                FieldKind::Value { ty, flag: None } => {
                    match self.size(ty, quote!(&self.#name)) {
                        Size::Fixed(n) => fixed += n,
                        Size::Expr(e) => lens.push(e),
                    }
                    let w = self.write(ty, quote!(&self.#name));
                    if let Some(prim) = run_prim(ty) {
                        run.push(FixedPart {
                            width: ty.fixed_size().unwrap_or_default(),
                            bytes: fixed_bytes(prim, &quote!(self.#name)),
                            plain: quote!(#w;),
                        });
                    } else {
                        folded |= flush_fixed(rt, &mut run, &mut writes);
                        writes.push(quote!(#w;));
                    }
                }
                FieldKind::Value { ty, flag: Some(_) } => {
                    folded |= flush_fixed(rt, &mut run, &mut writes);
                    if ty.has_wire_traits() {
                        // One runtime call per use, as `read_body` reads it.
                        lens.push(quote!(#rt::wire::opt_len(&self.#name)));
                        writes.push(quote!(#rt::wire::write_opt(out, &self.#name);));
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
                    }
                }
            }
        }
        folded |= flush_fixed(rt, &mut run, &mut writes);
        let fixed_lit = Literal::usize_unsuffixed(fixed);
        let len = match (fixed, lens.is_empty()) {
            (0, true) => quote!(0),
            (0, false) => quote!(#(#lens)+*),
            (_, true) => quote!(#fixed_lit),
            (_, false) => quote!(#fixed_lit #(+ #lens)*),
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
        let (reads, names) = read_body(rt, fields, &OwnedReads(self));
        let r = if reads.is_empty() {
            quote!(_r)
        } else {
            quote!(r)
        };
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
