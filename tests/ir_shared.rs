//! The IR of the three shared layers, checked against an independent reading
//! of the schema files (`tlgen_test_support::tl_oracle`) and counts from a
//! full scan of the shipped docs.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tlgen::ir::{Api, Param, Severity};
use tlgen::merge::Merged;
use tlgen_test_support::tl_oracle::{self, OracleEntry};
use tlgen_test_support::{ir, shared};

struct Expected {
    methods: usize,
    constructors: usize,
    method_pages: usize,
    constructor_pages: usize,
    error_rows: usize,
}

fn build(layer: &str) -> Merged {
    let shared = shared::require();
    ir::build(&shared.docs(layer), &shared.schemas(layer))
}

fn flag_text(p: &Param) -> String {
    p.flag
        .as_ref()
        .map(|f| format!("{}.{}", f.field, f.bit))
        .unwrap_or_default()
}

fn check_layer(layer: &str, expected: Expected) {
    let merged = build(layer);
    let api = &merged.api;
    let warnings: Vec<String> = merged.warnings().map(|d| d.to_string()).collect();
    assert!(
        warnings.is_empty(),
        "{layer}: unexplained diagnostics:\n{}",
        warnings.join("\n")
    );

    let paths: Vec<PathBuf> = shared::require().schemas(layer);
    let oracle = tl_oracle::read(&paths.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    let (functions, constructors): (BTreeMap<_, _>, BTreeMap<_, _>) =
        oracle.iter().partition(|(_, e)| e.function);

    let wire = |params: &[Param]| -> Vec<(String, String, String)> {
        params
            .iter()
            .filter(|p| !p.docs_only)
            .map(|p| (p.name.clone(), p.ty.to_string(), flag_text(p)))
            .collect()
    };
    let check = |what: &str,
                 name: &str,
                 id: Option<u32>,
                 params: &[Param],
                 result: &str,
                 oracle: &BTreeMap<&String, &OracleEntry>| {
        let entry = oracle
            .get(&name.to_string())
            .unwrap_or_else(|| panic!("{layer}: {what} {name} is not in the schema"));
        assert_eq!(id, Some(entry.id), "{layer}: ID of {what} {name}");
        assert_eq!(
            wire(params),
            entry.params,
            "{layer}: wire params of {what} {name}"
        );
        assert_eq!(result, entry.result, "{layer}: result of {what} {name}");
    };
    for m in &api.methods {
        check(
            "method",
            &m.name,
            m.id,
            &m.params,
            &m.returns.to_string(),
            &functions,
        );
    }
    for c in &api.constructors {
        check(
            "constructor",
            &c.name,
            c.id,
            &c.params,
            &c.type_name,
            &constructors,
        );
    }
    assert_eq!(
        api.methods.len(),
        functions.len(),
        "{layer}: every schema function is a method"
    );
    assert_eq!(
        api.constructors.len(),
        constructors.len(),
        "{layer}: every constructor"
    );
    assert_eq!(api.methods.len(), expected.methods, "{layer}: methods");
    assert_eq!(
        api.constructors.len(),
        expected.constructors,
        "{layer}: constructors"
    );
    let with_page = |sources: Vec<&Option<String>>| sources.iter().filter(|s| s.is_some()).count();
    assert_eq!(
        with_page(api.methods.iter().map(|m| &m.source).collect()),
        expected.method_pages,
        "{layer}: methods joined to a page"
    );
    assert_eq!(
        with_page(api.constructors.iter().map(|c| &c.source).collect()),
        expected.constructor_pages,
        "{layer}: constructors joined to a page"
    );
    let error_rows: usize = api.methods.iter().map(|m| m.errors.len()).sum();
    assert_eq!(error_rows, expected.error_rows, "{layer}: error rows");

    check_types(layer, api);
    check_json_round_trip(layer, api);
}

/// Every type lists exactly the constructors whose type it is.
fn check_types(layer: &str, api: &Api) {
    let mut by_type: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in &api.constructors {
        by_type.entry(&c.type_name).or_default().push(&c.name);
    }
    assert_eq!(api.types.len(), by_type.len(), "{layer}: types");
    for t in &api.types {
        let listed: Vec<&str> = t.constructors.iter().map(String::as_str).collect();
        assert_eq!(
            Some(&listed),
            by_type.get(t.name.as_str()),
            "{layer}: type {}",
            t.name
        );
    }
}

fn check_json_round_trip(layer: &str, api: &Api) {
    let json = serde_json::to_string(api).unwrap();
    let back: Api = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, api, "{layer}: IR JSON round trip");
}

