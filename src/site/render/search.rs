//! The search index (`/search-index.json`): one entry per page, its body cut into
//! passages at its h2–h4 headings, so a hit leads to the agenda item that holds it
//! rather than to the top of a long page. Matching (substring, so Thai words are
//! found inside unspaced Thai text), ranking, snippets and highlighting are done by
//! the theme's `search.js`.

use chrono::NaiveDate;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use crate::markdown::PlainSection;

/// What the search index holds of a page.
#[derive(Clone)]
pub(crate) struct SearchEntry {
    pub(crate) url: String,
    /// `{"t": title, "u": url, "d": "YYYY-MM-DD", "s": [[id, heading, text], …]}`,
    /// serialized once when the page renders. `d` is left out for an undated page;
    /// the first passage (the text before the first heading) has an empty id.
    pub(crate) json: String,
}

impl SearchEntry {
    /// At most `budget` characters of headings and text are kept, cut at a grapheme
    /// cluster boundary (a Thai vowel or tone mark stays with its consonant).
    pub(crate) fn new(
        title: &str,
        url: &str,
        date: Option<NaiveDate>,
        sections: &[PlainSection],
        budget: usize,
    ) -> Self {
        #[derive(serde::Serialize)]
        struct Entry<'a> {
            t: &'a str,
            u: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            d: Option<String>,
            s: Vec<(&'a str, String, String)>,
        }
        let mut left = budget;
        let mut s = Vec::with_capacity(sections.len());
        for sec in sections {
            if left == 0 {
                break;
            }
            let heading = clip(&collapse(&sec.heading, left), &mut left);
            let text = clip(&collapse(&sec.text, left), &mut left);
            if sec.id.is_empty() && heading.is_empty() && text.is_empty() {
                continue;
            }
            s.push((sec.id.as_str(), heading, text));
        }
        let mut json = serde_json::to_string(&Entry {
            t: title,
            u: url,
            d: date.map(|d| d.format("%Y-%m-%d").to_string()),
            s,
        })
        .unwrap_or_default();
        json.shrink_to_fit(); // kept for the whole build: no spare capacity
        Self {
            url: url.to_owned(),
            json,
        }
    }
}

/// Runs of white space become one space; no space at either end. Only as much as
/// [`clip`] to `left` characters needs: the text up to the end of the word that passes it.
fn collapse(s: &str, left: usize) -> String {
    crate::markdown::collapse_spaces_past(s, left)
}

/// The longest prefix of `s` of whole grapheme clusters within `left` characters;
/// `left` goes down by what was taken (to 0 when `s` was cut).
fn clip(s: &str, left: &mut usize) -> String {
    let total = s.chars().count();
    if total <= *left {
        *left -= total;
        return s.to_owned();
    }
    // The cut: the start of the first character that does not fit, moved back to a
    // grapheme cluster boundary (the same end as taking whole clusters from the start).
    if let Some((cut, _)) = s.char_indices().nth(*left) {
        let mut cursor = GraphemeCursor::new(cut, s.len(), true);
        let end = match cursor.is_boundary(s, 0) {
            Ok(true) => Some(cut),
            Ok(false) => cursor.prev_boundary(s, 0).ok().map(|b| b.unwrap_or(0)),
            Err(_) => None,
        };
        if let Some(end) = end {
            *left = 0;
            return s[..end].to_owned();
        }
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let n = g.chars().count();
        if used + n > *left {
            break;
        }
        used += n;
        out.push_str(g);
    }
    *left = 0;
    out
}

/// The index file written as pages render, their entries given in URL order: the same bytes
/// as [`write_index_json`] of the entries kept by URL (of two entries for one URL, the later),
/// with none held but the last (a large site's entries are tens of megabytes).
pub(crate) struct IndexStream<W: std::io::Write> {
    out: W,
    /// The last entry given: written when the next has another URL.
    pending: Option<SearchEntry>,
    written: usize,
}

impl<W: std::io::Write> IndexStream<W> {
    pub(crate) fn new(out: W) -> Self {
        Self {
            out,
            pending: None,
            written: 0,
        }
    }

