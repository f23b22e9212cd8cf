//! The frame of every page: header (product, owner switcher, navigation) and footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::components::owner_switcher::OwnerSwitcher;
use crate::config::Config;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="app-header">
            <a class="brand" href="/">"Lock Groups Admin"</a>
            <OwnerSwitcher/>
            <nav aria-label="Main">
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
