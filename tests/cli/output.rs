//! The output folder never loses the user's files: wara prunes only what its
//! manifest says it wrote, refuses a folder with files it did not write and an
//! output folder inside the site, and a failed switch restores the previous output.

use std::fs;
use std::path::Path;

use super::{Fixture, snapshot};

/// Files a user keeps in a web root: none of them is wara's.
const FOREIGN: &[(&str, &str)] = &[
    ("public/index.php", "<?php phpinfo();"),
    ("public/.htaccess", "Options -Indexes"),
    ("public/photos/wedding.jpg", "JPEG-BYTES"),
    ("internal/passwords.kdbx", "KEEPASS"),
];

fn put(dir: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let p = dir.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
}

/// Every entry of a folder (files and folders), for "nothing else was left here".
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn build_out(f: &Fixture, out: &Path) -> super::Run {
    f.run(&["build", "--out", out.to_str().unwrap()])
}

#[test]
fn foreign_files_in_an_output_folder_without_manifest_are_refused_untouched() {
    let f = Fixture::new("minimal");
    let out = f.root().join("www");
    put(&out, FOREIGN);
    let before = snapshot(&out);
    let r = build_out(&f, &out);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("มีไฟล์อยู่แล้ว แต่ไม่มีบันทึกรายการไฟล์ของ wara"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("ไม่ได้แตะไฟล์ใดเลย"), "{}", r.stderr);
    assert!(
        r.stderr.contains("--out"),
        "says how to proceed: {}",
        r.stderr
    );
    assert_eq!(snapshot(&out), before);
    assert_eq!(
        names(&out),
        ["internal", "public"],
        "no lock or staging left"
    );
}

#[test]
fn an_old_dist_without_manifest_is_refused_with_how_to_proceed() {
    let f = Fixture::new("minimal");
    put(
        &f.root().join("dist"),
        &[
            ("public/index.html", "old wara"),
            ("internal/index.html", "old"),
        ],
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("ผลลัพธ์เก่าของ wara"), "{}", r.stderr);
    assert!(r.stderr.contains("rm -rf [ROOT]/dist"), "{}", r.stderr);
    assert_eq!(f.read("dist/public/index.html"), "old wara");
    // Once the user has emptied it, the build goes ahead.
    fs::remove_dir_all(f.root().join("dist")).unwrap();
    f.build();
}

#[test]
fn files_the_user_adds_to_the_output_survive_a_rebuild() {
    let f = Fixture::new("minimal");
    f.write("content/extra.md", "---\ntitle: เพิ่มเติม\n---\nข้อความ\n");
    f.build();
    let dist = f.root().join("dist");
    put(&dist, FOREIGN);
    fs::remove_file(f.root().join("content/extra.md")).unwrap();
    f.build();
    for (rel, text) in FOREIGN {
        assert_eq!(fs::read_to_string(dist.join(rel)).unwrap(), *text, "{rel}");
    }
    // What wara wrote before and no longer makes is pruned, folder and all.
    assert!(!dist.join("public/extra").exists());
    assert!(!dist.join("internal/extra").exists());
    assert!(!f.read("dist/public/sitemap.xml").contains("/extra/"));
}

#[test]
fn a_file_of_the_user_where_wara_must_write_is_not_overwritten() {
    let f = Fixture::new("minimal");
    f.build();
    put(
        &f.root().join("dist"),
        &[("public/extra/index.html", "MINE")],
    );
    let before = snapshot(&f.root().join("dist"));
    f.write("content/extra.md", "---\ntitle: เพิ่มเติม\n---\nข้อความ\n");
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("ไม่ได้สร้างโดย wara แต่ wara ต้องเขียนไฟล์ชื่อนี้"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(&f.root().join("dist")), before);
}

#[test]
fn output_inside_content_static_or_themes_is_refused() {
    let f = Fixture::new("minimal");
    for part in ["content", "static", "themes"] {
        let out = f.root().join(part).join("out");
        let r = build_out(&f, &out);
        assert_eq!(r.code, Some(2), "{part}: {}", r.stderr);
        assert!(
            r.stderr
                .contains(&format!("อยู่ในโฟลเดอร์ `{part}/` ของเว็บไซต์")),
            "{part}: {}",
            r.stderr
        );
        assert!(!out.exists(), "{part}: nothing written");
    }
    // A path that only looks outside is resolved first.
    let sneaky = f.root().join("dist/../static/out");
    assert_eq!(build_out(&f, &sneaky).code, Some(2));
    // The default `dist/` in the site root stays fine.
    f.build();
}

