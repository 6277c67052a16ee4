//! Unit tests for `thai`: THAI.md vectors, the seed's numbers, round-trip properties.

use super::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn digits_convert_both_ways() {
    assert_eq!(apply_digits("5/2563 09:20", Digits::Thai), "๕/๒๕๖๓ ๐๙:๒๐");
    assert_eq!(apply_digits("0123456789", Digits::Thai), "๐๑๒๓๔๕๖๗๘๙");
    assert_eq!(apply_digits("5/2563", Digits::Arabic), "5/2563");
    assert_eq!(normalize_digits("๐๑๒๓๔๕๖๗๘๙ ครั้งที่ ๕"), "0123456789 ครั้งที่ 5");
    assert_eq!(normalize_digits("abc 12"), "abc 12");
    assert_eq!(Digits::default(), Digits::Thai);
}

#[test]
fn digits_deserialize_lowercase() {
    let thai: Digits = serde_json::from_str("\"thai\"").unwrap();
    let arabic: Digits = serde_json::from_str("\"arabic\"").unwrap();
    assert_eq!((thai, arabic), (Digits::Thai, Digits::Arabic));
    assert!(serde_json::from_str::<Digits>("\"Thai\"").is_err());
    assert_eq!(
        serde_json::to_string(&Digits::Arabic).unwrap(),
        "\"arabic\""
    );
}

#[test]
fn parses_numbers_staff_type() {
    let cases: &[(&str, Option<f64>)] = &[
        ("5394000", Some(5_394_000.0)),
        ("5,394,000", Some(5_394_000.0)),
        ("๕,๓๙๔,๐๐๐", Some(5_394_000.0)),
        (" 2,086,655.92 ", Some(2_086_655.92)),
        ("๒,๐๘๖๖๕๕.๙๒", Some(2_086_655.92)),
        ("-12.5", Some(-12.5)),
        ("0.5", Some(0.5)),
        (".5", Some(0.5)),
        ("12.", Some(12.0)),
        ("๕๓.๙๒", Some(53.92)),
        ("", None),
        ("   ", None),
        ("-", None),
        (".", None),
        ("abc", None),
        ("1.2.3", None),
        ("1,,000", None),
        (",100", None),
        ("100,", None),
        ("1.000,5", None),
        ("NaN", None),
        ("inf", None),
        ("1e5", None),
        ("+5", None),
        ("12 บาท", None),
        ("--1", None),
    ];
    for (input, want) in cases {
        assert_eq!(parse_number(input), *want, "parse_number({input:?})");
    }
}

#[test]
fn parses_integers_staff_type() {
    let cases: &[(&str, Option<i64>)] = &[
        ("37200", Some(37_200)),
        ("37,200", Some(37_200)),
        ("๓๗,๒๐๐", Some(37_200)),
        (" -๕ ", Some(-5)),
        ("05", Some(5)),
        ("12.0", None),
        ("", None),
        ("x1", None),
        ("99999999999999999999", None),
        ("-9223372036854775808", Some(i64::MIN)),
    ];
    for (input, want) in cases {
        assert_eq!(parse_int(input), *want, "parse_int({input:?})");
    }
}

/// THAI.md's month table, written out (checked there against glibc's `th_TH` and ICU).
const THAI_MD_MONTHS: [(u32, &str, &str); 12] = [
    (1, "มกราคม", "ม.ค."),
    (2, "กุมภาพันธ์", "ก.พ."),
    (3, "มีนาคม", "มี.ค."),
    (4, "เมษายน", "เม.ย."),
    (5, "พฤษภาคม", "พ.ค."),
    (6, "มิถุนายน", "มิ.ย."),
    (7, "กรกฎาคม", "ก.ค."),
    (8, "สิงหาคม", "ส.ค."),
    (9, "กันยายน", "ก.ย."),
    (10, "ตุลาคม", "ต.ค."),
    (11, "พฤศจิกายน", "พ.ย."),
    (12, "ธันวาคม", "ธ.ค."),
];

