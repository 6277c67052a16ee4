//! The output sink. A build writes only files whose bytes changed, into a
//! staging folder beside the output; when (and only when) the whole build
//! succeeded, `commit` moves them into place and removes files the build no
//! longer makes. A failed build never touches the previous output, and an
//! unchanged rebuild writes nothing. `check` uses a sink that writes nothing.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use rayon::prelude::*;

/// Where one audience's files go while building.
pub struct Sink {
    /// The staging folder for changed files; `None` for a dry run.
    staging: Option<PathBuf>,
    /// The live output this build will update (compared against, never written).
    live: PathBuf,
    /// Every output path this build makes, changed or not.
    written: Mutex<BTreeSet<String>>,
    /// How many files the build makes.
    pub files: AtomicUsize,
}

impl Sink {
    /// A sink that will update `live`, staging changed files beside it (same
    /// filesystem, so moving them in is a rename).
    pub fn new(live: &Path) -> Result<Sink> {
        let parent = live.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the output folder `{}`", parent.display()))?;
        let name = live
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if staging.exists() {
            remove_tree(&staging)
                .with_context(|| format!("cannot clear `{}`", staging.display()))?;
        }
        fs::create_dir_all(&staging)
            .with_context(|| format!("cannot create `{}`", staging.display()))?;
        Ok(Sink {
            staging: Some(staging),
            live: live.to_path_buf(),
            written: Mutex::default(),
            files: AtomicUsize::new(0),
        })
    }

    /// A sink that writes nothing (`wara check`).
    pub fn dry() -> Sink {
        Sink {
            staging: None,
            live: PathBuf::new(),
            written: Mutex::default(),
            files: AtomicUsize::new(0),
        }
    }

    /// Check `rel`, note it as made by this build, and say where a changed version goes.
    fn target(&self, rel: &str) -> Result<(String, Option<PathBuf>)> {
        let rel = rel.trim_start_matches('/');
        if rel.is_empty()
            || rel.split('/').any(|s| s == ".." || s.contains('\\'))
            || Path::new(rel).is_absolute()
        {
            anyhow::bail!("refusing to write outside the output: `{rel}`");
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(rel.to_owned());
        Ok((rel.to_owned(), self.staging.as_ref().map(|s| s.join(rel))))
    }

    fn prepare(path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?;
        }
        Ok(())
    }

    /// Write bytes at an output-relative path (`minutes/2563/05/index.html`).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let (rel, Some(path)) = self.target(rel)? else {
            return Ok(());
        };
        if fs::read(self.live.join(&rel)).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        Self::prepare(&path)?;
        fs::write(&path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// Copy a source file to an output-relative path.
    pub fn copy(&self, rel: &str, src: &Path) -> Result<()> {
        let (rel, Some(path)) = self.target(rel)? else {
            return Ok(());
        };
        let old = self.live.join(&rel);
        let same_size =
            matches!((fs::metadata(&old), fs::metadata(src)), (Ok(a), Ok(b)) if a.len() == b.len());
        if same_size && matches!((fs::read(&old), fs::read(src)), (Ok(a), Ok(b)) if a == b) {
            return Ok(());
        }
        Self::prepare(&path)?;
        fs::copy(src, &path)
            .map(|_| ())
            .with_context(|| format!("cannot copy `{}` to `{}`", src.display(), path.display()))
    }

    /// Does this sink write nothing (`wara check`)?
    pub fn is_dry(&self) -> bool {
        self.staging.is_none()
    }

    /// Has this build already made this file?
    pub fn contains(&self, rel: &str) -> bool {
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(rel.trim_start_matches('/'))
    }

    /// Drop the staged files (after a failed build); the live output is untouched.
    pub fn discard(self) {
        if let Some(s) = self.staging {
            let _ = remove_tree(&s);
        }
    }

    /// Move the changed files into the live output. With `prune`, files of the
    /// previous output that this build no longer makes are removed (a full
    /// build); without it (an incremental one) they stay.
    pub fn commit(self, prune: bool) -> Result<()> {
        let Some(staging) = self.staging else {
            return Ok(());
        };
        // A first build: the staging folder is the whole output, move it in at once.
        let empty = fs::read_dir(&self.live).map_or(true, |mut d| d.next().is_none());
        if empty {
            let _ = fs::remove_dir(&self.live);
            fs::rename(&staging, &self.live).with_context(|| {
                format!("cannot move the output into `{}`", self.live.display())
            })?;
            return Ok(());
        }
        fs::create_dir_all(&self.live)
            .with_context(|| format!("cannot create `{}`", self.live.display()))?;
        for entry in walkdir::WalkDir::new(&staging).follow_links(false) {
            let entry = entry.map_err(std::io::Error::other)?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry.path().strip_prefix(&staging).unwrap_or(entry.path());
            let dest = self.live.join(rel);
            Self::prepare(&dest)?;
            if dest.is_dir() {
                remove_tree(&dest)
                    .with_context(|| format!("cannot replace `{}`", dest.display()))?;
            }
            fs::rename(entry.path(), &dest)
                .with_context(|| format!("cannot update `{}`", dest.display()))?;
        }
        remove_tree(&staging).with_context(|| format!("cannot remove `{}`", staging.display()))?;
        if prune {
            let written = self
                .written
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            prune_stale(&self.live, &written)?;
        }
        Ok(())
    }
}

