//! A horizontal SVG bar chart of one numeric table column: no script, scales by
//! its viewBox, labelled for screen readers, readable when printed.

use std::fmt::Write as _;

use super::render::format_number;
use super::{Column, ColumnType, Table};
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
    let plot = Plot::new(table, key, marks, digits)?;
    let mut out = plot.head(key);
    // Bars first, then the reference lines over them, then the values on top.
    let values = plot.rows(&mut out);
    out.push_str(&plot.reference_lines());
    out.push_str(&values);
    let _ = writeln!(
        out,
        "<line x1=\"{LABEL_W:.2}\" y1=\"{:.2}\" x2=\"{LABEL_W:.2}\" y2=\"{:.2}\" stroke=\"{INK}\" stroke-width=\"1\"/>",
        TOP - 6.0,
        plot.bottom()
    );
    out.push_str("</svg>\n");
    Ok(out)
}

/// One chart's data and scale: the column's values by row, the reference lines
/// asked for, and the axis maximum every length is measured against.
struct Plot<'a> {
    table: &'a Table,
    col: &'a Column,
    values: Vec<Option<f64>>,
    marks: Vec<f64>,
    axis: f64,
    unit: &'static str,
    digits: Digits,
}

impl<'a> Plot<'a> {
    /// The plot of column `key`, which must exist and hold numbers.
    fn new(
        table: &'a Table,
        key: &str,
        marks: &[f64],
        digits: Digits,
    ) -> Result<Self, crate::diag::Msg> {
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
        let percent = col.kind == ColumnType::Percent;
        let floor = if percent { 100.0 } else { 0.0 };
        let axis = values
            .iter()
            .flatten()
            .chain(&marks)
            .fold(floor, |a: f64, &b| a.max(b));
        Ok(Self {
            table,
            col,
            values,
            marks,
            axis: if axis > 0.0 { axis } else { 1.0 },
            unit: if percent { "%" } else { "" },
            digits,
        })
    }

    /// A value as the table shows it, with its unit.
    fn show(&self, x: f64) -> String {
        format!(
            "{}{}",
            format_number(x, self.col.kind, self.digits),
            self.unit
        )
    }

    /// The bottom of the last row.
    fn bottom(&self) -> f64 {
        TOP + ROW_H * self.values.len() as f64
    }

    /// The opening `<svg>` with its title and a description that reads every value.
    fn head(&self, key: &str) -> String {
        let height = self.bottom() + 10.0;
        let id = format!(
            "chart-{:08x}",
            crate::hash::fnv1a_32(format!("{}\u{0}{key}", self.table.title).as_bytes())
        );
        let title = format!("{} — {}", self.table.title, self.col.label);
        let desc: Vec<String> = self
            .table
            .row_labels
            .iter()
            .zip(&self.values)
            .map(|(label, v)| {
                format!(
                    "{label} {}",
                    v.map_or_else(|| crate::messages::NO_DATA.to_owned(), |x| self.show(x))
                )
            })
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
        out
    }

    /// A reference value's label: its number, in the site's digits, with the unit.
    fn mark_label(&self, x: f64) -> String {
        escape(&format!(
            "{}{}",
            thai::apply_digits(&super::raw_number(x), self.digits),
            self.unit
        ))
    }

    /// The axis ends (0 and the maximum, 100 for a percentage) as ticks with labels,
    /// unless a reference line is there, and the dashed reference lines.
    fn reference_lines(&self) -> String {
        let bottom = self.bottom();
        let mut out = String::new();
        for end in [0.0, self.axis] {
            if self.marks.iter().any(|m| (m - end).abs() < 1e-9) {
                continue;
            }
            let x = LABEL_W + end / self.axis * PLOT_W;
            let _ = writeln!(
                out,
                "<line class=\"tick\" x1=\"{x:.2}\" y1=\"{:.2}\" x2=\"{x:.2}\" y2=\"{bottom:.2}\" stroke=\"{MARK_INK}\" stroke-width=\"1\"/>\
                 <text x=\"{x:.2}\" y=\"{:.2}\" text-anchor=\"middle\" fill=\"{MARK_INK}\">{}</text>",
                TOP - 6.0,
                TOP - 10.0,
                self.mark_label(end)
            );
        }
        for m in &self.marks {
            let x = LABEL_W + m / self.axis * PLOT_W;
            let _ = writeln!(
                out,
                "<line x1=\"{x:.2}\" y1=\"{:.2}\" x2=\"{x:.2}\" y2=\"{bottom:.2}\" stroke=\"#ffffff\" stroke-width=\"3\"/>\
                 <line class=\"mark\" x1=\"{x:.2}\" y1=\"{:.2}\" x2=\"{x:.2}\" y2=\"{bottom:.2}\" stroke=\"{MARK_INK}\" stroke-width=\"1.5\" stroke-dasharray=\"4 4\"/>\
                 <text x=\"{x:.2}\" y=\"{:.2}\" text-anchor=\"middle\" fill=\"{MARK_INK}\">{}</text>",
                TOP - 6.0,
                TOP - 6.0,
                TOP - 10.0,
                self.mark_label(*m)
            );
        }
        out
    }

    /// Each row's label and bar, written to `out`; returns the rows' value texts,
    /// which go on top of everything.
    fn rows(&self, out: &mut String) -> String {
        let mut texts = String::new();
        for (i, (label, v)) in self.table.row_labels.iter().zip(&self.values).enumerate() {
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
            let w = (v.max(0.0) / self.axis * PLOT_W).min(PLOT_W);
            let text = escape(&self.show(*v));
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
        texts
    }
}
