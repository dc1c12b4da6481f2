//! `tlgen generate`: write the bindings as a standalone module tree, or check
//! that an existing tree is up to date.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use tlgen::config::{Config, ConfigError};
use tlgen::emit::{self, EmitError, Gate, Layout, Replace};

/// The safety rules of `--out`, shown under `generate --help`.
pub const OUT_RULES: &str = "\
--out is replaced only when it is missing, empty, or a tree tlgen wrote: every file in it
listed, unchanged, in its .tlgen-manifest. Anything else (a hand-written file, an edited
generated file) is refused unless --force is given. Never replaced, even with --force: a
file, the filesystem root or a directory right under it, the current or home directory or
one containing them, a crate or repository root (a directory holding Cargo.toml or .git),
and a directory holding the input. A symbolic link is followed. The new tree is written
beside --out and swapped in, so a failed run changes nothing. `cargo fmt` edits generated
files: declare the module `#[rustfmt::skip] mod tl;`.";

/// How many of the emitter's complaints an error lists.
const SHOWN_PROBLEMS: usize = 10;

/// Arguments of `tlgen generate`.
#[derive(Debug, Args)]
#[command(after_help = super::after_help(&format!(
    "tlgen generate --docs docs/v223 --schema TL_telegram_v223.tl --out src/tl --select 'messages.*'\n\n{}",
    OUT_RULES
)))]
pub struct GenerateArgs {
    #[command(flatten)]
    input: super::InputArgs,
    /// The output directory: created when missing, replaced as a whole
    /// otherwise, but only when tlgen wrote it (see below).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Generate only methods matching PATTERN (`messages.*`, `*`, an exact
    /// name; repeat the flag for more) and the types they need.
    #[arg(long = "select", value_name = "PATTERN")]
    select: Vec<String>,
    /// Compare with the tree in --out instead of writing: exit 1 and print a
    /// unified diff when it is stale.
    #[arg(long, conflicts_with = "force")]
    check: bool,
    /// Replace --out even when it holds files tlgen did not write or
    /// generated files edited since: they are deleted.
    #[arg(long)]
    force: bool,
    /// Fail (exit 2, nothing written) when the docs and schema disagree in
    /// any way their documented conventions do not explain.
    #[arg(long)]
    deny_warnings: bool,
    /// The tree root's path from anywhere in the crate (e.g. `crate::tl`);
    /// by default cross-references are relative (`super::super::...`).
    #[arg(long, value_name = "PATH")]
    root_path: Option<String>,
    /// serde `Serialize`/`Deserialize` for every item: `off`, `on` (the
    /// crate depends on serde), or `feature:NAME` (behind the crate's cargo
    /// feature NAME, which must enable serde and `tlgen-runtime/serde`;
    /// the run prints the lines to declare it).
    #[arg(long, value_name = "GATE", default_value = "off")]
    serde: Gate,
    /// The runtime's `Deserialize` for method structs: `off`, `on` or
    /// `feature:NAME`.
    #[arg(long, value_name = "GATE", default_value = "off")]
    deserializable_functions: Gate,
    /// `Hash` on every item whose fields allow it, for hash sets and maps:
    /// `off`, `on` or `feature:NAME` (about 7% of a full layer's compile
    /// time).
    #[arg(long, value_name = "GATE", default_value = "off")]
    hash: Gate,
    /// The `borrowed` module (types that decode without copying strings,
    /// bytes and objects): `off`, `on` or `feature:NAME`.
    #[arg(long, value_name = "GATE", default_value = "off")]
    borrowed: Gate,
    /// The path the code names the runtime crate by: a renamed dependency
    /// (`rt`) or a re-export (`tlgen_api::runtime`, `crate::rt`).
    #[arg(long, value_name = "PATH", default_value = emit::DEFAULT_RUNTIME_PATH)]
    runtime_path: String,
}

