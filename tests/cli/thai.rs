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
    assert!(
        seen >= 30,
        "only {seen} diagnostics over {} sites",
        sites.len()
    );
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

/// Word's curly quotes in a shortcode are named as the cause, and the help says
/// to type plain `"` (the issue's own example).
#[test]
fn word_curly_quotes_in_a_shortcode_are_named() {
    let f = super::Fixture::new("mistakes/curly-quotes");
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let block: Vec<&str> = r.stderr.lines().take(6).collect();
    assert_eq!(
        block.join("\n"),
        "content/minutes/2563/06/index.md:9:16: error: shortcode `deadline` ใช้เครื่องหมายคำพูดแบบโค้ง “ ” ของ Word ซึ่ง wara อ่านไม่ได้\n\
         \x20 |\n\
         9 | ส่งภายในวันที่ {{ deadline(date=“2020-06-26”, task=“ส่งแบบรายงาน”) }}\n\
         \x20 |            ^\n\
         \x20 = help: พิมพ์เครื่องหมายคำพูดตรง \" แทน “ ” เช่น `date=\"2020-06-26\"` (ใน Word ปิดการแทนที่อัตโนมัติ \"เครื่องหมายคำพูดตรงเป็นเครื่องหมายคำพูดแบบโค้ง\" หรือพิมพ์ในโปรแกรมแก้ไขข้อความธรรมดา)\n\
         \x20 = english: shortcode `deadline` uses Word's curly quotes “ ”, which wara cannot read (help: type plain \" instead of “ ”, e.g. `date=\"2020-06-26\"` (in Word, turn off AutoFormat's \"straight quotes with smart quotes\", or type in a plain text editor))"
    );
    assert!(!r.stderr.contains("not a date"), "{}", r.stderr);
    assert!(!f.root().join("dist").exists(), "nothing is written");
}

/// Shortcode, chart, QR and link mistakes: each at its line, in Thai with a Thai help.
#[test]
fn shortcode_and_link_mistakes_are_explained_in_thai() {
    let f = super::Fixture::new("shortcode-mistakes");
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    for (at, message, help) in [
        (
            "index.md:6:1: error: ",
            "ไม่รู้จัก shortcode `tabel`",
            "หมายถึง `table` หรือไม่?",
        ),
        (
            "index.md:8:1: error: ",
            "shortcode `download` ขาดค่า `file`",
            "เขียนเป็น `{{ download(file=\"…\") }}`",
        ),
        (
            "index.md:10:1: error: ",
            "shortcode `download` ไม่มีค่าชื่อ `colour`; ค่าที่ใช้ได้: `file`, `title`",
            "ลบค่านั้นออก",
        ),
        (
            "index.md:12:1: error: ",
            "shortcode `qr` ต้องมี `url` หรือ `page` อย่างใดอย่างหนึ่งเท่านั้น",
            "เขียน `{{ qr(url=\"https://…\") }}`",
        ),
        (
            "index.md:14:1: error: ",
            "shortcode ไม่ได้ปิด: ไม่มี `}}` ในบรรทัดนี้",
            "ปิดท้ายด้วย `}}`",
        ),
        (
            "index.md:16:1: error: ",
            "shortcode `chart`: คอลัมน์ `district` ของตาราง `ตาราง` ไม่ใช่ตัวเลข",
            "ให้ `value=` เป็นคีย์ของคอลัมน์ตัวเลข",
        ),
        (
            "index.md:20:1: error: ",
            "shortcode `table`: ไม่พบไฟล์ `content/news/missing.yaml`",
            "ตรวจชื่อไฟล์",
        ),
        (
            "index.md:22:1: error: ",
            "shortcode `internal_link`: ไม่มีหน้า `/no/such/` ในเว็บไซต์",
            "ใช้ที่อยู่ในเว็บไซต์",
        ),
        (
            "index.md:26:1: error: ",
            "ลิงก์ไปยัง `/no/such/page/`: ไม่มีหน้านี้ในเว็บไซต์",
            "ตรวจที่อยู่ของลิงก์",
        ),
        (
            "index.md:28:1: warning: ",
            "ลิงก์ไปยัง `/nothing.css`: ไม่มีไฟล์นี้ในเว็บไซต์",
            "ตรวจชื่อไฟล์",
        ),
    ] {
        let line = format!("content/news/{at}{message}");
        let Some(start) = r.stderr.find(&line) else {
            panic!("no `{line}` in:\n{}", r.stderr);
        };
        let first_help = r.stderr[start..]
            .lines()
            .find(|l| l.starts_with("  = help: "))
            .unwrap_or_default();
        assert!(first_help.contains(help), "{line}: {first_help}");
    }
    assert!(
        r.stderr.ends_with(
            "ตรวจไม่ผ่าน: พบข้อผิดพลาด 11 รายการ ไม่ได้เขียนไฟล์ใดเลย (check failed: 11 errors; nothing was written)\n"
        ),
        "{}",
        r.stderr
    );
}
