//! `tlgen decode`: wire bytes as hex (one value per line) -> JSON (one per line).

use std::process::ExitCode;

use clap::Args;
use tlgen::tools::{self, ApiIndex};

/// Arguments of `tlgen decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    #[command(flatten)]
    source: super::encode::ApiSource,
    /// Decode this one value (wire bytes as hex, e.g. `b5757299`) instead of
    /// reading lines from stdin.
    #[arg(long, value_name = "VALUE")]
    hex: Option<String>,
}

pub fn run(args: &DecodeArgs) -> anyhow::Result<ExitCode> {
    let api = args.source.api()?;
    let index = ApiIndex::new(&api);
    super::encode::convert_lines(args.hex.as_deref(), |line| tools::decode_line(&index, line))
}
