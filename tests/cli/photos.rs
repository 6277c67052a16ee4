//! Photos (issue 14): resized and upright, published with no EXIF/XMP left, alt text
//! required, missing or broken photos errors at their reference, big ones warned
//! about, processed once and cached, and `check` reading headers only.

use std::fs;
use std::io::Cursor;

use super::{Fixture, Run};
use crate::support::photos::{assert_no_metadata, gps_jpeg};

fn site_with(page: &str, files: &[(&str, Vec<u8>)]) -> Fixture {
    let f = Fixture::new("minimal");
    f.write("content/activities/_index.md", "---\ntitle: กิจกรรม\n---\n");
    f.write("content/activities/garden/index.md", page);
    for (name, bytes) in files {
        let p = f.root().join("content/activities/garden").join(name);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, bytes).expect("write");
    }
    f
}

fn timed(f: &Fixture, args: &[&str]) -> Run {
    f.run_with(&[("WARA_TIMINGS", "1")], args)
}

/// The number after `timing: photos decoded`.
fn decoded(r: &Run) -> usize {
    r.stderr
        .lines()
        .find_map(|l| l.strip_prefix("timing: photos decoded"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no decoded count:\n{}", r.stderr))
}

const PAGE: &str = "---\ntitle: วันปลูกผัก\n---\n\nข้อความ\n\n![ภาพแปลงผักของบ้านหนองม่วง](garden.jpg)\n";

#[test]
fn a_sideways_4000x3000_gps_photo_is_published_upright_resized_and_bare() {
    let original = gps_jpeg(4000, 3000, 6);
    let f = site_with(PAGE, &[("garden.jpg", original.clone())]);
    f.build();
    let html = f.read("dist/public/activities/garden/index.html");
    let img = html
        .split("<img ")
        .nth(1)
        .and_then(|s| s.split('>').next())
        .expect("an img");
    for attr in [
        "src=\"/activities/garden/garden-960.jpg\"",
        "srcset=\"/activities/garden/garden-480.jpg 480w, /activities/garden/garden-960.jpg 960w, /activities/garden/garden-1600.jpg 1600w\"",
        "width=\"960\"",
        "height=\"1280\"",
        "alt=\"ภาพแปลงผักของบ้านหนองม่วง\"",
        "loading=\"lazy\"",
        "decoding=\"async\"",
    ] {
        assert!(img.contains(attr), "{attr} missing in <img {img}>");
    }
    let dir = f.root().join("dist/public/activities/garden");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // The original is not published.
    assert_eq!(
        names,
        [
            "garden-1600.jpg",
            "garden-480.jpg",
            "garden-960.jpg",
            "index.html"
        ]
    );
    for (name, w) in [
        ("garden-480.jpg", 480),
        ("garden-960.jpg", 960),
        ("garden-1600.jpg", 1600),
    ] {
        let bytes = fs::read(dir.join(name)).expect("read");
        assert_no_metadata(&bytes, name);
        let img = image::load_from_memory(&bytes).expect("decodes").to_rgb8();
        // Upright: portrait, and the stored top-left dark block is now top-right.
        assert_eq!((img.width(), img.height()), (w, w * 4 / 3), "{name}");
        assert!(img.get_pixel(w - 4, 4).0[0] < 60, "{name} not upright");
        assert!(img.get_pixel(4, 4).0[0] > 150, "{name} not upright");
    }
    for out in super::snapshot(&f.root().join("dist")) {
        assert_ne!(out.1, original, "{} is the original", out.0);
    }
}

#[test]
fn the_second_build_decodes_no_photo_and_the_cache_is_safe_to_delete() {
    let f = site_with(PAGE, &[("garden.jpg", gps_jpeg(1200, 900, 1))]);
    let first = timed(&f, &["build"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert_eq!(
        decoded(&first),
        1,
        "one photo, decoded once for both audiences"
    );
    assert!(f.root().join(".wara-cache/images").is_dir());
    assert!(!f.root().join("dist/public/.wara-cache").exists());
    let second = timed(&f, &["build"]);
    assert_eq!(decoded(&second), 0, "{}", second.stderr);
    // A changed photo is processed again; a deleted cache is rebuilt.
    fs::write(
        f.root().join("content/activities/garden/garden.jpg"),
        gps_jpeg(1200, 900, 3),
    )
    .expect("write");
    assert_eq!(decoded(&timed(&f, &["build"])), 1);
    fs::remove_dir_all(f.root().join(".wara-cache")).expect("rm");
    let rebuilt = timed(&f, &["build"]);
    assert_eq!((rebuilt.code, decoded(&rebuilt)), (Some(0), 1));
}

#[test]
fn check_reads_headers_only() {
    let f = site_with(PAGE, &[("garden.jpg", gps_jpeg(1200, 900, 6))]);
    let r = timed(&f, &["check"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(decoded(&r), 0);
    assert!(!f.root().join(".wara-cache").exists());
}

#[test]
fn a_photo_without_alt_text_is_an_error_at_its_line_with_an_example() {
    let page = "---\ntitle: วันปลูกผัก\n---\n\nข้อความ\n\n![](garden.jpg) และ ![ ](garden.jpg)\n";
    let f = site_with(page, &[("garden.jpg", gps_jpeg(64, 48, 1))]);
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "content/activities/garden/index.md:7:1: error: ภาพ `garden.jpg` ไม่มีคำบรรยายภาพ (alt)"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("content/activities/garden/index.md:7:21: error"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "help: เขียนคำบรรยายสั้น ๆ ในวงเล็บเหลี่ยม เช่น ![ภาพแปลงผักของบ้านหนองม่วง](garden.jpg)"
        ),
        "{}",
        r.stderr
    );
    assert!(
        super::snapshot(&f.root().join("dist")).is_empty(),
        "nothing is written"
    );
}

#[test]
fn a_missing_photo_or_a_file_that_is_not_an_image_is_an_error_at_its_reference() {
    let page = "---\ntitle: วันปลูกผัก\n---\n\n![ภาพแปลงผัก](nope.jpg)\n\n![ภาพแปลงผัก](fake.jpg)\n\n{{ gallery(src=\"photos.yaml\") }}\n";
    let list = "- file: fake.png\n  alt: ภาพ\n";
    let f = site_with(
        page,
        &[
            ("fake.jpg", b"<html>not a photo</html>".to_vec()),
            ("fake.png", b"\x89PNG\r\n\x1a\nbroken".to_vec()),
            ("photos.yaml", list.as_bytes().to_vec()),
        ],
    );
    for cmd in ["build", "check"] {
        let r = f.run(&[cmd]);
        assert_eq!(r.code, Some(1), "{}", r.stderr);
        let e = &r.stderr;
        assert!(
            e.contains("content/activities/garden/index.md:5:1: error: ไม่พบภาพ `nope.jpg`: ไม่มีไฟล์ `content/activities/garden/nope.jpg`"),
            "{e}"
        );
        assert!(
            e.contains("content/activities/garden/index.md:7:1: error: `content/activities/garden/fake.jpg` ไม่ใช่ภาพที่อ่านได้"),
            "{e}"
        );
        assert!(
            e.contains("content/activities/garden/photos.yaml:1:9: error: `content/activities/garden/fake.png` ไม่ใช่ภาพที่อ่านได้"),
            "{e}"
        );
    }
}

#[test]
fn a_photo_over_the_size_limits_is_a_warning_naming_it() {
    let f = site_with(PAGE, &[("garden.jpg", gps_jpeg(400, 300, 1))]);
    let yaml = f.read("site.yaml");
    f.write(
        "site.yaml",
        &format!("{yaml}photos:\n  max_pixels: 100000\n  widths: [200]\n"),
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("content/activities/garden/index.md:7:1: warning: ภาพ `content/activities/garden/garden.jpg` ใหญ่เกินไป (400×300 px; เกิน 100000 px)"),
        "{}",
        r.stderr
    );
    let html = f.read("dist/public/activities/garden/index.html");
    assert!(
        html.contains("srcset=\"/activities/garden/garden-200.jpg 200w\" sizes"),
        "{html}"
    );
    assert_eq!(f.run(&["check", "--strict"]).code, Some(1));
}

#[test]
fn a_gallery_is_a_list_of_figures_each_opening_its_largest_photo() {
    let page = "---\ntitle: วันปลูกผัก\n---\n\n{{ gallery(dir=\"photos\") }}\n";
    let list =
        "- file: b.jpg\n  alt: แปลงผัก\n  caption: แปลงผัก & รั้ว\n- file: a.png\n  alt: ถาดกล้า\n";
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
        700,
        500,
        image::Rgba([0, 128, 0, 128]),
    ))
    .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
    .expect("png");
    let f = site_with(
        page,
        &[
            ("photos/b.jpg", gps_jpeg(2000, 1500, 1)),
            ("photos/a.png", png),
            ("photos/gallery.yaml", list.as_bytes().to_vec()),
        ],
    );
    f.build();
    let html = f.read("dist/public/activities/garden/index.html");
    let start = html
        .find("<ul class=\"gallery\" role=\"list\">")
        .expect("gallery");
    let gallery = &html[start
        ..html[start..]
            .find("</ul>")
            .map_or(html.len(), |e| start + e)];
    assert!(gallery.contains("<li><figure><a class=\"gallery-open\" href=\"/activities/garden/photos/b-1600.jpg\"><img src=\"/activities/garden/photos/b-960.jpg\""), "{gallery}");
    assert!(gallery.contains("alt=\"แปลงผัก\""), "{gallery}");
    assert!(
        gallery.contains("<figcaption>แปลงผัก &amp; รั้ว</figcaption></figure></li>"),
        "{gallery}"
    );
    assert!(
        gallery.contains("href=\"/activities/garden/photos/a-png-700.jpg\""),
        "{gallery}"
    );
    assert_eq!(
        gallery.matches("<figcaption>").count(),
        1,
        "no empty caption"
    );
    assert!(
        !f.root()
            .join("dist/public/activities/garden/photos/gallery.yaml")
            .exists()
    );
    assert!(
        !f.root()
            .join("dist/public/activities/garden/photos/b.jpg")
            .exists()
    );
    // A photo of the folder that the list leaves out, or an item with no alt, is an error.
    f.write(
        "content/activities/garden/photos/gallery.yaml",
        "- file: b.jpg\n  alt: \"\"\n",
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("content/activities/garden/photos/gallery.yaml:1:9: error: ภาพ `b.jpg` ในแกลเลอรีไม่มีคำบรรยายภาพ (alt)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("content/activities/garden/index.md:5:1: error: ภาพ `photos/a.png` ในแกลเลอรีไม่มีคำบรรยายภาพ (alt)"),
        "{}",
        r.stderr
    );
}

#[test]
fn photos_linked_or_offered_as_downloads_are_published_without_metadata() {
    let page = "---\ntitle: วันปลูกผัก\n---\n\n[ดูภาพขนาดเต็ม](garden.jpg)\n\n{{ download(file=\"order.jpg\", title=\"คำสั่ง\") }}\n";
    let f = site_with(
        page,
        &[
            ("garden.jpg", gps_jpeg(800, 600, 6)),
            ("order.jpg", gps_jpeg(300, 400, 1)),
            ("unused.jpg", gps_jpeg(300, 400, 1)),
            ("anim.gif", b"GIF89a".to_vec()),
        ],
    );
    let r = f.build();
    let dir = f.root().join("dist/public/activities/garden");
    let full = fs::read(dir.join("garden.jpg")).expect("linked photo published");
    assert_no_metadata(&full, "garden.jpg");
    let img = image::load_from_memory(&full).expect("decodes");
    assert_eq!(
        (img.width(), img.height()),
        (600, 800),
        "full size, upright"
    );
    assert_no_metadata(
        &fs::read(dir.join("order.jpg")).expect("download"),
        "order.jpg",
    );
    assert!(
        !dir.join("unused.jpg").exists(),
        "an unreferenced photo is not published"
    );
    assert!(!dir.join("anim.gif").exists());
    assert!(
        r.stderr.contains("anim.gif: warning: ไม่เผยแพร่ `anim.gif`"),
        "{}",
        r.stderr
    );
}