#[test]
fn month_names_are_spelled_right() {
    for (month, full, abbr) in THAI_MD_MONTHS {
        assert_eq!(month_full(month), full, "month {month}");
        assert_eq!(month_abbr(month), abbr, "month {month}");
        // What a reader sees: the 1st of that month, long and short.
        let first = NaiveDate::from_ymd_opt(2020, month, 1).unwrap();
        assert_eq!(format_date(first, Digits::Arabic), format!("1 {full} 2563"));
        assert_eq!(
            format_date_short(first, Digits::Arabic),
            format!("1 {abbr} 63")
        );
    }
    // THAI.md's spelling traps, code point by code point.
    assert!(month_full(2).ends_with("ธ\u{0E4C}"));
    assert!(month_full(7).contains('ฎ') && !month_full(7).contains('ฏ'));
    assert!(month_full(5).contains('\u{0E24}'));
    assert!(month_full(11).contains('\u{0E24}'));
    for bad in [0, 13, u32::MAX] {
        assert_eq!((month_full(bad), month_abbr(bad)), ("", ""));
    }
}

#[test]
fn weekdays_are_named() {
    let cases = [
        ("2020-05-10", "อาทิตย์"),
        ("2020-05-11", "จันทร์"),
        ("2020-05-12", "อังคาร"),
        ("2020-05-13", "พุธ"),
        ("2020-05-14", "พฤหัสบดี"),
        ("2020-05-15", "ศุกร์"),
        ("2020-05-16", "เสาร์"),
    ];
    for (date, want) in cases {
        assert_eq!(weekday_name(d(date)), want, "{date}");
    }
}

#[test]
fn formats_thai_md_date_vectors() {
    // (date, long Thai, short Thai, long Arabic, short Arabic)
    let cases = [
        (
            "2019-10-01",
            "๑ ตุลาคม ๒๕๖๒",
            "๑ ต.ค. ๖๒",
            "1 ตุลาคม 2562",
            "1 ต.ค. 62",
        ),
        (
            "2020-01-01",
            "๑ มกราคม ๒๕๖๓",
            "๑ ม.ค. ๖๓",
            "1 มกราคม 2563",
            "1 ม.ค. 63",
        ),
        (
            "2020-05-14",
            "๑๔ พฤษภาคม ๒๕๖๓",
            "๑๔ พ.ค. ๖๓",
            "14 พฤษภาคม 2563",
            "14 พ.ค. 63",
        ),
        (
            "2020-12-31",
            "๓๑ ธันวาคม ๒๕๖๓",
            "๓๑ ธ.ค. ๖๓",
            "31 ธันวาคม 2563",
            "31 ธ.ค. 63",
        ),
        (
            "2024-02-29",
            "๒๙ กุมภาพันธ์ ๒๕๖๗",
            "๒๙ ก.พ. ๖๗",
            "29 กุมภาพันธ์ 2567",
            "29 ก.พ. 67",
        ),
        (
            "2020-02-07",
            "๗ กุมภาพันธ์ ๒๕๖๓",
            "๗ ก.พ. ๖๓",
            "7 กุมภาพันธ์ 2563",
            "7 ก.พ. 63",
        ),
        (
            "1957-07-01",
            "๑ กรกฎาคม ๒๕๐๐",
            "๑ ก.ค. ๐๐",
            "1 กรกฎาคม 2500",
            "1 ก.ค. 00",
        ),
    ];
    for (date, long_th, short_th, long_ar, short_ar) in cases {
        let date = d(date);
        assert_eq!(format_date(date, Digits::Thai), long_th);
        assert_eq!(format_date_short(date, Digits::Thai), short_th);
        assert_eq!(format_date(date, Digits::Arabic), long_ar);
        assert_eq!(format_date_short(date, Digits::Arabic), short_ar);
    }
}

