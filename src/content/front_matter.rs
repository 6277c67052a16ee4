//! Typed front matter: split off between `---` lines, read strictly, every
//! problem a diagnostic at its line in the file (not in the front matter).

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Diagnostics};
use crate::messages;
use crate::source::{SourceFile, Span};
use crate::yaml;

/// Which kind of page a file is, from where it lives under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Section,
    Page,
    Minutes,
    Contest,
}

impl Kind {
    /// The front matter keys this kind of page accepts: the fields of [`FrontMatter`]
    /// (as serde names them), less those that belong to another kind.
    pub(crate) fn allowed_keys(self) -> Vec<&'static str> {
        front_matter_keys()
            .iter()
            .copied()
            .filter(|k| key_kind(k).is_none_or(|owner| owner == self))
            .collect()
    }
}

/// The kind of page a key of [`FrontMatter`] is for; `None` for keys every page takes.
fn key_kind(key: &str) -> Option<Kind> {
    match key {
        "meeting" | "time" | "opened" | "closed" | "location" | "via" | "attendees"
        | "absentees" | "recorder" | "reviewer" | "attachments" | "certifies" => {
            Some(Kind::Minutes)
        }
        "deadline" | "judging" | "eligibility" | "criteria" | "total_points" | "prizes"
        | "categories" | "documents" => Some(Kind::Contest),
        _ => None,
    }
}

/// The keys of [`FrontMatter`], in the order its fields are declared: the names serde
/// passes to `deserialize_struct`, caught by a deserializer that does nothing else.
fn front_matter_keys() -> &'static [&'static str] {
    use serde::de::{self, Visitor};

    struct Catch(&'static [&'static str]);

    impl<'de> de::Deserializer<'de> for &mut Catch {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("only the field names are wanted"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = fields;
            self.deserialize_any(visitor)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    let mut catch = Catch(&[]);
    let _ = FrontMatter::deserialize(&mut catch);
    catch.0
}

/// A person named in minutes: just a name, or a name with a position.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub(crate) enum Person {
    Name(String),
    Full {
        name: String,
        #[serde(default)]
        position: Option<String>,
    },
}

impl Person {
    pub(crate) fn name(&self) -> &str {
        match self {
            Person::Name(n) | Person::Full { name: n, .. } => n,
        }
    }
    pub(crate) fn position(&self) -> Option<&str> {
        match self {
            Person::Name(_) => None,
            Person::Full { position, .. } => position.as_deref(),
        }
    }
}

/// A file of a page bundle: `{file, title}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileRef {
    pub(crate) file: Spanned<String>,
    pub(crate) title: String,
}

/// A dated task: `{date, task}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeadlineRef {
    pub(crate) date: Spanned<String>,
    pub(crate) task: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Criterion {
    pub(crate) name: String,
    pub(crate) points: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Prize {
    #[serde(default)]
    pub(crate) category: Option<String>,
    pub(crate) rank: String,
    #[serde(default)]
    pub(crate) award: Option<String>,
    #[serde(default)]
    pub(crate) amount: Option<f64>,
}

/// Every key any page may have; which are allowed is checked per [`Kind`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    pub(crate) title: Option<String>,
    pub(crate) date: Option<Spanned<String>>,
    pub(crate) summary: Option<String>,
    #[serde(default)]
    pub(crate) tags: Vec<String>,
    #[serde(default)]
    pub(crate) draft: bool,
    pub(crate) access: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) deadlines: Vec<DeadlineRef>,
    pub(crate) weight: Option<i64>,
    // minutes
    pub(crate) meeting: Option<Spanned<String>>,
    pub(crate) time: Option<Spanned<String>>,
    pub(crate) opened: Option<Spanned<String>>,
    pub(crate) closed: Option<Spanned<String>>,
    pub(crate) location: Option<String>,
    pub(crate) via: Option<String>,
    #[serde(default)]
    pub(crate) attendees: Vec<Person>,
    #[serde(default)]
    pub(crate) absentees: Vec<Person>,
    pub(crate) recorder: Option<Person>,
    pub(crate) reviewer: Option<Person>,
    #[serde(default)]
    pub(crate) attachments: Vec<FileRef>,
    pub(crate) certifies: Option<Spanned<String>>,
    // contests
    pub(crate) deadline: Option<Spanned<String>>,
    pub(crate) judging: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) eligibility: Vec<String>,
    #[serde(default)]
    pub(crate) criteria: Vec<Criterion>,
    pub(crate) total_points: Option<f64>,
    #[serde(default)]
    pub(crate) prizes: Vec<Prize>,
    #[serde(default)]
    pub(crate) categories: Vec<String>,
    #[serde(default)]
    pub(crate) documents: Vec<FileRef>,
    /// Where the YAML starts in the file (its spans count from there).
    #[serde(skip)]
    pub(crate) yaml_start: usize,
    /// Where the YAML ends in the file.
    #[serde(skip)]
    pub(crate) yaml_end: usize,
    /// When only some entries of the YAML were read ([`FrontMatter::own`]): where each
    /// starts in the text read and in the YAML, for [`FrontMatter::span`]. Empty when the
    /// whole YAML was read.
    #[serde(skip)]
    pieces: Vec<(usize, usize)>,
}

