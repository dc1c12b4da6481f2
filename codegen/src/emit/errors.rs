//! Typed RPC error enums from the docs' `### Errors` tables.
//!
//! Each method gets a kind enum (`Copy`, to `match` on) with one variant per
//! documented error *name* (a name listed under several codes is one
//! variant), then `Common(tlgen_runtime::CommonError)` for the errors any
//! method can raise (`FLOOD_WAIT_X`, `*_MIGRATE_X`, session errors; a table
//! that lists one does not make it a variant of its own), then `Other`. The
//! method's error type is `tlgen_runtime::MethodError<Kind>`, which keeps the
//! `RpcError` as received next to its kind. [`all_errors_enum`] builds the
//! same shape over every name of the API.
//!
//! # Matching
//!
//! `tlgen_runtime::RpcError` carries the server's message verbatim and the name
//! with a trailing numeric segment replaced by `X` (`SLOWMODE_WAIT_30` ->
//! `SLOWMODE_WAIT_X`, value 30). The generated `ErrorKind::classify` matches,
//! never on the code (the docs list `CHANNEL_PRIVATE` as 400, the server
//! may send 403: the same error):
//!
//! * the normalized name, for UPPER_SNAKE names that normalization leaves
//!   unchanged (`PEER_ID_INVALID`, `SLOWMODE_WAIT_X`, `2FA_CONFIRM_WAIT_X`);
//!   a trailing `X` becomes a `u64` field filled from `RpcError::value`;
//! * the message, verbatim, for every other name without a placeholder
//!   (`No workers running`, an UPPER_SNAKE name ending in digits);
//! * the message against `prefix <digits> suffix`, for names with an `X`
//!   placeholder anywhere else (`All workers are busy. Active_queries = X`).
//!
//! # Naming
//!
//! See [`names::error_variant`] and [`names::error_variants`]. When two names map to the same identifier, names
//! without a placeholder keep it, a name with one gets an `X` suffix
//! (`EMAIL_UNCONFIRMED` -> `EmailUnconfirmed`, `EMAIL_UNCONFIRMED_X` ->
//! `EmailUnconfirmedX { value }`), and any further clash `2`, `3`, ... in
//! sorted name order.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs::render_docs;
use super::items::doc_attrs;
use super::names;
use crate::ir::{Api, ErrorEntry, Method};

/// The error kind enum of one method, with its `ErrorKind` impl and a
/// `name()` accessor.
///
/// A method without documented errors gets the same enum with only `Other`.
/// `runtime` is the runtime crate's path as the code starts a path with it
/// (`::tlgen_runtime`).
pub fn method_error_enum(
    api: &Api,
    method: &Method,
    enum_ident: &Ident,
    runtime: &TokenStream,
) -> TokenStream {
    let specs = collect(method.errors.iter(), Some(api));
    let doc = if specs.is_empty() {
        format!(
            " The errors of `{}`. None are documented: errors any method can raise are \
             [`Common`](Self::Common), the rest [`Other`](Self::Other).",
            method.name
        )
    } else {
        format!(
            " The RPC errors `{}` is documented to fail with.",
            method.name
        )
    };
    enum_tokens(specs, enum_ident, &doc, runtime)
}

/// One enum over every error name documented for any method of the API: the
/// shared type for methods without documented errors, or for code that
/// handles errors regardless of the call. `runtime` as for
/// [`method_error_enum`].
pub fn all_errors_enum(api: &Api, enum_ident: &Ident, runtime: &TokenStream) -> TokenStream {
    let specs = collect(api.methods.iter().flat_map(|m| m.errors.iter()), None);
    enum_tokens(
        specs,
        enum_ident,
        " Every RPC error documented for any method of this API.",
        runtime,
    )
}

/// One error name with all its codes.
#[derive(Debug)]
struct Spec {
    name: String,
    codes: BTreeSet<i32>,
    description: String,
}

