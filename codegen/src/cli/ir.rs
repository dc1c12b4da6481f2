//! `tlgen ir`: the IR as JSON on stdout.

use std::process::ExitCode;

use super::InputArgs;

pub fn run(args: &InputArgs) -> anyhow::Result<ExitCode> {
    let merged = args.load()?;
    let mut json = serde_json::to_vec_pretty(&merged.api)?;
    json.push(b'\n');
    super::write_stdout(&json)?;
    Ok(ExitCode::SUCCESS)
}
