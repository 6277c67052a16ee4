//! Loading a table file: columns and groups, cells by type, formulas in
//! dependency order, stated values and totals checked, every problem a diagnostic.

use std::collections::HashMap;
use std::path::Path;

use serde_saphyr::{Location, Spanned};

use super::formula::Formula;
use super::spec::{self, CellValue, ColumnSpec, RowMap, TableFile};
use super::{
    Cell, Column, ColumnType, HeaderCell, TOTAL_LABEL, Table, TableContext, raw_number_places,
};
use crate::diag::{Diagnostic, Diagnostics};
use crate::thai;

pub(super) fn load(
    src: &str,
    path: &Path,
    ctx: &TableContext<'_>,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut cx = Loader {
        src,
        path,
        ctx,
        diags,
        file,
        columns: Vec::new(),
        index: HashMap::new(),
    };
    match spec::parse(src) {
        Ok(spec) => cx.load(spec),
        Err(e) => {
            cx.yaml_error(&e);
            None
        }
    }
}

/// Everything a load needs while it walks one file.
struct Loader<'a> {
    src: &'a str,
    path: &'a Path,
    ctx: &'a TableContext<'a>,
    diags: &'a mut Diagnostics,
    /// The file name, as messages name it.
    file: String,
    columns: Vec<Column>,
    index: HashMap<String, usize>,
}

/// One body row while loading: its cells and where each came from.
struct RowData {
    cells: Vec<Cell>,
    locs: Vec<Option<Location>>,
    name: String,
}

/// 1-based line and column of a YAML location (1:1 when unknown).
fn pos(loc: &Location) -> (usize, usize) {
    (
        usize::try_from(loc.line()).unwrap_or(1).max(1),
        usize::try_from(loc.column()).unwrap_or(1).max(1),
    )
}

