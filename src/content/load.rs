//! Walk `content/`, read every Markdown file into a [`Page`], apply the audience
//! rule, and build the [`Corpus`] an audience sees. The only module that reads content files.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};
use rayon::prelude::*;
use serde_saphyr::Spanned;
use walkdir::WalkDir;

use super::front_matter::{self, Kind};
use super::{Access, Deadline, MeetingNo, Page};
use crate::diag::Msg;
use crate::diag::{Diagnostic, Diagnostics};
use crate::messages;
use crate::source::{SourceFile, Span};
use crate::thai;

/// Largest content file read; beyond it the file is an error, not a hang.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Up to how many pages a one-off build holds each page's own front matter (what
/// [`Front`](super::front_matter::Front) leaves out) from load to render rather than reading
/// it again as the page renders: about 2 KB a page, held while that stays well under the
/// memory a build of a large site is allowed (issue 13: 512 MiB at 100,000 pages), and
/// the YAML is then read once. `wara serve`, which holds the texts, always holds it.
pub(crate) const HOLD_OWN_PAGES: usize = 20_000;

/// Whether pages hold their file texts after load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Texts {
    /// Held for as long as the pages are (`wara serve`, which re-renders from them).
    Keep,
    /// Dropped once a page is loaded and checked, read again to render it (a build:
    /// memory stays flat with the size of the site). See [`super::PageText`]. A page's own
    /// front matter is held only when the site has at most `hold_own_up_to` pages.
    Reread { hold_own_up_to: usize },
}

/// Load every page under `root/content`, for all audiences. Drafts are left
/// out unless `include_drafts` (`wara serve`, which marks them ฉบับร่าง).
/// Also returns the URLs of files that could not be loaded (their errors are in
/// `diags`), so links to them are not reported a second time as missing pages.
pub(crate) fn load_all(
    root: &Path,
    digits: thai::Digits,
    include_drafts: bool,
    texts: Texts,
    diags: &mut Diagnostics,
) -> (Vec<Page>, Vec<String>) {
    let content = root.join("content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", messages::no_content_dir())
                .with_hint(messages::no_content_dir_help()),
        );
        return (Vec::new(), Vec::new());
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(err) => {
                let p = err
                    .path()
                    .map(|p| rel(root, p))
                    .unwrap_or_else(|| PathBuf::from("content"));
                diags.push(Diagnostic::error(
                    p,
                    messages::cannot_read(&err.to_string()),
                ));
            }
        }
    }
    let files = keep_pages(root, &content, files, diags);
    let placeholders = super::checks::Placeholders::load(root);
    let keep = texts == Texts::Keep;
    let hold_own = match texts {
        Texts::Keep => true,
        Texts::Reread { hold_own_up_to } => files.len() <= hold_own_up_to,
    };
    let results: Vec<(Option<Page>, Diagnostics, Diagnostics)> = files
        .par_iter()
        .map(|f| {
            let mut d = Diagnostics::new();
            let mut found = Diagnostics::new();
            let page = load_page(root, &content, f, (keep, hold_own), &mut d);
            // Everything that reads the whole text runs while it is held: placeholders
            // left in a page about to be published (reported with the checks, below).
            if let Some(p) = &page {
                if !p.front.draft
                    && let Ok(text) = p.source()
                {
                    placeholders.check(p, &text, &mut found);
                }
                p.done_with_text();
            }
            (page, d, found)
        })
        .collect();
    // Sized once: a `Page` is large, and a vector grown by doubling holds up to twice that.
    let mut pages = Vec::with_capacity(results.len());
    let mut unloaded = Vec::new();
    let mut placeholders_found = Vec::with_capacity(results.len());
    for ((page, d, found), file) in results.into_iter().zip(&files) {
        diags.extend(d);
        match page {
            Some(p) => {
                pages.push(p);
                placeholders_found.push(found);
            }
            None => unloaded.push(url_and_kind(file.strip_prefix(&content).unwrap_or(file)).url),
        }
    }
    super::sections::cascade_access(&mut pages, diags);
    super::sections::add_missing_sections(&mut pages, digits);
    super::checks::check_pages(&pages, placeholders_found, crate::site::today(), diags);
    if !include_drafts {
        pages.retain(|p| !p.front.draft);
    }
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    super::sections::check_duplicate_urls(&pages, diags);
    // Kept for the whole build: the sections added after the pages grew the vector, and
    // what each page holds was made with room to spare.
    for p in &mut pages {
        p.shrink_to_fit();
    }
    pages.shrink_to_fit();
    (pages, unloaded)
}

