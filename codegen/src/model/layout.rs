//! How generated values are laid out: which enum variants box their
//! struct, which items have `Eq` and `Hash`, and the fewest bytes each
//! constructor's bare form takes on the wire.
//!
//! # Boxing rule
//!
//! A type enum's variant holds its constructor struct by value unless
//! 1. the struct lies on a cycle of by-value containment (a field of an enum
//!    type, `Option` included, whose variants lead back to the struct;
//!    `Vec` fields are indirections and break cycles), which would make the
//!    type infinitely large; or
//! 2. the struct's estimated size exceeds [`BOX_THRESHOLD`] bytes, so that one
//!    large constructor does not make every value of its type large.
//!
//! Boxed variants hold `Box<Struct>`; the `From`/`TryFrom` conversions box
//! and unbox, so users rarely see the difference, and each boxed variant's
//! docs say why ([`super::RustCtor::boxed`]). A bare field on such a cycle
//! (a struct inside a struct, with no enum variant to box) would still be
//! infinitely large: it is a [`super::Problem::BareCycle`].
//!
//! # `Eq` and `Hash`
//!
//! An item has `Eq` and `Hash` unless it holds a primitive without them
//! (`double`: `f64` has neither), directly, in a `Vec` or `Option`, or
//! through any type it contains; decided in one backward walk over the
//! containment graph.

use super::{FieldKind, Model, Problem, Ty};

/// Variants whose struct is estimated larger than this many bytes are boxed.
pub const BOX_THRESHOLD: usize = 128;

/// Why a type enum's variant boxes its struct (see the [boxing
/// rule](self#boxing-rule)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boxing {
    /// The struct contains its own type by value, through a chain of fields.
    Recursion,
    /// The struct's estimated size, in bytes, exceeds [`BOX_THRESHOLD`].
    Size(usize),
}

/// The fewest bytes of each constructor's bare form: its flags words and
/// unconditional values ([`Model::min_size`]); a constructor on a bare
/// cycle (a problem anyway) counts the cycle as nothing.
pub(super) fn min_bare_sizes(model: &Model<'_>) -> Vec<usize> {
    fn size(model: &Model<'_>, c: usize, memo: &mut [Option<usize>], active: &mut [bool]) -> usize {
        if let Some(s) = memo[c] {
            return s;
        }
        if active[c] {
            return 0;
        }
        active[c] = true;
        let mut total = 0usize;
        for f in &model.ctors[c].fields {
            total = total.saturating_add(match &f.kind {
                FieldKind::FlagsWord | FieldKind::ObjectLength => 4,
                FieldKind::Value { ty, flag: None } => value(model, ty, memo, active),
                _ => 0,
            });
        }
        active[c] = false;
        memo[c] = Some(total);
        total
    }
    fn value(model: &Model<'_>, ty: &Ty, memo: &mut [Option<usize>], active: &mut [bool]) -> usize {
        match ty {
            Ty::Struct(c) => size(model, c.0, memo, active),
            other => model.min_size(other),
        }
    }
    let n = model.ctors.len();
    let (mut memo, mut active) = (vec![None; n], vec![false; n]);
    (0..n)
        .map(|c| size(model, c, &mut memo, &mut active))
        .collect()
}

/// By-value containment edges of generated constructor `c`: the
/// constructors reachable through one non-`Vec` field. The bool marks bare
/// (struct-in-struct) edges.
fn edges(model: &Model<'_>, c: usize) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    for f in &model.ctors[c].fields {
        match f.value_ty() {
            Some(Ty::Enum(t)) => {
                if let Some(rust) = &model.types[t.0].rust {
                    out.extend(rust.variants.iter().map(|v| (v.0, false)));
                }
            }
            Some(Ty::Struct(s)) if model.ctors[s.0].rust.is_some() => out.push((s.0, true)),
            _ => {}
        }
    }
    out
}

