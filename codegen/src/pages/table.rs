//! Parameter/attribute and error tables, read from the raw source lines of a
//! table block (docs/FORMATS-NOTES.md, "Parameter tables" and "Error tables").
//!
//! Rows are split on `|` not preceded by `\`; cells are trimmed. The column
//! order comes from the header, and each row is checked for the known
//! irregularities: a missing trailing Description cell, an empty description,
//! and `parse_mode` rows written in method order inside constructor tables
//! (the Required cell then holds the description).

use super::text::{unescape, unescape_pipes};
use super::type_cell::parse_type_cell;
use super::{PageError, PageParam};

/// Most cells a row of a known table can have.
const MAX_CELLS: usize = 4;

/// The cells of one row (at most `MAX_CELLS` stored; `len` counts all).
#[derive(Debug, Clone, Copy)]
pub struct Cells<'a> {
    cells: [&'a str; MAX_CELLS],
    len: usize,
}

impl<'a> Cells<'a> {
    fn push(&mut self, cell: &'a str) {
        if self.len < MAX_CELLS {
            self.cells[self.len] = cell;
        }
        self.len += 1;
    }

    /// The number of cells in the row (may exceed what is stored).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the row has no cells.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The trimmed cell `i`, if stored.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        (i < self.len.min(MAX_CELLS)).then(|| self.cells[i])
    }
}

/// Splits a row `|a|b \| c| d |` into trimmed cells; `None` when the line does
/// not start with `|`. A trailing `|` is optional.
pub fn split_row(line: &str) -> Option<Cells<'_>> {
    let line = line.trim_end();
    let inner = line.strip_prefix('|')?;
    let bytes = inner.as_bytes();
    let mut cells = Cells {
        cells: [""; MAX_CELLS],
        len: 0,
    };
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'|' => {
                cells.push(inner[start..i].trim());
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < inner.len() {
        cells.push(inner[start..].trim());
    }
    Some(cells)
}

/// The column layout given by a table header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// `| Name | Type | Description | Required |` (methods).
    NameTypeDescRequired,
    /// `| Name | Type | Required | Description |` (constructors).
    NameTypeRequiredDesc,
    /// `| Name | Type | Required |` (v223, no Description column).
    NameTypeRequired,
    /// `| Code | Type | Description |` (errors).
    Errors,
}

/// Detects the layout from a header row; `None` for an unknown header.
pub fn columns(header: &Cells<'_>) -> Option<Columns> {
    let names: [&str; MAX_CELLS] = std::array::from_fn(|i| header.get(i).unwrap_or(""));
    match (header.len(), names) {
        (4, ["Name", "Type", "Description", "Required"]) => Some(Columns::NameTypeDescRequired),
        (4, ["Name", "Type", "Required", "Description"]) => Some(Columns::NameTypeRequiredDesc),
        (3, ["Name", "Type", "Required", _]) => Some(Columns::NameTypeRequired),
        (3, ["Code", "Type", "Description", _]) => Some(Columns::Errors),
        _ => None,
    }
}

/// Whether a separator row (`|---|:--:|`) was given.
pub fn is_separator(cells: &Cells<'_>) -> bool {
    (0..cells.len().min(MAX_CELLS)).all(|i| {
        let c = cells.get(i).unwrap_or("");
        !c.is_empty() && c.bytes().all(|b| matches!(b, b'-' | b':'))
    }) && !cells.is_empty()
}

fn required(cell: &str) -> Option<bool> {
    match cell {
        "Yes" => Some(true),
        "Optional" => Some(false),
        _ => None,
    }
}

