//! Thai formatting and parsing: Thai/Arabic digits, Buddhist Era dates, times,
//! fiscal years, grouped numbers, baht and meeting numbers (SPEC §4, THAI.md).
//!
//! Every function is pure and never panics. Digits are applied only to text
//! wara formats itself; callers must never pass URLs, anchors, file names,
//! CSV, ICS, JSON or QR payloads through [`apply_digits`].

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

/// How numbers, dates and times are printed in generated text (`digits:` in site.yaml).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Digits {
    /// Thai digits ๐–๙ (U+0E50–U+0E59).
    #[default]
    Thai,
    /// ASCII digits 0–9.
    Arabic,
}

const THAI_ZERO: u32 = 0x0E50;

const MONTHS_FULL: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

const MONTHS_ABBR: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// Sunday first, matching `Weekday::num_days_from_sunday`.
const WEEKDAYS: [&str; 7] = ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"];

/// The value of an ASCII or Thai digit. `char::to_digit` does not read Thai digits.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0E50}'..='\u{0E59}' => Some(c as u32 - THAI_ZERO),
        _ => None,
    }
}

/// The Thai digits ๐ … ๙, by value.
const THAI_DIGITS: [&str; 10] = ["๐", "๑", "๒", "๓", "๔", "๕", "๖", "๗", "๘", "๙"];

/// Replaces ASCII digits with Thai digits when `digits` is [`Digits::Thai`].
pub(crate) fn apply_digits(s: &str, digits: Digits) -> String {
    match digits {
        Digits::Arabic => s.to_owned(),
        Digits::Thai => {
            // An ASCII digit is one byte, never inside a multi-byte character: the text
            // between digits is copied whole, each digit becomes its Thai one (3 bytes).
            let count = s.bytes().filter(u8::is_ascii_digit).count();
            let mut out = String::with_capacity(s.len() + 2 * count);
            let mut from = 0;
            for (i, b) in s.bytes().enumerate() {
                if b.is_ascii_digit() {
                    out.push_str(&s[from..i]);
                    out.push_str(THAI_DIGITS[usize::from(b - b'0')]);
                    from = i + 1;
                }
            }
            out.push_str(&s[from..]);
            out
        }
    }
}

/// Replaces Thai digits with ASCII digits; everything else is unchanged.
pub(crate) fn normalize_digits(s: &str) -> String {
    // U+0E50 … U+0E59 are the bytes E0 B9 90 … E0 B9 99, and E0 only ever starts a
    // character: the text between them is copied whole.
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == 0xE0 && bytes[i + 1] == 0xB9 && (0x90..=0x99).contains(&bytes[i + 2]) {
            out.push_str(&s[from..i]);
            out.push(char::from(b'0' + (bytes[i + 2] - 0x90)));
            i += 3;
            from = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[from..]);
    out
}

/// Checks the shape of a typed number and returns it with ASCII digits and no
/// commas: optional `-`, digits with commas only between digits, then optionally
/// one `.` and more digits. Needs at least one digit.
fn clean_number(s: &str, allow_fraction: bool) -> Option<String> {
    let s = normalize_digits(s.trim());
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) if allow_fraction => (i, Some(f)),
        Some(_) => return None,
        None => (body, None),
    };
    // Commas only between digits (lenient about group sizes: the seed mis-groups).
    let int_ok = int_part
        .split(',')
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    let int_ok = int_ok || int_part.is_empty();
    let frac_ok = frac_part.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()));
    let has_digit = !int_part.is_empty() || frac_part.is_some_and(|f| !f.is_empty());
    if !(int_ok && frac_ok && has_digit) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    if negative {
        out.push('-');
    }
    out.extend(int_part.chars().filter(|&c| c != ','));
    if let Some(f) = frac_part {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Reads a typed number: Thai or ASCII digits, grouping commas, one `.`, leading `-`.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let cleaned = clean_number(s, true)?;
    let x: f64 = cleaned.parse().ok()?;
    x.is_finite().then_some(x)
}

/// Reads a typed integer: Thai or ASCII digits, grouping commas, leading `-`.
#[cfg(test)]
pub(crate) fn parse_int(s: &str) -> Option<i64> {
    clean_number(s, false)?.parse().ok()
}

/// The Buddhist Era year of a date (CE + 543).
pub(crate) fn be_year(date: NaiveDate) -> i32 {
    date.year() + 543
}

/// The full Thai month name for 1..=12 (มกราคม …); empty when out of range.
pub(crate) fn month_full(month: u32) -> &'static str {
    month_index(month).map_or("", |i| MONTHS_FULL[i])
}

/// The abbreviated Thai month name for 1..=12 (ม.ค. …); empty when out of range.
pub(crate) fn month_abbr(month: u32) -> &'static str {
    month_index(month).map_or("", |i| MONTHS_ABBR[i])
}

fn month_index(month: u32) -> Option<usize> {
    (1..=12).contains(&month).then(|| month as usize - 1)
}

/// The Thai weekday name (อาทิตย์ … เสาร์), without the วัน prefix.
pub(crate) fn weekday_name(date: NaiveDate) -> &'static str {
    WEEKDAYS[date.weekday().num_days_from_sunday() as usize]
}

