//! Test trees on disk, shared by the CLI and `Config` tests.

use std::fs;
use std::path::{Path, PathBuf};

/// Copies the directory `from` (the sample docs, say) to `to`, recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The paths of the entries of `dir`, sorted.
pub fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    paths.sort();
    paths
}

/// The names of the entries of `dir`, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    entries(dir)
        .iter()
        .map(|p| {
            p.file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// A copy of the sample docs at `to` with its first `n` constructor pages
/// (by name) emptied: `n` skipped pages, one warning each, no error.
pub fn sample_with_empty_pages(to: &Path, n: usize) {
    copy_tree(&crate::sample_docs(), to);
    for page in &entries(&to.join("constructors"))[..n] {
        fs::write(page, "").unwrap();
    }
}