/// Interprets a parameter row under a header with layout `columns`
/// (not [`Columns::Errors`]). Errors are `expected ...` messages.
pub fn param_row(cells: &Cells<'_>, columns: Columns, line: u32) -> Result<PageParam, String> {
    let n = cells.len();
    if !(3..=MAX_CELLS).contains(&n) {
        return Err(format!(
            "expected a parameter row with 3 or 4 cells, found {n}"
        ));
    }
    let cell = |i| cells.get(i).unwrap_or("");
    let name = cell(0);
    if name.is_empty() {
        return Err("expected a parameter name in the first cell, found an empty cell".into());
    }
    let ty = parse_type_cell(cell(1))?;
    // (description cell, required) by layout; a row whose Required cell is not
    // `Yes`/`Optional` but whose other cell is, has the two swapped.
    let (desc, req) = match (columns, n) {
        (Columns::NameTypeDescRequired, 4) => match (required(cell(3)), required(cell(2))) {
            (Some(r), _) => (cell(2), Some(r)),
            (None, Some(r)) => (cell(3), Some(r)),
            (None, None) => return Err(bad_required(cell(3))),
        },
        // Method order with the trailing Required cell missing: keep the description.
        (Columns::NameTypeDescRequired, _) => (cell(2), None),
        (Columns::NameTypeRequiredDesc, 4) | (Columns::NameTypeRequired, 4) => {
            match (required(cell(2)), required(cell(3))) {
                (Some(r), _) => (cell(3), Some(r)),
                (None, Some(r)) => (cell(2), Some(r)),
                (None, None) => return Err(bad_required(cell(2))),
            }
        }
        (Columns::NameTypeRequiredDesc, _) | (Columns::NameTypeRequired, _) => {
            match required(cell(2)) {
                Some(r) => ("", Some(r)),
                None => return Err(bad_required(cell(2))),
            }
        }
        (Columns::Errors, _) => {
            return Err("expected a parameter table, found an error table".into())
        }
    };
    Ok(PageParam {
        name: unescape(name).into_owned(),
        line,
        ty,
        description: unescape_pipes(desc).into_owned(),
        required: req,
    })
}

fn bad_required(found: &str) -> String {
    format!("expected `Yes` or `Optional` in the Required column, found `{found}`")
}

