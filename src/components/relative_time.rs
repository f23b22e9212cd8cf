//! A timestamp from the API in one short line: relative text ("3 days ago", "vor 3 Tagen"),
//! the exact time in `title` (hover) and shown beside it while focused, so keyboard users
//! read it too; both in the language shown (`i18n::intl`).

use leptos::prelude::*;

use crate::i18n::{use_i18n, words};

/// `value` as a focusable `<time>`; `None` shows `empty` (muted) instead. The exact time
/// is also in a visually hidden span, so screen readers and copy-paste get it.
pub fn relative_time(value: Option<&str>, now: i64, empty: impl Into<TextProp>) -> AnyView {
    match value {
        None => {
            let empty = empty.into();
            view! { <span class="muted">{move || empty.get().to_string()}</span> }.into_any()
        }
        Some(v) => {
            let i18n = use_i18n();
            let text = v.to_string();
            let told = move || words::moment(i18n, &text, now);
            let (relative, exact, title) = (told.clone(), told.clone(), told);
            view! {
                <time class="since" datetime=v.to_string() title=move || title().1 tabindex="0">
                    {move || relative().0}
                    <span class="visually-hidden">" (" {move || exact().1} ")"</span>
                </time>
            }
            .into_any()
        }
    }
}
