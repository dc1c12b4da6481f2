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

use crate::ir::TlType;

use super::{Field, Handle, Model, Ty};

/// "Cannot be built" in the height table.
pub const INFINITE: u32 = u32::MAX;

/// The height of every entry and boxed type of a [`Model`].
#[derive(Debug, Clone)]
pub struct Heights {
    ctors: Vec<u32>,
    funcs: Vec<u32>,
    types: Vec<u32>,
    min_method: u32,
}

impl Heights {
    pub(super) fn new(model: &Model<'_>) -> Heights {
        let mut heights = Heights {
            ctors: vec![INFINITE; model.ctors.len()],
            funcs: vec![INFINITE; model.funcs.len()],
            types: vec![INFINITE; model.types.len()],
            min_method: INFINITE,
        };
        // Bellman-Ford style relaxation until nothing changes; each pass
        // fixes at least one more level, and real schemas need a handful.
        loop {
            let mut changed = false;
            for (i, f) in model.funcs.iter().enumerate() {
                let h = heights.of_fields(model, &f.fields);
                if h < heights.funcs[i] {
                    heights.funcs[i] = h;
                    heights.min_method = heights.min_method.min(h);
                    changed = true;
                }
            }
            for (i, c) in model.ctors.iter().enumerate() {
                let h = heights.of_fields(model, &c.fields);
                if h < heights.ctors[i] {
                    heights.ctors[i] = h;
                    if let Some(t) = c.ty {
                        heights.types[t.0] = heights.types[t.0].min(h);
                    }
                    changed = true;
                }
            }
            if !changed {
                return heights;
            }
        }
    }

    fn of_fields(&self, model: &Model<'_>, fields: &[Field<'_>]) -> u32 {
        let mut max = 0;
        for f in fields {
            if let super::FieldKind::Value { ty, flag: None } = &f.kind {
                max = max.max(self.of_ty(model, ty));
            }
        }
        max.saturating_add(1)
    }

    fn of_ty(&self, model: &Model<'_>, ty: &Ty) -> u32 {
        if model.open_position(ty).is_some() {
            return 1;
        }
        match ty {
            Ty::Prim(_) | Ty::Vector { .. } => 0,
            Ty::Enum(t) => self.types[t.0],
            Ty::Struct(c) => self.ctors[c.0],
            Ty::Query(_) => self.min_method,
            Ty::Unresolved(TlType::Bare(_)) => INFINITE,
            Ty::QueryResult(_) | Ty::Object | Ty::Unresolved(_) => 0,
        }
    }

    /// The height of entry `at` ([`INFINITE`] when it cannot be built).
    pub fn of(&self, at: Handle) -> u32 {
        match at {
            Handle::Ctor(c) => self.ctors[c.0],
            Handle::Func(f) => self.funcs[f.0],
        }
    }

    /// The shallowest of `candidates` that can be built, the first on a tie.
    pub fn shallowest(&self, candidates: impl IntoIterator<Item = Handle>) -> Option<Handle> {
        candidates
            .into_iter()
            .filter(|&at| self.of(at) != INFINITE)
            .min_by_key(|&at| self.of(at))
    }
}
