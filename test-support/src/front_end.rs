//! The front end on arbitrary input: the page reader, the schema parser and
//! the reader of Telethon's tables (each followed by a merge of what they
//! read). Every input must give a value or an error naming the file and a
//! line inside the input; no panic. Shared by the deterministic test
//! `codegen/tests/hostile_front_end.rs` and the cargo-fuzz targets `pages`,
//! `schema` and `telethon` in `fuzz/`.

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

/// The invented sample of Telethon's tables, the partner of a fuzzed one.
const SAMPLE_METHODS: &str = include_str!("../../docs-input/telethon/methods.csv");
const SAMPLE_ERRORS: &str = include_str!("../../docs-input/telethon/errors.csv");

/// Reads `data` as Telethon's `methods.csv` beside the sample `errors.csv`,
/// and as `errors.csv` beside the sample `methods.csv`; adds what it read
/// to a small API.
pub fn telethon(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (methods, errors) = (Path::new("methods.csv"), Path::new("errors.csv"));
    for (methods_text, errors_text, fuzzed) in [
        (text, SAMPLE_ERRORS, "methods.csv"),
        (SAMPLE_METHODS, text, "errors.csv"),
    ] {
        match tlgen::telethon::tables(methods, methods_text, errors, errors_text) {
            Ok(tables) => {
                let source =
                    tlgen::merge::error_sources::telethon_source(&tables, Path::new("t"), None);
                let mut api = tlgen::ir::Api::default();
                let notes = tlgen::merge::error_tables::import(&mut api, vec![source]);
                assert_eq!(notes.len(), 1);
            }
            // The sample partner's own errors cannot be at fault, but a
            // fuzzed errors.csv may leave a name of the sample methods.csv
            // undefined: reported at that line of methods.csv.
            Err(Error::Parse { path, message, .. })
                if fuzzed == "errors.csv"
                    && path == methods
                    && message.contains("does not define") => {}
            Err(Error::Input { path, .. }) if path == Path::new(fuzzed) && is_blank(text) => {}
            Err(e) => check_error(&e, fuzzed, text),
        }
    }
}

/// Whether `text` holds no record: only line breaks (after a byte-order mark).
fn is_blank(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .all(|l| l.trim_end_matches('\r').is_empty())
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
