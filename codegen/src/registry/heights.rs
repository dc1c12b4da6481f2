//! The height of every entry: how many levels of objects its shallowest
//! value nests, counting only what must be present (unconditional params).
//! Sample generators (the tools' oracle and the generated `samples` module)
//! steer by it so that every sample is finite and small.
//!
//! A primitive is height 0, and so is a vector, whatever its element (it
//! may be empty); an entry is one more than its highest unconditional param; a
//! boxed type is its shallowest constructor; an open type (`Object`, or a
//! type no constructor has) is 1; `!X` is the shallowest method. Entries
//! that can never be built (every path recurses) stay [`INFINITE`].

use std::collections::HashMap;

use super::{Entry, EntryId, Registry};
use crate::ir::TlType;

/// "Cannot be built" in the height table.
pub const INFINITE: u32 = u32::MAX;

/// The height of every entry and boxed type of a [`Registry`].
#[derive(Debug, Clone)]
pub struct Heights {
    entry: Vec<u32>,
    types: HashMap<String, u32>,
    min_method: u32,
}

impl Heights {
    pub(super) fn new(reg: &Registry) -> Heights {
        let mut heights = Heights {
            entry: vec![INFINITE; reg.entries.len()],
            types: HashMap::new(),
            min_method: INFINITE,
        };
        // Bellman-Ford style relaxation until nothing changes; each pass
        // fixes at least one more level, and real schemas need a handful.
        loop {
            let mut changed = false;
            for (at, entry) in reg.entries.iter().enumerate() {
                let h = heights.of_entry(reg, entry);
                if h < heights.entry[at] {
                    heights.entry[at] = h;
                    changed = true;
                    if let Some(type_name) = entry.type_name() {
                        let slot = heights
                            .types
                            .entry(type_name.to_string())
                            .or_insert(INFINITE);
                        *slot = (*slot).min(h);
                    } else {
                        heights.min_method = heights.min_method.min(h);
                    }
                }
            }
            if !changed {
                return heights;
            }
        }
    }

    fn of_entry(&self, reg: &Registry, entry: &Entry) -> u32 {
        let mut max = 0;
        for p in entry.params.iter().filter(|p| p.flag.is_none()) {
            max = max.max(self.of_type(reg, &p.ty));
        }
        max.saturating_add(1)
    }

    fn of_type(&self, reg: &Registry, ty: &TlType) -> u32 {
        match ty {
            TlType::Vector { .. } => 0,
            TlType::Boxed(name) if reg.is_open_type(name) => 1,
            TlType::Boxed(name) => self.types.get(name).copied().unwrap_or(INFINITE),
            TlType::Bare(name) => reg.bare(name).map_or(INFINITE, |e| self.entry[e.at]),
            TlType::Generic(_) => self.min_method,
            _ => 0,
        }
    }

    /// The height of entry `at` ([`INFINITE`] when it cannot be built).
    pub fn of(&self, at: EntryId) -> u32 {
        self.entry[at]
    }

    /// The shallowest of `candidates` that can be built, the first on a tie.
    pub fn shallowest(&self, candidates: impl IntoIterator<Item = EntryId>) -> Option<EntryId> {
        candidates
            .into_iter()
            .filter(|&at| self.entry[at] != INFINITE)
            .min_by_key(|&at| self.entry[at])
    }
}
