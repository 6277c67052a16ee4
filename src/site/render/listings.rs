//! Listings: sections, the home page, the minutes archive and years, contests
//! (open first), tags, search and 404 (the deadlines pages are `super::deadlines`).

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::deadlines::{deadline_entries, deadline_view};
use super::kinds::contest_open;
use super::{Ctx, Derive};
use crate::content::{Kind, Page};
use crate::diag::Diagnostics;
use crate::render::views::{
    ArchiveView, BareView, DateView, DeadlineView, HomeView, KindView, LinkView, ListingView,
    PageView, SummaryView, YearView,
};
use crate::{messages, thai};

/// A page as a listing entry.
pub(crate) fn summary(ctx: &Ctx<'_>, p: &Page) -> SummaryView {
    let d = ctx.config.digits;
    SummaryView {
        title: p.title.clone(),
        url: p.url.clone(),
        date: p.date.map(|x| DateView::new(x, d)),
        summary: p.front.summary.clone(),
        kind: p.kind.name(),
        meeting: p.meeting.map(|m| thai::format_meeting(m.number, m.year, d)),
        internal: p.access == crate::content::Access::Internal,
        open: (p.kind == Kind::Contest).then(|| contest_open(ctx, p)),
        deadline: p.deadline.map(|x| DateView::new(x, d)),
    }
}

/// Pages with a `weight` first (smallest first), then newest first by date, then by URL,
/// so listings are stable.
fn newest_first(pages: &mut [&Page]) {
    pages.sort_by(|a, b| {
        by_weight(a, b)
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| b.meeting.cmp(&a.meeting))
            .then_with(|| a.url.cmp(&b.url))
    });
}

/// Pages with a `weight` come first, the smallest weight first; the others after them.
fn by_weight(a: &Page, b: &Page) -> std::cmp::Ordering {
    match (a.front.weight, b.front.weight) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Contests with open ones first, each group by deadline.
fn contests_open_first<'a>(ctx: &Ctx<'a>) -> Vec<&'a Page> {
    let mut v = ctx.corpus.contests();
    v.sort_by(|a, b| {
        contest_open(ctx, b)
            .cmp(&contest_open(ctx, a))
            .then_with(|| {
                if contest_open(ctx, a) {
                    a.deadline.cmp(&b.deadline)
                } else {
                    b.deadline.cmp(&a.deadline)
                }
            })
            .then_with(|| a.url.cmp(&b.url))
    });
    v
}

/// A section's listing: the home page, the minutes archive, the contests or a plain section.
pub(crate) fn section_view(ctx: &Ctx<'_>, page: &Page) -> KindView {
    let mut children = ctx.corpus.children(&page.url);
    newest_first(&mut children);
    let segs: Vec<&str> = crate::content::segments(&page.url);
    match segs.as_slice() {
        [] => KindView::Home(home_view(ctx)),
        ["minutes"] => {
            // Meetings are listed under their year while the archive stays short;
            // a very large archive lists years with counts (each year page lists all).
            let list_meetings = ctx.corpus.minutes().len() <= 300;
            let mut years: Vec<&Page> = children
                .iter()
                .copied()
                .filter(|p| p.kind == Kind::Section)
                .collect();
            years.sort_by(|a, b| b.url.cmp(&a.url));
            let years = years
                .iter()
                .map(|y| {
                    let mut meetings: Vec<&Page> = ctx
                        .corpus
                        .children(&y.url)
                        .into_iter()
                        .filter(|p| p.kind == Kind::Minutes)
                        .collect();
                    newest_first(&mut meetings);
                    YearView {
                        year: thai::apply_digits(
                            y.url.trim_matches('/').rsplit('/').next().unwrap_or(""),
                            ctx.config.digits,
                        ),
                        url: y.url.clone(),
                        count: thai::format_int(meetings.len() as i64, ctx.config.digits),
                        meetings: if list_meetings {
                            meetings.iter().map(|p| summary(ctx, p)).collect()
                        } else {
                            Vec::new()
                        },
                    }
                })
                .collect();
            let children = children
                .iter()
                .filter(|p| p.kind != Kind::Section)
                .map(|p| summary(ctx, p))
                .collect();
            KindView::Archive(ArchiveView { years, children })
        }
        ["contests"] => KindView::Listing(ListingView {
            children: contests_open_first(ctx)
                .into_iter()
                .map(|p| summary(ctx, p))
                .collect(),
        }),
        _ => KindView::Listing(ListingView {
            children: children.iter().map(|p| summary(ctx, p)).collect(),
        }),
    }
}

