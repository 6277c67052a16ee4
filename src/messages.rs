//! The one table of texts a user reads on the terminal or in the `serve` overlay,
//! each in Thai and English (`diag::Msg`). Terms follow ../shared/THAI.md.
//! Counts are written with the Thai classifier and with English plurals.

use crate::diag::Msg;

/// `1 error`, `2 errors`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The word in front of an environment error.
pub(crate) fn error_word() -> &'static str {
    match crate::diag::Lang::current() {
        crate::diag::Lang::English => "error",
        _ => "ข้อผิดพลาด (error)",
    }
}

pub(crate) fn bad_lang(given: &str) -> Msg {
    Msg::new(
        format!("ไม่รู้จักภาษา `{given}`: ใช้ th, en หรือ both"),
        format!("unknown language `{given}`: use th, en or both"),
    )
}

/// The line `wara check` prints when nothing is wrong.
pub(crate) fn check_ok(pages: usize, tables: usize, qr: usize) -> Msg {
    Msg::new(
        format!("ตรวจแล้ว {pages} หน้า {tables} ตาราง QR code {qr} รายการ: ไม่พบข้อผิดพลาด"),
        format!(
            "checked {}, {}, {}: no errors",
            plural(pages, "page", "pages"),
            plural(tables, "table", "tables"),
            plural(qr, "QR code", "QR codes")
        ),
    )
}

/// The last line of a failed build or check.
pub(crate) fn failed(check: bool, errors: usize) -> Msg {
    let (th, en) = if check {
        ("ตรวจไม่ผ่าน", "check failed")
    } else {
        ("สร้างเว็บไซต์ไม่สำเร็จ", "build failed")
    };
    Msg::new(
        format!("{th}: พบข้อผิดพลาด {errors} รายการ ไม่ได้เขียนไฟล์ใดเลย"),
        format!(
            "{en}: {}; nothing was written",
            plural(errors, "error", "errors")
        ),
    )
}

// ------------------------------------------------------------------ dates

/// A date that does not read as `YYYY-MM-DD` (Common Era): the message and the help.
/// A Buddhist Era year typed by mistake (`2563-06-11`) gets the date that was meant.
pub(crate) fn bad_date(key: &str, value: &str) -> (Msg, Msg) {
    let value = value.trim();
    if let Some(ce) = crate::thai::be_date_meant(value) {
        let iso = ce.format("%Y-%m-%d").to_string();
        let shown = crate::thai::format_date(ce, crate::thai::Digits::Thai);
        let be: String = value.chars().take(4).collect();
        return (
            Msg::new(
                format!("`{key}` ใช้ปีพุทธศักราช: `{value}`"),
                format!("`{key}` has a Buddhist Era year: `{value}`"),
            ),
            Msg::new(
                format!(
                    "วันที่ในไฟล์ใช้ปีคริสต์ศักราช (พ.ศ. − ๕๔๓): เขียน `{iso}` แล้วเว็บไซต์จะแสดงเป็น `{shown}`"
                ),
                format!(
                    "dates are written in the Common Era ({be} BE − 543): write `{iso}`; the site shows it as `{shown}`"
                ),
            ),
        );
    }
    (
        Msg::new(
            format!("`{key}` ไม่ใช่วันที่: `{value}`"),
            format!("`{key}` is not a date: `{value}`"),
        ),
        date_format_help(),
    )
}

/// How to write a date.
pub(crate) fn date_format_help() -> Msg {
    Msg::new(
        "เขียนวันที่แบบ ปี-เดือน-วัน เป็นปีคริสต์ศักราช เช่น 2020-05-14 สำหรับ ๑๔ พฤษภาคม ๒๕๖๓",
        "write dates as YYYY-MM-DD in the Common Era, e.g. 2020-05-14 for ๑๔ พฤษภาคม ๒๕๖๓",
    )
}

// ------------------------------------------------------------------ front matter values

pub(crate) fn bad_access(found: &str) -> Msg {
    Msg::new(
        format!("`access` ต้องเป็น `public` (สาธารณะ) หรือ `internal` (ภายใน) แต่พบ `{found}`"),
        format!("`access` must be `public` or `internal`, found `{found}`"),
    )
}

pub(crate) fn bad_access_help() -> Msg {
    Msg::new(
        "หน้าสำหรับเจ้าหน้าที่เท่านั้นให้เขียน `access: internal`",
        "write `access: internal` for staff-only pages",
    )
}

pub(crate) fn bad_time(key: &str, value: &str) -> Msg {
    Msg::new(
        format!("`{key}` ไม่ใช่เวลา: `{value}`"),
        format!("`{key}` is not a time: `{value}`"),
    )
}

pub(crate) fn bad_time_help() -> Msg {
    Msg::new(
        "เขียนเวลาแบบ 24 ชั่วโมงในเครื่องหมายคำพูด เช่น \"09:30\" (เว็บไซต์แสดงเป็น ๐๙.๓๐ น.)",
        "write the time as \"09:30\" (24-hour, in quotes)",
    )
}

pub(crate) fn bad_meeting(key: &str, value: &str) -> Msg {
    Msg::new(
        format!("`{key}` ต้องเป็น `ครั้งที่/ปี พ.ศ.` แต่พบ `{value}`"),
        format!("`{key}` must be `<number>/<BE year>`, found `{value}`"),
    )
}

pub(crate) fn bad_meeting_help() -> Msg {
    Msg::new(
        "เช่น `meeting: \"5/2563\"` (พิมพ์เลขไทยได้ เช่น \"๕/๒๕๖๓\")",
        "e.g. `meeting: \"5/2563\"` (Thai digits are fine)",
    )
}

pub(crate) fn minutes_need_meeting() -> (Msg, Msg) {
    (
        Msg::new(
            "รายงานการประชุมต้องมีคีย์ `meeting` เช่น `meeting: \"5/2563\"`",
            "minutes need a `meeting` key, e.g. `meeting: \"5/2563\"`",
        ),
        Msg::new(
            "เพิ่มบรรทัด `meeting: \"ครั้งที่/ปี พ.ศ.\"` ในส่วนหัว (front matter)",
            "add `meeting: \"<number>/<BE year>\"` to the front matter",
        ),
    )
}

pub(crate) fn minutes_need_date() -> (Msg, Msg) {
    (
        Msg::new(
            "รายงานการประชุมต้องมีคีย์ `date` เช่น `date: 2020-05-14`",
            "minutes need a `date` key, e.g. `date: 2020-05-14`",
        ),
        Msg::new(
            "เพิ่มวันประชุมเป็น `date: ปี-เดือน-วัน` แบบคริสต์ศักราช",
            "add the meeting date as `date: YYYY-MM-DD` (Common Era)",
        ),
    )
}

// ------------------------------------------------------------------ minutes plausibility

fn meeting_text(m: crate::content::MeetingNo) -> String {
    format!("{}/{}", m.number, m.year)
}

pub(crate) fn certifies_not_earlier(
    cert: crate::content::MeetingNo,
    meeting: crate::content::MeetingNo,
) -> (Msg, Msg) {
    let (c, m) = (meeting_text(cert), meeting_text(meeting));
    (
        Msg::new(
            format!("`certifies` รับรองการประชุมครั้งที่ {c} ซึ่งไม่ใช่ครั้งก่อนหน้าการประชุมครั้งนี้ ({m})"),
            format!("`certifies` names meeting {c}, which is not earlier than this meeting ({m})"),
        ),
        Msg::new(
            "การประชุมรับรองรายงานของครั้งที่แล้ว: ตรวจเลขครั้งที่ใน `certifies` (เช่น ครั้งที่ 6/2563 รับรอง \"5/2563\")",
            "a meeting certifies an earlier meeting's minutes: check the number in `certifies` (meeting 6/2563 certifies \"5/2563\")",
        ),
    )
}

pub(crate) fn closed_before_opened(
    opened: chrono::NaiveTime,
    closed: chrono::NaiveTime,
) -> (Msg, Msg) {
    let (o, c) = (opened.format("%H:%M"), closed.format("%H:%M"));
    (
        Msg::new(
            format!("เวลาปิดประชุม ({c}) อยู่ก่อนเวลาเปิดประชุม ({o})"),
            format!("the meeting closed ({c}) before it opened ({o})"),
        ),
        Msg::new(
            "ตรวจ `opened` และ `closed`: ใช้เวลาแบบ 24 ชั่วโมง เช่น บ่ายโมงครึ่งเขียน \"13:30\"",
            "check `opened` and `closed`: times are 24-hour, half past one in the afternoon is \"13:30\"",
        ),
    )
}

pub(crate) fn meeting_year_mismatch(
    m: crate::content::MeetingNo,
    date: chrono::NaiveDate,
) -> (Msg, Msg) {
    let (be, fy) = (crate::thai::be_year(date), crate::thai::fiscal_year(date));
    let mt = meeting_text(m);
    let d = date.format("%Y-%m-%d");
    (
        Msg::new(
            format!("ปีในเลขครั้งที่ประชุม {mt} ไม่ตรงกับวันประชุม {d} (ปี พ.ศ. {be} ปีงบประมาณ {fy})"),
            format!(
                "the year of meeting {mt} matches neither the calendar year ({be} BE) nor the fiscal year ({fy}) of its date {d}"
            ),
        ),
        Msg::new(
            format!(
                "ตรวจ `meeting` และ `date`: เลขครั้งที่นับตามปี พ.ศ. ({be}) หรือปีงบประมาณ ({fy}) และวันที่เป็นปีคริสต์ศักราช"
            ),
            format!(
                "check `meeting` and `date`: meetings are numbered by the BE year ({be}) or the fiscal year ({fy}); the date is in the Common Era"
            ),
        ),
    )
}

pub(crate) fn folder_mismatch(m: crate::content::MeetingNo, url: &str) -> (Msg, Msg) {
    let mt = meeting_text(m);
    let want = format!("content/minutes/{}/{:02}/", m.year, m.number);
    (
        Msg::new(
            format!("การประชุมครั้งที่ {mt} อยู่ในโฟลเดอร์ที่ไม่ตรงกับเลขครั้งที่ (หน้าเว็บจะอยู่ที่ {url})"),
            format!(
                "meeting {mt} is in a folder that disagrees with its number (its page is {url})"
            ),
        ),
        Msg::new(
            format!("ย้ายไฟล์ไปไว้ที่ `{want}` หรือแก้ `meeting` ให้ถูกต้อง"),
            format!("move the file to `{want}`, or correct `meeting`"),
        ),
    )
}

pub(crate) fn meeting_in_future(date: chrono::NaiveDate) -> (Msg, Msg) {
    let d = date.format("%Y-%m-%d");
    (
        Msg::new(
            format!("วันประชุม {d} ยังมาไม่ถึง"),
            format!("the meeting date {d} is in the future"),
        ),
        Msg::new(
            "ตรวจปีและเดือนของ `date` (ปีคริสต์ศักราช) หรือใส่ `draft: true` จนกว่าจะประชุม",
            "check the year and month of `date` (Common Era), or keep `draft: true` until the meeting has taken place",
        ),
    )
}

pub(crate) fn duplicate_meeting(
    m: crate::content::MeetingNo,
    first: &std::path::Path,
) -> (Msg, Msg) {
    let mt = meeting_text(m);
    let f = first.to_string_lossy().replace('\\', "/");
    (
        Msg::new(
            format!("มีรายงานการประชุมครั้งที่ {mt} สองไฟล์: ไฟล์นี้และ `{f}`"),
            format!("two minutes claim meeting {mt}: this file and `{f}`"),
        ),
        Msg::new(
            "เก็บไว้ไฟล์เดียว: ลบหรือย้ายสำเนาออกจาก content/ (หรือใส่ `draft: true`) หรือแก้เลข `meeting`",
            "keep one: delete the copy or move it out of content/ (or mark it `draft: true`), or correct `meeting`",
        ),
    )
}

pub(crate) fn placeholder_left(placeholder: &str) -> (Msg, Msg) {
    (
        Msg::new(
            format!("ยังมีข้อความตัวอย่าง `{placeholder}` จากแม่แบบที่ `wara new` สร้างไว้"),
            format!(
                "the placeholder `{placeholder}` of the template `wara new` wrote is still here"
            ),
        ),
        Msg::new(
            "แทนที่ด้วยข้อความจริง หรือใส่ `draft: true` ในส่วนหัวจนกว่าจะเขียนเสร็จ",
            "replace it with the real text, or keep `draft: true` in the front matter until the page is finished",
        ),
    )
}

// ------------------------------------------------------------------ commands

pub(crate) fn created(path: &std::path::Path) -> Msg {
    let p = path.to_string_lossy().replace('\\', "/");
    Msg::new(
        format!("สร้างไฟล์ {p} แล้ว (เป็นฉบับร่าง `draft: true`: ลบบรรทัดนั้นเมื่อพร้อมเผยแพร่)"),
        format!(
            "created {p} (a draft, `draft: true`: remove that line when it is ready to publish)"
        ),
    )
}

/// The summary line of `check` when there are only warnings.
pub(crate) fn warnings_count(n: usize) -> Msg {
    Msg::new(
        format!("คำเตือน {n} รายการ"),
        plural(n, "warning", "warnings"),
    )
}

pub(crate) fn strict_failed(n: usize) -> Msg {
    Msg::new(
        format!("ตรวจไม่ผ่าน (--strict): มีคำเตือน {n} รายการ"),
        format!(
            "check failed (--strict): {}",
            plural(n, "warning", "warnings")
        ),
    )
}

pub(crate) fn no_site_yaml(root: &std::path::Path) -> Msg {
    let r = root.to_string_lossy().replace('\\', "/");
    Msg::new(
        format!(
            "ไม่พบไฟล์ site.yaml ในโฟลเดอร์ `{r}`: นี่ไม่ใช่โฟลเดอร์ของเว็บไซต์\n  = help: เปิด wara ในโฟลเดอร์ของเว็บไซต์ (ที่มี site.yaml และ content/) หรือระบุด้วย --root โฟลเดอร์"
        ),
        format!(
            "no site.yaml in `{r}`: this is not a site folder\n  = help: run wara in the site folder (the one holding site.yaml and content/), or give it with --root DIR"
        ),
    )
}

// ------------------------------------------------------------------ YAML parser messages

