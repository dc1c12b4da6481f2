//! The accessors of a type enum: one method per field that every variant's
//! struct has, so that `message.id()` works whatever constructor the value
//! is (grammers-tl-types generates the same for its enums).
//!
//! # Which fields
//!
//! A type with two or more constructors, every one of them generated with a
//! struct of fields (a unit variant has none, so a type with one has no
//! accessor), gets an accessor for each field of its first variant's struct
//! that every other variant's struct has too, under the same Rust name and
//! with the same Rust type: the same value type, both unconditional or both
//! `Option` (the flag bit may differ), a `true` flag counting as `bool`. In
//! the first variant's field order. A type with one constructor gets none:
//! its struct is what a user converts it to (`TryFrom`).
//!
//! # Names and returns
//!
//! The method is named after the field, unless that name is one a trait of
//! the enum already uses for a method ([`RESERVED`]: `hash` would hide
//! `Hash::hash` in method-call syntax, `serialize` the wire trait's); then
//! it is `get_<field>`. It takes `&self`. A `Copy` value (numbers, `bool`,
//! `int128`/`int256`) is returned by value, anything else borrowed
//! ([`Return`]): `&str` for a `string`, `&[u8]` for `bytes`, `&[T]` for a
//! vector, `&T` else; an optional field returns `Option` of that.
//!
//! Adding a constructor to a type can take an accessor away (the new
//! struct lacks the field) or, from a type that had one constructor, add
//! them all: [`crate::diff`] reports an accessor that disappears or whose
//! return type changes as breaking.

use super::{Field, FieldKind, Model, Prim, Ty, TypeId};

/// Method names an accessor does not take (it takes `get_<field>`
/// instead): those of the traits type enums implement or derive, which an
/// inherent method of the same name would hide in method-call syntax, and
/// `new`/`default` for symmetry with the structs' constructors.
pub const RESERVED: &[&str] = &[
    "new",
    "default",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "hash",
    "hash_slice",
    "into",
    "try_into",
    "from",
    "try_from",
    "to_owned",
    "borrow",
    "borrow_mut",
    "type_id",
    "to_bytes",
    "from_bytes",
    "serialize",
    "serialize_into",
    "serialized_len",
    "deserialize",
    "deserialize_many",
    "slice_len",
    "serialize_slice",
];

/// One accessor of a type enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accessor {
    /// The method's name (unraw): the field's, or `get_<field>` where that
    /// is [`RESERVED`].
    pub method: String,
    /// The field's Rust name (unraw) in every variant's struct.
    pub field: String,
    /// The field's TL name in the first variant.
    pub tl_name: String,
    /// The value's type (`bool` for a `true` flag).
    pub ty: Ty,
    /// Whether the field is an `Option` (a conditional value).
    pub optional: bool,
}

/// How an accessor returns its field's value (inside `Option` for an
/// optional field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Return<'t> {
    /// By value: the type is `Copy`.
    Copy,
    /// `&str`: a `string`.
    Str,
    /// `&[u8]`: `bytes` (and MTProto's byte `string`).
    Bytes,
    /// `&[T]`: a vector of this element type.
    Slice(&'t Ty),
    /// `&T`: anything else.
    Ref,
}

impl Accessor {
    /// How it returns the value.
    pub fn returns(&self) -> Return<'_> {
        match &self.ty {
            ty if ty.is_copy() => Return::Copy,
            Ty::Prim(Prim::String) => Return::Str,
            Ty::Prim(Prim::Bytes | Prim::StringBytes) => Return::Bytes,
            Ty::Vector { elem, .. } => Return::Slice(elem),
            _ => Return::Ref,
        }
    }
}

impl Accessor {
    /// The signature as the user sees it, `id(&self) -> i32`,
    /// `message(&self) -> Option<&enums::Message>`: what [`crate::diff`]
    /// compares between two versions.
    pub fn signature(&self, model: &Model<'_>) -> String {
        let inner = match self.returns() {
            Return::Copy => rust_text(model, &self.ty),
            Return::Str => "&str".to_owned(),
            Return::Bytes => "&[u8]".to_owned(),
            Return::Slice(elem) => format!("&[{}]", rust_text(model, elem)),
            Return::Ref => format!("&{}", rust_text(model, &self.ty)),
        };
        let ret = if self.optional {
            format!("Option<{inner}>")
        } else {
            inner
        };
        format!("{}(&self) -> {ret}", self.method)
    }
}