    /// The next entry, its URL not before the last one's. A write error is the writer's:
    /// the rest is written to it all the same (see [`crate::site::write::SinkFile`]).
    pub(crate) fn push(&mut self, entry: SearchEntry) {
        if let Some(last) = self.pending.replace(entry)
            && self.pending.as_ref().is_none_or(|e| e.url != last.url)
        {
            self.write(&last);
        }
    }

    fn write(&mut self, e: &SearchEntry) {
        let sep: &[u8] = if self.written == 0 { b"[" } else { b"," };
        let _ = self.out.write_all(sep);
        let _ = self.out.write_all(e.json.as_bytes());
        self.written += 1;
    }

    /// The array closed; the writer, for its errors.
    pub(crate) fn finish(mut self) -> W {
        if let Some(last) = self.pending.take() {
            self.write(&last);
        }
        let end: &[u8] = if self.written == 0 { b"[]" } else { b"]" };
        let _ = self.out.write_all(end);
        self.out
    }
}

/// The streamed index file closed and finished (its write errors reported here).
pub(crate) fn finish_stream(
    stream: IndexStream<std::io::BufWriter<crate::site::write::SinkFile<'_>>>,
) -> anyhow::Result<()> {
    match stream.finish().into_inner() {
        Ok(file) => file.finish(),
        // The file holds the error of the flush that failed.
        Err(e) => e.into_inner().into_parts().0.finish(),
    }
}