/// Which Markdown files are pages. A page folder (bundle) has one page, its
/// `index.md`: any other `.md` in it or in its plain subfolders (`index - สำเนา.md`,
/// an old version) is named in a warning and neither built nor published; so is a
/// `.md` named like a copy anywhere (`x - Copy.md`, `x (1).md`). Office's `~$…`
/// files are skipped silently. `content/index.md` is taken as the home section.
fn keep_pages(
    root: &Path,
    content: &Path,
    files: Vec<PathBuf>,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    let real_file = |p: PathBuf| fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
    let is_bundle_dir = |d: &Path| d != content && real_file(d.join("index.md"));
    let is_section_dir = |d: &Path| d == content || real_file(d.join("_index.md"));
    let mut kept = Vec::with_capacity(files.len());
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name == "index.md" && f.parent() == Some(content) {
            diags.push(
                Diagnostic::warning(rel(root, &f), crate::messages::root_index_md())
                    .with_hint(crate::messages::root_index_md_help()),
            );
        }
        if name == "index.md" || name == "_index.md" {
            kept.push(f);
            continue;
        }
        if crate::files::is_system_junk(&name) && !name.starts_with('.') {
            continue;
        }
        let copy = crate::files::looks_like_copy(&name);
        let in_bundle = f
            .ancestors()
            .skip(1)
            .take_while(|d| d.starts_with(content))
            .find(|d| is_bundle_dir(d) || is_section_dir(d))
            .is_some_and(is_bundle_dir);
        if copy || in_bundle {
            diags.push(
                Diagnostic::warning(
                    rel(root, &f),
                    crate::messages::not_a_page(&name, copy && !in_bundle),
                )
                .with_hint(crate::messages::not_a_page_help()),
            );
            continue;
        }
        kept.push(f);
    }
    kept
}

fn rel(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

/// Where a content file is published, from its path under `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    pub(crate) url: String,
    pub(crate) kind: Kind,
    /// The file is a bundle's page (`index.md` in a folder of its own).
    pub(crate) is_bundle: bool,
}

/// The URL and kind of a content file from its path under `content/`.
pub(crate) fn url_and_kind(rel_to_content: &Path) -> Placement {
    let parts: Vec<String> = rel_to_content
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let Some((file, dirs)) = parts.split_last() else {
        return Placement {
            url: "/".into(),
            kind: Kind::Section,
            is_bundle: false,
        };
    };
    // URLs never carry Thai digits: `๒๕๖๓/๐๕.md` is `/2563/05/` (THAI.md: digits in URLs break them).
    // Every segment is a name every file system holds (`จปฐ.` → `จปฐ`, `CON` → `CON_`).
    let dirs: Vec<String> = dirs
        .iter()
        .map(|d| crate::slug::url_segment(&thai::normalize_digits(d)))
        .collect();
    let file = &thai::normalize_digits(file);
    let mut segs: Vec<String> = dirs.clone();
    let (kind_override, bundle) = match file.as_str() {
        "_index.md" => (Some(Kind::Section), false),
        // The home page is a section whatever its name: never a bundle of everything.
        "index.md" if dirs.is_empty() => (Some(Kind::Section), false),
        "index.md" => (None, true),
        other => {
            segs.push(crate::slug::url_segment(
                other.strip_suffix(".md").unwrap_or(other),
            ));
            (None, false)
        }
    };
    let url = if segs.is_empty() {
        "/".to_owned()
    } else {
        format!("/{}/", segs.join("/"))
    };
    let kind = kind_override.unwrap_or(match dirs.first().map(String::as_str) {
        Some("minutes") => Kind::Minutes,
        Some("contests") => Kind::Contest,
        _ => Kind::Page,
    });
    Placement {
        url,
        kind,
        is_bundle: bundle,
    }
}

/// What reloading one changed file did to the loaded pages.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reload {
    /// The page at this URL was replaced in place.
    Replaced(String),
    /// The file has errors; the pages are unchanged.
    Failed,
    /// Pages appeared, disappeared, moved, or a section changed: load everything again.
    NeedsFull,
}

/// Reload one Markdown file of `content/` in place, for `serve`. Anything that
/// could change which pages exist, or who sees them, asks for a full reload.
pub(crate) fn reload_one(
    root: &Path,
    pages: &mut [Page],
    file: &Path,
    include_drafts: bool,
    diags: &mut Diagnostics,
) -> Reload {
    let content = root.join("content");
    let is_section = file.file_name().is_some_and(|n| n == "_index.md");
    if is_section || !file.is_file() || !file.starts_with(&content) {
        return Reload::NeedsFull;
    }
    let Some(mut page) = load_page(root, &content, file, (true, true), diags) else {
        return Reload::Failed;
    };
    let Ok(i) = pages.binary_search_by(|p| p.url.as_str().cmp(page.url.as_str())) else {
        return Reload::NeedsFull;
    };
    let draft_changed = page.front.draft != pages[i].front.draft;
    if pages[i].path != page.path || draft_changed || (page.front.draft && !include_drafts) {
        return Reload::NeedsFull;
    }
    super::sections::AccessRule::of(pages).apply(&mut page, diags);
    if page.access != pages[i].access {
        return Reload::NeedsFull;
    }
    let url = page.url.clone();
    pages[i] = page;
    Reload::Replaced(url)
}

