//! `/owners/:owner/locks/:id`: one lock, what its sync still owes ("Waiting for": the groups
//! with a pending join or leave of it) and, on demand, every group it is in. The API has no
//! "memberships of a lock" operation, so both lists are found group by group (`scan`,
//! `logic::lock_scan`), shown as they arrive.

mod scan;

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};
use wire::BoundLock;

use crate::api::{locks, use_api, ApiError, Query};
use crate::components::announcer::Announcer;
use crate::components::loaded::LoadError;
use crate::components::relative_time::relative_time;
use crate::components::timestamp::{now_ms, stamp};
use crate::config::Config;
use crate::logic::lock_scan::{Found, Scope};
use crate::logic::locks_list::{lock_type, pending, LockCounts, Seen};
use crate::logic::membership_state::MembersQuery;
use crate::logic::routes::{self, GroupTab};
use crate::logic::url_state::UrlState;
use scan::{Scan, Target};

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

/// The Members tab of a group, searched for this lock, where its membership can be acted on.
fn members_of(owner: &str, group: &str, lock_title: &str) -> String {
    let q = MembersQuery {
        search: lock_title.to_string(),
        ..Default::default()
    };
    format!(
        "{}{}",
        GroupTab::Members.path(owner, group),
        q.to_url_query()
    )
}

#[component]
pub fn LockPage(data: LockData) -> impl IntoView {
    let LockData { owner, id, lock } = data;
    let loaded = move || lock.get().and_then(Result::ok).filter(|l| l.active);
    let title = move || match lock.get() {
        Some(Ok(l)) if l.active => l.title,
        Some(Ok(_)) | Some(Err(ApiError::NotFound(_))) => "Lock not found".to_string(),
        _ => "Lock".to_string(),
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
        {move || match lock.get() {
            None => Some(view! { <p role="status">"Loading the lock…"</p> }.into_any()),
            Some(Err(ApiError::NotFound(_))) => Some(view! {
                <p>
                    "There is no bound lock with the ID " <code>{id.get()}</code>
                    " in this owner account. " {back()}
                </p>
            }.into_any()),
            Some(Ok(l)) if !l.active => Some(view! {
                <p>
                    "The lock with the ID " <code>{id.get()}</code>
                    " was unbound from this owner account"
                    {l.unbind_date.map(|d| format!(" on {}", crate::logic::time::describe(&d, now_ms()).1))}
                    ". " {back()}
                </p>
            }.into_any()),
            Some(Err(e)) => Some(view! {
                <LoadError what="The lock could not be loaded" error=e.to_string()
                    retry=move || lock.refetch()/>
            }.into_any()),
            Some(Ok(_)) => None,
        }}
        {move || loaded().map(|l| view! { <LockView lock=l owner=owner.get() reload=lock/> })}
    }
}

