//! What the tests of the tlgen workspace share, in one place: the TL oracle,
//! the third-party data in `../shared`, the `tlgen` command line as a user
//! runs it, the seeded random generator, scratch crates that compile
//! generated code, the parsed items of generated Rust, and (with the `tlgen`
//! feature) an IR builder that fails on any error diagnostic and the front
//! end on arbitrary input.
//!
//! Tests that read `../shared` are `#[ignore]`d with the reason
//! `reads ../shared`; [`shared::require`] fails them when they are run
//! without the data (see the README, "Tests and the data they read").

use std::path::{Path, PathBuf};

pub mod cli;
pub mod failures;
#[cfg(feature = "tlgen")]
pub mod front_end;
pub mod ir;
pub mod readme;
pub mod rng;
pub mod rust;
pub mod scratch;
pub mod shared;
pub mod tl_oracle;
pub mod tree;

pub use failures::Failures;
pub use rng::Rng;
pub use scratch::ScratchCrate;

/// The root of this workspace (the checkout).
pub fn workspace_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Our own sample docs tree, `docs-input/`.
pub fn sample_docs() -> PathBuf {
    workspace_root().join("docs-input")
}

/// Fails unless `text` contains each of `parts`, naming those it lacks and
/// showing `text`.
pub fn assert_contains(text: &str, parts: &[&str]) {
    let missing: Vec<&&str> = parts.iter().filter(|p| !text.contains(**p)).collect();
    assert!(missing.is_empty(), "{missing:?} not in:\n{text}");
}

/// The one warning of the sample docs at `docs` read with `sample.tl` alone:
/// the secret-chat pages name the schema they lack.
pub fn warning_without_secret_schema(docs: impl std::fmt::Display) -> String {
    format!(
        "warning: {docs}: the secret-chat schema (MadelineProto's TL_secret.tl, with `===N===` \
         layer sections) is missing: 9 pages document its entries \
         (decryptedMessageActionSetMessageTTL_8, ...), which no schema file defines"
    )
}

/// The sample's API schema and its secret-chat schema, as tlgen-api's build
/// script reads them.
pub fn sample_schemas() -> [PathBuf; 2] {
    let docs = sample_docs();
    [
        docs.join("schemas/sample.tl"),
        docs.join("schemas/sample_secret.tl"),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn assert_contains_names_what_is_missing() {
        super::assert_contains("one two three", &["one", "three"]);
        let missing = std::panic::catch_unwind(|| super::assert_contains("one", &["one", "two"]))
            .expect_err("a part is missing");
        let message = missing.downcast_ref::<String>().expect("a message");
        assert!(message.starts_with(r#"["two"] not in:"#), "{message}");
    }

    #[test]
    fn the_rng_is_seeded_and_stays_below() {
        let mut a = super::Rng::new(7);
        let mut b = super::Rng::new(7);
        let first: Vec<u64> = (0..4).map(|_| a.next()).collect();
        assert_eq!(first, (0..4).map(|_| b.next()).collect::<Vec<_>>());
        assert!(first.windows(2).all(|w| w[0] != w[1]));
        assert!((0..1000).all(|_| a.below(3) < 3));
        assert_eq!(a.below(0), 0);
    }

    #[test]
    fn the_locator_looks_beside_the_checkout() {
        let dir = super::shared::dir();
        assert_eq!(dir.file_name().and_then(|n| n.to_str()), Some("shared"));
        assert_eq!(
            dir.parent().map(|p| p.join("x")),
            Some(super::workspace_root().join("../x"))
        );
        assert!(super::workspace_root().join("Cargo.toml").is_file());
    }
}
