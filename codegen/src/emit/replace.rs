//! Replacing an output directory with a freshly generated tree, the way
//! `tlgen generate --out DIR` does, without ever losing a user's files.
//!
//! Rules, checked before anything is written:
//! - `DIR` may be missing (it is created, with its parents), empty, or a tree
//!   tlgen wrote ([`super::manifest`]); anything else is refused unless the
//!   caller passes [`Replace::Anything`] (the CLI's `--force`).
//! - Never, whatever the caller passes: a path that is not a directory (a
//!   regular file stays a file), a symbolic link to nothing, the filesystem
//!   root or a directory right under it, the current or home directory or any
//!   directory containing them, and a directory holding `Cargo.toml` or
//!   `.git` (a crate or repository root, never the place for generated
//!   modules).
//! - A symbolic link to a directory is followed: the tree replaces the
//!   directory it points to and the link stays.
//!
//! The new tree is written into a scratch directory beside `DIR` (same
//! filesystem, so renames are atomic), then swapped in: on Linux with one
//! `renameat2(RENAME_EXCHANGE)`, so there is no moment without a tree at
//! `DIR`; elsewhere (or on filesystems without it) with two renames, undoing
//! the first when the second fails. Scratch directories are removed on every
//! path out, errors and panics included; one left by a killed run is removed
//! by the next run once its process is gone.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub use super::manifest::Replace;
use super::manifest::{self, refused_list, Contents, MANIFEST_FILE};
use super::Output;
use crate::Error;

/// Checks that `dir` may be replaced, without writing anything: the CLI calls
/// it before the (slow) generation, [`replace_tree`] again before the swap.
pub fn check_out_dir(dir: &Path, replace: Replace) -> crate::Result<()> {
    resolve(dir, replace).map(drop)
}

/// Replaces `dir` with exactly the files of `output` plus their manifest,
/// after the checks described in the module docs. A run that fails leaves
/// `dir` as it was and nothing beside it. Returns the directory written (the
/// target of `dir` when it is a symbolic link).
pub fn replace_tree(dir: &Path, output: &Output, replace: Replace) -> crate::Result<PathBuf> {
    let target = resolve(dir, replace)?;
    let real = match &target {
        Target::Existing(real) => real.clone(),
        Target::Missing => {
            let parent = parent_of(dir);
            fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
            let parent = fs::canonicalize(&parent).map_err(|e| Error::io(&parent, e))?;
            let name = dir
                .file_name()
                .ok_or_else(|| refuse(dir, "names no directory"))?;
            parent.join(name)
        }
    };
    let parent = real
        .parent()
        .ok_or_else(|| refuse(dir, "is the filesystem root"))?;
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| refuse(dir, "names no directory"))?;
    remove_abandoned_scratch(parent, &name);

    let new = Scratch::new(parent, &name, "new");
    fs::create_dir(&new.path).map_err(|e| Error::io(&new.path, e))?;
    write_all(&new.path, &manifest::with_manifest(output))?;

    if matches!(target, Target::Missing) {
        // rename() fails on a non-empty directory that appeared meanwhile,
        // so nothing unchecked is replaced.
        fs::rename(&new.path, &real).map_err(|e| Error::io(&real, e))?;
        return Ok(real);
    }
    if exchange(&new.path, &real).map_err(|e| Error::io(&real, e))? {
        // `new.path` now holds the old tree; dropping the guard removes it.
        return Ok(real);
    }
    let mut old = Scratch::new(parent, &name, "old");
    old.keep = true; // the only copy of the old tree until the new one is in place
    fs::rename(&real, &old.path).map_err(|e| Error::io(&real, e))?;
    if let Err(e) = fs::rename(&new.path, &real) {
        return Err(match fs::rename(&old.path, &real) {
            Ok(()) => Error::io(&real, e),
            Err(undo) => refuse(
                dir,
                format!(
                    "could not move the new tree into place ({e}) nor the old one back ({undo}); \
                     the old tree is in {}",
                    old.path.display()
                ),
            ),
        });
    }
    old.keep = false;
    Ok(real)
}

/// What `--out` names, once the refusals no flag overrides have passed.
enum Target {
    /// Nothing there yet.
    Missing,
    /// An existing directory, resolved (symbolic links followed, absolute).
    Existing(PathBuf),
}