/// The official form: `๑๔ พฤษภาคม ๒๕๖๓` (day not padded, BE year).
pub(crate) fn format_date(date: NaiveDate, digits: Digits) -> String {
    let text = format!(
        "{} {} {}",
        date.day(),
        month_full(date.month()),
        be_year(date)
    );
    apply_digits(&text, digits)
}

/// The short form: `๑๔ พ.ค. ๖๓` (abbreviated month, two-digit BE year).
pub(crate) fn format_date_short(date: NaiveDate, digits: Digits) -> String {
    let yy = be_year(date).rem_euclid(100);
    let text = format!("{} {} {:02}", date.day(), month_abbr(date.month()), yy);
    apply_digits(&text, digits)
}

/// With the weekday: `วันพฤหัสบดีที่ ๑๔ พฤษภาคม ๒๕๖๓`.
pub(crate) fn format_date_weekday(date: NaiveDate, digits: Digits) -> String {
    format!("วัน{}ที่ {}", weekday_name(date), format_date(date, digits))
}

/// A month heading: `พฤษภาคม ๒๕๖๓`; empty when `month` is out of 1..=12.
pub(crate) fn format_month_year(year_ce: i32, month: u32, digits: Digits) -> String {
    match month_index(month) {
        Some(i) => format!(
            "{} {}",
            MONTHS_FULL[i],
            apply_digits(&(year_ce + 543).to_string(), digits)
        ),
        None => String::new(),
    }
}

/// Reads exactly `n` digits (ASCII or Thai) as a number.
fn fixed_digits(s: &str, n: usize) -> Option<u32> {
    if s.chars().count() != n {
        return None;
    }
    s.chars().try_fold(0u32, |acc, c| {
        acc.checked_mul(10)?.checked_add(digit_value(c)?)
    })
}

/// The first year read as a Buddhist Era year typed by mistake (2400 BE = 1857 CE):
/// no date the office writes is that far in the future, and none before 1857.
pub(crate) const FIRST_BE_YEAR: i32 = 2400;

/// Reads an ISO `YYYY-MM-DD` date (Common Era), Thai digits accepted; nothing else.
/// A year of 2400 or more is a Buddhist Era year typed by mistake: not a date
/// (see [`be_date_meant`] for the date that was meant).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_iso(s).filter(|d| d.year() < FIRST_BE_YEAR)
}

fn parse_iso(s: &str) -> Option<NaiveDate> {
    let mut parts = s.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let year = i32::try_from(fixed_digits(y, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, fixed_digits(m, 2)?, fixed_digits(d, 2)?)
}

/// For a date typed with a Buddhist Era year (`2563-06-11`), the Common Era date that
/// was meant (`2020-06-11`); `None` for anything else. The day is checked in the CE
/// year, so `2563-02-29` gives 2020-02-29.
pub(crate) fn be_date_meant(s: &str) -> Option<NaiveDate> {
    let mut parts = s.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let year = i32::try_from(fixed_digits(y, 4)?).ok()?;
    if year < FIRST_BE_YEAR {
        return None;
    }
    NaiveDate::from_ymd_opt(year - 543, fixed_digits(m, 2)?, fixed_digits(d, 2)?)
}

/// Reads `09:30`, `9:30`, `09.30`, `๐๙.๓๐` or `09.30 น.`; rejects `24:00` and `9:60`.
pub(crate) fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    let s = s.strip_suffix("น.").map_or(s, str::trim_end);
    let (h, m) = s.split_once([':', '.'])?;
    let hour_len = h.chars().count();
    if !(1..=2).contains(&hour_len) {
        return None;
    }
    NaiveTime::from_hms_opt(fixed_digits(h, hour_len)?, fixed_digits(m, 2)?, 0)
}

/// The Thai way: `๐๙.๓๐ น.` (zero-padded, a full stop, then น.).
pub(crate) fn format_time(t: NaiveTime, digits: Digits) -> String {
    apply_digits(&format!("{:02}.{:02} น.", t.hour(), t.minute()), digits)
}

/// The fiscal year (BE) a date falls in: October to December count to the next year.
pub(crate) fn fiscal_year(date: NaiveDate) -> i32 {
    be_year(date) + i32::from(date.month() >= 10)
}

/// The fiscal quarter: 1 ต.ค.–ธ.ค., 2 ม.ค.–มี.ค., 3 เม.ย.–มิ.ย., 4 ก.ค.–ก.ย.
pub(crate) fn fiscal_quarter(date: NaiveDate) -> u8 {
    match date.month() {
        10..=12 => 1,
        1..=3 => 2,
        4..=6 => 3,
        _ => 4,
    }
}

