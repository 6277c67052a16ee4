//! The deadlines listing: a site with many deadlines gets a page per Buddhist Era year,
//! linked from `/deadlines/`; a small site keeps one page with every deadline.

use super::Fixture;

/// A page with `n` deadlines on `date`, tasks `<prefix> 1` … `<prefix> n`.
fn page_with_deadlines(date: &str, prefix: &str, n: usize) -> String {
    let mut s = String::from("---\ntitle: ประชุม\ndate: 2020-01-10\n---\n\n");
    for i in 1..=n {
        s.push_str(&format!(
            "- {{{{ deadline(date=\"{date}\", task=\"{prefix} {i}\") }}}}\n"
        ));
    }
    s
}

/// 1,100 deadlines: 600 in 2019 (BE 2562), 500 in 2020 (BE 2563), so each year has a page.
fn two_years_of_deadlines() -> Fixture {
    let f = Fixture::new("minimal");
    f.write(
        "content/a.md",
        &page_with_deadlines("2019-03-01", "งานปีก่อน", 600),
    );
    f.write(
        "content/b.md",
        &page_with_deadlines("2020-06-01", "งานปีนี้", 500),
    );
    f
}

#[test]
fn over_a_thousand_deadlines_get_a_page_per_year_linked_from_the_deadlines_page() {
    let f = two_years_of_deadlines();
    f.build(); // WARA_TODAY=2020-05-20 in the fixture runner
    let index = f.read("dist/public/deadlines/index.html");
    let newer = index.find("href=\"/deadlines/2563/\"");
    let older = index.find("href=\"/deadlines/2562/\"");
    assert!(
        newer.is_some() && older.is_some() && newer < older,
        "{index}"
    );
    assert!(
        index.contains("ปี ๒๕๖๓</a> <span class=\"count\">(๕๐๐ รายการ)</span>"),
        "{index}"
    );
    assert!(
        !index.contains("งานปีนี้ 1"),
        "the index lists years, not deadlines"
    );

    let this_year = f.read("dist/public/deadlines/2563/index.html");
    assert!(
        this_year.contains("<h1>กำหนดส่งงาน ปี ๒๕๖๓</h1>"),
        "{this_year}"
    );
    assert!(this_year.contains("งานปีนี้ 500"));
    assert!(!this_year.contains("งานปีก่อน"));
    assert!(
        this_year.contains("href=\"/deadlines/\""),
        "links back to the years"
    );
    let last_year = f.read("dist/public/deadlines/2562/index.html");
    assert!(
        last_year.contains("งานปีก่อน 1<") || last_year.contains("งานปีก่อน 1 "),
        "{last_year}"
    );
    assert!(last_year.contains("ผ่านมาแล้ว"));
    let sitemap = f.read("dist/public/sitemap.xml");
    assert!(sitemap.contains("/deadlines/2562/</loc>"), "{sitemap}");
}

#[test]
fn a_site_with_few_deadlines_keeps_them_all_on_one_page() {
    let f = Fixture::new("minimal");
    f.write(
        "content/a.md",
        &page_with_deadlines("2020-06-01", "งานปีนี้", 3),
    );
    f.build();
    let index = f.read("dist/public/deadlines/index.html");
    assert!(index.contains("งานปีนี้ 3"), "{index}");
    assert!(!index.contains("/deadlines/2563/"));
    assert!(!f.root().join("dist/public/deadlines/2563").exists());
}

#[test]
fn a_link_to_a_year_page_holds_and_a_link_to_a_year_without_one_is_reported() {
    let f = two_years_of_deadlines();
    f.write(
        "content/c.md",
        "---\ntitle: ลิงก์\n---\n\nดู [งานปีนี้](/deadlines/2563/) และ [งานปีก่อน](../deadlines/2562)\n",
    );
    f.build();
    let page = f.read("dist/public/c/index.html");
    assert!(page.contains("href=\"/deadlines/2563/\""), "{page}");

    // No deadline falls in 2564, so it has no page; 02563 is no page's name either: each
    // link is broken, and said so.
    for missing in ["/deadlines/2564/", "/deadlines/02563/"] {
        super::assert_link_reported(&f, "content/c.md", missing);
    }
}

#[test]
fn a_sites_own_deadlines_template_without_years_still_lists_every_deadline_and_is_warned() {
    let f = two_years_of_deadlines();
    // A copy made before year pages: it knows only the months.
    f.write(
        "themes/default/templates/deadlines.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>\
         {% for g in page.deadline_groups %}<h2>{{ g.label }}</h2>\
         {% for d in g.items %}<p>{{ d.task }}</p>{% endfor %}{% endfor %}{% endblock content %}",
    );
    let r = f.build();
    let index = f.read("dist/public/deadlines/index.html");
    assert!(index.contains("<p>งานปีนี้ 500</p>"), "{index}");
    assert!(index.contains("<p>งานปีก่อน 1</p>"), "{index}");
    assert!(
        r.stderr.contains("themes/default/templates/deadlines.html")
            && r.stderr.contains("page.deadline_years"),
        "{}",
        r.stderr
    );
    // The year pages are made as with the embedded template.
    assert!(
        f.read("dist/public/deadlines/2563/index.html")
            .contains("งานปีนี้ 500")
    );

    // The embedded template says nothing.
    std::fs::remove_file(f.root().join("themes/default/templates/deadlines.html")).expect("rm");
    let r = f.build();
    assert!(!r.stderr.contains("page.deadline_years"), "{}", r.stderr);
}
