//! One membership as one table line (lock, state, since when, sync status, actions) and
//! a details line with its four dates, shown on demand.
//!
//! The list is rebuilt in place when it reloads (the self-refresh), so a row keeps its
//! elements, and the focus on them, from one load to the next: what may change is in
//! attributes (`hidden`, `disabled`), not in elements that come and go. Rows create no
//! reactive values of their own (everything they read belongs to the tab), so nothing
//! they hold can be disposed under them.

use leptos::prelude::*;
use wire::{Membership, MembershipState};

use super::selection::{lock_title, LockRef, SelectedMembership, Selection};
use crate::components::group_context::use_group;
use crate::components::relative_time::relative_time;
use crate::components::timestamp::now_ms;
use crate::logic::membership_state::{behind, derive, icon, label, Dates, Derived, Event};
use crate::logic::odata::encode_component;
use crate::logic::routes::{self, GroupTab};

/// What every row needs from the tab (all `Copy`, all owned by the tab).
#[derive(Clone, Copy)]
pub struct RowControls {
    pub selection: Selection,
    /// Ids of the memberships whose details are open.
    pub expanded: RwSignal<Vec<String>>,
    pub editable: Memo<bool>,
    /// The group's latest `rclSerialNo`.
    pub serial: Memo<Option<i64>>,
    pub sandbox: bool,
    pub ask_remove: Callback<Vec<SelectedMembership>>,
    pub sync: Action<Vec<LockRef>, ()>,
    /// Whether a sync runs (one at a time).
    pub syncing: Memo<bool>,
}

/// The date that put a membership in its state.
fn since(m: &Membership, state: MembershipState) -> Option<&str> {
    match state {
        MembershipState::JoinPending => m.join_start_date.as_deref(),
        MembershipState::Joined => m.join_completed_date.as_deref(),
        MembershipState::UnjoinPending => m.leave_start_date.as_deref(),
        MembershipState::Unjoined => m.leave_completed_date.as_deref(),
        MembershipState::Unknown => None,
    }
}

#[component]
pub fn MemberRow(m: Membership, controls: RowControls) -> impl IntoView {
    let derived = derive(Dates::of(&m));
    let state = derived.state;
    let details_id = format!("member-details-{}", m.id);
    let id = m.id.clone();
    let open = move || controls.expanded.read().contains(&id);
    view! {
        <tr class=format!("state-{}", state.as_str())>
            <td>{select_box(&m, state, controls)}</td>
            {lock_cell(&m)}
            <td>{state_text(derived)}</td>
            <td>{relative_time(since(&m, state), now_ms(), "—")}</td>
            <td>{sync_status(m.last_seen_rcl_serial_no, state, controls.serial)}</td>
            <td>{row_actions(&m, state, details_id.clone(), controls)}</td>
        </tr>
        <tr class="details" id=details_id hidden=move || !open()>
            <td></td>
            <td colspan="5">{timeline(&m, derived)}</td>
        </tr>
    }
}

/// Whether the admin can still remove this membership (and so select it).
pub(super) fn removable(state: MembershipState) -> bool {
    matches!(
        state,
        MembershipState::JoinPending | MembershipState::Joined
    )
}

/// The row's checkbox, for memberships that can still be removed.
fn select_box(m: &Membership, state: MembershipState, c: RowControls) -> impl IntoView {
    let item = SelectedMembership::of(m);
    let id = item.id.clone();
    removable(state).then(|| {
        view! {
            <input
                type="checkbox"
                aria-label=format!("Select {}", item.title)
                hidden=move || !c.editable.get()
                prop:checked=move || c.selection.contains(&id)
                on:change=move |ev| c.selection.toggle(item.clone(), event_target_checked(&ev))
            />
        }
    })
}

/// The lock's title (a link to its page) with its id beside it (same line), and whether
/// it is unbound.
fn lock_cell(m: &Membership) -> impl IntoView {
    let unbound = m.bound_lock.as_ref().is_some_and(|l| !l.active);
    let href = routes::lock(&use_group().owner.get_untracked(), &m.bound_lock_id);
    view! {
        <th scope="row">
            <div class="cell-line">
                <a href=href>{lock_title(m)}</a>
                <span class="id">"#" {m.bound_lock_id.clone()}</span>
                {unbound.then(|| view! { <span class="tag">"Unbound"</span> })}
            </div>
        </th>
    }
}

