//! Names every file system holds. The office's PCs run Windows, which strips a
//! trailing dot or space from a file name, refuses `<>:"\|?*` and control
//! characters, treats `CON`, `NUL`, `COM1`… (with any extension) as devices and
//! does not tell `OTOP` from `otop`. One function, [`safe`], makes a path segment
//! that holds everywhere; page URLs and tag pages are named through it, and the
//! output sink refuses any other name that it would change (a bundle file or a
//! static file), so a site built on Linux and on Windows is the same site.

/// Characters Windows refuses in a file name (besides control characters and `/`).
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '\\', '|', '?', '*'];

/// Device names Windows reserves, alone or before an extension (compared without case).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3",
    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// Is `c` a character no page URL holds (removed by [`safe`] from every segment)?
pub(crate) fn never_in_url(c: char) -> bool {
    c.is_control() || FORBIDDEN.contains(&c)
}

/// Does Windows reserve this name (`con`, `NUL.txt`, `Com1.tar.gz`)?
pub(crate) fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").trim_end_matches(' ');
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem))
}

/// One path segment that every file system holds, as close to `name` as can be:
/// forbidden and control characters removed (`/` becomes `-`), trailing dots and
/// spaces dropped, a reserved device name gets `_` after its stem (`CON` → `CON_`),
/// and a name left empty (`.`, `..`, `?`) is `_`. A name that is already safe
/// comes back unchanged, so `safe(x) == x` is the test for a safe name.
pub(crate) fn safe(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter(|c| !c.is_control() && !FORBIDDEN.contains(c))
        .map(|c| if c == '/' { '-' } else { c })
        .collect();
    let kept = s.trim_end_matches(['.', ' ']).len();
    s.truncate(kept);
    if s.is_empty() {
        return "_".to_owned();
    }
    if is_reserved(&s) {
        let end = s.find('.').unwrap_or(s.len());
        s.insert(end, '_');
    }
    s
}

/// A segment of a page URL: [`safe`], and never `index.html`, the name of the
/// file that holds the page of the folder above (`/tags/index.html/` would be a
/// folder beside the file `/tags/index.html`): that becomes `index_.html`.
pub(crate) fn url_segment(name: &str) -> String {
    let mut s = safe(name);
    if s.eq_ignore_ascii_case("index.html") {
        s.insert(5, '_');
    }
    s
}

/// The slug of a tag: its text trimmed, Thai digits made Arabic, spaces and
/// slashes made `-`, then [`url_segment`]. `จปฐ.` → `จปฐ`, `ผู้นำ อช.` → `ผู้นำ-อช`.
pub(crate) fn tag(tag: &str) -> String {
    let s: String = crate::thai::normalize_digits(tag.trim())
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .collect();
    url_segment(&s)
}

/// The key under which two names are the same file on a case-insensitive file
/// system (Windows, macOS): `OTOP` and `otop` fold alike.
pub(crate) fn fold(name: &str) -> String {
    name.to_lowercase()
}

/// Why an output path (`a/b/c.pdf`) cannot be written as it is on every file
/// system, naming the segment and the name it could have instead; `None` when
/// every segment is safe.
pub(crate) fn unsafe_segment(rel: &str) -> Option<(String, String)> {
    rel.split('/')
        .filter(|s| !s.is_empty())
        .find(|s| safe(s) != *s)
        .map(|s| (s.to_owned(), safe(s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn safe_names() {
        let cases = [
            ("จปฐ.", "จปฐ"),
            ("ศอช.ต.", "ศอช.ต"),
            ("a:b", "ab"),
            ("CON", "CON_"),
            ("con.txt", "con_.txt"),
            ("Com1.tar.gz", "Com1_.tar.gz"),
            ("LPT9", "LPT9_"),
            ("nul .txt", "nul _.txt"),
            (".", "_"),
            ("..", "_"),
            ("index.html", "index.html"),
            ("?", "_"),
            ("a\u{7}b", "ab"),
            ("report .", "report"),
            ("console", "console"),
            ("COM10", "COM10"),
            ("รายงาน ๒๕๖๓.pdf", "รายงาน ๒๕๖๓.pdf"),
            (".well-known", ".well-known"),
        ];
        for (from, to) in cases {
            assert_eq!(safe(from), to, "{from:?}");
        }
    }

    #[test]
    fn tag_slugs() {
        assert_eq!(tag(" ผู้นำ อช. "), "ผู้นำ-อช");
        assert_eq!(tag("งบ ๒๕๖๓"), "งบ-2563");
        assert_eq!(tag("a/b"), "a-b");
        assert_eq!(tag("Index.HTML"), "Index_.HTML");
        assert_eq!(tag("index.htm"), "index.htm");
        assert_eq!(fold(&tag("OTOP")), fold(&tag("otop")));
        assert_eq!(fold(&tag("จปฐ.")), fold(&tag("จปฐ")));
    }

    #[test]
    fn unsafe_segments_are_named() {
        assert_eq!(unsafe_segment("a/b/c.pdf"), None);
        assert_eq!(
            unsafe_segment("a/aux.pdf"),
            Some(("aux.pdf".into(), "aux_.pdf".into()))
        );
        assert_eq!(unsafe_segment("x./y"), Some(("x.".into(), "x".into())));
    }

    proptest! {
        #[test]
        fn safe_is_safe_and_stable(name in "\\PC{0,12}|[.: ]{0,4}(con|AUX|lpt1|com²)?[. ]{0,3}(\\.[a-z]{1,3})?") {
            let s = safe(&name);
            prop_assert!(!s.is_empty());
            prop_assert!(!s.ends_with('.') && !s.ends_with(' '), "{s:?}");
            prop_assert!(!s.chars().any(|c| c.is_control() || FORBIDDEN.contains(&c) || c == '/'), "{s:?}");
            prop_assert!(!is_reserved(&s), "{s:?}");
            prop_assert_eq!(safe(&s), s.clone());
        }
    }
}
