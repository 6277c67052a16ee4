//! Reading one YAML value as a cell of its column's type, and spelling suggestions.

use super::spec::CellValue;
use super::{Cell, ColumnType};
use crate::thai;

/// Reads one YAML value as a cell of `kind`; Err says what was expected.
pub(super) fn parse_cell(value: &CellValue, kind: ColumnType) -> Result<Cell, &'static str> {
    let text = match value {
        CellValue::Null => return Ok(Cell::Empty),
        CellValue::Text(s) => s.trim(),
        CellValue::Bool(_) if kind != ColumnType::Text => return Err(expected(kind)),
        CellValue::Bool(b) => return Ok(Cell::Text(b.to_string())),
        CellValue::Number(x) => {
            return match kind {
                ColumnType::Text => Ok(Cell::Text(super::raw_number(*x))),
                ColumnType::Int if x.fract() != 0.0 => Err(expected(kind)),
                ColumnType::District | ColumnType::Date => Err(expected(kind)),
                _ => Ok(Cell::Number(*x)),
            };
        }
    };
    let blank = text.is_empty() || matches!(text, "-" | "–" | "—");
    match kind {
        ColumnType::Text => Ok(if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text.to_owned())
        }),
        _ if blank => Ok(Cell::Empty),
        ColumnType::District => Ok(Cell::Text(text.to_owned())),
        ColumnType::Date => thai::parse_date(text).map(Cell::Date).ok_or(expected(kind)),
        ColumnType::Int => match thai::parse_number(text) {
            Some(x) if x.fract() == 0.0 => Ok(Cell::Number(x)),
            _ => Err(expected(kind)),
        },
        _ => {
            let t = text
                .strip_suffix('%')
                .or_else(|| text.strip_suffix("บาท"))
                .unwrap_or(text);
            let allowed = match kind {
                ColumnType::Percent => text.ends_with('%') || t == text,
                ColumnType::Baht => !text.ends_with('%'),
                _ => t == text,
            };
            thai::parse_number(t.trim())
                .filter(|_| allowed)
                .map(Cell::Number)
                .ok_or(expected(kind))
        }
    }
}

pub(super) fn expected(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Int => "a whole number (type `int`)",
        ColumnType::Number => "a number (type `number`)",
        ColumnType::Baht => "an amount of baht (type `baht`), like `855600` or `855,600.50`",
        ColumnType::Percent => "a percent (type `percent`), like `53.92`",
        ColumnType::Date => "a date `YYYY-MM-DD` (type `date`)",
        ColumnType::District => "a district name (type `district`)",
        ColumnType::Text => "text",
    }
}

/// The candidates nearest to `word` by edit distance over chars (all ties, at most 3).
pub(super) fn nearest<'c>(word: &str, candidates: &'c [String]) -> Vec<&'c str> {
    let scored: Vec<(usize, &str)> = candidates
        .iter()
        .map(|c| (crate::diag::edit_distance(word, c), c.as_str()))
        .collect();
    let Some(best) = scored.iter().map(|(d, _)| *d).min() else {
        return Vec::new();
    };
    scored
        .into_iter()
        .filter(|(d, _)| *d == best)
        .map(|(_, c)| c)
        .take(3)
        .collect()
}
