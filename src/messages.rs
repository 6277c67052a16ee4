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
// Files pages refer to, and what a page bundle publishes (src/site/refs.rs,
// src/content/load.rs, `publish_extensions` in src/config.rs).

pub fn bad_publish_extension(ext: &str) -> Msg {
    Msg::new(
        format!("`publish_extensions` มีชนิดไฟล์ที่ใช้ไม่ได้: `{ext}`"),
        format!("`publish_extensions` holds an unusable file type: `{ext}`"),
    )
}

pub fn bad_publish_extension_help() -> Msg {
    Msg::new(
        "เขียนนามสกุลไฟล์โดยไม่มีจุด เช่น `publish_extensions: [pdf, jpg]`; ไฟล์ต้นฉบับ md และ yaml เผยแพร่ไม่ได้",
        "write extensions without the dot, e.g. `publish_extensions: [pdf, jpg]`; md and yaml sources are never published",
    )
}

pub fn ref_parent_dir(path: &str) -> Msg {
    Msg::new(
        format!("`{path}` ใช้ `..` ซึ่งอาจออกนอกโฟลเดอร์ content/ ของเว็บไซต์"),
        format!("`{path}` uses `..`, which may leave the site's content/ folder"),
    )
}

pub fn ref_absolute(path: &str) -> Msg {
    Msg::new(
        format!("`{path}` เป็น path เต็มของเครื่อง ไม่ใช่ไฟล์ในเว็บไซต์"),
        format!("`{path}` is a path on the machine, not a file of the site"),
    )
}

pub fn ref_outside(path: &str) -> Msg {
    Msg::new(
        format!("`{path}` เป็น symbolic link (ทางลัด) ที่ชี้ออกนอกโฟลเดอร์ content/ จึงเผยแพร่ไม่ได้"),
        format!(
            "`{path}` is a symbolic link that leads outside the content/ folder, so it cannot be published"
        ),
    )
}

pub fn ref_not_file(path: &str) -> Msg {
    Msg::new(
        format!("`{path}` ไม่ใช่ไฟล์ธรรมดา (เป็นโฟลเดอร์หรืออุปกรณ์)"),
        format!("`{path}` is not a regular file (a folder or a device)"),
    )
}

pub fn ref_help() -> Msg {
    Msg::new(
        "วางไฟล์ไว้ในโฟลเดอร์ของหน้า (หรือใต้ content/) แล้วอ้างถึงจากโฟลเดอร์ของหน้า เช่น files/order.pdf หรือจาก content/ โดยขึ้นต้นด้วย / เช่น /minutes/2563/05/files/order.pdf; อย่าใช้ `..` หรือทางลัดที่ชี้ออกนอก content/",
        "put the file in the page's folder (or under content/) and refer to it from the page's folder, e.g. files/order.pdf, or from content/ with a leading /, e.g. /minutes/2563/05/files/order.pdf; no `..`, no links leading outside content/",
    )
}

pub fn ref_missing(href: &str, shown: &str) -> Msg {
    Msg::new(
        format!("ลิงก์ `{href}`: ไม่มีไฟล์ `{shown}`"),
        format!("link `{href}`: there is no file `{shown}`"),
    )
}

pub fn ref_missing_help() -> Msg {
    Msg::new(
        "วางไฟล์ไว้ในโฟลเดอร์ของหน้า หรือแก้ชื่อไฟล์ให้ถูก (path นับจากโฟลเดอร์ของหน้า)",
        "put the file in the page's folder or correct the name (the path is relative to the page's folder)",
    )
}

pub fn ref_internal(path: &str, owner: &str) -> Msg {
    Msg::new(
        format!("หน้าสาธารณะนี้ใช้ไฟล์ `{path}` ซึ่งเป็นของหน้าภายใน `{owner}`"),
        format!("this public page uses `{path}`, a file of the internal page `{owner}`"),
    )
}

pub fn ref_internal_help() -> Msg {
    Msg::new(
        "ไฟล์ของหน้าภายในเผยแพร่ได้เฉพาะในเว็บไซต์ภายใน: เอาการอ้างถึงออก หรือย้ายไฟล์ที่เปิดเผยได้มาไว้ในโฟลเดอร์ของหน้าสาธารณะ",
        "an internal page's files go only to the internal site: remove the reference, or move a file that may be public into a public page's folder",
    )
}

