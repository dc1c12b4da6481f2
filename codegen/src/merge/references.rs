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

use super::{Entry, Key};
use crate::crc32::Crc32;
use crate::ir::{
    bare_name, resolve_bare, Api, Diagnostic, DiagnosticKind, Severity, Space, TlType, TypeDef,
};
use crate::schema::{normalize_into, normalize_tail_into, Definition, SchemaParam};

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
/// boxed type. A name is looked for in the spaces of
/// [`Space::search_order`], its entry's own first.
pub(super) fn check(
    api: &mut Api,
    constructors: &BTreeMap<Key, Entry<'_>>,
    functions: &BTreeMap<Key, Entry<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let types: BTreeMap<(Space, &str), &[String]> = api
        .types
        .iter()
        .map(|t| ((t.space, t.name.as_str()), t.constructors.as_slice()))
        .collect();
    // Name -> the name: [`resolve_bare`] hands back what a lookup found.
    let ctor_names: BTreeMap<(Space, &str), &String> = api
        .constructors
        .iter()
        .map(|c| ((c.space, c.name.as_str()), &c.name))
        .collect();
    let mut undefined: BTreeMap<(Space, String), Vec<Use<'_>>> = BTreeMap::new();

    let entries = constructors
        .iter()
        .map(|e| ("constructor", e))
        .chain(functions.iter().map(|e| ("method", e)));
    for (what, ((space, name), entry)) in entries {
        let search = space.search_order();
        if name == super::BUILTIN_VECTOR {
            continue;
        }
        let def = entry.def;
        let flags_words = def.flags_words();
        let mut refs: Vec<(String, &TlType)> = def
            .params
            .iter()
            .filter(|p| !flags_words.contains(&p.name, &p.ty))
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
                    let named = search.iter().find_map(|&sp| {
                        resolve_bare(
                            written,
                            |n| ctor_names.get(&(sp, n)).copied(),
                            |n| types.get(&(sp, n)).copied(),
                        )
                    });
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
                } else if !search.iter().any(|&sp| types.contains_key(&(sp, ty_name))) {
                    let key = (*space, ty_name.to_string());
                    undefined.entry(key).or_default().push(Use {
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

    for ((space, ty), uses) in &undefined {
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
            space: *space,
        });
    }
    api.types
        .sort_by(|a, b| (a.space, &a.name).cmp(&(b.space, &b.name)));
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
///
/// Each try changes one type in the definition, so its ID is recomputed from
/// the CRC-32s of the unchanged text before and after it ([`SplitLine`]):
/// the cost of a try is that of the changed piece, not of the whole line.
fn explain_ids(
    constructors: &BTreeMap<Key, Entry<'_>>,
    functions: &BTreeMap<Key, Entry<'_>>,
    undefined: &BTreeMap<(Space, String), Vec<Use<'_>>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut tries = 0usize;
    let mut piece = Vec::new();
    for entry in constructors.values().chain(functions.values()) {
        let def = entry.def;
        let Some(declared) = def.declared_id else {
            continue;
        };
        if declared == def.computed_id {
            continue;
        }
        let line = SplitLine::of(def);
        // The line as rebuilt must hash as the parser hashed it, or no
        // spelling can be judged by it.
        if line.id(line.result_slot(), &line.pieces[line.result_slot()]) != def.computed_id {
            continue;
        }
        let slots = std::iter::once(None).chain((0..def.params.len()).map(Some));
        for slot in slots {
            let written = match slot {
                None => def.result.to_string(),
                Some(i) => def.params[i].ty.to_string(),
            };
            let written = written.as_str();
            let index = slot.map_or(line.result_slot(), |i| i + 1);
            for ((_, spelling), uses) in undefined {
                tries += 1;
                if tries > MAX_SPELLING_TRIES {
                    return;
                }
                if written == spelling {
                    continue;
                }
                let text = match slot {
                    None => spelling.clone(),
                    Some(i) => param_text(&def.params[i], spelling),
                };
                normalize_tail_into(text.split_ascii_whitespace(), &mut piece);
                if line.id(index, &piece) != declared {
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

/// A param as a schema line writes it, with the type `ty`.
fn param_text(p: &SchemaParam, ty: &str) -> String {
    crate::ir::param_text(&p.name, p.flag.as_ref(), &ty)
}

/// The CRC-32 of a run of normalized pieces joined by single spaces, and
/// whether the run is empty (no space joins it then).
#[derive(Clone)]
struct Run {
    crc: Crc32,
    empty: bool,
}

impl Run {
    fn empty() -> Self {
        Run {
            crc: Crc32::new(),
            empty: true,
        }
    }

    /// Appends one normalized piece.
    fn push(&mut self, piece: &[u8]) {
        if piece.is_empty() {
            return;
        }
        if !self.empty {
            self.crc.update(b" ");
        }
        self.crc.update(piece);
        self.empty = false;
    }

    /// Appends a whole run, in time logarithmic in its length (CRC-32s
    /// combine).
    fn append(&mut self, other: &Run) {
        if other.empty {
            return;
        }
        if !self.empty {
            self.crc.update(b" ");
        }
        self.crc.combine(&other.crc);
        self.empty = false;
    }
}

/// A definition as a schema line cut into pieces: the name with its generics,
/// then one piece per param, `=`, and the result. The normalized line is the
/// normalized pieces joined by single spaces (see
/// [`crate::schema::normalize_tail_into`]), so the ID with piece `i` replaced
/// is the CRC-32 of what comes before it, the new piece, and what comes after
/// it, each computed once per definition.
struct SplitLine {
    /// The normalized pieces.
    pieces: Vec<Vec<u8>>,
    /// `before[i]`: the run of the pieces before piece `i`.
    before: Vec<Run>,
    /// `after[i]`: the run of the pieces after piece `i`.
    after: Vec<Run>,
}

impl SplitLine {
    fn of(def: &Definition) -> Self {
        let mut head = def.name.clone();
        for (name, bound) in &def.generics {
            head.push_str(&format!(" {{{name}:{bound}}}"));
        }
        let mut pieces = Vec::with_capacity(def.params.len() + 3);
        let mut piece = Vec::new();
        normalize_into(head.split_ascii_whitespace(), &mut piece);
        pieces.push(std::mem::take(&mut piece));
        let texts = def
            .params
            .iter()
            .map(|p| param_text(p, &p.ty.to_string()))
            .chain(["=".to_string(), def.result.to_string()]);
        for text in texts {
            normalize_tail_into(text.split_ascii_whitespace(), &mut piece);
            pieces.push(std::mem::take(&mut piece));
        }
        let mut before = Vec::with_capacity(pieces.len());
        let mut run = Run::empty();
        for piece in &pieces {
            before.push(run.clone());
            run.push(piece);
        }
        let mut after = vec![Run::empty(); pieces.len()];
        for i in (0..pieces.len() - 1).rev() {
            let mut run = Run::empty();
            run.push(&pieces[i + 1]);
            run.append(&after[i + 1]);
            after[i] = run;
        }
        SplitLine {
            pieces,
            before,
            after,
        }
    }

    /// The index of the result's piece (the last).
    fn result_slot(&self) -> usize {
        self.pieces.len() - 1
    }

    /// The ID of the line with piece `i` replaced by the normalized `piece`.
    fn id(&self, i: usize, piece: &[u8]) -> u32 {
        let mut run = self.before[i].clone();
        run.push(piece);
        run.append(&self.after[i]);
        run.crc.finalize()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::compute_id;

    /// The definition as a schema line, with the result (`None`) or param
    /// `i`'s type replaced: what [`SplitLine::id`] must hash like.
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
            line.push(' ');
            line.push_str(&param_text(p, ty));
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

    #[test]
    fn a_split_line_hashes_like_the_whole_line_with_any_piece_replaced() {
        let text = "---types---\n\
            a#1 flags:# b:flags.0?true c:bytes d:flags.1?bytes e:Vector<bytes> = A;\n\
            e#2 {X:Type} flags:# f:flags.0?true q:!X = X;\n\
            o#3 = O;\n\
            t#4 flags:# x:flags.0?true = T;\n\
            v#5 m:vector<%Message> n:Vector<Vector<int>> = Vector<A>;\n";
        let schema = crate::schema::parse_schema(std::path::Path::new("t.tl"), text).unwrap();
        let spellings = [
            "Foo",
            "true",
            "bytes",
            "Vector<Foo>",
            "vector<%Foo>",
            "Vector<Vector<bytes>>",
            "<Foo>",
            ">",
            "{",
        ];
        let mut piece = Vec::new();
        for def in &schema.definitions {
            let line = SplitLine::of(def);
            let whole = &line.pieces[line.result_slot()];
            assert_eq!(
                line.id(line.result_slot(), whole),
                def.computed_id,
                "{}",
                def.name
            );
            for spelling in spellings {
                normalize_tail_into(spelling.split_ascii_whitespace(), &mut piece);
                assert_eq!(
                    line.id(line.result_slot(), &piece),
                    compute_id(&line_of(def, Some((None, spelling)))),
                    "{} = {spelling}",
                    def.name
                );
                for (i, p) in def.params.iter().enumerate() {
                    let text = param_text(p, spelling);
                    normalize_tail_into(text.split_ascii_whitespace(), &mut piece);
                    assert_eq!(
                        line.id(i + 1, &piece),
                        compute_id(&line_of(def, Some((Some(i), spelling)))),
                        "{} param {i} = {spelling}",
                        def.name
                    );
                }
            }
        }
    }
}
