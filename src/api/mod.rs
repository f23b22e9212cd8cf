//! The only code that talks HTTP. One typed function per endpoint, grouped by resource.

mod client;
pub mod grants;
pub mod lock_groups;
pub mod locks;
pub mod memberships;
pub mod owners;
pub mod paging;

pub use crate::logic::api_error::ApiError;
pub use crate::logic::odata::Query;
pub use client::{requests_in_flight, use_api, ApiClient};
