//! Layers that must agree: one run builds one API layer. The layer is the
//! API schema's `// LAYER N` ([`crate::schema::Role::Api`]; never the
//! MTProto or secret-chat schema's, nor whichever file came first), and
//! every other API schema and the docs tree (its root page says "layer
//! 223") must be of that layer: mixing them builds items of one layer with
//! the IDs or docs of another. Each disagreement is an error naming both
//! sides, or a warning when the caller says the mix is meant
//! ([`super::MergeOptions::mixed_layers`]).

use std::path::Path;

use crate::ir::{Diagnostic, DiagnosticKind, Severity};
use crate::schema::{Role, Schema};

/// The API's layer (the first API schema's), reporting every schema and
/// docs tree that declares another.
pub(super) fn check(
    docs: Option<&Path>,
    schemas: &[Schema],
    mixed_layers: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<u32> {
    let severity = if mixed_layers {
        Severity::Warning
    } else {
        Severity::Error
    };
    let how = if mixed_layers {
        "built anyway, as mixed layers were allowed"
    } else {
        "pass the files of one layer, or allow mixed layers (`--mixed-layers`, \
         `Config::mixed_layers`, `TLGEN_MIXED_LAYERS=1`) if this is meant"
    };
    let mut api = schemas
        .iter()
        .filter(|s| s.role() == Role::Api)
        .filter_map(|s| Some((s, s.layer?)));
    let (first, layer) = api.next()?;
    for (schema, other) in api.filter(|(_, l)| *l != layer) {
        diagnostics.push(Diagnostic {
            severity,
            kind: DiagnosticKind::LayerMismatch,
            file: schema.path.clone(),
            line: None,
            message: format!(
                "declares `// LAYER {other}`, but {} declares `// LAYER {layer}`: one run \
                 builds one layer; {how}",
                first.path
            ),
        });
    }
    if let Some((page, documented)) = docs.and_then(crate::pages::declared_layer) {
        if documented != layer {
            diagnostics.push(Diagnostic {
                severity,
                kind: DiagnosticKind::LayerMismatch,
                file: page.display().to_string(),
                line: None,
                message: format!(
                    "the docs document layer {documented}, but the schema {} declares \
                     `// LAYER {layer}`: the docs and schema of one layer belong together; {how}",
                    first.path
                ),
            });
        }
    }
    Some(layer)
}
