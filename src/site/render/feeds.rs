//! Derived files: the Atom feed, the sitemap, the deadlines calendar (RFC 5545),
//! the search index and robots.txt. All from the audience's corpus, so internal
//! material never reaches a public feed, calendar or index. The feed and the sitemap
//! are templates of the theme (`feed.xml`, `sitemap.xml`), so a site can override them.

use rayon::prelude::*;
use std::path::Path;

use serde::Serialize;
use std::io::Write;

use super::deadlines::{self, deadline_entries};
use super::listings;
use super::{Ctx, SearchEntry};
use crate::content::Kind;
use crate::diag::{Diagnostic, Diagnostics};
use crate::options::Audience;

/// A derived file written, or the error of its template. A write error is the file's own:
/// [`crate::site::write::SinkFile::finish`] reports it.
type Made = Result<(), Box<Diagnostic>>;

/// A derived file: its output path and what makes it.
pub(crate) struct Derived {
    pub(crate) name: &'static str,
    make: fn(&Ctx<'_>, &[&SearchEntry], &mut dyn Write) -> Made,
}

/// The Atom feed and the sitemap: also the names of their templates.
const FEED: &str = "feed.xml";
const SITEMAP: &str = "sitemap.xml";

/// The derived files of an audience, in the order they are written: the one list, which
/// the link check reads too.
pub(crate) const DERIVED: &[Derived] = &[
    Derived {
        name: FEED,
        make: |ctx, _, out| atom(ctx, out),
    },
    Derived {
        name: SITEMAP,
        make: |ctx, _, out| sitemap(ctx, out),
    },
    Derived {
        name: "deadlines.ics",
        make: |ctx, _, out| {
            let _ = ics(ctx, out); // a write error is the file's (see `Made`)
            Ok(())
        },
    },
    Derived {
        name: super::SEARCH_INDEX,
        make: |_, search, out| {
            let _ = super::search::write_index_json(search, out);
            Ok(())
        },
    },
    Derived {
        name: "robots.txt",
        make: |ctx, _, out| {
            let _ = out.write_all(robots(ctx).as_bytes());
            Ok(())
        },
    },
];

/// Write the derived files of the audience that `derive` names.
pub(crate) fn write_all(
    ctx: &Ctx<'_>,
    search: &[&SearchEntry],
    derive: &super::Derive,
    diags: &mut Diagnostics,
) -> anyhow::Result<()> {
    // Made and written in parallel, each as it is made (none whole in memory); reported in
    // the list's order.
    let wanted: Vec<&Derived> = DERIVED
        .iter()
        .filter(|d| derive.file(d.name))
        .filter(|d| !(ctx.search_streamed && d.name == super::SEARCH_INDEX))
        .collect();
    let made: Vec<anyhow::Result<Made>> = wanted
        .par_iter()
        .map(|d| {
            let mut file = ctx.sink.create(d.name)?;
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut file);
            let made = (d.make)(ctx, search, &mut buffered);
            let _ = buffered.flush(); // an error is the file's, `finish` reports it
            drop(buffered);
            file.finish()?;
            Ok(made)
        })
        .collect();
    for result in made {
        if let Err(e) = result? {
            diags.push(*e);
        }
    }
    Ok(())
}

/// How many entries the Atom feed carries.
const FEED_ENTRIES: usize = 50;

/// What the feed template (`feed.xml`) sees as `feed`.
#[derive(Serialize)]
struct FeedView<'a> {
    title: &'a str,
    /// The site's home page, absolute: the feed's id and link.
    home: String,
    self_url: String,
    /// The newest entry's date (RFC 3339), or the epoch for an empty feed.
    updated: String,
    entries: Vec<FeedEntry<'a>>,
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    link: String,
    updated: String,
    summary: Option<&'a str>,
}

