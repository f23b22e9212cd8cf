//! `/owners/:owner/locks/:id`: one lock, who can open it (now, until or from its next sync:
//! `access`), what its sync still owes ("Waiting for": the groups with a pending join or
//! leave of it) and every group it is in. The API has no "memberships of a lock"
//! operation, so both lists are found group by group (`scan`, `logic::lock_scan`), shown as
//! they arrive; each group found brings its grants.

mod access;
mod access_view;
pub(crate) mod phrases;
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
use crate::i18n::{t, t_string, use_i18n, words, I18n};
use crate::logic::lock_scan::Scope;
use crate::logic::locks_list::{lock_type_terms, pending, LockCounts, Seen};
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
    let i18n = use_i18n();
    let title = move || match lock.get() {
        Some(Ok(l)) if l.active => l.title,
        Some(Ok(_)) | Some(Err(ApiError::NotFound(_))) => {
            t_string!(i18n, lock.not_found_title).to_string()
        }
        _ => t_string!(i18n, lock.title).to_string(),
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
                        announcer.say(t_string!(i18n, lock.synced, title).to_string());
                        lock.refetch();
                        Ok(())
                    }
                    Err(e) => Err(words::error(i18n, &e)),
                }
            }
        })
    };
    let back =
        move || view! { <A href=move || routes::locks(&owner.get())>{t!(i18n, lock.back)}</A> };
    view! {
        <p class="breadcrumb">
            <A href=move || routes::locks(&owner.get())>{t!(i18n, lock.breadcrumb)}</A>
        </p>
        <div class="page-head">
            <h1>{title}</h1>
        </div>
        <Loaded resource=lock what=move || t_string!(i18n, lock.load_failed)
            fallback=move || view! { <p role="status">{t!(i18n, lock.loading)}</p> }
            not_found=move || view! {
                <p>
                    {t!(i18n, lock.not_found_before)} <code>{id.get()}</code>
                    {t!(i18n, lock.not_found_after)} {back()}
                </p>
            }
            let:_loaded>
            // Read again here rather than taken from `Loaded`: after "Simulate sync" the
            // refetched lock must replace the view it was started from.
            {move || lock.get().and_then(Result::ok).map(|l| if l.active {
                view! { <LockView lock=l owner=owner.get_untracked() sync/> }.into_any()
            } else {
                // The date in the API's UTC form, the same in every language.
                let date = l.unbind_date.map(|d| crate::logic::time::describe(&d, now_ms()).1);
                let after = move || match date.clone() {
                    Some(date) => t_string!(i18n, lock.unbound_after_on, date).to_string(),
                    None => t_string!(i18n, lock.unbound_after).to_string(),
                };
                view! {
                    <p>
                        {t!(i18n, lock.unbound_before)} <code>{id.get()}</code>
                        {after} {back()}
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
    let i18n = use_i18n();
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
    let seen = Seen::of(&lock);
    view! {
        {description.map(|d| view! { <p class="lead">{d}</p> })}
        {sandbox.then(|| view! {
            <div class="toolbar">
                <button type="button" disabled=move || sync.pending().get()
                    on:click=move |_| { sync.dispatch(()); }>
                    {t!(i18n, lock.simulate)}
                </button>
                <span class="muted">{t!(i18n, lock.simulate_hint)}</span>
                {move || sync_error().map(|e| view! {
                    <p class="field-error" role="alert">{t!(i18n, lock.sync_failed)} {e}</p>
                })}
            </div>
        })}
        <section aria-labelledby="lock-facts">
            <h2 id="lock-facts">{t!(i18n, lock.details)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, lock.id)}</dt><dd><code>{lock.id.clone()}</code></dd>
                // An admin's words; the API's terms in the tooltips.
                <dt>{t!(i18n, locks.col.lock_type)}</dt>
                <dd title=lock_type_terms(&lock)>{words::lock_type(i18n, &lock)}</dd>
                <dt title="bindDate">{t!(i18n, lock.in_account_since)}</dt>
                <dd>{stamp(lock.bind_date.as_deref(), now, move || t_string!(i18n, lock.unknown))}</dd>
                <dt title=move || t_string!(i18n, lock.latest_config_tip)>{t!(i18n, lock.latest_config)}</dt>
                <dd>
                    {serial(i18n, lock.rcl_serial_no)} ", "
                    {stamp(lock.rcl_date.as_deref(), now, move || t_string!(i18n, lock.no_date))}
                </dd>
                <dt title="lastSeenRclSerialNo, lastSeenRclUpdateDate">{t!(i18n, lock.config_on_lock)}</dt>
                <dd>
                    {serial(i18n, lock.last_seen_rcl_serial_no)} ", "
                    {stamp(lock.last_seen_rcl_update_date.as_deref(), now, move || t_string!(i18n, lock.never_synced))}
                    " · " <span title=Seen::of(&lock).api_terms()>{move || words::seen(i18n, seen)}</span>
                </dd>
                <dt>{t!(i18n, lock.groups)}</dt><dd>{groups_line(i18n, counts)}</dd>
            </dl>
        </section>
        <section aria-labelledby="lock-access">
            <h2 id="lock-access">{t!(i18n, lock.access)}</h2>
            <AccessView access scan=all src lock_title=lock.title.clone()/>
        </section>
        <section aria-labelledby="lock-waiting">
            <h2 id="lock-waiting">{t!(i18n, lock.waiting)}</h2>
            {if counts.any() {
                view! { <ScanView scan=all target=target.clone() owner=owner.clone() lock_title=lock.title.clone() show=Scope::Waiting/> }.into_any()
            } else {
                view! { <p>{t!(i18n, lock.nothing_waits)}</p> }.into_any()
            }}
        </section>
        <section aria-labelledby="lock-groups">
            <h2 id="lock-groups">{t!(i18n, lock.all_groups)}</h2>
            {if counts.current() > 0 {
                view! { <ScanView scan=all target owner lock_title=lock.title show=Scope::All/> }.into_any()
            } else {
                view! { <p>{t!(i18n, lock.no_group)}</p> }.into_any()
            }}
        </section>
    }
}

/// "version 12", "no version", in the language shown.
fn serial(i18n: I18n, n: Option<i64>) -> impl Fn() -> String + Copy {
    move || match n {
        None => t_string!(i18n, lock.no_version).to_string(),
        Some(n) => t_string!(i18n, lock.version, n = n.to_string()).to_string(),
    }
}

/// "Active in 3 · joining 1 · leaving 0".
fn groups_line(i18n: I18n, c: LockCounts) -> impl Fn() -> String {
    move || {
        let (joined, joins, leaves) = (
            c.joined.to_string(),
            c.joins.to_string(),
            c.leaves.to_string(),
        );
        t_string!(i18n, lock.groups_line, joined, joins, leaves).to_string()
    }
}
