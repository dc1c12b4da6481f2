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
//! mod.rs                 root: `pub use tlgen_runtime::Boxed;`, `pub mod types; enums; functions; errors;`
//! types/mod.rs           constructor structs of the root namespace, `pub mod <ns>;`
//! types/<ns>.rs          constructor structs of namespace <ns> (`types::messages::Messages`)
//! enums/mod.rs, <ns>.rs  one enum per TL type (`enums::InputPeer`), variants = constructors
//! functions/...          one struct per method implementing `tlgen_runtime::Method`
//! errors/...             per-method error enums (`errors::messages::SendMessageError`)
//! borrowed/...           with `Options::borrowed`: types/ and enums/ in the borrowed form
//! ```
//!
//! With [`Layout::Include`] the submodules are pulled in with
//! `include!(concat!(env!("OUT_DIR"), ...))` so the tree can live in a build
//! script's `OUT_DIR`; with [`Layout::Modules`] they are ordinary `mod x;`
//! files for a tree checked into a crate's sources.
//!
//! # What the tree asks of its crate
//!
//! serde, method deserialization, the samples and the borrowed form
//! ([`Options::borrowed`]) are [`Gate`] settings of
//! [`Options`] (not generated, always compiled, or behind a cargo feature
//! whose name the caller picks), and [`Options::runtime_path`] is how the
//! tree names the runtime crate: generated code tests no feature and names
//! no crate its includer did not choose.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::ir::Api;

mod accessors;
mod borrowed;
mod construct;
pub mod docs;
mod docs_link;
pub mod errors;
mod item_docs;
mod items;
pub mod lines;
pub mod manifest;
mod output;
#[cfg(feature = "replace")]
pub mod replace;
mod root;
mod samples;
mod settings;
mod wire;
pub mod write;

