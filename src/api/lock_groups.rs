//! Lock groups: `/Owners/{o}/LockGroups` (list, get, create, patch, delete) and a group's grants.

use wire::{CreateLockGroup, Grant, LockGroup, PatchLockGroup};

use super::{ApiClient, ApiError, Query};
use crate::logic::odata::encode_segment as seg;

fn groups(owner: &str) -> String {
    format!("/Owners/{}/LockGroups", seg(owner))
}

fn group(owner: &str, id: &str) -> String {
    format!("{}/{}", groups(owner), seg(id))
}

/// Expansions the console always wants on a group.
pub const FULL: [&str; 2] = ["statistics", "supportedFeatures"];

/// `GET /Owners/{o}/LockGroups` with OData options and `expand`.
pub async fn list(api: &ApiClient, owner: &str, query: &Query) -> Result<Vec<LockGroup>, ApiError> {
    api.get(&groups(owner), query).await
}

/// `GET /Owners/{o}/LockGroups/{id}?expand=statistics,supportedFeatures`.
pub async fn get(api: &ApiClient, owner: &str, id: &str) -> Result<LockGroup, ApiError> {
    let query = FULL.iter().fold(Query::new(), |q, e| q.expand(e));
    api.get(&group(owner, id), &query).await
}

/// `PUT /Owners/{o}/LockGroups`.
pub async fn create(
    api: &ApiClient,
    owner: &str,
    body: &CreateLockGroup,
) -> Result<LockGroup, ApiError> {
    api.put(&groups(owner), body).await
}

/// `PATCH /Owners/{o}/LockGroups/{id}`: send only the fields that change.
pub async fn patch(
    api: &ApiClient,
    owner: &str,
    id: &str,
    body: &PatchLockGroup,
) -> Result<LockGroup, ApiError> {
    api.patch(&group(owner, id), body).await
}

/// The force options of a delete.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeleteOptions {
    /// Start the leave of every member lock (completes when each lock syncs).
    pub force_unjoin_locks: bool,
    /// Revoke every active grant on the group.
    pub force_revoke_grants: bool,
}

impl DeleteOptions {
    pub fn query(self) -> Query {
        let mut query = Query::new();
        if self.force_revoke_grants {
            query = query.param("forceRevokeGrants", "true");
        }
        if self.force_unjoin_locks {
            query = query.param("forceUnjoinLocks", "true");
        }
        query
    }
}

/// `DELETE /Owners/{o}/LockGroups/{id}` (soft: the group stays readable, inactive).
pub async fn delete(
    api: &ApiClient,
    owner: &str,
    id: &str,
    options: DeleteOptions,
) -> Result<(), ApiError> {
    api.delete(&group(owner, id), &options.query()).await
}

/// `GET /Owners/{o}/LockGroups/{id}/Grants` with OData options.
pub async fn grants(
    api: &ApiClient,
    owner: &str,
    id: &str,
    query: &Query,
) -> Result<Vec<Grant>, ApiError> {
    api.get(&format!("{}/Grants", group(owner, id)), query)
        .await
}

/// How many active grants the group has, counting up to `limit` (one request; only ids
/// are asked for).
pub async fn count_active_grants(
    api: &ApiClient,
    owner: &str,
    id: &str,
    limit: u64,
) -> Result<usize, ApiError> {
    let query = Query::new()
        .filter(Some("active eq true".into()))
        .param("$select", "id")
        .top(limit);
    let rows: Vec<serde::de::IgnoredAny> = api
        .get(&format!("{}/Grants", group(owner, id)), &query)
        .await?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_encode_ids() {
        assert_eq!(groups("1"), "/Owners/1/LockGroups");
        assert_eq!(group("1", "x/y"), "/Owners/1/LockGroups/x%2Fy");
    }

    #[test]
    fn delete_options_become_query_parameters() {
        assert_eq!(DeleteOptions::default().query().to_query_string(), "");
        let both = DeleteOptions {
            force_unjoin_locks: true,
            force_revoke_grants: true,
        };
        assert_eq!(
            both.query().to_query_string(),
            "?forceRevokeGrants=true&forceUnjoinLocks=true"
        );
    }
}