/// A bound lock: its facts, "Waiting for", and all its groups on demand.
#[component]
fn LockView(
    lock: BoundLock,
    owner: String,
    reload: LocalResource<Result<BoundLock, ApiError>>,
) -> impl IntoView {
    let api = use_api();
    let counts = pending(&lock);
    let target = Target {
        api: api.clone(),
        owner: owner.clone(),
        lock: lock.id.clone(),
        expected: counts.waiting(),
    };
    let waiting = Scan::new(Scope::Waiting);
    if counts.any() {
        waiting.start(target.clone());
    }
    let all = Scan::new(Scope::All);
    let all_target = Target {
        expected: counts.current(),
        ..target.clone()
    };
    on_cleanup(move || {
        waiting.cancel();
        all.cancel();
    });
    let sandbox = use_context::<Config>().is_some_and(|c| c.sandbox);
    let sync = {
        let (api, owner, id, title) = (api, owner.clone(), lock.id.clone(), lock.title.clone());
        let announcer = expect_context::<Announcer>();
        Action::new_local(move |_: &()| {
            let (api, owner, id, title) = (api.clone(), owner.clone(), id.clone(), title.clone());
            async move {
                match locks::simulate_sync(&api, &owner, &id).await {
                    Ok(()) => {
                        announcer.say(format!("{title} synced: its pending changes are complete"));
                        reload.refetch();
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
        })
    };
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
                <dt>"Lock type"</dt><dd>{lock_type(&lock)}</dd>
                <dt>"Bound since"</dt><dd>{stamp(lock.bind_date.as_deref(), now, "unknown")}</dd>
                <dt>"Configuration (RCL)"</dt>
                <dd>{serial(lock.rcl_serial_no)} ", " {stamp(lock.rcl_date.as_deref(), now, "no date")}</dd>
                <dt>"Last seen by the lock"</dt>
                <dd>
                    {serial(lock.last_seen_rcl_serial_no)} ", "
                    {stamp(lock.last_seen_rcl_update_date.as_deref(), now, "never synced")}
                    " · " {Seen::of(&lock).text()}
                </dd>
                <dt>"Groups"</dt><dd>{groups_line(counts)}</dd>
            </dl>
        </section>
        <section aria-labelledby="lock-waiting">
            <h2 id="lock-waiting">"Waiting for"</h2>
            {if counts.any() {
                view! { <ScanView scan=waiting target=target.clone() owner=owner.clone() lock_title=lock.title.clone()/> }.into_any()
            } else {
                view! { <p>"Nothing waits for this lock: it has synced every group change."</p> }.into_any()
            }}
        </section>
        <section aria-labelledby="lock-groups">
            <h2 id="lock-groups">"All groups of this lock"</h2>
            {
                let all_target = all_target.clone();
                move || {
                let started = all.progress.get().is_some() || all.running.get() || all.error.get().is_some();
                (!started).then(|| {
                    let t = all_target.clone();
                    view! {
                        <p>
                            <button type="button" on:click=move |_| all.start(t.clone())>
                                "Find all groups of this lock"
                            </button>
                            " "
                            <span class="muted">"Asks each group with members, a few at a time."</span>
                        </p>
                    }
                })
            }}
            <ScanView scan=all target=all_target.clone() owner lock_title=lock.title/>
        </section>
    }
}

fn serial(n: Option<i64>) -> String {
    n.map_or("no serial".to_string(), |n| format!("serial {n}"))
}

/// "Active in 3 · joining 1 · leaving 0".
fn groups_line(c: LockCounts) -> String {
    format!(
        "Active in {} · joining {} · leaving {}",
        c.joined, c.joins, c.leaves
    )
}

/// A search's progress, what it found (each a link to the group's Members tab), the
/// groups it could not ask (with Retry), and Cancel while it runs.
#[component]
fn ScanView(scan: Scan, target: Target, owner: String, lock_title: String) -> impl IntoView {
    let retry_target = target.clone();
    let status = move || {
        if let Some(e) = scan.error.get() {
            let t = target.clone();
            return Some(
                view! {
                    <LoadError what="The lock groups could not be read" error=e
                        retry=move || scan.start(t.clone())/>
                }
                .into_any(),
            );
        }
        let running = scan.running.get();
        let progress = scan.progress.get();
        let text = match (&progress, running) {
            (None, true) => "Reading the owner's lock groups…".to_string(),
            (None, false) => return None,
            (Some(p), true) => format!("{}…", p.text()),
            (Some(p), false) if p.complete() => format!("{}: all found.", p.text()),
            (Some(p), false) => format!("{}.", p.text()),
        };
        let value = progress.as_ref().map(|p| p.checked as f64);
        let max = progress.as_ref().map(|p| p.total.max(1) as f64);
        Some(
            view! {
                <div class="scan-status">
                    <progress value=value max=max aria-label="Groups checked"></progress>
                    <span role="status">{text}</span>
                    {running.then(|| view! {
                        <button type="button" on:click=move |_| scan.cancel()>"Cancel"</button>
                    })}
                </div>
            }
            .into_any(),
        )
    };
    let found = move || {
        scan.progress
            .with(|p| p.as_ref().map(|p| p.found.clone()).unwrap_or_default())
    };
    let failed = move || {
        scan.progress
            .with(|p| p.as_ref().map(|p| p.failed.clone()).unwrap_or_default())
    };
    let heading = match scan.scope {
        Scope::Waiting => "Groups waiting for this lock to sync",
        Scope::All => "Groups of this lock",
    };
    let now = now_ms();
    let (owner, lock_title) = (StoredValue::new(owner), StoredValue::new(lock_title));
    view! {
        {status}
        <Show when=move || !found().is_empty()>
            <div class="table-wrap">
            <table class="data">
                <caption>{heading} {move || format!(" ({})", found().len())}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Lock group"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Since"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=found key=|f: &Found| f.membership.id.clone() children=move |f: Found| {
                        let href = members_of(&owner.get_value(), &f.group.id, &lock_title.get_value());
                        let (words, since) = (f.waiting_words(), f.since().map(str::to_string));
                        view! {
                            <tr>
                                <th scope="row"><A href=href>{f.group.title}</A></th>
                                <td>{words}</td>
                                <td>{relative_time(since.as_deref(), now, "—")}</td>
                            </tr>
                        }
                    }/>
                </tbody>
            </table>
            </div>
        </Show>
        {move || {
            let failed = failed();
            (!failed.is_empty() && !scan.running.get()).then(|| {
                let t = retry_target.clone();
                view! {
                    <div class="load-error" role="alert">
                        <p>"These lock groups could not be checked:"</p>
                        <ul>
                            {failed.into_iter().map(|(g, why)| view! {
                                <li>{g.title} ": " {why}</li>
                            }).collect_view()}
                        </ul>
                        <button type="button" on:click=move |_| scan.retry_failed(t.clone())>
                            "Retry these groups"
                        </button>
                    </div>
                }
            })
        }}
        {move || {
            let unasked = scan.progress.with(|p| {
                p.as_ref().is_some_and(|p| p.checked < p.total && !p.complete())
            });
            (unasked && !scan.running.get() && failed().is_empty()).then(|| view! {
                <p class="muted">"Stopped before every group was checked."</p>
            })
        }}
    }
}
