//! `tlgen stats`: counts, and the diagnostics that need attention.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

use clap::Args;
use tlgen::config::Loaded;
use tlgen::ir::{Diagnostic, Severity};

use super::InputArgs;

/// Arguments of `tlgen stats`.
#[derive(Debug, Args)]
#[command(after_help = super::after_help(
    "tlgen stats --docs docs/v223 --schema TL_telegram_v223.tl --schema TL_secret.tl"
))]
pub struct StatsArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Also list the notes: differences between docs and schema that
    /// MadelineProto's documented conventions explain (a hidden `flags` field,
    /// a `parse_mode` row, ...). By default only their count is shown.
    #[arg(long)]
    notes: bool,
    /// Exit with status 2 when there is any warning.
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let loaded = args.input.config(args.deny_warnings).load()?;
    super::write_stdout(report(&loaded, args.notes).as_bytes())?;
    // Every diagnostic is listed above: the error only says why it failed.
    if let Err(err) = loaded.check() {
        anyhow::bail!(err.summary());
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether a diagnostic is listed without `--notes`: anything above a note
/// (notes are MadelineProto's documented conventions).
fn needs_attention(d: &Diagnostic) -> bool {
    d.severity > Severity::Note
}

/// `1 warning`, `2 warnings`.
fn counted(n: usize, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

/// Counts, diagnostics by severity and kind, every diagnostic that needs
/// attention, and the notes when `notes` is set (else a line saying how to
/// see them).
fn report(merged: &Loaded, notes: bool) -> String {
    let api = &merged.api;
    let mut out = String::new();
    let count = |with_page: usize, with_id: usize, total: usize| {
        format!("{total} ({with_page} with a page, {with_id} with an ID)")
    };
    let _ = writeln!(
        out,
        "methods: {}",
        count(
            api.methods.iter().filter(|m| m.source.is_some()).count(),
            api.methods.iter().filter(|m| m.id.is_some()).count(),
            api.methods.len()
        )
    );
    let _ = writeln!(
        out,
        "constructors: {}",
        count(
            api.constructors
                .iter()
                .filter(|c| c.source.is_some())
                .count(),
            api.constructors.iter().filter(|c| c.id.is_some()).count(),
            api.constructors.len()
        )
    );
    let _ = writeln!(out, "types: {}", api.types.len());
    let params: usize = api.methods.iter().map(|m| m.params.len()).sum::<usize>()
        + api
            .constructors
            .iter()
            .map(|c| c.params.len())
            .sum::<usize>();
    let _ = writeln!(out, "params: {params}");
    let errors: usize = api.methods.iter().map(|m| m.errors.len()).sum();
    let tables = api.methods.iter().filter(|m| !m.errors.is_empty()).count();
    let _ = writeln!(
        out,
        "errors: {} in {}",
        counted(errors, "row"),
        counted(tables, "method")
    );

    let mut by_kind = BTreeMap::new();
    for d in &merged.diagnostics {
        *by_kind.entry((d.severity, d.kind)).or_insert(0usize) += 1;
    }
    let of = |severity: Severity| {
        merged
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let (error_count, warning_count, note_count) = (
        of(Severity::Error),
        of(Severity::Warning),
        of(Severity::Note),
    );
    let errors = match error_count {
        0 => String::new(),
        n => format!("{}, ", counted(n, "error")),
    };
    let _ = writeln!(
        out,
        "diagnostics: {} ({errors}{}, {})",
        merged.diagnostics.len(),
        counted(warning_count, "warning"),
        counted(note_count, "note")
    );
    for ((severity, kind), n) in &by_kind {
        let _ = writeln!(out, "  {severity:?} {kind:?}: {n}");
    }
    for d in merged
        .diagnostics
        .iter()
        .filter(|d| notes || needs_attention(d))
    {
        let _ = writeln!(out, "{d}");
    }
    if !notes && note_count > 0 {
        let _ = writeln!(
            out,
            "{} on MadelineProto's documented conventions not listed; --notes lists them",
            counted(note_count, "note")
        );
    }
    out
}
