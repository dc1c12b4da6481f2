//! Argument definitions and dispatch; each subcommand lives in its own module.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tlgen::ir::{Diagnostic, Severity};

mod decode;
mod diff;
mod encode;
mod generate;
mod ir;
mod stats;

/// The exit statuses, shown under every `--help`.
const EXIT_STATUS: &str = "\
Exit status:
  0  success
  1  the answer is no: `generate --check` found the tree stale, `diff --fail-on` found such a change
  2  the run failed: bad input or arguments, an I/O error, a refused --out, a line encode/decode
     could not convert, or warnings with --deny-warnings";

/// Typed Rust bindings for the Telegram MTProto API from MadelineProto's docs.
#[derive(Debug, Parser)]
#[command(
    name = "tlgen",
    version,
    about,
    after_help = format!(
        "Example:\n  tlgen generate --docs docs/v223 --schema TL_telegram_v223.tl --out src/tl\n\n{EXIT_STATUS}"
    )
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the IR of a docs tree (+ schemas) as JSON on stdout.
    #[command(after_help = format!(
        "Example:\n  tlgen ir --docs docs/v223 --schema TL_telegram_v223.tl > api.json\n\n{EXIT_STATUS}"
    ))]
    Ir(ir::IrArgs),
    /// Print counts and the warnings (disagreements between docs and schema).
    #[command(after_help = format!(
        "Example:\n  tlgen stats --docs docs/v223 --schema TL_telegram_v223.tl --schema TL_secret.tl\n\n{EXIT_STATUS}"
    ))]
    Stats(stats::StatsArgs),
    /// Write the Rust bindings as a module tree, or check one with --check.
    #[command(after_help = format!(
        "Example:\n  tlgen generate --docs docs/v223 --schema TL_telegram_v223.tl --out src/tl --select 'messages.*'\n\n{}\n\n{EXIT_STATUS}",
        generate::OUT_RULES
    ))]
    Generate(generate::GenerateArgs),
    /// Read JSON values (one per line) and write their wire bytes as hex.
    #[command(after_help = format!(
        "Example:\n  echo '{{\"_\":\"help.getConfig\"}}' | tlgen encode --docs docs/v223 --schema TL_telegram_v223.tl\n\n{EXIT_STATUS}"
    ))]
    Encode(encode::EncodeArgs),
    /// Read wire bytes as hex (one value per line) and write them as JSON.
    #[command(after_help = format!(
        "Example:\n  tlgen decode --docs docs/v223 --schema TL_telegram_v223.tl --hex b5757299\n\n{EXIT_STATUS}"
    ))]
    Decode(decode::DecodeArgs),
    /// Compare two versions of the docs and schemas.
    #[command(after_help = format!(
        "Example:\n  tlgen diff --old-docs v222/docs --old-schema v222/TL_telegram.tl \\\n             \
         --new-docs v223/docs --new-schema v223/TL_telegram.tl --fail-on breaking\n\n{EXIT_STATUS}"
    ))]
    Diff(diff::DiffArgs),
}

/// Where the docs and schemas are.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// The docs root (holding `methods/`, `constructors/`, `types/`).
    #[arg(long, value_name = "DIR")]
    pub docs: PathBuf,
    /// A TL schema file the docs were generated from; repeat the flag for
    /// each file (`--schema a.tl --schema b.tl`). It gives the wire truth
    /// (constructor IDs, flag bits): without one `ir` and `stats` read the
    /// docs alone (every ID null) and `generate` refuses.
    #[arg(long = "schema", value_name = "FILE")]
    pub schemas: Vec<PathBuf>,
    /// An error source: an older, old-format docs tree (layer 65's) with
    /// `### Errors` tables, or Telethon's data (a directory holding
    /// methods.csv and errors.csv, or those files). Current-layer pages carry
    /// no error tables. Repeatable: newer sources take precedence; each adds
    /// a note.
    #[arg(long = "errors-from", value_name = "PATH")]
    pub errors_from: Vec<PathBuf>,
}

