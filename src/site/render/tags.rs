//! The tag pages: `/tags/`, the index of tags with their counts, and a page per tag
//! (`/tags/<slug>/`) listing its pages newest first; a tag of more than [`TAG_PAGE_SIZE`]
//! pages is listed over several (`/tags/<slug>/page/2/`, …), linked by a pager.

use rayon::prelude::*;
use std::collections::BTreeMap;

use super::listings::{TAGS, newest_first, summary, template_path, write_large};
use super::{Ctx, Derive};
use crate::content::{Corpus, Page};
use crate::diag::Diagnostics;
use crate::render::views::{
    KindView, LinkView, ListingView, PageView, PagerLink, PagerView, SummaryView,
};
use crate::{messages, thai};

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
/// `Corpus::tag_slugs`) are one group. The tag pages, the large ones and the sitemap all
/// read it: grouped once per audience.
pub(crate) fn tags<'c, 'a>(ctx: &'c Ctx<'a>) -> &'c BTreeMap<String, TagGroup<'a>> {
    ctx.tags.get_or_init(|| tags_of(ctx.corpus))
}

/// [`tags`] of a corpus (the check stage has no render context).
pub(crate) fn tags_of<'a>(corpus: &Corpus<'a>) -> BTreeMap<String, TagGroup<'a>> {
    let mut tags: BTreeMap<String, TagGroup<'a>> = BTreeMap::new();
    for &p in &corpus.pages {
        for t in p
            .front
            .tags
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        {
            let g = tags.entry(corpus.tag_url(t)).or_insert_with(|| TagGroup {
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

/// At most this many entries on a tag's page: past it, the tag's pages are `/tags/<slug>/`,
/// `/tags/<slug>/page/2/`, … (Hugo's and Zola's convention), in the same order. An entry is
/// about 330 bytes of HTML, so a page is some 35 KB, quick on a district officer's phone
/// (a tag of 10,000 pages on one page was 3.3 MB); and a tag of up to this many pages, as
/// every tag of the Lopburi site, keeps the single page it had.
pub(crate) const TAG_PAGE_SIZE: usize = 100;

/// How many pages a tag of `entries` pages has.
pub(crate) fn page_count(entries: usize) -> usize {
    entries.div_ceil(TAG_PAGE_SIZE).max(1)
}

/// The URL of page `n` (from 1) of the tag at `url`: `/tags/<slug>/`, `/tags/<slug>/page/2/`.
pub(crate) fn page_url(url: &str, n: usize) -> String {
    if n <= 1 {
        url.to_owned()
    } else {
        format!("{url}page/{n}/")
    }
}

/// The URLs of every page of every tag, for the sitemap.
pub(crate) fn page_urls(ctx: &Ctx<'_>) -> Vec<String> {
    tags(ctx)
        .iter()
        .flat_map(|(url, g)| (1..=page_count(g.pages.len())).map(move |n| page_url(url, n)))
        .collect()
}

/// Whether `url` (normalized: `/tags/OTOP/`, `/tags/OTOP/page/2/`) is a page of a tag of
/// `corpus`: the check stage runs before render, so each tag's count is found from the
/// corpus, once.
pub(crate) fn is_tag_page(corpus: &Corpus<'_>, url: &str) -> bool {
    let Some(rest) = url.strip_prefix(TAGS) else {
        return false;
    };
    // `<slug>/` or `<slug>/page/<n>/`; a slug has no `/`.
    let (slug, n) = match rest.split_once("/page/") {
        Some((slug, n)) => match n
            .strip_suffix('/')
            .and_then(crate::site::check::links::url_number)
            .and_then(|n| usize::try_from(n).ok())
        {
            // Page 1 is the tag's own URL: no `page/1/` is made.
            Some(n) if n >= 2 => (slug, n),
            _ => return false,
        },
        None => (rest.strip_suffix('/').unwrap_or(""), 1),
    };
    if slug.is_empty() || slug.contains('/') {
        return false;
    }
    tag_counts(corpus)
        .get(&format!("{TAGS}{slug}/"))
        .is_some_and(|&entries| n <= page_count(entries))
}

/// How many pages of `corpus` each tag (by URL) lists, found once per corpus: for the check
/// stage, which runs before render, and for `wara serve`, which compares them after an edit.
pub(crate) fn tag_counts<'c>(corpus: &'c Corpus<'_>) -> &'c BTreeMap<String, usize> {
    corpus.tag_counts.get_or_init(|| {
        tags_of(corpus)
            .into_iter()
            .map(|(url, g)| (url, g.pages.len()))
            .collect()
    })
}

/// `/tags/` and a page per tag, those `derive` names. Returns how many pages a full render
/// writes.
pub(crate) fn write_tag_pages(ctx: &Ctx<'_>, derive: &Derive, diags: &mut Diagnostics) -> usize {
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
    let written = tags
        .iter()
        .map(|(_, g)| page_count(g.pages.len()))
        .sum::<usize>()
        + 1;
    warn_if_template_has_no_pager(ctx, derive, &tags, diags);
    // Small tag pages in parallel, their diagnostics in tag order; the large ones later,
    // alone (see `write_large_tag_pages`).
    let pages: Vec<Diagnostics> = tags
        .par_iter()
        .filter(|(url, g)| derive.tag_page(url) && g.pages.len() <= LARGE_TAG)
        .map(|&(url, group)| write_tag_page(ctx, url, group))
        .collect();
    for d in pages {
        diags.extend(d);
    }
    if !derive.tag_index() {
        return written;
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
        KindView::Listing(ListingView {
            children: index,
            pager: None,
        }),
    );
    ctx.write_page("section.html", index, &template_path("section.html"), diags);
    written
}

/// The site's own `section.html` made before tag pages were paged (no `page.pager`) lists
/// every entry of a paged tag on its first page, as before: say so once, and how to add the
/// pager.
fn warn_if_template_has_no_pager(
    ctx: &Ctx<'_>,
    derive: &Derive,
    tags: &[(&String, &TagGroup<'_>)],
    diags: &mut Diagnostics,
) {
    if ctx.theme.shows_pager {
        return;
    }
    let paged = tags
        .iter()
        .any(|(url, g)| derive.tag_page(url) && g.pages.len() > TAG_PAGE_SIZE);
    if paged {
        diags.push(
            crate::diag::Diagnostic::warning(
                template_path("section.html"),
                messages::section_template_without_pager(TAG_PAGE_SIZE),
            )
            .with_hint(messages::section_template_without_pager_help()),
        );
    }
}

/// A tag page of more entries than this is rendered alone (see `write_large_tag_pages`):
/// with the embedded template a page lists at most [`TAG_PAGE_SIZE`], but a site's own
/// template without the pager lists them all on the first.
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
    for (url, group) in tags(ctx) {
        if group.pages.len() > LARGE_TAG && derive.tag_page(url) {
            diags.extend(write_tag_page(ctx, url, group));
        }
    }
}

/// A tag's pages: its pages, newest first, [`TAG_PAGE_SIZE`] to a page, each page's values
/// made and its HTML streamed to the sink before the next one's.
fn write_tag_page(ctx: &Ctx<'_>, url: &str, group: &TagGroup<'_>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut pages = group.pages.clone();
    newest_first(&mut pages);
    let total = page_count(pages.len());
    for (i, chunk) in pages.chunks(TAG_PAGE_SIZE).enumerate() {
        let n = i + 1;
        // A template without the pager could not link pages 2 and on: its first page lists
        // every entry (see `warn_if_template_has_no_pager`).
        let listed = if total == 1 || (n == 1 && !ctx.theme.shows_pager) {
            &pages[..]
        } else {
            chunk
        };
        let children = match listed
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
        let first = i * TAG_PAGE_SIZE + 1;
        let pager =
            (total > 1).then(|| pager(ctx, url, n, total, (first, chunk.len(), pages.len())));
        let view = tag_page_view(ctx, url, &group.name, n, pager);
        write_large(
            ctx,
            "section.html",
            &view,
            ("children", children),
            &mut diags,
        );
    }
    diags
}

/// Page `n` of the tag `name` at `url`, its list left empty (`write_large` fills it).
fn tag_page_view(
    ctx: &Ctx<'_>,
    url: &str,
    name: &str,
    n: usize,
    pager: Option<PagerView>,
) -> PageView {
    let own = page_url(url, n);
    let title = messages::page_tag(name);
    let mut view = PageView::new(
        "section",
        if n == 1 {
            title
        } else {
            messages::page_numbered(&title, &thai::format_int(n as i64, ctx.config.digits))
        },
        own.clone(),
        ctx.absolute(&own),
        KindView::Listing(ListingView {
            children: Vec::new(),
            pager,
        }),
    );
    view.breadcrumbs = vec![LinkView {
        title: messages::PAGE_TAGS.to_owned(),
        url: TAGS.into(),
    }];
    if n > 1 {
        view.breadcrumbs.push(LinkView {
            title: name.to_owned(),
            url: crate::files::encode_path(url),
        });
    }
    view
}

/// The pager of page `n` of `total` of the tag at `url`, which shows `len` entries from the
/// `first` (from 1) of `count`.
fn pager(
    ctx: &Ctx<'_>,
    url: &str,
    n: usize,
    total: usize,
    (first, len, count): (usize, usize, usize),
) -> PagerView {
    let d = ctx.config.digits;
    let num = |k: usize| thai::format_int(k as i64, d);
    let link = |k: usize| crate::files::encode_path(&page_url(url, k));
    PagerView {
        current: num(n),
        total: num(total),
        first: num(first),
        last: num(first + len - 1),
        count: num(count),
        prev: (n > 1).then(|| link(n - 1)),
        next: (n < total).then(|| link(n + 1)),
        pages: shown_pages(n, total)
            .into_iter()
            .map(|k| match k {
                Some(k) => PagerLink {
                    number: num(k),
                    url: Some(link(k)),
                    current: k == n,
                },
                None => PagerLink {
                    number: String::new(),
                    url: None,
                    current: false,
                },
            })
            .collect(),
    }
}

/// The page numbers a pager of page `n` of `total` links: the first, the last, and two on
/// each side of `n`; `None` where pages are left out (a gap of one page shows the page).
fn shown_pages(n: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for k in 1..=total {
        if k == 1 || k == total || k.abs_diff(n) <= 2 {
            if k == last + 2 {
                out.push(Some(last + 1));
            } else if k > last + 2 {
                out.push(None);
            }
            out.push(Some(k));
            last = k;
        }
    }
    out
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
    use super::{shown_pages, thai_sort_key};

    #[test]
    fn a_pager_links_the_ends_and_two_pages_each_side() {
        let shown = |n, total| -> Vec<usize> {
            shown_pages(n, total)
                .into_iter()
                .map(|k| k.unwrap_or(0))
                .collect()
        };
        assert_eq!(shown(1, 1), vec![1]);
        assert_eq!(shown(1, 3), vec![1, 2, 3]);
        assert_eq!(shown(2, 3), vec![1, 2, 3]);
        assert_eq!(shown(1, 10), vec![1, 2, 3, 0, 10]);
        assert_eq!(shown(5, 10), vec![1, 2, 3, 4, 5, 6, 7, 0, 10]);
        assert_eq!(shown(6, 10), vec![1, 0, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(shown(50, 1_000), vec![1, 0, 48, 49, 50, 51, 52, 0, 1_000]);
        assert_eq!(shown(1_000, 1_000), vec![1, 0, 998, 999, 1_000]);
    }

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
