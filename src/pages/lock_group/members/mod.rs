//! The Members tab: the group's memberships, one line each (lock, state, since when, sync
//! status, a menu of actions; the full timeline on demand), filtered server-side by
//! state (all in the URL); adding and removing locks with per-lock results; (sandbox) simulated syncs.
//! While any membership is pending the tab refreshes itself (see [`self_refresh`]).
//!
//! The tab owns the state and the mutations; each mutation's result is handled in its
//! own future, where it completes. The pieces below only show and ask.

pub mod add_locks;
mod batch;
mod empty;
mod filter_bar;
mod pick_table;
mod pick_tray;
mod remove_dialog;
mod row;
pub mod selection;
mod self_refresh;
mod table;
mod timeline;

use leptos::prelude::*;

use self::add_locks::AddLocks;
use self::batch::batch;
use self::empty::MembersEmpty;
use self::filter_bar::{FilterBar, FiltersToggle, ListTools, StateBar, Toolbar};
use self::remove_dialog::RemoveDialog;
use self::row::RowControls;
use self::selection::{LockRef, SelectedMembership, Selection};
use self::self_refresh::use_self_refresh;
use self::table::{members_skeleton, MembersTable};
use super::waiting_notice::WaitingNotice;
use crate::api::{locks, memberships, use_api, ApiError, Query};
use crate::components::announcer::use_announcer;
use crate::components::bulk::ImportLocks;
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::components::outcomes::Outcomes;
use crate::components::pager::Pager;
use crate::components::url_state::open_from_url;
use crate::config::is_sandbox;
use crate::logic::batch::{summary, Outcome};
use crate::logic::group_overview::ADD_LOCKS;
use crate::logic::list_params::Rows;
use crate::logic::membership_state::{derive, Dates, MembersQuery, LOCK_SEARCH_LIMIT, PAGE_SIZE};
use crate::logic::routes::GroupTab;

pub use self::selection::lock_title;

/// The heading of the results of adding locks (summarised, the successes collapsed).
const ADD_TITLE: &str = "Results of adding locks";

