//! Pure logic, free of the DOM and of HTTP, unit-tested natively.

pub mod routes;
pub mod diagram_layout;
pub mod membership_state;
pub mod time;
