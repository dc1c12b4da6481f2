//! The RPC error enums of the model's error plan ([`crate::model::errors`]
//! decides which enums exist, their variants, names and matchers): each a
//! kind enum (`Copy`, to `match` on) with one variant per documented error
//! name, then `Common(tlgen_runtime::CommonError)` for the errors any
//! method can raise, then `Other`, with an `ErrorKind` impl whose
//! `classify` follows each variant's matcher (never the code) and a
//! `name()` accessor. A method's error type is
//! `tlgen_runtime::MethodError<Kind>`, which keeps the `RpcError` as
//! received next to its kind.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs::render_docs;
use super::items::doc_attrs;
use super::names;
use crate::model::errors::field_meaning;
use crate::model::{ErrorEnum, ErrorOwner, ErrorVariant, Matcher, Model};

/// An error enum of the model's plan, with its `ErrorKind` impl and a
/// `name()` accessor. `runtime` is the runtime crate's path as the code
/// starts a path with it (`::tlgen_runtime`).
pub fn error_enum(model: &Model<'_>, e: &ErrorEnum, runtime: &TokenStream) -> TokenStream {
    let doc = match e.owner {
        ErrorOwner::Method(f) => format!(
            " The RPC errors `{}` is documented to fail with.",
            model.func(f).ir.name
        ),
        ErrorOwner::Api => " Every RPC error documented for any method of this API.".to_owned(),
    };
    let ident = names::ident(&e.path.ident);
    let variants: Vec<Variant<'_>> = e.variants.iter().map(Variant::new).collect();
    let declaration = declaration(&variants, &ident, &doc, runtime);
    let classify = classify_impl(&variants, &ident, runtime);
    let name = name_impl(&variants, &ident);
    quote!(#declaration #classify #name)
}

/// A planned variant with its identifiers.
struct Variant<'e> {
    ident: Ident,
    /// The placeholder's `u64` field.
    field: Option<Ident>,
    plan: &'e ErrorVariant,
}

impl<'e> Variant<'e> {
    fn new(plan: &'e ErrorVariant) -> Self {
        Variant {
            ident: Ident::new(&plan.ident, Span::call_site()),
            field: plan.field.as_ref().map(|f| format_ident!("{}", f)),
            plan,
        }
    }
}

/// The variant's doc: its name and codes, then its description, whose
/// `{placeholder}`s (Telethon's `{seconds}`, `{new_dc}`, `{code_length}`)
/// stand for the number in the name and become a link to the variant's
/// field (`[`seconds`](self::E::SlowmodeWait::seconds)`), whatever the
/// placeholder calls it: the field's name comes from the error's name
/// ([`crate::model::errors`], "Naming"), the same for every source. A
/// variant without a field (its number is not a standalone `X`:
/// `…_WAIT_XMIN`) shows `X` there instead, the `X` of its name.
fn variant_doc(spec: &ErrorVariant, enum_ident: &Ident) -> String {
    let codes: Vec<String> = spec.codes.iter().map(i32::to_string).collect();
    let head = format!("`{}` ({})", spec.name.replace('`', "'"), codes.join(", "));
    let number = match &spec.field {
        Some(field) => format!("[`{field}`](self::{enum_ident}::{}::{field})", spec.ident),
        None => "`X`".to_owned(),
    };
    let description = render_docs(&fill_placeholders(&spec.description, &number), &|_| None);
    if description.is_empty() {
        head
    } else {
        format!("{head}: {description}")
    }
}

