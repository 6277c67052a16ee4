//! Derived files: the Atom feed, the sitemap, the deadlines calendar (RFC 5545),
//! the search index and robots.txt. All from the audience's corpus, so internal
//! material never reaches a public feed, calendar or index.

use std::fmt::Write as _;

use super::listings::deadline_entries;
use super::{Ctx, SearchEntry};
use crate::content::Kind;
use crate::diag::Diagnostics;
use crate::markdown::escape;
use crate::options::Audience;

/// Write every derived file of the audience.
pub fn write_all(
    ctx: &Ctx<'_>,
    search: &[&SearchEntry],
    _diags: &mut Diagnostics,
) -> anyhow::Result<()> {
    ctx.sink.write("feed.xml", atom(ctx).as_bytes())?;
    ctx.sink.write("sitemap.xml", sitemap(ctx).as_bytes())?;
    ctx.sink.write("deadlines.ics", ics(ctx).as_bytes())?;
    ctx.sink
        .write("search-index.json", &super::search::index_json(search))?;
    ctx.sink.write("robots.txt", robots(ctx).as_bytes())?;
    Ok(())
}

/// How many entries the Atom feed carries.
const FEED_ENTRIES: usize = 50;

/// Atom 1.0: the latest minutes and contests, newest first.
fn atom(ctx: &Ctx<'_>) -> String {
    let mut items: Vec<_> = ctx
        .corpus
        .pages
        .iter()
        .filter(|p| matches!(p.kind, Kind::Minutes | Kind::Contest) && p.date.is_some())
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    let updated = items
        .first()
        .and_then(|p| p.date)
        .map(|d| d.format("%Y-%m-%dT00:00:00Z").to_string())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"th\">\n");
    let _ = writeln!(s, "  <title>{}</title>", escape(&ctx.config.title));
    let _ = writeln!(s, "  <id>{}</id>", escape(&ctx.absolute("/")));
    let _ = writeln!(s, "  <link href=\"{}\"/>", escape(&ctx.absolute("/")));
    let _ = writeln!(
        s,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&ctx.absolute("/feed.xml"))
    );
    let _ = writeln!(s, "  <updated>{updated}</updated>");
    let _ = writeln!(
        s,
        "  <author><name>{}</name></author>",
        escape(&ctx.config.title)
    );
    let _ = writeln!(s, "  <generator>wara</generator>");
    // Feed readers want the latest news, not the whole archive.
    for p in items.into_iter().take(FEED_ENTRIES) {
        let link = ctx.absolute(&p.url);
        let date = p
            .date
            .map(|d| d.format("%Y-%m-%dT00:00:00Z").to_string())
            .unwrap_or_default();
        s.push_str("  <entry>\n");
        let _ = writeln!(s, "    <title>{}</title>", escape(&p.title));
        let _ = writeln!(s, "    <id>{}</id>", escape(&link));
        let _ = writeln!(s, "    <link href=\"{}\"/>", escape(&link));
        let _ = writeln!(s, "    <updated>{date}</updated>");
        if let Some(sum) = &p.front.summary {
            let _ = writeln!(s, "    <summary>{}</summary>", escape(sum));
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

fn sitemap(ctx: &Ctx<'_>) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut urls: Vec<(String, Option<String>)> = ctx
        .corpus
        .pages
        .iter()
        .map(|p| {
            (
                p.url.clone(),
                p.date.map(|d| d.format("%Y-%m-%d").to_string()),
            )
        })
        .collect();
    urls.push(("/deadlines/".into(), None));
    for url in super::listings::tags(ctx).into_keys() {
        urls.push((url, None));
    }
    if urls.iter().any(|(u, _)| u.starts_with("/tags/")) {
        urls.push(("/tags/".into(), None));
    }
    urls.push(("/search/".into(), None));
    urls.sort();
    for (u, d) in urls {
        let _ = write!(s, "  <url><loc>{}</loc>", escape(&ctx.absolute(&u)));
        if let Some(d) = d {
            let _ = write!(s, "<lastmod>{d}</lastmod>");
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// Escape a TEXT value (RFC 5545 §3.3.11). Every line break (`\r\n`, a bare `\r`,
/// `\n`) becomes the escaped `\n`, and other control characters are dropped, so a
/// title or task can never end a content line and start a property of its own.
fn ics_text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect::<String>()
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

/// The deadlines calendar: one all-day event per deadline, stable UIDs and DTSTAMPs.
pub fn ics(ctx: &Ctx<'_>) -> String {
    let host = ctx
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("wara")
        .split('/')
        .next()
        .unwrap_or("wara")
        .to_owned();
    let mut s = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//wara//wara static site generator//TH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        s.push_str(&fold(l));
    }
    s.push_str(&fold(&format!(
        "X-WR-CALNAME:{}",
        ics_text(&format!("กำหนดส่งงาน — {}", ctx.config.title))
    )));
    s.push_str(&fold("X-WR-TIMEZONE:Asia/Bangkok"));
    for e in deadline_entries(ctx) {
        let d = e.deadline.date;
        let url = match &e.deadline.anchor {
            Some(a) => format!("{}#{a}", ctx.absolute(&e.page.url)),
            None => ctx.absolute(&e.page.url),
        };
        let key = format!("{}|{}|{}", e.page.url, d, e.deadline.task);
        let stamp = e.page.date.unwrap_or(d);
        s.push_str(&fold("BEGIN:VEVENT"));
        s.push_str(&fold(&format!(
            "UID:{}-{:016x}@{host}",
            d.format("%Y%m%d"),
            crate::hash::fnv1a_64(key.as_bytes())
        )));
        s.push_str(&fold(&format!(
            "DTSTAMP:{}T000000Z",
            stamp.format("%Y%m%d")
        )));
        s.push_str(&fold(&format!("DTSTART;VALUE=DATE:{}", d.format("%Y%m%d"))));
        s.push_str(&fold(&format!(
            "DTEND;VALUE=DATE:{}",
            d.succ_opt().unwrap_or(d).format("%Y%m%d")
        )));
        s.push_str(&fold(&format!("SUMMARY:{}", ics_text(&e.deadline.task))));
        s.push_str(&fold(&format!(
            "DESCRIPTION:{}",
            ics_text(&format!("จาก: {}", e.page.title))
        )));
        s.push_str(&fold(&format!("URL:{url}")));
        s.push_str(&fold("TRANSP:TRANSPARENT"));
        s.push_str(&fold("END:VEVENT"));
    }
    s.push_str(&fold("END:VCALENDAR"));
    s
}

fn robots(ctx: &Ctx<'_>) -> String {
    match ctx.audience {
        Audience::Internal => "User-agent: *\nDisallow: /\n".to_owned(),
        Audience::Public => format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            ctx.absolute("/sitemap.xml")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_thai() {
        let line = format!("SUMMARY:{}", "ส่ง".repeat(30));
        let folded = fold(&line);
        for l in folded.split("\r\n") {
            assert!(l.len() <= 75, "{} octets", l.len());
            assert!(std::str::from_utf8(l.as_bytes()).is_ok());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end_matches("\r\n"), line);
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn a_bare_carriage_return_cannot_start_a_property() {
        let evil = "ส่งรายงาน\rATTACH:https://evil.example/x\r\nX-Y:z\u{0}\u{b}";
        let t = ics_text(evil);
        assert!(!t.contains(['\r', '\n', '\u{0}', '\u{b}']), "{t:?}");
        assert_eq!(t, "ส่งรายงาน\\nATTACH:https://evil.example/x\\nX-Y:z");
    }
}