/// The home page: the latest minutes, open contests and the deadlines ahead.
fn home_view(ctx: &Ctx<'_>) -> HomeView {
    let mut minutes = ctx.corpus.minutes().to_vec();
    newest_first(&mut minutes);
    // Only the few it shows are made views of (sorted by date: the upcoming ones last).
    let all = deadline_entries(ctx);
    let split = all.partition_point(|e| e.date < ctx.today);
    let mut upcoming: Vec<DeadlineView> = all[split..]
        .iter()
        .take(8)
        .map(|e| deadline_view(ctx, e))
        .collect();
    if upcoming.is_empty() {
        // Nothing ahead: show the latest ones, newest first, marked as past.
        upcoming = all
            .iter()
            .rev()
            .take(5)
            .map(|e| deadline_view(ctx, e))
            .collect();
    }
    HomeView {
        latest_minutes: minutes.iter().take(5).map(|p| summary(ctx, p)).collect(),
        open_contests: contests_open_first(ctx)
            .into_iter()
            .filter(|p| contest_open(ctx, p))
            .map(|p| summary(ctx, p))
            .collect(),
        upcoming_deadlines: upcoming.into_iter().take(8).collect(),
    }
}

/// The URLs of the pages wara makes itself (see `GENERATED_PAGES`).
pub(crate) const DEADLINES: &str = "/deadlines/";
pub(crate) const SEARCH: &str = "/search/";
pub(crate) const NOT_FOUND: &str = "/404.html";
pub(crate) const TAGS: &str = "/tags/";

/// `/deadlines/`, `/search/`, `/404.html` and the tag pages, those `derive` names. Returns
/// how many pages were written.
pub(crate) fn write_special_pages(
    ctx: &Ctx<'_>,
    derive: &Derive,
    diags: &mut Diagnostics,
) -> usize {
    let years = if derive.deadlines() {
        super::deadlines::write_pages(ctx, diags)
    } else {
        0
    };
    if *derive != Derive::All {
        return write_tag_pages(ctx, derive, diags);
    }
    write_bare_page(ctx, "search", messages::PAGE_SEARCH, SEARCH, diags);
    write_bare_page(ctx, "404", messages::PAGE_NOT_FOUND, NOT_FOUND, diags);
    3 + years + write_tag_pages(ctx, derive, diags)
}

/// A page with nothing of its own (search, 404): its kind names its template.
fn write_bare_page(
    ctx: &Ctx<'_>,
    kind: &'static str,
    title: &str,
    url: &str,
    diags: &mut Diagnostics,
) {
    let view = PageView::new(
        kind,
        title.into(),
        url.into(),
        ctx.absolute(url),
        KindView::Bare(BareView {}),
    );
    let template = format!("{kind}.html");
    ctx.write_page(&template, view, &template_path(&template), diags);
}

/// Write a listing that may be large: `view` with its list (empty in `view`) given as the
/// values of its items, made one item at a time, and its HTML streamed to the sink.
pub(crate) fn write_large(
    ctx: &Ctx<'_>,
    template: &str,
    view: &PageView,
    (field, items): (&str, Vec<tera::Value>),
    diags: &mut Diagnostics,
) {
    let source = template_path(template);
    let Some(mut value) = ctx.page_value(template, view, &source, diags) else {
        return;
    };
    if let tera::Value::Object(map) = &mut value {
        map.insert(field.into(), tera::Value::Array(items));
        // What `write_page` adds: a listing has no body and no QR code.
        map.insert("content".into(), tera::Value::String(String::new()));
        map.insert("qr_svg".into(), tera::Value::Null);
    }
    ctx.write_value(template, value, &view.url, &source, true, diags);
}

