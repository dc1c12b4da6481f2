//! Code written with `new` and setters survives a layer that adds an
//! optional field: the same user program compiles, under
//! `#![deny(warnings)]`, against two layers built here that differ only by
//! `reply_to:flags.1?int` on `demo.send`, while a struct literal naming
//! every field compiles against the first and not the second. This is what
//! `tlgen diff` calls not breaking (docs/FORMATS-NOTES.md has the schema
//! rules; the README says which style is stable).

use std::fs;

use tlgen::emit::{generate, Options};
use tlgen_test_support::rust::{Field, Parsed};
use tlgen_test_support::scratch::{self, ScratchCrate};
use tlgen_test_support::{cli, ir};

use super::tree_files;

const BOOL: &str = "boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\n";

const OLD: &str = "---functions---\n\
    demo.send#6123022a flags:# silent:flags.0?true peer:int text:string = Bool;\n";
const NEW: &str = "---functions---\n\
    demo.send#47bf1402 flags:# silent:flags.0?true peer:int text:string reply_to:flags.1?int = Bool;\n";

fn page(extra_row: &str) -> String {
    format!(
        "# Method: demo.send\n[Back to methods index](index.md)\n\nSends a text.\n\n\
         ### Parameters:\n\n\
         | Name | Type | Description | Required |\n\
         |------|------|-------------|----------|\n\
         |silent|[Bool](../types/Bool.md) | Quietly | Optional|\n\
         |peer|[int](../types/int.md) | To whom | Yes|\n\
         |text|[string](../types/string.md) | What | Yes|\n\
         {extra_row}\n\n### Return type: [Bool](../types/Bool.md)\n"
    )
}

/// Written once, against whichever layer is generated.
const STABLE: &str = "#![deny(warnings)]\n\
    use scratch::tl::functions::demo::Send;\n\
    use tlgen_runtime::Serialize;\n\
    fn main() {\n\
        let send = Send::new(7, \"hi\").silent(true);\n\
        let update = Send { silent: false, ..Send::new(7, \"hi\") };\n\
        println!(\"{} {}\", send.to_bytes().len(), update.to_bytes().len());\n\
    }\n";

/// Names every field of the first layer's struct.
const LITERAL: &str = "#![deny(warnings)]\n\
    use scratch::tl::functions::demo::Send;\n\
    fn main() {\n\
        let send = Send { silent: true, peer: 7, text: \"hi\".into() };\n\
        let _ = send;\n\
    }\n";

/// The generated tree of one layer, as the files of a scratch crate.
fn layer_files(schema: &str, extra_row: &str) -> Vec<(String, String)> {
    let docs = tempfile::tempdir().expect("temp dir");
    for (path, text) in [
        ("methods/demo.send.md", page(extra_row)),
        ("types/README.md", String::new()),
        ("schema.tl", format!("{BOOL}{schema}")),
    ] {
        let path = docs.path().join(path);
        fs::create_dir_all(path.parent().expect("parent")).expect("docs dir");
        fs::write(path, text).expect("docs file");
    }
    let merged = ir::build(docs.path(), &[docs.path().join("schema.tl")]);
    let output = generate(&merged.api, &Options::default()).expect("generated");
    tree_files(&output, "")
}

#[test]
fn new_and_setters_survive_an_added_optional_field_and_literals_do_not() {
    let runtime = scratch::runtime_dir();
    let manifest = scratch::manifest(
        "scratch",
        &format!(
            "[features]\nserde = []\ndeserializable-functions = []\nsample-values = []\n\n\
             [dependencies]\ntlgen-runtime = {{ path = {:?} }}\n",
            runtime.display().to_string()
        ),
    );
    let scratch = ScratchCrate::new(&manifest, &[]);
    scratch.use_workspace_lock();
    let build = |files: &[(String, String)], main: &str| {
        let _ = fs::remove_dir_all(scratch.path().join("src"));
        scratch.write_owned(files);
        scratch.write(&[("src/main.rs", main)]);
        scratch.cargo(&["run", "--quiet"])
    };

    let old = layer_files(OLD, "");
    let new = layer_files(
        NEW,
        "|reply_to|[int](../types/int.md) | In reply to | Optional|",
    );
    // The two layers differ in the field, not only in the ID.
    let has_reply_to = |files: &[(String, String)]| {
        let demo = files
            .iter()
            .find(|(p, _)| p == "src/tl/functions/demo.rs")
            .expect("functions/demo.rs");
        let parsed = Parsed::new([(&demo.0, &demo.1)]);
        assert!(parsed.find_struct("Send").is_some(), "struct Send");
        parsed.struct_field("Send", "reply_to")
            == Some(Field {
                public: true,
                ty: "Option < i32 >".into(),
            })
    };
    assert!(!has_reply_to(&old) && has_reply_to(&new));

    for (layer, files, len) in [("old", &old, "16 16"), ("new", &new, "16 16")] {
        let run = build(files, STABLE);
        assert!(
            run.status.success(),
            "new + setters failed against the {layer} layer:\n{}",
            cli::stderr(&run)
        );
        assert_eq!(cli::stdout(&run).trim(), len, "{layer}");
    }
    let run = build(&old, LITERAL);
    assert!(
        run.status.success(),
        "a struct literal failed against the layer it names:\n{}",
        cli::stderr(&run)
    );
    let run = build(&new, LITERAL);
    let stderr = cli::stderr(&run);
    assert!(
        !run.status.success() && stderr.contains("missing field `reply_to`"),
        "a struct literal built against a layer with a field it does not name:\n{stderr}"
    );
}
