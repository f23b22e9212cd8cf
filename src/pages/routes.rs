//! The routes whose views are loaded on demand. Each page's view is a split point: the
//! build (`tools/split_wasm`, a Trunk hook) cuts the wasm there, so a cold load fetches
//! the main module (shell, router, API client, the loaders) and only the current page's
//! code, in parallel (the start script preloads it by path).
//!
//! A route's `data()` is its loader: it runs in the main module as soon as the route
//! matches, so the page's request starts while its code downloads. Its `view()` awaits
//! the page's code; if that fails, the page says so and shows itself once the code
//! downloads, when the browser is back online, without a reload (the split points are
//! `fallible`: a failed load is an `Err`, not a wasm abort, and is tried again).
//!
//! Each route's split points are named in the route table, src/pages/routes.json (a split
//! point of a route missing from it does not compile), where the build reads what a cold
//! load of each path preloads.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::components::bulk;
use crate::components::page_code::{self, split_point, CodeMissing};
use crate::components::prefetch::Preload;
use crate::components::{delete_group_dialog, group_form_dialog};
use crate::pages::lock::{LockData, LockPage};
use crate::pages::lock_group::grants::grant_form;
use crate::pages::lock_group::members::add_locks;
use crate::pages::lock_group::{
    diagram::DiagramTab, grants::GrantsTab, history::HistoryTab, members::MembersTab,
    overview::OverviewTab, GroupData, LockGroupPage,
};
use crate::pages::lock_groups::{LockGroupsData, LockGroupsPage};
use crate::pages::locks::{LocksData, LocksPage};
use crate::pages::people::{PeopleData, PeoplePage};
use crate::pages::person::{PersonData, PersonPage};
use crate::pages::settings::SettingsPage;

/// Declares a route whose view is the split point `$split`, with its loader's data type.
macro_rules! lazy_route {
    ($route:ident, $data:ty, $load:expr, $split:ident, $preload:ident, |$d:ident| $view:expr) => {
        pub struct $route($data);

        impl LazyRoute for $route {
            fn data() -> Self {
                $route($load)
            }

            async fn view(this: Self) -> AnyView {
                let data = this.0;
                page_code::route_view(
                    || Box::pin($preload()) as page_code::Boxed<_>,
                    Box::new(move || Box::pin($split(data)) as page_code::Boxed<_>),
                    next_dialogs,
                    all_pages,
                )
                .await
            }

            async fn preload() {
                // A failure shows in `view`, which tries again.
                let _ = $preload().await;
            }
        }

        const _: () = crate::pages::route_table::splits::$split;

        split_point! {
            $split, $preload,
            fn $split($d: $data) -> Result<AnyView, CodeMissing> {
                Ok($view.into_any())
            }
        }
    };
}

lazy_route!(
    LockGroupsRoute,
    LockGroupsData,
    LockGroupsData::load(),
    lock_groups_page,
    preload_lock_groups_page,
    |data| view! { <LockGroupsPage data/> }
);
lazy_route!(
    LockGroupRoute,
    GroupData,
    GroupData::load(),
    lock_group_page,
    preload_lock_group_page,
    |data| view! { <LockGroupPage data/> }
);
lazy_route!(
    OverviewRoute,
    (),
    (),
    overview_tab,
    preload_overview_tab,
    |data| view! { <OverviewTab/> }
);
lazy_route!(
    MembersRoute,
    (),
    (),
    members_tab,
    preload_members_tab,
    |data| view! { <MembersTab/> }
);
lazy_route!(
    GrantsRoute,
    (),
    (),
    grants_tab,
    preload_grants_tab,
    |data| view! { <GrantsTab/> }
);
lazy_route!(
    DiagramRoute,
    (),
    (),
    diagram_tab,
    preload_diagram_tab,
    |data| view! { <DiagramTab/> }
);
// The locks pages load their data in their own code, not in the main module: every first
// screen would pay for their loaders (measured: 13 KB of gzip), for pages opened less often.
lazy_route!(LocksRoute, (), (), locks_page, preload_locks_page, |data| {
    let data = LocksData::load();
    view! { <LocksPage data/> }
});
lazy_route!(LockRoute, (), (), lock_page, preload_lock_page, |data| {
    let data = LockData::load();
    view! { <LockPage data/> }
});
// The people pages too: their loaders run inside their own code.
lazy_route!(
    PeopleRoute,
    (),
    (),
    people_page,
    preload_people_page,
    |data| {
        let data = PeopleData::load();
        view! { <PeoplePage data/> }
    }
);
lazy_route!(
    PersonRoute,
    (),
    (),
    person_page,
    preload_person_page,
    |data| {
        let data = PersonData::load();
        view! { <PersonPage data/> }
    }
);
lazy_route!(
    HistoryRoute,
    (),
    (),
    history_tab,
    preload_history_tab,
    |data| view! { <HistoryTab/> }
);
lazy_route!(
    SettingsRoute,
    (),
    (),
    settings_page,
    preload_settings_page,
    |data| view! { <SettingsPage/> }
);

/// The dialogs an admin most likely opens next (create and edit share one piece), loaded
/// as soon as the first page is on screen.
fn next_dialogs() -> Vec<Preload> {
    vec![
        Box::pin(group_form_dialog::preload()),
        Box::pin(add_locks::preload()),
        Box::pin(grant_form::preload()),
    ]
}

/// Every page's and dialog's code, in the order an admin is likely to need it.
fn all_pages() -> Vec<Preload> {
    fn quiet<E>(load: impl Future<Output = Result<(), E>> + 'static) -> Preload {
        Box::pin(async move {
            let _ = load.await;
        })
    }
    vec![
        quiet(preload_lock_groups_page()),
        quiet(preload_lock_group_page()),
        quiet(preload_overview_tab()),
        quiet(preload_members_tab()),
        quiet(preload_grants_tab()),
        quiet(preload_diagram_tab()),
        quiet(preload_history_tab()),
        quiet(preload_locks_page()),
        quiet(preload_lock_page()),
        quiet(preload_people_page()),
        quiet(preload_person_page()),
        quiet(preload_settings_page()),
        Box::pin(group_form_dialog::preload()),
        Box::pin(delete_group_dialog::preload()),
        Box::pin(add_locks::preload()),
        Box::pin(grant_form::preload()),
        Box::pin(bulk::preload()),
    ]
}