pub use crate::model::names;
pub use crate::model::select::{glob_match, select};
use crate::model::Model;
pub use crate::model::BOX_THRESHOLD;
pub use manifest::Replace;
pub use manifest::{with_manifest, MANIFEST_FILE};
#[cfg(feature = "replace")]
pub use replace::{check_out_dir, replace_tree};
pub(crate) use settings::cargo_toml_lines;
pub use settings::{Gate, DEFAULT_RUNTIME_PATH};
#[cfg(feature = "diff")]
pub use write::check;
pub use write::{write_if_changed, WriteError};

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
///
/// The default generates serde and method deserialization behind the
/// including crate's `serde` and `deserializable-functions` features (so
/// that one tree holds every part a test may compile), no `Hash`, no
/// samples, and names the runtime `tlgen_runtime`.
/// [`crate::config::Config`] and `tlgen generate` start from every part
/// off: their trees ask nothing of the crate but the runtime.
#[derive(Debug, Clone)]
pub struct Options {
    /// How files reference each other.
    pub layout: Layout,
    /// Method patterns (`messages.*`, `*`, exact names); empty = everything.
    pub select: Vec<String>,
    /// The path of the tree root as seen from the crate (`crate` when the tree
    /// is the crate root); `None` makes the path relative (`super::super`),
    /// so the tree works at any depth. Each file imports what it names from
    /// the root once, at its top (`use super::super::{enums, types};`), and
    /// writes `enums::InputPeer` at every use.
    pub root_path: Option<String>,
    /// Lines written into every file's header after the `@generated` line
    /// (see [`source_note`]).
    pub source_note: String,
    /// `serde::Serialize`/`Deserialize` for every item, in the JSON form
    /// `{"_": "<TL name>", ...}`. When generated, the including crate needs
    /// `serde` (with `derive`) and the runtime's `serde` feature.
    pub serde: Gate,
    /// The runtime's `Deserialize` for method structs (servers, proxies,
    /// test tools).
    pub deserializable_functions: Gate,
    /// `Hash` on the constructor structs, type enums and method structs
    /// whose fields allow it (no TL `double` inside), so that they go in
    /// hash sets and maps; they are `Eq` either way. It needs nothing of the
    /// including crate, and costs about 7% of a full layer's compile time,
    /// so it is off unless asked for.
    pub hash: Gate,
    /// `samples.rs`: a sample value of every item and a visitor over all of
    /// them. The visitor decodes methods, so wherever the samples compile
    /// `deserializable_functions` must too: [`generate`] refuses the
    /// settings where it cannot (the samples on, methods not always
    /// deserializable); with two features, the samples' feature must enable
    /// the other.
    pub sample_values: Gate,
    /// The `borrowed` module: the constructor structs and type enums in a
    /// form that decodes from a `&'a [u8]` without copying strings, byte
    /// fields and `Object`s, and converts to the owned items (`tlgen_runtime::borrowed`).
    /// It needs nothing of the including crate; off, the tree is exactly
    /// what it is without the setting.
    pub borrowed: Gate,
    /// The path generated code names the runtime crate by: its name
    /// (`tlgen_runtime`, [`DEFAULT_RUNTIME_PATH`]), the name of a renamed
    /// dependency (`rt` for `rt = { package = "tlgen-runtime", .. }`) or a
    /// path to a re-export of it (`tlgen_api::runtime`, `crate::rt`).
    pub runtime_path: String,
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
    /// `///`, straight from the token trees ([`lines`]): no parsing, so
    /// faster to generate (PERFORMANCE.md in the repository has the
    /// figures). For build scripts, whose output rustc checks anyway.
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
            serde: Gate::feature("serde"),
            deserializable_functions: Gate::feature("deserializable-functions"),
            hash: Gate::Off,
            sample_values: Gate::Off,
            borrowed: Gate::Off,
            runtime_path: DEFAULT_RUNTIME_PATH.to_owned(),
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
#[derive(Debug)]
pub enum EmitError {
    /// The IR has items that cannot be emitted (e.g. no constructor IDs):
    /// the model's problems, or `--select` patterns that match nothing.
    Invalid(Vec<String>),
    /// The tree root path ([`Options::root_path`]) is not a Rust path.
    RootPath {
        /// The path as given.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// The runtime path ([`Options::runtime_path`]) is not one generated
    /// code can use.
    RuntimePath {
        /// The path as given.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A [`Gate`] setting names an impossible feature, or the settings do
    /// not fit together.
    Setting {
        /// The setting (the [`Options`] field).
        setting: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// A generated file did not parse (a bug in the emitter).
    Syntax {
        /// The file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// [`Formatting::Prettyplease`] was asked for, but tlgen was built
    /// without its `prettyplease` feature.
    PrettypleaseUnavailable,
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EmitError::Invalid(problems) => {
                write!(f, "cannot generate bindings:\n  {}", problems.join("\n  "))
            }
            EmitError::RootPath { path, message } => write!(f, "root path `{path}`: {message}"),
            EmitError::RuntimePath { path, message } => {
                write!(f, "runtime path `{path}`: {message}")
            }
            EmitError::Setting { setting, message } => write!(f, "setting `{setting}`: {message}"),
            EmitError::Syntax { file, message } => {
                write!(f, "generated {file} does not parse: {message}")
            }
            EmitError::PrettypleaseUnavailable => f.write_str(
                "Formatting::Prettyplease needs tlgen's `prettyplease` cargo feature; \
                 enable it or use Formatting::Lines",
            ),
        }
    }
}

impl std::error::Error for EmitError {}

/// The header note of a tree generated with the `select` patterns: only what
/// the output depends on besides the inputs' contents, so the same docs and
/// schemas give the same tree wherever they live and whatever their names
/// (`tlgen generate --check` compares contents, not paths). Empty without
/// patterns.
pub fn source_note(select: &[String]) -> String {
    if select.is_empty() {
        String::new()
    } else {
        format!("select: {}", select.join(" "))
    }
}

/// Checks the settings of `options` (the root and runtime paths, the
/// feature names, whether the gates fit together) without generating
/// anything, so that a caller can refuse them before reading its input;
/// [`generate`] checks them too.
pub fn check_options(options: &Options) -> Result<(), EmitError> {
    settings::check(options)
}

/// Generates the module tree for `api` (after applying `options.select`).
///
/// The files and the order of their pieces are planned in an
/// output space (module -> ordered pieces); the pieces are then generated, checked and
/// formatted in parallel (rayon, with the `parallel` feature), each as its own `syn::File`, and
/// concatenated per file in that order.
pub fn generate(api: &Api, options: &Options) -> Result<Output, EmitError> {
    settings::check(options)?;
    let api = select(api, &options.select).map_err(EmitError::Invalid)?;
    let model = Model::checked(&api).map_err(|problems| {
        EmitError::Invalid(problems.iter().map(ToString::to_string).collect())
    })?;
    let space = output::OutputSpace::plan(&model, options);
    space.render(&model, options)
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
