//! A grant's validity between the API's UTC text and `<input type="datetime-local">`,
//! which shows the browser's local time; and the first day of a weekly schedule. Here
//! rather than in `logic`: the browser knows the time zone.

use wasm_bindgen::JsValue;

use crate::i18n::{t_string, I18n};
use crate::logic::time;

/// A `datetime-local` value (the browser's local time) in the API's format; the text
/// itself when the browser cannot read it (the server then says what is wrong).
pub fn local_to_api(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let ms = js_sys::Date::new(&JsValue::from_str(value)).get_time();
    Some(if ms.is_nan() {
        value.to_string()
    } else {
        time::to_api(ms as i64)
    })
}

/// The API's UTC text as a `datetime-local` value (`YYYY-MM-DDTHH:MM`, local time); empty
/// for none, or for text the browser cannot read.
pub fn api_to_local(value: Option<&str>) -> String {
    let Some(ms) = value.and_then(time::parse) else {
        return String::new();
    };
    let d = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The first day a weekly restriction starts from: the grant's first day, else today,
/// as iCal's `YYYYMMDD`.
pub fn start_day(valid_from: Option<&str>) -> String {
    let iso = valid_from
        .map(str::to_string)
        .unwrap_or_else(|| time::to_api(js_sys::Date::now() as i64));
    iso.get(..10).unwrap_or("20260101").replace('-', "")
}

/// The browser's time zone as the browser names it ("Europe/Vienna"), if it says.
fn browser_time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()?
        .as_string()
}

/// Which time zone a grant's times are in, said once in each form: the validity dates are
/// typed in the admin's time zone (sent as UTC); a weekly restriction is sent without a
/// time zone (see `logic::schedule`), so each lock applies it in its own local time.
pub fn time_zone_note(i18n: I18n) -> String {
    match browser_time_zone() {
        Some(zone) => t_string!(i18n, grant_form.time_zone, zone).to_string(),
        None => t_string!(i18n, grant_form.time_zone_unknown).to_string(),
    }
}
