//! Previous / next paging under a table, with the page size where the list offers one.

use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n};
use crate::logic::list_params::PAGE_SIZES;

/// The "Rows per page" choice: the current size and what choosing another does.
pub struct PageSize {
    pub size: u64,
    pub on_size: Callback<u64>,
}

/// Previous / next page buttons with the current page number.
#[component]
pub fn Pager(
    /// What is paged, for the navigation's name: "Members pages".
    #[prop(into)]
    label: TextProp,
    page: Signal<u64>,
    /// Whether a next page exists.
    more: Signal<bool>,
    on_page: Callback<u64>,
    /// Offers "Rows per page" after the buttons.
    #[prop(optional)]
    page_size: Option<PageSize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let page_size = page_size.map(|PageSize { size, on_size }| {
        let on_change = move |ev: leptos::ev::Event| {
            if let Ok(size) = event_target_value(&ev).parse() {
                on_size.run(size);
            }
        };
        view! {
            <label for="page-size">{t!(i18n, pager.per_page)}</label>
            <select id="page-size" on:change=on_change>
                {PAGE_SIZES
                    .iter()
                    .map(|s| view! { <option value=s.to_string() selected=*s == size>{*s}</option> })
                    .collect_view()}
            </select>
        }
    });
    view! {
        <nav class="pager" aria-label=move || label.get()>
            <button
                type="button"
                disabled=move || page.get() <= 1
                on:click=move |_| on_page.run(page.get_untracked().saturating_sub(1).max(1))
            >
                {t!(i18n, pager.previous)}
            </button>
            <span>{move || t_string!(i18n, pager.page, n = page.get()).to_string()}</span>
            <button
                type="button"
                disabled=move || !more.get()
                on:click=move |_| on_page.run(page.get_untracked() + 1)
            >
                {t!(i18n, pager.next)}
            </button>
            {page_size}
        </nav>
    }
}
