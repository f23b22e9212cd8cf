//! Above the grants table: the contact search and "Show revoked grants too" (in the URL).

use leptos::{html, prelude::*};

use crate::i18n::{t, t_string, use_i18n};
use crate::logic::grants_query::GrantsQuery;

#[component]
pub fn GrantsFilterBar(query: Memo<GrantsQuery>, go: Callback<GrantsQuery>) -> impl IntoView {
    let search_input = NodeRef::<html::Input>::new();
    let i18n = use_i18n();
    view! {
        <div class="filters" role="group" aria-label=move || t_string!(i18n, grants.filter.label)>
            <form
                class="field inline"
                role="search"
                on:submit=move |ev| {
                    ev.prevent_default();
                    let text = search_input.get().map(|i| i.value()).unwrap_or_default();
                    go.run(query.get_untracked().with(|q| q.search = text.trim().to_string()));
                }
            >
                <label for="grant-search">{t!(i18n, grants.filter.search)}</label>
                <span>
                    <input
                        id="grant-search"
                        type="search"
                        node_ref=search_input
                        prop:value=move || query.read().search.clone()
                    />
                    " "
                    <button type="submit">{t!(i18n, grants.filter.submit)}</button>
                </span>
            </form>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || query.read().all
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        go.run(query.get_untracked().with(|q| q.all = on));
                    }
                />
                {t!(i18n, grants.filter.revoked)}
            </label>
        </div>
    }
}
