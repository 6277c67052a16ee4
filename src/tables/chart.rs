//! A horizontal SVG bar chart of one numeric table column: no script, scales by
//! its viewBox, labelled for screen readers, readable when printed.

use std::fmt::Write as _;

use super::render::format_number;
use super::{ColumnType, Table};
use crate::markdown::escape;
use crate::thai::{self, Digits};

// Narrow enough to fit a phone (360 px) without scrolling, so the row labels stay
// with their bars, at a font size that stays about 12 px there.
const WIDTH: f64 = 480.0;
const LABEL_W: f64 = 118.0;
/// The values sit in their own column right of the plot, where no reference line runs.
const RIGHT_PAD: f64 = 92.0;
const TOP: f64 = 34.0;
const ROW_H: f64 = 32.0;
const BAR_H: f64 = 22.0;
/// The plot area's width: the axis maximum is drawn this long.
pub(super) const PLOT_W: f64 = WIDTH - LABEL_W - RIGHT_PAD;
/// Dark blue on white (and white on it): contrast above 8:1.
const BAR_FILL: &str = "#1d4e89";
const INK: &str = "#1a1a1a";
const MARK_INK: &str = "#595959";
/// A halo in the background colour keeps values readable where a reference line crosses them.
const HALO: &str = "paint-order=\"stroke\" stroke-width=\"4\" stroke-linejoin=\"round\" stroke=";

pub(super) fn chart_svg(
    table: &Table,
    key: &str,
    marks: &[f64],
    digits: Digits,
) -> Result<String, crate::diag::Msg> {
    let keys = || {
        table
            .columns
            .iter()
            .map(|c| c.key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let c = table
        .columns
        .iter()
        .position(|c| c.key == key)
        .ok_or_else(|| crate::messages::chart_no_column(&table.title, key, &keys()))?;
    let col = &table.columns[c];
    if !col.kind.is_numeric() {
        return Err(crate::messages::chart_not_numeric(&table.title, key));
    }
    let values: Vec<Option<f64>> = table.rows.iter().map(|r| r[c].number()).collect();
    let marks: Vec<f64> = marks
        .iter()
        .copied()
        .filter(|m| m.is_finite() && *m > 0.0)
        .collect();
    let floor = if col.kind == ColumnType::Percent {
        100.0
    } else {
        0.0
    };
    let axis = values
        .iter()
        .flatten()
        .chain(&marks)
        .fold(floor, |a: f64, &b| a.max(b));
    let axis = if axis > 0.0 { axis } else { 1.0 };
    let unit = if col.kind == ColumnType::Percent {
        "%"
    } else {
        ""
    };
    let show = |x: f64| format!("{}{unit}", format_number(x, col.kind, digits));

    let height = TOP + ROW_H * values.len() as f64 + 10.0;
    let id = format!(
        "chart-{:08x}",
        crate::hash::fnv1a_32(format!("{}\u{0}{key}", table.title).as_bytes())
    );
    let title = format!("{} — {}", table.title, col.label);
    let desc: Vec<String> = table
        .row_labels
        .iter()
        .zip(&values)
        .map(|(label, v)| format!("{label} {}", v.map_or_else(|| "ไม่มีข้อมูล".to_owned(), show)))
        .collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" \
         style=\"max-width:100%;height:auto\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"Sarabun, sans-serif\" font-size=\"17\">"
    );
    let _ = writeln!(out, "<title id=\"{id}-title\">{}</title>", escape(&title));
    let _ = writeln!(
        out,
        "<desc id=\"{id}-desc\">{}</desc>",
        escape(&desc.join(", "))
    );
    let bottom = TOP + ROW_H * values.len() as f64;
    // Bars first, then the reference lines over them, then the values on top.
    let mut marks_out = String::new();
    let mut texts = String::new();
    // The axis ends, 0 and the maximum (100 for a percentage), as ticks with labels.
    for end in [0.0, axis] {
        if marks.iter().any(|m| (m - end).abs() < 1e-9) {
            continue;
        }
        let x = LABEL_W + end / axis * PLOT_W;
        let _ = writeln!(
            marks_out,
            "<line class=\"tick\" x1=\"{x:.2}\" y1=\"{:.2}\" x2=\"{x:.2}\" y2=\"{bottom:.2}\" stroke=\"{MARK_INK}\" stroke-width=\"1\"/>\
             <text x=\"{x:.2}\" y=\"{:.2}\" text-anchor=\"middle\" fill=\"{MARK_INK}\">{}</text>",
            TOP - 6.0,
            TOP - 10.0,
            escape(&format!(
                "{}{unit}",
                thai::apply_digits(&super::raw_number(end), digits)
            ))
        );
    }
    for m in &marks {
        let x = LABEL_W + m / axis * PLOT_W;
        let _ = writeln!(
            marks_out,
            "<line x1=\"{x:.2}\" y1=\"{:.2}\" x2=\"{x:.2}\" y2=\"{bottom:.2}\" stroke=\"#ffffff\" stroke-width=\"3\"/>\
             <line class=\"mark\" x1=\"{x:.2}\" y1=\"{:.2}\" x2=\"{x:.2}\" y2=\"{bottom:.2}\" stroke=\"{MARK_INK}\" stroke-width=\"1.5\" stroke-dasharray=\"4 4\"/>\
             <text x=\"{x:.2}\" y=\"{:.2}\" text-anchor=\"middle\" fill=\"{MARK_INK}\">{}</text>",
            TOP - 6.0,
            TOP - 6.0,
            TOP - 10.0,
            escape(&format!(
                "{}{unit}",
                thai::apply_digits(&super::raw_number(*m), digits)
            ))
        );
    }
    for (i, (label, v)) in table.row_labels.iter().zip(&values).enumerate() {
        let y = TOP + ROW_H * i as f64 + (ROW_H - BAR_H) / 2.0;
        let mid = y + BAR_H / 2.0 + 5.0;
        let _ = write!(
            out,
            "<text x=\"{:.2}\" y=\"{mid:.2}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>",
            LABEL_W - 8.0,
            escape(label)
        );
        let Some(v) = v else {
            let _ = writeln!(
                texts,
                "<text x=\"{:.2}\" y=\"{mid:.2}\" fill=\"{INK}\">–</text>",
                LABEL_W + 6.0
            );
            continue;
        };
        let w = (v.max(0.0) / axis * PLOT_W).min(PLOT_W);
        let text = escape(&show(*v));
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{LABEL_W:.2}\" y=\"{y:.2}\" width=\"{w:.2}\" height=\"{BAR_H:.2}\" fill=\"{BAR_FILL}\"/>"
        );
        // In the value column, right-aligned: no reference line crosses it.
        let _ = writeln!(
            texts,
            "<text x=\"{:.2}\" y=\"{mid:.2}\" text-anchor=\"end\" fill=\"{INK}\" {HALO}\"#ffffff\">{text}</text>",
            WIDTH - 4.0
        );
    }
    out.push_str(&marks_out);
    out.push_str(&texts);
    let _ = writeln!(
        out,
        "<line x1=\"{LABEL_W:.2}\" y1=\"{:.2}\" x2=\"{LABEL_W:.2}\" y2=\"{bottom:.2}\" stroke=\"{INK}\" stroke-width=\"1\"/>",
        TOP - 6.0
    );
    out.push_str("</svg>\n");
    Ok(out)
}
