//! Fixture sites copied into a temp dir, so a test can build, edit and break them freely.

use std::fs;
use std::path::{Path, PathBuf};

/// `tests/fixtures/<name>` of this repository.
pub(crate) fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of `tests/fixtures/<name>` in a new temp dir; for `"."` the repository's own
/// site (configuration, content, static files and theme only).
pub(crate) fn copy_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    if name == "." {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for part in ["site.yaml", "content", "static", "themes"] {
            if repo.join(part).exists() {
                copy_tree(&repo.join(part), &dir.path().join(part));
            }
        }
    } else {
        copy_tree(&fixture_dir(name), dir.path());
    }
    dir
}

/// Copy the tree `from` into `to`, leaving out build output (`dist/`, `target/`).
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        if rel
            .components()
            .any(|c| c.as_os_str() == "dist" || c.as_os_str() == "target")
        {
            continue;
        }
        let dest = if rel.as_os_str().is_empty() {
            to.to_path_buf()
        } else {
            to.join(rel)
        };
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}
