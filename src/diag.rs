//! Diagnostics: content problems collected, sorted and rendered as
//! `path:line:col: error: message` with the source line and a caret.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};

use unicode_width::UnicodeWidthStr;

/// Which language(s) diagnostics are printed in: `--lang` or `WARA_LANG` (`th`, `en`,
/// `both`). The default is `both`: the Thai message and help first, the English below,
/// so staff read Thai and a developer (or a search engine) still has the English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Both,
    Thai,
    English,
}

static LANG: AtomicU8 = AtomicU8::new(0);

impl Lang {
    /// Parse `th`, `en` or `both` (case-insensitive); anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "th" | "thai" | "ไทย" => Some(Lang::Thai),
            "en" | "english" => Some(Lang::English),
            "both" | "all" | "" => Some(Lang::Both),
            _ => None,
        }
    }

    /// Set the process-wide language of diagnostics.
    pub fn set(self) {
        LANG.store(self as u8, Ordering::Relaxed);
    }

    /// The process-wide language of diagnostics.
    pub fn current() -> Lang {
        match LANG.load(Ordering::Relaxed) {
            1 => Lang::Thai,
            2 => Lang::English,
            _ => Lang::Both,
        }
    }
}

/// A text a user reads, in Thai and in English. Built by the functions of
/// `crate::messages` (the one table of user-facing texts).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg {
    pub th: String,
    pub en: String,
}

impl Msg {
    pub fn new(th: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            th: th.into(),
            en: en.into(),
        }
    }

    /// The text in the current language (`Both` gives Thai then the English in parentheses).
    pub fn text(&self) -> String {
        match Lang::current() {
            Lang::Thai => self.th.clone(),
            Lang::English => self.en.clone(),
            Lang::Both if self.th == self.en => self.th.clone(),
            Lang::Both if self.th.contains('\n') => {
                format!("{}\n  = english: {}", self.th, self.en)
            }
            Lang::Both => format!("{} ({})", self.th, self.en),
        }
    }

    /// True when the text has a Thai wording distinct from the English.
    pub fn is_translated(&self) -> bool {
        self.th != self.en
    }

    /// Append `sep` and `other` to both languages.
    pub fn join(mut self, sep: &str, other: &Msg) -> Self {
        self.th = format!("{}{sep}{}", self.th, other.th);
        self.en = format!("{}{sep}{}", self.en, other.en);
        self
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// Untranslated text (the same words in both languages): parser output, file names.
impl From<String> for Msg {
    fn from(s: String) -> Self {
        Self {
            th: s.clone(),
            en: s,
        }
    }
}

impl From<&str> for Msg {
    fn from(s: &str) -> Self {
        Self::from(s.to_owned())
    }
}

impl std::ops::Deref for Msg {
    type Target = str;
    /// Tests and filters look at the English wording.
    fn deref(&self) -> &str {
        &self.en
    }
}

/// A tab in a quoted source line: visible, four columns wide like the editor's.
const TAB_SHOWN: &str = "→   ";

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
    pub message: Msg,
    /// What to do about it, in plain words.
    pub hint: Option<Box<Msg>>,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, line: usize, col: usize, message: impl Into<Msg>) -> Self {
        Self::new(Severity::Error, path, line, col, message)
    }

    pub fn warning(
        path: impl AsRef<Path>,
        line: usize,
        col: usize,
        message: impl Into<Msg>,
    ) -> Self {
        Self::new(Severity::Warning, path, line, col, message)
    }

    fn new(
        severity: Severity,
        path: impl AsRef<Path>,
        line: usize,
        col: usize,
        message: impl Into<Msg>,
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

    pub fn with_hint(mut self, hint: impl Into<Msg>) -> Self {
        self.hint = Some(Box::new(hint.into()));
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
        let lang = Lang::current();
        let first = if lang == Lang::English {
            &self.message.en
        } else {
            &self.message.th
        };
        write!(f, "{path}:{}:{}: {kind}: {first}", self.line, self.col)?;
        if let Some(src) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            // Place the caret by display width: Thai vowel and tone marks have zero width.
            let before: String = src.chars().take(self.col - 1).collect();
            let caret_at = UnicodeWidthStr::width(before.replace('\t', TAB_SHOWN).as_str());
            write!(
                f,
                "\n{pad} |\n{gutter} | {}\n{pad} | {}^",
                src.replace('\t', TAB_SHOWN),
                " ".repeat(caret_at)
            )?;
        }
        match lang {
            Lang::English => {
                if let Some(hint) = &self.hint {
                    write!(f, "\n  = help: {}", hint.en)?;
                }
            }
            Lang::Thai | Lang::Both => {
                if let Some(hint) = &self.hint {
                    write!(f, "\n  = help: {}", hint.th)?;
                }
                let translated = self.message.is_translated()
                    || self.hint.as_ref().is_some_and(|h| h.is_translated());
                if lang == Lang::Both && translated {
                    write!(f, "\n  = english: {}", self.message.en)?;
                    if let Some(hint) = &self.hint {
                        write!(f, " (help: {})", hint.en)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// The lines of one file, split once, so that attaching the source line to many
/// diagnostics of a large file stays linear (`Diagnostic::with_source` scans from the top).
#[derive(Debug)]
pub struct SourceLines<'a> {
    lines: std::cell::OnceCell<Vec<&'a str>>,
    text: &'a str,
}

impl<'a> SourceLines<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            lines: std::cell::OnceCell::new(),
            text,
        }
    }

    /// `d` with its source line, as `with_source` would give it.
    pub fn attach(&self, mut d: Diagnostic) -> Diagnostic {
        let lines = self.lines.get_or_init(|| self.text.lines().collect());
        d.source_line = lines.get(d.line - 1).map(|l| (*l).to_owned());
        d
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
    crate::messages::io_error_kind(e.kind()).map_or_else(|| e.to_string(), |m| m.to_string())
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
    strsim::osa_distance(a, b)
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