/// A YAML parser's message, said as what to do. `raw` is the parser's text (no position),
/// `line` the source line it points at, if known. Returns the message and its help.
/// Long because it is a table: one arm per parser message, each its own wording.
pub(crate) fn yaml_problem(raw: &str, line: Option<&str>) -> (Msg, Msg) {
    let raw = raw.trim();
    let line = line.unwrap_or("");
    if raw.contains("tab") && (raw.contains("disallowed") || raw.contains("indent"))
        || line.starts_with('\t')
    {
        return (
            Msg::new(
                format!("มีการย่อหน้าด้วยปุ่ม Tab ซึ่ง YAML ไม่อนุญาต ({raw})"),
                format!("a tab is used for indentation, which YAML does not allow ({raw})"),
            ),
            Msg::new(
                "ลบ Tab หน้าบรรทัดนี้ แล้วย่อหน้าด้วยการเว้นวรรค (space) 2 ช่องแทน",
                "delete the tab at the start of this line and indent with two spaces instead",
            ),
        );
    }
    if raw.contains("invalid boolean") {
        return (
            Msg::new(
                "ค่าใช่/ไม่ใช่ ต้องเขียนเป็น true หรือ false",
                format!("a yes/no value must be written true or false ({raw})"),
            ),
            Msg::new(
                "เขียน `true` (ใช่) หรือ `false` (ไม่ใช่) แทน yes/no/on/off; ถ้าต้องการข้อความ ให้ใส่เครื่องหมายคำพูด เช่น \"yes\"",
                "write `true` or `false` instead of yes/no/on/off; for text, put it in quotes, e.g. \"yes\"",
            ),
        );
    }
    if raw.contains("duplicate mapping key") {
        let key = raw
            .split("duplicate mapping key:")
            .nth(1)
            .and_then(|r| r.split(',').next())
            .unwrap_or("")
            .trim();
        return (
            Msg::new(
                format!("คีย์ `{key}` ซ้ำ: เขียนไว้มากกว่าหนึ่งครั้ง"),
                format!("the key `{key}` is given twice"),
            ),
            Msg::new(
                "เก็บไว้บรรทัดเดียว แล้วลบบรรทัดที่ซ้ำ",
                "keep one of the lines and delete the other",
            ),
        );
    }
    if let Some(b) = between(raw, "unclosed bracket '", "'") {
        let close = match b {
            "{" => "}",
            "[" => "]",
            _ => ")",
        };
        return (
            Msg::new(
                format!("วงเล็บ `{b}` ไม่ได้ปิด"),
                format!("the bracket `{b}` is not closed ({raw})"),
            ),
            Msg::new(
                format!("ใส่ `{close}` ปิดท้ายบรรทัด ก่อนขึ้นบรรทัดใหม่"),
                format!("close it with `{close}` at the end of the line"),
            ),
        );
    }
    if raw.contains("unclosed quote") || raw.contains("unterminated") {
        return (
            Msg::new(
                "เครื่องหมายคำพูดไม่ได้ปิด",
                format!("a quote is not closed ({raw})"),
            ),
            Msg::new(
                "ใส่เครื่องหมายคำพูด \" ปิดท้ายข้อความให้ครบคู่ (ใช้ \" ธรรมดา ไม่ใช่ “ ” ของ Word)",
                "close the quote with a matching \" (a plain \", not Word's “ ”)",
            ),
        );
    }
    if let Some(field) = between(raw, "unknown field `", "`") {
        // `{label: ค่าตอบแทน (900, บาท)}`: the comma ended the value, so the rest reads as a key.
        let inside_flow = line.contains('{') && line.contains(',');
        if inside_flow && (field.contains([' ', ')', '(']) || !field.is_ascii()) {
            return (
                Msg::new(
                    format!(
                        "ข้อความที่มีเครื่องหมายจุลภาค (,) ใน {{…}} ต้องอยู่ในเครื่องหมายคำพูด: `{field}` ถูกอ่านเป็นชื่อคีย์"
                    ),
                    format!(
                        "a value with a comma inside {{…}} must be quoted: `{field}` was read as a key"
                    ),
                ),
                Msg::new(
                    "ใส่เครื่องหมายคำพูดรอบข้อความ เช่น `label: \"ค่าตอบแทน (900, บาท)\"`",
                    "put the value in quotes, e.g. `label: \"ค่าตอบแทน (900, บาท)\"`",
                ),
            );
        }
        let expected = raw.split("expected one of").nth(1).map(str::trim);
        return (
            Msg::new(
                format!("ไม่รู้จักคีย์ `{field}`"),
                format!("unknown key `{field}`"),
            ),
            match expected {
                Some(list) => Msg::new(
                    format!("คีย์ที่ใช้ได้: {list}"),
                    format!("the keys allowed here: {list}"),
                ),
                None => Msg::new(
                    "ตรวจการสะกดชื่อคีย์ หรือลบบรรทัดนี้",
                    "check the key's spelling, or delete the line",
                ),
            },
        );
    }
    if let Some(field) = between(raw, "missing field `", "`") {
        return (
            Msg::new(
                format!("ขาดคีย์ `{field}`"),
                format!("the key `{field}` is missing"),
            ),
            Msg::new(format!("เพิ่ม `{field}: …`"), format!("add `{field}: …`")),
        );
    }
    (
        Msg::new(
            format!("อ่าน YAML ไม่ได้: {raw}"),
            format!("invalid YAML: {raw}"),
        ),
        Msg::new(
            "ตรวจบรรทัดนี้: หลังชื่อคีย์ต้องมี `: ` (ทวิภาคตามด้วยเว้นวรรค) ย่อหน้าด้วยการเว้นวรรคให้เท่ากัน และข้อความที่มี : # หรือ , ให้ใส่เครื่องหมายคำพูด",
            "check this line: a key is followed by `: `, indentation uses the same number of spaces, and text holding : # or , goes in quotes",
        ),
    )
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)?;
    Some(&s[i..i + j])
}

// ------------------------------------------------------------------ file encodings

/// The encoding a non-UTF-8 file was most likely saved in, by its bytes.
fn guess_encoding(bytes: &[u8]) -> &'static str {
    let nuls = bytes.iter().take(4096).filter(|b| **b == 0).count();
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || nuls * 4 > bytes.len().min(4096)
    {
        return "UTF-16";
    }
    // TIS-620 / Windows-874: Thai letters are single bytes 0xA1–0xFB.
    let thai = bytes.iter().filter(|b| (0xA1..=0xFB).contains(*b)).count();
    if thai > 0 {
        return "TIS-620";
    }
    ""
}

/// A file that is not UTF-8: which encoding it seems to be in and how to save it as UTF-8.
pub(crate) fn not_utf8(bytes: &[u8]) -> (Msg, Msg) {
    let how_th = "ใน Notepad: File → Save As → Encoding เลือก UTF-8 แล้วบันทึก (ใน VS Code: คลิกชื่อการเข้ารหัสที่มุมขวาล่าง → Save with Encoding → UTF-8)";
    let how_en = "in Notepad: File → Save As → Encoding: UTF-8, then save (in VS Code: click the encoding at the bottom right → Save with Encoding → UTF-8)";
    match guess_encoding(bytes) {
        "UTF-16" => (
            Msg::new(
                "ไฟล์นี้บันทึกเป็น UTF-16 (ที่ Notepad เรียกว่า \"Unicode\") ไม่ใช่ UTF-8",
                "the file is saved as UTF-16 (Notepad's \"Unicode\"), not UTF-8",
            ),
            Msg::new(
                format!("บันทึกใหม่เป็น UTF-8: {how_th}"),
                format!("save it again as UTF-8: {how_en}"),
            ),
        ),
        "TIS-620" => (
            Msg::new(
                "ไฟล์นี้ดูเหมือนบันทึกเป็นภาษาไทยแบบเก่า (TIS-620 / Windows-874 ที่ Notepad เรียกว่า \"ANSI\") ไม่ใช่ UTF-8",
                "the file looks saved in the old Thai encoding (TIS-620 / Windows-874, Notepad's \"ANSI\"), not UTF-8",
            ),
            Msg::new(
                format!("บันทึกใหม่เป็น UTF-8: {how_th}"),
                format!("save it again as UTF-8: {how_en}"),
            ),
        ),
        _ => (
            Msg::new("ไฟล์นี้ไม่ใช่ข้อความ UTF-8", "the file is not valid UTF-8 text"),
            Msg::new(
                format!("บันทึกใหม่เป็น UTF-8: {how_th}"),
                format!("save it again as UTF-8: {how_en}"),
            ),
        ),
    }
}

// ------------------------------------------------------------------ front matter and site.yaml

pub(crate) fn no_front_matter() -> Msg {
    Msg::new(
        "ไม่มีส่วนหัว (front matter): ไฟล์ต้องขึ้นต้นด้วยบรรทัด `---`",
        "missing front matter: the file must start with a `---` line",
    )
}

pub(crate) fn no_front_matter_help() -> Msg {
    Msg::new(
        "ขึ้นต้นไฟล์ด้วย `---` ตามด้วย `title: …` แล้วปิดด้วยอีกบรรทัด `---`",
        "start the file with `---`, then `title: …`, then another `---` line",
    )
}

pub(crate) fn front_matter_unclosed() -> Msg {
    Msg::new(
        "ส่วนหัว (front matter) ไม่ได้ปิด: ไม่มีบรรทัด `---` บรรทัดที่สอง",
        "front matter is not closed: no second `---` line",
    )
}

pub(crate) fn front_matter_unclosed_help() -> Msg {
    Msg::new(
        "เพิ่มบรรทัดที่มีแต่ `---` ต่อจากคีย์สุดท้ายของส่วนหัว",
        "add a line with only `---` after the last front matter key",
    )
}

pub(crate) fn unknown_front_matter_key(
    key: &str,
    kind: crate::content::Kind,
    allowed: &str,
) -> Msg {
    let (th, en) = match kind {
        crate::content::Kind::Minutes => (" สำหรับรายงานการประชุม", " for minutes"),
        crate::content::Kind::Contest => (" สำหรับการประกวด", " for a contest"),
        _ => ("", ""),
    };
    Msg::new(
        format!("ไม่รู้จักคีย์ `{key}` ในส่วนหัว; คีย์ที่ใช้ได้{th}: {allowed}"),
        format!("unknown front matter key `{key}`; allowed keys{en}: {allowed}"),
    )
}

pub(crate) fn did_you_mean(k: &str) -> Msg {
    Msg::new(
        format!("หมายถึง `{k}` หรือไม่?"),
        format!("did you mean `{k}`?"),
    )
}

pub(crate) fn remove_or_allowed_key() -> Msg {
    Msg::new(
        "ลบคีย์นี้ หรือใช้คีย์ที่ใช้ได้ตามรายการ",
        "remove the key or use one of the allowed keys",
    )
}

pub(crate) fn missing_title() -> Msg {
    Msg::new(
        "ส่วนหัวไม่มีคีย์ `title` (ชื่อเรื่อง)",
        "missing front matter key `title`",
    )
}

pub(crate) fn missing_title_help() -> Msg {
    Msg::new(
        "เพิ่มบรรทัด `title: …` ระหว่างบรรทัด `---` ทั้งสอง",
        "add a line `title: …` between the `---` lines",
    )
}

pub(crate) fn empty_title() -> (Msg, Msg) {
    (
        Msg::new("`title` ว่างอยู่", "`title` is empty"),
        Msg::new(
            "ใส่ชื่อเว็บไซต์ เช่น `title: สำนักงานพัฒนาชุมชนจังหวัดลพบุรี`",
            "write the site's name, e.g. `title: สำนักงานพัฒนาชุมชนจังหวัดลพบุรี`",
        ),
    )
}

pub(crate) fn bad_base_url(key: &str, url: &str) -> (Msg, Msg) {
    (
        Msg::new(
            format!("`{key}` ต้องเป็น URL เต็มที่ขึ้นต้นด้วย http:// หรือ https:// แต่พบ `{url}`"),
            format!("`{key}` must be an absolute http(s) URL, found `{url}`"),
        ),
        Msg::new(
            "เช่น `https://lopburi.cdd.go.th`",
            "e.g. `https://lopburi.cdd.go.th`",
        ),
    )
}

pub(crate) fn bad_language(found: &str) -> (Msg, Msg) {
    (
        Msg::new(
            format!("`language` ต้องเป็น `th` หรือ `en` แต่พบ `{found}`"),
            format!("`language` must be `th` or `en`, found `{found}`"),
        ),
        Msg::new("ใช้ `language: th`", "use `language: th`"),
    )
}

pub(crate) fn unknown_theme(found: &str) -> (Msg, Msg) {
    (
        Msg::new(
            format!("ไม่รู้จักธีม `{found}`"),
            format!("unknown theme `{found}`"),
        ),
        Msg::new(
            "มีเฉพาะธีม `default` ที่ติดมากับโปรแกรม; ถ้าต้องการปรับแต่ง ให้วางไฟล์ทับไว้ใน `themes/default/`",
            "only the embedded `default` theme exists; override its files under `themes/default/`",
        ),
    )
}

pub(crate) fn public_in_internal_section(section: &str) -> Msg {
    Msg::new(
        format!("`access: public` ไม่มีผล: หมวด `{section}` เป็นหมวดภายใน หน้านี้จึงเป็นหน้าภายในด้วย"),
        format!(
            "`access: public` is ignored: the section `{section}` is internal, so this page is internal too"
        ),
    )
}

pub(crate) fn same_page(url: &str, a: &std::path::Path, b: &std::path::Path) -> Msg {
    let (a, b) = (
        a.to_string_lossy().replace('\\', "/"),
        b.to_string_lossy().replace('\\', "/"),
    );
    Msg::new(
        format!("สองไฟล์สร้างหน้าเดียวกัน `{url}`: `{a}` และ `{b}`"),
        format!("two files make the same page `{url}`: `{a}` and `{b}`"),
    )
}

pub(crate) fn same_page_help() -> Msg {
    Msg::new(
        "เก็บไว้แบบเดียว: `x.md` หรือ `x/index.md` ไม่ใช่ทั้งสองแบบ",
        "keep either `x.md` or `x/index.md`, not both",
    )
}

pub(crate) fn no_content_dir() -> Msg {
    Msg::new(
        "ไม่มีโฟลเดอร์ `content/` ในโฟลเดอร์ของเว็บไซต์",
        "no `content/` folder in the site root",
    )
}

pub(crate) fn no_content_dir_help() -> Msg {
    Msg::new(
        "สร้างไฟล์ `content/_index.md` ที่มี `title` สำหรับหน้าแรก",
        "create `content/_index.md` with a `title` for the home page",
    )
}

pub(crate) fn cannot_read(err: &str) -> Msg {
    Msg::new(
        format!("อ่านไฟล์ไม่ได้: {err}"),
        format!("cannot read the file: {err}"),
    )
}

pub(crate) fn file_too_large(len: u64, limit: u64) -> Msg {
    Msg::new(
        format!("ไฟล์ใหญ่เกินไป ({len} ไบต์; สูงสุด {limit})"),
        format!("file is too large ({len} bytes; the limit is {limit})"),
    )
}

pub(crate) fn file_too_large_help() -> Msg {
    Msg::new(
        "แบ่งเป็นหลายหน้า หรือใส่ข้อมูลขนาดใหญ่เป็นไฟล์ดาวน์โหลด",
        "split it into several pages, or put large data in a download",
    )
}