/// Groups entries by name (sorted), uniting codes; the description is the
/// first non-empty one, falling back to the same name elsewhere in `api`.
fn collect<'a>(entries: impl Iterator<Item = &'a ErrorEntry>, api: Option<&Api>) -> Vec<Spec> {
    let mut by_name: BTreeMap<&str, Spec> = BTreeMap::new();
    for entry in entries {
        let name = entry.name.trim();
        if name.is_empty() {
            continue;
        }
        let spec = by_name.entry(name).or_insert_with(|| Spec {
            name: name.to_owned(),
            codes: BTreeSet::new(),
            description: String::new(),
        });
        spec.codes.insert(entry.code);
        if spec.description.trim().is_empty() {
            spec.description = entry.description.trim().to_owned();
        }
    }
    if let Some(api) = api {
        for spec in by_name.values_mut().filter(|s| s.description.is_empty()) {
            let other = api.methods.iter().flat_map(|m| m.errors.iter());
            if let Some(found) = other
                .filter(|e| e.name.trim() == spec.name)
                .find(|e| !e.description.trim().is_empty())
            {
                spec.description = found.description.trim().to_owned();
            }
        }
    }
    by_name.into_values().collect()
}

/// How `From<RpcError>` recognizes a variant.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Matcher {
    /// `RpcError::name` equals this (normalized) name.
    Name(String),
    /// `RpcError::message` equals this.
    Message(String),
    /// `RpcError::message` is `prefix` + digits + `suffix`.
    Pattern { prefix: String, suffix: String },
}

/// What `RpcError` turns a server message into: the trailing `_<digits>`
/// segment becomes `_X`.
fn normalize(name: &str) -> String {
    match name.rsplit_once('_') {
        Some((head, tail)) if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{head}_X")
        }
        _ => name.to_owned(),
    }
}

fn matcher(name: &str) -> Matcher {
    let bytes = name.as_bytes();
    let standalone = |i: usize| {
        bytes[i] == b'X'
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && (i + 1 == bytes.len() || !bytes[i + 1].is_ascii_alphanumeric())
    };
    let placeholder = (0..bytes.len()).rev().find(|&i| standalone(i));
    let upper_snake = name
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    match placeholder {
        Some(at) if upper_snake && at + 1 == name.len() && at > 0 && bytes[at - 1] == b'_' => {
            Matcher::Name(name.to_owned())
        }
        Some(at) => Matcher::Pattern {
            prefix: name[..at].to_owned(),
            suffix: name[at + 1..].to_owned(),
        },
        None if upper_snake && normalize(name) == name => Matcher::Name(name.to_owned()),
        None => Matcher::Message(name.to_owned()),
    }
}

/// A planned variant.
struct Variant {
    ident: Ident,
    /// The placeholder's `u64` field.
    field: Option<Ident>,
    spec: Spec,
    matcher: Matcher,
}

/// Gives every spec its variant ([`names::error_variants`]) and matcher.
fn plan(specs: Vec<Spec>) -> Vec<Variant> {
    let named = names::error_variants(specs.iter().map(|s| s.name.as_str()));
    specs
        .into_iter()
        .zip(named)
        .map(|(spec, (ident, field))| Variant {
            ident: Ident::new(&ident, Span::call_site()),
            field: field.map(|f| format_ident!("{}", f)),
            matcher: matcher(&spec.name),
            spec,
        })
        .collect()
}

fn variant_doc(spec: &Spec) -> String {
    let codes: Vec<String> = spec.codes.iter().map(i32::to_string).collect();
    let head = format!("`{}` ({})", spec.name.replace('`', "'"), codes.join(", "));
    let description = render_docs(&spec.description, &|_| None);
    if description.is_empty() {
        head
    } else {
        format!("{head}: {description}")
    }
}