#[test]
#[ignore = "reads ../shared"]
fn v65_matches_schema_and_formats() {
    check_layer(
        "v65",
        Expected {
            methods: 223,
            constructors: 570,
            method_pages: 223,
            constructor_pages: 570, // 567 `# Constructor:` pages + boolFalse, boolTrue, null
            error_rows: 725,
        },
    );
}

#[test]
#[ignore = "reads ../shared"]
fn v66_matches_schema_and_formats() {
    check_layer(
        "v66",
        Expected {
            methods: 226,
            constructors: 580,
            method_pages: 226,
            constructor_pages: 580, // 577 + 3 irregular pages
            error_rows: 730,
        },
    );
}

#[test]
#[ignore = "reads ../shared"]
fn v223_matches_schema_and_formats() {
    check_layer(
        "v223",
        Expected {
            methods: 757,
            constructors: 1597,
            method_pages: 757,
            constructor_pages: 1597, // 1595 pages - vector.md + 3 irregular pages
            error_rows: 0,
        },
    );
}

#[test]
#[ignore = "reads ../shared"]
fn v65_import_chat_invite() {
    let merged = build("v65");
    let m = merged
        .api
        .methods
        .iter()
        .find(|m| m.name == "messages.importChatInvite")
        .unwrap();
    assert_eq!(m.id, Some(0x6c50051c));
    let params: Vec<(&str, String)> = m
        .params
        .iter()
        .map(|p| (&*p.name, p.ty.to_string()))
        .collect();
    assert_eq!(params, [("hash", "string".to_string())]);
    assert_eq!(m.errors.len(), 12);
    assert_eq!(m.bots, Some(false));
    assert_eq!(m.users, None);
    assert_eq!(m.returns, "Updates");
    assert_eq!(
        m.source.as_deref(),
        Some("methods/messages.importChatInvite.md")
    );
    let json = serde_json::to_value(m).unwrap();
    assert_eq!(json["id"], "6c50051c");
    assert_eq!(json["params"][0]["flag"], serde_json::Value::Null);
}

#[test]
#[ignore = "reads ../shared"]
fn v223_secret_and_hidden_params() {
    let merged = build("v223");
    let api = &merged.api;
    let c = api
        .constructors
        .iter()
        .find(|c| c.name == "decryptedMessage_73")
        .unwrap();
    assert_eq!(c.tl_name.as_deref(), Some("decryptedMessage"));
    assert_eq!(c.layer, Some(73));
    assert_eq!(c.type_name, "DecryptedMessage");
    let send = api
        .methods
        .iter()
        .find(|m| m.name == "messages.sendMessage")
        .unwrap();
    let param = |name: &str| send.params.iter().find(|p| p.name == name).unwrap();
    assert!(param("random_id").hidden && !param("random_id").docs_only);
    assert!(param("flags").hidden && param("flags").ty == "#");
    assert!(param("parse_mode").docs_only && !param("parse_mode").hidden);
    assert_eq!(param("silent").ty, "true");
    assert_eq!(
        param("silent").flag.as_ref().map(|f| f.field.as_str()),
        Some("flags")
    );
    assert_eq!(send.users, Some(true));
    assert_eq!(send.bots, Some(true));
    // every note names its file and line
    for d in &merged.diagnostics {
        assert!(d.severity == Severity::Note && !d.file.is_empty(), "{d}");
    }
}

#[test]
#[ignore = "reads ../shared"]
fn without_schema_ids_are_null() {
    let merged = ir::build(&shared::require().docs("v65"), &[]);
    let api = &merged.api;
    assert_eq!(api.methods.len(), 223);
    assert!(api.methods.iter().all(|m| m.id.is_none()));
    assert!(api.constructors.iter().all(|c| c.id.is_none()));
    let json = serde_json::to_value(api).unwrap();
    assert!(json["methods"][0]["id"].is_null());
    let m = api
        .methods
        .iter()
        .find(|m| m.name == "messages.importChatInvite")
        .unwrap();
    assert_eq!(m.params.len(), 1);
    assert_eq!(m.errors.len(), 12);
}
