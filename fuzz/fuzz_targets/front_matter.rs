//! Front matter: split a file into YAML and body, then read the YAML strictly as each
//! kind of page, and render every diagnostic (with its source line) as `wara` prints it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    wara::fuzz_api::front_matter(&String::from_utf8_lossy(data));
});