/// What of a page's front matter a [`super::Page`] holds from load to render: what
/// listings, feeds, the checks and other pages read. The rest (the people and place of
/// minutes, a contest's rules and prizes, attachments and documents) only the page's own
/// render needs: it reads the front matter again then, from the file read again to render
/// it (see [`super::Page::own_front`]), so a large site does not hold it for every page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Front {
    pub(crate) summary: Option<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) draft: bool,
    pub(crate) weight: Option<i64>,
    /// The access the page asks for (`None` when it names none, or a value that is none).
    pub(crate) access: Option<super::Access>,
    /// Where in the file the values of `access`, `date`, `meeting`, `certifies` and
    /// `closed` are, for the diagnostics that point at them (taken at load).
    pub(crate) at: KeySpans,
}

/// Where some front matter values are in the file (see [`Front::at`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct KeySpans {
    pub(crate) access: Option<Span>,
    pub(crate) date: Option<Span>,
    pub(crate) meeting: Option<Span>,
    pub(crate) certifies: Option<Span>,
    pub(crate) closed: Option<Span>,
}

impl FrontMatter {
    /// What a page holds of this front matter, read from `source` (see [`Front`]).
    pub(crate) fn kept(self, source: &SourceFile) -> Front {
        let at = |v: &Option<Spanned<String>>| v.as_ref().map(|v| self.span(source, v));
        let at = KeySpans {
            access: at(&self.access),
            date: at(&self.date),
            meeting: at(&self.meeting),
            certifies: at(&self.certifies),
            closed: at(&self.closed),
        };
        let access = self
            .access
            .as_ref()
            .and_then(|a| super::Access::parse(&a.value));
        let mut tags = self.tags;
        tags.iter_mut().for_each(String::shrink_to_fit);
        tags.shrink_to_fit();
        let mut summary = self.summary;
        if let Some(s) = &mut summary {
            s.shrink_to_fit();
        }
        Front {
            summary,
            tags,
            draft: self.draft,
            weight: self.weight,
            access,
            at,
        }
    }
}

impl FrontMatter {
    /// The entries of [`OWN_KEYS`], moved out of this front matter read whole: what
    /// [`FrontMatter::own`] would read again from the same text, for a page that holds it
    /// (a site small enough, see [`super::load::HOLD_OWN_PAGES`]).
    pub(crate) fn take_own(&mut self) -> FrontMatter {
        use std::mem::take;
        FrontMatter {
            location: take(&mut self.location),
            via: take(&mut self.via),
            attendees: take(&mut self.attendees),
            absentees: take(&mut self.absentees),
            recorder: take(&mut self.recorder),
            reviewer: take(&mut self.reviewer),
            attachments: take(&mut self.attachments),
            eligibility: take(&mut self.eligibility),
            criteria: take(&mut self.criteria),
            total_points: take(&mut self.total_points),
            prizes: take(&mut self.prizes),
            categories: take(&mut self.categories),
            documents: take(&mut self.documents),
            yaml_start: self.yaml_start,
            yaml_end: self.yaml_end,
            pieces: self.pieces.clone(),
            ..FrontMatter::default()
        }
    }
}

