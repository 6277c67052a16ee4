//! Incremental rebuilds (what `serve` uses): one edited page re-renders that page and every
//! listing that shows it, and nothing else changes; a broken edit keeps the last good page.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::*;
use crate::diag::Diagnostics;
use crate::test_support::fixtures::copy_site as site;

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

/// The minimal site with two pages, a.md (AAA-ONE) and b.md (BBB-ONE), built once for
/// the staff portal; the first build's report.
struct TwoPages {
    dir: tempfile::TempDir,
    opts: BuildOptions,
    inc: Incremental,
    first: BuildReport,
}

impl TwoPages {
    fn new() -> TwoPages {
        let dir = site("minimal");
        let write = |p: &str, text: &str| fs::write(dir.path().join(p), text).unwrap();
        write("content/a.md", "---\ntitle: A\n---\nAAA-ONE\n");
        write("content/b.md", "---\ntitle: B\n---\nBBB-ONE\n");
        let opts = options(dir.path(), Audience::Internal);
        let mut inc = Incremental::new();
        let first = built(inc.build(&opts, None));
        TwoPages {
            dir,
            opts,
            inc,
            first,
        }
    }

    /// Write `text` to content/`name`; its path, for `build`.
    fn edit(&self, name: &str, text: &str) -> std::path::PathBuf {
        let path = self.dir.path().join("content").join(name);
        fs::write(&path, text).unwrap();
        path
    }

    fn build(&mut self, changed: &Path) -> anyhow::Result<BuildOutcome> {
        self.inc.build(&self.opts, Some(&[changed.to_path_buf()]))
    }

    fn read(&self, p: &str) -> String {
        fs::read_to_string(self.dir.path().join("serve-out/internal").join(p)).unwrap()
    }
}

#[test]
fn serve_builds_keep_last_good_page_and_report_errors_until_fixed() {
    let mut t = TwoPages::new();
    let a = t.edit("a.md", "---\ntitle: A\n---\nAAA-TWO\n");
    let r = built(t.build(&a));
    assert!(r.pages < 5, "only affected pages");
    assert!(t.read("a/index.html").contains("AAA-TWO"));

    t.edit("a.md", "---\ntitle: A\nbad: 1\n---\nAAA-THREE\n");
    assert!(matches!(t.build(&a).unwrap(), BuildOutcome::Failed(_)));
    assert!(
        t.read("a/index.html").contains("AAA-TWO"),
        "last good page kept"
    );

    let b = t.edit("b.md", "---\ntitle: B\n---\nBBB-TWO\n");
    match t.build(&b).unwrap() {
        BuildOutcome::Failed(d) => {
            assert!(d.render().contains("content/a.md:3:1"), "{}", d.render())
        }
        BuildOutcome::Built(_) => panic!("a.md is still broken"),
    }
    assert!(t.read("b/index.html").contains("BBB-TWO"));

    t.edit("a.md", "---\ntitle: A\n---\nAAA-FOUR\n");
    built(t.build(&a));
    assert!(t.read("a/index.html").contains("AAA-FOUR"));
}

#[test]
fn after_a_panic_the_next_build_is_full_and_loses_no_edit() {
    let mut t = TwoPages::new();
    // The edit of a.md is reloaded, then the build panics before rendering it.
    let a = t.edit("a.md", "---\ntitle: A\n---\nAAA-TWO\n");
    t.inc.panic_after_update = true;
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.build(&a)));
    assert!(caught.is_err(), "the injected panic");
    t.inc.panic_after_update = false;

    // An edit of b.md alone: the build after the panic renders a.md's edit too.
    let b = t.edit("b.md", "---\ntitle: B\n---\nBBB-TWO\n");
    let r = built(t.build(&b));
    assert_eq!(r.pages, t.first.pages, "a full build");
    assert!(
        t.read("a/index.html").contains("AAA-TWO"),
        "a.md's edit lost"
    );
    assert!(t.read("b/index.html").contains("BBB-TWO"));
    let index = t.read("search-index.json");
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

