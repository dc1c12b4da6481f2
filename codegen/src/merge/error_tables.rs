//! Error tables from another docs tree.
//!
//! Only old-format pages carry an `### Errors` table; current-layer pages
//! have none, so every method of a current layer would fail with a bare
//! `RpcError`. RPC error names outlive layers, so the tables of an older
//! (old-format) tree still describe the methods both trees have: this copies
//! them, by method name, into methods that have no table of their own, and
//! says for which.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::Result;
use crate::ir::{Api, Diagnostic, DiagnosticKind, Severity};
use crate::pages::{self, Page, PageKind};

/// Reads the docs tree at `dir` and copies its error tables into the methods
/// of `api` that have none (see [`import`]).
pub fn import_from(api: &mut Api, dir: &Path) -> Result<Vec<Diagnostic>> {
    let pages = pages::read_docs(dir)?;
    Ok(import(api, dir, &pages))
}

/// Copies the error tables of `pages` (read from `dir`) into the methods of
/// `api` with the same name and no table of their own. Returns a note per
/// method that got one, a note summing up, and a warning when `pages` have
/// no error table at all (a current-format tree given by mistake).
pub fn import(api: &mut Api, dir: &Path, pages: &[Page]) -> Vec<Diagnostic> {
    let tables: BTreeMap<&str, &Page> = pages
        .iter()
        .filter(|p| p.kind == PageKind::Method && !p.errors.is_empty())
        .map(|p| (p.name.as_str(), p))
        .collect();
    let dir_label = dir.display().to_string();
    let mut diagnostics = Vec::new();
    if tables.is_empty() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            kind: DiagnosticKind::ImportedErrors,
            file: dir_label,
            line: None,
            message: "no method page here has an `### Errors` table (only old-format docs \
                      trees, such as layer 65's, have them): no errors imported"
                .to_owned(),
        });
        return diagnostics;
    }
    let (mut imported, mut without) = (0usize, 0usize);
    for method in &mut api.methods {
        if !method.errors.is_empty() {
            continue;
        }
        let Some(page) = tables.get(method.name.as_str()) else {
            without += 1;
            continue;
        };
        method.errors = super::error_entries(page);
        let source = format!("{dir_label}/{}", page.source);
        diagnostics.push(Diagnostic {
            severity: Severity::Note,
            kind: DiagnosticKind::ImportedErrors,
            file: source.clone(),
            line: page.errors.first().map(|e| e.line),
            message: format!(
                "`{}`: {} documented errors taken from this older page",
                method.name,
                method.errors.len()
            ),
        });
        method.errors_source = Some(source);
        imported += 1;
    }
    diagnostics.push(Diagnostic {
        severity: Severity::Note,
        kind: DiagnosticKind::ImportedErrors,
        file: dir_label,
        line: None,
        message: format!(
            "error tables imported for {imported} methods; {without} methods without a table \
             have none there either"
        ),
    });
    diagnostics
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::import;
    use crate::ir::{Api, Method, Severity};
    use crate::pages::{Page, PageError, PageKind};

    fn method(name: &str) -> Method {
        Method {
            name: name.to_owned(),
            id: None,
            description: String::new(),
            params: Vec::new(),
            returns: "Updates".into(),
            bots: None,
            users: None,
            business: None,
            errors: Vec::new(),
            errors_source: None,
            source: None,
            space: crate::ir::Space::Api,
        }
    }

    fn page(name: &str, errors: &[(i32, &str)]) -> Page {
        Page {
            kind: PageKind::Method,
            name: name.to_owned(),
            source: format!("methods/{name}.md"),
            line: 1,
            description: String::new(),
            params: Vec::new(),
            result: None,
            result_line: 0,
            bots: None,
            users: None,
            business: None,
            errors: errors
                .iter()
                .enumerate()
                .map(|(i, &(code, name))| PageError {
                    code,
                    name: name.to_owned(),
                    description: String::new(),
                    line: 20 + i as u32,
                })
                .collect(),
            constructors: Vec::new(),
            irregular: false,
        }
    }

    #[test]
    fn copies_tables_by_name_into_methods_without_one() {
        let mut api = Api {
            methods: vec![
                method("channels.joinChannel"),
                method("messages.sendMessage"),
            ],
            ..Api::default()
        };
        api.methods[1].errors = vec![crate::ir::ErrorEntry {
            code: 400,
            name: "OWN_ERROR".into(),
            description: String::new(),
        }];
        let pages = [
            page(
                "channels.joinChannel",
                &[(400, "CHANNEL_INVALID"), (403, "CHANNEL_PRIVATE")],
            ),
            page("messages.sendMessage", &[(400, "PEER_ID_INVALID")]),
        ];
        let diagnostics = import(&mut api, Path::new("old"), &pages);
        let names: Vec<&str> = api.methods[0]
            .errors
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(names, ["CHANNEL_INVALID", "CHANNEL_PRIVATE"]);
        assert_eq!(
            api.methods[0].errors_source.as_deref(),
            Some("old/methods/channels.joinChannel.md")
        );
        // A method's own table wins.
        assert_eq!(api.methods[1].errors[0].name, "OWN_ERROR");
        let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "note: old/methods/channels.joinChannel.md:20: `channels.joinChannel`: 2 \
                 documented errors taken from this older page",
                "note: old: error tables imported for 1 methods; 0 methods without a table have \
                 none there either",
            ]
        );
    }

    #[test]
    fn a_tree_without_tables_is_a_warning() {
        let mut api = Api {
            methods: vec![method("channels.joinChannel")],
            ..Api::default()
        };
        let diagnostics = import(
            &mut api,
            Path::new("v223"),
            &[page("channels.joinChannel", &[])],
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].severity, Severity::Warning);
        assert!(api.methods[0].errors.is_empty());
    }
}
