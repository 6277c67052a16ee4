//! Byte offset → 1-based line and column (in characters), in time linear in the
//! text overall: a table of line starts searched by bisection, and a cursor so
//! that looking up offsets in increasing order on one line counts each char once.

use std::cell::Cell;

/// The line starts of one text.
#[derive(Debug)]
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    first_line: usize,
    /// The last lookup: (offset, line index, column), to continue from on the same line.
    last: Cell<(usize, usize, usize)>,
}

impl<'t> LineIndex<'t> {
    /// Index `text`, whose first line is line `first_line` of its file.
    pub fn new(text: &'t str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            text,
            starts,
            first_line,
            last: Cell::new((0, 0, 1)),
        }
    }

    /// The file line and the column (1-based, in chars) of byte `offset`.
    /// An offset past the end, or inside a char, is taken at the char before it.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (last_off, last_line, last_col) = self.last.get();
        let col = if last_line == line && last_off <= offset {
            last_col + self.text[last_off..offset].chars().count()
        } else {
            self.text[self.starts[line]..offset].chars().count() + 1
        };
        self.last.set((offset, line, col));
        (self.first_line + line, col)
    }

    /// The file line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.first_line + self.starts.partition_point(|&s| s <= offset) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_char_columns() {
        let t = "ab\nวันที่ x\n\nz";
        let ix = LineIndex::new(t, 5);
        assert_eq!(ix.position(0), (5, 1));
        assert_eq!(ix.position(1), (5, 2));
        assert_eq!(ix.position(3), (6, 1));
        let x = t.find('x').expect("x");
        assert_eq!(ix.position(x), (6, 8));
        // Backwards on the same line, then a blank line, then past the end.
        assert_eq!(ix.position(3), (6, 1));
        assert_eq!(ix.position(x + 2), (7, 1));
        assert_eq!(ix.position(t.len() + 10), (8, 2));
        assert_eq!(ix.line(x), 6);
    }
}
