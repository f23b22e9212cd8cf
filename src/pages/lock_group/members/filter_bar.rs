//! Above the members table: the state filter and the two toggles (all in the URL), and
//! the toolbar that adds locks and removes the selected ones.

use leptos::prelude::*;
use wire::MembershipState;

use super::selection::{SelectedMembership, Selection};
use crate::components::group_context::use_group;
use crate::components::search_box::use_search_box;
use crate::logic::membership_state::{icon, label, parse_state, MembersQuery};

/// State filter, "past members" and "unbound locks"; each change navigates (`go`).
#[component]
pub fn FilterBar(query: Memo<MembersQuery>, go: Callback<MembersQuery>) -> impl IntoView {
    let ctx = use_group();
    let change = move |f: fn(&mut MembersQuery, bool), on: bool| {
        go.run(query.get_untracked().with(|q| f(q, on)));
    };
    // How many memberships each state has (the group's statistics), beside its name.
    let count = move |s: Option<MembershipState>| {
        ctx.group
            .get()
            .and_then(Result::ok)
            .and_then(|g| g.statistics)
            .map(|st| match s {
                Some(s) => st.count(s),
                None => st.current(),
            })
    };
    let with_count = move |text: &str, n: Option<u64>| match n {
        Some(n) => format!("{text} ({n})"),
        None => text.to_string(),
    };
    let (search_value, on_search) = use_search_box(
        move || query.read().search.clone(),
        move |text| go.run(query.get_untracked().with(|q| q.search = text)),
    );
    view! {
        <div class="filters" role="group" aria-label="Filter members">
            <div class="field inline">
                <label for="member-state">"State"</label>
                <select
                    id="member-state"
                    on:change=move |ev| {
                        let state = parse_state(&event_target_value(&ev));
                        go.run(query.get_untracked().with(|q| q.state = state));
                    }
                >
                    <option value="" selected=move || query.read().state.is_none()>
                        {move || if query.read().past {
                            "All states".to_string()
                        } else {
                            with_count("All current (not Left)", count(None))
                        }}
                    </option>
                    {MembershipState::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.as_str() selected=move || query.read().state == Some(s)>
                                    {icon(s)} " " {move || with_count(label(s), count(Some(s)))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field inline" role="search">
                <label for="member-search">"Search by lock title"</label>
                <input
                    id="member-search"
                    class="narrow"
                    type="search"
                    autocomplete="off"
                    prop:value=search_value
                    on:input=on_search
                />
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || query.read().past
                    on:change=move |ev| change(|q, on| q.past = on, event_target_checked(&ev))
                />
                "Show past members (Left)"
            </label>
            <label class="check" title="Unbound locks were taken out of this locking system; they stay listed only when this is on.">
                <input
                    type="checkbox"
                    aria-describedby="unbound-hint"
                    prop:checked=move || query.read().unbound
                    on:change=move |ev| change(|q, on| q.unbound = on, event_target_checked(&ev))
                />
                "Include unbound locks"
            </label>
            // Said to screen readers with the box, and shown on hover: a visible line would
            // cost the table a row at 1366×900.
            <span id="unbound-hint" class="visually-hidden">
                "Unbound locks were taken out of this locking system; they stay listed only when this is on."
            </span>
        </div>
    }
}

/// "Add locks" and "Remove selected", for a group that can still change.
#[component]
pub fn Toolbar(
    editable: Memo<bool>,
    selection: Selection,
    picker_open: RwSignal<bool>,
    ask_remove: Callback<Vec<SelectedMembership>>,
) -> impl IntoView {
    view! {
        <Show when=move || editable.get()>
            <div class="toolbar">
                <button type="button" class="primary" on:click=move |_| picker_open.set(true)>
                    "Add locks"
                </button>
                <button
                    type="button"
                    disabled=move || selection.is_empty()
                    on:click=move |_| ask_remove.run(selection.get_untracked())
                >
                    {move || match selection.len() {
                        0 => "Remove selected locks from group".to_string(),
                        1 => "Remove 1 selected lock from group".to_string(),
                        n => format!("Remove {n} selected locks from group"),
                    }}
                </button>
            </div>
        </Show>
    }
}
