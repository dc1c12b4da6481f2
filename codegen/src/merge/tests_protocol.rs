//! The protocol around the API: the MTProto service schema beside an API
//! layer (each name in its own space), schema files without pages, and the
//! layers that must agree.

use std::path::{Path, PathBuf};

use super::*;
use crate::ir::Severity;
use crate::model::{Handle, Model, Ty};
use crate::schema::{parse_schema, Role};

fn sample_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// The sample docs with all three sample schemas, in `order`.
fn sample_with_mtproto(order: &[&str]) -> Merged {
    let root = sample_root();
    let schemas: Vec<PathBuf> = order
        .iter()
        .map(|name| root.join("schemas").join(name))
        .collect();
    crate::test_support::without_errors(
        "the sample with the MTProto schema",
        build(&root, &schemas).expect("the sample merges"),
    )
}

fn errors(merged: &Merged) -> Vec<String> {
    merged.errors().map(ToString::to_string).collect()
}

const ALL: [&str; 3] = ["sample.tl", "sample_mtproto.tl", "sample_secret.tl"];

#[test]
fn schema_roles_come_from_contents() {
    let role = |text: &str| {
        parse_schema(Path::new("x.tl"), text)
            .expect("parses")
            .role()
    };
    assert_eq!(role("a#1 = A;\n// LAYER 7\n"), Role::Api);
    assert_eq!(role("===8===\na#1 = A;\n"), Role::Secret);
    assert_eq!(
        role("rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult;\n"),
        Role::Service
    );
    // An API layer that carries the service schema (old layers) is the API.
    assert_eq!(
        role("rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult;\n// LAYER 65\n"),
        Role::Api
    );
    // No layer line, no service constructor: an API without a layer.
    assert_eq!(role("a#1 = A;\n"), Role::Api);
}

#[test]
fn a_name_two_files_define_for_different_things_is_two_entries() {
    for order in [ALL, ["sample_mtproto.tl", "sample_secret.tl", "sample.tl"]] {
        let merged = sample_with_mtproto(&order);
        assert_eq!(errors(&merged), Vec::<String>::new(), "{order:?}");
        let messages: Vec<(Space, Option<u32>)> = merged
            .api
            .constructors
            .iter()
            .filter(|c| c.name == "message")
            .map(|c| (c.space, c.id))
            .collect();
        // The API's message#d012ae0d; MTProto's envelope, whose ID is its
        // CRC (the schema writes none).
        assert_eq!(
            messages,
            [
                (Space::Api, Some(0xd012_ae0d)),
                (Space::Mtproto, Some(0x5bb8_e511))
            ],
            "{order:?}"
        );
        let salts: Vec<Space> = merged
            .api
            .methods
            .iter()
            .filter(|m| m.name == "get_future_salts")
            .map(|m| m.space)
            .collect();
        assert_eq!(salts, [Space::Api, Space::Mtproto]);
        // The layer is the API schema's, whichever file came first.
        assert_eq!(merged.api.layer, Some(1), "{order:?}");
        // One note for the undocumented file, none per entry.
        let notes: Vec<&Diagnostic> = merged
            .diagnostics
            .iter()
            .filter(|d| {
                d.kind == DiagnosticKind::MissingPage && d.file.ends_with("sample_mtproto.tl")
            })
            .collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].severity, Severity::Note);
        // resPQ is sample.tl's: the service schema's identical entry is the API's.
        assert!(
            notes[0].message.contains("12 constructors and 3 methods"),
            "{}",
            notes[0]
        );
    }
}

