//! Downloadable files: kind labels, human sizes, URL path encoding and absolute URLs
//! for links and QR payloads (SPEC §5).

use std::fmt::Write as _;
use std::path::Path;

use crate::thai::{Digits, apply_digits};

/// What a download link shows beside its title: the file's kind and size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct FileInfo {
    /// Kind label from the extension, see [`kind_label`].
    pub(crate) kind: String,
    /// Size on disk in bytes.
    pub(crate) bytes: u64,
}

/// Kind label from the extension (case-insensitive): `PDF`, `Word`, `Excel`,
/// `PowerPoint`, `CSV`, `ZIP`, `รูปภาพ JPEG`/`PNG`/`GIF`/`WEBP`, `ข้อความ` (txt), else
/// the upper-cased extension, or `ไฟล์` when there is none.
pub(crate) fn kind_label(path: &Path) -> String {
    let Some(ext) = path
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| !e.is_empty())
    else {
        return "ไฟล์".to_string();
    };
    let lower = ext.to_ascii_lowercase();
    let label = match lower.as_str() {
        "pdf" => "PDF",
        "doc" | "docx" => "Word",
        "xls" | "xlsx" => "Excel",
        "ppt" | "pptx" => "PowerPoint",
        "csv" => "CSV",
        "zip" => "ZIP",
        "jpg" | "jpeg" => "รูปภาพ JPEG",
        "png" => "รูปภาพ PNG",
        "gif" => "รูปภาพ GIF",
        "webp" => "รูปภาพ WEBP",
        "txt" => "ข้อความ",
        _ => return ext.to_uppercase(),
    };
    label.to_string()
}

/// Kind and size of the file at `path` (symlinks followed).
///
/// # Errors
/// The IO error of reading its metadata, or `InvalidInput` when it is not a regular file.
pub(crate) fn describe(path: &Path) -> std::io::Result<FileInfo> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("`{}` is not a file", crate::diag::slash(path)),
        ));
    }
    Ok(FileInfo {
        kind: kind_label(path),
        bytes: meta.len(),
    })
}

/// Human size in the site's digits, 1000-based as phones and file managers show it
/// (so 1_234_567 bytes is 1.2 MB, not 1.18 MiB): under 1000 bytes `๘๕๐ ไบต์`, then
/// Thai units (กิโลไบต์ … เอกซะไบต์, powers of 1000) with one decimal under 10
/// (`๑.๒ เมกะไบต์`) and none from 10 up (`๑๒ กิโลไบต์`). A value that rounds to 1000
/// moves up a unit (999_999 → `๑.๐ เมกะไบต์`).
pub(crate) fn format_size(bytes: u64, digits: Digits) -> String {
    const UNITS: [&str; 6] = [
        "กิโลไบต์",
        "เมกะไบต์",
        "กิกะไบต์",
        "เทราไบต์",
        "เพตะไบต์",
        "เอกซะไบต์",
    ];
    if bytes < 1000 {
        return apply_digits(&format!("{bytes} ไบต์"), digits);
    }
    let mut value = bytes as f64;
    let mut text = String::new();
    for unit in UNITS {
        value /= 1000.0;
        let number = if value < 9.95 {
            format!("{value:.1}")
        } else {
            format!("{value:.0}")
        };
        text = format!("{number} {unit}");
        if value < 999.5 {
            break;
        }
    }
    apply_digits(&text, digits)
}

/// Whether `b` may stay as it is in a path segment: RFC 3986 `pchar` minus `%`
/// (unreserved, sub-delims, `:` and `@`).
fn is_pchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b)
}

/// Percent-encodes each `/`-separated segment of a site path (RFC 3986 `pchar` set):
/// Thai, spaces, `?`, `#`, `\`, `%` and other bytes become `%XX` (upper-case hex), `/`
/// stays. The path is a decoded one (a file's or page's real name), so a `%` is always
/// `%25`: a file literally named `a%20b.pdf` is linked as `a%2520b.pdf`, and
/// `%2e%2e.pdf` as `%252e%252e.pdf`, never as `..`.
pub(crate) fn encode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'/' || is_pchar(b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
        i += 1;
    }
    out
}

/// Joins a base URL (`https://lopburi.cdd.go.th`, with or without a trailing slash or
/// a subpath) and a site path (`/minutes/2563/05/files/x.pdf`, already encoded) with
/// exactly one slash between. A site path that is already an `http(s)://` URL is
/// returned as it is.
pub(crate) fn absolute_url(base: &str, site_path: &str) -> String {
    if site_path.starts_with("http://") || site_path.starts_with("https://") {
        return site_path.to_string();
    }
    let base = base.trim_end_matches('/');
    let path = site_path.trim_start_matches('/');
    format!("{base}/{path}")
}

