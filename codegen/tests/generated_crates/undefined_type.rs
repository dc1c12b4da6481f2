//! A type the schema references but no constructor defines (a misspelt
//! result type) is emitted as an uninhabited enum: the generated tree,
//! from a docs tree and schema built here, compiles under
//! `#![deny(warnings)]`, and decoding any bytes as that type fails.

use std::fs;

use tlgen::emit::{generate, Options};
use tlgen::ir::DiagnosticKind;
use tlgen_test_support::rust::Parsed;
use tlgen_test_support::scratch::{self, ScratchCrate};
use tlgen_test_support::{cli, ir};

use super::tree_files;

/// `foo`'s result is spelt `Fooo`, so `Foo`, the method's result, is
/// defined by no constructor.
const SCHEMA: &str = "\
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
foo#1f2e3d4c n:int = Fooo;
---functions---
demo.getFoo#5a6b7c8d n:int = Foo;
";

const METHOD_PAGE: &str = "\
# Method: demo.getFoo
[Back to methods index](index.md)

Gets a foo.

### Parameters:

| Name | Type | Description | Required |
|------|------|-------------|----------|
|n|[int](../types/int.md) | Which one | Yes|


### Return type: [Foo](../types/Foo.md)
";

const CONSTRUCTOR_PAGE: &str = "\
# Constructor: foo
[Back to constructors index](index.md)

A foo.

### Attributes:

| Name | Type | Required | Description |
|------|------|----------|-------------|
|n|[int](../types/int.md) | Yes|The number|


### Type: [Fooo](../types/Fooo.md)
";

const MAIN: &str = r#"#![deny(warnings)]
use scratch::tl::{enums::Foo, functions::demo::GetFoo};
use tlgen_runtime::{Deserialize, Method};

fn decode<T: Deserialize + std::fmt::Debug>(bytes: &[u8]) -> String {
    match T::from_bytes(bytes) {
        Ok(value) => format!("decoded {value:?}"),
        Err(e) => e.to_string(),
    }
}

fn main() {
    let inputs: [&[u8]; 5] = [
        &[],
        &[0x4c, 0x3d, 0x2e, 0x1f, 1, 0, 0, 0],
        &[0x8d, 0x7c, 0x6b, 0x5a],
        &[0x11, 0x22, 0x33, 0x44, 0x55],
        &[0xb5, 0x75, 0x72, 0x99],
    ];
    for bytes in inputs {
        println!("{}", decode::<Foo>(bytes));
    }
    // The method's result is that type: no answer to it decodes either.
    println!("{}", decode::<<GetFoo as Method>::Return>(&[0xb5, 0x75, 0x72, 0x99]));
}
"#;

#[test]
fn an_undefined_type_compiles_and_never_decodes() {
    let runtime = scratch::runtime_dir();
    let docs = tempfile::tempdir().expect("temp dir");
    for (path, text) in [
        ("methods/demo.getFoo.md", METHOD_PAGE),
        ("constructors/foo.md", CONSTRUCTOR_PAGE),
        ("types/README.md", ""),
        ("schema.tl", SCHEMA),
    ] {
        let path = docs.path().join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("docs dir");
        fs::write(path, text).expect("docs file");
    }
    let merged = ir::build(docs.path(), &[docs.path().join("schema.tl")]);
    let undefined: Vec<String> = merged
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::UndefinedType)
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        undefined,
        [
            "method demo.getFoo result: type `Foo` is defined by no constructor (a misspelt \
             result type?); it is generated as a type with no values, whose decoding always fails"
        ]
    );
    let output = generate(&merged.api, &Options::default()).expect("generated");
    let enums = Parsed::new([("enums/mod.rs", &output.files["enums/mod.rs"])]);
    let foo = enums.find_enum("Foo").expect("enum Foo");
    assert!(
        enums.has_pub_enum("Foo") && foo.variants.is_empty(),
        "Foo is a pub enum without variants"
    );

    let mut files = tree_files(&output, "");
    files.push(("src/main.rs".into(), MAIN.into()));
    // The generated code's feature gates, as in the snapshot crate.
    let manifest = scratch::manifest(
        "scratch",
        &format!(
            "[features]\nserde = [\"dep:serde\", \"tlgen-runtime/serde\"]\ndeserializable-functions = []\nsample-values = []\n\n\
             [dependencies]\ntlgen-runtime = {{ path = {:?} }}\nserde = {{ version = \"1\", optional = true, features = [\"derive\"] }}\n",
            runtime.display().to_string()
        ),
    );
    let scratch = ScratchCrate::new(&manifest, &[]);
    scratch.write_owned(&files);
    scratch.use_workspace_lock();
    // With serde too: the uninhabited enum derives and implements it.
    let check = scratch.cargo(&["check", "--quiet", "--all-features"]);
    assert!(
        check.status.success(),
        "the generated tree failed to build with all features:\n{}",
        cli::stderr(&check)
    );
    let run = scratch.cargo(&["run", "--quiet"]);
    // Every input is an error: too short, another type's constructor, a
    // method's ID, an unknown ID; the ID is read and reported either way.
    assert_eq!(
        cli::success(&run),
        "truncated input: 4 more bytes needed at offset 0\n\
         expected Foo, got foo#1f2e3d4c\n\
         expected Foo, got demo.getFoo#5a6b7c8d\n\
         expected Foo, got unknown constructor #44332211\n\
         expected Foo, got unknown constructor #997275b5\n\
         expected Foo, got unknown constructor #997275b5\n"
    );
}