/// `text` with every `{name}` (lowercase ASCII letters, digits and `_`)
/// replaced by `number`.
fn fill_placeholders(text: &str, number: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(after.len());
        out.push_str(&rest[..open]);
        if len > 0 && after[len..].starts_with('}') {
            out.push_str(number);
            rest = &after[len + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The doc of a variant's `u64` field: what the number is, and where it
/// comes from.
fn field_doc(spec: &ErrorVariant, field: &str) -> String {
    let what = match field_meaning(field) {
        Some(meaning) => format!(" ({meaning})"),
        None => String::new(),
    };
    format!(
        "The number the server's message carries in place of the `X` of `{}`{what}.",
        spec.name.replace('`', "'")
    )
}

/// The enum: one variant per documented name, then `Common` and `Other`.
fn declaration(
    variants: &[Variant<'_>],
    ident: &Ident,
    doc: &str,
    rt: &TokenStream,
) -> TokenStream {
    let enum_doc = doc_attrs(doc.trim_start());
    let decls = variants.iter().map(|v| {
        let doc = doc_attrs(&variant_doc(v.plan, ident));
        let name = &v.ident;
        match &v.field {
            Some(field) => {
                let field_doc = doc_attrs(&field_doc(v.plan, &field.to_string()));
                quote!(#doc #name { #field_doc #field: u64 })
            }
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
fn classify_impl(variants: &[Variant<'_>], ident: &Ident, rt: &TokenStream) -> TokenStream {
    let mut message_arms = Vec::new();
    let mut name_arms = Vec::new();
    let mut pattern_checks = Vec::new();
    for v in variants {
        match &v.plan.matcher {
            Matcher::Message(message) => {
                message_arms.push((message, construct(v, quote!(0))));
            }
            Matcher::Name(name) => {
                let value = construct(v, quote!(err.value.unwrap_or_default()));
                name_arms.push((name, value));
            }
            Matcher::Pattern { prefix, suffix } => {
                pattern_checks.push(pattern_check(v, prefix, suffix));
            }
        }
    }
    let by_message = lookup(quote!(err.message), &message_arms);
    let by_name = lookup(quote!(err.name), &name_arms);
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

/// The statement that returns the value of the arm whose text `text`
/// (a `String`) equals: a `match`, or an `if` for one arm (clippy's
/// `single_match`), or nothing for none.
fn lookup(text: TokenStream, arms: &[(&String, TokenStream)]) -> TokenStream {
    match arms {
        [] => quote!(),
        [(key, value)] => quote!(if #text == #key { return #value; }),
        arms => {
            let arms = arms
                .iter()
                .map(|(key, value)| quote!(#key => return #value,));
            quote!(match #text.as_str() { #(#arms)* _ => {} })
        }
    }
}

/// The variant `v` built with `value` in its placeholder field (shorthand
/// when `value` is the field's own name).
fn construct(v: &Variant<'_>, value: TokenStream) -> TokenStream {
    let name = &v.ident;
    match &v.field {
        Some(field) if *field == value.to_string() => quote!(Self::#name { #field }),
        Some(field) => quote!(Self::#name { #field: #value }),
        None => quote!(Self::#name),
    }
}

/// The `classify` statement that returns `v` when the message is `prefix`,
/// digits, `suffix`.
fn pattern_check(v: &Variant<'_>, prefix: &str, suffix: &str) -> TokenStream {
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
fn name_impl(variants: &[Variant<'_>], ident: &Ident) -> TokenStream {
    let arms = variants.iter().map(|v| {
        let name = &v.ident;
        // Every matcher holds the documented name (`Matcher::of`).
        let text = &v.plan.name;
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

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use crate::ir::{Api, ErrorEntry, Method};
    use crate::model::errors::{error_variant, is_common};

    /// The runtime as generated code names it by default.
    fn rt() -> TokenStream {
        quote!(::tlgen_runtime)
    }

    fn method(name: &str, id: u32, errors: &[(i32, &str, &str)]) -> Method {
        Method {
            id: Some(id),
            errors: errors
                .iter()
                .map(|&(code, name, description)| ErrorEntry {
                    code,
                    name: name.to_owned(),
                    description: description.to_owned(),
                })
                .collect(),
            ..crate::test_support::method(name, "Bool")
        }
    }

    fn api(methods: Vec<Method>) -> Api {
        Api {
            methods,
            ..Api::default()
        }
    }

    /// The generated enum of `method`'s own errors (`None`: the API-wide one).
    fn enum_tokens(model: &Model<'_>, method: Option<&str>) -> TokenStream {
        let e = match method {
            Some(name) => model
                .errors
                .own(model.method_named(name).expect("method"))
                .expect("its own enum"),
            None => model.errors.api_enum().expect("the API enum"),
        };
        error_enum(model, e, &rt())
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
            "The provided email isn't confirmed, the code's length must be {code_length}",
        ),
        (
            400,
            "INPUT_METHOD_INVALID_1615239032_X",
            "The method invoked is invalid in the current schema",
        ),
        (401, "2FA_CONFIRM_WAIT_X", "It can be reset in {seconds}"),
        (
            406,
            "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_XMIN",
            "Must wait {minutes} minutes",
        ),
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
    fn tricky_method_enum() {
        let api = api(vec![method("messages.sendMessage", 1, TRICKY)]);
        let model = Model::checked(&api).expect("model");
        let file = parse(enum_tokens(&model, Some("messages.sendMessage")));
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
                "PreviousChatImportActiveWaitXmin",
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
        let variant = |name: &str| {
            let found = e.variants.iter().find(|v| v.ident == name);
            found.expect("variant")
        };
        let text = |attrs: &[syn::Attribute]| {
            let lines: Vec<String> = attrs.iter().map(|a| quote!(#a).to_string()).collect();
            lines.join("\n")
        };
        let docs = |name: &str| text(&variant(name).attrs);
        assert!(docs("PhoneNumberInvalid")
            .contains("`PHONE_NUMBER_INVALID` (400, 406): The phone number is invalid"));
        assert!(
            docs("SlowmodeWait").contains(r"wait \\[X\\] seconds"),
            "{}",
            docs("SlowmodeWait")
        );
        assert!(docs("SlowmodeWait").contains("<https://t.me/x>"));
        assert!(docs("TwoFaConfirmWait").contains("`2FA_CONFIRM_WAIT_X` (401)"));
        // Placeholders link the variant's field, whatever they call it.
        assert!(
            docs("TwoFaConfirmWait").contains(
                "It can be reset in [`seconds`](`self::SendMessageError::TwoFaConfirmWait::seconds`)"
            ),
            "{}",
            docs("TwoFaConfirmWait")
        );
        assert!(docs("EmailUnconfirmed")
            .contains("must be [`value`](`self::SendMessageError::EmailUnconfirmed::value`)"));
        // Without a field, the placeholder is the name's `X`.
        assert!(docs("PreviousChatImportActiveWaitXmin").contains("Must wait `X` minutes"));
        // Every field says what its number is.
        let field_docs = |name: &str| {
            let field = variant(name).fields.iter().next().expect("a field");
            text(&field.attrs)
        };
        assert!(field_docs("SlowmodeWait").contains(
            "The number the server's message carries in place of the `X` of `SLOWMODE_WAIT_X` \
             (how many seconds to wait)."
        ));
        assert!(field_docs("AllWorkersAreBusyActiveQueries")
            .contains("in place of the `X` of `All workers are busy. Active_queries = X`."));

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
    fn a_method_without_documented_errors_gets_no_enum() {
        let alone = api(vec![method("help.getConfig", 1, &[])]);
        let model = Model::checked(&alone).expect("model");
        assert!(model.errors.enums.is_empty());
        // Beside a method that documents errors, it takes the API-wide enum.
        let both = api(vec![
            method("help.getConfig", 1, &[]),
            method("a", 2, &[(400, "Y_INVALID", "")]),
        ]);
        let model = Model::checked(&both).expect("model");
        let get_config = model.method_named("help.getConfig").expect("method");
        assert!(model.errors.own(get_config).is_none());
        assert_eq!(
            model.errors.of_func(get_config).map(|e| e.path.display()),
            Some("errors::ApiError".to_owned())
        );
        let file = parse(enum_tokens(&model, None));
        assert_eq!(shape(enum_of(&file)), ["YInvalid", "Common{_}", "Other"]);
    }

    #[test]
    fn all_errors_unites_codes_and_descriptions() {
        let api = api(vec![
            method(
                "a",
                1,
                &[
                    (400, "CHAT_ADMIN_REQUIRED", ""),
                    (420, "FLOOD_WAIT_X", "Wait"),
                ],
            ),
            method(
                "b",
                2,
                &[(403, "CHAT_ADMIN_REQUIRED", "You must be an admin")],
            ),
        ]);
        let model = Model::checked(&api).expect("model");
        let file = parse(enum_tokens(&model, None));
        let e = enum_of(&file);
        // FLOOD_WAIT_X is one of the errors any method can raise: `Common`.
        assert_eq!(shape(e), ["ChatAdminRequired", "Common{_}", "Other"]);
        let doc = quote!(#e).to_string();
        assert!(doc.contains("(400, 403): You must be an admin"), "{doc}");
        // The per-method enum borrows the description from elsewhere in the API.
        let file = parse(enum_tokens(&model, Some("a")));
        let e = enum_of(&file);
        assert!(quote!(#e)
            .to_string()
            .contains("`CHAT_ADMIN_REQUIRED` (400): You must be an admin"));
    }

    /// `### Errors` tables of the old-format pages of `../shared`, parsed roughly.
    fn shared_methods(layer: &str) -> Vec<Method> {
        let dir = tlgen_test_support::shared::require()
            .docs(layer)
            .join("methods");
        let mut methods = Vec::new();
        for (id, path) in (1..).zip(tlgen_test_support::tree::entries(&dir)) {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            let text = std::fs::read_to_string(&path).expect("a method page");
            let Some(at) = text.find("### Errors") else {
                methods.push(method(&name, id, &[]));
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
            let rows: Vec<(i32, &str, &str)> = rows
                .iter()
                .map(|(c, n, d)| (*c, n.as_str(), d.as_str()))
                .collect();
            methods.push(method(&name, id, &rows));
        }
        methods
    }

    #[test]
    #[ignore = "reads ../shared"]
    fn shared_error_tables_give_valid_unique_variants() {
        for (layer, names, tables) in [("v65", 219, 175), ("v66", 220, 177), ("v223", 0, 0)] {
            let api = api(shared_methods(layer));
            let model = Model::checked(&api).expect("model");
            let own = model
                .func_ids()
                .filter(|(f, _)| model.errors.own(*f).is_some())
                .count();
            assert_eq!(own, tables, "{layer}");
            let all: BTreeSet<&str> = api
                .methods
                .iter()
                .flat_map(|m| m.errors.iter().map(|e| e.name.as_str()))
                .collect();
            assert_eq!(all.len(), names, "{layer}");
            let uncommon = all.iter().filter(|n| !is_common(n)).count();
            // The only clashes are `NAME` vs `NAME_X`.
            let mut idents = BTreeMap::new();
            for name in &all {
                let (ident, _) = error_variant(name);
                if let Some(other) = idents.insert(ident.to_string(), *name) {
                    let pair = [name.trim_end_matches("_X"), other.trim_end_matches("_X")];
                    assert_eq!(
                        pair[0], pair[1],
                        "{layer}: {name} and {other} both map to {ident}"
                    );
                }
            }
            if tables == 0 {
                assert!(model.errors.api_enum().is_none(), "{layer}");
                continue;
            }
            let file = parse(enum_tokens(&model, None));
            let e = enum_of(&file);
            assert_eq!(e.variants.len(), uncommon + 2);
            let unique: BTreeSet<String> = e.variants.iter().map(|v| v.ident.to_string()).collect();
            assert_eq!(
                unique.len(),
                uncommon + 2,
                "{layer}: duplicate variant idents"
            );
            prettyplease::unparse(&file);
            for m in api.methods.iter().filter(|m| !m.errors.is_empty()) {
                let file = parse(enum_tokens(&model, Some(&m.name)));
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

    /// [`compile_run_and_document`] with the tricky method alone.
    #[test]
    fn generated_enums_compile_run_and_document() {
        compile_run_and_document(Vec::new());
    }

    /// [`compile_run_and_document`] with layer 65's error tables too.
    #[test]
    #[ignore = "reads ../shared"]
    fn generated_v65_enums_compile_run_and_document() {
        compile_run_and_document(shared_methods("v65"));
    }

    /// Writes the generated enums of `shared` and the tricky method into a
    /// scratch binary crate that depends on `tlgen-runtime`, builds it with
    /// `-D warnings`, runs conversions through them, and documents it with
    /// `rustdoc -D warnings`.
    fn compile_run_and_document(shared: Vec<Method>) {
        let runtime = tlgen_test_support::scratch::runtime_dir();
        let tricky = method("tricky.sendMessage", u32::MAX, TRICKY);
        let api = api(shared.into_iter().chain([tricky]).collect());
        let model = Model::checked(&api).expect("model");
        let mut code = quote! {
            //! The generated error enums.
            #![deny(warnings, missing_docs)]
            #![allow(dead_code)]
        };
        code.extend(enum_tokens(&model, Some("tricky.sendMessage")));
        code.extend(enum_tokens(&model, None));
        let per_method = model
            .errors
            .enums
            .iter()
            .filter(|e| e.owner != ErrorOwner::Api)
            .enumerate()
            .map(|(i, e)| {
                let module = format_ident!("e{}", i);
                let tokens = error_enum(&model, e, &rt());
                quote!(#[doc = "One method's errors."] pub mod #module { #tokens })
            });
        code.extend(quote!(#[doc = "Every method's errors."] pub mod each { #(#per_method)* }));
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
    let e: ApiError = kind(401, "SESSION_REVOKED");
    assert_eq!(e, ApiError::Common(CommonError::SessionRevoked));
    assert_eq!(kind::<ApiError>(400, "NO_SUCH_ERROR_ANYWHERE"), ApiError::Other);
    assert_eq!(kind::<ApiError>(406, "PHONE_NUMBER_INVALID").name(), Some("PHONE_NUMBER_INVALID"));
    println!("ok");
}
"#;
        let manifest = tlgen_test_support::scratch::manifest(
            "tlgen-errors-check",
            &format!(
                "[dependencies]\ntlgen-runtime = {{ path = {:?}, default-features = false }}\n",
                runtime.display().to_string()
            ),
        );
        let source = format!("{generated}\n{main}");
        let scratch = tlgen_test_support::ScratchCrate::new(&manifest, &[("src/main.rs", &source)]);
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
