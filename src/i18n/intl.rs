//! Dates, relative times, numbers and plurals in the language's own form, by the browser's
//! `Intl` (nothing hand-written, no locale data in the wasm): "02.12.2026, 07:05" and
//! "vor 3 Stunden" in German, "Dec 2, 2026, 7:05 AM" and "3 hours ago" in English. Each takes
//! the language's code (`i18n::code()`), so a view that reads it follows the switch.
//! Browser only; what can be decided without it (which unit, when "just now") is in
//! `logic::time`, tested natively.

use std::cell::RefCell;

use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// One formatter per language, made on first use: building an `Intl` formatter costs far
/// more than formatting with it, and a list page formats a few numbers per row.
#[derive(Default)]
struct Formatters {
    code: String,
    number: Option<Function>,
    date_time: Option<Function>,
    relative: Option<Intl::RelativeTimeFormat>,
    plural: Option<Intl::PluralRules>,
}

thread_local! {
    static FORMATTERS: RefCell<Formatters> = RefCell::default();
}

/// `get(f)` from the language's formatters, made by `make` when missing (all are dropped
/// when the language changes).
fn cached<T: Clone>(
    code: &str,
    get: impl Fn(&mut Formatters) -> &mut Option<T>,
    make: impl FnOnce() -> T,
) -> T {
    FORMATTERS.with(|f| {
        let mut f = f.borrow_mut();
        if f.code != code {
            *f = Formatters {
                code: code.to_string(),
                ..Formatters::default()
            };
        }
        get(&mut f).get_or_insert_with(make).clone()
    })
}

fn locales(code: &str) -> Array {
    Array::of1(&JsValue::from_str(code))
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

/// A count with the language's digit grouping: "1,234" / "1.234".
pub fn number(code: &str, n: u64) -> String {
    let format = cached(
        code,
        |f| &mut f.number,
        || Intl::NumberFormat::new(&locales(code), &Object::new()).format(),
    );
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(n as f64))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| n.to_string())
}

/// Whether `n` takes the language's singular ("1 Schloss") rather than its plural
/// ("2 Schlösser"): `Intl.PluralRules` says "one".
pub fn is_one(code: &str, n: u64) -> bool {
    cached(
        code,
        |f| &mut f.plural,
        || Intl::PluralRules::new(&locales(code), &Object::new()),
    )
    .select(n as f64)
        == "one"
}

/// A moment (ms since the epoch) as date and time, medium date and short time, in UTC (the
/// API's zone, said after it): "Dec 2, 2026, 7:05 AM" / "02.12.2026, 07:05".
pub fn date_time(code: &str, ms: i64) -> String {
    let format = cached(
        code,
        |f| &mut f.date_time,
        || {
            Intl::DateTimeFormat::new(
                &locales(code),
                &options(&[
                    ("dateStyle", "medium"),
                    ("timeStyle", "short"),
                    ("timeZone", "UTC"),
                ]),
            )
            .format()
        },
    );
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// `value` `unit`s from now, negative for the past: "3 hours ago" / "vor 3 Stunden".
pub fn relative(code: &str, value: i64, unit: &str) -> String {
    cached(
        code,
        |f| &mut f.relative,
        || Intl::RelativeTimeFormat::new(&locales(code), &Object::new()),
    )
    .format(value as f64, unit)
    .into()
}
