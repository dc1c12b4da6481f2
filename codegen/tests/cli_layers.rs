//! Layers that must agree, and schemas without docs, through the command
//! line.
//!
//! * Two API schemas of different layers, and docs of one layer with the
//!   schema of another, stop the run (exit 2) with an error naming both;
//!   `--mixed-layers` lets them through with the same text as a warning.
//! * `LAYER` comes from the API schema, whatever order the files come in.
//! * The MTProto service schema alone is a complete input: `generate`
//!   writes a tree (after one note that nothing documents it) and `encode`
//!   knows `ping`.
//!
//! The sample runs everywhere (a copy of its schema with another `// LAYER`
//! line is the second layer); the real layers 65, 66 and 223 are read from
//! `../shared` by an ignored test (`scripts/test.sh` runs it).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use tlgen_test_support::cli::stderr;
use tlgen_test_support::{sample_docs, shared, tlgen};

fn tlgen(args: &[&str], stdin: &str) -> Output {
    tlgen!().args(args).stdin(stdin).output()
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

/// The lines of `err` that start with `prefix` (after the indentation of
/// a list) and mention `what`, unindented.
fn lines_with(err: &str, prefix: &str, what: &str) -> Vec<String> {
    err.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with(prefix) && l.contains(what))
        .map(str::to_owned)
        .collect()
}

/// `ir` over `docs` and `schemas`, with `extra` flags: the IR on stdout,
/// the diagnostics that stop it or pass with it on stderr.
fn ir(docs: Option<&Path>, schemas: &[PathBuf], extra: &[&str]) -> Output {
    let docs = docs.map(path);
    let schemas: Vec<String> = schemas.iter().map(|s| path(s)).collect();
    let mut args = vec!["ir"];
    if let Some(docs) = &docs {
        args.extend(["--docs", docs]);
    }
    for s in &schemas {
        args.extend(["--schema", s]);
    }
    args.extend(extra);
    tlgen(&args, "")
}

/// The `layer` of `tlgen ir` over `schemas` alone.
fn ir_layer(schemas: &[PathBuf]) -> serde_json::Value {
    let schemas: Vec<String> = schemas.iter().map(|s| path(s)).collect();
    let mut args = vec!["ir"];
    for s in &schemas {
        args.extend(["--schema", s]);
    }
    let out = tlgen(&args, "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ir: serde_json::Value = serde_json::from_slice(&out.stdout).expect("IR JSON");
    ir["layer"].clone()
}

/// Checks the two ways of mixing layers on `docs`/`schemas`: refused with
/// errors naming `a` and `b` (the two files or the docs and the file), then
/// let through by `--mixed-layers` with the same text as warnings.
fn refused_then_allowed(docs: &Path, schemas: &[PathBuf], a: &str, b: &str) {
    let out = ir(Some(docs), schemas, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let errors = lines_with(&err, "error: ", "LAYER");
    assert!(
        errors.iter().any(|l| l.contains(a) && l.contains(b)),
        "no error names both {a} and {b}:\n{err}"
    );
    assert!(
        errors.iter().all(|l| l.contains("--mixed-layers")),
        "every layer error names the flag that allows it:\n{err}"
    );

    let out = ir(Some(docs), schemas, &["--mixed-layers"]);
    let allowed = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{allowed}");
    // The same findings, now warnings that say the run went on.
    for line in &errors {
        let (finding, _) = line.split_once("; pass the files").expect("the advice");
        let warning = format!(
            "{}; built anyway, as mixed layers were allowed",
            finding.replacen("error: ", "warning: ", 1)
        );
        assert_eq!(
            lines_with(&allowed, "warning: ", &warning),
            vec![warning],
            "{allowed}"
        );
    }
    assert_eq!(lines_with(&allowed, "error: ", ""), [""; 0], "{allowed}");
}

#[test]
fn sample_layers_must_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = sample_docs();
    let schemas = sample.join("schemas");
    let text = fs::read_to_string(schemas.join("sample.tl")).unwrap();
    assert!(text.contains("// LAYER 1\n"), "the sample is layer 1");
    let other = tmp.path().join("layer2.tl");
    fs::write(&other, text.replace("// LAYER 1\n", "// LAYER 2\n")).unwrap();

    // Two API layers: the sample's schema and its copy at layer 2. (The
    // docs name no layer, so only the schemas disagree.)
    refused_then_allowed(
        &sample,
        &[
            schemas.join("sample.tl"),
            schemas.join("sample_secret.tl"),
            other.clone(),
        ],
        "layer2.tl",
        "sample.tl",
    );

    // The layer is the API schema's, whichever file comes first.
    let mtproto = schemas.join("sample_mtproto.tl");
    let secret = schemas.join("sample_secret.tl");
    assert_eq!(
        ir_layer(&[mtproto.clone(), secret.clone(), other.clone()]),
        2
    );
    assert_eq!(ir_layer(&[other, secret, mtproto.clone()]), 2);
    // No API schema, no layer.
    assert_eq!(ir_layer(&[mtproto]), serde_json::Value::Null);
}

#[test]
#[ignore = "reads ../shared"]
fn real_layers_must_agree() {
    let shared = shared::require();

    // v65 and v66 together, with v66's docs.
    refused_then_allowed(
        &shared.docs("v66"),
        &[
            shared.schema("TL_telegram_v65.tl"),
            shared.schema("TL_telegram_v66.tl"),
        ],
        "TL_telegram_v66.tl: declares `// LAYER 66`",
        "TL_telegram_v65.tl declares `// LAYER 65`",
    );
    // v65's docs with v66's schema.
    refused_then_allowed(
        &shared.docs("v65"),
        &[shared.schema("TL_telegram_v66.tl")],
        "the docs document layer 65",
        "TL_telegram_v66.tl declares `// LAYER 66`",
    );

    // The MTProto and secret-chat schemas first: still layer 223.
    assert_eq!(
        ir_layer(&[
            shared.schema("TL_mtproto_v1.tl"),
            shared.schema("TL_secret.tl"),
            shared.schema("TL_telegram_v223.tl"),
        ]),
        223
    );
}

#[test]
fn the_mtproto_schema_alone_is_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let mtproto = sample_docs().join("schemas/sample_mtproto.tl");
    let out_dir = tmp.path().join("mt");
    let out = tlgen(
        &[
            "generate",
            "--schema",
            &path(&mtproto),
            "--out",
            &path(&out_dir),
        ],
        "",
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "one note, then what was written: {err}");
    assert_eq!(
        lines[0],
        format!(
            "note: {}: no docs tree was given: its 13 constructors and 3 methods come from the \
             schema alone (in the `mtproto` namespace)",
            path(&mtproto)
        )
    );
    assert!(lines[1].starts_with("wrote "), "{err}");
    // The service items, in their own modules.
    let ping = fs::read_to_string(out_dir.join("functions/mtproto.rs")).unwrap();
    let file = syn::parse_file(&ping).expect("the generated file parses");
    let structs: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    assert!(structs.contains(&"Ping".to_owned()), "{structs:?}");

    // `encode` and `decode` know the service layer without docs.
    let schema = path(&mtproto);
    let out = tlgen(
        &["encode", "--schema", &schema],
        "{\"_\":\"ping\",\"ping_id\":7}\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // ping#7abe77ec ping_id:long
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "ec77be7a0700000000000000\n"
    );
    assert_eq!(stderr(&out), "", "encode prints no note");
    let out = tlgen(
        &[
            "decode",
            "--schema",
            &schema,
            "--hex",
            "ec77be7a0700000000000000",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\"_\":\"ping\",\"ping_id\":7}\n"
    );
}
