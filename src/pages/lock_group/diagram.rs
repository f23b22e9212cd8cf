//! The Diagram tab.

use leptos::prelude::*;

#[component]
pub fn DiagramTab() -> impl IntoView {
    view! {
        <h2>"Diagram"</h2>
        <p class="placeholder">"Not built yet: the diagram tab comes with the memberships, diagram and grants screens."</p>
    }
}
