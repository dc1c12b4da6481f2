//! Temporary stand-in for `emit::errors` (written by
//! another helper) with the agreed signatures; removed once those land.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{Api, Method};

/// Stand-in: an error enum with only the fallback.
pub fn method_error_enum(_api: &Api, method: &Method, enum_ident: &Ident) -> TokenStream {
    let doc = format!("Errors of `{}`.", method.name);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #enum_ident {
            /// Any error.
            Other(tl_runtime::RpcError),
        }
        impl ::core::convert::From<tl_runtime::RpcError> for #enum_ident {
            fn from(e: tl_runtime::RpcError) -> Self { Self::Other(e) }
        }
        impl ::core::fmt::Display for #enum_ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self { Self::Other(e) => ::core::fmt::Display::fmt(e, f) }
            }
        }
        impl ::std::error::Error for #enum_ident {}
    }
}

/// Stand-in: nothing.
pub fn all_errors_enum(_api: &Api) -> TokenStream {
    TokenStream::new()
}
