//! View structs: the only things templates see. Built per audience from the
//! corpus; dates and numbers already formatted the Thai way.

use chrono::NaiveDate;
use serde::Serialize;

use crate::markdown::{Resolution, TocEntry};
use crate::thai::{self, Digits};

/// Site-wide values every template gets as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub title_en: Option<&'a str>,
    pub description: Option<&'a str>,
    pub base_url: &'a str,
    pub language: &'a str,
    pub audience: &'static str,
    pub internal: bool,
    pub menu: &'a [crate::config::MenuItem],
    pub today: String,
    /// Fingerprint of the theme's assets, appended as `?v=` to their URLs.
    pub asset_version: String,
    /// `thai` or `arabic` (site.yaml `digits:`), for numbers scripts print.
    pub digits: Digits,
}

/// A date in the three forms templates need.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub long: String,
    pub short: String,
    pub weekday: String,
}

impl DateView {
    pub fn new(d: NaiveDate, digits: Digits) -> Self {
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
pub struct LinkView {
    pub title: String,
    pub url: String,
}

/// A page in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryView {
    pub title: String,
    pub url: String,
    pub date: Option<DateView>,
    pub summary: Option<String>,
    pub kind: &'static str,
    pub meeting: Option<String>,
    pub internal: bool,
    /// Contests: entries still open at build time.
    pub open: Option<bool>,
    pub deadline: Option<DateView>,
}

/// A download with its type, size and QR code.
#[derive(Debug, Clone, Serialize)]
pub struct DownloadView {
    pub title: String,
    pub url: String,
    pub absolute_url: String,
    pub kind: String,
    pub size: String,
    pub qr_svg: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub position: Option<String>,
}

/// Minutes-only fields.
#[derive(Debug, Clone, Serialize)]
pub struct MinutesView {
    pub meeting: String,
    pub meeting_raw: String,
    pub time: Option<String>,
    pub opened: Option<String>,
    pub closed: Option<String>,
    pub location: Option<String>,
    pub via: Option<String>,
    pub attendees: Vec<PersonView>,
    pub absentees: Vec<PersonView>,
    pub recorder: Option<PersonView>,
    pub reviewer: Option<PersonView>,
    pub resolutions: Vec<Resolution>,
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
    /// The meeting whose minutes this one certifies: its label, and a link when it is on the site.
    pub certifies: Option<String>,
    pub certifies_url: Option<String>,
    pub fiscal_year: String,
    pub quarter: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionView {
    pub name: String,
    pub points: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrizeView {
    pub rank: String,
    pub award: Option<String>,
    pub amount: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrizeGroupView {
    pub category: Option<String>,
    pub prizes: Vec<PrizeView>,
}

/// Contest-only fields.
#[derive(Debug, Clone, Serialize)]
pub struct ContestView {
    pub deadline: Option<DateView>,
    pub judging: Option<DateView>,
    pub open: bool,
    pub eligibility: Vec<String>,
    pub criteria: Vec<CriterionView>,
    pub total_points: String,
    pub categories: Vec<String>,
    pub prize_groups: Vec<PrizeGroupView>,
}

/// A deadline in a list.
#[derive(Debug, Clone, Serialize)]
pub struct DeadlineView {
    pub date: DateView,
    pub task: String,
    pub url: String,
    pub source_title: String,
    pub upcoming: bool,
}

/// Deadlines of one month.
#[derive(Debug, Clone, Serialize)]
pub struct MonthView {
    pub label: String,
    pub items: Vec<DeadlineView>,
}

/// A year of minutes in the archive.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    pub year: String,
    pub url: String,
    /// How many meetings, in the site digits.
    pub count: String,
    pub meetings: Vec<SummaryView>,
}

/// The page being rendered, as `page`: what every page has (`base.html` reads
/// these), and the fields of its kind, flattened beside them so templates read
/// `page.title` and `page.minutes` alike.
#[derive(Debug, Serialize)]
pub struct PageView {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub summary: Option<String>,
    pub internal: bool,
    /// A draft, shown only by `wara serve` (marked ฉบับร่าง).
    pub draft: bool,
    pub breadcrumbs: Vec<LinkView>,
    /// The rendered body. `write_page` moves it into the template context as
    /// `page.content` rather than serialising a copy.
    #[serde(skip)]
    pub content: String,
    /// The page's own QR code (minutes and contests), moved in as `page.qr_svg` like `content`.
    #[serde(skip)]
    pub qr_svg: Option<String>,
    #[serde(flatten)]
    pub body: KindView,
}

/// The fields of one kind of page.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum KindView {
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
pub struct DocumentView {
    pub date: Option<DateView>,
    /// The page's tags, each linking to its tag page.
    pub tags: Vec<LinkView>,
    pub toc: Vec<TocEntry>,
    pub attachments: Vec<DownloadView>,
}

/// A page of minutes (`minutes.html`).
#[derive(Debug, Serialize)]
pub struct MinutesPageView {
    #[serde(flatten)]
    pub document: DocumentView,
    pub minutes: MinutesView,
}

/// A contest (`contest.html`).
#[derive(Debug, Serialize)]
pub struct ContestPageView {
    #[serde(flatten)]
    pub document: DocumentView,
    pub contest: ContestView,
}

#[derive(Debug, Serialize)]
pub struct HomeView {
    pub latest_minutes: Vec<SummaryView>,
    pub open_contests: Vec<SummaryView>,
    pub upcoming_deadlines: Vec<DeadlineView>,
}

#[derive(Debug, Serialize)]
pub struct ArchiveView {
    pub years: Vec<YearView>,
    /// Minutes filed directly under `minutes/`, outside a year.
    pub children: Vec<SummaryView>,
}

#[derive(Debug, Serialize)]
pub struct ListingView {
    pub children: Vec<SummaryView>,
}

#[derive(Debug, Serialize)]
pub struct DeadlinesView {
    /// Upcoming months first, then past ones, newest first.
    pub deadline_groups: Vec<MonthView>,
}

#[derive(Debug, Serialize)]
pub struct BareView {}

impl PageView {
    /// A view of the given kind, with the common fields not given here empty.
    pub fn new(
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
