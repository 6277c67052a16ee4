//! Public and internal portals from one source: no byte of internal material in
//! the public output, everything in the internal one, and every link resolves.

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use super::{Fixture, snapshot};

const SECRETS: &[&str] = &[
    "SECRETSECTION",
    "SECRETTITLE",
    "SECRETSUMMARY",
    "SECRETDEADLINE",
    "SECRETBODY",
    "SECRETSHORTCODE",
    "SECRETDOWNLOAD",
    "SECRETFILEBYTES",
    "SECRETTAG",
    "SECRETCONTEST",
    "SECRETCONTESTBODY",
    "SECRETLINKTITLE",
    "SECRETSTEP",
    "SECRETSTEPBODY",
];

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn public_output_holds_no_internal_byte_and_internal_holds_all() {
    let f = Fixture::new("audience-split");
    f.build();
    let public = snapshot(&f.root().join("dist/public"));
    let internal = snapshot(&f.root().join("dist/internal"));
    for s in SECRETS {
        for (path, bytes) in &public {
            assert!(!contains(bytes, s), "`{s}` leaked into public/{path}");
        }
        assert!(
            internal.iter().any(|(_, b)| contains(b, s)),
            "`{s}` missing from the internal output"
        );
    }
    // Not even the URL of an internal page.
    assert!(
        public
            .iter()
            .all(|(p, b)| !p.contains("staff") && !contains(b, "/staff/"))
    );
    assert!(public.iter().any(|(_, b)| contains(b, "PUBLICMARK")));
    // The internal portal: banner, noindex everywhere, robots disallow, internal base URL.
    let page = f.read("dist/internal/staff/bundle/index.html");
    assert!(page.contains("class=\"internal-banner\"") && page.contains("ภายใน"));
    for (path, bytes) in internal.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(
            contains(bytes, "<meta name=\"robots\" content=\"noindex"),
            "internal/{path} lacks noindex"
        );
    }
    assert_eq!(
        f.read("dist/internal/robots.txt"),
        "User-agent: *\nDisallow: /\n"
    );
    assert!(
        f.read("dist/internal/sitemap.xml")
            .contains("https://intra.example.go.th/")
    );
    assert!(
        f.read("dist/public/sitemap.xml")
            .contains("https://public.example.go.th/")
    );
    // The internal link is a link only inside the portal.
    assert!(
        f.read("dist/internal/news/public-news/index.html")
            .contains("href=\"/staff/bundle/\"")
    );
}

#[test]
fn public_page_linking_to_internal_page_fails_check_at_its_line() {
    let f = Fixture::new("audience-split");
    f.write(
        "content/news/leaky.md",
        "---\ntitle: Leaky\n---\n\nSee\n[the logbook](/staff/bundle/)\n",
    );
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/news/leaky.md:6:1: error: หน้าสาธารณะนี้ลิงก์ไปยังหน้าภายใน `/staff/bundle/`"
        ),
        "{}",
        r.stderr
    );
}

/// The check stage reports a public page's QR code pointing to an internal page, at the
/// call's line, in `check` and in `build` (which then writes nothing).
#[test]
fn public_page_qr_to_internal_page_fails_at_its_line() {
    let f = Fixture::new("audience-split");
    f.write(
        "content/news/leaky-qr.md",
        "---\ntitle: Leaky QR\n---\n\nScan\n\n{{ qr(page=\"/staff/bundle/\") }}\n",
    );
    let want = "content/news/leaky-qr.md:7:1: error: shortcode `qr`: หน้าสาธารณะนี้ชี้ไปยังหน้าภายใน `/staff/bundle/`";
    let r = f.run(&["check"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains(want), "{}", r.stderr);
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(r.stderr.matches(want).count(), 1, "{}", r.stderr);
    assert!(
        !f.root()
            .join("dist/public/news/leaky-qr/index.html")
            .exists()
    );
}

#[test]
fn every_site_relative_link_of_the_public_site_resolves() {
    let f = Fixture::new(".");
    f.build();
    let root = f.root().join("dist/public");
    let mut checked = 0;
    for (path, bytes) in snapshot(&root).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let url = part.split('"').next().unwrap_or_default();
                if !url.starts_with('/') || url.starts_with("//") {
                    continue;
                }
                let p = url.split(['#', '?']).next().unwrap_or_default();
                let decoded = percent_encoding::percent_decode_str(p)
                    .decode_utf8_lossy()
                    .into_owned();
                let target = root.join(decoded.trim_start_matches('/'));
                let ok = if decoded.ends_with('/') {
                    target.join("index.html").is_file()
                } else {
                    target.is_file()
                };
                assert!(ok, "{path}: `{url}` does not resolve");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

fn write_site(root: &Path, sections: &[bool], pages: &[(usize, bool)]) {
    fs::write(
        root.join("site.yaml"),
        "title: P\nbase_url: https://p.go.th\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(root.join("content/_index.md"), "---\ntitle: Home\n---\n").unwrap();
    for (i, internal) in sections.iter().enumerate() {
        let dir = root.join(format!("content/s{i}"));
        fs::create_dir_all(&dir).unwrap();
        let access = if *internal { "access: internal\n" } else { "" };
        fs::write(
            dir.join("_index.md"),
            format!("---\ntitle: Section {i} SEC{i}X\n{access}---\n"),
        )
        .unwrap();
    }
    for (j, (sec, internal)) in pages.iter().enumerate() {
        let s = sec % sections.len();
        let access = if *internal { "access: internal\n" } else { "" };
        let marker = if *internal || sections[s] {
            format!("HIDDEN{j}Z")
        } else {
            format!("SHOWN{j}Z")
        };
        fs::write(
            root.join(format!("content/s{s}/p{j}.md")),
            format!("---\ntitle: Page {marker}\ndate: 2020-05-14\n{access}deadlines:\n  - {{date: 2020-06-01, task: task {marker}}}\n---\n\nBody {marker}\n"),
        )
        .unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]
    #[test]
    fn random_access_never_leaks(sections in prop::collection::vec(any::<bool>(), 1..4), pages in prop::collection::vec((0usize..4, any::<bool>()), 1..8)) {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), &sections, &pages);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_wara")).args(["build", "--root"]).arg(dir.path()).output().unwrap();
        prop_assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let public = snapshot(&dir.path().join("dist/public"));
        let internal = snapshot(&dir.path().join("dist/internal"));
        for (j, (sec, internal_page)) in pages.iter().enumerate() {
            let hidden = *internal_page || sections[sec % sections.len()];
            let marker = if hidden { format!("HIDDEN{j}Z") } else { format!("SHOWN{j}Z") };
            let in_public = public.iter().any(|(_, b)| contains(b, &marker));
            prop_assert_eq!(in_public, !hidden, "page {} marker {}", j, marker);
            prop_assert!(internal.iter().any(|(_, b)| contains(b, &marker)));
        }
        for (i, internal_sec) in sections.iter().enumerate() {
            let m = format!("SEC{i}X");
            prop_assert_eq!(public.iter().any(|(_, b)| contains(b, &m)), !internal_sec);
        }
    }
}