#[test]
fn a_bare_reference_resolves_within_its_own_file() {
    let merged = sample_with_mtproto(&ALL);
    let model = Model::checked(&merged.api).expect("the sample with MTProto generates");
    let container = model
        .constructor_named("msg_container")
        .expect("msg_container");
    let envelope = match model.ctor(container).fields[0].value_ty() {
        Some(Ty::Vector { elem, .. }) => match **elem {
            Ty::Struct(c) => c,
            ref other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    assert_eq!(model.ctor(envelope).ir.space, Space::Mtproto);
    // The one really ambiguous name gets a qualifier in JSON; the rest stay
    // as the schema writes them.
    assert_eq!(model.json_name(Handle::Ctor(envelope)), "mtproto.message");
    assert_eq!(model.json_name(Handle::Ctor(container)), "msg_container");
    assert_eq!(model.constructor_named("mtproto.message"), Some(envelope));
    assert_ne!(model.constructor_named("message"), Some(envelope));
    let ping = model.method_named("ping").expect("ping");
    assert_eq!(model.json_name(Handle::Func(ping)), "ping");
    // The envelope's `bytes` is its body's length; the body any value.
    let kinds: Vec<&crate::model::FieldKind> = model
        .ctor(envelope)
        .fields
        .iter()
        .map(|f| &f.kind)
        .collect();
    assert!(matches!(kinds[2], crate::model::FieldKind::ObjectLength));
    assert_eq!(model.ctor(envelope).fields[3].value_ty(), Some(&Ty::Object));
    // MTProto's `string` is byte data.
    let error = model.constructor_named("rpc_error").expect("rpc_error");
    assert_eq!(
        model.ctor(error).fields[1].value_ty(),
        Some(&Ty::Prim(crate::model::Prim::StringBytes))
    );
    let path = &model.ctor(envelope).rust.as_ref().expect("generated").path;
    assert_eq!(path.display(), "types::mtproto::Message");
}

#[test]
fn schemas_of_different_layers_are_an_error_naming_both() {
    let docs = Path::new("docs");
    let a = parse_schema(Path::new("a.tl"), "a#00000001 = A;\n// LAYER 65\n").expect("a");
    let b = parse_schema(Path::new("b.tl"), "b#00000002 = B;\n// LAYER 66\n").expect("b");
    let secret = parse_schema(Path::new("s.tl"), "===8===\ns#00000003 = S;\n").expect("s");
    let mut diagnostics = Vec::new();
    let layer = layers::check(
        Some(docs),
        &[secret.clone(), a.clone(), b.clone()],
        false,
        &mut diagnostics,
    );
    assert_eq!(layer, Some(65));
    let texts: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(
        texts[0]
            .starts_with("error: b.tl: declares `// LAYER 66`, but a.tl declares `// LAYER 65`"),
        "{}",
        texts[0]
    );
    // Meant: a warning.
    let mut diagnostics = Vec::new();
    layers::check(Some(docs), &[a, b], true, &mut diagnostics);
    assert_eq!(diagnostics[0].severity, Severity::Warning);
}

#[test]
fn docs_of_another_layer_are_an_error_naming_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("README.md"),
        "---\ntitle: MadelineProto API documentation (layer v65)\n---\n",
    )
    .expect("readme");
    let schema = parse_schema(Path::new("v66.tl"), "a#00000001 = A;\n// LAYER 66\n").expect("v66");
    let mut diagnostics = Vec::new();
    layers::check(
        Some(dir.path()),
        std::slice::from_ref(&schema),
        false,
        &mut diagnostics,
    );
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].severity, Severity::Error);
    assert!(diagnostics[0].file.ends_with("README.md"));
    assert!(
        diagnostics[0].message.starts_with(
            "the docs document layer 65, but the schema v66.tl declares `// LAYER 66`"
        ),
        "{}",
        diagnostics[0]
    );
    // The same layer: nothing to say.
    std::fs::write(dir.path().join("README.md"), "# docs (layer 66)\n").expect("readme");
    let mut diagnostics = Vec::new();
    layers::check(Some(dir.path()), &[schema], false, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn schemas_alone_make_an_api_without_docs() {
    let root = sample_root();
    let merged = build_with(
        None,
        &[root.join("schemas/sample_mtproto.tl")],
        &MergeOptions::default(),
    )
    .expect("the schema alone");
    assert_eq!(errors(&merged), Vec::<String>::new());
    assert!(merged.api.methods.iter().all(|m| m.space == Space::Mtproto));
    let texts: Vec<String> = merged.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[0].contains("its 13 constructors and 3 methods come from the schema alone"));
    let model = Model::checked(&merged.api).expect("generates");
    assert!(model.method_named("ping").is_some());
}
