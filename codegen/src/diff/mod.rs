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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::ir::{Api, Constructor, ErrorEntry, FlagsWords, Method, Param, TypeDef};
use crate::model::errors::is_common;
use crate::model::{ErrorEnum, Field, Model};

#[cfg(test)]
mod tests;

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
    /// What changed, one line each; breaking ones end in `(breaking)`.
    pub details: Vec<String>,
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
            "tlgen diff: {} changes, {} breaking",
            self.changes.len(),
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
                    let _ = writeln!(out, "             - {detail}");
                }
            }
        }
        out
    }
}

/// Compares `old` with `new`.
pub fn diff(old: &Api, new: &Api, options: &DiffOptions) -> Report {
    let rust = RustPair {
        old: Model::new(old),
        new: Model::new(new),
    };
    let mut changes = Vec::new();
    compare(&mut changes, &old.methods, &new.methods, options, &rust);
    compare(
        &mut changes,
        &old.constructors,
        &new.constructors,
        options,
        &rust,
    );
    compare(&mut changes, &old.types, &new.types, options, &rust);
    changes.sort_by(|a, b| (a.kind, &a.name, a.change).cmp(&(b.kind, &b.name, b.change)));
    Report { changes }
}

/// What the emitter generates from each version.
struct RustPair<'a> {
    old: Model<'a>,
    new: Model<'a>,
}

impl RustPair<'_> {
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
        renamed("struct", &or.path.display(), &nr.path.display(), out);
        let (Some(ot), Some(nt)) = (o.ty, n.ty) else {
            return;
        };
        let (ot, nt) = (self.old.ty(ot), self.new.ty(nt));
        if let (true, Some(otr), Some(ntr)) = (ot.name == nt.name, &ot.rust, &nt.rust) {
            renamed(
                "variant",
                &format!("{}::{}", otr.path.display(), or.variant),
                &format!("{}::{}", ntr.path.display(), nr.variant),
                out,
            );
            if or.boxed.is_some() != nr.boxed.is_some() {
                let text = if nr.boxed.is_some() {
                    "now holds Box<"
                } else {
                    "no longer holds Box<"
                };
                out.push(breaks(format!(
                    "variant {}::{} {text}{}>",
                    ntr.path.display(),
                    nr.variant,
                    nr.path.ident
                )));
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
        renamed("struct", &or.path.display(), &nr.path.display(), out);
        if let (Some(oe), Some(ne)) = (self.old.errors.of_func(o), self.new.errors.of_func(n)) {
            renamed("error type", &oe.path.display(), &ne.path.display(), out);
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
        let (Some(o), Some(n)) = (&self.old.ty(o).rust, &self.new.ty(n).rust) else {
            return;
        };
        renamed("enum", &o.path.display(), &n.path.display(), out);
        self.accessors(name, out);
    }

    /// The accessors of type `name`'s enum in both versions, by method
    /// name: one gone or with another signature breaks, a new one does not.
    fn accessors(&self, name: &str, out: &mut Vec<Detail>) {
        let (Some(o), Some(n)) = (self.old.type_named(name), self.new.type_named(name)) else {
            return;
        };
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
                None => out.push(breaks(format!("accessor removed: {old_path}::{signature}"))),
                Some(now) if now != signature => out.push(breaks(format!(
                    "accessor changed: {old_path}::{signature} -> {new_path}::{now}"
                ))),
                Some(_) => {}
            }
        }
        for (method, signature) in &new {
            if !old.contains_key(method) {
                out.push(note(format!("accessor added: {new_path}::{signature}")));
            }
        }
    }
}

fn renamed(what: &str, old: &str, new: &str, out: &mut Vec<Detail>) {
    if old != new {
        out.push(breaks(format!("Rust {what} renamed: {old} -> {new}")));
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
            renamed(
                &format!("field of param {}", o.tl_name()),
                &o.name,
                &n.name,
                out,
            );
        }
    }
}

/// A detail line and whether it breaks.
struct Detail {
    text: String,
    breaking: bool,
}

fn note(text: impl Into<String>) -> Detail {
    Detail {
        text: text.into(),
        breaking: false,
    }
}

