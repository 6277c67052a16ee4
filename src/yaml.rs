//! Strict YAML reading on top of serde-saphyr: `no`/`yes` stay strings, errors
//! become diagnostics at their span of the right file.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::{SourceFile, Span};

/// The options every YAML file of a site is read with.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    }
}

/// Deserialize the bytes `range` of `source` strictly (the whole file, or the front
/// matter of a page). Spans serde-saphyr gives are relative to `range.start`.
pub(crate) fn from_str<T: DeserializeOwned>(
    source: &Arc<SourceFile>,
    range: Range<usize>,
    diags: &mut Diagnostics,
) -> Option<T> {
    let text = source.get(range.clone()).unwrap_or("");
    match serde_saphyr::from_str_with_options::<T>(text, options()) {
        Ok(v) => Some(v),
        Err(err) => {
            diags.push(error(source, range.start, &err));
            None
        }
    }
}

/// Deserialize `text` strictly, or `None` when it does not read (without saying why:
/// callers that need the reason read it again with [`from_str`]).
pub(crate) fn try_from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_saphyr::from_str_with_options::<T>(text, options()).ok()
}

/// The top-level keys of the YAML mapping in the bytes `range` of `source`, each with
/// where it is, in order. Empty when the text is not a mapping (or not YAML): reading
/// it in full then says what is wrong.
pub(crate) fn top_level_keys(source: &SourceFile, range: Range<usize>) -> Vec<(String, Span)> {
    let text = source.get(range.clone()).unwrap_or("");
    let keys = serde_saphyr::from_str_with_options::<TopKeys>(text, options())
        .map_or_else(|_| Vec::new(), |k| k.0);
    keys.into_iter()
        .map(|k| {
            let span = source.yaml_span(&k.referenced, range.start);
            (k.value, span)
        })
        .collect()
}

/// The keys of a mapping, with their locations; the values are skipped.
struct TopKeys(Vec<Spanned<String>>);

impl<'de> Deserialize<'de> for TopKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = TopKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_unit<E>(self) -> Result<TopKeys, E> {
                Ok(TopKeys(Vec::new()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<TopKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = map.next_key::<Spanned<String>>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    keys.push(k);
                }
                Ok(TopKeys(keys))
            }
        }
        d.deserialize_any(Keys)
    }
}

/// A serde-saphyr error in the part of `source` that starts at byte `base`.
pub(crate) fn error(
    source: &Arc<SourceFile>,
    base: usize,
    err: &serde_saphyr::Error,
) -> Diagnostic {
    let span = err
        .location()
        .map_or(Span::at(base), |l| source.yaml_span(&l, base));
    let line = source.line_text(source.line_col(span.start).0);
    let (message, help) =
        crate::messages::yaml_problem(&clean_message(&err.without_snippet().to_string()), line);
    Diagnostic::error_at(source, span, message).with_hint(help)
}

/// serde-saphyr messages may carry their own position suffix; keep only the message.
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let msg = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let msg = msg.trim_start_matches("error: ").trim();
    if msg.is_empty() {
        "invalid YAML".to_owned()
    } else {
        msg.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: String,
        b: Option<bool>,
    }

    fn read(text: &str, from: usize) -> (Option<T>, String) {
        let source = Arc::new(SourceFile::new("p.md", text));
        let mut d = Diagnostics::new();
        let t = from_str(&source, from..text.len(), &mut d);
        (t, d.render())
    }

    #[test]
    fn no_and_zero_padded_stay_strings() {
        assert_eq!(read("a: no\n", 0).0.expect("no").a, "no");
        assert_eq!(read("a: 05\n", 0).0.expect("05").a, "05");
    }

    #[test]
    fn strict_booleans_reject_yes() {
        let (t, r) = read("a: x\nb: yes\n", 0);
        assert!(t.is_none());
        assert!(r.starts_with("p.md:2:4:"), "{r}");
    }

    #[test]
    fn unknown_key_reported_at_its_file_line() {
        let (t, r) = read("---\na: x\nc: 1\n", 4);
        assert!(t.is_none());
        assert!(r.starts_with("p.md:3:1: error: ไม่รู้จักคีย์ `c`"), "{r}");
    }

    #[test]
    fn top_level_keys_with_their_positions() {
        let text = "---\ntitle: x\n  # c: d\nnested:\n  a: b\n'date': 2020-01-01\n";
        let source = SourceFile::new("p.md", text);
        let keys: Vec<(String, (usize, usize))> = top_level_keys(&source, 4..text.len())
            .into_iter()
            .map(|(k, s)| (k, source.line_col(s.start)))
            .collect();
        let want = [("title", (2, 1)), ("nested", (4, 1)), ("date", (6, 1))];
        assert_eq!(keys, want.map(|(k, p)| (k.to_owned(), p)));
        assert!(top_level_keys(&source, 0..3).is_empty());
        assert!(top_level_keys(&SourceFile::new("x", "- a\n"), 0..4).is_empty());
    }

    #[test]
    fn a_syntax_error_without_byte_offset_is_at_its_file_line() {
        let (t, r) = read("---\n\na: x: y\n", 4);
        assert!(t.is_none());
        assert!(r.starts_with("p.md:3:5:"), "{r}");
        assert!(r.contains("3 | a: x: y"), "{r}");
    }
}
