//! The Rust back end: IR -> a module tree of formatted Rust files.
//!
//! Items are built as token streams with `quote`; each file is checked by
//! parsing it with `syn` and formatted with `prettyplease`, or, with
//! [`Formatting::Lines`] (build scripts), laid out by the [`lines`] printer. The output is a
//! [`Output`] map from relative path to file text, deterministic for a given
//! IR (everything is iterated in sorted order).
//!
//! # Layout
//!
//! ```text
//! mod.rs                 root: the `tl_boxed!` macro, `pub mod types; enums; functions; errors;`
//! types/mod.rs           constructor structs of the root namespace, `pub mod <ns>;`
//! types/<ns>.rs          constructor structs of namespace <ns> (`types::messages::Messages`)
//! enums/mod.rs, <ns>.rs  one enum per TL type (`enums::InputPeer`), variants = constructors
//! functions/...          one struct per method implementing `tlgen_runtime::Method`
//! errors/...             per-method error enums (`errors::messages::SendMessageError`)
//! ```
//!
//! With [`Layout::Include`] the submodules are pulled in with
//! `include!(concat!(env!("OUT_DIR"), ...))` so the tree can live in a build
//! script's `OUT_DIR`; with [`Layout::Modules`] they are ordinary `mod x;`
//! files for a tree checked into a crate's sources.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::par::*;
use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

mod construct;
pub mod docs;
mod docs_link;
pub mod errors;
mod item_docs;
mod items;
pub mod lines;
pub mod manifest;
pub mod model;
pub mod names;
pub mod replace;
mod root;
mod samples;
pub mod write;

pub use manifest::{with_manifest, MANIFEST_FILE};
pub use model::{glob_match, select, BOX_THRESHOLD};
pub use replace::{check_out_dir, replace_tree, Replace};
#[cfg(feature = "diff")]
pub use write::check;
pub use write::write_if_changed;

/// How submodule files are referenced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// `pub mod x;`: a tree in a crate's `src/`.
    Modules,
    /// `pub mod x { include!(concat!(env!(<env_var>), "/<prefix>x.rs")); }`:
    /// a tree in a build script's output directory.
    Include {
        /// The environment variable holding the output directory (`OUT_DIR`).
        env_var: String,
        /// Subdirectory of that directory the tree is written to (`""` or `"tl/"`).
        prefix: String,
    },
}

/// What to generate and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// How files reference each other.
    pub layout: Layout,
    /// Method patterns (`messages.*`, `*`, exact names); empty = everything.
    pub select: Vec<String>,
    /// The path of the tree root as seen from the crate (`crate` when the tree
    /// is the crate root); `None` makes every cross-reference relative
    /// (`super::super::types::...`), so the tree works at any depth.
    pub root_path: Option<String>,
    /// A line naming the input, written into every file's header.
    pub source_note: String,
    /// Also emit `samples.rs` (behind the `sample-values` cargo feature): a
    /// sample value of every item and a visitor over all of them.
    pub sample_values: bool,
    /// How the files are laid out as text.
    pub formatting: Formatting,
}

/// How generated files are laid out as text. Both print the same tokens.
///
/// The default is `Prettyplease` when tlgen's `prettyplease` feature is on
/// (as it is for the CLI), `Lines` without it (build scripts depending on
/// tlgen with `default-features = false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Formatting {
    /// Every item checked with `syn` and printed with `prettyplease`: for
    /// code that people read and commit. Needs tlgen's `prettyplease` cargo
    /// feature; without it generating fails with
    /// [`EmitError::PrettypleaseUnavailable`].
    #[cfg_attr(feature = "prettyplease", default)]
    Prettyplease,
    /// One line per statement, field, variant and attribute, indented, docs as
    /// `///`, straight from the token trees ([`lines`]): no parsing, so about
    /// 3x faster to generate (a build script for a full layer saves 1.7 s of
    /// wall time and 3.4 s of CPU in debug builds). For build scripts, whose
    /// output rustc checks anyway.
    #[cfg_attr(not(feature = "prettyplease"), default)]
    Lines,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            layout: Layout::Modules,
            select: Vec::new(),
            root_path: None,
            source_note: String::new(),
            sample_values: false,
            formatting: Formatting::default(),
        }
    }
}

