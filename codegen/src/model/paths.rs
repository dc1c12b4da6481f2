//! Where each generated item lives: its top-level module, its namespace
//! module and its identifier, unique within the module.

use std::collections::BTreeMap;

use super::names;
use crate::ir::Space;

/// Which top-level module an item lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `types`: constructor structs.
    Types,
    /// `enums`: type enums.
    Enums,
    /// `functions`: method structs.
    Functions,
    /// `errors`: per-method error enums.
    Errors,
}

impl Kind {
    /// Every kind, in module order.
    pub const ALL: [Kind; 4] = [Kind::Types, Kind::Enums, Kind::Functions, Kind::Errors];

    /// The module name.
    pub fn module(self) -> &'static str {
        match self {
            Kind::Types => "types",
            Kind::Enums => "enums",
            Kind::Functions => "functions",
            Kind::Errors => "errors",
        }
    }
}

/// Where an item lives: `kind::namespace::ident`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemPath {
    /// The top-level module.
    pub kind: Kind,
    /// The namespace module (`messages`), `None` for the root namespace.
    pub ns: Option<String>,
    /// The item's identifier.
    pub ident: String,
}

impl ItemPath {
    /// The path of the item named `tl_name` in `space`
    /// (`messages.sendMessage` -> `<kind>::messages::SendMessage`), before
    /// deduplication. The MTProto service schema's items live in a
    /// namespace module of their own, `mtproto` (`types::mtproto::MsgContainer`).
    pub fn of(kind: Kind, space: Space, tl_name: &str) -> ItemPath {
        let (ns, local) = names::split_namespace(tl_name);
        let ns = match (space, ns) {
            (Space::Api, ns) => ns.map(names::module_name),
            (Space::Mtproto, None) => Some(names::module_name(space.name())),
            (Space::Mtproto, Some(ns)) => {
                Some(names::module_name(&format!("{}_{ns}", space.name())))
            }
        };
        ItemPath {
            kind,
            ns,
            ident: names::type_name(local),
        }
    }

    /// `types::messages::Messages` (relative to the tree root).
    pub fn display(&self) -> String {
        match &self.ns {
            Some(ns) => format!("{}::{}::{}", self.kind.module(), ns, self.ident),
            None => format!("{}::{}", self.kind.module(), self.ident),
        }
    }
}

/// Makes the identifiers of `paths` unique within each module, the earlier
/// path keeping its name ([`names::dedup`]).
pub(super) fn dedup(paths: &mut [&mut ItemPath]) {
    let mut by_module: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
    for (i, p) in paths.iter().enumerate() {
        by_module.entry(p.ns.clone()).or_default().push(i);
    }
    for indices in by_module.values() {
        let mut idents: Vec<String> = indices.iter().map(|&i| paths[i].ident.clone()).collect();
        names::dedup(&mut idents);
        for (&i, ident) in indices.iter().zip(idents) {
            paths[i].ident = ident;
        }
    }
}
