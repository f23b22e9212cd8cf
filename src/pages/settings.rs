//! `/settings`: which API and sign-in server the console uses.

use leptos::prelude::*;

use crate::api::use_api;
use crate::config::Config;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let api = use_api();
    let config = use_context::<Config>();
    let sign_in = config
        .as_ref()
        .and_then(|c| c.sign_in.as_ref())
        .map(|s| s.authorize_url.clone())
        .unwrap_or_else(|| "not configured".into());
    let sandbox = config.is_some_and(|c| c.sandbox);
    view! {
        <h1>"Settings"</h1>
        <dl class="facts">
            <dt>"API"</dt>
            <dd><code>{api.base_url().to_string()}</code></dd>
            <dt>"Sandbox"</dt>
            <dd>{if sandbox { "Yes: the project's local sandbox" } else { "No" }}</dd>
            <dt>"Sign-in server"</dt>
            <dd><code>{sign_in}</code></dd>
        </dl>
        <p class="placeholder">"Not built yet: signing in and out, and switching the API, come with the sign-in screens."</p>
    }
}
