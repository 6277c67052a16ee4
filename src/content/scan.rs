//! A light pass over a body before rendering: find its shortcodes, its links (for the
//! check stage) and the deadlines its shortcodes set, each with the anchor of the item it
//! sits under, so listings and calendars know them without rendering the page; and in
//! minutes, check the agendas and items (warnings at their lines). Links and headings come
//! from one parse, `markdown::survey`, whose heading ids are the renderer's.

use std::collections::HashMap;
use std::sync::Arc;

use super::Deadline;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::anchors::anchor_for;
use crate::markdown::shortcodes::{self, Shortcode};
use crate::markdown::{self, Outline};
use crate::messages;
use crate::source::{SourceFile, Span};
use crate::thai;

/// What the scan of a body found.
pub(crate) struct Scanned {
    pub(crate) shortcodes: Vec<Shortcode>,
    /// Where they are: see [`shortcodes::find_with_lines`].
    pub(crate) call_lines: Vec<usize>,
    pub(crate) deadlines: Vec<Deadline>,
    /// The links and images the check stage looks at.
    pub(crate) links: Vec<markdown::Link>,
}

/// Shortcodes, links and deadlines of the body of `source` (from byte `body_start`).
/// `minutes`: the body is the minutes of a meeting, whose agenda and item headings are checked.
pub(crate) fn scan(
    source: &Arc<SourceFile>,
    body_start: usize,
    minutes: bool,
    diags: &mut Diagnostics,
) -> Scanned {
    let (scs, call_lines) = shortcodes::find_with_lines(source, body_start, diags);
    let body = source.get(body_start..).unwrap_or("");
    // The outline places deadlines under their items and is what minutes are checked on.
    let want = markdown::Want {
        outline: minutes || scs.iter().any(|s| s.name == "deadline"),
        links: true,
    };
    let survey = markdown::survey(body, body_start, &scs, want);
    let deadlines = deadlines(source, &survey.outline, &scs, minutes, diags);
    Scanned {
        shortcodes: scs,
        call_lines,
        deadlines,
        links: survey.links,
    }
}

/// The deadlines `scs` set, each under its item; in minutes, the structure checked too.
fn deadlines(
    source: &Arc<SourceFile>,
    outline: &Outline,
    scs: &[Shortcode],
    minutes: bool,
    diags: &mut Diagnostics,
) -> Vec<Deadline> {
    let mut deadlines = Vec::new();
    if minutes {
        check_minutes(outline, source, diags);
    }
    // Items are headings of level 2 and below, as in the renderer.
    let items: Vec<&markdown::Heading> = outline.headings.iter().filter(|h| h.level >= 2).collect();
    for sc in scs.iter().filter(|s| s.name == "deadline") {
        let date_s = sc.arg("date").unwrap_or_default();
        let Some(date) = thai::parse_date(date_s) else {
            let (msg, help) = crate::messages::bad_date("deadline(date=…)", date_s);
            diags.push(Diagnostic::error_at(source, Span::at(sc.at), msg).with_hint(help));
            continue;
        };
        let before = items.partition_point(|h| h.offset <= sc.start);
        let anchor = before.checked_sub(1).map(|k| items[k].id.clone());
        deadlines.push(Deadline {
            date,
            task: sc.arg("task").unwrap_or_default().to_owned(),
            anchor,
        });
    }
    deadlines
}

/// What a heading's number says: `ระเบียบวาระที่ ๓` → agenda 3; `๓.๑ …` → item [3, 1].
enum Number {
    Agenda(u64),
    Item(Vec<u64>),
    None,
}

fn number_of(text: &str) -> Number {
    let base = anchor_for(text);
    let nums = |s: &str| -> Option<Vec<u64>> { s.split('-').map(|p| p.parse().ok()).collect() };
    if let Some(n) = base.strip_prefix("agenda-").and_then(|s| s.parse().ok()) {
        return Number::Agenda(n);
    }
    match base.strip_prefix("item-").and_then(nums) {
        Some(v) if !v.is_empty() => Number::Item(v),
        _ => Number::None,
    }
}

/// Minutes structure: agendas in increasing order; each item numbered, once, and
/// within the agenda it sits under; every resolution with its colon. All warnings.
fn check_minutes(outline: &Outline, source: &Arc<SourceFile>, diags: &mut Diagnostics) {
    let warn =
        |at: usize, msg, help| Diagnostic::warning_at(source, Span::at(at), msg).with_hint(help);
    let mut agenda: Option<u64> = None;
    let mut last_agenda: Option<u64> = None;
    let mut seen: HashMap<Vec<u64>, usize> = HashMap::new();
    for h in outline.headings.iter().filter(|h| h.level >= 2) {
        let shown = h.text.split_whitespace().next().unwrap_or_default();
        match (h.level, number_of(&h.text)) {
            (2, Number::Agenda(n)) => {
                if let Some(prev) = last_agenda
                    && n <= prev
                {
                    diags.push(warn(
                        h.at,
                        messages::agenda_out_of_order(&n.to_string(), &prev.to_string()),
                        messages::agenda_out_of_order_help(),
                    ));
                }
                agenda = Some(n);
                last_agenda = Some(last_agenda.map_or(n, |p| p.max(n)));
            }
            (2, _) => agenda = None,
            (_, Number::Item(v)) => {
                if let Some(&first) = seen.get(&v) {
                    // Its line counted only now: most pages have no duplicate.
                    let first = source.line_col(first).0;
                    diags.push(warn(
                        h.at,
                        messages::item_duplicated(shown, first, &h.id),
                        messages::item_duplicated_help(),
                    ));
                } else {
                    seen.insert(v.clone(), h.at);
                }
                if let Some(a) = agenda
                    && v.first() != Some(&a)
                {
                    diags.push(warn(
                        h.at,
                        messages::item_outside_agenda(shown, &a.to_string()),
                        messages::item_outside_agenda_help(&a.to_string()),
                    ));
                }
            }
            (_, Number::None) if agenda.is_some() && !h.explicit => diags.push(warn(
                h.at,
                messages::item_unnumbered(&h.text),
                messages::item_unnumbered_help(),
            )),
            _ => {}
        }
    }
    for &at in &outline.colonless_resolutions {
        diags.push(warn(
            at,
            messages::resolution_without_colon(),
            messages::resolution_without_colon_help(),
        ));
    }
}
