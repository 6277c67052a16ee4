//! The rule of issue 10 item 7, guarded over every fixture site: each diagnostic
//! `wara check` prints has a Thai message and a Thai help line, and with
//! `--lang en` the messages are English (Thai only inside quoted source text).

use std::path::{Path, PathBuf};
use std::process::Command;

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

fn has_thai(s: &str) -> bool {
    s.chars().any(is_thai)
}

/// `s` without its backquoted spans (file names, keys and values quoted from the source).
fn unquoted(s: &str) -> String {
    s.split('`').step_by(2).collect()
}

/// Every folder under tests/fixtures holding a `site.yaml`.
fn fixture_sites() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut sites: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name() == "site.yaml")
        .filter_map(|e| e.path().parent().map(Path::to_path_buf))
        .filter(|p| !p.components().any(|c| c.as_os_str() == "dist"))
        .collect();
    sites.sort();
    sites
}

/// `wara check [--lang en]` on a copy of the site: its stderr.
fn check(site: &Path, lang: Option<&str>) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    super::copy_tree(site, dir.path());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wara"));
    cmd.arg("check");
    if let Some(l) = lang {
        cmd.args(["--lang", l]);
    }
    let out = cmd
        .arg("--root")
        .arg(dir.path())
        .env("WARA_TODAY", "2020-05-20")
        .env_remove("WARA_LANG")
        .output()
        .expect("run wara");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The message of a `path:line:col: error|warning: message` line, if it is one.
fn diagnostic_message(line: &str) -> Option<&str> {
    if line.starts_with(' ') {
        return None;
    }
    for kind in [": error: ", ": warning: "] {
        if let Some(at) = line.find(kind) {
            let head = &line[..at];
            let mut parts = head.rsplitn(3, ':');
            let col = parts.next()?;
            let ln = parts.next()?;
            let path = parts.next()?;
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if !path.is_empty() && digits(ln) && digits(col) {
                return Some(&line[at + kind.len()..]);
            }
        }
    }
    None
}

/// A line under a diagnostic: its source line (`12 | …`), caret, help or English.
fn continues(line: &str) -> bool {
    line.starts_with(' ')
        || line
            .split_once(" |")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[test]
fn every_diagnostic_of_every_fixture_has_thai_message_and_help() {
    let sites = fixture_sites();
    assert!(sites.len() >= 20, "fixtures found: {sites:?}");
    let mut bad = Vec::new();
    let mut seen = 0;
    for site in &sites {
        let err = check(site, None);
        let name = site.display();
        let mut lines = err.lines().peekable();
        while let Some(line) = lines.next() {
            let Some(msg) = diagnostic_message(line) else {
                continue;
            };
            seen += 1;
            if !has_thai(msg) {
                bad.push(format!("{name}: no Thai message: {line}"));
            }
            // The help, if any, follows the source lines (` |`), before `= english:`.
            let mut helped = false;
            while let Some(next) = lines.peek() {
                if diagnostic_message(next).is_some() || !continues(next) {
                    break;
                }
                if let Some(help) = next.strip_prefix("  = help: ") {
                    helped = true;
                    if !has_thai(help) {
                        bad.push(format!("{name}: no Thai help: {line}\n    {next}"));
                    }
                }
                lines.next();
            }
            if !helped {
                bad.push(format!("{name}: no help line: {line}"));
            }
        }
    }
    assert!(seen >= 30, "only {seen} diagnostics over {} sites", sites.len());
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn with_lang_en_no_diagnostic_is_in_thai() {
    let mut bad = Vec::new();
    for site in fixture_sites() {
        let err = check(&site, Some("en"));
        for line in err.lines() {
            let text = match diagnostic_message(line) {
                Some(msg) => msg,
                None => match line.strip_prefix("  = help: ") {
                    Some(help) => help,
                    None => continue,
                },
            };
            if has_thai(&unquoted(text)) {
                bad.push(format!("{}: {line}", site.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
