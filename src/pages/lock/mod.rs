//! `/owners/:owner/locks/:id`: one lock, who can open it (now, until or from its next sync:
//! `access`), what its sync still owes ("Waiting for": the groups with a pending join or
//! leave of it) and every group it is in. The API has no "memberships of a lock"
//! operation, so both lists are found group by group (`scan`, `logic::lock_scan`), shown as
//! they arrive; each group found brings its grants.

mod access;
mod access_view;
mod scan;
mod scan_view;

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};
use wire::BoundLock;

use crate::api::{locks, use_api, ApiError, Query};
use crate::components::announcer::Announcer;
use crate::components::loaded::Loaded;
use crate::components::timestamp::{now_ms, stamp};
use crate::config::Config;
use crate::logic::lock_scan::Scope;
use crate::logic::locks_list::{lock_type, lock_type_terms, pending, LockCounts, Seen};
use crate::logic::routes;
use access::{Access, Source};
use access_view::AccessView;
use scan::{Scan, Target};
use scan_view::ScanView;

/// The lock page's loader: the lock with its membership statistics, requested in the main
/// module as soon as the route matches (see `pages::routes`).
#[derive(Clone, Copy)]
pub struct LockData {
    owner: Memo<String>,
    id: Memo<String>,
    lock: LocalResource<Result<BoundLock, ApiError>>,
}

impl LockData {
    pub fn load() -> Self {
        let api = use_api();
        let params = use_params_map();
        let owner = Memo::new(move |_| params.read().get("owner").unwrap_or_default());
        let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
        let lock = LocalResource::new(move || {
            let (api, owner, id) = (api.clone(), owner.get(), id.get());
            async move {
                let q = Query::new().expand("membershipStatistics");
                locks::get(&api, &owner, &id, &q).await
            }
        });
        LockData { owner, id, lock }
    }
}