pub(crate) fn criteria_sum(sum: &str, total: &str) -> Msg {
    Msg::new(
        format!("คะแนนตามหลักเกณฑ์รวมได้ {sum} คะแนน แต่ `total_points` คือ {total}"),
        format!("contest criteria add up to {sum} points but `total_points` is {total}"),
    )
}

pub(crate) fn criteria_sum_help() -> Msg {
    Msg::new(
        "แก้คะแนนของหลักเกณฑ์ หรือกำหนด `total_points` ให้เท่ากับผลรวม",
        "correct the points of the criteria, or set `total_points` to their sum",
    )
}

pub(crate) fn prize_category(cat: &str, list: &str) -> Msg {
    Msg::new(
        format!("ประเภทรางวัล `{cat}` ไม่อยู่ใน `categories`: {list}"),
        format!("prize category `{cat}` is not one of `categories`: {list}"),
    )
}

pub(crate) fn prize_category_help() -> Msg {
    Msg::new(
        "สะกดชื่อประเภทให้ตรงกับรายการใน `categories`",
        "spell the category as it is in `categories`",
    )
}

// ------------------------------------------------------------------ templates

pub(crate) fn cannot_read_template(err: &str) -> Msg {
    Msg::new(
        format!("อ่านไฟล์แม่แบบไม่ได้: {err}"),
        format!("cannot read template: {err}"),
    )
}

pub(crate) fn template_error(err: &str) -> Msg {
    Msg::new(
        format!("แม่แบบ (template) ผิด: {err}"),
        format!("template error: {err}"),
    )
}

/// The site's own `deadlines.html` does not show `page.deadline_years`. No count: each
/// audience has its own, and the warning is the same for both.
pub(crate) fn deadlines_template_without_years() -> Msg {
    Msg::new(
        format!(
            "เว็บไซต์มีกำหนดส่งงานเกิน {} รายการ จึงแยกเป็นหน้ารายปี (/deadlines/2565/) แต่แม่แบบ `deadlines.html` ของเว็บไซต์ไม่แสดงรายการปี (`page.deadline_years`): หน้า /deadlines/ จึงยังแสดงทุกรายการในหน้าเดียว ซึ่งใหญ่และเปิดช้าบนโทรศัพท์",
            crate::site::render::deadlines::ONE_PAGE_MAX
        ),
        format!(
            "the site has more than {} deadlines, so each year has a page of its own (/deadlines/2565/), but the site's `deadlines.html` does not show `page.deadline_years`: /deadlines/ still lists them all on one large page",
            crate::site::render::deadlines::ONE_PAGE_MAX
        ),
    )
}

pub(crate) fn deadlines_template_without_years_help() -> Msg {
    Msg::new(
        "เพิ่มรายการปีลงในแม่แบบ ดูตัวอย่างจาก `{% if page.deadline_years %}` ในแม่แบบ `deadlines.html` ที่ติดมากับโปรแกรม (ในซอร์สของ wara: themes/default/templates/) หรือลบไฟล์ที่วางทับเพื่อใช้แม่แบบที่ติดมากับโปรแกรม",
        "add the list of years to your template (see `{% if page.deadline_years %}` in the embedded one), or delete your override to use the embedded template",
    )
}

/// The site's own `section.html` does not show `page.pager`, and some tag lists more than
/// `size` pages. No count: each audience has its own, and the warning is the same for both.
pub(crate) fn section_template_without_pager(size: usize) -> Msg {
    Msg::new(
        format!(
            "ป้ายกำกับที่ใช้กับมากกว่า {size} หน้าถูกแบ่งเป็นหลายหน้า (/tags/<ป้ายกำกับ>/page/2/) แต่แม่แบบ `section.html` ของเว็บไซต์ไม่แสดงลิงก์เลขหน้า (`page.pager`): หน้าแรกของป้ายกำกับเหล่านี้จึงยังแสดงทุกรายการในหน้าเดียว ซึ่งใหญ่และเปิดช้าบนโทรศัพท์"
        ),
        format!(
            "tags of more than {size} pages are paged (/tags/<tag>/page/2/), but the site's `section.html` does not show `page.pager`: their first pages still list every entry on one large page"
        ),
    )
}

pub(crate) fn section_template_without_pager_help() -> Msg {
    Msg::new(
        "เพิ่มลิงก์เลขหน้าลงในแม่แบบ เช่น `{% if page.pager %}{% include \"pager.html\" %}{% endif %}` ดังในแม่แบบ `section.html` ที่ติดมากับโปรแกรม (ในซอร์สของ wara: themes/default/templates/) หรือลบไฟล์ที่วางทับเพื่อใช้แม่แบบที่ติดมากับโปรแกรม",
        "add the pager to your template, e.g. `{% if page.pager %}{% include \"pager.html\" %}{% endif %}` as in the embedded one, or delete your override to use the embedded template",
    )
}

pub(crate) fn template_error_help() -> Msg {
    Msg::new(
        "แก้แม่แบบที่ระบุในข้อความ (หรือลบไฟล์ที่วางทับ เพื่อใช้แม่แบบที่ติดมากับโปรแกรม)",
        "fix the template named in the message (or delete your override to use the embedded one)",
    )
}

pub(crate) fn render_failed(template: &str, err: &str) -> Msg {
    Msg::new(
        format!("สร้างหน้าด้วยแม่แบบ `{template}` ไม่สำเร็จ: {err}"),
        format!("rendering with template `{template}` failed: {err}"),
    )
}

// ------------------------------------------------------------------ data tables

pub(crate) fn table_empty(file: &str) -> Msg {
    Msg::new(
        format!("`{file}` ว่างเปล่า: ตารางต้องมี `title:` `columns:` และ `rows:`"),
        format!("`{file}` is empty: a table needs `title:`, `columns:` and `rows:`"),
    )
}

pub(crate) fn table_no_columns(file: &str) -> Msg {
    Msg::new(
        format!("`{file}` ไม่มีคอลัมน์: ระบุคอลัมน์ใต้ `columns:` พร้อม `key` `label` และ `type`"),
        format!(
            "`{file}` has no columns: list them under `columns:` with `key`, `label` and `type`"
        ),
    )
}

pub(crate) fn group_with_key(label: &str) -> Msg {
    Msg::new(
        format!("กลุ่มคอลัมน์ `{label}` มี `columns:` แล้ว จึงมี `key` `type` หรือ `formula` อีกไม่ได้"),
        format!(
            "column group `{label}` has `columns:`, so it cannot also have `key`, `type` or `formula`"
        ),
    )
}

pub(crate) fn group_empty(label: &str) -> Msg {
    Msg::new(
        format!("กลุ่มคอลัมน์ `{label}` ไม่มีคอลัมน์ย่อย"),
        format!("column group `{label}` has no columns"),
    )
}

pub(crate) fn column_needs_key(label: &str) -> Msg {
    Msg::new(
        format!("คอลัมน์ `{label}` ต้องมี `key:` (ชื่อสั้น ๆ ภาษาอังกฤษที่แถวและสูตรใช้อ้างถึง)"),
        format!("column `{label}` needs a `key:` (a short name used by rows and formulas)"),
    )
}

pub(crate) fn column_key_twice(name: &str) -> Msg {
    Msg::new(
        format!("ชื่อคอลัมน์ (key) `{name}` ซ้ำหรือว่าง: แต่ละคอลัมน์ต้องมี key ของตัวเอง"),
        format!("column key `{name}` is used twice (or empty); each column needs its own key"),
    )
}

const TYPES: &str = "text, int, number, baht, percent, district, date";

pub(crate) fn unknown_column_type(name: &str, found: &str) -> Msg {
    Msg::new(
        format!("คอลัมน์ `{name}` มีชนิด `{found}` ที่ไม่รู้จัก; ชนิดที่ใช้ได้: {TYPES}"),
        format!("column `{name}` has unknown type `{found}`; the types are: {TYPES}"),
    )
}

pub(crate) fn row_unknown_key(file: &str, row: &str, key: &str, keys: &str) -> Msg {
    Msg::new(
        format!("`{file}` แถว `{row}` มีคอลัมน์ `{key}` ที่ไม่รู้จัก; คอลัมน์ที่มี: {keys}"),
        format!("`{file}` row `{row}` has unknown column key `{key}`; the columns are: {keys}"),
    )
}

pub(crate) fn quote_number_with_commas() -> Msg {
    Msg::new(
        "ใน `{…}` ตัวเลขที่มีจุลภาคต้องใส่เครื่องหมายคำพูด เช่น `\"1,234\"`",
        "inside `{…}` a number with commas must be quoted: `\"1,234\"`",
    )
}

pub(crate) fn unknown_district(
    file: &str,
    row: usize,
    label: &str,
    key: &str,
    name: &str,
    list: &str,
) -> Msg {
    Msg::new(
        format!(
            "`{file}` แถวที่ {row} คอลัมน์ `{label}` (`{key}`): `{name}` ไม่ใช่อำเภอใน site.yaml: {list}"
        ),
        format!(
            "`{file}` row {row}, column `{label}` (`{key}`): `{name}` is not one of the districts in site.yaml: {list}"
        ),
    )
}

pub(crate) fn nearest_district(near: &[&str]) -> Msg {
    let list: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
    Msg::new(
        format!(
            "หมายถึง {} หรือไม่? (เทียบจากตัวสะกดที่ใกล้ที่สุดเท่านั้น: ตรวจกับต้นฉบับ อาจวางชื่ออำเภอของจังหวัดอื่นมา)",
            list.join(" หรือ ")
        ),
        format!(
            "did you mean {}? (nearest spelling only: check the source, a district of another province may have been pasted)",
            list.join(" or ")
        ),
    )
}

pub(crate) fn unknown_district_help() -> Msg {
    Msg::new(
        "เขียนชื่ออำเภอให้ตรงกับรายชื่อใน site.yaml ทุกตัวอักษร (ตรวจกับต้นฉบับ)",
        "write the district exactly as site.yaml lists it (check the source)",
    )
}

fn type_th(kind: crate::tables::ColumnType) -> &'static str {
    use crate::tables::ColumnType as T;
    match kind {
        T::Int => "จำนวนเต็ม (ชนิด `int`)",
        T::Number => "ตัวเลข (ชนิด `number`)",
        T::Baht => "จำนวนเงินบาท (ชนิด `baht`) เช่น `855600` หรือ `855,600.50`",
        T::Percent => "ร้อยละ (ชนิด `percent`) เช่น `53.92`",
        T::Date => "วันที่ `ปี-เดือน-วัน` แบบคริสต์ศักราช (ชนิด `date`)",
        T::District => "ชื่ออำเภอ (ชนิด `district`)",
        T::Text => "ข้อความ",
    }
}

pub(crate) fn cell_not_of_type(
    file: &str,
    row: &str,
    label: &str,
    key: &str,
    value: &str,
    kind: crate::tables::ColumnType,
    expected_en: &str,
) -> Msg {
    Msg::new(
        format!(
            "`{file}` แถว `{row}` คอลัมน์ `{label}` (`{key}`): `{value}` ไม่ใช่{}",
            type_th(kind)
        ),
        format!("`{file}` row `{row}`, column `{label}` (`{key}`): `{value}` is not {expected_en}"),
    )
}

pub(crate) fn formula_on_text(key: &str, kind: &str) -> Msg {
    Msg::new(
        format!("คอลัมน์ `{key}` มีสูตรแต่เป็นชนิด `{kind}`; สูตรใช้ได้กับชนิด int, number, baht หรือ percent"),
        format!(
            "column `{key}` has a formula but its type is `{kind}`; formulas need int, number, baht or percent"
        ),
    )
}

/// A formula's syntax error (`formula.rs` says it in English; the Thai is looked up here).
pub(crate) fn formula_syntax(key: &str, en: &str) -> Msg {
    let th = if en.starts_with("the formula ends") {
        "สูตรจบก่อนตัวเลขหรือชื่อคอลัมน์".to_owned()
    } else if en.starts_with("expected `)`") {
        "ขาดวงเล็บปิด `)`".to_owned()
    } else if en.starts_with("unexpected `)`") {
        "มีวงเล็บปิด `)` เกินมา".to_owned()
    } else if en.starts_with("unexpected") {
        format!("มีเครื่องหมายในตำแหน่งที่ควรเป็นตัวเลขหรือชื่อคอลัมน์ ({en})")
    } else if en.starts_with("the formula is too long") {
        "สูตรยาวเกินไป".to_owned()
    } else if en.starts_with("the formula has too many parentheses") {
        "สูตรมีวงเล็บซ้อนกันมากเกินไป".to_owned()
    } else if en.starts_with("the formula is empty") {
        "สูตรว่างเปล่า".to_owned()
    } else if en.starts_with("expected an operator") {
        "ตรงนี้ต้องเป็นเครื่องหมาย `+ - * /`".to_owned()
    } else {
        en.to_owned()
    };
    Msg::new(
        format!("สูตรของคอลัมน์ `{key}`: {th}"),
        format!("formula of column `{key}`: {en}"),
    )
}

pub(crate) fn formula_unknown_column(key: &str, name: &str, keys: &str) -> Msg {
    Msg::new(
        format!("สูตรของคอลัมน์ `{key}` อ้างถึงคอลัมน์ `{name}` ที่ไม่มีอยู่; คอลัมน์ที่มี: {keys}"),
        format!("formula of column `{key}` uses unknown column `{name}`; the columns are: {keys}"),
    )
}

pub(crate) fn formula_text_column(key: &str, name: &str, kind: &str) -> Msg {
    Msg::new(
        format!("สูตรของคอลัมน์ `{key}` ใช้คอลัมน์ `{name}` ซึ่งเป็นชนิด {kind} ไม่ใช่ตัวเลข"),
        format!("formula of column `{key}` uses column `{name}`, which is {kind} and not a number"),
    )
}

pub(crate) fn formula_cycle(names: &str) -> Msg {
    Msg::new(
        format!("สูตรอ้างถึงกันเป็นวง: {names}; ต้องมีคอลัมน์หนึ่งในนี้ที่พิมพ์ค่าเอง ไม่ใช่คำนวณ"),
        format!(
            "formulas form a cycle: {names}; one of these columns must be typed in, not computed"
        ),
    )
}

pub(crate) fn stated_vs_computed(
    file: &str,
    row: &str,
    label: &str,
    key: &str,
    stated: &str,
    computed: &str,
    why: &Msg,
) -> Msg {
    Msg::new(
        format!(
            "`{file}` แถว `{row}` คอลัมน์ `{label}` (`{key}`): พิมพ์ไว้ {stated} แต่คำนวณได้ {computed} ({})",
            why.th
        ),
        format!(
            "`{file}` row `{row}`, column `{label}` (`{key}`): stated {stated} but computed {computed} ({})",
            why.en
        ),
    )
}

