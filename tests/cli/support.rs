//! What the integration tests share: the `wara` binary run on a fixture site copied
//! into a temp dir, output trees read back; and, from `src/test_support/` (the same
//! files the unit tests use), fixture copying, the raw HTTP client, QR decoding and the
//! phone photos.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

// Shared with the unit tests and examples/make_photos.rs: each uses a part of it.
#[allow(dead_code)]
#[path = "../../src/test_support/mod.rs"]
mod shared;
pub(crate) use shared::fixtures::{copy_site, copy_tree, fixture_dir};
pub(crate) use shared::{http, photos, qr};

/// The "today" every run is pinned to unless a test says otherwise: contests open on
/// it, deadlines after it are upcoming.
pub(crate) const TODAY: &str = "2020-05-20";

/// A fixture site copied into a temp dir, after mdBook's `BookTest`.
pub(crate) struct Fixture {
    pub(crate) dir: tempfile::TempDir,
}

/// What one run of wara did.
pub(crate) struct Run {
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    /// stderr with the temp root redacted to `[ROOT]`.
    pub(crate) stderr: String,
}

impl Fixture {
    /// Copy `tests/fixtures/<name>` (or the repository root for `"."`, content and config only).
    pub(crate) fn new(name: &str) -> Fixture {
        Fixture {
            dir: copy_site(name),
        }
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Run `wara <args> --root <fixture>` on [`TODAY`].
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        self.run_on(TODAY, args)
    }

    /// Run `wara <args> --root <fixture>` with "today" fixed to `today`.
    pub(crate) fn run_on(&self, today: &str, args: &[&str]) -> Run {
        self.run_with(&[("WARA_TODAY", today)], args)
    }

    /// Run `wara <args> --root <fixture>` with these environment variables (and
    /// `WARA_TODAY` = [`TODAY`] unless they set it; `WARA_LANG` unset).
    pub(crate) fn run_with(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_wara"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("WARA_TODAY", TODAY)
            .env_remove("WARA_LANG")
            .envs(env.iter().copied())
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
    pub(crate) fn build(&self) -> Run {
        let r = self.run(&["build"]);
        assert_eq!(r.code, Some(0), "build failed:\n{}", r.stderr);
        r
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, text).expect("write");
    }

    /// Read an output file, e.g. `dist/public/index.html`.
    pub(crate) fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }
}

/// A page `rel` whose body links to `missing` fails the build, with the link named at `rel`.
pub(crate) fn assert_link_reported(f: &Fixture, rel: &str, missing: &str) {
    f.write(
        rel,
        &format!("---\ntitle: ลิงก์\n---\n\nดู [หน้านั้น]({missing})\n"),
    );
    let r = f.run(&["build"]);
    assert_ne!(r.code, Some(0), "{missing}: {}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("ลิงก์ไปยัง `{missing}`: ไม่มีหน้านี้ในเว็บไซต์")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(rel), "{}", r.stderr);
}

/// Every file under `dir`, relative path (with `/`) → bytes, sorted by path.
pub(crate) fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("prefix");
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            (rel.join("/"), fs::read(e.path()).expect("read"))
        })
        .collect();
    v.sort();
    v
}
