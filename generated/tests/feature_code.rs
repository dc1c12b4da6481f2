//! The build script generates a feature's code only when the feature is on:
//! the tree in `OUT_DIR` names serde exactly when `serde` is enabled, has
//! method decoders exactly when `deserializable-functions` is, derives
//! `Hash` for its items exactly when `hash` is, and has the `borrowed`
//! module exactly when `borrowed` is. The test command runs this with the
//! default features (all off) and with every feature (all on), for every
//! input.

use std::fs;
use std::path::Path;

/// Every `.rs` file under `dir`, concatenated.
fn tree_text(dir: &Path) -> String {
    let mut text = String::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            text.push_str(&tree_text(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            text.push_str(&fs::read_to_string(&path).expect("generated file"));
        }
    }
    text
}

#[test]
fn a_feature_that_is_off_leaves_no_code() {
    let text = tree_text(Path::new(env!("OUT_DIR")));
    assert!(text.contains("pub struct"), "no generated items found");
    assert_eq!(
        text.contains("serde::Serialize"),
        cfg!(feature = "serde"),
        "serde code present exactly when the `serde` feature is on"
    );
    // Error kinds (`Copy`) are `Hash` whatever the features.
    assert_eq!(
        text.contains("Clone, PartialEq, Hash"),
        cfg!(feature = "hash"),
        "items derive Hash exactly when the `hash` feature is on"
    );
    assert_eq!(
        Path::new(env!("OUT_DIR")).join("borrowed").is_dir(),
        cfg!(feature = "borrowed"),
        "the borrowed module's files exist exactly when the `borrowed` feature is on"
    );
    assert_eq!(
        text.contains("DeserializeBorrowed"),
        cfg!(feature = "borrowed"),
        "borrowed decoders present exactly when the `borrowed` feature is on"
    );
    // The runtime's `tl_boxed!(fn[no_de] ...)` is the form without method
    // decoders; any other `fn` form generates them.
    let methods = text.matches("tl_boxed!(fn").count();
    let without_decoders = text.matches("tl_boxed!(fn[no_de]").count();
    assert!(methods > 0, "no method invocations found");
    if cfg!(feature = "deserializable-functions") {
        assert_eq!(without_decoders, 0);
    } else {
        assert_eq!(without_decoders, methods);
    }
}
