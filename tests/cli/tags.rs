//! Tag pages: a tag of more than 100 pages is listed over several pages
//! (`/tags/<slug>/page/2/`, …) linked by a pager; a smaller tag keeps its one page.

use super::Fixture;

/// `n` pages `content/<tag>/NNN.md` tagged `tag`, titled `เรื่อง 1` … `เรื่อง n`, page `i`
/// dated `i` days after 1 January 2019, so the newest (`เรื่อง n`) is listed first.
fn tagged_pages(f: &Fixture, tag: &str, n: usize) {
    let start = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
    for i in 1..=n {
        let date = start + chrono::Duration::days(i as i64);
        f.write(
            &format!("content/{}/{i:03}.md", tag.to_lowercase()),
            &format!("---\ntitle: เรื่อง {i}\ndate: {date}\ntags: [{tag}]\n---\n\nข้อความ\n"),
        );
    }
}

/// The titles a listing page shows, in order.
fn listed(html: &str) -> Vec<String> {
    let list = html
        .split("<ul class=\"page-list\">")
        .nth(1)
        .and_then(|s| s.split("</ul>").next())
        .unwrap_or("");
    list.split("<a href=\"")
        .skip(1)
        .filter_map(|a| a.split_once("\">"))
        .filter_map(|(_, rest)| rest.split("</a>").next())
        .map(str::to_owned)
        .collect()
}

fn titles(range: impl DoubleEndedIterator<Item = usize>) -> Vec<String> {
    range.rev().map(|i| format!("เรื่อง {i}")).collect()
}

#[test]
fn a_tag_of_250_pages_is_listed_over_three_pages_linked_by_a_pager() {
    let f = Fixture::new("minimal");
    tagged_pages(&f, "OTOP", 250);
    f.build();

    let first = f.read("dist/public/tags/OTOP/index.html");
    assert_eq!(listed(&first), titles(151..=250), "{first}");
    assert!(first.contains("<h1>ป้ายกำกับ: OTOP</h1>"), "{first}");
    assert!(first.contains("<nav class=\"prev-next pager\" aria-label=\"หน้าอื่นของรายการนี้\""));
    assert!(first.contains("หน้า ๑ จาก ๓ (รายการที่ ๑–๑๐๐ จาก ๒๕๐ รายการ)"));
    assert!(first.contains("<a href=\"/tags/OTOP/page/2/\" rel=\"next\">หน้าถัดไป ›</a>"));
    assert!(!first.contains("rel=\"prev\""), "{first}");
    assert!(first.contains(
        "<a href=\"/tags/OTOP/\" aria-label=\"หน้า ๑\" aria-current=\"page\"><strong>๑</strong></a>"
    ));

    let second = f.read("dist/public/tags/OTOP/page/2/index.html");
    assert_eq!(listed(&second), titles(51..=150), "{second}");
    assert!(
        second.contains("<h1>ป้ายกำกับ: OTOP — หน้า ๒</h1>"),
        "{second}"
    );
    assert!(second.contains("<title>ป้ายกำกับ: OTOP — หน้า ๒ | Minimal</title>"));
    assert!(second.contains("หน้า ๒ จาก ๓ (รายการที่ ๑๐๑–๒๐๐ จาก ๒๕๐ รายการ)"));
    assert!(second.contains("<a href=\"/tags/OTOP/\" rel=\"prev\">‹ หน้าก่อน</a>"));
    assert!(second.contains("<a href=\"/tags/OTOP/page/3/\" rel=\"next\">หน้าถัดไป ›</a>"));
    assert!(second.contains("aria-current=\"page\"><strong>๒</strong>"));
    assert!(
        second
            .contains("<link rel=\"canonical\" href=\"https://example.go.th/tags/OTOP/page/2/\">")
    );
    // Its breadcrumbs lead back to the tag's first page.
    assert!(
        second.contains("<a href=\"/tags/OTOP/\">OTOP</a>"),
        "{second}"
    );

    let third = f.read("dist/public/tags/OTOP/page/3/index.html");
    assert_eq!(listed(&third), titles(1..=50), "{third}");
    assert!(third.contains("<a href=\"/tags/OTOP/page/2/\" rel=\"prev\">"));
    assert!(!third.contains("rel=\"next\""));
    assert!(!f.root().join("dist/public/tags/OTOP/page/4").exists());
    assert!(!f.root().join("dist/public/tags/OTOP/page/1").exists());

    let sitemap = f.read("dist/public/sitemap.xml");
    for url in ["/tags/OTOP/", "/tags/OTOP/page/2/", "/tags/OTOP/page/3/"] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.go.th{url}</loc>")),
            "{url}: {sitemap}"
        );
    }
    assert!(!sitemap.contains("/page/4/"));
    assert!(f.read("dist/public/tags/index.html").contains("OTOP (๒๕๐)"));

    // A site of Arabic digits numbers its pages so.
    let config = f.read("site.yaml");
    f.write("site.yaml", &format!("{config}digits: arabic\n"));
    f.build();
    let second = f.read("dist/public/tags/OTOP/page/2/index.html");
    assert!(
        second.contains("<h1>ป้ายกำกับ: OTOP — หน้า 2</h1>"),
        "{second}"
    );
    assert!(second.contains("หน้า 2 จาก 3 (รายการที่ 101–200 จาก 250 รายการ)"));
}

