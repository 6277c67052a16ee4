//! View structs: the only things templates see. Built per audience from the
//! corpus; dates and numbers already formatted the Thai way.

use chrono::NaiveDate;
use serde::Serialize;

use crate::markdown::{Resolution, TocEntry};
use crate::thai::{self, Digits};

/// Site-wide values every template gets as `site`.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) title: &'a str,
    pub(crate) title_en: Option<&'a str>,
    pub(crate) description: Option<&'a str>,
    pub(crate) base_url: &'a str,
    pub(crate) language: &'a str,
    pub(crate) audience: &'static str,
    pub(crate) internal: bool,
    pub(crate) menu: &'a [crate::config::MenuItem],
    pub(crate) today: String,
    /// Fingerprint of the theme's assets, appended as `?v=` to their URLs.
    pub(crate) asset_version: String,
    /// `thai` or `arabic` (site.yaml `digits:`), for numbers scripts print.
    pub(crate) digits: Digits,
}

/// A date in the three forms templates need.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateView {
    pub(crate) iso: String,
    pub(crate) long: String,
    pub(crate) short: String,
    pub(crate) weekday: String,
}

impl DateView {
    /// The date's forms, formatted once per thread for each date (listings show a few
    /// thousand dates many times over).
    pub(crate) fn new(d: NaiveDate, digits: Digits) -> Self {
        thread_local! {
            static MADE: std::cell::RefCell<std::collections::HashMap<(NaiveDate, Digits), DateView>> =
                std::cell::RefCell::new(std::collections::HashMap::new());
        }
        let key = (d, digits);
        MADE.with(|made| {
            let mut made = made.borrow_mut();
            if let Some(v) = made.get(&key) {
                return v.clone();
            }
            if made.len() >= 16_384 {
                made.clear();
            }
            let v = Self::format(d, digits);
            made.insert(key, v.clone());
            v
        })
    }

    fn format(d: NaiveDate, digits: Digits) -> Self {
        Self {
            iso: d.format("%Y-%m-%d").to_string(),
            long: thai::format_date(d, digits),
            short: thai::format_date_short(d, digits),
            weekday: thai::format_date_weekday(d, digits),
        }
    }
}

/// A link to another page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LinkView {
    pub(crate) title: String,
    pub(crate) url: String,
}

/// A page in a listing.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SummaryView {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) date: Option<DateView>,
    pub(crate) summary: Option<String>,
    pub(crate) kind: &'static str,
    pub(crate) meeting: Option<String>,
    pub(crate) internal: bool,
    /// Contests: entries still open at build time.
    pub(crate) open: Option<bool>,
    pub(crate) deadline: Option<DateView>,
}

/// A download with its type, size and QR code.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DownloadView {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) absolute_url: String,
    pub(crate) kind: String,
    pub(crate) size: String,
    pub(crate) qr_svg: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PersonView {
    pub(crate) name: String,
    pub(crate) position: Option<String>,
}

/// Minutes-only fields.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MinutesView {
    pub(crate) meeting: String,
    pub(crate) meeting_raw: String,
    pub(crate) time: Option<String>,
    pub(crate) opened: Option<String>,
    pub(crate) closed: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) via: Option<String>,
    pub(crate) attendees: Vec<PersonView>,
    pub(crate) absentees: Vec<PersonView>,
    pub(crate) recorder: Option<PersonView>,
    pub(crate) reviewer: Option<PersonView>,
    pub(crate) resolutions: Vec<Resolution>,
    pub(crate) prev: Option<LinkView>,
    pub(crate) next: Option<LinkView>,
    /// The meeting whose minutes this one certifies: its label, and a link when it is on the site.
    pub(crate) certifies: Option<String>,
    pub(crate) certifies_url: Option<String>,
    pub(crate) fiscal_year: String,
    pub(crate) quarter: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CriterionView {
    pub(crate) name: String,
    pub(crate) points: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PrizeView {
    pub(crate) rank: String,
    pub(crate) award: Option<String>,
    pub(crate) amount: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PrizeGroupView {
    pub(crate) category: Option<String>,
    pub(crate) prizes: Vec<PrizeView>,
}

/// Contest-only fields.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ContestView {
    pub(crate) deadline: Option<DateView>,
    pub(crate) judging: Option<DateView>,
    pub(crate) open: bool,
    pub(crate) eligibility: Vec<String>,
    pub(crate) criteria: Vec<CriterionView>,
    pub(crate) total_points: String,
    pub(crate) categories: Vec<String>,
    pub(crate) prize_groups: Vec<PrizeGroupView>,
}

/// A deadline in a list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DeadlineView {
    pub(crate) date: DateView,
    pub(crate) task: String,
    pub(crate) url: String,
    pub(crate) source_title: String,
    pub(crate) upcoming: bool,
}