#[test]
fn formats_weekday_and_month_headings() {
    let date = d("2020-05-14");
    assert_eq!(
        format_date_weekday(date, Digits::Thai),
        "วันพฤหัสบดีที่ ๑๔ พฤษภาคม ๒๕๖๓"
    );
    assert_eq!(
        format_date_weekday(date, Digits::Arabic),
        "วันพฤหัสบดีที่ 14 พฤษภาคม 2563"
    );
    assert_eq!(format_month_year(2020, 5, Digits::Thai), "พฤษภาคม ๒๕๖๓");
    assert_eq!(format_month_year(2020, 5, Digits::Arabic), "พฤษภาคม 2563");
    assert_eq!(format_month_year(2020, 13, Digits::Thai), "");
    assert_eq!(be_year(date), 2563);
}

#[test]
fn parses_iso_dates_only() {
    let ok = [
        ("2020-05-14", "2020-05-14"),
        ("๒๐๒๐-๐๕-๑๔", "2020-05-14"),
        (" 2024-02-29 ", "2024-02-29"),
    ];
    for (input, want) in ok {
        assert_eq!(parse_date(input), Some(d(want)), "{input}");
    }
    let bad = [
        "",
        "2020-5-14",
        "2020-05-4",
        "14/05/2020",
        "2563-13-01",
        "2023-02-29",
        "2020-05-14T00:00",
        "20200514",
        "2020-05-14-1",
        "๑๔ พฤษภาคม ๒๕๖๓",
        "+2020-05-14",
    ];
    for input in bad {
        assert_eq!(parse_date(input), None, "{input}");
    }
}

#[test]
fn parses_times_the_thai_way_and_iso() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let ok = [
        ("09:30", t(9, 30)),
        ("9:30", t(9, 30)),
        ("09.30", t(9, 30)),
        ("๐๙.๓๐", t(9, 30)),
        ("09.30 น.", t(9, 30)),
        ("๐๙.๒๐ น.", t(9, 20)),
        ("9.30น.", t(9, 30)),
        ("00:00", t(0, 0)),
        ("23:59", t(23, 59)),
    ];
    for (input, want) in ok {
        assert_eq!(parse_time(input), Some(want), "{input}");
    }
    let bad = [
        "24:00", "9:60", "9:5", "930", "", "น.", "123:00", "09:30:00", "a9:30", "09:3x", ":30",
    ];
    for input in bad {
        assert_eq!(parse_time(input), None, "{input}");
    }
}

#[test]
fn formats_times_with_full_stop_and_nor() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    assert_eq!(format_time(t(9, 20), Digits::Thai), "๐๙.๒๐ น.");
    assert_eq!(format_time(t(9, 30), Digits::Thai), "๐๙.๓๐ น.");
    assert_eq!(format_time(t(16, 5), Digits::Arabic), "16.05 น.");
}

#[test]
fn fiscal_years_and_quarters() {
    let cases = [
        ("2020-05-14", 2563, 3),
        ("2019-10-01", 2563, 1),
        ("2019-09-30", 2562, 4),
        ("2019-12-31", 2563, 1),
        ("2020-01-01", 2563, 2),
        ("2020-03-31", 2563, 2),
        ("2020-04-01", 2563, 3),
        ("2020-07-01", 2563, 4),
    ];
    for (date, fy, q) in cases {
        assert_eq!(
            (fiscal_year(d(date)), fiscal_quarter(d(date))),
            (fy, q),
            "{date}"
        );
    }
}

#[test]
fn formats_grouped_integers() {
    let cases = [
        (5_394_000, "๕,๓๙๔,๐๐๐", "5,394,000"),
        (37_200, "๓๗,๒๐๐", "37,200"),
        (0, "๐", "0"),
        (999, "๙๙๙", "999"),
        (1000, "๑,๐๐๐", "1,000"),
        (-1_234_567, "-๑,๒๓๔,๕๖๗", "-1,234,567"),
        (
            i64::MIN,
            "-๙,๒๒๓,๓๗๒,๐๓๖,๘๕๔,๗๗๕,๘๐๘",
            "-9,223,372,036,854,775,808",
        ),
    ];
    for (n, thai, arabic) in cases {
        assert_eq!(format_int(n, Digits::Thai), thai);
        assert_eq!(format_int(n, Digits::Arabic), arabic);
    }
}