/// Inserts `,` every three digits into a string of ASCII digits.
fn group(int_digits: &str) -> String {
    let len = int_digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An integer with `,` grouping every three digits: `๕,๓๙๔,๐๐๐`.
pub(crate) fn format_int(n: i64, digits: Digits) -> String {
    let sign = if n < 0 { "-" } else { "" };
    apply_digits(
        &format!("{sign}{}", group(&n.unsigned_abs().to_string())),
        digits,
    )
}

/// Rounds |x| half-up to `decimals` places on its shortest decimal form (so a
/// typed 1.005 becomes 1.01) and returns (integer digits, fraction digits).
fn round_decimal(x: f64, decimals: usize) -> (String, String) {
    // Whole numbers (most table cells) as integers: the same digits as `{}` of the f64,
    // without its shortest-representation search.
    let text = if x.fract() == 0.0 && x.abs() < 1e15 {
        (x.abs() as u64).to_string()
    } else {
        format!("{}", x.abs())
    };
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = int_part.bytes().collect();
    let frac: Vec<u8> = frac_part
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(decimals)
        .collect();
    digits.extend(frac);
    let round_up = frac_part
        .as_bytes()
        .get(decimals)
        .is_some_and(|&b| b >= b'5');
    let mut carried = round_up;
    for d in digits.iter_mut().rev() {
        if !carried {
            break;
        }
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            carried = false;
        }
    }
    if carried {
        digits.insert(0, b'1');
    }
    let split = digits.len() - decimals;
    let to_string = |b: &[u8]| b.iter().map(|&c| c as char).collect::<String>();
    (to_string(&digits[..split]), to_string(&digits[split..]))
}

/// Joins a sign, grouped integer digits and fraction digits; no sign on zero.
fn join_number(negative: bool, int_digits: &str, frac_digits: &str, digits: Digits) -> String {
    let is_zero = int_digits
        .bytes()
        .chain(frac_digits.bytes())
        .all(|b| b == b'0');
    let mut out = String::new();
    if negative && !is_zero {
        out.push('-');
    }
    out.push_str(&group(int_digits));
    if !frac_digits.is_empty() {
        out.push('.');
        out.push_str(frac_digits);
    }
    apply_digits(&out, digits)
}

/// A number with grouped integer part and exactly `decimals` places, rounded
/// half-up: 1234567.499 with 2 → `1,234,567.50`. NaN and infinities give "".
pub(crate) fn format_decimal(x: f64, decimals: usize, digits: Digits) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let (int_digits, frac_digits) = round_decimal(x, decimals);
    join_number(x < 0.0, &int_digits, &frac_digits, digits)
}

/// Baht: rounded to satang, two decimals only when there are satang:
/// 5394000 → `๕,๓๙๔,๐๐๐`, 1234567.5 → `๑,๒๓๔,๕๖๗.๕๐`. NaN and infinities give "".
pub(crate) fn format_baht(x: f64, digits: Digits) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let (int_digits, frac_digits) = round_decimal(x, 2);
    let frac = if frac_digits == "00" {
        ""
    } else {
        frac_digits.as_str()
    };
    join_number(x < 0.0, &int_digits, frac, digits)
}

/// A number for data files (CSV, JSON, SVG attributes): ASCII digits, no grouping,
/// at most `max_decimals` places rounded like the page (half-up), trailing zeros
/// dropped, never `-0`. NaN and infinities give "".
pub(crate) fn plain_number(x: f64, max_decimals: usize) -> String {
    if !x.is_finite() {
        return String::new();
    }
    // Whole numbers (most table cells) print as the integer: no rounding to do, and
    // `-0` is `0` (`-0.0 as i64` is 0).
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return (x as i64).to_string();
    }
    plain_number_rounded(x, max_decimals)
}

/// [`plain_number`] by rounding the decimal digits, whatever `x` is.
fn plain_number_rounded(x: f64, max_decimals: usize) -> String {
    let (int_digits, frac_digits) = round_decimal(x, max_decimals);
    let frac = frac_digits.trim_end_matches('0');
    let is_zero = int_digits.bytes().chain(frac.bytes()).all(|b| b == b'0');
    let sign = if x < 0.0 && !is_zero { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int_digits}")
    } else {
        format!("{sign}{int_digits}.{frac}")
    }
}

/// Percent points with two decimals and no `%` sign: 53.92 → `๕๓.๙๒`.
pub(crate) fn format_percent(x: f64, digits: Digits) -> String {
    format_decimal(x, 2, digits)
}

/// Reads a meeting number `5/2563`, `๕/๒๕๖๓` or ` 05/2563 ` as (number, BE year).
/// The number must be at least 1 and the year four digits, at least 2400.
pub(crate) fn parse_meeting(s: &str) -> Option<(u32, i32)> {
    let (n, y) = s.trim().split_once('/')?;
    let (n, y) = (n.trim(), y.trim());
    let n_len = n.chars().count();
    if n_len == 0 || n_len > 4 {
        return None;
    }
    let number = fixed_digits(n, n_len).filter(|&n| n >= 1)?;
    let year = i32::try_from(fixed_digits(y, 4)?)
        .ok()
        .filter(|&y| y >= 2400)?;
    Some((number, year))
}

/// A meeting number as shown after ครั้งที่: `๕/๒๕๖๓`.
pub(crate) fn format_meeting(number: u32, year_be: i32, digits: Digits) -> String {
    apply_digits(&format!("{number}/{year_be}"), digits)
}

#[cfg(test)]
mod tests;
