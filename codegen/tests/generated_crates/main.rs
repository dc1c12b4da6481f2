//! Generated trees compiled as crates, under `#![deny(warnings)]`: the
//! snapshot tree, every gate setting and runtime path, a layer that adds an
//! optional field, a type no constructor defines. Each builds a scratch
//! crate (`tlgen_test_support::ScratchCrate`) offline with the workspace's
//! locked versions.

mod layer_update;
mod settings;
mod snapshot;
mod undefined_type;

use tlgen::emit::Output;

/// A generated tree as the files of a scratch crate: under `src/tl/`, with
/// a `src/lib.rs` that denies warnings, holds `lib` and declares `tl`.
fn tree_files(output: &Output, lib: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = output
        .files
        .iter()
        .map(|(path, text)| (format!("src/tl/{path}"), text.clone()))
        .collect();
    files.push((
        "src/lib.rs".into(),
        format!("//! The generated tree.\n#![deny(warnings)]\n{lib}pub mod tl;\n"),
    ));
    files
}
