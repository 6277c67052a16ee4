//! The whole output of `tests/fixtures/minimal` against `tests/expected/minimal/`, file
//! by file: a file missing from the output, a file the output has and the tree does not,
//! and a file whose bytes differ all fail, with the first differing file shown as a
//! line diff. The theme's static files that the site copies as they are (CSS, scripts,
//! fonts) are not kept a second time in the tree: each audience's copy is expected to
//! equal `themes/default/static/`'s. After a change to what wara writes,
//! `WARA_BLESS=1 cargo test --test cli expected` rewrites the tree; read `git diff`
//! before committing it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::{Fixture, snapshot};

fn expected_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(name)
}

/// The theme's static files as each audience's output holds them: `public/assets/wara.css`
/// → the bytes of `themes/default/static/assets/wara.css`.
fn theme_copies() -> BTreeMap<String, Vec<u8>> {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let files = snapshot(&theme);
    ["public", "internal"]
        .iter()
        .flat_map(|audience| {
            files
                .iter()
                .map(move |(rel, bytes)| (format!("{audience}/{rel}"), bytes.clone()))
        })
        .collect()
}

/// Replace `dir` with exactly the files of `tree`.
fn bless(dir: &Path, tree: &[(String, Vec<u8>)]) {
    if dir.exists() {
        fs::remove_dir_all(dir).expect("remove the old expected tree");
    }
    for (rel, bytes) in tree {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, bytes).expect("write the expected tree");
    }
}

/// Where `want` and `got` first differ: three lines of context, then `-` for the
/// expected lines and `+` for the output's, up to where they agree again; for binary files, the sizes and the first
/// differing byte.
fn first_difference(rel: &str, want: &[u8], got: &[u8]) -> String {
    let (Ok(want), Ok(got)) = (std::str::from_utf8(want), std::str::from_utf8(got)) else {
        let at = want.iter().zip(got).position(|(a, b)| a != b);
        return format!(
            "{rel}: binary, {} bytes expected, {} bytes written, first difference at byte {}",
            want.len(),
            got.len(),
            at.unwrap_or(want.len().min(got.len()))
        );
    };
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let at = (0..w.len().max(g.len()))
        .find(|&i| w.get(i) != g.get(i))
        .unwrap_or(w.len().min(g.len()));
    let from = at.saturating_sub(3);
    let mut out = format!(
        "--- tests/expected/…/{rel}\n+++ output/{rel}\n@@ line {} @@\n",
        at + 1
    );
    for line in &w[from..at] {
        out.push_str(&format!("  {line}\n"));
    }
    // The lines that differ from `at` on, up to where the two agree again (at most 6).
    let span = (at..at + 6)
        .take_while(|&i| i < w.len().max(g.len()) && w.get(i) != g.get(i))
        .count();
    for line in w.iter().skip(at).take(span) {
        out.push_str(&format!("- {line}\n"));
    }
    for line in g.iter().skip(at).take(span) {
        out.push_str(&format!("+ {line}\n"));
    }
    if w.len() == g.len() && at == w.len() {
        out.push_str("(the lines agree: the difference is in line endings)\n");
    }
    out
}

/// Compare the tree `got` with the one in `expected` plus `copies` (files expected
/// without being kept in it): `None` when they are the same, otherwise what a reader
/// needs to see.
fn compare(
    expected: &Path,
    copies: &BTreeMap<String, Vec<u8>>,
    got: &[(String, Vec<u8>)],
) -> Option<String> {
    let mut want: BTreeMap<String, Vec<u8>> = copies.clone();
    want.extend(snapshot(expected));
    let have: BTreeMap<&str, &[u8]> = got
        .iter()
        .map(|(rel, bytes)| (rel.as_str(), bytes.as_slice()))
        .collect();
    let missing: Vec<&str> = want
        .keys()
        .map(String::as_str)
        .filter(|rel| !have.contains_key(rel))
        .collect();
    let unexpected: Vec<&str> = have
        .keys()
        .copied()
        .filter(|rel| !want.contains_key(*rel))
        .collect();
    let differing: Vec<&str> = have
        .iter()
        .filter(|(rel, bytes)| want.get(**rel).is_some_and(|w| w.as_slice() != **bytes))
        .map(|(rel, _)| *rel)
        .collect();
    if missing.is_empty() && unexpected.is_empty() && differing.is_empty() {
        return None;
    }
    let mut report = String::new();
    for (what, list) in [
        ("missing from the output", &missing),
        ("written but not expected", &unexpected),
        ("different", &differing),
    ] {
        if !list.is_empty() {
            report.push_str(&format!("{what}:\n"));
            for rel in list.iter() {
                report.push_str(&format!("  {rel}\n"));
            }
        }
    }
    if let Some(rel) = differing.first() {
        report.push('\n');
        report.push_str(&first_difference(rel, &want[*rel], have[rel]));
    }
    Some(report)
}

#[test]
fn the_minimal_site_writes_exactly_the_expected_tree() {
    let f = Fixture::new("minimal");
    f.build();
    let got = snapshot(&f.root().join("dist"));
    let dir = expected_dir("minimal");
    let copies = theme_copies();
    if std::env::var_os("WARA_BLESS").is_some() {
        // The theme's copies are expected from the theme, not kept twice.
        let generated: Vec<(String, Vec<u8>)> = got
            .iter()
            .filter(|(rel, bytes)| copies.get(rel) != Some(bytes))
            .cloned()
            .collect();
        bless(&dir, &generated);
        return;
    }
    if let Some(report) = compare(&dir, &copies, &got) {
        panic!(
            "the output of tests/fixtures/minimal is not tests/expected/minimal:\n{report}\n\
             If the change is meant: WARA_BLESS=1 cargo test --test cli expected"
        );
    }
}

/// The comparison itself: a missing, an extra and a changed file are each reported.
#[test]
fn the_tree_comparison_reports_missing_unexpected_and_changed_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tree = |files: &[(&str, &str)]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .map(|(rel, text)| (rel.to_string(), text.as_bytes().to_vec()))
            .collect()
    };
    bless(
        dir.path(),
        &tree(&[("a.html", "one\ntwo\nthree\n"), ("gone.txt", "x")]),
    );
    assert_eq!(
        compare(
            dir.path(),
            &BTreeMap::new(),
            &tree(&[("a.html", "one\ntwo\nthree\n"), ("gone.txt", "x")])
        ),
        None
    );
    let report = compare(
        dir.path(),
        &BTreeMap::new(),
        &tree(&[("a.html", "one\nTWO\nthree\n"), ("new.txt", "y")]),
    )
    .expect("differences are reported");
    assert_eq!(
        report,
        "missing from the output:\n  gone.txt\nwritten but not expected:\n  new.txt\n\
         different:\n  a.html\n\n--- tests/expected/…/a.html\n+++ output/a.html\n\
         @@ line 2 @@\n  one\n- two\n+ TWO\n"
    );
}