impl InputArgs {
    /// Builds the IR, failing on unreadable or malformed input and on the
    /// merge's errors, which are printed with some of the warnings
    /// (`tlgen::merge::Merged::failure`). When it does not fail, the warnings
    /// go to stderr (as [`report_diagnostics`] prints them): `encode`,
    /// `decode` and `diff` work on what was read, and a page skipped as
    /// unreadable must not pass unsaid.
    pub fn load(&self) -> anyhow::Result<tlgen::merge::Merged> {
        let merged = self.load_with_errors()?;
        if let Some(failure) = merged.failure(false, 20) {
            anyhow::bail!("the docs and schemas do not make a usable API:\n{failure}");
        }
        report_diagnostics(&merged, false)?;
        Ok(merged)
    }

    /// Builds the IR, failing only on unreadable or malformed input: for the
    /// commands that print every diagnostic and then fail on errors
    /// themselves (`stats`, `generate`).
    pub fn load_with_errors(&self) -> anyhow::Result<tlgen::merge::Merged> {
        let mut merged = tlgen::merge::build(&self.docs, &self.schemas)?;
        let notes = tlgen::merge::error_tables::import_from(&mut merged.api, &self.errors_from)?;
        merged.diagnostics.extend(notes);
        Ok(merged)
    }
}

/// Whether a diagnostic needs the user's attention: anything above a note
/// (notes are MadelineProto's documented conventions).
pub fn needs_attention(d: &Diagnostic) -> bool {
    d.severity != Severity::Note
}

/// Fails the run on diagnostics above warnings (errors), should the library
/// report any: they are printed with the warnings, this says why it stopped.
pub fn fail_on_errors(diagnostics: &[Diagnostic]) -> anyhow::Result<()> {
    match diagnostics
        .iter()
        .filter(|d| d.severity > Severity::Warning)
        .count()
    {
        0 => Ok(()),
        1 => anyhow::bail!("1 error in the docs and schemas"),
        n => anyhow::bail!("{n} errors in the docs and schemas"),
    }
}

/// How many warnings `ir` and `generate` print before pointing to `tlgen stats`.
const SHOWN_WARNINGS: usize = 10;

/// For the commands whose stdout is their product (`ir`, `generate`): prints
/// what needs attention to stderr, errors first (they are why a run stops),
/// at most [`SHOWN_WARNINGS`] of them; then fails on errors, and on any
/// warning when `deny` is set. Returns how many diagnostics need attention,
/// so that nothing a run skipped (an unreadable page) passes unsaid.
pub fn report_diagnostics(merged: &tlgen::merge::Merged, deny: bool) -> anyhow::Result<usize> {
    let mut warnings: Vec<_> = merged
        .diagnostics
        .iter()
        .filter(|d| needs_attention(d))
        .collect();
    warnings.sort_by_key(|d| std::cmp::Reverse(d.severity));
    for d in warnings.iter().take(SHOWN_WARNINGS) {
        eprintln!("{d}");
    }
    if warnings.len() > SHOWN_WARNINGS {
        eprintln!(
            "... and {} more: `tlgen stats` with the same --docs and --schema lists them all",
            warnings.len() - SHOWN_WARNINGS
        );
    }
    fail_on_errors(&merged.diagnostics)?;
    if deny {
        deny_warnings(warnings.len())?;
    }
    Ok(warnings.len())
}

/// Fails a `--deny-warnings` run that found `count` warnings.
pub fn deny_warnings(count: usize) -> anyhow::Result<()> {
    match count {
        0 => Ok(()),
        1 => anyhow::bail!("1 warning and --deny-warnings is set"),
        n => anyhow::bail!("{n} warnings and --deny-warnings is set"),
    }
}

/// Writes `bytes` to stdout; a reader that went away (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ir(args) => ir::run(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Encode(args) => encode::run(&args),
        Command::Decode(args) => decode::run(&args),
        Command::Diff(args) => diff::run(&args),
    }
}