#[test]
fn a_tag_of_a_hundred_pages_keeps_one_page_without_a_pager_and_one_more_makes_two() {
    let f = Fixture::new("minimal");
    tagged_pages(&f, "OTOP", 100);
    tagged_pages(&f, "TPMAP", 101);
    f.build();
    let page = f.read("dist/public/tags/OTOP/index.html");
    assert_eq!(listed(&page), titles(1..=100));
    assert!(!page.contains("pager"), "{page}");
    assert!(!page.contains("rel=\"next\""), "{page}");
    assert!(!f.root().join("dist/public/tags/OTOP/page").exists());
    let sitemap = f.read("dist/public/sitemap.xml");
    assert!(!sitemap.contains("/tags/OTOP/page/"), "{sitemap}");

    let first = f.read("dist/public/tags/TPMAP/index.html");
    assert_eq!(listed(&first), titles(2..=101));
    assert!(first.contains("หน้า ๑ จาก ๒ (รายการที่ ๑–๑๐๐ จาก ๑๐๑ รายการ)"));
    let second = f.read("dist/public/tags/TPMAP/page/2/index.html");
    assert_eq!(listed(&second), titles(1..=1));
    assert!(second.contains("หน้า ๒ จาก ๒ (รายการที่ ๑๐๑ จาก ๑๐๑ รายการ)"));
    assert!(sitemap.contains("/tags/TPMAP/page/2/</loc>"), "{sitemap}");
}

#[test]
fn a_link_to_a_tags_pages_holds_and_a_link_past_its_last_page_is_reported() {
    let f = Fixture::new("minimal");
    tagged_pages(&f, "OTOP", 250);
    f.write(
        "content/links.md",
        "---\ntitle: ลิงก์\n---\n\nดู [หน้าสาม](/tags/OTOP/page/3/) และ [หน้าสอง](../tags/OTOP/page/2) \
         จาก [หน้าแรก](/tags/OTOP/)\n",
    );
    f.build();
    assert!(
        f.read("dist/public/links/index.html")
            .contains("href=\"/tags/OTOP/page/3/\"")
    );

    // 250 pages make three: there is no fourth, nor a `page/1/` (page 1 is the tag's own URL).
    for missing in [
        "/tags/OTOP/page/4/",
        "/tags/OTOP/page/1/",
        "/tags/OTOP/page/02/",
        "/tags/ไม่มี/page/2/",
    ] {
        super::assert_link_reported(&f, "content/links.md", missing);
    }
}

#[test]
fn a_sites_own_section_template_without_the_pager_lists_every_entry_and_is_warned() {
    let f = Fixture::new("minimal");
    tagged_pages(&f, "OTOP", 250);
    // A copy made before tag pages were paged: it knows only the list.
    f.write(
        "themes/default/templates/section.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>\
         {% for p in page.children %}<p>{{ p.title }}</p>{% endfor %}{% endblock content %}",
    );
    let r = f.build();
    let first = f.read("dist/public/tags/OTOP/index.html");
    assert!(first.contains("<p>เรื่อง 250</p>"), "{first}");
    assert!(first.contains("<p>เรื่อง 1</p>"), "{first}");
    assert!(
        r.stderr.contains("themes/default/templates/section.html")
            && r.stderr.contains("page.pager"),
        "{}",
        r.stderr
    );
    // The other pages are made as with the embedded template.
    let second = f.read("dist/public/tags/OTOP/page/2/index.html");
    assert!(second.contains("<p>เรื่อง 150</p>") && !second.contains("<p>เรื่อง 151</p>"));

    // The embedded template says nothing.
    std::fs::remove_file(f.root().join("themes/default/templates/section.html")).expect("rm");
    let r = f.build();
    assert!(!r.stderr.contains("page.pager"), "{}", r.stderr);
}

