//! The error sources `--errors-from`, `Config::error_docs` and
//! `TLGEN_ERROR_DOCS` name, told apart by their shape and read into one form:
//! per method, the errors it returns and who may call it.
//!
//! A path is
//! * an old-format docs tree: a directory with `methods/`, whose pages'
//!   `### Errors` tables (and `Can bots use this method` lines) are read;
//! * Telethon's data: a directory holding `methods.csv` and `errors.csv`
//!   ([`crate::telethon`]);
//! * one of those two CSV files, told by its header line, not its name. A
//!   file given without its partner takes the partner from its own
//!   directory; two files of the same table are an error (give each set of
//!   tables as its directory instead).
//!
//! Anything else is an error saying what was expected. Each source carries
//! its layer when it says one: a docs tree in its `README.md` or `index.md`
//! title (`(layer v65)`), Telethon's tables in the `// LAYER N` line of the
//! `api.tl` Telethon keeps beside them.

use std::path::{Path, PathBuf};

use super::conventions;
use crate::error::{Error, Result};
use crate::ir::{Diagnostic, DiagnosticKind, ErrorEntry, Severity};
use crate::pages::{self, Page, PageKind};
use crate::telethon::{self, Table, Tables};

/// What kind of input a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// An old-format MadelineProto docs tree.
    DocsTree,
    /// Telethon's `methods.csv` and `errors.csv`.
    Telethon,
}

/// One error source, read.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorSource {
    /// What it is.
    pub kind: SourceKind,
    /// The path as given (for Telethon's tables given as files, the
    /// `methods.csv`): the file of its note.
    pub label: String,
    /// The layer it says it documents, if it says one.
    pub layer: Option<u32>,
    /// Every method it lists, in its order.
    pub methods: Vec<SourceMethod>,
    /// Errors it defines but lists for no method (rows of `errors.csv` no
    /// line of `methods.csv` names; always 0 for a docs tree).
    pub unlisted_errors: usize,
    /// What reading it left out: one [`DiagnosticKind::ClientSpecificText`]
    /// note per listed error of `errors.csv` whose description lost advice
    /// for Telethon's client ([`conventions::clean_telethon`]).
    pub notes: Vec<Diagnostic>,
}

/// What a source says about one method.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceMethod {
    /// The method's name as the source writes it.
    pub name: String,
    /// Where: the page (`<tree>/methods/x.md`) or `<methods.csv>:<line>`.
    pub location: String,
    /// The errors, one entry per code (the IR's form), in the source's order.
    pub errors: Vec<ErrorEntry>,
    /// Whether bots may call it, when the source says.
    pub bots: Option<bool>,
    /// Whether users may call it, when the source says.
    pub users: Option<bool>,
}

/// What one given path turned out to be.
enum Shape {
    DocsTree(PathBuf),
    TelethonDir(PathBuf),
    /// A CSV file and the table its header names.
    TelethonFile(PathBuf, Table),
}

const EXPECTED: &str = "expected an old-format docs tree (a directory with `methods/`), a \
directory holding Telethon's methods.csv and errors.csv, or one of those two files";

/// Reads every source in `paths`, in the order given (Telethon's tables
/// given as two files count as one source, where the first of them is).
pub fn open<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<ErrorSource>> {
    let shapes = paths
        .iter()
        .map(|p| shape(p.as_ref()))
        .collect::<Result<Vec<_>>>()?;
    let files: Vec<(&PathBuf, Table)> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::TelethonFile(path, table) => Some((path, *table)),
            _ => None,
        })
        .collect();
    let mut sources = Vec::with_capacity(shapes.len());
    let mut files_read = false;
    for shape in &shapes {
        match shape {
            Shape::DocsTree(dir) => sources.push(docs_tree(dir, &pages::read_docs(dir)?)),
            Shape::TelethonDir(dir) => {
                let tables = telethon::read_dir(dir)?;
                sources.push(telethon_source(&tables, dir, layer_beside(dir)));
            }
            Shape::TelethonFile(..) if !files_read => {
                files_read = true;
                let (methods, errors) = pair(&files)?;
                let tables = telethon::read_tables(&methods, &errors)?;
                let layer = methods.parent().and_then(layer_beside);
                sources.push(telethon_source(&tables, &methods, layer));
            }
            Shape::TelethonFile(..) => {}
        }
    }
    Ok(sources)
}

