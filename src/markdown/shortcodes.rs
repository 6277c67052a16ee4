//! Shortcodes `{{ name(arg="value") }}` in Markdown bodies: found with their line
//! and column, checked against the known names and arguments. Rendering is in `render_shortcode`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};

/// One shortcode call in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    pub name: String,
    pub args: BTreeMap<String, String>,
    /// Byte range in the body, `{{` to `}}` inclusive.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column in the file (body line offset applied).
    pub line: usize,
    pub col: usize,
    /// Alone on its line: rendered as a block, not inside a paragraph.
    pub block: bool,
}

impl Shortcode {
    pub fn arg(&self, key: &str) -> Option<&str> {
        self.args.get(key).map(String::as_str)
    }
}

/// The known shortcodes: (name, required args, optional args).
const KNOWN: &[(&str, &[&str], &[&str])] = &[
    ("table", &["src"], &[]),
    ("chart", &["src", "value"], &["marks", "title"]),
    ("download", &["file"], &["title"]),
    ("qr", &[], &["url", "page", "caption"]),
    ("deadline", &["date", "task"], &[]),
    ("internal_link", &["page", "title"], &[]),
    ("gallery", &[], &["src", "dir"]),
];

/// Find every shortcode in `body` (skipping fenced code blocks and inline code).
/// `first_line` is the file line of the body's first line. Problems go to `diags`;
/// only well-formed, known shortcodes are returned.
pub fn find(
    body: &str,
    first_line: usize,
    path: &Path,
    full_text: &str,
    diags: &mut Diagnostics,
) -> Vec<Shortcode> {
    let mut out = Vec::new();
    if !body.contains("{{") {
        return out;
    }
    let mut in_fence: Option<String> = None;
    let mut line_start = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if let Some(fence) = &in_fence {
            if trimmed.starts_with(fence.as_str()) {
                in_fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = Some(trimmed[..3].to_owned());
        } else {
            scan_line(
                line,
                line_start,
                first_line + i,
                path,
                full_text,
                diags,
                &mut out,
            );
        }
        line_start += line.len();
    }
    out
}

fn scan_line(
    line: &str,
    offset: usize,
    lineno: usize,
    path: &Path,
    full_text: &str,
    diags: &mut Diagnostics,
    out: &mut Vec<Shortcode>,
) {
    let mut pos = 0;
    let mut in_code = false;
    let bytes = line.as_bytes();
    while pos < line.len() {
        if bytes[pos] == b'`' {
            in_code = !in_code;
            pos += 1;
            continue;
        }
        if !in_code && line[pos..].starts_with("{{") {
            let col = line[..pos].chars().count() + 1;
            let Some(close) = line[pos..].find("}}") else {
                diags.push(err(
                    path,
                    lineno,
                    col,
                    "shortcode is not closed: `}}` missing on this line",
                    full_text,
                ));
                return;
            };
            let inner = &line[pos + 2..pos + close];
            match parse_call(inner) {
                Ok((name, args)) => {
                    let sc = Shortcode {
                        block: line.trim() == line[pos..pos + close + 2].trim(),
                        name,
                        args,
                        start: offset + pos,
                        end: offset + pos + close + 2,
                        line: lineno,
                        col,
                    };
                    if check(&sc, path, full_text, diags) {
                        out.push(sc);
                    }
                }
                Err(msg) => diags.push(
                    err(path, lineno, col, &msg, full_text)
                        .with_hint("write shortcodes as {{ name(arg=\"value\") }}"),
                ),
            }
            pos += close + 2;
            continue;
        }
        pos += line[pos..].chars().next().map_or(1, char::len_utf8);
    }
}

fn err(path: &Path, line: usize, col: usize, msg: &str, full_text: &str) -> Diagnostic {
    Diagnostic::error(path, line, col, msg).with_source(full_text)
}