/// The keys of [`FrontMatter`] a page does not hold ([`Front`]): its own render reads them
/// again ([`FrontMatter::own`]).
const OWN_KEYS: [&str; 13] = [
    "location",
    "via",
    "attendees",
    "absentees",
    "recorder",
    "reviewer",
    "attachments",
    "eligibility",
    "criteria",
    "total_points",
    "prizes",
    "categories",
    "documents",
];

/// The top-level entries of `yaml` whose keys are [`OWN_KEYS`], each a run of whole lines:
/// where each starts in `yaml`, and its text. `None` when the text is not written plainly
/// enough to tell its entries by their lines: every line at the margin a plain `key:` (or
/// a comment, or an item of the entry's list), no anchor, tab or block scalar, no quote or
/// bracket left open at a line's end, no line break but `\n` and `\r\n` (YAML also breaks
/// lines at a lone `\r`), and the first entry at the margin (a mapping indented as a whole
/// has every key on an indented line).
fn own_entries(yaml: &str) -> Option<Vec<(usize, &str)>> {
    let lone_cr = yaml
        .match_indices('\r')
        .any(|(i, _)| yaml.as_bytes().get(i + 1) != Some(&b'\n'));
    if lone_cr || yaml.contains(['&', '\t', '|', '>']) {
        return None;
    }
    let mut entries: Vec<(usize, &str)> = Vec::new();
    let (mut keep, mut at, mut seen_key) = (false, 0, false);
    for line in yaml.split_inclusive('\n') {
        if !closed_on_its_line(line) {
            return None;
        }
        let blank = line.trim_start().is_empty() || line.trim_start().starts_with('#');
        match line.as_bytes() {
            _ if blank => {}
            // Indented, or a list item, before any key at the margin: not a plain mapping.
            [b' ' | b'-', ..] if !seen_key => return None,
            [b' ', ..] => {}
            [b'-'] | [b'-', b' ' | b'\r' | b'\n', ..] => {}
            _ => {
                seen_key = true;
                keep = OWN_KEYS.contains(&plain_key(line)?);
                if keep {
                    entries.push((at, ""));
                }
            }
        }
        if keep && let Some((start, text)) = entries.last_mut() {
            *text = &yaml[*start..at + line.len()];
        }
        at += line.len();
    }
    Some(entries)
}

/// The key of a line `key: …` at the margin, a plain lowercase name; `None` for any other line.
fn plain_key(line: &str) -> Option<&str> {
    let end = line.find(':')?;
    let key = &line[..end];
    let after = line.as_bytes().get(end + 1);
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    (plain && matches!(after, None | Some(b' ' | b'\r' | b'\n'))).then_some(key)
}

/// Are the quotes and brackets a line opens closed on it (its comment aside)? Conservative:
/// a quote inside a plain word (`it's`) says no, as would a scalar that goes on.
fn closed_on_its_line(line: &str) -> bool {
    let (mut quote, mut depth, mut escaped) = (None, 0i32, false);
    let mut prev = b' ';
    for b in line.bytes() {
        match quote {
            Some(b'"') if escaped => escaped = false,
            Some(b'"') if b == b'\\' => escaped = true,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => depth += 1,
                b']' | b'}' => depth -= 1,
                b'#' if prev == b' ' => break,
                _ => {}
            },
        }
        prev = b;
    }
    quote.is_none() && depth == 0
}

/// Where the parts of a page file are: byte ranges of its [`SourceFile`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split {
    /// The YAML between the fences.
    pub(crate) yaml: Range<usize>,
    /// The closing `---` line (where a missing key would go).
    pub(crate) close: Span,
    /// Where the body starts (after the closing fence's line).
    pub(crate) body_start: usize,
}