/// A value's Rust type as text (`Vec<enums::InputPeer>`), paths from the
/// tree root.
fn rust_text(model: &Model<'_>, ty: &Ty) -> String {
    match ty {
        Ty::Prim(p) => p.info().rust.to_owned(),
        Ty::Enum(t) => match &model.ty(*t).rust {
            Some(rust) => rust.path.display(),
            None => model.type_text(ty),
        },
        Ty::Struct(c) => match &model.ctor(*c).rust {
            Some(rust) => rust.path.display(),
            None => model.type_text(ty),
        },
        Ty::Vector { elem, .. } => format!("Vec<{}>", rust_text(model, elem)),
        Ty::Object => "Object".to_owned(),
        other => model.type_text(other),
    }
}

/// The accessor's name for a field named `field` (unraw).
pub fn accessor_name(field: &str) -> String {
    if RESERVED.contains(&field) {
        format!("get_{field}")
    } else {
        field.to_owned()
    }
}

/// The value type and optionality of a struct field, as its accessor sees
/// it; `None` for what is no struct field.
fn shape(f: &Field<'_>) -> Option<(Ty, bool)> {
    match &f.kind {
        FieldKind::TrueFlag(_) => Some((Ty::Prim(Prim::Bool), false)),
        FieldKind::Value { ty, flag } => Some((ty.clone(), flag.is_some())),
        _ => None,
    }
}

/// The accessors of the generated enum of type `t` (see the module docs);
/// empty for a type without one.
pub fn accessors(model: &Model<'_>, t: TypeId) -> Vec<Accessor> {
    let Some(rust) = &model.ty(t).rust else {
        return Vec::new();
    };
    let [first, others @ ..] = &rust.variants[..] else {
        return Vec::new();
    };
    if others.is_empty() {
        return Vec::new();
    }
    let first = &model.ctor(*first).fields;
    let others: Vec<&Vec<Field<'_>>> = others.iter().map(|&c| &model.ctor(c).fields).collect();
    first
        .iter()
        .filter_map(|f| {
            let (ty, optional) = shape(f)?;
            let shared = others.iter().all(|fields| {
                fields
                    .iter()
                    .any(|g| g.name == f.name && shape(g).as_ref() == Some(&(ty.clone(), optional)))
            });
            shared.then(|| Accessor {
                method: accessor_name(&f.name),
                field: f.name.clone(),
                tl_name: f.tl_name().to_owned(),
                ty,
                optional,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::api_from_tl;

    /// `(method, signature)` of each accessor of type `name`.
    fn of(tl: &str, name: &str) -> Vec<String> {
        let api = api_from_tl(tl);
        let model = Model::new(&api);
        let t = model.type_named(name).expect("type");
        model
            .accessors(t)
            .iter()
            .map(|a| a.signature(&model))
            .collect()
    }

    #[test]
    fn shared_fields_in_first_variant_order_with_their_returns() {
        let tl = "peerUser#11111111 user_id:long = Peer;\n\
                  a#22222222 flags:# out:flags.1?true hash:long id:int text:string data:bytes \
                  peer:Peer peers:Vector<Peer> via:flags.2?Peer tag:flags.3?string \
                  ids:flags.4?Vector<int> n:flags.5?int = M;\n\
                  b#33333333 flags:# id:int out:flags.7?true text:string data:bytes peer:Peer \
                  hash:long peers:Vector<Peer> via:flags.9?Peer tag:flags.1?string \
                  ids:flags.0?Vector<int> n:flags.6?int = M;";
        assert_eq!(
            of(tl, "M"),
            [
                "out(&self) -> bool",
                "get_hash(&self) -> i64",
                "id(&self) -> i32",
                "text(&self) -> &str",
                "data(&self) -> &[u8]",
                "peer(&self) -> &enums::Peer",
                "peers(&self) -> &[enums::Peer]",
                "via(&self) -> Option<&enums::Peer>",
                "tag(&self) -> Option<&str>",
                "ids(&self) -> Option<&[i32]>",
                "n(&self) -> Option<i32>",
            ]
        );
    }

    #[test]
    fn only_fields_every_variant_has_the_same_way() {
        // Another type, optional in one, a unit variant, one constructor.
        let tl = "a#11111111 id:long x:int y:flags.0?int flags:# = T;\n\
                  b#22222222 id:long x:long y:int = T;";
        assert_eq!(of(tl, "T"), ["id(&self) -> i64"]);
        let with_unit = "a#11111111 id:long = T;\nb#22222222 = T;";
        assert!(of(with_unit, "T").is_empty());
        assert!(of("a#11111111 id:long = T;", "T").is_empty());
        // A `true` flag and a `Bool` are both `bool`.
        let bools = "a#11111111 flags:# ok:flags.0?true = T;\nb#22222222 ok:Bool = T;";
        assert_eq!(of(bools, "T"), ["ok(&self) -> bool"]);
    }
}
