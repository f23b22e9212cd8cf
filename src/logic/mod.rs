//! Pure logic, free of the DOM and of HTTP, unit-tested natively.

pub mod routes;
pub mod list_params;
pub mod group_form;
pub mod group_delete;
pub mod diagram_layout;
pub mod membership_state;
pub mod time;
pub mod grants_query;
