//! Listings: sections, the home page, the minutes archive and years, contests
//! (open first), search and 404 (the deadlines pages are `super::deadlines`, the tag
//! pages `super::tags`).

use std::path::{Path, PathBuf};

use super::deadlines::{deadline_entries, deadline_view};
use super::kinds::contest_open;
use super::{Ctx, Derive};
use crate::content::{Kind, Page};
use crate::diag::Diagnostics;
use crate::render::views::{
    ArchiveView, BareView, DateView, DeadlineView, HomeView, KindView, ListingView, PageView,
    SummaryView, YearView,
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
pub(crate) fn newest_first(pages: &mut [&Page]) {
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
            pager: None,
        }),
        _ => KindView::Listing(ListingView {
            children: children.iter().map(|p| summary(ctx, p)).collect(),
            pager: None,
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
        return super::tags::write_tag_pages(ctx, derive, diags);
    }
    write_bare_page(ctx, "search", messages::PAGE_SEARCH, SEARCH, diags);
    write_bare_page(ctx, "404", messages::PAGE_NOT_FOUND, NOT_FOUND, diags);
    3 + years + super::tags::write_tag_pages(ctx, derive, diags)
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
