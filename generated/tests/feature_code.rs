//! The build script generates a feature's code only when the feature is on:
//! the tree in `OUT_DIR` names serde exactly when `serde` is enabled, has
//! method decoders exactly when `deserializable-functions` is, derives
//! `Hash` for its items exactly when `hash` is, and has the `borrowed`
//! module exactly when `borrowed` is. The test command runs this with the
//! default features (all off) and with every feature (all on), for every
//! input. The checks read the parsed items, not the text.

use std::path::Path;

use tlgen_test_support::rust::Parsed;

#[test]
fn a_feature_that_is_off_leaves_no_code() {
    // `tlgen_sample.rs` is the `SAMPLE` constant's expression, not items.
    let tree = Parsed::dir(Path::new(env!("OUT_DIR")), &["tlgen_sample.rs"]);
    assert!(!tree.struct_names().is_empty(), "no generated items found");
    let derives = tree.derives();
    let derived = |name: &str| derives.iter().any(|d| d.traits.iter().any(|t| t == name));
    assert_eq!(
        derived("serde::Serialize"),
        cfg!(feature = "serde"),
        "serde code present exactly when the `serde` feature is on"
    );
    // Error kinds (`Copy`) are `Hash` whatever the features.
    let hashed = derives.iter().any(|d| {
        let has = |name: &str| d.traits.iter().any(|t| t == name);
        has("Hash") && !has("Copy")
    });
    assert_eq!(
        hashed,
        cfg!(feature = "hash"),
        "items derive Hash exactly when the `hash` feature is on"
    );
    assert_eq!(
        Path::new(env!("OUT_DIR")).join("borrowed").is_dir(),
        cfg!(feature = "borrowed"),
        "the borrowed module's files exist exactly when the `borrowed` feature is on"
    );
    assert_eq!(
        tree.impls().iter().any(|i| i
            .trait_
            .as_deref()
            .is_some_and(|t| t.ends_with("DeserializeBorrowed"))),
        cfg!(feature = "borrowed"),
        "borrowed decoders present exactly when the `borrowed` feature is on"
    );
    // The runtime's `tl_boxed!(fn[no_de] ...)` is the form without method
    // decoders; any other `fn` form generates them.
    let calls = tree.macro_calls("tl_boxed");
    let methods = calls.iter().filter(|c| c.tokens.starts_with("fn ")).count();
    let without_decoders = calls
        .iter()
        .filter(|c| c.tokens.starts_with("fn [no_de] "))
        .count();
    assert!(methods > 0, "no method invocations found");
    if cfg!(feature = "deserializable-functions") {
        assert_eq!(without_decoders, 0);
    } else {
        assert_eq!(without_decoders, methods);
    }
}
