//! Shortcodes: find every `{{ name(arg="value") }}` in a body, then render the body's
//! Markdown with each shortcode replaced by some HTML, as a page does, and render the
//! diagnostics. The first byte picks the body's first line (as after a front matter).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use wara::diag::Diagnostics;
use wara::markdown::{self, shortcodes};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let body = String::from_utf8_lossy(rest);
    let first_line = 1 + usize::from(first % 16);
    let path = Path::new("content/pages/fuzz.md");
    let mut diags = Diagnostics::new();
    let found = shortcodes::find(&body, first_line, path, &body, &mut diags);
    let mut last = 0;
    for sc in &found {
        assert!(sc.start >= last && sc.start < sc.end && sc.end <= body.len());
        assert!(body.is_char_boundary(sc.start) && body.is_char_boundary(sc.end));
        last = sc.end;
    }
    let expanded: Vec<String> = found
        .iter()
        .map(|sc| {
            let arg = sc.args.values().next().map_or("", String::as_str);
            if sc.block {
                format!("<div class=\"sc\">{}</div>", markdown::escape(arg))
            } else {
                format!("<span>{}</span>", markdown::escape(arg))
            }
        })
        .collect();
    let _ = markdown::render(&body, first_line, &found, &expanded);
    let _ = diags.render();
});
