//! `tlgen diff`.

use std::process::ExitCode;

use clap::Args;

/// Arguments of `tlgen diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {}

pub fn run(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("tlgen diff is not implemented yet")
}
