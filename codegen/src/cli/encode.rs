//! `tlgen encode`: JSON values (one per line) -> hex wire bytes (one per line).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use tlgen::tools::{self, ApiIndex, ToolError};

/// Where `encode`/`decode` get the IR from: a docs tree (+ schemas), or an
/// IR JSON file written by `tlgen ir`.
#[derive(Debug, Args)]
pub struct ApiSource {
    /// The docs root (holding `methods/`, `constructors/`, `types/`); the
    /// schemas alone do without it.
    #[arg(long, value_name = "DIR", required_unless_present_any = ["ir", "schemas"])]
    docs: Option<PathBuf>,
    /// A TL schema file, or a directory standing for every `*.tl` file in
    /// it (the API's, MTProto's `TL_mtproto_v1.tl`, the secret chats'
    /// `TL_secret.tl`); repeat the flag for each. Without one there are no
    /// constructor IDs, so no value can be converted.
    #[arg(long = "schema", value_name = "FILE|DIR")]
    schemas: Vec<PathBuf>,
    /// Build from API schemas, or docs and a schema, of different layers.
    #[arg(long = "mixed-layers")]
    mixed_layers: bool,
    /// Read the IR from this JSON file (the output of `tlgen ir`) instead.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["docs", "schemas"])]
    ir: Option<PathBuf>,
    /// Exit with status 2, converting nothing, when the docs and schemas
    /// give any warning.
    #[arg(long)]
    deny_warnings: bool,
}

impl ApiSource {
    /// Builds the IR (index it with `ApiIndex::new`).
    pub fn api(&self) -> anyhow::Result<tlgen::ir::Api> {
        let api = match (&self.ir, &self.docs) {
            (Some(path), _) => {
                let text = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
                serde_json::from_slice(&text)
                    .with_context(|| format!("{}: not an IR JSON file", path.display()))?
            }
            (None, docs) if docs.is_some() || !self.schemas.is_empty() => {
                let input = super::InputArgs {
                    docs: docs.clone(),
                    schemas: self.schemas.clone(),
                    errors_from: Vec::new(),
                    mixed_layers: self.mixed_layers,
                };
                super::load_checked(&input.config(self.deny_warnings), false)?.api
            }
            (None, _) => anyhow::bail!("pass --docs DIR [--schema FILE...] or --ir FILE"),
        };
        Ok(api)
    }
}

/// Arguments of `tlgen encode`.
#[derive(Debug, Args)]
#[command(after_help = super::after_help(
    "echo '{\"_\":\"help.getConfig\"}' | tlgen encode --schema schemas/\n(a --schema directory stands for every *.tl file in it)"
))]
pub struct EncodeArgs {
    #[command(flatten)]
    source: ApiSource,
    /// Encode this one JSON value instead of reading lines from stdin.
    #[arg(long, value_name = "VALUE", conflicts_with = "input")]
    json: Option<String>,
    /// Read the JSON lines from this file instead of stdin.
    #[arg(long, value_name = "FILE")]
    input: Option<PathBuf>,
}

pub fn run(args: &EncodeArgs) -> anyhow::Result<ExitCode> {
    // The input first: a file that is not there fails before the docs are read.
    let input = Input::new(args.json.as_deref(), args.input.as_deref())?;
    let api = args.source.api()?;
    let index = ApiIndex::new(&api);
    convert_lines(input, "", |line| tools::encode_line(&index, line))
}

/// What `encode` and `decode` convert: one value given on the command
/// line, or the lines of a file or of stdin.
pub enum Input<'a> {
    /// The one value of `--json` / `--hex`.
    Single(&'a str),
    /// Lines read from a file or stdin.
    Lines(Box<dyn BufRead + 'a>),
}

impl<'a> Input<'a> {
    /// `single` when given, else the lines of `path`, else of stdin.
    pub fn new(single: Option<&'a str>, path: Option<&Path>) -> anyhow::Result<Input<'a>> {
        Ok(match (single, path) {
            (Some(value), _) => Input::Single(value),
            (None, Some(path)) => Input::Lines(Box::new(std::io::BufReader::new(
                std::fs::File::open(path).with_context(|| path.display().to_string())?,
            ))),
            (None, None) => Input::Lines(Box::new(std::io::stdin().lock())),
        })
    }
}

/// Converts the input, writing one output line per input line (`error:
/// ...` for failures, including lines that are not UTF-8, whose message
/// ends in `not_utf8_hint`). Exit status 2 when any line failed: the run
/// did not do all it was asked.
pub fn convert_lines(
    input: Input<'_>,
    not_utf8_hint: &str,
    convert: impl Fn(&str) -> Result<String, ToolError>,
) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut emit = |line: Result<&str, std::str::Utf8Error>| -> std::io::Result<()> {
        let result = line
            .map_err(|err| {
                ToolError::Invalid(format!("the line is not UTF-8 ({err}){not_utf8_hint}"))
            })
            .and_then(&convert);
        match result {
            Ok(text) => writeln!(out, "{text}"),
            Err(err) => {
                failed = true;
                writeln!(out, "error: {err}")
            }
        }
    };
    let result = match input {
        Input::Single(value) => emit(Ok(value)),
        Input::Lines(mut reader) => {
            let mut line = Vec::new();
            loop {
                line.clear();
                if reader
                    .read_until(b'\n', &mut line)
                    .context("reading the input")?
                    == 0
                {
                    break Ok(());
                }
                if line.last() == Some(&b'\n') {
                    line.pop();
                }
                if let Err(err) = emit(std::str::from_utf8(&line)) {
                    break Err(err);
                }
            }
        }
    };
    let result = result.and_then(|()| out.flush());
    match result {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("writing stdout")?,
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
