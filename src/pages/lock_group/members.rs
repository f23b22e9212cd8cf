//! The Members tab: the group's memberships with their lifecycle state and dates,
//! filtered server-side by state (all in the URL), adding and removing locks with
//! per-lock results, and (sandbox) simulated lock syncs. While any membership is pending
//! the tab refreshes itself with back-off, paused while the browser tab is hidden.

pub mod add_locks;

use std::time::Duration;

use leptos::prelude::*;
use wire::{Membership, MembershipState};

use self::add_locks::AddLocks;
use crate::api::{locks, memberships, use_api, Query};
use crate::components::announcer::use_announcer;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::group_context::use_group;
use crate::components::outcomes::Outcomes;
use crate::components::pager::Pager;
use crate::components::table_head::head;
use crate::components::timestamp::{now_ms, stamp};
use crate::components::url_state::use_url_state;
use crate::config::is_sandbox;
use crate::logic::batch::{summary, Outcome};
use crate::logic::membership_state::{
    behind, derive, icon, label, Dates, Event, MembersQuery, PAGE_SIZE,
};
use crate::logic::routes::GroupTab;

/// First and longest wait between refreshes while something is pending.
const POLL_FIRST_MS: u64 = 2_000;
const POLL_MAX_MS: u64 = 30_000;

/// A lock's title from the expanded `boundLock`, else its id.
pub fn lock_title(m: &Membership) -> String {
    m.bound_lock
        .as_ref()
        .map(|l| l.title.clone())
        .unwrap_or_else(|| format!("Lock {}", m.bound_lock_id))
}

/// Keys a row by everything it shows, so a changed membership re-renders.
fn row_key(m: &Membership) -> String {
    format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{:?}",
        m.id,
        m.join_start_date,
        m.join_completed_date,
        m.leave_start_date,
        m.leave_completed_date,
        m.last_seen_rcl_serial_no
    )
}

/// What each row needs from the tab (all `Copy`).
#[derive(Clone, Copy)]
struct RowEnv {
    selected: RwSignal<Vec<(String, String)>>,
    to_remove: RwSignal<Vec<(String, String)>>,
    confirm_open: RwSignal<bool>,
    sync: Action<(String, String), Outcome>,
    now: RwSignal<i64>,
    serial: Memo<Option<i64>>,
    editable: Memo<bool>,
    sandbox: bool,
    owner: Memo<String>,
    id: Memo<String>,
}

