//! `/owners/:owner/lock-groups`: the owner's lock groups.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn LockGroupsPage() -> impl IntoView {
    let params = use_params_map();
    let owner = move || params.read().get("owner").unwrap_or_default();
    view! {
        <h1>"Lock groups"</h1>
        <p class="placeholder">
            "Not built yet: the list of owner account " {owner} "'s lock groups comes with the lock group screens."
        </p>
    }
}
