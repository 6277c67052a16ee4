//! Strict YAML reading on top of serde-saphyr: `no`/`yes` stay strings, errors
//! become diagnostics at the right line of the right file.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Diagnostics};

/// Deserialize `text` strictly. `line_offset` is added to YAML line numbers (the
/// number of file lines before the YAML starts, e.g. 1 for front matter after `---`).
pub fn from_str<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    line_offset: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    };
    match serde_saphyr::from_str_with_options::<T>(text, options) {
        Ok(v) => Some(v),
        Err(err) => {
            let (line, col) = err
                .location()
                .map(|l| (l.line() as usize, l.column() as usize))
                .unwrap_or((1, 1));
            let src = text.lines().nth(line.saturating_sub(1));
            let (message, help) =
                crate::messages::yaml_problem(&clean_message(&err.to_string()), src);
            let full_line = line + line_offset;
            let mut d = Diagnostic::error(path, full_line, col, message).with_hint(help);
            if let Some(src) = src {
                d.source_line = Some(src.to_owned());
            }
            diags.push(d);
            None
        }
    }
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

/// The 1-based line of a top-level `key:` in YAML text, for messages about whole values.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// Top-level keys of a YAML mapping with their 1-based lines, found by reading
/// lines (keys start at column 1). Used to report unknown keys with all allowed ones.
pub fn top_level_keys(text: &str) -> Vec<(String, usize)> {
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || matches!(first, '#' | '-' | '[' | '{' | '}' | ']') {
            continue;
        }
        if let Some(colon) = line.find(':') {
            let key = line[..colon].trim().trim_matches('"').trim_matches('\'');
            if !key.is_empty() && !key.contains(' ') {
                keys.push((key.to_owned(), i + 1));
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: String,
        b: Option<bool>,
    }

    #[test]
    fn no_and_zero_padded_stay_strings() {
        let mut d = Diagnostics::new();
        let t: T = from_str("a: no\n", Path::new("x.yaml"), 0, &mut d).unwrap();
        assert_eq!(t.a, "no");
        let t: T = from_str("a: 05\n", Path::new("x.yaml"), 0, &mut d).unwrap();
        assert_eq!(t.a, "05");
    }

    #[test]
    fn strict_booleans_reject_yes() {
        let mut d = Diagnostics::new();
        let t: Option<T> = from_str("a: x\nb: yes\n", Path::new("x.yaml"), 0, &mut d);
        assert!(t.is_none());
        let r = d.render();
        assert!(r.starts_with("x.yaml:2:"), "{r}");
    }

    #[test]
    fn unknown_key_reported_at_its_line_with_offset() {
        let mut d = Diagnostics::new();
        let t: Option<T> = from_str("a: x\nc: 1\n", Path::new("p.md"), 1, &mut d);
        assert!(t.is_none());
        let r = d.render();
        assert!(r.starts_with("p.md:3:1: error: ไม่รู้จักคีย์ `c`"), "{r}");
    }

    #[test]
    fn finds_top_level_keys() {
        let k = top_level_keys("title: x\n  nested: y\n- a\ndate: 2020-01-01\n# c: d\n");
        assert_eq!(k, vec![("title".into(), 1), ("date".into(), 4)]);
    }
}
