//! Shortcodes `{{ name(arg="value") }}` in Markdown bodies: found with their line
//! and column, checked against the known names and arguments. Rendering is in
//! `site::render::shortcodes::expand`.

use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::messages;
use crate::source::{SourceFile, Span};

/// One shortcode call in a body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shortcode {
    pub(crate) name: String,
    pub(crate) args: Args,
    /// Byte range in the body, `{{` to `}}` inclusive.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Byte offset of `{{` in the file.
    pub(crate) at: usize,
    /// Alone on its line: rendered as a block, not inside a paragraph.
    pub(crate) block: bool,
}

/// A shortcode's arguments by name, in name order. A page keeps its shortcodes from load to
/// render, and a call has one to three arguments: a sorted vector, where a `BTreeMap` would
/// allocate a node of eleven slots for each call.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Args(Vec<(String, String)>);

impl Args {
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub(crate) fn get(&self, key: &str) -> Option<&String> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// The names, in order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in the order of their names.
    pub(crate) fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, v)| v)
    }

    /// Set `key` to `value`; the value it had, if any (as `BTreeMap::insert`).
    pub(crate) fn insert(&mut self, key: String, value: String) -> Option<String> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }
}

impl Shortcode {
    pub(crate) fn arg(&self, key: &str) -> Option<&str> {
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

/// Find every shortcode in the body of `source`, which starts at byte `body_start`
/// (skipping fenced code blocks and inline code). Problems go to `diags`; only
/// well-formed, known shortcodes are returned.
pub(crate) fn find(
    source: &Arc<SourceFile>,
    body_start: usize,
    diags: &mut Diagnostics,
) -> Vec<Shortcode> {
    find_with_lines(source, body_start, diags).0
}

/// [`find`], and where the calls are: the start (in the body) of each line read for calls,
/// those outside code fences that hold a `{{`. [`find_on_lines`] finds the same calls again
/// from these lines of the same text, without reading the rest of it.
pub(crate) fn find_with_lines(
    source: &Arc<SourceFile>,
    body_start: usize,
    diags: &mut Diagnostics,
) -> (Vec<Shortcode>, Vec<usize>) {
    let mut out = Vec::new();
    let mut lines = Vec::new();
    let body = source.get(body_start..).unwrap_or("");
    if !body.contains("{{") {
        return (out, lines);
    }
    let at = Place { source, body_start };
    let mut in_fence: Option<String> = None;
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(fence) = &in_fence {
            if trimmed.starts_with(fence.as_str()) {
                in_fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = Some(trimmed[..3].to_owned());
        } else if line.contains("{{") {
            // Most lines hold no call: skip them without walking their characters.
            scan_line(line, line_start, &at, diags, &mut out);
            lines.push(line_start);
        }
        line_start += line.len();
    }
    (out, lines)
}

/// The calls [`find`] finds in the body of `source` (from byte `body_start`), read only at
/// `lines`, as [`find_with_lines`] gave them for this text. Their problems are not reported
/// again (they were when the calls were first found).
pub(crate) fn find_on_lines(
    source: &Arc<SourceFile>,
    body_start: usize,
    lines: &[usize],
) -> Vec<Shortcode> {
    let mut out = Vec::new();
    let body = source.get(body_start..).unwrap_or("");
    let at = Place { source, body_start };
    let mut ignored = Diagnostics::new();
    for &start in lines {
        let Some(rest) = body.get(start..) else {
            continue;
        };
        let line = rest.split_inclusive('\n').next().unwrap_or("");
        scan_line(line, start, &at, &mut ignored, &mut out);
    }
    out
}

/// The file a body is in, and where the body starts in it.
struct Place<'a> {
    source: &'a Arc<SourceFile>,
    body_start: usize,
}

impl Place<'_> {
    /// An error at byte `offset` of the body.
    fn err(&self, offset: usize, msg: Msg) -> Diagnostic {
        Diagnostic::error_at(self.source, Span::at(self.body_start + offset), msg)
    }
}

fn scan_line(
    line: &str,
    offset: usize,
    at: &Place<'_>,
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
            let Some(close) = line[pos..].find("}}") else {
                diags.push(
                    at.err(offset + pos, messages::shortcode_not_closed())
                        .with_hint(messages::shortcode_not_closed_help()),
                );
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
                        at: at.body_start + offset + pos,
                    };
                    if check(&sc, at, diags) {
                        out.push(sc);
                    }
                }
                Err(msg) => {
                    let (msg, help) = match curly_quotes(inner) {
                        Some(found) => {
                            let name = inner.split('(').next().unwrap_or_default().trim();
                            messages::shortcode_curly_quotes(name, &found)
                        }
                        None => (msg, messages::shortcode_syntax_help()),
                    };
                    diags.push(at.err(offset + pos, msg).with_hint(help));
                }
            }
            pos += close + 2;
            continue;
        }
        pos += line[pos..].chars().next().map_or(1, char::len_utf8);
    }
}

