//! The deadlines of the corpus (`deadline` shortcodes, `deadlines:` entries, contests'
//! closing dates) and `/deadlines/`: one page while the site has up to
//! [`ONE_PAGE_MAX`] deadlines; past that, a page per Buddhist Era year
//! (`/deadlines/2563/`), which `/deadlines/` links to.

use chrono::Datelike;

use super::Ctx;
use super::listings::{DEADLINES, template_path, write_large};
use crate::content::{Corpus, Kind, Page};
use crate::diag::Diagnostics;
use crate::render::views::{
    DateView, DeadlineView, DeadlineYearView, DeadlinesView, KindView, LinkView, MonthView,
    PageView,
};
use crate::{messages, thai};

/// Up to this many deadlines, `/deadlines/` lists them all; past it, one page per year.
pub(crate) const ONE_PAGE_MAX: usize = 1_000;

/// A deadline with where it came from: its page and which of the page's deadlines it is, or
/// the page's closing date (a contest). Nothing of the page is copied: a large site has a few
/// hundred thousand of them.
pub(crate) struct DeadlineEntry<'a> {
    pub(crate) date: chrono::NaiveDate,
    pub(crate) page: &'a Page,
    /// Index into the page's `deadlines`; `None` for a contest's closing date.
    index: Option<u32>,
}

impl DeadlineEntry<'_> {
    /// What is due: the deadline's task, or for a contest's closing date the contest's.
    pub(crate) fn task(&self) -> std::borrow::Cow<'_, str> {
        match self.stated() {
            Some(d) => std::borrow::Cow::Borrowed(d.task.as_str()),
            None => std::borrow::Cow::Owned(messages::contest_deadline_task(&self.page.title)),
        }
    }

    /// The anchor of the item that set it (`item-3-1`), if any.
    pub(crate) fn anchor(&self) -> Option<&str> {
        self.stated().and_then(|d| d.anchor.as_deref())
    }

    fn stated(&self) -> Option<&crate::content::Deadline> {
        self.index.and_then(|i| self.page.deadlines.get(i as usize))
    }
}

/// Every deadline of the corpus, by date, then page, then task. A contest's
/// closing date counts as a deadline, unless a page that links to the contest
/// already states a deadline on that date (the minutes that announced it), so
/// districts do not see the same date twice.
pub(crate) fn deadline_entries<'c, 'a>(ctx: &'c Ctx<'a>) -> &'c [DeadlineEntry<'a>] {
    // Home, `/deadlines/` and the calendar all read it: gather it once per audience.
    ctx.deadlines.get_or_init(|| collect_deadlines(ctx.corpus))
}

fn collect_deadlines<'a>(corpus: &Corpus<'a>) -> Vec<DeadlineEntry<'a>> {
    let mut out = Vec::new();
    for &p in &corpus.pages {
        for (i, d) in p.deadlines.iter().enumerate() {
            out.push(DeadlineEntry {
                date: d.date,
                page: p,
                index: u32::try_from(i).ok(),
            });
        }
    }
    // The entries of each date, so a contest looks only at its own date's.
    let mut on_date: std::collections::HashMap<chrono::NaiveDate, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, e) in out.iter().enumerate() {
        on_date.entry(e.date).or_default().push(i);
    }
    for &p in &corpus.pages {
        let (Kind::Contest, Some(date)) = (p.kind, p.deadline) else {
            continue;
        };
        // Each page is searched once, however many deadlines it has on that date.
        let mut searched = std::collections::HashSet::new();
        let stated = on_date.get(&date).is_some_and(|same_day| {
            same_day.iter().map(|&i| &out[i]).any(|e| {
                e.page.url == p.url
                    || (searched.insert(e.page.url.as_str()) && e.page.mentions_contest(&p.url))
            })
        });
        if !stated {
            on_date.entry(date).or_default().push(out.len());
            out.push(DeadlineEntry {
                date,
                page: p,
                index: None,
            });
        }
    }
    out.sort_by(|a, b| {
        (a.date, &a.page.url)
            .cmp(&(b.date, &b.page.url))
            .then_with(|| a.task().cmp(&b.task()))
    });
    out.shrink_to_fit();
    out
}

pub(crate) fn deadline_view(ctx: &Ctx<'_>, e: &DeadlineEntry<'_>) -> DeadlineView {
    DeadlineView {
        date: DateView::new(e.date, ctx.config.digits),
        url: match e.anchor() {
            Some(a) => format!("{}#{a}", e.page.url),
            None => e.page.url.clone(),
        },
        source_title: e.page.title.clone(),
        task: e.task().into_owned(),
        upcoming: e.date >= ctx.today,
    }
}

/// The deadlines of each Buddhist Era year, oldest year first, when the site has more than
/// [`ONE_PAGE_MAX`]; none otherwise. Entries are sorted by date, so a year is a run of them.
fn years<'c, 'a>(all: &'c [DeadlineEntry<'a>]) -> Vec<(i32, &'c [DeadlineEntry<'a>])> {
    if all.len() <= ONE_PAGE_MAX {
        return Vec::new();
    }
    all.chunk_by(|a, b| thai::be_year(a.date) == thai::be_year(b.date))
        .filter_map(|run| run.first().map(|e| (thai::be_year(e.date), run)))
        .collect()
}

/// The URL of a year's deadlines page: `/deadlines/2563/`.
fn year_url(year: i32) -> String {
    format!("{DEADLINES}{year}/")
}

/// The year pages' URLs (none for a site of up to [`ONE_PAGE_MAX`] deadlines), for the sitemap.
pub(crate) fn year_urls(ctx: &Ctx<'_>) -> Vec<String> {
    years(deadline_entries(ctx))
        .into_iter()
        .map(|(year, _)| year_url(year))
        .collect()
}

