//! Compares two versions of an API ([`Api`] values built from two docs trees
//! and schemas) and classifies every change as breaking or not — the engine
//! of `tlgen diff`.
//!
//! Methods and constructors are matched by IR name, types by TL name.
//!
//! # What "breaking" means
//!
//! A change is breaking when code written against the crate generated from
//! the old version stops compiling, or stops talking to the server
//! correctly, against the crate generated from the new one. Every detail of
//! a change is classified on its own; a change is breaking when any of its
//! details is (those details end in `(breaking)`).
//!
//! | change | breaking | why |
//! |---|---|---|
//! | method / constructor / type added | no | new items only |
//! | method / constructor / type removed | **yes** | the item disappears |
//! | constructor ID changed | **yes** | the old wire form is no longer understood |
//! | required param added (unconditional, not `#`; `random_id` included) | **yes** | struct literals and calls must now supply it |
//! | conditional param added (`flags.N?T`) | no | the field is optional: `new(..)` keeps its signature and gets a setter more, so code that builds values with `new` and setters (or struct update syntax over `new`) compiles unchanged; only struct literals naming every field break, and the README says not to rely on them |
//! | param removed | **yes** | the field disappears |
//! | param retyped (`int` -> `long`) | **yes** | the field's Rust type changes |
//! | param became conditional / unconditional | **yes** | `T` <-> `Option<T>` |
//! | flag moved (other bit or flags word) | **yes** | wire layout changes (even where the ID does not: `true` flags are not part of the ID) |
//! | params reordered | **yes** | wire layout changes |
//! | `#` flags word added / removed | no | never in user code (its effect shows on the params) |
//! | docs-only param (`parse_mode`) added / removed | no | not on the wire, not in the generated items |
//! | return type changed | **yes** | callers get another type |
//! | constructor moved to another type | **yes** | it becomes a variant of another enum |
//! | constructor added to a type | no | type enums are assumed `#[non_exhaustive]`: Telegram adds constructors all the time |
//! | constructor removed from a type | **yes** | the variant disappears |
//! | bot / user / business usability changed (yes <-> no; "the page does not say" is not a value) | no | documentation only |
//! | RPC error added | no | a new variant of a non-exhaustive error set |
//! | RPC error removed (no code left for the name) | **yes** when it was a variant of the method's enum | the variant disappears |
//! | one of the errors any method can raise (`FLOOD_WAIT_X`, ...) no longer listed | no | it is never a variant: still matched as `Common` |
//! | RPC error code changed for a name | no | same variant |
//! | description changed (only with [`DiffOptions::text`]) | no | documentation only |
//! | generated Rust name changed (struct, enum, variant, field, module path, error enum, error variant) | **yes** | code naming the old item stops compiling |
//! | enum variant became boxed / unboxed (`Box<Struct>`) | **yes** | patterns and constructors of the variant change |
//! | enum accessor removed (a constructor added without the field, a field removed or retyped in one constructor) | **yes** | `value.field()` stops compiling |
//! | enum accessor's return type changed (`i32` -> `i64`, `&T` -> `Option<&T>`) | **yes** | callers get another type |
//! | enum accessor added (every constructor now has the field; a type gained its second constructor) | no | a new method |
//!
//! The last five rows and the error rows compare what the emitter generates
//! from each version (the [`Model`] of each, error plan included), so a
//! change the IR does not show is still
//! caught: a new constructor whose variant name collides with an existing
//! one renames the existing variant (`InputPeer::User` ->
//! `InputPeer::InputPeerUser`), and the existing constructor is reported as
//! a breaking change even though its TL definition did not change.

//!
//! # The JSON form
//!
//! [`Report::to_json`] (`tlgen diff --format json`) writes every change
//! with its details structured ([`Detail`]): what kind of difference
//! ([`DetailKind`], in snake case), the param, error or constructor it
//! concerns (`field`), the `old` and `new` values (each kind's docs say
//! which it has; `null` for the others), whether it breaks, and `text`, the
//! line the text form prints for it (made from the same values):
//!
//! ```json
//! {"changes": [{"kind": "method", "name": "auth.signIn", "change": "changed", "breaking": true,
//!   "details": [{"kind": "param_retyped", "field": "phone_code", "old": "string", "new": "int",
//!                "breaking": true, "text": "param phone_code retyped: string -> int (breaking)"}]}]}
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::ir::{Api, Constructor, ErrorEntry, FlagsWords, Method, Param, TypeDef};
use crate::model::errors::is_common;
use crate::model::{ErrorEnum, Field, ItemPath, Model, TypeId};