pub(crate) fn stated_vs_computed_help() -> Msg {
    Msg::new(
        "แก้ตัวเลขที่พิมพ์ไว้ให้ตรงกับตัวเลขที่คำนวณได้ หรือตรวจตัวเลขที่นำมาคำนวณในแถวนั้น",
        "correct the stated number, or check the numbers it is computed from",
    )
}

/// How a column total came about: `sum of the 5 rows: 1 + 2` (the addends when few).
pub(crate) fn sum_explained(rows: usize, terms: Option<&str>) -> Msg {
    let en_rows = if rows == 1 {
        "the 1 row".to_owned()
    } else {
        format!("the {rows} rows")
    };
    match terms {
        Some(t) => Msg::new(
            format!("ผลรวมของ {rows} แถว: {t}"),
            format!("sum of {en_rows}: {t}"),
        ),
        None => Msg::new(format!("ผลรวมของ {rows} แถว"), format!("sum of {en_rows}")),
    }
}

pub(crate) fn totals_unknown_key(file: &str, key: &str, keys: &str) -> Msg {
    Msg::new(
        format!("`{file}` `totals:` มีคอลัมน์ `{key}` ที่ไม่รู้จัก; คอลัมน์ที่มี: {keys}"),
        format!("`{file}` `totals:` has unknown column key `{key}`; the columns are: {keys}"),
    )
}

// ------------------------------------------------------------------ output folder (site::write)

