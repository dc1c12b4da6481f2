//! One detail of a change: what kind of difference, on which field, the
//! old and new values, and the line the text report prints, which is made
//! from those (so the two forms cannot disagree).

use serde::{Deserialize, Serialize};

/// What differs. The comment on each kind says what [`Detail::field`],
/// [`Detail::old`] and [`Detail::new`] hold; values not named are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetailKind {
    /// old, new: the constructor IDs (8 hex digits; `None` without one).
    IdChanged,
    /// field: the param; old: it as the schema writes it (`x:int`).
    ParamRemoved,
    /// field: the param; new: it as the schema writes it.
    RequiredParamAdded,
    /// field: the param; new: it as the schema writes it (`x:flags.0?int`).
    OptionalParamAdded,
    /// field: the param; old, new: its types.
    ParamRetyped,
    /// field: the param; new: its flag (`flags.3`).
    ParamBecameConditional,
    /// field: the param; old: its flag.
    ParamBecameRequired,
    /// field: the param; old, new: its flags.
    FlagMoved,
    /// field: the param, now off the wire (documentation only).
    ParamNowDocsOnly,
    /// field: the param, docs-only before.
    ParamNowOnWire,
    /// field: the docs-only param (`parse_mode`); new: it as the schema
    /// would write it.
    DocsOnlyParamAdded,
    /// field: the docs-only param; old: it as the schema would write it.
    DocsOnlyParamRemoved,
    /// field: the `#` flags word; new: it as the schema writes it.
    FlagsWordAdded,
    /// field: the `#` flags word; old: it as the schema writes it.
    FlagsWordRemoved,
    /// old, new: the wire order of the params both versions have, names
    /// separated by spaces.
    ParamsReordered,
    /// old, new: the method's result types.
    ReturnTypeChanged,
    /// old, new: the constructor's types.
    TypeChanged,
    /// field: the constructor the type gained.
    ConstructorAdded,
    /// field: the constructor the type lost.
    ConstructorRemoved,
    /// field: `bots`, `users` or `business` (bots over a business
    /// connection); old, new: `yes` or `no`.
    UsabilityChanged,
    /// field: the error name; new: its codes (`400/403`).
    ErrorAdded,
    /// field: the error name; old: its codes.
    ErrorRemoved,
    /// As [`DetailKind::ErrorRemoved`], for an error any method can raise
    /// (`FLOOD_WAIT_X`): never a variant, still matched as `Common`.
    CommonErrorRemoved,
    /// field: the error name; old, new: its codes.
    ErrorCodeChanged,
    /// field: the param, `None` for the item's own description; old, new:
    /// the descriptions.
    DescriptionChanged,
    /// old, new: the Rust paths of the struct.
    RustStructRenamed,
    /// old, new: the Rust paths of the enum variant.
    RustVariantRenamed,
    /// old, new: the Rust paths of the type's enum.
    RustEnumRenamed,
    /// old, new: the Rust paths of the method's error type.
    RustErrorTypeRenamed,
    /// field: the error name; old, new: the variant's Rust paths (with its
    /// field, `{ value }`, when it has one).
    RustErrorVariantRenamed,
    /// field: the param; old, new: its Rust field names.
    RustFieldRenamed,
    /// field: the enum variant's Rust path; old: the struct; new: `Box<..>`.
    VariantBoxed,
    /// field: the enum variant's Rust path; old: `Box<..>`; new: the struct.
    VariantUnboxed,
    /// field: the accessor (a method of the type's enum); old: its
    /// signature under the enum's path (`enums::Message::id(&self) -> i32`).
    AccessorRemoved,
    /// field: the accessor; old, new: its signatures under the enum's path.
    AccessorChanged,
    /// field: the accessor; new: its signature under the enum's path.
    AccessorAdded,
}

/// One difference within a changed item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    /// What differs.
    pub kind: DetailKind,
    /// The param, error, constructor or other part that differs, by kind.
    pub field: Option<String>,
    /// The old value, by kind.
    pub old: Option<String>,
    /// The new value, by kind.
    pub new: Option<String>,
    /// Whether this difference breaks code written against the old version.
    pub breaking: bool,
    /// The line the text report prints (ending in `(breaking)` when it
    /// breaks).
    pub text: String,
}

/// A detail under construction: kind and values, then [`Draft::breaks`] or
/// [`Draft::note`] says whether it breaks and renders its line.
pub(super) struct Draft {
    kind: DetailKind,
    field: Option<String>,
    old: Option<String>,
    new: Option<String>,
}

/// A draft of kind `kind`.
pub(super) fn detail(kind: DetailKind) -> Draft {
    Draft {
        kind,
        field: None,
        old: None,
        new: None,
    }
}

impl Draft {
    pub(super) fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub(super) fn was(mut self, old: impl Into<String>) -> Self {
        self.old = Some(old.into());
        self
    }

    pub(super) fn now(mut self, new: impl Into<String>) -> Self {
        self.new = Some(new.into());
        self
    }

    /// Both values, `None` where a version has none.
    pub(super) fn values(mut self, old: Option<String>, new: Option<String>) -> Self {
        self.old = old;
        self.new = new;
        self
    }

    /// The detail, breaking.
    pub(super) fn breaks(self) -> Detail {
        self.finish(true)
    }

    /// The detail, not breaking.
    pub(super) fn note(self) -> Detail {
        self.finish(false)
    }

