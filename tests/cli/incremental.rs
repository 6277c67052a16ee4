//! Incremental rebuilds (what `serve` uses): one edited page re-renders that page
//! and every listing that shows it, and nothing else changes.

use wara::diag::Diagnostics;
use wara::options::Audience;
use wara::site::Session;
use wara::site::output::{Output, Prune};
use wara::site::session::Update;

use super::Fixture;

#[test]
fn edited_minutes_title_reaches_page_archive_year_home_and_feed() {
    let f = Fixture::new(".");
    let dist = f.root().join("dist");
    let out = dist.join("public");
    let (output, mut sinks) = Output::open(&dist, &["public"]).unwrap();
    let sink = sinks.remove(0);
    let mut d = Diagnostics::new();
    let mut s = Session::open(f.root(), None, &mut d).expect("site opens");
    s.render_all(Audience::Public, &sink, &mut d).unwrap();
    output.commit(vec![sink], Prune::Stale).unwrap();
    assert!(!d.has_errors(), "{}", d.render());
    let about_before = std::fs::read(out.join("pages/about/index.html")).unwrap();

    let page = f.root().join("content/minutes/2563/05/index.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let edited = text.replacen("title: ", "title: แก้ไขแล้ว EDITMARK ", 1);
    std::fs::write(&page, edited).unwrap();
    let update = s.update(std::slice::from_ref(&page), &mut d);
    assert_eq!(update, Update::Pages(vec!["/minutes/2563/05/".to_owned()]));
    let (output, mut sinks) = Output::open(&dist, &["public"]).unwrap();
    let sink = sinks.remove(0);
    s.render_changed(
        Audience::Public,
        &sink,
        &["/minutes/2563/05/".to_owned()],
        &mut d,
    )
    .unwrap();
    output.commit(vec![sink], Prune::Keep).unwrap();
    assert!(!d.has_errors(), "{}", d.render());
    for file in [
        "minutes/2563/05/index.html",
        "minutes/index.html",
        "minutes/2563/index.html",
        "index.html",
        "feed.xml",
        "search-index.json",
    ] {
        let body = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(body.contains("EDITMARK"), "{file} not updated");
    }
    assert_eq!(
        std::fs::read(out.join("pages/about/index.html")).unwrap(),
        about_before,
        "unrelated page rewritten"
    );

    // A broken edit is reported and changes nothing.
    std::fs::write(&page, "---\ntitle: x\ndraft: yes\n---\n").unwrap();
    let mut d2 = Diagnostics::new();
    assert_eq!(s.update(&[page], &mut d2), Update::Failed);
    assert!(
        d2.render()
            .starts_with("content/minutes/2563/05/index.md:3:"),
        "{}",
        d2.render()
    );
    assert!(
        std::fs::read_to_string(out.join("minutes/2563/05/index.html"))
            .unwrap()
            .contains("EDITMARK")
    );
}

#[test]
fn new_file_or_config_change_asks_for_a_full_rebuild() {
    let f = Fixture::new("minimal");
    let mut d = Diagnostics::new();
    let mut s = Session::open(f.root(), None, &mut d).expect("site opens");
    f.write("content/new.md", "---\ntitle: new\n---\n");
    assert_eq!(
        s.update(&[f.root().join("content/new.md")], &mut d),
        Update::Full
    );
    assert_eq!(
        s.update(&[f.root().join("site.yaml")], &mut d),
        Update::Full
    );
}

#[test]
fn serve_builds_keep_last_good_page_and_report_errors_until_fixed() {
    use wara::options::BuildOptions;
    use wara::site::BuildOutcome;
    use wara::site::session::Incremental;

    let f = Fixture::new("minimal");
    f.write("content/a.md", "---\ntitle: A\n---\nAAA-ONE\n");
    f.write("content/b.md", "---\ntitle: B\n---\nBBB-ONE\n");
    let mut opts = BuildOptions::new(f.root());
    opts.out = f.root().join("serve-out");
    opts.audiences = vec![Audience::Internal];
    let mut inc = Incremental::new();
    assert!(matches!(
        inc.build(&opts, None).unwrap(),
        BuildOutcome::Built(_)
    ));
    let a = f.root().join("content/a.md");
    let b = f.root().join("content/b.md");
    let read =
        |p: &str| std::fs::read_to_string(f.root().join("serve-out/internal").join(p)).unwrap();

    f.write("content/a.md", "---\ntitle: A\n---\nAAA-TWO\n");
    let r = inc.build(&opts, Some(std::slice::from_ref(&a))).unwrap();
    assert!(
        matches!(r, BuildOutcome::Built(ref rep) if rep.pages < 5),
        "only affected pages"
    );
    assert!(read("a/index.html").contains("AAA-TWO"));

    f.write("content/a.md", "---\ntitle: A\nbad: 1\n---\nAAA-THREE\n");
    assert!(matches!(
        inc.build(&opts, Some(std::slice::from_ref(&a))).unwrap(),
        BuildOutcome::Failed(_)
    ));
    assert!(
        read("a/index.html").contains("AAA-TWO"),
        "last good page kept"
    );

    f.write("content/b.md", "---\ntitle: B\n---\nBBB-TWO\n");
    match inc.build(&opts, Some(std::slice::from_ref(&b))).unwrap() {
        BuildOutcome::Failed(d) => {
            assert!(d.render().contains("content/a.md:3:1"), "{}", d.render())
        }
        BuildOutcome::Built(_) => panic!("a.md is still broken"),
    }
    assert!(read("b/index.html").contains("BBB-TWO"));

    f.write("content/a.md", "---\ntitle: A\n---\nAAA-FOUR\n");
    assert!(matches!(
        inc.build(&opts, Some(std::slice::from_ref(&a))).unwrap(),
        BuildOutcome::Built(_)
    ));
    assert!(read("a/index.html").contains("AAA-FOUR"));
}
