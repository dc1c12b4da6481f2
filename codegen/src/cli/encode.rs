//! `tlgen encode`: JSON values (one per line) -> hex wire bytes (one per line).

use std::io::{BufRead, Write};
use std::path::PathBuf;
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
    /// A TL schema file the docs were generated from, or a directory of
    /// them; repeat the flag for each. Without one there are no constructor
    /// IDs, so no value can be converted.
    #[arg(long = "schema", value_name = "FILE|DIR")]
    schemas: Vec<PathBuf>,
    /// Build from API schemas, or docs and a schema, of different layers.
    #[arg(long = "mixed-layers")]
    mixed_layers: bool,
    /// Read the IR from this JSON file (the output of `tlgen ir`) instead.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["docs", "schemas"])]
    ir: Option<PathBuf>,
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
                input.load()?.api
            }
            (None, _) => anyhow::bail!("pass --docs DIR [--schema FILE...] or --ir FILE"),
        };
        Ok(api)
    }
}

/// Arguments of `tlgen encode`.
#[derive(Debug, Args)]
pub struct EncodeArgs {
    #[command(flatten)]
    source: ApiSource,
    /// Encode this one JSON value instead of reading lines from stdin.
    #[arg(long, value_name = "VALUE")]
    json: Option<String>,
}

pub fn run(args: &EncodeArgs) -> anyhow::Result<ExitCode> {
    let api = args.source.api()?;
    let index = ApiIndex::new(&api);
    convert_lines(args.json.as_deref(), |line| {
        tools::encode_line(&index, line)
    })
}

/// Converts `single`, or every stdin line, writing one output line per input
/// line (`error: ...` for failures, including lines that are not UTF-8).
/// Exit status 2 when any line failed: the run did not do all it was asked.
pub fn convert_lines(
    single: Option<&str>,
    convert: impl Fn(&str) -> Result<String, ToolError>,
) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut emit = |line: Result<&str, std::str::Utf8Error>| -> std::io::Result<()> {
        let result = line
            .map_err(|err| ToolError::Invalid(format!("the line is not UTF-8 ({err})")))
            .and_then(&convert);
        match result {
            Ok(text) => writeln!(out, "{text}"),
            Err(err) => {
                failed = true;
                writeln!(out, "error: {err}")
            }
        }
    };
    let result = match single {
        Some(value) => emit(Ok(value)),
        None => {
            let mut stdin = std::io::stdin().lock();
            let mut line = Vec::new();
            loop {
                line.clear();
                if stdin
                    .read_until(b'\n', &mut line)
                    .context("reading stdin")?
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
