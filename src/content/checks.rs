//! Checks over loaded pages that need more than one page or the theme: the
//! plausibility of minutes (dates, times, numbers, folders), one page per meeting,
//! and archetype placeholders left in a page that is about to be published.
//!
//! Takes the loaded pages (drafts included, which are skipped here) and gives
//! diagnostics; reads nothing but the site's own archetypes.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::front_matter::Kind;
use super::{MeetingNo, Page};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::messages;
use crate::source::Span;
use crate::thai;

/// Every check of this module over `pages`, with "today" for the future-date warning;
/// `placeholders_found` are the diagnostics of [`Placeholders::check`], made at load.
pub(super) fn check_pages(
    pages: &[Page],
    placeholders_found: Vec<Diagnostics>,
    today: NaiveDate,
    diags: &mut Diagnostics,
) {
    let published: Vec<&Page> = pages.iter().filter(|p| !p.front.draft).collect();
    for p in published.iter().filter(|p| p.kind == Kind::Minutes) {
        check_minutes(p, today, diags);
    }
    duplicate_meetings(&published, diags);
    // The placeholders were looked for as each page loaded (its text is not held after):
    // their diagnostics, in page order, come last as before.
    for d in placeholders_found {
        diags.extend(d);
    }
}

fn at(
    p: &Page,
    span: Span,
    msg: (crate::diag::Msg, crate::diag::Msg),
    severity: Severity,
) -> Diagnostic {
    let d = match severity {
        Severity::Warning => Diagnostic::warning_at(&p.text(), span, msg.0),
        Severity::Error => Diagnostic::error_at(&p.text(), span, msg.0),
    };
    d.with_hint(msg.1)
}

fn check_minutes(p: &Page, today: NaiveDate, diags: &mut Diagnostics) {
    let spans = &p.front.at;
    if let (Some(meeting), Some(cert), Some(span)) = (p.meeting, p.certifies, spans.certifies)
        && cert >= meeting
    {
        diags.push(at(
            p,
            span,
            messages::certifies_not_earlier(cert, meeting),
            Severity::Error,
        ));
    }
    if let (Some(o), Some(c), Some(span)) = (p.opened, p.closed, spans.closed)
        && c < o
    {
        diags.push(at(
            p,
            span,
            messages::closed_before_opened(o, c),
            Severity::Error,
        ));
    }
    if let (Some(m), Some(d), Some(span)) = (p.meeting, p.date, spans.meeting) {
        let (calendar, fiscal) = (thai::be_year(d), thai::fiscal_year(d));
        if m.year != calendar && m.year != fiscal {
            diags.push(at(
                p,
                span,
                messages::meeting_year_mismatch(m, d),
                Severity::Warning,
            ));
        }
    }
    if let (Some(m), Some(span)) = (p.meeting, spans.meeting)
        && let Some((year, number)) = folder_meeting(&p.path)
        && (year != m.year || number.is_some_and(|n| n != m.number))
    {
        diags.push(at(
            p,
            span,
            messages::folder_mismatch(m, &p.url),
            Severity::Warning,
        ));
    }
    if let (Some(d), Some(span)) = (p.date, spans.date)
        && d > today
    {
        diags.push(at(
            p,
            span,
            messages::meeting_in_future(d),
            Severity::Warning,
        ));
    }
}

/// The BE year and, when it is a number, the meeting number of a minutes path:
/// `content/minutes/2563/05/index.md` → (2563, Some(5)); `content/minutes/2563/x.md` → (2563, None).
fn folder_meeting(path: &Path) -> Option<(i32, Option<u32>)> {
    let parts: Vec<String> = path
        .components()
        .map(|c| thai::normalize_digits(&c.as_os_str().to_string_lossy()))
        .collect();
    let i = parts.iter().position(|s| s == "minutes")?;
    let year: i32 = parts.get(i + 1)?.parse().ok()?;
    let leaf = parts.get(i + 2)?;
    let leaf = leaf.strip_suffix(".md").unwrap_or(leaf);
    let number = if leaf.chars().all(|c| c.is_ascii_digit()) && !leaf.is_empty() {
        leaf.parse().ok()
    } else {
        None
    };
    Some((year, number))
}