/// The kind enum of `specs`, its `ErrorKind` impl and its `name()`.
fn enum_tokens(specs: Vec<Spec>, ident: &Ident, doc: &str, rt: &TokenStream) -> TokenStream {
    // Errors any method can raise are `Common`, whatever a table lists.
    let specs: Vec<Spec> = specs.into_iter().filter(|s| !is_common(&s.name)).collect();
    let variants = plan(specs);
    let declaration = declaration(&variants, ident, doc, rt);
    let classify = classify_impl(&variants, ident, rt);
    let name = name_impl(&variants, ident);
    quote!(#declaration #classify #name)
}

/// The enum: one variant per documented name, then `Common` and `Other`.
fn declaration(variants: &[Variant], ident: &Ident, doc: &str, rt: &TokenStream) -> TokenStream {
    let enum_doc = doc_attrs(doc.trim_start());
    let decls = variants.iter().map(|v| {
        let doc = doc_attrs(&variant_doc(&v.spec));
        let name = &v.ident;
        match &v.field {
            Some(field) => quote!(#doc #name { #field: u64 }),
            None => quote!(#doc #name),
        }
    });
    quote! {
        #enum_doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #(#decls,)*
            /// An error any method can raise (flood waits, migrations, sessions).
            Common(#rt::CommonError),
            /// Any other error: nothing documents it here (`MethodError::rpc`
            /// has the server's text).
            Other,
        }
    }
}

/// `ErrorKind::classify`: by message, then by name, then by pattern, then
/// the common errors; never by code (the module's "Matching").
fn classify_impl(variants: &[Variant], ident: &Ident, rt: &TokenStream) -> TokenStream {
    let mut message_arms = Vec::new();
    let mut name_arms = Vec::new();
    let mut pattern_checks = Vec::new();
    for v in variants {
        match &v.matcher {
            Matcher::Message(message) => {
                let value = construct(v, quote!(0));
                message_arms.push(quote!(#message => return #value,));
            }
            Matcher::Name(name) => {
                let value = construct(v, quote!(err.value.unwrap_or_default()));
                name_arms.push(quote!(#name => return #value,));
            }
            Matcher::Pattern { prefix, suffix } => {
                pattern_checks.push(pattern_check(v, prefix, suffix));
            }
        }
    }
    let by_message = if message_arms.is_empty() {
        quote!()
    } else {
        quote!(match err.message.as_str() { #(#message_arms)* _ => {} })
    };
    let by_name = if name_arms.is_empty() {
        quote!()
    } else {
        quote!(match err.name.as_str() { #(#name_arms)* _ => {} })
    };
    quote! {
        impl #rt::ErrorKind for #ident {
            fn classify(err: &#rt::RpcError) -> Self {
                #by_message
                #by_name
                #(#pattern_checks)*
                match #rt::CommonError::from_rpc(err) {
                    ::core::option::Option::Some(common) => Self::Common(common),
                    ::core::option::Option::None => Self::Other,
                }
            }
        }
    }
}

/// The variant `v` built with `value` in its placeholder field (shorthand
/// when `value` is the field's own name).
fn construct(v: &Variant, value: TokenStream) -> TokenStream {
    let name = &v.ident;
    match &v.field {
        Some(field) if *field == value.to_string() => quote!(Self::#name { #field }),
        Some(field) => quote!(Self::#name { #field: #value }),
        None => quote!(Self::#name),
    }
}

/// The `classify` statement that returns `v` when the message is `prefix`,
/// digits, `suffix`.
fn pattern_check(v: &Variant, prefix: &str, suffix: &str) -> TokenStream {
    let field = v.field.clone().unwrap_or_else(|| format_ident!("value"));
    let value = construct(v, quote!(#field));
    let strip_suffix = if suffix.is_empty() {
        quote!()
    } else {
        quote!(.and_then(|rest| rest.strip_suffix(#suffix)))
    };
    quote! {
        if let ::core::option::Option::Some(#field) = err
            .message
            .strip_prefix(#prefix)
            #strip_suffix
            .and_then(|digits| digits.parse::<u64>().ok())
        {
            return #value;
        }
    }
}

/// `name()`: the documented name of each variant.
fn name_impl(variants: &[Variant], ident: &Ident) -> TokenStream {
    let arms = variants.iter().map(|v| {
        let name = &v.ident;
        let text = match &v.matcher {
            Matcher::Name(n) | Matcher::Message(n) => n.clone(),
            Matcher::Pattern { .. } => v.spec.name.clone(),
        };
        if v.field.is_some() {
            quote!(Self::#name { .. } => ::core::option::Option::Some(#text))
        } else {
            quote!(Self::#name => ::core::option::Option::Some(#text))
        }
    });
    quote! {
        impl #ident {
            /// The error name as documented, numeric part as `X`
            /// (`SLOWMODE_WAIT_X`); `None` for [`Other`](Self::Other).
            #[must_use]
            pub fn name(&self) -> ::core::option::Option<&'static str> {
                match self {
                    #(#arms,)*
                    Self::Common(common) => ::core::option::Option::Some(common.name()),
                    Self::Other => ::core::option::Option::None,
                }
            }
        }
    }
}

/// The names of `tlgen_runtime::CommonError`, the errors any method can
/// raise: written out here so that a build script's generator does not
/// compile the runtime (and its gzip decoder) before it can start; a test
/// checks the list against the runtime's `CommonError::NAMES`.
const COMMON_ERRORS: &[&str] = &[
    "FLOOD_WAIT_X",
    "FLOOD_PREMIUM_WAIT_X",
    "FILE_MIGRATE_X",
    "PHONE_MIGRATE_X",
    "NETWORK_MIGRATE_X",
    "USER_MIGRATE_X",
    "STATS_MIGRATE_X",
    "AUTH_KEY_UNREGISTERED",
    "AUTH_KEY_INVALID",
    "AUTH_KEY_PERM_EMPTY",
    "AUTH_KEY_DUPLICATED",
    "SESSION_REVOKED",
    "SESSION_EXPIRED",
    "SESSION_PASSWORD_NEEDED",
    "USER_DEACTIVATED",
    "USER_DEACTIVATED_BAN",
    "Timeout",
];

/// Whether `name` is one of the errors any method can raise
/// (`tlgen_runtime::CommonError`).
fn is_common(name: &str) -> bool {
    COMMON_ERRORS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_errors_are_the_runtimes() {
        assert_eq!(COMMON_ERRORS, tlgen_runtime::CommonError::NAMES);
    }

    /// The runtime as generated code names it by default.
    fn rt() -> TokenStream {
        quote!(::tlgen_runtime)
    }

    fn method(name: &str, errors: &[(i32, &str, &str)]) -> Method {
        Method {
            name: name.to_owned(),
            id: None,
            description: String::new(),
            params: Vec::new(),
            returns: crate::ir::TlType::Bool,
            bots: None,
            users: None,
            business: None,
            errors: errors
                .iter()
                .map(|&(code, name, description)| ErrorEntry {
                    code,
                    name: name.to_owned(),
                    description: description.to_owned(),
                })
                .collect(),
            errors_source: None,
            source: None,
        }
    }

    const TRICKY: &[(i32, &str, &str)] = &[
        (400, "PEER_ID_INVALID", "The provided peer id is invalid"),
        (400, "PHONE_NUMBER_INVALID", "The phone number is invalid"),
        (406, "PHONE_NUMBER_INVALID", "The phone number is invalid"),
        (
            420,
            "SLOWMODE_WAIT_X",
            "Slowmode is enabled: wait [X] seconds <br> see https://t.me/x",
        ),
        (
            400,
            "EMAIL_UNCONFIRMED_X",
            "The provided email isn't confirmed, X is the length of the code",
        ),
        (
            400,
            "INPUT_METHOD_INVALID_1615239032_X",
            "The method invoked is invalid in the current schema",
        ),
        (401, "2FA_CONFIRM_WAIT_X", ""),
        (-503, "Timeout", "Timeout while fetching data"),
        (
            -500,
            "No workers running",
            "The Telegram server is restarting",
        ),
        (
            -500,
            "All workers are busy. Active_queries = X",
            "The server is overloaded",
        ),
        (
            400,
            "AUTH_BYTES_INVALID_2",
            "Ends in digits, so matched on the message",
        ),
        (400, "OTHER", "Clashes with the fallback"),
        (400, "FOO_BAR", "first"),
        (400, "FOO BAR", "second"),
    ];

    fn parse(tokens: TokenStream) -> syn::File {
        syn::parse2::<syn::File>(tokens.clone()).unwrap_or_else(|e| panic!("{e}\n{tokens}"))
    }

    fn enum_of(file: &syn::File) -> &syn::ItemEnum {
        file.items
            .iter()
            .find_map(|item| match item {
                syn::Item::Enum(e) => Some(e),
                _ => None,
            })
            .expect("an enum")
    }

    /// `Variant{field,field}` strings.
    fn shape(e: &syn::ItemEnum) -> Vec<String> {
        e.variants
            .iter()
            .map(|v| {
                let fields: Vec<String> = v
                    .fields
                    .iter()
                    .map(|f| {
                        f.ident
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_else(|| "_".into())
                    })
                    .collect();
                if fields.is_empty() {
                    v.ident.to_string()
                } else {
                    format!("{}{{{}}}", v.ident, fields.join(","))
                }
            })
            .collect()
    }

    #[test]
    fn variant_names() {
        let cases = [
            ("SLOWMODE_WAIT_X", "SlowmodeWait", Some("seconds")),
            ("FLOOD_WAIT_X", "FloodWait", Some("seconds")),
            ("EMAIL_UNCONFIRMED_X", "EmailUnconfirmed", Some("value")),
            (
                "INPUT_METHOD_INVALID_1615239032_X",
                "InputMethodInvalid1615239032",
                Some("value"),
            ),
            ("2FA_CONFIRM_WAIT_X", "TwoFaConfirmWait", Some("seconds")),
            ("PHONE_MIGRATE_X", "PhoneMigrate", Some("dc")),
            ("TAKEOUT_INIT_DELAY_X", "TakeoutInitDelay", Some("seconds")),
            ("PASSWORD_TOO_FRESH_X", "PasswordTooFresh", Some("seconds")),
            ("Timeout", "Timeout", None),
            (
                "All workers are busy. Active_queries = X",
                "AllWorkersAreBusyActiveQueries",
                Some("value"),
            ),
            ("No workers running", "NoWorkersRunning", None),
            ("memory limit exit", "MemoryLimitExit", None),
            ("PEER_ID_INVALID", "PeerIdInvalid", None),
            ("OTHER", "OtherError", None),
            ("SELF", "SelfError", None),
            ("404_NOT_FOUND", "FourZeroFourNotFound", None),
            ("___", "Unnamed", None),
            ("XML_INVALID", "XmlInvalid", None),
        ];
        for (name, ident, field) in cases {
            let (got, got_field) = names::error_variant(name);
            assert_eq!(
                (got.to_string().as_str(), got_field.as_deref()),
                (ident, field),
                "{name}"
            );
        }
    }

    #[test]
    fn matchers() {
        assert_eq!(
            matcher("SLOWMODE_WAIT_X"),
            Matcher::Name("SLOWMODE_WAIT_X".into())
        );
        assert_eq!(
            matcher("2FA_CONFIRM_WAIT_X"),
            Matcher::Name("2FA_CONFIRM_WAIT_X".into())
        );
        assert_eq!(
            matcher("PEER_ID_INVALID"),
            Matcher::Name("PEER_ID_INVALID".into())
        );
        assert_eq!(matcher("Timeout"), Matcher::Message("Timeout".into()));
        assert_eq!(
            matcher("AUTH_BYTES_INVALID_2"),
            Matcher::Message("AUTH_BYTES_INVALID_2".into())
        );
        assert_eq!(
            matcher("All workers are busy. Active_queries = X"),
            Matcher::Pattern {
                prefix: "All workers are busy. Active_queries = ".into(),
                suffix: String::new()
            }
        );
        assert_eq!(
            matcher("FOO_X_BAR"),
            Matcher::Pattern {
                prefix: "FOO_".into(),
                suffix: "_BAR".into()
            }
        );
        assert_eq!(normalize("FLOOD_WAIT_30"), "FLOOD_WAIT_X");
        assert_eq!(normalize("2FA_CONFIRM_WAIT_X"), "2FA_CONFIRM_WAIT_X");
    }

    #[test]
    fn tricky_method_enum() {
        let m = method("messages.sendMessage", TRICKY);
        let api = Api {
            methods: vec![m.clone()],
            ..Api::default()
        };
        let tokens = method_error_enum(&api, &m, &format_ident!("SendMessageError"), &rt());
        let file = parse(tokens);
        let e = enum_of(&file);
        assert_eq!(e.ident, "SendMessageError");
        assert_eq!(
            shape(e),
            [
                "TwoFaConfirmWait{seconds}",
                "AuthBytesInvalid2",
                "AllWorkersAreBusyActiveQueries{value}",
                "EmailUnconfirmed{value}",
                "FooBar",
                "FooBar2",
                "InputMethodInvalid1615239032{value}",
                "NoWorkersRunning",
                "OtherError",
                "PeerIdInvalid",
                "PhoneNumberInvalid",
                "SlowmodeWait{seconds}",
                "Common{_}",
                "Other",
            ]
        );
        let attrs: Vec<String> = e.attrs.iter().map(|a| quote!(#a).to_string()).collect();
        assert!(
            attrs.iter().any(|a| a.contains("non_exhaustive")),
            "{attrs:?}"
        );
        assert!(
            attrs
                .iter()
                .any(|a| a.contains("derive (Debug , Clone , Copy , PartialEq , Eq , Hash)")),
            "{attrs:?}"
        );
        let docs = |name: &str| {
            let v = e
                .variants
                .iter()
                .find(|v| v.ident == name)
                .expect("variant");
            v.attrs
                .iter()
                .map(|a| quote!(#a).to_string())
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert!(docs("PhoneNumberInvalid")
            .contains("`PHONE_NUMBER_INVALID` (400, 406): The phone number is invalid"));
        assert!(
            docs("SlowmodeWait").contains(r"wait \\[X\\] seconds"),
            "{}",
            docs("SlowmodeWait")
        );
        assert!(docs("SlowmodeWait").contains("<https://t.me/x>"));
        assert!(docs("TwoFaConfirmWait").contains("`2FA_CONFIRM_WAIT_X` (401)"));

        let text = prettyplease::unparse(&file);
        let squeezed: String = text.split_whitespace().collect();
        for arm in [
            r#""PEER_ID_INVALID" => return Self::PeerIdInvalid,"#,
            r#""PHONE_NUMBER_INVALID" => return Self::PhoneNumberInvalid,"#,
            r#""SLOWMODE_WAIT_X" => { return Self::SlowmodeWait { seconds: err.value.unwrap_or_default(), }; }"#,
            r#""2FA_CONFIRM_WAIT_X" => { return Self::TwoFaConfirmWait"#,
            r#"match err.message.as_str() { "AUTH_BYTES_INVALID_2" => return Self::AuthBytesInvalid2,"#,
            r#""No workers running" => return Self::NoWorkersRunning,"#,
            r#".strip_prefix("All workers are busy. Active_queries = ")"#,
            "return Self::AllWorkersAreBusyActiveQueries { value",
            r#""OTHER" => return Self::OtherError,"#,
            "::tlgen_runtime::CommonError::from_rpc(err)",
            r#"Self::SlowmodeWait { .. } => ::core::option::Option::Some("SLOWMODE_WAIT_X"),"#,
            "Self::Common(common) => ::core::option::Option::Some(common.name()),",
            "impl ::tlgen_runtime::ErrorKind for SendMessageError",
        ] {
            let arm: String = arm.split_whitespace().collect();
            assert!(squeezed.contains(&arm), "missing {arm:?} in\n{text}");
        }
    }

    #[test]
    fn minimal_enum_without_errors() {
        let m = method("help.getConfig", &[]);
        let api = Api::default();
        assert!(!crate::registry::items::has_documented_errors(&m));
        let file = parse(method_error_enum(
            &api,
            &m,
            &format_ident!("GetConfigError"),
            &rt(),
        ));
        assert_eq!(shape(enum_of(&file)), ["Common{_}", "Other"]);
        let text = prettyplease::unparse(&file);
        assert!(!text.contains("err.name"), "{text}");
        assert!(!text.contains("err.message"), "{text}");
        let all = parse(all_errors_enum(&api, &format_ident!("RpcErrorKind"), &rt()));
        assert_eq!(shape(enum_of(&all)), ["Common{_}", "Other"]);
    }

    #[test]
    fn all_errors_unites_codes_and_descriptions() {
        let a = method(
            "a",
            &[
                (400, "CHAT_ADMIN_REQUIRED", ""),
                (420, "FLOOD_WAIT_X", "Wait"),
            ],
        );
        let b = method("b", &[(403, "CHAT_ADMIN_REQUIRED", "You must be an admin")]);
        let api = Api {
            methods: vec![a.clone(), b],
            ..Api::default()
        };
        let file = parse(all_errors_enum(&api, &format_ident!("RpcErrorKind"), &rt()));
        let e = enum_of(&file);
        // FLOOD_WAIT_X is one of the errors any method can raise: `Common`.
        assert_eq!(shape(e), ["ChatAdminRequired", "Common{_}", "Other"]);
        let doc = quote!(#e).to_string();
        assert!(doc.contains("(400, 403): You must be an admin"), "{doc}");
        // The per-method enum borrows the description from elsewhere in the API.
        let file = parse(method_error_enum(&api, &a, &format_ident!("AError"), &rt()));
        let e = enum_of(&file);
        assert!(quote!(#e)
            .to_string()
            .contains("`CHAT_ADMIN_REQUIRED` (400): You must be an admin"));
    }

    /// `### Errors` tables of the old-format pages, parsed roughly.
    fn shared_methods(layer: &str) -> Option<Vec<Method>> {
        let docs = super::super::docs::tests::shared_docs("errors: shared layers")?;
        let dir = docs.join(layer).join("methods");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        let mut methods = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).ok()?;
            let Some(at) = text.find("### Errors") else {
                let name = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                methods.push(method(name, &[]));
                continue;
            };
            let mut rows = Vec::new();
            for line in text[at..].lines().skip(1) {
                let line = line.trim();
                if line.is_empty() || line.starts_with("| Code") || line.starts_with("|--") {
                    continue;
                }
                if !line.starts_with('|') {
                    break;
                }
                let inner = line
                    .strip_prefix('|')
                    .and_then(|l| l.strip_suffix('|'))
                    .unwrap_or(line);
                let cells: Vec<&str> = inner.splitn(3, '|').map(str::trim).collect();
                assert_eq!(cells.len(), 3, "{}: {line}", path.display());
                let code: i32 = cells[0]
                    .parse()
                    .unwrap_or_else(|_| panic!("{}: {line}", path.display()));
                rows.push((code, cells[1].to_owned(), cells[2].to_owned()));
            }
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            let rows: Vec<(i32, &str, &str)> = rows
                .iter()
                .map(|(c, n, d)| (*c, n.as_str(), d.as_str()))
                .collect();
            methods.push(method(&name, &rows));
        }
        Some(methods)
    }

    #[test]
    fn shared_error_tables_give_valid_unique_variants() {
        for (layer, names, tables) in [("v65", 219, 175), ("v66", 220, 177), ("v223", 0, 0)] {
            let Some(methods) = shared_methods(layer) else {
                return;
            };
            assert_eq!(
                methods
                    .iter()
                    .filter(|m| crate::registry::items::has_documented_errors(m))
                    .count(),
                tables,
                "{layer}"
            );
            let api = Api {
                methods,
                ..Api::default()
            };
            let all: BTreeSet<&str> = api
                .methods
                .iter()
                .flat_map(|m| m.errors.iter().map(|e| e.name.as_str()))
                .collect();
            assert_eq!(all.len(), names, "{layer}");
            let own = all.iter().filter(|n| !is_common(n)).count();
            // The only clashes are `NAME` vs `NAME_X`.
            let mut idents = BTreeMap::new();
            for name in &all {
                let (ident, _) = names::error_variant(name);
                if let Some(other) = idents.insert(ident.to_string(), *name) {
                    let pair = [name.trim_end_matches("_X"), other.trim_end_matches("_X")];
                    assert_eq!(
                        pair[0], pair[1],
                        "{layer}: {name} and {other} both map to {ident}"
                    );
                }
            }
            let file = parse(all_errors_enum(&api, &format_ident!("RpcErrorKind"), &rt()));
            let e = enum_of(&file);
            assert_eq!(e.variants.len(), own + 2);
            let unique: BTreeSet<String> = e.variants.iter().map(|v| v.ident.to_string()).collect();
            assert_eq!(unique.len(), own + 2, "{layer}: duplicate variant idents");
            prettyplease::unparse(&file);
            for m in &api.methods {
                let file = parse(method_error_enum(
                    &api,
                    m,
                    &format_ident!("MethodError"),
                    &rt(),
                ));
                let e = enum_of(&file);
                let distinct: BTreeSet<&str> = m
                    .errors
                    .iter()
                    .map(|e| e.name.as_str())
                    .filter(|n| !is_common(n))
                    .collect();
                assert_eq!(e.variants.len(), distinct.len() + 2, "{}", m.name);
            }
        }
    }

    /// Writes the generated enums into a scratch binary crate that depends on
    /// `tlgen-runtime`, builds it with `-D warnings`, runs conversions through
    /// them, and documents it with `rustdoc -D warnings`.
    #[test]
    fn generated_enums_compile_run_and_document() {
        let runtime = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime"));
        if !runtime.join("Cargo.toml").is_file() {
            eprintln!("NOTICE: generated_enums_compile_run_and_document skipped: no runtime crate");
            return;
        }
        let runtime = runtime.canonicalize().expect("runtime path");
        let tricky = method("messages.sendMessage", TRICKY);
        let none = method("help.getConfig", &[]);
        let shared = shared_methods("v65").unwrap_or_default();
        let api = Api {
            methods: shared.iter().cloned().chain([tricky.clone()]).collect(),
            ..Api::default()
        };
        let mut code = quote! {
            #![deny(warnings)]
            #![allow(dead_code)]
        };
        code.extend(method_error_enum(
            &api,
            &tricky,
            &format_ident!("SendMessageError"),
            &rt(),
        ));
        code.extend(method_error_enum(
            &api,
            &none,
            &format_ident!("GetConfigError"),
            &rt(),
        ));
        code.extend(all_errors_enum(&api, &format_ident!("RpcErrorKind"), &rt()));
        let per_method = shared
            .iter()
            .enumerate()
            .map(|(i, m)| method_error_enum(&api, m, &format_ident!("E{}", i), &rt()));
        code.extend(quote!(pub mod each { #(#per_method)* }));
        let generated = prettyplease::unparse(&parse(code));
        let main = r#"
use tlgen_runtime::{CommonError, ErrorKind, MethodError, RpcError};

fn is_error<T: core::error::Error>() {}

fn kind<K: ErrorKind>(code: i32, message: &str) -> K {
    K::classify(&RpcError::parse(code, message))
}

fn main() {
    use SendMessageError as E;
    let e: MethodError<E> = RpcError::parse(420, "SLOWMODE_WAIT_30").into();
    assert_eq!(e.kind(), &E::SlowmodeWait { seconds: 30 });
    assert_eq!((e.code(), e.kind().name()), (420, Some("SLOWMODE_WAIT_X")));
    assert_eq!(e.to_string(), "RPC error 420: SLOWMODE_WAIT_30");
    assert_eq!(e.rpc().message, "SLOWMODE_WAIT_30");
    is_error::<MethodError<E>>();
    // Matched by name, whatever the code.
    for code in [400, 403, 406] {
        assert_eq!(kind::<E>(code, "PHONE_NUMBER_INVALID"), E::PhoneNumberInvalid);
        assert_eq!(kind::<E>(code, "PEER_ID_INVALID"), E::PeerIdInvalid);
    }
    // Errors any method can raise are `Common`, listed in the table or not.
    assert_eq!(kind::<E>(-503, "Timeout"), E::Common(CommonError::Timeout));
    assert_eq!(kind::<E>(420, "FLOOD_WAIT_7"), E::Common(CommonError::FloodWait { seconds: 7 }));
    assert_eq!(kind::<E>(-500, "No workers running"), E::NoWorkersRunning);
    assert_eq!(kind::<E>(-500, "All workers are busy. Active_queries = 123"), E::AllWorkersAreBusyActiveQueries { value: 123 });
    assert_eq!(kind::<E>(-500, "All workers are busy. Active_queries = many"), E::Other);
    assert_eq!(kind::<E>(400, "AUTH_BYTES_INVALID_2"), E::AuthBytesInvalid2);
    assert_eq!(kind::<E>(401, "2FA_CONFIRM_WAIT_86400"), E::TwoFaConfirmWait { seconds: 86400 });
    assert_eq!(kind::<E>(400, "INPUT_METHOD_INVALID_1615239032_7"), E::InputMethodInvalid1615239032 { value: 7 });
    assert_eq!(kind::<E>(400, "OTHER"), E::OtherError);
    let other: MethodError<E> = RpcError::parse(500, "WEIRD_5").into();
    assert_eq!((other.kind(), other.kind().name(), other.code()), (&E::Other, None, 500));
    assert_eq!(other.into_rpc(), RpcError::parse(500, "WEIRD_5"));
    let e: GetConfigError = kind(401, "SESSION_REVOKED");
    assert_eq!(e, GetConfigError::Common(CommonError::SessionRevoked));
    assert_eq!(kind::<GetConfigError>(400, "PEER_ID_INVALID"), GetConfigError::Other);
    assert_eq!(kind::<RpcErrorKind>(406, "PHONE_NUMBER_INVALID").name(), Some("PHONE_NUMBER_INVALID"));
    println!("ok");
}
"#;
        let manifest = format!(
            "[package]\nname = \"tlgen-errors-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ntlgen-runtime = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
            runtime.display().to_string()
        );
        let source = format!("{generated}\n{main}");
        let scratch = crate::emit::ScratchCrate::new(&manifest, &[("src/main.rs", &source)]);
        scratch.use_workspace_lock();
        let run = |args: &[&str]| {
            let output = scratch.cargo(args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                output.status.success(),
                "cargo {args:?} failed:\n{stderr}\n{generated}"
            );
            String::from_utf8_lossy(&output.stdout).into_owned()
        };
        assert_eq!(run(&["run", "--quiet"]).trim(), "ok");
        run(&["doc", "--quiet", "--no-deps"]);
    }
}
