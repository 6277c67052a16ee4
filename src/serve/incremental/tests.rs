//! Incremental rebuilds (what `serve` uses): one edited page re-renders that page and every
//! listing that shows it, and nothing else changes; a broken edit keeps the last good page.

use std::fs;
use std::path::Path;

use super::*;
use crate::diag::Diagnostics;

/// A copy of a site: `tests/fixtures/<name>`, or for `"."` the repository's own site
/// (configuration, content, static files and theme only).
fn site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if name == "." {
        for part in ["site.yaml", "content", "static", "themes"] {
            if repo.join(part).exists() {
                copy_tree(&repo.join(part), &dir.path().join(part));
            }
        }
    } else {
        copy_tree(&repo.join("tests/fixtures").join(name), dir.path());
    }
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        if rel.components().any(|c| c.as_os_str() == "dist") {
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

fn options(root: &Path, audience: Audience) -> BuildOptions {
    let mut opts = BuildOptions::new(root);
    opts.out = root.join("serve-out");
    opts.audiences = vec![audience];
    opts
}

fn built(outcome: anyhow::Result<BuildOutcome>) -> BuildReport {
    match outcome.expect("no environment error") {
        BuildOutcome::Built(r) => r,
        BuildOutcome::Failed(d) => panic!("build failed:\n{}", d.render()),
    }
}

#[test]
fn edited_minutes_title_reaches_page_archive_year_home_and_feed() {
    let dir = site(".");
    let root = dir.path();
    let opts = options(root, Audience::Public);
    let out = opts.out.join("public");
    let mut inc = Incremental::new();
    built(inc.build(&opts, None));
    let about_before = fs::read(out.join("pages/about/index.html")).unwrap();

    let page = root.join("content/minutes/2563/05/index.md");
    let text = fs::read_to_string(&page).unwrap();
    let edited = text.replacen("title: ", "title: แก้ไขแล้ว EDITMARK ", 1);
    fs::write(&page, edited).unwrap();
    let report = built(inc.build(&opts, Some(std::slice::from_ref(&page))));
    assert_eq!(report.pages, 1, "one page changed");
    for file in [
        "minutes/2563/05/index.html",
        "minutes/index.html",
        "minutes/2563/index.html",
        "index.html",
        "feed.xml",
        "search-index.json",
    ] {
        let body = fs::read_to_string(out.join(file)).unwrap();
        assert!(body.contains("EDITMARK"), "{file} not updated");
    }
    assert_eq!(
        fs::read(out.join("pages/about/index.html")).unwrap(),
        about_before,
        "unrelated page rewritten"
    );
    // The search index still has every page, not only the re-rendered ones.
    let index = fs::read_to_string(out.join("search-index.json")).unwrap();
    assert!(index.contains("/pages/about/"), "{index}");

    // A broken edit is reported at its line and changes nothing.
    fs::write(&page, "---\ntitle: x\ndraft: yes\n---\n").unwrap();
    match inc.build(&opts, Some(std::slice::from_ref(&page))).unwrap() {
        BuildOutcome::Failed(d) => assert!(
            d.render()
                .starts_with("content/minutes/2563/05/index.md:3:"),
            "{}",
            d.render()
        ),
        BuildOutcome::Built(_) => panic!("a broken page built"),
    }
    assert!(
        fs::read_to_string(out.join("minutes/2563/05/index.html"))
            .unwrap()
            .contains("EDITMARK")
    );
}

#[test]
fn an_edit_names_the_page_and_a_new_file_or_config_change_asks_for_a_full_rebuild() {
    let dir = site("minimal");
    let root = dir.path();
    fs::write(root.join("content/a.md"), "---\ntitle: A\n---\n").unwrap();
    let mut d = Diagnostics::new();
    let mut s = Session::open(root, None, false, &mut d).expect("site opens");
    fs::write(root.join("content/a.md"), "---\ntitle: A2\n---\n").unwrap();
    assert_eq!(
        s.update(&[root.join("content/a.md")], &mut d),
        Update::Pages(vec!["/a/".to_owned()])
    );
    fs::write(root.join("content/new.md"), "---\ntitle: new\n---\n").unwrap();
    assert_eq!(
        s.update(&[root.join("content/new.md")], &mut d),
        Update::Full
    );
    assert_eq!(s.update(&[root.join("site.yaml")], &mut d), Update::Full);
}

#[test]
fn serve_builds_keep_last_good_page_and_report_errors_until_fixed() {
    let dir = site("minimal");
    let root = dir.path();
    let write = |p: &str, text: &str| fs::write(root.join(p), text).unwrap();
    write("content/a.md", "---\ntitle: A\n---\nAAA-ONE\n");
    write("content/b.md", "---\ntitle: B\n---\nBBB-ONE\n");
    let opts = options(root, Audience::Internal);
    let mut inc = Incremental::new();
    built(inc.build(&opts, None));
    let a = root.join("content/a.md");
    let b = root.join("content/b.md");
    let read = |p: &str| fs::read_to_string(root.join("serve-out/internal").join(p)).unwrap();

    write("content/a.md", "---\ntitle: A\n---\nAAA-TWO\n");
    let r = built(inc.build(&opts, Some(std::slice::from_ref(&a))));
    assert!(r.pages < 5, "only affected pages");
    assert!(read("a/index.html").contains("AAA-TWO"));

    write("content/a.md", "---\ntitle: A\nbad: 1\n---\nAAA-THREE\n");
    assert!(matches!(
        inc.build(&opts, Some(std::slice::from_ref(&a))).unwrap(),
        BuildOutcome::Failed(_)
    ));
    assert!(
        read("a/index.html").contains("AAA-TWO"),
        "last good page kept"
    );

    write("content/b.md", "---\ntitle: B\n---\nBBB-TWO\n");
    match inc.build(&opts, Some(std::slice::from_ref(&b))).unwrap() {
        BuildOutcome::Failed(d) => {
            assert!(d.render().contains("content/a.md:3:1"), "{}", d.render())
        }
        BuildOutcome::Built(_) => panic!("a.md is still broken"),
    }
    assert!(read("b/index.html").contains("BBB-TWO"));

    write("content/a.md", "---\ntitle: A\n---\nAAA-FOUR\n");
    built(inc.build(&opts, Some(std::slice::from_ref(&a))));
    assert!(read("a/index.html").contains("AAA-FOUR"));
}

#[test]
fn after_a_panic_the_next_build_is_full_and_loses_no_edit() {
    let dir = site("minimal");
    let root = dir.path();
    let write = |p: &str, text: &str| fs::write(root.join(p), text).unwrap();
    write("content/a.md", "---\ntitle: A\n---\nAAA-ONE\n");
    write("content/b.md", "---\ntitle: B\n---\nBBB-ONE\n");
    let opts = options(root, Audience::Internal);
    let mut inc = Incremental::new();
    let full = built(inc.build(&opts, None));
    let a = root.join("content/a.md");
    let b = root.join("content/b.md");
    let read = |p: &str| fs::read_to_string(root.join("serve-out/internal").join(p)).unwrap();

    // The edit of a.md is reloaded, then the build panics before rendering it.
    write("content/a.md", "---\ntitle: A\n---\nAAA-TWO\n");
    inc.panic_after_update = true;
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        inc.build(&opts, Some(std::slice::from_ref(&a)))
    }));
    assert!(caught.is_err(), "the injected panic");
    inc.panic_after_update = false;

    // An edit of b.md alone: the build after the panic renders a.md's edit too.
    write("content/b.md", "---\ntitle: B\n---\nBBB-TWO\n");
    let r = built(inc.build(&opts, Some(std::slice::from_ref(&b))));
    assert_eq!(r.pages, full.pages, "a full build");
    assert!(read("a/index.html").contains("AAA-TWO"), "a.md's edit lost");
    assert!(read("b/index.html").contains("BBB-TWO"));
    let index = read("search-index.json");
    assert!(
        index.contains("AAA-TWO") && index.contains("BBB-TWO"),
        "{index}"
    );
}

#[test]
fn a_page_made_public_in_a_folder_of_internal_pages_is_published() {
    // No `_index.md` in notes/: its section page is made, internal because all its pages are.
    let dir = site("minimal");
    let root = dir.path();
    let write = |p: &str, text: &str| {
        fs::create_dir_all(root.join(p).parent().unwrap()).unwrap();
        fs::write(root.join(p), text).unwrap()
    };
    write(
        "content/notes/a.md",
        "---\ntitle: A\naccess: internal\n---\nAAA\n",
    );
    write(
        "content/notes/b.md",
        "---\ntitle: B\naccess: internal\n---\nBBB\n",
    );
    let opts = options(root, Audience::Public);
    let mut inc = Incremental::new();
    built(inc.build(&opts, None));
    let public = root.join("serve-out/public");
    assert!(!public.join("notes/a/index.html").exists());

    write(
        "content/notes/a.md",
        "---\ntitle: A\naccess: public\n---\nAAA\n",
    );
    let a = root.join("content/notes/a.md");
    built(inc.build(&opts, Some(std::slice::from_ref(&a))));
    let page = fs::read_to_string(public.join("notes/a/index.html")).expect("a published");
    assert!(page.contains("AAA"));
}