/// Files Windows and Office make by themselves: Word's lock files (`~$…`), temporary
/// files (`*.tmp`), `Thumbs.db`, `desktop.ini`, macOS's `.DS_Store` and other hidden
/// (dot) files. Staff cannot avoid them, so they are skipped without a word.
pub(crate) fn is_system_junk(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with("~$")
        || name.starts_with('.')
        || lower.ends_with(".tmp")
        || lower == "thumbs.db"
        || lower == "desktop.ini"
}

/// Names Explorer, Finder and browsers give to copies: `x - สำเนา.pdf`,
/// `x - Copy.docx`, `x (1).pdf`, `x(2).xlsx`, `x copy.pdf`.
pub(crate) fn looks_like_copy(name: &str) -> bool {
    let lower = name.to_lowercase();
    let stem = lower.rsplit_once('.').map_or(lower.as_str(), |(s, _)| s);
    if lower.contains(" - สำเนา") || lower.contains("สำเนาของ") || lower.contains(" - copy")
    {
        return true;
    }
    if stem.ends_with(" copy") {
        return true;
    }
    // `(1)`, `(12)` at the end of the stem.
    stem.strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .is_some_and(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// `bytes` as a `String` when they are UTF-8, checked with SIMD (simdutf8: std's check on
/// nearly all multi-byte Thai was 3.8 % of a build); when they are not, std's error, which
/// says where the first bad byte is.
pub(crate) fn utf8_string(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => String::from_utf8(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kind_labels_by_extension() {
        for (name, label) in [
            ("files/order.pdf", "PDF"),
            ("ORDER.PDF", "PDF"),
            ("a.doc", "Word"),
            ("a.DOCX", "Word"),
            ("budget.xls", "Excel"),
            ("budget.xlsx", "Excel"),
            ("slides.pptx", "PowerPoint"),
            ("alloc-q3.csv", "CSV"),
            ("forms.zip", "ZIP"),
            ("photo.jpg", "รูปภาพ JPEG"),
            ("photo.JPEG", "รูปภาพ JPEG"),
            ("map.png", "รูปภาพ PNG"),
            ("readme.txt", "ข้อความ"),
            ("form.odt", "ODT"),
            ("คำสั่ง ที่ 2132.pdf", "PDF"),
            ("Makefile", "ไฟล์"),
            ("archive.", "ไฟล์"),
            (".hidden", "ไฟล์"),
        ] {
            assert_eq!(kind_label(Path::new(name)), label, "{name}");
        }
    }

    #[test]
    fn sizes_are_1000_based_in_the_site_digits() {
        for (bytes, thai, arabic) in [
            (0, "๐ ไบต์", "0 ไบต์"),
            (850, "๘๕๐ ไบต์", "850 ไบต์"),
            (999, "๙๙๙ ไบต์", "999 ไบต์"),
            (1000, "๑.๐ กิโลไบต์", "1.0 กิโลไบต์"),
            (1_234, "๑.๒ กิโลไบต์", "1.2 กิโลไบต์"),
            (9_949, "๙.๙ กิโลไบต์", "9.9 กิโลไบต์"),
            (9_960, "๑๐ กิโลไบต์", "10 กิโลไบต์"),
            (12_345, "๑๒ กิโลไบต์", "12 กิโลไบต์"),
            (999_499, "๙๙๙ กิโลไบต์", "999 กิโลไบต์"),
            (999_999, "๑.๐ เมกะไบต์", "1.0 เมกะไบต์"),
            (1_234_567, "๑.๒ เมกะไบต์", "1.2 เมกะไบต์"),
            (52_428_800, "๕๒ เมกะไบต์", "52 เมกะไบต์"),
            (3_000_000_000, "๓.๐ กิกะไบต์", "3.0 กิกะไบต์"),
            (u64::MAX, "๑๘ เอกซะไบต์", "18 เอกซะไบต์"),
        ] {
            assert_eq!(format_size(bytes, Digits::Thai), thai, "{bytes}");
            assert_eq!(format_size(bytes, Digits::Arabic), arabic, "{bytes}");
        }
    }

    #[test]
    fn encodes_each_segment_and_keeps_slashes() {
        for (path, encoded) in [
            ("/minutes/2563/05/", "/minutes/2563/05/"),
            ("files/order-2132.pdf", "files/order-2132.pdf"),
            (
                "files/คำสั่ง 2132.pdf",
                "files/%E0%B8%84%E0%B8%B3%E0%B8%AA%E0%B8%B1%E0%B9%88%E0%B8%87%202132.pdf",
            ),
            ("a b/c d", "a%20b/c%20d"),
            ("100%.pdf", "100%25.pdf"),
            ("50%off", "50%25off"),
            ("a%2", "a%252"),
            ("a%20b.pdf", "a%2520b.pdf"),
            ("%2e%2e.pdf", "%252e%252e.pdf"),
            ("a%e0%b8%84", "a%25e0%25b8%2584"),
            ("what?.pdf", "what%3F.pdf"),
            ("#1.pdf", "%231.pdf"),
            ("a\\b", "a%5Cb"),
            ("q\"<>`{}|^[]", "q%22%3C%3E%60%7B%7D%7C%5E%5B%5D"),
            ("keep-._~!$&'()*+,;=:@", "keep-._~!$&'()*+,;=:@"),
            ("tab\tnl\n", "tab%09nl%0A"),
            ("", ""),
        ] {
            assert_eq!(encode_path(path), encoded, "{path:?}");
        }
    }

    #[test]
    fn joins_base_and_path_with_one_slash() {
        for (base, path, url) in [
            (
                "https://lopburi.cdd.go.th",
                "/minutes/2563/05/",
                "https://lopburi.cdd.go.th/minutes/2563/05/",
            ),
            (
                "https://lopburi.cdd.go.th/",
                "/minutes/2563/05/",
                "https://lopburi.cdd.go.th/minutes/2563/05/",
            ),
            (
                "https://lopburi.cdd.go.th",
                "minutes/",
                "https://lopburi.cdd.go.th/minutes/",
            ),
            (
                "https://lopburi.cdd.go.th//",
                "//x.pdf",
                "https://lopburi.cdd.go.th/x.pdf",
            ),
            (
                "https://example.org/wara/",
                "/files/a.pdf",
                "https://example.org/wara/files/a.pdf",
            ),
            ("http://192.168.1.20:1111", "/", "http://192.168.1.20:1111/"),
            (
                "https://lopburi.cdd.go.th",
                "",
                "https://lopburi.cdd.go.th/",
            ),
            (
                "https://lopburi.cdd.go.th",
                "https://other.example/x",
                "https://other.example/x",
            ),
        ] {
            assert_eq!(absolute_url(base, path), url, "{base} + {path}");
        }
    }

    #[test]
    fn describes_a_file_and_rejects_a_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("คำสั่ง ที่ 2132.pdf");
        std::fs::write(&file, vec![b'x'; 12_345]).expect("write");
        let info = describe(&file).expect("a file");
        assert_eq!(
            info,
            FileInfo {
                kind: "PDF".to_string(),
                bytes: 12_345
            }
        );
        assert_eq!(format_size(info.bytes, Digits::Thai), "๑๒ กิโลไบต์");
        assert!(describe(dir.path()).is_err());
        assert!(describe(&dir.path().join("missing.pdf")).is_err());
    }

    #[test]
    fn office_and_windows_files_are_junk() {
        for name in [
            "~$ร่างรายงาน.docx",
            "~$budget.xlsx",
            "Thumbs.db",
            "thumbs.db",
            "desktop.ini",
            "Desktop.ini",
            ".DS_Store",
            "~WRL0001.tmp",
            "report.TMP",
        ] {
            assert!(is_system_junk(name), "{name}");
        }
        for name in ["ร่างรายงาน.docx", "index.md.bak", "order.pdf", "tmp.pdf"]
        {
            assert!(!is_system_junk(name), "{name}");
        }
    }

    #[test]
    fn copies_are_recognised_by_name() {
        for name in [
            "index - สำเนา.md",
            "รายงาน - สำเนา (2).docx",
            "order - Copy.pdf",
            "order - copy (3).pdf",
            "order (1).pdf",
            "order(1).pdf",
            "budget (12).xlsx",
            "order copy.pdf",
        ] {
            assert!(looks_like_copy(name), "{name}");
        }
        for name in [
            "order.pdf",
            "order-2132-2563.pdf",
            "copyright.pdf",
            "คำสั่ง (ฉบับแก้ไข).pdf",
            "order ().pdf",
            "index.md",
        ] {
            assert!(!looks_like_copy(name), "{name}");
        }
    }

    /// Percent-decodes, for the property tests only.
    fn decode(s: &str) -> Vec<u8> {
        percent_encoding::percent_decode_str(s).collect()
    }

    proptest! {
        #[test]
        fn encoding_is_reversible(path in "\\PC{0,40}") {
            let once = encode_path(&path);
            prop_assert!(once.bytes().all(|b| b == b'/' || b == b'%' || is_pchar(b)));
            prop_assert_eq!(decode(&once), path.as_bytes().to_vec());
        }
    }
}
