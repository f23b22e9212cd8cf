//! Timestamps from the API as people read them: relative text, with the exact time (UTC),
//! in the language shown.

use leptos::prelude::*;

use crate::i18n::{use_i18n, words};

/// "Now" in milliseconds since the epoch, for relative times.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A timestamp from the API: relative text, with the exact time beside it.
/// `None` shows `empty` instead.
pub fn stamp(value: Option<&str>, now: i64, empty: impl Into<TextProp>) -> AnyView {
    match value {
        None => {
            let empty = empty.into();
            view! { <span class="muted">{move || empty.get().to_string()}</span> }.into_any()
        }
        Some(v) => {
            let i18n = use_i18n();
            let text = v.to_string();
            let told = move || words::moment(i18n, &text, now);
            let exact = told.clone();
            view! {
                <time datetime=v.to_string()>{move || told().0}</time>
                " "
                <span class="exact">"(" {move || exact().1} ")"</span>
            }
            .into_any()
        }
    }
}
