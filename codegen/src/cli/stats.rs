//! `tlgen stats`: counts and every diagnostic.

use std::process::ExitCode;

use super::InputArgs;

pub fn run(args: &InputArgs) -> anyhow::Result<ExitCode> {
    let merged = args.load()?;
    print!("{}", merged.report());
    Ok(ExitCode::SUCCESS)
}