fn slashed(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

pub(crate) fn cannot_create(path: &std::path::Path, err: &std::io::Error) -> Msg {
    let p = slashed(path);
    Msg::new(
        format!("สร้าง `{p}` ไม่ได้: {err}"),
        format!("cannot create `{p}`: {err}"),
    )
}

pub(crate) fn cannot_remove(path: &std::path::Path, err: &std::io::Error) -> Msg {
    let p = slashed(path);
    Msg::new(
        format!("ลบ `{p}` ไม่ได้: {err}"),
        format!("cannot remove `{p}`: {err}"),
    )
}

pub(crate) fn cannot_move(
    from: &std::path::Path,
    to: &std::path::Path,
    err: &std::io::Error,
) -> Msg {
    let (f, t) = (slashed(from), slashed(to));
    Msg::new(
        format!("ย้าย `{f}` ไปที่ `{t}` ไม่ได้: {err}"),
        format!("cannot move `{f}` to `{t}`: {err}"),
    )
}

pub(crate) fn output_busy(out: &std::path::Path) -> Msg {
    let o = slashed(out);
    Msg::new(
        format!("wara อีกตัวหนึ่งกำลังเขียนโฟลเดอร์ผลลัพธ์ `{o}` อยู่\n  = help: รอให้คำสั่งนั้นเสร็จก่อน แล้วสั่งใหม่"),
        format!(
            "another wara is writing the output folder `{o}`\n  = help: wait for it to finish, then run this again"
        ),
    )
}

/// An audience folder with files and no manifest: someone else's, or an older wara's.
pub(crate) fn foreign_output(
    out: &std::path::Path,
    live: &std::path::Path,
    manifest: &std::path::Path,
) -> Msg {
    let (o, l, m) = (slashed(out), slashed(live), slashed(manifest));
    Msg::new(
        format!(
            "โฟลเดอร์ผลลัพธ์ `{l}` มีไฟล์อยู่แล้ว แต่ไม่มีบันทึกรายการไฟล์ของ wara (`{m}`): \
             ไฟล์เหล่านี้ไม่ได้สร้างโดย wara รุ่นนี้ (อาจเป็นของโปรแกรมอื่น หรือของ wara รุ่นก่อน) \
             wara ลบเฉพาะไฟล์ที่ตัวเองเขียน จึงไม่เขียนทับโฟลเดอร์นี้ และไม่ได้แตะไฟล์ใดเลย\n  \
             = help: ถ้าเป็นผลลัพธ์เก่าของ wara (เช่น `dist/` ที่สร้างก่อนมีบันทึกนี้) ให้ลบโฟลเดอร์ `{o}` เอง \
             (`rm -rf {o}`) แล้วสั่งใหม่ ถ้าเป็นไฟล์ของคุณ ให้ย้ายไฟล์ออกก่อน หรือเลือกโฟลเดอร์อื่นด้วย --out โฟลเดอร์"
        ),
        format!(
            "the output folder `{l}` already holds files, but no record of wara's files (`{m}`): \
             they were not written by this wara (another program, or a wara from before the record) \
             and wara deletes only files it wrote, so it will not write here; nothing was touched\n  \
             = help: if it is an old output of wara (such as a `dist/` from before the record), delete `{o}` \
             yourself (`rm -rf {o}`) and run again; if the files are yours, move them away first, \
             or choose another folder with --out DIR"
        ),
    )
}

pub(crate) fn bad_manifest(manifest: &std::path::Path, err: &str) -> Msg {
    let m = slashed(manifest);
    Msg::new(
        format!(
            "อ่านบันทึกรายการไฟล์ของ wara `{m}` ไม่ได้ ({err}) จึงบอกไม่ได้ว่าไฟล์ใดเป็นของ wara ไม่ได้แตะไฟล์ใดเลย\n  \
             = help: ลบโฟลเดอร์ผลลัพธ์ทั้งโฟลเดอร์เอง แล้วสั่งใหม่ หรือเลือกโฟลเดอร์อื่นด้วย --out โฟลเดอร์"
        ),
        format!(
            "cannot read wara's record of its files `{m}` ({err}), so which files are wara's is unknown; nothing was touched\n  \
             = help: delete the whole output folder yourself and run again, or choose another folder with --out DIR"
        ),
    )
}

/// A file the user put where the build must write.
pub(crate) fn foreign_file_in_the_way(out: &std::path::Path, rel: &str) -> Msg {
    let o = slashed(out);
    Msg::new(
        format!(
            "ไฟล์ `{o}/{rel}` ไม่ได้สร้างโดย wara แต่ wara ต้องเขียนไฟล์ชื่อนี้ จึงไม่เขียนทับ ผลลัพธ์ครั้งก่อนยังอยู่ครบ\n  \
             = help: ย้ายหรือเปลี่ยนชื่อไฟล์นั้น แล้วสั่งใหม่"
        ),
        format!(
            "`{o}/{rel}` was not written by wara, but wara must write a file of that name: it is not overwritten; the previous output is intact\n  \
             = help: move or rename that file, then run again"
        ),
    )
}

pub(crate) fn folder_in_the_way(rel: &str) -> Msg {
    Msg::new(
        format!("ที่ `{rel}` มีโฟลเดอร์ที่มีไฟล์อยู่ แต่ wara ต้องเขียนไฟล์ชื่อนี้"),
        format!("`{rel}` is a folder with files, where wara must write a file"),
    )
}

pub(crate) fn file_where_folder(rel: &str) -> Msg {
    Msg::new(
        format!("ที่ `{rel}` มีไฟล์อยู่ แต่ wara ต้องสร้างโฟลเดอร์ชื่อนี้ (ย้ายหรือเปลี่ยนชื่อไฟล์นั้น)"),
        format!("`{rel}` is a file, where wara must make a folder (move or rename that file)"),
    )
}

pub(crate) fn commit_failed_restored(cause: &str) -> Msg {
    Msg::new(
        format!(
            "อัปเดตโฟลเดอร์ผลลัพธ์ไม่สำเร็จ: {cause}\n  = help: wara คืนผลลัพธ์ครั้งก่อนให้ครบแล้ว แก้ปัญหาข้างต้นแล้วสั่งใหม่"
        ),
        format!(
            "cannot update the output folder: {cause}\n  = help: the previous output was restored; fix the problem above and run again"
        ),
    )
}

pub(crate) fn commit_failed_not_restored(cause: &str, undo: &str, txn: &std::path::Path) -> Msg {
    let t = slashed(txn);
    Msg::new(
        format!(
            "อัปเดตโฟลเดอร์ผลลัพธ์ไม่สำเร็จ: {cause} และคืนผลลัพธ์ครั้งก่อนไม่ได้: {undo}\n  \
             = help: ไฟล์เดิมเก็บไว้ใน `{t}` สั่ง wara build ใหม่เมื่อแก้ปัญหาแล้ว wara จะคืนผลลัพธ์ครั้งก่อนก่อนเริ่มสร้าง"
        ),
        format!(
            "cannot update the output folder: {cause}; and cannot restore the previous output: {undo}\n  \
             = help: the previous files are kept in `{t}`; run wara build again once the problem is fixed, and it restores them first"
        ),
    )
}

pub(crate) fn recovery_failed(dir: &std::path::Path, err: &str) -> Msg {
    let d = slashed(dir);
    Msg::new(
        format!(
            "การสร้างครั้งก่อนถูกขัดจังหวะระหว่างย้ายไฟล์ และ wara คืนผลลัพธ์ครั้งก่อนจาก `{d}` ไม่ได้: {err}\n  \
             = help: ไฟล์เดิมยังอยู่ใน `{d}/old` แก้ปัญหาแล้วสั่งใหม่ หรือลบโฟลเดอร์ผลลัพธ์ทั้งโฟลเดอร์แล้วสร้างใหม่"
        ),
        format!(
            "an earlier build was cut short while moving files in, and wara cannot restore the previous output from `{d}`: {err}\n  \
             = help: the previous files are still in `{d}/old`; fix the problem and run again, or delete the whole output folder and build anew"
        ),
    )
}

pub(crate) fn output_inside_site(out: &std::path::Path, part: &str) -> Msg {
    let o = slashed(out);
    Msg::new(
        format!(
            "โฟลเดอร์ผลลัพธ์ `{o}` อยู่ในโฟลเดอร์ `{part}/` ของเว็บไซต์: การสร้างครั้งต่อไปจะนำผลลัพธ์ครั้งก่อน \
             (รวมทั้งส่วนภายใน) ไปเผยแพร่ซ้ำเป็นไฟล์ของเว็บไซต์\n  \
             = help: ใช้โฟลเดอร์นอก content/, static/ และ themes/ เช่น `dist` (ค่าเริ่มต้น)"
        ),
        format!(
            "the output folder `{o}` is inside the site's `{part}/` folder: the next build would publish \
             the previous output (the internal one included) as site files\n  \
             = help: use a folder outside content/, static/ and themes/, such as `dist` (the default)"
        ),
    )
}

pub(crate) fn skipped_own_folder() -> Msg {
    Msg::new(
        "โฟลเดอร์นี้เป็นผลลัพธ์หรือโฟลเดอร์ทำงานของ wara ไม่ใช่ไฟล์ของเว็บไซต์ จึงไม่คัดลอกไปเผยแพร่",
        "this folder is an output or working folder of wara, not a site file: it is not copied",
    )
}

pub(crate) fn skipped_own_folder_help() -> Msg {
    Msg::new(
        "ลบโฟลเดอร์นี้ออกจาก static/ หรือ themes/",
        "delete this folder from static/ or themes/",
    )
}

// ---------------------------------------------------------------------------
// Files pages refer to, and what a page bundle publishes (src/site/check/refs.rs,
// src/content/load.rs, `publish_extensions` in src/config.rs).

pub(crate) fn bad_publish_extension(ext: &str) -> Msg {
    Msg::new(
        format!("`publish_extensions` มีชนิดไฟล์ที่ใช้ไม่ได้: `{ext}`"),
        format!("`publish_extensions` holds an unusable file type: `{ext}`"),
    )
}

pub(crate) fn bad_publish_extension_help() -> Msg {
    Msg::new(
        "เขียนนามสกุลไฟล์โดยไม่มีจุด เช่น `publish_extensions: [pdf, jpg]`; ไฟล์ต้นฉบับ md และ yaml เผยแพร่ไม่ได้",
        "write extensions without the dot, e.g. `publish_extensions: [pdf, jpg]`; md and yaml sources are never published",
    )
}

pub(crate) fn ref_parent_dir(path: &str) -> Msg {
    Msg::new(
        format!("`{path}` ใช้ `..` ซึ่งอาจออกนอกโฟลเดอร์ content/ ของเว็บไซต์"),
        format!("`{path}` uses `..`, which may leave the site's content/ folder"),
    )
}

pub(crate) fn ref_absolute(path: &str) -> Msg {
    Msg::new(
        format!("`{path}` เป็น path เต็มของเครื่อง ไม่ใช่ไฟล์ในเว็บไซต์"),
        format!("`{path}` is a path on the machine, not a file of the site"),
    )
}

pub(crate) fn ref_outside(path: &str) -> Msg {
    Msg::new(
        format!("`{path}` เป็น symbolic link (ทางลัด) ที่ชี้ออกนอกโฟลเดอร์ content/ จึงเผยแพร่ไม่ได้"),
        format!(
            "`{path}` is a symbolic link that leads outside the content/ folder, so it cannot be published"
        ),
    )
}

pub(crate) fn ref_not_file(path: &str) -> Msg {
    Msg::new(
        format!("`{path}` ไม่ใช่ไฟล์ธรรมดา (เป็นโฟลเดอร์หรืออุปกรณ์)"),
        format!("`{path}` is not a regular file (a folder or a device)"),
    )
}

pub(crate) fn ref_help() -> Msg {
    Msg::new(
        "วางไฟล์ไว้ในโฟลเดอร์ของหน้า (หรือใต้ content/) แล้วอ้างถึงจากโฟลเดอร์ของหน้า เช่น files/order.pdf หรือจาก content/ โดยขึ้นต้นด้วย / เช่น /minutes/2563/05/files/order.pdf; อย่าใช้ `..` หรือทางลัดที่ชี้ออกนอก content/",
        "put the file in the page's folder (or under content/) and refer to it from the page's folder, e.g. files/order.pdf, or from content/ with a leading /, e.g. /minutes/2563/05/files/order.pdf; no `..`, no links leading outside content/",
    )
}

pub(crate) fn ref_missing(href: &str, shown: &str) -> Msg {
    Msg::new(
        format!("ลิงก์ `{href}`: ไม่มีไฟล์ `{shown}`"),
        format!("link `{href}`: there is no file `{shown}`"),
    )
}

pub(crate) fn ref_missing_help() -> Msg {
    Msg::new(
        "วางไฟล์ไว้ในโฟลเดอร์ของหน้า หรือแก้ชื่อไฟล์ให้ถูก (path นับจากโฟลเดอร์ของหน้า)",
        "put the file in the page's folder or correct the name (the path is relative to the page's folder)",
    )
}

pub(crate) fn ref_internal(path: &str, owner: &str) -> Msg {
    Msg::new(
        format!("หน้าสาธารณะนี้ใช้ไฟล์ `{path}` ซึ่งเป็นของหน้าภายใน `{owner}`"),
        format!("this public page uses `{path}`, a file of the internal page `{owner}`"),
    )
}

pub(crate) fn ref_internal_help() -> Msg {
    Msg::new(
        "ไฟล์ของหน้าภายในเผยแพร่ได้เฉพาะในเว็บไซต์ภายใน: เอาการอ้างถึงออก หรือย้ายไฟล์ที่เปิดเผยได้มาไว้ในโฟลเดอร์ของหน้าสาธารณะ",
        "an internal page's files go only to the internal site: remove the reference, or move a file that may be public into a public page's folder",
    )
}

pub(crate) fn ref_draft(path: &str, owner: &str) -> Msg {
    Msg::new(
        format!("ไฟล์ `{path}` เป็นของหน้าฉบับร่าง `{owner}` (draft: true) ซึ่งยังไม่เผยแพร่"),
        format!(
            "`{path}` belongs to the draft page `{owner}` (draft: true), which is not published"
        ),
    )
}

pub(crate) fn ref_draft_help() -> Msg {
    Msg::new(
        "เผยแพร่หน้านั้นก่อน (ลบ draft: true) หรือย้ายไฟล์มาไว้ในโฟลเดอร์ของหน้านี้",
        "publish that page first (remove draft: true), or move the file into this page's folder",
    )
}

pub(crate) fn public_links_internal(target: &str) -> Msg {
    Msg::new(
        format!("หน้าสาธารณะนี้ลิงก์ไปยังหน้าภายใน `{target}`"),
        format!("public page links to the internal page `{target}`"),
    )
}

pub(crate) fn public_links_internal_help() -> Msg {
    Msg::new(
        "หน้าภายในสำหรับเจ้าหน้าที่เท่านั้น: เอาลิงก์ออก หรือใช้ {{ internal_link(page=\"…\", title=\"…\") }} ซึ่งแสดงเฉพาะในเว็บไซต์ภายใน",
        "internal pages are staff-only: remove the link, or use {{ internal_link(page=\"…\", title=\"…\") }} which shows it only in the internal portal",
    )
}

/// A `.md` file that is not a page: a second one in a bundle, or a copy by its name.
pub(crate) fn not_a_page(name: &str, copy: bool) -> Msg {
    if copy {
        Msg::new(
            format!("`{name}` ดูเหมือนสำเนาของไฟล์ จึงไม่สร้างเป็นหน้าและไม่เผยแพร่"),
            format!("`{name}` looks like a copy, so it is not a page and is not published"),
        )
    } else {
        Msg::new(
            format!(
                "`{name}` ไม่ใช่หน้า: โฟลเดอร์ของหน้า (bundle) มีหน้าเดียวคือ index.md ไฟล์นี้จึงไม่สร้างเป็นหน้าและไม่เผยแพร่"
            ),
            format!(
                "`{name}` is not a page: a page folder (bundle) has one page, its index.md, so this file is neither built nor published"
            ),
        )
    }
}

pub(crate) fn not_a_page_help() -> Msg {
    Msg::new(
        "ถ้าเป็นสำเนาหรือร่าง ให้ลบหรือย้ายออกจากโฟลเดอร์ content/; ถ้าต้องการให้เป็นหน้าแยก ให้ย้ายออกไปไว้นอกโฟลเดอร์ของหน้านี้และตั้งชื่อใหม่",
        "if it is a copy or a draft, delete it or move it out of content/; to make it a page of its own, move it out of this page's folder and rename it",
    )
}

/// A bundle file no page refers to, left out of the output.
pub(crate) fn unpublished(name: &str, copy: bool) -> Msg {
    if copy {
        Msg::new(
            format!("ไม่เผยแพร่ `{name}`: ชื่อไฟล์ดูเหมือนสำเนา และไม่มีหน้าใดอ้างถึง"),
            format!(
                "`{name}` is not published: its name looks like a copy and no page refers to it"
            ),
        )
    } else {
        Msg::new(
            format!(
                "ไม่เผยแพร่ `{name}`: ไม่มีหน้าใดอ้างถึง และชนิดไฟล์ไม่อยู่ใน `publish_extensions` ของ site.yaml"
            ),
            format!(
                "`{name}` is not published: no page refers to it and its type is not in site.yaml's `publish_extensions`"
            ),
        )
    }
}

pub(crate) fn unpublished_help() -> Msg {
    Msg::new(
        "ถ้าต้องการเผยแพร่ ให้อ้างถึงในหน้า เช่น {{ download(file=\"…\") }} หรือลิงก์ [ชื่อ](ไฟล์); ถ้าเป็นร่างหรือสำเนา ให้ย้ายออกจากโฟลเดอร์ของหน้า",
        "to publish it, refer to it from a page, e.g. {{ download(file=\"…\") }} or a link [title](file); if it is a draft or a copy, move it out of the page's folder",
    )
}

pub(crate) fn symlink_not_published(name: &str) -> Msg {
    Msg::new(
        format!("ไม่เผยแพร่ `{name}`: เป็นทางลัด (symbolic link) ที่ชี้ออกนอก content/ หรือชี้ไปยังไฟล์ที่ไม่มีอยู่"),
        format!(
            "`{name}` is not published: it is a symbolic link leading outside content/ or to nothing"
        ),
    )
}

pub(crate) fn symlink_help() -> Msg {
    Msg::new(
        "คัดลอกไฟล์จริงมาไว้ในโฟลเดอร์ของหน้าแทนทางลัด",
        "copy the real file into the page's folder instead of linking to it",
    )
}

pub(crate) fn root_index_md() -> Msg {
    Msg::new(
        "หน้าแรกควรชื่อ content/_index.md: content/index.md ถือเป็นหน้าแรก (section) ไม่ใช่โฟลเดอร์ของหน้า (bundle)",
        "the home page should be content/_index.md: content/index.md is taken as the home section, not as a page bundle",
    )
}

pub(crate) fn root_index_md_help() -> Msg {
    Msg::new("เปลี่ยนชื่อไฟล์เป็น _index.md", "rename the file to _index.md")
}

// ---------------------------------------------------------------------------
// Markdown bodies: raw HTML, link schemes, images, QR addresses, downloads,
// and the structure of minutes (agendas and items).
// ---------------------------------------------------------------------------

pub(crate) fn raw_html_dropped() -> Msg {
    Msg::new(
        "HTML ที่พิมพ์ไว้ในเนื้อหาไม่ได้เผยแพร่ (ตัดออกจากหน้าแล้ว)",
        "raw HTML is not published (it was dropped from the page)",
    )
}

pub(crate) fn raw_html_dropped_help() -> Msg {
    Msg::new(
        "เขียนด้วย Markdown แทน เช่น **ตัวหนา** หรือ [ชื่อลิงก์](https://…) ส่วนหมายเหตุภายในเขียนเป็น <!-- … --> ได้ (ไม่ปรากฏในหน้าเว็บ)",
        "write it in Markdown instead, e.g. **bold** or [title](https://…); private notes may be written as <!-- … --> (never published)",
    )
}

pub(crate) fn unsafe_link(href: &str, scheme: &str) -> Msg {
    Msg::new(
        format!("ลิงก์ `{href}` ขึ้นต้นด้วย `{scheme}:` ซึ่งไม่อนุญาตให้ใช้"),
        format!("the link `{href}` uses the scheme `{scheme}:`, which is not allowed"),
    )
}

pub(crate) fn unsafe_link_help() -> Msg {
    Msg::new(
        "ใช้ได้เฉพาะลิงก์ที่ขึ้นต้นด้วย https://, http://, mailto:, tel: หรือที่อยู่ภายในเว็บไซต์ เช่น /minutes/2563/05/",
        "only https://, http://, mailto: and tel: links, or a path in the site such as /minutes/2563/05/",
    )
}

pub(crate) fn image_with_space(path: &str) -> Msg {
    Msg::new(
        format!("รูปภาพ `{path}`: ชื่อไฟล์มีช่องว่าง จึงไม่แสดงเป็นรูป"),
        format!("image `{path}`: the path has a space, so it is not shown as an image"),
    )
}

pub(crate) fn image_with_space_help(path: &str) -> Msg {
    let encoded = path.replace(' ', "%20");
    Msg::new(
        format!("ครอบชื่อไฟล์ด้วย < > เป็น ![ภาพ](<{path}>) หรือเขียนช่องว่างเป็น %20: ![ภาพ]({encoded})"),
        format!(
            "put the path in < >: ![image](<{path}>), or write each space as %20: ![image]({encoded})"
        ),
    )
}

pub(crate) fn missing_image(href: &str, shown: &str) -> Msg {
    Msg::new(
        format!("ไม่พบไฟล์รูปภาพ `{href}`: ไม่มีไฟล์ `{shown}`"),
        format!("image `{href}` not found: there is no file `{shown}`"),
    )
}

pub(crate) fn missing_download(file: &str, shown: &str) -> Msg {
    Msg::new(
        format!("ไม่พบไฟล์ `{file}` ที่ให้ดาวน์โหลด: ไม่มีไฟล์ `{shown}`"),
        format!("download `{file}` not found: there is no file `{shown}`"),
    )
}

/// The help for a missing file: what the folder holds, nearest name first.
pub(crate) fn files_in_folder(folder: &str, names: &[String], nearest: Option<&str>) -> Msg {
    if names.is_empty() {
        return Msg::new(
            format!("โฟลเดอร์ `{folder}` ไม่มีไฟล์ใดเลย: วางไฟล์ไว้ในโฟลเดอร์ของหน้า หรือแก้ชื่อให้ถูก"),
            format!(
                "the folder `{folder}` holds no file: put the file in the page's folder, or correct the name"
            ),
        );
    }
    let shown: Vec<&str> = names.iter().take(10).map(String::as_str).collect();
    let more = names.len().saturating_sub(shown.len());
    let (more_th, more_en) = if more > 0 {
        (format!(" และอีก {more} ไฟล์"), format!(" and {more} more"))
    } else {
        (String::new(), String::new())
    };
    let list = shown
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match nearest {
        Some(n) => Msg::new(
            format!("หรือหมายถึง `{n}`? ในโฟลเดอร์ `{folder}` มีไฟล์: {list}{more_th}"),
            format!("did you mean `{n}`? the folder `{folder}` holds: {list}{more_en}"),
        ),
        None => Msg::new(
            format!("ในโฟลเดอร์ `{folder}` มีไฟล์: {list}{more_th}"),
            format!("the folder `{folder}` holds: {list}{more_en}"),
        ),
    }
}

pub(crate) fn qr_url_refused(url: &str) -> Msg {
    Msg::new(
        format!("shortcode `qr`: `{url}` ไม่ใช่ที่อยู่ที่สแกนแล้วเปิดได้"),
        format!("shortcode `qr`: `{url}` is not an address a phone can open"),
    )
}

pub(crate) fn qr_url_refused_help() -> Msg {
    Msg::new(
        "ใช้ URL เต็มที่ขึ้นต้นด้วย https:// หรือ http://, ชื่อไฟล์ในโฟลเดอร์ของหน้า เช่น url=\"files/คำสั่ง.pdf\" หรือที่อยู่ในเว็บไซต์ เช่น url=\"/contests/fabric-2563/\"",
        "use a full URL starting with https:// or http://, a file in the page's folder such as url=\"files/order.pdf\", or a site path such as url=\"/contests/fabric-2563/\"",
    )
}

pub(crate) fn qr_url_not_found(url: &str, path: &str) -> Msg {
    Msg::new(
        format!("shortcode `qr`: ไม่มีหน้าหรือไฟล์ `{path}` ในเว็บไซต์ (จาก url=\"{url}\")"),
        format!(
            "shortcode `qr`: there is no page or file `{path}` in the site (from url=\"{url}\")"
        ),
    )
}

pub(crate) fn qr_url_not_found_help() -> Msg {
    Msg::new(
        "ชื่อไฟล์นับจากโฟลเดอร์ของหน้า ส่วนที่อยู่ที่ขึ้นต้นด้วย / นับจากโฟลเดอร์ content/ ตรวจชื่อให้ถูก",
        "a file name is relative to the page's folder, a path starting with / to content/: check the name",
    )
}

pub(crate) fn item_unnumbered(text: &str) -> Msg {
    Msg::new(
        format!("หัวข้อเรื่อง `{text}` ไม่มีเลขเรื่อง"),
        format!("the item heading `{text}` has no item number"),
    )
}

pub(crate) fn item_unnumbered_help() -> Msg {
    Msg::new(
        "ขึ้นต้นหัวข้อด้วยเลขวาระและเลขเรื่อง เช่น `### ๓.๑ ชื่อเรื่อง` เพื่อให้ลิงก์ไปยังเรื่องนี้คงที่",
        "start the heading with its agenda and item number, e.g. `### ๓.๑ title`, so links to it stay stable",
    )
}

pub(crate) fn item_duplicated(number: &str, first_line: usize, id: &str) -> Msg {
    Msg::new(
        format!("เลขเรื่อง `{number}` ซ้ำกับหัวข้อที่บรรทัด {first_line} (หัวข้อนี้ได้ลิงก์ `#{id}`)"),
        format!(
            "item number `{number}` repeats the heading at line {first_line} (this one gets the anchor `#{id}`)"
        ),
    )
}

pub(crate) fn item_duplicated_help() -> Msg {
    Msg::new("แก้เลขเรื่องให้ไม่ซ้ำกัน", "give each item its own number")
}

pub(crate) fn item_outside_agenda(number: &str, agenda: &str) -> Msg {
    Msg::new(
        format!("เรื่อง `{number}` อยู่ใต้ระเบียบวาระที่ {agenda} แต่เลขไม่ตรงกับวาระ"),
        format!("item `{number}` sits under agenda {agenda} but is numbered for another"),
    )
}

pub(crate) fn item_outside_agenda_help(agenda: &str) -> Msg {
    Msg::new(
        format!("เรื่องใต้ระเบียบวาระที่ {agenda} ให้ขึ้นต้นด้วย {agenda}. หรือย้ายหัวข้อไปไว้ใต้วาระที่ถูกต้อง"),
        format!(
            "items under agenda {agenda} are numbered {agenda}.…, or move the heading under its agenda"
        ),
    )
}

pub(crate) fn agenda_out_of_order(n: &str, previous: &str) -> Msg {
    Msg::new(
        format!("ระเบียบวาระที่ {n} มาหลังระเบียบวาระที่ {previous}: ลำดับวาระไม่ถูกต้อง"),
        format!("agenda {n} comes after agenda {previous}: the agendas are out of order"),
    )
}

pub(crate) fn agenda_out_of_order_help() -> Msg {
    Msg::new(
        "เรียงระเบียบวาระจากน้อยไปมาก และอย่าใช้เลขวาระซ้ำ",
        "put the agendas in increasing order, each number once",
    )
}

pub(crate) fn resolution_without_colon() -> Msg {
    Msg::new(
        "ย่อหน้านี้ขึ้นต้นด้วย `มติที่ประชุม` แต่ไม่มีเครื่องหมาย `:` จึงไม่นับเป็นมติและไม่อยู่ในสรุปมติ",
        "this paragraph starts with `มติที่ประชุม` but has no `:`, so it is not taken as a resolution and is missing from the summary",
    )
}

pub(crate) fn resolution_without_colon_help() -> Msg {
    Msg::new(
        "เขียนเป็น `มติที่ประชุม: รับทราบ` (มีเครื่องหมาย `:` ต่อท้ายทันที)",
        "write it as `มติที่ประชุม: รับทราบ` (the colon right after the word)",
    )
}

// ---------------------------------------------------------------------------
// Shortcodes (src/markdown/shortcodes.rs, src/site/render/shortcodes.rs,
// src/site/check/shortcodes.rs), links and
// copies of pages (src/site/render/page.rs, src/site/render/mod.rs, src/site/check/refs.rs), QR codes
// and charts, `wara new` (src/new.rs) and `wara serve` (src/serve/).
// ---------------------------------------------------------------------------

/// How a shortcode is written.
pub(crate) fn shortcode_syntax_help() -> Msg {
    Msg::new(
        "เขียน shortcode แบบ `{{ ชื่อ(ชื่อค่า=\"ค่า\") }}` เช่น `{{ download(file=\"files/คำสั่ง.pdf\") }}` ใช้เครื่องหมายคำพูดตรง \" เท่านั้น",
        "write shortcodes as `{{ name(arg=\"value\") }}`, e.g. `{{ download(file=\"files/order.pdf\") }}`, with plain \" quotes",
    )
}

pub(crate) fn shortcode_not_closed() -> Msg {
    Msg::new(
        "shortcode ไม่ได้ปิด: ไม่มี `}}` ในบรรทัดนี้",
        "shortcode is not closed: `}}` missing on this line",
    )
}

pub(crate) fn shortcode_not_closed_help() -> Msg {
    Msg::new(
        "ปิดท้ายด้วย `}}` ในบรรทัดเดียวกัน shortcode หนึ่งตัวต้องอยู่ในบรรทัดเดียว",
        "end it with `}}` on the same line: a shortcode is written on one line",
    )
}

/// Quotes Word puts in place of `"` and `'` (curly quotes, and the double prime).
pub(crate) const CURLY_QUOTES: &[char] =
    &['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{2033}'];

/// A shortcode call whose arguments use Word's curly quotes.
pub(crate) fn shortcode_curly_quotes(name: &str, found: &str) -> (Msg, Msg) {
    (
        Msg::new(
            format!("shortcode `{name}` ใช้เครื่องหมายคำพูดแบบโค้ง {found} ของ Word ซึ่ง wara อ่านไม่ได้"),
            format!("shortcode `{name}` uses Word's curly quotes {found}, which wara cannot read"),
        ),
        Msg::new(
            "พิมพ์เครื่องหมายคำพูดตรง \" แทน “ ” เช่น `date=\"2020-06-26\"` (ใน Word ปิดการแทนที่อัตโนมัติ \"เครื่องหมายคำพูดตรงเป็นเครื่องหมายคำพูดแบบโค้ง\" หรือพิมพ์ในโปรแกรมแก้ไขข้อความธรรมดา)",
            "type plain \" instead of “ ”, e.g. `date=\"2020-06-26\"` (in Word, turn off AutoFormat's \"straight quotes with smart quotes\", or type in a plain text editor)",
        ),
    )
}

/// `{{ x }}` with no `(`.
pub(crate) fn shortcode_not_a_call(text: &str) -> Msg {
    Msg::new(
        format!("`{text}` ไม่ใช่การเรียก shortcode: ไม่มี `(`"),
        format!("`{text}` is not a shortcode call: `(` missing"),
    )
}

pub(crate) fn shortcode_bad_name(name: &str) -> Msg {
    Msg::new(
        format!("`{name}` ไม่ใช่ชื่อ shortcode ที่ถูกต้อง (ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ `_`)"),
        format!("`{name}` is not a valid shortcode name"),
    )
}

pub(crate) fn shortcode_no_closing_paren(name: &str) -> Msg {
    Msg::new(
        format!("shortcode `{name}` ไม่มีวงเล็บปิด `)`"),
        format!("shortcode `{name}` is missing its closing `)`"),
    )
}

pub(crate) fn shortcode_expected_arg(name: &str) -> Msg {
    Msg::new(
        format!("shortcode `{name}`: ตรงนี้ต้องเป็นชื่อค่า (ตัวอักษรอังกฤษ) เช่น `file=`"),
        format!("shortcode `{name}`: expected an argument name"),
    )
}

pub(crate) fn shortcode_expected_equals(name: &str, key: &str) -> Msg {
    Msg::new(
        format!("shortcode `{name}`: ต้องมี `=` หลัง `{key}`"),
        format!("shortcode `{name}`: expected `=` after `{key}`"),
    )
}

pub(crate) fn shortcode_unclosed_quote(name: &str, key: &str) -> Msg {
    Msg::new(
        format!("shortcode `{name}`: ค่าของ `{key}` ไม่มีเครื่องหมายคำพูดปิด"),
        format!("shortcode `{name}`: the value of `{key}` has no closing quote"),
    )
}

pub(crate) fn shortcode_no_value(name: &str, key: &str) -> Msg {
    Msg::new(
        format!("shortcode `{name}`: `{key}` ไม่มีค่า"),
        format!("shortcode `{name}`: `{key}` has no value"),
    )
}

pub(crate) fn shortcode_arg_twice(name: &str, key: &str) -> Msg {
    Msg::new(
        format!("shortcode `{name}`: ใส่ `{key}` สองครั้ง"),
        format!("shortcode `{name}`: argument `{key}` given twice"),
    )
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn unknown_shortcode(name: &str, known: &[&str]) -> Msg {
    let list = quoted_list(known);
    Msg::new(
        format!("ไม่รู้จัก shortcode `{name}`; shortcode ที่มี: {list}"),
        format!("unknown shortcode `{name}`; known shortcodes: {list}"),
    )
}

pub(crate) fn unknown_shortcode_help(nearest: Option<&str>) -> Msg {
    match nearest {
        Some(n) => Msg::new(
            format!("หมายถึง `{n}` หรือไม่? ตรวจตัวสะกดของชื่อ shortcode"),
            format!("did you mean `{n}`? check the spelling of the name"),
        ),
        None => Msg::new(
            "ตรวจตัวสะกดของชื่อ shortcode ให้ตรงกับชื่อในรายการ",
            "check the name against the list",
        ),
    }
}

pub(crate) fn shortcode_missing_arg(name: &str, arg: &str) -> Msg {
    Msg::new(
        format!("shortcode `{name}` ขาดค่า `{arg}`"),
        format!("shortcode `{name}` is missing the argument `{arg}`"),
    )
}

/// `write it as {{ download(file="…") }}`.
pub(crate) fn shortcode_write_as(name: &str, required: &[&str]) -> Msg {
    let args: Vec<String> = required.iter().map(|a| format!("{a}=\"…\"")).collect();
    let call = format!("{{{{ {name}({}) }}}}", args.join(", "));
    Msg::new(format!("เขียนเป็น `{call}`"), format!("write it as `{call}`"))
}

pub(crate) fn shortcode_unknown_arg(name: &str, key: &str, allowed: &[&str]) -> Msg {
    let list = quoted_list(allowed);
    Msg::new(
        format!("shortcode `{name}` ไม่มีค่าชื่อ `{key}`; ค่าที่ใช้ได้: {list}"),
        format!("shortcode `{name}` has no argument `{key}`; its arguments: {list}"),
    )
}

pub(crate) fn shortcode_unknown_arg_help() -> Msg {
    Msg::new(
        "ลบค่านั้นออก หรือแก้ชื่อให้ตรงกับค่าที่ใช้ได้",
        "remove it, or correct its name to one of the arguments",
    )
}

pub(crate) fn qr_needs_url_or_page() -> Msg {
    Msg::new(
        "shortcode `qr` ต้องมี `url` หรือ `page` อย่างใดอย่างหนึ่งเท่านั้น",
        "shortcode `qr` needs exactly one of `url` or `page`",
    )
}

pub(crate) fn qr_needs_url_or_page_help() -> Msg {
    Msg::new(
        "เขียน `{{ qr(url=\"https://…\") }}` สำหรับที่อยู่ภายนอก หรือ `{{ qr(page=\"/contests/fabric-2563/\") }}` สำหรับหน้าในเว็บไซต์",
        "write `{{ qr(url=\"https://…\") }}` for an outside address, or `{{ qr(page=\"/contests/fabric-2563/\") }}` for a page of the site",
    )
}

pub(crate) fn shortcode_not_implemented(name: &str) -> Msg {
    Msg::new(
        format!("shortcode `{name}` ยังไม่รองรับ"),
        format!("shortcode `{name}` is not implemented"),
    )
}

pub(crate) fn shortcode_not_implemented_help() -> Msg {
    Msg::new(
        "ใช้ shortcode อื่นแทน และแจ้งผู้ดูแลระบบ",
        "use another shortcode, and tell the site's maintainer",
    )
}

pub(crate) fn shortcode_file_missing(name: &str, shown: &str) -> Msg {
    Msg::new(
        format!("shortcode `{name}`: ไม่พบไฟล์ `{shown}`"),
        format!("shortcode `{name}`: cannot read `{shown}`: no such file"),
    )
}

pub(crate) fn shortcode_cannot_read(name: &str, shown: &str, why: &Msg) -> Msg {
    Msg::new(
        format!("shortcode `{name}`: อ่านไฟล์ `{shown}` ไม่ได้: {}", why.th),
        format!("shortcode `{name}`: cannot read `{shown}`: {}", why.en),
    )
}

/// Why a file could not be read: the common cases in words, others as the system says.
pub(crate) fn io_reason(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => Msg::new("ไม่มีไฟล์นี้", "no such file"),
        K::PermissionDenied => Msg::new(format!("ไม่มีสิทธิ์เข้าถึง ({e})"), e.to_string()),
        _ => Msg::new(format!("ระบบแจ้งว่า {e}"), e.to_string()),
    }
}

/// Where a file named in a page is looked for.
pub(crate) fn file_name_help() -> Msg {
    Msg::new(
        "ตรวจชื่อไฟล์ ชื่อไฟล์นับจากโฟลเดอร์ของหน้านี้",
        "check the file name; it is relative to the page's folder",
    )
}

/// A file the build could not write or copy into the output.
pub(crate) fn cannot_write_output(rel: &str, err: &str) -> Msg {
    Msg::new(
        format!("เขียน `{rel}` ลงในโฟลเดอร์ผลลัพธ์ไม่ได้: {err}"),
        format!("cannot write `{rel}`: {err}"),
    )
}

pub(crate) fn cannot_copy(file: &str, err: &str) -> Msg {
    Msg::new(
        format!("คัดลอก `{file}` ไม่ได้: {err}"),
        format!("cannot copy `{file}`: {err}"),
    )
}

pub(crate) fn cannot_read_file(file: &str, why: &Msg) -> Msg {
    Msg::new(
        format!("อ่านไฟล์ `{file}` ไม่ได้: {}", why.th),
        format!("cannot read `{file}`: {}", why.en),
    )
}

/// The help of a read, write or copy that failed.
pub(crate) fn io_help() -> Msg {
    Msg::new(
        "ตรวจว่าไฟล์ยังอยู่ ไม่ได้เปิดค้างในโปรแกรมอื่น มีสิทธิ์เข้าถึง และดิสก์ไม่เต็ม แล้วลองอีกครั้ง",
        "check that the file is there, not held open by another program, readable, and that the disk is not full; then try again",
    )
}

pub(crate) fn page_not_written(err: &str) -> Msg {
    Msg::new(
        format!("เขียนหน้านี้ลงในโฟลเดอร์ผลลัพธ์ไม่ได้: {err}"),
        format!("cannot write the page: {err}"),
    )
}

pub(crate) fn static_not_copied(err: &str) -> Msg {
    Msg::new(
        format!("คัดลอกไฟล์นี้ไม่ได้: {err}"),
        format!("cannot copy: {err}"),
    )
}

pub(crate) fn bundle_file_not_copied(file: &str, err: &str) -> Msg {
    Msg::new(
        format!("คัดลอกไฟล์ `{file}` ในโฟลเดอร์ของหน้าไม่ได้: {err}"),
        format!("cannot copy the bundle file `{file}`: {err}"),
    )
}

pub(crate) fn cannot_read_site_yaml(root: &std::path::Path, err: &str) -> Msg {
    let r = slashed(root);
    Msg::new(
        format!("อ่าน `site.yaml` ในโฟลเดอร์ `{r}` ไม่ได้: {err}"),
        format!("cannot read `site.yaml` in `{r}`: {err}"),
    )
}

pub(crate) fn cannot_read_site_yaml_help() -> Msg {
    Msg::new(
        "เรียก wara ในโฟลเดอร์ของเว็บไซต์ หรือระบุด้วย --root โฟลเดอร์; site.yaml ต้องมีอย่างน้อย `title` และ `base_url`",
        "run wara in the site folder, or give it with --root DIR; a site needs site.yaml with at least `title` and `base_url`",
    )
}

/// A text too long for a QR code (`crate::qr`).
pub(crate) fn qr_too_long(bytes: usize) -> Msg {
    Msg::new(
        format!("ข้อความยาวเกินกว่าจะใส่ใน QR code ได้: {bytes} ไบต์ (ไม่เกิน 2331 ไบต์ที่ระดับแก้ข้อผิดพลาด M)"),
        format!(
            "data too long for a QR code: {} (at most 2331 bytes at error correction level M)",
            plural(bytes, "byte", "bytes")
        ),
    )
}

pub(crate) fn qr_failed(err: &str) -> Msg {
    Msg::new(
        format!("สร้าง QR code ไม่ได้: {err}"),
        format!("cannot make a QR code: {err}"),
    )
}

pub(crate) fn qr_for_file(file: &str, why: &Msg) -> Msg {
    Msg::new(
        format!("QR code ของ `{file}`: {}", why.th),
        format!("QR code for `{file}`: {}", why.en),
    )
}

pub(crate) fn qr_shorten_help() -> Msg {
    Msg::new(
        "ย่อที่อยู่ให้สั้นลง เช่น ตั้งชื่อไฟล์หรือโฟลเดอร์ให้สั้นและเป็นภาษาอังกฤษ (อักษรไทยแต่ละตัวในที่อยู่ใช้ 9 ไบต์)",
        "shorten the address, e.g. give the file or folder a short ASCII name (each Thai letter in an address costs 9 bytes)",
    )
}

pub(crate) fn page_qr_missing(url: &str, why: &Msg) -> Msg {
    Msg::new(
        format!("ไม่มี QR code ของหน้า `{url}`: {}", why.th),
        format!("no QR code for `{url}`: {}", why.en),
    )
}

pub(crate) fn shortcode_qr(why: &Msg) -> Msg {
    Msg::new(
        format!("shortcode `qr`: {}", why.th),
        format!("shortcode `qr`: {}", why.en),
    )
}

pub(crate) fn qr_page_missing(written: &str) -> Msg {
    Msg::new(
        format!("shortcode `qr`: ไม่มีหน้า `{written}` ในเว็บไซต์"),
        format!("shortcode `qr`: the page `{written}` does not exist"),
    )
}

pub(crate) fn site_path_help() -> Msg {
    Msg::new(
        "ใช้ที่อยู่ในเว็บไซต์ เช่น `page=\"/contests/fabric-2563/\"` (ไฟล์ `content/contests/fabric-2563.md`) ตรวจชื่อให้ถูก",
        "use a site path such as `page=\"/contests/fabric-2563/\"` (for `content/contests/fabric-2563.md`); check the name",
    )
}

pub(crate) fn qr_public_to_internal(target: &str) -> Msg {
    Msg::new(
        format!("shortcode `qr`: หน้าสาธารณะนี้ชี้ไปยังหน้าภายใน `{target}`"),
        format!("shortcode `qr`: this public page points to the internal page `{target}`"),
    )
}

pub(crate) fn internal_link_missing(page: &str) -> Msg {
    Msg::new(
        format!("shortcode `internal_link`: ไม่มีหน้า `{page}` ในเว็บไซต์"),
        format!("shortcode `internal_link`: the page `{page}` does not exist"),
    )
}

/// A table's chart that cannot be drawn (`crate::tables::chart`).
pub(crate) fn chart_no_column(table: &str, key: &str, keys: &str) -> Msg {
    Msg::new(
        format!("shortcode `chart`: ตาราง `{table}` ไม่มีคอลัมน์ `{key}`; คอลัมน์ที่มี: {keys}"),
        format!(
            "shortcode `chart`: table `{table}` has no column `{key}`; the columns are: {keys}"
        ),
    )
}

pub(crate) fn chart_not_numeric(table: &str, key: &str) -> Msg {
    Msg::new(
        format!("shortcode `chart`: คอลัมน์ `{key}` ของตาราง `{table}` ไม่ใช่ตัวเลข จึงทำแผนภูมิไม่ได้"),
        format!(
            "shortcode `chart`: column `{key}` of table `{table}` is not numeric, so it cannot be charted"
        ),
    )
}

pub(crate) fn chart_help() -> Msg {
    Msg::new(
        "ให้ `value=` เป็นคีย์ของคอลัมน์ตัวเลข (ชนิด int, number, baht หรือ percent) ในตารางนั้น",
        "give `value=` the key of a numeric column (int, number, baht or percent) of that table",
    )
}

pub(crate) fn link_no_page(href: &str) -> Msg {
    Msg::new(
        format!("ลิงก์ไปยัง `{href}`: ไม่มีหน้านี้ในเว็บไซต์"),
        format!("link to `{href}`: there is no such page"),
    )
}

pub(crate) fn link_no_page_help() -> Msg {
    Msg::new(
        "ตรวจที่อยู่ของลิงก์: หน้าของไฟล์ `content/โฟลเดอร์/ชื่อ.md` อยู่ที่ `/โฟลเดอร์/ชื่อ/`",
        "check the address; pages are `/folder/name/` for `content/folder/name.md`",
    )
}

pub(crate) fn link_no_file(href: &str) -> Msg {
    Msg::new(
        format!("ลิงก์ไปยัง `{href}`: ไม่มีไฟล์นี้ในเว็บไซต์"),
        format!("link to `{href}`: no such file in the site"),
    )
}

pub(crate) fn link_no_file_help() -> Msg {
    Msg::new(
        "ตรวจชื่อไฟล์: ที่อยู่ที่ขึ้นต้นด้วย / นับจากโฟลเดอร์ `static/` หรือ `content/` ของเว็บไซต์",
        "check the name: a path starting with / is looked for in the site's `static/` and `content/` folders",
    )
}

/// `wara new`: the errors of the command line (environment errors, Thai first).
pub(crate) fn new_exists(path: &std::path::Path) -> Msg {
    let p = slashed(path);
    Msg::new(
        format!("มีไฟล์ `{p}` อยู่แล้ว จึงไม่เขียนทับ: ลบหรือย้ายไฟล์เดิมก่อน หรือใช้ชื่ออื่น"),
        format!("`{p}` already exists; not overwriting it"),
    )
}

pub(crate) fn new_cannot_write(path: &std::path::Path, err: &std::io::Error) -> Msg {
    let p = slashed(path);
    Msg::new(
        format!("เขียน `{p}` ไม่ได้: {err}"),
        format!("cannot write `{p}`: {err}"),
    )
}

pub(crate) fn new_bad_meeting(meeting: &str) -> Msg {
    Msg::new(
        format!("`--meeting {meeting}` ต้องเขียนเป็น เลขครั้งที่/ปี พ.ศ. เช่น 6/2563"),
        format!("`--meeting {meeting}` must be <number>/<BE year>, e.g. 6/2563"),
    )
}

pub(crate) fn new_bad_slug(slug: &str) -> Msg {
    Msg::new(
        format!("`{slug}` ใช้เป็นชื่อหน้าไม่ได้: ใช้ตัวอักษร ตัวเลข และ `-` เช่น fabric-2564"),
        format!(
            "`{slug}` is not a usable page name; use letters, digits and `-`, e.g. fabric-2564"
        ),
    )
}

/// `wara serve`: what the terminal says after each build.
pub(crate) fn serve_built(pages: usize, files: usize, ms: u128) -> Msg {
    Msg::new(
        format!("สร้างแล้ว {pages} หน้า {files} ไฟล์ ใน {ms} ms"),
        format!(
            "built {}, {} in {ms} ms",
            plural(pages, "page", "pages"),
            plural(files, "file", "files")
        ),
    )
}

pub(crate) fn serve_failed(errors: Option<usize>, ms: u128, kept: bool) -> Msg {
    let (kept_th, kept_en) = if kept {
        (
            "ยังแสดงผลการสร้างครั้งล่าสุดที่สำเร็จ",
            "still serving the last good build",
        )
    } else {
        (
            "ยังไม่มีหน้าให้แสดงจนกว่าจะสร้างสำเร็จ",
            "nothing to serve until it builds",
        )
    };
    match errors {
        Some(n) => Msg::new(
            format!("สร้างไม่สำเร็จ (ข้อผิดพลาด {n} รายการ) ใน {ms} ms; {kept_th}"),
            format!(
                "build failed ({}) in {ms} ms; {kept_en}",
                plural(n, "error", "errors")
            ),
        ),
        None => Msg::new(
            format!("สร้างไม่สำเร็จ ใน {ms} ms; {kept_th}"),
            format!("build failed in {ms} ms; {kept_en}"),
        ),
    }
}

pub(crate) fn serve_panicked(ms: u128, kept: bool) -> Msg {
    let (kept_th, kept_en) = if kept {
        (
            "ยังแสดงผลการสร้างครั้งล่าสุดที่สำเร็จ",
            "still serving the last good build",
        )
    } else {
        (
            "ยังไม่มีหน้าให้แสดงจนกว่าจะสร้างสำเร็จ",
            "nothing to serve until it builds",
        )
    };
    Msg::new(
        format!("การสร้างหยุดกลางคันหลัง {ms} ms; {kept_th}"),
        format!("build panicked after {ms} ms; {kept_en}"),
    )
}

/// The overlay's text when the build itself crashed.
pub(crate) fn serve_panic_overlay() -> Msg {
    Msg::new(
        "การสร้างหยุดกลางคันเพราะข้อบกพร่องใน wara ดูรายละเอียดในหน้าต่าง terminal และแจ้งผู้ดูแลระบบ",
        "the build panicked (a bug in wara; see the terminal)",
    )
}

pub(crate) fn serve_generation(line: &Msg, generation: u64) -> Msg {
    Msg::new(
        format!("{} (รอบที่ {generation})", line.th),
        format!("{} (generation {generation})", line.en),
    )
}

pub(crate) fn serve_change(change: crate::serve::watch::Change, paths: usize) -> Msg {
    use crate::serve::watch::Change as C;
    let (th, en) = match change {
        C::Ignore => ("มีการเปลี่ยนแปลง", "Ignore"),
        C::Static => ("แก้ไขไฟล์ใน static/", "Static"),
        C::Content => ("แก้ไขเนื้อหา", "Content"),
        C::Template => ("แก้ไขแม่แบบ", "Template"),
        C::Config => ("แก้ไข site.yaml", "Config"),
    };
    Msg::new(
        format!("{th} ({paths} รายการ)"),
        format!("{en} change ({})", plural(paths, "path", "paths")),
    )
}

pub(crate) fn serve_stopped() -> Msg {
    Msg::new("หยุดแสดงตัวอย่างแล้ว", "stopped")
}

pub(crate) fn serve_phone(url: &str) -> Msg {
    Msg::new(
        format!("เปิดบนโทรศัพท์ที่อยู่ในเครือข่ายเดียวกัน: {url}"),
        format!("open on a phone: {url}"),
    )
}

pub(crate) fn serve_no_qr(why: &Msg) -> Msg {
    Msg::new(
        format!("ไม่มี QR code: {}", why.th),
        format!("no QR code: {}", why.en),
    )
}

/// The word in front of a terminal warning that is not a diagnostic.
pub(crate) fn warning_word() -> &'static str {
    match crate::diag::Lang::current() {
        crate::diag::Lang::English => "warning",
        _ => "คำเตือน (warning)",
    }
}