fn resolve(dir: &Path, replace: Replace) -> crate::Result<Target> {
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::Missing),
        Err(e) => return Err(Error::io(dir, e)),
        Ok(_) => {}
    }
    let real = match fs::canonicalize(dir) {
        Ok(real) => real,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(refuse(dir, "is a symbolic link to a missing path"))
        }
        Err(e) => return Err(Error::io(dir, e)),
    };
    if !real.is_dir() {
        return Err(refuse(
            dir,
            "is a file, not a directory; --out names the directory to write the module tree into",
        ));
    }
    match real.parent() {
        None => {
            return Err(refuse(
                dir,
                "is the filesystem root; refusing to replace it",
            ))
        }
        // `/usr`, `/home`, `C:\Windows`: never where generated modules live.
        Some(parent) if parent.parent().is_none() => {
            return Err(refuse(
                dir,
                "is a top-level directory of the filesystem; refusing to replace it",
            ))
        }
        Some(_) => {}
    }
    let contains = |other: Option<PathBuf>| {
        other
            .and_then(|p| fs::canonicalize(p).ok())
            .is_some_and(|p| p.starts_with(&real))
    };
    if contains(std::env::current_dir().ok()) {
        return Err(refuse(
            dir,
            "is or contains the current directory; refusing to replace it \
             (run tlgen from outside the output directory)",
        ));
    }
    if contains(std::env::var_os("HOME").map(PathBuf::from)) {
        return Err(refuse(
            dir,
            "is or contains the home directory; refusing to replace it",
        ));
    }
    for marker in ["Cargo.toml", ".git"] {
        if fs::symlink_metadata(real.join(marker)).is_ok() {
            return Err(refuse(
                dir,
                format!(
                    "holds {marker}: a crate or repository root, never replaced; \
                     name a directory for the generated modules, like src/tl"
                ),
            ));
        }
    }
    if replace == Replace::OnlyGenerated {
        let contents = manifest::inspect(&real).map_err(|e| Error::io(dir, e))?;
        if !contents.is_generated() {
            return Err(refuse(dir, foreign_message(&contents)));
        }
    }
    Ok(Target::Existing(real))
}

fn foreign_message(contents: &Contents) -> String {
    let mut parts = Vec::new();
    if !contents.foreign.is_empty() {
        parts.push(format!(
            "files tlgen did not write ({})",
            refused_list(&contents.foreign)
        ));
    }
    if !contents.edited.is_empty() {
        parts.push(format!(
            "generated files edited since ({})",
            refused_list(&contents.edited)
        ));
    }
    format!(
        "holds {}; refusing to replace it. --out must be missing, empty, or a tree tlgen \
         wrote (listed in its {MANIFEST_FILE}); pass --force to replace it anyway, deleting them",
        parts.join(" and ")
    )
}

fn refuse(dir: &Path, message: impl Into<String>) -> Error {
    Error::Input {
        path: dir.to_path_buf(),
        message: message.into(),
    }
}

