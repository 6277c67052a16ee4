//! Diagnostics: content problems collected, sorted and rendered as
//! `path:line:col: error: message` with the source line and a caret.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use unicode_width::UnicodeWidthStr;

use crate::source::{SourceFile, Span};

/// Which language(s) diagnostics are printed in: `--lang` or `WARA_LANG` (`th`, `en`,
/// `both`). The default is `both`: the Thai message and help first, the English below,
/// so staff read Thai and a developer (or a search engine) still has the English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Both,
    Thai,
    English,
}

static LANG: AtomicU8 = AtomicU8::new(0);

impl Lang {
    /// Parse `th`, `en` or `both` (case-insensitive); anything else is `None`.
    pub(crate) fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "th" | "thai" | "ไทย" => Some(Lang::Thai),
            "en" | "english" => Some(Lang::English),
            "both" | "all" | "" => Some(Lang::Both),
            _ => None,
        }
    }

    /// Set the process-wide language of diagnostics.
    pub(crate) fn set(self) {
        LANG.store(self as u8, Ordering::Relaxed);
    }

    /// The process-wide language of diagnostics.
    pub(crate) fn current() -> Lang {
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
pub(crate) struct Msg {
    pub(crate) th: String,
    pub(crate) en: String,
}

impl Msg {
    pub(crate) fn new(th: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            th: th.into(),
            en: en.into(),
        }
    }

    /// The text in the current language (`Both` gives Thai then the English in parentheses).
    pub(crate) fn text(&self) -> String {
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
    pub(crate) fn is_translated(&self) -> bool {
        self.th != self.en
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
pub(crate) enum Severity {
    Error,
    Warning,
}

/// Where in its file a diagnostic points.
#[derive(Debug, Clone)]
enum At {
    /// The whole file: there is no position to show.
    File,
    /// A span of the file's text; line and column are computed when printed.
    Span(Arc<SourceFile>, Span),
}

/// One problem in one file, at a span of its text or about the whole file.
#[derive(Debug, Clone)]
pub(crate) struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub(crate) path: PathBuf,
    at: At,
    pub(crate) severity: Severity,
    pub(crate) message: Msg,
    /// What to do about it, in plain words.
    pub(crate) hint: Option<Box<Msg>>,
}

/// A diagnostic's position as printed: line, column, the line's text and the part of
/// it before the column (for the caret).
struct Located<'a> {
    line: usize,
    col: usize,
    text: Option<&'a str>,
    before: &'a str,
}

impl Diagnostic {
    /// An error about the whole file `path` (no position in it).
    pub(crate) fn error(path: impl AsRef<Path>, message: impl Into<Msg>) -> Self {
        Self::new(Severity::Error, path.as_ref(), At::File, message)
    }

    /// A warning about the whole file `path` (no position in it).
    pub(crate) fn warning(path: impl AsRef<Path>, message: impl Into<Msg>) -> Self {
        Self::new(Severity::Warning, path.as_ref(), At::File, message)
    }

    /// An error at `span` of `source`.
    pub(crate) fn error_at(source: &Arc<SourceFile>, span: Span, message: impl Into<Msg>) -> Self {
        let at = At::Span(Arc::clone(source), span);
        Self::new(Severity::Error, source.path(), at, message)
    }

    /// A warning at `span` of `source`.
    pub(crate) fn warning_at(
        source: &Arc<SourceFile>,
        span: Span,
        message: impl Into<Msg>,
    ) -> Self {
        let at = At::Span(Arc::clone(source), span);
        Self::new(Severity::Warning, source.path(), at, message)
    }

    fn new(severity: Severity, path: &Path, at: At, message: impl Into<Msg>) -> Self {
        Self {
            path: path.to_path_buf(),
            at,
            severity,
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<Msg>) -> Self {
        self.hint = Some(Box::new(hint.into()));
        self
    }

    /// The same diagnostic with another message (and no hint).
    pub(crate) fn with_message(mut self, message: impl Into<Msg>) -> Self {
        self.message = message.into();
        self.hint = None;
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The 1-based line and column (in chars) it points at; `None` for the whole file.
    pub(crate) fn line_col(&self) -> Option<(usize, usize)> {
        self.located().map(|l| (l.line, l.col))
    }

    fn located(&self) -> Option<Located<'_>> {
        let At::Span(source, span) = &self.at else {
            return None;
        };
        let (line, col) = source.line_col(span.start);
        let text = source.line_text(line);
        let start = source.line_start(line);
        let before = text.map_or("", |t| {
            let mut end = span.start.saturating_sub(start).min(t.len());
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            &t[..end]
        });
        Some(Located {
            line,
            col,
            text,
            before,
        })
    }

    /// What diagnostics are sorted and told apart by.
    fn key(&self) -> (&Path, usize, usize, Severity, &Msg, Option<&Msg>) {
        // The whole file sorts before its positions.
        let (line, col) = self.line_col().unwrap_or((0, 0));
        (
            &self.path,
            line,
            col,
            self.severity,
            &self.message,
            self.hint.as_deref(),
        )
    }
}

impl PartialEq for Diagnostic {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Diagnostic {}

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
        let located = self.located();
        match &located {
            Some(l) => write!(f, "{path}:{}:{}: {kind}: {first}", l.line, l.col)?,
            // About the whole file: no made-up position.
            None => write!(f, "{path}: {kind}: {first}")?,
        }
        if let Some(Located {
            line,
            text: Some(src),
            before,
            ..
        }) = located
        {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            // Place the caret by display width: Thai vowel and tone marks have zero width.
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

/// A path as messages show it: `/` between folders on every system, so a
/// message reads the same on Windows as on the Linux server.
pub(crate) fn slash(p: &std::path::Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// An IO error as messages show it: the same words on every system for the
/// common kinds (the OS's own text differs between Windows and Linux).
pub(crate) fn io_error(e: &std::io::Error) -> String {
    crate::messages::io_error_kind(e.kind()).map_or_else(|| e.to_string(), |m| m.to_string())
}

/// A bag of diagnostics collected across a whole build.
#[derive(Debug, Default, Clone)]
pub(crate) struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Distinct errors (the same problem found by both audiences counts once).
    pub(crate) fn error_count(&self) -> usize {
        self.sorted().into_iter().filter(|d| d.is_error()).count()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by path, line, column, so output is stable whatever the build order.
    pub(crate) fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by_cached_key(|d| {
            let (path, line, col, severity, message, _) = d.key();
            (path.to_path_buf(), line, col, severity, message.clone())
        });
        v.dedup();
        v
    }

    /// Everything, one diagnostic after another, ready for stderr.
    pub(crate) fn render(&self) -> String {
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
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
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
        let source = Arc::new(SourceFile::new("content/a.md", text));
        let at = text.find(": เมื่อ").expect("colon") + 1;
        let d = Diagnostic::error_at(&source, Span::at(at), "bad");
        assert_eq!(d.line_col(), Some((3, 8)));
        let s = d.to_string();
        assert!(s.starts_with("content/a.md:3:8: error: bad"));
        // Column 8 is the space after `วันที่:`: 7 chars before it, but only 4 columns
        // wide (the vowel and tone marks have zero width), so the caret sits 4 columns in.
        assert!(s.ends_with("  |     ^"), "{s}");
    }

    #[test]
    fn sorts_by_path_then_line() {
        let mut ds = Diagnostics::new();
        let a = Arc::new(SourceFile::new("a.md", "1\n2\n3\n4\n5\n6\n7\n8\n9\n"));
        let b = Arc::new(SourceFile::new("b.md", "x\n"));
        ds.push(Diagnostic::error_at(&b, Span::at(0), "x"));
        ds.push(Diagnostic::error_at(&a, Span::at(a.line_start(9)), "y"));
        ds.push(Diagnostic::warning_at(&a, Span::at(a.line_start(2)), "z"));
        let r = ds.render();
        let lines: Vec<&str> = r.lines().collect();
        assert_eq!(
            lines,
            [
                "a.md:2:1: warning: z",
                "  |",
                "2 | 2",
                "  | ^",
                "a.md:9:1: error: y",
                "  |",
                "9 | 9",
                "  | ^",
                "b.md:1:1: error: x",
                "  |",
                "1 | x",
                "  | ^",
            ]
        );
        assert!(ds.has_errors());
    }

    #[test]
    fn a_diagnostic_without_position_names_only_its_file() {
        let mut ds = Diagnostics::new();
        let a = Arc::new(SourceFile::new("a.md", "x\n"));
        ds.push(Diagnostic::error_at(&a, Span::at(0), "at"));
        ds.push(Diagnostic::warning("a.md", "whole").with_hint("h"));
        let r = ds.render();
        assert!(
            r.starts_with("a.md: warning: whole\n  = help: h\na.md:1:1: error: at"),
            "{r}"
        );
        assert_eq!(ds.sorted()[0].line_col(), None);
    }

    #[test]
    fn edit_distance_counts_a_swap_as_one_edit() {
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("titel", "time"), 2);
        assert_eq!(edit_distance("ท่าเรือ", "ท่าวุ้ง"), 4);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