/// One content file read, split and checked into a page; `None` when it cannot be.
///
/// Longer than 60 lines for now: it reads the file, then reads each typed
/// front-matter value in turn. The spans work of issue 11 rewrites its positions;
/// its split (reading the source, the typed values) follows that, not before.
/// The text stays held by the page when `keep`; otherwise until [`Page::done_with_text`].
/// Its own front matter is held when `hold_own` (see [`HOLD_OWN_PAGES`]).
fn load_page(
    root: &Path,
    content: &Path,
    file: &Path,
    (keep, hold_own): (bool, bool),
    diags: &mut Diagnostics,
) -> Option<Page> {
    let path = rel(root, file);
    let meta = fs::metadata(file).ok()?;
    if meta.len() > MAX_FILE_BYTES {
        diags.push(
            Diagnostic::error(&path, messages::file_too_large(meta.len(), MAX_FILE_BYTES))
                .with_hint(messages::file_too_large_help()),
        );
        return None;
    }
    let bytes = match fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                &path,
                messages::cannot_read(&crate::diag::io_error(&e)),
            ));
            return None;
        }
    };
    let text = match crate::files::utf8_string(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (msg, help) = messages::not_utf8(e.as_bytes());
            let d = if msg.en.contains("UTF-16") {
                Diagnostic::error(&path, msg)
            } else {
                // The text up to the first bad byte is as written: point at that byte.
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let source = Arc::new(SourceFile::new(&path, lossy));
                Diagnostic::error_at(&source, Span::at(e.utf8_error().valid_up_to()), msg)
            };
            diags.push(d.with_hint(help));
            return None;
        }
    };
    let Placement {
        url,
        kind,
        is_bundle,
    } = url_and_kind(file.strip_prefix(content).unwrap_or(file));
    let text = Arc::new(SourceFile::new(&path, text));
    let split = front_matter::split(&text, diags)?;
    let front = front_matter::parse(&text, &split, kind, diags)?;
    let body_start = split.body_start;
    let scanned = super::scan::scan(&text, body_start, kind == Kind::Minutes, diags);
    let mut err = |span: Span, msg: Msg, hint: Msg| {
        diags.push(Diagnostic::error_at(&text, span, msg).with_hint(hint));
    };
    let span_of = |v: &Spanned<String>| front.span(&text, v);
    let date = front
        .date
        .as_ref()
        .and_then(|d| date_value(d, span_of(d), "date", &mut err));
    let access = match front.access.as_ref() {
        None => Access::Public,
        Some(a) => Access::parse(&a.value).unwrap_or_else(|| {
            err(
                span_of(a),
                messages::bad_access(&a.value),
                messages::bad_access_help(),
            );
            Access::Public
        }),
    };
    let time_of = |v: &Option<Spanned<String>>, key: &str, err: &mut dyn FnMut(Span, Msg, Msg)| {
        v.as_ref().and_then(|t| {
            let parsed = thai::parse_time(&t.value);
            if parsed.is_none() {
                err(
                    span_of(t),
                    messages::bad_time(key, &t.value),
                    messages::bad_time_help(),
                );
            }
            parsed
        })
    };
    let time: Option<NaiveTime> = time_of(&front.time, "time", &mut err);
    let opened = time_of(&front.opened, "opened", &mut err);
    let closed = time_of(&front.closed, "closed", &mut err);
    let meeting = front
        .meeting
        .as_ref()
        .and_then(|m| meeting_value(m, span_of(m), "meeting", &mut err));
    let certifies = front
        .certifies
        .as_ref()
        .and_then(|m| meeting_value(m, span_of(m), "certifies", &mut err));
    let deadline = front
        .deadline
        .as_ref()
        .and_then(|d| date_value(d, span_of(d), "deadline", &mut err));
    let judging = front
        .judging
        .as_ref()
        .and_then(|d| date_value(d, span_of(d), "judging", &mut err));
    let mut deadlines = scanned.deadlines;
    for d in &front.deadlines {
        if let Some(date) = date_value(&d.date, span_of(&d.date), "deadlines.date", &mut err) {
            deadlines.push(Deadline {
                date,
                task: d.task.clone(),
                anchor: None,
            });
        }
    }
    if kind == Kind::Minutes && front.meeting.is_none() {
        let (msg, help) = messages::minutes_need_meeting();
        err(split.close, msg, help);
    }
    if kind == Kind::Minutes && front.date.is_none() {
        let (msg, help) = messages::minutes_need_date();
        err(split.close, msg, help);
    }
    if kind == Kind::Contest {
        check_criteria(&front, &text, diags);
    }
    let contest_refs = super::contest_refs(super::body(&text, body_start));
    let mut front = front;
    let mut title = front.title.take().unwrap_or_default();
    let own = (hold_own && matches!(kind, Kind::Minutes | Kind::Contest))
        .then(|| Box::new(front.take_own()));
    let front = front.kept(&text);
    title.shrink_to_fit();
    deadlines.shrink_to_fit();
    let mut links = scanned.links;
    links.shrink_to_fit();
    let mut target_calls: Vec<_> = scanned
        .shortcodes
        .into_iter()
        .filter(super::targets_checked)
        .collect();
    // Collected in place: the vector keeps the capacity of every call found.
    target_calls.shrink_to_fit();
    Some(Page {
        path,
        is_bundle,
        kind,
        url,
        title,
        date,
        access,
        body_start,
        text: super::PageText::loaded(file, text, keep),
        meeting,
        time,
        opened,
        closed,
        certifies,
        deadlines,
        deadline,
        judging,
        target_calls,
        call_lines: scanned.call_lines.into_boxed_slice(),
        links,
        contest_refs,
        front,
        own,
    })
}