/// Two minutes claiming one meeting number is an error naming both files.
fn duplicate_meetings(pages: &[&Page], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<MeetingNo, &Page> = BTreeMap::new();
    for p in pages.iter().filter(|p| p.kind == Kind::Minutes) {
        // `meeting` is read from the front matter's `meeting:`, so both are there.
        let (Some(m), Some(written)) = (p.meeting, p.front.at.meeting) else {
            continue;
        };
        match seen.get(&m) {
            Some(first) => {
                let span = written;
                diags.push(at(
                    p,
                    span,
                    messages::duplicate_meeting(m, &first.path),
                    Severity::Error,
                ));
            }
            None => {
                seen.insert(m, p);
            }
        }
    }
}

/// The placeholder texts of the archetypes `wara new` writes from: `(ชื่อเรื่อง)` and
/// the like, the site's own archetype where it overrides the embedded one.
pub(super) struct Placeholders {
    by_kind: Vec<(Kind, Vec<String>)>,
}

impl Placeholders {
    pub(super) fn load(root: &Path) -> Self {
        let by_kind = [Kind::Minutes, Kind::Contest, Kind::Page]
            .into_iter()
            .map(|k| (k, placeholders_in(&crate::new::archetype_text(root, k))))
            .collect();
        Self { by_kind }
    }

    /// Look for placeholders in the text of a page that is to be published (`text`, its file).
    pub(super) fn check(&self, p: &Page, text: &str, diags: &mut Diagnostics) {
        let Some((_, list)) = self.by_kind.iter().find(|(k, _)| {
            *k == p.kind || (*k == Kind::Page && !matches!(p.kind, Kind::Minutes | Kind::Contest))
        }) else {
            return;
        };
        // Every placeholder is `(…)` without another `(` inside, so the matches of one
        // never overlap: the same hits as `match_indices` per placeholder, the first 20 each,
        // found in one pass over the page.
        let mut hits: Vec<Vec<usize>> = vec![Vec::new(); list.len()];
        for (off, _) in text.match_indices('(') {
            let rest = &text[off..];
            for (ph, h) in list.iter().zip(hits.iter_mut()) {
                if h.len() < 20 && rest.starts_with(ph.as_str()) {
                    h.push(off);
                }
            }
        }
        for (ph, offs) in list.iter().zip(hits) {
            for off in offs {
                diags.push(at(
                    p,
                    Span::at(off),
                    messages::placeholder_left(ph),
                    Severity::Error,
                ));
            }
        }
    }
}

/// `(…)` runs of an archetype that start with a Thai letter and hold no `{`:
/// the texts staff are meant to replace.
fn placeholders_in(archetype: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = archetype;
    while let Some(i) = rest.find('(') {
        let after = &rest[i + 1..];
        let Some(j) = after.find([')', '(', '\n']) else {
            break;
        };
        let inner = &after[..j];
        if after[j..].starts_with(')')
            && inner
                .chars()
                .next()
                .is_some_and(|c| ('\u{0E01}'..='\u{0E4F}').contains(&c))
            && !inner.contains('{')
        {
            let ph = format!("({inner})");
            if !out.contains(&ph) {
                out.push(ph);
            }
        }
        rest = &after[j..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_thai_texts_in_parentheses() {
        let a = "title: {{title}}\nsummary: (สรุปหนึ่งประโยค)\n---\n\n### ๑.๑ (ชื่อเรื่อง)\n\n{{ deadline(date=\"{{date}}\", task=\"(งานที่ต้องส่ง)\") }}\n(see below)\n(ชื่อเรื่อง)\n";
        assert_eq!(
            placeholders_in(a),
            ["(สรุปหนึ่งประโยค)", "(ชื่อเรื่อง)", "(งานที่ต้องส่ง)"]
        );
    }

    #[test]
    fn minutes_folders_name_year_and_number() {
        assert_eq!(
            folder_meeting(Path::new("content/minutes/2563/05/index.md")),
            Some((2563, Some(5)))
        );
        assert_eq!(
            folder_meeting(Path::new("content/minutes/๒๕๖๓/๐๖.md")),
            Some((2563, Some(6)))
        );
        assert_eq!(
            folder_meeting(Path::new("content/minutes/2563/06-old/index.md")),
            Some((2563, None))
        );
    }
}
