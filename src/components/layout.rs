//! The frame of every page: header (product, owner switcher, navigation) and footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::components::owner_switcher::{CurrentOwner, OwnerSwitcher};
use crate::config::Config;
use crate::logic::routes;

#[component]
pub fn Header() -> impl IntoView {
    // The owner's lists, once an owner is chosen; the current one is marked by the
    // router (`aria-current="page"`, bold).
    let owner = expect_context::<CurrentOwner>().0;
    let lists = move || {
        owner.get().map(|o| {
            view! {
                <A href=routes::lock_groups(&o)>"Lock groups"</A>
                <A href=routes::locks(&o)>"Locks"</A>
                <A href=routes::people(&o)>"People"</A>
            }
        })
    };
    view! {
        <header class="app-header">
            <a class="brand" href="/">"Lock Groups Admin"</a>
            <OwnerSwitcher/>
            <nav aria-label="Main">
                {lists}
                <A href="/settings">"Settings"</A>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let api = use_api();
    let sandbox = use_context::<Config>().is_some_and(|c| c.sandbox);
    let base = api.base_url().to_string();
    view! {
        <footer class="app-footer">
            <p>
                "API: " <code>{base}</code>
                {sandbox.then(|| view! { " " <span class="badge">"Sandbox"</span> })}
            </p>
        </footer>
    }
}