#[test]
fn a_thai_tags_pages_are_linked_encoded_and_a_link_to_them_holds_written_either_way() {
    let f = Fixture::new("minimal");
    tagged_pages(&f, "สัมมาชีพ", 150);
    let encoded = "/tags/%E0%B8%AA%E0%B8%B1%E0%B8%A1%E0%B8%A1%E0%B8%B2%E0%B8%8A%E0%B8%B5%E0%B8%9E";
    f.write(
        "content/links.md",
        &format!(
            "---\ntitle: ลิงก์\n---\n\nดู [หน้าสอง](/tags/สัมมาชีพ/page/2/) และ [อีกครั้ง]({encoded}/page/2/)\n"
        ),
    );
    f.build();
    let first = f.read("dist/public/tags/สัมมาชีพ/index.html");
    assert!(
        first.contains(&format!("<a href=\"{encoded}/page/2/\" rel=\"next\">")),
        "{first}"
    );
    let second = f.read("dist/public/tags/สัมมาชีพ/page/2/index.html");
    assert_eq!(listed(&second), titles(1..=50), "{second}");
    assert!(second.contains(&format!("<a href=\"{encoded}/\" rel=\"prev\">")));
    let sitemap = f.read("dist/public/sitemap.xml");
    assert!(
        sitemap.contains(&format!("{encoded}/page/2/</loc>")),
        "{sitemap}"
    );
}

#[test]
fn a_public_tag_page_counts_only_public_pages() {
    let f = Fixture::new("minimal");
    tagged_pages(&f, "OTOP", 80);
    // 70 more with the tag, for staff only: public has 80 (one page), internal 150 (two).
    for i in 1..=70 {
        f.write(
            &format!("content/staff/{i:03}.md"),
            &format!(
                "---\ntitle: ภายใน {i}\ndate: 2018-06-01\naccess: internal\ntags: [OTOP]\n---\n\nข้อความ\n"
            ),
        );
    }
    f.build();
    let public = f.read("dist/public/tags/OTOP/index.html");
    assert_eq!(listed(&public).len(), 80, "{public}");
    assert!(!public.contains("ภายใน"), "{public}");
    assert!(!public.contains("pager-status"), "{public}");
    assert!(!f.root().join("dist/public/tags/OTOP/page").exists());
    assert!(
        !f.read("dist/public/sitemap.xml")
            .contains("/tags/OTOP/page/2/")
    );
    let internal = f.read("dist/internal/tags/OTOP/index.html");
    assert!(
        internal.contains("หน้า ๑ จาก ๒ (รายการที่ ๑–๑๐๐ จาก ๑๕๐ รายการ)"),
        "{internal}"
    );
    assert!(
        f.read("dist/internal/tags/OTOP/page/2/index.html")
            .contains("ภายใน 70")
    );
}

#[test]
fn a_sites_own_older_macros_file_still_builds_paged_tags_and_year_pages() {
    let f = Fixture::new("minimal");
    tagged_pages(&f, "OTOP", 150);
    let mut deadlines = String::from("---\ntitle: ประชุม\ndate: 2020-01-10\n---\n\n");
    for i in 1..=1_001 {
        deadlines.push_str(&format!(
            "- {{{{ deadline(date=\"2020-06-01\", task=\"งาน {i}\") }}}}\n"
        ));
    }
    f.write("content/deadlines-many.md", &deadlines);
    // The macros of the first version: no pager, no deadline months.
    let embedded = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/macros.html"),
    )
    .expect("macros.html");
    assert!(!embedded.contains("macro pager") && !embedded.contains("macro deadline_months"));
    f.write("themes/default/templates/macros.html", &embedded);
    f.build();
    assert!(
        f.read("dist/public/tags/OTOP/page/2/index.html")
            .contains("หน้าก่อน")
    );
    assert!(
        f.read("dist/public/deadlines/2563/index.html")
            .contains("งาน 1001")
    );
}
