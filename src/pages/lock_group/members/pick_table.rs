//! The lock picker's table: the owner's locks on one page, each pickable unless it
//! already is (or is becoming) a member, with its type and how many groups it is in.
//! A click anywhere on a row picks it; the checkbox is the row's keyboard control.

use leptos::prelude::*;
use wire::{BoundLock, MembershipState};

use super::selection::LockRef;
use crate::components::group_context::use_group;
use crate::components::table_head::head_texts;
use crate::i18n::{t, t_string, use_i18n, words};
use crate::logic::locks_list::lock_type_terms;
use crate::logic::routes;

/// Groups a lock occupies: every membership that is not Unjoined (what the limit counts).
fn groups_of(lock: &BoundLock) -> u64 {
    lock.membership_statistics.as_ref().map_or(0, |s| {
        s.count(MembershipState::JoinPending)
            + s.count(MembershipState::Joined)
            + s.count(MembershipState::UnjoinPending)
    })
}

#[component]
pub fn PickTable(
    locks: Vec<BoundLock>,
    /// IDs of the locks on this page that already are (or are becoming) members.
    members: Vec<String>,
    picked: RwSignal<Vec<LockRef>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let columns = vec![
        (move || t_string!(i18n, members.pick.pick)).into(),
        (move || t_string!(i18n, members.pick.lock)).into(),
        (move || t_string!(i18n, members.pick.kind)).into(),
        (move || t_string!(i18n, members.pick.groups)).into(),
    ];
    view! {
        <table class="picker compact">
            <caption>{t!(i18n, members.pick.caption)}</caption>
            {head_texts(None, columns)}
            <tbody>
                {locks
                    .into_iter()
                    .map(|lock| {
                        let member = members.contains(&lock.id);
                        view! { <PickRow lock member picked/> }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn PickRow(lock: BoundLock, member: bool, picked: RwSignal<Vec<LockRef>>) -> impl IntoView {
    let i18n = use_i18n();
    let n = groups_of(&lock);
    let groups = move || {
        let count = words::number(i18n, n);
        if words::is_one(i18n, n) {
            t_string!(i18n, members.pick.in_groups.one, count).to_string()
        } else {
            t_string!(i18n, members.pick.in_groups.other, count).to_string()
        }
    };
    let (pick_name, tab_name) = (lock.title.clone(), lock.title.clone());
    // As its maker writes it ("TD30"), the API's names on hover, as on the Locks list.
    let shown = lock.clone();
    let kind = move || words::lock_type(i18n, &shown);
    let kind_terms = lock_type_terms(&lock);
    let item = LockRef {
        id: lock.id.clone(),
        title: lock.title.clone(),
    };
    let id = item.id.clone();
    let href = routes::lock(&use_group().owner.get_untracked(), &lock.id);
    let checked = Memo::new(move |_| picked.read().iter().any(|l| l.id == id));
    let set = Callback::new(move |on: bool| {
        picked.update(|p| {
            p.retain(|l| l.id != item.id);
            if on {
                p.push(item.clone());
            }
        });
    });
    // The whole row picks: a click anywhere on it toggles, except a click on the
    // checkbox itself, which toggles through its own change event. The checkbox stays
    // the one accessible control (the row is not focusable, so nothing is nested).
    let row_click = move |ev: leptos::ev::MouseEvent| {
        use leptos::wasm_bindgen::JsCast;
        let target = ev.target();
        let from_box = target
            .clone()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some();
        let from_link = target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a").ok().flatten())
            .is_some();
        if member || from_box || from_link {
            return;
        }
        set.run(!checked.get_untracked());
    };
    view! {
        <tr class:is-member=member class:pickable=!member on:click=row_click>
            <td>
                <input
                    type="checkbox"
                    aria-label=move || t_string!(i18n, members.pick.row, title = pick_name.clone()).to_string()
                    disabled=member
                    prop:checked=checked
                    on:change=move |ev| set.run(event_target_checked(&ev))
                />
            </td>
            <th scope="row">
                // A new tab, so the picks made so far stay.
                <a href=href target="_blank" rel="noopener"
                    aria-label=move || t_string!(i18n, members.pick.new_tab, title = tab_name.clone()).to_string()>
                    {lock.title.clone()}
                </a>
                {member.then(|| view! { <span class="tag">{t!(i18n, members.pick.member)}</span> })}
            </th>
            <td title=kind_terms>{kind}</td>
            <td class="num">{groups}</td>
        </tr>
    }
}
