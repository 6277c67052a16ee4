//! Tera filters that print dates, times and numbers the Thai way in the site's digits.
//!
//! Every filter formats through [`crate::thai`]; templates never format by hand.
//! Bad input is a Tera error that names the filter, what it expected and what it got.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use tera::{Error, Result, Tera, Value};

use crate::thai::{self, Digits};

type Args = HashMap<String, Value>;

/// Registers `thai_date`, `thai_time`, `thai_digits`, `number`, `baht`, `percent`,
/// `be_year`, `fiscal_year`, `fiscal_quarter` and `thai_month`, all printing in `digits`.
pub(crate) fn register(tera: &mut Tera, digits: Digits) {
    tera.register_filter("thai_date", move |v: &Value, a: &Args| {
        thai_date(v, a, digits)
    });
    tera.register_filter("thai_time", move |v: &Value, _: &Args| {
        let time = thai::parse_time(&text("thai_time", v)?)
            .ok_or_else(|| expected("thai_time", "a time like `09:30`", v))?;
        Ok(Value::String(thai::format_time(time, digits)))
    });
    tera.register_filter("thai_digits", move |v: &Value, _: &Args| {
        Ok(Value::String(thai::apply_digits(
            &text("thai_digits", v)?,
            digits,
        )))
    });
    tera.register_filter("number", move |v: &Value, a: &Args| number(v, a, digits));
    tera.register_filter("baht", move |v: &Value, _: &Args| {
        Ok(Value::String(thai::format_baht(float("baht", v)?, digits)))
    });
    tera.register_filter("percent", move |v: &Value, _: &Args| {
        Ok(Value::String(thai::format_percent(
            float("percent", v)?,
            digits,
        )))
    });
    tera.register_filter("be_year", move |v: &Value, _: &Args| {
        let year = thai::be_year(date("be_year", v)?);
        Ok(plain_number(year, digits))
    });
    tera.register_filter("fiscal_year", move |v: &Value, _: &Args| {
        let year = thai::fiscal_year(date("fiscal_year", v)?);
        Ok(plain_number(year, digits))
    });
    tera.register_filter("fiscal_quarter", move |v: &Value, _: &Args| {
        let quarter = thai::fiscal_quarter(date("fiscal_quarter", v)?);
        Ok(plain_number(quarter, digits))
    });
    tera.register_filter("thai_month", move |v: &Value, _: &Args| {
        thai_month(v, digits)
    });
}

/// A year or quarter: site digits, no grouping (๒๕๖๓, not ๒,๕๖๓).
fn plain_number(n: impl ToString, digits: Digits) -> Value {
    Value::String(thai::apply_digits(&n.to_string(), digits))
}

/// `thai_date(style="long" | "short" | "weekday")`.
fn thai_date(value: &Value, args: &Args, digits: Digits) -> Result<Value> {
    let date = date("thai_date", value)?;
    let style = match args.get("style") {
        None => "long",
        Some(Value::String(s)) => s.as_str(),
        Some(other) => return Err(bad_style(other)),
    };
    let text = match style {
        "long" => thai::format_date(date, digits),
        "short" => thai::format_date_short(date, digits),
        "weekday" => thai::format_date_weekday(date, digits),
        _ => return Err(bad_style(&Value::String(style.to_owned()))),
    };
    Ok(Value::String(text))
}

fn bad_style(got: &Value) -> Error {
    Error::msg(format!(
        "filter `thai_date`: `style` must be \"long\", \"short\" or \"weekday\", got {got}"
    ))
}

/// `number(decimals=0)`: grouped, in site digits.
fn number(value: &Value, args: &Args, digits: Digits) -> Result<Value> {
    let decimals = match args.get("decimals") {
        None => 0,
        Some(v) => v.as_u64().filter(|&n| n <= 10).ok_or_else(|| {
            Error::msg(format!(
                "filter `number`: `decimals` must be a whole number 0 to 10, got {v}"
            ))
        })?,
    };
    let text = match value.as_i64() {
        Some(n) if decimals == 0 => thai::format_int(n, digits),
        _ => thai::format_decimal(float("number", value)?, decimals as usize, digits),
    };
    Ok(Value::String(text))
}

/// `thai_month`: `2020-05` (or a full ISO date) → `พฤษภาคม ๒๕๖๓`.
fn thai_month(value: &Value, digits: Digits) -> Result<Value> {
    let raw = text("thai_month", value)?;
    let date = thai::parse_date(&raw).or_else(|| thai::parse_date(&format!("{}-01", raw.trim())));
    let date = date.ok_or_else(|| expected("thai_month", "a month like `2020-05`", value))?;
    Ok(Value::String(thai::format_month_year(
        date.year(),
        date.month(),
        digits,
    )))
}

/// The text of a string or number value.
fn text(filter: &str, value: &Value) -> Result<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(expected(filter, "a string or a number", value)),
    }
}

/// A number value, or a string staff typed as a number (Thai digits and commas allowed).
fn float(filter: &str, value: &Value) -> Result<f64> {
    let x = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => thai::parse_number(s),
        _ => None,
    };
    x.ok_or_else(|| expected(filter, "a number", value))
}