impl GenerateArgs {
    /// The library's pipeline with these settings.
    fn config(&self) -> Config {
        let mut config = self.input.config(self.deny_warnings);
        config
            .out_dir(&self.out)
            .layout(Layout::Modules)
            .serde(self.serde.clone())
            .deserializable_functions(self.deserializable_functions.clone())
            .hash(self.hash.clone())
            .borrowed(self.borrowed.clone())
            .runtime_path(&self.runtime_path)
            .formatting(emit::Formatting::Prettyplease);
        if let Some(path) = &self.root_path {
            config.root_path(path);
        }
        for pattern in &self.select {
            config.select(pattern);
        }
        config
    }
}

pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    // Settings first: a typo should not cost a full read of the docs.
    if args.input.schemas.is_empty() {
        anyhow::bail!(
            "generating bindings needs the TL schema (--schema FILE): the docs carry no constructor IDs"
        );
    }
    let config = args.config();
    config.check_settings().map_err(name_the_flag)?;
    let replace = if args.force {
        Replace::Anything
    } else {
        Replace::OnlyGenerated
    };
    if args.check {
        if args.out.exists() && !args.out.is_dir() {
            anyhow::bail!("{}: is a file, not a directory", args.out.display());
        }
    } else {
        emit::check_out_dir(&args.out, replace)?;
        refuse_inputs_inside(&args.out, &args.input)?;
    }

    let loaded = super::load_checked(&config, true)?;
    let output = config.output_of(&loaded).map_err(shorten)?;
    let tree = emit::with_manifest(&output);
    if args.check {
        if !args.out.exists() {
            super::say(&format!(
                "{}: missing; rerun without --check to create it",
                args.out.display()
            ));
            return Ok(ExitCode::from(1));
        }
        let diff = emit::check(&args.out, &tree);
        if diff.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        super::write_stdout(diff.as_bytes())?;
        super::say(&format!(
            "{}: stale; rerun without --check to update",
            args.out.display()
        ));
        return Ok(ExitCode::from(1));
    }
    emit::replace_tree(&args.out, &output, replace)?;
    super::say(&format!(
        "wrote {} files ({} lines) to {}{}",
        output.files.len(),
        output.line_count(),
        args.out.display(),
        match loaded.attention_count() {
            0 => String::new(),
            1 => " with 1 warning".to_string(),
            n => format!(" with {n} warnings"),
        }
    ));
    if let Some(lines) = config.cargo_toml_lines() {
        super::say(&format!(
            "the crate that includes the tree needs these lines in its Cargo.toml:\n{lines}"
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// A setting's error in the terms of the flag that set it.
fn name_the_flag(err: ConfigError) -> anyhow::Error {
    match err {
        ConfigError::Emit(EmitError::RootPath { path, message }) => {
            anyhow::anyhow!("--root-path `{path}`: {message}")
        }
        ConfigError::Emit(EmitError::RuntimePath { path, message }) => {
            anyhow::anyhow!("--runtime-path `{path}`: {message}")
        }
        ConfigError::Emit(EmitError::Setting { setting, message }) => {
            anyhow::anyhow!("--{}: {message}", setting.replace('_', "-"))
        }
        other => other.into(),
    }
}

/// Refuses an `--out` that holds the docs or a schema being read: replacing
/// it (with `--force`) would delete the input.
fn refuse_inputs_inside(out: &Path, input: &super::InputArgs) -> anyhow::Result<()> {
    let Ok(out_real) = std::fs::canonicalize(out) else {
        return Ok(()); // missing: holds nothing
    };
    for path in input.docs.iter().chain(&input.schemas) {
        if std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(&out_real)) {
            anyhow::bail!(
                "{}: holds the input {}; refusing to replace it",
                out.display(),
                path.display()
            );
        }
    }
    Ok(())
}

/// Lists at most [`SHOWN_PROBLEMS`] of the emitter's complaints.
fn shorten(err: ConfigError) -> anyhow::Error {
    match err {
        ConfigError::Emit(EmitError::Invalid(problems)) if problems.len() > SHOWN_PROBLEMS => {
            let mut text = format!(
                "cannot generate bindings ({} problems; the first {SHOWN_PROBLEMS}):",
                problems.len()
            );
            for p in problems.iter().take(SHOWN_PROBLEMS) {
                text.push_str("\n  ");
                text.push_str(p);
            }
            anyhow::anyhow!(text)
        }
        other => other.into(),
    }
}
