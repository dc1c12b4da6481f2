//! `tlgen ir`: the IR as JSON on stdout.

use std::io::Write;
use std::process::ExitCode;

use super::InputArgs;

pub fn run(args: &InputArgs) -> anyhow::Result<ExitCode> {
    let merged = args.load()?;
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, &merged.api)?;
    writeln!(stdout)?;
    Ok(ExitCode::SUCCESS)
}
