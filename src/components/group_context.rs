//! The lock group a page shows, shared by the page and its tabs (and the state diagram).

use std::future::Future;

use leptos::prelude::*;
use wire::LockGroup;

use crate::api::{use_api, ApiClient};
use crate::components::url_state::use_url_state;
use crate::logic::api_error::ApiError;
use crate::logic::group_overview::Bounded;
use crate::logic::routes::GroupTab;
use crate::logic::url_state::UrlState;

/// The group being shown, shared by the page and its tabs.
#[derive(Clone, Copy)]
pub struct GroupContext {
    pub owner: Memo<String>,
    pub id: Memo<String>,
    /// The group with `statistics` and `supportedFeatures`; `refetch()` after changes.
    pub group: LocalResource<Result<LockGroup, ApiError>>,
    /// The group's active grants, counted up to [`crate::logic::group_overview::COUNT_LIMIT`]
    /// (the Grants tab's count and the Overview's card); `refetch()` after granting or
    /// revoking.
    pub grants: LocalResource<Result<Bounded, ApiError>>,
}

impl GroupContext {
    /// The group's title for file names and messages, its id until the group has loaded
    /// (read without tracking).
    pub fn title_or_id(&self) -> String {
        self.group
            .get_untracked()
            .and_then(Result::ok)
            .map_or_else(|| self.id.get_untracked(), |g| g.title)
    }

    /// A tab's view in its URL, and a callback moving to another view (a history entry
    /// each, so Back walks through them).
    pub fn tab_view<Q: UrlState>(self, tab: GroupTab) -> (Memo<Q>, Callback<Q>) {
        let (view, go) = use_url_state::<Q>(move || {
            tab.path(&self.owner.get_untracked(), &self.id.get_untracked())
        });
        (view, Callback::new(move |q: Q| go.run((q, false))))
    }

    /// A tab's rows: `fetch(api, owner, group, view)`, asked again when the view changes.
    pub fn tab_rows<Q, T, F, Fut>(
        self,
        view: Memo<Q>,
        fetch: F,
    ) -> LocalResource<Result<T, ApiError>>
    where
        Q: UrlState,
        T: 'static,
        F: Fn(ApiClient, String, String, Q) -> Fut + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let api = use_api();
        LocalResource::new(move || fetch(api.clone(), self.owner.get(), self.id.get(), view.get()))
    }
}

pub fn use_group() -> GroupContext {
    use_context::<GroupContext>().expect("GroupContext is provided by LockGroupPage")
}
