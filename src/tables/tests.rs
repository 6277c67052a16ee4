//! Unit tests for tables: formulas, checks, totals, districts, HTML, CSV, charts.

use std::path::Path;

use super::formula::Formula;
use super::*;
use crate::diag::Diagnostics;

const DISTRICTS: [&str; 11] = [
    "เมืองลพบุรี",
    "พัฒนานิคม",
    "โคกสำโรง",
    "ชัยบาดาล",
    "ท่าวุ้ง",
    "บ้านหมี่",
    "ท่าหลวง",
    "สระโบสถ์",
    "โคกเจริญ",
    "ลำสนธิ",
    "หนองม่วง",
];

/// Loads `src` as `content/t.yaml`; returns the table and the rendered diagnostics.
fn load_str(src: &str) -> (Option<Table>, Vec<String>) {
    let districts: Vec<String> = DISTRICTS.iter().map(|s| s.to_string()).collect();
    let ctx = TableContext {
        districts: &districts,
    };
    let mut diags = Diagnostics::new();
    let table = load(src, Path::new("content/t.yaml"), &ctx, &mut diags);
    // The English first line (the language of these tests), then the whole rendering.
    let messages = diags
        .sorted()
        .iter()
        .map(|d| {
            let kind = if d.is_error() { "error" } else { "warning" };
            let path = d.path.display();
            let (line, col) = d.line_col().unwrap_or((1, 1));
            format!("{path}:{line}:{col}: {kind}: {}\n{d}", d.message.en)
        })
        .collect();
    (table, messages)
}

fn first_lines(messages: &[String]) -> Vec<&str> {
    messages
        .iter()
        .map(|m| m.lines().next().unwrap_or(""))
        .collect()
}

const BUDGET: &str = "\
title: เบิกจ่าย ไตรมาส ๒
unit: บาท
columns:
  - {key: district, label: อำเภอ, type: district}
  - label: ไตรมาส ๒
    columns:
      - {key: budget, label: งบประมาณ, type: baht}
      - {key: spent, label: เบิกจ่าย, type: baht}
      - {key: spent_pct, label: ร้อยละ, type: percent, formula: spent * 100 / budget}
