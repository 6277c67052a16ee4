//! The search index: passages per heading, each leading to an id on its page; the
//! public index holds no internal page; the search page knows the site's digits.

use serde_json::Value;

use super::Fixture;

fn index(f: &Fixture, audience: &str) -> Vec<Value> {
    let text = f.read(&format!("dist/{audience}/search-index.json"));
    match serde_json::from_str(&text) {
        Ok(Value::Array(v)) => v,
        other => panic!("{audience}/search-index.json is not a JSON array: {other:?}"),
    }
}

fn entry<'a>(index: &'a [Value], url: &str) -> Option<&'a Value> {
    index.iter().find(|e| e["u"] == url)
}

/// `[id, heading, text]` of each passage of an entry.
fn passages(e: &Value) -> Vec<(String, String, String)> {
    e["s"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|p| {
                    let s = |i: usize| p[i].as_str().unwrap_or_default().to_owned();
                    (s(0), s(1), s(2))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn public_search_index_holds_no_internal_page_and_internal_one_has_its_passages() {
    let f = Fixture::new("audience-split");
    f.build();
    let public = index(&f, "public");
    let internal = index(&f, "internal");
    for e in &public {
        let url = e["u"].as_str().unwrap_or_default();
        assert!(
            !url.starts_with("/staff/") && url != "/contests/staff-award/",
            "internal page `{url}` in the public search index"
        );
    }
    let text = f.read("dist/public/search-index.json");
    assert!(!text.contains("SECRET"), "{text}");
    // The public page's heading is a passage leading to its anchor.
    let news = entry(&public, "/news/public-news/").expect("public page indexed");
    assert_eq!(news["d"], "2020-05-14");
    assert!(
        passages(news).contains(&(
            "announce".into(),
            "ข่าวประชาสัมพันธ์".into(),
            "ประกาศรับสมัครPUBLICMARK".into()
        )),
        "{news}"
    );
    // The internal portal finds its pages, passage by passage.
    let staff = entry(&internal, "/staff/bundle/").expect("internal page in the internal index");
    let p = passages(staff);
    assert!(
        p[0].0.is_empty() && p[0].2.starts_with("SECRETSUMMARY"),
        "{p:?}"
    );
    assert!(
        p.contains(&(
            "steps".into(),
            "ขั้นตอน SECRETSTEP".into(),
            "บันทึกทุกวัน SECRETSTEPBODY".into()
        )),
        "{p:?}"
    );
    assert!(entry(&internal, "/contests/staff-award/").is_some());
}

#[test]
fn every_search_passage_leads_to_an_id_on_its_page() {
    let f = Fixture::new(".");
    f.build();
    let public = index(&f, "public");
    let mut checked = 0;
    for e in &public {
        let url = e["u"].as_str().unwrap_or_default();
        let html = f.read(&format!("dist/public{url}index.html"));
        for (id, heading, _) in passages(e).into_iter().filter(|p| !p.0.is_empty()) {
            assert!(
                html.contains(&format!(" id=\"{id}\"")),
                "{url}#{id} ({heading}) is not an id on the page"
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} passages");
    // The agenda item, not the top of the page: its heading holds the words.
    let minutes = entry(&public, "/minutes/2563/05/").expect("minutes indexed");
    assert_eq!(minutes["d"], "2020-05-14");
    let p = passages(minutes);
    let item = p
        .iter()
        .find(|p| p.0 == "item-3-17-1")
        .expect("passage item-3-17-1");
    assert!(item.1.contains("ปลูกผักสวนครัว"), "{item:?}");
    assert!(item.2.starts_with("ดำเนินการแล้ว ร้อยละ ๗๑.๕๘"), "{item:?}");
    // A passage holds only its own item's text.
    let next = p
        .iter()
        .find(|p| p.0 == "item-3-17-2")
        .expect("item-3-17-2");
    assert!(!item.2.contains(&next.1) && !item.2.contains("ข้อ ๑ รายงานทุกวัน"));
    // The summary leads the opening passage.
    assert!(p[0].0.is_empty() && p[0].2.starts_with("การประชุมประจำเดือนพฤษภาคม"));
}

#[test]
fn search_page_tells_its_script_the_sites_digits() {
    let f = Fixture::new(".");
    f.build();
    let page = f.read("dist/public/search/index.html");
    assert!(page.contains("data-digits=\"thai\""), "{page}");
    let yaml = f
        .read("site.yaml")
        .replace("digits: thai", "digits: arabic");
    f.write("site.yaml", &yaml);
    f.build();
    let page = f.read("dist/public/search/index.html");
    assert!(page.contains("data-digits=\"arabic\""), "{page}");
}
