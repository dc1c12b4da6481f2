//! The construction API of request and constructor structs.
//!
//! Struct literals break whenever a layer adds a field, and almost every
//! layer adds optional (flag) fields. So every struct gets:
//! * `new(..)` taking only the unconditional fields, the ones the wire
//!   always carries, in wire order, with every flag field absent (`false` /
//!   `None`);
//! * one fluent setter per flag field, named after it (`.silent(true)`,
//!   `.reply_to(x)`), taking the value without its `Option`, its doc
//!   linking the field;
//! * `Default` where `new()` takes no argument (every field is optional):
//!   then `X::default()` is `X::new()`. A struct with an unconditional
//!   field has no meaningful default (`ImportChatInvite` with an empty
//!   hash is no request anyone means to send), so it gets none, and
//!   `new(..)` is the one way to build it.
//!
//! Code written as `new(..)` plus setters, or as struct update syntax over
//! `new(..)` (`Foo { silent: true, ..Foo::new(a, b) }`), keeps compiling when
//! a later layer adds optional fields; only a new unconditional field changes
//! `new`'s signature, and `tlgen diff` reports that as breaking.
//!
//! Values that are not plain numbers go in as `impl Into<T>` (`&str` for a
//! `String`, a constructor struct for its type enum). Both `new` and the
//! setters are generic or `#[inline]`, so a crate pays for the ones it calls.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::items::Gen;
use super::names;
use crate::model::{Field, FieldKind, Ty};

/// Method names a setter must not take: they would shadow the struct's
/// constructor or, in method-call syntax, the wire traits' methods.
const RESERVED: &[&str] = &[
    "new",
    "default",
    "clone",
    "to_bytes",
    "from_bytes",
    "serialize",
    "serialize_into",
    "serialized_len",
    "serialize_bare",
    "serialize_boxed",
    "serialize_fields",
    "bare_len",
    "deserialize",
    "deserialize_bare",
    "decode_response",
    "into",
    "try_into",
];

/// The setter of a flag field: the field's name, or `set_<name>` where that
/// is [`RESERVED`].
pub fn setter_name(field: &str) -> String {
    if RESERVED.contains(&field) {
        format!("set_{field}")
    } else {
        field.to_owned()
    }
}

/// Whether an argument is taken as `impl Into<T>`: not a `Copy` number or
/// flag (passed as it is), nor a method's generic query.
fn takes_into(ty: &Ty) -> bool {
    !ty.is_copy() && !matches!(ty, Ty::Query(_))
}

/// Whether the struct derives `Default`: when `new()` takes no argument
/// (no field is unconditional), so that the default is `new()`'s value.
pub fn derives_default(fields: &[Field<'_>]) -> bool {
    !fields.iter().any(is_argument)
}

/// Whether `new(..)` takes the field as an argument: an unconditional value.
fn is_argument(f: &Field<'_>) -> bool {
    matches!(f.kind, FieldKind::Value { flag: None, .. })
}

impl Gen<'_, '_> {
    /// `impl Struct { new(..); setters }` for a struct with `fields`;
    /// `generic` is a method's `{X:Type}` parameter.
    pub fn construction(
        &self,
        ident: &Ident,
        generic: Option<&str>,
        fields: &[Field<'_>],
    ) -> TokenStream {
        let mut args = Vec::new();
        let mut inits = Vec::new();
        let mut setters = Vec::new();
        for f in fields {
            let name = names::ident(&f.name);
            match &f.kind {
                FieldKind::FlagsWord
                | FieldKind::ObjectLength
                | FieldKind::ConstTrue
                | FieldKind::DocsOnly => {}
                FieldKind::TrueFlag(_) => {
                    inits.push(quote!(#name: false));
                    setters.push(self.setter(f, &name, quote!(bool), quote!(value)));
                }
                FieldKind::Value { ty, flag: Some(_) } => {
                    inits.push(quote!(#name: None));
                    let value = format_ident!("value");
                    let (param, converted) = self.input(ty, &value);
                    let value = converted.unwrap_or_else(|| quote!(#value));
                    setters.push(self.setter(f, &name, param, quote!(Some(#value))));
                }
                FieldKind::Value { ty, flag: None } => {
                    let (param, converted) = self.input(ty, &name);
                    args.push(quote!(#name: #param));
                    inits.push(match converted {
                        Some(value) => quote!(#name: #value),
                        None => quote!(#name),
                    });
                }
            }
        }
        let (impl_generics, self_ty) = match generic {
            Some(g) => {
                let g = format_ident!("{}", g);
                (quote!(<#g>), quote!(#ident<#g>))
            }
            None => (quote!(), quote!(#ident)),
        };
        let new_doc = self
            .docs
            .attrs(&new_doc(ident, !args.is_empty(), !setters.is_empty()));
        quote! {
            impl #impl_generics #self_ty {
                #new_doc
                #[must_use]
                #[inline]
                #[allow(clippy::too_many_arguments)]
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits),* }
                }
                #(#setters)*
            }
        }
    }

    /// The parameter type of a value, and the conversion of the argument
    /// `arg` into the field's type where it is not the field's type already.
    fn input(&self, ty: &Ty, arg: &Ident) -> (TokenStream, Option<TokenStream>) {
        let rust = self.rust_type(ty);
        if takes_into(ty) {
            (quote!(impl Into<#rust>), Some(quote!(#arg.into())))
        } else {
            (rust, None)
        }
    }

    fn setter(
        &self,
        f: &Field<'_>,
        name: &Ident,
        param: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        let method = names::ident(&setter_name(&f.name));
        let doc = self.docs.attrs(&format!("Sets {}.", field_link(&f.name)));
        quote! {
            #doc
            #[must_use]
            #[inline]
            pub fn #method(mut self, value: #param) -> Self {
                self.#name = #value;
                self
            }
        }
    }
}

/// The doc of `new`: what it takes (`arguments`: whether any field is
/// unconditional) and, where there are setters, that they set the rest.
fn new_doc(ident: &Ident, arguments: bool, setters: bool) -> String {
    let compatible = "Stays source-compatible when a layer adds optional fields.";
    match (arguments, setters) {
        (true, true) => format!(
            "Builds `{ident}` from its unconditional fields, every optional field absent; \
             set those with the methods below. {compatible}"
        ),
        (true, false) => {
            format!("Builds `{ident}` from its fields (none of them is optional). {compatible}")
        }
        (false, true) => format!(
            "Builds `{ident}` with every field absent (all of them are optional); set them \
             with the methods below. The same as `Default::default()`. {compatible}"
        ),
        (false, false) => format!("Builds `{ident}`, which has no fields."),
    }
}

/// A link to the struct field `name` (unraw) from a doc in the struct's
/// `impl`. `Self::name` would name the setter of the same name (rustdoc
/// prefers the method), and `field@` needs a newer rustdoc than the
/// generated code's minimum Rust, so the link goes to the field's anchor,
/// which also serves raw names (`r#final` is `structfield.final`).
fn field_link(name: &str) -> String {
    format!("[`{name}`](Self#structfield.{name})")
}