rows:
  - {district: เมืองลพบุรี, budget: 1376400, spent: \"1,376,400\", spent_pct: 100}
  - {district: บ้านหมี่, budget: 818400, spent: '๖๓๒,๐๐๐', spent_pct: 0}
  - {district: สระโบสถ์, budget: 148800, spent: \"-\", spent_pct: \"0%\"}
total: true
";

#[test]
fn formulas_follow_precedence_and_parentheses() {
    let value = |k: &str| match k {
        "a" => 6.0,
        "b" => 3.0,
        "zero" => 0.0,
        _ => f64::NAN,
    };
    let cases: [(&str, Option<f64>); 10] = [
        ("1 + 2 * 3", Some(7.0)),
        ("(1 + 2) * 3", Some(9.0)),
        ("10 - 4 - 3", Some(3.0)),
        ("8 / 4 / 2", Some(1.0)),
        ("a * 100 / b", Some(200.0)),
        ("-a + b", Some(-3.0)),
        ("a - (b - 1) * 2", Some(2.0)),
        ("๑๒ × b", Some(36.0)),
        ("a / zero", None),
        ("(a + b) / (b - 3)", None),
    ];
    for (text, want) in cases {
        let f = Formula::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(f.eval(&value), want, "{text}");
    }
}

#[test]
fn formula_syntax_errors_point_into_the_formula() {
    let cases = [
        ("a +", 3, "ends"),
        ("(a + b", 6, "`)`"),
        ("a b", 2, "operator"),
        ("* a", 0, "`*`"),
        ("", 0, "empty"),
        ("1.2.3", 0, "not a number"),
    ];
    for (text, offset, words) in cases {
        let e = Formula::parse(text).expect_err(text);
        assert_eq!(e.offset, offset, "{text}: {e:?}");
        assert!(e.message.contains(words), "{text}: {}", e.message);
    }
    // Formulas that would recurse too deeply are refused, not a stack overflow.
    let long = vec!["a"; 150].join(" + ");
    let deep = format!("{}a{}", "(".repeat(5000), ")".repeat(5000));
    let unary = format!("{}a", "-".repeat(100_000));
    for text in [long, deep, unary] {
        let e = Formula::parse(&text).unwrap_err();
        assert!(e.message.contains("too"), "{}", e.message);
    }
}

#[test]
fn formula_shows_its_values() {
    let f = Formula::parse("spent * 100 / (budget)").unwrap();
    let shown = f.with_values(&|k| if k == "spent" { 632000.0 } else { 818400.0 });
    assert_eq!(shown, "632000 × 100 / (818400)");
}

#[test]
fn fuzz_api_formula_reaches_parse_and_eval() {
    // Each key's value is seed × its length − the number of keys: `ab` is 2 × 3 − 1 = 5.
    assert_eq!(crate::fuzz_api::formula("ab * 2", 3.0), Some(10.0));
    assert_eq!(crate::fuzz_api::formula("1 / 0", 1.0), None);
    assert_eq!(crate::fuzz_api::formula("(", 1.0), None);
    assert_eq!(crate::fuzz_api::formula(&"(".repeat(10_000), 1.0), None);
}

#[test]
fn stated_value_that_differs_from_formula_is_an_error_at_the_cell() {
    let (table, msgs) = load_str(BUDGET);
    assert_eq!(
        first_lines(&msgs),
        [
            "content/t.yaml:12:71: error: `t.yaml` row `บ้านหมี่`, column `ร้อยละ` (`spent_pct`): stated 0 but computed 77.22 (632000 × 100 / 818400)"
        ]
    );
    // The published value is the computed one.
    let table = table.unwrap();
    assert!(matches!(table.rows[1][3], Cell::Number(x) if (x - 77.2238).abs() < 1e-3));
    // A blank (`-`) counts as zero in formulas, like a spreadsheet.
    assert_eq!(table.rows[2][3], Cell::Number(0.0));
    assert_eq!(table.rows[2][2], Cell::Empty);
}

#[test]
fn total_sums_plain_columns_and_recomputes_percent() {
    let (table, _) = load_str(BUDGET);
    let total = table.unwrap().total.as_deref().unwrap().to_vec();
    assert_eq!(total[0], Cell::Text("รวม".into()));
    assert_eq!(total[1], Cell::Number(2343600.0));
    assert_eq!(total[2], Cell::Number(2008400.0));
    // 2008400 × 100 / 2343600, not 100 + 77.22 + 0.
    assert!(
        matches!(total[3], Cell::Number(x) if (x - 85.6972).abs() < 1e-3),
        "{:?}",
        total[3]
    );
}

#[test]
fn stated_totals_are_checked_at_their_entry() {
    let src = format!(
        "{}totals: {{budget: 2343600, spent: 2008000, spent_pct: 53.92}}\n",
        BUDGET.replace("total: true\n", "")
    );
    let (table, msgs) = load_str(&src);
    assert_eq!(
        first_lines(&msgs)[1..],
        [
            "content/t.yaml:14:34: error: `t.yaml` row `รวม`, column `เบิกจ่าย` (`spent`): stated 2008000 but computed 2008400 (sum of the 3 rows: 1376400 + 632000)",
            "content/t.yaml:14:54: error: `t.yaml` row `รวม`, column `ร้อยละ` (`spent_pct`): stated 53.92 but computed 85.7 (2008400 × 100 / 2343600)",
        ]
    );
    // `totals:` alone still shows the row.
    assert!(table.unwrap().total.as_deref().is_some());
}

#[test]
fn unknown_district_lists_all_names_and_only_suggests() {
    let src = "title: t\ncolumns:\n  - {key: d, label: อำเภอ, type: district}\nrows:\n  - {d: เมืองลพบุรี}\n  - {d: ท่าเรือ}\n";
    let (table, msgs) = load_str(src);
    assert!(table.is_some());
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    let m = &msgs[0];
    assert!(m.starts_with("content/t.yaml:6:9: error: `t.yaml` row 2, column `อำเภอ` (`d`): `ท่าเรือ` is not one of the districts in site.yaml: `เมืองลพบุรี`, `พัฒนานิคม`,"), "{m}");
    for d in DISTRICTS {
        assert!(m.contains(d), "{d} missing from {m}");
    }
    let hint = m
        .lines()
        .find(|l| l.starts_with("  = help: "))
        .unwrap_or_default();
    assert!(hint.starts_with("  = help: หมายถึง `"), "{hint}");
    assert!(hint.contains("ตรวจกับต้นฉบับ"), "{hint}");
    assert!(
        m.contains("(help: did you mean `") && m.contains("check the source"),
        "{m}"
    );
}

#[test]
fn cells_that_do_not_fit_their_type_are_errors() {
    let cases = [
        ("int", "abc", "`abc` is not a whole number (type `int`)"),
        ("int", "1.5", "`1.5` is not a whole number (type `int`)"),
        ("baht", "yes", "`yes` is not an amount of baht"),
        ("percent", "true", "`true` is not a percent"),
        (
            "date",
            "14/05/2563",
            "`14/05/2563` is not a date `YYYY-MM-DD`",
        ),
        ("number", "[1, 2]", "a table cell must be one value"),
    ];
    for (kind, value, want) in cases {
        let src = format!(
            "title: t\ncolumns:\n  - {{key: name, label: ชื่อ}}\n  - {{key: v, label: ค่า, type: {kind}}}\nrows:\n  - {{name: ก, v: {value}}}\n"
        );
        let (_, msgs) = load_str(&src);
        assert_eq!(msgs.len(), 1, "{kind} {value}: {msgs:?}");
        assert!(msgs[0].starts_with("content/t.yaml:6:"), "{}", msgs[0]);
        assert!(msgs[0].contains(want), "{kind} {value}: {}", msgs[0]);
    }
}

#[test]
fn thai_digits_commas_and_dates_are_read() {
    let src = "title: t\ncolumns:\n  - {key: n, label: ก, type: int}\n  - {key: d, label: วันที่, type: date}\nrows:\n  - {n: \"๕,๓๙๔,๐๐๐\", d: 2020-05-14}\n";
    let (table, msgs) = load_str(src);
    assert!(msgs.is_empty(), "{msgs:?}");
    let html = table.unwrap().to_html("t.csv", Digits::Thai);
    assert!(
        html.contains("<th scope=\"row\" class=\"num\">๕,๓๙๔,๐๐๐</th><td>๑๔ พฤษภาคม ๒๕๖๓</td>"),
        "{html}"
    );
}

#[test]
fn yaml_syntax_error_points_at_its_line() {
    let (table, msgs) = load_str("title: t\ncolumns:\n  - {key: a, label: ก\nrows: []\n");
    assert!(table.is_none());
    assert_eq!(msgs.len(), 1);
    // The `{` that is never closed.
    assert!(
        msgs[0].starts_with("content/t.yaml:3:5: error: the bracket `{` is not closed"),
        "{}",
        msgs[0]
    );
    let (_, msgs) = load_str("title: t\ncolumns: []\nrowz: []\n");
    assert!(
        msgs[0].starts_with("content/t.yaml:3:1: error: unknown key `rowz`"),
        "{}",
        msgs[0]
    );
    let (table, msgs) = load_str("");
    assert!(table.is_none() && msgs.len() == 1, "{msgs:?}");
}

#[test]
fn unknown_keys_and_cycles_are_errors() {
    let src = "\
title: t
columns:
  - {key: a, label: A, type: int, formula: b + 1}
  - {key: b, label: B, type: int, formula: \"a * 2\"}
  - {key: c, label: C, type: int, formula: a + nope}
rows:
  - {a: 1, zz: 2}
";
    let (table, msgs) = load_str(src);
    assert_eq!(
        first_lines(&msgs),
        [
            "content/t.yaml:3:44: error: formulas form a cycle: a → b → a; one of these columns must be typed in, not computed",
            "content/t.yaml:5:48: error: formula of column `c` uses unknown column `nope`; the columns are: a, b, c",
            "content/t.yaml:7:12: error: `t.yaml` row `1` has unknown column key `zz`; the columns are: a, b, c",
        ]
    );
    let (_, msgs) =
        load_str("title: t\ncolumns:\n  - {key: n, label: ก, type: int}\nrows:\n  - {n: 1,234}\n");
    assert!(
        msgs[0].contains("unknown column key `234`") && msgs[0].contains("must be quoted"),
        "{msgs:?}"
    );
    // With the cycle broken, the stated value stands.
    assert_eq!(table.unwrap().rows[0][0], Cell::Number(1.0));
}

#[test]
fn html_has_caption_grouped_header_scopes_and_total_row() {
    let (table, _) = load_str(BUDGET);
    let html = table.unwrap().to_html("alloc.csv", Digits::Thai);
    let expected = [
        "<figure class=\"data-table\">",
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"เบิกจ่าย ไตรมาส ๒\">",
        "<caption>เบิกจ่าย ไตรมาส ๒ <span class=\"table-unit\">(หน่วย: บาท)</span></caption>",
        "<tr><th scope=\"col\" rowspan=\"2\">อำเภอ</th><th scope=\"colgroup\" colspan=\"3\">ไตรมาส ๒</th></tr>\n\
         <tr><th scope=\"col\">งบประมาณ</th><th scope=\"col\">เบิกจ่าย</th><th scope=\"col\">ร้อยละ</th></tr>",
        "<tr><th scope=\"row\">บ้านหมี่</th><td class=\"num\">๘๑๘,๔๐๐</td><td class=\"num\">๖๓๒,๐๐๐</td><td class=\"num\">๗๗.๒๒</td></tr>",
        "<tfoot>\n<tr><th scope=\"row\">รวม</th><td class=\"num\">๒,๓๔๓,๖๐๐</td><td class=\"num\">๒,๐๐๘,๔๐๐</td><td class=\"num\">๘๕.๗๐</td></tr>\n</tfoot>",
        "<a class=\"csv-link\" href=\"alloc.csv\" download>ดาวน์โหลด CSV</a>\n</figure>",
    ];
    for part in expected {
        assert!(html.contains(part), "missing {part}\nin\n{html}");
    }
    let arabic = load_str(BUDGET).0.unwrap().to_html("a.csv", Digits::Arabic);
    assert!(
        arabic.contains("<td class=\"num\">1,376,400</td>"),
        "{arabic}"
    );
}

#[test]
fn html_escapes_text() {
    let src = "title: \"<b>&'\\\"\"\nnote: a < b\ncolumns:\n  - {key: t, label: \"<i>\"}\nrows:\n  - {t: \"<script>\"}\n";
    let (table, msgs) = load_str(src);
    assert!(msgs.is_empty(), "{msgs:?}");
    let html = table.unwrap().to_html("x\".csv", Digits::Thai);
    assert!(
        !html.contains("<script>") && !html.contains("<b>") && !html.contains("<i>"),
        "{html}"
    );
    assert!(
        html.contains("<caption>&lt;b&gt;&amp;&#39;&quot;</caption>"),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"table-note\">a &lt; b</p>")
            && html.contains("href=\"x&quot;.csv\""),
        "{html}"
    );
}

#[test]
fn csv_is_excel_friendly() {
    let (table, _) = load_str(
        &BUDGET
            .replace("title: เบิกจ่าย ไตรมาส ๒", "title: t")
            .replace("เมืองลพบุรี, budget", "\"เมืองลพบุรี\", budget"),
    );
    let bytes = table.unwrap().to_csv();
    assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF]);
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines,
        [
            "อำเภอ,ไตรมาส ๒ - งบประมาณ,ไตรมาส ๒ - เบิกจ่าย,ไตรมาส ๒ - ร้อยละ",
            "เมืองลพบุรี,1376400,1376400,100",
            "บ้านหมี่,818400,632000,77.22",
            "สระโบสถ์,148800,,0",
            "รวม,2343600,2008400,85.7",
            "",
        ]
    );
}