    fn finish(self, breaking: bool) -> Detail {
        let mut text = self.line();
        if breaking {
            text.push_str(" (breaking)");
        }
        Detail {
            kind: self.kind,
            field: self.field,
            old: self.old,
            new: self.new,
            breaking,
            text,
        }
    }

    /// The text report's line for this detail, made from its values.
    fn line(&self) -> String {
        let field = self.field.as_deref().unwrap_or_default();
        let old = self.old.as_deref().unwrap_or("none");
        let new = self.new.as_deref().unwrap_or("none");
        let renamed = |what: &str| format!("Rust {what} renamed: {old} -> {new}");
        match self.kind {
            DetailKind::IdChanged => format!("ID changed: {old} -> {new}"),
            DetailKind::ParamRemoved => format!("param removed: {old}"),
            DetailKind::RequiredParamAdded => format!("required param added: {new}"),
            DetailKind::OptionalParamAdded => format!("optional param added: {new}"),
            DetailKind::ParamRetyped => format!("param {field} retyped: {old} -> {new}"),
            DetailKind::ParamBecameConditional => {
                format!("param {field} became conditional ({new})")
            }
            DetailKind::ParamBecameRequired => format!("param {field} became required (was {old})"),
            DetailKind::FlagMoved => format!("param {field} flag moved: {old} -> {new}"),
            DetailKind::ParamNowDocsOnly => {
                format!("param {field} is now docs-only (off the wire)")
            }
            DetailKind::ParamNowOnWire => format!("param {field} is now on the wire"),
            DetailKind::DocsOnlyParamAdded => format!("docs-only param added: {field}"),
            DetailKind::DocsOnlyParamRemoved => format!("docs-only param removed: {field}"),
            DetailKind::FlagsWordAdded => format!("flags word added: {field}"),
            DetailKind::FlagsWordRemoved => format!("flags word removed: {field}"),
            DetailKind::ParamsReordered => format!("params reordered: {old} -> {new}"),
            DetailKind::ReturnTypeChanged => format!("return type: {old} -> {new}"),
            DetailKind::TypeChanged => format!("type: {old} -> {new}"),
            DetailKind::ConstructorAdded => format!("constructor added: {field}"),
            DetailKind::ConstructorRemoved => format!("constructor removed: {field}"),
            DetailKind::UsabilityChanged => {
                let what = match field {
                    "business" => "usable by bots over a business connection",
                    "users" => "usable by users",
                    _ => "usable by bots",
                };
                format!("{what}: {old} -> {new}")
            }
            DetailKind::ErrorAdded => format!("error added: {new} {field}"),
            DetailKind::ErrorRemoved => format!("error removed: {old} {field}"),
            DetailKind::CommonErrorRemoved => format!(
                "error removed: {old} {field} (one of the errors any method can raise: still \
                 matched as `Common`)"
            ),
            DetailKind::ErrorCodeChanged => format!("error {field} code: {old} -> {new}"),
            DetailKind::DescriptionChanged => {
                let what = match &self.field {
                    Some(param) => format!("param {param} description"),
                    None => "description".to_owned(),
                };
                description_change(
                    &what,
                    self.old.as_deref().unwrap_or_default(),
                    self.new.as_deref().unwrap_or_default(),
                )
            }
            DetailKind::RustStructRenamed => renamed("struct"),
            DetailKind::RustVariantRenamed => renamed("variant"),
            DetailKind::RustEnumRenamed => renamed("enum"),
            DetailKind::RustErrorTypeRenamed => renamed("error type"),
            DetailKind::RustErrorVariantRenamed => renamed("error variant"),
            DetailKind::RustFieldRenamed => renamed(&format!("field of param {field}")),
            DetailKind::VariantBoxed => format!("variant {field} now holds {new}"),
            DetailKind::VariantUnboxed => format!("variant {field} no longer holds {old}"),
            DetailKind::AccessorRemoved => format!("accessor removed: {old}"),
            DetailKind::AccessorChanged => format!("accessor changed: {old} -> {new}"),
            DetailKind::AccessorAdded => format!("accessor added: {new}"),
        }
    }
}

/// `description changed: "...old..." -> "...new..."`, trimmed to the part
/// that differs so that the line stays readable in a CI log.
pub(super) fn description_change(what: &str, old: &str, new: &str) -> String {
    let old_words: Vec<&str> = old.split_whitespace().collect();
    let new_words: Vec<&str> = new.split_whitespace().collect();
    let prefix = old_words
        .iter()
        .zip(&new_words)
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = old_words[prefix..]
        .iter()
        .rev()
        .zip(new_words[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let excerpt = |words: &[&str]| -> String {
        let middle = &words[prefix..words.len() - suffix];
        if middle.is_empty() {
            return "(nothing)".to_string();
        }
        let mut text = middle.join(" ");
        if text.chars().count() > 80 {
            text = text.chars().take(77).collect::<String>() + "...";
        }
        let before = if prefix > 0 { "... " } else { "" };
        let after = if suffix > 0 { " ..." } else { "" };
        format!("\"{before}{text}{after}\"")
    };
    if old_words == new_words {
        return format!("{what} changed (whitespace only)");
    }
    format!(
        "{what} changed: {} -> {}",
        excerpt(&old_words),
        excerpt(&new_words)
    )
}