mod detail;
#[cfg(test)]
mod tests;

use detail::detail;
pub use detail::{Detail, DetailKind};

/// What [`diff`] compares beyond the wire and the API surface.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiffOptions {
    /// Also report description changes (entries, params, types).
    pub text: bool,
}

/// Which kind of item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// An RPC method.
    Method,
    /// A constructor.
    Constructor,
    /// A boxed type.
    Type,
}

impl ItemKind {
    fn plural(self) -> &'static str {
        match self {
            ItemKind::Method => "methods",
            ItemKind::Constructor => "constructors",
            ItemKind::Type => "types",
        }
    }
}

/// What happened to the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, different.
    Changed,
}

impl ChangeKind {
    fn word(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One added, removed or changed item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Method, constructor or type.
    pub kind: ItemKind,
    /// Its name (IR name for methods and constructors).
    pub name: String,
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// Whether code written against the old version breaks (see the module docs).
    pub breaking: bool,
    /// What changed, one [`Detail`] each (its `text` ends in `(breaking)`
    /// when it breaks).
    pub details: Vec<Detail>,
}

/// Every change between two versions, sorted by kind (methods,
/// constructors, types), then name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether any change is breaking.
    pub fn has_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    /// How many changes are breaking.
    pub fn breaking_count(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    /// The report as pretty JSON: `{"changes": [...]}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The report for a CI log: a summary line, then per kind the breaking
    /// changes first (marked `BREAKING`), then the others, each with its
    /// details indented below it.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "tlgen diff: {}, {} breaking",
            crate::config::report::count(self.changes.len(), "change"),
            self.breaking_count()
        );
        for kind in [ItemKind::Method, ItemKind::Constructor, ItemKind::Type] {
            let mut items: Vec<&Change> = self.changes.iter().filter(|c| c.kind == kind).collect();
            if items.is_empty() {
                continue;
            }
            items.sort_by(|a, b| {
                (!a.breaking, a.change, &a.name).cmp(&(!b.breaking, b.change, &b.name))
            });
            let breaking = items.iter().filter(|c| c.breaking).count();
            let _ = writeln!(
                out,
                "\n{}: {} breaking, {} other",
                kind.plural(),
                breaking,
                items.len() - breaking
            );
            for change in items {
                let mark = if change.breaking {
                    "BREAKING"
                } else {
                    "        "
                };
                let _ = writeln!(out, "  {mark} {:<7} {}", change.change.word(), change.name);
                for detail in &change.details {
                    let _ = writeln!(out, "             - {}", detail.text);
                }
            }
        }
        out
    }
}

/// Compares `old` with `new`.
pub fn diff(old: &Api, new: &Api, options: &DiffOptions) -> Report {
    let versions = Versions {
        options: *options,
        old: Model::new(old),
        new: Model::new(new),
    };
    let mut changes = Vec::new();
    compare(&mut changes, &old.methods, &new.methods, &versions);
    compare(
        &mut changes,
        &old.constructors,
        &new.constructors,
        &versions,
    );
    compare(&mut changes, &old.types, &new.types, &versions);
    changes.sort_by(|a, b| (a.kind, &a.name, a.change).cmp(&(b.kind, &b.name, b.change)));
    Report { changes }
}

/// The two versions compared: what the emitter generates from each (its
/// [`Model`]), and what to compare beyond that.
struct Versions<'a> {
    options: DiffOptions,
    old: Model<'a>,
    new: Model<'a>,
}

