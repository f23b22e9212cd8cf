//! A timestamp from the API in one short line: relative text ("3 days ago"), the exact UTC
//! time in `title` (hover) and shown beside it while focused, so keyboard users read it too.

use leptos::prelude::*;

use crate::logic::time;

/// `value` as a focusable `<time>`; `None` shows `empty` (muted) instead. The exact time
/// is also in a visually hidden span, so screen readers and copy-paste get it.
pub fn relative_time(value: Option<&str>, now: i64, empty: &'static str) -> AnyView {
    match value {
        None => view! { <span class="muted">{empty}</span> }.into_any(),
        Some(v) => {
            let (relative, exact) = time::describe(v, now);
            let title = exact.clone();
            view! {
                <time class="since" datetime=v.to_string() title=title tabindex="0">
                    {relative}
                    <span class="visually-hidden">" (" {exact} ")"</span>
                </time>
            }
            .into_any()
        }
    }
}
