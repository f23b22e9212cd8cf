//! `/owners/:owner/lock-groups`: the owner's lock groups, searchable, sortable, paged.
//! The view state lives in the URL query (see `logic::list_params`). One request per
//! view; Leptos drops the answer of a request superseded by a newer one, and
//! `Transition` keeps the old rows on screen while the next page loads.

mod table;

use leptos::prelude::*;
use wire::{LockGroup, MembershipState};

use crate::api::lock_groups;
use crate::components::bulk::{ExportButton, ExportJob, ImportGroups};
use crate::components::group_form_dialog::CreateGroupDialog;
use crate::components::loaded::Loaded;
use crate::components::owner_switcher::owner_name;
use crate::components::url_list::{Answer, ListSearch, UrlList};
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::list_params::{ListParams, Rows};
use crate::logic::membership_state::MembersQuery;
use crate::logic::routes;
use crate::logic::url_state::UrlState;

use table::{GroupTable, SkeletonTable};

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

/// The list's loader: the URL's view of the list and its request (one per view).
pub type LockGroupsData = UrlList<ListParams, GroupRows>;

impl LockGroupsData {
    pub fn load() -> Self {
        UrlList::new(
            routes::lock_groups,
            |api, owner, params: ListParams| async move {
                let rows = lock_groups::list(&api, &owner, &params.api_query()).await?;
                Ok(GroupRows {
                    page: Rows::split(rows, params.size),
                    params,
                })
            },
        )
    }
}

#[component]
pub fn LockGroupsPage(data: LockGroupsData) -> impl IntoView {
    let busy = data.busy();
    let UrlList {
        owner,
        params,
        go,
        rows: groups,
    } = data;

    let create_open = RwSignal::new(false);
    let import_open = RwSignal::new(false);
    let owner_name = owner_name(owner);
    // "Export CSV": every group matching the search, in the list's order.
    let export_job = Callback::new(move |()| ExportJob::Groups {
        owner: owner.get_untracked(),
        owner_name: owner_name.get_untracked(),
        params: params.get_untracked(),
    });

    let i18n = use_i18n();
    view! {
        <div class="page-head">
            <h1>{t!(i18n, list.heading)}</h1>
            <div class="toolbar">
                <button type="button" class="primary" on:click=move |_| create_open.set(true)>
                    {t!(i18n, list.new)}
                </button>
                <button type="button" on:click=move |_| import_open.set(true)>
                    {t!(i18n, list.import)}
                </button>
                <ExportButton job=export_job/>
            </div>
        </div>
        <ListSearch id="group-search" list=data busy/>
        <Loaded
            resource=groups
            what=move || t_string!(i18n, list.load_failed)
            fallback=|| view! { <SkeletonTable/> }
            let:shown
        >
            {
                let GroupRows { page: Rows { rows, more }, params: p } = shown;
                if rows.is_empty() && p.page == 1 && p.search.trim().is_empty() {
                    view! {
                        <div class="empty">
                            <p>{t!(i18n, list.empty)}</p>
                            <button type="button" class="primary" on:click=move |_| create_open.set(true)>
                                {t!(i18n, list.create_first)}
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
pub struct GroupRows {
    params: ListParams,
    page: Rows<LockGroup>,
}

impl Answer<ListParams> for GroupRows {
    fn view(&self) -> &ListParams {
        &self.params
    }
}