/// Decides which variants box their struct, listing bare cycles as
/// problems.
pub(super) fn decide_boxing(model: &mut Model<'_>) {
    let n = model.ctors.len();
    let graph: Vec<Vec<(usize, bool)>> = (0..n)
        .map(|c| {
            if model.ctors[c].rust.is_some() {
                edges(model, c)
            } else {
                Vec::new()
            }
        })
        .collect();
    let scc = tarjan(&graph);
    let mut cyclic = vec![false; n];
    for (i, edges) in graph.iter().enumerate() {
        for &(j, bare) in edges {
            if scc[i] == scc[j] {
                cyclic[i] = true;
                cyclic[j] = true;
                if bare {
                    model.problems.push(Problem::BareCycle {
                        holder: model.ctors[i].ir.name.clone(),
                        held: model.ctors[j].ir.name.clone(),
                    });
                }
            }
        }
    }
    let mut boxed: Vec<Option<Boxing>> = cyclic
        .iter()
        .map(|&c| c.then_some(Boxing::Recursion))
        .collect();
    let mut memo: Vec<Option<usize>> = vec![None; n];
    let mut active = vec![false; n];
    for c in 0..n {
        if model.ctors[c].rust.is_none() {
            continue;
        }
        let size = struct_size(model, &boxed, c, &mut memo, &mut active);
        if size > BOX_THRESHOLD && boxed[c].is_none() {
            boxed[c] = Some(Boxing::Size(size));
        }
    }
    for (c, boxed) in model.ctors.iter_mut().zip(boxed) {
        if let Some(rust) = &mut c.rust {
            rust.boxed = boxed;
        }
    }
}

/// Estimated `size_of` of constructor `c`'s struct, given the boxing
/// decided so far.
fn struct_size(
    model: &Model<'_>,
    boxed: &[Option<Boxing>],
    c: usize,
    memo: &mut [Option<usize>],
    active: &mut [bool],
) -> usize {
    if let Some(s) = memo[c] {
        return s;
    }
    if active[c] {
        return 8; // on a cycle: boxed somewhere
    }
    active[c] = true;
    let mut total = 0;
    for f in &model.ctors[c].fields {
        total += match &f.kind {
            FieldKind::TrueFlag(_) => 1,
            FieldKind::Value { ty, flag } => {
                let base = value_size(model, boxed, ty, memo, active);
                if flag.is_some() {
                    base + 8
                } else {
                    base
                }
            }
            FieldKind::FlagsWord
            | FieldKind::ObjectLength
            | FieldKind::ConstTrue
            | FieldKind::DocsOnly => 0,
        };
    }
    active[c] = false;
    memo[c] = Some(total);
    total
}

fn value_size(
    model: &Model<'_>,
    boxed: &[Option<Boxing>],
    ty: &Ty,
    memo: &mut [Option<usize>],
    active: &mut [bool],
) -> usize {
    match ty {
        Ty::Prim(p) => p.info().rust_size,
        Ty::Vector { .. } | Ty::Object => 24,
        Ty::Struct(c) => struct_size(model, boxed, c.0, memo, active),
        Ty::Enum(t) => match &model.types[t.0].rust {
            Some(rust) => {
                let mut max = 0;
                for &v in &rust.variants {
                    let s = if boxed[v.0].is_some() {
                        8
                    } else {
                        let s = struct_size(model, boxed, v.0, memo, active);
                        if s > BOX_THRESHOLD {
                            8
                        } else {
                            s
                        }
                    };
                    max = max.max(s);
                }
                max + 8
            }
            None => 8,
        },
        Ty::Query(_) | Ty::QueryResult(_) | Ty::Unresolved(_) => 8,
    }
}

/// What a field holds, as far as a [`holders`] walk is concerned.
enum Contained {
    /// A value the walk looks for.
    Leaf,
    /// This constructor's struct.
    Ctor(usize),
    /// This type's enum.
    Type(usize),
    /// Nothing the walk looks for.
    Nothing,
}

fn contained(ty: &Ty, leaf: &impl Fn(&Ty) -> bool) -> Contained {
    match ty {
        Ty::Vector { elem, .. } => contained(elem, leaf),
        Ty::Struct(c) => Contained::Ctor(c.0),
        Ty::Enum(t) => Contained::Type(t.0),
        _ if leaf(ty) => Contained::Leaf,
        _ => Contained::Nothing,
    }
}

/// The items that hold a value `leaf` picks (a primitive, `Object`; never
/// called on vectors, structs or enums), directly, in a `Vec` or `Option`,
/// or through any type they contain (a type contains its generated
/// variants). Linear: the holders are found by walking containment
/// backwards from the entries with such a field, each item visited once.
pub(super) struct Holders {
    /// By constructor index.
    pub ctors: Vec<bool>,
    /// By type index.
    pub types: Vec<bool>,
    /// By method index.
    pub funcs: Vec<bool>,
}

