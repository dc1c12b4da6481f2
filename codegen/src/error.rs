//! Errors that stop a run: unreadable input or a line that cannot be parsed.
//!
//! The error types of this crate implement `Display` and `Error` by hand
//! rather than with a derive macro: a build script that depends on tlgen then
//! compiles no proc-macro crate (syn) before it can start generating.

use std::fmt;
use std::path::PathBuf;

/// A fatal error, always naming the file (and the line, when there is one).
#[derive(Debug)]
pub enum Error {
    /// A file or directory could not be read or written.
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error (shown in the message, so not a `source()`).
        error: std::io::Error,
    },
    /// A line of a page or schema that does not have the expected shape.
    Parse {
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: u32,
        /// What was found and what was expected.
        message: String,
    },
    /// Input that is wrong as a whole (e.g. a docs directory without `methods/`).
    Input {
        /// The file or directory.
        path: PathBuf,
        /// What was expected.
        message: String,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error,
        }
    }

    /// A parse error at `path:line`.
    pub fn parse(path: impl Into<PathBuf>, line: u32, message: impl Into<String>) -> Self {
        Error::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, error } => write!(f, "{}: {error}", path.display()),
            Error::Parse {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
            Error::Input { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
