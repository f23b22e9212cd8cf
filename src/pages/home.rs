//! `/`: goes to the first owner account's lock groups.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::loaded::Loaded;
use crate::components::owner_switcher::use_owners;
use crate::logic::routes;

#[component]
pub fn Home() -> impl IntoView {
    let owners = use_owners();
    view! {
        <Loaded
            resource=owners
            what="The owner accounts could not be loaded"
            fallback=|| view! { <p role="status">"Loading owner accounts…"</p> }
            let:list
        >
            {match list.first() {
                Some(owner) => view! { <Redirect path=routes::lock_groups(&owner.id)/> }.into_any(),
                None => view! {
                    <h1>"No owner accounts"</h1>
                    <p>"Your account cannot manage any locking system yet."</p>
                }
                .into_any(),
            }}
        </Loaded>
    }
}
