//! Merge tests: the sample docs tree in `docs-input/`, and small inline pages
//! and schemas that disagree in each way the merge must report.

use std::path::{Path, PathBuf};

use super::*;
use crate::ir::{Flag, Severity};
use crate::pages::parse_page;
use crate::schema::parse_schema;
use crate::test_support::without_errors;

fn sample_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

fn sample() -> Merged {
    crate::test_support::sample_merged()
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
    let merged = without_errors("no schema", build(&sample_root(), &[]).unwrap());
    assert!(merged.api.methods.iter().all(|m| m.id.is_none()));
    assert!(merged.api.constructors.iter().all(|c| c.id.is_none()));
    let m = method(&merged.api, "messages.sendMessage");
    assert!(m.params.iter().all(|p| !p.hidden && p.flag.is_none()));
    assert!(m.params.iter().any(|p| p.name == "parse_mode"));
    // The IR's JSON form (the `serde` feature) says so too.
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_value(&merged.api).unwrap();
        assert!(json["methods"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["id"].is_null()));
    }
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

/// [`merge_inline_with_errors`], for a merge that must have no error.
fn merge_inline(pages: &[(&str, &str)], schema: &str) -> Merged {
    without_errors("inline", merge_inline_with_errors(pages, schema))
}

/// The pages and the schema text `inline.tl`, merged.
fn merge_inline_with_errors(pages: &[(&str, &str)], schema: &str) -> Merged {
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
            "inline.tl:1: 3 schema entries have no page, each generated from the schema alone, \
             without docs: constructor boolTrue (line 1), constructor inputPeerSelf (line 2), \
             method demo.other (line 5)"
        ),
        "{found:#?}"
    );
    // The ID comes from the schema even when the docs disagree on the rest.
    assert_eq!(merged.api.methods[1].id, Some(0x11111111));
}

