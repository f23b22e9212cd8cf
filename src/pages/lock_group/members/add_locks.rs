//! "Add locks": a picker over the owner's bound locks (searchable, paged, several at
//! once), showing each lock's type and how many groups it is in, with the locks already
//! in this group marked and not pickable. One `PUT` membership per picked lock.

use leptos::{html, prelude::*};
use wire::{BoundLock, MembershipState};

use crate::api::{locks, memberships, use_api, Query};
use crate::components::group_context::use_group;
use crate::components::modal::Modal;
use crate::components::pager::Pager;
use crate::components::table_head::head;
use crate::logic::batch::Outcome;
use crate::logic::odata::{and_all, contains, string_literal, Direction};

/// Locks per picker page.
const PICK_PAGE: u64 = 10;

/// Groups a lock occupies: every membership that is not Unjoined (what the limit counts).
fn groups_of(lock: &BoundLock) -> u64 {
    lock.membership_statistics.as_ref().map_or(0, |s| {
        s.count(MembershipState::JoinPending)
            + s.count(MembershipState::Joined)
            + s.count(MembershipState::UnjoinPending)
    })
}

#[derive(Clone, Default)]
struct PickPage {
    locks: Vec<BoundLock>,
    more: bool,
    /// IDs of the locks on this page that already are (or are becoming) members.
    members: Vec<String>,
}