/// Where a generated page comes from, for messages: its template.
pub(crate) fn template_path(template: &str) -> PathBuf {
    Path::new("themes/default/templates").join(template)
}

/// A tag page: the tag as first spelled (by sort order) and the pages tagged
/// with any of its spellings (`OTOP`, `otop`), each once.
pub(crate) struct TagGroup<'a> {
    pub(crate) name: String,
    pub(crate) pages: Vec<&'a Page>,
}

/// A key that sorts Thai words in dictionary order (the order of the ราชบัณฑิตยสถาน
/// dictionary), without a collation library: a leading vowel (เ แ โ ใ ไ) is read
/// after the consonant it precedes, and tone marks and the silent mark (่ ้ ๊ ๋ ์)
/// count only to break ties. Thai consonants and vowels otherwise sort in code-point
/// order, which is the alphabet's order. The original text is the last tie-breaker.
pub(crate) fn thai_sort_key(s: &str) -> (String, String, String) {
    let chars: Vec<char> = s.chars().collect();
    let mut primary = String::with_capacity(s.len());
    let mut tones = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if ('\u{0E40}'..='\u{0E44}').contains(&c)
            && let Some(&next) = chars.get(i + 1)
            && ('\u{0E01}'..='\u{0E2E}').contains(&next)
        {
            primary.push(next);
            primary.push(c);
            i += 2;
            continue;
        }
        if ('\u{0E48}'..='\u{0E4C}').contains(&c) {
            tones.push(c);
        } else {
            primary.push(c);
        }
        i += 1;
    }
    (primary, tones, s.to_owned())
}

/// Tags of this audience's pages, by URL; tags that share a page (see
/// `Corpus::tag_slugs`) are one group.
pub(crate) fn tags<'a>(ctx: &Ctx<'a>) -> BTreeMap<String, TagGroup<'a>> {
    let mut tags: BTreeMap<String, TagGroup<'a>> = BTreeMap::new();
    for &p in &ctx.corpus.pages {
        for t in p
            .front
            .tags
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        {
            let g = tags
                .entry(ctx.corpus.tag_url(t))
                .or_insert_with(|| TagGroup {
                    name: t.to_owned(),
                    pages: Vec::new(),
                });
            if t < g.name.as_str() {
                g.name = t.to_owned();
            }
            // Pages come in order: a page already in the group (another spelling of
            // the same tag) is its last one.
            if !g.pages.last().is_some_and(|q| std::ptr::eq(*q, p)) {
                g.pages.push(p);
            }
        }
    }
    tags
}

