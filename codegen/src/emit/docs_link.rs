//! Glue between the emitter and the docs renderer: resolves MadelineProto
//! link targets to the paths of generated items.

use super::docs::{render_docs, LinkKind, LinkTarget};
use crate::model::Model;

/// Resolves link targets relative to one module (`root` is the path from
/// that module to the tree root).
pub struct Resolver<'m, 'a> {
    /// The resolved API.
    pub model: &'m Model<'a>,
    /// Path from the current module to the tree root.
    pub root: &'m str,
}

impl Resolver<'_, '_> {
    /// The Rust path of the item a link points at, if it was generated.
    pub fn resolve(&self, target: &LinkTarget) -> Option<String> {
        let m = self.model;
        let path = match target.kind {
            LinkKind::Method => &m.func(m.method_named(&target.name)?).rust.as_ref()?.path,
            LinkKind::Constructor => {
                let c = m.ctor(m.constructor_named(&target.name)?);
                &c.rust.as_ref()?.path
            }
            LinkKind::Type => {
                if target.name == "Bool" {
                    return Some("bool".to_string());
                }
                &m.ty(m.type_named(&target.name)?).rust.as_ref()?.path
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