#[component]
pub fn MembersTab() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let announcer = use_announcer();
    let sandbox = is_sandbox();
    let (query, go) = use_url_state::<MembersQuery>(move || {
        GroupTab::Members.path(&ctx.owner.get_untracked(), &ctx.id.get_untracked())
    });
    let go = move |q: MembersQuery| go.run((q, false));

    let list_api = api.clone();
    let list = LocalResource::new(move || {
        let (api, owner, id, q) = (list_api.clone(), ctx.owner.get(), ctx.id.get(), query.get());
        async move {
            let mut req = Query::new()
                .filter(q.odata_filter())
                .top(PAGE_SIZE + 1)
                .skip(q.skip())
                .expand("boundLock");
            if q.unbound {
                req = req.param("includeUnboundLocks", "true");
            }
            memberships::list(&api, &owner, &id, &req).await
        }
    });
    // The last rows that loaded: they stay on screen while a refresh loads.
    let rows = RwSignal::new(None::<(Vec<Membership>, bool)>);
    let error = RwSignal::new(None::<String>);
    let now = RwSignal::new(now_ms());
    Effect::new(move |_| match list.get() {
        Some(Ok(mut v)) => {
            let more = v.len() as u64 > PAGE_SIZE;
            v.truncate(PAGE_SIZE as usize);
            now.set(now_ms());
            error.set(None);
            rows.set(Some((v, more)));
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });

    let group = move || ctx.group.get().and_then(Result::ok);
    let serial = Memo::new(move |_| group().and_then(|g| g.rcl_serial_no));
    let editable = Memo::new(move |_| group().is_some_and(|g| g.active));
    let refresh = move || {
        list.refetch();
        ctx.group.refetch();
    };

    // Self-refresh while anything is pending: 2 s, 4 s, 8 s … 30 s; paused while hidden.
    let delay = StoredValue::new(POLL_FIRST_MS);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let paused = StoredValue::new(false);
    let pending = Memo::new(move |_| {
        rows.read()
            .as_ref()
            .is_some_and(|(v, _)| v.iter().any(|m| derive(Dates::of(m)).is_pending()))
    });
    Effect::new(move |_| {
        rows.track();
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        if !pending.get() {
            delay.set_value(POLL_FIRST_MS);
            return;
        }
        let wait = delay.get_value();
        delay.set_value((wait * 2).min(POLL_MAX_MS));
        let handle = set_timeout_with_handle(
            move || {
                if document().hidden() {
                    paused.set_value(true);
                } else {
                    refresh();
                }
            },
            Duration::from_millis(wait),
        );
        timer.set_value(handle.ok());
    });
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if !document().hidden() && paused.get_value() {
            paused.set_value(false);
            delay.set_value(POLL_FIRST_MS);
            refresh();
        }
    });
    let visibility = StoredValue::new_local(Some(visibility));
    on_cleanup(move || {
        if let Some(h) = timer.try_get_value().flatten() {
            h.clear();
        }
        if let Some(Some(h)) = visibility.try_update_value(Option::take) {
            h.remove();
        }
    });

    // Batch results (add, remove, sync).
    let outcomes = RwSignal::new(Vec::<Outcome>::new());
    let outcomes_title = RwSignal::new(String::new());
    let report = move |title: &str, done: &str, out: Vec<Outcome>| {
        announcer.say(format!("{title}: {}", summary(&out, done)));
        outcomes_title.set(title.to_string());
        outcomes.set(out);
        delay.set_value(POLL_FIRST_MS);
        refresh();
    };

    let selected = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| {
        query.track();
        selected.set(Vec::new());
    });
    let to_remove = RwSignal::new(Vec::<(String, String)>::new());
    let confirm_open = RwSignal::new(false);
    let picker_open = RwSignal::new(false);

    let remove_api = api.clone();
    let remove = Action::new_local(move |items: &Vec<(String, String)>| {
        let (api, owner, gid, items) = (
            remove_api.clone(),
            ctx.owner.get_untracked(),
            ctx.id.get_untracked(),
            items.clone(),
        );
        async move {
            let mut out = Vec::with_capacity(items.len());
            for (mid, title) in items {
                let result = memberships::delete(&api, &owner, &gid, &mid).await;
                out.push(Outcome {
                    subject: title,
                    ok: result.is_ok(),
                    message: match result {
                        Ok(()) => "removed, waiting for the lock to sync".into(),
                        Err(e) => e.to_string(),
                    },
                });
            }
            out
        }
    });
    Effect::new(move |_| {
        if let Some(out) = remove.value().get() {
            confirm_open.set(false);
            selected.set(Vec::new());
            report("Results of removing locks", "removed", out);
        }
    });

    let sync = Action::new_local(move |(lock, title): &(String, String)| {
        let (api, owner, lock, title) = (
            api.clone(),
            ctx.owner.get_untracked(),
            lock.clone(),
            title.clone(),
        );
        async move {
            let result = locks::simulate_sync(&api, &owner, &lock).await;
            Outcome {
                subject: title,
                ok: result.is_ok(),
                message: match result {
                    Ok(()) => "synced: its pending changes are complete".into(),
                    Err(e) => e.to_string(),
                },
            }
        }
    });
    Effect::new(move |_| {
        if let Some(out) = sync.value().get() {
            report("Result of the simulated sync", "synced", vec![out]);
        }
    });

    let env = RowEnv {
        selected,
        to_remove,
        confirm_open,
        sync,
        now,
        serial,
        editable,
        sandbox,
        owner: ctx.owner,
        id: ctx.id,
    };

    let filters = view! {
        <div class="filters" role="group" aria-label="Filter members">
            <div class="field">
                <label for="member-state">"State"</label>
                <select
                    id="member-state"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let state = crate::logic::membership_state::parse_state(&value);
                        go(query.get_untracked().with(|q| q.state = state));
                    }
                >
                    <option value="" selected=move || query.read().state.is_none()>
                        {move || if query.read().past { "All states" } else { "All current (not Unjoined)" }}
                    </option>
                    {MembershipState::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.as_str() selected=move || query.read().state == Some(s)>
                                    {icon(s)} " " {label(s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || query.read().past
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        go(query.get_untracked().with(|q| q.past = on));
                    }
                />
                "Show past members (Unjoined)"
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || query.read().unbound
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        go(query.get_untracked().with(|q| q.unbound = on));
                    }
                />
                "Include unbound locks"
            </label>
        </div>
    };

    let toolbar = move || {
        editable.get().then(|| {
            view! {
                <div class="toolbar">
                    <button type="button" class="primary" on:click=move |_| picker_open.set(true)>
                        "Add locks"
                    </button>
                    <button
                        type="button"
                        disabled=move || selected.read().is_empty()
                        on:click=move |_| {
                            to_remove.set(selected.get_untracked());
                            confirm_open.set(true);
                        }
                    >
                        {move || match selected.read().len() {
                            0 => "Remove selected locks from group".to_string(),
                            1 => "Remove 1 selected lock from group".to_string(),
                            n => format!("Remove {n} selected locks from group"),
                        }}
                    </button>
                </div>
            }
        })
    };

    let table = move || {
        let loaded = rows.read().is_some();
        if !loaded {
            return view! { <p role="status">"Loading memberships…"</p> }.into_any();
        }
        view! {
            <table class="members">
                <caption>"Lock memberships"</caption>
                {head(&["Select", "Lock", "State", "Timeline", "Sync", "Actions"])}
                <tbody>
                    <For
                        each=move || rows.get().map(|r| r.0).unwrap_or_default()
                        key=row_key
                        children=move |m| member_row(m, env)
                    />
                </tbody>
            </table>
            {move || {
                rows.read()
                    .as_ref()
                    .is_some_and(|(v, _)| v.is_empty())
                    .then(|| view! { <p class="empty">"No memberships match this filter."</p> })
            }}
        }
        .into_any()
    };

    let remove_heading = move || match to_remove.read().as_slice() {
        [(_, title)] => format!("Remove {title} from group?"),
        items => format!("Remove {} locks from group?", items.len()),
    };

    view! {
        <h2>"Members"</h2>
        {filters}
        {toolbar}
        {(!sandbox).then(|| view! {
            <p class="note">
                "ℹ Adding or removing a lock completes when the lock is next synced with the Tapkey app."
            </p>
        })}
        <Outcomes title=outcomes_title.into() outcomes/>
        {move || error.get().map(|e| view! {
            <div class="load-error" role="alert">
                <p>"The memberships could not be loaded: " {e}</p>
                <button type="button" on:click=move |_| list.refetch()>"Retry"</button>
            </div>
        })}
        {table}
        <Pager
            label="Members pages"
            page=Signal::derive(move || query.read().page)
            more=Signal::derive(move || rows.read().as_ref().is_some_and(|r| r.1))
            on_page=Callback::new(move |p| go(query.get_untracked().with(|q| q.page = p)))
        />
        <AddLocks
            open=picker_open
            on_done=Callback::new(move |out| report("Results of adding locks", "added", out))
        />
        <ConfirmDialog
            open=confirm_open
            id="remove"
            title=Signal::derive(remove_heading)
            description="A removed lock keeps its access through this group until it is next synced. Until then it shows as “Removed, waiting for the lock to sync”."
            confirm="Remove from group"
            busy=remove.pending().into()
            error=Signal::derive(|| None)
            on_confirm=Callback::new(move |()| {
                remove.dispatch(to_remove.get_untracked());
            })
        >
            <ul>
                {move || to_remove.get().into_iter().map(|(_, t)| view! { <li>{t}</li> }).collect_view()}
            </ul>
        </ConfirmDialog>
    }
}

