//! The tag pages: `/tags/`, the index of tags with their counts, and a page per tag
//! (`/tags/<slug>/`) listing its pages newest first.

use rayon::prelude::*;
use std::collections::BTreeMap;

use super::listings::{TAGS, newest_first, summary, template_path, write_large};
use super::{Ctx, Derive};
use crate::content::Page;
use crate::diag::Diagnostics;
use crate::render::views::{KindView, LinkView, ListingView, PageView, SummaryView};
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
