//! Loading a table file: columns and groups, cells by type, formulas in
//! dependency order, stated values and totals checked, every problem a diagnostic.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde_saphyr::{Location, Spanned};

use super::cell::{nearest, parse_cell};
use super::spec::{self, CellValue, ColumnSpec, RowMap, TableFile};
use super::{Cell, Column, ColumnType, HeaderCell, Table, TableContext};
use crate::diag::{Diagnostic, Diagnostics, Msg};
use crate::source::{SourceFile, Span};
use crate::thai;

pub(super) fn load(
    src: &str,
    path: &Path,
    ctx: &TableContext<'_>,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let file = path.file_name().map_or_else(
        || crate::diag::slash(path),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut cx = Loader {
        source: Arc::new(SourceFile::new(path, src)),
        ctx,
        diags,
        file,
        columns: Vec::new(),
        index: HashMap::new(),
    };
    if src.trim_start_matches('\u{FEFF}').trim().is_empty() {
        let message = crate::messages::table_empty(&cx.file);
        cx.diags.push(Diagnostic::error(path, message));
        return None;
    }
    match spec::parse(src) {
        Ok(spec) => cx.load(spec),
        Err(e) => {
            cx.yaml_error(&e);
            None
        }
    }
}

/// Everything a load needs while it walks one file.
pub(super) struct Loader<'a> {
    pub(super) source: Arc<SourceFile>,
    pub(super) ctx: &'a TableContext<'a>,
    pub(super) diags: &'a mut Diagnostics,
    /// The file name, as messages name it.
    pub(super) file: String,
    pub(super) columns: Vec<Column>,
    pub(super) index: HashMap<String, usize>,
}

/// One body row while loading: its cells and where each came from.
pub(super) struct RowData {
    pub(super) cells: Vec<Cell>,
    pub(super) locs: Vec<Option<Location>>,
    pub(super) name: String,
}

impl Loader<'_> {
    /// Where a YAML node of the file is.
    pub(super) fn span(&self, loc: &Location) -> Span {
        self.source.yaml_span(loc, 0)
    }

    pub(super) fn diag(&self, span: Span, message: impl Into<Msg>) -> Diagnostic {
        Diagnostic::error_at(&self.source, span, message)
    }

    pub(super) fn error(&mut self, loc: &Location, message: impl Into<Msg>) {
        let d = self.diag(self.span(loc), message);
        self.diags.push(d);
    }

    fn yaml_error(&mut self, e: &serde_saphyr::Error) {
        let d = crate::yaml::error(&self.source, 0, e);
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
            let message = crate::messages::table_no_columns(&self.file);
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
                    let message = crate::messages::group_with_key(&label);
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
                    self.error(&spec.label.referenced, crate::messages::group_empty(&label));
                } else {
                    header[depth][at].colspan = span;
                }
                continue;
            }
            let Some(key) = &spec.key else {
                let message = crate::messages::column_needs_key(&label);
                self.error(&spec.label.referenced, message);
                continue;
            };
            let name = key.value.trim().to_owned();
            if self.index.contains_key(&name) || name.is_empty() {
                self.error(&key.referenced, crate::messages::column_key_twice(&name));
                continue;
            }
            let kind = match &spec.kind {
                None if spec.formula.is_some() => ColumnType::Number,
                None => ColumnType::Text,
                Some(t) => ColumnType::from_name(&t.value).unwrap_or_else(|| {
                    let message = crate::messages::unknown_column_type(&name, &t.value);
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

    pub(super) fn key_list(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
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
                let message = crate::messages::row_unknown_key(
                    &self.file,
                    &data.name,
                    &key.value,
                    &self.key_list(),
                );
                let mut d = self.diag(self.span(&key.referenced), message);
                if thai::parse_number(&key.value).is_some() {
                    // `{a: 1,234}` splits at the comma: `234` becomes a key.
                    d = d.with_hint(crate::messages::quote_number_with_commas());
                }
                self.diags.push(d);
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

    pub(super) fn cell(
        &mut self,
        row_name: &str,
        row: usize,
        c: usize,
        value: &Spanned<CellValue>,
    ) -> Cell {
        let col = &self.columns[c];
        let (kind, key, label) = (col.kind, col.key.clone(), col.label.clone());
        match parse_cell(&value.value, kind) {
            Ok(Cell::Text(name))
                if kind == ColumnType::District && !self.ctx.districts.contains(&name) =>
            {
                let message = crate::messages::unknown_district(
                    &self.file,
                    row + 1,
                    &label,
                    &key,
                    &name,
                    &self
                        .ctx
                        .districts
                        .iter()
                        .map(|d| format!("`{d}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
                let near = nearest(&name, self.ctx.districts);
                let help = if near.is_empty() {
                    crate::messages::unknown_district_help()
                } else {
                    crate::messages::nearest_district(&near)
                };
                let d = self
                    .diag(self.span(&value.referenced), message)
                    .with_hint(help);
                self.diags.push(d);
                Cell::Text(name)
            }
            Ok(cell) => cell,
            Err(expected) => {
                let message = crate::messages::cell_not_of_type(
                    &self.file,
                    row_name,
                    &label,
                    &key,
                    &value.value.shown(),
                    kind,
                    expected,
                );
                let mut d = self.diag(self.span(&value.referenced), message);
                if let (ColumnType::Date, CellValue::Text(t)) = (kind, &value.value)
                    && thai::be_date_meant(t).is_some()
                {
                    let (msg, help) = crate::messages::bad_date(&label, t);
                    d = d.with_message(msg).with_hint(help);
                }
                self.diags.push(d);
                Cell::Empty
            }
        }
    }
}
