//! `/`: goes to the first owner account's lock groups.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::loaded::Loaded;
use crate::components::owner_switcher::use_owners;
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::routes;

#[component]
pub fn Home() -> impl IntoView {
    let owners = use_owners();
    let i18n = use_i18n();
    view! {
        <Loaded
            resource=owners
            what=move || t_string!(i18n, home.load_failed)
            fallback=move || view! { <p role="status">{t!(i18n, home.loading)}</p> }
            let:list
        >
            {match list.first() {
                Some(owner) => view! { <Redirect path=routes::lock_groups(&owner.id)/> }.into_any(),
                None => view! {
                    <h1>{t!(i18n, home.none_heading)}</h1>
                    <p>{t!(i18n, home.none_text)}</p>
                }
                .into_any(),
            }}
        </Loaded>
    }
}
