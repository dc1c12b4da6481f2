//! The output space: every file of the generated tree and the pieces that
//! make it up, keyed by module and by order within the module (as typify's
//! `OutputSpace`), so planning what goes where is apart from generating it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

use super::settings::Runtime;
use super::{
    borrowed, errors, format_file, items, lines, names, samples, EmitError, Formatting, Layout,
    Options, Output,
};
use crate::model::{CtorId, FuncId, Kind, Model, TypeId};

/// A file of the tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Module {
    /// `mod.rs`: `Boxed` and the top-level module declarations.
    Root,
    /// `<kind>/mod.rs` (no namespace) or `<kind>/<ns>.rs`.
    Items(Kind, Option<String>),
    /// `samples.rs`.
    Samples,
    /// A file of the `borrowed` module ([`Options::borrowed`]).
    Borrowed(borrowed::File),
}

impl Module {
    fn path(&self) -> String {
        match self {
            Module::Root => "mod.rs".into(),
            Module::Items(kind, None) => format!("{}/mod.rs", kind.module()),
            Module::Items(kind, Some(ns)) => format!("{}/{}.rs", kind.module(), ns),
            Module::Samples => "samples.rs".into(),
            Module::Borrowed(file) => file.path(),
        }
    }

    /// How many `super`s lead from the file to the tree root.
    fn depth(&self) -> usize {
        match self {
            Module::Root => 0,
            Module::Items(_, Some(_)) => 2,
            Module::Items(_, None) | Module::Samples => 1,
            Module::Borrowed(file) => file.depth(),
        }
    }
}

/// One unit of parallel work, rendered to text; its order within a file is
/// the derived order (items by their index, the file's tail last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Piece {
    Ctor(CtorId),
    Type(TypeId),
    Func(FuncId),
    /// An enum of the model's error plan (by index: per-method ones, then
    /// the API-wide one).
    ErrorEnum(usize),
    /// The `tlgen_runtime::tl_boxed!` invocation and submodule declarations of a file.
    Tail,
    Samples,
    /// The root's module declarations.
    RootModules,
    /// A piece of the `borrowed` module.
    Borrowed(borrowed::Piece),
}

/// Every file and its pieces, in order.
pub(super) struct OutputSpace {
    files: BTreeMap<Module, BTreeSet<Piece>>,
}

impl OutputSpace {
    /// Where each item of `model` goes.
    pub(super) fn plan(model: &Model<'_>, options: &Options) -> OutputSpace {
        let mut space = OutputSpace {
            files: BTreeMap::new(),
        };
        for kind in Kind::ALL {
            space.add(Module::Items(kind, None), Piece::Tail);
        }
        for (i, _, rc) in model.rust_ctors() {
            space.add(
                Module::Items(Kind::Types, rc.path.ns.clone()),
                Piece::Ctor(i),
            );
        }
        for (i, _, rt) in model.rust_types() {
            space.add(
                Module::Items(Kind::Enums, rt.path.ns.clone()),
                Piece::Type(i),
            );
        }
        for (i, _, rf) in model.rust_funcs() {
            space.add(
                Module::Items(Kind::Functions, rf.path.ns.clone()),
                Piece::Func(i),
            );
        }
        for (i, e) in model.errors.enums.iter().enumerate() {
            space.add(
                Module::Items(Kind::Errors, e.path.ns.clone()),
                Piece::ErrorEnum(i),
            );
        }
        let namespaced: Vec<Module> = space
            .files
            .keys()
            .filter(|m| matches!(m, Module::Items(_, Some(_))))
            .cloned()
            .collect();
        for module in namespaced {
            space.add(module, Piece::Tail);
        }
        if options.sample_values.is_generated() {
            space.add(Module::Samples, Piece::Samples);
        }
        if options.borrowed.is_generated() {
            borrowed::plan(model, |file, piece| {
                space.add(Module::Borrowed(file), Piece::Borrowed(piece));
            });
        }
        space.add(Module::Root, Piece::RootModules);
        space
    }

    fn add(&mut self, module: Module, piece: Piece) {
        self.files.entry(module).or_default().insert(piece);
    }

    /// The namespace modules of `kind`, sorted.
    fn namespaces(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.files.keys().filter_map(move |m| match m {
            Module::Items(k, Some(ns)) if *k == kind => Some(ns.as_str()),
            _ => None,
        })
    }

