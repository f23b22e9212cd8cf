//! Above the members table: the state filter (Current · Joining · Active · Leaving ·
//! Waiting for sync · Left · All, each with its count), the title search and the unbound
//! locks' box (all in the URL), and the toolbar that adds locks and removes the selected
//! ones.

use leptos::prelude::*;

use super::selection::{SelectedMembership, Selection};
use crate::components::bulk::{ExportButton, ExportJob};
use crate::components::group_context::use_group;
use crate::components::search_box::use_search_box;
use crate::i18n::{t, t_string, use_i18n, words};
use crate::logic::membership_state::{state_choices, MembersQuery};
use crate::logic::routes::GroupTab;
use crate::logic::url_state::UrlState;
use crate::pages::lock_group::words as phrase;

/// The state filter, one control: a bar of links, one per choice, each with its count from the
/// group's statistics. The one shown now is `aria-current` and marked with "✓" and bold
/// text (never colour alone). Links, because each choice is a URL (Back, new tab).
#[component]
pub fn StateBar(query: Memo<MembersQuery>) -> impl IntoView {
    let ctx = use_group();
    let i18n = use_i18n();
    let choices = Memo::new(move |_| {
        let stats = ctx
            .group
            .get()
            .and_then(Result::ok)
            .and_then(|g| g.statistics);
        state_choices(&query.get(), stats.as_ref())
    });
    let base = move || GroupTab::Members.path(&ctx.owner.get(), &ctx.id.get());
    // Seven fixed choices: one link each, its text and target following the memo.
    let link = move |i: usize| {
        let choice = move || choices.read()[i].clone();
        view! {
            <a
                href=move || format!("{}{}", base(), choice().query.to_url_query())
                aria-current=move || choice().selected.then_some("true")
                title=move || phrase::which_hint(i18n, choice().which)
            >
                <span class="mark" aria-hidden="true">
                    {move || if choice().selected { "✓" } else { "" }}
                </span>
                // One flex item for the name and its spoken rest, so "All" is spaced from
                // its count as every other choice is.
                <span>
                    {move || phrase::which(i18n, choice().which)}
                    {move || (i == 6).then(|| view! {
                        <span class="visually-hidden">{t!(i18n, members.filter.including_left)}</span>
                    })}
                </span>
                {move || choice().count.map(|n| view! { " " <span class="count">{words::number(i18n, n)}</span> })}
            </a>
        }
    };
    view! {
        <div class="segmented" role="group" aria-label=move || t_string!(i18n, members.filter.by_state)>
            {(0..7).map(link).collect_view()}
        </div>
    }
}

/// The title search and "unbound locks"; each change navigates (`go`).
#[component]
pub fn FilterBar(query: Memo<MembersQuery>, go: Callback<MembersQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let unbound_hint = move || t_string!(i18n, members.filter.unbound_hint);
    let change = move |f: fn(&mut MembersQuery, bool), on: bool| {
        go.run(query.get_untracked().with(|q| f(q, on)));
    };
    let (search_value, on_search) = use_search_box(
        move || query.read().search.clone(),
        move |text| go.run(query.get_untracked().with(|q| q.search = text)),
    );
    view! {
        <div class="filters" role="group" aria-label=move || t_string!(i18n, members.filter.members)>
            <div class="field inline" role="search">
                <label for="member-search">{t!(i18n, members.filter.search)}</label>
                <input
                    id="member-search"
                    class="narrow"
                    type="search"
                    autocomplete="off"
                    prop:value=search_value
                    on:input=on_search
                />
            </div>
            <label class="check" title=unbound_hint>
                <input
                    type="checkbox"
                    aria-describedby="unbound-hint"
                    prop:checked=move || query.read().unbound
                    on:change=move |ev| change(|q, on| q.unbound = on, event_target_checked(&ev))
                />
                {t!(i18n, members.filter.unbound)}
            </label>
            // Said to screen readers with the box, and shown on hover: a visible line would
            // cost the table a row at 1366×900.
            <span id="unbound-hint" class="visually-hidden">{unbound_hint}</span>
        </div>
    }
}

/// "Filters (n)": shown on a phone only (CSS), where it folds the state filter, the search
/// and the box away until asked for; `n` counts the filters set.
#[component]
pub fn FiltersToggle(query: Memo<MembersQuery>, open: RwSignal<bool>) -> impl IntoView {
    let set = move || {
        let q = query.read();
        usize::from(q.state.is_some() || q.waiting || q.past)
            + usize::from(!q.search.trim().is_empty())
            + usize::from(q.unbound)
    };
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="filters-toggle"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {move || match set() {
                0 => t_string!(i18n, members.filter.toggle).to_string(),
                n => t_string!(i18n, members.filter.toggle_count, count = n).to_string(),
            }}
        </button>
    }
}

/// "Add locks", "Import locks" and "Remove selected", for a group that can still change;
/// "Export CSV" (the memberships as filtered now) always.
#[component]
pub fn Toolbar(
    editable: Memo<bool>,
    selection: Selection,
    picker_open: RwSignal<bool>,
    ask_remove: Callback<Vec<SelectedMembership>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="toolbar">
        <Show when=move || editable.get()>
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| picker_open.set(true)
                >
                    {t!(i18n, members.toolbar.add)}
                </button>
                <button
                    type="button"
                    disabled=move || selection.is_empty()
                    on:click=move |_| ask_remove.run(selection.get_untracked())
                >
                    {move || match selection.len() {
                        0 => t_string!(i18n, members.toolbar.remove_none).to_string(),
                        n if words::is_one(i18n, n as u64) => {
                            t_string!(i18n, members.toolbar.remove.one, count = n).to_string()
                        }
                        n => t_string!(i18n, members.toolbar.remove.other, count = n).to_string(),
                    }}
                </button>
        </Show>
        </div>
    }
}

/// The bulk work on the list: "Import locks" (for a group that can still change) and
/// "Export CSV", at the end of the filters' line, so the state bar and the actions keep
/// one line at 1366 px.
#[component]
pub fn ListTools(
    editable: Memo<bool>,
    import_open: RwSignal<bool>,
    query: Memo<MembersQuery>,
) -> impl IntoView {
    let ctx = use_group();
    let job = Callback::new(move |()| ExportJob::Members {
        owner: ctx.owner.get_untracked(),
        group: ctx.id.get_untracked(),
        group_title: ctx.title_or_id(),
        query: query.get_untracked(),
    });
    let i18n = use_i18n();
    view! {
        <div class="toolbar list-tools">
            <Show when=move || editable.get()>
                <button type="button" on:click=move |_| import_open.set(true)>
                    {t!(i18n, members.toolbar.import)}
                </button>
            </Show>
            <ExportButton job/>
        </div>
    }
}
