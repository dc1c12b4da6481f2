//! The `tlgen` command line as a user runs it: arguments, a working
//! directory, text on stdin, and what it printed.
//!
//! The binary is the one cargo built for the calling integration test
//! (`CARGO_BIN_EXE_tlgen`, known only there): [`tlgen!`](crate::tlgen)
//! names it.

use std::ffi::OsStr;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `tlgen` with no arguments yet, from the calling integration test's
/// `CARGO_BIN_EXE_tlgen`.
#[macro_export]
macro_rules! tlgen {
    () => {
        $crate::cli::Run::new(env!("CARGO_BIN_EXE_tlgen"))
    };
}

/// One run of a binary, built up and then waited for with [`Run::output`].
#[derive(Debug)]
pub struct Run {
    command: Command,
    stdin: Option<Vec<u8>>,
}

impl Run {
    /// A run of the binary at `exe`.
    pub fn new(exe: impl AsRef<OsStr>) -> Run {
        Run {
            command: Command::new(exe),
            stdin: None,
        }
    }

    /// Adds one argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Run {
        self.command.arg(arg);
        self
    }

    /// Adds arguments.
    pub fn args<I, S>(mut self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    /// Runs in `dir` (relative paths in arguments and messages are from it).
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Run {
        self.command.current_dir(dir);
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Run {
        self.command.env(key, value);
        self
    }

    /// Feeds `text` on stdin (otherwise stdin is empty).
    pub fn stdin(mut self, text: impl AsRef<[u8]>) -> Run {
        self.stdin = Some(text.as_ref().to_vec());
        self
    }

    /// Runs to the end and returns the exit status and what it printed.
    pub fn output(mut self) -> Output {
        let Some(input) = self.stdin else {
            return self.command.output().expect("the binary runs");
        };
        let mut child = self
            .command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(&input)
            .expect("write stdin");
        child.wait_with_output().expect("the binary finishes")
    }
}

/// What a run printed on stdout, which must be UTF-8.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 on stdout")
}

/// What a run printed on stderr (lossy: a test reads messages, not bytes).
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `stdout` of a run that must have succeeded; its stderr otherwise.
pub fn success(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status,
        stderr(output)
    );
    stdout(output)
}

/// `stderr` of a run that must have failed with status 2 (the run went
/// wrong); its stderr in the message otherwise.
#[track_caller]
pub fn failure(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(2), "{}", stderr(output));
    stderr(output)
}

/// `command --docs <sample> --schema <sample.tl> --schema <sample_secret.tl>`
/// with absolute paths: a command over the whole sample.
pub fn sample_args(command: &str) -> Vec<String> {
    let mut args = vec![
        command.to_owned(),
        "--docs".to_owned(),
        crate::sample_docs().display().to_string(),
    ];
    for schema in crate::sample_schemas() {
        args.push("--schema".to_owned());
        args.push(schema.display().to_string());
    }
    args
}

/// The sample as a test copies it into `docs/` of the working directory
/// (`tree::copy_tree`), relative paths in the messages: `--docs` and both
/// `--schema`s.
pub const COPIED_SAMPLE_ARGS: [&str; 6] = [
    "--docs",
    "docs",
    "--schema",
    "docs/schemas/sample.tl",
    "--schema",
    "docs/schemas/sample_secret.tl",
];

/// `--schema <path>` for each of `schemas`.
pub fn schema_args(schemas: &[PathBuf]) -> Vec<String> {
    schemas
        .iter()
        .flat_map(|s| ["--schema".to_owned(), s.display().to_string()])
        .collect()
}
