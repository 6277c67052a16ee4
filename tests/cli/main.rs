//! Integration tests: one binary, one module per feature. Each test copies a
//! fixture site to a temp dir and runs the real `wara` binary on it.

mod audience;
mod build;
mod contests;
mod diagnostics;
mod files;
mod markdown;
mod mistakes;
mod names;
mod output;
mod photos;
mod preview;
mod qr;
mod reader;
mod robustness;
mod search;
mod serve;
mod tables;
mod thai;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture site copied into a temp dir, after mdBook's `BookTest`.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

/// What one run of wara did.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    /// stderr with the temp root redacted to `[ROOT]`.
    pub stderr: String,
}

impl Fixture {
    /// Copy `tests/fixtures/<name>` (or the repository root for `"."`, content and config only).
    pub fn new(name: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let src = if name == "." {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        } else {
            fixture_dir(name)
        };
        if name == "." {
            for part in ["site.yaml", "content", "static", "themes"] {
                let from = src.join(part);
                if from.exists() {
                    copy_tree(&from, &dir.path().join(part));
                }
            }
        } else {
            copy_tree(&src, dir.path());
        }
        Fixture { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Run `wara <args> --root <fixture>`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_on("2020-05-20", args)
    }

    /// Run `wara <args> --root <fixture>` with "today" fixed to `today`.
    pub fn run_on(&self, today: &str, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_wara"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("WARA_TODAY", today)
            .env_remove("WARA_LANG")
            .output()
            .expect("run wara");
        self.redact(out)
    }

    fn redact(&self, out: Output) -> Run {
        let root = self.root().to_string_lossy().into_owned();
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).replace(&root, "[ROOT]"),
            stderr: String::from_utf8_lossy(&out.stderr).replace(&root, "[ROOT]"),
        }
    }

    /// `wara build` into `<fixture>/dist`; panics with stderr when it fails.
    pub fn build(&self) -> Run {
        let r = self.run(&["build"]);
        assert_eq!(r.code, Some(0), "build failed:\n{}", r.stderr);
        r
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, text).expect("write");
    }

    /// Read an output file, e.g. `dist/public/index.html`.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }
}

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn copy_tree(from: &Path, to: &Path) {
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

/// Every file under `dir`, relative path → bytes, sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .expect("prefix")
                    .to_string_lossy()
                    .into_owned(),
                fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    v.sort();
    v
}
