//! Data tables end to end (SPEC §4.4): `wara check` finds the seed's wrong values
//! and unknown districts at their YAML line and column; `wara build` of the
//! Lopburi site renders accessible tables and Excel-friendly CSV files.

use std::process::Command;

use crate::Fixture;

/// The `path:line:col: error: message` lines of stderr.
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(": error: ")).collect()
}

#[test]
fn check_reports_the_seed_tables_wrong_values_where_they_are_typed() {
    let run = Fixture::new("tables-original").run(&["check"]);
    let stderr = run.stderr;
    assert_eq!(run.code, Some(1), "stderr:\n{stderr}");
    assert_eq!(
        error_lines(&stderr),
        [
            // Item 3.1 (3): บ้านหมี่ disbursed 632,000 of 818,400 baht but the minutes say 0 %.
            "content/minutes/2563/05/disbursement-3-1.yaml:38:163: error: `disbursement-3-1.yaml` แถว `บ้านหมี่` \
             คอลัมน์ `ผลการดำเนินการ` (`q2_pct`): พิมพ์ไว้ 0 แต่คำนวณได้ 77.22 (632000 × 100 / 818400)",
            // Item 3.2: the ชุมชน column adds up to 3 (ท่าวุ้ง 1, หนองม่วง 2), the total row says 2.
            "content/minutes/2563/05/tpmap-3-2.yaml:27:69: error: `tpmap-3-2.yaml` แถว `รวม` \
             คอลัมน์ `ชุมชน` (`communities`): พิมพ์ไว้ 2 แต่คำนวณได้ 3 (ผลรวมของ 5 แถว: 1 + 2)",
        ],
        "stderr:\n{stderr}"
    );
    // The offending line is shown under each message.
    assert!(stderr.contains("q2_pct: \"0%\""), "{stderr}");
    assert!(stderr.contains("communities: ๒,"), "{stderr}");
}

#[test]
fn check_rejects_an_unknown_district_and_lists_the_valid_ones() {
    let f = Fixture::new("tables-bad-district");
    let run = f.run(&["check", "--lang", "en"]);
    let stderr = run.stderr;
    assert_eq!(run.code, Some(1), "stderr:\n{stderr}");
    let errors = error_lines(&stderr);
    assert_eq!(errors.len(), 1, "stderr:\n{stderr}");
    assert!(
        errors[0].starts_with(
            "content/minutes/2563/05/veg-garden-3-17-1.yaml:19:16: error: `veg-garden-3-17-1.yaml` row 5, \
             column `อำเภอ` (`district`): `ท่าเรือ` is not one of the districts in site.yaml: "
        ),
        "{stderr}"
    );
    let site = f.read("site.yaml");
    let districts: Vec<&str> = site
        .lines()
        .filter_map(|l| l.strip_prefix("  - "))
        .collect();
    assert_eq!(districts.len(), 11);
    for d in districts {
        assert!(errors[0].contains(d), "`{d}` missing from {}", errors[0]);
    }
    // A suggestion, never a certainty: ท่าเรือ is really ท่าวุ้ง, which is not the only nearest name.
    assert!(
        stderr.contains("= help: did you mean `ท่าวุ้ง` or `ท่าหลวง`? (nearest spelling only"),
        "{stderr}"
    );
}

#[test]
fn build_renders_accessible_tables_and_csv_downloads() {
    // The Lopburi site of this repository, built in place into a temp dir.
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_wara"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let dir = out.path().join("public/minutes/2563/05");
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();

    // Item 3.1 (3): three header rows, groups spanning their columns, district spanning all three.
    let start = html
        .find("aria-label=\"โครงการ สร้างความมั่นคงด้านอาชีพ")
        .expect("disbursement table");
    let table = &html[start..start + html[start..].find("</figure>").unwrap()];
    for part in [
        "<caption>โครงการ สร้างความมั่นคงด้านอาชีพและรายได้ ตามหลักปรัชญาของเศรษฐกิจพอเพียง",
        "<tr><th scope=\"col\" rowspan=\"3\">อำเภอ</th><th scope=\"colgroup\" colspan=\"4\">ดำเนินการไตรมาส 1-2</th>\
         <th scope=\"colgroup\" colspan=\"4\">ดำเนินการไตรมาส 2</th><th scope=\"colgroup\" colspan=\"5\">ดำเนินการไตรมาส 3</th></tr>",
        // The published percent is computed, not the source's 0.
        "<tr><th scope=\"row\">บ้านหมี่</th>",
        "<td class=\"num\">๘๑๘,๔๐๐</td><td class=\"num\">๖๓๒,๐๐๐</td><td class=\"num\">๗๗.๒๒</td>",
        "<tfoot>\n<tr><th scope=\"row\">รวม</th><td class=\"num\">๒๙๐</td>",
        "<td class=\"num\">๕,๓๙๔,๐๐๐</td><td class=\"num\">๒,๙๐๘,๒๑๐</td><td class=\"num\">๕๓.๙๒</td>",
        "<a class=\"csv-link\" href=\"disbursement-3-1.csv\" download>ดาวน์โหลด CSV</a>",
    ] {
        assert!(table.contains(part), "missing {part}\nin\n{table}");
    }
    assert!(html.contains("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\""));

    // Item 3.1 (2)'s allocation as a CSV: BOM, CRLF, group-prefixed labels, raw numbers, รวม row.
    let csv = std::fs::read(dir.join("alloc-q3-3-1.csv")).unwrap();
    assert_eq!(&csv[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "bare LF in {text}"
    );
    assert!(
        lines[0].starts_with(
            "อำเภอ,จำนวนหมู่บ้านเป้าหมาย (๒๕๖๓) - ทั้งหมด,จำนวนหมู่บ้านเป้าหมาย (๒๕๖๓) - ดำเนินการแล้ว,"
        ),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], "เมืองลพบุรี,60,37,23,460,165600,23000,667000,855600");
    assert_eq!(lines.len(), 13, "{text}");
    assert_eq!(
        lines[12],
        "รวม,290,145,145,2900,1044000,145000,4205000,5394000"
    );
}
