//! The mistakes office staff really make, each a fixture site under
//! `tests/fixtures/mistakes/`, with its diagnostic pinned: path, line, column, the
//! Thai message and its help. Errors exit 1 and write nothing; warnings exit 0 and
//! print; `check --strict` fails on warnings.

use super::{Fixture, snapshot};

fn fixture(name: &str) -> Fixture {
    Fixture::new(&format!("mistakes/{name}"))
}

/// The first diagnostic block (message line, source lines, help) of stderr.
fn first_block(stderr: &str) -> String {
    stderr
        .lines()
        .take_while(|l| !l.starts_with("  = english:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn buddhist_era_year_in_date_is_an_error_with_the_common_era_date() {
    let f = fixture("be-year");
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(
        first_block(&r.stderr),
        "content/minutes/2563/06/index.md:4:7: error: `date` ใช้ปีพุทธศักราช: `2563-06-11`\n\
         \x20 |\n\
         4 | date: 2563-06-11\n\
         \x20 |       ^\n\
         \x20 = help: วันที่ในไฟล์ใช้ปีคริสต์ศักราช (พ.ศ. − ๕๔๓): เขียน `2020-06-11` แล้วเว็บไซต์จะแสดงเป็น `๑๑ มิถุนายน ๒๕๖๓`"
    );
    assert!(r.stderr.contains("write `2020-06-11`"), "{}", r.stderr);
    assert!(
        snapshot(&f.root().join("dist")).is_empty(),
        "nothing is written"
    );
}

#[test]
fn buddhist_era_year_leaves_the_previous_output_untouched() {
    let f = fixture("be-year");
    let page = "content/minutes/2563/06/index.md";
    let text = f.read(page);
    f.write(page, &text.replace("2563-06-11", "2020-05-14"));
    f.build();
    let before = snapshot(&f.root().join("dist"));
    f.write(page, &text);
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(snapshot(&f.root().join("dist")), before);
    assert!(!String::from_utf8_lossy(&before.concat_bytes()).contains("๓๑๐๖"));
}

trait ConcatBytes {
    fn concat_bytes(&self) -> Vec<u8>;
}

impl ConcatBytes for Vec<(String, Vec<u8>)> {
    fn concat_bytes(&self) -> Vec<u8> {
        self.iter().flat_map(|(_, b)| b.clone()).collect()
    }
}

#[test]
fn buddhist_era_year_in_a_deadline_shortcode_is_an_error() {
    let r = fixture("be-year-deadline").run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "content/minutes/2563/06/index.md:9:16: error: `deadline(date=…)` ใช้ปีพุทธศักราช: `2563-06-26`"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("เขียน `2020-06-26`"), "{}", r.stderr);
}

#[test]
fn buddhist_era_year_in_a_table_date_cell_is_an_error() {
    let r = fixture("be-year-table").run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "content/minutes/2563/06/schedule.yaml:6:28: error: `กำหนดส่ง` ใช้ปีพุทธศักราช: `2563-06-30`"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("เขียน `2020-06-30`"), "{}", r.stderr);
}

#[test]
fn new_minutes_refuses_a_buddhist_era_date() {
    let f = Fixture::new("minimal");
    let r = f.run(&[
        "new",
        "minutes",
        "--meeting",
        "8/2563",
        "--date",
        "2563-08-13",
    ]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("เขียน `2020-08-13`"), "{}", r.stderr);
    assert!(!f.root().join("content/minutes").exists());
}

#[test]
fn two_minutes_of_one_meeting_is_an_error_naming_both() {
    let r = fixture("duplicate-meeting").run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "content/minutes/2563/06-old/index.md:3:10: error: มีรายงานการประชุมครั้งที่ 6/2563 สองไฟล์: ไฟล์นี้และ `content/minutes/2563/06/index.md`"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn certifying_the_meeting_itself_is_an_error() {
    let r = fixture("certifies-self").run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "content/minutes/2563/06/index.md:5:12: error: `certifies` รับรองการประชุมครั้งที่ 6/2563 ซึ่งไม่ใช่ครั้งก่อนหน้าการประชุมครั้งนี้ (6/2563)"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn closing_before_opening_is_an_error() {
    let r = fixture("closed-before-opened").run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "content/minutes/2563/06/index.md:6:9: error: เวลาปิดประชุม (12:00) อยู่ก่อนเวลาเปิดประชุม (13:30)"
        ),
        "{}",
        r.stderr
    );
}