/// The index file: entries in URL order, one JSON array, written as it is made.
pub(crate) fn write_index_json(
    entries: &[&SearchEntry],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut sorted: Vec<&SearchEntry> = entries.to_vec();
    sorted.sort_by(|a, b| a.url.cmp(&b.url));
    out.write_all(b"[")?;
    for (i, e) in sorted.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(e.json.as_bytes())?;
    }
    out.write_all(b"]")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(id: &str, heading: &str, text: &str) -> PlainSection {
        PlainSection {
            id: id.into(),
            heading: heading.into(),
            text: text.into(),
        }
    }

    fn parse(e: &SearchEntry) -> serde_json::Value {
        serde_json::from_str(&e.json).expect("valid JSON")
    }

    #[test]
    fn streamed_index_is_the_index_of_the_entries_kept_by_url() {
        let entry =
            |url: &str, text: &str| SearchEntry::new("ก", url, None, &[sec("", "", text)], 100);
        // In URL order, one URL twice (two pages claim it: the later is kept).
        let given = [
            entry("/a/", "หนึ่ง"),
            entry("/b/", "สอง"),
            entry("/b/", "สองอีก"),
            entry("/c/", "สาม"),
        ];
        for n in 0..=given.len() {
            // What a build wrote before: the entries kept by URL (the later of two), in order.
            let by_url: std::collections::BTreeMap<String, SearchEntry> = given[..n]
                .iter()
                .map(|e| (e.url.clone(), e.clone()))
                .collect();
            let mut old = Vec::new();
            write_index_json(&by_url.values().collect::<Vec<_>>(), &mut old)
                .expect("write to a Vec");
            let mut stream = IndexStream::new(Vec::new());
            for e in &given[..n] {
                stream.push(e.clone());
            }
            let streamed = stream.finish();
            assert_eq!(
                String::from_utf8_lossy(&streamed),
                String::from_utf8_lossy(&old),
                "{n} entries"
            );
        }
        assert_eq!(IndexStream::new(Vec::new()).finish(), b"[]");
    }

    #[test]
    fn entry_holds_one_passage_per_heading_with_its_anchor() {
        let e = SearchEntry::new(
            "ครั้งที่ ๕/๒๕๖๓",
            "/minutes/2563/05/",
            NaiveDate::from_ymd_opt(2020, 5, 14),
            &[
                sec("", "", "สรุป\n\n  การประชุม"),
                sec("agenda-3", "ระเบียบวาระที่ ๓", ""),
                sec(
                    "item-3-17-1",
                    "๓.๑๗.๑ ปลูกผักสวนครัว",
                    "ดำเนินการแล้ว\nร้อยละ ๗๑.๕๘",
                ),
            ],
            10_000,
        );
        let v = parse(&e);
        assert_eq!(v["t"], "ครั้งที่ ๕/๒๕๖๓");
        assert_eq!(v["u"], "/minutes/2563/05/");
        assert_eq!(v["d"], "2020-05-14");
        assert_eq!(v["s"][0], serde_json::json!(["", "", "สรุป การประชุม"]));
        assert_eq!(
            v["s"][1],
            serde_json::json!(["agenda-3", "ระเบียบวาระที่ ๓", ""])
        );
        assert_eq!(
            v["s"][2],
            serde_json::json!([
                "item-3-17-1",
                "๓.๑๗.๑ ปลูกผักสวนครัว",
                "ดำเนินการแล้ว ร้อยละ ๗๑.๕๘"
            ])
        );
    }

    #[test]
    fn empty_opening_passage_and_undated_page_are_left_out() {
        let e = SearchEntry::new(
            "ก",
            "/a/",
            None,
            &[sec("", "", "  "), sec("x", "ข", "ค")],
            100,
        );
        let v = parse(&e);
        assert!(v.get("d").is_none());
        assert_eq!(v["s"], serde_json::json!([["x", "ข", "ค"]]));
    }

    #[test]
    fn budget_cuts_at_a_grapheme_boundary_never_before_a_tone_mark() {
        // "ที่" is three code points in one cluster; a cut after 5 characters
        // would leave "ที" and orphan the tone mark: the cluster is dropped whole.
        let e = SearchEntry::new(
            "t",
            "/a/",
            None,
            &[sec("", "", "กกกที่ดี"), sec("b", "ข", "ค")],
            5,
        );
        let v = parse(&e);
        assert_eq!(v["s"], serde_json::json!([["", "", "กกก"]]));
        let text = v["s"][0][2].as_str().unwrap_or_default();
        assert!(!text.ends_with('\u{0E35}'));
    }

    #[test]
    fn clip_ends_where_whole_clusters_from_the_start_end() {
        // The reference: take grapheme clusters while they fit.
        fn by_clusters(s: &str, left: usize) -> (String, usize) {
            let total = s.chars().count();
            if total <= left {
                return (s.to_owned(), left - total);
            }
            let mut out = String::new();
            let mut used = 0;
            for g in s.graphemes(true) {
                let n = g.chars().count();
                if used + n > left {
                    break;
                }
                used += n;
                out.push_str(g);
            }
            (out, 0)
        }
        for s in [
            "กกกที่ดี",
            "น้ำใจ ผู้ใหญ่บ้าน",
            "a\r\nb",
            "🇹🇭🇹🇭x",
            "👩‍👩‍👧 e\u{301}",
            "",
        ] {
            for left in 0..=s.chars().count() + 1 {
                let mut l = left;
                let got = clip(s, &mut l);
                assert_eq!((got, l), by_clusters(s, left), "{s:?} {left}");
            }
        }
    }

    #[test]
    fn clipping_the_collapsed_prefix_is_clipping_the_collapsed_whole() {
        // Spaces, Thai marks that join the letter before them (and a space before them),
        // flags, CR LF: every cut the budget can make, on the prefix and on the whole.
        for s in [
            "  กกก  ที่ดี\tน้ำใจ\n\nผู้ใหญ่บ้าน ",
            " \u{0E31}ก \u{0E48}\u{0E49}ข  ค",
            "🇹🇭 🇹🇭x\r\ny  e\u{301} f",
            "ประชุมคณะกรรมการพัฒนาสตรีระดับจังหวัด ครั้งที่ ๕/๒๕๖๓",
            "",
        ] {
            let whole = crate::markdown::collapse_spaces(s);
            for left in 0..=whole.chars().count() + 2 {
                let (mut a, mut b) = (left, left);
                let from_prefix = clip(&collapse(s, left), &mut a);
                assert_eq!(from_prefix, clip(&whole, &mut b), "{s:?} {left}");
                assert_eq!(a, b, "{s:?} {left}");
            }
        }
    }
}
