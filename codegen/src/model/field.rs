//! A parameter as every back end sees it: its Rust name and what it is on
//! the wire, decided once from the IR param.

use crate::ir::{Flag, FlagsWords, Param, TlType};

use super::names;
use super::ty::Ty;

/// One parameter of a constructor or method, in IR order (docs-only ones
/// included, where the docs show them).
#[derive(Debug, Clone, PartialEq)]
pub struct Field<'a> {
    /// The IR param: its TL name, description, docs.
    pub param: &'a Param,
    /// The Rust field name, unique among the struct's fields (unraw:
    /// [`names::ident`] makes it raw where needed). Docs-only params have
    /// their plain `snake_case` name and take no part in the dedup.
    pub name: String,
    /// What it is.
    pub kind: FieldKind,
}

/// What a parameter is on the wire and in Rust.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// Shown in the docs but not on the wire (`parse_mode`): no struct
    /// field, no JSON key.
    DocsOnly,
    /// A flags word (`flags:#`, or an old layer's `flags:int` that
    /// conditions refer to, [`FlagsWords`]): no struct field, computed
    /// on write from the conditional fields.
    FlagsWord,
    /// `flags.N?true`: a `bool` field, present when the bit is set, no
    /// payload.
    TrueFlag(Flag),
    /// An `int` right before an `Object`, which it gives the length of (the
    /// MTProto envelope `message msg_id:long seqno:int bytes:int
    /// body:Object`): no struct field and no JSON key; computed from the
    /// value on write, it frames the value on read.
    ObjectLength,
    /// An unconditional `true` param: it has no wire form and only one
    /// value, so it has no struct field and no JSON key either (`true` is
    /// accepted for it on input).
    ConstTrue,
    /// A value, `Option` when `flag` is set.
    Value {
        /// Its type.
        ty: Ty,
        /// The presence bit of a conditional value.
        flag: Option<Flag>,
    },
}

impl Field<'_> {
    /// The TL name.
    pub fn tl_name(&self) -> &str {
        &self.param.name
    }

    /// Whether the parameter becomes a field of the Rust struct.
    pub fn is_struct_field(&self) -> bool {
        matches!(self.kind, FieldKind::TrueFlag(_) | FieldKind::Value { .. })
    }

    /// Whether it is part of the TL definition (everything but docs-only
    /// rows).
    pub fn on_wire(&self) -> bool {
        !matches!(self.kind, FieldKind::DocsOnly)
    }

    /// Whether it is a flags word.
    pub fn is_flags_word(&self) -> bool {
        matches!(self.kind, FieldKind::FlagsWord)
    }

    /// The presence bit of a conditional field.
    pub fn flag(&self) -> Option<&Flag> {
        match &self.kind {
            FieldKind::TrueFlag(flag)
            | FieldKind::Value {
                flag: Some(flag), ..
            } => Some(flag),
            _ => None,
        }
    }

    /// The value type of a [`FieldKind::Value`].
    pub fn value_ty(&self) -> Option<&Ty> {
        match &self.kind {
            FieldKind::Value { ty, .. } => Some(ty),
            _ => None,
        }
    }
}

/// The fields of an IR param list: each param's kind decided by the rules
/// above (`resolve` turns a value's TL type into its [`Ty`]), Rust names
/// deduplicated in wire order.
pub(super) fn fields_of<'a>(
    params: &'a [Param],
    mut resolve: impl FnMut(&TlType) -> Ty,
) -> Vec<Field<'a>> {
    let flags_words = FlagsWords::of(params.iter().filter_map(|p| p.flag.as_ref()));
    let mut fields: Vec<Field<'a>> = params
        .iter()
        .map(|param| {
            let kind = if param.docs_only {
                FieldKind::DocsOnly
            } else if flags_words.contains(&param.name, &param.ty) {
                FieldKind::FlagsWord
            } else {
                match (&param.ty, &param.flag) {
                    (TlType::True, Some(flag)) => FieldKind::TrueFlag(flag.clone()),
                    (TlType::True, None) => FieldKind::ConstTrue,
                    (ty, flag) => FieldKind::Value {
                        ty: resolve(ty),
                        flag: flag.clone(),
                    },
                }
            };
            Field {
                param,
                name: names::field_name(&param.name),
                kind,
            }
        })
        .collect();
    // An unconditional `int` right before an unconditional `Object` is
    // that value's length.
    for i in 1..fields.len() {
        let object = matches!(
            fields[i].kind,
            FieldKind::Value {
                ty: Ty::Object,
                flag: None
            }
        );
        let int = matches!(
            fields[i - 1].kind,
            FieldKind::Value {
                ty: Ty::Prim(crate::model::Prim::Int),
                flag: None
            }
        );
        if object && int {
            fields[i - 1].kind = FieldKind::ObjectLength;
        }
    }
    let on_wire: Vec<usize> = (0..fields.len()).filter(|&i| fields[i].on_wire()).collect();
    let mut unique: Vec<String> = on_wire.iter().map(|&i| fields[i].name.clone()).collect();
    names::dedup(&mut unique);
    for (i, name) in on_wire.into_iter().zip(unique) {
        fields[i].name = name;
    }
    fields
}
