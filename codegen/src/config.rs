//! A prost-build-style builder for build scripts.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     tlgen::config::Config::new()
//!         .docs("docs/v223")
//!         .schema("schemas/TL_telegram_v223.tl")
//!         .select("messages.*")
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/mod.rs"));`, plus
//! `tlgen-runtime` as a dependency (and `serde` for the `serde` feature).
//!
//! By default the tree is written to `$OUT_DIR` with [`Layout::Include`]
//! (submodules pulled in by `include!`); with an explicit [`Config::out_dir`]
//! the default is [`Layout::Modules`] (ordinary `mod x;` files). Files are
//! only rewritten when their contents change, and `cargo:rerun-if-changed`
//! lines are printed for the docs directory and every schema.

use std::path::{Path, PathBuf};

use crate::emit::{self, EmitError, Formatting, Layout, Options, Output};

/// Why [`Config::generate`] failed.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A required setting is missing.
    #[error("tlgen::config: {0}")]
    Missing(&'static str),
    /// The docs or schemas could not be read.
    #[error(transparent)]
    Load(#[from] crate::Error),
    /// The IR cannot be turned into Rust.
    #[error(transparent)]
    Emit(#[from] EmitError),
}

/// What [`Config::generate`] did.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Where the tree was written.
    pub out_dir: PathBuf,
    /// The files (relative path -> text).
    pub output: Output,
    /// How many files were (re)written.
    pub written: usize,
    /// How many diagnostics the IR build reported.
    pub diagnostics: usize,
    /// What the tree holds (after [`Config::select`]).
    pub counts: Counts,
}

/// How many items a generated tree holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// RPC methods.
    pub methods: usize,
    /// Constructors (one struct each).
    pub constructors: usize,
    /// Boxed types (one enum each).
    pub types: usize,
}

impl Counts {
    fn of(api: &crate::ir::Api) -> Self {
        Counts {
            methods: api.methods.len(),
            constructors: api.constructors.len(),
            types: api.types.len(),
        }
    }
}

/// Builder for generating bindings from a build script (or anywhere else).
#[derive(Debug, Clone, Default)]
pub struct Config {
    docs: Option<PathBuf>,
    schemas: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    select: Vec<String>,
    layout: Option<Layout>,
    root_path: Option<String>,
    cargo_directives: Option<bool>,
    sample_values: bool,
    formatting: Formatting,
}

impl Config {
    /// An empty configuration.
    pub fn new() -> Self {
        Self::default()
    }

    /// The docs root (holding `methods/`, `constructors/`, `types/`).
    pub fn docs(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.docs = Some(dir.into());
        self
    }

    /// Adds a TL schema file (repeatable; IDs come from here).
    pub fn schema(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.schemas.push(path.into());
        self
    }

    /// Adds several TL schema files.
    pub fn schemas<I, P>(&mut self, paths: I) -> &mut Self
    where
        I: IntoIterator<Item = P>,
        P: Into<PathBuf>,
    {
        self.schemas.extend(paths.into_iter().map(Into::into));
        self
    }

    /// Where to write the tree (default: `$OUT_DIR`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Emits only methods matching `pattern` (`messages.*`, `*`, an exact
    /// name; repeatable) plus every type they need. Without any, everything.
    pub fn select(&mut self, pattern: impl Into<String>) -> &mut Self {
        self.select.push(pattern.into());
        self
    }

    /// How submodule files are referenced (see [`Layout`]).
    pub fn layout(&mut self, layout: Layout) -> &mut Self {
        self.layout = Some(layout);
        self
    }

    /// The tree root's path as seen from anywhere in the crate (`crate` when
    /// the tree is included at the crate root). Default: relative paths.
    pub fn root_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.root_path = Some(path.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (default: when
    /// running inside a build script, i.e. when `OUT_DIR` is set).
    pub fn cargo_directives(&mut self, enabled: bool) -> &mut Self {
        self.cargo_directives = Some(enabled);
        self
    }

    /// Also emit the `samples` module (behind a `sample-values` cargo feature
    /// of the including crate): a sample value of every item and a visitor
    /// over all of them, for round-trip tests. Default: off.
    pub fn sample_values(&mut self, enabled: bool) -> &mut Self {
        self.sample_values = enabled;
        self
    }

    /// How the files are laid out (default: [`Formatting::default`]:
    /// prettyplease with tlgen's `prettyplease` feature, `Lines` without).
    /// [`Formatting::Lines`] generates about 3x faster, for large outputs
    /// that nobody commits (a full layer into `OUT_DIR`).
    pub fn formatting(&mut self, formatting: Formatting) -> &mut Self {
        self.formatting = formatting;
        self
    }

    fn options(&self, docs: &Path) -> Options {
        let layout = self.layout.clone().unwrap_or(match self.out_dir {
            Some(_) => Layout::Modules,
            None => Layout::Include {
                env_var: "OUT_DIR".into(),
                prefix: String::new(),
            },
        });
        let mut note = format!("docs: {}", file_name(docs));
        for s in &self.schemas {
            note.push_str(&format!("; schema: {}", file_name(s)));
        }
        if !self.select.is_empty() {
            note.push_str(&format!("; select: {}", self.select.join(",")));
        }
        Options {
            layout,
            select: self.select.clone(),
            root_path: self.root_path.clone(),
            source_note: note,
            sample_values: self.sample_values,
            formatting: self.formatting,
        }
    }

    /// Builds the IR and the module tree without writing anything.
    pub fn output(&self) -> Result<(Output, usize), ConfigError> {
        let (output, diagnostics, _) = self.build()?;
        Ok((output, diagnostics))
    }

    fn build(&self) -> Result<(Output, usize, Counts), ConfigError> {
        let docs = self
            .docs
            .as_deref()
            .ok_or(ConfigError::Missing("no docs directory set"))?;
        let merged = crate::merge::build(docs, &self.schemas)?;
        let output = emit::generate(&merged.api, &self.options(docs))?;
        let counts = if self.select.is_empty() {
            Counts::of(&merged.api)
        } else {
            // `generate` succeeded, so every pattern matched.
            emit::select(&merged.api, &self.select)
                .map(|api| Counts::of(&api))
                .unwrap_or_default()
        };
        Ok((output, merged.diagnostics.len(), counts))
    }

    /// Generates the tree and writes the files that changed.
    pub fn generate(&self) -> Result<Generated, ConfigError> {
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(ConfigError::Missing(
                    "no out_dir set and OUT_DIR is not set",
                ))?,
        };
        if self
            .cargo_directives
            .unwrap_or(std::env::var_os("OUT_DIR").is_some())
        {
            if let Some(d) = &self.docs {
                println!("cargo:rerun-if-changed={}", d.display());
            }
            for s in &self.schemas {
                println!("cargo:rerun-if-changed={}", s.display());
            }
        }
        let (output, diagnostics, counts) = self.build()?;
        let written = emit::write_if_changed(&out_dir, &output)?;
        Ok(Generated {
            out_dir,
            output,
            written,
            diagnostics,
            counts,
        })
    }
}

/// The last path component, so headers do not leak absolute paths.
fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