fn date_value(
    d: &Spanned<String>,
    span: Span,
    key: &str,
    err: &mut dyn FnMut(Span, Msg, Msg),
) -> Option<NaiveDate> {
    let parsed = thai::parse_date(&d.value);
    if parsed.is_none() {
        let (msg, help) = crate::messages::bad_date(key, &d.value);
        err(span, msg, help);
    }
    parsed
}

fn meeting_value(
    m: &Spanned<String>,
    span: Span,
    key: &str,
    err: &mut dyn FnMut(Span, Msg, Msg),
) -> Option<MeetingNo> {
    match thai::parse_meeting(&m.value) {
        Some((number, year)) => Some(MeetingNo { year, number }),
        None => {
            err(
                span,
                messages::bad_meeting(key, &m.value),
                messages::bad_meeting_help(),
            );
            None
        }
    }
}

fn check_criteria(
    front: &front_matter::FrontMatter,
    source: &Arc<SourceFile>,
    diags: &mut Diagnostics,
) {
    if front.criteria.is_empty() {
        return;
    }
    let sum: f64 = front.criteria.iter().map(|c| c.points).sum();
    let total = front.total_points.unwrap_or(100.0);
    if (sum - total).abs() > 1e-9 {
        let span = front.key_span(source, "criteria").unwrap_or_default();
        diags.push(
            Diagnostic::error_at(
                source,
                span,
                messages::criteria_sum(&fmt_num(sum), &fmt_num(total)),
            )
            .with_hint(messages::criteria_sum_help()),
        );
    }
    let mut prizes_at = None;
    for p in &front.prizes {
        if let Some(cat) = &p.category
            && !front.categories.is_empty()
            && !front.categories.contains(cat)
        {
            // Read again only for a diagnostic, and once for all of them.
            let span = *prizes_at
                .get_or_insert_with(|| front.key_span(source, "prizes").unwrap_or_default());
            diags.push(
                Diagnostic::error_at(
                    source,
                    span,
                    messages::prize_category(cat, &front.categories.join(", ")),
                )
                .with_hint(messages::prize_category_help()),
            );
        }
    }
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_kinds_from_paths() {
        let cases = [
            ("_index.md", "/", Kind::Section, false),
            ("minutes/_index.md", "/minutes/", Kind::Section, false),
            (
                "minutes/2563/05.md",
                "/minutes/2563/05/",
                Kind::Minutes,
                false,
            ),
            (
                "minutes/2563/05/index.md",
                "/minutes/2563/05/",
                Kind::Minutes,
                true,
            ),
            (
                "contests/fabric-2563.md",
                "/contests/fabric-2563/",
                Kind::Contest,
                false,
            ),
            ("pages/about.md", "/pages/about/", Kind::Page, false),
        ];
        for (p, url, kind, bundle) in cases {
            let want = Placement {
                url: url.to_owned(),
                kind,
                is_bundle: bundle,
            };
            assert_eq!(url_and_kind(Path::new(p)), want, "{p}");
        }
    }
}
