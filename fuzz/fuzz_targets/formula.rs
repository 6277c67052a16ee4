//! Table formulas. The first byte picks how the rest is used:
//! 0–1: parse, list keys, evaluate and write out the formula (wara::fuzz_api::formula);
//! 2: the formula of a column in a small table, as a plain YAML value;
//! 3: the same as a double-quoted YAML string (escapes shift columns);
//! 4: the whole table YAML. Tables are loaded with `wara::fuzz_api::table`, then written as
//! HTML, CSV and (when they have a numeric column) an SVG chart.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wara::fuzz_api::table;

const HEAD: &str = "title: ตาราง\nunit: บาท\ncolumns:\n  - {key: district, label: อำเภอ, type: district}\n  - {key: budget, label: งบประมาณ, type: baht}\n  - {key: spent, label: เบิกจ่าย, type: baht}\n  - {key: pct, label: ร้อยละ, type: percent, formula: ";
const TAIL: &str = "}\nrows:\n  - {district: เมืองลพบุรี, budget: 818400, spent: 632000}\n  - {district: บ้านหมี่, budget: 0, spent: 12}\ntotal: true\n";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    match mode % 5 {
        0 | 1 => {
            let _ = wara::fuzz_api::formula(&text, f64::from(mode) - 100.0);
        }
        2 => {
            let line: String = text.chars().filter(|c| !matches!(c, '\n' | '\r')).collect();
            table(&format!("{HEAD}{line}{TAIL}"));
        }
        3 => {
            let mut quoted = String::from("\"");
            for c in text.chars() {
                match c {
                    '"' => quoted.push_str("\\\""),
                    '\\' => quoted.push_str("\\\\"),
                    c if c.is_control() => {
                        quoted.push_str(&format!("\\u{:04x}", c as u32 & 0xffff))
                    }
                    c => quoted.push(c),
                }
            }
            quoted.push('"');
            table(&format!("{HEAD}{quoted}{TAIL}"));
        }
        _ => table(&text),
    }
});
