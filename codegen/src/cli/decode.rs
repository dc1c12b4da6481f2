//! `tlgen decode`: wire bytes as hex (one value per line), or the raw bytes
//! of one value (`--binary`), -> JSON (one line per value).

use std::io::Read as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use tlgen::tools::{self, ApiIndex, ToolError};

/// Arguments of `tlgen decode`.
#[derive(Debug, Args)]
#[command(after_help = super::after_help(
    "tlgen decode --schema schemas/ --hex 6b18f9c4\n  tlgen decode --schema schemas/ --binary --input message.bin\n(a --schema directory stands for every *.tl file in it)"
))]
pub struct DecodeArgs {
    #[command(flatten)]
    source: super::encode::ApiSource,
    /// Decode this one value instead of reading stdin: its wire bytes as
    /// hex, in the order they are sent (`6b18f9c4` is help.getConfig, whose
    /// ID the schema writes #c4f9186b: an ID is sent little-endian). A
    /// leading `0x` is refused: it would make the digits a number.
    #[arg(long, value_name = "HEX", conflicts_with_all = ["input", "binary"])]
    hex: Option<String>,
    /// Read this file instead of stdin: hex lines, or with --binary the raw
    /// bytes of one value.
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
    /// The input (stdin, or --input) is the raw wire bytes of one value, as
    /// sent (like `protoc --decode`), not lines of hex.
    #[arg(long)]
    binary: bool,
}

pub fn run(args: &DecodeArgs) -> anyhow::Result<ExitCode> {
    // The input first: a file that is not there fails before the docs are read.
    if !args.binary {
        let input = super::encode::Input::new(args.hex.as_deref(), args.input.as_deref())?;
        let api = args.source.api()?;
        let index = ApiIndex::new(&api);
        return super::encode::convert_lines(input, BINARY_HINT, |line| {
            tools::decode_line(&index, line).map_err(|err| match err {
                ToolError::InvalidHex(_) if looks_binary(line) => {
                    ToolError::Invalid(format!("{err}{BINARY_HINT}"))
                }
                other => other,
            })
        });
    }
    let bytes = read_all(args.input.as_deref())?;
    let api = args.source.api()?;
    let index = ApiIndex::new(&api);
    let (line, status) = match tools::decode_wire(&index, &bytes) {
        Ok(json) => (json, ExitCode::SUCCESS),
        Err(err) => (
            format!("error: {err}{}", looks_like_hex(&bytes)),
            ExitCode::from(2),
        ),
    };
    super::write_stdout(format!("{line}\n").as_bytes()).context("writing stdout")?;
    Ok(status)
}

/// What an error on a line that looks like raw bytes adds.
const BINARY_HINT: &str = "; raw wire bytes are read with --binary";

/// Whether a line holds what no hex text does: control characters other
/// than whitespace, or non-ASCII ones.
fn looks_binary(line: &str) -> bool {
    line.chars()
        .any(|c| !c.is_ascii() || (c.is_ascii_control() && !c.is_ascii_whitespace()))
}

/// All of `path`, or of stdin.
fn read_all(path: Option<&std::path::Path>) -> anyhow::Result<Vec<u8>> {
    match path {
        Some(path) => std::fs::read(path).with_context(|| path.display().to_string()),
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("reading stdin")?;
            Ok(bytes)
        }
    }
}

/// A hint for raw input that failed to decode but reads as hex text: the
/// hex form is what was meant.
fn looks_like_hex(bytes: &[u8]) -> &'static str {
    let digits = bytes.iter().filter(|b| b.is_ascii_hexdigit()).count();
    let hex_text = bytes
        .iter()
        .all(|b| b.is_ascii_hexdigit() || b.is_ascii_whitespace());
    if digits >= 8 && hex_text {
        " (the input is hex text: without --binary it is read as hex lines)"
    } else {
        ""
    }
}
