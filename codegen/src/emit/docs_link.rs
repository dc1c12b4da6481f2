//! Glue between the emitter and the docs renderer: resolves MadelineProto
//! link targets to the paths of generated items.

use super::docs::{render_docs, LinkKind, LinkTarget};
use crate::registry::items::Items;

/// Resolves link targets relative to one module (`root` is the path from
/// that module to the tree root).
pub struct Resolver<'m, 'a> {
    /// The resolved API.
    pub model: &'m Items<'a>,
    /// Path from the current module to the tree root.
    pub root: &'m str,
}

impl Resolver<'_, '_> {
    /// The Rust path of the item a link points at, if it was generated.
    pub fn resolve(&self, target: &LinkTarget) -> Option<String> {
        let m = self.model;
        let path = match target.kind {
            LinkKind::Method => &m.funcs[m.func_index(&target.name)?].path,
            LinkKind::Constructor => &m.ctors[m.ctor_index(&target.name)?].path,
            LinkKind::Type => {
                if target.name == "Bool" {
                    return Some("bool".to_string());
                }
                &m.types[m.type_index(&target.name)?].path
            }
        };
        Some(format!("{}::{}", self.root, path.display()))
    }
}

/// Renders a description to rustdoc Markdown with links resolved.
pub fn render(markdown: &str, resolver: &Resolver<'_, '_>) -> String {
    if markdown.trim().is_empty() {
        return String::new();
    }
    render_docs(markdown, &|t| resolver.resolve(t))
}
