//! Diagnostics: content problems collected, sorted and rendered as
//! `path:line:col: error: message` with the source line and a caret.

use std::fmt;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

/// How bad a diagnostic is; only errors fail a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, at a 1-based line and column (column counted in chars).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub message: String,
    /// What to do about it, in plain words.
    pub hint: Option<String>,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(
        path: impl AsRef<Path>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, path, line, col, message)
    }

    pub fn warning(
        path: impl AsRef<Path>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, path, line, col, message)
    }

    fn new(
        severity: Severity,
        path: impl AsRef<Path>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            path: path.as_ref().to_path_buf(),
            line: line.max(1),
            col: col.max(1),
            severity,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attach the offending line, taken from the full text of the file.
    pub fn with_source(mut self, text: &str) -> Self {
        self.source_line = text.lines().nth(self.line - 1).map(str::to_owned);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = self.path.to_string_lossy().replace('\\', "/");
        write!(
            f,
            "{path}:{}:{}: {kind}: {}",
            self.line, self.col, self.message
        )?;
        if let Some(src) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            // Place the caret by display width: Thai vowel and tone marks have zero width.
            let before: String = src.chars().take(self.col - 1).collect();
            let caret_at = UnicodeWidthStr::width(before.replace('\t', "    ").as_str());
            write!(
                f,
                "\n{pad} |\n{gutter} | {}\n{pad} | {}^",
                src.replace('\t', "    "),
                " ".repeat(caret_at)
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
}

/// A path as messages show it: `/` between folders on every system, so a
/// message reads the same on Windows as on the Linux server.
pub fn slash(p: &std::path::Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// An IO error as messages show it: the same words on every system for the
/// common kinds (the OS's own text differs between Windows and Linux).
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "ไม่พบไฟล์ (file not found)".to_owned(),
        ErrorKind::PermissionDenied => "ไม่มีสิทธิ์เข้าถึง (permission denied)".to_owned(),
        ErrorKind::IsADirectory => "เป็นโฟลเดอร์ ไม่ใช่ไฟล์ (is a folder, not a file)".to_owned(),
        ErrorKind::InvalidData => "ไม่ใช่ข้อความ UTF-8 (not UTF-8 text)".to_owned(),
        _ => e.to_string(),
    }
}

/// A bag of diagnostics collected across a whole build.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Distinct errors (the same problem found by both audiences counts once).
    pub fn error_count(&self) -> usize {
        self.sorted().into_iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by path, line, column, so output is stable whatever the build order.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        v.dedup();
        v
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Everything, one diagnostic after another, ready for stderr.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        out
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Self { items: vec![d] }
    }
}

/// Edit distance over chars, a swap of two neighbours counting as one edit
/// (optimal string alignment), so `titel` is nearer `title` than `time`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_io_errors_read_the_same_on_every_system() {
        assert_eq!(
            slash(std::path::Path::new("content\\docs/a.md")),
            "content/docs/a.md"
        );
        let gone = std::fs::read("/no/such/wara/file").unwrap_err();
        assert_eq!(io_error(&gone), "ไม่พบไฟล์ (file not found)");
    }

    #[test]
    fn renders_path_line_col_and_caret_under_thai_text() {
        let text = "---\ntitle: x\nวันที่: เมื่อวาน\n";
        let d = Diagnostic::error("content/a.md", 3, 8, "bad").with_source(text);
        let s = d.to_string();
        assert!(s.starts_with("content/a.md:3:8: error: bad"));
        // Column 8 is the space after `วันที่:`: 7 chars before it, but only 4 columns
        // wide (the vowel and tone marks have zero width), so the caret sits 4 columns in.
        assert!(s.ends_with("  |     ^"), "{s}");
    }

    #[test]
    fn sorts_by_path_then_line() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("b.md", 1, 1, "x"));
        ds.push(Diagnostic::error("a.md", 9, 1, "y"));
        ds.push(Diagnostic::warning("a.md", 2, 1, "z"));
        let r = ds.render();
        let lines: Vec<&str> = r.lines().collect();
        assert_eq!(
            lines,
            [
                "a.md:2:1: warning: z",
                "a.md:9:1: error: y",
                "b.md:1:1: error: x"
            ]
        );
        assert!(ds.has_errors());
    }

    #[test]
    fn edit_distance_counts_a_swap_as_one_edit() {
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("titel", "time"), 2);
        assert_eq!(edit_distance("ท่าเรือ", "ท่าวุ้ง"), 4);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
