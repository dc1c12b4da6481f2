//! IRs for tests: no test ignores error diagnostics. An IR with an error in
//! it is one that every entry point of tlgen refuses, so a test that used it
//! anyway would pass where users fail.

use std::fmt::Display;

/// Fails, listing them all, when `errors` (a merge's error diagnostics,
/// `Merged::errors()`) is not empty. Generic over the diagnostic so that
/// tlgen's own unit tests, which see their own copy of the crate's types,
/// call it too.
pub fn assert_no_errors<D: Display>(what: &str, errors: impl IntoIterator<Item = D>) {
    let errors: Vec<String> = errors.into_iter().map(|d| d.to_string()).collect();
    assert!(
        errors.is_empty(),
        "{what}: {} error diagnostic(s), which every entry point refuses:\n  {}",
        errors.len(),
        errors.join("\n  ")
    );
}

/// The IR of the docs tree `docs` and `schemas` (`tlgen::merge::build`); an
/// unreadable input or any error diagnostic fails the test. Warnings and
/// notes are the caller's to check.
#[cfg(feature = "tlgen")]
pub fn build(docs: &std::path::Path, schemas: &[std::path::PathBuf]) -> tlgen::merge::Merged {
    let what = docs.display();
    let merged = tlgen::merge::build(docs, schemas).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_no_errors(&what.to_string(), merged.errors());
    merged
}

/// The IR of the sample docs with both sample schemas ([`build`]).
#[cfg(feature = "tlgen")]
pub fn sample() -> tlgen::merge::Merged {
    build(&crate::sample_docs(), &crate::sample_schemas())
}

/// The IR of the sample docs with all three sample schemas, the MTProto
/// service schema among them ([`build`]).
#[cfg(feature = "tlgen")]
pub fn sample_protocol() -> tlgen::merge::Merged {
    let docs = crate::sample_docs();
    let mut schemas = crate::sample_schemas().to_vec();
    schemas.insert(1, docs.join("schemas/sample_mtproto.tl"));
    build(&docs, &schemas)
}
