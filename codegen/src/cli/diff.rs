//! `tlgen diff`: what changed between two versions of the docs and schemas,
//! and whether it breaks code written against the generated crate.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use tlgen::diff::{diff, DiffOptions};

/// Arguments of `tlgen diff`.
#[derive(Debug, Args)]
#[command(after_help = super::after_help(
    "tlgen diff --old-docs v222/docs --old-schema v222/TL_telegram.tl \\\n             \
     --new-docs v223/docs --new-schema v223/TL_telegram.tl --fail-on breaking"
))]
pub struct DiffArgs {
    /// The old docs root.
    #[arg(long, value_name = "DIR")]
    old_docs: PathBuf,
    /// An old TL schema file, or a directory standing for every `*.tl` file
    /// in it; repeat the flag for each.
    #[arg(long, value_name = "FILE|DIR")]
    old_schema: Vec<PathBuf>,
    /// The new docs root.
    #[arg(long, value_name = "DIR")]
    new_docs: PathBuf,
    /// A new TL schema file, or a directory standing for every `*.tl` file
    /// in it; repeat the flag for each.
    #[arg(long, value_name = "FILE|DIR")]
    new_schema: Vec<PathBuf>,
    /// How the report is printed.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with status 1 when the report contains such a change.
    #[arg(long, value_enum, value_name = "WHAT")]
    fail_on: Option<FailOn>,
    /// Exit with status 2, comparing nothing, when either version's docs and
    /// schemas give any warning.
    #[arg(long)]
    deny_warnings: bool,
    /// Also report changed descriptions (of methods, constructors, params and
    /// types); by default only what changes the generated code is compared.
    #[arg(long)]
    descriptions: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Plain text grouped by kind, breaking changes first: for people and CI logs.
    Text,
    /// `{"changes": [{"kind", "name", "change", "breaking", "details": [{"kind", "field",
    /// "old", "new", "breaking", "text"}]}]}`: each detail's kind (`id_changed`,
    /// `param_retyped`, ...; listed in `tlgen::diff::DetailKind`), the param or
    /// error it concerns, the old and new values (null where there is none),
    /// and the text form's line.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    /// Any breaking change.
    Breaking,
    /// Any change at all.
    Any,
}

pub fn run(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let load = |docs: &PathBuf, schemas: &Vec<PathBuf>| {
        let input = super::InputArgs {
            docs: Some(docs.clone()),
            schemas: schemas.clone(),
            errors_from: Vec::new(),
            mixed_layers: false,
        };
        super::load_checked(&input.config(args.deny_warnings), false)
    };
    let old = load(&args.old_docs, &args.old_schema)?;
    let new = load(&args.new_docs, &args.new_schema)?;
    let report = diff(
        &old.api,
        &new.api,
        &DiffOptions {
            text: args.descriptions,
        },
    );
    let mut text = match args.format {
        Format::Text => report.to_text(),
        Format::Json => report.to_json(),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    super::write_stdout(text.as_bytes())?;
    let fail = match args.fail_on {
        Some(FailOn::Breaking) => report.has_breaking(),
        Some(FailOn::Any) => !report.changes.is_empty(),
        None => false,
    };
    Ok(if fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
