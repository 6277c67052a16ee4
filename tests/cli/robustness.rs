//! No input makes wara panic or hang: bad YAML, bad UTF-8, empty files, huge
//! files, symlink loops, missing table columns. Each is an error with a file and line,
//! except a symlink loop, which is not followed.

use super::{Fixture, snapshot};

fn assert_clean_failure(f: &Fixture, expect_path: &str) {
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1), "stderr:\n{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{expect_path}:")),
        "{}",
        r.stderr
    );
}

#[test]
fn empty_file() {
    let f = Fixture::new("minimal");
    f.write("content/empty.md", "");
    assert_clean_failure(&f, "content/empty.md:1:1");
}

#[test]
fn bad_utf8_names_its_line() {
    let f = Fixture::new("minimal");
    std::fs::write(
        f.root().join("content/bad.md"),
        b"---\ntitle: x\n---\nok\n\xff\xfe\n",
    )
    .unwrap();
    assert_clean_failure(&f, "content/bad.md:5:1");
}

#[test]
fn broken_yaml() {
    let f = Fixture::new("minimal");
    f.write("content/y.md", "---\ntitle: [unclosed\n---\n");
    assert_clean_failure(&f, "content/y.md:2");
}

#[test]
fn unclosed_front_matter_and_unknown_shortcode() {
    let f = Fixture::new("minimal");
    f.write("content/a.md", "---\ntitle: x\n");
    f.write(
        "content/b.md",
        "---\ntitle: b\n---\n\ntext\n{{ nope(x=\"1\") }}\n",
    );
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains("content/a.md:1:1: error: ส่วนหัว (front matter) ไม่ได้ปิด"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("content/b.md:6:1: error: ไม่รู้จัก shortcode `nope`"),
        "{}",
        r.stderr
    );
}

#[test]
fn huge_file_does_not_hang() {
    let f = Fixture::new("minimal");
    let mut body = String::from("---\ntitle: big\n---\n");
    let line = "ข้อความยาวมาก ".repeat(20) + "\n\n";
    while body.len() < 50 * 1024 * 1024 {
        body.push_str(&line);
    }
    f.write("content/big.md", &body);
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

/// A link from `content/loop/again` back to `content/` is not followed: the walk ends,
/// the pages beside the link are checked and published, and nothing is reached
/// through it (it would repeat the whole site under `/loop/again/…` forever).
#[cfg(unix)]
#[test]
fn symlink_loop_is_not_followed() {
    let f = Fixture::new("minimal");
    f.write(
        "content/loop/inside.md",
        "---\ntitle: ข้างใน\n---\n\nข้อความ\n",
    );
    std::os::unix::fs::symlink(
        f.root().join("content"),
        f.root().join("content/loop/again"),
    )
    .unwrap();
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        "ตรวจแล้ว 6 หน้า 0 ตาราง QR code 0 รายการ: ไม่พบข้อผิดพลาด \
         (checked 6 pages, 0 tables, 0 QR codes: no errors)\n"
    );
    f.build();
    for audience in ["public", "internal"] {
        let published: Vec<String> = snapshot(&f.root().join("dist").join(audience))
            .into_iter()
            .map(|(rel, _)| rel)
            .filter(|rel| rel.starts_with("loop/"))
            .collect();
        assert_eq!(
            published,
            ["loop/index.html", "loop/inside/index.html"],
            "{audience}"
        );
    }
}

#[test]
fn missing_site_yaml_is_an_error_not_a_panic() {
    let f = Fixture::new("minimal");
    std::fs::remove_file(f.root().join("site.yaml")).unwrap();
    let r = f.run(&["build"]);
    assert_eq!(
        r.code,
        Some(2),
        "not a content error: wara ran in the wrong folder"
    );
    assert!(
        r.stderr.contains("ไม่พบไฟล์ site.yaml") && r.stderr.contains("no site.yaml in"),
        "{}",
        r.stderr
    );
}

#[test]
fn unknown_site_key_is_named() {
    let f = Fixture::new("minimal");
    f.write(
        "site.yaml",
        "title: x\nbase_url: https://a.go.th\ncolour: red\n",
    );
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .starts_with("site.yaml:3:1: error: ไม่รู้จักคีย์ `colour`"),
        "{}",
        r.stderr
    );
}

#[test]
fn one_check_reports_every_problem_and_no_echo_of_them() {
    let f = Fixture::new("minimal");
    f.write(
        "content/minutes/2563/06.md",
        "---\ntitle: ประชุม\nmeeting: \"6/2563\"\ndate: 2020-06-30\ntime: \"9.75\"\n---\n\n{{ table(src=\"nope.yaml\") }}\n{{ download(file=\"x.pdf\") }}\n",
    );
    f.write("content/broken.md", "---\ntitel: x\n---\n");
    f.write(
        "content/links.md",
        "---\ntitle: ok\n---\n\n[broken](/broken/) and [missing](/nope/)\n",
    );
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1));
    for expected in [
        "content/minutes/2563/06.md:5:7: error: `time` ไม่ใช่เวลา",
        "content/minutes/2563/06.md:8:1: error: shortcode `table`: ไม่พบไฟล์ `content/minutes/2563/nope.yaml`",
        "content/minutes/2563/06.md:9:1: error: ไม่พบไฟล์ `x.pdf` ที่ให้ดาวน์โหลด: ไม่มีไฟล์ `content/minutes/2563/x.pdf`",
        "content/broken.md:2:1: error: ไม่รู้จักคีย์ `titel` ในส่วนหัว",
        "content/links.md:5:24: error: ลิงก์ไปยัง `/nope/`: ไม่มีหน้านี้ในเว็บไซต์",
    ] {
        assert!(
            r.stderr.contains(expected),
            "missing `{expected}` in:\n{}",
            r.stderr
        );
    }
    assert!(
        !r.stderr.contains("ลิงก์ไปยัง `/broken/`") && !r.stderr.contains("link to `/broken/`"),
        "a page with its own error is not also a missing page"
    );
    assert!(
        r.stderr
            .ends_with("ตรวจไม่ผ่าน: พบข้อผิดพลาด 5 รายการ ไม่ได้เขียนไฟล์ใดเลย (check failed: 5 errors; nothing was written)\n"),
        "{}",
        r.stderr
    );
}
