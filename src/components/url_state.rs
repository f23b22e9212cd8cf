//! A page's view state kept in the URL query ([`UrlState`]): read reactively, and changed
//! by navigating, so reload, bookmarks and the back button restore every view.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::logic::url_state::UrlState;

/// The state in the current URL's query, and a callback moving the page at `path()` to
/// another state: `(next, true)` replaces the history entry (typing in a search box),
/// `(next, false)` pushes one (paging, sorting, filtering), so Back walks through them.
pub fn use_url_state<Q: UrlState>(
    path: impl Fn() -> String + Send + Sync + 'static,
) -> (Memo<Q>, Callback<(Q, bool)>) {
    let query_map = use_query_map();
    let navigate = use_navigate();
    let state = Memo::new(move |_| {
        let map = query_map.read();
        Q::from_params(|k| map.get(k))
    });
    let go = Callback::new(move |(next, replace): (Q, bool)| {
        navigate(
            &format!("{}{}", path(), next.to_url_query()),
            NavigateOptions {
                replace,
                ..Default::default()
            },
        );
    });
    (state, go)
}

/// Opens a tab's dialog when the address asks for it (`?dialog=add-locks`, see
/// [`crate::logic::group_overview::tab_with_dialog`]): the Overview's "Add locks" and
/// "Grant access" lead here. Once the dialog is closed the parameter leaves the address
/// (replaced, not pushed), so Back or a reload does not open it again. Not while the
/// navigation that brought it is under way: a replace then would take that entry's place.
pub fn open_from_url(name: &'static str, open: RwSignal<bool>) {
    use crate::logic::group_overview::{without_param, DIALOG_PARAM};
    let query_map = use_query_map();
    let location = leptos_router::hooks::use_location();
    let navigate = use_navigate();
    // Returns whether the dialog was open, to see it close.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if query_map.read().get(DIALOG_PARAM).as_deref() != Some(name) {
            return is_open;
        }
        match (was_open, is_open) {
            (None, false) => {
                open.set(true);
                return true;
            }
            (Some(true), false) => {
                let rest = without_param(&location.search.get_untracked(), DIALOG_PARAM);
                navigate(
                    &format!("{}{rest}", location.pathname.get_untracked()),
                    NavigateOptions {
                        replace: true,
                        scroll: false,
                        ..Default::default()
                    },
                );
            }
            _ => {}
        }
        is_open
    });
}
