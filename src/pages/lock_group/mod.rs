//! `/owners/:owner/lock-groups/:id` and its tabs, each its own URL. The page loads the
//! group once (with statistics and supported features) and shares it with the tabs
//! through [`GroupContext`]; a tab that changes memberships reloads it.

pub mod diagram;
pub mod grants;
pub mod members;
pub mod overview;

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, A},
    hooks::use_params_map,
};

use crate::api::{lock_groups, use_api, ApiError};
use crate::components::group_context::GroupContext;
use crate::components::loaded::LoadError;
use crate::logic::routes::{self, GroupTab};

#[component]
pub fn LockGroupPage() -> impl IntoView {
    let api = use_api();
    let params = use_params_map();
    let owner = Memo::new(move |_| params.read().get("owner").unwrap_or_default());
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let group = LocalResource::new(move || {
        let (api, owner, id) = (api.clone(), owner.get(), id.get());
        async move { lock_groups::get(&api, &owner, &id).await }
    });
    provide_context(GroupContext { owner, id, group });

    let loaded = move || group.get().and_then(Result::ok);
    let not_found = move || matches!(group.get(), Some(Err(ApiError::NotFound(_))));
    let title = move || match group.get() {
        Some(Ok(g)) => g.title,
        Some(Err(ApiError::NotFound(_))) => "Lock group not found".to_string(),
        _ => "Lock group".to_string(),
    };
    view! {
        <p class="breadcrumb">
            <A href=move || routes::lock_groups(&owner.get())>"Lock groups"</A>
        </p>
        <h1>{title}</h1>
        {move || match group.get() {
            None => Some(view! { <p role="status">"Loading the lock group…"</p> }.into_any()),
            Some(Err(ApiError::NotFound(_))) => Some(view! {
                <p>
                    "There is no lock group with the ID " <code>{id.get()}</code>
                    " in this owner account. "
                    <A href=move || routes::lock_groups(&owner.get())>"Back to the lock groups"</A>
                </p>
            }.into_any()),
            Some(Err(e)) => Some(view! {
                <LoadError what="The lock group could not be loaded" error=e.to_string()
                    retry=move || group.refetch()/>
            }.into_any()),
            Some(Ok(_)) => None,
        }}
        {move || loaded().filter(|g| g.description.is_some()).map(|g| view! {
            <p class="lead">{g.description}</p>
        })}
        {move || loaded().filter(|g| !g.active).map(|_| view! {
            <p class="deleted-notice" role="note">
                <strong>"Deleted. "</strong>
                "This lock group was deleted: it is shown for the record and can no longer be changed."
            </p>
        })}
        <Show when=move || !not_found()>
            <nav class="tabs" aria-label="Lock group">
                {GroupTab::ALL
                    .into_iter()
                    .map(|tab| {
                        view! {
                            <A href=move || tab.path(&owner.get(), &id.get()) exact=true>
                                {tab.label()}
                            </A>
                        }
                    })
                    .collect_view()}
            </nav>
            <section class="tab-panel">
                <Outlet/>
            </section>
        </Show>
    }
}