impl Versions<'_> {
    /// What differs in the Rust generated from the item `name` of kind `kind`.
    fn rust_details(&self, kind: ItemKind, name: &str, out: &mut Vec<Detail>) {
        match kind {
            ItemKind::Method => self.method(name, out),
            ItemKind::Constructor => self.constructor(name, out),
            ItemKind::Type => self.type_enum(name, out),
        }
    }

    fn constructor(&self, name: &str, out: &mut Vec<Detail>) {
        let (Some(o), Some(n)) = (
            self.old.constructor_named(name),
            self.new.constructor_named(name),
        ) else {
            return;
        };
        let (o, n) = (self.old.ctor(o), self.new.ctor(n));
        let (Some(or), Some(nr)) = (&o.rust, &n.rust) else {
            return;
        };
        path_renamed(DetailKind::RustStructRenamed, &or.path, &nr.path, out);
        let (Some(ot), Some(nt)) = (o.ty, n.ty) else {
            return;
        };
        let (ot, nt) = (self.old.ty(ot), self.new.ty(nt));
        if let (true, Some(otr), Some(ntr)) = (ot.name == nt.name, &ot.rust, &nt.rust) {
            changed(
                DetailKind::RustVariantRenamed,
                &format!("{}::{}", otr.path.display(), or.variant),
                &format!("{}::{}", ntr.path.display(), nr.variant),
                out,
            );
            if or.boxed.is_some() != nr.boxed.is_some() {
                let (plain, boxed) = (nr.path.ident.clone(), format!("Box<{}>", nr.path.ident));
                let variant = format!("{}::{}", ntr.path.display(), nr.variant);
                out.push(if nr.boxed.is_some() {
                    detail(DetailKind::VariantBoxed)
                        .field(variant)
                        .was(plain)
                        .now(boxed)
                        .breaks()
                } else {
                    detail(DetailKind::VariantUnboxed)
                        .field(variant)
                        .was(boxed)
                        .now(plain)
                        .breaks()
                });
            }
        }
        fields_renamed(&o.fields, &n.fields, out);
    }

    fn method(&self, name: &str, out: &mut Vec<Detail>) {
        let (Some(o), Some(n)) = (self.old.method_named(name), self.new.method_named(name)) else {
            return;
        };
        let (of, nf) = (self.old.func(o), self.new.func(n));
        let (Some(or), Some(nr)) = (&of.rust, &nf.rust) else {
            return;
        };
        path_renamed(DetailKind::RustStructRenamed, &or.path, &nr.path, out);
        if let (Some(oe), Some(ne)) = (self.old.errors.of_func(o), self.new.errors.of_func(n)) {
            path_renamed(DetailKind::RustErrorTypeRenamed, &oe.path, &ne.path, out);
        }
        fields_renamed(&of.fields, &nf.fields, out);
    }

    /// The enums of method `name`'s own errors in each version.
    fn own_errors(&self, name: &str) -> (Option<&ErrorEnum>, Option<&ErrorEnum>) {
        (
            self.old
                .method_named(name)
                .and_then(|f| self.old.errors.own(f)),
            self.new
                .method_named(name)
                .and_then(|f| self.new.errors.own(f)),
        )
    }

    fn type_enum(&self, name: &str, out: &mut Vec<Detail>) {
        let (Some(o), Some(n)) = (self.old.type_named(name), self.new.type_named(name)) else {
            return;
        };
        let (Some(old), Some(new)) = (&self.old.ty(o).rust, &self.new.ty(n).rust) else {
            return;
        };
        path_renamed(DetailKind::RustEnumRenamed, &old.path, &new.path, out);
        self.accessors(o, n, out);
    }

    /// The accessors of a type's enum in both versions (`o` old, `n` new),
    /// by method name: one gone or with another signature breaks, a new one
    /// does not.
    fn accessors(&self, o: TypeId, n: TypeId, out: &mut Vec<Detail>) {
        let signatures = |model: &Model<'_>, t| -> BTreeMap<String, String> {
            (model.accessors(t).iter())
                .map(|a| (a.method.clone(), a.signature(model)))
                .collect()
        };
        let (old, new) = (signatures(&self.old, o), signatures(&self.new, n));
        let path = |model: &Model<'_>, t| {
            model
                .ty(t)
                .rust
                .as_ref()
                .map(|r| r.path.display())
                .unwrap_or_default()
        };
        let (old_path, new_path) = (path(&self.old, o), path(&self.new, n));
        for (method, signature) in &old {
            match new.get(method) {
                None => out.push(
                    detail(DetailKind::AccessorRemoved)
                        .field(method)
                        .was(format!("{old_path}::{signature}"))
                        .breaks(),
                ),
                Some(now) if now != signature => out.push(
                    detail(DetailKind::AccessorChanged)
                        .field(method)
                        .was(format!("{old_path}::{signature}"))
                        .now(format!("{new_path}::{now}"))
                        .breaks(),
                ),
                Some(_) => {}
            }
        }
        for (method, signature) in &new {
            if !old.contains_key(method) {
                out.push(
                    detail(DetailKind::AccessorAdded)
                        .field(method)
                        .now(format!("{new_path}::{signature}"))
                        .note(),
                );
            }
        }
    }
}