#[component]
pub fn MembersTab() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let announcer = use_announcer();
    let sandbox = is_sandbox();
    let (query, go) = ctx.tab_view::<MembersQuery>(GroupTab::Members);

    let list = ctx.tab_rows(query, |api, owner, id, q| async move {
        // A title search finds the locks first (the API cannot filter memberships by
        // their lock's title); no lock found is an empty page, not a request.
        let locks = match q.lock_filter() {
            None => None,
            Some(f) => {
                let req = Query::new().filter(Some(f)).top(LOCK_SEARCH_LIMIT);
                let found = locks::list(&api, &owner, &req).await?;
                if found.is_empty() {
                    return Ok(Rows::none());
                }
                Some(found.into_iter().map(|l| l.id).collect::<Vec<_>>())
            }
        };
        let mut req = Query::new()
            .filter(q.filter_for(locks.as_deref()))
            .top(PAGE_SIZE + 1)
            .skip(q.skip())
            .expand("boundLock");
        if q.unbound {
            req = req.param("includeUnboundLocks", "true");
        }
        let rows = memberships::list(&api, &owner, &id, &req).await?;
        Ok::<_, ApiError>(Rows::split(rows, PAGE_SIZE))
    });
    let loaded = move || list.get().and_then(Result::ok);

    let group = move || ctx.group.get().and_then(Result::ok);
    let serial = Memo::new(move |_| group().and_then(|g| g.rcl_serial_no));
    let editable = Memo::new(move |_| group().is_some_and(|g| g.active));
    let refresh = move || {
        list.refetch();
        ctx.group.refetch();
    };
    let pending = Memo::new(move |_| {
        loaded().is_some_and(|p| p.rows.iter().any(|m| derive(Dates::of(m)).is_pending()))
    });
    let self_refresh = use_self_refresh(move || list.track(), pending, refresh);

    // Batch results (add, remove, sync), reported where each mutation completes.
    let outcomes = RwSignal::new(Vec::<Outcome>::new());
    let outcomes_title = RwSignal::new(String::new());
    // The verb when the results are summarised with the successes collapsed (adding).
    let outcomes_done = RwSignal::new(String::new());
    let report = move |title: &str, done: &str, out: Vec<Outcome>| {
        let summarised = title == ADD_TITLE;
        announcer.say(format!("{title}: {}", summary(&out, done)));
        _ = outcomes_done.try_set(if summarised {
            done.to_string()
        } else {
            String::new()
        });
        // The tab may be gone by the time a batch completes: then nothing is left to update.
        if outcomes.try_set(out).is_some() {
            return;
        }
        outcomes_title.set(title.to_string());
        self_refresh.restart();
        refresh();
    };

    let filters_open = RwSignal::new(false);
    let selection = Selection::new(query);
    let expanded = RwSignal::new(Vec::<String>::new());
    let to_remove = RwSignal::new(Vec::<SelectedMembership>::new());
    let confirm_open = RwSignal::new(false);
    let picker_open = RwSignal::new(false);
    open_from_url(ADD_LOCKS, picker_open);
    let import_open = RwSignal::new(false);

    let add = batch(
        api.clone(),
        ctx,
        |l: &LockRef| l.title.clone(),
        async |api, owner, gid, l| {
            memberships::create(api, owner, gid, &l.id).await?;
            Ok("added, waiting for the lock to sync".into())
        },
        move |out| {
            picker_open.set(false);
            report(ADD_TITLE, "added", out);
        },
    );
    let remove = batch(
        api.clone(),
        ctx,
        |m: &SelectedMembership| m.title.clone(),
        async |api, owner, gid, m| {
            memberships::delete(api, owner, gid, &m.id).await?;
            Ok("removed, waiting for the lock to sync".into())
        },
        move |out| {
            confirm_open.set(false);
            selection.clear();
            report("Results of removing locks", "removed", out);
        },
    );
    let sync = batch(
        api,
        ctx,
        |l: &LockRef| l.title.clone(),
        async |api, owner, _, l| {
            locks::simulate_sync(api, owner, &l.id).await?;
            Ok("synced: its pending changes are complete".into())
        },
        move |out| report("Result of the simulated sync", "synced", out),
    );

    let ask_remove = Callback::new(move |items: Vec<SelectedMembership>| {
        to_remove.set(items);
        confirm_open.set(true);
    });
    let controls = RowControls {
        selection,
        expanded,
        editable,
        serial,
        sandbox,
        ask_remove,
        sync,
        syncing: sync.pending(),
    };

    view! {
        <WaitingNotice/>
        // One line at 1366 px: the state filter, then the actions; the search and the box
        // below. On a phone the filters fold behind "Filters (n)", so rows show first.
        <div class="members-head" class:folded=move || !filters_open.get()>
            <StateBar query/>
            <Toolbar editable selection picker_open ask_remove/>
            <FiltersToggle query open=filters_open/>
        </div>
        <div class="members-filters" class:folded=move || !filters_open.get()>
            <FilterBar query go/>
            <ListTools editable import_open query/>
        </div>
        {(!sandbox).then(|| view! {
            <p class="note">
                "ℹ Adding or removing a lock completes when the lock is next synced with the Tapkey app."
            </p>
        })}
        <Outcomes title=outcomes_title.into() outcomes done=outcomes_done/>
        <Loaded
            resource=list
            what="The memberships could not be loaded"
            fallback=members_skeleton
            let:page
        >
            {if page.rows.is_empty() {
                view! { <MembersEmpty query editable/> }.into_any()
            } else {
                view! { <MembersTable rows=page.rows controls/> }.into_any()
            }}
        </Loaded>
        <Pager
            label="Members pages"
            page=Signal::derive(move || query.read().page)
            more=Signal::derive(move || loaded().is_some_and(|p| p.more))
            on_page=Callback::new(move |p| go.run(query.get_untracked().with(|q| q.page = p)))
        />
        <AddLocks open=picker_open add/>
        <ImportLocks
            open=import_open
            owner=ctx.owner
            group=ctx.id
            name=Signal::derive(move || ctx.title_or_id())
            reload=Callback::new(move |()| {
                list.refetch();
                ctx.group.refetch();
            })
        />
        <RemoveDialog open=confirm_open items=to_remove remove/>
    }
}
