//! Timestamps from the API as people read them: relative text, with the exact UTC time.

use leptos::prelude::*;

use crate::logic::time;

/// "Now" in milliseconds since the epoch, for relative times.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A timestamp from the API: relative text, with the exact UTC time beside it.
/// `None` shows `empty` instead.
pub fn stamp(value: Option<&str>, now: i64, empty: &'static str) -> AnyView {
    match value {
        None => view! { <span class="muted">{empty}</span> }.into_any(),
        Some(v) => {
            let (relative, exact) = time::describe(v, now);
            view! {
                <time datetime=v.to_string()>{relative}</time>
                " "
                <span class="exact">"(" {exact} ")"</span>
            }
            .into_any()
        }
    }
}
