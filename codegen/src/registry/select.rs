//! Selection: the part of an API that some methods need (`--select`,
//! `TLGEN_SELECT`), an IR-to-IR transform.

use std::collections::BTreeSet;

use super::{Entry, Registry};
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

    let reg = Registry::new(api);
    let mut types: BTreeSet<String> = BTreeSet::new();
    let mut ctors: BTreeSet<String> = BTreeSet::new();
    let mut work: Vec<TlType> = Vec::new();
    for m in &methods {
        work.push(m.returns.clone());
        if let Some(entry) = reg.method(&m.name) {
            work.extend(entry.params.iter().map(|p| p.ty.clone()));
        }
    }
    let add_ctor = |c: &Entry, work: &mut Vec<TlType>, ctors: &mut BTreeSet<String>| {
        if ctors.insert(c.name.clone()) {
            work.extend(c.params.iter().map(|p| p.ty.clone()));
        }
    };
    while let Some(ty) = work.pop() {
        match ty {
            TlType::Vector { inner, .. } => work.push(*inner),
            TlType::Boxed(name) if types.insert(name.clone()) => {
                for &at in reg.type_constructors(&name).into_iter().flatten() {
                    add_ctor(reg.entry(at), &mut work, &mut ctors);
                }
            }
            TlType::Bare(name) => {
                if let Some(c) = reg.bare(&name) {
                    types.extend(c.type_name().map(str::to_owned));
                    add_ctor(c, &mut work, &mut ctors);
                }
            }
            _ => {}
        }
    }
    Ok(Api {
        layer: api.layer,
        methods,
        constructors: api
            .constructors
            .iter()
            .filter(|c| ctors.contains(&c.name))
            .cloned()
            .collect(),
        types: api
            .types
            .iter()
            .filter(|t| types.contains(&t.name))
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
