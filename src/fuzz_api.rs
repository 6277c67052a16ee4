//! Entry points for the `cargo fuzz` targets in `fuzz/` and the benchmarks in `benches/`.
//! Each takes plain data (text, bytes, a folder) and runs one stage the way a build does,
//! so the targets need none of wara's internal types. Not part of wara's API.

use std::path::Path;
use std::sync::Arc;

use crate::content::front_matter::{self, Kind};
use crate::diag::Diagnostics;
use crate::markdown::{self, shortcodes};
use crate::options::BuildOptions;
use crate::source::SourceFile;
use crate::tables::{self, TableContext};
use crate::thai::Digits;

/// Parse a table column formula; when it parses, list its keys, evaluate it (each key's
/// value derived from `seed`) and write it out with the values, as a table does.
/// Returns the value, or None when the formula is refused or the value is undefined.
pub fn formula(text: &str, seed: f64) -> Option<f64> {
    let f = tables::fuzz_formula_parse(text)?;
    let keys = f.keys().len();
    let value = |k: &str| seed * (k.len() as f64) - keys as f64;
    let _ = f.with_values(&value);
    f.eval(&value)
}

/// Load a table file's YAML for two districts, in both digit styles; when it loads, write
/// its HTML, its CSV and a chart of its first numeric column; print the diagnostics.
pub fn table(yaml: &str) {
    let districts = vec!["เมืองลพบุรี".to_owned(), "บ้านหมี่".to_owned()];
    for digits in [Digits::Thai, Digits::Arabic] {
        let ctx = TableContext {
            districts: &districts,
        };
        let mut diags = Diagnostics::new();
        if let Some(t) = tables::load(yaml, Path::new("content/t.yaml"), &ctx, &mut diags) {
            let _ = t.to_html("/t.csv", digits);
            let _ = t.to_csv();
            if let Some(col) = t.columns().iter().find(|c| c.kind.is_numeric()) {
                let key = col.key.clone();
                let _ = t.chart_svg(&key, &[50.0, 100.0], digits);
            }
        }
        let _ = diags.render();
    }
}

/// Split and parse a content file's front matter as every kind of page; print the
/// diagnostics. Panics (the fuzzer's finding) if the body starts inside the front matter.
pub fn front_matter(text: &str) {
    let source = Arc::new(SourceFile::new("content/pages/fuzz.md", text));
    let mut diags = Diagnostics::new();
    if let Some(split) = front_matter::split(&source, &mut diags) {
        assert!(split.body_start >= split.yaml.end && split.body_start <= source.len());
        for kind in [Kind::Section, Kind::Page, Kind::Minutes, Kind::Contest] {
            let _ = front_matter::parse(&source, &split, kind, &mut diags);
        }
    }
    let _ = diags.render();
}

/// Find the shortcodes of a page body, expand each to a stand-in and render the Markdown
/// around them; print the diagnostics. Panics if a shortcode's range is out of order or
/// not on character boundaries.
pub fn shortcodes(body: &str) {
    let source = Arc::new(SourceFile::new("content/pages/fuzz.md", body));
    let mut diags = Diagnostics::new();
    let found = shortcodes::find(&source, 0, &mut diags);
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
    let _ = markdown::render(body, 0, &found, &expanded);
    let _ = diags.render();
}

/// `wara check` on the site at `root` (both audiences, nothing written); print the
/// diagnostics of a failed check.
pub fn check_site(root: &Path) {
    let mut opts = BuildOptions::new(root);
    opts.dry_run = true;
    if let Ok(crate::site::BuildOutcome::Failed(d)) = crate::site::build(&opts) {
        let _ = d.render();
    }
}

/// The QR code of `data` as the SVG a page embeds, with `label` below it.
pub fn qr_svg(data: &str, label: &str) -> Option<String> {
    crate::qr::svg(data, label).ok()
}

/// Empty the QR cache (so a benchmark measures encoding, not lookups).
pub fn qr_clear_cache() {
    crate::qr::clear_cache();
}

/// A site path percent-encoded as it appears in a URL.
pub fn encode_path(path: &str) -> String {
    crate::files::encode_path(path)
}

/// Text escaped for HTML, as wara writes it.
pub fn escape(text: &str) -> String {
    crate::markdown::escape(text)
}
