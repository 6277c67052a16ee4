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

// ---------------------------------------------------------------------------
// Markdown bodies: raw HTML, link schemes, images, QR addresses, downloads,
// and the structure of minutes (agendas and items).
// ---------------------------------------------------------------------------

pub fn raw_html_dropped() -> Msg {
    Msg::new(
        "HTML ที่พิมพ์ไว้ในเนื้อหาไม่ได้เผยแพร่ (ตัดออกจากหน้าแล้ว)",
        "raw HTML is not published (it was dropped from the page)",
    )
}

pub fn raw_html_dropped_help() -> Msg {
    Msg::new(
        "เขียนด้วย Markdown แทน เช่น **ตัวหนา** หรือ [ชื่อลิงก์](https://…) ส่วนหมายเหตุภายในเขียนเป็น <!-- … --> ได้ (ไม่ปรากฏในหน้าเว็บ)",
        "write it in Markdown instead, e.g. **bold** or [title](https://…); private notes may be written as <!-- … --> (never published)",
    )
}

pub fn unsafe_link(href: &str, scheme: &str) -> Msg {
    Msg::new(
        format!("ลิงก์ `{href}` ขึ้นต้นด้วย `{scheme}:` ซึ่งไม่อนุญาตให้ใช้"),
        format!("the link `{href}` uses the scheme `{scheme}:`, which is not allowed"),
    )
}

pub fn unsafe_link_help() -> Msg {
    Msg::new(
        "ใช้ได้เฉพาะลิงก์ที่ขึ้นต้นด้วย https://, http://, mailto:, tel: หรือที่อยู่ภายในเว็บไซต์ เช่น /minutes/2563/05/",
        "only https://, http://, mailto: and tel: links, or a path in the site such as /minutes/2563/05/",
    )
}

pub fn image_with_space(path: &str) -> Msg {
    Msg::new(
        format!("รูปภาพ `{path}`: ชื่อไฟล์มีช่องว่าง จึงไม่แสดงเป็นรูป"),
        format!("image `{path}`: the path has a space, so it is not shown as an image"),
    )
}

pub fn image_with_space_help(path: &str) -> Msg {
    let encoded = path.replace(' ', "%20");
    Msg::new(
        format!("ครอบชื่อไฟล์ด้วย < > เป็น ![ภาพ](<{path}>) หรือเขียนช่องว่างเป็น %20: ![ภาพ]({encoded})"),
        format!(
            "put the path in < >: ![image](<{path}>), or write each space as %20: ![image]({encoded})"
        ),
    )
}

pub fn missing_image(href: &str, shown: &str) -> Msg {
    Msg::new(
        format!("ไม่พบไฟล์รูปภาพ `{href}`: ไม่มีไฟล์ `{shown}`"),
        format!("image `{href}` not found: there is no file `{shown}`"),
    )
}

pub fn missing_download(file: &str, shown: &str) -> Msg {
    Msg::new(
        format!("ไม่พบไฟล์ `{file}` ที่ให้ดาวน์โหลด: ไม่มีไฟล์ `{shown}`"),
        format!("download `{file}` not found: there is no file `{shown}`"),
    )
}