    /// Generates every piece (in parallel) and assembles the files.
    pub(super) fn render(&self, model: &Model<'_>, options: &Options) -> Result<Output, EmitError> {
        let renderer = Renderer {
            space: self,
            model,
            options,
        };
        let work: Vec<(&Module, Piece)> = self
            .files
            .iter()
            .flat_map(|(m, pieces)| pieces.iter().map(move |&p| (m, p)))
            .collect();
        let texts: Vec<PieceText> =
            crate::par::map(&work, |&(module, piece)| renderer.piece(module, piece))
                .into_iter()
                .collect::<Result<_, _>>()?;

        let mut header = String::from("// @generated by tlgen. Do not edit: regenerate instead.\n");
        for line in options.source_note.lines() {
            let _ = writeln!(header, "// {line}");
        }
        let mut bodies: BTreeMap<&Module, PieceText> = BTreeMap::new();
        for (&(module, _), piece) in work.iter().zip(texts) {
            let body = bodies.entry(module).or_default();
            body.text.push_str(&piece.text);
            body.alloc |= piece.alloc;
            body.imports |= piece.imports;
        }
        let prelude = renderer.alloc_prelude();
        let mut out = Output::default();
        for (module, body) in bodies {
            // Only what something uses: an unused import is a warning in the
            // including crate.
            let prelude = if body.alloc { prelude.as_str() } else { "" };
            let imports = renderer.root_imports(module, body.imports);
            let uses = if prelude.is_empty() && imports.is_empty() {
                String::new()
            } else {
                format!("{prelude}{imports}\n")
            };
            out.files
                .insert(module.path(), format!("{header}\n{uses}{}", body.text));
        }
        Ok(out)
    }
}

/// A piece as text, with what its file must import for it.
#[derive(Default)]
struct PieceText {
    text: String,
    /// Whether it names anything of the runtime's `alloc_prelude`.
    alloc: bool,
    /// What it names from the tree root ([`items::Gen::imports`]).
    imports: u8,
}

/// What rendering a piece needs.
struct Renderer<'s, 'm, 'a> {
    space: &'s OutputSpace,
    model: &'m Model<'a>,
    options: &'s Options,
}

