//! Reading a whole docs tree: list `methods/`, `constructors/`, `types/`,
//! then read and parse every page in parallel.

use std::fs;
use std::path::{Path, PathBuf};

use super::page::parse_page;
use super::Page;
use crate::error::{Error, Result};

/// The folders of a docs tree, in listing order. `methods/` is required; the
/// others are read when present.
pub const FOLDERS: [&str; 3] = ["methods", "constructors", "types"];

/// One page file to read: its path and its `source` (`folder/file.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFile {
    /// The full path.
    pub path: PathBuf,
    /// The path relative to the docs root, `/`-separated.
    pub source: String,
}

/// Lists the `*.md` files of `dir/{methods,constructors,types}`, sorted by
/// source. Index pages are listed too (the page parser skips them).
pub fn list_pages(dir: &Path) -> Result<Vec<PageFile>> {
    let meta = fs::metadata(dir).map_err(|e| Error::Input {
        path: dir.to_path_buf(),
        message: format!("expected a docs directory with methods/, constructors/ and types/: {e}"),
    })?;
    if !meta.is_dir() {
        return Err(Error::Input {
            path: dir.to_path_buf(),
            message:
                "expected a docs directory with methods/, constructors/ and types/, found a file"
                    .into(),
        });
    }
    let mut files = Vec::new();
    for folder in FOLDERS {
        let sub = dir.join(folder);
        let entries = match fs::read_dir(&sub) {
            Ok(entries) => entries,
            Err(e) if folder != "methods" && e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let below = docs_trees_below(dir);
                if !below.is_empty() {
                    return Err(Error::Input {
                        path: dir.to_path_buf(),
                        message: format!(
                            "not a docs tree (no `methods/` directory), but it holds {}: \
                             pass one of them",
                            below.join(", ")
                        ),
                    });
                }
                return Err(Error::Input {
                    path: sub,
                    message: format!("expected a readable `{folder}/` directory of pages: {e}"),
                });
            }
            Err(e) => {
                return Err(Error::Input {
                    path: sub,
                    message: format!("expected a readable `{folder}/` directory of pages: {e}"),
                })
            }
        };
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&sub, e))?;
            let path = entry.path();
            let file_type = entry.file_type().map_err(|e| Error::io(&path, e))?;
            if file_type.is_dir() {
                continue;
            }
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return Err(Error::Input {
                    path,
                    message: "expected a UTF-8 file name".into(),
                });
            };
            if name.ends_with(".md") {
                files.push(PageFile {
                    source: format!("{folder}/{name}"),
                    path,
                });
            }
        }
    }
    files.sort_unstable_by(|a, b| a.source.cmp(&b.source));
    Ok(files)
}

/// The layer a docs tree says it documents, and the page that says so: the
/// root page (`index.md`, or `README.md` in old trees) names it in its
/// title or description ("MadelineProto API documentation (layer 223)",
/// "(layer v65)"). `None` when no root page names one.
pub fn declared_layer(dir: &Path) -> Option<(PathBuf, u32)> {
    ["index.md", "README.md"].iter().find_map(|name| {
        let path = dir.join(name);
        let text = crate::input::read_text(&path).ok()?;
        let layer = text.lines().take(12).find_map(layer_in)?;
        Some((path, layer))
    })
}

/// The number after `layer ` (or `layer v`) in a line, if any.
fn layer_in(line: &str) -> Option<u32> {
    let lower = line.to_ascii_lowercase();
    let at = lower.find("layer ")? + "layer ".len();
    let rest = lower[at..].strip_prefix('v').unwrap_or(&lower[at..]);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The docs trees right below `dir` (`v65/`, `v223/`: directories holding
/// `methods/`), as paths, in name order: what a user who gave the parent of
/// several trees meant.
fn docs_trees_below(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut trees: Vec<String> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("methods").is_dir())
        .map(|p| p.display().to_string())
        .collect();
    trees.sort();
    trees
}

/// Reads and parses one listed page.
pub fn read_page(file: &PageFile) -> Result<Option<Page>> {
    let text = crate::input::read_text(&file.path)?;
    parse_page(&file.path, &file.source, &text)
}

/// Reads every page under `dir` in parallel (see [`crate::pages::read_docs`]).
pub fn read_docs(dir: &Path) -> Result<Vec<Page>> {
    let files = list_pages(dir)?;
    let results: Vec<Result<Option<Page>>> = crate::par::map(&files, read_page);
    // The listing is sorted by source and `collect` keeps its order, so the
    // error reported is deterministic: the first failing page by source.
    let mut pages = Vec::with_capacity(results.len());
    for result in results {
        pages.extend(result?);
    }
    Ok(pages)
}

/// Reads every page under `dir` in parallel, like
/// [`read_docs`](crate::pages::read_docs), but a page
/// that cannot be read or parsed does not stop the others: its error is
/// returned beside the pages (in source order). Only a problem with the tree
/// itself (no `methods/`, an unlistable folder) fails the call.
pub fn read_docs_tolerant(dir: &Path) -> Result<(Vec<Page>, Vec<Error>)> {
    let files = list_pages(dir)?;
    let results: Vec<Result<Option<Page>>> = crate::par::map(&files, read_page);
    let mut pages = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(page) => pages.extend(page),
            Err(e) => errors.push(e),
        }
    }
    Ok((pages, errors))
}

/// Single-threaded `read_docs` (for benchmarks and deterministic profiling).
pub fn read_docs_sequential(dir: &Path) -> Result<Vec<Page>> {
    let files = list_pages(dir)?;
    let mut pages = Vec::with_capacity(files.len());
    for file in &files {
        pages.extend(read_page(file)?);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_layer_a_root_page_names() {
        for (line, layer) in [
            (
                "description: \"MadelineProto API documentation (layer 223)\"",
                Some(223),
            ),
            (
                "title: MadelineProto API documentation (layer v65)",
                Some(65),
            ),
            ("# Layer 7 docs", Some(7)),
            ("no layer here", None),
            ("a layer of paint", None),
        ] {
            assert_eq!(super::layer_in(line), layer, "{line}");
        }
    }
}
