//! The one text every front end shows for the diagnostics of a run:
//! [`super::Config::generate`] (as `cargo:warning=` lines), the CLI (on
//! stderr) and tlgen-api's build script (through `Config`). Only the name of
//! the switch that denies warnings and the command that lists them all
//! differ, and both come from [`Policy`].

use std::fmt::Write as _;

use crate::ir::{Diagnostic, Severity};

/// How many diagnostics a report quotes before pointing to `tlgen stats`.
pub const SHOWN_DIAGNOSTICS: usize = 10;

/// What decides which diagnostics fail a run, and what the report names.
#[derive(Debug, Clone)]
pub(crate) struct Policy {
    /// Whether warnings fail the run like errors do.
    pub deny_warnings: bool,
    /// The switch that makes warnings errors, as its user writes it
    /// (`Config::deny_warnings(true)`, `--deny-warnings`).
    pub deny_switch: String,
    /// The `tlgen stats` command that lists every diagnostic of the input.
    pub stats_command: String,
}

/// Whether a diagnostic needs the user's attention: anything above a note
/// (notes are MadelineProto's documented conventions).
pub(crate) fn needs_attention(d: &Diagnostic) -> bool {
    d.severity > Severity::Note
}

/// `1 warning`, `2 warnings`.
pub(crate) fn count(n: usize, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

/// What a failed run says first: how many diagnostics failed it, and why.
pub(crate) fn failure_summary(fatal: &[Diagnostic], policy: &Policy) -> String {
    let errors = fatal
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = fatal.len() - errors;
    let switch = &policy.deny_switch;
    match (errors, warnings) {
        (_, 0) => format!("{} in the docs and schemas", count(errors, "error")),
        (0, _) => format!("{}, denied by `{switch}`", count(warnings, "warning")),
        _ => format!(
            "{} and {} (denied by `{switch}`) in the docs and schemas",
            count(errors, "error"),
            count(warnings, "warning")
        ),
    }
}

/// Why a run failed: [`failure_summary`], then the fatal diagnostics and
/// after them the other warnings (they often explain the errors: a tree
/// whose pages were all skipped has no method page), at most
/// [`SHOWN_DIAGNOSTICS`] in all, and where to see the rest.
pub(crate) fn failure(fatal: &[Diagnostic], all: &[Diagnostic], policy: &Policy) -> String {
    let others = all
        .iter()
        .filter(|d| needs_attention(d) && !d.is_fatal(policy.deny_warnings));
    let listed: Vec<&Diagnostic> = fatal.iter().chain(others).collect();
    let mut out = failure_summary(fatal, policy);
    out.push(':');
    for d in listed.iter().take(SHOWN_DIAGNOSTICS) {
        let _ = write!(out, "\n  {}", one_line(d));
    }
    if listed.len() > SHOWN_DIAGNOSTICS {
        let _ = write!(
            out,
            "\n  ... and {} more; all of them: `{}`",
            listed.len() - SHOWN_DIAGNOSTICS,
            policy.stats_command
        );
    }
    out
}

/// What a run that did not fail says about its warnings: their count, the
/// first [`SHOWN_DIAGNOSTICS`], the command that lists them all and the
/// switch that makes them errors. Empty when there are none.
pub(crate) fn warnings(all: &[Diagnostic], policy: &Policy) -> Vec<String> {
    let mut warnings: Vec<&Diagnostic> = all.iter().filter(|d| needs_attention(d)).collect();
    // Mixed layers (allowed) first: they explain the disagreements after
    // them, and must not be cut off the list shown.
    warnings.sort_by_key(|d| d.kind != crate::ir::DiagnosticKind::LayerMismatch);
    if warnings.is_empty() {
        return Vec::new();
    }
    let total = count(warnings.len(), "warning");
    let mut lines = vec![if warnings.len() > SHOWN_DIAGNOSTICS {
        format!("{total} in the docs and schemas; the first {SHOWN_DIAGNOSTICS}:")
    } else {
        format!("{total} in the docs and schemas:")
    }];
    lines.extend(
        warnings
            .iter()
            .take(SHOWN_DIAGNOSTICS)
            .map(|d| format!("  {}", one_line(d))),
    );
    let all_of_them = if warnings.len() > SHOWN_DIAGNOSTICS {
        format!("all of them: `{}`; ", policy.stats_command)
    } else {
        String::new()
    };
    lines.push(format!(
        "{all_of_them}`{}` makes warnings errors",
        policy.deny_switch
    ));
    lines
}

/// The notes that say a schema file is generated without docs (no page
/// documents any of its entries), one line each.
pub(crate) fn undocumented(all: &[Diagnostic]) -> Vec<String> {
    all.iter()
        .filter(|d| {
            d.kind == crate::ir::DiagnosticKind::MissingPage
                && d.severity == Severity::Note
                && d.line.is_none()
        })
        .map(one_line)
        .collect()
}

/// A diagnostic on one line (a message may hold line breaks; a cargo
/// directive ends at the first).
fn one_line(d: &Diagnostic) -> String {
    d.to_string().replace(['\n', '\r'], " ")
}

/// `path` as a shell word: as it is when it holds only characters no shell
/// treats specially, else in single quotes.
pub(crate) fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:,=@%".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::DiagnosticKind;

    fn diagnostic(severity: Severity, line: u32) -> Diagnostic {
        Diagnostic {
            severity,
            kind: DiagnosticKind::MissingPage,
            file: "s.tl".into(),
            line: Some(line),
            message: format!("finding\non line {line}"),
        }
    }

    fn policy(deny_warnings: bool) -> Policy {
        Policy {
            deny_warnings,
            deny_switch: "--deny-warnings".into(),
            stats_command: "tlgen stats --docs d --schema s.tl".into(),
        }
    }

    #[test]
    fn warnings_show_the_count_the_first_few_and_where_to_see_all() {
        let mut all: Vec<Diagnostic> = (1..=12).map(|l| diagnostic(Severity::Warning, l)).collect();
        all.push(diagnostic(Severity::Note, 13));
        let lines = warnings(&all, &policy(false));
        let mut expected = vec!["12 warnings in the docs and schemas; the first 10:".to_string()];
        for l in 1..=10 {
            expected.push(format!("  warning: s.tl:{l}: finding on line {l}"));
        }
        expected.push(
            "all of them: `tlgen stats --docs d --schema s.tl`; `--deny-warnings` makes \
             warnings errors"
                .to_string(),
        );
        assert_eq!(lines, expected);

        let few = warnings(&all[..1], &policy(false));
        assert_eq!(
            few,
            [
                "1 warning in the docs and schemas:",
                "  warning: s.tl:1: finding on line 1",
                "`--deny-warnings` makes warnings errors",
            ]
        );
        assert!(
            warnings(&all[12..], &policy(false)).is_empty(),
            "notes are not shown"
        );
    }

    #[test]
    fn a_failure_lists_what_failed_it_first_then_the_other_warnings() {
        let mut all: Vec<Diagnostic> = (1..=11).map(|l| diagnostic(Severity::Warning, l)).collect();
        all.push(diagnostic(Severity::Error, 20));
        let fatal: Vec<Diagnostic> = all.iter().filter(|d| d.is_fatal(false)).cloned().collect();
        let text = failure(&fatal, &all, &policy(false));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "1 error in the docs and schemas:");
        assert_eq!(lines[1], "  error: s.tl:20: finding on line 20");
        assert_eq!(lines[2], "  warning: s.tl:1: finding on line 1");
        assert_eq!(
            lines[11],
            "  ... and 2 more; all of them: `tlgen stats --docs d --schema s.tl`"
        );
        assert_eq!(lines.len(), 12);

        let denied: Vec<Diagnostic> = all[..2].to_vec();
        assert_eq!(
            failure_summary(&denied, &policy(true)),
            "2 warnings, denied by `--deny-warnings`"
        );
        assert_eq!(
            failure_summary(&all, &policy(true)),
            "1 error and 11 warnings (denied by `--deny-warnings`) in the docs and schemas"
        );
    }

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("/a/b_c-1.tl"), "/a/b_c-1.tl");
        assert_eq!(shell_word("/my docs/v223"), "'/my docs/v223'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }
}