pub(crate) fn watcher_failed() -> Msg {
    Msg::new(
        "ติดตามการแก้ไขไฟล์ไม่ได้ หน้าตัวอย่างจะไม่อัปเดตเอง",
        "cannot run the file watcher",
    )
}

pub(crate) fn cannot_watch(path: &std::path::Path) -> Msg {
    let p = slashed(path);
    Msg::new(
        format!("ติดตามการแก้ไขใน `{p}` ไม่ได้"),
        format!("cannot watch `{p}`"),
    )
}

pub(crate) fn cannot_clear(path: &std::path::Path) -> Msg {
    let p = slashed(path);
    Msg::new(format!("ล้าง `{p}` ไม่ได้"), format!("cannot clear `{p}`"))
}

pub(crate) fn cannot_resolve(path: &std::path::Path) -> Msg {
    let p = slashed(path);
    Msg::new(
        format!("หาที่อยู่เต็มของ `{p}` ไม่ได้"),
        format!("cannot resolve `{p}`"),
    )
}

pub(crate) fn site_root_not_found(root: &std::path::Path) -> Msg {
    let p = slashed(root);
    Msg::new(
        format!("ไม่พบโฟลเดอร์เว็บไซต์ `{p}`: ตรวจชื่อที่ให้กับ --root"),
        format!("site root `{p}` not found"),
    )
}

