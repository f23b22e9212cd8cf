//! The table of the lock group list (and its skeleton on first load): one row per group,
//! its members by state (each a link to the filtered Members tab), sortable by title, with
//! the pager.

use leptos::prelude::*;
use leptos_router::components::A;
use wire::LockGroup;

use crate::components::url_list::ListPager;
use crate::logic::list_params::ListParams;
use crate::logic::routes;

use super::*;

#[component]
pub(super) fn GroupTable(
    rows: Vec<LockGroup>,
    more: bool,
    /// The view these rows answer.
    shown: ListParams,
    /// The view the URL asks for now (what sorting and paging start from).
    params: Memo<ListParams>,
    owner: Memo<String>,
    busy: Memo<bool>,
    go: Callback<(ListParams, bool)>,
) -> impl IntoView {
    let p = shown.clone();
    let shown = rows.len();
    let descending = p.descending;
    let caption = format!(
        "Lock groups{}, sorted by title {}. {}.",
        if p.search.trim().is_empty() {
            String::new()
        } else {
            format!(" matching “{}”", p.search.trim())
        },
        if descending { "Z to A" } else { "A to Z" },
        p.rows_label(shown)
    );
    let sort = move |_| go.run((params.get_untracked().with_descending(!descending), false));
    let page = p.page;
    let size = p.size;
    let no_match = rows.is_empty().then(|| {
        view! { <p class="empty">"No lock groups match this search."</p> }
    });

    view! {
        <div class="table-wrap">
        <table class="data" aria-busy=move || busy.get().to_string()>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col" aria-sort=if descending { "descending" } else { "ascending" }>
                        <button type="button" class="sort" on:click=sort>
                            "Title"
                            <span aria-hidden="true">{if descending { " ▼" } else { " ▲" }}</span>
                            <span class="visually-hidden">
                                {if descending { ", sort A to Z" } else { ", sort Z to A" }}
                            </span>
                        </button>
                    </th>
                    <th scope="col">"Description"</th>
                    {COUNTED.map(|s| view! { <th scope="col" class="num">{s.label()}</th> })}
                    <th scope="col">"Time restrictions"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|g| {
                        let href = routes::lock_group(&owner.get_untracked(), &g.id);
                        let time = g
                            .supported_features
                            .as_ref()
                            .map_or("Unknown", |f| f.time_restriction_ical_support.label());
                        // Each count opens the group's members in that state.
                        let owner = owner.get_untracked();
                        let counts = COUNTED.map(|state| {
                            let n = g.count(state);
                            let href = members_in(&owner, &g.id, state);
                            let name = format!("{n} {} in {}", state.label(), g.title);
                            view! {
                                <td class="num" data-label=state.label()>
                                    <A href=href attr:aria-label=name>{n}</A>
                                </td>
                            }
                        });
                        view! {
                            <tr>
                                <td><A href=href>{g.title}</A></td>
                                <td data-label="Description">{g.description.unwrap_or_default()}</td>
                                {counts}
                                <td data-label="Time restrictions">{time}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
        {no_match}
        <ListPager params go page size more/>
    }
}

/// First load: the table's shape, without data.
#[component]
pub(super) fn SkeletonTable() -> impl IntoView {
    view! {
        <table class="data skeleton" aria-busy="true">
            <caption>"Lock groups (loading)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Title"</th>
                    <th scope="col">"Description"</th>
                    {COUNTED.map(|s| view! { <th scope="col" class="num">{s.label()}</th> })}
                    <th scope="col">"Time restrictions"</th>
                </tr>
            </thead>
            <tbody>
                {(0..5)
                    .map(|_| view! {
                        <tr aria-hidden="true">
                            {(0..6).map(|_| view! { <td><span class="bone"></span></td> }).collect_view()}
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