impl Renderer<'_, '_, '_> {
    /// The path from a file at `depth` to the tree root.
    fn root_for(&self, depth: usize) -> String {
        match &self.options.root_path {
            Some(r) => r.clone(),
            None if depth == 0 => "self".to_string(),
            None => vec!["super"; depth].join("::"),
        }
    }

    /// The body of a `pub mod x` declaration for the file at `path`.
    fn include(&self, path: &str) -> TokenStream {
        match &self.options.layout {
            Layout::Modules => quote!(;),
            Layout::Include { env_var, prefix } => {
                let rel = format!("/{prefix}{path}");
                quote!({
                    include!(concat!(env!(#env_var), #rel));
                })
            }
        }
    }

    /// `use <root>::{enums, types};`: what a file's code names from the tree
    /// root (`imports`, [`items::Gen::imports`]), imported once so that
    /// every use is short. The root file declares those modules itself and
    /// imports nothing.
    fn root_imports(&self, module: &Module, imports: u8) -> String {
        let names: Vec<&str> = names::ROOT_IMPORTS
            .iter()
            .enumerate()
            .filter(|(i, _)| imports & 1 << i != 0)
            .map(|(_, n)| *n)
            .collect();
        if module.depth() == 0 || names.is_empty() {
            return String::new();
        }
        let root = self.root_for(module.depth());
        match names.as_slice() {
            [one] => format!("use {root}::{one};\n"),
            many => format!("use {root}::{{{}}};\n", many.join(", ")),
        }
    }

    /// `use <runtime>::alloc_prelude::*;`: the `alloc`
    /// names generated code writes unqualified (`Vec`, `String`, `Box`),
    /// which a `#![no_std]` crate does not have in scope. The path is the
    /// absolute form ([`Runtime::absolute`]), so that a namespace module of
    /// the runtime's name cannot capture it. Written as text, the same in
    /// both layouts.
    fn alloc_prelude(&self) -> String {
        let path = Runtime::new(&self.options.runtime_path).absolute_text;
        format!("use {path}::alloc_prelude::*;\n")
    }

    /// A piece's text, and what its file must import for it.
    fn piece(&self, module: &Module, piece: Piece) -> Result<PieceText, EmitError> {
        let model = self.model;
        let path = module.path();
        // Per piece: token streams cannot be shared between threads.
        let runtime = Runtime::new(&self.options.runtime_path);
        let gen = items::Gen::new(
            model,
            &self.root_for(module.depth()),
            self.options,
            &runtime,
        );
        let rt_absolute = &runtime.absolute;
        let tokens = match piece {
            Piece::Ctor(i) => gen.ctor(i),
            Piece::Type(i) => gen.type_enum(i),
            Piece::Func(i) => gen.func(i),
            Piece::ErrorEnum(i) => errors::error_enum(model, &model.errors.enums[i], rt_absolute),
            Piece::Samples => samples::samples_module(&gen),
            Piece::Tail => self.tail(module, &gen),
            Piece::RootModules => self.root_modules(&runtime, &gen),
            Piece::Borrowed(piece) => self.borrowed(module, piece, &gen),
        };
        let (text, alloc) = match self.options.formatting {
            Formatting::Prettyplease => {
                let alloc = names_alloc(&tokens);
                (format_file(&path, tokens)?, alloc)
            }
            Formatting::Lines => {
                let printed = lines::print_file_with(tokens, &gen.docs.take_table());
                (printed.text, printed.names_alloc)
            }
        };
        Ok(PieceText {
            text,
            alloc,
            imports: gen.imports(),
        })
    }

    /// A file's `tlgen_runtime::tl_boxed!` invocation and, in a kind's root
    /// file, its namespace modules.
    fn tail(&self, module: &Module, gen: &items::Gen<'_, '_>) -> TokenStream {
        let Module::Items(kind, ns) = module else {
            return quote!();
        };
        let model = self.model;
        let mut boxed = Vec::new();
        for piece in &self.space.files[module] {
            match *piece {
                Piece::Ctor(i) => {
                    if let Some(rc) = &model.ctor(i).rust {
                        boxed.push((rc.path.ident.clone(), rc.id));
                    }
                }
                Piece::Func(i) => {
                    let f = model.func(i);
                    if let (None, Some(rf)) = (&f.generic, &f.rust) {
                        boxed.push((rf.path.ident.clone(), rf.id));
                    }
                }
                _ => {}
            }
        }
        let mut tokens = vec![gen.boxed_invocation(&boxed, *kind == Kind::Functions)];
        if ns.is_none() {
            for sub in self.space.namespaces(*kind) {
                let ident = names::ident(sub);
                let doc = format!(" The `{sub}` namespace.");
                let body = self.include(&format!("{}/{}.rs", kind.module(), sub));
                tokens.push(quote!(#[doc = #doc] pub mod #ident #body));
            }
        }
        quote!(#(#tokens)*)
    }

    /// A piece of the `borrowed` module.
    fn borrowed(
        &self,
        module: &Module,
        piece: borrowed::Piece,
        gen: &items::Gen<'_, '_>,
    ) -> TokenStream {
        let Module::Borrowed(file) = module else {
            return quote!();
        };
        let namespaces = self
            .space
            .files
            .keys()
            .filter_map(|m| match m {
                Module::Borrowed(f) if f.kind == file.kind && f.kind.is_some() => f.ns.as_deref(),
                _ => None,
            })
            .collect();
        let include = |path: &str| self.include(path);
        let cx = borrowed::Context {
            namespaces,
            include: &include,
        };
        borrowed::piece(gen, file, piece, &cx)
    }

    /// `pub use tlgen_runtime::Boxed;` and the top-level modules.
    fn root_modules(&self, runtime: &Runtime, gen: &items::Gen<'_, '_>) -> TokenStream {
        let functions_doc = format!(
            " Method structs: one per RPC function, implementing `{}::Method`.",
            runtime.text
        );
        let mods = [
            (
                Kind::Types,
                " Constructor structs: one per TL constructor, named after it.",
            ),
            (
                Kind::Enums,
                " Type enums: one per TL type, one variant per constructor.",
            ),
            (Kind::Functions, functions_doc.as_str()),
            (
                Kind::Errors,
                " RPC error enums: one per method that documents its errors.",
            ),
        ];
        let mut root_mods: Vec<TokenStream> = mods
            .iter()
            .map(|(kind, doc)| {
                let ident = names::ident(kind.module());
                let body = self.include(&format!("{}/mod.rs", kind.module()));
                quote!(#[doc = #doc] pub mod #ident #body)
            })
            .collect();
        if self.space.files.contains_key(&Module::Samples) {
            let body = self.include("samples.rs");
            let cfg = self.options.sample_values.item_cfg();
            root_mods.push(quote! {
                /// Sample values of every item, for round-trip tests.
                #cfg
                pub mod samples #body
            });
        }
        let borrowed_root = Module::Borrowed(borrowed::File {
            kind: None,
            ns: None,
        });
        if self.space.files.contains_key(&borrowed_root) {
            root_mods.push(borrowed::declaration(gen, self.include("borrowed/mod.rs")));
        }
        root_mods.push(super::root::layer_items(self.model));
        let rt = &runtime.path;
        quote! {
            #[doc(inline)]
            pub use #rt::Boxed;
            #(#root_mods)*
        }
    }
}

/// Whether `tokens` name an item of the runtime's `alloc_prelude` (or call
/// a method of its traits), which `std`'s prelude has and `core`'s lacks.
/// Docs are literals, so a name in a doc comment does not count.
fn names_alloc(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => lines::ALLOC_NAMES.iter().any(|name| ident == name),
        TokenTree::Group(group) => names_alloc(&group.stream()),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}
