//! Disagreements between the docs and the schema, each tied to a file and line.

use std::fmt;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Severity {
    /// An expected, documented difference between docs and schema (one of
    /// the conventions in docs/FORMATS-NOTES.md), e.g. a hidden `flags` field or a `parse_mode` row.
    Note,
    /// A disagreement nobody explained: worth a look before trusting the output.
    Warning,
    /// The output would be wrong or gutted (a schema or docs tree that covers
    /// only a fraction of the other, a type nothing can stand for): fatal.
    Error,
}

impl Severity {
    /// A note when a documented convention explains the difference, else a warning.
    pub fn explained(explained: bool) -> Self {
        if explained {
            Severity::Note
        } else {
            Severity::Warning
        }
    }
}

/// What kind of disagreement a diagnostic reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum DiagnosticKind {
    /// A schema entry has no page.
    MissingPage,
    /// A page names an entry the schema lacks.
    MissingSchemaEntry,
    /// A wire param the docs do not show (`flags`, `random_id`, ...).
    HiddenParam,
    /// A docs row with no wire param (`parse_mode`, ...).
    DocsOnlyParam,
    /// The docs' Type column maps to another TL type than the schema's.
    TypeMismatch,
    /// The docs' Type column shows an alias MadelineProto resolves
    /// (`Username, chat ID, ... or InputPeer`, `long|string` for `hash`, ...).
    TypeAlias,
    /// Docs and schema list params in different orders.
    ParamOrder,
    /// The return type or constructor type on the page differs from the schema.
    ResultMismatch,
    /// A type page's constructor list differs from the schema.
    ConstructorListMismatch,
    /// A declared constructor ID differs from the CRC32 of its definition.
    IdMismatch,
    /// The same name is defined twice in the schema files.
    DuplicateDefinition,
    /// A page that could be read only partly (odd layout, missing heading).
    IrregularPage,
    /// Text true only of MadelineProto's PHP client (PHP shorthands, "You
    /// cannot use this method directly"), left out of the description.
    ClientSpecificText,
    /// Error tables taken from another (older) docs tree.
    ImportedErrors,
    /// A page that could not be read at all (empty, malformed, not UTF-8):
    /// skipped, the rest of the tree is still used.
    UnreadablePage,
    /// Two pages document the same method, constructor or type.
    DuplicatePage,
    /// A type that params or results reference but no constructor defines
    /// (often a misspelt result type).
    UndefinedType,
    /// Docs and schema cover only a fraction of each other (a truncated
    /// schema, the wrong docs tree): the output would be a gutted API.
    Coverage,
    /// API schemas, or the docs and the schema, of different layers.
    LayerMismatch,
}

/// One reported disagreement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Diagnostic {
    /// How much it matters.
    pub severity: Severity,
    /// What kind it is.
    pub kind: DiagnosticKind,
    /// The file it was found in (page or schema path as given).
    pub file: String,
    /// The 1-based line, when known.
    pub line: Option<u32>,
    /// What was found and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// Whether this diagnostic fails a run: errors always, warnings when
    /// `deny_warnings` is set, notes never.
    pub fn is_fatal(&self, deny_warnings: bool) -> bool {
        match self.severity {
            Severity::Error => true,
            Severity::Warning => deny_warnings,
            Severity::Note => false,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.severity;
        match self.line {
            Some(line) => write!(f, "{severity}: {}:{line}: {}", self.file, self.message),
            None => write!(f, "{severity}: {}: {}", self.file, self.message),
        }
    }
}
