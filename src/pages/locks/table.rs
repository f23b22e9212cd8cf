//! The table of the locks list: one row per lock, its sync state, sortable by title and
//! last sync, with the pager.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::relative_time::relative_time;
use crate::components::timestamp::now_ms;
use crate::components::url_list::ListPager;
use crate::logic::locks_list::{
    lock_type, lock_type_terms, pending, waiting_caption, LockSort, LocksParams, Seen,
};
use crate::logic::routes;

use super::*;

#[component]
pub(super) fn LockTable(
    shown: LockRows,
    params: Memo<LocksParams>,
    owner: Memo<String>,
    busy: Memo<bool>,
    go: Callback<(LocksParams, bool)>,
) -> impl IntoView {
    let LockRows {
        params: p,
        rows,
        more,
        waiting,
    } = shown;
    let search = p.search.trim().to_string();
    let matching = if search.is_empty() {
        String::new()
    } else {
        format!(" matching “{search}”")
    };
    let order = match (p.sort, p.descending) {
        (LockSort::Title, false) => "by title A to Z",
        (LockSort::Title, true) => "by title Z to A",
        (LockSort::LastSync, false) => "by last sync, oldest first",
        (LockSort::LastSync, true) => "by last sync, newest first",
    };
    let rows_label = crate::logic::list_params::ListParams {
        page: p.page,
        size: p.size,
        ..Default::default()
    }
    .rows_label(rows.len());
    let caption = match waiting {
        Some((total, _)) => format!(
            "{}{matching}, sorted {order}. {rows_label}.",
            waiting_caption(total)
        ),
        None => format!("Locks{matching}, sorted {order}. {rows_label}."),
    };
    let cut = waiting.is_some_and(|(_, cut)| cut).then(|| {
        view! {
            <p class="callout" role="note">
                "This owner has more locks than the worklist reads at once (20,000): search by title to narrow it."
            </p>
        }
    });
    let empty = rows.is_empty().then(|| {
        let text = match (waiting.is_some(), search.is_empty()) {
            (true, true) => "Every lock has synced its latest group change: nothing waits.",
            (true, false) => "No lock matching this search waits for a sync.",
            (false, true) => "This owner account has no bound locks.",
            (false, false) => "No lock matches this search.",
        };
        view! { <p class="empty">{text}</p> }
    });
    let sort_head = move |sort: LockSort, label: &'static str| {
        let on = p.sort == sort;
        let aria = on.then_some(if p.descending {
            "descending"
        } else {
            "ascending"
        });
        let arrow = if on {
            if p.descending {
                " ▼"
            } else {
                " ▲"
            }
        } else {
            ""
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button
                    type="button"
                    class="sort"
                    on:click=move |_| go.run((params.get_untracked().with_sort(sort), false))
                >
                    {label}
                    <span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let now = now_ms();
    let owner_id = owner.get_untracked();
    let page = p.page;
    let size = p.size;
    view! {
        {cut}
        <div class="table-wrap">
        <table class="data" aria-busy=move || busy.get().to_string()>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    {sort_head(LockSort::Title, "Title")}
                    <th scope="col">"Lock type"</th>
                    // The group pages' words; the API's states in the tooltips.
                    <th scope="col" class="num" title="Groups this lock is in (Joined)">"Active"</th>
                    <th scope="col" class="num" title="Groups this lock joins at its next sync (JoinPending)">"Joining"</th>
                    <th scope="col" class="num" title="Groups this lock leaves at its next sync (UnjoinPending)">"Leaving"</th>
                    <th scope="col" title="Whether the lock has its own latest configuration (RCL)">"Configuration"</th>
                    {sort_head(LockSort::LastSync, "Last sync")}
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|l| {
                        let c = pending(&l);
                        let seen = Seen::of(&l);
                        let href = routes::lock(&owner_id, &l.id);
                        let kind = lock_type(&l);
                        let terms = lock_type_terms(&l);
                        view! {
                            <tr class:waiting=c.any()>
                                <th scope="row"><A href=href>{l.title}</A></th>
                                <td data-label="Lock type" title=terms>{kind}</td>
                                <td class="num" data-label="Active">{c.joined}</td>
                                <td class="num" data-label="Joining">{c.joins}</td>
                                <td class="num" data-label="Leaving">{c.leaves}</td>
                                <td data-label="Configuration" title=seen.api_terms()>{seen.text()}</td>
                                <td data-label="Last sync">
                                    {relative_time(l.last_seen_rcl_update_date.as_deref(), now, "Never")}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
        {empty}
        <ListPager params go page size more/>
    }
}
