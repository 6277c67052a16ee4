//! The record as its readers meet it: the resolution summary, downloads in running
//! text, and what the pages say.

use crate::Fixture;

fn section<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let at = html
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not in page"));
    let rest = &html[at..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn the_resolution_summary_carries_the_deadline_date_of_item_1_2() {
    let f = Fixture::new(".");
    f.build();
    let html = f.read("dist/public/minutes/2563/05/index.html");
    let summary = section(
        &html,
        "<section class=\"resolutions-summary\"",
        "</section>",
    );
    let item = section(summary, "href=\"#item-1-2\"", "</li>");
    assert!(item.contains("ไปรายงานตัวในวันที่ ๑๔ พฤษภาคม ๒๕๖๓"), "{item}");
    // ๓.๓ and ๓.๑๗ resolutions are the items', as the source lays them out.
    assert!(summary.contains("href=\"#item-3-3\""), "{summary}");
    assert!(summary.contains("href=\"#item-3-17\""), "{summary}");
    assert!(!summary.contains("href=\"#item-3-3-3\""), "{summary}");
    assert!(!summary.contains("href=\"#item-3-17-3\""), "{summary}");
    assert_eq!(summary.matches("<li>").count(), 23, "{summary}");
}

#[test]
fn a_download_in_running_text_stays_inside_its_paragraph() {
    let f = Fixture::new("inline-download");
    f.build();
    let html = f.read("dist/public/docs/manual/index.html");
    let para = section(&html, "<p>ดาวน์โหลดคู่มือได้ที่", "</p>");
    assert!(para.contains("แล้วอ่านก่อนส่งผลงาน"), "{para}");
    for block in ["<div", "<figure", "<p "] {
        assert!(!para.contains(block), "{block} inside <p>: {para}");
    }
    // A link that opens the file, its type and size, a separate save control, a QR code.
    assert!(
        para.contains(
            "<a class=\"download-link\" href=\"/docs/manual/files/manual.pdf\">คู่มือการคัดเลือก</a>"
        ),
        "{para}"
    );
    assert!(para.contains("(PDF ๒๘ กิโลไบต์)"), "{para}");
    assert!(para.contains("class=\"download-save\""), "{para}");
    assert!(para.contains("<svg class=\"qr\""), "{para}");
    // On a line of its own, a download is a block outside any paragraph.
    assert!(
        html.contains("<div class=\"download\"><a class=\"download-link\""),
        "{html}"
    );
    assert!(!html.contains("<p><div"), "{html}");
    // No link forces a download: the title opens the file in the browser.
    assert!(!html.contains("download-link\" href=\"/docs/manual/files/manual.pdf\" download"));
}

#[test]
fn contest_pages_show_no_heading_the_source_does_not_fill() {
    let f = Fixture::new(".");
    f.build();
    for slug in ["it-award-2563", "women-fund-honour-2563", "cd-awards-2563"] {
        let html = f.read(&format!("dist/public/contests/{slug}/index.html"));
        assert!(!html.contains("คุณสมบัติผู้สมัคร"), "{slug}: eligibility shown");
    }
    let it = f.read("dist/public/contests/it-award-2563/index.html");
    assert!(!it.contains("หลักเกณฑ์ วิธีการ และกำหนดเวลาการคัดเลือก"), "{it}");
    assert!(it.contains("สามารถสแกน QR CODE เพื่อดาวน์โหลดคู่มือฯ"), "{it}");
    // The seed's own entry conditions are still shown where it has them.
    let fabric = f.read("dist/public/contests/fabric-2563/index.html");
    assert!(fabric.contains("คุณสมบัติผู้สมัคร"));
    assert!(fabric.contains("+ -๑ เซนติเมตร") && !fabric.contains('±'));
}

#[test]
fn pages_speak_thai_mark_their_section_and_say_when_deadlines_are_past() {
    let f = Fixture::new(".");
    f.build(); // WARA_TODAY=2020-05-20: some deadlines are past, some ahead
    let html = f.read("dist/public/minutes/2563/05/index.html");
    assert!(html.contains("href=\"/minutes/\" aria-current=\"true\" class=\"active\">"));
    assert!(html.contains("<a href=\"/pages/downloads/\">ดาวน์โหลด</a>"));
    for leak in ["(Skip to content)", "(Atom)", "(Tags)", " KB"] {
        assert!(!html.contains(leak), "{leak}");
    }
    assert!(html.contains("<details class=\"toc-details\">"));
    assert!(html.contains("ลงชื่อ") && html.contains("ปิดประชุม เวลา ๑๒.๐๐ น."));
    let tags = f.read("dist/public/tags/index.html");
    assert!(!tags.contains("(Tags)"));
    let (a, b) = (
        tags.find(">เชิดชูเกียรติ (").unwrap_or(usize::MAX),
        tags.find(">ประกวด (").unwrap_or(0),
    );
    assert!(a < b, "เชิดชูเกียรติ (ช) sorts before ประกวด (ป)");
    let deadlines = f.read("dist/public/deadlines/index.html");
    let past = deadlines.find("ผ่านมาแล้ว").expect("past deadlines say so");
    let upcoming = deadlines.find("กำลังจะถึง").expect("upcoming deadlines");
    assert!(upcoming < past, "upcoming deadlines come first");
}

/// `/deadlines/` lists upcoming months first, then past ones newest first: a month with
/// deadlines on both sides of today is two groups, one in each part (the page is made one
/// deadline at a time, not from a list of them all).
#[test]
fn a_month_with_deadlines_before_and_after_today_is_listed_in_both_parts() {
    let f = Fixture::new("kinds");
    // 2020-06-12: 06-15 ahead, 06-10 and 2019-12-20 past (public audience).
    let r = f.run_on("2020-06-12", &["build"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let page = f.read("dist/public/deadlines/index.html");
    let heads: Vec<&str> = page
        .split("<h2 id=\"month-")
        .skip(1)
        .map(|h| h.split("</h2>").next().unwrap_or(""))
        .collect();
    assert_eq!(heads.len(), 3, "{heads:#?}");
    assert!(heads[0].contains("มิถุนายน") && heads[0].contains("กำลังจะถึง"));
    assert!(heads[1].contains("มิถุนายน") && heads[1].contains("ผ่านมาแล้ว"));
    assert!(heads[2].contains("ธันวาคม") && heads[2].contains("ผ่านมาแล้ว"));
    let (ahead, june_past) = (
        page.find("/minutes/2563/05/")
            .expect("06-15, from the minutes"),
        page.find("/contests/fabric-2563/")
            .expect("06-10, the contest"),
    );
    assert!(ahead < june_past, "the upcoming one first");
    // The home page shows what is ahead only.
    let home = f.read("dist/public/index.html");
    assert!(home.contains("/minutes/2563/05/") && !home.contains("closed-2562"));
}
