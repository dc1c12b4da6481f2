//! Types that params and results reference but no constructor defines.
//!
//! A misspelt result type (`foo#… = Fooo;` for `Foo`) leaves `Foo`
//! referenced and undefined. Rather than refusing the whole layer, the IR
//! gets `Foo` as a type without constructors (the emitter makes it a type
//! that can never decode to a value) and a [`DiagnosticKind::UndefinedType`]
//! warning; when a definition's declared ID matches its CRC-32 only with the
//! undefined spelling, that is reported too. A bare reference (`%Foo`,
//! `foo`) that names no constructor cannot be emitted at all: an error.

use std::collections::BTreeMap;

use super::Entry;
use crate::ir::{
    bare_name, resolve_bare, Api, Diagnostic, DiagnosticKind, Severity, TlType, TypeDef,
};
use crate::schema::{compute_id, Definition};

/// At most this many CRC-32s are computed looking for a spelling that
/// explains a declared ID (hostile schemas stay linear).
const MAX_SPELLING_TRIES: usize = 100_000;

/// One place that references a type.
struct Use<'s> {
    what: String,
    file: &'s str,
    line: u32,
}

/// Checks every reference of `constructors` and `functions` against the
/// types of `api`, adding a constructor-less [`TypeDef`] for each undefined
/// boxed type.
pub(super) fn check(
    api: &mut Api,
    constructors: &BTreeMap<String, Entry<'_>>,
    functions: &BTreeMap<String, Entry<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let types: BTreeMap<&str, &[String]> = api
        .types
        .iter()
        .map(|t| (t.name.as_str(), t.constructors.as_slice()))
        .collect();
    // Name -> the name: [`resolve_bare`] hands back what a lookup found.
    let ctor_names: BTreeMap<&str, &String> = api
        .constructors
        .iter()
        .map(|c| (c.name.as_str(), &c.name))
        .collect();
    let mut undefined: BTreeMap<String, Vec<Use<'_>>> = BTreeMap::new();

    let entries = constructors
        .iter()
        .map(|e| ("constructor", e))
        .chain(functions.iter().map(|e| ("method", e)));
    for (what, (name, entry)) in entries {
        if name == super::BUILTIN_VECTOR {
            continue;
        }
        let def = entry.def;
        let mut refs: Vec<(String, &TlType)> = def
            .params
            .iter()
            .filter(|p| !p.is_flags_field())
            .map(|p| (format!("{what} {name} param {}", p.name), &p.ty))
            .collect();
        if def.is_function() {
            refs.push((format!("{what} {name} result"), &def.result));
        }
        for (site, parsed) in refs {
            let ty = parsed.to_string();
            let mut names = Vec::new();
            referenced_names(parsed, &mut names);
            for (bare, written) in names {
                let ty_name = if bare { bare_name(written) } else { written };
                let generic = def.generics.iter().any(|(g, _)| g == ty_name);
                if generic || ty_name == "Bool" {
                    continue;
                }
                if bare {
                    let named = resolve_bare(
                        written,
                        |n| ctor_names.get(n).copied(),
                        |n| types.get(n).copied(),
                    );
                    if named.is_none() {
                        diagnostics.push(Diagnostic {
                            severity: Severity::Error,
                            kind: DiagnosticKind::UndefinedType,
                            file: entry.file.to_string(),
                            line: Some(def.line),
                            message: format!(
                                "{site}: `{ty}`: bare type `{ty_name}` names no constructor: \
                                 expected a constructor name or a type with exactly one \
                                 constructor"
                            ),
                        });
                    }
                } else if !types.contains_key(ty_name) {
                    undefined.entry(ty_name.to_string()).or_default().push(Use {
                        what: site.clone(),
                        file: entry.file,
                        line: def.line,
                    });
                }
            }
        }
    }
    if undefined.is_empty() {
        return;
    }

    for (ty, uses) in &undefined {
        let first = &uses[0];
        let others = match uses.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            kind: DiagnosticKind::UndefinedType,
            file: first.file.to_string(),
            line: Some(first.line),
            message: format!(
                "{}{others}: type `{ty}` is defined by no constructor (a misspelt result \
                 type?); it is generated as a type with no values, whose decoding always fails",
                first.what
            ),
        });
        api.types.push(TypeDef {
            name: ty.clone(),
            constructors: Vec::new(),
            description: String::new(),
            source: None,
        });
    }
    api.types.sort_by(|a, b| a.name.cmp(&b.name));
    explain_ids(constructors, functions, &undefined, diagnostics);
}

/// The type names in `ty` (through vectors) as written, each marked bare or
/// boxed.
fn referenced_names<'t>(ty: &'t TlType, out: &mut Vec<(bool, &'t str)>) {
    match ty {
        TlType::Boxed(name) => out.push((false, name)),
        TlType::Bare(name) => out.push((true, name)),
        TlType::Vector { inner, .. } => referenced_names(inner, out),
        _ => {}
    }
}

/// For definitions whose declared ID is not their CRC-32: says when writing
/// their result (or a param type) with an undefined spelling used elsewhere
/// reproduces the declared ID.
fn explain_ids(
    constructors: &BTreeMap<String, Entry<'_>>,
    functions: &BTreeMap<String, Entry<'_>>,
    undefined: &BTreeMap<String, Vec<Use<'_>>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut tries = 0usize;
    for entry in constructors.values().chain(functions.values()) {
        let def = entry.def;
        let Some(declared) = def.declared_id else {
            continue;
        };
        if declared == def.computed_id || compute_id(&line_of(def, None)) != def.computed_id {
            continue;
        }
        let slots = std::iter::once(None).chain((0..def.params.len()).map(Some));
        for slot in slots {
            let written = match slot {
                None => def.result.to_string(),
                Some(i) => def.params[i].ty.to_string(),
            };
            let written = written.as_str();
            for (spelling, uses) in undefined {
                tries += 1;
                if tries > MAX_SPELLING_TRIES {
                    return;
                }
                if written == spelling
                    || compute_id(&line_of(def, Some((slot, spelling)))) != declared
                {
                    continue;
                }
                let place = match slot {
                    None => "its result".to_string(),
                    Some(i) => format!("the type of param {}", def.params[i].name),
                };
                let used = &uses[0];
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    kind: DiagnosticKind::UndefinedType,
                    file: entry.file.to_string(),
                    line: Some(def.line),
                    message: format!(
                        "`{}`: the declared ID #{declared:08x} is the CRC-32 of the definition \
                         only if {place} `{written}` is written `{spelling}`, the spelling {} \
                         uses at {}:{}",
                        def.name, used.what, used.file, used.line
                    ),
                });
            }
        }
    }
}

/// The definition as a schema line, with the result (`None`) or param `i`'s
/// type replaced when `replace` says so.
fn line_of(def: &Definition, replace: Option<(Option<usize>, &str)>) -> String {
    let mut line = def.name.clone();
    for (name, bound) in &def.generics {
        line.push_str(&format!(" {{{name}:{bound}}}"));
    }
    for (i, p) in def.params.iter().enumerate() {
        let written = p.ty.to_string();
        let ty = match replace {
            Some((Some(j), with)) if j == i => with,
            _ => written.as_str(),
        };
        match &p.flag {
            Some(flag) => line.push_str(&format!(" {}:{}.{}?{ty}", p.name, flag.field, flag.bit)),
            None => line.push_str(&format!(" {}:{ty}", p.name)),
        }
    }
    let written = def.result.to_string();
    let result = match replace {
        Some((None, with)) => with,
        _ => written.as_str(),
    };
    line.push_str(" = ");
    line.push_str(result);
    line
}
