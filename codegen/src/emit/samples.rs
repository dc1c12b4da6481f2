//! The optional `samples` module: a deterministic sample value for every
//! generated item and a visitor over all of them, so a test can round-trip
//! every constructor and method of a layer (wire and JSON).
//!
//! Sample trees stay small: the top-level struct gets every optional field
//! and two-element vectors; one level down, options are `None`, vectors are
//! empty and each enum takes its *cheapest* constructor (fewest levels of
//! required nesting: the model's heights), so generation always
//! terminates. All flag bits of one struct are set or cleared together, so
//! `true` flags and values sharing a bit stay consistent.
//!
//! The generator and the primitive impls are `tlgen_runtime::sample`; the
//! `Visitor` trait comes from `tlgen_runtime::sample_visitor!`, expanded in
//! the generated crate so that its bounds follow the serde setting there.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::items::Gen;
use super::names;
use super::settings::Gate;
use crate::model::{CtorId, Field, FieldKind, Handle, Model, RustType, Type, GZIP_PACKED_ID};

/// The cheapest variant of a type (index into its variants): the
/// shallowest constructor by the model's heights, the first on a tie.
fn cheapest(gen: &Gen<'_, '_>, rust: &RustType) -> usize {
    let heights = gen.model.heights();
    let best = heights.shallowest(rust.variants.iter().map(|&c| Handle::Ctor(c)));
    rust.variants
        .iter()
        .position(|&c| best == Some(Handle::Ctor(c)))
        .unwrap_or(0)
}

/// The `samples` module's items, from the generator of its file.
pub fn samples_module(gen: &Gen<'_, '_>) -> TokenStream {
    let model = gen.model;
    let mut items = Vec::new();
    let mut visits = Vec::new();

    let struct_body = |fields: &[Field<'_>]| -> TokenStream {
        let inits = fields.iter().filter(|f| f.is_struct_field()).map(|f| {
            let name = names::ident(&f.name);
            match &f.kind {
                FieldKind::TrueFlag(_) => quote!(#name: present),
                FieldKind::Value { flag: Some(_), .. } => quote!(#name: if present {
                    Some(Sample::sample(g))
                } else {
                    None
                }),
                _ => quote!(#name: Sample::sample(g)),
            }
        });
        quote!(g.nested(|g| { let present = !g.deep(); let _ = present; Self { #(#inits,)* } }))
    };

    let rt = &gen.rt.path;
    for (_, c, rc) in model.rust_ctors() {
        let path = gen.path(&rc.path);
        let body = if rc.id == GZIP_PACKED_ID {
            // Its bytes must inflate to a boxed value.
            quote!(Self { packed_data: #rt::gzip::pack_gzip(&#rt::Object::sample(g).into_bytes()) })
        } else {
            struct_body(&c.fields)
        };
        items.push(quote! {
            impl Sample for #path {
                fn sample(g: &mut SampleGen) -> Self { #body }
            }
        });
    }
    for (_, ty, rust) in model.rust_types() {
        let path = gen.path(&rust.path);
        let arms = rust.variants.iter().enumerate().map(|(k, &c)| {
            let cpath = gen.path(&gen.rust_ctor(c).1.path);
            quote!(#k => <#cpath as Sample>::sample(g).into())
        });
        let n = rust.variants.len();
        let cheap_k = cheapest(gen, rust);
        items.push(quote! {
            impl Sample for #path {
                fn sample(g: &mut SampleGen) -> Self {
                    let k = if g.deep() { #cheap_k } else { (g.next_u64() as usize) % #n };
                    match k { #(#arms,)* _ => ::core::unreachable!() }
                }
            }
        });
        for &c in &rust.variants {
            let (_, rc) = gen.rust_ctor(c);
            let cpath = gen.path(&rc.path);
            let name = visit_name(model, ty, c);
            visits.push(quote!(v.visit(#name, #path::from(<#cpath as Sample>::sample(&mut SampleGen::new(seed))));));
        }
    }
    let first_plain = model
        .rust_funcs()
        .find(|(_, f, _)| f.generic.is_none())
        .map(|(_, _, rf)| gen.path(&rf.path));
    for (_, f, rf) in model.rust_funcs() {
        let path = gen.path(&rf.path);
        let body = struct_body(&f.fields);
        let name = &f.ir.name;
        match &f.generic {
            None => {
                items.push(quote! {
                    impl Sample for #path {
                        fn sample(g: &mut SampleGen) -> Self { #body }
                    }
                });
                visits.push(
                    quote!(v.visit(#name, <#path as Sample>::sample(&mut SampleGen::new(seed)));),
                );
            }
            Some(x) => {
                let x = format_ident!("{}", x);
                items.push(quote! {
                    impl<#x: Sample> Sample for #path<#x> {
                        fn sample(g: &mut SampleGen) -> Self { #body }
                    }
                });
                if let Some(inner) = &first_plain {
                    visits.push(quote!(v.visit(#name, <#path<#inner> as Sample>::sample(&mut SampleGen::new(seed)));));
                }
            }
        }
    }
    // The JSON bound where serde is generated; the macro's short form
    // means the `serde` feature.
    let json = match &gen.options.serde {
        Gate::Feature(name) if name == "serde" => quote!(),
        Gate::Off => quote!(no_json),
        Gate::On => quote!(json),
        gate @ Gate::Feature(_) => {
            let predicate = gate.predicate();
            quote!(json if #predicate)
        }
    };
    quote! {
        pub use #rt::sample::{Sample, SampleGen};
        #rt::sample_visitor!(#json);
        #(#items)*
        /// Visits a sample value of every constructor (wrapped in its type
        /// enum) and every method; `seed` varies the values.
        pub fn visit_all<V: Visitor>(v: &mut V, seed: u64) {
            #(#visits)*
        }
    }
}

/// The name a sample visitor is given for constructor `c` of type `ty`
/// (`Type/json_name`): the owned and the borrowed visitors must agree.
pub(super) fn visit_name(model: &Model<'_>, ty: &Type<'_>, c: CtorId) -> String {
    format!("{}/{}", ty.name, model.json_name(Handle::Ctor(c)))
}
