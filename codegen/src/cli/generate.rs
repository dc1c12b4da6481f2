//! `tlgen generate`.

use std::process::ExitCode;

use clap::Args;

/// Arguments of `tlgen generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    input: super::InputArgs,
}

pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("tlgen generate is not implemented yet")
}