/// The help for a missing file: what the folder holds, nearest name first.
pub fn files_in_folder(folder: &str, names: &[String], nearest: Option<&str>) -> Msg {
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
    let list = shown.join(", ");
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

pub fn qr_url_refused(url: &str) -> Msg {
    Msg::new(
        format!("shortcode `qr`: `{url}` ไม่ใช่ที่อยู่ที่สแกนแล้วเปิดได้"),
        format!("shortcode `qr`: `{url}` is not an address a phone can open"),
    )
}

pub fn qr_url_refused_help() -> Msg {
    Msg::new(
        "ใช้ URL เต็มที่ขึ้นต้นด้วย https:// หรือ http://, ชื่อไฟล์ในโฟลเดอร์ของหน้า เช่น url=\"files/คำสั่ง.pdf\" หรือที่อยู่ในเว็บไซต์ เช่น url=\"/contests/fabric-2563/\"",
        "use a full URL starting with https:// or http://, a file in the page's folder such as url=\"files/order.pdf\", or a site path such as url=\"/contests/fabric-2563/\"",
    )
}

pub fn qr_url_not_found(url: &str, path: &str) -> Msg {
    Msg::new(
        format!("shortcode `qr`: ไม่มีหน้าหรือไฟล์ `{path}` ในเว็บไซต์ (จาก url=\"{url}\")"),
        format!(
            "shortcode `qr`: there is no page or file `{path}` in the site (from url=\"{url}\")"
        ),
    )
}

pub fn qr_url_not_found_help() -> Msg {
    Msg::new(
        "ชื่อไฟล์นับจากโฟลเดอร์ของหน้า ส่วนที่อยู่ที่ขึ้นต้นด้วย / นับจากโฟลเดอร์ content/ ตรวจชื่อให้ถูก",
        "a file name is relative to the page's folder, a path starting with / to content/: check the name",
    )
}

pub fn item_unnumbered(text: &str) -> Msg {
    Msg::new(
        format!("หัวข้อเรื่อง `{text}` ไม่มีเลขเรื่อง"),
        format!("the item heading `{text}` has no item number"),
    )
}

pub fn item_unnumbered_help() -> Msg {
    Msg::new(
        "ขึ้นต้นหัวข้อด้วยเลขวาระและเลขเรื่อง เช่น ### ๓.๑ ชื่อเรื่อง เพื่อให้ลิงก์ไปยังเรื่องนี้คงที่",
        "start the heading with its agenda and item number, e.g. ### ๓.๑ title, so links to it stay stable",
    )
}

pub fn item_duplicated(number: &str, first_line: usize, id: &str) -> Msg {
    Msg::new(
        format!("เลขเรื่อง `{number}` ซ้ำกับหัวข้อที่บรรทัด {first_line} (หัวข้อนี้ได้ลิงก์ `#{id}`)"),
        format!(
            "item number `{number}` repeats the heading at line {first_line} (this one gets the anchor `#{id}`)"
        ),
    )
}

pub fn item_duplicated_help() -> Msg {
    Msg::new("แก้เลขเรื่องให้ไม่ซ้ำกัน", "give each item its own number")
}

pub fn item_outside_agenda(number: &str, agenda: &str) -> Msg {
    Msg::new(
        format!("เรื่อง `{number}` อยู่ใต้ระเบียบวาระที่ {agenda} แต่เลขไม่ตรงกับวาระ"),
        format!("item `{number}` sits under agenda {agenda} but is numbered for another"),
    )
}

pub fn item_outside_agenda_help(agenda: &str) -> Msg {
    Msg::new(
        format!("เรื่องใต้ระเบียบวาระที่ {agenda} ให้ขึ้นต้นด้วย {agenda}. หรือย้ายหัวข้อไปไว้ใต้วาระที่ถูกต้อง"),
        format!(
            "items under agenda {agenda} are numbered {agenda}.…, or move the heading under its agenda"
        ),
    )
}

pub fn agenda_out_of_order(n: &str, previous: &str) -> Msg {
    Msg::new(
        format!("ระเบียบวาระที่ {n} มาหลังระเบียบวาระที่ {previous}: ลำดับวาระไม่ถูกต้อง"),
        format!("agenda {n} comes after agenda {previous}: the agendas are out of order"),
    )
}

pub fn agenda_out_of_order_help() -> Msg {
    Msg::new(
        "เรียงระเบียบวาระจากน้อยไปมาก และอย่าใช้เลขวาระซ้ำ",
        "put the agendas in increasing order, each number once",
    )
}

pub fn resolution_without_colon() -> Msg {
    Msg::new(
        "ย่อหน้านี้ขึ้นต้นด้วย `มติที่ประชุม` แต่ไม่มีเครื่องหมาย `:` จึงไม่นับเป็นมติและไม่อยู่ในสรุปมติ",
        "this paragraph starts with `มติที่ประชุม` but has no `:`, so it is not taken as a resolution and is missing from the summary",
    )
}

pub fn resolution_without_colon_help() -> Msg {
    Msg::new(
        "เขียนเป็น มติที่ประชุม: รับทราบ (มีเครื่องหมาย : ต่อท้ายทันที)",
        "write it as มติที่ประชุม: รับทราบ (the colon right after the word)",
    )
}
