//! A group's memberships: `/Owners/{o}/LockGroups/{g}/Memberships`.

use wire::{CreateMembership, Membership};

use super::{paging, ApiClient, ApiError, Query};
use crate::logic::limits::ReadAll;
use crate::logic::odata::encode_segment as seg;

fn memberships(owner: &str, group: &str) -> String {
    format!(
        "/Owners/{}/LockGroups/{}/Memberships",
        seg(owner),
        seg(group)
    )
}

/// `GET .../Memberships` with OData options, `expand` and `includeUnboundLocks` in `query`.
pub async fn list(
    api: &ApiClient,
    owner: &str,
    group: &str,
    query: &Query,
) -> Result<Vec<Membership>, ApiError> {
    api.get(&memberships(owner, group), query).await
}

/// `PUT .../Memberships`: starts the lock's join (completes when the lock syncs).
pub async fn create(
    api: &ApiClient,
    owner: &str,
    group: &str,
    bound_lock_id: &str,
) -> Result<Membership, ApiError> {
    let body = CreateMembership {
        bound_lock_id: Some(bound_lock_id.to_string()),
    };
    api.put(&memberships(owner, group), &body).await
}

/// `DELETE .../Memberships/{id}`: starts the lock's leave (completes when the lock syncs).
pub async fn delete(api: &ApiClient, owner: &str, group: &str, id: &str) -> Result<(), ApiError> {
    let path = format!("{}/{}", memberships(owner, group), seg(id));
    api.delete(&path, &Query::new()).await
}

/// How many of the group's memberships match `filter`, counting up to `limit` (one
/// request; only ids are asked for). Unbound locks are left out, as on the Members tab.
pub async fn count(
    api: &ApiClient,
    owner: &str,
    group: &str,
    filter: String,
    limit: u64,
) -> Result<usize, ApiError> {
    let query = Query::new()
        .filter(Some(filter))
        .param("$select", "id")
        .top(limit);
    let rows: Vec<serde::de::IgnoredAny> = api.get(&memberships(owner, group), &query).await?;
    Ok(rows.len())
}

/// Every membership `query` selects, read as `limit` says (see `paging`).
pub async fn list_all(
    api: &ApiClient,
    owner: &str,
    group: &str,
    query: &Query,
    limit: ReadAll,
) -> Result<Vec<Membership>, ApiError> {
    let all = paging::all_pages(
        limit,
        async |p: Query| {
            let q = Query {
                top: p.top,
                skip: p.skip,
                ..query.clone()
            };
            list(api, owner, group, &q).await
        },
        paging::every_page,
    )
    .await?;
    Ok(all.rows)
}