fn check(sc: &Shortcode, path: &Path, full_text: &str, diags: &mut Diagnostics) -> bool {
    let Some((_, required, optional)) = KNOWN.iter().find(|(n, _, _)| *n == sc.name) else {
        let names: Vec<&str> = KNOWN.iter().map(|k| k.0).collect();
        diags.push(err(
            path,
            sc.line,
            sc.col,
            &format!(
                "unknown shortcode `{}`; known shortcodes: {}",
                sc.name,
                names.join(", ")
            ),
            full_text,
        ));
        return false;
    };
    let mut ok = true;
    for r in *required {
        if !sc.args.contains_key(*r) {
            diags.push(
                err(
                    path,
                    sc.line,
                    sc.col,
                    &format!("shortcode `{}` is missing the argument `{r}`", sc.name),
                    full_text,
                )
                .with_hint(format!(
                    "write it as {{{{ {}({}) }}}}",
                    sc.name,
                    required
                        .iter()
                        .map(|a| format!("{a}=\"…\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            ok = false;
        }
    }
    for k in sc.args.keys() {
        if !required.contains(&k.as_str()) && !optional.contains(&k.as_str()) {
            let allowed: Vec<&str> = required.iter().chain(optional.iter()).copied().collect();
            diags.push(err(
                path,
                sc.line,
                sc.col,
                &format!(
                    "shortcode `{}` has no argument `{k}`; its arguments: {}",
                    sc.name,
                    allowed.join(", ")
                ),
                full_text,
            ));
            ok = false;
        }
    }
    if sc.name == "qr" && sc.args.contains_key("url") == sc.args.contains_key("page") {
        diags.push(err(
            path,
            sc.line,
            sc.col,
            "shortcode `qr` needs exactly one of `url` or `page`",
            full_text,
        ));
        ok = false;
    }
    ok
}

/// Parse `name(a="x", b=2)`.
fn parse_call(inner: &str) -> Result<(String, BTreeMap<String, String>), String> {
    let s = inner.trim();
    let open = s
        .find('(')
        .ok_or_else(|| format!("`{s}` is not a shortcode call: `(` missing"))?;
    let name = s[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("`{name}` is not a valid shortcode name"));
    }
    let rest = s[open + 1..].trim_end();
    let args_src = rest
        .strip_suffix(')')
        .ok_or_else(|| format!("shortcode `{name}` is missing its closing `)`"))?;
    let mut args = BTreeMap::new();
    let mut chars = args_src.char_indices().peekable();
    loop {
        while chars
            .peek()
            .is_some_and(|(_, c)| c.is_whitespace() || *c == ',')
        {
            chars.next();
        }
        let Some(&(kstart, _)) = chars.peek() else {
            break;
        };
        let mut kend = kstart;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                kend = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let key = &args_src[kstart..kend];
        if key.is_empty() {
            return Err(format!("shortcode `{name}`: expected an argument name"));
        }
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        if chars.next().map(|(_, c)| c) != Some('=') {
            return Err(format!("shortcode `{name}`: expected `=` after `{key}`"));
        }
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        let value = match chars.peek().map(|(_, c)| *c) {
            Some(q @ ('"' | '\'')) => {
                chars.next();
                let mut v = String::new();
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    if c == '\\' {
                        if let Some((_, n)) = chars.next() {
                            v.push(n);
                        }
                    } else if c == q {
                        closed = true;
                        break;
                    } else {
                        v.push(c);
                    }
                }
                if !closed {
                    return Err(format!(
                        "shortcode `{name}`: the value of `{key}` has no closing quote"
                    ));
                }
                v
            }
            Some(_) => {
                let mut v = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c == ',' || c.is_whitespace() {
                        break;
                    }
                    v.push(c);
                    chars.next();
                }
                v
            }
            None => return Err(format!("shortcode `{name}`: `{key}` has no value")),
        };
        if args.insert(key.to_owned(), value).is_some() {
            return Err(format!("shortcode `{name}`: argument `{key}` given twice"));
        }
    }
    Ok((name.to_owned(), args))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str) -> (Vec<Shortcode>, String) {
        let mut d = Diagnostics::new();
        let v = find(body, 5, Path::new("c.md"), body, &mut d);
        (v, d.render())
    }

    #[test]
    fn finds_block_and_inline_shortcodes_with_lines() {
        let (v, e) = run(
            "text\n{{ table(src=\"a.yaml\") }}\nภายในวันที่ {{ deadline(date=\"2020-06-01\", task='ส่ง \"x\"') }} นะ\n",
        );
        assert_eq!(e, "");
        assert_eq!(v.len(), 2);
        assert_eq!(
            (v[0].name.as_str(), v[0].line, v[0].col, v[0].block),
            ("table", 6, 1, true)
        );
        assert_eq!(v[0].arg("src"), Some("a.yaml"));
        assert_eq!((v[1].line, v[1].col, v[1].block), (7, 13, false));
        assert_eq!(v[1].arg("task"), Some("ส่ง \"x\""));
    }

    #[test]
    fn unknown_name_and_missing_argument_are_errors_at_line() {
        let (v, e) = run("{{ tabel(src=\"a\") }}\n\n  {{ download(title=\"x\") }}\n");
        assert!(v.is_empty());
        assert!(
            e.contains("c.md:5:1: error: unknown shortcode `tabel`"),
            "{e}"
        );
        assert!(
            e.contains("c.md:7:3: error: shortcode `download` is missing the argument `file`"),
            "{e}"
        );
    }

    #[test]
    fn code_is_left_alone() {
        let (v, e) = run("```\n{{ nope() }}\n```\n`{{ nope() }}`\n");
        assert!(v.is_empty() && e.is_empty(), "{e}");
    }

    #[test]
    fn malformed_calls_are_errors() {
        for body in [
            "{{ table(src=\"a\" }}",
            "{{ table src }}",
            "{{ table(src=\"a) }}",
            "{{ table(src=\"a\")",
            "{{ qr() }}",
        ] {
            let (v, e) = run(body);
            assert!(v.is_empty() && e.contains("error"), "{body}: {e}");
        }
    }
}
