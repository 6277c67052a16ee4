//! Property test: no text that looks like content makes the front matter splitter and
//! parser, the shortcode finder or the Markdown renderer panic or blow up, and whatever
//! they refuse is an error naming the file and a line of it. (Moved here from
//! tests/cli/robustness.rs, which drives the binary only.)

use std::sync::Arc;

use proptest::prelude::*;

use crate::content::front_matter::{self, Kind};
use crate::diag::Diagnostics;
use crate::markdown::{self, shortcodes};
use crate::source::SourceFile;

/// Text that looks like content: fences, shortcode braces, Thai, YAML-ish keys.
fn contentish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_owned()),
        Just("---\r\n".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("title: ทดสอบ\n".to_owned()),
        Just("{{ table(src=\"a.yaml\") }}".to_owned()),
        Just("{{ deadline(date=\"2020-13-40\", task='x') }}".to_owned()),
        Just("{{".to_owned()),
        Just("}}".to_owned()),
        Just("## ระเบียบวาระที่ ๓\n".to_owned()),
        Just("### ๓.๑ เรื่อง\n".to_owned()),
        Just("มติที่ประชุม: รับทราบ\n".to_owned()),
        Just("```\n".to_owned()),
        Just("[x](/y/)".to_owned()),
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]
    #[test]
    fn front_matter_shortcodes_and_markdown_never_panic(text in contentish()) {
        let source = Arc::new(SourceFile::new("content/x.md", text.as_str()));
        let mut d = Diagnostics::new();
        match front_matter::split(&source, &mut d) {
            None => prop_assert!(d.has_errors(), "a file that does not split is an error"),
            Some(split) => {
                let parsed = front_matter::parse(&source, &split, Kind::Minutes, &mut d);
                prop_assert!(
                    parsed.is_some() || d.has_errors(),
                    "front matter that does not parse is an error"
                );
                let scs = crate::content::scan::scan(&source, split.body_start, true, &mut d).shortcodes;
                let again = shortcodes::find(&source, split.body_start, &mut Diagnostics::new());
                prop_assert_eq!(scs.len(), again.len());
                let expanded = vec![String::from("<b>x</b>"); scs.len()];
                let body = &source[split.body_start..];
                let r = markdown::render(body, split.body_start, &scs, &expanded);
                prop_assert!(r.html.len() < text.len() * 64 + 1024);
            }
        }
        // Every message names the file and a line that exists (or the line after the last).
        let last_line = text.lines().count() + 1;
        for line in d.render().lines().filter(|l| l.contains(": error: ") || l.contains(": warning: ")) {
            let rest = line.strip_prefix("content/x.md:");
            prop_assert!(rest.is_some(), "{line}");
            if rest.is_some_and(|r| r.starts_with(' ')) {
                continue; // about the whole file: no line to check
            }
            let n: usize = rest
                .and_then(|r| r.split(':').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            prop_assert!((1..=last_line).contains(&n), "line {n} of {last_line}: {line}");
        }
    }
}
