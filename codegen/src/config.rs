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
//!
//! # Diagnostics
//!
//! Every disagreement the merge finds is a [`Diagnostic`] (see
//! [`crate::merge`]). In a build script (whenever cargo directives are
//! printed) the warnings are shown as `cargo:warning=` lines: their count,
//! the first few, and the `tlgen stats` command that lists them all. Notes
//! (MadelineProto's documented conventions) are not shown.
//!
//! Errors fail [`Config::generate`] with [`ConfigError::Diagnostics`] and
//! nothing is written: docs and schema that cover less than half of each
//! other (a truncated schema, another layer's docs), a docs tree without a
//! method page, a bare type reference nothing defines. With
//! [`Config::deny_warnings`] warnings fail it too (a broken page skipped, a
//! page without a schema entry, an undefined type, ...).
//! [`Generated::diagnostics`] holds all of them on success.

use std::path::{Path, PathBuf};

use crate::emit::{self, EmitError, Formatting, Layout, Options, Output};
use crate::ir::{Diagnostic, Severity};
use crate::merge::Merged;

/// How many diagnostics are quoted in a build script's `cargo:warning=`
/// lines and in [`ConfigError::Diagnostics`].
pub const SHOWN_DIAGNOSTICS: usize = 5;

/// Why [`Config::generate`] failed.
#[derive(Debug)]
pub enum ConfigError {
    /// A required setting is missing.
    Missing(&'static str),
    /// The docs or schemas could not be read.
    Load(crate::Error),
    /// The IR cannot be turned into Rust.
    Emit(EmitError),
    /// The merge found errors (or, with [`Config::deny_warnings`], warnings):
    /// nothing was written.
    Diagnostics {
        /// The diagnostics that failed the run, sorted by file and line.
        fatal: Vec<Diagnostic>,
        /// Whether warnings were denied.
        deny_warnings: bool,
        /// A `tlgen stats` command that lists every diagnostic.
        stats_command: String,
    },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Missing(what) => write!(f, "tlgen::config: {what}"),
            ConfigError::Load(err) => std::fmt::Display::fmt(err, f),
            ConfigError::Emit(err) => std::fmt::Display::fmt(err, f),
            ConfigError::Diagnostics {
                fatal,
                stats_command,
                ..
            } => f.write_str(&fatal_message(fatal, stats_command)),
        }
    }
}

// `Load` and `Emit` show their inner error as their own message (as a
// transparent wrapper does), so `source` goes one level further down.
impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Load(err) => std::error::Error::source(err),
            ConfigError::Emit(err) => std::error::Error::source(err),
            ConfigError::Missing(_) | ConfigError::Diagnostics { .. } => None,
        }
    }
}

impl From<crate::Error> for ConfigError {
    fn from(err: crate::Error) -> Self {
        ConfigError::Load(err)
    }
}

impl From<EmitError> for ConfigError {
    fn from(err: EmitError) -> Self {
        ConfigError::Emit(err)
    }
}