#[test]
fn wara_output_and_staging_folders_in_static_are_never_published() {
    let f = Fixture::new("minimal");
    f.write(
        "static/.well-known/security.txt",
        "Contact: it@example.go.th\n",
    );
    f.write("static/logo.svg", "<svg/>");
    // An output folder kept in static/ by an earlier wara, and its staging folder.
    f.write("static/old/.wara-manifest-internal", "{}");
    f.write("static/old/internal/staff/index.html", "INTERNAL-MARKER");
    f.write("static/.public.staging-4242/index.html", "INTERNAL-MARKER");
    for file in ["search-index.json", "deadlines.ics", "sitemap.xml"] {
        f.write(&format!("static/older/internal/{file}"), "INTERNAL-MARKER");
    }
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        f.root()
            .join("dist/public/.well-known/security.txt")
            .is_file()
    );
    assert!(f.root().join("dist/public/logo.svg").is_file());
    for (rel, bytes) in snapshot(&f.root().join("dist/public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("INTERNAL-MARKER"),
            "{rel} republishes an old output"
        );
    }
    assert!(r.stderr.contains("static/old: warning:"), "{}", r.stderr);
    assert!(r.stderr.contains("ไม่คัดลอกไปเผยแพร่"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn a_web_root_linked_as_the_public_folder_keeps_its_other_files() {
    let f = Fixture::new("minimal");
    let webroot = f.root().join("webroot");
    let out = f.root().join("out");
    fs::create_dir_all(&out).unwrap();
    put(&webroot, &[("index.php", "<?php")]);
    std::os::unix::fs::symlink(&webroot, out.join("public")).unwrap();
    // A web root with files wara did not write: refused, untouched.
    let r = build_out(&f, &out);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert_eq!(snapshot(&webroot).len(), 1);
    // An empty one is filled; the files the user adds later survive rebuilds and prunes.
    fs::remove_file(webroot.join("index.php")).unwrap();
    f.write("content/extra.md", "---\ntitle: เพิ่มเติม\n---\nข้อความ\n");
    assert_eq!(build_out(&f, &out).code, Some(0));
    assert!(webroot.join("extra/index.html").is_file());
    put(
        &webroot,
        &[("index.php", "<?php"), ("photos/wedding.jpg", "JPEG-BYTES")],
    );
    fs::remove_file(f.root().join("content/extra.md")).unwrap();
    let r = build_out(&f, &out);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        out.join("public")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(webroot.join("index.php")).unwrap(),
        "<?php"
    );
    assert_eq!(
        fs::read_to_string(webroot.join("photos/wedding.jpg")).unwrap(),
        "JPEG-BYTES"
    );
    assert!(
        !webroot.join("extra").exists(),
        "wara's removed page is pruned"
    );
    assert!(webroot.join("index.html").is_file());
    assert!(
        !webroot.join(".wara-manifest-public").exists(),
        "the manifest is not deployed"
    );
}

#[test]
fn a_failure_while_moving_the_output_in_restores_the_previous_output() {
    let f = Fixture::new("minimal");
    f.write("content/gone.md", "---\ntitle: หน้าเก่า\n---\nเดิม\n");
    f.build();
    let dist = f.root().join("dist");
    // A file of the user's where the new page's folder must go: the switch fails
    // after the home page, feed and sitemap (sorted before it) were moved in.
    put(&dist, &[("public/zz-new", "MINE")]);
    let before = snapshot(&dist);
    let names_before = names(&dist);
    f.write("content/zz-new.md", "---\ntitle: หน้าใหม่\n---\nใหม่\n");
    fs::remove_file(f.root().join("content/gone.md")).unwrap();
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("ต้องสร้างโฟลเดอร์ชื่อนี้"), "{}", r.stderr);
    assert!(r.stderr.contains("คืนผลลัพธ์ครั้งก่อนให้ครบแล้ว"), "{}", r.stderr);
    assert_eq!(snapshot(&dist), before, "previous output byte-identical");
    assert_eq!(names(&dist), names_before, "no staging folder left");
    // Moved out of the way, the next build goes through.
    fs::remove_file(dist.join("public/zz-new")).unwrap();
    f.build();
    assert!(f.read("dist/public/zz-new/index.html").contains("หน้าใหม่"));
    assert!(!dist.join("public/gone").exists());
}

#[test]
fn a_commit_cut_short_is_undone_and_stale_staging_removed_by_the_next_build() {
    let f = Fixture::new("minimal");
    f.build();
    let dist = f.root().join("dist");
    let before = snapshot(&dist);
    // The state a power cut leaves half way through a switch: the old home page
    // set aside, a new one moved in, the journal still there.
    let txn = dist.join(".wara-staging-999999");
    fs::create_dir_all(txn.join("old/public")).unwrap();
    fs::rename(
        dist.join("public/index.html"),
        txn.join("old/public/index.html"),
    )
    .unwrap();
    fs::write(dist.join("public/index.html"), "HALF-NEW").unwrap();
    fs::write(
        txn.join("journal"),
        r#"{"whole":[],"place":["public/index.html"],"remove":[]}"#,
    )
    .unwrap();
    // And a staging folder of a wara from before the journal.
    put(&dist, &[(".public.staging-31337/index.html", "stale")]);
    // A build that then fails on content still restores and cleans up first.
    f.write("content/broken.md", "---\ntitle: x\ndraft: yes\n---\n");
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(snapshot(&dist), before);
    assert!(!txn.exists() && !dist.join(".public.staging-31337").exists());
}
