//! `/owners/:owner/lock-groups`: the owner's lock groups, searchable, sortable, paged.
//! The view state lives in the URL query (see `logic::list_params`). One request per
//! view; Leptos drops the answer of a request superseded by a newer one, and
//! `Transition` keeps the old rows on screen while the next page loads.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params_map};
use wire::{LockGroup, MembershipState};

use crate::api::{lock_groups, use_api, ApiError};
use crate::components::bulk::{ExportButton, ExportJob};
use crate::components::group_form_dialog::CreateGroupDialog;
use crate::components::loaded::Loaded;
use crate::components::owner_switcher::owner_name;
use crate::components::search_box::use_search_box;
use crate::components::url_state::use_url_state;
use crate::logic::list_params::{split_page, ListParams, PAGE_SIZES};
use crate::logic::membership_state::MembersQuery;
use crate::logic::routes;
use crate::logic::url_state::UrlState;

use crate::components::bulk::ImportGroups;

/// The states the list counts, in lifecycle order: a group's current members.
const COUNTED: [MembershipState; 3] = [
    MembershipState::Joined,
    MembershipState::JoinPending,
    MembershipState::UnjoinPending,
];

/// The Members tab of a group, filtered to one state.
fn members_in(owner: &str, id: &str, state: MembershipState) -> String {
    let query = MembersQuery {
        state: Some(state),
        ..Default::default()
    };
    format!(
        "{}{}",
        routes::GroupTab::Members.path(owner, id),
        query.to_url_query()
    )
}

/// The list's loader: the URL's view of the list and its request. It runs in the main
/// module as soon as the route matches, so the rows load while the page's own code
/// downloads (see `pages::routes`).
#[derive(Clone, Copy)]
pub struct ListData {
    owner: Memo<String>,
    params: Memo<ListParams>,
    go: Callback<(ListParams, bool)>,
    groups: LocalResource<Result<Shown, ApiError>>,
}

impl ListData {
    pub fn load() -> Self {
        let api = use_api();
        let params_map = use_params_map();
        let owner = Memo::new(move |_| params_map.read().get("owner").unwrap_or_default());
        // Moves to another view of the list. Typing replaces the history entry; paging and
        // sorting push one, so the back button walks back through them.
        let (params, go) =
            use_url_state::<ListParams>(move || routes::lock_groups(&owner.get_untracked()));
        // Each answer carries the view it was asked for, so the page knows when what it
        // shows is not yet what the URL asks for.
        let groups = LocalResource::new(move || {
            let (api, owner, params) = (api.clone(), owner.get(), params.get());
            async move {
                let rows = lock_groups::list(&api, &owner, &params.api_query()).await?;
                Ok(Shown {
                    page: split_page(rows, params.size),
                    params,
                })
            }
        });
        ListData {
            owner,
            params,
            go,
            groups,
        }
    }
}

#[component]
pub fn LockGroupsPage(data: ListData) -> impl IntoView {
    let ListData {
        owner,
        params,
        go,
        groups,
    } = data;
    // True while a view loads, first load included (the old rows stay on screen).
    let busy = Memo::new(move |_| {
        let wanted = params.get();
        groups.get().and_then(|r| r.ok()).map(|shown| shown.params) != Some(wanted)
    });

    // Typing replaces the history entry (the search box is one step of history).
    let (search_value, on_search) = use_search_box(
        move || params.read().search.clone(),
        move |text| go.run((params.get_untracked().with_search(text), true)),
    );

    let create_open = RwSignal::new(false);
    let import_open = RwSignal::new(false);
    let owner_name = owner_name(owner);
    // "Export CSV": every group matching the search, in the list's order.
    let export_job = Callback::new(move |()| ExportJob::Groups {
        owner: owner.get_untracked(),
        owner_name: owner_name.get_untracked(),
        params: params.get_untracked(),
    });

    view! {
        <div class="page-head">
            <h1>"Lock groups"</h1>
            <div class="toolbar">
                <button type="button" class="primary" on:click=move |_| create_open.set(true)>
                    "New lock group"
                </button>
                <button type="button" on:click=move |_| import_open.set(true)>
                    "Import groups"
                </button>
                <ExportButton job=export_job/>
            </div>
        </div>
        <div class="toolbar" role="search">
            <label for="group-search">"Search by title"</label>
            <input
                id="group-search"
                type="search"
                autocomplete="off"
                prop:value=search_value
                on:input=on_search
            />
            <span class="busy" role="status">{move || busy.get().then_some("Loading…")}</span>
        </div>
        <Loaded
            resource=groups
            what="The lock groups could not be loaded"
            fallback=|| view! { <SkeletonTable/> }
            let:shown
        >
            {
                let Shown { page: (rows, more), params: p } = shown;
                if rows.is_empty() && p.page == 1 && p.search.trim().is_empty() {
                    view! {
                        <div class="empty">
                            <p>"This owner account has no lock groups yet."</p>
                            <button type="button" class="primary" on:click=move |_| create_open.set(true)>
                                "Create the first lock group"
                            </button>
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <GroupTable rows more shown=p params owner busy go/> }.into_any()
                }
            }
        </Loaded>
        <CreateGroupDialog open=create_open owner/>
        <ImportGroups open=import_open owner owner_name reload=Callback::new(move |()| groups.refetch())/>
    }
}

/// A loaded page of the list, with the view it was asked for.
#[derive(Clone)]
pub struct Shown {
    params: ListParams,
    /// The rows, and whether a next page exists.
    page: (Vec<LockGroup>, bool),
}

#[component]
fn GroupTable(
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
    let to_page = move |n: u64| go.run((params.get_untracked().with_page(n), false));
    let on_size = move |ev: leptos::ev::Event| {
        if let Ok(size) = event_target_value(&ev).parse() {
            go.run((params.get_untracked().with_size(size), false));
        }
    };
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
        <nav class="pager" aria-label="Pages">
            <button type="button" disabled=page <= 1 on:click=move |_| to_page(page - 1)>
                "Previous page"
            </button>
            <span>"Page " {page}</span>
            <button type="button" disabled=!more on:click=move |_| to_page(page + 1)>
                "Next page"
            </button>
            <label for="page-size">"Rows per page"</label>
            <select id="page-size" on:change=on_size>
                {PAGE_SIZES
                    .iter()
                    .map(|s| view! { <option value=s.to_string() selected=*s == size>{*s}</option> })
                    .collect_view()}
            </select>
        </nav>
    }
}

/// First load: the table's shape, without data.
#[component]
fn SkeletonTable() -> impl IntoView {
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
