//! `tlgen decode`.

use std::process::ExitCode;

use clap::Args;

/// Arguments of `tlgen decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    #[command(flatten)]
    input: super::InputArgs,
}

pub fn run(args: &DecodeArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("tlgen decode is not implemented yet")
}