/// The generated files, by path relative to the output directory (`/`-separated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Path -> contents.
    pub files: BTreeMap<String, String>,
}

impl Output {
    /// Total number of lines over all files.
    pub fn line_count(&self) -> usize {
        self.files.values().map(|f| f.lines().count()).sum()
    }
}

/// Why bindings could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// The IR has items that cannot be emitted (e.g. no constructor IDs).
    #[error("cannot generate bindings:\n  {}", .0.join("\n  "))]
    Invalid(Vec<String>),
    /// The tree root path ([`Options::root_path`]) is not a Rust path.
    #[error("root path `{path}`: {message}")]
    RootPath {
        /// The path as given.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A generated file did not parse (a bug in the emitter).
    #[error("generated {file} does not parse: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// [`Formatting::Prettyplease`] was asked for, but tlgen was built
    /// without its `prettyplease` feature.
    #[error(
        "Formatting::Prettyplease needs tlgen's `prettyplease` cargo feature; enable it or use Formatting::Lines"
    )]
    PrettypleaseUnavailable,
}

const MACRO: &str = r#"/// Implements `Identifiable` for the constructor structs of one file; for
/// `fn` lists (methods) also the boxed (constructor ID + bare fields)
/// `Serialize`, and `Deserialize` behind the `deserializable-functions`
/// feature. Constructor structs get their boxed form from [`Boxed`] or their
/// type enum instead: one generic impl instead of three per constructor.
macro_rules! tl_boxed {
    (fn $($t:ident = $id:literal),* $(,)?) => {$(
        tl_boxed!(@id $t = $id);
        tl_boxed!(@ser $t);
        #[cfg(feature = "deserializable-functions")]
        tl_boxed!(@de $t);
    )*};
    (@id $t:ident = $id:literal) => {
        impl tlgen_runtime::Identifiable for $t {
            const CONSTRUCTOR_ID: u32 = $id;
        }
    };
    (@ser $t:ident) => {
        impl tlgen_runtime::Serialize for $t {
            #[inline]
            fn serialized_len(&self) -> usize {
                4 + tlgen_runtime::BareSerialize::bare_len(self)
            }
            #[inline]
            fn serialize(&self, out: &mut Vec<u8>) {
                tlgen_runtime::BareSerialize::serialize_boxed(self, out)
            }
        }
    };
    (@de $t:ident) => {
        impl tlgen_runtime::Deserialize for $t {
            #[inline]
            fn deserialize(
                r: &mut tlgen_runtime::Reader<'_>,
            ) -> Result<Self, tlgen_runtime::DecodeError> {
                tlgen_runtime::wire::expect_constructor(
                    r,
                    <Self as tlgen_runtime::Identifiable>::CONSTRUCTOR_ID,
                    ::core::any::type_name::<Self>(),
                )?;
                <Self as tlgen_runtime::BareDeserialize>::deserialize_bare(r)
            }
        }
    };
    ($($t:ident = $id:literal),* $(,)?) => {$(
        tl_boxed!(@id $t = $id);
    )*};
}
"#;

/// The generic boxed form of constructor structs, emitted into the root.
const BOXED: &str = r#"/// A constructor struct in its boxed wire form: the constructor ID, then the
/// fields. Type enums (`enums::*`) are boxed already; this wrapper serves a
/// single constructor: `Boxed(types::InputPeerUser { .. }).to_bytes()`,
/// `Boxed::<types::InputPeerUser>::from_bytes(..)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Boxed<T>(pub T);