#[component]
pub fn LockPage(data: LockData) -> impl IntoView {
    let LockData { owner, id, lock } = data;
    let title = move || match lock.get() {
        Some(Ok(l)) if l.active => l.title,
        Some(Ok(_)) | Some(Err(ApiError::NotFound(_))) => "Lock not found".to_string(),
        _ => "Lock".to_string(),
    };
    // Made here, outside the loaded view it reloads, so it outlives the view it replaces.
    let sync = {
        let (api, announcer) = (use_api(), expect_context::<Announcer>());
        Action::new_local(move |_: &()| {
            let (api, owner, id) = (api.clone(), owner.get_untracked(), id.get_untracked());
            let title = lock
                .get_untracked()
                .and_then(Result::ok)
                .map(|l| l.title)
                .unwrap_or_default();
            async move {
                match locks::simulate_sync(&api, &owner, &id).await {
                    Ok(()) => {
                        announcer.say(format!("{title} synced: its pending changes are complete"));
                        lock.refetch();
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
        })
    };
    let back =
        move || view! { <A href=move || routes::locks(&owner.get())>"Back to the locks"</A> };
    view! {
        <p class="breadcrumb">
            <A href=move || routes::locks(&owner.get())>"Locks"</A>
        </p>
        <div class="page-head">
            <h1>{title}</h1>
        </div>
        <Loaded resource=lock what="The lock could not be loaded"
            fallback=|| view! { <p role="status">"Loading the lock…"</p> }
            not_found=move || view! {
                <p>
                    "There is no bound lock with the ID " <code>{id.get()}</code>
                    " in this owner account. " {back()}
                </p>
            }
            let:_loaded>
            // Read again here rather than taken from `Loaded`: after "Simulate sync" the
            // refetched lock must replace the view it was started from.
            {move || lock.get().and_then(Result::ok).map(|l| if l.active {
                view! { <LockView lock=l owner=owner.get_untracked() sync/> }.into_any()
            } else {
                view! {
                    <p>
                        "The lock with the ID " <code>{id.get()}</code>
                        " was removed from this owner account (unbound)"
                        {l.unbind_date.map(|d| format!(" on {}", crate::logic::time::describe(&d, now_ms()).1))}
                        ". " {back()}
                    </p>
                }.into_any()
            })}
        </Loaded>
    }
}

/// A bound lock: its facts, "Waiting for", and all its groups on demand.
#[component]
fn LockView(
    lock: BoundLock,
    owner: String,
    /// Simulates this lock's sync (sandbox only).
    sync: Action<(), Result<(), String>>,
) -> impl IntoView {
    let api = use_api();
    let counts = pending(&lock);
    // Every group of the lock is sought when the page opens: each one found brings its
    // grants to "Who can open this lock", and its pending ones make "Waiting for".
    let all = Scan::new(Scope::All);
    let target = Target {
        api: api.clone(),
        owner: owner.clone(),
        lock: lock.id.clone(),
        expected: counts.current(),
        counts,
    };
    let access = Access::new();
    let src = Source {
        api: api.clone(),
        owner: owner.clone(),
        lock: lock.id.clone(),
    };
    access.load_direct(src.clone());
    {
        let src = src.clone();
        all.on_found(Callback::new(move |found| access.found(src.clone(), found)));
    }
    if counts.current() > 0 {
        all.start(target.clone());
    }
    on_cleanup(move || all.cancel());
    let sandbox = use_context::<Config>().is_some_and(|c| c.sandbox);
    let sync_error = move || sync.value().get().and_then(Result::err);
    let now = now_ms();
    let description = lock.description.clone().filter(|d| !d.trim().is_empty());
    view! {
        {description.map(|d| view! { <p class="lead">{d}</p> })}
        {sandbox.then(|| view! {
            <div class="toolbar">
                <button type="button" disabled=move || sync.pending().get()
                    on:click=move |_| { sync.dispatch(()); }>
                    "Simulate sync"
                </button>
                <span class="muted">"Sandbox only: completes this lock's pending joins and leaves, as a sync in the field would."</span>
                {move || sync_error().map(|e| view! { <p class="field-error" role="alert">"The sync failed: " {e}</p> })}
            </div>
        })}
        <section aria-labelledby="lock-facts">
            <h2 id="lock-facts">"Details"</h2>
            <dl class="facts">
                <dt>"ID"</dt><dd><code>{lock.id.clone()}</code></dd>
                // An admin's words; the API's terms in the tooltips.
                <dt>"Lock type"</dt><dd title=lock_type_terms(&lock)>{lock_type(&lock)}</dd>
                <dt title="bindDate">"In this account since"</dt>
                <dd>{stamp(lock.bind_date.as_deref(), now, "unknown")}</dd>
                <dt title="The lock's own configuration (RCL): rclSerialNo, rclDate">"Latest configuration"</dt>
                <dd>{serial(lock.rcl_serial_no)} ", " {stamp(lock.rcl_date.as_deref(), now, "no date")}</dd>
                <dt title="lastSeenRclSerialNo, lastSeenRclUpdateDate">"Configuration on the lock"</dt>
                <dd>
                    {serial(lock.last_seen_rcl_serial_no)} ", "
                    {stamp(lock.last_seen_rcl_update_date.as_deref(), now, "never synced")}
                    " · " <span title=Seen::of(&lock).api_terms()>{Seen::of(&lock).text()}</span>
                </dd>
                <dt>"Groups"</dt><dd>{groups_line(counts)}</dd>
            </dl>
        </section>
        <section aria-labelledby="lock-access">
            <h2 id="lock-access">"Who can open this lock"</h2>
            <AccessView access scan=all src lock_title=lock.title.clone()/>
        </section>
        <section aria-labelledby="lock-waiting">
            <h2 id="lock-waiting">"Waiting for"</h2>
            {if counts.any() {
                view! { <ScanView scan=all target=target.clone() owner=owner.clone() lock_title=lock.title.clone() show=Scope::Waiting/> }.into_any()
            } else {
                view! { <p>"Nothing waits for this lock: it has synced every group change."</p> }.into_any()
            }}
        </section>
        <section aria-labelledby="lock-groups">
            <h2 id="lock-groups">"All groups of this lock"</h2>
            {if counts.current() > 0 {
                view! { <ScanView scan=all target owner lock_title=lock.title show=Scope::All/> }.into_any()
            } else {
                view! { <p>"This lock is in no group."</p> }.into_any()
            }}
        </section>
    }
}

fn serial(n: Option<i64>) -> String {
    n.map_or("no version".to_string(), |n| format!("version {n}"))
}

/// "Active in 3 · joining 1 · leaving 0".
fn groups_line(c: LockCounts) -> String {
    format!(
        "Active in {} · joining {} · leaving {}",
        c.joined, c.joins, c.leaves
    )
}