#[test]
fn csv_quotes_and_defuses_text() {
    let src = "title: t\ncolumns:\n  - {key: t, label: \"a,b\"}\nrows:\n  - {t: 'say \"hi\"'}\n  - {t: \"=1+1\"}\n";
    let text = String::from_utf8(load_str(src).0.unwrap().to_csv()).unwrap();
    assert_eq!(text, "\u{FEFF}\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n'=1+1\r\n");
}

/// Bar widths from the SVG, in row order.
fn bar_widths(svg: &str) -> Vec<f64> {
    svg.split("<rect class=\"bar\"")
        .skip(1)
        .map(|s| {
            let w = s.split("width=\"").nth(1).unwrap();
            w[..w.find('"').unwrap()].parse().unwrap()
        })
        .collect()
}

#[test]
fn chart_bars_are_proportional_and_labelled() {
    let (table, _) = load_str(BUDGET);
    let table = table.unwrap();
    let svg = table
        .chart_svg("spent_pct", &[25.0, 50.0, 75.0], Digits::Thai)
        .unwrap();
    let widths = bar_widths(&svg);
    // Percent axis is 0..100: 100 % fills the plot, 77.22 % is 0.7722 of it, 0 is empty.
    assert_eq!(widths.len(), 3);
    assert!((widths[0] - chart::PLOT_W).abs() < 0.01, "{widths:?}");
    assert!(
        (widths[1] / widths[0] - 0.772238).abs() < 1e-4,
        "{widths:?}"
    );
    assert_eq!(widths[2], 0.0);
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(
        svg.contains("role=\"img\"") && svg.contains("viewBox=\"0 0 480 "),
        "{svg}"
    );
    assert!(
        svg.contains("-title\">เบิกจ่าย ไตรมาส ๒ — ร้อยละ</title>"),
        "{svg}"
    );
    assert!(svg.contains("บ้านหมี่ ๗๗.๒๒%"), "{svg}");
    assert!(
        svg.contains(">๗๗.๒๒%</text>") && svg.contains(">๕๐%</text>"),
        "{svg}"
    );
    assert_eq!(svg.matches("stroke-dasharray").count(), 3);
    // The axis ends are ticks with labels: 0 and 100 for a percentage.
    assert!(
        svg.contains(">๐%</text>") && svg.contains(">๑๐๐%</text>"),
        "{svg}"
    );
    assert_eq!(svg.matches("class=\"tick\"").count(), 2);
    // Values sit in their own column right of the plot, where no reference line runs.
    assert!(
        svg.contains("<text x=\"476.00\" y=\"55.00\" text-anchor=\"end\" fill=\"#1a1a1a\""),
        "{svg}"
    );
    let plot_end = 118.0 + chart::PLOT_W;
    for x in svg.split("<line class=\"mark\" x1=\"").skip(1) {
        let x: f64 = x.split('"').next().unwrap_or("0").parse().unwrap_or(0.0);
        assert!(x <= plot_end + 0.01, "mark at {x} beyond the plot");
    }
    assert!(!svg.contains("<script"));

    let money = table.chart_svg("budget", &[], Digits::Arabic).unwrap();
    let w = bar_widths(&money);
    assert!(
        (w[0] - chart::PLOT_W).abs() < 0.01 && (w[1] / w[0] - 818400.0 / 1376400.0).abs() < 1e-4,
        "{w:?}"
    );
    assert!(money.contains(">1,376,400</text>"), "{money}");

    assert!(
        table
            .chart_svg("nope", &[], Digits::Thai)
            .unwrap_err()
            .contains("has no column `nope`")
    );
    assert!(
        table
            .chart_svg("district", &[], Digits::Thai)
            .unwrap_err()
            .contains("not numeric")
    );
}