#[test]
fn a_page_without_a_schema_entry_is_reported() {
    let merged = merge_inline_with_errors(
        &[("methods/demo.send.md", METHOD_PAGE)],
        "boolTrue#997275b5 = Bool;\n",
    );
    // The one method page has no entry: the schema looks truncated.
    let errors: Vec<String> = merged.errors().map(|d| d.to_string()).collect();
    assert_eq!(
        errors,
        [
            "error: docs: only 0 of the 1 method pages have a schema entry: expected the schema \
          the docs were generated from (is it truncated, or of another layer?)"
        ]
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

// --- Broken trees: skipped pages, duplicates, undefined types, coverage -----

/// A method page for `name` whose one param is `text:int`.
fn method_page(name: &str) -> String {
    METHOD_PAGE
        .replace("demo.send", name)
        .replace(
            "|target|[InputPeer](../types/InputPeer.md) | Where | Yes|\n",
            "",
        )
        .replace(
            "|extra|[int](../types/int.md) | Not in the schema | Optional|\n",
            "",
        )
}

/// Writes `files` (relative path -> bytes) under a new temporary directory.
fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

fn messages(merged: &Merged, kind: DiagnosticKind) -> Vec<String> {
    merged
        .diagnostics
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.to_string())
        .collect()
}

const DEMO_SCHEMA: &str = "boolTrue#997275b5 = Bool;\n---functions---\n\
    demo.send#11111111 text:int = Bool;\ndemo.empty#22222222 = Bool;\ndemo.bad#33333333 = Bool;\n";

#[test]
fn every_unreadable_page_is_skipped_with_a_warning_and_the_schema_entry_kept() {
    let good = method_page("demo.send");
    let dir = tree(&[
        ("methods/demo.send.md", good.as_bytes()),
        ("methods/demo.empty.md", b""),
        ("methods/demo.bad.md", b"---\ntitle: x\xff\n---\n"),
        ("demo.tl", DEMO_SCHEMA.as_bytes()),
    ]);
    let root = dir.path();
    let merged =
        build(root, &[root.join("demo.tl")]).expect("a broken page does not stop the build");
    let r = root.display();
    let entry = |name: &str, line: u32| {
        format!(
            "schema method {name} ({r}/demo.tl:{line}) is generated from the schema alone, without docs"
        )
    };
    // One warning per broken page: the entry it documents has no "has no
    // page" warning of its own.
    assert_eq!(
        messages(&merged, DiagnosticKind::UnreadablePage),
        [
            format!(
                "warning: {r}/methods/demo.bad.md:2: page skipped: invalid UTF-8 (byte 0xff at column 9): expected UTF-8 text; {}",
                entry("demo.bad", 5)
            ),
            format!(
                "warning: {r}/methods/demo.empty.md:1: page skipped: expected a `# Method: <name>` heading, found the end of the page; {}",
                entry("demo.empty", 4)
            ),
        ]
    );
    assert_eq!(
        messages(&merged, DiagnosticKind::MissingPage),
        [format!(
            "warning: {r}/demo.tl:1: schema constructor boolTrue has no page"
        )],
        "the skipped pages' entries are not reported as missing pages again"
    );
    let empty = method(&merged.api, "demo.empty");
    assert_eq!(
        (empty.id, empty.source.as_deref()),
        (Some(0x22222222), None)
    );
    assert_eq!(
        method(&merged.api, "demo.send").source.as_deref(),
        Some("methods/demo.send.md")
    );
    assert_eq!(merged.fatal(false).count(), 0, "skipped pages are warnings");
    assert!(merged.fatal(true).count() >= 2);

    // Without a schema the skipped page's entity is gone, and the warning says so.
    let merged = without_errors("no schema", build(root, &[]).unwrap());
    assert!(messages(&merged, DiagnosticKind::UnreadablePage)[0]
        .ends_with("; whatever it documents is left out of the output"));
}

#[test]
fn two_pages_for_one_method_are_reported_with_both_paths() {
    let page = method_page("demo.send");
    let dir = tree(&[
        ("methods/a.md", page.as_bytes()),
        ("methods/demo.send.md", page.as_bytes()),
        ("methods/demo.send2.md", page.as_bytes()),
        ("demo.tl", DEMO_SCHEMA.as_bytes()),
    ]);
    let root = dir.path();
    let r = root.display();
    for schemas in [vec![root.join("demo.tl")], vec![]] {
        let merged = without_errors("two pages", build(root, &schemas).unwrap());
        let used = format!("{r}/methods/demo.send.md:5; that page is used and this one is ignored");
        assert_eq!(
            messages(&merged, DiagnosticKind::DuplicatePage),
            [
                format!("warning: {r}/methods/a.md:5: the page documents method demo.send, as does {used}"),
                format!("warning: {r}/methods/demo.send2.md:5: the page documents method demo.send, as does {used}"),
            ]
        );
        let sends: Vec<_> = merged
            .api
            .methods
            .iter()
            .filter(|m| m.name == "demo.send")
            .collect();
        assert_eq!(sends.len(), 1);
        assert_eq!(sends[0].source.as_deref(), Some("methods/demo.send.md"));
    }
}

#[test]
fn a_name_defined_twice_keeps_the_definition_the_page_describes() {
    let page = method_page("demo.send");
    // Either order keeps the `bbbbbbbb` the page describes; when it comes
    // second the message says so, when first, that the first one stays.
    for (definitions, message) in [
        (
            "demo.send#aaaaaaaa peer:long = Bool;\ndemo.send#bbbbbbbb text:int = Bool;\n",
            "warning: inline.tl:4: demo.send#bbbbbbbb redefines with another ID the entry \
          demo.send#aaaaaaaa of inline.tl:3; this one is kept, as the page \
          docs/methods/demo.send.md describes it",
        ),
        (
            "demo.send#bbbbbbbb text:int = Bool;\ndemo.send#aaaaaaaa peer:long = Bool;\n",
            "warning: inline.tl:4: demo.send#aaaaaaaa redefines with another ID the entry \
          demo.send#bbbbbbbb of inline.tl:3; the first one is kept, as the page \
          docs/methods/demo.send.md describes it",
        ),
    ] {
        let schema = format!("boolTrue#997275b5 = Bool;\n---functions---\n{definitions}");
        let merged = merge_inline(&[("methods/demo.send.md", &page)], &schema);
        assert_eq!(method(&merged.api, "demo.send").id, Some(0xbbbbbbbb));
        assert_eq!(
            messages(&merged, DiagnosticKind::DuplicateDefinition),
            [message]
        );
    }
}

#[test]
fn a_misspelt_result_type_leaves_an_undefined_type_generated_without_values() {
    let page = method_page("demo.send");
    // `foo` was hashed with its result spelt `Foo`, as `demo.send` uses it.
    let id = crate::schema::compute_id("foo n:int = Foo");
    let schema = format!(
        "boolTrue#997275b5 = Bool;\nfoo#{id:08x} n:int = Fooo;\n---functions---\n\
         demo.send#11111111 text:int = Foo;\ndemo.other#22222222 f:Vector<Foo> = Bool;\n"
    );
    let merged = merge_inline(&[("methods/demo.send.md", &page)], &schema);
    assert_eq!(
        messages(&merged, DiagnosticKind::UndefinedType),
        [
            format!(
                "warning: inline.tl:2: `foo`: the declared ID #{id:08x} is the CRC-32 of the \
                 definition only if its result `Fooo` is written `Foo`, the spelling method \
                 demo.other param f uses at inline.tl:5"
            ),
            "warning: inline.tl:5: method demo.other param f and 1 more: type `Foo` is defined \
             by no constructor (a misspelt result type?); it is generated as a type with no \
             values, whose decoding always fails"
                .to_string(),
        ]
    );
    let foo = merged
        .api
        .types
        .iter()
        .find(|t| t.name == "Foo")
        .expect("Foo");
    assert!(foo.constructors.is_empty());
    assert_eq!(merged.fatal(false).count(), 0);
}

#[test]
fn a_bare_reference_to_nothing_is_an_error_with_its_line() {
    let page = method_page("demo.send");
    let schema = "boolTrue#997275b5 = Bool;\n---functions---\n\
                  demo.send#11111111 text:int = Bool;\ndemo.x#22222222 m:%Missing = Bool;\n";
    let merged = merge_inline_with_errors(&[("methods/demo.send.md", &page)], schema);
    let errors: Vec<String> = merged.fatal(false).map(|d| d.to_string()).collect();
    assert_eq!(
        errors,
        [
            "error: inline.tl:4: method demo.x param m: `%Missing`: bare type `Missing` names no \
          constructor: expected a constructor name or a type with exactly one constructor"
        ]
    );
}

#[test]
fn a_truncated_schema_or_an_empty_docs_tree_is_an_error() {
    let pages: Vec<(String, String)> = (0..4)
        .map(|i| {
            (
                format!("methods/demo.m{i}.md"),
                method_page(&format!("demo.m{i}")),
            )
        })
        .collect();
    let pages: Vec<(&str, &str)> = pages
        .iter()
        .map(|(s, t)| (s.as_str(), t.as_str()))
        .collect();
    // One of the four methods: the schema was cut.
    let merged = merge_inline_with_errors(
        &pages,
        "boolTrue#997275b5 = Bool;\n---functions---\ndemo.m0#11111111 text:int = Bool;\n",
    );
    let errors: Vec<String> = merged.fatal(false).map(|d| d.to_string()).collect();
    assert_eq!(
        errors,
        [
            "error: docs: only 1 of the 4 method pages have a schema entry: expected the schema \
          the docs were generated from (is it truncated, or of another layer?)"
        ]
    );
    // Two of four is enough (another layer's docs differ in a few methods).
    let merged = merge_inline(
        &pages,
        "boolTrue#997275b5 = Bool;\n---functions---\ndemo.m0#11111111 text:int = Bool;\n\
         demo.m1#22222222 text:int = Bool;\n",
    );
    assert_eq!(merged.fatal(false).count(), 0);

    let merged = merge_inline_with_errors(
        &[],
        "boolTrue#997275b5 = Bool;\n---functions---\ndemo.m0#1 = Bool;\n",
    );
    let errors: Vec<String> = merged.fatal(false).map(|d| d.to_string()).collect();
    assert_eq!(
        errors,
        [
            "error: docs: the docs tree has no readable method page: expected `methods/*.md` \
          pages documenting the API"
        ]
    );
}

#[test]
fn without_the_secret_chat_schema_one_warning_names_it() {
    let root = sample_root();
    let merged = without_errors(
        "no secret-chat schema",
        build(&root, &[root.join("schemas/sample.tl")]).unwrap(),
    );
    let warnings: Vec<String> = merged.warnings().map(|d| d.to_string()).collect();
    assert_eq!(
        warnings,
        [tlgen_test_support::warning_without_secret_schema(
            root.display()
        )]
    );
    // With it, the same pages are matched and nothing is reported.
    assert_eq!(sample().warnings().count(), 0);
}
