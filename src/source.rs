//! Source files and spans: a position is a byte range in a [`SourceFile`]; its line
//! and column are computed only when a diagnostic is printed.
//!
//! Lines end at `\n` (a `\r` before it is not part of the line's text); columns are
//! 1-based and counted in chars, as editors and serde-saphyr count them, a byte-order
//! mark at the start of the file not counted.

use std::ops::{Deref, Range};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One file as read: its path (as messages show it, relative to the site root) and
/// its text. The table of line starts is built on the first position asked for.
#[derive(Debug)]
pub(crate) struct SourceFile {
    path: PathBuf,
    text: String,
    line_starts: OnceLock<Vec<usize>>,
}

/// A byte range in a [`SourceFile`]; an empty range is a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Span {
    pub(crate) fn new(range: Range<usize>) -> Self {
        Self {
            start: range.start,
            end: range.end.max(range.start),
        }
    }

    /// The point at byte `offset`.
    pub(crate) fn at(offset: usize) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }
}

impl SourceFile {
    pub(crate) fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        })
    }

    /// The 0-based index of the line holding byte `offset` (past the end: the last line).
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&s| s <= offset) - 1
    }

    /// The 1-based line and column (in chars) of byte `offset`. An offset past the end,
    /// or inside a char, is taken at the char before it.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_index(offset);
        let mut start = self.line_starts()[line];
        if start == 0 && self.text.starts_with('\u{feff}') {
            start = '\u{feff}'.len_utf8().min(offset);
        }
        (line + 1, self.text[start..offset].chars().count() + 1)
    }

    /// The text of 1-based line `line`, without its line ending; `None` past the last line.
    pub(crate) fn line_text(&self, line: usize) -> Option<&str> {
        let starts = self.line_starts();
        let start = *starts.get(line.checked_sub(1)?)?;
        if start == self.text.len() {
            // After a final line break there is no further line (as `str::lines` counts).
            return None;
        }
        let end = starts.get(line).map_or(self.text.len(), |&next| next - 1);
        let text = &self.text[start..end];
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// The byte offset where 1-based line `line` starts (the end of the text past the last).
    pub(crate) fn line_start(&self, line: usize) -> usize {
        let starts = self.line_starts();
        line.checked_sub(1)
            .and_then(|i| starts.get(i))
            .copied()
            .unwrap_or(self.text.len())
    }
}

impl SourceFile {
    /// Where a YAML node is, from serde-saphyr's location of it in the part of this file
    /// that starts at byte `base`: its byte offset when serde-saphyr gives one, else
    /// its line and column (syntax errors carry only those).
    pub(crate) fn yaml_span(&self, loc: &serde_saphyr::Location, base: usize) -> Span {
        let span = loc.span();
        let byte = |v: Option<u64>| v.and_then(|v| usize::try_from(v).ok());
        if let Some(start) = byte(span.byte_offset()) {
            let len = byte(span.byte_len()).unwrap_or(0);
            return Span::new(base + start..base + start + len);
        }
        let line = usize::try_from(loc.line()).unwrap_or(1).max(1);
        let col = usize::try_from(loc.column()).unwrap_or(1).max(1);
        let base = base.min(self.text.len());
        let start = if line == 1 {
            base
        } else {
            self.line_start(self.line_index(base) + line)
        };
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let rest = &self.text[start..end];
        let within = rest
            .char_indices()
            .nth(col - 1)
            .map_or(rest.len(), |(i, _)| i);
        Span::at(start + within)
    }
}

impl Deref for SourceFile {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_char_columns() {
        let f = SourceFile::new("a.md", "ab\r\nวันที่ x\n\nz");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(1), (1, 2));
        assert_eq!(f.line_col(4), (2, 1));
        let x = f.find('x').expect("x");
        assert_eq!(f.line_col(x), (2, 8));
        assert_eq!(f.line_col(x + 2), (3, 1));
        assert_eq!(f.line_col(f.len() + 10), (4, 2));
        // Inside a multi-byte char: the char it belongs to.
        assert_eq!(f.line_col(5), (2, 1));
        assert_eq!(f.line_text(1), Some("ab"));
        assert_eq!(f.line_text(2), Some("วันที่ x"));
        assert_eq!(f.line_text(3), Some(""));
        assert_eq!(f.line_text(4), Some("z"));
        assert_eq!(f.line_text(5), None);
        assert_eq!(f.line_text(0), None);
        assert_eq!(f.line_start(2), 4);
    }

    #[test]
    fn line_text_counts_lines_as_str_lines_does() {
        for text in ["", "a", "a\n", "a\n\n", "a\r\nb\r\n", "\n"] {
            let f = SourceFile::new("x", text);
            let lines: Vec<&str> = text.lines().collect();
            for (i, l) in lines.iter().enumerate() {
                assert_eq!(f.line_text(i + 1), Some(*l), "{text:?}");
            }
            if !text.is_empty() {
                assert_eq!(f.line_text(lines.len() + 1), None, "{text:?}");
            }
        }
    }

    #[test]
    fn yaml_positions_from_line_and_column_count_from_the_base() {
        let text = "---\ntitle: a\nวัน: b: c\n---\n";
        let f = SourceFile::new("a.md", text);
        let yaml = &text[4..text.len() - 4];
        let err = serde_saphyr::from_str::<serde::de::IgnoredAny>(yaml).unwrap_err();
        let loc = err.location().expect("location");
        let span = f.yaml_span(&loc, 4);
        assert_eq!(f.line_col(span.start), (3, loc.column() as usize));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let f = SourceFile::new("a.md", "\u{feff}---\ntitle: x\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (1, 1));
        assert_eq!(f.line_col(4), (1, 2));
    }
}
