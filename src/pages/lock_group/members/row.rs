//! One membership as one table line (lock, state, since when, sync status, actions) and
//! a details line with its four dates, shown on demand from the row's menu.
//!
//! The list is rebuilt in place when it reloads (the self-refresh), so a row keeps its
//! elements, and the focus on them, from one load to the next: what may change is in
//! attributes (`hidden`, `disabled`), not in elements that come and go. Rows create no
//! reactive values of their own (everything they read belongs to the tab), so nothing
//! they hold can be disposed under them.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wire::{Membership, MembershipState};

use super::selection::{lock_title, LockRef, SelectedMembership, Selection};
use super::timeline::timeline;
use crate::components::group_context::use_group;
use crate::components::menu::{close_menu, on_menu_key, on_menu_toggle, popover_menu};
use crate::components::relative_time::relative_time;
use crate::components::timestamp::now_ms;
use crate::i18n::{t, t_string, use_i18n, words, I18n};
use crate::logic::membership_state::{behind, derive, icon, Dates, Derived};
use crate::logic::odata::encode_component;
use crate::logic::routes::{self, GroupTab};
use crate::pages::lock_group::words as phrase;

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
    let i18n = use_i18n();
    view! {
        <tr class=format!("state-{}", state.as_str())>
            <td>{select_box(i18n, &m, state, controls)}</td>
            {lock_cell(i18n, &m)}
            <td>{state_text(i18n, derived)}</td>
            <td>{relative_time(since(&m, state), now_ms(), "—")}</td>
            <td>{sync_status(i18n, m.last_seen_rcl_serial_no, state, controls.serial)}</td>
            <td class="actions-cell">{row_actions(i18n, &m, state, details_id.clone(), controls)}</td>
        </tr>
        <tr class="details" id=details_id hidden=move || !open()>
            <td></td>
            <td colspan="5">{timeline(i18n, &m, derived)}</td>
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
fn select_box(i18n: I18n, m: &Membership, state: MembershipState, c: RowControls) -> impl IntoView {
    let item = SelectedMembership::of(i18n, m);
    let id = item.id.clone();
    let title = item.title.clone();
    removable(state).then(|| {
        view! {
            <input
                type="checkbox"
                aria-label=move || t_string!(i18n, members.row.select, title = title.clone()).to_string()
                hidden=move || !c.editable.get()
                prop:checked=move || c.selection.contains(&id)
                on:change=move |ev| c.selection.toggle(item.clone(), event_target_checked(&ev))
            />
        }
    })
}

/// The lock's title (a link to its page) with its id beside it (same line), and whether
/// it is unbound.
fn lock_cell(i18n: I18n, m: &Membership) -> impl IntoView {
    let unbound = m.bound_lock.as_ref().is_some_and(|l| !l.active);
    let href = routes::lock(&use_group().owner.get_untracked(), &m.bound_lock_id);
    let shown = m.clone();
    view! {
        <th scope="row">
            <div class="cell-line">
                <a href=href>{move || lock_title(i18n, &shown)}</a>
                <span class="id">"#" {m.bound_lock_id.clone()}</span>
                {unbound.then(|| view! {
                    <span class="tag" title=move || t_string!(i18n, members.removed_hint)>
                        {t!(i18n, members.removed_tag)}
                    </span>
                })}
            </div>
        </th>
    }
}

/// Icon and words (never colour alone), and a short flag when the dates disagree.
fn state_text(i18n: I18n, derived: Derived) -> impl IntoView {
    let state = derived.state;
    view! {
        <div class="cell-line">
            <span class="state" title=move || phrase::explain(i18n, state)>
                <span class="state-icon" aria-hidden="true">{icon(state)}</span>
                " "
                {move || words::state(i18n, state)}
            </span>
            {derived.issue.map(|i| view! {
                <span class="inconsistent" title=move || phrase::issue(i18n, i)>
                    {t!(i18n, members.row.inconsistent)}
                </span>
            })}
        </div>
    }
}

/// "✔ Synced" or "⟳ Waiting for sync", the serial numbers in `title`.
fn sync_status(
    i18n: I18n,
    last_seen: Option<i64>,
    state: MembershipState,
    serial: Memo<Option<i64>>,
) -> impl IntoView {
    let show = move |n: Option<i64>| {
        n.map_or(t_string!(i18n, members.row.none).to_string(), |s| {
            s.to_string()
        })
    };
    let left = state == MembershipState::Unjoined;
    let waiting = move || !left && behind(last_seen, serial.get());
    let text = move || match (left, waiting()) {
        (true, _) => t_string!(i18n, members.row.left),
        (_, true) => t_string!(i18n, members.row.waiting),
        (_, false) => t_string!(i18n, members.row.synced),
    };
    let title = move || {
        let (seen, latest) = (show(last_seen), show(serial.get()));
        t_string!(i18n, members.row.serials, seen, latest).to_string()
    };
    view! {
        <span class="sync" class:waiting=waiting class:muted=left title=title>{text}</span>
    }
}

/// One "⋯" button per row and its menu (a native popover: Escape and a click elsewhere
/// close it, focus returns to the button): Details, Show in diagram, Remove, and Sync
/// (sandbox) on the rows that wait for one. Every row has the same one button, so the
/// columns never shift; an item that does not apply is `hidden`, not absent, so a
/// reloaded row keeps its elements.
fn row_actions(
    i18n: I18n,
    m: &Membership,
    state: MembershipState,
    details_id: String,
    c: RowControls,
) -> impl IntoView {
    let ctx = use_group();
    let title = m.clone();
    let unbound = m.bound_lock.as_ref().is_some_and(|l| !l.active);
    let (open_id, toggle_id) = (m.id.clone(), m.id.clone());
    let item = SelectedMembership::of(i18n, m);
    let lock = LockRef::of(i18n, m);
    let menu_id = format!("member-menu-{}", m.id);
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
    let last_seen = m.last_seen_rcl_serial_no;
    let can_sync = c.sandbox && state != MembershipState::Unjoined && !unbound;
    let waits = move || can_sync && behind(last_seen, c.serial.get());
    // The confirm dialog gives the focus back to what had it when it opened: the menu's
    // button, not the item (hidden with its menu by then). Found by its id, which the
    // button keeps when the row is re-rendered in another state.
    let button_id = format!("member-menu-button-{}", m.id);
    let focus_button = {
        let id = button_id.clone();
        move || {
            if let Some(b) = document()
                .get_element_by_id(&id)
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                _ = b.focus();
            }
        }
    };
    let remove = removable(state).then(|| {
        view! {
            <button
                type="button"
                role="menuitem"
                popovertarget=menu_id.clone()
                popovertargetaction="hide"
                hidden=move || !c.editable.get()
                on:click=move |_| {
                    focus_button();
                    c.ask_remove.run(vec![item.clone()])
                }
            >
                {t!(i18n, members.row.remove)}
            </button>
        }
    });
    let sync_menu = menu_id.clone();
    let sync = can_sync.then(|| {
        view! {
            <button
                type="button"
                role="menuitem"
                popovertarget=menu_id.clone()
                popovertargetaction="hide"
                hidden=move || !waits()
                disabled=move || c.syncing.get()
                on:click=move |_| {
                    close_menu(&sync_menu);
                    c.sync.dispatch(vec![lock.clone()]);
                }
                aria-label=move || t_string!(i18n, members.row.sync_name)
            >
                {t!(i18n, members.row.sync)} <span class="tag">{t!(i18n, members.row.sandbox)}</span>
            </button>
        }
    });
    let actions =
        move || t_string!(i18n, members.row.actions, title = lock_title(i18n, &title)).to_string();
    view! {
        <button
            type="button"
            class="quiet row-menu-button"
            id=button_id
            popovertarget=menu_id.clone()
            aria-label=actions.clone()
            aria-haspopup="menu"
        >
            <span aria-hidden="true">"⋯"</span>
        </button>
        <div
            id=menu_id.clone()
            class="row-menu"
            use:popover_menu
            role="menu"
            aria-label=actions
            on:keydown=on_menu_key
            on:toggle=on_menu_toggle
        >
            <button
                type="button"
                role="menuitemcheckbox"
                popovertarget=menu_id.clone()
                popovertargetaction="hide"
                autofocus
                aria-checked=move || c.expanded.read().contains(&open_id).to_string()
                aria-controls=details_id
                on:click=toggle
            >
                {t!(i18n, members.row.details)}
            </button>
            <a href=diagram role="menuitem">{t!(i18n, members.row.diagram)}</a>
            {remove}
            {sync}
        </div>
    }
}
