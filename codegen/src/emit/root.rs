//! Items of the tree root that describe the layer as a whole: its `LAYER`
//! number and `name_for_id`, the reverse lookup that lets a decode error say
//! what it met (`expected Updates, got messages.affectedMessages#...`).

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::items::lit_u32_hex;
use crate::model::Model;

/// `pub const LAYER` (when the schema declares one) and `pub fn name_for_id`.
pub fn layer_items(model: &Model<'_>) -> TokenStream {
    let layer = model
        .api
        .layer
        .and_then(|n| i32::try_from(n).ok())
        .map(|n| {
            let layer = Literal::i32_unsuffixed(n);
            let doc = format!(
                " The API layer these bindings were generated for ({n}): what \
             `invokeWithLayer` announces to the server."
            );
            quote! {
                #[doc = #doc]
                pub const LAYER: i32 = #layer;
            }
        });
    // One name per ID: an ID shared by several secret-chat layers' copies of
    // a constructor has one wire name; the first in sorted order stands.
    let mut names: BTreeMap<u32, &str> = BTreeMap::new();
    for (_, c, rc) in model.rust_ctors() {
        names.entry(rc.id).or_insert(c.tl_name);
    }
    for (_, f, rf) in model.rust_funcs() {
        names.entry(rf.id).or_insert(f.ir.name.as_str());
    }
    let arms = names.iter().map(|(&id, &name)| {
        let id = lit_u32_hex(id);
        quote!(#id => ::core::option::Option::Some(#name))
    });
    quote! {
        #layer
        /// The TL name of the constructor or method with constructor ID `id`
        /// in this layer (`0x9815cec8` -> `"updatesTooLong"`), if any.
        #[must_use]
        pub fn name_for_id(id: u32) -> ::core::option::Option<&'static str> {
            match id {
                #(#arms,)*
                _ => ::core::option::Option::None,
            }
        }
    }
}
