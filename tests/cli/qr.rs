//! Downloads and QR codes end to end (SPEC §5): every inline QR code of a built site is
//! rasterized, decoded like a phone would, and must lead to a file of the output.

use std::path::{Path, PathBuf};

use crate::Fixture;
use crate::support::qr::{decode, qr_svgs};

/// Copies a fixture (`"."`: the example site at the repository root) and builds it.
fn built(name: &str) -> Fixture {
    let fixture = Fixture::new(name);
    fixture.build();
    fixture
}

/// The value of a top-level `key:` of the site's `site.yaml`, if set.
fn config_value(root: &Path, key: &str) -> Option<String> {
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    yaml.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .map(|v| v.trim().trim_matches('"').to_string())
}

/// `base_url` of the site at `root`.
fn base_url(root: &Path) -> String {
    config_value(root, "base_url").expect("site.yaml has base_url")
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// The file of `public` that an absolute URL of the site names (`/` → `index.html`).
fn file_for_url(public: &Path, base: &str, url: &str) -> PathBuf {
    let path = url
        .strip_prefix(base.trim_end_matches('/'))
        .unwrap_or_else(|| panic!("`{url}` does not start with the base URL `{base}`"));
    assert!(
        path.starts_with('/'),
        "`{url}`: no slash after the base URL"
    );
    assert!(
        !path.contains(['?', '#', ' ']),
        "`{url}`: not a plain encoded path"
    );
    let mut file = public.join(percent_decode(&path[1..]));
    if path.ends_with('/') {
        file.push("index.html");
    }
    file
}

/// Every `.html` file under `public` with the QR payloads it holds.
fn pages_with_qr_payloads(public: &Path) -> Vec<(PathBuf, Vec<String>)> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(public).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            let payloads = qr_svgs(&html)
                .into_iter()
                .map(|svg| {
                    let decoded = decode(svg);
                    assert_eq!(
                        decoded.len(),
                        1,
                        "{}: one QR code per SVG",
                        entry.path().display()
                    );
                    decoded.into_iter().next().unwrap()
                })
                .collect();
            pages.push((entry.path().to_path_buf(), payloads));
        }
    }
    pages
}

#[test]
fn every_qr_code_of_the_example_site_decodes_to_a_file_of_the_output() {
    let site = built(".");
    let public_base = base_url(site.root());
    let internal_base =
        config_value(site.root(), "internal_base_url").unwrap_or(public_base.clone());
    for (audience, base) in [("public", public_base), ("internal", internal_base)] {
        let out = site.root().join("dist").join(audience);
        let (codes, minutes_pages) = check_every_qr_code(&out, &base);
        assert!(minutes_pages >= 1, "no minutes page in {}", out.display());
        assert!(
            codes > minutes_pages,
            "{audience}: {codes} QR codes for {minutes_pages} minutes pages"
        );
    }
}

/// Decodes every QR code under `out`, checks that each leads to a file of `out`
/// and that each minutes page has one of its own URL: (codes, minutes pages).
fn check_every_qr_code(out: &Path, base: &str) -> (usize, usize) {
    let mut codes = 0;
    let mut minutes_pages = 0;
    for (page, payloads) in pages_with_qr_payloads(out) {
        for url in &payloads {
            let file = file_for_url(out, base, url);
            assert!(
                file.is_file(),
                "{}: QR code `{url}` leads to no file",
                page.display()
            );
            codes += 1;
        }
        // A meeting's page: minutes/<BE year>/<NN>/index.html.
        let rel = page.strip_prefix(out).unwrap();
        let parts: Vec<_> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts.len() == 4 && parts[0] == "minutes" && parts[3] == "index.html" {
            minutes_pages += 1;
            let own_url = format!(
                "{}/minutes/{}/{}/",
                base.trim_end_matches('/'),
                parts[1],
                parts[2]
            );
            assert!(
                payloads.contains(&own_url),
                "{}: no QR code of its own URL `{own_url}` among {payloads:?}",
                rel.display()
            );
        }
    }
    (codes, minutes_pages)
}

#[test]
fn a_thai_file_name_with_a_space_agrees_in_link_file_and_qr_code() {
    let site = built("downloads");
    let root = site.root();
    let base = base_url(root);
    let public = root.join("dist/public");
    let page = public.join("docs/letter/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let name = "คำสั่ง ที่ 2132.pdf";

    // The link: an encoded href to the file, its title, kind and size (329 bytes).
    let href = html
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|h| h.ends_with(".pdf"))
        .unwrap_or_else(|| panic!("no link to the PDF in {html}"))
        .replace("&amp;", "&");
    assert!(!href.contains(' '), "href `{href}` is not percent-encoded");
    assert!(
        html.contains("คำสั่งจังหวัดลพบุรี ที่ ๒๑๓๒/๒๕๖๓"),
        "download title missing"
    );
    assert!(html.contains("PDF"), "kind label missing");
    assert!(html.contains("๓๒๙ ไบต์"), "size label missing");

    // The file: copied beside the page under its own name, byte for byte.
    let source = std::fs::read(root.join("content/docs/letter/files").join(name)).unwrap();
    let copied = public.join("docs/letter/files").join(name);
    assert_eq!(
        std::fs::read(&copied).unwrap(),
        source,
        "{}",
        copied.display()
    );

    // The link resolves (absolute path or relative to the page) to that file.
    let link_path = if href.starts_with('/') || href.starts_with("http") {
        href.trim_start_matches(base.trim_end_matches('/'))
            .to_string()
    } else {
        format!("/docs/letter/{href}")
    };
    assert_eq!(
        percent_decode(&link_path),
        format!("/docs/letter/files/{name}")
    );

    // The QR code: the absolute URL of that same path, decoding to the file.
    let payloads: Vec<String> = qr_svgs(&html).into_iter().flat_map(decode).collect();
    let expected = format!("{}{link_path}", base.trim_end_matches('/'));
    assert!(
        payloads.contains(&expected),
        "no QR code of `{expected}` in {payloads:?}"
    );
    assert_eq!(file_for_url(&public, &base, &expected), copied);
}

#[test]
fn a_missing_download_is_an_error_at_its_line() {
    let site = Fixture::new("downloads-missing");
    let run = site.run(&["check"]);
    let stderr = &run.stderr;
    assert_eq!(run.code, Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.contains("content/docs/letter/index.md:5:"),
        "{stderr}"
    );
    let line = stderr
        .lines()
        .find(|l| l.starts_with("content/docs/letter/index.md:5:"))
        .unwrap();
    assert!(line.contains(": error: "), "{line}");
    assert!(
        line.contains("ไม่มีไฟล์นี้.pdf"),
        "the message names the file: {line}"
    );

    let run = site.run(&["build"]);
    assert_eq!(run.code, Some(1), "build must fail too:\n{}", run.stderr);
    assert!(
        !site
            .root()
            .join("dist/public/docs/letter/index.html")
            .exists()
    );
}
