//! `/owners/:owner/locks`: the owner's bound locks, and the worklist of those a lock group
//! change still waits for ("Waiting for sync"). Search, sort, page and the worklist live in
//! the URL (see `logic::locks_list`). The plain list is one request per view; the worklist
//! reads every lock matching the search (the API cannot filter on memberships).

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};
use wire::BoundLock;

use crate::api::paging::{all_pages, every_page};
use crate::api::{locks, use_api, ApiError};
use crate::components::bulk::{ExportButton, ExportJob};
use crate::components::loaded::Loaded;
use crate::components::owner_switcher::owner_name;
use crate::components::relative_time::relative_time;
use crate::components::search_box::use_search_box;
use crate::components::timestamp::now_ms;
use crate::components::url_state::use_url_state;
use crate::logic::limits::WORKLIST;
use crate::logic::list_params::{split_page, PAGE_SIZES};
use crate::logic::locks_list::{lock_type, pending, waiting_caption, LockSort, LocksParams, Seen};
use crate::logic::routes;
use crate::logic::url_state::UrlState;

/// A loaded page of the list, with the view it answers.
#[derive(Clone)]
pub struct Shown {
    params: LocksParams,
    rows: Vec<BoundLock>,
    more: bool,
    /// Worklist only: how many locks wait in all, and whether the owner has more locks
    /// than the worklist reads.
    waiting: Option<(usize, bool)>,
}

/// The list's loader: the URL's view and its request(s), started in the main module as
/// soon as the route matches (see `pages::routes`).
#[derive(Clone, Copy)]
pub struct LocksData {
    owner: Memo<String>,
    params: Memo<LocksParams>,
    go: Callback<(LocksParams, bool)>,
    locks: LocalResource<Result<Shown, ApiError>>,
}

impl LocksData {
    pub fn load() -> Self {
        let api = use_api();
        let params_map = use_params_map();
        let owner = Memo::new(move |_| params_map.read().get("owner").unwrap_or_default());
        let (params, go) =
            use_url_state::<LocksParams>(move || routes::locks(&owner.get_untracked()));
        let locks = LocalResource::new(move || {
            let (api, owner, params) = (api.clone(), owner.get(), params.get());
            async move {
                if params.waiting {
                    let all = all_pages(
                        WORKLIST,
                        async |page| locks::list(&api, &owner, &params.worklist_query(page)).await,
                        every_page,
                    )
                    .await?;
                    let (rows, more, total) = params.worklist_page(all.rows);
                    Ok(Shown {
                        params,
                        rows,
                        more,
                        waiting: Some((total, all.cut)),
                    })
                } else {
                    let (rows, more) = split_page(
                        locks::list(&api, &owner, &params.api_query()).await?,
                        params.size,
                    );
                    Ok(Shown {
                        params,
                        rows,
                        more,
                        waiting: None,
                    })
                }
            }
        });
        LocksData {
            owner,
            params,
            go,
            locks,
        }
    }
}

#[component]
pub fn LocksPage(data: LocksData) -> impl IntoView {
    let LocksData {
        owner,
        params,
        go,
        locks,
    } = data;
    let busy = Memo::new(move |_| {
        let wanted = params.get();
        locks.get().and_then(|r| r.ok()).map(|s| s.params) != Some(wanted)
    });
    let (search_value, on_search) = use_search_box(
        move || params.read().search.clone(),
        move |text| go.run((params.get_untracked().with_search(text), true)),
    );
    // Two views of the locks, each a URL (Back, new tab); the current one is marked by
    // "✓" and bold text, not by colour alone.
    let choice = move |waiting: bool| {
        let href = move || {
            let next = params.get().with_waiting(waiting);
            format!("{}{}", routes::locks(&owner.get()), next.to_url_query())
        };
        let current = move || params.read().waiting == waiting;
        let name = if waiting {
            "Waiting for sync"
        } else {
            "All locks"
        };
        view! {
            <a href=href aria-current=move || current().then_some("true")>
                <span class="mark" aria-hidden="true">{move || if current() { "✓" } else { "" }}</span>
                {name}
            </a>
        }
    };

    // "Export CSV": every lock of this view (the worklist's too), in its order.
    let owner_name = owner_name(owner);
    let export_job = Callback::new(move |()| ExportJob::Locks {
        owner: owner.get_untracked(),
        owner_name: owner_name.get_untracked(),
        params: params.get_untracked(),
    });

    view! {
        <div class="page-head">
            <h1>"Locks"</h1>
            <div class="toolbar">
                <ExportButton job=export_job/>
            </div>
        </div>
        <div class="segmented" role="group" aria-label="Which locks">
            {choice(false)}
            {choice(true)}
        </div>
        <div class="toolbar" role="search">
            <label for="lock-search">"Search by title"</label>
            <input
                id="lock-search"
                type="search"
                autocomplete="off"
                prop:value=search_value
                on:input=on_search
            />
            <span class="busy" role="status">{move || busy.get().then_some("Loading…")}</span>
        </div>
        <Loaded
            resource=locks
            what="The locks could not be loaded"
            fallback=|| view! { <p role="status">"Loading the locks…"</p> }
            let:shown
        >
            <LockTable shown params owner busy go/>
        </Loaded>
    }
}

#[component]
fn LockTable(
    shown: Shown,
    params: Memo<LocksParams>,
    owner: Memo<String>,
    busy: Memo<bool>,
    go: Callback<(LocksParams, bool)>,
) -> impl IntoView {
    let Shown {
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
    let to_page = move |n: u64| go.run((params.get_untracked().with_page(n), false));
    let on_size = move |ev: leptos::ev::Event| {
        if let Ok(size) = event_target_value(&ev).parse() {
            go.run((params.get_untracked().with_size(size), false));
        }
    };
    view! {
        {cut}
        <div class="table-wrap">
        <table class="data" aria-busy=move || busy.get().to_string()>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    {sort_head(LockSort::Title, "Title")}
                    <th scope="col">"Lock type"</th>
                    <th scope="col" class="num">"Groups joined"</th>
                    <th scope="col" class="num">"Joins pending"</th>
                    <th scope="col" class="num">"Leaves pending"</th>
                    <th scope="col">"Own configuration"</th>
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
                        view! {
                            <tr class:waiting=c.any()>
                                <th scope="row"><A href=href>{l.title}</A></th>
                                <td data-label="Lock type">{kind}</td>
                                <td class="num" data-label="Groups joined">{c.joined}</td>
                                <td class="num" data-label="Joins pending">{c.joins}</td>
                                <td class="num" data-label="Leaves pending">{c.leaves}</td>
                                <td data-label="Own configuration">{seen.text()}</td>
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
        <nav class="pager" aria-label="Pages">
            <button type="button" disabled=page <= 1 on:click=move |_| to_page(page - 1)>
                "Previous page"
            </button>
            <span>"Page " {page}</span>
            <button type="button" disabled=!more on:click=move |_| to_page(page + 1)>
                "Next page"
            </button>
            <label for="lock-page-size">"Rows per page"</label>
            <select id="lock-page-size" on:change=on_size>
                {PAGE_SIZES
                    .iter()
                    .map(|s| view! { <option value=s.to_string() selected=*s == size>{*s}</option> })
                    .collect_view()}
            </select>
        </nav>
    }
}