/// Icon and words (never colour alone), and a short flag when the dates disagree.
fn state_text(derived: Derived) -> impl IntoView {
    let state = derived.state;
    view! {
        <div class="cell-line">
            <span class="state" title=state.explain()>
                <span class="state-icon" aria-hidden="true">{icon(state)}</span>
                " "
                {label(state)}
            </span>
            {derived.issue.map(|i| view! {
                <span class="inconsistent" title=i.describe()>"⚠ Dates inconsistent"</span>
            })}
        </div>
    }
}

/// "✔ Synced" or "⟳ Waiting for sync", the serial numbers in `title`.
fn sync_status(
    last_seen: Option<i64>,
    state: MembershipState,
    serial: Memo<Option<i64>>,
) -> impl IntoView {
    let show = |n: Option<i64>| n.map_or("none".to_string(), |s| s.to_string());
    let left = state == MembershipState::Unjoined;
    let waiting = move || !left && behind(last_seen, serial.get());
    let text = move || match (left, waiting()) {
        (true, _) => "— Left",
        (_, true) => "⟳ Waiting for sync",
        (_, false) => "✔ Synced",
    };
    let title = move || {
        format!(
            "The lock has seen change {}; the group's latest is {}",
            show(last_seen),
            show(serial.get())
        )
    };
    view! {
        <span class="sync" class:waiting=waiting class:muted=left title=title>{text}</span>
    }
}

/// Details, Remove, Sync (sandbox) and Diagram: short words, the lock in each name.
fn row_actions(
    m: &Membership,
    state: MembershipState,
    details_id: String,
    c: RowControls,
) -> impl IntoView {
    let ctx = use_group();
    let title = lock_title(m);
    let unbound = m.bound_lock.as_ref().is_some_and(|l| !l.active);
    let (open_id, toggle_id) = (m.id.clone(), m.id.clone());
    let item = SelectedMembership::of(m);
    let lock = LockRef::of(m);
    let diagram = format!(
        "{}?membership={}",
        GroupTab::Diagram.path(&ctx.owner.get_untracked(), &ctx.id.get_untracked()),
        encode_component(&m.id)
    );
    let toggle = move |_| {
        c.expanded
            .update(|e| match e.iter().position(|x| *x == toggle_id) {
                Some(i) => {
                    e.remove(i);
                }
                None => e.push(toggle_id.clone()),
            })
    };
    let remove = removable(state).then(|| {
        view! {
            <button
                type="button"
                class="quiet"
                aria-label=format!("Remove {title} from group")
                hidden=move || !c.editable.get()
                on:click=move |_| c.ask_remove.run(vec![item.clone()])
            >
                "Remove"
            </button>
        }
    });
    let sync = (c.sandbox && state != MembershipState::Unjoined && !unbound).then(|| {
        view! {
            <button
                type="button"
                class="quiet"
                aria-label=format!("Simulate sync of {}", lock.title)
                disabled=move || c.syncing.get()
                on:click=move |_| {
                    c.sync.dispatch(vec![lock.clone()]);
                }
            >
                "Sync"
            </button>
        }
    });
    view! {
        <div class="row-actions">
            <button
                type="button"
                class="quiet"
                aria-expanded=move || c.expanded.read().contains(&open_id).to_string()
                aria-controls=details_id
                aria-label=format!("Details of {title}")
                on:click=toggle
            >
                "Details"
            </button>
            {remove}
            {sync}
            <a href=diagram aria-label=format!("Show {title} in the diagram")>"Diagram"</a>
        </div>
    }
}

/// The four dates of the membership, and what is wrong with them if anything.
fn timeline(m: &Membership, derived: Derived) -> impl IntoView {
    let now = now_ms();
    let skipped = m.join_completed_date.is_none() && m.leave_start_date.is_some();
    let dates = [
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
            <dd>{relative_time(date, now, empty)}</dd>
        }
    })
    .collect_view();
    view! {
        <dl class="timeline">{dates}</dl>
        {derived.issue.map(|i| view! {
            <p class="inconsistent">"⚠ Inconsistent dates: " {i.describe()}</p>
        })}
    }
}
