//! The Overview tab: the group's facts, rename and delete.

use leptos::prelude::*;

#[component]
pub fn OverviewTab() -> impl IntoView {
    view! {
        <h2>"Overview"</h2>
        <p class="placeholder">"Not built yet: the group's details come with the lock group screens."</p>
    }
}
