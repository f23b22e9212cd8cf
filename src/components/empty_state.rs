//! The two shapes of an empty list: nothing there yet (a title and a sentence that points
//! to the toolbar's action when the admin may take it), and rows hidden by a filter (which
//! filter, and a link that leads out of it).

use leptos::prelude::*;

/// "No locks yet": `title`, then `can` when `editable`, else `cannot`.
pub fn nothing_yet(
    title: &'static str,
    editable: Memo<bool>,
    can: &'static str,
    cannot: &'static str,
) -> AnyView {
    view! {
        <div class="empty">
            <p><strong>{title}</strong></p>
            <p>{move || if editable.get() { can } else { cannot }}</p>
        </div>
    }
    .into_any()
}

/// "No Leaving members match “abc”." with "Clear filters" (`link` to `href`).
pub fn hidden_by_filter(text: String, href: String, link: &'static str) -> AnyView {
    view! {
        <div class="empty">
            <p>{text}</p>
            <a href=href>{link}</a>
        </div>
    }
    .into_any()
}
