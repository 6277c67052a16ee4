//! Formula columns: parsed and checked against the columns, ordered (cycles
//! refused), computed per row and for the รวม row, and stated values checked.

use serde_saphyr::{Location, Spanned};

use super::formula::Formula;
use super::load::{Loader, RowData};
use super::spec::RowMap;
use super::{Cell, ColumnType, TOTAL_LABEL, raw_number};
use crate::source::Span;
use crate::thai::plain_number;

impl Loader<'_> {
    /// Where char `offset` of a formula is in the file (after an opening quote).
    fn formula_span(&self, loc: &Location, offset: usize) -> Span {
        let start = self.span(loc).start;
        let text = self.source.get(start..).unwrap_or("");
        let line = &text[..text.find('\n').unwrap_or(text.len())];
        let quote = usize::from(line.starts_with(['"', '\'']));
        let at = line
            .char_indices()
            .nth(quote + offset)
            .map_or(line.len(), |(i, _)| i);
        Span::at(start + at)
    }

    fn formula_error(&mut self, loc: &Location, offset: usize, message: crate::diag::Msg) {
        let d = self.diag(self.formula_span(loc, offset), message);
        self.diags.push(d);
    }

    pub(super) fn parse_formulas(&mut self, formulas: &[Option<Spanned<String>>]) {
        for (i, spanned) in formulas.iter().enumerate() {
            let Some(text) = spanned else { continue };
            let key = self.columns[i].key.clone();
            if !self.columns[i].kind.is_numeric() {
                let kind = self.columns[i].kind.name();
                let message = crate::messages::formula_on_text(&key, kind);
                self.error(&text.referenced, message);
                continue;
            }
            let formula = match Formula::parse(&text.value) {
                Ok(f) => f,
                Err(e) => {
                    let message = crate::messages::formula_syntax(&key, &e.message);
                    self.formula_error(&text.referenced, e.offset, message);
                    continue;
                }
            };
            let mut ok = true;
            for (name, offset) in formula.keys() {
                let message = match self.index.get(name) {
                    None => crate::messages::formula_unknown_column(&key, name, &self.key_list()),
                    Some(&j) if !self.columns[j].kind.is_numeric() => {
                        crate::messages::formula_text_column(
                            &key,
                            name,
                            self.columns[j].kind.name(),
                        )
                    }
                    Some(_) => continue,
                };
                ok = false;
                self.formula_error(&text.referenced, offset, message);
            }
            if ok {
                self.columns[i].formula = Some(formula);
            }
        }
    }

    /// Formula columns in evaluation order; columns in a cycle lose their formula.
    pub(super) fn formula_order(&mut self, formulas: &[Option<Spanned<String>>]) -> Vec<usize> {
        let deps: Vec<Vec<usize>> = self
            .columns
            .iter()
            .map(|c| {
                c.formula.as_ref().map_or_else(Vec::new, |f| {
                    f.keys()
                        .iter()
                        .filter_map(|(k, _)| self.index.get(*k).copied())
                        .collect()
                })
            })
            .collect();
        let mut state = vec![0u8; deps.len()];
        let mut order = Vec::new();
        let mut cycles = Vec::new();
        for i in 0..deps.len() {
            visit(
                i,
                &deps,
                &mut state,
                &mut Vec::new(),
                &mut order,
                &mut cycles,
            );
        }
        for cycle in cycles {
            let names: Vec<&str> = cycle
                .iter()
                .chain(cycle.first())
                .map(|&i| self.columns[i].key.as_str())
                .collect();
            let message = crate::messages::formula_cycle(&names.join(" → "));
            if let Some(Some(text)) = formulas.get(cycle[0]) {
                let loc = text.referenced;
                self.error(&loc, message);
            }
            for &i in &cycle {
                self.columns[i].formula = None;
            }
        }
        order.retain(|&i| self.columns[i].formula.is_some());
        order
    }

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
            let shown = crate::diag::Msg::from(formula.with_values(&value));
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
        why: &crate::diag::Msg,
        loc: &Location,
    ) {
        if (stated - computed).abs() <= 0.005 {
            return;
        }
        let (s, mut k) = (plain_number(stated, 2), plain_number(computed, 2));
        if s == k {
            k = plain_number(computed, 4);
        }
        let col = &self.columns[c];
        let message =
            crate::messages::stated_vs_computed(&self.file, row, &col.label, &col.key, &s, &k, why);
        let d = self
            .diag(self.span(loc), message)
            .with_hint(crate::messages::stated_vs_computed_help());
        self.diags.push(d);
    }

    /// The รวม row: plain numeric columns summed, formulas on the sums, stated totals checked.
    pub(super) fn total(
        &mut self,
        rows: &[RowData],
        stated: Option<&Spanned<RowMap>>,
        order: &[usize],
    ) -> Vec<Cell> {
        let mut why = vec![crate::diag::Msg::from(""); self.columns.len()];
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
                let message =
                    crate::messages::totals_unknown_key(&self.file, &key.value, &self.key_list());
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
fn sum_explained(rows: usize, values: &[f64]) -> crate::diag::Msg {
    if values.is_empty() || values.len() > 12 {
        return crate::messages::sum_explained(rows, None);
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
    crate::messages::sum_explained(rows, Some(&terms))
}

/// Depth-first visit for a topological order, recording cycles met on the way.
fn visit(
    i: usize,
    deps: &[Vec<usize>],
    state: &mut [u8],
    stack: &mut Vec<usize>,
    order: &mut Vec<usize>,
    cycles: &mut Vec<Vec<usize>>,
) {
    match state[i] {
        2 => return,
        1 => {
            if let Some(at) = stack.iter().position(|&s| s == i) {
                cycles.push(stack[at..].to_vec());
            }
            return;
        }
        _ => {}
    }
    state[i] = 1;
    stack.push(i);
    for &d in &deps[i] {
        visit(d, deps, state, stack, order, cycles);
    }
    stack.pop();
    state[i] = 2;
    order.push(i);
}
