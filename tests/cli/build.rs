//! The foundation: the Lopburi site builds into a Thai website; the embedded
//! theme works alone; front matter errors point at their line; a failed build
//! leaves the previous output alone; builds are byte-identical.

use super::{Fixture, snapshot};

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn lopburi_minutes_page_shows_date_agenda_toc_and_every_resolution() {
    let f = Fixture::new(".");
    f.build();
    let html = f.read("dist/public/minutes/2563/05/index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"th\">"));
    assert!(html.contains("๑๔ พฤษภาคม ๒๕๖๓"), "Thai BE date missing");
    for n in 1..=5 {
        assert!(
            html.contains(&format!("<h2 id=\"agenda-{n}\">ระเบียบวาระที่ ")),
            "agenda {n} missing"
        );
    }
    assert!(
        html.contains("<a href=\"#agenda-3\">"),
        "TOC link to agenda 3"
    );
    assert!(
        html.contains("<a href=\"#item-3-1\">"),
        "TOC link to item 3.1"
    );
    assert!(html.contains("id=\"item-3-17-1\""), "sub-item anchor");
    // Every resolution in the source is styled and listed in the summary.
    let src = f.read("content/minutes/2563/05/index.md");
    let in_source = src
        .lines()
        .filter(|l| l.trim_start().starts_with("มติที่ประชุม:"))
        .count();
    assert!(
        in_source >= 20,
        "the seed has many resolutions, found {in_source}"
    );
    assert_eq!(count(&html, "<p class=\"resolution\">"), in_source);
    let summary = html
        .split("class=\"resolutions-summary\"")
        .nth(1)
        .expect("summary section");
    let summary = summary.split("</section>").next().unwrap_or_default();
    assert_eq!(count(summary, "<li>"), in_source);
    assert!(summary.contains("<a href=\"#item-1-1\">"));
    assert!(html.contains("๐๙.๐๐ น."), "meeting time the Thai way");
}

#[test]
fn minimal_site_builds_with_the_embedded_theme() {
    let f = Fixture::new("minimal");
    assert!(!f.root().join("themes").exists());
    let r = f.build();
    assert!(r.stdout.starts_with("built "), "{}", r.stdout);
    let html = f.read("dist/public/index.html");
    assert!(html.contains("<html lang=\"th\">") && html.contains("สวัสดี"));
    assert!(f.root().join("dist/public/assets/wara.css").is_file());
    assert!(
        f.root()
            .join("dist/public/assets/fonts/sarabun-thai-400-normal.woff2")
            .is_file()
    );
    assert!(f.root().join("dist/public/assets/fonts/OFL.txt").is_file());
    assert!(f.root().join("dist/public/404.html").is_file());
}

#[test]
fn theme_file_in_site_overrides_the_embedded_one() {
    let f = Fixture::new("minimal");
    f.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}OVERRIDDEN-404{% endblock content %}",
    );
    f.build();
    assert!(f.read("dist/public/404.html").contains("OVERRIDDEN-404"));
}

/// The Atom feed and the sitemap are theme templates too: a site can override them, and
/// they see the site's view and their own (`feed`, `sitemap`), escaped as XML.
#[test]
fn feed_and_sitemap_templates_can_be_overridden() {
    let f = Fixture::new("minimal");
    f.write(
        "themes/default/templates/feed.xml",
        "<feed><title>{{ site.title }}</title><id>{{ feed.home }}</id>{{ feed.entries | length }}</feed>\n",
    );
    f.write(
        "themes/default/templates/sitemap.xml",
        "<urlset>{% for u in sitemap.urls %}<loc>{{ u.loc }}</loc>{% endfor %}</urlset>\n",
    );
    f.write("content/a.md", "---\ntitle: A & B\n---\n");
    f.build();
    let feed = f.read("dist/public/feed.xml");
    assert!(
        feed.starts_with("<feed><title>") && feed.ends_with("/</id>0</feed>\n"),
        "{feed}"
    );
    let sitemap = f.read("dist/public/sitemap.xml");
    assert!(sitemap.starts_with("<urlset><loc>"), "{sitemap}");
    assert!(sitemap.contains("/a/</loc>"), "{sitemap}");
}

#[test]
fn unknown_front_matter_key_is_reported_at_its_line_with_allowed_keys() {
    let f = Fixture::new("invalid/titel");
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let first = r.stderr.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "content/pages/x.md:3:1: error: ไม่รู้จักคีย์ `titel` ในส่วนหัว; คีย์ที่ใช้ได้: title, date, summary, tags, draft, access, deadlines, weight"
    );
    assert!(r.stderr.contains("= help: หมายถึง `title` หรือไม่?"));
    assert!(r.stderr.contains(
        "= english: unknown front matter key `titel`; allowed keys: title, date, summary, tags, draft, access, deadlines, weight (help: did you mean `title`?)"
    ));
    assert!(r.stderr.contains("3 | titel: ผิด"));
    assert!(r.stderr.contains("did you mean `title`?"));
    assert!(!f.root().join("dist").exists(), "check writes nothing");
}

