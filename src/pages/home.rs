//! `/`: goes to the first owner account's lock groups.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::owner_switcher::use_owners;
use crate::logic::routes;

#[component]
pub fn Home() -> impl IntoView {
    let owners = use_owners();
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading owner accounts…"</p> }>
            {move || Suspend::new(async move {
                match owners.await {
                    Ok(list) => match list.first() {
                        Some(owner) => view! { <Redirect path=routes::lock_groups(&owner.id)/> }
                            .into_any(),
                        None => view! {
                            <h1>"No owner accounts"</h1>
                            <p>"Your account cannot manage any locking system yet."</p>
                        }
                        .into_any(),
                    },
                    Err(e) => view! {
                        <h1>"Owner accounts could not be loaded"</h1>
                        <p role="alert">{e.to_string()}</p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