/// Warnings: exit 0 with the warning printed; `check --strict` exits 1.
fn assert_warning(name: &str, today: &str, expected_start: &str) {
    let f = fixture(name);
    let r = f.run_on(today, &["build"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.starts_with(expected_start), "{}", r.stderr);
    assert!(
        r.stderr.contains("คำเตือน 1 รายการ (1 warning)"),
        "{}",
        r.stderr
    );
    let r = f.run_on(today, &["check"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = f.run_on(today, &["check", "--strict"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("ตรวจไม่ผ่าน (--strict)"), "{}", r.stderr);
}

#[test]
fn a_meeting_year_that_is_neither_calendar_nor_fiscal_is_a_warning() {
    assert_warning(
        "meeting-year",
        "2020-05-20",
        "content/minutes/2562/06/index.md:3:10: warning: ปีในเลขครั้งที่ประชุม 6/2562 ไม่ตรงกับวันประชุม 2020-05-14 (ปี พ.ศ. 2563 ปีงบประมาณ 2563)",
    );
}

#[test]
fn fiscal_year_numbering_is_legitimate() {
    let r = fixture("fiscal-year").run_on("2020-12-01", &["check", "--strict"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "");
}

#[test]
fn a_folder_that_disagrees_with_the_meeting_number_is_a_warning() {
    assert_warning(
        "folder-mismatch",
        "2020-05-20",
        "content/minutes/2563/07/index.md:3:10: warning: การประชุมครั้งที่ 6/2563 อยู่ในโฟลเดอร์ที่ไม่ตรงกับเลขครั้งที่ (หน้าเว็บจะอยู่ที่ /minutes/2563/07/)",
    );
}

#[test]
fn a_meeting_in_the_future_is_a_warning() {
    assert_warning(
        "future-meeting",
        "2020-05-20",
        "content/minutes/2563/06/index.md:4:7: warning: วันประชุม 2020-06-11 ยังมาไม่ถึง",
    );
    // The same site once the meeting has taken place: nothing to say.
    let r = fixture("future-meeting").run_on("2020-06-12", &["check", "--strict"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn new_minutes_are_a_draft_and_placeholders_block_publishing() {
    let f = Fixture::new("minimal");
    let r = f.run(&[
        "new",
        "minutes",
        "--meeting",
        "5/2563",
        "--date",
        "2020-05-14",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let page = "content/minutes/2563/05/index.md";
    let text = f.read(page);
    for key in [
        "draft: true",
        "opened:",
        "closed:",
        "via:",
        "recorder:",
        "reviewer:",
        "attachments:",
    ] {
        assert!(text.contains(key), "archetype lacks {key}:\n{text}");
    }
    // A draft builds, and nothing of it is published.
    f.build();
    assert!(!f.root().join("dist/public/minutes/2563/05").exists());
    // Published with its placeholders: an error at the placeholder's line.
    f.write(page, &text.replace("draft: true\n", ""));
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: ยังมีข้อความตัวอย่าง `(ชื่อเรื่อง)` จากแม่แบบที่ `wara new` สร้างไว้"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("(งานที่ต้องส่ง)"), "{}", r.stderr);
    assert!(!f.root().join("dist/public/minutes/2563/05").exists());
}

#[test]
fn a_site_override_of_the_archetype_defines_the_placeholders() {
    let f = Fixture::new("minimal");
    f.write(
        "themes/default/archetypes/page.md",
        "---\ndraft: true\ntitle: {{title}}\n---\n\n(ใส่เนื้อหาของสำนักงาน)\n",
    );
    f.write(
        "content/pages/a.md",
        "---\ntitle: ก\n---\n\n(ใส่เนื้อหาของสำนักงาน)\n",
    );
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("content/pages/a.md:5:1: error: ยังมีข้อความตัวอย่าง `(ใส่เนื้อหาของสำนักงาน)`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_missing_site_yaml_is_an_environment_problem() {
    let f = Fixture::new("minimal");
    std::fs::remove_file(f.root().join("site.yaml")).expect("rm");
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("ไม่พบไฟล์ site.yaml"), "{}", r.stderr);
}

#[test]
fn english_only_on_request() {
    let f = fixture("be-year");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wara"))
        .args(["check", "--lang", "en", "--root"])
        .arg(f.root())
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("content/minutes/2563/06/index.md:4:7: error: `date` has a Buddhist Era year: `2563-06-11`"),
        "{err}"
    );
    assert!(!err.contains("ใช้ปีพุทธศักราช"), "{err}");
}

/// Parser messages said as what to do: (fixture, start of stderr, words of the help).
#[test]
fn parser_errors_say_what_to_do_in_thai() {
    let cases = [
        (
            "draft-yes",
            "content/news.md:3:8: error: ค่าใช่/ไม่ใช่ ต้องเขียนเป็น true หรือ false",
            "เขียน `true` (ใช่) หรือ `false` (ไม่ใช่) แทน yes/no/on/off",
        ),
        (
            "tab-indent",
            "content/news.md:4:2: error: มีการย่อหน้าด้วยปุ่ม Tab ซึ่ง YAML ไม่อนุญาต",
            "ย่อหน้าด้วยการเว้นวรรค (space) 2 ช่องแทน",
        ),
        (
            "comma-label",
            "content/pay.yaml:4:39: error: ข้อความที่มีเครื่องหมายจุลภาค (,) ใน {…} ต้องอยู่ในเครื่องหมายคำพูด: `บาท)` ถูกอ่านเป็นชื่อคีย์",
            "label: \"ค่าตอบแทน (900, บาท)\"",
        ),
        (
            "utf16",
            "content/news.md: error: ไฟล์นี้บันทึกเป็น UTF-16 (ที่ Notepad เรียกว่า \"Unicode\") ไม่ใช่ UTF-8",
            "บันทึกใหม่เป็น UTF-8",
        ),
        (
            "tis620",
            "content/news.md:2:8: error: ไฟล์นี้ดูเหมือนบันทึกเป็นภาษาไทยแบบเก่า (TIS-620",
            "บันทึกใหม่เป็น UTF-8",
        ),
    ];
    for (name, start, help) in cases {
        let r = fixture(name).run(&["check"]);
        assert_eq!(r.code, Some(1), "{name}: {}", r.stderr);
        assert!(r.stderr.starts_with(start), "{name}: {}", r.stderr);
        assert!(r.stderr.contains("= help: "), "{name}: {}", r.stderr);
        assert!(r.stderr.contains(help), "{name}: {}", r.stderr);
    }
}

#[test]
fn a_tab_is_shown_as_a_tab() {
    let r = fixture("tab-indent").run(&["check"]);
    assert!(r.stderr.contains("4 | →   - ข่าว"), "{}", r.stderr);
}

#[test]
fn build_drafts_goes_to_a_folder_of_its_own_and_never_to_the_output() {
    let f = Fixture::new("minimal");
    f.write(
        "content/news/draft.md",
        "---\ntitle: ข่าวร่าง DRAFTMARKER\ndraft: true\n---\n\nยังไม่เสร็จ DRAFTMARKER\n",
    );
    f.build();
    let r = f.run(&["build", "--drafts"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("ห้ามนำโฟลเดอร์นี้ไปเผยแพร่"), "{}", r.stderr);
    let page = f.read("dist/drafts/internal/news/draft/index.html");
    assert!(
        page.contains("DRAFTMARKER") && page.contains("ฉบับร่าง"),
        "{page}"
    );
    for dir in ["dist/public", "dist/internal"] {
        for (name, bytes) in snapshot(&f.root().join(dir)) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("DRAFTMARKER"),
                "a draft reached {dir}/{name}"
            );
        }
    }
    assert!(!f.root().join("dist/drafts/public").exists());
}
