//! "Add locks": a picker over the owner's locks (searchable, paged, several at once).
//! The picker's content is mounted on each opening, so every opening starts fresh (no
//! search, page 1, nothing picked) without an Effect resetting it. The tab runs the
//! adding (`add`), so it completes even when the dialog is closed meanwhile.

use leptos::{html, prelude::*};
use wire::BoundLock;

use super::pick_table::PickTable;
use super::selection::LockRef;
use crate::api::{locks, memberships, use_api, ApiError, Query};
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::components::modal::Modal;
use crate::components::pager::Pager;
use crate::logic::odata::{and_all, contains, string_literal, Direction};

/// Locks per picker page.
const PICK_PAGE: u64 = 10;

#[derive(Clone, Default)]
struct PickPage {
    locks: Vec<BoundLock>,
    more: bool,
    /// IDs of the locks on this page that already are (or are becoming) members.
    members: Vec<String>,
}

/// The picker dialog. `add` adds the picked locks (and closes the dialog when done).
#[component]
pub fn AddLocks(open: RwSignal<bool>, add: Action<Vec<LockRef>, ()>) -> impl IntoView {
    let cancel = NodeRef::<html::Button>::new();
    view! {
        <Modal open labelledby="add-locks-title" describedby="add-locks-desc" initial_focus=cancel>
            <h2 id="add-locks-title">"Add locks to the group"</h2>
            <p id="add-locks-desc">
                "Pick one or more locks. Each joins when it is next synced; until then it shows as "
                "“Added, waiting for the lock to sync”."
            </p>
            {move || open.get().then(|| view! { <Picker open add cancel/> })}
        </Modal>
    }
}

/// One opening of the picker: its search, page and picks live as long as it does.
#[component]
fn Picker(
    open: RwSignal<bool>,
    add: Action<Vec<LockRef>, ()>,
    cancel: NodeRef<html::Button>,
) -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let picked = RwSignal::new(Vec::<LockRef>::new());
    let adding = add.pending();

    let found = LocalResource::new(move || {
        let (api, owner, gid) = (api.clone(), ctx.owner.get(), ctx.id.get());
        let (text, page) = (search.get(), page.get());
        async move {
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
            Ok::<_, ApiError>(PickPage {
                locks: found,
                more,
                members,
            })
        }
    });
    let more = Signal::derive(move || found.get().and_then(Result::ok).is_some_and(|p| p.more));

    view! {
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
        <Loaded
            resource=found
            what="The locks could not be loaded"
            fallback=|| view! { <p role="status">"Loading locks…"</p> }
            let:p
        >
            {if p.locks.is_empty() {
                view! { <p>"No locks match this search."</p> }.into_any()
            } else {
                view! { <PickTable locks=p.locks members=p.members picked/> }.into_any()
            }}
        </Loaded>
        <Pager
            label="Lock picker pages"
            page=page.into()
            more
            on_page=Callback::new(move |n| page.set(n))
        />
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
                disabled=move || picked.read().is_empty() || adding.get()
                on:click=move |_| {
                    add.dispatch(picked.get_untracked());
                }
            >
                {move || match (adding.get(), picked.read().len()) {
                    (true, _) => "Adding…".to_string(),
                    (_, 1) => "Add 1 lock".to_string(),
                    (_, n) => format!("Add {n} locks"),
                }}
            </button>
        </div>
    }
}
