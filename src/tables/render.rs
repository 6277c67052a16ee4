//! A table as accessible HTML: caption, grouped header with spans and scopes,
//! row headers, right-aligned grouped numbers, the รวม footer, a note and a CSV link.

use std::fmt::Write as _;

use super::{Cell, ColumnType, Table};
use crate::markdown::escape;
use crate::thai::{self, Digits};

pub(super) fn to_html(table: &Table, csv_href: &str, digits: Digits) -> String {
    let mut out = String::new();
    let title = escape(&table.title);
    out.push_str("<figure class=\"data-table\">\n");
    let _ = writeln!(
        out,
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{title}\">"
    );
    out.push_str("<table>\n<caption>");
    out.push_str(&title);
    if let Some(unit) = &table.unit {
        let _ = write!(
            out,
            " <span class=\"table-unit\">{}</span>",
            crate::messages::table_unit(&escape(unit))
        );
    }
    out.push_str("</caption>\n<thead>\n");
    for row in &table.header_rows {
        out.push_str("<tr>");
        for cell in row {
            let scope = if cell.group { "colgroup" } else { "col" };
            out.push_str("<th scope=\"");
            out.push_str(scope);
            out.push('"');
            if cell.colspan > 1 {
                let _ = write!(out, " colspan=\"{}\"", cell.colspan);
            }
            if cell.rowspan > 1 {
                let _ = write!(out, " rowspan=\"{}\"", cell.rowspan);
            }
            let _ = write!(out, ">{}</th>", escape(&cell.label));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</thead>\n<tbody>\n");
    for row in &table.rows {
        push_row(&mut out, table, row, digits);
    }
    out.push_str("</tbody>\n");
    if let Some(total) = &table.total {
        out.push_str("<tfoot>\n");
        push_row(&mut out, table, total, digits);
        out.push_str("</tfoot>\n");
    }
    out.push_str("</table>\n</div>\n");
    if let Some(note) = &table.note {
        let _ = writeln!(out, "<p class=\"table-note\">{}</p>", escape(note));
    }
    let _ = writeln!(
        out,
        "<a class=\"csv-link\" href=\"{}\" download>{}</a>",
        escape(csv_href),
        crate::messages::DOWNLOAD_CSV
    );
    out.push_str("</figure>\n");
    out
}

fn push_row(out: &mut String, table: &Table, row: &[Cell], digits: Digits) {
    out.push_str("<tr>");
    for (i, (cell, col)) in row.iter().zip(&table.columns).enumerate() {
        let text = escape(&format_cell(cell, col.kind, digits));
        let numeric =
            matches!(cell, Cell::Number(_)) || (col.kind.is_numeric() && *cell == Cell::Empty);
        let class = if numeric { " class=\"num\"" } else { "" };
        if i == 0 {
            let _ = write!(out, "<th scope=\"row\"{class}>{text}</th>");
        } else {
            let _ = write!(out, "<td{class}>{text}</td>");
        }
    }
    out.push_str("</tr>\n");
}

/// A cell as shown on the page: grouped numbers in the site's digits, baht with
/// satang only when there are some, percent with 2 decimals, BE dates.
pub(super) fn format_cell(cell: &Cell, kind: ColumnType, digits: Digits) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Date(d) => thai::format_date(*d, digits),
        Cell::Number(x) => format_number(*x, kind, digits),
    }
}

pub(super) fn format_number(x: f64, kind: ColumnType, digits: Digits) -> String {
    match kind {
        ColumnType::Baht => thai::format_baht(x, digits),
        ColumnType::Percent => thai::format_percent(x, digits),
        ColumnType::Number if x.fract().abs() > 1e-9 => thai::format_decimal(x, 2, digits),
        _ if x.abs() < 9.0e15 => thai::format_int(x.round() as i64, digits),
        _ => thai::format_decimal(x, 0, digits),
    }
}