/// Tells what `path` is (a file by its header line).
fn shape(path: &Path) -> Result<Shape> {
    let meta = std::fs::metadata(path).map_err(|e| Error::Input {
        path: path.to_path_buf(),
        message: format!("{EXPECTED}: {e}"),
    })?;
    if meta.is_dir() {
        let docs = path.join("methods").is_dir();
        let csv = [Table::Methods, Table::Errors]
            .iter()
            .any(|t| path.join(t.file_name()).is_file());
        return match (docs, csv) {
            (true, false) => Ok(Shape::DocsTree(path.to_path_buf())),
            (false, true) => Ok(Shape::TelethonDir(path.to_path_buf())),
            (true, true) => Err(Error::Input {
                path: path.to_path_buf(),
                message: "holds both a docs tree (`methods/`) and Telethon's tables: expected \
                          one of them; give the CSV files themselves to use the tables"
                    .into(),
            }),
            (false, false) => Err(Error::Input {
                path: path.to_path_buf(),
                message: format!("{EXPECTED}; this directory has neither"),
            }),
        };
    }
    let text = crate::input::read_text(path)?;
    match Table::detect(&text) {
        Some(table) => Ok(Shape::TelethonFile(path.to_path_buf(), table)),
        None => {
            let first: String = text.lines().next().unwrap_or("").chars().take(60).collect();
            Err(Error::parse(
                path,
                1,
                format!(
                    "`{first}`: {EXPECTED} (methods.csv starts with the header `{}`, \
                     errors.csv with `{}`)",
                    telethon::METHODS_HEADER.join(","),
                    telethon::ERRORS_HEADER.join(",")
                ),
            ))
        }
    }
}

/// The `methods.csv` and `errors.csv` of the CSV files given: one of each at
/// most, the missing one from beside the other.
fn pair(files: &[(&PathBuf, Table)]) -> Result<(PathBuf, PathBuf)> {
    let given = |table: Table| -> Result<Option<PathBuf>> {
        let mut of_table = files.iter().filter(|(_, t)| *t == table);
        let first = of_table.next().map(|(p, _)| (*p).clone());
        if let Some((second, _)) = of_table.next() {
            return Err(Error::Input {
                path: (*second).clone(),
                message: format!(
                    "a second {} (the first: {}): expected one of each table; give each set \
                     of Telethon's tables as its directory",
                    table.file_name(),
                    first.as_deref().unwrap_or(Path::new("")).display()
                ),
            });
        }
        Ok(first)
    };
    let beside = |path: &Path, table: Table| {
        path.parent()
            .unwrap_or(Path::new(""))
            .join(table.file_name())
    };
    match (given(Table::Methods)?, given(Table::Errors)?) {
        (Some(m), Some(e)) => Ok((m, e)),
        (Some(m), None) => {
            let e = beside(&m, Table::Errors);
            Ok((m, e))
        }
        (None, Some(e)) => Ok((beside(&e, Table::Methods), e)),
        (None, None) => unreachable!("pair() is called for a CSV file given"),
    }
}

/// The layer of the `api.tl` in `dir`, if there is one that declares it.
fn layer_beside(dir: &Path) -> Option<u32> {
    let schema = dir.join("api.tl");
    if !schema.is_file() {
        return None;
    }
    let text = crate::input::read_text(&schema).ok()?;
    crate::schema::declared_layer(&text)
}

/// The layer a docs tree's title declares (`... (layer v65)`), if any.
fn tree_layer(dir: &Path) -> Option<u32> {
    ["README.md", "index.md"].iter().find_map(|index| {
        let text = crate::input::read_text(&dir.join(index)).ok()?;
        text.match_indices("(layer ").find_map(|(at, found)| {
            let rest = &text[at + found.len()..];
            let rest = rest.strip_prefix('v').unwrap_or(rest);
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if rest[digits..].starts_with(')') {
                rest[..digits].parse().ok()
            } else {
                None
            }
        })
    })
}

/// The source a docs tree at `dir` makes of its method `pages`.
pub fn docs_tree(dir: &Path, pages: &[Page]) -> ErrorSource {
    let label = dir.display().to_string();
    let methods = pages
        .iter()
        .filter(|p| p.kind == PageKind::Method)
        .map(|page| SourceMethod {
            name: page.name.clone(),
            location: format!("{label}/{}", page.source),
            errors: super::error_entries(page),
            bots: page.bots,
            users: page.users,
        })
        .collect();
    ErrorSource {
        kind: SourceKind::DocsTree,
        layer: tree_layer(dir),
        label,
        methods,
        unlisted_errors: 0,
        notes: Vec::new(),
    }
}

