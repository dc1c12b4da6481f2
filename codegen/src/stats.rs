//! The `tlgen stats` report: what the IR build found, for people.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::ir::{DiagnosticKind, Severity};
use crate::merge::Merged;

/// The `tlgen stats` text of `merged`: counts, then every diagnostic.
pub fn render(merged: &Merged) -> String {
    let api = &merged.api;
    let mut out = String::new();
    let count = |with_page: usize, with_id: usize, total: usize| {
        format!("{total} ({with_page} with a page, {with_id} with an ID)")
    };
    let _ = writeln!(
        out,
        "methods: {}",
        count(
            api.methods.iter().filter(|m| m.source.is_some()).count(),
            api.methods.iter().filter(|m| m.id.is_some()).count(),
            api.methods.len()
        )
    );
    let _ = writeln!(
        out,
        "constructors: {}",
        count(
            api.constructors
                .iter()
                .filter(|c| c.source.is_some())
                .count(),
            api.constructors.iter().filter(|c| c.id.is_some()).count(),
            api.constructors.len()
        )
    );
    let _ = writeln!(out, "types: {}", api.types.len());
    let params: usize = api.methods.iter().map(|m| m.params.len()).sum::<usize>()
        + api
            .constructors
            .iter()
            .map(|c| c.params.len())
            .sum::<usize>();
    let _ = writeln!(out, "params: {params}");
    let errors: usize = api.methods.iter().map(|m| m.errors.len()).sum();
    let tables = api.methods.iter().filter(|m| !m.errors.is_empty()).count();
    let _ = writeln!(out, "errors: {errors} rows in {tables} methods");
    let mut by_kind: BTreeMap<(Severity, DiagnosticKind), usize> = BTreeMap::new();
    for d in &merged.diagnostics {
        *by_kind.entry((d.severity, d.kind)).or_default() += 1;
    }
    let warnings = merged.warnings().count();
    let _ = writeln!(
        out,
        "diagnostics: {} ({} warnings, {} notes)",
        merged.diagnostics.len(),
        warnings,
        merged.diagnostics.len() - warnings
    );
    for ((severity, kind), n) in &by_kind {
        let _ = writeln!(out, "  {severity:?} {kind:?}: {n}");
    }
    for d in &merged.diagnostics {
        let _ = writeln!(out, "{d}");
    }
    out
}