/// Word's curly quotes (`“ ” ‘ ’ ″`) written outside straight quotes, where wara
/// expects `"`: the distinct ones found, in order, separated by spaces.
fn curly_quotes(call: &str) -> Option<String> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut found: Vec<char> = Vec::new();
    for c in call.chars() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if messages::CURLY_QUOTES.contains(&c) && !found.contains(&c) => found.push(c),
            None => {}
        }
    }
    (!found.is_empty()).then(|| {
        found
            .iter()
            .map(char::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn check(sc: &Shortcode, at: &Place<'_>, diags: &mut Diagnostics) -> bool {
    let err = |msg: Msg| Diagnostic::error_at(at.source, Span::at(sc.at), msg);
    let Some((_, required, optional)) = KNOWN.iter().find(|(n, _, _)| *n == sc.name) else {
        let names: Vec<&str> = KNOWN.iter().map(|k| k.0).collect();
        let nearest = names
            .iter()
            .map(|n| (crate::diag::edit_distance(n, &sc.name), *n))
            .filter(|(d, n)| *d <= 2.max(n.len() / 3))
            .min()
            .map(|(_, n)| n);
        diags.push(
            err(messages::unknown_shortcode(&sc.name, &names))
                .with_hint(messages::unknown_shortcode_help(nearest)),
        );
        return false;
    };
    let mut ok = true;
    for r in *required {
        if !sc.args.contains_key(r) {
            diags.push(
                err(messages::shortcode_missing_arg(&sc.name, r))
                    .with_hint(messages::shortcode_write_as(&sc.name, required)),
            );
            ok = false;
        }
    }
    for k in sc.args.keys() {
        if !required.contains(&k.as_str()) && !optional.contains(&k.as_str()) {
            let allowed: Vec<&str> = required.iter().chain(optional.iter()).copied().collect();
            diags.push(
                err(messages::shortcode_unknown_arg(&sc.name, k, &allowed))
                    .with_hint(messages::shortcode_unknown_arg_help()),
            );
            ok = false;
        }
    }
    if sc.name == "qr" && sc.args.contains_key("url") == sc.args.contains_key("page") {
        diags.push(
            err(messages::qr_needs_url_or_page()).with_hint(messages::qr_needs_url_or_page_help()),
        );
        ok = false;
    }
    ok
}

/// Parse `name(a="x", b=2)`.
fn parse_call(inner: &str) -> Result<(String, Args), Msg> {
    let s = inner.trim();
    let open = s
        .find('(')
        .ok_or_else(|| messages::shortcode_not_a_call(s))?;
    let name = s[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(messages::shortcode_bad_name(name));
    }
    let rest = s[open + 1..].trim_end();
    let args_src = rest
        .strip_suffix(')')
        .ok_or_else(|| messages::shortcode_no_closing_paren(name))?;
    let mut args = Args::default();
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
            return Err(messages::shortcode_expected_arg(name));
        }
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        if chars.next().map(|(_, c)| c) != Some('=') {
            return Err(messages::shortcode_expected_equals(name, key));
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
                    return Err(messages::shortcode_unclosed_quote(name, key));
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
                if v.contains(messages::CURLY_QUOTES) {
                    // `date=“2020-06-26”`: reported as Word's quotes by the caller.
                    return Err(messages::shortcode_unclosed_quote(name, key));
                }
                v
            }
            None => return Err(messages::shortcode_no_value(name, key)),
        };
        if args.insert(key.to_owned(), value).is_some() {
            return Err(messages::shortcode_arg_twice(name, key));
        }
    }
    args.0.shrink_to_fit();
    Ok((name.to_owned(), args))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `body` as the body of a file whose first four lines are front matter.
    fn run(body: &str) -> (Vec<Shortcode>, String) {
        let mut d = Diagnostics::new();
        let head = "---\ntitle: x\n\n---\n";
        let source = Arc::new(SourceFile::new("c.md", format!("{head}{body}")));
        let v = find(&source, head.len(), &mut d);
        (v, d.render())
    }

    /// The calls found again from the lines [`find_with_lines`] names are the calls
    /// [`find`] finds, fenced code, inline code and broken calls included.
    #[test]
    fn calls_found_again_at_their_lines_are_the_same() {
        let bodies = [
            "{{ deadline(date=\"2563-06-11\", task=\"ส่ง\") }}",
            "ก\n{{ qr(page=\"/a/\") }} และ {{ internal_link(page=\"/b/\") }}\nข\n",
            "a `{{ not(a=\"1\") }}` b {{ table(file=\"t.yaml\") }}\r\nc\r\n",
            "x {{ unclosed(a=\"1\")\n{{ bad(( }}\n{{ qr(page=“/a/”) }}\n{{ qr(page=\"/c/\") }}",
            "```\n{{ qr(page=\"/in-fence/\") }}\n```\n{{ qr(page=\"/after/\") }}\n",
            "no call { { at all }\n",
            "",
        ];
        let head = "---\ntitle: x\n\n---\n";
        for body in bodies {
            let source = Arc::new(SourceFile::new("c.md", format!("{head}{body}")));
            let (calls, lines) = find_with_lines(&source, head.len(), &mut Diagnostics::new());
            assert_eq!(calls, run(body).0, "{body:?}");
            assert_eq!(
                find_on_lines(&source, head.len(), &lines),
                calls,
                "{body:?}"
            );
        }
    }

    fn line_col(sc: &Shortcode, body: &str) -> (usize, usize) {
        let head = "---\ntitle: x\n\n---\n";
        SourceFile::new("c.md", format!("{head}{body}")).line_col(sc.at)
    }

    #[test]
    fn finds_block_and_inline_shortcodes_with_lines() {
        let body = "text\n{{ table(src=\"a.yaml\") }}\nภายในวันที่ {{ deadline(date=\"2020-06-01\", task='ส่ง \"x\"') }} นะ\n";
        let (v, e) = run(body);
        assert_eq!(e, "");
        assert_eq!(v.len(), 2);
        assert_eq!(
            (v[0].name.as_str(), line_col(&v[0], body), v[0].block),
            ("table", (6, 1), true)
        );
        assert_eq!(v[0].arg("src"), Some("a.yaml"));
        assert_eq!((line_col(&v[1], body), v[1].block), ((7, 13), false));
        assert_eq!(v[1].arg("task"), Some("ส่ง \"x\""));
    }

    #[test]
    fn unknown_name_and_missing_argument_are_errors_at_line() {
        let (v, e) = run("{{ tabel(src=\"a\") }}\n\n  {{ download(title=\"x\") }}\n");
        assert!(v.is_empty());
        assert!(
            e.contains("c.md:5:1: error: ไม่รู้จัก shortcode `tabel`"),
            "{e}"
        );
        assert!(e.contains("= help: หมายถึง `table` หรือไม่?"), "{e}");
        assert!(
            e.contains("c.md:7:3: error: shortcode `download` ขาดค่า `file`"),
            "{e}"
        );
        assert!(
            e.contains("= help: เขียนเป็น `{{ download(file=\"…\") }}`"),
            "{e}"
        );
    }

    #[test]
    fn word_curly_quotes_are_named_as_the_cause() {
        for body in [
            "{{ deadline(date=“2020-06-26”, task=“x”) }}",
            "{{ deadline(date=“2020-06-26”, task=“ส่ง รายงาน”) }}",
            "{{ download(file=‘a.pdf’) }}",
            "{{ download(file=″a.pdf″) }}",
            "{{ download(file=“a.pdf) }}",
        ] {
            let (v, e) = run(body);
            assert!(v.is_empty(), "{body}: {v:?}");
            assert!(e.contains("เครื่องหมายคำพูดแบบโค้ง"), "{body}: {e}");
            assert!(
                e.contains("of Word") || e.contains("Word's curly quotes"),
                "{e}"
            );
            assert!(
                e.contains("= help: พิมพ์เครื่องหมายคำพูดตรง \" แทน “ ”"),
                "{body}: {e}"
            );
        }
        let (_, e) = run("{{ deadline(date=“2020-06-26”, task=“x”) }}");
        assert!(
            e.contains("error: shortcode `deadline` ใช้เครื่องหมายคำพูดแบบโค้ง “ ” ของ Word"),
            "{e}"
        );
        // Curly quotes inside straight quotes are text, not a mistake.
        let (v, e) = run("{{ deadline(date=\"2020-06-26\", task=\"ส่ง “ร่าง” ให้\") }}");
        assert_eq!((v.len(), e.as_str()), (1, ""));
        assert_eq!(v[0].arg("task"), Some("ส่ง “ร่าง” ให้"));
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