// Output writes (src/site/write.rs `Sink`): the system's reason follows after `: `.

pub(crate) fn outside_output(rel: &str) -> Msg {
    Msg::new(
        format!("ไม่เขียนไฟล์นอกโฟลเดอร์ผลลัพธ์: `{rel}`"),
        format!("refusing to write outside the output: `{rel}`"),
    )
}

pub(crate) fn cannot_create_path(path: &std::path::Path) -> Msg {
    let p = slashed(path);
    Msg::new(format!("สร้าง `{p}` ไม่ได้"), format!("cannot create `{p}`"))
}

pub(crate) fn cannot_write_path(path: &std::path::Path) -> Msg {
    let p = slashed(path);
    Msg::new(format!("เขียน `{p}` ไม่ได้"), format!("cannot write `{p}`"))
}

/// The cause of a failed write: a file of the live output changed while a build compared its
/// new bytes with it (another program wrote the output folder).
pub(crate) fn live_file_changed() -> Msg {
    Msg::new(
        "ไฟล์เดิมในโฟลเดอร์ผลลัพธ์ถูกแก้ไขระหว่างที่ wara อ่านเทียบ".to_owned(),
        "the live output file changed while wara compared it".to_owned(),
    )
}

pub(crate) fn cannot_copy_path(from: &std::path::Path, to: &std::path::Path) -> Msg {
    let (f, t) = (slashed(from), slashed(to));
    Msg::new(
        format!("คัดลอก `{f}` ไปยัง `{t}` ไม่ได้"),
        format!("cannot copy `{f}` to `{t}`"),
    )
}

pub(crate) fn manifest_version(v: impl std::fmt::Display) -> Msg {
    Msg::new(
        format!("ไม่รู้จักรุ่นของรายการไฟล์ (manifest) รุ่น {v}"),
        format!("unknown manifest version {v}"),
    )
}

// ------------------------------------------------------------------ page texts read again (build memory, src/content/mod.rs)

pub(crate) fn file_changed_during_build() -> Msg {
    Msg::new(
        "ไฟล์นี้ถูกแก้ไขระหว่างการสร้างเว็บไซต์: ไฟล์ที่อ่านเพื่อสร้างหน้าไม่ตรงกับที่ตรวจไว้ตอนเริ่ม",
        "the file changed during the build: the text read to render the page is not the one checked at the start",
    )
}

pub(crate) fn file_changed_during_build_help() -> Msg {
    Msg::new(
        "บันทึกไฟล์ให้เสร็จแล้วสั่งสร้างใหม่อีกครั้ง (wara build) ไม่มีไฟล์ใดถูกเผยแพร่จากรอบนี้",
        "save the file, then build again; nothing from this build was published",
    )
}

// ------------------------------------------------------------------ drafts

pub(crate) fn drafts_folder(out: &std::path::Path) -> Msg {
    let o = out.to_string_lossy().replace('\\', "/");
    Msg::new(
        format!(
            "สร้างฉบับร่างสำหรับตรวจทานลงใน `{o}/internal/` (ฉบับร่างแต่ละหน้ามีป้าย ฉบับร่าง): ห้ามนำโฟลเดอร์นี้ไปเผยแพร่"
        ),
        format!(
            "building the drafts for review into `{o}/internal/` (each draft marked ฉบับร่าง): never publish this folder"
        ),
    )
}

// ------------------------------------------------------------------ photos (issue 14)

pub(crate) fn bad_photo_widths() -> (Msg, Msg) {
    (
        Msg::new(
            "`photos.widths` ต้องมีความกว้างอย่างน้อยหนึ่งค่า แต่ละค่าอยู่ระหว่าง 16 ถึง 8192 พิกเซล",
            "`photos.widths` needs at least one width, each between 16 and 8192 pixels",
        ),
        Msg::new(
            "เช่น photos: {widths: [480, 960, 1600]}",
            "e.g. photos: {widths: [480, 960, 1600]}",
        ),
    )
}

pub(crate) fn photo_no_alt(src: &str) -> Msg {
    Msg::new(
        format!("ภาพ `{src}` ไม่มีคำบรรยายภาพ (alt): ผู้ใช้โปรแกรมอ่านหน้าจอจะไม่รู้ว่าเป็นภาพอะไร"),
        format!("the image `{src}` has no alt text: screen-reader users cannot tell what it shows"),
    )
}

