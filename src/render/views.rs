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

/// The page being rendered, as `page`.
#[derive(Debug, Serialize)]
pub struct PageView {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub date: Option<DateView>,
    pub summary: Option<String>,
    /// The page's tags, each linking to its tag page.
    pub tags: Vec<LinkView>,
    pub internal: bool,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub qr_svg: Option<String>,
    pub attachments: Vec<DownloadView>,
    pub minutes: Option<MinutesView>,
    pub contest: Option<ContestView>,
    pub breadcrumbs: Vec<LinkView>,
    /// Listings (sections, home, archive).
    pub children: Vec<SummaryView>,
    pub years: Vec<YearView>,
    pub deadline_groups: Vec<MonthView>,
    pub latest_minutes: Vec<SummaryView>,
    pub open_contests: Vec<SummaryView>,
    pub upcoming_deadlines: Vec<DeadlineView>,
}

impl PageView {
    /// An empty view of the given kind; callers fill what applies.
    pub fn new(kind: &'static str, title: String, url: String, permalink: String) -> Self {
        Self {
            kind,
            title,
            url,
            permalink,
            date: None,
            summary: None,
            tags: Vec::new(),
            internal: false,
            content: String::new(),
            toc: Vec::new(),
            qr_svg: None,
            attachments: Vec::new(),
            minutes: None,
            contest: None,
            breadcrumbs: Vec::new(),
            children: Vec::new(),
            years: Vec::new(),
            deadline_groups: Vec::new(),
            latest_minutes: Vec::new(),
            open_contests: Vec::new(),
            upcoming_deadlines: Vec::new(),
        }
    }
}