#[test]
fn failed_build_leaves_previous_output_byte_identical() {
    let f = Fixture::new("minimal");
    f.build();
    let before = snapshot(&f.root().join("dist"));
    f.write("content/broken.md", "---\ntitle: x\ndraft: yes\n---\n");
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.starts_with("content/broken.md:3:"), "{}", r.stderr);
    assert_eq!(snapshot(&f.root().join("dist")), before);
    let mut leftovers: Vec<_> = std::fs::read_dir(f.root().join("dist"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    leftovers.sort();
    assert_eq!(
        leftovers,
        [
            ".wara-lock",
            ".wara-manifest-internal",
            ".wara-manifest-public",
            "internal",
            "public"
        ],
        "no staging folders left behind"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let f = Fixture::new(".");
    f.build();
    let first = snapshot(&f.root().join("dist"));
    f.build();
    assert_eq!(snapshot(&f.root().join("dist")), first);
}

#[test]
fn drafts_are_left_out() {
    let f = Fixture::new("minimal");
    f.write(
        "content/pages/wip.md",
        "---\ntitle: WIPMARK\ndraft: true\n---\n",
    );
    f.build();
    assert!(!f.root().join("dist/public/pages/wip").exists());
    assert!(!f.read("dist/public/sitemap.xml").contains("wip"));
}

#[test]
fn new_minutes_scaffold_builds() {
    let f = Fixture::new("minimal");
    let r = f.run_new(&[
        "new",
        "minutes",
        "--meeting",
        "6/2563",
        "--date",
        "2020-06-11",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let page = "content/minutes/2563/06/index.md";
    assert!(f.root().join(page).is_file());
    // The scaffold is a draft: it builds, and is not published.
    f.build();
    assert!(!f.root().join("dist/public/minutes/2563/06").exists());
    // Filled in and no longer a draft, it is published.
    f.write(
        page,
        &fill_placeholders(&f.read(page).replace("draft: true\n", "")),
    );
    f.build();
    let html = f.read("dist/public/minutes/2563/06/index.html");
    assert!(html.contains("๑๑ มิถุนายน ๒๕๖๓") && html.contains("id=\"agenda-5\""));
    assert!(
        f.read("dist/public/minutes/index.html")
            .contains("/minutes/2563/06/")
    );
}

/// Replace every `(…)` of Thai text (an archetype placeholder) with real words.
fn fill_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('(') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find(')') {
            Some(j)
                if after.starts_with(|c: char| ('\u{0E01}'..='\u{0E4F}').contains(&c))
                    && !after[..j].contains(['(', '{', '\n']) =>
            {
                out.push_str("ข้อความจริง");
                rest = &after[j + 1..];
            }
            _ => {
                out.push('(');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn bad_usage_exits_2() {
    let f = Fixture::new("minimal");
    let r = f.run(&["build", "--audience", "everyone"]);
    assert_eq!(r.code, Some(2));
}

impl Fixture {
    /// `wara new …` takes `--root` after its own arguments too.
    fn run_new(&self, args: &[&str]) -> super::Run {
        self.run(args)
    }
}

#[test]
fn tags_get_pages_linked_from_the_pages_that_carry_them() {
    let f = Fixture::new(".");
    f.build();
    let html = f.read("dist/public/minutes/2563/05/index.html");
    assert!(html.contains("<a href=\"/tags/TPMAP/\" rel=\"tag\">TPMAP</a>"));
    let tag = f.read("dist/public/tags/TPMAP/index.html");
    assert!(tag.contains("href=\"/minutes/2563/05/\""));
    assert!(
        f.read("dist/public/tags/index.html")
            .contains("href=\"/tags/TPMAP/\"")
    );
    assert!(
        f.read("dist/public/sitemap.xml")
            .contains("https://lopburi.cdd.go.th/tags/TPMAP/")
    );
}

#[test]
fn audience_flag_builds_one_output_and_base_url_flag_reaches_links_and_qr() {
    let f = Fixture::new(".");
    let r = f.run(&[
        "build",
        "--audience",
        "public",
        "--base-url",
        "https://example.test/",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(f.root().join("dist/public/index.html").is_file());
    assert!(!f.root().join("dist/internal").exists());
    let page = f.read("dist/public/minutes/2563/05/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://example.test/minutes/2563/05/\">")
    );
    assert!(
        f.read("dist/public/sitemap.xml")
            .contains("<loc>https://example.test/</loc>")
    );
    assert!(
        !f.read("dist/public/sitemap.xml")
            .contains("lopburi.cdd.go.th")
    );
}

#[test]
fn arabic_digits_setting_changes_text_but_never_urls() {
    let f = Fixture::new(".");
    let yaml = f
        .read("site.yaml")
        .replace("digits: thai", "digits: arabic");
    f.write("site.yaml", &yaml);
    f.build();
    let page = f.read("dist/public/minutes/2563/05/index.html");
    assert!(page.contains("14 พฤษภาคม 2563"));
    assert!(page.contains("09.00 น."));
    assert!(!page.contains("๑๔ พฤษภาคม"));
    assert!(
        f.read("dist/public/deadlines.ics")
            .contains("DTSTART;VALUE=DATE:2020")
    );
}
