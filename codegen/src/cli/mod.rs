//! Argument definitions and dispatch; each subcommand lives in its own module.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

mod decode;
mod diff;
mod encode;
mod generate;
mod ir;
mod stats;

/// Typed Rust bindings for the Telegram MTProto API from MadelineProto's docs.
#[derive(Debug, Parser)]
#[command(name = "tlgen", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the IR of a docs tree (+ schemas) as JSON on stdout.
    Ir(InputArgs),
    /// Print counts and every diagnostic.
    Stats(InputArgs),
    /// Write the Rust bindings as a module tree (atomically), or check them with --check.
    Generate(generate::GenerateArgs),
    /// Read JSON values (one per line) and write their wire bytes as hex.
    Encode(encode::EncodeArgs),
    /// Read hex wire bytes (one value per line) and write JSON.
    Decode(decode::DecodeArgs),
    /// Compare two versions of the docs and schemas.
    Diff(diff::DiffArgs),
}

/// Where the docs and schemas are.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// The docs root (holding `methods/`, `constructors/`, `types/`).
    #[arg(long, value_name = "DIR")]
    pub docs: PathBuf,
    /// A TL schema file the docs were generated from (repeatable). Without any,
    /// IDs are null and the wire layout is the docs' best guess.
    #[arg(long = "schema", value_name = "FILE")]
    pub schemas: Vec<PathBuf>,
}

impl InputArgs {
    /// Builds the IR, failing on unreadable or malformed input and on the
    /// merge's errors (`tlgen::merge::Merged::failure`).
    pub fn load(&self) -> anyhow::Result<tlgen::merge::Merged> {
        let merged = tlgen::merge::build(&self.docs, &self.schemas)?;
        if let Some(failure) = merged.failure(false, 20) {
            anyhow::bail!("the docs and schemas do not make a usable API:\n{failure}");
        }
        Ok(merged)
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
