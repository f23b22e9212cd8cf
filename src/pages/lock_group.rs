//! `/owners/:owner/lock-groups/:id` and its tabs, each its own URL.

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, A},
    hooks::use_params_map,
};

use crate::logic::routes::{self, GroupTab};

#[component]
pub fn LockGroupPage() -> impl IntoView {
    let params = use_params_map();
    let owner = move || params.read().get("owner").unwrap_or_default();
    let id = move || params.read().get("id").unwrap_or_default();
    view! {
        <p class="breadcrumb">
            <A href=move || routes::lock_groups(&owner())>"Lock groups"</A>
        </p>
        <h1>"Lock group " {id}</h1>
        <nav class="tabs" aria-label="Lock group">
            {GroupTab::ALL
                .into_iter()
                .map(|tab| {
                    view! {
                        <A href=move || tab.path(&owner(), &id()) exact=true>
                            {tab.label()}
                        </A>
                    }
                })
                .collect_view()}
        </nav>
        <section class="tab-panel">
            <Outlet/>
        </section>
    }
}

#[component]
pub fn LockGroupOverview() -> impl IntoView {
    view! {
        <h2>"Overview"</h2>
        <p class="placeholder">"Not built yet: the group's details come with the lock group screens."</p>
    }
}

#[component]
pub fn GroupTabPlaceholder(tab: GroupTab) -> impl IntoView {
    view! {
        <h2>{tab.label()}</h2>
        <p class="placeholder">
            "Not built yet: the " {tab.label().to_lowercase()}
            " tab comes with the memberships, diagram and grants screens."
        </p>
    }
}
