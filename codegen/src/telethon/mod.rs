//! Telethon's error and usability tables -> typed rows (what each line says,
//! with its line).
//!
//! Telethon (a Python MTProto client) keeps two CSV files beside its TL
//! schema, with a header line each:
//!
//! * `methods.csv`, `method,usability,errors`: per method, who may call it
//!   (`user`, `bot`, `both` or `unknown`) and the names of the errors it
//!   returns, separated by spaces (`CHAT_INVALID PEER_ID_INVALID`);
//! * `errors.csv`, `name,codes,description`: per error, its codes separated
//!   by spaces (`400 403`) and a description that may name the number in
//!   the error's name as a `{placeholder}` (`FLOOD_WAIT_X`: "A wait of
//!   {seconds} seconds is required").
//!
//! They are read as Telethon's own generator reads them: `\n` in a
//! description is a line break, an empty codes field means 400, usability
//! is case-insensitive, and every error a method lists must be defined in
//! `errors.csv`. A site-relative link in a description is to
//! core.telegram.org, where Telethon took the text from ([`core_links`]).
//! Anything else (a wrong header, a wrong number of fields,
//! an unknown usability, a code that is not a number, a name listed twice)
//! is an error naming the file and line and what was expected. Files are
//! read with the same size bound as pages and schemas.
//!
//! [`crate::merge::error_tables`] uses the tables as an error source.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub mod csv;

#[cfg(test)]
mod tests;

/// The header line of `methods.csv`.
pub const METHODS_HEADER: [&str; 3] = ["method", "usability", "errors"];
/// The header line of `errors.csv`.
pub const ERRORS_HEADER: [&str; 3] = ["name", "codes", "description"];

/// Which of the two tables a file is, told by its header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `methods.csv`.
    Methods,
    /// `errors.csv`.
    Errors,
}

impl Table {
    /// The file name Telethon gives the table.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Methods => "methods.csv",
            Table::Errors => "errors.csv",
        }
    }

    fn header(self) -> [&'static str; 3] {
        match self {
            Table::Methods => METHODS_HEADER,
            Table::Errors => ERRORS_HEADER,
        }
    }

    /// The table whose header `text` starts with, if any (`None` for any
    /// other text, including a CSV file that is not one of the two).
    pub fn detect(text: &str) -> Option<Table> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.lines().next()?.trim_end_matches('\r');
        [Table::Methods, Table::Errors]
            .into_iter()
            .find(|t| first == t.header().join(","))
    }
}

/// Who may call a method, as `methods.csv` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usability {
    /// `user`: users only.
    User,
    /// `bot`: bots only.
    Bot,
    /// `both`: users and bots.
    Both,
    /// `unknown`: the table does not say.
    Unknown,
}

impl Usability {
    /// Whether bots may call the method (`None` for [`Usability::Unknown`]).
    pub fn bots(self) -> Option<bool> {
        match self {
            Usability::User => Some(false),
            Usability::Bot | Usability::Both => Some(true),
            Usability::Unknown => None,
        }
    }

    /// Whether users may call the method (`None` for [`Usability::Unknown`]).
    pub fn users(self) -> Option<bool> {
        match self {
            Usability::Bot => Some(false),
            Usability::User | Usability::Both => Some(true),
            Usability::Unknown => None,
        }
    }
}

/// One line of `methods.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodRow {
    /// The TL name as Telethon writes it (`messages.sendMessage`; MTProto
    /// service methods in camelCase, `reqPq` for `req_pq`).
    pub name: String,
    /// Who may call it.
    pub usability: Usability,
    /// The errors it returns, in the order listed (names defined in `errors.csv`).
    pub errors: Vec<String>,
    /// The line in `methods.csv`.
    pub line: u32,
}

/// One line of `errors.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRow {
    /// The name, number as `X` (`FLOOD_WAIT_X`, `FILE_PART_X_MISSING`).
    pub name: String,
    /// Its codes, as listed (`400 403` -> `[400, 403]`); never empty.
    pub codes: Vec<i32>,
    /// The description, `{placeholders}` as written, `\n` read as a line break.
    pub description: String,
    /// The line in `errors.csv`.
    pub line: u32,
}

/// Both tables, read and checked against each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    /// Where `methods.csv` was read from.
    pub methods_path: PathBuf,
    /// Where `errors.csv` was read from.
    pub errors_path: PathBuf,
    /// The rows of `methods.csv`, in file order.
    pub methods: Vec<MethodRow>,
    /// The rows of `errors.csv` by name.
    pub errors: BTreeMap<String, ErrorRow>,
}

/// Reads `dir/methods.csv` and `dir/errors.csv` (see [`read_tables`]).
pub fn read_dir(dir: &Path) -> Result<Tables> {
    read_tables(
        &dir.join(Table::Methods.file_name()),
        &dir.join(Table::Errors.file_name()),
    )
}

/// Reads both tables and checks that every error `methods.csv` lists is
/// defined in `errors.csv`.
pub fn read_tables(methods_path: &Path, errors_path: &Path) -> Result<Tables> {
    let methods_text = crate::input::read_text(methods_path)?;
    let errors_text = crate::input::read_text(errors_path)?;
    tables(methods_path, &methods_text, errors_path, &errors_text)
}