/// What the sitemap template (`sitemap.xml`) sees as `sitemap`.
#[derive(Serialize)]
struct SitemapView {
    urls: Vec<SitemapUrl>,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

/// Render one of the theme's XML templates (a site can override it, as any template), with
/// the site's view as `site` and `view` under `name`.
fn render_xml(
    ctx: &Ctx<'_>,
    template: &str,
    name: &str,
    view: &impl Serialize,
    out: &mut dyn Write,
) -> Made {
    let source = Path::new("themes/default/templates").join(template);
    let mut context = tera::Context::new();
    context.insert("site", &ctx.site);
    context.insert(name, view);
    ctx.theme.render_to(template, &context, out, &source)
}

/// Atom 1.0: the latest minutes and contests, newest first.
fn atom(ctx: &Ctx<'_>, out: &mut dyn Write) -> Made {
    let mut items: Vec<_> = ctx
        .corpus
        .pages
        .iter()
        .filter(|p| matches!(p.kind, Kind::Minutes | Kind::Contest) && p.date.is_some())
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    let stamp = |d: chrono::NaiveDate| d.format("%Y-%m-%dT00:00:00Z").to_string();
    let updated = items
        .first()
        .and_then(|p| p.date)
        .map(stamp)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    // Feed readers want the latest news, not the whole archive.
    let entries = items
        .into_iter()
        .take(FEED_ENTRIES)
        .map(|p| FeedEntry {
            title: &p.title,
            link: ctx.absolute(&p.url),
            updated: p.date.map(stamp).unwrap_or_default(),
            summary: p.front.summary.as_deref(),
        })
        .collect();
    let view = FeedView {
        title: &ctx.config.title,
        home: ctx.absolute("/"),
        self_url: ctx.absolute(&format!("/{FEED}")),
        updated,
        entries,
    };
    render_xml(ctx, FEED, "feed", &view, out)
}

/// Every page of the audience, the deadlines, tag and search pages, sorted by URL.
fn sitemap(ctx: &Ctx<'_>, out: &mut dyn Write) -> Made {
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
    urls.push((listings::DEADLINES.into(), None));
    urls.extend(deadlines::year_urls(ctx).into_iter().map(|u| (u, None)));
    urls.extend(super::tags::page_urls(ctx).into_iter().map(|u| (u, None)));
    if urls.iter().any(|(u, _)| u.starts_with(listings::TAGS)) {
        urls.push((listings::TAGS.into(), None));
    }
    urls.push((listings::SEARCH.into(), None));
    urls.sort();
    let view = SitemapView {
        urls: urls
            .into_iter()
            .map(|(u, lastmod)| SitemapUrl {
                loc: ctx.absolute(&u),
                lastmod,
            })
            .collect(),
    };
    render_xml(ctx, SITEMAP, "sitemap", &view, out)
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
pub(crate) fn fold(line: &str) -> String {
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
pub(crate) fn ics(ctx: &Ctx<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let host = ctx
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("wara")
        .split('/')
        .next()
        .unwrap_or("wara")
        .to_owned();
    let mut line = |l: &str| out.write_all(fold(l).as_bytes());
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//wara//wara static site generator//TH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        line(l)?;
    }
    line(&format!(
        "X-WR-CALNAME:{}",
        ics_text(&crate::messages::calendar_name(&ctx.config.title))
    ))?;
    line("X-WR-TIMEZONE:Asia/Bangkok")?;
    for e in deadline_entries(ctx) {
        let d = e.date;
        let url = match e.anchor() {
            Some(a) => format!("{}#{a}", ctx.absolute(&e.page.url)),
            None => ctx.absolute(&e.page.url),
        };
        let key = format!("{}|{}|{}", e.page.url, d, e.task());
        let stamp = e.page.date.unwrap_or(d);
        line("BEGIN:VEVENT")?;
        line(&format!(
            "UID:{}-{:016x}@{host}",
            d.format("%Y%m%d"),
            crate::hash::fnv1a_64(key.as_bytes())
        ))?;
        line(&format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")))?;
        line(&format!("DTSTART;VALUE=DATE:{}", d.format("%Y%m%d")))?;
        line(&format!(
            "DTEND;VALUE=DATE:{}",
            d.succ_opt().unwrap_or(d).format("%Y%m%d")
        ))?;
        line(&format!("SUMMARY:{}", ics_text(&e.task())))?;
        line(&format!(
            "DESCRIPTION:{}",
            ics_text(&crate::messages::calendar_source(&e.page.title))
        ))?;
        line(&format!("URL:{url}"))?;
        line("TRANSP:TRANSPARENT")?;
        line("END:VEVENT")?;
    }
    line("END:VCALENDAR")
}

fn robots(ctx: &Ctx<'_>) -> String {
    match ctx.audience {
        Audience::Internal => "User-agent: *\nDisallow: /\n".to_owned(),
        Audience::Public => format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            ctx.absolute(&format!("/{SITEMAP}"))
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