pub fn ref_draft(path: &str, owner: &str) -> Msg {
    Msg::new(
        format!("ไฟล์ `{path}` เป็นของหน้าฉบับร่าง `{owner}` (draft: true) ซึ่งยังไม่เผยแพร่"),
        format!(
            "`{path}` belongs to the draft page `{owner}` (draft: true), which is not published"
        ),
    )
}

pub fn ref_draft_help() -> Msg {
    Msg::new(
        "เผยแพร่หน้านั้นก่อน (ลบ draft: true) หรือย้ายไฟล์มาไว้ในโฟลเดอร์ของหน้านี้",
        "publish that page first (remove draft: true), or move the file into this page's folder",
    )
}

pub fn public_links_internal(target: &str) -> Msg {
    Msg::new(
        format!("หน้าสาธารณะนี้ลิงก์ไปยังหน้าภายใน `{target}`"),
        format!("public page links to the internal page `{target}`"),
    )
}

pub fn public_links_internal_help() -> Msg {
    Msg::new(
        "หน้าภายในสำหรับเจ้าหน้าที่เท่านั้น: เอาลิงก์ออก หรือใช้ {{ internal_link(page=\"…\", title=\"…\") }} ซึ่งแสดงเฉพาะในเว็บไซต์ภายใน",
        "internal pages are staff-only: remove the link, or use {{ internal_link(page=\"…\", title=\"…\") }} which shows it only in the internal portal",
    )
}

/// A `.md` file that is not a page: a second one in a bundle, or a copy by its name.
pub fn not_a_page(name: &str, copy: bool) -> Msg {
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

pub fn not_a_page_help() -> Msg {
    Msg::new(
        "ถ้าเป็นสำเนาหรือร่าง ให้ลบหรือย้ายออกจากโฟลเดอร์ content/; ถ้าต้องการให้เป็นหน้าแยก ให้ย้ายออกไปไว้นอกโฟลเดอร์ของหน้านี้และตั้งชื่อใหม่",
        "if it is a copy or a draft, delete it or move it out of content/; to make it a page of its own, move it out of this page's folder and rename it",
    )
}

/// A bundle file no page refers to, left out of the output.
pub fn unpublished(name: &str, copy: bool) -> Msg {
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

pub fn unpublished_help() -> Msg {
    Msg::new(
        "ถ้าต้องการเผยแพร่ ให้อ้างถึงในหน้า เช่น {{ download(file=\"…\") }} หรือลิงก์ [ชื่อ](ไฟล์); ถ้าเป็นร่างหรือสำเนา ให้ย้ายออกจากโฟลเดอร์ของหน้า",
        "to publish it, refer to it from a page, e.g. {{ download(file=\"…\") }} or a link [title](file); if it is a draft or a copy, move it out of the page's folder",
    )
}

pub fn symlink_not_published(name: &str) -> Msg {
    Msg::new(
        format!("ไม่เผยแพร่ `{name}`: เป็นทางลัด (symbolic link) ที่ชี้ออกนอก content/ หรือชี้ไปยังไฟล์ที่ไม่มีอยู่"),
        format!(
            "`{name}` is not published: it is a symbolic link leading outside content/ or to nothing"
        ),
    )
}

pub fn symlink_help() -> Msg {
    Msg::new(
        "คัดลอกไฟล์จริงมาไว้ในโฟลเดอร์ของหน้าแทนทางลัด",
        "copy the real file into the page's folder instead of linking to it",
    )
}

pub fn root_index_md() -> Msg {
    Msg::new(
        "หน้าแรกควรชื่อ content/_index.md: content/index.md ถือเป็นหน้าแรก (section) ไม่ใช่โฟลเดอร์ของหน้า (bundle)",
        "the home page should be content/_index.md: content/index.md is taken as the home section, not as a page bundle",
    )
}

pub fn root_index_md_help() -> Msg {
    Msg::new("เปลี่ยนชื่อไฟล์เป็น _index.md", "rename the file to _index.md")
}
