//! Previous / next paging under a table.

use leptos::prelude::*;

/// Previous / next page buttons with the current page number.
#[component]
pub fn Pager(
    /// What is paged, for the navigation's name: "Members pages".
    label: &'static str,
    page: Signal<u64>,
    /// Whether a next page exists.
    more: Signal<bool>,
    on_page: Callback<u64>,
) -> impl IntoView {
    view! {
        <nav class="pager" aria-label=label>
            <button
                type="button"
                disabled=move || page.get() <= 1
                on:click=move |_| on_page.run(page.get_untracked().saturating_sub(1).max(1))
            >
                "Previous page"
            </button>
            <span>"Page " {move || page.get()}</span>
            <button
                type="button"
                disabled=move || !more.get()
                on:click=move |_| on_page.run(page.get_untracked() + 1)
            >
                "Next page"
            </button>
        </nav>
    }
}
