//! Grants: `/Owners/{o}/Grants` (list, create, revoke) and the owner's contacts. A group's
//! grants are also listed through [`super::lock_groups::grants`].

use wire::{Contact, CreateGrant, Grant};

use super::{ApiClient, ApiError, Query};
use crate::logic::odata::encode_segment as seg;

/// `GET /Owners/{o}/Grants` with OData options: every grant of the owner, revoked ones too
/// (filter by `boundLockId` for a lock's or a group's, by `contactId` for a person's).
pub async fn list(api: &ApiClient, owner: &str, query: &Query) -> Result<Vec<Grant>, ApiError> {
    api.get(&format!("/Owners/{}/Grants", seg(owner)), query)
        .await
}

/// `PUT /Owners/{o}/Grants` on a lock or a lock group.
pub async fn create(api: &ApiClient, owner: &str, body: &CreateGrant) -> Result<Grant, ApiError> {
    api.put(&format!("/Owners/{}/Grants", seg(owner)), body)
        .await
}

/// `POST /Owners/{o}/Grants/{id}/Revoke`.
pub async fn revoke(api: &ApiClient, owner: &str, id: &str) -> Result<(), ApiError> {
    api.post_empty(&format!("/Owners/{}/Grants/{}/Revoke", seg(owner), seg(id)))
        .await
}

/// `GET /Owners/{o}/Contacts` with OData options (to search grants by contact).
pub async fn contacts(
    api: &ApiClient,
    owner: &str,
    query: &Query,
) -> Result<Vec<Contact>, ApiError> {
    api.get(&format!("/Owners/{}/Contacts", seg(owner)), query)
        .await
}
