//! Shortcodes: find every `{{ name(arg="value") }}` in a body, then render the body's
//! Markdown with each shortcode replaced by some HTML, as a page does, and render the
//! diagnostics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    wara::fuzz_api::shortcodes(&String::from_utf8_lossy(data));
});