/// Whether `url` (normalized, `/deadlines/2565/`) is a year's deadlines page of `corpus`: the
/// check stage runs before render, so the years are found from the corpus, once.
pub(crate) fn is_year_page(corpus: &Corpus<'_>, url: &str) -> bool {
    let Some(year) = url
        .strip_prefix(DEADLINES)
        .and_then(|rest| rest.strip_suffix('/'))
        .and_then(crate::site::check::links::url_number)
        .and_then(|y| i32::try_from(y).ok())
    else {
        return false;
    };
    corpus
        .deadline_years
        .get_or_init(|| {
            years(&collect_deadlines(corpus))
                .into_iter()
                .map(|(year, _)| year)
                .collect()
        })
        .contains(&year)
}

/// `/deadlines/`, and its year pages when the site has more than [`ONE_PAGE_MAX`] deadlines.
/// Returns how many year pages were written.
pub(crate) fn write_pages(ctx: &Ctx<'_>, diags: &mut Diagnostics) -> usize {
    let all = deadline_entries(ctx);
    let years = years(all);
    if years.is_empty() {
        write_listing(ctx, all, index_view(ctx, Vec::new()), diags);
        return 0;
    }
    let d = ctx.config.digits;
    let links = years
        .iter()
        .rev()
        .map(|&(year, run)| DeadlineYearView {
            year: thai::apply_digits(&year.to_string(), d),
            url: year_url(year),
            count: thai::format_int(run.len() as i64, d),
            upcoming: run.last().is_some_and(|e| e.date >= ctx.today),
        })
        .collect();
    if ctx.theme.lists_deadline_years {
        write_listing(ctx, &[], index_view(ctx, links), diags);
    } else {
        // The site's own `deadlines.html` predates year pages: it gets every deadline, as
        // before, and is asked to link the years.
        diags.push(
            crate::diag::Diagnostic::warning(
                template_path("deadlines.html"),
                messages::deadlines_template_without_years(),
            )
            .with_hint(messages::deadlines_template_without_years_help()),
        );
        write_listing(ctx, all, index_view(ctx, links), diags);
    }
    // One year at a time: only one year's values are in memory.
    for &(year, run) in &years {
        let url = year_url(year);
        let mut view = PageView::new(
            "deadlines",
            messages::page_deadlines_year(&thai::apply_digits(&year.to_string(), d)),
            url.clone(),
            ctx.absolute(&url),
            KindView::Deadlines(DeadlinesView::default()),
        );
        view.breadcrumbs = vec![LinkView {
            title: messages::PAGE_DEADLINES.to_owned(),
            url: DEADLINES.into(),
        }];
        write_listing(ctx, run, view, diags);
    }
    years.len()
}

/// `/deadlines/` itself, with the year pages it links to (none: it lists every deadline).
fn index_view(ctx: &Ctx<'_>, years: Vec<DeadlineYearView>) -> PageView {
    PageView::new(
        "deadlines",
        messages::PAGE_DEADLINES.into(),
        DEADLINES.into(),
        ctx.absolute(DEADLINES),
        KindView::Deadlines(DeadlinesView {
            deadline_groups: Vec::new(),
            deadline_years: years,
        }),
    )
}

/// A deadlines page listing `entries` (sorted by date) by month: upcoming months first, then
/// past ones, newest first. Its value is made one deadline at a time (no view of them all
/// beside it) and its HTML goes straight to the sink.
fn write_listing(
    ctx: &Ctx<'_>,
    entries: &[DeadlineEntry<'_>],
    view: PageView,
    diags: &mut Diagnostics,
) {
    let template = if view.url == DEADLINES {
        "deadlines.html"
    } else {
        "deadlines_year.html"
    };
    match month_groups(ctx, entries) {
        Ok(groups) => write_large(ctx, template, &view, ("deadline_groups", groups), diags),
        Err(e) => diags.push(crate::diag::Diagnostic::error(
            template_path(template),
            messages::render_failed(template, &e.to_string()),
        )),
    }
}

/// The values of `entries` (sorted by date) grouped by month: upcoming months first, then
/// past ones, newest first.
fn month_groups(
    ctx: &Ctx<'_>,
    entries: &[DeadlineEntry<'_>],
) -> Result<Vec<tera::Value>, tera::Error> {
    let d = ctx.config.digits;
    // Sorted by date: the past ones first, then the upcoming ones.
    let split = entries.partition_point(|e| e.date < ctx.today);
    let order = (split..entries.len()).chain((0..split).rev());
    let mut groups: Vec<tera::Value> = Vec::new();
    // A month, upcoming or past: the upcoming ones and the past ones are grouped apart.
    type Month = (bool, i32, u32);
    let close = |key: Month, items: Vec<tera::Value>, groups: &mut Vec<tera::Value>| {
        let group = MonthView {
            label: thai::format_month_year(key.1, key.2, d),
            items: Vec::new(),
        };
        let mut v = tera::to_value(&group)?;
        if let tera::Value::Object(map) = &mut v {
            map.insert("items".into(), tera::Value::Array(items));
        }
        groups.push(v);
        Ok::<(), tera::Error>(())
    };
    let mut month: Option<(Month, Vec<tera::Value>)> = None;
    for i in order {
        let e = &entries[i];
        let key = (i >= split, e.date.year(), e.date.month());
        let item = tera::to_value(deadline_view(ctx, e))?;
        match &mut month {
            Some((k, items)) if *k == key => items.push(item),
            _ => {
                if let Some((k, items)) = month.take() {
                    close(k, items, &mut groups)?;
                }
                month = Some((key, vec![item]));
            }
        }
    }
    if let Some((k, items)) = month.take() {
        close(k, items, &mut groups)?;
    }
    Ok(groups)
}
