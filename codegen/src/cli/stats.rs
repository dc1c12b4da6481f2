//! `tlgen stats`: counts and every diagnostic.

use std::process::ExitCode;

use super::InputArgs;

pub fn run(args: &InputArgs) -> anyhow::Result<ExitCode> {
    let merged = args.load()?;
    super::write_stdout(tlgen::stats::render(&merged).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