/// The picker dialog. `on_done` receives one outcome per picked lock.
#[component]
pub fn AddLocks(open: RwSignal<bool>, on_done: Callback<Vec<Outcome>>) -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let picked = RwSignal::new(Vec::<(String, String)>::new());
    let cancel = NodeRef::<html::Button>::new();

    let list_api = api.clone();
    let found = LocalResource::new(move || {
        let (api, owner, gid) = (list_api.clone(), ctx.owner.get(), ctx.id.get());
        let (is_open, text, page) = (open.get(), search.get(), page.get());
        async move {
            if !is_open {
                return Ok(PickPage::default());
            }
            let text = text.trim();
            let q = Query::new()
                .filter((!text.is_empty()).then(|| contains("title", text)))
                .order_by("title", Direction::Asc)
                .top(PICK_PAGE + 1)
                .skip((page - 1) * PICK_PAGE)
                .expand("membershipStatistics");
            let mut found = locks::list(&api, &owner, &q).await?;
            let more = found.len() as u64 > PICK_PAGE;
            found.truncate(PICK_PAGE as usize);
            let members = if found.is_empty() {
                Vec::new()
            } else {
                let ids = found
                    .iter()
                    .map(|l| format!("boundLockId eq {}", string_literal(&l.id)))
                    .collect::<Vec<_>>()
                    .join(" or ");
                let filter = and_all(["leaveStartDate eq null".to_string(), ids]);
                let q = Query::new().filter(filter).top(PICK_PAGE * 4);
                memberships::list(&api, &owner, &gid, &q)
                    .await?
                    .into_iter()
                    .map(|m| m.bound_lock_id)
                    .collect()
            };
            Ok::<_, crate::api::ApiError>(PickPage {
                locks: found,
                more,
                members,
            })
        }
    });

    let add = Action::new_local(move |items: &Vec<(String, String)>| {
        let (api, owner, gid, items) = (
            api.clone(),
            ctx.owner.get_untracked(),
            ctx.id.get_untracked(),
            items.clone(),
        );
        async move {
            let mut out = Vec::with_capacity(items.len());
            for (lock, title) in items {
                let result = memberships::create(&api, &owner, &gid, &lock).await;
                out.push(Outcome {
                    subject: title,
                    ok: result.is_ok(),
                    message: match result {
                        Ok(_) => "added, waiting for the lock to sync".into(),
                        Err(e) => e.to_string(),
                    },
                });
            }
            out
        }
    });
    Effect::new(move |_| {
        if let Some(out) = add.value().get() {
            picked.set(Vec::new());
            open.set(false);
            on_done.run(out);
        }
    });
    // Every opening starts fresh.
    Effect::new(move |_| {
        if open.get() {
            picked.set(Vec::new());
            search.set(String::new());
            page.set(1);
        }
    });

    let rows = move || {
        let data = found.get();
        match data {
            None => view! { <p role="status">"Loading locks…"</p> }.into_any(),
            Some(Err(e)) => view! {
                <p role="alert" class="field-error">"The locks could not be loaded: " {e.to_string()}</p>
            }
            .into_any(),
            Some(Ok(p)) if p.locks.is_empty() => {
                view! { <p>"No locks match this search."</p> }.into_any()
            }
            Some(Ok(p)) => {
                let members = p.members;
                view! {
                    <table class="picker">
                        <caption>"Locks of this owner account"</caption>
                        {head(&["Pick", "Lock", "Type", "Groups"])}
                        <tbody>
                            {p
                                .locks
                                .into_iter()
                                .map(|lock| {
                                    let member = members.contains(&lock.id);
                                    let groups = groups_of(&lock);
                                    let kind = lock
                                        .lock_type
                                        .as_ref()
                                        .map(|t| t.model_name.clone())
                                        .or(lock.lock_type_id.clone())
                                        .unwrap_or_else(|| "unknown".into());
                                    let (id, title) = (lock.id.clone(), lock.title.clone());
                                    let key = id.clone();
                                    let checked = move || picked.read().iter().any(|(i, _)| *i == key);
                                    let toggle = move |ev: leptos::ev::Event| {
                                        let on = event_target_checked(&ev);
                                        picked.update(|p| {
                                            p.retain(|(i, _)| *i != id);
                                            if on {
                                                p.push((id.clone(), title.clone()));
                                            }
                                        });
                                    };
                                    view! {
                                        <tr class:is-member=member>
                                            <td>
                                                <input
                                                    type="checkbox"
                                                    aria-label=format!("Pick {}", lock.title)
                                                    disabled=member
                                                    prop:checked=checked
                                                    on:change=toggle
                                                />
                                            </td>
                                            <th scope="row">
                                                {lock.title.clone()}
                                                {member.then(|| view! {
                                                    <span class="tag">"✔ Already in this group"</span>
                                                })}
                                            </th>
                                            <td>{kind}</td>
                                            <td class="num">
                                                {match groups {
                                                    1 => "in 1 group".to_string(),
                                                    n => format!("in {n} groups"),
                                                }}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <Pager
                        label="Lock picker pages"
                        page=page.into()
                        more=Signal::derive(move || p.more)
                        on_page=Callback::new(move |n| page.set(n))
                    />
                }
                .into_any()
            }
        }
    };

    view! {
        <Modal open labelledby="add-locks-title" describedby="add-locks-desc" initial_focus=cancel>
            <h2 id="add-locks-title">"Add locks to the group"</h2>
            <p id="add-locks-desc">
                "Pick one or more locks. Each joins when it is next synced; until then it shows as "
                "“Added, waiting for the lock to sync”."
            </p>
            <div class="field">
                <label for="lock-search">"Search locks by title"</label>
                <input
                    id="lock-search"
                    type="search"
                    prop:value=move || search.get()
                    on:input=move |ev| {
                        search.set(event_target_value(&ev));
                        page.set(1);
                    }
                />
            </div>
            {rows}
            <p class="picked" aria-live="polite">
                {move || match picked.read().len() {
                    0 => "No lock picked yet.".to_string(),
                    1 => "1 lock picked.".to_string(),
                    n => format!("{n} locks picked."),
                }}
            </p>
            <div class="dialog-actions">
                <button type="button" node_ref=cancel on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="primary"
                    disabled=move || picked.read().is_empty() || add.pending().get()
                    on:click=move |_| {
                        add.dispatch(picked.get_untracked());
                    }
                >
                    {move || match (add.pending().get(), picked.read().len()) {
                        (true, _) => "Adding…".to_string(),
                        (_, 1) => "Add 1 lock".to_string(),
                        (_, n) => format!("Add {n} locks"),
                    }}
                </button>
            </div>
        </Modal>
    }
}
