//! What a failed run tells its user: the text made from a merge's
//! diagnostics, kept out of [`crate::merge`], which only finds them.
//!
//! The CLI prints [`failure`] when the docs and schemas do not make a
//! usable API; [`crate::merge::Merged::failure`] is the same, as a method.

use std::fmt::Write as _;

use crate::ir::Diagnostic;
use crate::merge::Merged;

/// Why a run fails, when it does under the policy of
/// [`Diagnostic::is_fatal`]: every fatal diagnostic, one per line, then up
/// to `limit` of the other warnings (they often explain the errors: a tree
/// whose pages were all skipped has no method page) and how many more there
/// are. `None` when the output may be used.
pub fn failure(merged: &Merged, deny_warnings: bool, limit: usize) -> Option<String> {
    let mut out = String::new();
    for d in merged.fatal(deny_warnings) {
        let _ = writeln!(out, "{d}");
    }
    if out.is_empty() {
        return None;
    }
    let others: Vec<&Diagnostic> = merged
        .warnings()
        .filter(|d| !d.is_fatal(deny_warnings))
        .collect();
    for d in others.iter().take(limit) {
        let _ = writeln!(out, "{d}");
    }
    if others.len() > limit {
        let _ = writeln!(out, "... and {} more warnings", others.len() - limit);
    }
    out.pop();
    Some(out)
}