pub(crate) fn photo_no_alt_help() -> Msg {
    Msg::new(
        "เขียนคำบรรยายสั้น ๆ ในวงเล็บเหลี่ยม เช่น ![ภาพแปลงผักของบ้านหนองม่วง](garden.jpg)",
        "describe the photo in the square brackets, e.g. ![ภาพแปลงผักของบ้านหนองม่วง](garden.jpg)",
    )
}

pub(crate) fn gallery_no_alt(file: &str) -> Msg {
    Msg::new(
        format!("ภาพ `{file}` ในแกลเลอรีไม่มีคำบรรยายภาพ (alt)"),
        format!("the gallery photo `{file}` has no alt text"),
    )
}

pub(crate) fn gallery_no_alt_help() -> Msg {
    Msg::new(
        "ใส่ alt ให้ทุกภาพ เช่น - {file: garden.jpg, alt: ภาพแปลงผักของบ้านหนองม่วง, caption: แปลงผักสวนครัว}",
        "give every photo an alt, e.g. - {file: garden.jpg, alt: ภาพแปลงผักของบ้านหนองม่วง, caption: แปลงผักสวนครัว}",
    )
}

pub(crate) fn photo_outside(src: &str) -> Msg {
    Msg::new(
        format!("ภาพ `{src}` ไม่ได้อยู่ในเว็บไซต์"),
        format!("the image `{src}` is not a path inside the site"),
    )
}

pub(crate) fn photo_missing(src: &str, shown: &str) -> Msg {
    Msg::new(
        format!("ไม่พบภาพ `{src}`: ไม่มีไฟล์ `{shown}`"),
        format!("image `{src}` not found: there is no file `{shown}`"),
    )
}

pub(crate) fn photo_missing_help() -> Msg {
    Msg::new(
        "วางไฟล์ภาพไว้ในโฟลเดอร์เดียวกับหน้า หรือแก้ชื่อไฟล์ให้ถูก (ตัวพิมพ์เล็ก/ใหญ่ต้องตรงกัน)",
        "put the photo in the page's folder, or correct the name (case matters)",
    )
}

pub(crate) fn photo_undecodable(shown: &str, why: &str) -> Msg {
    Msg::new(
        format!("`{shown}` ไม่ใช่ภาพที่อ่านได้: {why}"),
        format!("`{shown}` is not a readable image: {why}"),
    )
}

pub(crate) fn photo_undecodable_help() -> Msg {
    Msg::new(
        "ใช้ภาพ JPEG, PNG หรือ WebP; ถ้าไฟล์มาจากโทรศัพท์ (HEIC) ให้ส่งออกเป็น JPEG ก่อน",
        "use a JPEG, PNG or WebP photo; export phone photos (HEIC) as JPEG first",
    )
}

pub(crate) fn photo_too_big(shown: &str, what: &str, limit: &str) -> Msg {
    Msg::new(
        format!("ภาพ `{shown}` ใหญ่เกินไป ({what}; เกิน {limit}): การสร้างเว็บไซต์จะช้า"),
        format!("the photo `{shown}` is very large ({what}; over {limit}): builds will be slow"),
    )
}

pub(crate) fn photo_too_big_help() -> Msg {
    Msg::new(
        "ย่อภาพก่อนใส่ในเว็บไซต์ หรือปรับ photos.max_pixels / photos.max_bytes ใน site.yaml",
        "shrink the photo first, or raise photos.max_pixels / photos.max_bytes in site.yaml",
    )
}

pub(crate) fn photo_write_failed(shown: &str, why: &str) -> Msg {
    Msg::new(
        format!("เขียนภาพจาก `{shown}` ไม่ได้: {why}"),
        format!("cannot write the photo from `{shown}`: {why}"),
    )
}

pub(crate) fn gallery_needs_one(given: &str) -> Msg {
    Msg::new(
        format!("shortcode `gallery` ต้องมี src หรือ dir อย่างใดอย่างหนึ่ง ({given})"),
        format!("shortcode `gallery` needs exactly one of `src` or `dir` ({given})"),
    )
}

pub(crate) fn gallery_help() -> Msg {
    Msg::new(
        "เขียนเป็น {{ gallery(src=\"photos.yaml\") }} โดย photos.yaml เป็นรายการ - {file: a.jpg, alt: …, caption: …} หรือ {{ gallery(dir=\"photos\") }} พร้อมไฟล์ photos/gallery.yaml",
        "write {{ gallery(src=\"photos.yaml\") }} where photos.yaml lists - {file: a.jpg, alt: …, caption: …}, or {{ gallery(dir=\"photos\") }} with photos/gallery.yaml",
    )
}

pub(crate) fn gallery_not_block() -> Msg {
    Msg::new(
        "shortcode `gallery` ต้องอยู่บรรทัดของตัวเอง",
        "shortcode `gallery` must be alone on its line",
    )
}

pub(crate) fn gallery_read(shown: &str, why: &str) -> Msg {
    Msg::new(
        format!("อ่านรายการภาพ `{shown}` ไม่ได้: {why}"),
        format!("cannot read the photo list `{shown}`: {why}"),
    )
}

pub(crate) fn gallery_empty(shown: &str) -> Msg {
    Msg::new(
        format!("แกลเลอรี `{shown}` ไม่มีภาพ"),
        format!("the gallery `{shown}` has no photos"),
    )
}

// ------------------------------------------------------------------ serve and preview (terminal, HTTP)

pub(crate) fn cannot_start_server() -> Msg {
    Msg::new("เริ่มเซิร์ฟเวอร์ไม่ได้", "cannot start the HTTP server threads")
}

pub(crate) fn accept_stopped() -> Msg {
    Msg::new("หยุดรับการเชื่อมต่อ", "stopped accepting")
}

pub(crate) fn accept_panicked() -> Msg {
    Msg::new("เกิดข้อผิดพลาดภายใน", "the accept thread panicked")
}

/// `why` is already bilingual, so it is said once, in the Thai part.
pub(crate) fn server_stopped(why: &str) -> Msg {
    Msg::new(
        format!("เซิร์ฟเวอร์หยุดทำงาน: {why}"),
        "the preview server stopped",
    )
}

pub(crate) fn cannot_listen(addr: std::net::SocketAddr, err: &std::io::Error) -> Msg {
    Msg::new(
        format!("เปิดพอร์ต `{addr}` ไม่ได้: {err}"),
        format!("cannot listen on `{addr}`: {err}"),
    )
}

/// The terminal's mark of what the preview shows (the page has a badge too).
pub(crate) fn serve_audience_line(shown: crate::options::Audience, hide_drafts: bool) -> String {
    let who = match shown {
        crate::options::Audience::Internal => "ฉบับภายใน สำหรับเจ้าหน้าที่ (internal portal)",
        crate::options::Audience::Public => "ฉบับสาธารณะ (public site)",
    };
    let drafts = if hide_drafts {
        "ไม่แสดงฉบับร่าง (drafts hidden)"
    } else {
        "แสดงฉบับร่างพร้อมป้าย ฉบับร่าง (drafts shown, marked)"
    };
    format!("แสดงตัวอย่าง{who}; {drafts}")
}

pub(crate) fn cannot_create_preview_folder(path: &std::path::Path) -> Msg {
    Msg::new(
        format!("สร้างโฟลเดอร์ตัวอย่าง `{}` ไม่ได้", path.display()),
        "cannot create the preview folder",
    )
}

/// The body of a 405 answer.
pub(crate) fn http_method_not_allowed() -> Msg {
    Msg::new("ใช้ได้เฉพาะ GET และ HEAD", "method not allowed")
}

/// The body of a 400 answer.
pub(crate) fn http_bad_path() -> Msg {
    Msg::new("ที่อยู่ไม่ถูกต้อง", "bad request path")
}

/// The common kinds of IO error, in the same words on every system (the OS's
/// own text differs between Windows and Linux); `None` for the others.
pub(crate) fn io_error_kind(kind: std::io::ErrorKind) -> Option<Msg> {
    use std::io::ErrorKind;
    Some(match kind {
        ErrorKind::NotFound => Msg::new("ไม่พบไฟล์", "file not found"),
        ErrorKind::PermissionDenied => Msg::new("ไม่มีสิทธิ์เข้าถึง", "permission denied"),
        ErrorKind::IsADirectory => Msg::new("เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "is a folder, not a file"),
        ErrorKind::InvalidData => Msg::new("ไม่ใช่ข้อความ UTF-8", "not UTF-8 text"),
        _ => return None,
    })
}

// The double-click preview (`preview.rs`) prints the Thai lines, then the English
// in parentheses on a line of its own: these give both parts.

pub(crate) fn preview_no_site(tried: &str) -> Msg {
    Msg::new(
        format!(
            "วาระ (wara): ไม่พบโฟลเดอร์เว็บไซต์ (โฟลเดอร์ที่มีไฟล์ {CONFIG}) ที่ {tried}\n\
             วิธีแก้: วาง wara.exe ไว้ในโฟลเดอร์เว็บไซต์หรือข้างโฟลเดอร์นั้นแล้วดับเบิลคลิกอีกครั้ง หรือลากโฟลเดอร์เว็บไซต์มาวางบน wara.exe",
            CONFIG = crate::config::CONFIG_FILE
        ),
        format!(
            "wara: no site folder, one holding {CONFIG}, found in {tried}; put wara.exe in or beside the site folder, or drop the folder on it; `wara --help` lists the commands",
            CONFIG = crate::config::CONFIG_FILE
        ),
    )
}

pub(crate) fn preview_started(folder: &str, url: &str) -> Msg {
    Msg::new(
        format!(
            "วาระ (wara): กำลังแสดงตัวอย่างเว็บไซต์จากโฟลเดอร์ {folder}\n\
             เปิดดูได้ที่ {url} (เบราว์เซอร์จะเปิดหน้านี้ให้เอง)\n\
             แก้ไขและบันทึกไฟล์แล้ว หน้าเว็บจะปรับตามเอง\n\
             หยุดแสดงตัวอย่าง: กด Ctrl+C หรือปิดหน้าต่างนี้"
        ),
        format!(
            "wara: previewing {folder} at {url}; saved edits reload the page; press Ctrl+C or close this window to stop"
        ),
    )
}

pub(crate) fn preview_stopped(err: &str) -> Msg {
    Msg::new(
        format!("วาระ (wara): หยุดแสดงตัวอย่างเพราะเกิดข้อผิดพลาด: {err}"),
        format!("wara: the preview stopped: {err}"),
    )
}

pub(crate) fn press_enter_to_close() -> Msg {
    Msg::new("กด Enter เพื่อปิดหน้าต่างนี้", "press Enter to close this window")
}

pub(crate) fn cannot_open_browser(err: &str) -> Msg {
    Msg::new(
        format!("เปิดเบราว์เซอร์เองไม่ได้ ({err}): เปิดเบราว์เซอร์แล้วพิมพ์ที่อยู่ด้านบน"),
        "cannot open the browser: open the address above",
    )
}

// ------------------------------------------------------------------ page text
// Thai words wara itself writes into pages, feeds and the calendar (Thai only: the
// readers of the site read Thai). Everything else a page says is in the theme's templates.

/// The titles of the pages wara makes without a source file.
pub(crate) const PAGE_DEADLINES: &str = "กำหนดส่งงาน";
pub(crate) const PAGE_SEARCH: &str = "ค้นหา";
pub(crate) const PAGE_NOT_FOUND: &str = "ไม่พบหน้านี้";
pub(crate) const PAGE_TAGS: &str = "ป้ายกำกับ";

/// A year's deadlines page: `กำหนดส่งงาน ปี ๒๕๖๓` (the year already in the site digits).
pub(crate) fn page_deadlines_year(year: &str) -> String {
    format!("{PAGE_DEADLINES} ปี {year}")
}

pub(crate) fn page_tag(tag: &str) -> String {
    format!("{PAGE_TAGS}: {tag}")
}

/// Page 2 and on of a paged listing: `ป้ายกำกับ: OTOP — หน้า ๒` (the number already in the
/// site digits).
pub(crate) fn page_numbered(title: &str, n: &str) -> String {
    format!("{title} — หน้า {n}")
}

/// The titles of sections that have no `_index.md`.
pub(crate) const SECTION_HOME: &str = "หน้าแรก";
pub(crate) const SECTION_MINUTES: &str = "รายงานการประชุม";
pub(crate) const SECTION_CONTESTS: &str = "การประกวด";

pub(crate) fn section_minutes_year(year: &str) -> String {
    format!("{SECTION_MINUTES} ปี {year}")
}

/// A link to another meeting (previous, next) by its number: `ครั้งที่ ๓/๒๕๖๓`.
pub(crate) fn meeting_link(label: &str) -> String {
    format!("ครั้งที่ {label}")
}

/// The deadline a contest's closing date gives, in the deadline lists and the calendar.
pub(crate) fn contest_deadline_task(title: &str) -> String {
    format!("กำหนดส่ง: {title}")
}

pub(crate) fn calendar_name(site_title: &str) -> String {
    format!("{PAGE_DEADLINES} — {site_title}")
}

/// A calendar event's description: the page the deadline comes from.
pub(crate) fn calendar_source(page_title: &str) -> String {
    format!("จาก: {page_title}")
}

pub(crate) fn chart_label(title: &str) -> String {
    format!("แผนภูมิ: {title}")
}

/// What a bar chart's bars show; `marks` are its dashed reference lines, if any.
pub(crate) fn chart_reading(label: &str, marks: &[String]) -> String {
    let mut what = format!("ความยาวแท่งคือ “{label}” ของแต่ละแถวในตาราง");
    if !marks.is_empty() {
        what.push_str(&format!(" เส้นประแสดงระดับ {}", marks.join(" ")));
    }
    what
}

/// An amount of money: `๓,๐๐๐ บาท`. (Not in `contest.html`: the repository's
/// `themes/default/` is also the Lopburi site's override folder, so a text moved
/// between Rust and a template shows twice when `scripts/output-neutral.sh` runs
/// the parent's binary on the new sources.)
pub(crate) fn baht(amount: &str) -> String {
    format!("{amount} บาท")
}

/// A chart's value for a row with none.
pub(crate) const NO_DATA: &str = "ไม่มีข้อมูล";
pub(crate) const DOWNLOAD: &str = "ดาวน์โหลด";
pub(crate) const DOWNLOAD_CSV: &str = "ดาวน์โหลด CSV";
pub(crate) const OPEN_LARGE_PHOTO: &str = "เปิดภาพขนาดใหญ่";

/// A table's unit after its caption; `unit` is already escaped.
pub(crate) fn table_unit(unit: &str) -> String {
    format!("(หน่วย: {unit})")
}

/// After a sub-item's resolution: whose resolution it is; `number` is already escaped.
pub(crate) fn resolution_of(number: &str) -> String {
    format!("(ข้อ {number} ทั้งข้อ)")
}
