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
