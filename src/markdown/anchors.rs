//! Stable ASCII anchors for headings: `ระเบียบวาระที่ ๓` → `agenda-3`,
//! `๓.๓.๒ …` → `item-3-3-2`, whatever digits were typed; others slugged.

use std::collections::{HashMap, HashSet};

use crate::thai;

/// The anchor a heading's text asks for, before de-duplication.
pub(crate) fn anchor_for(text: &str) -> String {
    let t = thai::normalize_digits(text.trim());
    if let Some(rest) = t.strip_prefix("ระเบียบวาระที่") {
        let n: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !n.is_empty() {
            return format!("agenda-{}", n.trim_start_matches('0').max_or_zero());
        }
    }
    let numbers = leading_numbers(&t);
    if !numbers.is_empty() {
        return format!("item-{}", numbers.join("-"));
    }
    slug(&t)
}

trait OrZero {
    fn max_or_zero(&self) -> String;
}
impl OrZero for str {
    fn max_or_zero(&self) -> String {
        if self.is_empty() {
            "0".into()
        } else {
            self.to_owned()
        }
    }
}

/// `3.17.1 title` → ["3","17","1"]; needs a space, `)` or end after the number.
fn leading_numbers(t: &str) -> Vec<String> {
    let head: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let after = t[head.len()..].chars().next();
    if head.is_empty() || !matches!(after, None | Some(' ' | ')' | '\t' | '\u{a0}')) {
        return Vec::new();
    }
    let parts: Vec<String> = head
        .split('.')
        .filter(|p| !p.is_empty())
        .map(|p| p.trim_start_matches('0').max_or_zero())
        .collect();
    if parts.is_empty() || head.starts_with('.') {
        Vec::new()
    } else {
        parts
    }
}

/// Lower-case ASCII words joined by `-`; `section` when nothing ASCII is left.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let s = out.trim_matches('-');
    if s.is_empty() {
        "section".to_owned()
    } else {
        s.to_owned()
    }
}

/// One heading asking for an id: its text, and the `{#id}` written after it, if any.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Request<'a> {
    pub(crate) text: &'a str,
    pub(crate) explicit: Option<&'a str>,
}

/// The ids of a page's headings, in document order. An explicit `{#id}` is kept as
/// written. Otherwise the first heading asking for an anchor gets it; a later one
/// asking for the same gets the first free `-2`, `-3`, … that no heading of the page
/// asks for, so a duplicated `### ๓.๑` never takes the anchor of a later `#### ๓.๑.๒`
/// and the anchors of the items after it do not move.
pub(crate) fn assign(requests: &[Request<'_>]) -> Vec<String> {
    let bases: Vec<Option<String>> = requests
        .iter()
        .map(|r| r.explicit.is_none().then(|| anchor_for(r.text)))
        .collect();
    let explicit: HashSet<&str> = requests.iter().filter_map(|r| r.explicit).collect();
    let reserved: HashSet<&str> = bases
        .iter()
        .flatten()
        .map(String::as_str)
        .chain(explicit.iter().copied())
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(requests.len());
    for (r, base) in requests.iter().zip(&bases) {
        let Some(base) = base else {
            out.push(r.explicit.unwrap_or_default().to_owned());
            continue;
        };
        if !explicit.contains(base.as_str()) && taken.insert(base.clone()) {
            out.push(base.clone());
            continue;
        }
        let n = next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if !reserved.contains(id.as_str()) && taken.insert(id.clone()) {
                out.push(id);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_from_numbers_in_any_digits() {
        let cases = [
            ("ระเบียบวาระที่ ๓ เรื่องเพื่อทราบ", "agenda-3"),
            ("ระเบียบวาระที่ 3 เรื่องเพื่อทราบ", "agenda-3"),
            ("ระเบียบวาระที่๕ เรื่องอื่น ๆ", "agenda-5"),
            ("๓.๑ การดำเนินงาน", "item-3-1"),
            ("3.1 การดำเนินงาน", "item-3-1"),
            ("๓.๓.๒ เรื่องการจัดส่ง", "item-3-3-2"),
            ("๓.๑๗.๑ ผักสวนครัว", "item-3-17-1"),
            ("๑.๒. การบรรจุ", "item-1-2"),
            (
                "Budget and Project Management",
                "budget-and-project-management",
            ),
            ("พิธีก่อนการประชุม", "section"),
            ("2563 OTOP", "item-2563"),
            ("3.5G network", "3-5g-network"),
        ];
        for (text, want) in cases {
            assert_eq!(anchor_for(text), want, "{text}");
        }
    }

    fn ids(texts: &[(&str, Option<&str>)]) -> Vec<String> {
        let reqs: Vec<Request> = texts
            .iter()
            .map(|&(text, explicit)| Request { text, explicit })
            .collect();
        assign(&reqs)
    }

    #[test]
    fn duplicates_get_a_suffix() {
        assert_eq!(
            ids(&[("พิธี", None), ("พิธี", None), ("๓.๑ x", None), ("3.1 y", None)]),
            ["section", "section-2", "item-3-1", "item-3-1-2"]
        );
    }

    #[test]
    fn a_duplicated_number_does_not_shift_later_anchors() {
        assert_eq!(
            ids(&[
                ("๓.๑ x", None),
                ("๓.๑ again", None),
                ("๓.๑.๒ y", None),
                ("๓.๒ z", None),
                ("custom", Some("item-3-3")),
                ("๓.๓ w", None),
            ]),
            [
                "item-3-1",
                "item-3-1-3",
                "item-3-1-2",
                "item-3-2",
                "item-3-3",
                "item-3-3-2"
            ]
        );
    }

    #[test]
    fn many_equal_headings_stay_linear() {
        let texts: Vec<(&str, Option<&str>)> = vec![("x", None); 20_000];
        let got = ids(&texts);
        assert_eq!(got[19_999], "x-20000");
    }
}