impl Loader<'_> {
    fn diag(&self, (line, col): (usize, usize), message: String) -> Diagnostic {
        Diagnostic::error(self.path, line, col, message).with_source(self.src)
    }

    fn error(&mut self, loc: &Location, message: String) {
        let d = self.diag(pos(loc), message);
        self.diags.push(d);
    }

    fn yaml_error(&mut self, e: &serde_saphyr::Error) {
        let at = e.location().map_or((1, 1), |l| pos(&l));
        let text = e.without_snippet().to_string();
        let text = text
            .split(" at line ")
            .next()
            .unwrap_or(&text)
            .trim()
            .to_owned();
        let d = self.diag(at, format!("`{}` is not a valid table: {text}", self.file));
        self.diags.push(d);
    }

    fn load(&mut self, spec: TableFile) -> Option<Table> {
        let mut header_rows = Vec::new();
        let mut formulas = Vec::new();
        self.walk(
            &spec.columns.value,
            0,
            &mut Vec::new(),
            &mut header_rows,
            &mut formulas,
        );
        if self.columns.is_empty() {
            let message = format!(
                "`{}` has no columns: list them under `columns:` with `key`, `label` and `type`",
                self.file
            );
            self.error(&spec.columns.referenced, message);
            return None;
        }
        let depth = header_rows.len();
        for (d, row) in header_rows.iter_mut().enumerate() {
            for cell in row.iter_mut().filter(|c| !c.group) {
                cell.rowspan = depth - d;
            }
        }
        self.parse_formulas(&formulas);
        let order = self.formula_order(&formulas);
        let mut rows: Vec<RowData> = spec
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| self.row(i, r))
            .collect();
        for row in &mut rows {
            self.compute(row, &order);
        }
        let wants_total = spec.total.as_ref().is_some_and(|t| t.value) || spec.totals.is_some();
        let total = wants_total.then(|| self.total(&rows, spec.totals.as_ref(), &order));
        Some(Table {
            title: spec.title.value.trim().to_owned(),
            unit: spec
                .unit
                .map(|u| u.trim().to_owned())
                .filter(|u| !u.is_empty()),
            note: spec
                .note
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()),
            columns: std::mem::take(&mut self.columns),
            header_rows,
            row_labels: rows.iter().map(|r| r.name.clone()).collect(),
            rows: rows.into_iter().map(|r| r.cells).collect(),
            total,
        })
    }

    /// Flattens the column tree into leaf columns and header rows (rowspans set later).
    fn walk(
        &mut self,
        specs: &[ColumnSpec],
        depth: usize,
        groups: &mut Vec<String>,
        header: &mut Vec<Vec<HeaderCell>>,
        formulas: &mut Vec<Option<Spanned<String>>>,
    ) {
        for spec in specs {
            if header.len() <= depth {
                header.push(Vec::new());
            }
            let label = spec.label.value.trim().to_owned();
            if let Some(children) = &spec.columns {
                if let Some(extra) = [spec.key.as_ref(), spec.kind.as_ref(), spec.formula.as_ref()]
                    .into_iter()
                    .flatten()
                    .next()
                {
                    let message = format!(
                        "column group `{label}` has `columns:`, so it cannot also have `key`, `type` or `formula`"
                    );
                    self.error(&extra.referenced, message);
                }
                let at = header[depth].len();
                header[depth].push(HeaderCell {
                    label: label.clone(),
                    colspan: 0,
                    rowspan: 1,
                    group: true,
                });
                let before = self.columns.len();
                groups.push(label.clone());
                self.walk(children, depth + 1, groups, header, formulas);
                groups.pop();
                let span = self.columns.len() - before;
                if span == 0 {
                    header[depth].remove(at);
                    self.error(
                        &spec.label.referenced,
                        format!("column group `{label}` has no columns"),
                    );
                } else {
                    header[depth][at].colspan = span;
                }
                continue;
            }
            let Some(key) = &spec.key else {
                let message = format!(
                    "column `{label}` needs a `key:` (a short name used by rows and formulas)"
                );
                self.error(&spec.label.referenced, message);
                continue;
            };
            let name = key.value.trim().to_owned();
            if self.index.contains_key(&name) || name.is_empty() {
                self.error(&key.referenced, format!("column key `{name}` is used twice (or empty); each column needs its own key"));
                continue;
            }
            let kind = match &spec.kind {
                None if spec.formula.is_some() => ColumnType::Number,
                None => ColumnType::Text,
                Some(t) => ColumnType::from_name(&t.value).unwrap_or_else(|| {
                    let message = format!(
                        "column `{name}` has unknown type `{}`; the types are: text, int, number, baht, percent, district, date",
                        t.value
                    );
                    self.error(&t.referenced, message);
                    ColumnType::Text
                }),
            };
            header[depth].push(HeaderCell {
                label: label.clone(),
                colspan: 1,
                rowspan: 1,
                group: false,
            });
            self.index.insert(name.clone(), self.columns.len());
            self.columns.push(Column {
                key: name,
                label,
                kind,
                groups: groups.clone(),
                formula: None,
            });
            formulas.push(spec.formula.clone());
        }
    }

    /// Where char `offset` of a formula is in the file (after an opening quote).
    fn formula_pos(&self, loc: &Location, offset: usize) -> (usize, usize) {
        let (line, col) = pos(loc);
        let first = self
            .src
            .lines()
            .nth(line - 1)
            .and_then(|l| l.chars().nth(col - 1));
        let quote = usize::from(matches!(first, Some('"' | '\'')));
        (line, col + quote + offset)
    }

    fn formula_error(&mut self, loc: &Location, offset: usize, message: String) {
        let d = self.diag(self.formula_pos(loc, offset), message);
        self.diags.push(d);
    }

    fn parse_formulas(&mut self, formulas: &[Option<Spanned<String>>]) {
        for (i, spanned) in formulas.iter().enumerate() {
            let Some(text) = spanned else { continue };
            let key = self.columns[i].key.clone();
            if !self.columns[i].kind.is_numeric() {
                let kind = self.columns[i].kind.name();
                let message = format!(
                    "column `{key}` has a formula but its type is `{kind}`; formulas need int, number, baht or percent"
                );
                self.error(&text.referenced, message);
                continue;
            }
            let formula = match Formula::parse(&text.value) {
                Ok(f) => f,
                Err(e) => {
                    let message = format!("formula of column `{key}`: {}", e.message);
                    self.formula_error(&text.referenced, e.offset, message);
                    continue;
                }
            };
            let mut ok = true;
            for (name, offset) in formula.keys() {
                let message = match self.index.get(name) {
                    None => format!(
                        "formula of column `{key}` uses unknown column `{name}`; the columns are: {}",
                        self.key_list()
                    ),
                    Some(&j) if !self.columns[j].kind.is_numeric() => {
                        format!(
                            "formula of column `{key}` uses column `{name}`, which is {} and not a number",
                            self.columns[j].kind.name()
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

    fn key_list(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Formula columns in evaluation order; columns in a cycle lose their formula.
    fn formula_order(&mut self, formulas: &[Option<Spanned<String>>]) -> Vec<usize> {
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
            let message = format!(
                "formulas form a cycle: {}; one of these columns must be typed in, not computed",
                names.join(" → ")
            );
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

    fn row(&mut self, i: usize, row: &Spanned<RowMap>) -> RowData {
        let n = self.columns.len();
        let mut data = RowData {
            cells: vec![Cell::Empty; n],
            locs: vec![None; n],
            name: self.row_name(i, &row.value),
        };
        for (key, value) in &row.value.entries {
            let Some(&c) = self.index.get(key.value.trim()) else {
                let message = format!(
                    "`{}` row `{}` has unknown column key `{}`; the columns are: {}",
                    self.file,
                    data.name,
                    key.value,
                    self.key_list()
                );
                self.error(&key.referenced, message);
                continue;
            };
            data.locs[c] = Some(value.referenced);
            data.cells[c] = self.cell(&data.name, i, c, value);
        }
        data
    }

    /// A row is named by its district, else its first text cell, else its number.
    fn row_name(&self, i: usize, row: &RowMap) -> String {
        let text_of = |kind: ColumnType| {
            self.columns
                .iter()
                .filter(|c| c.kind == kind)
                .find_map(|c| {
                    row.entries
                        .iter()
                        .find(|(k, _)| k.value.trim() == c.key)
                        .and_then(|(_, v)| match &v.value {
                            CellValue::Text(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                            _ => None,
                        })
                })
        };
        text_of(ColumnType::District)
            .or_else(|| text_of(ColumnType::Text))
            .unwrap_or_else(|| format!("{}", i + 1))
    }

    fn cell(&mut self, row_name: &str, row: usize, c: usize, value: &Spanned<CellValue>) -> Cell {
        let col = &self.columns[c];
        let (kind, key, label) = (col.kind, col.key.clone(), col.label.clone());
        match parse_cell(&value.value, kind) {
            Ok(Cell::Text(name))
                if kind == ColumnType::District && !self.ctx.districts.contains(&name) =>
            {
                let message = format!(
                    "`{}` row {}, column `{label}` (`{key}`): `{name}` is not one of the districts in site.yaml: {}",
                    self.file,
                    row + 1,
                    self.ctx.districts.join(", ")
                );
                let mut d = self.diag(pos(&value.referenced), message);
                if let Some(near) = nearest(&name, self.ctx.districts) {
                    d = d.with_hint(format!(
                        "did you mean `{near}`? (nearest spelling only: check the source, a district of another province may have been pasted)"
                    ));
                }
                self.diags.push(d);
                Cell::Text(name)
            }
            Ok(cell) => cell,
            Err(expected) => {
                let message = format!(
                    "`{}` row `{row_name}`, column `{label}` (`{key}`): `{}` is not {expected}",
                    self.file,
                    value.value.shown()
                );
                self.error(&value.referenced, message);
                Cell::Empty
            }
        }
    }

    /// Evaluates the row's formula columns and checks what the row stated.
    fn compute(&mut self, row: &mut RowData, order: &[usize]) {
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
    fn total(
        &mut self,
        rows: &[RowData],
        stated: Option<&Spanned<RowMap>>,
        order: &[usize],
    ) -> Vec<Cell> {
        let mut counts = vec![0usize; self.columns.len()];
        let mut cells: Vec<Cell> = self
            .columns
            .iter()
            .enumerate()
            .map(|(c, col)| {
                if !col.kind.is_numeric()
                    || col.formula.is_some()
                    || col.kind == ColumnType::Percent
                {
                    return Cell::Empty;
                }
                let values: Vec<f64> = rows.iter().filter_map(|r| r.cells[c].number()).collect();
                counts[c] = values.len();
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
                let why = format!("sum of {} rows", counts[c]);
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

/// Reads one YAML value as a cell of `kind`; Err says what was expected.
fn parse_cell(value: &CellValue, kind: ColumnType) -> Result<Cell, &'static str> {
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

fn expected(kind: ColumnType) -> &'static str {
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

/// The candidate nearest to `word` by edit distance over chars (first one on ties).
pub(super) fn nearest<'c>(word: &str, candidates: &'c [String]) -> Option<&'c str> {
    candidates
        .iter()
        .min_by_key(|c| levenshtein(word, c))
        .map(String::as_str)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