#[test]
fn nearest_district_lists_ties_instead_of_guessing() {
    let districts: Vec<String> = DISTRICTS.iter().map(|s| s.to_string()).collect();
    let cases: [(&str, &[&str]); 4] = [
        ("ท่าเรือ", &["ท่าวุ้ง", "ท่าหลวง"]),
        ("ท่าม่วง", &["ท่าหลวง"]),
        ("นองม่วง", &["หนองม่วง"]),
        ("เมืองลพบุร", &["เมืองลพบุรี"]),
    ];
    for (typed, want) in cases {
        assert_eq!(super::cell::nearest(typed, &districts), want, "{typed}");
    }
}

#[test]
fn odd_files_give_diagnostics_not_panics() {
    let cases = [
        "",
        "---\n",
        "title: t\n",
        "title: t\ncolumns: 5\n",
        "title: t\ncolumns: []\n",
        "title: t\ncolumns:\n  - {label: ก}\n",
        "title: t\ncolumns:\n  - {label: ก, columns: []}\n",
        "title: t\ncolumns:\n  - {key: a, label: A, type: int}\nrows:\n  - 5\n",
        "title: t\ncolumns:\n  - {key: a, label: A, type: int}\nrows: [{}]\ntotal: yes\n",
        "title: t\ncolumns:\n  - {key: a, label: A, type: money}\n  - {key: a, label: B}\n",
        "title: t\ncolumns:\n  - {key: a, label: A, type: text, formula: 1 + 1}\n",
        "title: t\ncolumns:\n  - {key: a, label: A, type: int, formula: a}\nrows: [{a: 1}]\ntotal: true\n",
        "\u{0}\u{FEFF}title: [",
    ];
    for src in cases {
        let (table, msgs) = load_str(src);
        assert!(
            !msgs.is_empty(),
            "no diagnostic for {src:?} (table: {})",
            table.is_some()
        );
        if let Some(t) = table {
            assert_renders(&t, "a");
        }
    }
}

