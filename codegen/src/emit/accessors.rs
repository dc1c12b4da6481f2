//! What a type enum offers beyond its variants: the accessors of the
//! fields every variant has ([`crate::model::accessors`] decides which,
//! their names and how they return), and the note on the enum's docs that
//! a boxed variant cannot be matched through in a nested pattern.

use proc_macro2::TokenStream;
use quote::quote;

use super::items::Gen;
use super::names;
use crate::model::{Accessor, FieldKind, Return, TypeId};

impl Gen<'_, '_> {
    /// `impl Enum { fn field(&self) -> .. }` for the accessors of type
    /// `at`, or nothing when it has none.
    pub(super) fn accessors_impl(&self, at: TypeId, ident: &proc_macro2::Ident) -> TokenStream {
        let accessors = self.model.accessors(at);
        if accessors.is_empty() {
            return quote!();
        }
        let t = self.model.ty(at);
        let variants: Vec<_> = t
            .rust
            .as_ref()
            .map(|rust| &rust.variants[..])
            .unwrap_or_default()
            .iter()
            .map(|&c| names::ident(&self.rust_ctor(c).1.variant))
            .collect();
        let methods = accessors.iter().map(|a| {
            let method = names::ident(&a.method);
            let field = names::ident(&a.field);
            let (ret, value) = self.accessor_return(a, quote!(x.#field));
            let doc = self.docs.attrs(&self.accessor_doc(at, a));
            quote! {
                #doc
                #[must_use]
                #[inline]
                pub fn #method(&self) -> #ret {
                    match self { #(Self::#variants(x) => #value,)* }
                }
            }
        });
        quote!(impl #ident { #(#methods)* })
    }

    /// The return type of an accessor and the expression that turns the
    /// field `place` (through a variant's `&Struct` or `&Box<Struct>`) into
    /// it ([`Accessor::returns`]).
    fn accessor_return(&self, a: &Accessor, place: TokenStream) -> (TokenStream, TokenStream) {
        let borrowed = match a.returns() {
            Return::Copy => {
                let ty = self.rust_type(&a.ty);
                let ty = if a.optional { quote!(Option<#ty>) } else { ty };
                return (ty, place);
            }
            Return::Str => quote!(&str),
            Return::Bytes => quote!(&[u8]),
            Return::Slice(elem) => {
                let elem = self.rust_type(elem);
                quote!(&[#elem])
            }
            Return::Ref => {
                let ty = self.rust_type(&a.ty);
                quote!(&#ty)
            }
        };
        match (a.optional, a.returns()) {
            (false, _) => (borrowed, quote!(&#place)),
            (true, Return::Ref) => (quote!(Option<#borrowed>), quote!(#place.as_ref())),
            (true, _) => (quote!(Option<#borrowed>), quote!(#place.as_deref())),
        }
    }

    fn accessor_doc(&self, at: TypeId, a: &Accessor) -> String {
        let t = self.model.ty(at);
        let tl = if a.tl_name == a.field {
            String::new()
        } else {
            format!(" (TL `{}`)", a.tl_name)
        };
        let mut doc = format!(
            "The `{}` field{tl} of whichever constructor this is: every constructor of `{}` \
             has it.",
            a.field, t.name
        );
        // The field's own description, where every constructor that
        // describes it says the same.
        let rust = t.rust.as_ref().map(|r| &r.variants[..]).unwrap_or_default();
        let descriptions: std::collections::BTreeSet<&str> = rust
            .iter()
            .filter_map(|&c| {
                let field = self
                    .model
                    .ctor(c)
                    .fields
                    .iter()
                    .find(|f| f.name == a.field)?;
                Some(field.param.description.trim()).filter(|d| !d.is_empty())
            })
            .collect();
        if let [description] = descriptions.into_iter().collect::<Vec<_>>()[..] {
            let rendered = self.render(description);
            if !rendered.trim().is_empty() {
                doc.push_str("\n\n");
                doc.push_str(rendered.trim());
            }
        }
        doc
    }

    /// The paragraph for a type enum with a boxed variant: a nested pattern
    /// cannot see through the `Box` (E0308), and the patterns that work,
    /// with the enum's own first boxed variant.
    pub(super) fn boxed_pattern_note(&self, at: TypeId) -> Option<String> {
        let rust = self.model.ty(at).rust.as_ref()?;
        let mut boxed = (rust.variants.iter())
            .map(|&c| self.rust_ctor(c))
            .filter(|(_, rc)| rc.boxed.is_some());
        let (ctor, rc) = boxed.next()?;
        let more = boxed.count();
        // A plain value reads best in the example; else any field.
        let field = (ctor.fields.iter())
            .find(|f| matches!(f.kind, FieldKind::Value { flag: None, .. }))
            .or_else(|| ctor.fields.iter().find(|f| f.is_struct_field()))?;
        let field = names::ident(&field.name);
        let enum_path = rust.path.display();
        let variant = format!("{enum_path}::{}", rc.variant);
        let strukt = rc.path.display();
        let which = match more {
            0 => format!("`{variant}` holds its struct boxed (`Box<{strukt}>`)"),
            n => format!(
                "`{variant}` and {n} more variants hold their structs boxed (`Box<{strukt}>`; \
                 each says \"Boxed\")"
            ),
        };
        Some(format!(
            "{which}, and a pattern cannot look through a `Box`: \
             `{variant}({strukt} {{ {field}, .. }})` does not compile (E0308, mismatched \
             types). Bind the box, then use its fields or match on what it holds:\n\n\
             ```text\n\
             if let {variant}(x) = &value {{\n    \
                 let {field} = &x.{field};\n    \
                 let {strukt} {{ {field}, .. }} = &**x;\n\
             }}\n\
             ```"
        ))
    }
}
