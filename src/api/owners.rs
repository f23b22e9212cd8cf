//! Owner accounts (locking systems): everything else hangs under one.

use wire::Owner;

use super::{ApiClient, ApiError, Query};

/// `GET /Owners`: the owner accounts the signed-in user may manage.
pub async fn list_owners(api: &ApiClient) -> Result<Vec<Owner>, ApiError> {
    api.get("/Owners", &Query::new()).await
}
