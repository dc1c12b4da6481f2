//! The optional `samples` module: a deterministic sample value for every
//! generated item and a visitor over all of them, so a test can round-trip
//! every constructor and method of a layer (wire and JSON).
//!
//! Sample trees stay small: the top-level struct gets every optional field
//! and two-element vectors; one level down, options are `None`, vectors are
//! empty and each enum takes its *cheapest* constructor (fewest levels of
//! required nesting, computed here by a fixpoint), so generation always
//! terminates. All flag bits of one struct are set or cleared together, so
//! `true` flags and values sharing a bit stay consistent.

use proc_macro2::TokenStream;

use crate::ir::TlType;
use quote::{format_ident, quote};

use super::items::Gen;
use super::names;
use crate::registry::items::{FieldKind, Items};

const RUNTIME: &str = r#"/// Deterministic pseudo-random source for sample values.
#[derive(Debug, Clone, Default)]
pub struct SampleGen {
    state: u64,
    depth: u32,
}

impl SampleGen {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed, depth: 0 }
    }
    /// The next pseudo-random number.
    pub fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.state >> 33
    }
    /// Whether nested values should be minimal (past the first level).
    pub fn deep(&self) -> bool {
        self.depth >= 2
    }
    /// Runs `f` one level deeper.
    pub fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.depth += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }
}

/// A type with a deterministic sample value.
pub trait Sample: Sized {
    /// A sample value drawn from `g`.
    fn sample(g: &mut SampleGen) -> Self;
}

impl Sample for i32 {
    fn sample(g: &mut SampleGen) -> Self {
        g.next() as i32
    }
}
impl Sample for i64 {
    fn sample(g: &mut SampleGen) -> Self {
        (g.next() as i64).wrapping_mul(-0x1_0001)
    }
}
impl Sample for f64 {
    fn sample(g: &mut SampleGen) -> Self {
        (g.next() % 100_000) as f64 / 4.0 - 1000.0
    }
}
impl Sample for bool {
    fn sample(g: &mut SampleGen) -> Self {
        g.next() & 1 == 1
    }
}
impl Sample for u8 {
    fn sample(g: &mut SampleGen) -> Self {
        g.next() as u8
    }
}
impl<const N: usize> Sample for [u8; N] {
    fn sample(g: &mut SampleGen) -> Self {
        core::array::from_fn(|_| g.next() as u8)
    }
}
impl Sample for String {
    fn sample(g: &mut SampleGen) -> Self {
        match g.next() % 4 {
            0 => String::new(),
            1 => "é ✓".into(),
            2 => "x".repeat(300),
            _ => format!("s{}", g.next()),
        }
    }
}
impl<T: Sample> Sample for Vec<T> {
    fn sample(g: &mut SampleGen) -> Self {
        if g.deep() {
            Vec::new()
        } else {
            g.nested(|g| vec![T::sample(g), T::sample(g)])
        }
    }
}
impl<T: Sample> Sample for Box<T> {
    fn sample(g: &mut SampleGen) -> Self {
        Box::new(T::sample(g))
    }
}

/// Extra bounds the visitor needs: the JSON form with the `serde` feature.
#[cfg(feature = "serde")]
pub trait Json: serde::Serialize + serde::de::DeserializeOwned {}
#[cfg(feature = "serde")]
impl<T: serde::Serialize + serde::de::DeserializeOwned> Json for T {}
/// Extra bounds the visitor needs: the JSON form with the `serde` feature.
#[cfg(not(feature = "serde"))]
pub trait Json {}
#[cfg(not(feature = "serde"))]
impl<T> Json for T {}

/// Receives every sample value.
pub trait Visitor {
    /// One value, named by its TL name (`Type/constructor` for enum-wrapped ones).
    fn visit<T>(&mut self, name: &str, value: T)
    where
        T: tlgen_runtime::Serialize
            + tlgen_runtime::Deserialize
            + ::core::fmt::Debug
            + ::core::cmp::PartialEq
            + Json;
}
"#;

/// The cheapest variant of each type (index into `Type::variants`): the
/// shallowest constructor by the registry's heights, the first on a tie.
fn cheapest(model: &Items<'_>) -> Vec<usize> {
    let heights = model.reg.heights();
    model
        .types
        .iter()
        .map(|t| {
            let at = |v: usize| model.reg.constructor(&model.ctors[v].ir.name).map(|e| e.at);
            let best = heights.shallowest(t.variants.iter().filter_map(|&v| at(v)));
            t.variants
                .iter()
                .position(|&v| best.is_some() && at(v) == best)
                .unwrap_or(0)
        })
        .collect()
}

/// The `samples` module's items.
pub fn samples_module(model: &Items<'_>, root: &str) -> TokenStream {
    let gen = Gen::new(model, root);
    let cheap = cheapest(model);
    let mut items = Vec::new();
    let mut visits = Vec::new();

    let struct_body = |fields: &[crate::registry::items::Field<'_>]| -> TokenStream {
        let inits = fields.iter().filter(|f| f.is_field()).map(|f| {
            let name = names::ident(&f.name);
            match &f.kind {
                FieldKind::TrueFlag(_) => quote!(#name: present),
                FieldKind::Value { flag: Some(_), .. } => quote!(#name: if present {
                    Some(Sample::sample(g))
                } else {
                    None
                }),
                FieldKind::Value {
                    ty: TlType::True,
                    flag: None,
                } => quote!(#name: false),
                _ => quote!(#name: Sample::sample(g)),
            }
        });
        quote!(g.nested(|g| { let present = !g.deep(); let _ = present; Self { #(#inits,)* } }))
    };

    for c in &model.ctors {
        let path = gen.path(&c.path);
        let body = struct_body(&c.fields);
        items.push(quote! {
            impl Sample for #path {
                fn sample(g: &mut SampleGen) -> Self { #body }
            }
        });
    }
    for (t, ty) in model.types.iter().enumerate() {
        let path = gen.path(&ty.path);
        let arms = ty.variants.iter().enumerate().map(|(k, &i)| {
            let c = &model.ctors[i];
            let cpath = gen.path(&c.path);
            quote!(#k => <#cpath as Sample>::sample(g).into())
        });
        let n = ty.variants.len();
        let cheap_k = cheap[t];
        items.push(quote! {
            impl Sample for #path {
                fn sample(g: &mut SampleGen) -> Self {
                    let k = if g.deep() { #cheap_k } else { (g.next() as usize) % #n };
                    match k { #(#arms,)* _ => ::core::unreachable!() }
                }
            }
        });
        for &i in &ty.variants {
            let c = &model.ctors[i];
            let cpath = gen.path(&c.path);
            let name = format!("{}/{}", ty.name, c.json_name);
            visits.push(quote!(v.visit(#name, #path::from(<#cpath as Sample>::sample(&mut SampleGen::new(seed))));));
        }
    }
    let first_plain = model
        .funcs
        .iter()
        .find(|f| f.generic.is_none())
        .map(|f| gen.path(&f.path));
    for f in &model.funcs {
        let path = gen.path(&f.path);
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
    quote! {
        #(#items)*
        /// Visits a sample value of every constructor (wrapped in its type
        /// enum) and every method; `seed` varies the values.
        pub fn visit_all<V: Visitor>(v: &mut V, seed: u64) {
            #(#visits)*
        }
    }
}

/// The fixed part of the module (generator, trait, primitive impls).
pub fn runtime_text() -> &'static str {
    RUNTIME
}