fn breaks(text: impl Into<String>) -> Detail {
    Detail {
        text: text.into(),
        breaking: true,
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
    /// (`rust` for what the IR alone does not decide: error variants).
    fn own_details(
        old: &Self,
        new: &Self,
        options: &DiffOptions,
        rust: &RustPair<'_>,
        out: &mut Vec<Detail>,
    );
    /// What differs in the Rust generated from the item named `name`.
    fn rust_details(rust: &RustPair<'_>, name: &str, out: &mut Vec<Detail>);
}

/// Every detail of one item's change, in report order: its own, then its
/// description, then its generated Rust. Empty when nothing changed.
fn details<T: Compared>(
    old: &T,
    new: &T,
    options: &DiffOptions,
    rust: &RustPair<'_>,
) -> Vec<Detail> {
    let mut out = Vec::new();
    T::own_details(old, new, options, rust, &mut out);
    if options.text && old.description() != new.description() {
        out.push(note(description_change(
            "description",
            old.description(),
            new.description(),
        )));
    }
    T::rust_details(rust, old.name(), &mut out);
    out
}

/// Adds a change for every item removed, added or changed between `old`
/// and `new`.
fn compare<T: Compared>(
    changes: &mut Vec<Change>,
    old: &[T],
    new: &[T],
    options: &DiffOptions,
    rust: &RustPair<'_>,
) {
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
        let found = details(*old_item, *new_item, options, rust);
        if found.is_empty() {
            continue;
        }
        changes.push(Change {
            kind,
            name: (*item_name).clone(),
            change: ChangeKind::Changed,
            breaking: found.iter().any(|d| d.breaking),
            details: found
                .into_iter()
                .map(|d| {
                    if d.breaking {
                        format!("{} (breaking)", d.text)
                    } else {
                        d.text
                    }
                })
                .collect(),
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

fn id_text(id: Option<u32>) -> String {
    id.map_or_else(|| "none".to_string(), |id| format!("{id:08x}"))
}

fn id_details(old: Option<u32>, new: Option<u32>, out: &mut Vec<Detail>) {
    if old != new {
        out.push(breaks(format!(
            "ID changed: {} -> {}",
            id_text(old),
            id_text(new)
        )));
    }
}

impl Compared for Method {
    const KIND: ItemKind = ItemKind::Method;

    fn name(&self) -> &String {
        &self.name
    }

    fn description(&self) -> &str {
        &self.description
    }

    fn rust_details(rust: &RustPair<'_>, name: &str, out: &mut Vec<Detail>) {
        rust.method(name, out);
    }

    fn own_details(
        old: &Self,
        new: &Self,
        options: &DiffOptions,
        rust: &RustPair<'_>,
        out: &mut Vec<Detail>,
    ) {
        id_details(old.id, new.id, out);
        param_details(&old.params, &new.params, options, out);
        if old.returns != new.returns {
            out.push(breaks(format!(
                "return type: {} -> {}",
                old.returns, new.returns
            )));
        }
        for (what, o, n) in [
            ("usable by bots", old.bots, new.bots),
            ("usable by users", old.users, new.users),
            (
                "usable by bots over a business connection",
                old.business,
                new.business,
            ),
        ] {
            // "Unknown" (the page does not say; old pages never name users) is
            // no information, so only a known value flipping is a change.
            if let (Some(o), Some(n)) = (o, n) {
                if o != n {
                    out.push(note(format!("{what}: {} -> {}", yes_no(o), yes_no(n))));
                }
            }
        }
        error_details(&old.errors, &new.errors, rust.own_errors(&old.name), out);
    }
}

impl Compared for Constructor {
    const KIND: ItemKind = ItemKind::Constructor;

    fn name(&self) -> &String {
        &self.name
    }

    fn description(&self) -> &str {
        &self.description
    }

    fn rust_details(rust: &RustPair<'_>, name: &str, out: &mut Vec<Detail>) {
        rust.constructor(name, out);
    }

    fn own_details(
        old: &Self,
        new: &Self,
        options: &DiffOptions,
        _: &RustPair<'_>,
        out: &mut Vec<Detail>,
    ) {
        id_details(old.id, new.id, out);
        param_details(&old.params, &new.params, options, out);
        if old.type_name != new.type_name {
            out.push(breaks(format!(
                "type: {} -> {}",
                old.type_name, new.type_name
            )));
        }
    }
}

impl Compared for TypeDef {
    const KIND: ItemKind = ItemKind::Type;

    fn name(&self) -> &String {
        &self.name
    }

    fn description(&self) -> &str {
        &self.description
    }

    fn rust_details(rust: &RustPair<'_>, name: &str, out: &mut Vec<Detail>) {
        rust.type_enum(name, out);
    }

    fn own_details(
        old: &Self,
        new: &Self,
        _: &DiffOptions,
        _: &RustPair<'_>,
        out: &mut Vec<Detail>,
    ) {
        let old_set: BTreeSet<&String> = old.constructors.iter().collect();
        let new_set: BTreeSet<&String> = new.constructors.iter().collect();
        for name in old_set.difference(&new_set) {
            out.push(breaks(format!("constructor removed: {name}")));
        }
        for name in new_set.difference(&old_set) {
            out.push(note(format!("constructor added: {name}")));
        }
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
            out.push(match (p.docs_only, old_words.contains(&p.name, &p.ty)) {
                (true, _) => note(format!("docs-only param removed: {}", p.name)),
                (_, true) => note(format!("flags word removed: {}", p.name)),
                _ => breaks(format!("param removed: {}", p.tl_text())),
            });
            continue;
        };
        if p.docs_only != q.docs_only {
            let text = if q.docs_only {
                "is now docs-only (off the wire)"
            } else {
                "is now on the wire"
            };
            out.push(breaks(format!("param {} {text}", p.name)));
            continue;
        }
        if p.ty != q.ty {
            out.push(breaks(format!(
                "param {} retyped: {} -> {}",
                p.name, p.ty, q.ty
            )));
        }
        match (&p.flag, &q.flag) {
            (None, Some(flag)) => out.push(breaks(format!(
                "param {} became conditional ({flag})",
                p.name
            ))),
            (Some(flag), None) => out.push(breaks(format!(
                "param {} became required (was {flag})",
                p.name
            ))),
            (Some(a), Some(b)) if a != b => {
                out.push(breaks(format!("param {} flag moved: {a} -> {b}", p.name)))
            }
            _ => {}
        }
        if options.text && p.description != q.description && !p.docs_only {
            out.push(note(description_change(
                &format!("param {} description", p.name),
                &p.description,
                &q.description,
            )));
        }
    }
    for q in new {
        if find(old, &q.name).is_some() {
            continue;
        }
        out.push(if q.docs_only {
            note(format!("docs-only param added: {}", q.name))
        } else if new_words.contains(&q.name, &q.ty) {
            note(format!("flags word added: {}", q.name))
        } else if q.flag.is_some() {
            // `new` and every existing setter are unchanged (see the table).
            note(format!("optional param added: {}", q.tl_text()))
        } else {
            breaks(format!("required param added: {}", q.tl_text()))
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
        out.push(breaks(format!(
            "params reordered: {} -> {}",
            old_order.join(" "),
            new_order.join(" ")
        )));
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
            let text = format!("error removed: {} {name}", list(old_codes));
            out.push(if is_common(name) {
                note(format!(
                    "{text} (one of the errors any method can raise: still matched as `Common`)"
                ))
            } else if old_enum.is_some_and(|e| e.variant(name).is_some()) {
                breaks(text)
            } else {
                note(text)
            });
            continue;
        };
        if new_codes != old_codes {
            out.push(note(format!(
                "error {name} code: {} -> {}",
                list(old_codes),
                list(new_codes)
            )));
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
            renamed(
                "error variant",
                &shape(&ov.ident, &ov.field),
                &shape(&nv.ident, &nv.field),
                out,
            );
        }
    }
    for (name, new_codes) in &new {
        if !old.contains_key(name) {
            out.push(note(format!("error added: {} {name}", list(new_codes))));
        }
    }
}

/// `description changed: "...old..." -> "...new..."`, trimmed to the part
/// that differs so that the line stays readable in a CI log.
fn description_change(what: &str, old: &str, new: &str) -> String {
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