#[test]
fn formats_decimals_with_half_up_rounding() {
    let cases = [
        (1_234_567.499, 2, "1,234,567.50"),
        (2_086_655.92, 2, "2,086,655.92"),
        (1.005, 2, "1.01"),
        (0.125, 2, "0.13"),
        (2.675, 2, "2.68"),
        (999.995, 2, "1,000.00"),
        (9.5, 0, "10"),
        (1234.4, 0, "1,234"),
        (0.0, 2, "0.00"),
        (-0.001, 2, "0.00"),
        (-1234.5, 1, "-1,234.5"),
        (1e21, 0, "1,000,000,000,000,000,000,000"),
        (f64::NAN, 2, ""),
        (f64::INFINITY, 2, ""),
    ];
    for (x, places, want) in cases {
        assert_eq!(
            format_decimal(x, places, Digits::Arabic),
            want,
            "{x} with {places}"
        );
    }
    assert_eq!(
        format_decimal(2_086_655.92, 2, Digits::Thai),
        "๒,๐๘๖,๖๕๕.๙๒"
    );
}

#[test]
fn formats_baht_with_satang_only_when_present() {
    let cases = [
        (5_394_000.0, "๕,๓๙๔,๐๐๐", "5,394,000"),
        (1_234_567.5, "๑,๒๓๔,๕๖๗.๕๐", "1,234,567.50"),
        (2_086_655.92, "๒,๐๘๖,๖๕๕.๙๒", "2,086,655.92"),
        (37_200.0, "๓๗,๒๐๐", "37,200"),
        (0.999, "๑", "1"),
        (0.004, "๐", "0"),
        (-250.25, "-๒๕๐.๒๕", "-250.25"),
    ];
    for (x, thai, arabic) in cases {
        assert_eq!(format_baht(x, Digits::Thai), thai, "{x}");
        assert_eq!(format_baht(x, Digits::Arabic), arabic, "{x}");
    }
    assert_eq!(format_baht(f64::NAN, Digits::Thai), "");
}

#[test]
fn plain_numbers_are_ascii_and_round_like_the_page() {
    let cases = [
        (5_394_000.0, 2, "5394000"),
        (2_086_655.92, 2, "2086655.92"),
        (1.005, 2, "1.01"),
        (0.125, 2, "0.13"),
        (53.9, 2, "53.9"),
        (2.0, 2, "2"),
        (-0.001, 2, "0"),
        (-12.345, 2, "-12.35"),
        (0.999, 2, "1"),
        (f64::NAN, 2, ""),
    ];
    for (x, places, want) in cases {
        assert_eq!(plain_number(x, places), want, "{x}");
        // The same value the page shows, so a CSV agrees with its table.
        let page = parse_number(&format_decimal(x, places, Digits::Thai));
        assert_eq!(page, parse_number(want), "{x}");
    }
}

#[test]
fn formats_percent_points() {
    assert_eq!(format_percent(53.92, Digits::Thai), "๕๓.๙๒");
    assert_eq!(format_percent(53.92, Digits::Arabic), "53.92");
    assert_eq!(format_percent(100.0, Digits::Arabic), "100.00");
    assert_eq!(
        format_percent(2_086_655.92 / 3_870_000.0 * 100.0, Digits::Arabic),
        "53.92"
    );
}

