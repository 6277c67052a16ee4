//! A table as CSV for Excel: UTF-8 with BOM, CRLF, RFC 4180 quoting, raw numbers.

use super::{Cell, ColumnType, Table, raw_number};

pub(super) fn to_csv(table: &Table) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    let header: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            c.groups
                .iter()
                .chain(std::iter::once(&c.label))
                .cloned()
                .collect::<Vec<_>>()
                .join(" - ")
        })
        .collect();
    push_record(&mut out, &header);
    for row in table.rows.iter().chain(table.total.as_ref()) {
        let fields: Vec<String> = row
            .iter()
            .zip(&table.columns)
            .map(|(cell, col)| field(cell, col.kind))
            .collect();
        push_record(&mut out, &fields);
    }
    out.into_bytes()
}

/// A cell as a spreadsheet reads it: ASCII digits, no grouping, ISO dates.
fn field(cell: &Cell, kind: ColumnType) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => defuse(s),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::Number(x) if kind == ColumnType::Int => format!("{:.0}", x.round()),
        Cell::Number(x) => raw_number(*x),
    }
}

/// Text that a spreadsheet would run as a formula gets a leading `'` (CSV injection).
fn defuse(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '@', '\t', '\r'])
        || (s.starts_with('-') && s.len() > 1 && crate::thai::parse_number(s).is_none());
    if risky { format!("'{s}") } else { s.to_owned() }
}

fn push_record(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\r', '\n']) || f.starts_with(' ') || f.ends_with(' ') {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}
