//! `/owners/:owner/lock-groups/:id` and its tabs, each its own URL. The page loads the
//! group once (with statistics and supported features) and the count of its active
//! grants, and shares both with the tabs through [`GroupContext`]; a tab that changes
//! memberships reloads the group. The title row carries the group's actions (Edit,
//! Delete); the tabs carry their counts.

pub mod diagram;
pub mod grants;
pub mod history;
pub mod members;
pub mod overview;
mod waiting_notice;
pub(crate) mod words;

use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, A},
    hooks::{use_location, use_params_map},
};

use wire::LockGroup;

use crate::api::{lock_groups, use_api, ApiError};
use crate::components::delete_group_dialog::DeleteGroupDialog;
use crate::components::group_context::{use_group, GroupContext};
use crate::components::group_form_dialog::EditGroupButton;
use crate::components::loaded::Loaded;
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::group_overview::{tab_count, Bounded, COUNT_LIMIT};
use crate::logic::routes::{self, GroupTab};

/// The id of a tab's link, which names the tab panel while that tab is shown.
fn tab_id(tab: GroupTab) -> String {
    format!("tab-{}", tab.label().to_lowercase())
}

/// The group page's loader: the group (with statistics and features) and the count of its
/// active grants. It runs in the main module as soon as the route matches, so both
/// requests start while the page's own code downloads (see `pages::routes`).
#[derive(Clone, Copy)]
pub struct GroupData {
    owner: Memo<String>,
    id: Memo<String>,
    active_tab: Memo<GroupTab>,
    group: LocalResource<Result<LockGroup, ApiError>>,
    grants: LocalResource<Result<Bounded, ApiError>>,
}

impl GroupData {
    pub fn load() -> Self {
        let api = use_api();
        let params = use_params_map();
        let owner = Memo::new(move |_| params.read().get("owner").unwrap_or_default());
        let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
        let group = LocalResource::new({
            let api = api.clone();
            move || {
                let (api, owner, id) = (api.clone(), owner.get(), id.get());
                async move { lock_groups::get(&api, &owner, &id).await }
            }
        });
        let location = use_location();
        let active_tab = Memo::new(move |_| {
            let path = location.pathname.get();
            let (owner, id) = (owner.get(), id.get());
            GroupTab::ALL
                .into_iter()
                .find(|t| *t != GroupTab::Overview && path == t.path(&owner, &id))
                .unwrap_or(GroupTab::Overview)
        });
        // Counted again on each change of tab, so a grant made or revoked on the Grants tab
        // shows when the admin moves on (the Grants tab may also `refetch()` it).
        let grants = LocalResource::new({
            move || {
                active_tab.track();
                let (api, owner, id) = (api.clone(), owner.get(), id.get());
                async move {
                    lock_groups::count_active_grants(&api, &owner, &id, COUNT_LIMIT + 1)
                        .await
                        .map(|n| Bounded::from_rows(n as u64, COUNT_LIMIT))
                }
            }
        });
        GroupData {
            owner,
            id,
            active_tab,
            group,
            grants,
        }
    }
}

#[component]
pub fn LockGroupPage(data: GroupData) -> impl IntoView {
    let GroupData {
        owner,
        id,
        active_tab,
        group,
        grants,
    } = data;
    provide_context(GroupContext {
        owner,
        id,
        group,
        grants,
    });

    let loaded = move || group.get().and_then(Result::ok);
    let count = move |tab: GroupTab| {
        let grants = grants.get().and_then(Result::ok);
        loaded().and_then(|g| tab_count(tab, &g, grants))
    };
    let not_found = move || matches!(group.get(), Some(Err(ApiError::NotFound(_))));
    let i18n = use_i18n();
    let title = move || match group.get() {
        Some(Ok(g)) => g.title,
        Some(Err(ApiError::NotFound(_))) => t_string!(i18n, group.not_found_title).to_string(),
        _ => t_string!(i18n, group.title).to_string(),
    };
    view! {
        <p class="breadcrumb">
            <A href=move || routes::lock_groups(&owner.get())>{t!(i18n, group.breadcrumb)}</A>
        </p>
        <div class="page-head group-head">
            <h1>{title}</h1>
            <Show when=move || loaded().is_some_and(|g| g.active)>
                <div class="head-actions">
                    <EditGroupButton/>
                    <DeleteGroupButton/>
                </div>
            </Show>
        </div>
        <Loaded resource=group what=move || t_string!(i18n, group.load_failed)
            fallback=move || view! { <p role="status">{t!(i18n, group.loading)}</p> }
            not_found=move || view! {
                <p>
                    {t!(i18n, group.not_found_before)} <code>{id.get()}</code>
                    {t!(i18n, group.not_found_after)}
                    <A href=move || routes::lock_groups(&owner.get())>{t!(i18n, group.back)}</A>
                </p>
            }
            let:g>
            {g.description.map(|d| view! { <p class="lead">{d}</p> })}
            {(!g.active).then(|| view! {
                <p class="deleted-notice" role="note">
                    <strong>{t!(i18n, group.deleted)}</strong>
                    {t!(i18n, group.deleted_text)}
                </p>
            })}
        </Loaded>
        <Show when=move || !not_found()>
            <nav class="tabs" aria-label=move || t_string!(i18n, group.tabs)>
                {GroupTab::ALL
                    .into_iter()
                    .map(|tab| {
                        // Named "Members, 7": the comma is for the ear only.
                        view! {
                            <A href=move || tab.path(&owner.get(), &id.get()) exact=true
                                attr:id=tab_id(tab)>
                                {move || words::tab(i18n, tab)}
                                {move || count(tab).map(|n| view! {
                                    <span class="tab-count">
                                        <span class="visually-hidden">{t!(i18n, group.count_sep)}</span>{n}
                                    </span>
                                })}
                            </A>
                        }
                    })
                    .collect_view()}
            </nav>
            <section class="tab-panel" role="region" aria-labelledby=move || tab_id(active_tab.get())>
                <Outlet/>
            </section>
        </Show>
    }
}

/// "Delete" in the title row, opening the delete confirmation.
#[component]
fn DeleteGroupButton() -> impl IntoView {
    let ctx = use_group();
    let open = RwSignal::new(false);
    // The group as it was when the confirmation opened: Members reloads the group while a
    // lock waits for its sync, and an open confirmation drawn again would lose the ticks.
    let shown = RwSignal::new(None::<LockGroup>);
    let start = move |_| {
        if let Some(g) = ctx.group.get_untracked().and_then(Result::ok) {
            shown.set(Some(g));
            open.set(true);
        }
    };
    let i18n = use_i18n();
    view! {
        <button type="button" class="danger-quiet" on:click=start>
            {t!(i18n, delete_group.open)}
        </button>
        {move || shown.get().map(|g| view! {
            <DeleteGroupDialog open group=g owner=ctx.owner.get_untracked()/>
        })}
    }
}