/// Split `---\n yaml \n---\n body`. A missing or unclosed block is an error at the
/// start of the file.
pub(crate) fn split(source: &Arc<SourceFile>, diags: &mut Diagnostics) -> Option<Split> {
    let bom = if source.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let text = &source[bom..];
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        diags.push(
            Diagnostic::error_at(source, Span::at(0), messages::no_front_matter())
                .with_hint(messages::no_front_matter_help()),
        );
        return None;
    }
    // Skip exactly the first line's ending (`\n` or `\r\n`): a blank line after `---`
    // is line 2 of the YAML, and every later position counts it.
    let yaml_start = bom + text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = yaml_start;
    for line in source[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(Split {
                yaml: yaml_start..offset,
                close: Span::new(offset..offset + 3),
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    diags.push(
        Diagnostic::error_at(source, Span::at(0), messages::front_matter_unclosed())
            .with_hint(messages::front_matter_unclosed_help()),
    );
    None
}

/// Check keys against the kind's allowed list, then deserialize.
///
/// Most files are read once: strictly, as [`FrontMatter`] (which refuses keys no kind
/// has), when nothing in the YAML could be a key of another kind. Otherwise — or when
/// that read fails — the top-level keys are read first, so that every unknown key is
/// reported with the keys this kind takes, then the whole text again for its errors.
pub(crate) fn parse(
    source: &Arc<SourceFile>,
    split: &Split,
    kind: Kind,
    diags: &mut Diagnostics,
) -> Option<FrontMatter> {
    let allowed = kind.allowed_keys();
    let yaml_text = source.get(split.yaml.clone()).unwrap_or("");
    let quick = (!may_name_another_kinds_key(yaml_text, kind))
        .then(|| yaml::try_from_str::<FrontMatter>(yaml_text))
        .flatten();
    let mut fm = match quick {
        Some(fm) => fm,
        None => parse_checking_keys(source, split, kind, &allowed, diags)?,
    };
    fm.yaml_start = split.yaml.start;
    fm.yaml_end = split.yaml.end;
    if fm.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        diags.push(
            Diagnostic::error_at(source, split.close, messages::missing_title())
                .with_hint(messages::missing_title_help()),
        );
        return None;
    }
    Some(fm)
}

/// Does `yaml` hold, anywhere, a word that is a key only another kind of page takes?
/// Conservative: a key of another kind, however it is written (plain, quoted, `? key`),
/// holds its name as a word, so `false` means there is none; `true` may also be a value
/// or a nested key that merely looks like one (the slower, exact path then decides).
/// A backslash (an escape could spell a key) always says `true`.
fn may_name_another_kinds_key(yaml: &str, kind: Kind) -> bool {
    let word_char = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    yaml.contains('\\')
        || front_matter_keys()
            .iter()
            .filter(|k| key_kind(k).is_some_and(|owner| owner != kind))
            .any(|k| {
                yaml.match_indices(k).any(|(i, _)| {
                    let before = i.checked_sub(1).map(|b| yaml.as_bytes()[b]);
                    let after = yaml.as_bytes().get(i + k.len()).copied();
                    !before.is_some_and(word_char) && !after.is_some_and(word_char)
                })
            })
}

/// The exact path: every top-level key checked against `allowed` (each unknown one a
/// diagnostic at its position), then the whole text read for its errors.
fn parse_checking_keys(
    source: &Arc<SourceFile>,
    split: &Split,
    kind: Kind,
    allowed: &[&'static str],
    diags: &mut Diagnostics,
) -> Option<FrontMatter> {
    // YAML that is not a mapping of plain keys is left to the full read below, which
    // says what is wrong.
    let keys = yaml::top_level_keys(source, split.yaml.clone());
    let mut ok = true;
    for (key, span) in &keys {
        if !allowed.contains(&key.as_str()) {
            let span = *span;
            let message = messages::unknown_front_matter_key(key, kind, &allowed.join(", "));
            diags
                .push(Diagnostic::error_at(source, span, message).with_hint(suggest(key, allowed)));
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    yaml::from_str(source, split.yaml.clone(), diags)
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

impl FrontMatter {
    /// Where top-level `key` is in `source`, the file this front matter was read from
    /// (read again: only diagnostics need it).
    pub(crate) fn key_span(&self, source: &SourceFile, key: &str) -> Option<Span> {
        let end = source.len().min(self.yaml_end);
        yaml::top_level_keys(source, self.yaml_start..end)
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, s)| s)
    }

    /// Where a value of this front matter is in its file.
    pub(crate) fn span<T>(&self, source: &SourceFile, value: &Spanned<T>) -> Span {
        let read = value.referenced.span();
        let (Some(&(first, _)), Some(start)) = (self.pieces.first(), read.byte_offset()) else {
            return source.yaml_span(&value.referenced, self.yaml_start);
        };
        // Read from some entries: from the piece's place in the text read to the YAML's.
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        let len = read.byte_len().and_then(|l| usize::try_from(l).ok());
        let (at_read, at_yaml) = self
            .pieces
            .iter()
            .rev()
            .find(|(r, _)| *r <= start)
            .copied()
            .unwrap_or((first, 0));
        let start = self.yaml_start + at_yaml + start.saturating_sub(at_read);
        Span::new(start..start + len.unwrap_or(0))
    }

    /// The front matter of `source`, a page of `kind` loaded from it (its front matter
    /// read without error then), read again for its own render: the keys a page does not
    /// hold ([`OWN_KEYS`]); the other fields are left empty. Only minutes and contests have
    /// such keys. Most front matter is written a line a key: then only these keys' entries
    /// are read (see [`own_entries`]), else the whole of it. No diagnostics: they were given
    /// at load, for this same text.
    pub(crate) fn own(source: &Arc<SourceFile>, kind: Kind) -> FrontMatter {
        if !matches!(kind, Kind::Minutes | Kind::Contest) {
            return FrontMatter::default();
        }
        let Some(split) = split(source, &mut Diagnostics::new()) else {
            return FrontMatter::default();
        };
        let yaml = source.get(split.yaml.clone()).unwrap_or("");
        let read = match own_entries(yaml) {
            Some(entries) if entries.is_empty() => Some(FrontMatter::default()),
            Some(entries) => {
                let mut text = String::with_capacity(entries.iter().map(|(_, t)| t.len()).sum());
                let mut pieces = Vec::with_capacity(entries.len());
                for (at, t) in entries {
                    pieces.push((text.len(), at));
                    text.push_str(t);
                }
                yaml::try_from_str::<FrontMatter>(&text).map(|fm| FrontMatter { pieces, ..fm })
            }
            None => None,
        };
        let mut fm = read
            .or_else(|| yaml::try_from_str::<FrontMatter>(yaml))
            .unwrap_or_default();
        fm.yaml_start = split.yaml.start;
        fm.yaml_end = split.yaml.end;
        fm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, kind: Kind) -> (Option<FrontMatter>, String) {
        let mut d = Diagnostics::new();
        let source = Arc::new(SourceFile::new("content/x.md", text));
        let fm = split(&source, &mut d).and_then(|s| parse(&source, &s, kind, &mut d));
        (fm, d.render())
    }

    #[test]
    fn allowed_keys_are_the_struct_fields_of_the_kind() {
        let all = front_matter_keys();
        assert_eq!(all.len(), 28, "{all:?}");
        assert_eq!(&all[..3], ["title", "date", "summary"]);
        let page = Kind::Page.allowed_keys();
        assert_eq!(page.len(), 8);
        assert!(page.contains(&"weight") && !page.contains(&"meeting"));
        assert!(Kind::Minutes.allowed_keys().contains(&"certifies"));
        assert!(Kind::Contest.allowed_keys().contains(&"documents"));
        assert!(!Kind::Contest.allowed_keys().contains(&"attendees"));
        // Every key given to one kind is a field: the two cannot drift apart.
        for k in all {
            if let Some(kind) = key_kind(k) {
                assert!(kind.allowed_keys().contains(k), "{k}");
            }
        }
        let owned = [
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
            "deadline",
            "judging",
            "eligibility",
            "criteria",
            "total_points",
            "prizes",
            "categories",
            "documents",
        ];
        for k in owned {
            assert!(all.contains(&k), "`{k}` is given to a kind but is no field");
        }
    }

    /// Every key is held by a page ([`Front`] or the page's own fields) or read again by
    /// its render ([`OWN_KEYS`]): a key added to [`FrontMatter`] must be given to one.
    #[test]
    fn every_key_is_held_or_read_again() {
        let held = [
            "title",
            "date",
            "summary",
            "tags",
            "draft",
            "access",
            "deadlines",
            "weight",
            "meeting",
            "time",
            "opened",
            "closed",
            "certifies",
            "deadline",
            "judging",
        ];
        let mut both: Vec<&str> = held.iter().chain(OWN_KEYS.iter()).copied().collect();
        both.sort_unstable();
        let mut all = front_matter_keys().to_vec();
        all.sort_unstable();
        assert_eq!(both, all);
    }

    /// What the render reads again of a front matter: the own keys' values, and where each
    /// file named is in the file.
    fn own_read(text: &str, kind: Kind) -> String {
        let source = Arc::new(SourceFile::new("content/x.md", text));
        own_shown(&FrontMatter::own(&source, kind), &source)
    }

    /// The own keys of `fm`, with where its files are in `source`, for comparing.
    fn own_shown(fm: &FrontMatter, source: &Arc<SourceFile>) -> String {
        let files: Vec<(String, String, Span)> = fm
            .attachments
            .iter()
            .chain(&fm.documents)
            .map(|f| {
                (
                    f.file.value.clone(),
                    f.title.clone(),
                    fm.span(source, &f.file),
                )
            })
            .collect();
        let prizes = format!("{:?}", fm.prizes);
        let criteria = format!("{:?}", fm.criteria);
        format!(
            "{:?}",
            (
                (&fm.location, &fm.via, &fm.attendees, &fm.absentees),
                (&fm.recorder, &fm.reviewer, &fm.eligibility, fm.total_points),
                (criteria, prizes, &fm.categories, files),
            )
        )
    }

    /// The own keys read from their entries alone are what reading the whole front matter
    /// gives, files at the same places; front matter not written a line a key is read whole.
    #[test]
    fn own_keys_read_from_their_entries_are_read_as_in_the_whole() {
        let minutes = "---\ntitle: ประชุม\nmeeting: \"5/2563\"\n# ผู้เข้าประชุม\nattendees:\n- ก\n- {name: ข, position: ผอ.}\nsummary: สรุป 'x' # it's\nlocation: ห้อง \"ก\"\nrecorder: {name: นาง ค, position: หัวหน้า}\ntags: [a, b]\nattachments:\n  - {file: วาระ 1.pdf, title: วาระ}\n  - file: b.xlsx\n    title: ข\nvia: Zoom\n---\nbody\n";
        let contest = "---\r\ntitle: ประกวด\r\ndeadline: 2563-06-11\r\neligibility: [ก, ข]\r\ncriteria:\r\n  - {name: ก, points: 60}\r\n  - {name: ข, points: 40}\r\nprizes:\r\n- {category: ผ้า, rank: ที่ 1, amount: 5000}\r\ncategories: [ผ้า]\r\ndocuments:\r\n  - {file: ใบสมัคร.pdf, title: ใบสมัคร}\r\n---\r\n";
        let whole = |text: &str| {
            let source = Arc::new(SourceFile::new("content/x.md", text));
            let mut d = Diagnostics::new();
            let s = split(&source, &mut d).expect("split");
            let yaml = &text[s.yaml.clone()];
            assert!(own_entries(yaml).is_some_and(|e| !e.is_empty()), "{yaml}");
            // The same text with a tab (as long) is read whole.
            let forced = text.replacen("title: ", "title:\t", 1);
            assert!(own_entries(&forced[s.yaml.start..]).is_none());
            forced
        };
        for (text, kind) in [(minutes, Kind::Minutes), (contest, Kind::Contest)] {
            let forced = whole(text);
            let (entries, all) = (own_read(text, kind), own_read(&forced, kind));
            assert_eq!(entries, all);
            assert!(entries.contains(".pdf"), "{entries}");
        }
        // Where an attachment is: its line and column in the file.
        let source = Arc::new(SourceFile::new("content/x.md", minutes));
        let fm = FrontMatter::own(&source, Kind::Minutes);
        let at = fm.span(&source, &fm.attachments[1].file);
        assert_eq!(source.line_col(at.start), (14, 11));
        assert_eq!(&minutes[at.start..at.end], "b.xlsx");
    }

    /// What a page of a small site holds from load (`take_own`) is what its render would
    /// read again: the same values, files at the same places; the rest of the front matter
    /// keeps none of them, and the part held has nothing else.
    #[test]
    fn own_keys_held_from_load_are_those_read_again() {
        let minutes = "---\ntitle: ประชุม\nmeeting: \"5/2563\"\nattendees:\n- ก\n- {name: ข, position: ผอ.}\nsummary: สรุป\nlocation: ห้อง ๑\nrecorder: {name: นาง ค, position: หัวหน้า}\nattachments:\n  - {file: วาระ 1.pdf, title: วาระ}\nvia: Zoom\n---\nbody\n";
        let contest = "---\r\ntitle: ประกวด\r\ndeadline: 2563-06-11\r\neligibility: [ก, ข]\r\ncriteria:\r\n  - {name: ก, points: 60}\r\n  - {name: ข, points: 40}\r\nprizes:\r\n- {category: ผ้า, rank: ที่ 1, amount: 5000}\r\ncategories: [ผ้า]\r\ndocuments:\r\n  - {file: ใบสมัคร.pdf, title: ใบสมัคร}\r\n---\r\n";
        // Written so that it is read whole at render too (a tab).
        let whole =
            "---\ntitle:\tก\nlocation: ห้อง ๒\nattachments:\n  - {file: a.pdf, title: ก}\n---\n";
        for (text, kind) in [
            (minutes, Kind::Minutes),
            (contest, Kind::Contest),
            (whole, Kind::Minutes),
        ] {
            let source = Arc::new(SourceFile::new("content/x.md", text));
            let mut d = Diagnostics::new();
            let s = split(&source, &mut d).expect("split");
            let mut fm = parse(&source, &s, kind, &mut d).expect("parse");
            let held = fm.take_own();
            assert_eq!(own_shown(&held, &source), own_read(text, kind), "{text}");
            assert!(own_shown(&held, &source).contains(".pdf") || kind == Kind::Contest);
            assert_eq!(
                own_shown(&fm, &source),
                own_shown(&FrontMatter::default(), &source)
            );
            assert!(held.title.is_none() && held.summary.is_none() && held.meeting.is_none());
            assert!(fm.title.is_some());
        }
    }

    /// Lines that a key-by-line reading could take apart wrongly send it to the whole read:
    /// a quoted value going on to a line that looks like a key, anchors, tabs, quoted keys.
    #[test]
    fn front_matter_not_written_a_line_a_key_is_read_whole() {
        for yaml in [
            "summary: \"a\nlocation: b\"\n",
            "summary: [a,\nlocation: b]\n",
            "x: &a ก\nlocation: *a\n",
            "location:\tก\n",
            "\"location\": ก\n",
            "? location\n: ก\n",
            "location: |\n  ก\n",
            "summary: it's\nlocation: ก\n",
            // A mapping indented as a whole, and a lone CR (a line break to YAML).
            "  title: ก\n  location: ห้อง 1\n",
            "\n# c\n  location: ห้อง 1\n",
            "title: ก\rlocation: ห้อง\n",
        ] {
            assert!(own_entries(yaml).is_none(), "{yaml}");
        }
        // Read whole, they keep what the page says.
        for text in [
            "---\n  title: ก\n  location: ห้อง 1\n  attachments:\n  - {file: a.pdf, title: ก}\n---\n",
            "---\ntitle: ก\rlocation: ห้อง 1\n---\n",
        ] {
            let source = Arc::new(SourceFile::new("content/x.md", text));
            let own = FrontMatter::own(&source, Kind::Minutes);
            assert_eq!(own.location.as_deref(), Some("ห้อง 1"), "{text:?}");
        }
        let source = Arc::new(SourceFile::new(
            "content/x.md",
            "---\ntitle: a\nsummary: \"a\nlocation: b\"\n---\n",
        ));
        assert_eq!(FrontMatter::own(&source, Kind::Minutes).location, None);
        assert_eq!(own_entries("title: a\n# c\n"), Some(Vec::new()));
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
        let file = |t: &str| Arc::new(SourceFile::new(format!("{}.md", t.len()), t));
        let f = file("---\ntitle: a\n---\nhello\n");
        let s = split(&f, &mut d).expect("split");
        assert_eq!(
            (&f[s.yaml.clone()], &f[s.body_start..]),
            ("title: a\n", "hello\n")
        );
        assert_eq!(f.line_col(s.close.start), (3, 1));
        let f = file("\u{feff}---\r\n\r\ntitle: a\r\n---\r\nhello\r\n");
        let s = split(&f, &mut d).expect("split");
        assert_eq!(&f[s.yaml.clone()], "\r\ntitle: a\r\n");
        assert_eq!(f.line_col(s.body_start), (5, 1));
        assert!(split(&file("title: a\n"), &mut d).is_none());
        assert!(split(&file("---\ntitle: a\n"), &mut d).is_none());
        assert!(split(&file(""), &mut d).is_none());
        assert_eq!(d.error_count(), 3);
    }

    #[test]
    fn date_position_is_file_line() {
        let (fm, _) = run("---\ntitle: a\ndate: 2020-05-14\n---\n", Kind::Page);
        let fm = fm.expect("front matter");
        let date = fm.date.as_ref().expect("date");
        assert_eq!(date.value, "2020-05-14");
        let f = SourceFile::new("x", "---\ntitle: a\ndate: 2020-05-14\n---\n");
        assert_eq!(f.line_col(fm.span(&f, date).start), (3, 7));
    }

    #[test]
    fn a_key_of_another_kind_is_refused_however_it_is_written() {
        // Each form skips the one-read path's word test differently: quoted, complex
        // (`? key`), a flow mapping, an escape, and keys beside the kind's own `deadlines`.
        for yaml in [
            "\"deadline\": 2563-06-11",
            "'judging': 2563-06-11",
            "? prizes\n: []",
            "{title: b, criteria: []}",
            "\"doc\\u0075ments\": []",
            "deadlines: []\ndocuments: []",
        ] {
            let text = format!("---\ntitle: a\n{yaml}\n---\n");
            let (fm, err) = run(&text, Kind::Minutes);
            assert!(fm.is_none(), "{yaml}: accepted");
            assert!(err.contains("error:"), "{yaml}: {err}");
        }
    }

    #[test]
    fn keys_of_every_kind_read_the_same_on_both_paths() {
        // The one-read path (no word of another kind's key) and the exact path agree.
        let text = "---\ntitle: ประชุม\nmeeting: 5/2563\ndeadlines:\n  - {date: 2563-06-11, task: ส่งรายงาน}\nattendees: [ก, ข]\n---\n";
        let (fm, err) = run(text, Kind::Minutes);
        let fm = fm.expect(&err);
        assert!(!may_name_another_kinds_key(&text[4..], Kind::Minutes));
        assert_eq!(fm.attendees.len(), 2);
        assert_eq!(fm.deadlines.len(), 1);
        let source = SourceFile::new("content/x.md", text);
        let span = fm.key_span(&source, "attendees").expect("attendees");
        assert_eq!(source.line_col(span.start), (6, 1));
        assert!(may_name_another_kinds_key(
            "summary: judging day\n",
            Kind::Minutes
        ));
        assert!(!may_name_another_kinds_key(
            "summary: prejudging\n",
            Kind::Minutes
        ));
    }
}