pub(super) fn holders(model: &Model<'_>, leaf: impl Fn(&Ty) -> bool) -> Holders {
    // Nodes: constructor `i` is `i`, type `t` is `n + t`, method `k` is
    // `n + types + k`; `holders[x]` are the nodes that contain node `x`.
    let (n, types) = (model.ctors.len(), model.types.len());
    let nodes = n + types + model.funcs.len();
    let mut holders: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    let mut marked = vec![false; nodes];
    let mut queue = Vec::new();
    let fields = (model.ctors.iter().map(|c| &c.fields)).enumerate().chain(
        (model.funcs.iter().map(|f| &f.fields))
            .enumerate()
            .map(|(k, f)| (n + types + k, f)),
    );
    for (holder, fields) in fields {
        for ty in fields.iter().filter_map(|f| f.value_ty()) {
            match contained(ty, &leaf) {
                Contained::Leaf if !marked[holder] => {
                    marked[holder] = true;
                    queue.push(holder);
                }
                Contained::Ctor(c) => holders[c].push(holder),
                Contained::Type(t) => holders[n + t].push(holder),
                Contained::Leaf | Contained::Nothing => {}
            }
        }
    }
    for (t, ty) in model.types.iter().enumerate() {
        for v in ty.rust.iter().flat_map(|r| &r.variants) {
            holders[v.0].push(n + t);
        }
    }
    while let Some(node) = queue.pop() {
        for &holder in &holders[node] {
            if !marked[holder] {
                marked[holder] = true;
                queue.push(holder);
            }
        }
    }
    let funcs = marked.split_off(n + types);
    let types = marked.split_off(n);
    Holders {
        ctors: marked,
        types,
        funcs,
    }
}

/// Marks the items that hold a primitive without `Eq`/`Hash` (`f64`),
/// directly or through what they contain, as not hashable.
pub(super) fn decide_hashing(model: &mut Model<'_>) {
    let bad = holders(model, |ty| ty.prim().is_some_and(|p| !p.info().eq_hash));
    for (c, bad) in model.ctors.iter_mut().zip(&bad.ctors) {
        if let Some(rust) = &mut c.rust {
            rust.hashable = !bad;
        }
    }
    for (t, bad) in model.types.iter_mut().zip(&bad.types) {
        if let Some(rust) = &mut t.rust {
            rust.hashable = !bad;
        }
    }
    for (f, bad) in model.funcs.iter_mut().zip(&bad.funcs) {
        if let Some(rust) = &mut f.rust {
            rust.hashable = !bad;
        }
    }
}

/// Tarjan's strongly connected components; returns the component of each node.
fn tarjan(graph: &[Vec<(usize, bool)>]) -> Vec<usize> {
    struct State<'g> {
        graph: &'g [Vec<(usize, bool)>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        comp: Vec<usize>,
        next: usize,
        comps: usize,
    }
    // Iterative DFS to stay safe on deep graphs.
    fn visit(s: &mut State<'_>, root: usize) {
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        s.index[root] = Some(s.next);
        s.low[root] = s.next;
        s.next += 1;
        s.stack.push(root);
        s.on_stack[root] = true;
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei < s.graph[v].len() {
                let w = s.graph[v][*ei].0;
                *ei += 1;
                match s.index[w] {
                    None => {
                        s.index[w] = Some(s.next);
                        s.low[w] = s.next;
                        s.next += 1;
                        s.stack.push(w);
                        s.on_stack[w] = true;
                        work.push((w, 0));
                    }
                    Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                    Some(_) => {}
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    s.low[parent] = s.low[parent].min(s.low[v]);
                }
                if Some(s.low[v]) == s.index[v] {
                    while let Some(w) = s.stack.pop() {
                        s.on_stack[w] = false;
                        s.comp[w] = s.comps;
                        if w == v {
                            break;
                        }
                    }
                    s.comps += 1;
                }
            }
        }
    }
    let n = graph.len();
    let mut s = State {
        graph,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        comp: vec![0; n],
        next: 0,
        comps: 0,
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.comp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tarjan_finds_cycles() {
        let g = vec![vec![(1, false)], vec![(0, false)], vec![(2, false)], vec![]];
        let c = tarjan(&g);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[2], c[3]);
        assert_ne!(c[0], c[3]);
    }
}