/// [`read_tables`] on text already read.
pub fn tables(
    methods_path: &Path,
    methods_text: &str,
    errors_path: &Path,
    errors_text: &str,
) -> Result<Tables> {
    let methods = parse_methods(methods_path, methods_text)?;
    let errors = parse_errors(errors_path, errors_text)?;
    for row in &methods {
        if let Some(name) = row.errors.iter().find(|e| !errors.contains_key(*e)) {
            return Err(Error::parse(
                methods_path,
                row.line,
                format!(
                    "`{}` lists the error `{name}`, which {} does not define: expected every \
                     error listed here to have a line there",
                    row.name,
                    errors_path.display()
                ),
            ));
        }
    }
    Ok(Tables {
        methods_path: methods_path.to_path_buf(),
        errors_path: errors_path.to_path_buf(),
        methods,
        errors,
    })
}

/// The rows of `methods.csv` (`text`, read from `path`).
pub fn parse_methods(path: &Path, text: &str) -> Result<Vec<MethodRow>> {
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut rows = Vec::new();
    for record in &body(path, text, Table::Methods)? {
        let [name, usability, errors] = fields(path, record, Table::Methods)?;
        let line = record.line;
        if !is_method_name(name) {
            return Err(Error::parse(
                path,
                line,
                format!(
                    "method `{name}`: expected a TL method name such as `messages.sendMessage`"
                ),
            ));
        }
        let usability = match usability.to_ascii_lowercase().as_str() {
            "user" => Usability::User,
            "bot" => Usability::Bot,
            "both" => Usability::Both,
            "unknown" => Usability::Unknown,
            _ => {
                return Err(Error::parse(
                    path,
                    line,
                    format!(
                        "usability `{usability}` of `{name}`: expected `user`, `bot`, `both` \
                         or `unknown`"
                    ),
                ))
            }
        };
        if let Some(first) = seen.insert(name.to_owned(), line) {
            return Err(Error::parse(
                path,
                line,
                format!("`{name}` is already listed on line {first}: expected one line per method"),
            ));
        }
        rows.push(MethodRow {
            name: name.to_owned(),
            usability,
            errors: errors.split_whitespace().map(str::to_owned).collect(),
            line,
        });
    }
    Ok(rows)
}

/// The rows of `errors.csv` (`text`, read from `path`), by name.
pub fn parse_errors(path: &Path, text: &str) -> Result<BTreeMap<String, ErrorRow>> {
    let mut rows: BTreeMap<String, ErrorRow> = BTreeMap::new();
    for record in &body(path, text, Table::Errors)? {
        let [name, codes, description] = fields(path, record, Table::Errors)?;
        let line = record.line;
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(Error::parse(
                path,
                line,
                format!(
                    "error name `{name}`: expected a name without spaces (`methods.csv` \
                     separates the names it lists with spaces)"
                ),
            ));
        }
        let codes = match codes
            .split_whitespace()
            .map(str::parse::<i32>)
            .collect::<Result<Vec<i32>, _>>()
        {
            // Telethon's generator reads an empty codes field as 400.
            Ok(codes) if codes.is_empty() => vec![400],
            Ok(codes) => codes,
            Err(_) => {
                return Err(Error::parse(
                    path,
                    line,
                    format!(
                        "codes `{codes}` of `{name}`: expected numbers separated by spaces \
                         (`400 403`)"
                    ),
                ))
            }
        };
        if let Some(first) = rows.get(name) {
            return Err(Error::parse(
                path,
                line,
                format!(
                    "`{name}` is already defined on line {}: expected one line per error",
                    first.line
                ),
            ));
        }
        rows.insert(
            name.to_owned(),
            ErrorRow {
                name: name.to_owned(),
                codes,
                description: core_links(&description.replace("\\n", "\n")),
                line,
            },
        );
    }
    Ok(rows)
}

/// `description` with its site-relative Markdown link destinations
/// (`[here](/api/discussion#...)`) made absolute on core.telegram.org:
/// Telethon copied the descriptions from there, and read as they are the
/// links would point at whatever site shows them.
pub fn core_links(description: &str) -> String {
    description.replace("](/", "](https://core.telegram.org/")
}

/// The records after the header of `table`, which must be the first record.
fn body(path: &Path, text: &str, table: Table) -> Result<Vec<csv::Record>> {
    let mut records = csv::records(path, text)?.into_iter();
    let expected = table.header().join(",");
    match records.next() {
        Some(header) if header.fields == table.header() => Ok(records.collect()),
        Some(header) => Err(Error::parse(
            path,
            header.line,
            format!(
                "header `{}`: expected `{expected}` (Telethon's {})",
                header.fields.join(","),
                table.file_name()
            ),
        )),
        None => Err(Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "empty: expected Telethon's {}, starting with the header `{expected}`",
                table.file_name()
            ),
        }),
    }
}

/// The three fields of a record of `table`.
fn fields<'r>(path: &Path, record: &'r csv::Record, table: Table) -> Result<[&'r str; 3]> {
    match record.fields.as_slice() {
        [a, b, c] => Ok([a.trim(), b.trim(), c.trim()]),
        other => Err(Error::parse(
            path,
            record.line,
            format!(
                "{} fields: expected 3 ({}){}",
                other.len(),
                table.header().join(","),
                if other.len() > 3 {
                    "; a field holding a comma must be quoted"
                } else {
                    ""
                }
            ),
        )),
    }
}

/// Whether `name` looks like a TL method name: dot-separated identifiers.
fn is_method_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}
