//! The owner's bound locks: `/Owners/{o}/BoundLocks`, and the sandbox-only lock sync.

use wire::BoundLock;

use super::{ApiClient, ApiError, Query};
use crate::logic::odata::encode_segment as seg;

/// `GET /Owners/{o}/BoundLocks` with OData options and `expand`
/// (`membershipStatistics`, `supportedFeatures`).
pub async fn list(api: &ApiClient, owner: &str, query: &Query) -> Result<Vec<BoundLock>, ApiError> {
    api.get(&format!("/Owners/{}/BoundLocks", seg(owner)), query)
        .await
}

/// `GET /Owners/{o}/BoundLocks/{id}`.
pub async fn get(
    api: &ApiClient,
    owner: &str,
    id: &str,
    query: &Query,
) -> Result<BoundLock, ApiError> {
    api.get(
        &format!("/Owners/{}/BoundLocks/{}", seg(owner), seg(id)),
        query,
    )
    .await
}

/// Sandbox only: `POST /sandbox/Owners/{o}/BoundLocks/{id}/Sync` completes the lock's
/// pending joins and leaves, as a real sync in the field would.
pub async fn simulate_sync(api: &ApiClient, owner: &str, id: &str) -> Result<(), ApiError> {
    let url = format!(
        "{}/sandbox/Owners/{}/BoundLocks/{}/Sync",
        api.origin(),
        seg(owner),
        seg(id)
    );
    api.post_absolute(&url).await
}
