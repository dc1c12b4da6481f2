//! Argument definitions and dispatch; each subcommand lives in its own module.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use tlgen::config::{Config, Loaded};

mod decode;
mod diff;
mod encode;
mod generate;
mod ir;
mod stats;

/// The exit statuses, shown under every `--help`.
const EXIT_STATUS: &str = "\
Exit status:
  0  success
  1  the answer is no: `generate --check` found the tree stale, `diff --fail-on` found such a change
  2  the run failed: bad input or arguments, an I/O error, a refused --out, a line encode/decode
     could not convert, or warnings with --deny-warnings";

/// What every `--help` ends with: an example (its lines after the first
/// indented by the caller), then the exit statuses.
fn after_help(example: &str) -> String {
    format!("Example:\n  {example}\n\n{EXIT_STATUS}")
}

/// Typed Rust bindings for the Telegram MTProto API from MadelineProto's docs.
#[derive(Debug, Parser)]
#[command(
    name = "tlgen",
    version,
    about,
    after_help = after_help("tlgen generate --docs docs/v223 --schema TL_telegram_v223.tl --out src/tl")
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the IR of a docs tree (+ schemas) as JSON on stdout.
    Ir(ir::IrArgs),
    /// Print counts and the warnings (disagreements between docs and schema).
    Stats(stats::StatsArgs),
    /// Write the Rust bindings as a module tree, or check one with --check.
    Generate(generate::GenerateArgs),
    /// Read JSON values (one per line) and write their wire bytes as hex.
    Encode(encode::EncodeArgs),
    /// Read wire bytes as hex (one value per line), or one value's raw bytes, and write them as JSON.
    Decode(decode::DecodeArgs),
    /// Compare two versions of the docs and schemas.
    Diff(diff::DiffArgs),
}

/// Where the docs and schemas are.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// The docs root (holding `methods/`, `constructors/`, `types/`).
    /// Without it, the schemas alone give every item its exact wire shape,
    /// without docs (the MTProto service schema has none).
    #[arg(long, value_name = "DIR", required_unless_present = "schemas")]
    pub docs: Option<PathBuf>,
    /// A TL schema file the docs were generated from, or a directory
    /// standing for every `*.tl` file in it; repeat the flag for each
    /// (`--schema a.tl --schema b.tl`). It gives the wire truth (constructor
    /// IDs, flag bits): without one `ir` and `stats` read the docs alone
    /// (every ID null) and `generate` refuses.
    #[arg(long = "schema", value_name = "FILE|DIR")]
    pub schemas: Vec<PathBuf>,
    /// An error source: an older, old-format docs tree (layer 65's) with
    /// `### Errors` tables, or Telethon's data (a directory holding
    /// methods.csv and errors.csv, or those files). Current-layer pages carry
    /// no error tables. Repeatable: newer sources take precedence; each adds
    /// a note.
    #[arg(long = "errors-from", value_name = "PATH")]
    pub errors_from: Vec<PathBuf>,
    /// Build from API schemas, or docs and a schema, of different layers
    /// (their `// LAYER` lines, the docs' title): an error naming both
    /// without this flag, a warning with it.
    #[arg(long = "mixed-layers")]
    pub mixed_layers: bool,
}

impl InputArgs {
    /// The library's pipeline for this input ([`Config`]), reporting in the
    /// command line's terms: warnings fail the run with `--deny-warnings`.
    pub fn config(&self, deny_warnings: bool) -> Config {
        let mut config = Config::new();
        if let Some(docs) = &self.docs {
            config.docs(docs);
        }
        config
            .schemas(&self.schemas)
            .mixed_layers(self.mixed_layers)
            .cargo_directives(false)
            .deny_warnings(deny_warnings)
            .deny_warnings_switch("--deny-warnings");
        for dir in &self.errors_from {
            config.error_docs(dir);
        }
        config
    }
}

/// [`Config::load`] and [`Loaded::check`], with the warnings of a run that
/// passes printed to stderr: what every command that reads docs does before
/// its own work. `generating` adds, first, the one line per schema file
/// that no page documents: what is generated without docs.
pub fn load_checked(config: &Config, generating: bool) -> anyhow::Result<Loaded> {
    let loaded = config.load()?;
    loaded.check()?;
    let undocumented = if generating {
        loaded.undocumented()
    } else {
        Vec::new()
    };
    for line in undocumented.iter().chain(&loaded.warnings()) {
        say(line);
    }
    Ok(loaded)
}

/// Writes `line` and a line break to stderr. A reader that went away
/// (`2>&1 | head -1`) is no reason to stop: the run goes on to its end, so
/// that its output and exit status are what they would have been.
pub fn say(line: &str) {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
}

/// Writes `bytes` to stdout; a reader that went away (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ir(args) => ir::run(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Encode(args) => encode::run(&args),
        Command::Decode(args) => decode::run(&args),
        Command::Diff(args) => diff::run(&args),
    }
}