/// A breaking rename of kind `kind` when the Rust paths differ.
fn path_renamed(kind: DetailKind, old: &ItemPath, new: &ItemPath, out: &mut Vec<Detail>) {
    changed(kind, &old.display(), &new.display(), out);
}

/// A breaking detail of kind `kind` when `old` and `new` differ (a Rust
/// path renamed, a return type changed, ...), with both as its values.
fn changed<T: PartialEq + ToString + ?Sized>(
    kind: DetailKind,
    old: &T,
    new: &T,
    out: &mut Vec<Detail>,
) {
    if old != new {
        out.push(
            detail(kind)
                .was(old.to_string())
                .now(new.to_string())
                .breaks(),
        );
    }
}

/// Fields of params both versions have whose Rust name changed (a new
/// param can take a name that a deduplicated one had).
fn fields_renamed(old: &[Field<'_>], new: &[Field<'_>], out: &mut Vec<Detail>) {
    for o in old.iter().filter(|f| f.is_struct_field()) {
        if let Some(n) = new
            .iter()
            .find(|n| n.tl_name() == o.tl_name() && n.is_struct_field())
        {
            if o.name != n.name {
                out.push(
                    detail(DetailKind::RustFieldRenamed)
                        .field(o.tl_name())
                        .was(o.name.as_str())
                        .now(n.name.as_str())
                        .breaks(),
                );
            }
        }
    }
}

