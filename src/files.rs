//! Downloadable files: kind labels, human sizes, URL path encoding and absolute URLs
//! for links and QR payloads (SPEC §5).

use std::fmt::Write as _;
use std::path::Path;

use crate::thai::{Digits, apply_digits};

/// What a download link shows beside its title: the file's kind and size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileInfo {
    /// Kind label from the extension, see [`kind_label`].
    pub kind: String,
    /// Size on disk in bytes.
    pub bytes: u64,
}

/// Kind label from the extension (case-insensitive): `PDF`, `Word`, `Excel`,
/// `PowerPoint`, `CSV`, `ZIP`, `รูปภาพ JPEG`/`PNG`/`GIF`/`WEBP`, `ข้อความ` (txt), else
/// the upper-cased extension, or `ไฟล์` when there is none.
pub fn kind_label(path: &Path) -> String {
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
pub fn describe(path: &Path) -> std::io::Result<FileInfo> {
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
/// KB, MB, GB, TB, PB, EB with one decimal under 10 (`๑.๒ MB`) and none from 10 up
/// (`๑๒ KB`). A value that rounds to 1000 moves up a unit (999_999 → `๑.๐ MB`).
pub fn format_size(bytes: u64, digits: Digits) -> String {
    const UNITS: [&str; 6] = ["KB", "MB", "GB", "TB", "PB", "EB"];
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
/// Thai, spaces, `?`, `#`, `\` and other bytes become `%XX` (upper-case hex), `/` stays.
/// A `%` already followed by two hex digits is kept, so an encoded path is never
/// encoded twice (`encode_path(encode_path(p)) == encode_path(p)`); any other `%` is `%25`.
/// A file literally named `a%20b.pdf` is therefore taken as already encoded.
pub fn encode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let escaped = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if escaped {
            out.push('%');
            out.push(char::from(bytes[i + 1].to_ascii_uppercase()));
            out.push(char::from(bytes[i + 2].to_ascii_uppercase()));
            i += 3;
            continue;
        }
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
pub fn absolute_url(base: &str, site_path: &str) -> String {
    if site_path.starts_with("http://") || site_path.starts_with("https://") {
        return site_path.to_string();
    }
    let base = base.trim_end_matches('/');
    let path = site_path.trim_start_matches('/');
    format!("{base}/{path}")
}

/// 64-bit FNV-1a: a stable, dependency-free hash for calendar UIDs and asset versions.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
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
            (1000, "๑.๐ KB", "1.0 KB"),
            (1_234, "๑.๒ KB", "1.2 KB"),
            (9_949, "๙.๙ KB", "9.9 KB"),
            (9_960, "๑๐ KB", "10 KB"),
            (12_345, "๑๒ KB", "12 KB"),
            (999_499, "๙๙๙ KB", "999 KB"),
            (999_999, "๑.๐ MB", "1.0 MB"),
            (1_234_567, "๑.๒ MB", "1.2 MB"),
            (52_428_800, "๕๒ MB", "52 MB"),
            (3_000_000_000, "๓.๐ GB", "3.0 GB"),
            (u64::MAX, "๑๘ EB", "18 EB"),
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
            ("a%20b.pdf", "a%20b.pdf"),
            ("a%e0%b8%84", "a%E0%B8%84"),
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
        assert_eq!(format_size(info.bytes, Digits::Thai), "๑๒ KB");
        assert!(describe(dir.path()).is_err());
        assert!(describe(&dir.path().join("missing.pdf")).is_err());
    }

    /// Percent-decodes, for the property tests only.
    fn decode(s: &str) -> Vec<u8> {
        percent_encoding::percent_decode_str(s).collect()
    }

    proptest! {
        #[test]
        fn encoding_is_idempotent_and_reversible(path in "\\PC{0,40}") {
            let once = encode_path(&path);
            prop_assert_eq!(encode_path(&once), once.clone());
            prop_assert!(once.bytes().all(|b| b == b'/' || b == b'%' || is_pchar(b)));
            if !path.contains('%') {
                prop_assert_eq!(decode(&once), path.as_bytes().to_vec());
            }
        }
    }
}
