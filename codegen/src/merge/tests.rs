//! Merge tests: the sample docs tree in `docs-input/`, and small inline pages
//! and schemas that disagree in each way the merge must report.

use std::path::{Path, PathBuf};

use super::*;
use crate::ir::{Flag, Severity};
use crate::pages::parse_page;
use crate::schema::parse_schema;

fn sample_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

fn sample() -> Merged {
    let root = sample_root();
    let schemas = [
        root.join("schemas/sample.tl"),
        root.join("schemas/sample_secret.tl"),
    ];
    build(&root, &schemas).expect("the sample docs merge")
}

fn method<'a>(api: &'a Api, name: &str) -> &'a Method {
    api.methods
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("method {name}"))
}

fn constructor<'a>(api: &'a Api, name: &str) -> &'a Constructor {
    api.constructors
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn sample_send_message_keeps_wire_order_and_marks_hidden_and_docs_only() {
    let merged = sample();
    let m = method(&merged.api, "messages.sendMessage");
    assert_eq!(m.id, Some(0x0f9f68e8));
    let types: Vec<String> = m.params.iter().map(|p| p.ty.to_string()).collect();
    let shape: Vec<(&str, &str, bool, bool)> = m
        .params
        .iter()
        .zip(&types)
        .map(|(p, ty)| (&*p.name, ty.as_str(), p.hidden, p.docs_only))
        .collect();
    assert_eq!(
        shape,
        [
            ("flags", "#", true, false),
            ("no_webpage", "true", false, false),
            ("silent", "true", false, false),
            ("peer", "InputPeer", false, false),
            ("message", "string", false, false),
            ("random_id", "long", true, false),
            ("reply_markup", "ReplyMarkup", false, false),
            ("entities", "Vector<MessageEntity>", false, false),
            ("parse_mode", "string", false, true),
            ("schedule_date", "int", false, false),
        ]
    );
    let entities = &m.params[7];
    assert_eq!(
        entities.flag,
        Some(Flag {
            field: "flags".into(),
            bit: 3
        })
    );
    assert_eq!(entities.required, Some(false));
    assert_eq!(
        m.params[0].required, None,
        "hidden params have no Required cell"
    );
    assert_eq!(m.returns, "Updates");
}

#[test]
fn sample_errors_usability_and_sources() {
    let merged = sample();
    let m = method(&merged.api, "messages.importChatInvite");
    let errors: Vec<(i32, &str)> = m.errors.iter().map(|e| (e.code, &*e.name)).collect();
    assert_eq!(
        errors,
        [
            (400, "INVITE_HASH_EXPIRED"),
            (400, "USER_ALREADY_PARTICIPANT"),
            (420, "SLOWMODE_WAIT_X"),
            (-503, "Timeout")
        ]
    );
    assert_eq!(m.bots, Some(false));
    assert_eq!(m.users, None);
    assert_eq!(
        m.source.as_deref(),
        Some("methods/messages.importChatInvite.md")
    );
}

#[test]
fn sample_secret_layers_get_suffixed_names() {
    let merged = sample();
    let c = constructor(&merged.api, "decryptedMessage_8");
    assert_eq!(c.tl_name.as_deref(), Some("decryptedMessage"));
    assert_eq!(c.layer, Some(8));
    assert!(c
        .params
        .iter()
        .any(|p| p.name == "random_bytes" && p.hidden));
}

#[test]
fn sample_types_list_their_constructors_and_skip_the_builtin_vector() {
    let merged = sample();
    let api = &merged.api;
    let bool_type = api.types.iter().find(|t| t.name == "Bool").unwrap();
    assert_eq!(bool_type.constructors, ["boolFalse", "boolTrue"]);
    assert!(api.constructors.iter().all(|c| c.name != "vector"));
    assert!(api.types.iter().all(|t| t.name != "Vector t"));
    let names: Vec<&str> = api.methods.iter().map(|m| m.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "methods are sorted by name");
}

#[test]
fn sample_explained_differences_are_notes() {
    let merged = sample();
    let find = |needle: &str| {
        merged
            .diagnostics
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no diagnostic mentions {needle:?}"))
    };
    let alias = find("peerChat: param chat_id");
    assert_eq!(
        (alias.severity, alias.kind),
        (Severity::Note, DiagnosticKind::TypeAlias)
    );
    assert!(alias.file.ends_with("constructors/peerChat.md") && alias.line.is_some());
    let hidden = find("messages.sendMessage: wire param random_id:long");
    assert_eq!(
        (hidden.severity, hidden.kind),
        (Severity::Note, DiagnosticKind::HiddenParam)
    );
    let docs_only = find("messages.sendMessage: param parse_mode");
    assert_eq!(docs_only.kind, DiagnosticKind::DocsOnlyParam);
}

