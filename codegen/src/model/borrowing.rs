//! Which generated items have a borrowed form (the emitter's `borrowed`
//! module, decoding from a `&'a [u8]` without copying).
//!
//! # Rule
//!
//! An item borrows from the input, and so has a borrowed item with a
//! lifetime, when it holds a value whose borrowed form is a reference into
//! the input, directly, in a `Vec` or `Option`, or through any type it
//! contains: a primitive with a borrowed Rust type ([`PrimInfo::borrowed`]:
//! `string`, `bytes`, MTProto's byte-data `string`) or an `Object` (its
//! bytes, viewed in place as the runtime's `ObjectRef`). Every other item
//! is the owned one in both forms. Decided in one backward walk over the
//! containment graph, the walk that decides `Eq` and `Hash`
//! ([`super::layout`]).
//!
//! [`PrimInfo::borrowed`]: super::PrimInfo::borrowed

use super::layout;
use super::{CtorId, Model, Ty, TypeId};

/// What borrows, by constructor and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Borrowing {
    ctors: Vec<bool>,
    types: Vec<bool>,
}

/// Whether a value of `ty` (no vector, struct or enum) borrows from the
/// input by itself.
fn borrows_itself(ty: &Ty) -> bool {
    match ty {
        Ty::Prim(p) => p.info().borrowed.is_some(),
        Ty::Object => true,
        _ => false,
    }
}

impl Borrowing {
    /// Decides it for every item of `model` (see the [rule](self#rule)).
    pub(super) fn new(model: &Model<'_>) -> Borrowing {
        let holders = layout::holders(model, borrows_itself);
        Borrowing {
            ctors: holders.ctors,
            types: holders.types,
        }
    }

    /// Whether constructor `c`'s struct has a borrowed form.
    pub fn ctor(&self, c: CtorId) -> bool {
        self.ctors[c.0]
    }

    /// Whether type `t`'s enum has a borrowed form.
    pub fn ty(&self, t: TypeId) -> bool {
        self.types[t.0]
    }

    /// Whether a value of `ty` borrows from the input.
    pub fn value(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Vector { elem, .. } => self.value(elem),
            Ty::Struct(c) => self.ctor(*c),
            Ty::Enum(t) => self.ty(*t),
            other => borrows_itself(other),
        }
    }
}
