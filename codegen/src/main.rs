//! `tlgen`: the command-line front end. A thin layer over the library: every
//! command parses its arguments, calls one engine function and does the I/O.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            cli::say(&format!("error: {err:#}"));
            ExitCode::from(2)
        }
    }
}