/// Deadlines of one month.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MonthView {
    pub(crate) label: String,
    pub(crate) items: Vec<DeadlineView>,
}

/// A year of minutes in the archive.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearView {
    pub(crate) year: String,
    pub(crate) url: String,
    /// How many meetings, in the site digits.
    pub(crate) count: String,
    pub(crate) meetings: Vec<SummaryView>,
}

/// The page being rendered, as `page`: what every page has (`base.html` reads
/// these), and the fields of its kind, flattened beside them so templates read
/// `page.title` and `page.minutes` alike.
#[derive(Debug, Serialize)]
pub(crate) struct PageView {
    pub(crate) kind: &'static str,
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) permalink: String,
    pub(crate) summary: Option<String>,
    pub(crate) internal: bool,
    /// A draft, shown only by `wara serve` (marked ฉบับร่าง).
    pub(crate) draft: bool,
    pub(crate) breadcrumbs: Vec<LinkView>,
    /// The rendered body. `write_page` moves it into the template context as
    /// `page.content` rather than serialising a copy.
    #[serde(skip)]
    pub(crate) content: String,
    /// The page's own QR code (minutes and contests), moved in as `page.qr_svg` like `content`.
    #[serde(skip)]
    pub(crate) qr_svg: Option<String>,
    #[serde(flatten)]
    pub(crate) body: KindView,
}

/// The fields of one kind of page.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum KindView {
    /// A plain page (`page.html`).
    Document(DocumentView),
    Minutes(Box<MinutesPageView>),
    Contest(Box<ContestPageView>),
    /// The home page (`index.html`).
    Home(HomeView),
    /// The minutes archive (`minutes_archive.html`).
    Archive(ArchiveView),
    /// A section, a year of minutes, the contests, a tag and the tag index.
    Listing(ListingView),
    /// `/deadlines/`.
    Deadlines(DeadlinesView),
    /// Pages with nothing of their own: search, 404.
    Bare(BareView),
}

/// What a content page with a body of its own has: minutes, contests, plain pages.
#[derive(Debug, Serialize)]
pub(crate) struct DocumentView {
    pub(crate) date: Option<DateView>,
    /// The page's tags, each linking to its tag page.
    pub(crate) tags: Vec<LinkView>,
    pub(crate) toc: Vec<TocEntry>,
    /// `toc` as the `toc_list` macro of `macros.html` writes it, made here: the recursive
    /// macro was the largest part of applying a template to a page of minutes.
    pub(crate) toc_html: String,
    pub(crate) attachments: Vec<DownloadView>,
}

