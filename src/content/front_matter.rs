//! Typed front matter: split off between `---` lines, read strictly, every
//! problem a diagnostic at its line in the file (not in the front matter).

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Diagnostics};
use crate::messages;
use crate::yaml;

/// Which kind of page a file is, from where it lives under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Section,
    Page,
    Minutes,
    Contest,
}

const COMMON_KEYS: &[&str] = &[
    "title",
    "date",
    "summary",
    "tags",
    "draft",
    "access",
    "deadlines",
    "weight",
];
const MINUTES_KEYS: &[&str] = &[
    "meeting",
    "time",
    "opened",
    "closed",
    "location",
    "via",
    "attendees",
    "absentees",
    "recorder",
    "reviewer",
    "attachments",
    "certifies",
];
const CONTEST_KEYS: &[&str] = &[
    "deadline",
    "judging",
    "eligibility",
    "criteria",
    "total_points",
    "prizes",
    "categories",
    "documents",
];

impl Kind {
    /// The front matter keys this kind of page accepts.
    pub fn allowed_keys(self) -> Vec<&'static str> {
        let mut keys = COMMON_KEYS.to_vec();
        match self {
            Kind::Minutes => keys.extend(MINUTES_KEYS),
            Kind::Contest => keys.extend(CONTEST_KEYS),
            Kind::Section | Kind::Page => {}
        }
        keys
    }
}

/// A person named in minutes: just a name, or a name with a position.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Person {
    Name(String),
    Full {
        name: String,
        #[serde(default)]
        position: Option<String>,
    },
}

impl Person {
    pub fn name(&self) -> &str {
        match self {
            Person::Name(n) | Person::Full { name: n, .. } => n,
        }
    }
    pub fn position(&self) -> Option<&str> {
        match self {
            Person::Name(_) => None,
            Person::Full { position, .. } => position.as_deref(),
        }
    }
}

/// A file of a page bundle: `{file, title}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRef {
    pub file: Spanned<String>,
    pub title: String,
}

/// A dated task: `{date, task}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRef {
    pub date: Spanned<String>,
    pub task: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub name: String,
    pub points: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Prize {
    #[serde(default)]
    pub category: Option<String>,
    pub rank: String,
    #[serde(default)]
    pub award: Option<String>,
    #[serde(default)]
    pub amount: Option<f64>,
}

/// Every key any page may have; which are allowed is checked per [`Kind`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<Spanned<String>>,
    pub summary: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    pub access: Option<Spanned<String>>,
    #[serde(default)]
    pub deadlines: Vec<DeadlineRef>,
    pub weight: Option<i64>,
    // minutes
    pub meeting: Option<Spanned<String>>,
    pub time: Option<Spanned<String>>,
    pub opened: Option<Spanned<String>>,
    pub closed: Option<Spanned<String>>,
    pub location: Option<String>,
    pub via: Option<String>,
    #[serde(default)]
    pub attendees: Vec<Person>,
    #[serde(default)]
    pub absentees: Vec<Person>,
    pub recorder: Option<Person>,
    pub reviewer: Option<Person>,
    #[serde(default)]
    pub attachments: Vec<FileRef>,
    pub certifies: Option<Spanned<String>>,
    // contests
    pub deadline: Option<Spanned<String>>,
    pub judging: Option<Spanned<String>>,
    #[serde(default)]
    pub eligibility: Vec<String>,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    pub total_points: Option<f64>,
    #[serde(default)]
    pub prizes: Vec<Prize>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub documents: Vec<FileRef>,
}

/// A file split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: usize,
}