/// An ISO date string; a serialized date-time (`2020-05-14T09:30:00`) gives its date.
fn date(filter: &str, value: &Value) -> Result<NaiveDate> {
    let raw = match value {
        Value::String(s) => s.as_str(),
        _ => return Err(expected(filter, "an ISO date like `2020-05-14`", value)),
    };
    let day = raw.split_once(['T', ' ']).map_or(raw, |(d, _)| d);
    thai::parse_date(day).ok_or_else(|| expected(filter, "an ISO date like `2020-05-14`", value))
}

fn expected(filter: &str, what: &str, got: &Value) -> Error {
    Error::msg(format!("filter `{filter}`: expected {what}, got {got}"))
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    fn render(template: &str, context: serde_json::Value, digits: Digits) -> Result<String> {
        let mut tera = Tera::default();
        register(&mut tera, digits);
        tera.add_raw_template("t", template)?;
        tera.render("t", &tera::Context::from_value(context)?)
    }

    fn thai(template: &str, context: serde_json::Value) -> String {
        render(template, context, Digits::Thai).unwrap()
    }

    /// The whole error chain, since Tera wraps the filter's own message.
    fn error_chain(template: &str, context: serde_json::Value) -> String {
        let err = render(template, context, Digits::Thai).unwrap_err();
        let mut out = err.to_string();
        let mut source = err.source();
        while let Some(e) = source {
            out.push_str(" | ");
            out.push_str(&e.to_string());
            source = e.source();
        }
        out
    }

    #[test]
    fn thai_date_prints_each_style() {
        let ctx = serde_json::json!({ "d": "2020-05-14", "dt": "2020-05-14T09:30:00" });
        let cases = [
            ("{{ d | thai_date }}", "๑๔ พฤษภาคม ๒๕๖๓"),
            ("{{ d | thai_date(style=\"long\") }}", "๑๔ พฤษภาคม ๒๕๖๓"),
            ("{{ d | thai_date(style=\"short\") }}", "๑๔ พ.ค. ๖๓"),
            (
                "{{ d | thai_date(style=\"weekday\") }}",
                "วันพฤหัสบดีที่ ๑๔ พฤษภาคม ๒๕๖๓",
            ),
            ("{{ dt | thai_date }}", "๑๔ พฤษภาคม ๒๕๖๓"),
            ("{{ \"๒๐๒๔-๐๒-๒๙\" | thai_date }}", "๒๙ กุมภาพันธ์ ๒๕๖๗"),
        ];
        for (template, want) in cases {
            assert_eq!(thai(template, ctx.clone()), want, "{template}");
        }
        let arabic = render("{{ d | thai_date(style=\"short\") }}", ctx, Digits::Arabic).unwrap();
        assert_eq!(arabic, "14 พ.ค. 63");
    }

    #[test]
    fn thai_date_rejects_bad_input_clearly() {
        let ctx = serde_json::json!({ "d": "2020-05-14", "bad": "14/05/2020", "n": 5 });
        let cases = [
            (
                "{{ bad | thai_date }}",
                "filter `thai_date`: expected an ISO date like `2020-05-14`, got \"14/05/2020\"",
            ),
            (
                "{{ n | thai_date }}",
                "filter `thai_date`: expected an ISO date like `2020-05-14`, got 5",
            ),
            (
                "{{ d | thai_date(style=\"full\") }}",
                "`style` must be \"long\", \"short\" or \"weekday\", got \"full\"",
            ),
        ];
        for (template, want) in cases {
            let chain = error_chain(template, ctx.clone());
            assert!(chain.contains(want), "{template}: {chain}");
        }
    }

    #[test]
    fn thai_time_prints_full_stop_and_nor() {
        let ctx = serde_json::json!({ "t": "09:30", "bad": "24:00" });
        assert_eq!(thai("{{ t | thai_time }}", ctx.clone()), "๐๙.๓๐ น.");
        assert_eq!(thai("{{ \"9:20\" | thai_time }}", ctx.clone()), "๐๙.๒๐ น.");
        assert_eq!(
            render("{{ t | thai_time }}", ctx.clone(), Digits::Arabic).unwrap(),
            "09.30 น."
        );
        let chain = error_chain("{{ bad | thai_time }}", ctx);
        assert!(
            chain.contains("filter `thai_time`: expected a time like `09:30`, got \"24:00\""),
            "{chain}"
        );
    }

    #[test]
    fn thai_digits_converts_strings_and_numbers() {
        let ctx = serde_json::json!({ "s": "ครั้งที่ 5/2563", "n": 37200, "f": 2.5, "list": [1] });
        assert_eq!(thai("{{ s | thai_digits }}", ctx.clone()), "ครั้งที่ ๕/๒๕๖๓");
        assert_eq!(
            thai("{{ n | thai_digits }} {{ f | thai_digits }}", ctx.clone()),
            "๓๗๒๐๐ ๒.๕"
        );
        assert_eq!(
            render("{{ s | thai_digits }}", ctx.clone(), Digits::Arabic).unwrap(),
            "ครั้งที่ 5/2563"
        );
        let chain = error_chain("{{ list | thai_digits }}", ctx);
        assert!(
            chain.contains("filter `thai_digits`: expected a string or a number"),
            "{chain}"
        );
    }

    #[test]
    fn number_groups_with_optional_decimals() {
        let ctx =
            serde_json::json!({ "n": 5394000, "f": 2086655.92, "s": "๒,๐๘๖๖๕๕.๙๒", "neg": -1234 });
        let cases = [
            ("{{ n | number }}", "๕,๓๙๔,๐๐๐"),
            ("{{ f | number(decimals=2) }}", "๒,๐๘๖,๖๕๕.๙๒"),
            ("{{ f | number }}", "๒,๐๘๖,๖๕๖"),
            ("{{ s | number(decimals=2) }}", "๒,๐๘๖,๖๕๕.๙๒"),
            ("{{ n | number(decimals=1) }}", "๕,๓๙๔,๐๐๐.๐"),
            ("{{ neg | number }}", "-๑,๒๓๔"),
        ];
        for (template, want) in cases {
            assert_eq!(thai(template, ctx.clone()), want, "{template}");
        }
        assert_eq!(
            render("{{ n | number }}", ctx.clone(), Digits::Arabic).unwrap(),
            "5,394,000"
        );
        let chain = error_chain("{{ n | number(decimals=-1) }}", ctx.clone());
        assert!(
            chain.contains("`decimals` must be a whole number 0 to 10, got -1"),
            "{chain}"
        );
        let chain = error_chain("{{ \"abc\" | number }}", ctx);
        assert!(
            chain.contains("filter `number`: expected a number, got \"abc\""),
            "{chain}"
        );
    }

    #[test]
    fn baht_and_percent_print_like_the_functions() {
        let ctx = serde_json::json!({ "a": 5394000, "b": 1234567.5, "c": 37200, "p": 53.92, "x": 0.999, "yes": true });
        let cases = [
            ("{{ a | baht }}", "๕,๓๙๔,๐๐๐"),
            ("{{ b | baht }}", "๑,๒๓๔,๕๖๗.๕๐"),
            ("{{ c | baht }} บาท", "๓๗,๒๐๐ บาท"),
            ("{{ x | baht }}", "๑"),
            ("{{ p | percent }}", "๕๓.๙๒"),
            ("ร้อยละ {{ 100 | percent }}", "ร้อยละ ๑๐๐.๐๐"),
        ];
        for (template, want) in cases {
            assert_eq!(thai(template, ctx.clone()), want, "{template}");
        }
        assert_eq!(
            render("{{ b | baht }}", ctx.clone(), Digits::Arabic).unwrap(),
            "1,234,567.50"
        );
        let chain = error_chain("{{ yes | baht }}", ctx);
        assert!(
            chain.contains("filter `baht`: expected a number, got true"),
            "{chain}"
        );
    }

    #[test]
    fn year_filters_read_iso_dates() {
        let ctx =
            serde_json::json!({ "may": "2020-05-14", "oct": "2019-10-01", "sep": "2019-09-30" });
        let cases = [
            ("{{ may | be_year }}", "๒๕๖๓"),
            (
                "{{ may | fiscal_year }} Q{{ may | fiscal_quarter }}",
                "๒๕๖๓ Q๓",
            ),
            (
                "{{ oct | fiscal_year }} Q{{ oct | fiscal_quarter }}",
                "๒๕๖๓ Q๑",
            ),
            (
                "{{ sep | fiscal_year }} Q{{ sep | fiscal_quarter }}",
                "๒๕๖๒ Q๔",
            ),
        ];
        for (template, want) in cases {
            assert_eq!(thai(template, ctx.clone()), want, "{template}");
        }
        assert_eq!(
            render("{{ oct | fiscal_year }}", ctx.clone(), Digits::Arabic).unwrap(),
            "2563"
        );
        let chain = error_chain("{{ \"2563\" | be_year }}", ctx);
        assert!(
            chain.contains("filter `be_year`: expected an ISO date"),
            "{chain}"
        );
    }

    #[test]
    fn thai_month_prints_month_and_be_year() {
        let ctx = serde_json::json!({ "m": "2020-05", "d": "2019-12-31", "bad": "2020-13" });
        assert_eq!(thai("{{ m | thai_month }}", ctx.clone()), "พฤษภาคม ๒๕๖๓");
        assert_eq!(thai("{{ d | thai_month }}", ctx.clone()), "ธันวาคม ๒๕๖๒");
        assert_eq!(
            render("{{ m | thai_month }}", ctx.clone(), Digits::Arabic).unwrap(),
            "พฤษภาคม 2563"
        );
        let chain = error_chain("{{ bad | thai_month }}", ctx);
        assert!(
            chain.contains("filter `thai_month`: expected a month like `2020-05`, got \"2020-13\""),
            "{chain}"
        );
    }
}
