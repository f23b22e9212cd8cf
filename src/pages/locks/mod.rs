//! `/owners/:owner/locks`: the owner's bound locks, and the worklist of those a lock group
//! change still waits for ("Waiting for sync"). Search, sort, page and the worklist live in
//! the URL (see `logic::locks_list`). The plain list is one request per view; the worklist
//! reads every lock matching the search (the API cannot filter on memberships).

mod table;

use leptos::prelude::*;
use wire::BoundLock;

use crate::api::locks;
use crate::api::paging::{all_pages, every_page};
use crate::components::bulk::{ExportButton, ExportJob};
use crate::components::loaded::Loaded;
use crate::components::owner_switcher::owner_name;
use crate::components::url_list::{Answer, ListSearch, UrlList};
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::limits::WORKLIST;
use crate::logic::list_params::Rows;
use crate::logic::locks_list::LocksParams;
use crate::logic::routes;
use crate::logic::url_state::UrlState;

use table::LockTable;

/// A loaded page of the list, with the view it answers.
#[derive(Clone)]
pub struct LockRows {
    params: LocksParams,
    rows: Vec<BoundLock>,
    more: bool,
    /// Worklist only: how many locks wait in all, and whether the owner has more locks
    /// than the worklist reads.
    waiting: Option<(usize, bool)>,
}

impl Answer<LocksParams> for LockRows {
    fn view(&self) -> &LocksParams {
        &self.params
    }
}

/// The list's loader: the URL's view and its request(s).
pub type LocksData = UrlList<LocksParams, LockRows>;

impl LocksData {
    pub fn load() -> Self {
        UrlList::new(
            routes::locks,
            |api, owner, params: LocksParams| async move {
                if params.waiting {
                    let all = all_pages(
                        WORKLIST,
                        async |page| locks::list(&api, &owner, &params.worklist_query(page)).await,
                        every_page,
                    )
                    .await?;
                    let (rows, more, total) = params.worklist_page(all.rows);
                    Ok(LockRows {
                        params,
                        rows,
                        more,
                        waiting: Some((total, all.cut)),
                    })
                } else {
                    let Rows { rows, more } = Rows::split(
                        locks::list(&api, &owner, &params.api_query()).await?,
                        params.size,
                    );
                    Ok(LockRows {
                        params,
                        rows,
                        more,
                        waiting: None,
                    })
                }
            },
        )
    }
}

#[component]
pub fn LocksPage(data: LocksData) -> impl IntoView {
    let busy = data.busy();
    let i18n = use_i18n();
    let UrlList {
        owner,
        params,
        go,
        rows: locks,
    } = data;
    // Two views of the locks, each a URL (Back, new tab); the current one is marked by
    // "✓" and bold text, not by colour alone.
    let choice = move |waiting: bool| {
        let href = move || {
            let next = params.get().with_waiting(waiting);
            format!("{}{}", routes::locks(&owner.get()), next.to_url_query())
        };
        let current = move || params.read().waiting == waiting;
        let name = move || {
            if waiting {
                t_string!(i18n, locks.waiting)
            } else {
                t_string!(i18n, locks.all)
            }
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
            <h1>{t!(i18n, locks.heading)}</h1>
            <div class="toolbar">
                <ExportButton job=export_job/>
            </div>
        </div>
        <div class="segmented" role="group" aria-label=move || t_string!(i18n, locks.which)>
            {choice(false)}
            {choice(true)}
        </div>
        <ListSearch id="lock-search" list=data busy/>
        <Loaded
            resource=locks
            what=move || t_string!(i18n, locks.load_failed)
            fallback=move || view! { <p role="status">{t!(i18n, locks.loading)}</p> }
            let:shown
        >
            <LockTable shown params owner busy go/>
        </Loaded>
    }
}