impl<T: tlgen_runtime::Identifiable + tlgen_runtime::BareSerialize> tlgen_runtime::Serialize for Boxed<T> {
    #[inline]
    fn serialized_len(&self) -> usize {
        4 + tlgen_runtime::BareSerialize::bare_len(&self.0)
    }
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        tlgen_runtime::BareSerialize::serialize_boxed(&self.0, out)
    }
}

impl<T: tlgen_runtime::Identifiable + tlgen_runtime::BareDeserialize> tlgen_runtime::Deserialize for Boxed<T> {
    #[inline]
    fn deserialize(r: &mut tlgen_runtime::Reader<'_>) -> Result<Self, tlgen_runtime::DecodeError> {
        tlgen_runtime::wire::expect_constructor(r, T::CONSTRUCTOR_ID, ::core::any::type_name::<T>())?;
        r.nested(T::deserialize_bare).map(Boxed)
    }
}
"#;

/// One unit of parallel work: an item (or a file's tail) rendered to text.
#[derive(Debug, Clone, Copy)]
enum Piece {
    Ctor(usize),
    Type(usize),
    Func(usize),
    ErrorEnum(usize),
    AllErrors,
    /// The `tl_boxed!` invocation and submodule declarations of a file.
    Tail,
    Samples,
}

/// One output file: its path, depth below the root, and pieces in order.
struct FileSpec {
    kind: Option<model::Kind>,
    ns: Option<String>,
    path: String,
    pieces: Vec<Piece>,
}