/// The nested `<ol>` of a contents list, byte for byte what `macros.html`'s `toc_list`
/// macro writes (test `toc_html_is_what_the_toc_list_macro_writes`).
pub(crate) fn toc_html(entries: &[TocEntry]) -> String {
    fn list(out: &mut String, entries: &[TocEntry]) {
        out.push_str("\n<ol>\n");
        for e in entries {
            out.push_str("<li><a href=\"#");
            out.push_str(&crate::markdown::escape(&e.id));
            out.push_str("\">");
            out.push_str(&crate::markdown::escape(&e.title));
            out.push_str("</a>");
            if !e.children.is_empty() {
                list(out, &e.children);
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    let mut out = String::new();
    if !entries.is_empty() {
        list(&mut out, entries);
    }
    out
}

/// A page of minutes (`minutes.html`).
#[derive(Debug, Serialize)]
pub(crate) struct MinutesPageView {
    #[serde(flatten)]
    pub(crate) document: DocumentView,
    pub(crate) minutes: MinutesView,
}

/// A contest (`contest.html`).
#[derive(Debug, Serialize)]
pub(crate) struct ContestPageView {
    #[serde(flatten)]
    pub(crate) document: DocumentView,
    pub(crate) contest: ContestView,
}

#[derive(Debug, Serialize)]
pub(crate) struct HomeView {
    pub(crate) latest_minutes: Vec<SummaryView>,
    pub(crate) open_contests: Vec<SummaryView>,
    pub(crate) upcoming_deadlines: Vec<DeadlineView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ArchiveView {
    pub(crate) years: Vec<YearView>,
    /// Minutes filed directly under `minutes/`, outside a year.
    pub(crate) children: Vec<SummaryView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ListingView {
    pub(crate) children: Vec<SummaryView>,
    /// On a tag page of many entries, one of several pages (`/tags/<slug>/page/2/`): where
    /// it is among them and the links to the others (the `pager` macro shows it).
    pub(crate) pager: Option<PagerView>,
}

/// Where a page of a paged listing is among its pages, in the site digits.
#[derive(Debug, Serialize)]
pub(crate) struct PagerView {
    /// This page's number and how many pages there are.
    pub(crate) current: String,
    pub(crate) total: String,
    /// Which entries this page shows (`๑๐๑`–`๒๐๐`) of how many.
    pub(crate) first: String,
    pub(crate) last: String,
    pub(crate) count: String,
    /// The previous and next pages' URLs (`rel="prev"`, `rel="next"`).
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    /// The pages to link: the first, the last and a few around this one, with a gap (no URL)
    /// where pages are left out.
    pub(crate) pages: Vec<PagerLink>,
}

/// A page number in a pager.
#[derive(Debug, Serialize)]
pub(crate) struct PagerLink {
    /// The number, in the site digits.
    pub(crate) number: String,
    /// `None` for a gap (`…`) in the numbers.
    pub(crate) url: Option<String>,
    pub(crate) current: bool,
}

#[derive(Debug, Default, Serialize)]
pub(crate) struct DeadlinesView {
    /// Upcoming months first, then past ones, newest first.
    pub(crate) deadline_groups: Vec<MonthView>,
    /// On `/deadlines/` of a site with many deadlines: the year pages, newest first
    /// (the page then lists no deadline itself).
    pub(crate) deadline_years: Vec<DeadlineYearView>,
}

/// A year's deadlines page, as `/deadlines/` links to it.
#[derive(Debug, Serialize)]
pub(crate) struct DeadlineYearView {
    /// The Buddhist Era year, in the site digits.
    pub(crate) year: String,
    pub(crate) url: String,
    /// How many deadlines, in the site digits.
    pub(crate) count: String,
    /// Whether some of them are still ahead.
    pub(crate) upcoming: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct BareView {}

impl PageView {
    /// A view of the given kind, with the common fields not given here empty.
    pub(crate) fn new(
        kind: &'static str,
        title: String,
        url: String,
        permalink: String,
        body: KindView,
    ) -> Self {
        Self {
            kind,
            title,
            url,
            permalink,
            summary: None,
            internal: false,
            draft: false,
            breadcrumbs: Vec::new(),
            content: String::new(),
            qr_svg: None,
            body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_html_is_what_the_toc_list_macro_writes() {
        let entry = |id: &str, title: &str, children| TocEntry {
            id: id.into(),
            title: title.into(),
            level: 2,
            children,
        };
        let toc = vec![
            entry(
                "วาระที่-1",
                "วาระที่ ๑ เรื่อง <ประธาน> & \"แจ้ง\"",
                vec![
                    entry(
                        "a-1",
                        "1.1 งบ 'ปี' ๒๕๖๓",
                        vec![entry("a-1-1", "ข้อย่อย", vec![])],
                    ),
                    entry("a-2", "1.2", vec![]),
                ],
            ),
            entry("x\"y", "อื่น ๆ", vec![]),
        ];
        let mut tera = tera::Tera::default();
        tera.add_raw_templates(vec![
            (
                "macros.html",
                include_str!("../../themes/default/templates/macros.html"),
            ),
            (
                "t.html",
                "{% import \"macros.html\" as m %}{{ m::toc_list(entries=toc) }}",
            ),
        ])
        .expect("templates");
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(super::super::escape_fn);
        let mut context = tera::Context::new();
        context.insert("toc", &toc);
        let by_macro = tera.render("t.html", &context).expect("render");
        assert_eq!(toc_html(&toc), by_macro);
        assert!(by_macro.contains("&lt;ประธาน&gt; &amp;"), "{by_macro}");
        assert_eq!(toc_html(&[]), "");
    }
}