/// The source Telethon's `tables` make; `label` names it in its note. The
/// descriptions of the errors its methods list lose what is true only of
/// Telethon's client ([`conventions::clean_telethon`]), each such error
/// noted.
pub fn telethon_source(tables: &Tables, label: &Path, layer: Option<u32>) -> ErrorSource {
    let file = tables.methods_path.display().to_string();
    let listed: std::collections::BTreeSet<&str> = tables
        .methods
        .iter()
        .flat_map(|m| m.errors.iter().map(String::as_str))
        .collect();
    let mut notes = Vec::new();
    let descriptions: std::collections::BTreeMap<&str, String> = listed
        .iter()
        .filter_map(|name| tables.errors.get(*name))
        .map(|row| {
            let description = match conventions::clean_telethon(&row.description) {
                Some(clean) => {
                    notes.push(Diagnostic {
                        severity: Severity::Note,
                        kind: DiagnosticKind::ClientSpecificText,
                        file: tables.errors_path.display().to_string(),
                        line: Some(row.line),
                        message: format!(
                            "error `{}`: left out Telethon-specific text (advice for its Python \
                             client) from the description",
                            row.name
                        ),
                    });
                    clean
                }
                None => row.description.clone(),
            };
            (row.name.as_str(), description)
        })
        .collect();
    let methods = tables
        .methods
        .iter()
        .map(|row| SourceMethod {
            name: row.name.clone(),
            location: format!("{file}:{}", row.line),
            errors: row
                .errors
                .iter()
                .filter_map(|name| tables.errors.get(name))
                .flat_map(|error| {
                    let description = &descriptions[error.name.as_str()];
                    error.codes.iter().map(|&code| ErrorEntry {
                        code,
                        name: error.name.clone(),
                        description: description.clone(),
                    })
                })
                .collect(),
            bots: row.usability.bots(),
            users: row.usability.users(),
        })
        .collect();
    ErrorSource {
        kind: SourceKind::Telethon,
        label: label.display().to_string(),
        layer,
        methods,
        unlisted_errors: tables
            .errors
            .keys()
            .filter(|name| !listed.contains(name.as_str()))
            .count(),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn sample() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
    }

    fn error_of<P: AsRef<Path>>(paths: &[P]) -> String {
        open(paths).unwrap_err().to_string()
    }

    #[test]
    fn tells_a_docs_tree_from_telethon_s_tables() {
        let telethon = sample().join("telethon");
        let sources = open(&[sample(), telethon.clone()]).unwrap();
        assert_eq!(sources.len(), 2);
        assert_eq!(sources[0].kind, SourceKind::DocsTree);
        assert_eq!(sources[0].layer, None);
        assert_eq!(sources[0].label, sample().display().to_string());
        let send = sources[0]
            .methods
            .iter()
            .find(|m| m.name == "messages.importChatInvite")
            .unwrap();
        assert_eq!(send.errors.len(), 4);
        assert_eq!(
            send.location,
            format!(
                "{}/methods/messages.importChatInvite.md",
                sample().display()
            )
        );
        assert_eq!(sources[1].kind, SourceKind::Telethon);
        assert_eq!(sources[1].label, telethon.display().to_string());
        assert_eq!(sources[1].methods.len(), 9);
        assert_eq!(sources[1].unlisted_errors, 1);
        // One entry per code.
        let send = &sources[1].methods[3];
        let codes: Vec<(i32, &str)> = send
            .errors
            .iter()
            .map(|e| (e.code, e.name.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                (400, "CHAT_WRITE_FORBIDDEN"),
                (403, "CHAT_WRITE_FORBIDDEN"),
                (400, "PEER_ID_INVALID"),
                (420, "SLOWMODE_WAIT_X"),
            ]
        );
        assert_eq!(
            send.location,
            format!("{}:5", telethon.join("methods.csv").display())
        );
        assert_eq!((send.bots, send.users), (Some(true), Some(true)));
    }

    #[test]
    fn the_csv_files_make_one_source_in_either_order_or_alone() {
        let dir = sample().join("telethon");
        let whole = open(&[&dir]).unwrap().remove(0);
        for given in [
            vec![dir.join("errors.csv"), dir.join("methods.csv")],
            vec![dir.join("methods.csv")],
            vec![dir.join("errors.csv")],
        ] {
            let sources = open(&given).unwrap();
            assert_eq!(sources.len(), 1, "{given:?}");
            assert_eq!(sources[0].methods, whole.methods, "{given:?}");
            assert_eq!(
                sources[0].label,
                dir.join("methods.csv").display().to_string()
            );
        }
    }

    #[test]
    fn layers_from_a_tree_s_title_and_from_api_tl() {
        let tmp = tempfile::tempdir().unwrap();
        let tree = tmp.path().join("tree");
        fs::create_dir_all(tree.join("methods")).unwrap();
        fs::copy(
            sample().join("methods/users.getUsers.md"),
            tree.join("methods/users.getUsers.md"),
        )
        .unwrap();
        fs::write(
            tree.join("README.md"),
            "---\ntitle: docs (layer x)\n---\n# MadelineProto API documentation (layer v65)\n",
        )
        .unwrap();
        let tables = tmp.path().join("tables");
        fs::create_dir_all(&tables).unwrap();
        for table in ["methods.csv", "errors.csv"] {
            fs::copy(sample().join("telethon").join(table), tables.join(table)).unwrap();
        }
        fs::write(tables.join("api.tl"), "a#1 = A;\n// LAYER 190\n").unwrap();
        let sources = open(&[tree, tables]).unwrap();
        assert_eq!(sources[0].layer, Some(65));
        assert_eq!(sources[1].layer, Some(190));
    }

    #[test]
    fn anything_else_is_an_error_saying_what_was_expected() {
        let tmp = tempfile::tempdir().unwrap();
        let t = tmp.path();
        let dir = sample().join("telethon");

        let missing = t.join("missing");
        let text = error_of(&[&missing]);
        assert!(
            text.starts_with(&format!(
                "{}: expected an old-format docs tree (a directory with `methods/`), a \
                 directory holding Telethon's methods.csv and errors.csv, or one of those two \
                 files: ",
                missing.display()
            )),
            "{text}"
        );

        assert_eq!(
            error_of(&[t.to_path_buf()]),
            format!(
                "{}: expected an old-format docs tree (a directory with `methods/`), a \
                 directory holding Telethon's methods.csv and errors.csv, or one of those two \
                 files; this directory has neither",
                t.display()
            )
        );

        let schema = sample().join("schemas/sample.tl");
        let text = error_of(&[&schema]);
        assert!(
            text.starts_with(&format!("{}:1: `", schema.display())),
            "{text}"
        );
        assert!(
            text.ends_with(
                "(methods.csv starts with the header `method,usability,errors`, errors.csv \
                 with `name,codes,description`)"
            ),
            "{text}"
        );

        let copy = t.join("copy.csv");
        fs::copy(dir.join("methods.csv"), &copy).unwrap();
        assert_eq!(
            error_of(&[dir.join("methods.csv"), copy.clone()]),
            format!(
                "{}: a second methods.csv (the first: {}): expected one of each table; give \
                 each set of Telethon's tables as its directory",
                copy.display(),
                dir.join("methods.csv").display()
            )
        );

        // A lone table whose partner is not beside it.
        let lone = t.join("lone");
        fs::create_dir_all(&lone).unwrap();
        fs::copy(dir.join("errors.csv"), lone.join("errors.csv")).unwrap();
        let text = error_of(&[lone.join("errors.csv")]);
        assert!(
            text.starts_with(&lone.join("methods.csv").display().to_string()),
            "{text}"
        );
        // The same as a directory.
        let text = error_of(&[&lone]);
        assert!(
            text.starts_with(&lone.join("methods.csv").display().to_string()),
            "{text}"
        );

        let both = t.join("both");
        fs::create_dir_all(both.join("methods")).unwrap();
        fs::copy(dir.join("methods.csv"), both.join("methods.csv")).unwrap();
        assert_eq!(
            error_of(&[&both]),
            format!(
                "{}: holds both a docs tree (`methods/`) and Telethon's tables: expected one of \
                 them; give the CSV files themselves to use the tables",
                both.display()
            )
        );
    }
}
