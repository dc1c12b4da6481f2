//! Selection: the part of an API that some methods need (`--select`,
//! `TLGEN_SELECT`), an IR-to-IR transform.

use std::collections::BTreeSet;

use super::{CtorId, Model, Ty};
use crate::ir::{Api, Method, Space, TlType};

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
/// constructors of each reached type), and those constructors. Every
/// constructor of the MTProto service schema is kept with what it reaches:
/// the server sends them unasked (containers, `rpc_result`, acks, salts,
/// session notices), so no selected method reaches them, yet a client
/// needs them all. An empty pattern list selects everything. Fails when a
/// pattern matches nothing.
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
    let model = Model::new(api);
    // The model's methods are the API's, in its order.
    let chosen: Vec<_> = model
        .func_ids()
        .map(|(_, f)| f)
        .filter(|f| patterns.iter().any(|p| glob_match(p, &f.ir.name)))
        .collect();
    let methods: Vec<Method> = chosen.iter().map(|f| f.ir.clone()).collect();
    // By namespace and name: the API and the service schema both define a
    // `message` (and a `Message` type) for different things.
    let mut types: BTreeSet<(Space, &str)> = BTreeSet::new();
    let mut ctors: BTreeSet<CtorId> = BTreeSet::new();
    let mut work: Vec<&Ty> = Vec::new();
    for f in &chosen {
        work.push(&f.returns);
        work.extend(f.fields.iter().filter_map(|f| f.value_ty()));
    }
    /// Adds constructor `c` and its type; what its fields name is work.
    fn add_ctor<'m>(
        model: &'m Model<'_>,
        c: CtorId,
        work: &mut Vec<&'m Ty>,
        ctors: &mut BTreeSet<CtorId>,
        types: &mut BTreeSet<(Space, &'m str)>,
    ) {
        let ctor = model.ctor(c);
        if let Some(t) = ctor.ty {
            let ty = model.ty(t);
            types.insert((ty.space, ty.name));
        }
        if ctors.insert(c) {
            work.extend(ctor.fields.iter().filter_map(|f| f.value_ty()));
        }
    }
    for (c, ctor) in model.ctor_ids() {
        if ctor.ir.space == Space::Mtproto {
            add_ctor(&model, c, &mut work, &mut ctors, &mut types);
        }
    }
    while let Some(ty) = work.pop() {
        match ty {
            Ty::Vector { elem, .. } => work.push(elem),
            Ty::Enum(t) => {
                let ty = model.ty(*t);
                if types.insert((ty.space, ty.name)) {
                    for &c in &ty.ctors {
                        add_ctor(&model, c, &mut work, &mut ctors, &mut types);
                    }
                }
            }
            Ty::Struct(c) => add_ctor(&model, *c, &mut work, &mut ctors, &mut types),
            Ty::Unresolved(TlType::Boxed(name)) | Ty::QueryResult(name) => {
                types.insert((Space::Api, name));
            }
            _ => {}
        }
    }
    let ctors: BTreeSet<(Space, &str)> = ctors
        .iter()
        .map(|&c| (model.ctor(c).ir.space, model.ctor(c).ir.name.as_str()))
        .collect();
    Ok(Api {
        layer: api.layer,
        methods,
        constructors: api
            .constructors
            .iter()
            .filter(|c| ctors.contains(&(c.space, c.name.as_str())))
            .cloned()
            .collect(),
        types: api
            .types
            .iter()
            .filter(|t| types.contains(&(t.space, t.name.as_str())))
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
