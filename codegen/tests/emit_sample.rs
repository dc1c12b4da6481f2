//! Snapshot tests of the code emitted for the docs-input sample.

use std::path::{Path, PathBuf};

use tlgen::emit::{generate, Options};

fn sample() -> tlgen::ir::Api {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let schema: PathBuf = root.join("schemas/sample.tl");
    tlgen::merge::build(&root, &[schema])
        .expect("sample IR")
        .api
}

#[test]
fn sample_tree_snapshot() {
    let out = generate(&sample(), &Options::default()).expect("generate");
    for (path, text) in &out.files {
        insta::assert_snapshot!(path.replace('/', "__"), text);
    }
}
