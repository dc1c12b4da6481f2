//! The coverage check: docs and schema that share too little make a gutted
//! API, which is an error, not a quiet success (see the module docs of
//! [`crate::merge`]).

use std::path::Path;

use super::PageIndex;
use crate::ir::{Api, Diagnostic, DiagnosticKind, Severity};

/// Reports a [`DiagnosticKind::Coverage`] error when the docs have no method
/// page, or (with a schema) when fewer than half of the method or
/// constructor pages found their schema entry.
pub(super) fn check(
    docs: &Path,
    pages: &PageIndex<'_>,
    api: &Api,
    with_schema: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut error = |message: String| {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            kind: DiagnosticKind::Coverage,
            file: docs.display().to_string(),
            line: None,
            message,
        })
    };
    if pages.methods.is_empty() {
        error(
            "the docs tree has no readable method page: expected `methods/*.md` pages \
             documenting the API"
                .to_string(),
        );
    }
    if !with_schema {
        return;
    }
    let with_page = |sources: &mut dyn Iterator<Item = bool>| sources.filter(|&b| b).count();
    let methods = with_page(&mut api.methods.iter().map(|m| m.source.is_some()));
    let constructors = with_page(&mut api.constructors.iter().map(|c| c.source.is_some()));
    for (what, matched, total) in [
        ("method", methods, pages.methods.len()),
        ("constructor", constructors, pages.constructors.len()),
    ] {
        if total > 0 && matched * 2 < total {
            error(format!(
                "only {matched} of the {total} {what} pages have a schema entry: \
                 expected the schema the docs were generated from (is it truncated, \
                 or of another layer?)"
            ));
        }
    }
}