/// Interprets a row of an `### Errors` table: `|code|NAME|description|`.
pub fn error_row(cells: &Cells<'_>, line: u32) -> Result<PageError, String> {
    let n = cells.len();
    if n != 3 {
        return Err(format!(
            "expected an error row with 3 cells (code, type, description), found {n}"
        ));
    }
    let code_cell = cells.get(0).unwrap_or("");
    let code = code_cell
        .parse::<i32>()
        .map_err(|_| format!("expected a numeric error code, found `{code_cell}`"))?;
    let name = cells.get(1).unwrap_or("");
    if name.is_empty() {
        return Err("expected an error name in the second cell, found an empty cell".into());
    }
    Ok(PageError {
        code,
        name: unescape(name).into_owned(),
        description: unescape_pipes(cells.get(2).unwrap_or("")).into_owned(),
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str) -> Vec<&str> {
        let c = split_row(line).unwrap();
        (0..c.len())
            .map(|i| c.get(i).unwrap_or("<overflow>"))
            .collect()
    }

    #[test]
    fn split_rows() {
        assert_eq!(cells("|a|[b](c) | d | Yes|"), ["a", "[b](c)", "d", "Yes"]);
        assert_eq!(
            cells(r"|hash|Array of [long\|string](x\|y.html) | Optional|"),
            ["hash", r"Array of [long\|string](x\|y.html)", "Optional"]
        );
        assert_eq!(cells("|a|b |  | Optional|"), ["a", "b", "", "Optional"]);
        assert_eq!(cells("|a|b"), ["a", "b"]);
        assert_eq!(cells("|a|b|c|d|e|f|").len(), 6);
        assert!(split_row("a|b|").is_none());
    }

    #[test]
    fn headers() {
        let h = |l| columns(&split_row(l).unwrap());
        assert_eq!(
            h("| Name     |    Type       | Description | Required |"),
            Some(Columns::NameTypeDescRequired)
        );
        assert_eq!(
            h("| Name     |    Type       | Required | Description |"),
            Some(Columns::NameTypeRequiredDesc)
        );
        assert_eq!(
            h("| Name     |    Type       | Required |"),
            Some(Columns::NameTypeRequired)
        );
        assert_eq!(
            h("| Code | Type     | Description   |"),
            Some(Columns::Errors)
        );
        assert_eq!(h("| Name | Kind |"), None);
        assert!(is_separator(
            &split_row("|----------|---------------|:--:|").unwrap()
        ));
        assert!(!is_separator(&split_row("|a|--|").unwrap()));
    }

    fn row(line: &str, columns: Columns) -> Result<PageParam, String> {
        param_row(&split_row(line).unwrap(), columns, 7)
    }

    #[test]
    fn param_rows_in_every_layout() {
        let p = row(
            r"|no\_webpage|[Bool](../types/Bool.md) | Disable \| previews | Optional|",
            Columns::NameTypeDescRequired,
        )
        .unwrap();
        assert_eq!(
            (p.name.as_str(), p.description.as_str(), p.required, p.line),
            ("no_webpage", "Disable | previews", Some(false), 7)
        );
        let p = row(
            "|file|[InputFile](x) | Yes|The file|",
            Columns::NameTypeRequiredDesc,
        )
        .unwrap();
        assert_eq!(
            (p.description.as_str(), p.required),
            ("The file", Some(true))
        );
        // Missing description cell under a 4-column constructor header.
        let p = row("|id|[long](x) | Yes|", Columns::NameTypeRequiredDesc).unwrap();
        assert_eq!((p.description.as_str(), p.required), ("", Some(true)));
        // Swapped parse_mode row inside a constructor table.
        let p = row(
            "|parse\\_mode| [string](x) | Whether to parse| Optional |",
            Columns::NameTypeRequiredDesc,
        )
        .unwrap();
        assert_eq!(
            (p.name.as_str(), p.description.as_str(), p.required),
            ("parse_mode", "Whether to parse", Some(false))
        );
        // 3-column table, plain and with a 4-cell parse_mode row.
        let p = row("|pinned|[Bool](x) | Optional|", Columns::NameTypeRequired).unwrap();
        assert_eq!((p.description.as_str(), p.required), ("", Some(false)));
        let p = row(
            "|parse\\_mode| [string](x) | Markup| Optional |",
            Columns::NameTypeRequired,
        )
        .unwrap();
        assert_eq!(
            (p.description.as_str(), p.required),
            ("Markup", Some(false))
        );
        // Empty method description.
        let p = row(
            "|period|[int](x) |  | Optional|",
            Columns::NameTypeDescRequired,
        )
        .unwrap();
        assert_eq!((p.description.as_str(), p.required), ("", Some(false)));
    }

    #[test]
    fn bad_param_rows() {
        let e = row("|a|[int](x) | desc | Maybe|", Columns::NameTypeDescRequired).unwrap_err();
        assert_eq!(
            e,
            "expected `Yes` or `Optional` in the Required column, found `Maybe`"
        );
        let e = row("|a|int | Yes|", Columns::NameTypeRequired).unwrap_err();
        assert_eq!(
            e,
            "expected a type link `[Array of ][Type](target)`, found `int`"
        );
        let e = row("|a|[int](x)|", Columns::NameTypeRequired).unwrap_err();
        assert_eq!(e, "expected a parameter row with 3 or 4 cells, found 2");
        let e = row("|a|[int](x)|b|c|d|", Columns::NameTypeRequired).unwrap_err();
        assert_eq!(e, "expected a parameter row with 3 or 4 cells, found 5");
    }

    #[test]
    fn error_rows() {
        let e = |l| error_row(&split_row(l).unwrap(), 3);
        let r = e("|-503|Timeout|Timeout while fetching data|").unwrap();
        assert_eq!(
            (r.code, r.name.as_str(), r.description.as_str(), r.line),
            (-503, "Timeout", "Timeout while fetching data", 3)
        );
        let r = e("|420|SLOWMODE\\_WAIT\\_X|Wait X seconds|").unwrap();
        assert_eq!(r.name, "SLOWMODE_WAIT_X");
        assert_eq!(e("|400|X||").unwrap().description, "");
        assert_eq!(
            e("|4OO|X|y|").unwrap_err(),
            "expected a numeric error code, found `4OO`"
        );
        assert_eq!(
            e("|400|X|").unwrap_err(),
            "expected an error row with 3 cells (code, type, description), found 2"
        );
    }
}
