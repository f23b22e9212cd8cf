//! Any URL the console does not know.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. " <a href="/">"Go to your lock groups"</a></p>
    }
}