#[test]
fn without_a_schema_no_id_is_printed() {
    let merged = build(&sample_root(), &[]).unwrap();
    assert!(merged.api.methods.iter().all(|m| m.id.is_none()));
    assert!(merged.api.constructors.iter().all(|c| c.id.is_none()));
    let m = method(&merged.api, "messages.sendMessage");
    assert!(m.params.iter().all(|p| !p.hidden && p.flag.is_none()));
    assert!(m.params.iter().any(|p| p.name == "parse_mode"));
    let json = serde_json::to_value(&merged.api).unwrap();
    assert!(json["methods"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["id"].is_null()));
}

// --- Disagreements, on inline fixtures --------------------------------------

const METHOD_PAGE: &str = "---
title: demo.send
description: Send
---
# Method: demo.send  
[Back to methods index](index.md)


Send a thing.

### Parameters:

| Name     |    Type       | Description | Required |
|----------|---------------|-------------|----------|
|text|[int](../types/int.md) | The text | Yes|
|target|[InputPeer](../types/InputPeer.md) | Where | Yes|
|extra|[int](../types/int.md) | Not in the schema | Optional|


### Return type: [Bool](../types/Bool.md)

### Can bots use this method: **YES**
";

fn merge_inline(pages: &[(&str, &str)], schema: &str) -> Merged {
    let pages: Vec<Page> = pages
        .iter()
        .map(|(source, text)| {
            parse_page(Path::new(source), source, text)
                .unwrap()
                .expect("an entity page")
        })
        .collect();
    let schema = parse_schema(Path::new("inline.tl"), schema).unwrap();
    merge(Path::new("docs"), &pages, &[schema])
}

fn warnings(merged: &Merged) -> Vec<(DiagnosticKind, String)> {
    merged.warnings().map(|d| (d.kind, d.to_string())).collect()
}

#[test]
fn disagreements_are_warnings_with_file_and_line() {
    let merged = merge_inline(
        &[("methods/demo.send.md", METHOD_PAGE)],
        "boolTrue#997275b5 = Bool;\ninputPeerSelf#7da07ec9 = InputPeer;\n\
         ---functions---\ndemo.send#11111111 target:InputPeer text:string = InputPeer;\n\
         demo.other#22222222 = Bool;\n",
    );
    let found = warnings(&merged);
    let has = |kind: DiagnosticKind, text: &str| {
        found
            .iter()
            .any(|(k, message)| *k == kind && message.contains(text))
    };
    assert!(
        has(
            DiagnosticKind::TypeMismatch,
            "docs/methods/demo.send.md:15: demo.send: param text"
        ),
        "{found:#?}"
    );
    assert!(
        has(DiagnosticKind::ParamOrder, "docs/methods/demo.send.md:5:"),
        "{found:#?}"
    );
    assert!(
        has(DiagnosticKind::DocsOnlyParam, "param extra is shown"),
        "{found:#?}"
    );
    assert!(
        has(DiagnosticKind::ResultMismatch, "the schema says InputPeer"),
        "{found:#?}"
    );
    assert!(
        has(
            DiagnosticKind::MissingPage,
            "inline.tl:5: schema method demo.other"
        ),
        "{found:#?}"
    );
    // The ID comes from the schema even when the docs disagree on the rest.
    assert_eq!(merged.api.methods[1].id, Some(0x11111111));
}

#[test]
fn a_page_without_a_schema_entry_is_reported() {
    let merged = merge_inline(
        &[("methods/demo.send.md", METHOD_PAGE)],
        "boolTrue#997275b5 = Bool;\n",
    );
    let found = warnings(&merged);
    assert!(
        found
            .iter()
            .any(|(k, m)| *k == DiagnosticKind::MissingSchemaEntry
                && m.contains("docs/methods/demo.send.md:5: the page documents method demo.send")),
        "{found:#?}"
    );
    assert!(
        merged.api.methods.is_empty(),
        "a page alone gives no wire entry when schemas exist"
    );
}
