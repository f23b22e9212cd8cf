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
use wire::LockGroup;

use crate::api::{lock_groups, use_api, ApiError};
use crate::logic::routes::{self, GroupTab};

/// The group being shown, shared by the page and its tabs.
#[derive(Clone, Copy)]
pub struct GroupContext {
    pub owner: Memo<String>,
    pub id: Memo<String>,
    /// The group with `statistics` and `supportedFeatures`; `refetch()` after changes.
    pub group: LocalResource<Result<LockGroup, ApiError>>,
}

pub fn use_group() -> GroupContext {
    use_context::<GroupContext>().expect("GroupContext is provided by LockGroupPage")
}

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

    let title = move || {
        group
            .get()
            .and_then(|r| r.ok())
            .map(|g| g.title)
            .unwrap_or_else(|| format!("Lock group {}", id.get()))
    };
    view! {
        <p class="breadcrumb">
            <A href=move || routes::lock_groups(&owner.get())>"Lock groups"</A>
        </p>
        <h1>{title}</h1>
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
    }
}
