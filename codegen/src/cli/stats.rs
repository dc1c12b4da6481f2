//! `tlgen stats`: counts and every diagnostic.

use std::process::ExitCode;

use super::InputArgs;

pub fn run(args: &InputArgs) -> anyhow::Result<ExitCode> {
    let merged = args.load()?;
    super::write_stdout(merged.report().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
