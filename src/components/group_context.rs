//! The lock group a page shows, shared by the page and its tabs (and the state diagram).

use leptos::prelude::*;
use wire::LockGroup;

use crate::logic::api_error::ApiError;
use crate::logic::group_overview::Bounded;

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
}

pub fn use_group() -> GroupContext {
    use_context::<GroupContext>().expect("GroupContext is provided by LockGroupPage")
}
