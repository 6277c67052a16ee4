//! The kind-specific parts of a page's view: minutes (meeting data, resolutions,
//! previous/next, certified meeting, own QR code) and contests (criteria, prizes, status).

use super::Ctx;
use crate::content::front_matter::Person;
use crate::content::{FrontMatter, MeetingNo, Page};
use crate::render::views::{
    ContestView, CriterionView, DateView, LinkView, MinutesView, PersonView, PrizeGroupView,
    PrizeView,
};
use crate::thai::{self, Digits};

fn person(p: &Person) -> PersonView {
    PersonView {
        name: p.name().to_owned(),
        position: p.position().map(str::to_owned),
    }
}

fn meeting_label(m: MeetingNo, digits: Digits) -> String {
    thai::format_meeting(m.number, m.year, digits)
}

/// Minutes data for the template.
pub(crate) fn minutes_view(
    ctx: &Ctx<'_>,
    page: &Page,
    own: &FrontMatter,
    resolutions: Vec<crate::markdown::Resolution>,
) -> MinutesView {
    let d = ctx.config.digits;
    let all = ctx.corpus.minutes();
    let idx = ctx.corpus.minutes_position(page);
    let link = |p: &Page| LinkView {
        title: p
            .meeting
            .map(|m| crate::messages::meeting_link(&meeting_label(m, d)))
            .unwrap_or_else(|| p.title.clone()),
        url: p.url.clone(),
    };
    let prev = idx
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| all.get(i))
        .map(|p| link(p));
    let next = idx.and_then(|i| all.get(i + 1)).map(|p| link(p));
    let certified = page.certifies.and_then(|c| ctx.corpus.minutes_of(c));
    MinutesView {
        meeting: page
            .meeting
            .map(|m| meeting_label(m, d))
            .unwrap_or_default(),
        meeting_raw: page
            .meeting
            .map(|m| format!("{}/{}", m.number, m.year))
            .unwrap_or_default(),
        time: page.time.map(|t| thai::format_time(t, d)),
        opened: page.opened.map(|t| thai::format_time(t, d)),
        closed: page.closed.map(|t| thai::format_time(t, d)),
        location: own.location.clone(),
        via: own.via.clone(),
        attendees: own.attendees.iter().map(person).collect(),
        absentees: own.absentees.iter().map(person).collect(),
        recorder: own.recorder.as_ref().map(person),
        reviewer: own.reviewer.as_ref().map(person),
        resolutions,
        prev,
        next,
        certifies: page.certifies.map(|m| meeting_label(m, d)),
        certifies_url: certified.map(|p| p.url.clone()),
        fiscal_year: page
            .date
            .map(|dt| thai::apply_digits(&thai::fiscal_year(dt).to_string(), d))
            .unwrap_or_default(),
        quarter: page
            .date
            .map(|dt| thai::apply_digits(&thai::fiscal_quarter(dt).to_string(), d))
            .unwrap_or_default(),
    }
}

/// Is a contest open on `ctx.today` (open through its deadline day)? One
/// without a deadline is not called open: nobody can say.
pub(crate) fn contest_open(ctx: &Ctx<'_>, page: &Page) -> bool {
    page.deadline.is_some_and(|d| ctx.today <= d)
}

fn points(x: f64, d: Digits) -> String {
    if x.fract() == 0.0 {
        thai::format_int(x as i64, d)
    } else {
        thai::format_decimal(x, 2, d)
    }
}

/// Contest data for the template; `f` is the page's front matter, read for this render.
pub(crate) fn contest_view(ctx: &Ctx<'_>, page: &Page, f: &FrontMatter) -> ContestView {
    let d = ctx.config.digits;
    let total = f.total_points.unwrap_or(100.0);
    let prize = |p: &crate::content::front_matter::Prize| PrizeView {
        rank: p.rank.clone(),
        award: p.award.clone(),
        amount: p
            .amount
            .map(|a| crate::messages::baht(&thai::format_baht(a, d))),
    };
    let mut groups: Vec<PrizeGroupView> = Vec::new();
    for p in &f.prizes {
        match groups.iter_mut().find(|g| g.category == p.category) {
            Some(g) => g.prizes.push(prize(p)),
            None => groups.push(PrizeGroupView {
                category: p.category.clone(),
                prizes: vec![prize(p)],
            }),
        }
    }
    ContestView {
        deadline: page.deadline.map(|x| DateView::new(x, d)),
        judging: page.judging.map(|x| DateView::new(x, d)),
        open: contest_open(ctx, page),
        eligibility: f.eligibility.clone(),
        criteria: f
            .criteria
            .iter()
            .map(|c| CriterionView {
                name: c.name.clone(),
                points: points(c.points, d),
            })
            .collect(),
        total_points: points(total, d),
        categories: f.categories.clone(),
        prize_groups: groups,
    }
}
