//! The only code that talks HTTP. One typed function per endpoint, grouped by resource.

mod client;
pub mod error;
pub mod grants;
pub mod lock_groups;
pub mod locks;
pub mod memberships;
pub mod owners;
pub mod query;

pub use client::{use_api, ApiClient};
pub use error::ApiError;
pub use query::Query;
