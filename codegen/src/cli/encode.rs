//! `tlgen encode`.

use std::process::ExitCode;

use clap::Args;

/// Arguments of `tlgen encode`.
#[derive(Debug, Args)]
pub struct EncodeArgs {
    #[command(flatten)]
    input: super::InputArgs,
}

pub fn run(args: &EncodeArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("tlgen encode is not implemented yet")
}
