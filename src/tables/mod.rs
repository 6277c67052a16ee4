//! Data tables (SPEC §4.4): YAML beside a page, parsed strictly, formulas
//! computed and checked against what the source document stated, rendered as an
//! accessible HTML table, a CSV download and an SVG bar chart.
//!
//! ```yaml
//! title: งบประมาณ ไตรมาส ๓
//! unit: บาท
//! columns:
//!   - {key: district, label: อำเภอ, type: district}
//!   - label: จำนวนหมู่บ้านเป้าหมาย
//!     columns:
//!       - {key: villages, label: ทั้งหมด, type: int}
//!       - {key: q3, label: ไตรมาส ๓, type: int, formula: villages - 37}
//! rows:
//!   - {district: เมืองลพบุรี, villages: 60}
//! total: true
//! ```

use std::path::Path;

use chrono::NaiveDate;

use crate::diag::Diagnostics;
use crate::thai::Digits;

mod cell;
mod chart;
mod compute;
mod csv;
mod formula;
mod load;
mod render;
mod spec;

use formula::Formula;

/// What the table loader needs from the site: its districts.
pub(crate) struct TableContext<'a> {
    pub(crate) districts: &'a [String],
}

/// The type of a column's cells (`type:` in the YAML).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnType {
    Text,
    Int,
    Number,
    Baht,
    Percent,
    District,
    Date,
}

impl ColumnType {
    const ALL: [(&'static str, ColumnType); 7] = [
        ("text", ColumnType::Text),
        ("int", ColumnType::Int),
        ("number", ColumnType::Number),
        ("baht", ColumnType::Baht),
        ("percent", ColumnType::Percent),
        ("district", ColumnType::District),
        ("date", ColumnType::Date),
    ];

    fn from_name(name: &str) -> Option<ColumnType> {
        Self::ALL
            .iter()
            .find(|(n, _)| *n == name.trim())
            .map(|(_, t)| *t)
    }

    fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("text", |(n, _)| n)
    }

    /// Whether cells hold numbers (and can be summed, charted, used in formulas).
    pub(crate) fn is_numeric(self) -> bool {
        matches!(
            self,
            ColumnType::Int | ColumnType::Number | ColumnType::Baht | ColumnType::Percent
        )
    }
}

/// One value of the table, after parsing and computing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    fn number(&self) -> Option<f64> {
        match self {
            Cell::Number(x) => Some(*x),
            _ => None,
        }
    }
}

/// A leaf column: the one that holds cells.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) kind: ColumnType,
    /// Labels of the groups above this column, outermost first.
    pub(crate) groups: Vec<String>,
    formula: Option<Formula>,
}

/// One `<th>` of the header: a group over its columns or a single column.
#[derive(Debug, Clone, PartialEq)]
struct HeaderCell {
    label: String,
    colspan: usize,
    rowspan: usize,
    group: bool,
}

/// A loaded, computed and checked table.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    title: String,
    unit: Option<String>,
    note: Option<String>,
    columns: Vec<Column>,
    header_rows: Vec<Vec<HeaderCell>>,
    rows: Vec<Vec<Cell>>,
    /// How each row is named (its district or first text cell), for charts and messages.
    row_labels: Vec<String>,
    total: Option<Vec<Cell>>,
}

/// Parse, compute and check a table file. `path` is relative to the site root (for messages).
/// Returns None only when the file cannot be used at all; every problem is pushed to `diags`.
pub(crate) fn load(
    src: &str,
    path: &Path,
    ctx: &TableContext<'_>,
    diags: &mut Diagnostics,
) -> Option<Table> {
    load::load(src, path, ctx, diags)
}

/// For `crate::fuzz_api`: parse a formula, dropping the error.
pub(crate) fn fuzz_formula_parse(text: &str) -> Option<Formula> {
    Formula::parse(text).ok()
}

/// The label of the total row.
const TOTAL_LABEL: &str = "รวม";

impl Table {
    pub(crate) fn title(&self) -> &str {
        &self.title
    }

    /// The leaf columns, left to right.
    pub(crate) fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// `<figure class="data-table">` with a scrolling wrapper, the `<table>`, the note and a CSV link.
    pub(crate) fn to_html(&self, csv_href: &str, digits: Digits) -> String {
        render::to_html(self, csv_href, digits)
    }

    /// UTF-8 with BOM, CRLF rows, RFC 4180 quoting, raw numbers, the total row included as รวม.
    pub(crate) fn to_csv(&self) -> Vec<u8> {
        csv::to_csv(self)
    }

    /// The label of column `key`, if the table has it.
    pub(crate) fn column_label(&self, key: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.label.as_str())
    }

    /// `%` when column `key` holds percentages, else nothing.
    pub(crate) fn column_unit(&self, key: &str) -> &'static str {
        match self.columns.iter().find(|c| c.key == key) {
            Some(c) if c.kind == ColumnType::Percent => "%",
            _ => "",
        }
    }

    /// A horizontal SVG bar chart of one numeric column, one bar per row.
    /// Err(message) when the column does not exist or is not numeric.
    pub(crate) fn chart_svg(
        &self,
        value_key: &str,
        marks: &[f64],
        digits: Digits,
    ) -> Result<String, crate::diag::Msg> {
        chart::chart_svg(self, value_key, marks, digits)
    }
}

/// A number as plain ASCII without grouping: `5394000`, `77.22` (at most 2 decimals),
/// rounded as the page rounds it, so the CSV and the table never disagree.
pub(crate) fn raw_number(x: f64) -> String {
    crate::thai::plain_number(x, 2)
}

#[cfg(test)]
mod tests;
