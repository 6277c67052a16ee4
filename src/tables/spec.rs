//! The YAML shape of a data table file (SPEC §4.4), read strictly with positions kept.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A whole table file as written by staff.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableFile {
    pub(crate) title: Spanned<String>,
    #[serde(default)]
    pub(crate) unit: Option<String>,
    #[serde(default)]
    pub(crate) note: Option<String>,
    pub(crate) columns: Spanned<Vec<ColumnSpec>>,
    #[serde(default)]
    pub(crate) rows: Vec<Spanned<RowMap>>,
    #[serde(default)]
    pub(crate) total: Option<Spanned<bool>>,
    #[serde(default)]
    pub(crate) totals: Option<Spanned<RowMap>>,
}

/// One column, or a group of columns when `columns` is present.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ColumnSpec {
    #[serde(default)]
    pub(crate) key: Option<Spanned<String>>,
    pub(crate) label: Spanned<String>,
    #[serde(default, rename = "type")]
    pub(crate) kind: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) formula: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) columns: Option<Vec<ColumnSpec>>,
}

/// A row (or the `totals:` map): column key → cell, in the order written.
#[derive(Debug, Default)]
pub(crate) struct RowMap {
    pub(crate) entries: Vec<(Spanned<String>, Spanned<CellValue>)>,
}

/// A cell as YAML typed it; the column's type decides what it must be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellValue {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
}

impl CellValue {
    /// The cell as the user wrote it, for messages.
    pub(crate) fn shown(&self) -> String {
        match self {
            CellValue::Null => String::new(),
            CellValue::Bool(b) => b.to_string(),
            CellValue::Number(x) => super::raw_number(*x),
            CellValue::Text(s) => s.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for RowMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = RowMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a row: a map of column key to value, like `{district: บ้านหมี่, budget: 855600}`",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RowMap, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<Spanned<String>, Spanned<CellValue>>()? {
                    entries.push(entry);
                }
                Ok(RowMap { entries })
            }
        }
        deserializer.deserialize_map(RowVisitor)
    }
}

impl<'de> Deserialize<'de> for CellValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CellVisitor)
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = CellValue;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a single value (a number or text)")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<CellValue, E> {
        Ok(CellValue::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<CellValue, E> {
        Ok(CellValue::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<CellValue, E> {
        Ok(CellValue::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<CellValue, E> {
        Ok(CellValue::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<CellValue, E> {
        Ok(CellValue::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<CellValue, E> {
        Ok(CellValue::Text(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<CellValue, E> {
        Ok(CellValue::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<CellValue, E> {
        Ok(CellValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<CellValue, D::Error> {
        d.deserialize_any(CellVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<CellValue, A::Error> {
        Err(de::Error::custom(
            "a table cell must be one value (a number or text), not a list",
        ))
    }
    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<CellValue, A::Error> {
        Err(de::Error::custom(
            "a table cell must be one value (a number or text), not a map",
        ))
    }
}

/// Reads the file strictly: YAML 1.2 booleans only, `05` kept as text.
pub(crate) fn parse(src: &str) -> Result<TableFile, serde_saphyr::Error> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
    };
    serde_saphyr::from_str_with_options(src, options)
}