/// Split `---\n yaml \n---\n body`. A missing or unclosed block is an error at line 1.
pub fn split<'a>(text: &'a str, path: &Path, diags: &mut Diagnostics) -> Option<Split<'a>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        diags.push(
            Diagnostic::error(path, 1, 1, messages::no_front_matter())
                .with_hint(messages::no_front_matter_help())
                .with_source(text),
        );
        return None;
    }
    // Skip exactly the first line's ending (`\n` or `\r\n`): a blank line after `---`
    // is line 2 of the YAML, and every later position counts it.
    let after_first = text.find('\n').map_or(text.len(), |i| i + 1);
    let rest = &text[after_first..];
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some(Split {
                yaml,
                body,
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    diags.push(
        Diagnostic::error(path, 1, 1, messages::front_matter_unclosed())
            .with_hint(messages::front_matter_unclosed_help())
            .with_source(text),
    );
    None
}

/// Check keys against the kind's allowed list, then deserialize. Lines are file lines.
pub fn parse(
    yaml_text: &str,
    kind: Kind,
    path: &Path,
    full_text: &str,
    diags: &mut Diagnostics,
) -> Option<FrontMatter> {
    let allowed = kind.allowed_keys();
    let mut ok = true;
    for (key, line) in yaml::top_level_keys(yaml_text) {
        if !allowed.contains(&key.as_str()) {
            diags.push(
                Diagnostic::error(
                    path,
                    line + 1,
                    1,
                    messages::unknown_front_matter_key(&key, kind, &allowed.join(", ")),
                )
                .with_hint(suggest(&key, &allowed))
                .with_source(full_text),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let fm: FrontMatter = yaml::from_str(yaml_text, path, 1, diags)?;
    if fm.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        diags.push(
            Diagnostic::error(path, 1, 1, messages::missing_title())
                .with_hint(messages::missing_title_help()),
        );
        return None;
    }
    Some(fm)
}

fn suggest(key: &str, allowed: &[&str]) -> crate::diag::Msg {
    let best = allowed
        .iter()
        .map(|k| (crate::diag::edit_distance(key, k), *k))
        .min()
        .filter(|(d, _)| *d <= 2);
    match best {
        Some((_, k)) => messages::did_you_mean(k),
        None => messages::remove_or_allowed_key(),
    }
}

/// A front matter value's file line and column (YAML lines + 1 for the opening `---`).
pub fn pos<T>(s: &Spanned<T>) -> (usize, usize) {
    (
        s.referenced.line() as usize + 1,
        s.referenced.column() as usize,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, kind: Kind) -> (Option<FrontMatter>, String) {
        let mut d = Diagnostics::new();
        let p = Path::new("content/x.md");
        let fm = split(text, p, &mut d).and_then(|s| parse(s.yaml, kind, p, text, &mut d));
        (fm, d.render())
    }

    #[test]
    fn unknown_key_named_with_allowed_keys_at_file_line() {
        let (fm, err) = run("---\ntitle: a\ntitel: b\n---\nbody\n", Kind::Page);
        assert!(fm.is_none());
        assert!(
            err.starts_with(
                "content/x.md:3:1: error: ไม่รู้จักคีย์ `titel` ในส่วนหัว; คีย์ที่ใช้ได้: title, date"
            ),
            "{err}"
        );
        assert!(err.contains("= help: หมายถึง `title` หรือไม่?"), "{err}");
        assert!(err.contains("did you mean `title`?"), "{err}");
    }

    #[test]
    fn a_blank_line_after_the_opening_dashes_keeps_positions_true() {
        let (_, err) = run("---\n\ntitle: a\ndraft: yes\n---\n", Kind::Page);
        assert!(err.starts_with("content/x.md:4:8:"), "{err}");
        let (_, err) = run("---\r\n\r\ntitle: a\r\ntitel: b\r\n---\r\n", Kind::Page);
        assert!(err.starts_with("content/x.md:4:1:"), "{err}");
    }

    #[test]
    fn yaml_error_line_counts_from_file_top() {
        let (_, err) = run("---\ntitle: a\ndraft: yes\n---\n", Kind::Page);
        assert!(err.starts_with("content/x.md:3:"), "{err}");
    }

    #[test]
    fn minutes_keys_only_for_minutes() {
        let (fm, _) = run("---\ntitle: a\nmeeting: 5/2563\n---\n", Kind::Minutes);
        assert_eq!(fm.unwrap().meeting.unwrap().value, "5/2563");
        let (fm, err) = run("---\ntitle: a\nmeeting: 5/2563\n---\n", Kind::Page);
        assert!(fm.is_none() && err.contains("`meeting`"));
    }

    #[test]
    fn body_line_and_missing_fences() {
        let mut d = Diagnostics::new();
        let s = split("---\ntitle: a\n---\nhello\n", Path::new("a.md"), &mut d).unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("title: a\n", "hello\n", 4));
        assert!(split("title: a\n", Path::new("a.md"), &mut d).is_none());
        assert!(split("---\ntitle: a\n", Path::new("a.md"), &mut d).is_none());
        assert!(split("", Path::new("a.md"), &mut d).is_none());
        assert_eq!(d.error_count(), 3);
    }

    #[test]
    fn date_position_is_file_line() {
        let (fm, _) = run("---\ntitle: a\ndate: 2020-05-14\n---\n", Kind::Page);
        let fm = fm.unwrap();
        let date = fm.date.unwrap();
        assert_eq!(date.value, "2020-05-14");
        assert_eq!(pos(&date).0, 3);
    }
}
