//! `tlgen decode`: hex wire bytes (one value per line) -> JSON (one per line).

use std::process::ExitCode;

use clap::Args;
use tlgen::tools;

/// Arguments of `tlgen decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    #[command(flatten)]
    source: super::encode::ApiSource,
    /// Decode this one hex value instead of reading lines from stdin.
    #[arg(long, value_name = "VALUE")]
    hex: Option<String>,
}

pub fn run(args: &DecodeArgs) -> anyhow::Result<ExitCode> {
    let index = args.source.index()?;
    super::encode::convert_lines(args.hex.as_deref(), |line| tools::decode_line(&index, line))
}