/// Remove files under `live` that are not in `keep`, then folders left empty.
fn prune_stale(live: &Path, keep: &BTreeSet<String>) -> Result<()> {
    let mut stale = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(live).min_depth(1).follow_links(false) {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(live)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else if !keep.contains(&rel) {
            stale.push(entry.into_path());
        }
    }
    stale
        .par_iter()
        .try_for_each(fs::remove_file)
        .context("cannot remove a stale output file")?;
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        let _ = fs::remove_dir(&d); // fails, as it should, while the folder has files
    }
    Ok(())
}

/// Remove a folder tree, files in parallel: on this kind of disk (ext4 with
/// `discard`) unlinking is mostly waiting, and waits overlap well.
pub fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    files
        .par_iter()
        .with_min_len(64)
        .try_for_each(fs::remove_file)?;
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        fs::remove_dir(&d)?;
    }
    Ok(())
}

/// The output-relative file of a page URL: `/a/b/` → `a/b/index.html`.
pub fn page_file(url: &str) -> String {
    let u = url.trim_matches('/');
    if u.ends_with(".html") {
        return u.to_owned();
    }
    if u.is_empty() {
        "index.html".to_owned()
    } else {
        format!("{u}/index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_files() {
        assert_eq!(page_file("/"), "index.html");
        assert_eq!(page_file("/minutes/2563/05/"), "minutes/2563/05/index.html");
        assert_eq!(page_file("/404.html"), "404.html");
    }

    #[test]
    fn refuses_paths_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Sink::new(&dir.path().join("public")).unwrap();
        assert!(sink.write("../x", b"no").is_err());
        assert!(sink.write("a/../../x", b"no").is_err());
        sink.write("a/b.txt", b"ok").unwrap();
        sink.commit(true).unwrap();
        assert_eq!(fs::read(dir.path().join("public/a/b.txt")).unwrap(), b"ok");
    }

    #[test]
    fn unchanged_files_are_not_rewritten_and_stale_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("public");
        let sink = Sink::new(&live).unwrap();
        sink.write("same.txt", b"1").unwrap();
        sink.write("old.txt", b"1").unwrap();
        sink.write("gone/x.txt", b"1").unwrap();
        sink.commit(true).unwrap();
        let before = fs::metadata(live.join("same.txt"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let sink = Sink::new(&live).unwrap();
        sink.write("same.txt", b"1").unwrap();
        sink.write("old.txt", b"2").unwrap();
        sink.commit(true).unwrap();
        assert_eq!(
            fs::metadata(live.join("same.txt"))
                .unwrap()
                .modified()
                .unwrap(),
            before
        );
        assert_eq!(fs::read(live.join("old.txt")).unwrap(), b"2");
        assert!(!live.join("gone").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }
}
