//! Files pages refer to (SPEC §4, §6; issue 15 findings 2 and 3, issue 10 item 2):
//! only referenced files (or types site.yaml allows) leave a bundle, no reference
//! leaves content/ (symlinks included), and no public page uses an internal or
//! draft page's file.

use std::fs;
use std::path::Path;

use super::Fixture;

/// Every file under `dir`, relative, sorted (empty when the folder is missing).
fn files_under(dir: &Path) -> Vec<String> {
    super::snapshot(dir)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// Asserts no file under `dir` holds `marker`.
fn assert_no_marker(dir: &Path, marker: &str) {
    for rel in files_under(dir) {
        let bytes = fs::read(dir.join(&rel)).expect("read");
        assert!(
            !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
            "`{marker}` reached {}",
            dir.join(rel).display()
        );
    }
}

#[test]
fn a_bundle_publishes_only_its_page_and_what_it_refers_to() {
    let f = Fixture::new("bundle-junk");
    let r = f.build();
    for audience in ["public", "internal"] {
        let dir = f.root().join("dist").join(audience).join("docs/report");
        assert_eq!(
            files_under(&dir),
            vec!["files/คำสั่ง 2132.pdf".to_string(), "index.html".to_string()],
            "{audience}"
        );
    }
    for marker in [
        "DRAFTDOCX-MARKER",
        "LOCKFILE-MARKER",
        "THUMBS-MARKER",
        "BAKSOURCE-MARKER",
        "COPYPAGE-MARKER",
        "DESKTOPINI-MARKER",
        "TMP-MARKER",
        "DSSTORE-MARKER",
    ] {
        assert_no_marker(&f.root().join("dist"), marker);
    }
    // Named in warnings: the draft document, the source backup, the Explorer copy.
    assert!(r.stderr.contains("content/docs/report/ร่างรายงาน.docx:1:1: warning: ไม่เผยแพร่ `ร่างรายงาน.docx`: ไม่มีหน้าใดอ้างถึง"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/docs/report/index.md.bak:1:1: warning: ไม่เผยแพร่ `index.md.bak`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("content/docs/report/index - สำเนา.md:1:1: warning: `index - สำเนา.md` ไม่ใช่หน้า: โฟลเดอร์ของหน้า (bundle) มีหน้าเดียวคือ index.md"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("is not a page: a page folder (bundle) has one page"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("is not published: no page refers to it"),
        "{}",
        r.stderr
    );
    // Not the files Office and Windows make by themselves.
    for quiet in [
        "~$ร่างรายงาน",
        "Thumbs.db",
        "desktop.ini",
        "~WRL0001.tmp",
        ".DS_Store",
    ] {
        assert!(!r.stderr.contains(quiet), "{quiet} named:\n{}", r.stderr);
    }
    // The copy is not a page either.
    assert!(
        !f.root()
            .join("dist/public/docs/report/index - สำเนา")
            .exists()
    );
}

#[test]
fn an_explicit_reference_publishes_a_document_the_sweep_would_hold_back() {
    let f = Fixture::new("bundle-junk");
    f.write(
        "content/docs/report/index.md",
        "---\ntitle: รายงาน\n---\n\n{{ download(file=\"files/คำสั่ง 2132.pdf\") }}\n\n[ร่าง](ร่างรายงาน.docx)\n",
    );
    let r = f.build();
    assert!(!r.stderr.contains("`ร่างรายงาน.docx`"), "{}", r.stderr);
    assert!(
        f.root()
            .join("dist/public/docs/report/ร่างรายงาน.docx")
            .is_file()
    );
}

#[test]
fn site_yaml_publish_extensions_lets_a_type_out_but_never_a_copy() {
    let f = Fixture::new("bundle-junk");
    let yaml = fs::read_to_string(f.root().join("site.yaml")).expect("read");
    f.write(
        "site.yaml",
        &format!("{yaml}publish_extensions: [jpg, .PDF]\n"),
    );
    f.write("content/docs/report/photo.jpg", "jpeg");
    f.write("content/docs/report/photo - Copy.jpg", "jpeg copy");
    f.write("content/docs/report/scan (1).pdf", "pdf copy");
    let r = f.build();
    let dir = f.root().join("dist/public/docs/report");
    assert!(dir.join("photo.jpg").is_file());
    assert!(!dir.join("photo - Copy.jpg").exists());
    assert!(!dir.join("scan (1).pdf").exists());
    assert!(!dir.join("ร่างรายงาน.docx").exists());
    assert!(
        r.stderr
            .contains("warning: ไม่เผยแพร่ `photo - Copy.jpg`: ชื่อไฟล์ดูเหมือนสำเนา"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("warning: ไม่เผยแพร่ `scan (1).pdf`"),
        "{}",
        r.stderr
    );

    f.write("site.yaml", &format!("{yaml}publish_extensions: [md]\n"));
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("site.yaml:5:1: error: `publish_extensions` มีชนิดไฟล์ที่ใช้ไม่ได้: `md`"),
        "{}",
        r.stderr
    );
}

#[test]
fn check_strict_is_not_needed_for_warnings_to_leave_the_build_green() {
    // Warnings print and do not fail the build or the check.
    let f = Fixture::new("bundle-junk");
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("ร่างรายงาน.docx"), "{}", r.stderr);
}

/// The `refs` fixture with the home page replaced by `body`, checked by a build.
fn build_with_home(body: &str) -> (Fixture, super::Run) {
    let f = Fixture::new("refs");
    f.write(
        "content/_index.md",
        &format!("---\ntitle: หน้าแรก\n---\n\n{body}\n"),
    );
    let r = f.run(&["build"]);
    (f, r)
}

fn assert_refused(f: &Fixture, r: &super::Run, at: &str, message: &str) {
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{at}: error: {message}")),
        "wanted `{at}: error: {message}`:\n{}",
        r.stderr
    );
    for marker in ["INTERNALMARKER", "DRAFTMARKER", "OUTSIDEMARKER"] {
        assert_no_marker(&f.root().join("dist/public"), marker);
    }
}

#[test]
fn a_public_page_may_not_use_an_internal_pages_file() {
    for (body, col, path) in [
        (
            "{{ table(src=\"/staff/secret.yaml\") }}",
            1,
            "/staff/secret.yaml",
        ),
        (
            "{{ table(src=\"staff/secret.yaml\") }}",
            1,
            "staff/secret.yaml",
        ),
        (
            "{{ chart(src=\"staff/secret.yaml\", value=\"n\") }}",
            1,
            "staff/secret.yaml",
        ),
        (
            "{{ download(file=\"staff/files/secret.pdf\") }}",
            1,
            "staff/files/secret.pdf",
        ),
        (
            "{{ download(file=\"/staff/files/secret.pdf\") }}",
            1,
            "/staff/files/secret.pdf",
        ),
        (
            "ดู [ไฟล์](/staff/files/secret.pdf)",
            4,
            "/staff/files/secret.pdf",
        ),
        (
            "ดู [ไฟล์](staff/files/secret.pdf)",
            4,
            "staff/files/secret.pdf",
        ),
        (
            "![ภาพ](news/internal-b/secret.pdf)",
            1,
            "news/internal-b/secret.pdf",
        ),
    ] {
        let (f, r) = build_with_home(body);
        let owner = if path.contains("internal-b") {
            "/news/internal-b/"
        } else {
            "/staff/"
        };
        assert_refused(
            &f,
            &r,
            &format!("content/_index.md:5:{col}"),
            &format!("หน้าสาธารณะนี้ใช้ไฟล์ `{path}` ซึ่งเป็นของหน้าภายใน `{owner}`"),
        );
    }
}

#[test]
fn a_section_may_not_download_from_an_internal_or_draft_bundle() {
    let f = Fixture::new("refs");
    f.write(
        "content/news/_index.md",
        "---\ntitle: ข่าว\n---\n\n{{ download(file=\"internal-b/secret.pdf\") }}\n\n{{ download(file=\"draft-b/draft.pdf\") }}\n",
    );
    let r = f.run(&["build"]);
    assert_refused(
        &f,
        &r,
        "content/news/_index.md:5:1",
        "หน้าสาธารณะนี้ใช้ไฟล์ `internal-b/secret.pdf` ซึ่งเป็นของหน้าภายใน `/news/internal-b/`",
    );
    assert!(r.stderr.contains("content/news/_index.md:7:1: error: ไฟล์ `draft-b/draft.pdf` เป็นของหน้าฉบับร่าง `content/news/draft-b/index.md` (draft: true)"), "{}", r.stderr);
    assert!(!f.root().join("dist/public").exists());
}

#[test]
fn an_internal_page_may_use_a_public_file_and_its_own() {
    let f = Fixture::new("refs");
    f.write(
        "content/staff/logbook.md",
        "---\ntitle: บันทึก\n---\n\n{{ download(file=\"/news/pub-b/ok.pdf\") }}\n\n{{ table(src=\"secret.yaml\") }}\n",
    );
    f.build();
    assert!(f.root().join("dist/internal/news/pub-b/ok.pdf").is_file());
    assert!(
        f.root()
            .join("dist/internal/staff/logbook/secret.csv")
            .is_file()
    );
    assert_no_marker(&f.root().join("dist/public"), "INTERNALMARKER");
}

#[test]
fn a_nested_internal_bundle_inside_a_public_one_keeps_its_files() {
    let f = Fixture::new("refs");
    f.write(
        "content/news/pub-b/staff/index.md",
        "---\ntitle: ภายใน\naccess: internal\n---\n\n{{ download(file=\"note.pdf\") }}\n",
    );
    f.write("content/news/pub-b/staff/note.pdf", "INTERNALMARKER nested");
    // A second page file inside the public bundle is not a page: its download goes nowhere.
    f.write(
        "content/news/pub-b/staff-note.md",
        "---\ntitle: บันทึก\naccess: internal\n---\n\n{{ download(file=\"staff-only.pdf\") }}\n",
    );
    f.write("content/news/pub-b/staff-only.pdf", "INTERNALMARKER loose");
    let r = f.build();
    assert_no_marker(&f.root().join("dist/public"), "INTERNALMARKER");
    assert!(
        f.root()
            .join("dist/internal/news/pub-b/staff/note.pdf")
            .is_file()
    );
    assert!(
        r.stderr
            .contains("content/news/pub-b/staff-note.md:1:1: warning: `staff-note.md` ไม่ใช่หน้า"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("content/news/pub-b/staff-only.pdf:1:1: warning: ไม่เผยแพร่ `staff-only.pdf`"),
        "{}",
        r.stderr
    );

    f.write(
        "content/news/pub-b/index.md",
        "---\ntitle: ข่าวสาธารณะ\n---\n\n{{ download(file=\"staff/note.pdf\") }}\n",
    );
    let r = f.run(&["build"]);
    assert_refused(
        &f,
        &r,
        "content/news/pub-b/index.md:5:1",
        "หน้าสาธารณะนี้ใช้ไฟล์ `staff/note.pdf` ซึ่งเป็นของหน้าภายใน `/news/pub-b/staff/`",
    );
}

#[test]
fn content_index_md_is_the_home_section_not_a_bundle_of_everything() {
    let f = Fixture::new("refs");
    fs::remove_file(f.root().join("content/_index.md")).expect("rm");
    f.write("content/index.md", "---\ntitle: หน้าแรก\n---\n\nHome.\n");
    f.write("content/loose/INTERNALMARKER.txt", "INTERNALMARKER loose");
    let r = f.build();
    assert!(
        r.stderr
            .contains("content/index.md:1:1: warning: หน้าแรกควรชื่อ content/_index.md"),
        "{}",
        r.stderr
    );
    assert_no_marker(&f.root().join("dist/public"), "INTERNALMARKER");
    assert!(!f.root().join("dist/public/loose").exists());

    f.write(
        "content/index.md",
        "---\ntitle: หน้าแรก\n---\n\n{{ download(file=\"staff/files/secret.pdf\") }}\n",
    );
    let r = f.run(&["build"]);
    assert_refused(
        &f,
        &r,
        "content/index.md:5:1",
        "หน้าสาธารณะนี้ใช้ไฟล์ `staff/files/secret.pdf` ซึ่งเป็นของหน้าภายใน `/staff/`",
    );
}

#[test]
fn links_to_internal_pages_are_refused_relative_and_raw_html_too() {
    // Raw HTML never reaches the page (a warning at its line), so its link cannot either.
    let (f, r) = build_with_home("<p>ดู <a href=\"/staff/logbook/\">บันทึก</a></p>");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/_index.md:5:1: warning: HTML ที่พิมพ์ไว้ในเนื้อหาไม่ได้เผยแพร่"),
        "{}",
        r.stderr
    );
    assert!(!f.read("dist/public/index.html").contains("/staff/logbook/"));
    for (body, col) in [
        ("ดู [บันทึก](staff/logbook/)", 4),
        ("ดู [บันทึก](./staff/logbook)", 4),
    ] {
        let (f, r) = build_with_home(body);
        assert_refused(
            &f,
            &r,
            &format!("content/_index.md:5:{col}"),
            "หน้าสาธารณะนี้ลิงก์ไปยังหน้าภายใน `/staff/logbook/`",
        );
    }
    let f = Fixture::new("refs");
    f.write(
        "content/news/pub-b/index.md",
        "---\ntitle: ข่าว\n---\n\n[กลับ](../../staff/logbook/)\n",
    );
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/news/pub-b/index.md:5:1: error: หน้าสาธารณะนี้ลิงก์ไปยังหน้าภายใน `/staff/logbook/`"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn dot_dot_and_missing_references_are_errors_at_their_line() {
    let (f, r) = build_with_home("{{ download(file=\"../site.yaml\") }}\n\n![ภาพ](missing.jpg)");
    assert_refused(
        &f,
        &r,
        "content/_index.md:5:1",
        "`../site.yaml` ใช้ `..` ซึ่งอาจออกนอกโฟลเดอร์ content/",
    );
    assert!(
        r.stderr.contains(
            "content/_index.md:7:1: error: ไม่พบภาพ `missing.jpg`: ไม่มีไฟล์ `content/missing.jpg`"
        ),
        "{}",
        r.stderr
    );
    let (f, r) = build_with_home("{{ download(file=\"staff\") }}");
    assert_refused(&f, &r, "content/_index.md:5:1", "`staff` ไม่ใช่ไฟล์ธรรมดา");
}

#[cfg(unix)]
mod symlinks {
    use std::os::unix::fs::symlink;

    use super::*;

    /// The `refs` fixture with a file and a folder outside the site holding a marker.
    fn attacked() -> (Fixture, tempfile::TempDir) {
        let f = Fixture::new("refs");
        let outside = tempfile::tempdir().expect("temp dir");
        fs::write(outside.path().join("marker.txt"), "OUTSIDEMARKER secret").expect("write");
        fs::create_dir(outside.path().join("etc")).expect("mkdir");
        fs::write(
            outside.path().join("etc/passwd"),
            "OUTSIDEMARKER root:x:0:0",
        )
        .expect("write");
        fs::write(
            outside.path().join("table.yaml"),
            "title: OUTSIDEMARKER\ncolumns:\n  - {key: a, label: OUTSIDEMARKER, type: text}\nrows:\n  - {a: OUTSIDEMARKER}\n",
        )
        .expect("write");
        (f, outside)
    }

    fn page(f: &Fixture, body: &str) -> super::super::Run {
        f.write(
            "content/news/pub-b/index.md",
            &format!("---\ntitle: ข่าว\n---\n\n{{{{ download(file=\"ok.pdf\") }}}}\n\n{body}\n"),
        );
        f.run(&["build"])
    }

    #[test]
    fn a_symlink_to_a_file_outside_the_site_is_refused_at_its_reference() {
        let (f, outside) = attacked();
        let b = f.root().join("content/news/pub-b");
        symlink(outside.path().join("marker.txt"), b.join("leak.pdf")).expect("symlink");
        symlink(outside.path().join("table.yaml"), b.join("leak.yaml")).expect("symlink");
        for (body, col) in [
            ("{{ download(file=\"leak.pdf\") }}", 1),
            ("{{ table(src=\"leak.yaml\") }}", 1),
            ("{{ chart(src=\"leak.yaml\", value=\"a\") }}", 1),
            ("ดู [ไฟล์](leak.pdf)", 4),
            ("![ภาพ](leak.pdf)", 1),
            ("ดู [ไฟล์](/news/pub-b/leak.pdf)", 4),
        ] {
            let r = page(&f, body);
            let shown = body
                .split('"')
                .nth(1)
                .or_else(|| body.split(['(', ')']).nth(1))
                .unwrap_or_default();
            assert_refused(
                &f,
                &r,
                &format!("content/news/pub-b/index.md:7:{col}"),
                &format!("`{shown}` เป็น symbolic link (ทางลัด) ที่ชี้ออกนอกโฟลเดอร์ content/"),
            );
        }
        // In a contest's documents too, at the file's line.
        f.write(
            "content/contests/c/index.md",
            "---\ntitle: ประกวด\ndocuments:\n  - {file: leak.pdf, title: ไฟล์}\n---\n\nx\n",
        );
        symlink(
            outside.path().join("marker.txt"),
            f.root().join("content/contests/c/leak.pdf"),
        )
        .expect("symlink");
        let r = f.run(&["build"]);
        assert_refused(
            &f,
            &r,
            "content/contests/c/index.md:4:12",
            "`leak.pdf` เป็น symbolic link",
        );
    }

    #[test]
    fn a_symlinked_folder_outside_the_site_and_proc_are_refused() {
        let (f, outside) = attacked();
        let b = f.root().join("content/news/pub-b");
        symlink(outside.path().join("etc"), b.join("etc")).expect("symlink");
        symlink("/proc/self/environ", b.join("env.txt")).expect("symlink");
        let r = page(&f, "{{ download(file=\"etc/passwd\") }}");
        assert_refused(
            &f,
            &r,
            "content/news/pub-b/index.md:7:1",
            "`etc/passwd` เป็น symbolic link",
        );
        let r = page(&f, "{{ download(file=\"env.txt\") }}");
        assert_refused(
            &f,
            &r,
            "content/news/pub-b/index.md:7:1",
            "`env.txt` เป็น symbolic link",
        );
    }

    #[test]
    fn a_symlink_into_the_internal_folder_carries_the_internal_access() {
        let (f, _outside) = attacked();
        symlink("../../staff", f.root().join("content/news/pub-b/staff")).expect("symlink");
        symlink(
            "../../staff/files/secret.pdf",
            f.root().join("content/news/pub-b/report.pdf"),
        )
        .expect("symlink");
        for (body, path) in [
            (
                "{{ download(file=\"staff/files/secret.pdf\") }}",
                "staff/files/secret.pdf",
            ),
            ("{{ download(file=\"report.pdf\") }}", "report.pdf"),
            (
                "{{ table(src=\"staff/secret.yaml\") }}",
                "staff/secret.yaml",
            ),
        ] {
            let r = page(&f, body);
            assert_refused(
                &f,
                &r,
                "content/news/pub-b/index.md:7:1",
                &format!("หน้าสาธารณะนี้ใช้ไฟล์ `{path}` ซึ่งเป็นของหน้าภายใน `/staff/`"),
            );
        }
    }

    #[test]
    fn symlinks_found_in_a_bundle_are_never_published_unreferenced() {
        let (f, outside) = attacked();
        let yaml = fs::read_to_string(f.root().join("site.yaml")).expect("read");
        f.write(
            "site.yaml",
            &format!("{yaml}publish_extensions: [pdf, txt]\n"),
        );
        let b = f.root().join("content/news/pub-b");
        symlink(outside.path().join("marker.txt"), b.join("leak.pdf")).expect("symlink");
        symlink(outside.path().join("etc"), b.join("etc")).expect("symlink");
        symlink("../../staff/files/secret.pdf", b.join("inside.pdf")).expect("symlink");
        let r = f.build();
        assert_no_marker(&f.root().join("dist/public"), "OUTSIDEMARKER");
        assert_no_marker(&f.root().join("dist/public"), "INTERNALMARKER");
        assert_no_marker(&f.root().join("dist/internal"), "OUTSIDEMARKER");
        assert!(f.root().join("dist/public/news/pub-b/ok.pdf").is_file());
        assert!(r.stderr.contains("content/news/pub-b/leak.pdf:1:1: warning: ไม่เผยแพร่ `leak.pdf`: เป็นทางลัด (symbolic link) ที่ชี้ออกนอก content/"), "{}", r.stderr);
    }
}

/// Files whose names hold `%` are linked so that a browser (and nginx) decodes the
/// link back to the real name: `a%20b.pdf` is not `a b.pdf`, `%2e%2e.pdf` is not `..`.
#[test]
fn file_names_with_percent_signs_get_links_that_decode_to_them() {
    let f = Fixture::new("minimal");
    f.write(
        "content/news/a/index.md",
        "---\ntitle: ข่าว\n---\n\n{{ download(file=\"a%20b.pdf\", title=\"ก\") }}\n\n{{ download(file=\"%2e%2e.pdf\", title=\"ข\") }}\n",
    );
    f.write("content/news/a/a%20b.pdf", "%PDF-1.4 a");
    f.write("content/news/a/%2e%2e.pdf", "%PDF-1.4 b");
    f.build();
    let html = f.read("dist/public/news/a/index.html");
    let mut hrefs: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.ends_with(".pdf"))
        .collect();
    hrefs.sort_unstable();
    hrefs.dedup();
    assert_eq!(hrefs, ["/news/a/%252e%252e.pdf", "/news/a/a%2520b.pdf"]);
    for h in hrefs {
        let decoded: Vec<u8> = percent_encoding::percent_decode_str(h).collect();
        let rel = String::from_utf8(decoded).expect("utf-8");
        assert!(
            f.root()
                .join("dist/public")
                .join(rel.trim_start_matches('/'))
                .is_file(),
            "{h} does not lead to a file"
        );
    }
}

/// A link is checked against the static files the build publishes: a symlink in `static/`
/// is not published (links are never followed), so a link to it is reported.
#[cfg(unix)]
#[test]
fn a_link_to_a_symlink_in_static_is_reported_as_missing() {
    let f = Fixture::new("minimal");
    f.write("static/real.txt", "real\n");
    std::os::unix::fs::symlink(
        f.root().join("static/real.txt"),
        f.root().join("static/link.txt"),
    )
    .unwrap();
    f.write(
        "content/p.md",
        "---\ntitle: P\n---\n[จริง](/real.txt)\n\n[ลิงก์](/link.txt)\n",
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("content/p.md:6:1: warning: ลิงก์ไปยัง `/link.txt`: ไม่มีไฟล์นี้ในเว็บไซต์"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("`/real.txt`"), "{}", r.stderr);
    let public = f.root().join("dist/public");
    assert!(public.join("real.txt").is_file());
    assert!(!public.join("link.txt").exists());
}
