//! Stable ASCII anchors for headings: `ระเบียบวาระที่ ๓` → `agenda-3`,
//! `๓.๓.๒ …` → `item-3-3-2`, whatever digits were typed; others slugged.

use std::collections::HashSet;

use crate::thai;

/// The anchor a heading's text asks for, before de-duplication.
pub fn anchor_for(text: &str) -> String {
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
pub fn slug(text: &str) -> String {
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

/// Hands out unique ids in document order: the second `x` becomes `x-2`.
#[derive(Debug, Default)]
pub struct Anchors {
    used: HashSet<String>,
}

impl Anchors {
    pub fn assign(&mut self, heading_text: &str) -> String {
        let base = anchor_for(heading_text);
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
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

    #[test]
    fn duplicates_get_a_suffix() {
        let mut a = Anchors::default();
        assert_eq!(a.assign("พิธี"), "section");
        assert_eq!(a.assign("พิธี"), "section-2");
        assert_eq!(a.assign("๓.๑ x"), "item-3-1");
        assert_eq!(a.assign("3.1 y"), "item-3-1-2");
    }
}
