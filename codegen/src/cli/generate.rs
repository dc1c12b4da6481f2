//! `tlgen generate`: write the bindings as a standalone module tree, or check
//! that an existing tree is up to date.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use tlgen::emit::{self, Layout, Options};

/// Arguments of `tlgen generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    input: super::InputArgs,
    /// The output directory; replaced atomically (written beside it, then renamed).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Generate only methods matching PATTERN (`messages.*`, `*`, an exact
    /// name; repeatable) and the types they need.
    #[arg(long = "select", value_name = "PATTERN")]
    select: Vec<String>,
    /// Compare with the tree in --out instead of writing: exit 1 and print a
    /// unified diff when it is stale.
    #[arg(long)]
    check: bool,
    /// The tree root's path from anywhere in the crate (e.g. `crate::tl`);
    /// by default cross-references are relative (`super::super::...`).
    #[arg(long, value_name = "PATH")]
    root_path: Option<String>,
}

pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let merged = args.input.load()?;
    let mut note = format!("docs: {}", file_name(&args.input.docs));
    for s in &args.input.schemas {
        note.push_str(&format!("; schema: {}", file_name(s)));
    }
    if !args.select.is_empty() {
        note.push_str(&format!("; select: {}", args.select.join(",")));
    }
    let options = Options {
        layout: Layout::Modules,
        select: args.select.clone(),
        root_path: args.root_path.clone(),
        source_note: note,
        sample_values: false,
        formatting: emit::Formatting::Prettyplease,
    };
    let output = emit::generate(&merged.api, &options)?;
    if args.check {
        let diff = emit::check(&args.out, &output);
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
    emit::write_atomic(&args.out, &output)?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} files ({} lines) to {}",
        output.files.len(),
        output.line_count(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