#[test]
fn parses_and_formats_meeting_numbers() {
    let ok = [
        ("5/2563", (5, 2563)),
        ("๕/๒๕๖๓", (5, 2563)),
        (" 05/2563 ", (5, 2563)),
        ("12 / 2567", (12, 2567)),
    ];
    for (input, want) in ok {
        assert_eq!(parse_meeting(input), Some(want), "{input}");
    }
    let bad = [
        "", "5", "5/63", "5/2020x", "0/2563", "5/2399", "5/25630", "a/2563", "5/2563/1", "-5/2563",
        "/2563",
    ];
    for input in bad {
        assert_eq!(parse_meeting(input), None, "{input}");
    }
    assert_eq!(format_meeting(5, 2563, Digits::Thai), "๕/๒๕๖๓");
    assert_eq!(format_meeting(5, 2563, Digits::Arabic), "5/2563");
}

/// The per-character definitions the byte-level digit functions must agree with.
fn digits_by_char(s: &str) -> (String, String) {
    let thai = s
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x0E50 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect();
    let ascii = s
        .chars()
        .map(|c| match c {
            '\u{0E50}'..='\u{0E59}' => {
                char::from_u32('0' as u32 + (c as u32 - 0x0E50)).unwrap_or(c)
            }
            _ => c,
        })
        .collect();
    (thai, ascii)
}

#[test]
fn digit_conversion_agrees_with_the_per_character_rule_at_every_edge() {
    for s in [
        "",
        "๙",
        "9",
        "ก๙",
        "๙ก",
        "\u{0E4F}\u{0E5A}\u{0E5B}",
        "ครั้งที่ ๕/๒๕๖๓ เวลา 09:20 น.",
        "é๐€1𝟘",
    ] {
        let (thai, ascii) = digits_by_char(s);
        assert_eq!(apply_digits(s, Digits::Thai), thai, "{s:?}");
        assert_eq!(normalize_digits(s), ascii, "{s:?}");
    }
}

proptest! {
    #[test]
    fn digit_conversion_agrees_with_the_per_character_rule(s in r"([0-9 ๐-๙\x{0E00}-\x{0E7F}]|\PC){0,40}") {
        let (thai, ascii) = digits_by_char(&s);
        prop_assert_eq!(apply_digits(&s, Digits::Thai), thai);
        prop_assert_eq!(normalize_digits(&s), ascii);
    }

    #[test]
    fn thai_digits_round_trip_ascii(s in "[ -~]{0,40}") {
        prop_assert_eq!(normalize_digits(&apply_digits(&s, Digits::Thai)), s);
    }

    #[test]
    fn format_int_round_trips_through_parse_int(n in any::<i64>()) {
        prop_assert_eq!(parse_int(&format_int(n, Digits::Thai)), Some(n));
        prop_assert_eq!(parse_int(&format_int(n, Digits::Arabic)), Some(n));
    }

    #[test]
    fn format_decimal_round_trips_within_half_a_unit(x in -1e12f64..1e12) {
        let back = parse_number(&format_decimal(x, 2, Digits::Thai)).unwrap();
        // Half a cent, plus float error at this magnitude.
        let tolerance = 0.005 + x.abs() * f64::EPSILON * 4.0;
        prop_assert!((back - x).abs() <= tolerance, "{} -> {}", x, back);
    }

    #[test]
    fn whole_numbers_print_the_digits_of_the_float(n in -1e15f64..1e15, places in 0usize..4) {
        // The integer fast path of round_decimal against the float's own digits.
        let x = n.trunc();
        let want = format!("{}", x.abs());
        let (int, frac) = round_decimal(x, places);
        prop_assert_eq!(int, want);
        prop_assert_eq!(frac, "0".repeat(places));
    }

    #[test]
    fn a_whole_number_in_a_data_file_is_the_rounded_one(n in -1e15f64..1e15, places in 0usize..4) {
        // plain_number's integer fast path against rounding the digits.
        let x = n.trunc();
        prop_assert_eq!(plain_number(x, places), plain_number_rounded(x, places));
        prop_assert_eq!(plain_number(-0.0, places), "0");
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,20}") {
        let _ = (parse_number(&s), parse_int(&s), parse_date(&s), parse_time(&s), parse_meeting(&s));
    }
}