/// Generates the module tree for `api` (after applying `options.select`).
///
/// Items are generated, checked and formatted in parallel (rayon, with the
/// `parallel` feature), each as its own `syn::File`, then concatenated per
/// file in a fixed order.
pub fn generate(api: &Api, options: &Options) -> Result<Output, EmitError> {
    if let Some(path) = &options.root_path {
        names::check_root_path(path).map_err(|message| EmitError::RootPath {
            path: path.clone(),
            message,
        })?;
    }
    let api = select(api, &options.select).map_err(EmitError::Invalid)?;
    let model = model::Model::new(&api).map_err(EmitError::Invalid)?;
    let any_errors = api.methods.iter().any(errors::has_documented_errors);

    // (kind, namespace) -> pieces
    let mut by_module: BTreeMap<(model::Kind, Option<String>), Vec<Piece>> = BTreeMap::new();
    for kind in model::Kind::ALL {
        by_module.insert((kind, None), Vec::new());
    }
    for (i, c) in model.ctors.iter().enumerate() {
        by_module
            .entry((model::Kind::Types, c.path.ns.clone()))
            .or_default()
            .push(Piece::Ctor(i));
    }
    for (i, t) in model.types.iter().enumerate() {
        by_module
            .entry((model::Kind::Enums, t.path.ns.clone()))
            .or_default()
            .push(Piece::Type(i));
    }
    for (i, f) in model.funcs.iter().enumerate() {
        by_module
            .entry((model::Kind::Functions, f.path.ns.clone()))
            .or_default()
            .push(Piece::Func(i));
        if let Some(e) = f
            .error
            .as_ref()
            .filter(|_| errors::has_documented_errors(f.ir))
        {
            by_module
                .entry((model::Kind::Errors, e.ns.clone()))
                .or_default()
                .push(Piece::ErrorEnum(i));
        }
    }
    if any_errors {
        by_module
            .get_mut(&(model::Kind::Errors, None))
            .expect("errors root")
            .push(Piece::AllErrors);
    }
    let mut namespaces: BTreeMap<model::Kind, Vec<String>> = BTreeMap::new();
    for (kind, ns) in by_module.keys() {
        if let Some(ns) = ns {
            namespaces.entry(*kind).or_default().push(ns.clone());
        }
    }
    let mut files: Vec<FileSpec> = by_module
        .into_iter()
        .map(|((kind, ns), pieces)| {
            let path = match &ns {
                Some(ns) => format!("{}/{}.rs", kind.module(), ns),
                None => format!("{}/mod.rs", kind.module()),
            };
            FileSpec {
                kind: Some(kind),
                ns,
                path,
                pieces,
            }
        })
        .collect();
    for f in files.iter_mut() {
        f.pieces.push(Piece::Tail);
    }
    if options.sample_values {
        files.push(FileSpec {
            kind: None,
            ns: None,
            path: "samples.rs".into(),
            pieces: vec![Piece::Samples],
        });
    }

    let root_for = |depth: usize| -> String {
        match &options.root_path {
            Some(r) => r.clone(),
            None if depth == 0 => "self".to_string(),
            None => vec!["super"; depth].join("::"),
        }
    };
    let include = |path: &str| -> TokenStream {
        match &options.layout {
            Layout::Modules => quote!(;),
            Layout::Include { env_var, prefix } => {
                let rel = format!("/{prefix}{path}");
                quote!({
                    include!(concat!(env!(#env_var), #rel));
                })
            }
        }
    };
    let finish = |path: &str, tokens: TokenStream| -> Result<String, EmitError> {
        match options.formatting {
            Formatting::Prettyplease => format_file(path, tokens),
            Formatting::Lines => Ok(lines::print(tokens)),
        }
    };
    let render = |file: &FileSpec, piece: Piece| -> Result<String, EmitError> {
        let depth = match (&file.kind, &file.ns) {
            (None, _) => 1,
            (Some(_), None) => 1,
            (Some(_), Some(_)) => 2,
        };
        let gen = items::Gen::new(&model, &root_for(depth));
        let tokens = match piece {
            Piece::Ctor(i) => gen.ctor(&model.ctors[i]),
            Piece::Type(i) => gen.type_enum(&model.types[i]),
            Piece::Func(i) => gen.func(&model.funcs[i]),
            Piece::ErrorEnum(i) => {
                let f = &model.funcs[i];
                let e = f.error.as_ref().expect("error path");
                errors::method_error_enum(&api, f.ir, &names::ident(&e.ident))
            }
            Piece::AllErrors => errors::all_errors_enum(&api, &names::ident(model::API_ERROR)),
            Piece::Samples => {
                let items = finish(&file.path, samples::samples_module(&model, &root_for(1)))?;
                return Ok(format!("{}\n{items}", samples::runtime_text()));
            }
            Piece::Tail => {
                let kind = file.kind.expect("module file");
                let mut boxed = Vec::new();
                for p in &file.pieces {
                    match *p {
                        Piece::Ctor(i) => {
                            let c = &model.ctors[i];
                            boxed.push((c.path.ident.clone(), c.id));
                        }
                        Piece::Func(i) if model.funcs[i].generic.is_none() => {
                            let f = &model.funcs[i];
                            boxed.push((f.path.ident.clone(), f.id));
                        }
                        _ => {}
                    }
                }
                let mut tokens = vec![gen.boxed_invocation(&boxed, kind == model::Kind::Functions)];
                if file.ns.is_none() {
                    for sub in namespaces.get(&kind).into_iter().flatten() {
                        let ident = names::ident(sub);
                        let doc = format!(" The `{sub}` namespace.");
                        let body = include(&format!("{}/{}.rs", kind.module(), sub));
                        tokens.push(quote!(#[doc = #doc] pub mod #ident #body));
                    }
                }
                quote!(#(#tokens)*)
            }
        };
        finish(&file.path, tokens)
    };

    let work: Vec<(usize, Piece)> = files
        .iter()
        .enumerate()
        .flat_map(|(i, f)| f.pieces.iter().map(move |&p| (i, p)))
        .collect();
    let texts: Vec<String> = work
        .par_iter()
        .map(|&(i, piece)| render(&files[i], piece))
        .collect::<Result<_, _>>()?;

    let header = {
        let mut h = String::from("// @generated by tlgen. Do not edit: regenerate instead.\n");
        if !options.source_note.is_empty() {
            for line in options.source_note.lines() {
                let _ = writeln!(h, "// {line}");
            }
        }
        h
    };
    let mut out = Output::default();
    let mut bodies: Vec<String> = vec![String::new(); files.len()];
    for (&(i, _), text) in work.iter().zip(texts) {
        bodies[i].push_str(&text);
    }
    for (file, body) in files.iter().zip(bodies) {
        out.files
            .insert(file.path.clone(), format!("{header}\n{body}"));
    }

    // Root.
    let mods = [
        (
            model::Kind::Types,
            " Constructor structs: one per TL constructor, named after it.",
        ),
        (
            model::Kind::Enums,
            " Type enums: one per TL type, one variant per constructor.",
        ),
        (
            model::Kind::Functions,
            " Method structs: one per RPC function, implementing `tlgen_runtime::Method`.",
        ),
        (
            model::Kind::Errors,
            " RPC error enums: one per method that documents its errors.",
        ),
    ];
    let mut root_mods: Vec<TokenStream> = mods
        .iter()
        .map(|(kind, doc)| {
            let ident = names::ident(kind.module());
            let body = include(&format!("{}/mod.rs", kind.module()));
            quote!(#[doc = #doc] pub mod #ident #body)
        })
        .collect();
    if options.sample_values {
        let body = include("samples.rs");
        root_mods.push(quote! {
            /// Sample values of every item, for round-trip tests.
            #[cfg(feature = "sample-values")]
            pub mod samples #body
        });
    }
    root_mods.push(root::layer_items(&model));
    let root = finish("mod.rs", quote!(#(#root_mods)*))?;
    out.files.insert(
        "mod.rs".to_string(),
        format!("{header}\n{MACRO}\n{BOXED}\n{root}"),
    );
    // The macro and samples texts are not from tokens: check them (without
    // syn, rustc checks them when the including crate builds).
    #[cfg(feature = "prettyplease")]
    for path in ["mod.rs", "samples.rs"] {
        if let Some(text) = out.files.get(path) {
            syn::parse_file(text).map_err(|e| EmitError::Syntax {
                file: path.into(),
                message: e.to_string(),
            })?;
        }
    }
    Ok(out)
}

#[cfg(feature = "prettyplease")]
fn format_file(path: &str, tokens: TokenStream) -> Result<String, EmitError> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| EmitError::Syntax {
        file: path.to_string(),
        message: e.to_string(),
    })?;
    Ok(prettyplease::unparse(&file))
}

#[cfg(not(feature = "prettyplease"))]
fn format_file(_path: &str, _tokens: TokenStream) -> Result<String, EmitError> {
    Err(EmitError::PrettypleaseUnavailable)
}

/// A throwaway crate for tests that compile generated code or rendered docs.
#[cfg(test)]
pub(crate) struct ScratchCrate {
    dir: tempfile::TempDir,
}

#[cfg(test)]
impl ScratchCrate {
    /// A crate with `manifest` as its `Cargo.toml` and `files` (paths under
    /// its root, e.g. `src/lib.rs`).
    pub(crate) fn new(manifest: &str, files: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("Cargo.toml"), manifest).expect("manifest");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("source dir");
            std::fs::write(path, text).expect("source file");
        }
        ScratchCrate { dir }
    }

    /// The crate's root directory.
    pub(crate) fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Runs `cargo <args> --offline` in the crate, with rustdoc warnings
    /// denied and no outer `RUSTFLAGS`.
    pub(crate) fn cargo(&self, args: &[&str]) -> std::process::Output {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        std::process::Command::new(cargo)
            .args(args)
            .arg("--offline")
            .current_dir(self.path())
            .env("CARGO_TARGET_DIR", self.path().join("target"))
            .env("RUSTDOCFLAGS", "-D warnings")
            .env_remove("RUSTFLAGS")
            .output()
            .expect("run cargo")
    }
}
