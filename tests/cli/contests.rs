//! Contests and deadlines: criteria that do not add up are an error; open
//! contests are listed first; every deadline reaches the page and the calendar.

use super::Fixture;

const CONTEST: &str = "---
title: ประกวดทดสอบ
date: 2020-05-14
deadline: 2020-06-10
total_points: 100
criteria:
  - {name: ความสวยงาม, points: 40}
  - {name: ความประณีต, points: 30}
  - {name: เรื่องเล่า, points: 20}
prizes:
  - {rank: รางวัลชนะเลิศ, amount: 3000}
---

รายละเอียด
";

#[test]
fn criteria_that_add_up_to_90_of_100_are_an_error_naming_both() {
    let f = Fixture::new("minimal");
    f.write("content/contests/test.md", CONTEST);
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("content/contests/test.md:6:1: error: คะแนนตามหลักเกณฑ์รวมได้ 90 คะแนน แต่ `total_points` คือ 100"),
        "{}",
        r.stderr
    );
}

#[test]
fn contest_page_shows_criteria_total_prizes_status_and_lists_open_first() {
    let f = Fixture::new("minimal");
    f.write(
        "content/contests/test.md",
        &CONTEST.replace("points: 20}", "points: 30}"),
    );
    f.write(
        "content/contests/old.md",
        &CONTEST
            .replace("points: 20}", "points: 30}")
            .replace("deadline: 2020-06-10", "deadline: 2020-05-01")
            .replace("ประกวดทดสอบ", "ประกวดเก่า"),
    );
    f.build(); // WARA_TODAY=2020-05-20 in the fixture runner
    let html = f.read("dist/public/contests/test/index.html");
    assert!(
        html.contains("<caption>หลักเกณฑ์การให้คะแนน (รวม ๑๐๐ คะแนน)</caption>"),
        "{html}"
    );
    assert!(html.contains("<td class=\"num\">๔๐</td>"));
    assert!(html.contains("๓,๐๐๐ บาท"));
    assert!(html.contains("class=\"contest-status open\" data-deadline=\"2020-06-10\">เปิดรับสมัคร<"));
    assert!(
        f.read("dist/public/contests/old/index.html")
            .contains("ปิดรับสมัครแล้ว")
    );
    let list = f.read("dist/public/contests/index.html");
    let (open, closed) = (
        list.find("/contests/test/").unwrap(),
        list.find("/contests/old/").unwrap(),
    );
    assert!(open < closed, "open contests first");
    let ics = f.read("dist/public/deadlines.ics");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(ics.contains("DTSTART;VALUE=DATE:20200610\r\nDTEND;VALUE=DATE:20200611\r\n"));
}

#[test]
fn deadlines_page_puts_upcoming_first_and_links_the_item() {
    let f = Fixture::new("minimal");
    f.write(
        "content/minutes/2563/05.md",
        "---\ntitle: ประชุม\nmeeting: \"5/2563\"\ndate: 2020-05-14\n---\n\n## ระเบียบวาระที่ ๓ เรื่องเพื่อทราบ\n\n### ๓.๑ เรื่อง\n\nส่งภายใน {{ deadline(date=\"2020-06-01\", task=\"ส่งรายงาน ก\") }}\n\n### ๓.๒ เรื่อง\n\nส่งภายใน {{ deadline(date=\"2020-05-01\", task=\"ส่งรายงาน ข\") }}\n",
    );
    f.build();
    let html = f.read("dist/public/deadlines/index.html");
    let (a, b) = (
        html.find("ส่งรายงาน ก").unwrap(),
        html.find("ส่งรายงาน ข").unwrap(),
    );
    assert!(a < b, "upcoming first");
    assert!(html.contains("href=\"/minutes/2563/05/#item-3-1\""));
    assert!(html.contains("มิถุนายน ๒๕๖๓"));
    let page = f.read("dist/public/minutes/2563/05/index.html");
    assert!(page.contains("<mark class=\"deadline\" title=\"ส่งรายงาน ก\"><time datetime=\"2020-06-01\">๑ มิถุนายน ๒๕๖๓</time></mark>"));
}
