//! The front end on arbitrary input: the page reader and the schema parser
//! (each followed by a merge of what they read). Every input must give a
//! value or an error naming the file and a line inside the input; no panic.
//! Shared by the deterministic test `codegen/tests/hostile_front_end.rs` and
//! the cargo-fuzz targets `pages` and `schema` in `fuzz/`.

use std::path::Path;

use tlgen::Error;

/// The folders a page can live in (each gives another page kind).
const SOURCES: [&str; 3] = ["methods/x.md", "constructors/x.md", "types/x.md"];

/// Reads `data` as a page of each kind and merges each page read.
pub fn page(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for source in SOURCES {
        match tlgen::pages::parse_page(Path::new(source), source, text) {
            Ok(Some(page)) => {
                let merged = tlgen::merge::merge(Path::new("docs"), &[page], &[]);
                assert!(merged.api.methods.len() <= 1);
            }
            Ok(None) => panic!("{source} is an entity page"),
            Err(e) => check_error(&e, source, text),
        }
    }
}

/// Parses `data` as a schema, checks its IDs and merges it without pages.
pub fn schema(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match tlgen::schema::parse_schema(Path::new("fuzz.tl"), text) {
        Ok(schema) => {
            for d in tlgen::schema::check_ids(&schema) {
                assert!(d.line.is_some(), "{d}");
            }
            let merged = tlgen::merge::merge(Path::new("docs"), &[], &[schema]);
            for d in &merged.diagnostics {
                assert!(!d.file.is_empty(), "{d}");
            }
        }
        Err(e) => check_error(&e, "fuzz.tl", text),
    }
}

/// An error names the file and a line of the input.
fn check_error(error: &Error, file: &str, text: &str) {
    let lines = text.split('\n').count();
    match error {
        Error::Parse {
            path,
            line,
            message,
        } => {
            assert_eq!(path, Path::new(file));
            assert!(
                (1..=lines).contains(&(*line as usize)),
                "line {line} of {lines}: {message}"
            );
            assert!(!message.is_empty());
        }
        other => panic!("an error without a line: {other}"),
    }
}
