//! Selection: the part of an API that some methods need (`--select`,
//! `TLGEN_SELECT`), an IR-to-IR transform.

use std::collections::BTreeSet;

use super::{CtorId, Model, Ty};
use crate::ir::{Api, Method, TlType};

/// Whether `name` matches a `--select` pattern: `*` matches any run of
/// characters (dots included); everything else literally.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    // Greedy matching that backtracks only to the last `*`: O(pattern x name)
    // time and no recursion, whatever the user passes to `--select`.
    let (p, n) = (pattern.as_bytes(), name.as_bytes());
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(&c) if c == n[ni] => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// The part of `api` that the methods matching `patterns` need: those
/// methods, every type reachable from their params and results (through all
/// constructors of each reached type), and those constructors. An empty
/// pattern list selects everything. Fails when a pattern matches nothing.
pub fn select(api: &Api, patterns: &[String]) -> Result<Api, Vec<String>> {
    if patterns.is_empty() {
        return Ok(api.clone());
    }
    let unmatched: Vec<String> = patterns
        .iter()
        .filter(|p| !api.methods.iter().any(|m| glob_match(p, &m.name)))
        .map(|p| format!("--select {p}: no method matches"))
        .collect();
    if !unmatched.is_empty() {
        return Err(unmatched);
    }
    let methods: Vec<Method> = api
        .methods
        .iter()
        .filter(|m| patterns.iter().any(|p| glob_match(p, &m.name)))
        .cloned()
        .collect();

    let model = Model::new(api);
    let mut types: BTreeSet<&str> = BTreeSet::new();
    let mut ctors: BTreeSet<CtorId> = BTreeSet::new();
    let mut work: Vec<&Ty> = Vec::new();
    for (_, f) in model.func_ids() {
        if patterns.iter().any(|p| glob_match(p, &f.ir.name)) {
            work.push(&f.returns);
            work.extend(f.fields.iter().filter_map(|f| f.value_ty()));
        }
    }
    fn add_ctor<'m>(
        model: &'m Model<'_>,
        c: CtorId,
        work: &mut Vec<&'m Ty>,
        ctors: &mut BTreeSet<CtorId>,
    ) {
        if ctors.insert(c) {
            work.extend(model.ctor(c).fields.iter().filter_map(|f| f.value_ty()));
        }
    }
    while let Some(ty) = work.pop() {
        match ty {
            Ty::Vector { elem, .. } => work.push(elem),
            Ty::Enum(t) => {
                let ty = model.ty(*t);
                if types.insert(ty.name) {
                    for &c in &ty.ctors {
                        add_ctor(&model, c, &mut work, &mut ctors);
                    }
                }
            }
            Ty::Struct(c) => {
                if let Some(t) = model.ctor(*c).ty {
                    types.insert(model.ty(t).name);
                }
                add_ctor(&model, *c, &mut work, &mut ctors);
            }
            Ty::Unresolved(TlType::Boxed(name)) | Ty::QueryResult(name) => {
                types.insert(name);
            }
            _ => {}
        }
    }
    let ctors: BTreeSet<&str> = ctors
        .iter()
        .map(|&c| model.ctor(c).ir.name.as_str())
        .collect();
    Ok(Api {
        layer: api.layer,
        methods,
        constructors: api
            .constructors
            .iter()
            .filter(|c| ctors.contains(c.name.as_str()))
            .cloned()
            .collect(),
        types: api
            .types
            .iter()
            .filter(|t| types.contains(t.name.as_str()))
            .cloned()
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("messages.*", "messages.sendMessage"));
        assert!(!glob_match("messages.*", "help.getConfig"));
        assert!(glob_match("*", "help.getConfig"));
        assert!(glob_match("help.getConfig", "help.getConfig"));
        assert!(glob_match("*.get*", "help.getConfig"));
        assert!(!glob_match("help.get", "help.getConfig"));
        assert!(glob_match("*Config", "help.getConfig"));
        assert!(glob_match("h*g*C*", "help.getConfig"));
        assert!(!glob_match("h*g*X*", "help.getConfig"));
        assert!(glob_match("", "") && !glob_match("", "a") && glob_match("**", ""));
        // Hostile patterns: no exponential backtracking, no deep recursion.
        let stars = "*a".repeat(1_000) + "b";
        assert!(!glob_match(&stars, &"a".repeat(2_000)));
        assert!(!glob_match(&"x".repeat(1_000_000), "help.getConfig"));
    }
}