/// `/tags/` and a page per tag, those `derive` names. Returns how many pages a full render
/// writes.
fn write_tag_pages(ctx: &Ctx<'_>, derive: &Derive, diags: &mut Diagnostics) -> usize {
    if let Derive::Only(set) = derive
        && set.tag_pages.is_empty()
        && !set.tag_index
    {
        return 0;
    }
    let tags = tags(ctx);
    if tags.is_empty() {
        return 0;
    }
    // The index lists tags by name, as typed, in Thai dictionary order.
    let mut tags: Vec<(&String, &TagGroup<'_>)> = tags.iter().collect();
    tags.sort_by_cached_key(|(url, g)| (thai_sort_key(&g.name), (*url).clone()));
    // Small tag pages in parallel, their diagnostics in tag order; the large ones later,
    // alone (see `write_large_tag_pages`).
    let written: Vec<Diagnostics> = tags
        .par_iter()
        .filter(|(url, g)| derive.tag_page(url) && g.pages.len() <= LARGE_TAG)
        .map(|&(url, group)| write_tag_page(ctx, url, group))
        .collect();
    for d in written {
        diags.extend(d);
    }
    if !derive.tag_index() {
        return tags.len() + 1;
    }
    let index = tags
        .iter()
        .map(|(url, g)| tag_entry(ctx, &g.name, url, g.pages.len()))
        .collect();
    let index = PageView::new(
        "section",
        messages::PAGE_TAGS.to_owned(),
        TAGS.into(),
        ctx.absolute(TAGS),
        KindView::Listing(ListingView { children: index }),
    );
    ctx.write_page("section.html", index, &template_path("section.html"), diags);
    tags.len() + 1
}

/// A tag page of more entries than this is rendered alone (see `write_large_tag_pages`).
const LARGE_TAG: usize = 1_000;

/// The tag pages of more than [`LARGE_TAG`] entries that `derive` names, one after the other
/// and after every other listing and derived file: a large page's values are tens of
/// megabytes at 100,000 pages, and only one is in memory at a time, with nothing else.
pub(crate) fn write_large_tag_pages(ctx: &Ctx<'_>, derive: &Derive, diags: &mut Diagnostics) {
    if let Derive::Only(set) = derive
        && set.tag_pages.is_empty()
    {
        return;
    }
    for (url, group) in &tags(ctx) {
        if group.pages.len() > LARGE_TAG && derive.tag_page(url) {
            diags.extend(write_tag_page(ctx, url, group));
        }
    }
}

/// A tag's page: its pages, newest first, streamed to the sink.
fn write_tag_page(ctx: &Ctx<'_>, url: &str, group: &TagGroup<'_>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut pages = group.pages.clone();
    newest_first(&mut pages);
    let children = match pages
        .iter()
        .map(|p| tera::to_value(summary(ctx, p)))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(c) => c,
        Err(e) => {
            diags.push(crate::diag::Diagnostic::error(
                template_path("section.html"),
                messages::render_failed("section.html", &e.to_string()),
            ));
            return diags;
        }
    };
    drop(pages);
    let mut view = PageView::new(
        "section",
        messages::page_tag(&group.name),
        url.to_owned(),
        ctx.absolute(url),
        KindView::Listing(ListingView {
            children: Vec::new(),
        }),
    );
    view.breadcrumbs = vec![LinkView {
        title: messages::PAGE_TAGS.to_owned(),
        url: TAGS.into(),
    }];
    write_large(
        ctx,
        "section.html",
        &view,
        ("children", children),
        &mut diags,
    );
    diags
}

/// A tag in `/tags/`: its name and how many pages it has.
fn tag_entry(ctx: &Ctx<'_>, tag: &str, url: &str, count: usize) -> SummaryView {
    SummaryView {
        title: format!(
            "{tag} ({})",
            thai::format_int(count as i64, ctx.config.digits)
        ),
        url: crate::files::encode_path(url),
        date: None,
        summary: None,
        kind: "section",
        meeting: None,
        internal: false,
        open: None,
        deadline: None,
    }
}

#[cfg(test)]
mod tests {
    use super::thai_sort_key;

    #[test]
    fn tags_sort_in_thai_dictionary_order() {
        let mut v = vec![
            "เชิดชูเกียรติ",
            "ประชาสัมพันธ์",
            "กองทุนพัฒนาบทบาทสตรี",
            "โอทอป",
            "จปฐ.",
            "ไก่",
            "กรมการพัฒนาชุมชน",
            "ผู้นำ อช.",
            "เทคโนโลยีสารสนเทศ",
        ];
        v.sort_by_cached_key(|t| thai_sort_key(t));
        assert_eq!(
            v,
            vec![
                "กรมการพัฒนาชุมชน",
                "กองทุนพัฒนาบทบาทสตรี",
                "ไก่",
                "จปฐ.",
                "เชิดชูเกียรติ",
                "เทคโนโลยีสารสนเทศ",
                "ประชาสัมพันธ์",
                "ผู้นำ อช.",
                "โอทอป",
            ]
        );
        // Tone marks only break ties: ก่า after กา, before กาก.
        let mut w = vec!["กาก", "ก่า", "กา"];
        w.sort_by_cached_key(|t| thai_sort_key(t));
        assert_eq!(w, vec!["กา", "ก่า", "กาก"]);
    }
}
