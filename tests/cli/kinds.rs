//! Snapshots (insta) of every kind of page, one of each in `tests/fixtures/kinds`, and of
//! the site-wide files: what a reader gets. A page's snapshot is its `<title>`, its
//! `<body>` tag and its `<main>`, with each QR code's drawing replaced by the text it
//! decodes to (the home page is snapshot whole, for the layout around `<main>`).
//! "Today" is pinned (`support::TODAY`), so which contest is open and which deadlines are
//! upcoming hold still.
//!
//! The snapshots are `tests/cli/snapshots/cli__kinds__*.snap`. After a change to what
//! wara writes, `INSTA_UPDATE=always cargo test --test cli kinds` rewrites them (or
//! `cargo insta review` with cargo-insta); read the diff before committing it.

use crate::Fixture;
use crate::support::qr::{decode, qr_svgs};

fn built() -> Fixture {
    let f = Fixture::new("kinds");
    f.build();
    f
}

/// `text` with the drawing (`<path …/>`) of each QR code replaced by what it decodes to.
fn qr_as_text(text: &str) -> String {
    let mut out = text.to_owned();
    let svgs: Vec<String> = qr_svgs(text).into_iter().map(str::to_owned).collect();
    for svg in svgs {
        let payloads = decode(&svg);
        assert_eq!(payloads.len(), 1, "one code in {svg}");
        let start = svg.find("<path").expect("a QR code draws a path");
        let end = start + svg[start..].find("/>").expect("the path ends") + 2;
        let readable = format!(
            "{}<!-- decodes to: {} -->{}",
            &svg[..start],
            payloads[0],
            &svg[end..]
        );
        out = out.replacen(&svg, &readable, 1);
    }
    out
}

/// The `<title>`, `<body …>` and `<main>…</main>` of the output file `dist/<rel>`.
fn page(f: &Fixture, rel: &str) -> String {
    let html = f.read(&format!("dist/{rel}"));
    let line = |start: &str| {
        html.lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("{rel}: no {start}"))
    };
    let main_at = html
        .find("<main")
        .unwrap_or_else(|| panic!("{rel}: no <main>"));
    let main_end = html.find("</main>").expect("</main>") + "</main>".len();
    let mut parts = vec![line("<title>")];
    if let Some(robots) = html.lines().find(|l| l.contains("name=\"robots\"")) {
        parts.push(robots);
    }
    parts.push(line("<body"));
    parts.push(&html[main_at..main_end]);
    qr_as_text(&parts.join("\n"))
}

macro_rules! page_snapshots {
    ($($name:ident => $rel:literal,)*) => {$(
        #[test]
        fn $name() {
            let f = built();
            insta::assert_snapshot!(page(&f, $rel));
        }
    )*};
}

page_snapshots! {
    minutes_archive => "public/minutes/index.html",
    minutes_year => "public/minutes/2563/index.html",
    minutes_with_agenda_resolutions_table_deadline_and_qr => "public/minutes/2563/05/index.html",
    minutes_short_with_next_link => "public/minutes/2563/04/index.html",
    contests_listing_open_first => "public/contests/index.html",
    contest_open => "public/contests/fabric-2563/index.html",
    contest_closed => "public/contests/closed-2562/index.html",
    section_listing => "public/pages/index.html",
    plain_page => "public/pages/about/index.html",
    table_and_chart_page => "public/pages/budget/index.html",
    tags_index => "public/tags/index.html",
    tag_page => "public/tags/OTOP/index.html",
    deadlines_page => "public/deadlines/index.html",
    search_page => "public/search/index.html",
    not_found_page => "public/404.html",
    internal_page_in_the_staff_portal => "internal/staff/logbook/index.html",
}

#[test]
fn home_page_whole() {
    let f = built();
    insta::assert_snapshot!(qr_as_text(&f.read("dist/public/index.html")));
}

#[test]
fn atom_feed() {
    let f = built();
    insta::assert_snapshot!(f.read("dist/public/feed.xml"));
}

#[test]
fn sitemap() {
    let f = built();
    insta::assert_snapshot!(f.read("dist/public/sitemap.xml"));
}

/// RFC 5545 lines end in CRLF: checked here, then shown with `\n` for the snapshot.
fn calendar(f: &Fixture, audience: &str) -> String {
    let ics = f.read(&format!("dist/{audience}/deadlines.ics"));
    let bare_lf = ics.split_inclusive('\n').find(|l| !l.ends_with("\r\n"));
    assert_eq!(
        bare_lf, None,
        "{audience}/deadlines.ics: a line without CRLF"
    );
    ics.replace("\r\n", "\n")
}

#[test]
fn calendar_public() {
    let f = built();
    insta::assert_snapshot!(calendar(&f, "public"));
}

#[test]
fn calendar_internal_adds_the_staff_deadline() {
    let f = built();
    insta::assert_snapshot!(calendar(&f, "internal"));
}

/// The search index, one page entry a line (the file itself is one line).
#[test]
fn search_index() {
    let f = built();
    let json = f.read("dist/public/search-index.json");
    assert!(!json.contains("},\n{"), "the index is one line");
    insta::assert_snapshot!(json.replace("},{\"t\"", "},\n{\"t\""));
}

#[test]
fn table_csv() {
    let f = built();
    let csv = f.read("dist/public/minutes/2563/05/budget.csv");
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("UTF-8 with BOM, for Excel");
    insta::assert_snapshot!(csv);
}
