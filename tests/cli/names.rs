//! Output names every file system holds (issue 16): no component ending in a
//! dot or a space, none with `<>:"\|?*` or control characters, none a reserved
//! Windows device name, and no two that differ only in case.

use std::collections::BTreeMap;
use std::path::Path;

use super::Fixture;

const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Every problem a Windows file system would have with the names under `dir`.
fn windows_problems(dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut folded: BTreeMap<String, String> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.expect("walk");
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("prefix")
            .to_string_lossy()
            .into_owned();
        for c in rel.split('/') {
            let stem = c.split('.').next().unwrap_or("").trim_end();
            if c.ends_with('.') || c.ends_with(' ') {
                problems.push(format!("`{rel}`: `{c}` ends in a dot or space"));
            }
            if c.chars()
                .any(|ch| ch.is_control() || "<>:\"\\|?*".contains(ch))
            {
                problems.push(format!("`{rel}`: `{c}` has a character Windows refuses"));
            }
            if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
                problems.push(format!("`{rel}`: `{c}` is a reserved name"));
            }
        }
        if let Some(other) = folded.insert(rel.to_lowercase(), rel.clone()) {
            problems.push(format!("`{rel}` and `{other}` differ only in case"));
        }
    }
    problems
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The tag links (`href="/tags/…/"` with `rel="tag"`) of a page, decoded, with their text.
fn tag_links(html: &str) -> Vec<(String, String)> {
    html.split("<a href=\"")
        .skip(1)
        .filter_map(|s| {
            let (href, rest) = s.split_once('"')?;
            let rest = rest.strip_prefix(" rel=\"tag\">")?;
            let (text, _) = rest.split_once("</a>")?;
            Some((percent_decode(href), text.to_owned()))
        })
        .collect()
}

#[test]
fn tags_windows_cannot_hold_get_safe_pages_reachable_from_their_links() {
    let f = Fixture::new("windows-names");
    f.build();
    for audience in ["public", "internal"] {
        let out = f.root().join("dist").join(audience);
        assert_eq!(windows_problems(&out), Vec::<String>::new(), "{audience}");
    }
    let first = f.read("dist/public/pages/first/index.html");
    let second = f.read("dist/public/pages/second/index.html");
    let mut links = tag_links(&first);
    links.extend(tag_links(&second));
    let texts: Vec<&str> = links.iter().map(|(_, t)| t.as_str()).collect();
    // The tags keep their text as typed on the page.
    for t in [
        "จปฐ.",
        "CON",
        "a:b",
        "OTOP",
        "otop",
        "ผู้นำ อช.",
        ".",
        "..",
        "index.html",
    ] {
        assert!(texts.contains(&t), "tag `{t}` not shown: {texts:?}");
    }
    // Every tag link reaches a tag page that lists the page carrying it.
    for (href, text) in &links {
        let file = f
            .root()
            .join("dist/public")
            .join(href.trim_start_matches('/'))
            .join("index.html");
        let page = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("tag `{text}` links to `{href}`, no page there: {e}"));
        assert!(page.contains("/pages/"), "{href} lists no page");
    }
    let href_of = |t: &str| {
        links
            .iter()
            .find(|(_, x)| x == t)
            .map(|(h, _)| h.clone())
            .unwrap_or_default()
    };
    assert_eq!(href_of("จปฐ."), "/tags/จปฐ/");
    assert_eq!(href_of("CON"), "/tags/CON_/");
    assert_eq!(href_of("a:b"), "/tags/ab/");
    assert_eq!(href_of("index.html"), "/tags/index_.html/");
    // OTOP and otop are one tag: one page listing both pages; likewise จปฐ. and จปฐ.
    assert_eq!(href_of("OTOP"), "/tags/OTOP/");
    assert_eq!(href_of("otop"), "/tags/OTOP/");
    assert_eq!(href_of("จปฐ"), "/tags/จปฐ/");
    let otop = f.read("dist/public/tags/OTOP/index.html");
    assert!(otop.contains("href=\"/pages/first/\"") && otop.contains("href=\"/pages/second/\""));
    let index = f.read("dist/public/tags/index.html");
    assert_eq!(index.matches("/tags/OTOP/").count(), 1, "{index}");
    assert!(index.contains("OTOP (๒)"), "{index}");
}

#[test]
fn page_files_windows_cannot_hold_get_safe_urls() {
    let f = Fixture::new("minimal");
    f.write("content/pages/CON.md", "---\ntitle: คอน\n---\n\nข้อความ\n");
    f.write("content/pages/a:b.md", "---\ntitle: เอบี\n---\n\nข้อความ\n");
    f.write(
        "content/pages/index.html.md",
        "---\ntitle: ดัชนี\n---\n\nข้อความ\n",
    );
    f.write(
        "content/pages/links.md",
        "---\ntitle: ลิงก์\n---\n\n[คอน](/pages/CON_/) [เอบี](/pages/ab/)\n",
    );
    f.build();
    assert!(f.read("dist/public/pages/CON_/index.html").contains("คอน"));
    assert!(f.read("dist/public/pages/ab/index.html").contains("เอบี"));
    assert!(
        f.read("dist/public/pages/index_.html/index.html")
            .contains("ดัชนี")
    );
    assert!(
        f.read("dist/public/pages/index.html")
            .contains("href=\"/pages/CON_/\"")
    );
    assert_eq!(
        windows_problems(&f.root().join("dist")),
        Vec::<String>::new()
    );
}

#[test]
fn a_bundle_file_windows_cannot_hold_is_an_error_naming_it() {
    let f = Fixture::new("minimal");
    f.write(
        "content/pages/doc/index.md",
        "---\ntitle: เอกสาร\n---\n\n{{ download(file=\"aux.pdf\", title=\"เอกสาร\") }}\n",
    );
    f.write("content/pages/doc/aux.pdf", "%PDF-1.4\n");
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("content/pages/doc/index.md:5:1: error"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("ชื่อ `aux.pdf` ใช้บน Windows ไม่ได้"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("`aux_.pdf`"), "{}", r.stderr);
    assert!(!f.root().join("dist/public").exists());
}

#[test]
fn two_pages_whose_names_differ_only_in_case_are_an_error_naming_both() {
    let f = Fixture::new("minimal");
    f.write(
        "content/pages/Report.md",
        "---\ntitle: หนึ่ง\n---\n\nข้อความ\n",
    );
    f.write(
        "content/pages/report.md",
        "---\ntitle: สอง\n---\n\nข้อความ\n",
    );
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("ต่างกันแค่ตัวพิมพ์เล็กใหญ่"), "{}", r.stderr);
    assert!(
        r.stderr.contains("content/pages/Report.md")
            && r.stderr.contains("content/pages/report.md"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("differ only in case"), "{}", r.stderr);
}
