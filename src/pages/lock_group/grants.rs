//! The Grants tab.

use leptos::prelude::*;

#[component]
pub fn GrantsTab() -> impl IntoView {
    view! {
        <h2>"Grants"</h2>
        <p class="placeholder">"Not built yet: the grants tab comes with the memberships, diagram and grants screens."</p>
    }
}