/// An IR item that [`diff`] matches by name between the two versions.
trait Compared {
    /// What it is, in the report.
    const KIND: ItemKind;
    /// The name the versions are matched by.
    fn name(&self) -> &String;
    /// Its description, compared only with [`DiffOptions::text`].
    fn description(&self) -> &str;
    /// What differs in the item itself: IDs, params, types, members
    /// (`versions` for what the IR alone does not decide: error variants).
    fn own_details(old: &Self, new: &Self, versions: &Versions<'_>, out: &mut Vec<Detail>);
}

/// [`Compared`] for the IR items, each matched by its `name`: its kind in
/// the report, and the function finding what differs in the item itself.
macro_rules! compared {
    ($($item:ident: $kind:ident, $own_details:ident;)*) => {$(
        impl Compared for $item {
            const KIND: ItemKind = ItemKind::$kind;

            fn name(&self) -> &String {
                &self.name
            }

            fn description(&self) -> &str {
                &self.description
            }

            fn own_details(old: &Self, new: &Self, versions: &Versions<'_>, out: &mut Vec<Detail>) {
                $own_details(old, new, versions, out);
            }
        }
    )*};
}

compared! {
    Method: Method, method_details;
    Constructor: Constructor, constructor_details;
    TypeDef: Type, type_details;
}

/// Every detail of one item's change, in report order: its own, then its
/// description, then its generated Rust. Empty when nothing changed.
fn details<T: Compared>(old: &T, new: &T, versions: &Versions<'_>) -> Vec<Detail> {
    let mut out = Vec::new();
    T::own_details(old, new, versions, &mut out);
    if versions.options.text && old.description() != new.description() {
        out.push(
            detail(DetailKind::DescriptionChanged)
                .was(old.description())
                .now(new.description())
                .note(),
        );
    }
    versions.rust_details(T::KIND, old.name(), &mut out);
    out
}

/// Adds a change for every item removed, added or changed between `old`
/// and `new`.
fn compare<T: Compared>(changes: &mut Vec<Change>, old: &[T], new: &[T], versions: &Versions<'_>) {
    let kind = T::KIND;
    let old_by_name: BTreeMap<&String, &T> = old.iter().map(|x| (x.name(), x)).collect();
    let new_by_name: BTreeMap<&String, &T> = new.iter().map(|x| (x.name(), x)).collect();
    for (item_name, old_item) in &old_by_name {
        let Some(new_item) = new_by_name.get(item_name) else {
            changes.push(Change {
                kind,
                name: (*item_name).clone(),
                change: ChangeKind::Removed,
                breaking: true,
                details: Vec::new(),
            });
            continue;
        };
        let found = details(*old_item, *new_item, versions);
        if found.is_empty() {
            continue;
        }
        changes.push(Change {
            kind,
            name: (*item_name).clone(),
            change: ChangeKind::Changed,
            breaking: found.iter().any(|d| d.breaking),
            details: found,
        });
    }
    for item_name in new_by_name.keys() {
        if !old_by_name.contains_key(item_name) {
            changes.push(Change {
                kind,
                name: (*item_name).clone(),
                change: ChangeKind::Added,
                breaking: false,
                details: Vec::new(),
            });
        }
    }
}

fn id_details(old: Option<u32>, new: Option<u32>, out: &mut Vec<Detail>) {
    if old != new {
        let text = |id: Option<u32>| id.map(|id| format!("{id:08x}"));
        out.push(
            detail(DetailKind::IdChanged)
                .values(text(old), text(new))
                .breaks(),
        );
    }
}

/// What differs in a method itself: its schema line, who may call it, its
/// errors.
fn method_details(old: &Method, new: &Method, versions: &Versions<'_>, out: &mut Vec<Detail>) {
    id_details(old.id, new.id, out);
    param_details(&old.params, &new.params, &versions.options, out);
    changed(
        DetailKind::ReturnTypeChanged,
        &old.returns,
        &new.returns,
        out,
    );
    for (who, o, n) in [
        ("bots", old.bots, new.bots),
        ("users", old.users, new.users),
        ("business", old.business, new.business),
    ] {
        // "Unknown" (the page does not say; old pages never name users) is
        // no information, so only a known value flipping is a change.
        if let (Some(o), Some(n)) = (o, n) {
            if o != n {
                out.push(
                    detail(DetailKind::UsabilityChanged)
                        .field(who)
                        .was(yes_no(o))
                        .now(yes_no(n))
                        .note(),
                );
            }
        }
    }
    error_details(
        &old.errors,
        &new.errors,
        versions.own_errors(&old.name),
        out,
    );
}

/// What differs in a constructor itself: its schema line.
fn constructor_details(
    old: &Constructor,
    new: &Constructor,
    versions: &Versions<'_>,
    out: &mut Vec<Detail>,
) {
    id_details(old.id, new.id, out);
    param_details(&old.params, &new.params, &versions.options, out);
    changed(DetailKind::TypeChanged, &old.type_name, &new.type_name, out);
}

/// What differs in a type itself: its constructors.
fn type_details(old: &TypeDef, new: &TypeDef, _: &Versions<'_>, out: &mut Vec<Detail>) {
    let old_set: BTreeSet<&String> = old.constructors.iter().collect();
    let new_set: BTreeSet<&String> = new.constructors.iter().collect();
    for name in old_set.difference(&new_set) {
        out.push(
            detail(DetailKind::ConstructorRemoved)
                .field(name.as_str())
                .breaks(),
        );
    }
    for name in new_set.difference(&old_set) {
        out.push(
            detail(DetailKind::ConstructorAdded)
                .field(name.as_str())
                .note(),
        );
    }
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

/// The flags words of a param list ([`FlagsWords`]).
fn flags_words(params: &[Param]) -> FlagsWords<'_> {
    FlagsWords::of(params.iter().filter_map(|q| q.flag.as_ref()))
}

fn param_details(old: &[Param], new: &[Param], options: &DiffOptions, out: &mut Vec<Detail>) {
    let (old_words, new_words) = (flags_words(old), flags_words(new));
    let find = |params: &[Param], name: &str| params.iter().find(|p| p.name == name).cloned();
    for p in old {
        let Some(q) = find(new, &p.name) else {
            let removed = |kind| detail(kind).field(p.name.as_str()).was(p.tl_text());
            out.push(match (p.docs_only, old_words.contains(&p.name, &p.ty)) {
                (true, _) => removed(DetailKind::DocsOnlyParamRemoved).note(),
                (_, true) => removed(DetailKind::FlagsWordRemoved).note(),
                _ => removed(DetailKind::ParamRemoved).breaks(),
            });
            continue;
        };
        if p.docs_only != q.docs_only {
            let kind = if q.docs_only {
                DetailKind::ParamNowDocsOnly
            } else {
                DetailKind::ParamNowOnWire
            };
            out.push(detail(kind).field(p.name.as_str()).breaks());
            continue;
        }
        let param = |kind| detail(kind).field(p.name.as_str());
        if p.ty != q.ty {
            out.push(
                param(DetailKind::ParamRetyped)
                    .was(p.ty.to_string())
                    .now(q.ty.to_string())
                    .breaks(),
            );
        }
        match (&p.flag, &q.flag) {
            (None, Some(flag)) => out.push(
                param(DetailKind::ParamBecameConditional)
                    .now(flag.to_string())
                    .breaks(),
            ),
            (Some(flag), None) => out.push(
                param(DetailKind::ParamBecameRequired)
                    .was(flag.to_string())
                    .breaks(),
            ),
            (Some(a), Some(b)) if a != b => out.push(
                param(DetailKind::FlagMoved)
                    .was(a.to_string())
                    .now(b.to_string())
                    .breaks(),
            ),
            _ => {}
        }
        if options.text && p.description != q.description && !p.docs_only {
            out.push(
                param(DetailKind::DescriptionChanged)
                    .was(p.description.as_str())
                    .now(q.description.as_str())
                    .note(),
            );
        }
    }
    for q in new {
        if find(old, &q.name).is_some() {
            continue;
        }
        let added = |kind| detail(kind).field(q.name.as_str()).now(q.tl_text());
        out.push(if q.docs_only {
            added(DetailKind::DocsOnlyParamAdded).note()
        } else if new_words.contains(&q.name, &q.ty) {
            added(DetailKind::FlagsWordAdded).note()
        } else if q.flag.is_some() {
            // `new` and every existing setter are unchanged (see the table).
            added(DetailKind::OptionalParamAdded).note()
        } else {
            added(DetailKind::RequiredParamAdded).breaks()
        });
    }
    // Relative wire order of the params both versions put on the wire.
    let on_wire = |params: &[Param], other: &[Param]| -> Vec<String> {
        params
            .iter()
            .filter(|p| !p.docs_only && other.iter().any(|q| q.name == p.name && !q.docs_only))
            .map(|p| p.name.clone())
            .collect()
    };
    let old_order = on_wire(old, new);
    let new_order = on_wire(new, old);
    if old_order != new_order {
        out.push(
            detail(DetailKind::ParamsReordered)
                .was(old_order.join(" "))
                .now(new_order.join(" "))
                .breaks(),
        );
    }
}

/// The documented errors of both versions by name (trimmed, as the error
/// plan groups them), and the Rust variants of the method's own enums.
fn error_details(
    old: &[ErrorEntry],
    new: &[ErrorEntry],
    (old_enum, new_enum): (Option<&ErrorEnum>, Option<&ErrorEnum>),
    out: &mut Vec<Detail>,
) {
    let codes = |errors: &[ErrorEntry]| -> BTreeMap<String, BTreeSet<i32>> {
        let mut map: BTreeMap<String, BTreeSet<i32>> = BTreeMap::new();
        for e in errors.iter().filter(|e| !e.name.trim().is_empty()) {
            map.entry(e.name.trim().to_owned())
                .or_default()
                .insert(e.code);
        }
        map
    };
    let (old, new) = (codes(old), codes(new));
    let list = |set: &BTreeSet<i32>| set.iter().map(i32::to_string).collect::<Vec<_>>().join("/");
    for (name, old_codes) in &old {
        let Some(new_codes) = new.get(name) else {
            let removed = |kind| detail(kind).field(name.as_str()).was(list(old_codes));
            out.push(if is_common(name) {
                removed(DetailKind::CommonErrorRemoved).note()
            } else if old_enum.is_some_and(|e| e.variant(name).is_some()) {
                removed(DetailKind::ErrorRemoved).breaks()
            } else {
                removed(DetailKind::ErrorRemoved).note()
            });
            continue;
        };
        if new_codes != old_codes {
            out.push(
                detail(DetailKind::ErrorCodeChanged)
                    .field(name.as_str())
                    .was(list(old_codes))
                    .now(list(new_codes))
                    .note(),
            );
        }
        let variants = (
            old_enum.and_then(|e| Some((e, e.variant(name)?))),
            new_enum.and_then(|e| Some((e, e.variant(name)?))),
        );
        if let (Some((_, ov)), Some((ne, nv))) = variants {
            // Named under the new enum's path on both sides: a renamed enum
            // is reported once, as the error type.
            let path = ne.path.display();
            let shape = |ident: &str, field: &Option<String>| match field {
                Some(field) => format!("{path}::{ident} {{ {field} }}"),
                None => format!("{path}::{ident}"),
            };
            let (old_shape, new_shape) = (shape(&ov.ident, &ov.field), shape(&nv.ident, &nv.field));
            if old_shape != new_shape {
                out.push(
                    detail(DetailKind::RustErrorVariantRenamed)
                        .field(name.as_str())
                        .was(old_shape)
                        .now(new_shape)
                        .breaks(),
                );
            }
        }
    }
    for (name, new_codes) in &new {
        if !old.contains_key(name) {
            out.push(
                detail(DetailKind::ErrorAdded)
                    .field(name.as_str())
                    .now(list(new_codes))
                    .note(),
            );
        }
    }
}
