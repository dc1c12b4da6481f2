//! Writing an [`Output`] to disk: in place for build scripts (only files that
//! changed, so cargo does not rebuild needlessly), atomically for the CLI,
//! or as a staleness check with a unified diff.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Output;

fn io_err(path: &Path, e: io::Error) -> crate::Error {
    crate::Error::io(path, e)
}

/// Writes every file under `dir`, skipping files whose contents are already
/// identical; returns how many files were written.
pub fn write_if_changed(dir: &Path, output: &Output) -> crate::Result<usize> {
    let mut written = 0;
    for (rel, text) in &output.files {
        let path = dir.join(rel);
        if fs::read(&path).ok().as_deref() == Some(text.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        }
        fs::write(&path, text).map_err(|e| io_err(&path, e))?;
        written += 1;
    }
    Ok(written)
}

/// Replaces `dir` with exactly the generated tree: everything is written to a
/// temporary directory beside it first, then swapped in by renaming, so a run
/// that fails leaves the old tree untouched.
pub fn write_atomic(dir: &Path, output: &Output) -> crate::Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| io_err(&parent, e))?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tlgen-new-{pid}"));
    let old = parent.join(format!(".{name}.tlgen-old-{pid}"));
    let _ = fs::remove_dir_all(&tmp);
    let result = write_if_changed(&tmp, output);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let had_old = dir.exists();
    if had_old {
        fs::rename(dir, &old).map_err(|e| io_err(dir, e))?;
    }
    if let Err(e) = fs::rename(&tmp, dir) {
        if had_old {
            let _ = fs::rename(&old, dir);
        }
        let _ = fs::remove_dir_all(&tmp);
        return Err(io_err(dir, e));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}

fn existing_files(dir: &Path, base: &Path, out: &mut BTreeSet<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            existing_files(&path, base, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.insert(rel.join("/"));
        }
    }
}

/// Compares `dir` with the generated tree; returns a unified diff (empty when
/// everything is up to date). Files missing on disk diff against nothing,
/// extra files on disk diff against nothing the other way.
pub fn check(dir: &Path, output: &Output) -> String {
    let mut on_disk = BTreeSet::new();
    existing_files(dir, dir, &mut on_disk);
    let mut all: BTreeSet<String> = output.files.keys().cloned().collect();
    all.extend(on_disk.iter().cloned());
    let mut diff = String::new();
    for rel in all {
        let old = fs::read_to_string(dir.join(&rel)).unwrap_or_default();
        let new = output.files.get(&rel).cloned().unwrap_or_default();
        if old == new && (on_disk.contains(&rel) == output.files.contains_key(&rel)) {
            continue;
        }
        let a = format!("a/{rel}");
        let b = format!("b/{rel}");
        let text = similar::TextDiff::from_lines(&old, &new)
            .unified_diff()
            .context_radius(3)
            .header(&a, &b)
            .to_string();
        diff.push_str(&text);
        if text.is_empty() {
            diff.push_str(&format!("--- {a}\n+++ {b}\n"));
        }
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_and_check() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        let mut output = Output::default();
        output.files.insert("mod.rs".into(), "a\n".into());
        output.files.insert("types/mod.rs".into(), "b\n".into());
        write_atomic(&dir, &output).unwrap();
        assert_eq!(check(&dir, &output), "");
        output.files.insert("mod.rs".into(), "c\n".into());
        let diff = check(&dir, &output);
        assert!(diff.contains("-a") && diff.contains("+c"), "{diff}");
        write_atomic(&dir, &output).unwrap();
        assert_eq!(check(&dir, &output), "");
        fs::write(dir.join("extra.rs"), "x\n").unwrap();
        assert!(check(&dir, &output).contains("extra.rs"));
        // Only this test's temp dirs exist beside the output.
        let siblings: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().collect();
        assert_eq!(siblings.len(), 1);
    }
}
