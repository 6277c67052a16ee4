//! A light pass over a body before rendering: find its shortcodes and the
//! deadlines they set, each with the anchor of the item it sits under, so
//! listings and calendars know them without rendering the page.

use std::path::Path;

use super::Deadline;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::anchors::Anchors;
use crate::markdown::shortcodes::{self, Shortcode};
use crate::thai;

/// Shortcodes of a body and the deadlines they set.
pub fn scan(
    body: &str,
    first_line: usize,
    path: &Path,
    full_text: &str,
    diags: &mut Diagnostics,
) -> (Vec<Shortcode>, Vec<Deadline>) {
    let scs = shortcodes::find(body, first_line, path, full_text, diags);
    let mut deadlines = Vec::new();
    if !scs.iter().any(|s| s.name == "deadline") {
        return (scs, deadlines);
    }
    // Heading anchors by line, assigned in document order as the renderer does.
    let mut anchors = Anchors::default();
    let mut heads: Vec<(usize, String)> = Vec::new();
    let mut in_fence = false;
    for (i, line) in body.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let hashes = t.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            let text = t[hashes..].trim().trim_end_matches('#').trim();
            let id = anchors.assign(text);
            if hashes >= 2 {
                heads.push((first_line + i, id));
            }
        }
    }
    for sc in scs.iter().filter(|s| s.name == "deadline") {
        let date_s = sc.arg("date").unwrap_or_default();
        let Some(date) = thai::parse_date(date_s) else {
            let (msg, help) = crate::messages::bad_date("deadline(date=…)", date_s);
            diags.push(
                Diagnostic::error(path, sc.line, sc.col, msg)
                    .with_hint(help)
                    .with_source(full_text),
            );
            continue;
        };
        let anchor = heads
            .iter()
            .take_while(|(l, _)| *l <= sc.line)
            .last()
            .map(|(_, id)| id.clone());
        deadlines.push(Deadline {
            date,
            task: sc.arg("task").unwrap_or_default().to_owned(),
            anchor,
        });
    }
    (scs, deadlines)
}