/// One membership row.
fn member_row(m: Membership, env: RowEnv) -> impl IntoView {
    let title = lock_title(&m);
    let derived = derive(Dates::of(&m));
    let state = derived.state;
    let removable = matches!(
        state,
        MembershipState::JoinPending | MembershipState::Joined
    );
    let unbound = m.bound_lock.as_ref().is_some_and(|l| !l.active);
    let now = env.now.get_untracked();
    let skipped = m.join_completed_date.is_none() && m.leave_start_date.is_some();
    let timeline = [
        (Event::JoinStart, m.join_start_date.as_deref()),
        (Event::JoinCompleted, m.join_completed_date.as_deref()),
        (Event::LeaveStart, m.leave_start_date.as_deref()),
        (Event::LeaveCompleted, m.leave_completed_date.as_deref()),
    ]
    .into_iter()
    .map(|(event, date)| {
        let empty = if event == Event::JoinCompleted && skipped {
            "never: removed before the lock synced"
        } else {
            "not yet"
        };
        view! {
            <dt>{event.label()}</dt>
            <dd>{stamp(date, now, empty)}</dd>
        }
    })
    .collect_view();

    let last_seen = m.last_seen_rcl_serial_no;
    let sync_status = move || {
        if state == MembershipState::Unjoined {
            return "No longer a member".to_string();
        }
        let latest = env.serial.get();
        if behind(last_seen, latest) {
            let seen = last_seen.map_or("none".to_string(), |s| s.to_string());
            let latest = latest.map_or(String::new(), |s| s.to_string());
            format!("⟳ Has not seen the group's latest change (seen: {seen}, latest: {latest})")
        } else {
            "✔ Has seen the group's latest change".to_string()
        }
    };

    let select_pair = (m.id.clone(), title.clone());
    let select_id = m.id.clone();
    let checked = move || env.selected.read().iter().any(|(i, _)| *i == select_id);
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        env.selected.update(|s| {
            s.retain(|(i, _)| *i != select_pair.0);
            if on {
                s.push(select_pair.clone());
            }
        });
    };
    let remove_pair = (m.id.clone(), title.clone());
    let select_label = format!("Select {title}");
    let remove_label = format!("Remove {title} from group");
    let sync_pair = (m.bound_lock_id.clone(), title.clone());
    let diagram = format!(
        "{}?membership={}",
        GroupTab::Diagram.path(&env.owner.get_untracked(), &env.id.get_untracked()),
        crate::logic::odata::encode_component(&m.id)
    );

    view! {
        <tr class=format!("state-{}", state.as_str())>
            <td>
                {move || (removable && env.editable.get()).then(|| {
                    let (checked, toggle) = (checked.clone(), toggle.clone());
                    view! {
                        <input
                            type="checkbox"
                            aria-label=select_label.clone()
                            prop:checked=checked
                            on:change=toggle
                        />
                    }
                })}
            </td>
            <th scope="row">
                {title.clone()}
                <span class="sub">"Lock " {m.bound_lock_id.clone()}</span>
                {unbound.then(|| view! { <span class="tag">"Unbound"</span> })}
            </th>
            <td>
                <span class="state">
                    <span class="state-icon" aria-hidden="true">{icon(state)}</span>
                    " "
                    {label(state)}
                </span>
                {derived.issue.map(|i| view! {
                    <p class="inconsistent">"⚠ Inconsistent dates: " {i.describe()}</p>
                })}
            </td>
            <td>
                <dl class="timeline">{timeline}</dl>
            </td>
            <td>
                <p class="sync-status">{sync_status}</p>
                {(state != MembershipState::Unjoined && !unbound).then(|| {
                    if env.sandbox {
                        let pair = sync_pair.clone();
                        view! {
                            <button
                                type="button"
                                disabled=move || env.sync.pending().get()
                                on:click=move |_| {
                                    env.sync.dispatch(pair.clone());
                                }
                            >
                                {format!("Simulate sync of {}", sync_pair.1)}
                            </button>
                        }
                        .into_any()
                    } else if derived.is_pending() {
                        view! {
                            <p class="muted">"Completes when the lock is next synced with the Tapkey app."</p>
                        }
                        .into_any()
                    } else {
                        ().into_any()
                    }
                })}
            </td>
            <td class="actions">
                {move || (removable && env.editable.get()).then(|| {
                    let pair = remove_pair.clone();
                    view! {
                        <button
                            type="button"
                            on:click=move |_| {
                                env.to_remove.set(vec![pair.clone()]);
                                env.confirm_open.set(true);
                            }
                        >
                            {remove_label.clone()}
                        </button>
                    }
                })}
                <a href=diagram>{format!("Show {title} in the diagram")}</a>
            </td>
        </tr>
    }
}
