//! `tlgen generate`: write the bindings as a standalone module tree, or check
//! that an existing tree is up to date.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use tlgen::emit::{self, EmitError, Gate, Layout, Options, Replace};

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
    /// feature NAME, which must enable serde and `tlgen-runtime/serde`).
    #[arg(long, value_name = "GATE", default_value = "feature:serde")]
    serde: Gate,
    /// The runtime's `Deserialize` for method structs: `off`, `on` or
    /// `feature:NAME`.
    #[arg(
        long,
        value_name = "GATE",
        default_value = "feature:deserializable-functions"
    )]
    deserializable_functions: Gate,
    /// `Hash` on every item whose fields allow it: `on`, `off` or
    /// `feature:NAME`.
    #[arg(long, value_name = "GATE", default_value = "on")]
    hash: Gate,
    /// The `borrowed` module (types that decode without copying strings and
    /// bytes): `off`, `on` or `feature:NAME`.
    #[arg(long, value_name = "GATE", default_value = "off")]
    borrowed: Gate,
    /// The path the code names the runtime crate by: a renamed dependency
    /// (`rt`) or a re-export (`tlgen_api::runtime`, `crate::rt`).
    #[arg(long, value_name = "PATH", default_value = emit::DEFAULT_RUNTIME_PATH)]
    runtime_path: String,
}

pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    // Settings first: a typo should not cost a full read of the docs.
    if args.input.schemas.is_empty() {
        anyhow::bail!(
            "generating bindings needs the TL schema (--schema FILE): the docs carry no constructor IDs"
        );
    }
    if let Some(path) = &args.root_path {
        emit::names::check_root_path(path)
            .map_err(|message| anyhow::anyhow!("--root-path `{path}`: {message}"))?;
    }
    let path = &args.runtime_path;
    emit::names::check_runtime_path(path)
        .map_err(|message| anyhow::anyhow!("--runtime-path `{path}`: {message}"))?;
    for pattern in &args.select {
        if pattern.is_empty() {
            anyhow::bail!("--select: an empty pattern matches no method; use `*` for all");
        }
    }
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

    let merged = args.input.load_with_errors()?;
    let warnings = super::report_diagnostics(&merged, args.deny_warnings)?;

    let options = Options {
        layout: Layout::Modules,
        select: args.select.clone(),
        root_path: args.root_path.clone(),
        source_note: emit::source_note(&args.select),
        serde: args.serde.clone(),
        deserializable_functions: args.deserializable_functions.clone(),
        hash: args.hash.clone(),
        sample_values: Gate::Off,
        borrowed: args.borrowed.clone(),
        runtime_path: args.runtime_path.clone(),
        formatting: emit::Formatting::Prettyplease,
    };
    let output = emit::generate(&merged.api, &options).map_err(shorten)?;
    let tree = emit::with_manifest(&output);
    if args.check {
        if !args.out.exists() {
            eprintln!(
                "{}: missing; rerun without --check to create it",
                args.out.display()
            );
            return Ok(ExitCode::from(1));
        }
        let diff = emit::check(&args.out, &tree);
        if diff.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        super::write_stdout(diff.as_bytes())?;
        eprintln!(
            "{}: stale; rerun without --check to update",
            args.out.display()
        );
        return Ok(ExitCode::from(1));
    }
    emit::replace_tree(&args.out, &output, replace)?;
    eprintln!(
        "wrote {} files ({} lines) to {}{}",
        output.files.len(),
        output.line_count(),
        args.out.display(),
        match warnings {
            0 => String::new(),
            1 => " with 1 warning".to_string(),
            n => format!(" with {n} warnings"),
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Refuses an `--out` that holds the docs or a schema being read: replacing
/// it (with `--force`) would delete the input.
fn refuse_inputs_inside(out: &Path, input: &super::InputArgs) -> anyhow::Result<()> {
    let Ok(out_real) = std::fs::canonicalize(out) else {
        return Ok(()); // missing: holds nothing
    };
    for path in std::iter::once(&input.docs).chain(&input.schemas) {
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
fn shorten(err: EmitError) -> anyhow::Error {
    match err {
        EmitError::Invalid(problems) if problems.len() > SHOWN_PROBLEMS => {
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
