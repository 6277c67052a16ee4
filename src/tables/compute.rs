//! Computing formula columns and the รวม row, and checking stated values against them.

use serde_saphyr::{Location, Spanned};

use super::load::{Loader, RowData};
use super::spec::RowMap;
use super::{Cell, ColumnType, TOTAL_LABEL, raw_number, raw_number_places};

impl Loader<'_> {
    /// Evaluates the row's formula columns and checks what the row stated.
    pub(super) fn compute(&mut self, row: &mut RowData, order: &[usize]) {
        for &c in order {
            let Some(formula) = self.columns[c].formula.clone() else {
                continue;
            };
            let value = |k: &str| {
                self.index
                    .get(k)
                    .and_then(|&j| row.cells[j].number())
                    .unwrap_or(0.0)
            };
            let computed = formula.eval(&value);
            let shown = formula.with_values(&value);
            if let (Some(stated), Some(computed), Some(loc)) =
                (row.cells[c].number(), computed, row.locs[c])
            {
                self.check_stated(&row.name, c, stated, computed, &shown, &loc);
            }
            row.cells[c] = computed.map_or(Cell::Empty, Cell::Number);
        }
    }

    fn check_stated(
        &mut self,
        row: &str,
        c: usize,
        stated: f64,
        computed: f64,
        why: &str,
        loc: &Location,
    ) {
        if (stated - computed).abs() <= 0.005 {
            return;
        }
        let (s, mut k) = (raw_number_places(stated, 2), raw_number_places(computed, 2));
        if s == k {
            k = raw_number_places(computed, 4);
        }
        let col = &self.columns[c];
        let message = format!(
            "`{}` row `{row}`, column `{}` (`{}`): stated {s} but computed {k} ({why})",
            self.file, col.label, col.key
        );
        self.error(loc, message);
    }

    /// The รวม row: plain numeric columns summed, formulas on the sums, stated totals checked.
    pub(super) fn total(
        &mut self,
        rows: &[RowData],
        stated: Option<&Spanned<RowMap>>,
        order: &[usize],
    ) -> Vec<Cell> {
        let mut why = vec![String::new(); self.columns.len()];
        let mut cells: Vec<Cell> = self
            .columns
            .iter()
            .enumerate()
            .map(|(c, col)| {
                // A percent without a formula cannot be added up; one with a formula is recomputed.
                if !col.kind.is_numeric()
                    || col.formula.is_some()
                    || col.kind == ColumnType::Percent
                {
                    return Cell::Empty;
                }
                let values: Vec<f64> = rows.iter().filter_map(|r| r.cells[c].number()).collect();
                why[c] = sum_explained(rows.len(), &values);
                if values.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Number(values.iter().sum())
                }
            })
            .collect();
        let mut total = RowData {
            cells: Vec::new(),
            locs: vec![None; self.columns.len()],
            name: TOTAL_LABEL.to_owned(),
        };
        for (key, value) in stated.map_or(&[][..], |s| &s.value.entries[..]) {
            let Some(&c) = self.index.get(key.value.trim()) else {
                let message = format!(
                    "`{}` `totals:` has unknown column key `{}`; the columns are: {}",
                    self.file,
                    key.value,
                    self.key_list()
                );
                self.error(&key.referenced, message);
                continue;
            };
            if !self.columns[c].kind.is_numeric() {
                continue;
            }
            let typed = self.cell(TOTAL_LABEL, 0, c, value);
            if self.columns[c].formula.is_some() {
                // compute() below checks it against the formula on the sums.
                total.locs[c] = Some(value.referenced);
                cells[c] = typed;
            } else if let (Some(s), Some(sum)) = (typed.number(), cells[c].number()) {
                let why = why[c].clone();
                self.check_stated(TOTAL_LABEL, c, s, sum, &why, &value.referenced);
            } else if cells[c] == Cell::Empty {
                cells[c] = typed;
            }
        }
        total.cells = cells;
        self.compute(&mut total, order);
        total.cells[0] = Cell::Text(TOTAL_LABEL.to_owned());
        total.cells
    }
}

/// How a column total came about: `sum of the 5 rows: 1 + 2` (the addends when few).
fn sum_explained(rows: usize, values: &[f64]) -> String {
    let rows = if rows == 1 {
        "the 1 row".to_owned()
    } else {
        format!("the {rows} rows")
    };
    if values.is_empty() || values.len() > 12 {
        return format!("sum of {rows}");
    }
    let terms: Vec<String> = values
        .iter()
        .filter(|v| **v != 0.0)
        .map(|v| raw_number(*v))
        .collect();
    let terms = if terms.is_empty() {
        "0".to_owned()
    } else {
        terms.join(" + ")
    };
    format!("sum of {rows}: {terms}")
}
