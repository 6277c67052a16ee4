//! The output sink: every file of a build goes to a staging folder, which is
//! swapped in whole only when the build succeeded. A failed build never touches
//! the previous output. `check` uses a sink that writes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};

/// Where one audience's files go while building.
pub struct Sink {
    /// The staging folder; `None` for a dry run.
    staging: Option<PathBuf>,
    pub files: AtomicUsize,
    /// Replace files by rename (readers never see half a file).
    atomic: bool,
}

impl Sink {
    /// A fresh staging folder beside `final_dir` (same filesystem, so the swap is a rename).
    pub fn staging_for(final_dir: &Path) -> Result<Sink> {
        let parent = final_dir.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the output folder `{}`", parent.display()))?;
        let name = final_dir
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
            files: AtomicUsize::new(0),
            atomic: false,
        })
    }

    /// A sink that writes straight into a live folder, each file replaced
    /// atomically (write beside, then rename): `serve`'s incremental rebuilds.
    pub fn direct(dir: &Path) -> Result<Sink> {
        fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
        Ok(Sink {
            staging: Some(dir.to_path_buf()),
            files: AtomicUsize::new(0),
            atomic: true,
        })
    }

    /// A sink that writes nothing (`wara check`).
    pub fn dry() -> Sink {
        Sink {
            staging: None,
            files: AtomicUsize::new(0),
            atomic: false,
        }
    }

    fn target(&self, rel: &str) -> Result<Option<PathBuf>> {
        let Some(root) = &self.staging else {
            return Ok(None);
        };
        let rel = rel.trim_start_matches('/');
        if rel.split('/').any(|s| s == ".." || s.contains('\\')) || Path::new(rel).is_absolute() {
            anyhow::bail!("refusing to write outside the output: `{rel}`");
        }
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?;
        }
        Ok(Some(path))
    }

    /// Write bytes at an output-relative path (`minutes/2563/05/index.html`).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        if let Some(path) = self.target(rel)? {
            if self.atomic {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let tmp = path.with_file_name(format!(".{name}.wara-tmp"));
                fs::write(&tmp, bytes)
                    .with_context(|| format!("cannot write `{}`", tmp.display()))?;
                fs::rename(&tmp, &path)
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
            } else {
                fs::write(&path, bytes)
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
            }
        }
        Ok(())
    }

    /// Copy a source file to an output-relative path.
    pub fn copy(&self, rel: &str, src: &Path) -> Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        if let Some(path) = self.target(rel)? {
            fs::copy(src, &path).with_context(|| {
                format!("cannot copy `{}` to `{}`", src.display(), path.display())
            })?;
        }
        Ok(())
    }

    /// Does the output already hold this file (written earlier in this build)?
    pub fn contains(&self, rel: &str) -> bool {
        self.staging
            .as_ref()
            .is_some_and(|r| r.join(rel.trim_start_matches('/')).is_file())
    }

    /// Remove the staging folder (after a failed build).
    pub fn discard(self) {
        if let Some(s) = self.staging {
            let _ = remove_tree(&s);
        }
    }

    /// Replace `final_dir` with the staging folder: rename the old one aside, rename
    /// staging in, then delete the old one.
    pub fn swap_into(self, final_dir: &Path) -> Result<()> {
        let Some(staging) = self.staging else {
            return Ok(());
        };
        let parent = final_dir.parent().unwrap_or(Path::new("."));
        let name = final_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        if old.exists() {
            remove_tree(&old).with_context(|| format!("cannot clear `{}`", old.display()))?;
        }
        if final_dir.exists() {
            fs::rename(final_dir, &old).with_context(|| {
                format!(
                    "cannot move the previous output `{}` aside",
                    final_dir.display()
                )
            })?;
        }
        if let Err(e) = fs::rename(&staging, final_dir) {
            // Put the previous output back rather than leave nothing.
            if old.exists() {
                let _ = fs::rename(&old, final_dir);
            }
            return Err(e).with_context(|| {
                format!("cannot move the new output into `{}`", final_dir.display())
            });
        }
        if old.exists() {
            remove_tree(&old).with_context(|| {
                format!("cannot remove the previous output `{}`", old.display())
            })?;
        }
        Ok(())
    }
}

impl Sink {
    /// Move every file of the staging folder into `live`, replacing files one by
    /// one (each rename is atomic): an incremental rebuild's few changed files.
    pub fn merge_into(self, live: &Path) -> Result<()> {
        let Some(staging) = self.staging else {
            return Ok(());
        };
        for entry in walkdir::WalkDir::new(&staging).follow_links(false) {
            let entry = entry.map_err(std::io::Error::other)?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry.path().strip_prefix(&staging).unwrap_or(entry.path());
            let dest = live.join(rel);
            if let Some(dir) = dest.parent() {
                fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create `{}`", dir.display()))?;
            }
            fs::rename(entry.path(), &dest)
                .with_context(|| format!("cannot update `{}`", dest.display()))?;
        }
        remove_tree(&staging).with_context(|| format!("cannot remove `{}`", staging.display()))?;
        Ok(())
    }
}

/// Remove a folder tree, files in parallel: on this kind of disk (ext4 with
/// `discard`) unlinking is mostly waiting, and waits overlap well.
pub fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
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
    // Deepest first, so each folder is empty when removed.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        fs::remove_dir(&d)?;
    }
    Ok(())
}

/// The output-relative file of a page URL: `/a/b/` → `a/b/index.html`.
pub fn page_file(url: &str) -> String {
    let u = url.trim_start_matches('/');
    if u.is_empty() {
        "index.html".to_owned()
    } else {
        format!(
            "{}index.html",
            if u.ends_with('/') {
                u.to_owned()
            } else {
                format!("{u}/")
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_files() {
        assert_eq!(page_file("/"), "index.html");
        assert_eq!(page_file("/minutes/2563/05/"), "minutes/2563/05/index.html");
    }

    #[test]
    fn refuses_paths_outside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Sink::staging_for(&dir.path().join("public")).unwrap();
        assert!(sink.write("../x", b"no").is_err());
        assert!(sink.write("a/../../x", b"no").is_err());
        sink.write("a/b.txt", b"ok").unwrap();
        sink.swap_into(&dir.path().join("public")).unwrap();
        assert_eq!(fs::read(dir.path().join("public/a/b.txt")).unwrap(), b"ok");
    }
}