/// What a table that loaded gives a reader: an HTML table, a CSV for Excel, and a chart
/// of `column` or a message saying why not.
fn assert_renders(t: &Table, column: &str) {
    let html = t.to_html("t.csv", Digits::Thai);
    assert!(
        html.contains("<table>") && html.contains("</table>"),
        "{html}"
    );
    assert!(
        t.to_csv().starts_with("\u{feff}".as_bytes()),
        "CSV with a BOM"
    );
    match t.chart_svg(column, &[50.0], Digits::Arabic) {
        Ok(svg) => assert!(svg.contains("<svg") && svg.contains("</svg>"), "{svg}"),
        Err(msg) => assert!(!msg.th.is_empty() && !msg.en.is_empty()),
    }
}

proptest::proptest! {
    #[test]
    fn any_edit_of_a_table_never_panics(at in 0usize..2000, text in "\\PC{0,8}") {
        let mut src: Vec<char> = BUDGET.chars().collect();
        let at = at.min(src.len());
        src.splice(at..at, text.chars());
        let src: String = src.into_iter().collect();
        match load_str(&src) {
            (Some(t), _) => assert_renders(&t, "spent_pct"),
            (None, msgs) => proptest::prop_assert!(!msgs.is_empty(), "refused without a message: {src}"),
        }
    }
}