fn fatal_message(fatal: &[Diagnostic], stats_command: &str) -> String {
    let errors = fatal
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = fatal.len() - errors;
    let mut out = match (errors, warnings) {
        (_, 0) => format!("tlgen: {errors} error(s) in the docs and schemas"),
        (0, _) => format!("tlgen: {warnings} warning(s), denied by deny_warnings(true)"),
        _ => format!("tlgen: {errors} error(s) and {warnings} warning(s) (denied)"),
    };
    for d in fatal.iter().take(SHOWN_DIAGNOSTICS) {
        out.push_str(&format!("\n  {d}"));
    }
    if fatal.len() > SHOWN_DIAGNOSTICS {
        out.push_str(&format!(
            "\n  ... and {} more; all of them: {stats_command}",
            fatal.len() - SHOWN_DIAGNOSTICS
        ));
    }
    out
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
    /// Every diagnostic of the merge (notes included), sorted by file and
    /// line; none of them fatal under the policy in force.
    pub diagnostics: Vec<Diagnostic>,
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
    error_docs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    select: Vec<String>,
    layout: Option<Layout>,
    root_path: Option<String>,
    cargo_directives: Option<bool>,
    sample_values: bool,
    formatting: Formatting,
    deny_warnings: bool,
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

    /// Adds an older, old-format docs tree (layer 65's) whose `### Errors`
    /// tables are copied into methods that have none, by name (repeatable;
    /// the first tree with a table for a method wins). Current-layer pages
    /// carry no error tables, so this is how v223 bindings get typed errors
    /// for the methods those tables cover. Each import is a note in the
    /// diagnostics.
    pub fn error_docs(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.error_docs.push(dir.into());
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
    /// [`Formatting::Lines`] generates much faster, for large outputs that
    /// nobody commits (a full layer into `OUT_DIR`).
    pub fn formatting(&mut self, formatting: Formatting) -> &mut Self {
        self.formatting = formatting;
        self
    }

    /// Whether warnings fail [`Config::generate`] like errors do (default:
    /// off; warnings are shown as `cargo:warning=` lines). See the module
    /// docs for what is an error and what a warning.
    pub fn deny_warnings(&mut self, deny: bool) -> &mut Self {
        self.deny_warnings = deny;
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
        for d in &self.error_docs {
            note.push_str(&format!("; errors from: {}", file_name(d)));
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

    /// Builds the IR and the module tree without writing anything; fails
    /// with [`ConfigError::Diagnostics`] when the merge's findings are fatal
    /// under the policy in force. Returns the tree and every diagnostic.
    pub fn output(&self) -> Result<(Output, Vec<Diagnostic>), ConfigError> {
        let merged = self.merged()?;
        self.check_policy(&merged)?;
        self.output_of(merged)
    }

    fn docs_dir(&self) -> Result<&Path, ConfigError> {
        self.docs
            .as_deref()
            .ok_or(ConfigError::Missing("no docs directory set"))
    }

    fn merged(&self) -> Result<Merged, ConfigError> {
        let mut merged = crate::merge::build(self.docs_dir()?, &self.schemas)?;
        for dir in &self.error_docs {
            let notes = crate::merge::error_tables::import_from(&mut merged.api, dir)?;
            merged.diagnostics.extend(notes);
        }
        Ok(merged)
    }

    fn check_policy(&self, merged: &Merged) -> Result<(), ConfigError> {
        let fatal: Vec<Diagnostic> = merged.fatal(self.deny_warnings).cloned().collect();
        if fatal.is_empty() {
            return Ok(());
        }
        Err(ConfigError::Diagnostics {
            fatal,
            deny_warnings: self.deny_warnings,
            stats_command: self.stats_command(),
        })
    }

    fn output_of(&self, merged: Merged) -> Result<(Output, Vec<Diagnostic>), ConfigError> {
        let output = emit::generate(&merged.api, &self.options(self.docs_dir()?))?;
        Ok((output, merged.diagnostics))
    }

    /// The `tlgen stats` command that lists every diagnostic of this input.
    fn stats_command(&self) -> String {
        let mut command = String::from("tlgen stats");
        if let Some(docs) = &self.docs {
            command.push_str(&format!(" --docs {}", docs.display()));
        }
        for s in &self.schemas {
            command.push_str(&format!(" --schema {}", s.display()));
        }
        command
    }

    /// The `cargo:warning=` lines for the warnings of `merged`: the count,
    /// the first [`SHOWN_DIAGNOSTICS`], and where to see them all.
    fn cargo_warnings(&self, merged: &Merged) -> Vec<String> {
        let warnings: Vec<&Diagnostic> = merged
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .collect();
        if warnings.is_empty() {
            return Vec::new();
        }
        let shown = warnings.len().min(SHOWN_DIAGNOSTICS);
        let mut lines = vec![format!(
            "tlgen: {} warning(s) merging the docs and schemas; the first {shown}:",
            warnings.len()
        )];
        // Cargo already says `warning:`; a directive ends at the newline.
        lines.extend(warnings[..shown].iter().map(|d| {
            let text = d.to_string();
            let text = text.strip_prefix("warning: ").unwrap_or(&text);
            text.replace(['\n', '\r'], " ")
        }));
        lines.push(format!(
            "tlgen: all of them: `{}`; `Config::deny_warnings(true)` makes them fail the build",
            self.stats_command()
        ));
        lines
            .into_iter()
            .map(|l| format!("cargo:warning={l}"))
            .collect()
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
        let directives = self
            .cargo_directives
            .unwrap_or(std::env::var_os("OUT_DIR").is_some());
        if directives {
            if let Some(d) = &self.docs {
                println!("cargo:rerun-if-changed={}", d.display());
            }
            for s in self.schemas.iter().chain(&self.error_docs) {
                println!("cargo:rerun-if-changed={}", s.display());
            }
        }
        let merged = self.merged()?;
        self.check_policy(&merged)?;
        if directives {
            for line in self.cargo_warnings(&merged) {
                println!("{line}");
            }
        }
        let counts = if self.select.is_empty() {
            Counts::of(&merged.api)
        } else {
            // Patterns that match nothing fail `output_of` below.
            emit::select(&merged.api, &self.select)
                .map(|api| Counts::of(&api))
                .unwrap_or_default()
        };
        let (output, diagnostics) = self.output_of(merged)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::DiagnosticKind;

    fn diagnostic(severity: Severity, line: u32) -> Diagnostic {
        Diagnostic {
            severity,
            kind: DiagnosticKind::MissingPage,
            file: "s.tl".into(),
            line: Some(line),
            message: format!("finding\non line {line}"),
        }
    }

    #[test]
    fn cargo_warnings_show_the_count_the_first_few_and_where_to_see_all() {
        let mut diagnostics: Vec<Diagnostic> =
            (1..=7).map(|l| diagnostic(Severity::Warning, l)).collect();
        diagnostics.push(diagnostic(Severity::Note, 8));
        let merged = Merged {
            api: Default::default(),
            diagnostics,
        };
        let mut config = Config::new();
        config.docs("d").schema("s.tl");
        let lines = config.cargo_warnings(&merged);
        let mut expected = vec![
            "cargo:warning=tlgen: 7 warning(s) merging the docs and schemas; the first 5:"
                .to_string(),
        ];
        for l in 1..=5 {
            expected.push(format!("cargo:warning=s.tl:{l}: finding on line {l}"));
        }
        expected.push(
            "cargo:warning=tlgen: all of them: `tlgen stats --docs d --schema s.tl`; \
             `Config::deny_warnings(true)` makes them fail the build"
                .to_string(),
        );
        assert_eq!(lines, expected);

        let quiet = Merged {
            api: Default::default(),
            diagnostics: vec![diagnostic(Severity::Note, 1)],
        };
        assert!(
            config.cargo_warnings(&quiet).is_empty(),
            "notes are not shown"
        );
    }
}
