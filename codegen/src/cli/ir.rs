//! `tlgen ir`: the IR as JSON on stdout, what needs attention on stderr.

use std::process::ExitCode;

use clap::Args;

use super::InputArgs;

/// Arguments of `tlgen ir`.
#[derive(Debug, Args)]
#[command(after_help = super::after_help(
    "tlgen ir --docs docs/v223 --schema TL_telegram_v223.tl > api.json"
))]
pub struct IrArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Exit with status 2, printing no IR, when there is any warning (a page
    /// skipped as unreadable, a disagreement between docs and schema).
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(args: &IrArgs) -> anyhow::Result<ExitCode> {
    // Printed as `generate` prints them: a skipped page is never dropped silently.
    let loaded = super::load_checked(&args.input.config(args.deny_warnings), false)?;
    let mut json = serde_json::to_vec_pretty(&loaded.api)?;
    json.push(b'\n');
    super::write_stdout(&json)?;
    Ok(ExitCode::SUCCESS)
}
