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
