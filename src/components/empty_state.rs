//! The two shapes of an empty list: nothing there yet (a title and a sentence that points
//! to the toolbar's action when the admin may take it), and rows hidden by a filter (which
//! filter, and a link that leads out of it).

use leptos::prelude::*;

/// "No locks yet": `title`, then `can` when `editable`, else `cannot`.
pub fn nothing_yet(
    title: impl Into<TextProp>,
    editable: Memo<bool>,
    can: impl Into<TextProp>,
    cannot: impl Into<TextProp>,
) -> AnyView {
    let (title, can, cannot) = (title.into(), can.into(), cannot.into());
    view! {
        <div class="empty">
            <p><strong>{move || title.get().to_string()}</strong></p>
            <p>{move || if editable.get() { can.get() } else { cannot.get() }.to_string()}</p>
        </div>
    }
    .into_any()
}

/// "No Leaving members match “abc”." with "Clear filters" (`link` to `href`).
pub fn hidden_by_filter(
    text: impl Into<TextProp>,
    href: String,
    link: impl Into<TextProp>,
) -> AnyView {
    let (text, link) = (text.into(), link.into());
    view! {
        <div class="empty">
            <p>{move || text.get().to_string()}</p>
            <a href=href>{move || link.get().to_string()}</a>
        </div>
    }
    .into_any()
}