/// Every file of an output folder but wara's own bookkeeping, by path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if !rel.starts_with(".wara") {
                    out.insert(rel, fs::read(&path).unwrap());
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The Lopburi site served for the public, built once; edits of minutes 5/2563.
struct Lopburi {
    dir: tempfile::TempDir,
    opts: BuildOptions,
    inc: Incremental,
}

const MINUTES: &str = "content/minutes/2563/05/index.md";

impl Lopburi {
    fn new() -> Lopburi {
        Lopburi::with(&[])
    }

    /// The Lopburi site with `extra` files (path, text) added before its first build.
    fn with(extra: &[(&str, &str)]) -> Lopburi {
        let dir = site(".");
        for (path, text) in extra {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let opts = options(dir.path(), Audience::Public);
        let mut inc = Incremental::new();
        built(inc.build(&opts, None));
        Lopburi { dir, opts, inc }
    }

    /// Replace `from` by `to` in minutes 5/2563 and build incrementally.
    fn edit(&mut self, from: &str, to: &str) -> BuildReport {
        let page = self.dir.path().join(MINUTES);
        let text = fs::read_to_string(&page).unwrap();
        assert!(text.contains(from), "{from} not in the page");
        fs::write(&page, text.replacen(from, to, 1)).unwrap();
        built(
            self.inc
                .build(&self.opts, Some(std::slice::from_ref(&page))),
        )
    }

    fn out(&self) -> std::path::PathBuf {
        self.opts.out.join("public")
    }

    /// A file of the served output, as text.
    fn read(&self, file: &str) -> String {
        fs::read_to_string(self.out().join(file)).unwrap()
    }

    /// The incremental output equals a full build of the same sources, file for file.
    fn assert_same_as_full_build(&self) {
        let mut opts = self.opts.clone();
        opts.out = self.dir.path().join("full-out");
        built(Incremental::new().build(&opts, None));
        let (full, served) = (tree(&opts.out.join("public")), tree(&self.out()));
        let differ: std::collections::BTreeSet<&String> = full
            .keys()
            .chain(served.keys())
            .filter(|k| full.get(*k) != served.get(*k))
            .collect();
        assert!(differ.is_empty(), "stale after the edit: {differ:?}");
        // The manifest serve keeps in memory between edits is the one a full build writes.
        let manifest = |out: &Path| fs::read_to_string(out.join(".wara-manifest-public")).unwrap();
        assert_eq!(manifest(&self.opts.out), manifest(&opts.out), "manifest");
    }

    fn mtimes(&self, files: &[&str]) -> Vec<std::time::SystemTime> {
        files
            .iter()
            .map(|f| {
                fs::metadata(self.out().join(f))
                    .unwrap()
                    .modified()
                    .unwrap()
            })
            .collect()
    }
}

#[test]
fn an_edited_title_reaches_every_listing_that_shows_it() {
    let mut t = Lopburi::new();
    let report = t.edit("title: ", "title: แก้ไขแล้ว EDITMARK ");
    assert_eq!(report.pages, 1, "an incremental build");
    for file in [
        "tags/TPMAP/index.html",
        "deadlines/index.html",
        "deadlines.ics",
        "feed.xml",
    ] {
        let body = t.read(file);
        assert!(body.contains("EDITMARK"), "{file} not updated");
    }
    t.assert_same_as_full_build();
}

#[test]
fn an_edited_tag_reaches_the_old_and_new_tag_pages_and_the_tag_index() {
    let mut t = Lopburi::new();
    let report = t.edit("tags: [", "tags: [แท็กใหม่EDIT, ");
    assert_eq!(report.pages, 1, "an incremental build");
    let tags = t.read("tags/index.html");
    assert!(tags.contains("แท็กใหม่EDIT"), "{tags}");
    t.assert_same_as_full_build();
    // A tag that no other page has: its page goes, which a full build does.
    t.edit("แท็กใหม่EDIT, ", "");
    assert!(!t.read("tags/index.html").contains("แท็กใหม่EDIT"));
    t.assert_same_as_full_build();
}

#[test]
fn a_meeting_renumbered_before_another_relinks_both_and_later_edits_see_the_new_order() {
    const SIXTH: &str = "content/minutes/2563/06/index.md";
    let mut t = Lopburi::with(&[(
        SIXTH,
        "---\ntitle: ประชุมครั้งที่ ๖\nmeeting: \"6/2563\"\ndate: 2020-06-11\n---\n\nหกNEW\n",
    )]);
    let sixth = t.dir.path().join(SIXTH);
    let text = fs::read_to_string(&sixth).unwrap();
    fs::write(&sixth, text.replace("6/2563", "3/2563")).unwrap();
    let report = built(t.inc.build(&t.opts, Some(std::slice::from_ref(&sixth))));
    assert_eq!(report.pages, 1, "an incremental build");
    let sixth_page = t.read("minutes/2563/06/index.html");
    assert!(
        sixth_page.contains(r#"rel="next" href="/minutes/2563/05/""#),
        "3/2563 is now before 5/2563"
    );
    t.assert_same_as_full_build();
    // Kept between edits, the minutes' order is the new one for the next edit too.
    t.edit("title: ", "title: EDITMARK ");
    t.assert_same_as_full_build();
}

#[test]
fn an_edit_that_leaves_the_text_as_it_was_does_not_remake_the_search_index() {
    let mut t = Lopburi::new();
    let before = t.mtimes(&["search-index.json"]);
    let report = t.edit("รับรองรายงานการประชุม", "**รับรองรายงานการประชุม**");
    assert_eq!(
        t.mtimes(&["search-index.json"]),
        before,
        "search index rewritten"
    );
    assert!(
        t.read("minutes/2563/05/index.html")
            .contains("<strong>รับรองรายงานการประชุม</strong>")
    );
    // The page and its bundle's 11 files.
    assert_eq!(report.files, 12, "files made");
    t.assert_same_as_full_build();
}

#[test]
fn an_edited_date_reorders_listings_feed_sitemap_and_neighbours() {
    let mut t = Lopburi::new();
    let report = t.edit("date: 2020-05-14", "date: 2020-12-30");
    assert_eq!(report.pages, 1, "an incremental build");
    let sitemap = t.read("sitemap.xml");
    assert!(sitemap.contains("2020-12-30"), "{sitemap}");
    t.assert_same_as_full_build();
}

#[test]
fn an_edited_deadline_reaches_the_deadlines_page_calendar_and_home() {
    let mut t = Lopburi::new();
    let report = t.edit(
        "deadline(date=\"2020-05-18\", task=\"",
        "deadline(date=\"2020-05-19\", task=\"DEADLINEEDIT ",
    );
    assert_eq!(report.pages, 1, "an incremental build");
    for file in ["deadlines/index.html", "deadlines.ics"] {
        let body = t.read(file);
        assert!(body.contains("DEADLINEEDIT"), "{file} not updated");
    }
    t.assert_same_as_full_build();
}

#[test]
fn an_edit_of_the_body_alone_rewrites_the_page_and_search_index_only() {
    let mut t = Lopburi::new();
    let listings = [
        "tags/TPMAP/index.html",
        "tags/index.html",
        "minutes/index.html",
        "minutes/2563/index.html",
        "index.html",
        "feed.xml",
        "sitemap.xml",
        "deadlines/index.html",
        "deadlines.ics",
    ];
    let before = t.mtimes(&listings);
    let report = t.edit("รับรองรายงานการประชุม", "BODYEDIT รับรองรายงานการประชุม");
    assert_eq!(t.mtimes(&listings), before, "a listing was rewritten");
    assert!(t.read("minutes/2563/05/index.html").contains("BODYEDIT"));
    assert!(t.read("search-index.json").contains("BODYEDIT"));
    // The page, its bundle's 11 files and the search index: no listing, tag page or feed
    // was made again (the sink counts files made, written or found unchanged).
    assert_eq!(report.files, 13, "files made");
    t.assert_same_as_full_build();
}

#[test]
fn a_failed_edit_leaves_the_search_entries_of_the_index_on_disk() {
    // The failed build's entry (with FAILMARK) never reached search-index.json; the fix
    // gives the same entry again, which must still be written.
    let mut t = Lopburi::new();
    let page = t.dir.path().join(MINUTES);
    let text = fs::read_to_string(&page).unwrap();
    let broken = format!("{text}\nFAILMARK [ลิงก์](/no-such-page/)\n");
    fs::write(&page, &broken).unwrap();
    let outcome = t
        .inc
        .build(&t.opts, Some(std::slice::from_ref(&page)))
        .unwrap();
    assert!(matches!(outcome, BuildOutcome::Failed(_)), "a missing page");
    assert!(!t.read("search-index.json").contains("FAILMARK"));
    t.edit("(/no-such-page/)", "(/minutes/)");
    let written = t.read("search-index.json");
    assert!(written.contains("FAILMARK"), "search index not rewritten");
    t.assert_same_as_full_build();
}

/// Over 1,000 deadlines, `/deadlines/` has a page per year, which the sitemap lists: a
/// deadline moved into a year of its own makes that year's page and its sitemap entry, as a
/// full build does.
#[test]
fn a_deadline_moved_to_a_new_year_on_a_site_of_many_deadlines_gets_its_year_page() {
    let mut many = String::from("---\ntitle: กำหนดมากมาย\ndate: 2021-01-05\n---\n\n");
    for i in 0..1_000 {
        many.push_str(&format!(
            "- งาน {i} {{{{ deadline(date=\"2021-{:02}-{:02}\", task=\"งาน {i}\") }}}}\n",
            1 + i % 12,
            1 + i % 28
        ));
    }
    let mut t = Lopburi::with(&[("content/many.md", &many)]);
    assert!(!t.out().join("deadlines/2562").exists());
    t.edit(
        "deadline(date=\"2020-05-18\", task=\"",
        "deadline(date=\"2019-05-18\", task=\"",
    );
    assert!(t.read("deadlines/2562/index.html").contains("2019-05-18"));
    assert!(t.read("sitemap.xml").contains("/deadlines/2562/</loc>"));
    t.assert_same_as_full_build();
}

/// A tag of more than 100 pages has pages of its own (`/tags/TPMAP/page/3/`), which the
/// sitemap lists: an edit that takes the tag to fewer pages removes the last one, one that
/// gives it more makes it, and one that moves a page within it remakes every page of the tag,
/// as a full build does.
#[test]
fn an_edit_of_a_paged_tag_remakes_its_pages_as_a_full_build_does() {
    let extra: Vec<(String, String)> = (1..=200)
        .map(|i| {
            (
                format!("content/pages/tpmap-{i:03}.md"),
                format!(
                    "---\ntitle: TPMAP {i}\ndate: 2019-{:02}-{:02}\ntags: [TPMAP]\n---\n\nข้อความ\n",
                    1 + i % 12,
                    1 + i % 28
                ),
            )
        })
        .collect();
    let extra: Vec<(&str, &str)> = extra
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    // 200 pages and minutes 5/2563 (the newest, first): three pages.
    let mut t = Lopburi::with(&extra);
    assert!(t.read("tags/TPMAP/page/3/index.html").contains("TPMAP"));

    // The minutes leave the tag: 200 entries, two pages.
    t.edit("TPMAP, ", "");
    assert!(!t.out().join("tags/TPMAP/page/3").exists());
    assert!(!t.read("sitemap.xml").contains("/tags/TPMAP/page/3/"));
    t.assert_same_as_full_build();

    // And come back: three again.
    t.edit("tags: [", "tags: [TPMAP, ");
    assert!(t.read("sitemap.xml").contains("/tags/TPMAP/page/3/"));
    t.assert_same_as_full_build();

    // Made the oldest, the minutes move from the first page to the last: no page is made or
    // removed, so the build stays incremental, and remakes the tag's pages.
    let report = t.edit("date: 2020-05-14", "date: 2018-05-14");
    assert_eq!(report.pages, 1, "an incremental build");
    assert!(
        t.read("tags/TPMAP/page/3/index.html")
            .contains("ครั้งที่ ๕/๒๕๖๓")
    );
    assert!(!t.read("tags/TPMAP/index.html").contains("ครั้งที่ ๕/๒๕๖๓"));
    t.assert_same_as_full_build();
}
