//! Front matter: split a file into YAML and body, then read the YAML strictly as each
//! kind of page, and render every diagnostic (with its source line) as `wara` prints it.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use wara::content::front_matter::{self, Kind};
use wara::diag::Diagnostics;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let path = Path::new("content/pages/fuzz.md");
    let mut diags = Diagnostics::new();
    if let Some(split) = front_matter::split(&text, path, &mut diags) {
        assert!(split.body_line >= 3);
        for kind in [Kind::Section, Kind::Page, Kind::Minutes, Kind::Contest] {
            let _ = front_matter::parse(split.yaml, kind, path, &text, &mut diags);
        }
    }
    let _ = diags.render();
});