fn parent_of(dir: &Path) -> PathBuf {
    match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn write_all(dir: &Path, output: &Output) -> crate::Result<()> {
    for (rel, text) in &output.files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// A scratch directory beside the output, removed when dropped unless kept.
struct Scratch {
    path: PathBuf,
    keep: bool,
}

/// Tells apart the scratch directories of concurrent calls in one process.
static SCRATCH_SEQ: AtomicUsize = AtomicUsize::new(0);

impl Scratch {
    /// `.<name>.tlgen-<role>-<pid>-<seq>` in `parent`; the pid lets a later
    /// run recognise it as abandoned.
    fn new(parent: &Path, name: &str, role: &str) -> Self {
        let seq = SCRATCH_SEQ.fetch_add(1, Ordering::Relaxed);
        let pid = std::process::id();
        Scratch {
            path: parent.join(format!(".{name}.tlgen-{role}-{pid}-{seq}")),
            keep: false,
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Removes `.<name>.tlgen-new-<pid>-*` directories whose process is gone
/// (a run killed mid-write). They only ever hold generated files: a new tree,
/// or after the exchange an old tree that was already replaced. `-old-`
/// directories are left alone: one may be the only copy of a tree whose swap
/// failed half-way, and the error said where it is.
fn remove_abandoned_scratch(parent: &Path, name: &str) {
    let prefix = format!(".{name}.tlgen-new-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !process_is_running(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn process_is_running(pid: u32) -> bool {
    pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_is_running(_pid: u32) -> bool {
    // Without a portable way to ask, assume it is: never delete a live run's files.
    true
}

/// Atomically swaps the directories `a` and `b`. `Ok(false)` when the
/// platform or filesystem cannot (the caller falls back to two renames).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let err = io::Error::last_os_error();
    match err.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(err),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use tlgen_test_support::tree::names;

    use super::*;

    fn output(text: &str) -> Output {
        let mut output = Output::default();
        output.files.insert(
            "mod.rs".into(),
            format!("{}. {text}\n", manifest::GENERATED_MARK),
        );
        output.files.insert(
            "types/mod.rs".into(),
            format!("{}. types\n", manifest::GENERATED_MARK),
        );
        output
    }

    #[test]
    fn replaces_its_own_tree_and_leaves_nothing_beside_it() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        replace_tree(&dir, &output("one"), Replace::OnlyGenerated).unwrap();
        assert_eq!(names(&dir), [MANIFEST_FILE, "mod.rs", "types"]);
        replace_tree(&dir, &output("two"), Replace::OnlyGenerated).unwrap();
        let text = fs::read_to_string(dir.join("mod.rs")).unwrap();
        assert!(text.ends_with(". two\n"), "{text}");
        assert_eq!(names(tmp.path()), ["out"]);
    }

    #[test]
    fn refuses_a_foreign_tree_and_leaves_it_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("src");
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("main.rs"), "fn main() {}\n").unwrap();
        let err = replace_tree(&dir, &output("x"), Replace::OnlyGenerated).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: holds files tlgen did not write (main.rs); refusing to replace it. --out \
                 must be missing, empty, or a tree tlgen wrote (listed in its .tlgen-manifest); \
                 pass --force to replace it anyway, deleting them",
                dir.display()
            )
        );
        assert_eq!(names(&dir), ["main.rs"]);
        assert_eq!(names(tmp.path()), ["src"]);
        // --force replaces it.
        replace_tree(&dir, &output("x"), Replace::Anything).unwrap();
        assert_eq!(names(&dir), [MANIFEST_FILE, "mod.rs", "types"]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_tree_and_no_scratch() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        replace_tree(&dir, &output("one"), Replace::OnlyGenerated).unwrap();
        let mut bad = output("two");
        // A file and a directory of the same name cannot both be written.
        bad.files.insert("mod.rs/x.rs".into(), "x".into());
        assert!(replace_tree(&dir, &bad, Replace::OnlyGenerated).is_err());
        let text = fs::read_to_string(dir.join("mod.rs")).unwrap();
        assert!(text.ends_with(". one\n"), "{text}");
        assert_eq!(names(tmp.path()), ["out"]);
    }

    #[test]
    fn abandoned_scratch_of_a_dead_process_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        // No process has a pid this large (Linux caps pids at 2^22).
        let abandoned = tmp.path().join(".out.tlgen-new-4294967295-0");
        fs::create_dir(&abandoned).unwrap();
        let kept = tmp.path().join(".out.tlgen-old-4294967295-0");
        fs::create_dir(&kept).unwrap();
        replace_tree(
            &tmp.path().join("out"),
            &output("x"),
            Replace::OnlyGenerated,
        )
        .unwrap();
        let expected: &[&str] = if cfg!(target_os = "linux") {
            &[".out.tlgen-old-4294967295-0", "out"]
        } else {
            &[
                ".out.tlgen-new-4294967295-0",
                ".out.tlgen-old-4294967295-0",
                "out",
            ]
        };
        assert_eq!(names(tmp.path()), expected);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_directory_is_followed_and_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real");
        fs::create_dir(&real).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace_tree(&link, &output("x"), Replace::OnlyGenerated).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(names(&real), [MANIFEST_FILE, "mod.rs", "types"]);
        // A dangling link is refused, whatever the flag.
        let dangling = tmp.path().join("dangling");
        std::os::unix::fs::symlink(tmp.path().join("nowhere"), &dangling).unwrap();
        let err = replace_tree(&dangling, &output("x"), Replace::Anything).unwrap_err();
        assert!(err
            .to_string()
            .ends_with(": is a symbolic link to a missing path"));
    }

    #[test]
    fn files_and_crate_roots_are_refused_even_with_force() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("notes.txt");
        fs::write(&file, "mine\n").unwrap();
        let err = replace_tree(&file, &output("x"), Replace::Anything).unwrap_err();
        assert!(
            err.to_string().contains(": is a file, not a directory"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), "mine\n");
        let krate = tmp.path().join("crate");
        fs::create_dir(&krate).unwrap();
        fs::write(krate.join("Cargo.toml"), "[package]\n").unwrap();
        let err = replace_tree(&krate, &output("x"), Replace::Anything).unwrap_err();
        assert!(
            err.to_string()
                .contains(": holds Cargo.toml: a crate or repository root"),
            "{err}"
        );
        let root = replace_tree(Path::new("/"), &output("x"), Replace::Anything).unwrap_err();
        assert_eq!(
            root.to_string(),
            "/: is the filesystem root; refusing to replace it"
        );
        let top = replace_tree(Path::new("/usr"), &output("x"), Replace::Anything).unwrap_err();
        assert_eq!(
            top.to_string(),
            "/usr: is a top-level directory of the filesystem; refusing to replace it"
        );
        assert_eq!(names(tmp.path()), ["crate", "notes.txt"]);
    }
}
