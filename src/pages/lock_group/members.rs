//! The Members tab.

use leptos::prelude::*;

#[component]
pub fn MembersTab() -> impl IntoView {
    view! {
        <h2>"Members"</h2>
        <p class="placeholder">"Not built yet: the members tab comes with the memberships, diagram and grants screens."</p>
    }
}
