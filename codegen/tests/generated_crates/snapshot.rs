//! The snapshot tree (`codegen/tests/snapshots`: the sample docs as the
//! emitter writes them by default) compiled as a crate under
//! `#![deny(warnings, missing_docs)]` and clippy, with and without its
//! features, and documented with rustdoc warnings denied, as progenitor
//! keeps its goldens a compilable crate: a snapshot accepted with a
//! warning, a clippy lint, an undocumented public item (a user's crate that
//! re-exports the tree under `missing_docs`), a broken doc link or an error
//! in it fails here. The crate is `#![no_std]`, without an `extern
//! crate alloc` of its own, and nothing in its graph has `std` (the runtime
//! and serde without default features), so generated code that names `std`
//! or a `std` prelude item the runtime's `alloc_prelude` lacks fails too.

use std::path::Path;

use tlgen_test_support::scratch::{self, ScratchCrate};

/// `emit_sample__types__auth.rs.snap` -> `types/auth.rs`, and the snapshot's
/// text without insta's header.
fn snapshot_files(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("snapshot dir") {
        let path = entry.expect("dir entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let Some(rel) = name
            .strip_prefix("emit_sample__")
            .and_then(|n| n.strip_suffix(".snap"))
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("snapshot");
        // insta's header: `---`, metadata lines, `---`.
        let body = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map(|(_, body)| body)
            .unwrap_or_else(|| panic!("{name}: no insta header"));
        files.push((
            format!("src/tl/{}", rel.replace("__", "/")),
            body.to_owned(),
        ));
    }
    files.sort();
    files
}

#[test]
fn snapshot_tree_compiles_without_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let runtime = scratch::runtime_dir();
    let mut files = snapshot_files(&root.join("tests/snapshots"));
    assert!(
        files.iter().any(|(p, _)| p == "src/tl/mod.rs")
            && files.iter().any(|(p, _)| p == "src/tl/types/mod.rs"),
        "the snapshot tree is complete: {:?}",
        files.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    files.push((
        "src/lib.rs".into(),
        "//! The snapshot tree.\n#![no_std]\n#![deny(warnings, missing_docs)]\n\
         /// The generated tree.\npub mod tl;\n"
            .into(),
    ));
    let manifest = scratch::manifest(
        "tlgen-snapshot-check",
        &format!(
            "[features]\nserde = [\"dep:serde\", \"tlgen-runtime/serde\"]\ndeserializable-functions = []\nsample-values = []\n\n\
             [dependencies]\ntlgen-runtime = {{ path = {:?}, default-features = false }}\n\
             serde = {{ version = \"1\", optional = true, default-features = false, features = [\"derive\", \"alloc\"] }}\n",
            runtime.display().to_string()
        ),
    );
    let scratch = ScratchCrate::new(&manifest, &[]);
    scratch.write_owned(&files);
    scratch.use_workspace_lock();
    // `deny(warnings)` makes clippy's default lints errors too.
    for args in [
        &["clippy", "--quiet"][..],
        &["clippy", "--quiet", "--all-features"][..],
        &["doc", "--quiet", "--no-deps", "--all-features"][..],
    ] {
        let output = scratch.cargo(args);
        assert!(
            output.status.success(),
            "cargo {args:?} on the snapshot tree failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
