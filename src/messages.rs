//! The one table of texts a user reads on the terminal or in the `serve` overlay,
//! each in Thai and English (`diag::Msg`). Terms follow ../shared/THAI.md.
//! Counts are written with the Thai classifier and with English plurals.

use crate::diag::Msg;

/// `1 error`, `2 errors`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The word in front of an environment error.
pub fn error_word() -> &'static str {
    match crate::diag::Lang::current() {
        crate::diag::Lang::English => "error",
        _ => "ข้อผิดพลาด (error)",
    }
}

pub fn bad_lang(given: &str) -> Msg {
    Msg::new(
        format!("ไม่รู้จักภาษา `{given}`: ใช้ th, en หรือ both"),
        format!("unknown language `{given}`: use th, en or both"),
    )
}

/// The line `wara check` prints when nothing is wrong.
pub fn check_ok(pages: usize, tables: usize, qr: usize) -> Msg {
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
pub fn failed(check: bool, errors: usize) -> Msg {
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
pub fn bad_date(key: &str, value: &str) -> (Msg, Msg) {
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
                    "วันที่ในไฟล์ใช้ปีคริสต์ศักราช (พ.ศ. − ๕๔๓): เขียน `{iso}` แล้วเว็บไซต์จะแสดงเป็น {shown}"
                ),
                format!(
                    "dates are written in the Common Era ({be} BE − 543): write `{iso}`; the site shows it as {shown}"
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
pub fn date_format_help() -> Msg {
    Msg::new(
        "เขียนวันที่แบบ ปี-เดือน-วัน เป็นปีคริสต์ศักราช เช่น 2020-05-14 สำหรับ ๑๔ พฤษภาคม ๒๕๖๓",
        "write dates as YYYY-MM-DD in the Common Era, e.g. 2020-05-14 for ๑๔ พฤษภาคม ๒๕๖๓",
    )
}

// ------------------------------------------------------------------ front matter values

pub fn bad_access(found: &str) -> Msg {
    Msg::new(
        format!("`access` ต้องเป็น `public` (สาธารณะ) หรือ `internal` (ภายใน) แต่พบ `{found}`"),
        format!("`access` must be `public` or `internal`, found `{found}`"),
    )
}

pub fn bad_access_help() -> Msg {
    Msg::new(
        "หน้าสำหรับเจ้าหน้าที่เท่านั้นให้เขียน `access: internal`",
        "write `access: internal` for staff-only pages",
    )
}

pub fn bad_time(key: &str, value: &str) -> Msg {
    Msg::new(
        format!("`{key}` ไม่ใช่เวลา: `{value}`"),
        format!("`{key}` is not a time: `{value}`"),
    )
}

pub fn bad_time_help() -> Msg {
    Msg::new(
        "เขียนเวลาแบบ 24 ชั่วโมงในเครื่องหมายคำพูด เช่น \"09:30\" (เว็บไซต์แสดงเป็น ๐๙.๓๐ น.)",
        "write the time as \"09:30\" (24-hour, in quotes)",
    )
}

pub fn bad_meeting(key: &str, value: &str) -> Msg {
    Msg::new(
        format!("`{key}` ต้องเป็น `ครั้งที่/ปี พ.ศ.` แต่พบ `{value}`"),
        format!("`{key}` must be `<number>/<BE year>`, found `{value}`"),
    )
}

pub fn bad_meeting_help() -> Msg {
    Msg::new(
        "เช่น `meeting: \"5/2563\"` (พิมพ์เลขไทยได้ เช่น \"๕/๒๕๖๓\")",
        "e.g. `meeting: \"5/2563\"` (Thai digits are fine)",
    )
}

pub fn minutes_need_meeting() -> (Msg, Msg) {
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

pub fn minutes_need_date() -> (Msg, Msg) {
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

pub fn certifies_not_earlier(
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

pub fn closed_before_opened(opened: chrono::NaiveTime, closed: chrono::NaiveTime) -> (Msg, Msg) {
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

pub fn meeting_year_mismatch(m: crate::content::MeetingNo, date: chrono::NaiveDate) -> (Msg, Msg) {
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

pub fn folder_mismatch(m: crate::content::MeetingNo, url: &str) -> (Msg, Msg) {
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

pub fn meeting_in_future(date: chrono::NaiveDate) -> (Msg, Msg) {
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

pub fn duplicate_meeting(m: crate::content::MeetingNo, first: &std::path::Path) -> (Msg, Msg) {
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

pub fn placeholder_left(placeholder: &str) -> (Msg, Msg) {
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

pub fn created(path: &std::path::Path) -> Msg {
    let p = path.to_string_lossy().replace('\\', "/");
    Msg::new(
        format!("สร้างไฟล์ {p} แล้ว (เป็นฉบับร่าง `draft: true`: ลบบรรทัดนั้นเมื่อพร้อมเผยแพร่)"),
        format!(
            "created {p} (a draft, `draft: true`: remove that line when it is ready to publish)"
        ),
    )
}

/// The summary line of `check` when there are only warnings.
pub fn warnings_count(n: usize) -> Msg {
    Msg::new(
        format!("คำเตือน {n} รายการ"),
        plural(n, "warning", "warnings"),
    )
}

pub fn strict_failed(n: usize) -> Msg {
    Msg::new(
        format!("ตรวจไม่ผ่าน (--strict): มีคำเตือน {n} รายการ"),
        format!(
            "check failed (--strict): {}",
            plural(n, "warning", "warnings")
        ),
    )
}

pub fn no_site_yaml(root: &std::path::Path) -> Msg {
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
pub fn yaml_problem(raw: &str, line: Option<&str>) -> (Msg, Msg) {
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
                    "ใส่เครื่องหมายคำพูดรอบข้อความ เช่น label: \"ค่าตอบแทน (900, บาท)\"",
                    "put the value in quotes, e.g. label: \"ค่าตอบแทน (900, บาท)\"",
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
pub fn not_utf8(bytes: &[u8]) -> (Msg, Msg) {
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

pub fn no_front_matter() -> Msg {
    Msg::new(
        "ไม่มีส่วนหัว (front matter): ไฟล์ต้องขึ้นต้นด้วยบรรทัด `---`",
        "missing front matter: the file must start with a `---` line",
    )
}

pub fn no_front_matter_help() -> Msg {
    Msg::new(
        "ขึ้นต้นไฟล์ด้วย `---` ตามด้วย `title: …` แล้วปิดด้วยอีกบรรทัด `---`",
        "start the file with `---`, then `title: …`, then another `---` line",
    )
}

pub fn front_matter_unclosed() -> Msg {
    Msg::new(
        "ส่วนหัว (front matter) ไม่ได้ปิด: ไม่มีบรรทัด `---` บรรทัดที่สอง",
        "front matter is not closed: no second `---` line",
    )
}

pub fn front_matter_unclosed_help() -> Msg {
    Msg::new(
        "เพิ่มบรรทัดที่มีแต่ `---` ต่อจากคีย์สุดท้ายของส่วนหัว",
        "add a line with only `---` after the last front matter key",
    )
}

pub fn unknown_front_matter_key(key: &str, kind: crate::content::Kind, allowed: &str) -> Msg {
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

pub fn did_you_mean(k: &str) -> Msg {
    Msg::new(
        format!("หมายถึง `{k}` หรือไม่?"),
        format!("did you mean `{k}`?"),
    )
}

pub fn remove_or_allowed_key() -> Msg {
    Msg::new(
        "ลบคีย์นี้ หรือใช้คีย์ที่ใช้ได้ตามรายการ",
        "remove the key or use one of the allowed keys",
    )
}

pub fn missing_title() -> Msg {
    Msg::new(
        "ส่วนหัวไม่มีคีย์ `title` (ชื่อเรื่อง)",
        "missing front matter key `title`",
    )
}

pub fn missing_title_help() -> Msg {
    Msg::new(
        "เพิ่มบรรทัด `title: …` ระหว่างบรรทัด `---` ทั้งสอง",
        "add a line `title: …` between the `---` lines",
    )
}

pub fn empty_title() -> (Msg, Msg) {
    (
        Msg::new("`title` ว่างอยู่", "`title` is empty"),
        Msg::new(
            "ใส่ชื่อเว็บไซต์ เช่น `title: สำนักงานพัฒนาชุมชนจังหวัดลพบุรี`",
            "write the site's name, e.g. `title: สำนักงานพัฒนาชุมชนจังหวัดลพบุรี`",
        ),
    )
}

pub fn bad_base_url(key: &str, url: &str) -> (Msg, Msg) {
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

pub fn bad_language(found: &str) -> (Msg, Msg) {
    (
        Msg::new(
            format!("`language` ต้องเป็น `th` หรือ `en` แต่พบ `{found}`"),
            format!("`language` must be `th` or `en`, found `{found}`"),
        ),
        Msg::new("ใช้ `language: th`", "use `language: th`"),
    )
}

pub fn unknown_theme(found: &str) -> (Msg, Msg) {
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

pub fn public_in_internal_section(section: &str) -> Msg {
    Msg::new(
        format!("`access: public` ไม่มีผล: หมวด `{section}` เป็นหมวดภายใน หน้านี้จึงเป็นหน้าภายในด้วย"),
        format!(
            "`access: public` is ignored: the section `{section}` is internal, so this page is internal too"
        ),
    )
}

pub fn same_page(url: &str, a: &std::path::Path, b: &std::path::Path) -> Msg {
    let (a, b) = (
        a.to_string_lossy().replace('\\', "/"),
        b.to_string_lossy().replace('\\', "/"),
    );
    Msg::new(
        format!("สองไฟล์สร้างหน้าเดียวกัน `{url}`: `{a}` และ `{b}`"),
        format!("two files make the same page `{url}`: `{a}` and `{b}`"),
    )
}

pub fn same_page_help() -> Msg {
    Msg::new(
        "เก็บไว้แบบเดียว: `x.md` หรือ `x/index.md` ไม่ใช่ทั้งสองแบบ",
        "keep either `x.md` or `x/index.md`, not both",
    )
}

pub fn no_content_dir() -> Msg {
    Msg::new(
        "ไม่มีโฟลเดอร์ `content/` ในโฟลเดอร์ของเว็บไซต์",
        "no `content/` folder in the site root",
    )
}

pub fn no_content_dir_help() -> Msg {
    Msg::new(
        "สร้างไฟล์ `content/_index.md` ที่มี `title` สำหรับหน้าแรก",
        "create `content/_index.md` with a `title` for the home page",
    )
}

pub fn cannot_read(err: &str) -> Msg {
    Msg::new(
        format!("อ่านไฟล์ไม่ได้: {err}"),
        format!("cannot read the file: {err}"),
    )
}

pub fn file_too_large(len: u64, limit: u64) -> Msg {
    Msg::new(
        format!("ไฟล์ใหญ่เกินไป ({len} ไบต์; สูงสุด {limit})"),
        format!("file is too large ({len} bytes; the limit is {limit})"),
    )
}

pub fn file_too_large_help() -> Msg {
    Msg::new(
        "แบ่งเป็นหลายหน้า หรือใส่ข้อมูลขนาดใหญ่เป็นไฟล์ดาวน์โหลด",
        "split it into several pages, or put large data in a download",
    )
}

pub fn criteria_sum(sum: &str, total: &str) -> Msg {
    Msg::new(
        format!("คะแนนตามหลักเกณฑ์รวมได้ {sum} คะแนน แต่ `total_points` คือ {total}"),
        format!("contest criteria add up to {sum} points but `total_points` is {total}"),
    )
}

pub fn criteria_sum_help() -> Msg {
    Msg::new(
        "แก้คะแนนของหลักเกณฑ์ หรือกำหนด `total_points` ให้เท่ากับผลรวม",
        "correct the points of the criteria, or set `total_points` to their sum",
    )
}

pub fn prize_category(cat: &str, list: &str) -> Msg {
    Msg::new(
        format!("ประเภทรางวัล `{cat}` ไม่อยู่ใน `categories`: {list}"),
        format!("prize category `{cat}` is not one of `categories`: {list}"),
    )
}

pub fn prize_category_help() -> Msg {
    Msg::new(
        "สะกดชื่อประเภทให้ตรงกับรายการใน `categories`",
        "spell the category as it is in `categories`",
    )
}

// ------------------------------------------------------------------ templates

pub fn cannot_read_template(err: &str) -> Msg {
    Msg::new(
        format!("อ่านไฟล์แม่แบบไม่ได้: {err}"),
        format!("cannot read template: {err}"),
    )
}

pub fn template_error(err: &str) -> Msg {
    Msg::new(
        format!("แม่แบบ (template) ผิด: {err}"),
        format!("template error: {err}"),
    )
}

pub fn template_error_help() -> Msg {
    Msg::new(
        "แก้แม่แบบที่ระบุในข้อความ (หรือลบไฟล์ที่วางทับ เพื่อใช้แม่แบบที่ติดมากับโปรแกรม)",
        "fix the template named in the message (or delete your override to use the embedded one)",
    )
}

pub fn render_failed(template: &str, err: &str) -> Msg {
    Msg::new(
        format!("สร้างหน้าด้วยแม่แบบ `{template}` ไม่สำเร็จ: {err}"),
        format!("rendering with template `{template}` failed: {err}"),
    )
}

// ------------------------------------------------------------------ data tables

pub fn table_empty(file: &str) -> Msg {
    Msg::new(
        format!("`{file}` ว่างเปล่า: ตารางต้องมี `title:` `columns:` และ `rows:`"),
        format!("`{file}` is empty: a table needs `title:`, `columns:` and `rows:`"),
    )
}

pub fn table_no_columns(file: &str) -> Msg {
    Msg::new(
        format!("`{file}` ไม่มีคอลัมน์: ระบุคอลัมน์ใต้ `columns:` พร้อม `key` `label` และ `type`"),
        format!(
            "`{file}` has no columns: list them under `columns:` with `key`, `label` and `type`"
        ),
    )
}

pub fn group_with_key(label: &str) -> Msg {
    Msg::new(
        format!("กลุ่มคอลัมน์ `{label}` มี `columns:` แล้ว จึงมี `key` `type` หรือ `formula` อีกไม่ได้"),
        format!(
            "column group `{label}` has `columns:`, so it cannot also have `key`, `type` or `formula`"
        ),
    )
}

pub fn group_empty(label: &str) -> Msg {
    Msg::new(
        format!("กลุ่มคอลัมน์ `{label}` ไม่มีคอลัมน์ย่อย"),
        format!("column group `{label}` has no columns"),
    )
}

pub fn column_needs_key(label: &str) -> Msg {
    Msg::new(
        format!("คอลัมน์ `{label}` ต้องมี `key:` (ชื่อสั้น ๆ ภาษาอังกฤษที่แถวและสูตรใช้อ้างถึง)"),
        format!("column `{label}` needs a `key:` (a short name used by rows and formulas)"),
    )
}

pub fn column_key_twice(name: &str) -> Msg {
    Msg::new(
        format!("ชื่อคอลัมน์ (key) `{name}` ซ้ำหรือว่าง: แต่ละคอลัมน์ต้องมี key ของตัวเอง"),
        format!("column key `{name}` is used twice (or empty); each column needs its own key"),
    )
}

const TYPES: &str = "text, int, number, baht, percent, district, date";

pub fn unknown_column_type(name: &str, found: &str) -> Msg {
    Msg::new(
        format!("คอลัมน์ `{name}` มีชนิด `{found}` ที่ไม่รู้จัก; ชนิดที่ใช้ได้: {TYPES}"),
        format!("column `{name}` has unknown type `{found}`; the types are: {TYPES}"),
    )
}

pub fn row_unknown_key(file: &str, row: &str, key: &str, keys: &str) -> Msg {
    Msg::new(
        format!("`{file}` แถว `{row}` มีคอลัมน์ `{key}` ที่ไม่รู้จัก; คอลัมน์ที่มี: {keys}"),
        format!("`{file}` row `{row}` has unknown column key `{key}`; the columns are: {keys}"),
    )
}

pub fn quote_number_with_commas() -> Msg {
    Msg::new(
        "ใน `{…}` ตัวเลขที่มีจุลภาคต้องใส่เครื่องหมายคำพูด เช่น `\"1,234\"`",
        "inside `{…}` a number with commas must be quoted: `\"1,234\"`",
    )
}

pub fn unknown_district(
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

pub fn nearest_district(near: &[&str]) -> Msg {
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

pub fn cell_not_of_type(
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

pub fn formula_on_text(key: &str, kind: &str) -> Msg {
    Msg::new(
        format!("คอลัมน์ `{key}` มีสูตรแต่เป็นชนิด `{kind}`; สูตรใช้ได้กับชนิด int, number, baht หรือ percent"),
        format!(
            "column `{key}` has a formula but its type is `{kind}`; formulas need int, number, baht or percent"
        ),
    )
}

/// A formula's syntax error (`formula.rs` says it in English; the Thai is looked up here).
pub fn formula_syntax(key: &str, en: &str) -> Msg {
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

pub fn formula_unknown_column(key: &str, name: &str, keys: &str) -> Msg {
    Msg::new(
        format!("สูตรของคอลัมน์ `{key}` อ้างถึงคอลัมน์ `{name}` ที่ไม่มีอยู่; คอลัมน์ที่มี: {keys}"),
        format!("formula of column `{key}` uses unknown column `{name}`; the columns are: {keys}"),
    )
}

pub fn formula_text_column(key: &str, name: &str, kind: &str) -> Msg {
    Msg::new(
        format!("สูตรของคอลัมน์ `{key}` ใช้คอลัมน์ `{name}` ซึ่งเป็นชนิด {kind} ไม่ใช่ตัวเลข"),
        format!("formula of column `{key}` uses column `{name}`, which is {kind} and not a number"),
    )
}

pub fn formula_cycle(names: &str) -> Msg {
    Msg::new(
        format!("สูตรอ้างถึงกันเป็นวง: {names}; ต้องมีคอลัมน์หนึ่งในนี้ที่พิมพ์ค่าเอง ไม่ใช่คำนวณ"),
        format!(
            "formulas form a cycle: {names}; one of these columns must be typed in, not computed"
        ),
    )
}

pub fn stated_vs_computed(
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

/// How a column total came about: `sum of the 5 rows: 1 + 2` (the addends when few).
pub fn sum_explained(rows: usize, terms: Option<&str>) -> Msg {
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

pub fn totals_unknown_key(file: &str, key: &str, keys: &str) -> Msg {
    Msg::new(
        format!("`{file}` `totals:` มีคอลัมน์ `{key}` ที่ไม่รู้จัก; คอลัมน์ที่มี: {keys}"),
        format!("`{file}` `totals:` has unknown column key `{key}`; the columns are: {keys}"),
    )
}

// ------------------------------------------------------------------ photos (issue 14)

pub fn bad_photo_widths() -> (Msg, Msg) {
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

pub fn photo_no_alt(src: &str) -> Msg {
    Msg::new(
        format!("ภาพ `{src}` ไม่มีคำบรรยายภาพ (alt): ผู้ใช้โปรแกรมอ่านหน้าจอจะไม่รู้ว่าเป็นภาพอะไร"),
        format!("the image `{src}` has no alt text: screen-reader users cannot tell what it shows"),
    )
}

pub fn photo_no_alt_help() -> Msg {
    Msg::new(
        "เขียนคำบรรยายสั้น ๆ ในวงเล็บเหลี่ยม เช่น ![ภาพแปลงผักของบ้านหนองม่วง](garden.jpg)",
        "describe the photo in the square brackets, e.g. ![ภาพแปลงผักของบ้านหนองม่วง](garden.jpg)",
    )
}

pub fn gallery_no_alt(file: &str) -> Msg {
    Msg::new(
        format!("ภาพ `{file}` ในแกลเลอรีไม่มีคำบรรยายภาพ (alt)"),
        format!("the gallery photo `{file}` has no alt text"),
    )
}

pub fn gallery_no_alt_help() -> Msg {
    Msg::new(
        "ใส่ alt ให้ทุกภาพ เช่น - {file: garden.jpg, alt: ภาพแปลงผักของบ้านหนองม่วง, caption: แปลงผักสวนครัว}",
        "give every photo an alt, e.g. - {file: garden.jpg, alt: ภาพแปลงผักของบ้านหนองม่วง, caption: แปลงผักสวนครัว}",
    )
}

pub fn photo_outside(src: &str) -> Msg {
    Msg::new(
        format!("ภาพ `{src}` ไม่ได้อยู่ในเว็บไซต์"),
        format!("the image `{src}` is not a path inside the site"),
    )
}

pub fn photo_missing(src: &str, shown: &str) -> Msg {
    Msg::new(
        format!("ไม่พบภาพ `{src}`: ไม่มีไฟล์ `{shown}`"),
        format!("image `{src}` not found: there is no file `{shown}`"),
    )
}

pub fn photo_missing_help() -> Msg {
    Msg::new(
        "วางไฟล์ภาพไว้ในโฟลเดอร์เดียวกับหน้า หรือแก้ชื่อไฟล์ให้ถูก (ตัวพิมพ์เล็ก/ใหญ่ต้องตรงกัน)",
        "put the photo in the page's folder, or correct the name (case matters)",
    )
}

pub fn photo_undecodable(shown: &str, why: &str) -> Msg {
    Msg::new(
        format!("`{shown}` ไม่ใช่ภาพที่อ่านได้: {why}"),
        format!("`{shown}` is not a readable image: {why}"),
    )
}

pub fn photo_undecodable_help() -> Msg {
    Msg::new(
        "ใช้ภาพ JPEG, PNG หรือ WebP; ถ้าไฟล์มาจากโทรศัพท์ (HEIC) ให้ส่งออกเป็น JPEG ก่อน",
        "use a JPEG, PNG or WebP photo; export phone photos (HEIC) as JPEG first",
    )
}

pub fn photo_unsupported(shown: &str) -> Msg {
    Msg::new(
        format!("ไม่เผยแพร่ `{shown}`: wara ลบข้อมูลตำแหน่ง (GPS) ได้เฉพาะภาพ JPEG, PNG และ WebP"),
        format!(
            "`{shown}` is not published: wara can strip location data only from JPEG, PNG and WebP"
        ),
    )
}

pub fn photo_too_big(shown: &str, what: &str, limit: &str) -> Msg {
    Msg::new(
        format!("ภาพ `{shown}` ใหญ่เกินไป ({what}; เกิน {limit}): การสร้างเว็บไซต์จะช้า"),
        format!("the photo `{shown}` is very large ({what}; over {limit}): builds will be slow"),
    )
}

pub fn photo_too_big_help() -> Msg {
    Msg::new(
        "ย่อภาพก่อนใส่ในเว็บไซต์ หรือปรับ photos.max_pixels / photos.max_bytes ใน site.yaml",
        "shrink the photo first, or raise photos.max_pixels / photos.max_bytes in site.yaml",
    )
}

pub fn photo_write_failed(shown: &str, why: &str) -> Msg {
    Msg::new(
        format!("เขียนภาพจาก `{shown}` ไม่ได้: {why}"),
        format!("cannot write the photo from `{shown}`: {why}"),
    )
}

pub fn gallery_needs_one(given: &str) -> Msg {
    Msg::new(
        format!("shortcode `gallery` ต้องมี src หรือ dir อย่างใดอย่างหนึ่ง ({given})"),
        format!("shortcode `gallery` needs exactly one of `src` or `dir` ({given})"),
    )
}

pub fn gallery_help() -> Msg {
    Msg::new(
        "เขียนเป็น {{ gallery(src=\"photos.yaml\") }} โดย photos.yaml เป็นรายการ - {file: a.jpg, alt: …, caption: …} หรือ {{ gallery(dir=\"photos\") }} พร้อมไฟล์ photos/gallery.yaml",
        "write {{ gallery(src=\"photos.yaml\") }} where photos.yaml lists - {file: a.jpg, alt: …, caption: …}, or {{ gallery(dir=\"photos\") }} with photos/gallery.yaml",
    )
}

pub fn gallery_not_block() -> Msg {
    Msg::new(
        "shortcode `gallery` ต้องอยู่บรรทัดของตัวเอง",
        "shortcode `gallery` must be alone on its line",
    )
}

pub fn gallery_read(shown: &str, why: &str) -> Msg {
    Msg::new(
        format!("อ่านรายการภาพ `{shown}` ไม่ได้: {why}"),
        format!("cannot read the photo list `{shown}`: {why}"),
    )
}

pub fn gallery_empty(shown: &str) -> Msg {
    Msg::new(
        format!("แกลเลอรี `{shown}` ไม่มีภาพ"),
        format!("the gallery `{shown}` has no photos"),
    )
}
